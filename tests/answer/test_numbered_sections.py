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


MINUTES = """DUNMERE TOWN COUNCIL
Minutes of the Ordinary Meeting of the Full Council held on Tuesday 14 March 2023

23/048 Dunmere Summer Festival
The council agreed to grant £6,500 to the Dunmere Summer Festival, which will be held on the Green on Saturday 8 July 2023. The festival committee expects around 3,000 visitors.

23/049 Town Hall roof
The Town Clerk reported that the survey of the Town Hall roof had found water damage above the Assembly Room. Three quotations had been received for the repairs. It was RESOLVED to accept the quotation of Harrowgate Roofing Ltd for £22,950, because the firm could start work in April. The work is expected to take six weeks.

23/050 Correspondence
A letter was received from the Dunmere Rowing Club thanking the council for its grant of £1,200 towards a new boat store.
"""

DIARY = """Household diary, spring

14/03 Paid the garage for the brakes
The bill came to £340, paid by card at the counter.

15/03 Dentist
Check-up at 9:30 with Dr Amaya.
"""


def test_a_minutes_item_reference_and_title_is_never_the_answer(tmp_path_factory):
    """ "23/049 — 23/049 Town Hall roof [1]" before (a break-it helper's council minutes, session 59):
    the item's heading, its text on the next line."""
    assistant = assistant_over(tmp_path_factory.mktemp("minutes"), {"minutes.txt": MINUTES})
    answer = assistant.ask("Which company will repair the Town Hall roof?")
    assert "23/049" not in answer.text
    assert "23/048" not in assistant.ask("How much did the council grant to the summer festival?").text


def test_a_diarys_dated_line_is_no_minutes_heading(tmp_path_factory):
    """A day and month before a line ("14/03 Paid the garage for the brakes") dates it: it still
    answers when it was done."""
    assistant = assistant_over(tmp_path_factory.mktemp("diary"), {"diary.txt": DIARY})
    answer = assistant.ask("When did I pay the garage for the brakes?")
    assert not answer.refused
    assert "14/03 Paid the garage for the brakes" in answer.text
