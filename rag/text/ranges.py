"""A table cell that is a range ("5 to 9 years", "Less than 2 years", "10 years or more") and
whether a quantity the question gives ("with 15 years of service") falls in it.

A leave policy's table gives entitlements by bands of service; "How many days of annual leave does
an employee with 15 years of service get?" quotes no cell, and was answered from the "5 to 9
years" row (a break-it helper's handbook). rag/answer/lookup.py reads the row whose band holds the
question's quantity.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUM = r"(\d+(?:\.\d+)?)"
_UNIT = r"([a-z]+)"
_DASH = r"(?:to|-|–|—|until)"
# Whole cells only: a band is the cell, not a number inside a sentence.
_BETWEEN = re.compile(rf"(?:from\s+|between\s+)?{_NUM}\s*(?:{_UNIT}\s*)?(?:{_DASH}|and)\s*{_NUM}\s*{_UNIT}", re.I)
_BELOW = re.compile(rf"(less than|fewer than|under|below|up to|at most|no more than)\s*{_NUM}\s*{_UNIT}", re.I)
_ABOVE = re.compile(
    rf"(more than|over|above|at least|from)\s*{_NUM}\s*{_UNIT}(\s*(?:and|or)\s*(?:over|more|above))?", re.I
)
_OR_MORE = re.compile(
    rf"{_NUM}\s*+\+?\s*+{_UNIT}\s*(?:or|and)\s*(?:more|over|above|longer|greater)|{_NUM}\+\s*{_UNIT}", re.I
)
# A quantity the question gives: a number, then its unit ("15 years", "3 weeks").
_QUANTITY = re.compile(rf"(?<![\w.,]){_NUM}\s+{_UNIT}\b", re.I)


@dataclass(frozen=True)
class Band:
    """Values v with low < v < high, or equal to an end that is included; in `unit` (singular)."""

    low: float
    high: float
    low_in: bool
    high_in: bool
    unit: str

    def holds(self, value: float, unit: str) -> bool:
        if singular(unit) != self.unit:
            return False
        above = value > self.low or (self.low_in and value == self.low)
        below = value < self.high or (self.high_in and value == self.high)
        return above and below


def singular(unit: str) -> str:
    unit = unit.lower()
    return unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit


def band(cell: str) -> Band | None:
    """The range a whole cell states, or None."""
    cell = cell.strip()
    if m := _BETWEEN.fullmatch(cell):
        low, first_unit, high, unit = m.groups()
        if first_unit is not None and singular(first_unit) != singular(unit):
            return None
        return Band(float(low), float(high), True, True, singular(unit))
    if m := _BELOW.fullmatch(cell):
        word, high, unit = m.groups()
        return Band(-math.inf, float(high), False, word.lower() in ("up to", "at most", "no more than"), singular(unit))
    if m := _OR_MORE.fullmatch(cell):
        value, unit = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        return Band(float(value), math.inf, True, False, singular(unit))
    if m := _ABOVE.fullmatch(cell):
        word, low, unit, more = m.groups()
        return Band(
            float(low), math.inf, word.lower() in ("at least", "from") or more is not None, False, singular(unit)
        )
    return None


def bands_in(text: str) -> list[Band]:
    """The ranges `text` states anywhere ("Overweight bag (23.1kg to 32kg)", "bags up to 10kg"),
    not only as a whole cell."""
    found = []
    for pattern in (_BETWEEN, _BELOW, _OR_MORE, _ABOVE):
        for m in pattern.finditer(text):
            if (b := band(m.group())) is not None:
                found.append(b)
    return found


def quantities(question: str) -> list[tuple[float, str]]:
    """The quantities `question` gives, each a number and its unit word."""
    return [(float(n), u) for n, u in _QUANTITY.findall(question)]


def holds_quantity(cell: str, question: str) -> bool:
    """Does the cell state a range that a quantity of the question falls in?"""
    b = band(cell)
    return b is not None and any(b.holds(v, u) for v, u in quantities(question))


def in_unit_asked(cell: str, question: str) -> bool:
    """Is the cell a band in the unit of a quantity the question gives (held or not)?"""
    b = band(cell)
    return b is not None and any(singular(u) == b.unit for _, u in quantities(question))
