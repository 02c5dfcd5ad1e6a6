"""Numbered sections: a section's title answers nothing, and a clause's number is no short answer
(a break-it helper's IT policy and manual, invented)."""

from __future__ import annotations

import pytest

from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

POLICY = """Acceptable use of IT systems

1. PURPOSE AND SCOPE

1.1 This policy applies to all employees, contractors and temporary staff who use company devices.

2. PASSWORDS AND AUTHENTICATION

2.1 Passwords must be at least 14 characters long.

2.2 Passwords must be changed every 180 days.

2.5 Users must not share passwords with anyone, including IT staff.

4. Warranty and support

The TrackPoint X2 is covered by a 24-month limited warranty from the date of delivery.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("sections"), {"policy.txt": POLICY})


def test_a_numbered_sections_title_is_never_the_answer(assistant):
    """ "4 — 4. Warranty and support [1]" before."""
    answer = assistant.ask("How long is the warranty on the device itself?")
    assert "4. Warranty and support" not in answer.text
    assert answer.short_answer != "4"


def test_a_clauses_number_is_no_short_answer(assistant):
    """ "2.5 — 2.5 Users must not share passwords …" for "Can users share passwords?"."""
    for question in ("Who may users share passwords with?", "What does the policy say about sharing passwords?"):
        answer = assistant.ask(question)
        assert answer.short_answer not in {"2.5", "2.5 Users"}, question
    assert "180 days" in assistant.ask("How often must passwords be changed?").short_answer
