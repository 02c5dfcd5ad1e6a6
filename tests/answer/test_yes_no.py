"""A yes-or-no question is answered by its sentence, with no short answer: the reader marks spans,
and led "Does the warranty cover water damage?" with "water damage" (a break-it helper's
"Did the mayor vote for the closure?" with "Anders Holmqvist")."""

from __future__ import annotations

import pytest

from rag.answer.reading import asks_yes_or_no
from tests.answer.test_lookup import FAQ
from tests.helpers import assistant_over


@pytest.mark.integration
def test_asked_yes_or_no_the_sentence_answers_with_no_short_answer(tmp_path):
    assistant = assistant_over(tmp_path, {"faq.md": FAQ})
    answer = assistant.ask("Does the warranty cover water damage?")
    assert not answer.refused and answer.short_answer is None
    assert answer.text.startswith("It does not cover water damage")
    # A choice offered is no yes or no: its short answer stands.
    assert assistant.ask("How long is the warranty on the Home Hub?").short_answer == "2-year"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Does the warranty cover water damage?", True),
        ("is shipping free for Basic members", True),
        ("Can I pause a Plus membership?", True),
        ("Did inventory go up or down during the quarter?", False),
        ("Can you tell me who chairs the council?", False),
        ("What does the warranty cover?", False),
        ("Isle of Skye ferry times?", False),
        ("Is there a way to file a bug without an account?", False),
    ],
)
def test_which_questions_ask_yes_or_no(question, yes_no):
    assert asks_yes_or_no(question) is yes_no
