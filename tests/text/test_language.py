"""A question in another language is told apart by its function words (rag/text/language.py)."""

from __future__ import annotations

import pytest

from rag.text.language import other_language
from tests.helpers import assistant_over


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wie viele Urlaubstage bekommt ein Mitarbeiter mit 15 Jahren?", "German"),
        ("¿Cuánto es el alquiler del piso?", "Spanish"),
        ("Quel est le loyer mensuel ?", "French"),
        ("Hoeveel kost de huur?", "Dutch"),
        ("How many days of annual leave does an employee get?", None),
        ("Who is Van Der Berg?", None),  # names of another language in an English question
        ("El Niño effects on Peru", None),  # one function word is not enough
        ("Die Hard release date?", None),
    ],
)
def test_the_language_a_question_seems_written_in(question, language):
    assert other_language(question) == language


@pytest.mark.integration
def test_a_refused_question_in_another_language_says_why(tmp_path):
    """It was refused as if the documents did not say (a break-it helper's German question)."""
    assistant = assistant_over(
        tmp_path,
        {"leave.txt": "Annual leave\n\nEmployees receive 28 days of annual leave after 10 years of service.\n"},
    )
    answer = assistant.ask("Wie viele Urlaubstage bekommt ein Mitarbeiter nach zehn Jahren?")
    assert answer.refused and any("seems to be in German" in n for n in answer.notes), answer.notes
    english = assistant.ask("How many days of annual leave does an employee get after 10 years?")
    assert not english.refused and not any("seems to be in" in n for n in english.notes)
