"""Of two dates in one sentence, the one the question's own verb comes before.

"When does the tenancy at Harbour View Court begin?" over "1.1 The tenancy begins on 1 March 2025
and ends on 28 February 2026 (the "Fixed Term")." was answered "28 February 2026" (the reader at
0.94; a break-it helper's tenancy agreement). When the reader's short answer is one of two or more
dates of its sentence, and the word right before exactly one other date (but for a preposition or
two: "begins on", "ends on") is a word of the question ("begin"), that date is the answer. An
irregular verb the question writes in another form ("began", "begin") leads none, and nothing
changes.
"""

from __future__ import annotations

import re

from rag.index.lexical import terms
from rag.retrieve.evidence import MONTHS, answer_type

_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_VALUE = re.compile(
    rf"\b(?:{_DAY}\s+(?:{MONTHS})(?:,?\s+\d{{4}})?|(?:{MONTHS})\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|(?:{MONTHS})\s+\d{{4}}|(?:1[5-9]|20)\d\d)\b",
    re.I,
)

# The word right before a date, but for a preposition or two: "begins on", "ends on", "opened in
# the". A comma between is a break: in "On September 25, they passed a law, and on October 4,
# …" nothing leads October 4 (the words before it are the first date's).
_LED_BY = re.compile(r"([A-Za-z][\w'’-]*)\s+(?:(?:on|in|at|by|from|until|till|of|the)\s+){0,2}$")


# Words that stand before a date and compare or bound it rather than say what happened then.
_NO_VERB = frozenset("than as since before after until till from to by of about around circa".split())


def governed_date(question: str, text: str, sentence: tuple[int, int], a: int, b: int) -> tuple[int, int] | None:
    """The date of text[sentence] the question's verb leads, when the short answer [a, b) is
    another date of it; None to keep the short answer."""
    if answer_type(question) not in ("date", "year"):
        return None
    dates = list(_DATE_VALUE.finditer(text, *sentence))
    if len(dates) < 2:
        return None
    current = next((m for m in dates if m.start() < b and a < m.end()), None)
    if current is None:
        return None
    asked = set(terms(question))
    led = []
    for m in dates:
        if m.group().lower() in question.lower():
            continue  # a date the question writes is not what it asks ("… more extreme than the one in 2005?")
        verb = _LED_BY.search(text, sentence[0], m.start())
        if (
            verb is not None
            and verb.group(1).lower() not in _NO_VERB
            and (stems := terms(verb.group(1)))
            and stems[-1] in asked
        ):
            led.append(m)
    if len(led) != 1 or led[0] is current:
        return None
    return led[0].span()
