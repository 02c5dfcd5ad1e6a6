"""A table's row for another day of the week than the one the question asks of.

"Who is speaking about sea-ice leads on Friday?" was answered "Dr. Amira Kowalczyk" from a
conference programme's row "| Wed | 2025-10-08 | 10:45 | … | Sea-ice lead detection … | Dr. Amira
Kowalczyk | …", sure and unmarked: the talk is on Wednesday, and nothing is said of Friday (a
break-it helper's near miss, session 51). A row is one record, and its day is the record's: a row
that names days of the week and none of those the question names is not the row asked. Ranges and
words for several days count as every day they name ("Mon–Fri", "Monday to Saturday", "weekdays",
"daily"). Only a table's row: a sentence names days for many reasons ("On Sunday he said …").
"""

from __future__ import annotations

import re

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A day written whole (any case), or shortened as timetables write it, capitalised ("Wed",
# "Thurs"; "sun" and "sat" in lower case are words).
_DAY = re.compile(
    r"\b(?:(?i:(monday|tuesday|wednesday|thursday|friday|saturday|sunday))s?"
    r"|(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)(?![\w])"
)
_RANGE_JOIN = r"\s*(?:-|–|—|to|until|through|thru)\s*"
_MANY = re.compile(r"\b(?i:weekdays?|weekends?|daily|every\s+day|7\s+days|seven\s+days|all\s+week)\b")


def _index(m: re.Match) -> int:
    word = (m.group(1) or m.group(2)).lower()
    return next(i for i, day in enumerate(_DAYS) if day.startswith(word[:3]))


def days_named(text: str) -> set[int]:
    """The days of the week (0 Monday … 6 Sunday) a text names, ranges and "weekdays" counted as
    every day they cover."""
    found = list(_DAY.finditer(text))
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


def another_weekday(question: str, quoted: str) -> str | None:
    """Why the quoted table row does not answer: it names days of the week, and none the question
    asks of (the question writes its days whole: "on Friday", "on Saturdays"). None otherwise."""
    if not quoted.lstrip().startswith("|"):
        return None
    asked = {_DAYS.index(m.group(1).lower()) for m in _DAY.finditer(question) if m.group(1)}
    held = days_named(quoted)
    if not asked or not held or asked & held:
        return None
    said = " or ".join(_DAYS[d].capitalize() for d in sorted(asked))
    if len(held) == 1:
        return f"The row found is for {_DAYS[min(held)].capitalize()}, not {said}."
    return f"The row found is for other days than {said}."
