"""A question that says one thing of what it asks about, and a sentence that says the opposite."""

from __future__ import annotations

import pytest

from rag.answer.opposites import says_the_opposite
from tests.helpers import assistant_over


@pytest.mark.parametrize(
    "question, sentence, why",
    [
        # SQuAD 2.0's adversarial questions (development data).
        (
            "Who was the youngest actress to be a Bond girl?",
            "Monica Bellucci joined the cast, becoming, at the age of fifty, the oldest actress to be cast as a Bond girl.",
            "The question says “youngest”; the quoted passage says “oldest”.",
        ),
        (
            "The production faced support from a variety of what groups?",
            "The production faced opposition from a variety of special interest groups.",
            "The question says “support”; the quoted passage says “opposition”.",
        ),
        # The word itself written too, or the question naming both: not the opposite.
        ("Who is the oldest player?", "The oldest player, and the youngest, met on Sunday.", None),
        ("Was the largest or the smallest bid accepted?", "The smallest bid was accepted.", None),
        # Words that are opposites only of some things are left alone.
        ("What happened before the flights were suspended?", "After the ruling, flights were suspended.", None),
    ],
)
def test_a_sentence_that_says_the_opposite(question, sentence, why):
    assert says_the_opposite(question, [sentence]) == why


@pytest.mark.integration
def test_an_answer_from_a_sentence_that_says_the_opposite_is_refused(tmp_path):
    """ "Who was the youngest actress to be a Bond girl?" was answered "Lucia Sciarra" from the
    sentence about the oldest (development data). Refused, saying why, the passage offered; the
    question the sentence answers is answered."""
    page = (
        "Spectre (film)\n\n"
        "Monica Bellucci joined the cast as Lucia Sciarra, becoming, at the age of fifty, the oldest actress "
        "ever to be cast as a Bond girl.\n\n"
        "Filming started in December at Pinewood Studios and took seven months.\n"
    )
    assistant = assistant_over(tmp_path, {"spectre.txt": page})
    other = assistant.ask("Who was the youngest actress ever to be cast as a Bond girl?")
    assert other.refused and other.short_answer is None, other.text
    assert other.notes == ["The question says “youngest”; the quoted passage says “oldest”."]
    assert any("oldest actress" in c.text for c in other.citations)  # offered, to check
    given = assistant.ask("Who was the oldest actress ever to be cast as a Bond girl?")
    assert not given.refused and "Monica Bellucci" in given.text, given.text
