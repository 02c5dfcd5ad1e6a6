"""Of two values in one sentence, the one the question's qualifier goes with.

"What is the overtime rate on Sundays?" over "Overtime is paid at 1.5 times the hourly rate on
weekdays and 2 times on Sundays and public holidays." was answered "1.5" (the reader at 0.99), and
"What share of total revenue did the Nordic region have in Q3?" over "… fell from 45.8% in Q2 to
44.0% in Q3." with "45.8%" (two break-it helpers found eleven such answers over their invented
reports, handbooks and manuals). The reader, trained on SQuAD's spans, marks the first value of
the kind asked and reads past what qualifies it.

The qualifier is the question's closing phrase ("on Sundays", "in Q3", "with the cradle", "when the
battery is full"). In the sentence each value owns the words after it up to the next clause break
(a comma, a semicolon, "and", "while", "but", "whereas", "compared with") and the words after that
break up to the next value, where a fronted qualifier stands ("In Q2 revenue was $5m, and in Q3 it
was $6m"). When the reader's short answer is one of two or more values, its own words hold a
qualifier opened by the same word as the question's ("on weekdays" against "on Sundays"), and the
question's words are in the part of exactly one other value, that value's part is read again for
the short answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.index.lexical import STOP, terms
from rag.retrieve.evidence import setting_years

# The question's closing phrase: a preposition or "when"/"if" and what follows to the end.
_QUALIFIER = re.compile(
    r"\b(?P<word>in|on|for|during|at|outside|inside|with|without|under|over|after|before|when|if|from|by|per)\s+"
    r"(?P<phrase>[^?,;]+?)\s*[?.!]*\s*$",
    re.I,
)
_WH = re.compile(r"\b(?:who|whom|whose|what|when|where|which|why|how)\b", re.I)
# A value: a number, perhaps signed, with its currency sign before it (not the comma after it:
# "… in 2024, down from …").
_VALUE = re.compile(r"(?<![\w.])[-−–]?[$€£¥]?\d(?:[\d,]*\d)?(?:\.\d+)?%?")
# Where one value's words end and the next one's begin.
_BREAK = re.compile(r",|;|\band\b|\bwhile\b|\bbut\b|\bwhereas\b|\bcompared\s+(?:with|to)\b", re.I)


def qualifier(question: str) -> tuple[str, set[str]] | None:
    """The question's closing phrase: its opening word and its other words, stemmed ("on Sundays"
    -> ("on", {"sunday"})); None when it has none."""
    m = _QUALIFIER.search(question)
    if m is None or _WH.search(m["phrase"]):
        return None
    words = {t for t in terms(m["phrase"]) if t not in STOP}
    return (m["word"].lower(), words) if words else None


def qualifier_terms(question: str) -> set[str]:
    """The stemmed words of the question's closing phrase ("on Sundays" -> {"sunday"})."""
    found = qualifier(question)
    return found[1] if found else set()


@dataclass(frozen=True)
class Owned:
    """A value of a sentence and the stretches of words it owns. Offsets into the sentence."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]


def owned_parts(sentence: str) -> list[Owned]:
    """Each value of the sentence with the words it owns: from its end to the next clause break
    (to the sentence's end after the last value), and from the clause break before it, when one
    stands between it and the value before (the first value: from the sentence's last break
    before it, or its start)."""
    # A year that sets a value's time is no value: "1,150 … were deported in 2024, up from 870 in
    # 2023" has two values, each with its year ("… deported in 2023?" asks for 870; the held-out
    # news stories, session 56: three such answers led with the other year's number).
    settings = setting_years(sentence)
    values = [(m.start(), m.end()) for m in _VALUE.finditer(sentence) if (m.start(), m.end()) not in settings]
    out = []
    # What follows the break before this value: for the first, the sentence's opening clause.
    first = values[0][0] if values else 0
    lead: tuple[int, int] | None = (max([b.end() for b in _BREAK.finditer(sentence, 0, first)], default=0), first)
    for i, (a, b) in enumerate(values):
        nxt = values[i + 1][0] if i + 1 < len(values) else len(sentence)
        brk = _BREAK.search(sentence, b, nxt)
        parts = [(b, brk.start() if brk else nxt)] + ([lead] if lead else [])
        out.append(Owned(a, b, tuple(parts)))
        lead = (brk.end(), nxt) if brk else None
    return out


def qualified_part(question: str, sentence: str, short_start: int, short_end: int) -> tuple[int, int] | None:
    """Where to read the short answer again (offsets into `sentence`: the value the question's
    qualifier goes with, to the end of the words it owns after it), when the short answer at
    [short_start, short_end) is another value, whose words do not hold the qualifier, and
    exactly one value's do; None otherwise."""
    found = qualifier(question)
    if found is None:
        return None
    word, asked = found
    values = owned_parts(sentence)
    if len(values) < 2:
        return None
    chosen = [v for v in values if v.start < short_end and short_start < v.end]
    owners = [v for v in values if asked <= {t for s, e in v.parts for t in terms(sentence[s:e])}]
    if len(chosen) != 1 or len(owners) != 1 or chosen[0] == owners[0]:
        return None
    # The value given has a qualifier of its own, opened by the same word ("on weekdays" against
    # "on Sundays", "in Q2" against "in Q3"): the two values are told apart by it. Without one the
    # phrase is the question's setting ("magnitude … before the eruption" over "1,600 tremors in
    # the 48 hours before the eruption, the strongest measuring magnitude 4.8": "48 hours" was
    # read, on the development news probes).
    if not any(re.search(rf"\b{word}\b", sentence[s:e], re.I) for s, e in chosen[0].parts):
        return None
    owner = owners[0]
    return owner.start, owner.parts[0][1]
