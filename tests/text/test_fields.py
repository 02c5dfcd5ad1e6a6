"""Records written as "Label: value" lines under a name line (rag/text/fields.py)."""

from __future__ import annotations

import pytest

from rag.text.fields import field_at, record_at

CONTACTS = """Supplier contacts

## Lindqvist AB
- Contact: Erik Lindqvist
- **Phone:** +46 8 555 0199
Email: erik@lindqvist.example

The reason we stopped ordering from them for a while in 2021: deliveries came late.
Note: https://example.com/a:b is not a field either.
"""


@pytest.mark.unit
def test_a_block_of_labelled_lines_is_a_record_its_name_line_a_cell_under_no_label():
    row, (start, end) = record_at(CONTACTS, CONTACTS.index("Phone"))
    assert row.header == ("", "Contact", "Phone", "Email")
    assert [CONTACTS[a:b] for a, b in row.cells] == [
        "Lindqvist AB",
        "Erik Lindqvist",
        "+46 8 555 0199",
        "erik@lindqvist.example",
    ]
    assert CONTACTS[start:end].startswith("## Lindqvist AB") and CONTACTS[start:end].endswith(".example")


@pytest.mark.unit
def test_prose_after_a_colon_a_link_and_a_block_of_one_field_are_no_record():
    at = CONTACTS.index("The reason")
    assert field_at(CONTACTS, at) is None  # a label of many words is prose
    assert record_at(CONTACTS, at) is None
    assert record_at(CONTACTS, CONTACTS.index("Note:")) is None  # its block holds one field
    assert record_at(CONTACTS, CONTACTS.index("Supplier")) is None  # no field line
    assert field_at("At 10:30: the meeting.", 0) is None


MINUTES = """Minutes of the Facilities Committee
Greystone Community Library Trust
Date: Tuesday 11 February 2025, 18:30
Location: Reading Room 2, Greystone Central Library
Chair: Beatrix Olumide
The minutes of the meeting held on 14 January 2025 were approved without changes, and the committee thanked the staff.
Decisions
| Action | Owner | Due date |
|---|---|---|
| Sign the roofing contract | Beatrix Olumide | 28 February 2025 |
Next meeting
The next meeting will be held on Tuesday 8 April 2025 at 18:30.
"""


@pytest.mark.unit
def test_a_record_ends_at_a_line_of_prose_with_no_blank_line_between():
    """A Word document's paragraphs stand one per line: the minutes' header block ran on through
    the whole text, its "Next meeting" line and action table among its cells (session 50)."""
    text = MINUTES
    row, (start, end) = record_at(text, text.index("Date:"))
    assert text[start:end] == text[: text.index("\nThe minutes of")]
    assert row.header == ("", "", "Date", "Location", "Chair")


def test_the_next_meeting_is_not_the_minutes_own_date(tmp_path):
    """ "When is the next Facilities Committee meeting?" was answered with the minutes' own "Date:
    Tuesday 11 February 2025, 18:30" (a break-it helper's minutes, session 50)."""
    from tests.helpers import assert_short_answers, assistant_over

    assistant = assistant_over(tmp_path, {"minutes.txt": MINUTES})
    assert_short_answers(
        assistant,
        [
            ("When is the next Facilities Committee meeting?", "Tuesday 8 April 2025"),
            ("Who chaired the Facilities Committee meeting?", "Beatrix Olumide"),
        ],
    )
