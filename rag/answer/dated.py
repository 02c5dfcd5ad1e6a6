"""Of two dates in one sentence, the one the question's own verb comes before; for a day said
relative to the text's own ("today"), the date the sentence gives it.

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
_LED_BY_REACH = 120  # characters: a verb and two short words, and blanks


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
        # The words just before the date: from every letter of a long word before it the pattern
        # read to the word's end (a 20,000-letter word, 3.5 s; session 61's scan of every pattern).
        verb = _LED_BY.search(text, max(sentence[0], m.start() - _LED_BY_REACH), m.start())
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


# A day said relative to when the text was written, which the reader of the answer cannot place.
_RELATIVE_DAY = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening|week))\b", re.I
)
# A date written whole: "2026-03-09", "09/03/2026", "9 March 2026", "March 9, 2026".
_WHOLE_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|{_DAY}\s+(?:{MONTHS})\s+\d{{4}}"
    rf"|(?:{MONTHS})\s+{_DAY},?\s+\d{{4}})\b",
    re.I,
)


def date_of_the_day(question: str, text: str, sentence: tuple[int, int], a: int, b: int) -> tuple[int, int] | None:
    """The date the sentence gives, when the short answer [a, b) to a "when" question says the
    day only as the text's own ("today") and the sentence writes one date whole: "When was the
    fix released?" was answered "3.4.2 today" from "Released in pelicanfs 3.4.2 today
    (2026-03-09)." (a break-it helper's bug thread, session 53). None to keep the short answer."""
    if answer_type(question) != "date" or not _RELATIVE_DAY.search(text, a, b) or _WHOLE_DATE.search(text, a, b):
        return None
    dates = [m for m in _WHOLE_DATE.finditer(text, *sentence) if m.group().lower() not in question.lower()]
    return dates[0].span() if len(dates) == 1 else None
