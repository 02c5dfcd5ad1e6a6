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

from rag.text.days import DAY, DAYS, days_named

__all__ = ["another_weekday", "days_named"]


def another_weekday(question: str, quoted: str) -> str | None:
    """Why the quoted table row does not answer: it names days of the week, and none the question
    asks of (the question writes its days whole: "on Friday", "on Saturdays"). None otherwise."""
    if not quoted.lstrip().startswith("|"):
        return None
    asked = {DAYS.index(m.group(1).lower()) for m in DAY.finditer(question) if m.group(1)}
    held = days_named(quoted)
    if not asked or not held or asked & held:
        return None
    said = " or ".join(DAYS[d].capitalize() for d in sorted(asked))
    if len(held) == 1:
        return f"The row found is for {DAYS[min(held)].capitalize()}, not {said}."
    return f"The row found is for other days than {said}."
