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


QBR = """Halden Foods x Brightwater Logistics: quarterly business review

Review period: 1 July – 30 September 2025

Presented on 14 October 2025 at Halden Foods head office, Ripon.

Overall on-time delivery was 97.1% against a target of 98.0%.

Next QBR: Tuesday 20 January 2026, 10:00, Halden Foods head office, Ripon
"""

RESIDENTS_MINUTES = """ELMCROFT GARDENS RESIDENTS' ASSOCIATION
Minutes of the Committee Meeting
held on Tuesday 18 November 2025 at 7.30pm

1. WELCOME AND APOLOGIES
   The Chair welcomed everyone. Apologies from Iain Doyle.

2. TREASURER'S REPORT
   The balance at the end of October was £2,847.16.

9. DATE OF NEXT MEETING
   Tuesday 20 January 2026 at 7.30pm, St Barnabas Church Hall (small room).

The meeting closed at 9.05pm.
"""


def test_the_next_occasion_is_the_one_a_sentence_or_its_section_says_is_next(tmp_path):
    """ "When is the next quarterly business review with Halden Foods?" was answered with the
    review's own period, and "When is the next committee meeting?" with the minutes' own "held on
    Tuesday 18 November 2025"; "Next QBR: …" and the section "9. DATE OF NEXT MEETING" said when
    (a break-it helper's review deck and minutes, session 52)."""
    assistant = assistant_over(tmp_path, {"qbr.md": QBR, "minutes.txt": RESIDENTS_MINUTES})
    qbr = assistant.ask("When is the next quarterly business review with Halden Foods?")
    assert qbr.short_answer == "Tuesday 20 January 2026", qbr.text
    meeting = assistant.ask("When is the next Elmcroft Gardens committee meeting?")
    assert meeting.short_answer.startswith("Tuesday 20 January 2026"), meeting.text
    assert "18 November" not in meeting.text
    # The minutes' own date still answers for the meeting they are of.
    held = assistant.ask("When was the Elmcroft Gardens committee meeting held?")
    assert held.short_answer.startswith("Tuesday 18 November 2025"), held.text
