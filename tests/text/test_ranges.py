"""A cell that states a band, and the question's quantity in it (rag/text/ranges.py)."""

from __future__ import annotations

import pytest

from rag.text.ranges import band, holds_quantity, in_unit_asked

pytestmark = pytest.mark.unit

Q15 = "How many days of annual leave does an employee with 15 years of service get?"
Q2 = "What is the entitlement with 2 years of service?"


@pytest.mark.parametrize(
    ("cell", "with_15", "with_2"),
    [
        ("Less than 2 years", False, False),  # 2 is not less than 2
        ("2 to 4 years", False, True),
        ("2–4 years", False, True),
        ("5 to 9 years", False, False),
        ("10 years or more", True, False),
        ("Over 5 years", True, False),
        ("5+ years", True, False),
        ("At least 2 years", True, True),
        ("Up to 2 years", False, True),
        ("Under 2 years", False, False),
        ("2 to 4 months", False, False),  # another unit
        ("15 years", False, False),  # a number, no band
        ("Fall 2025", False, False),
        ("Staff with 10 years or more of service are thanked at the annual party.", False, False),  # not a whole cell
    ],
)
def test_a_band_holds_the_quantity_asked(cell, with_15, with_2):
    assert holds_quantity(cell, Q15) is with_15
    assert holds_quantity(cell, Q2) is with_2


def test_bands_and_units():
    assert band("1 to 5 years").unit == "year" and band("Less than 2 years").high == 2
    assert band("3 weeks to 2 months") is None  # two units: no one band
    assert in_unit_asked("Under 1 year", "with 1 year of service") and not in_unit_asked("Under 1 year", "in 2019")
