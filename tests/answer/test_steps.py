"""A "how do I …?" question answered from a step of a numbered list is answered with the list
(rag.answer.steps)."""

from __future__ import annotations

import pytest

from rag.answer.steps import asks_how_to
from tests.helpers import assistant_over

FAQ = (
    "# Help\n\n"
    "## Warranty\n\n"
    "Every hub comes with a 2-year limited warranty that covers manufacturing defects.\n\n"
    "## How do I reset my password?\n\n"
    "1. Open the Brightwave app and tap **Sign in**.\n"
    "2. Tap **Forgot password?** under the password field.\n"
    "3. Enter the email address linked to your account.\n"
    "4. Open the reset email and tap the link within 60 minutes.\n"
    "5. Choose a new password of at least 12 characters.\n\n"
    "If you don't receive the email within 10 minutes, check your spam folder.\n"
)
STEPS = FAQ[FAQ.index("1. Open") : FAQ.index("\n\nIf you")]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "how_to"),
    [
        ("how do i reset my password", True),
        ("How can I reset my password?", True),
        ("What are the steps to reset my password?", True),
        ("How to reset a password?", True),
        ("How long is the warranty?", False),
        ("How many characters must a password have?", False),
    ],
)
def test_a_question_asking_how_to_do_something(question, how_to):
    assert asks_how_to(question) is how_to


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("steps"), {"faq.md": FAQ})


@pytest.mark.integration
@pytest.mark.parametrize("question", ["how do i reset my password", "What are the steps to reset my password?"])
def test_how_to_is_answered_with_every_step_in_order(assistant, question):
    """Was "12 characters — 5. Choose a new password …" (the reader at 89 %), and the steps 5
    then 4 (a break-it helper's FAQ)."""
    answer = assistant.ask(question)
    assert answer.text == STEPS + " [1]" and answer.short_answer is None
    cited = answer.citations[0]
    assert cited.supporting_text() == STEPS
    assert assistant.document_text("faq.md")[cited.start : cited.end] == cited.text


@pytest.mark.integration
def test_a_step_asked_for_alone_is_a_step(assistant):
    answer = assistant.ask("How many characters must a new password have?")
    assert answer.short_answer and "12" in answer.short_answer and len(answer.citations) >= 1
