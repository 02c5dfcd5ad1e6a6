"""Meeting minutes' action items: "Owner: …" and "Due: …" are read with their item."""

from __future__ import annotations

import pytest

from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

MINUTES = """Operations meeting, 9 April 2024

Attendees: Henrik Solberg (chair), Priya Raman, Jonas Berg, Amara Okafor.

Action items
- A3: Update the travel budget forecast. Owner: Priya Raman. Due: 19 April 2024.
- A4: Book the fire drill with the landlord. Owner: Jonas Berg. Due: 30 April 2024.
- A5: Publish the remote work survey summary on the intranet. Owner: Amara Okafor. Due: 26 April 2024.
"""


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Who is responsible for publishing the remote work survey summary?", "Amara Okafor"),
        ("When is the travel budget forecast due?", "19 April 2024"),
    ],
)
def test_an_action_items_owner_and_due_date_answer_for_it(tmp_path_factory, question, short):
    """Answered "intranet" (marked "names no one") before: the owner was a sentence of its own."""
    assistant = assistant_over(tmp_path_factory.mktemp("minutes"), {"minutes.txt": MINUTES})
    answer = assistant.ask(question)
    assert answer.short_answer == short
