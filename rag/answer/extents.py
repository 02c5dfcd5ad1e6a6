"""A "how long" short answer is a time or a length: "45 minutes", not "−25" of "Cold store
(−25 °C) | … | Maximum 45 minutes per entry", nor "March" of "the first stretch, finished in March,
runs 40 km".

The reader's span is kept when it holds a time or a length ("two weeks", "610 metres", "35–40
minutes", "a decade"); when it holds none, the one its line gives instead (the line of a table's
row; in prose the line up to the end of the chosen sentence). With none there, or more than one,
the reader's span stands: which of two the question asks is the reader's to say.
"""

from __future__ import annotations

import re

from rag.index.lexical import NUMBER_WORDS

HOW_LONG = re.compile(r"^\W*(?:and\s+|so\s+)?how\s+long\b", re.I)
_AMOUNT = (
    r"(?:\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?|an?|one|half\s+an?|a\s+few|several|"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
_UNIT = (
    r"(?:seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|wks?|months?|years?|yrs?|decades?"
    r"|centuries|century|mm|cm|m|km|kilometres?|kilometers?|metres?|meters?|miles?|feet|foot|ft|inch(?:es)?|yards?)"
)
# A time or a length: an amount and its unit ("45 minutes", "2-3 days", "eleven days", "8.5 h").
# Words between an amount and its unit: "two full working days", "ten business days".
_KIND = r"(?:(?:full|clear|whole|working|business|calendar|consecutive|school|bank)[\s-]+){0,2}"
EXTENT = re.compile(rf"(?<![\w.,]){_AMOUNT}[\s-]*{_KIND}{_UNIT}(?![\w])", re.I)


def extent_asked(question: str, text: str, a: int, b: int, limit: int) -> tuple[int, int]:
    """For "How long …?", the short answer text[a:b], or the one time or length on its line
    (to `limit`) when it holds none (see the module)."""
    if b <= a or HOW_LONG.match(question) is None or EXTENT.search(text, a, b) is not None:
        return a, b
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = min(limit, len(text) if line_end == -1 else line_end)
    found = list(EXTENT.finditer(text, line_start, line_end))
    if len(found) != 1:
        return a, b
    return found[0].start(), found[0].end()
