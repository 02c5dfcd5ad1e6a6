"""A model's reply, grounded, then read back by the reader (QueryPath.read_back): replies written
by hand over a real index, the real reader reading them; no model involved."""

from __future__ import annotations

import pytest

from rag.answer import UNSURE
from rag.answer.llm.support import Support, ground_reply
from rag.assistant import Assistant
from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

NOTES = "The main server IP is 10.0.0.5 and it runs the database. The backup server IP is 10.0.0.6.\n"


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("notes"), {"servers.txt": "Network notes\n\n" + NOTES})


def grounded(assistant: Assistant, question: str, reply: str):
    ranked = assistant.path.rank(question, None, 5)
    support = Support(assistant.path.scorer.stats)
    answer = ground_reply(question, reply, ranked.shown, ranked.shown_sentences, support)
    return assistant.path.read_back(question, answer)


def test_a_reply_that_says_another_servers_value_is_not_supported(notes):
    """ "The backup server IP is 10.0.0.5 [1]" passed the words check (its one new word, the
    number, is in the main server's sentence) and took the reader's 0.91 for "10.0.0.6" as its
    own confidence, with no note; session 19 doubted it (a note), and since session 20 the main
    server's sentence supports no claim about the backup server (it lacks "backup", which the
    backup server's sentence holds with the rest of what was asked): refused."""
    wrong = grounded(notes, "What is the backup server IP?", "The backup server IP is 10.0.0.5 [1].")
    assert wrong.refused and "10.0.0.5" not in wrong.text, wrong.text
    right = grounded(notes, "What is the backup server IP?", "The backup server IP is 10.0.0.6 [1].")
    assert right.confidence >= notes.path.reader.threshold and not right.notes


def test_a_denial_is_not_supported_by_the_statement_it_denies(notes):
    """ "The main server IP is not 10.0.0.5 [1]" was kept, cited to the sentence that says it is."""
    denied = grounded(notes, "What is the main server IP?", "The main server IP is not 10.0.0.5 [1].")
    assert denied.refused, denied.text
    kept = grounded(notes, "What is the main server IP?", "The main server IP is 10.0.0.5 [1].")
    assert not kept.refused and "10.0.0.5" in kept.text


def test_a_number_the_reply_says_only_by_its_marker_is_not_said(tmp_path):
    """ "2 guards work at night [1]." cited to "Only 1 guard works at night." kept the reader's
    0.99 for "1" and no note: the marker [1] counted as the reply saying "1". (Since session 20
    grounding itself drops that claim: the sentence with its "2" is about the day shift; a
    reply that names no shift, "There are 2 [1].", still reaches the read-back.)"""
    guards = assistant_over(
        tmp_path,
        {
            "guards.txt": "Site security\n\nOnly 1 guard works at night. During the day 2 guards patrol the gate.\n",
            "garden.txt": "Garden notes\n\nThe roses are pruned in March and the lawn is cut weekly.\n",
        },
    )
    assert grounded(guards, "How many guards work at night?", "2 guards work at night [1].").refused
    wrong = grounded(guards, "How many guards work at night?", "There are 2 [1].")
    assert not wrong.refused and wrong.confidence < 0.5, (wrong.text, wrong.confidence)
    assert any(n.startswith(UNSURE) and "“1”" in n for n in wrong.notes), wrong.notes


def test_a_reply_for_another_year_than_the_one_asked_is_refused(tmp_path):
    """A model's reply quoting a sentence about 2024 for a question about 2023, of a document that
    never speaks of 2023, is refused, as the extractive answer is (rag.answer.years)."""
    trade = assistant_over(
        tmp_path,
        {"trade.txt": "Wine trade\n\nValdonia's wine exports to Marekh were worth 420 million marks in 2024.\n"},
    )
    question = "What were Valdonia's wine exports to Marekh worth in {}?"
    other = grounded(trade, question.format(2023), "They were worth 420 million marks [1].")
    assert other.refused and other.notes == [
        "The quoted documents never speak of 2023; the quoted sentence gives its fact for another year."
    ], other.notes
    same = grounded(trade, question.format(2024), "They were worth 420 million marks [1].")
    assert not same.refused and not any("the question asks about" in n for n in same.notes)
