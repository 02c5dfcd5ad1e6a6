"""The reader's veto (Settings.reader_veto): in the default `checked` mode, an answer the reader
doubts is refused when the reader reads none of the top passages above its veto point (the
point of its held-out calibration curve that keeps 99% of the texts that answer)."""

from __future__ import annotations

import pytest

from rag.reader.model import Reader
from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

# An invented story: it says who designed the bridge and when it opened, never who built it or
# paid for it.
FILES = {
    "bridge.txt": "Varnholt opens its new harbour bridge\n\n"
    "The Varnholt harbour bridge opened to traffic on 14 June 1962, after four years of work.\n\n"
    "It was designed by the engineer Lise Ormberg, who also drew the plans for the town's ferry terminal.\n\n"
    "The mayor of the neighbouring town of Kessa, Arno Dahl, cut the ribbon at the opening ceremony.\n\n"
    "The bridge carries two lanes of traffic and a footpath across the harbour mouth.\n",
    "market.txt": "Fish market moves to the quay\n\n"
    "The Varnholt fish market moved from the old square to the quay in 1975. Traders sell cod, "
    "herring and crab there every morning except Sunday.\n",
}
# "Which company built …?" was the near miss here until session 55, when the default came to
# refuse it on its own ("four years of work" names no firm: rag.answer.persons.no_firm_note);
# "who paid for" it the default answers with a doubted sentence, as the veto is for.
NEAR_MISS = "Who paid for the Varnholt harbour bridge?"
NO_FIRM = "Which company built the Varnholt harbour bridge?"
ANSWERED = {
    "Who designed the Varnholt harbour bridge?": "Lise Ormberg",
    "When did the Varnholt harbour bridge open?": "1962",
}


@pytest.fixture(scope="module")
def veto() -> float:
    return Reader.shipped().veto


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    root = tmp_path_factory.mktemp("veto")
    (root / "off").mkdir()
    (root / "on").mkdir()
    return assistant_over(root / "off", FILES), assistant_over(root / "on", FILES, reader_veto=True)


def test_off_by_default_the_evidence_answers_the_near_miss_with_a_sentence_the_reader_doubts(pair, veto):
    off, _ = pair
    answer = off.ask(NEAR_MISS)
    assert not answer.refused and answer.citations
    assert answer.confidence < veto  # the reader is sure it does not answer


def test_a_company_the_story_never_names_is_refused_with_or_without_the_veto(pair):
    off, on = pair
    assert off.ask(NO_FIRM).refused and on.ask(NO_FIRM).refused


def test_the_veto_refuses_it_and_offers_the_closest_passages(pair, veto):
    _, on = pair
    answer = on.ask(NEAR_MISS)
    assert answer.refused and answer.text.startswith("I couldn't find this")
    assert answer.confidence < veto and "reads none of the closest passages" in answer.notes[0]
    assert answer.citations and answer.citations[0].source == "bridge.txt"


def test_the_veto_keeps_the_answers_the_documents_give(pair):
    off, on = pair
    for question, expected in ANSWERED.items():
        a, b = off.ask(question), on.ask(question)
        assert not b.refused and expected in b.text and b.text == a.text
