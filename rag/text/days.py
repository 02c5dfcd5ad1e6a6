"""The days of the week a text names, its ranges ("Mon–Fri", "Monday to Saturday") and words for
several days ("weekdays", "daily") counted as every day they cover: for a table row's day
(rag.answer.weekdays), a column's (rag.answer.lookup.day_column), and a day a question names that
the passages give in a range (rag.retrieve.evidence: "Tuesday" of "Monday to Friday" is no unknown
name)."""

from __future__ import annotations

import re

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A day written whole (any case), or shortened as timetables write it, capitalised ("Wed",
# "Thurs"; "sun" and "sat" in lower case are words).
DAY = re.compile(
    r"\b(?:(?i:(monday|tuesday|wednesday|thursday|friday|saturday|sunday))s?"
    r"|(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)(?![\w])"
)
_RANGE_JOIN = r"\s*(?:-|–|—|to|until|through|thru)\s*"
_MANY = re.compile(r"\b(?i:weekdays?|weekends?|daily|every\s+day|7\s+days|seven\s+days|all\s+week)\b")


def _index(m: re.Match) -> int:
    word = (m.group(1) or m.group(2)).lower()
    return next(i for i, day in enumerate(DAYS) if day.startswith(word[:3]))


def days_named(text: str) -> set[int]:
    """The days of the week (0 Monday … 6 Sunday) a text names, ranges and "weekdays" counted as
    every day they cover."""
    found = list(DAY.finditer(text))
    days = {_index(m) for m in found}
    for a, b in zip(found, found[1:]):
        if re.fullmatch(_RANGE_JOIN, text[a.end() : b.start()], re.I):
            first, last = _index(a), _index(b)
            days |= {(first + k) % 7 for k in range((last - first) % 7 + 1)}
    for m in _MANY.finditer(text):
        word = m.group().lower()
        days |= (
            {5, 6} if word.startswith("weekend") else {0, 1, 2, 3, 4} if word.startswith("weekday") else set(range(7))
        )
    return days
