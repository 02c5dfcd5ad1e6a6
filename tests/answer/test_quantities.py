"""A number, an ordinal or a month the question gives, which the quoted sentence gives otherwise
for the same thing."""

from __future__ import annotations

import pytest

from rag.answer.quantities import another_quantity, quantities
from tests.helpers import assistant_over


def test_the_numbers_a_text_writes():
    found = [(q.kind, q.value, q.after) for q in quantities("Over fifteen hundred extras joined in late March.")]
    assert found == [("count", 1500, "extras"), ("month", 3, "")]
    assert [(q.kind, q.value) for q in quantities("his twenty-fourth film, the 3rd of 1,200 in the 1990s")] == [
        ("ordinal", 24),
        ("ordinal", 3),
        ("count", 1200),
        ("decade", 1990),
    ]
    assert quantities("It opened in 2015.") == []  # a year: rag.answer.years


@pytest.mark.parametrize(
    "question, sentence, why",
    [
        # SQuAD 2.0's adversarial questions (development data): the same thing, another number.
        (
            "Who will be given unlimited access to intelligence gathered by Ten Eyes?",
            "In return Spectre will be given unlimited access to intelligence gathered by Nine Eyes.",
            "The question says “Ten Eyes”; the quoted passage says “Nine Eyes”.",
        ),
        (
            "Who returned for his eighth appearance as James Bond?",
            "Daniel Craig returned for his fourth appearance as James Bond.",
            "The question says “eighth appearance”; the quoted passage says “fourth appearance”.",
        ),
        (
            "Filming moved to which city in late May?",
            "Production moved to Mexico City in late March to shoot the opening sequence.",
            "The question says “late May”; the quoted passage says “late March”.",
        ),
        (
            "Over one hundred extras were hired for what?",
            "In February 2015 over fifteen hundred extras were hired for the pre-title sequence.",
            "The question says “one hundred extras”; the quoted passage says “fifteen hundred extras”.",
        ),
        # The number written, in words or digits, or with another magnitude (a slip of the question).
        ("Who has 10 Eyes?", "Spectre controls Ten Eyes, and nine other networks.", None),
        ("What group donated the 10.7 yuan?", "The Chinese public donated 10.7 billion yuan.", None),
        # Another number of something else, or a word that says nothing of what is counted.
        ("Who tells Bond he has five minutes?", "Blofeld has three men and two hours.", None),
        ("Which of the five boroughs voted first?", "One of the boroughs, Queens, voted first.", None),
        ("How many films did he make in 2015?", "He made three films in 2014.", None),  # years: not here
        # A range in the unit asked may hold the number (rag.answer.lookup reads the row).
        ("How many days of leave does an employee with 15 years of service get?", "| 10 years or more | 28 |", None),
    ],
)
def test_another_number_of_the_same_thing(question, sentence, why):
    assert another_quantity(question, [sentence]) == why


@pytest.mark.integration
def test_an_answer_that_gives_another_number_of_the_thing_asked_is_refused(tmp_path):
    """ "Who returned for his eighth appearance as James Bond?" was answered "Daniel Craig" from
    "… his fourth appearance as James Bond" (SQuAD 2.0's adversarial questions on a SQuAD train
    article, development data). Refused, saying why, the passage offered; the number the page
    gives is answered."""
    page = (
        "Spectre (film)\n\n"
        "Spectre is a spy film produced by Eon Productions. Daniel Craig returned for his fourth "
        "appearance as James Bond, while Ralph Fiennes and Naomie Harris reprised their roles.\n\n"
        "Filming started in December at Pinewood Studios and took seven months.\n"
    )
    assistant = assistant_over(tmp_path, {"spectre.txt": page})
    other = assistant.ask("Who returned for his eighth appearance as James Bond?")
    assert other.refused and other.short_answer is None, other.text
    assert other.notes == ["The question says “eighth appearance”; the quoted passage says “fourth appearance”."]
    assert any("fourth appearance" in c.text for c in other.citations)  # offered, to check
    given = assistant.ask("Who returned for his fourth appearance as James Bond?")
    assert not given.refused and given.short_answer == "Daniel Craig", given.text
