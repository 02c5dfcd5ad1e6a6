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
