"""A "how much" short answer keeps its unit: "1.8 billion marks", not "1.8 billion".

The reader, trained on SQuAD, often stops before a unit it has not seen: on the held-out invented
news stories it answered "41,200" for "41,200 lorens", "1.3 million" for "1.3 million marks" (11
of its 42 answers that quoted the right sentence but were not exact). SQuAD v1.1 train says what
to do: cut each "how much" answer at every word that ends in a number, as if the reader had
stopped there, and take on the scale word and the unit after it by the rule below; 417 of the cut
answers become the annotators' answer exactly and 133 come closer, while 23 of the 412 answers
that do end in a bare number get a word they did not have ("25 [percent]", "5.4 billion [went]").
Not for "how many": there SQuAD's answers leave the counted noun out ("950 [businesses]": 2,027
times, against 290 that keep it).
"""

from __future__ import annotations

import re

from rag.index.lexical import STOP
from rag.retrieve.evidence import CURRENCY_SIGNS

HOW_MUCH = re.compile(r"\bhow much\b", re.I)
_SCALE = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_ENDS_IN_NUMBER = re.compile(rf"(?:\d|\b(?:{'|'.join(_SCALE)}))$", re.I)
_CURRENCY = re.compile(f"[{re.escape(CURRENCY_SIGNS)}]")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)\b")
# Words after an amount that are no unit of it ("83 million from", "60 million more").
_NOT_UNITS = STOP | frozenset(
    "from more less than per each over under about after before since during through throughout "
    "annually yearly respectively worth were has have had".split()
)


def with_unit(question: str, text: str, start: int, end: int, limit: int) -> int:
    """The end of the short answer text[start:end] to a "how much" question, taken on over the
    scale word and the unit that follow a bare number ("1.8" -> "1.8 billion marks"), never past
    `limit` (the end of its sentence or passage). Other answers end where they did."""
    if not HOW_MUCH.search(question) or not _ENDS_IN_NUMBER.search(text[start:end]):
        return end
    m = _next_word(text, end, limit)
    while m and m.group(1).lower() in _SCALE:  # "$3.5" -> "$3.5 million"
        end = m.end()
        m = _next_word(text, end, limit)
    # A currency sign is the unit already: "$3.5 million [settlement]".
    if m and m.group(1).islower() and m.group(1) not in _NOT_UNITS and not _CURRENCY.search(text[start:end]):
        return m.end()
    return end


def _next_word(text: str, at: int, limit: int) -> re.Match | None:
    """The word right after text[:at], when it ends by `limit`."""
    m = _NEXT_WORD.match(text, at)
    return m if m and m.end() <= limit else None
