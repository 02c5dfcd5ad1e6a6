"""A number, an ordinal or a month the question gives, which the quoted sentence gives otherwise
for the same thing.

"Who will be given unlimited access to intelligence gathered by Ten Eyes?" was answered "Spectre"
from "… intelligence gathered by Nine Eyes", "Who returned for his eighth appearance as James
Bond?" with "Daniel Craig" from "… his fourth appearance as James Bond", "Filming moved to which
city in late May?" from "… in late March" (SQuAD 2.0's adversarial questions, development data):
the sentence matches every word of the question but one, and that one is a number of the same
thing. Neither the sentence evidence nor the reader tells them apart. The rule is narrow: the
question's number must be written nowhere in the quoted sentences, and one of them must give
another number of the same kind (a count, an ordinal, a decade, a month) right before the same
word ("Ten Eyes" / "Nine Eyes"; for a month, right after the same word: "late May" / "late
March"). Years are rag.answer.years' to judge.

Measured on SQuAD v1.1 train (not a benchmark; gold question, gold sentence): it fires on 0.6% of
the questions that hold such a number, nearly all of them questions whose number the paragraph
gives otherwise ("Convention 183" over "Convention 182"); numbers of the development sets in
README: Reader, "Near misses that say otherwise".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.index.bm25 import folded
from rag.index.lexical import NUMBER_WORDS
from rag.text import ranges

# Counts in words: rag.index.lexical's (two to ninety-nine), and "zero" and "one", which it leaves
# out ("no one") but a count here may be ("one hundred extras").
_COUNT_WORDS = {"zero": 0, "one": 1, **{w: int(n) for w, n in NUMBER_WORDS.items()}}
_TENS = {w: n for w, n in _COUNT_WORDS.items() if n >= 20 and n % 10 == 0 and "-" not in w}
_ORDINALS = {
    word: n
    for n, word in enumerate(
        (
            "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
        ).split()
    )
} | {"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100}
_MONTHS = "january february march april may june july august september october november december".split()
_MAGNITUDES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Words a number stands before that say nothing of what it counts.
_NOT_A_THING = frozenset(
    "of the a an and or in on at to for by with from than per percent % more less over under about times "
    "is was are were be been being has have had will would can could do does did who which that".split()
)
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:,\d\d\d)*(?:\.\d+)?(?:st|nd|rd|th|s)?|\.\d+|%")


@dataclass(frozen=True)
class Quantity:
    """A number as written (`text`), its kind ("count", "ordinal", "decade", "month") and value,
    and the words either side of it (lowercased; "" at an edge). Invariant: `value` is `base`
    times the magnitudes written after it, and `phrase` holds `text`."""

    text: str
    kind: str
    value: float
    before: str
    after: str
    base: float  # the value before a magnitude ("2.3 billion": 2.3)
    phrase: str  # as written with the word it is said of ("Nine Eyes", "late March")


def _value(token: str) -> tuple[str, float] | None:
    t = token.lower()
    if t in _MONTHS and token != "may":  # "Who may vote?"
        return "month", _MONTHS.index(t) + 1
    if m := re.fullmatch(r"(\d[\d,]*)(?:st|nd|rd|th)", t):
        return "ordinal", int(m[1].replace(",", ""))
    if m := re.fullmatch(r"(\d\d\d)0s", t):
        return "decade", int(m[1]) * 10
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?|\.\d+", t):
        if re.fullmatch(r"(?:1[0-9]|20)\d\d", t):
            return None  # a year (rag.answer.years)
        return "count", float(t.replace(",", ""))
    if t in _COUNT_WORDS:
        return "count", _COUNT_WORDS[t]
    tens, _, unit = t.partition("-")
    if tens in _TENS and _ORDINALS.get(unit, 10) < 10:  # "twenty-fourth"
        return "ordinal", _TENS[tens] + _ORDINALS[unit]
    if t in _ORDINALS:
        return "ordinal", _ORDINALS[t]
    return None


def quantities(text: str) -> list[Quantity]:
    """The numbers, ordinals, decades and months `text` writes, a magnitude taken in ("fifteen
    hundred extras": 1,500, before "extras")."""
    tokens = _TOKEN.findall(folded(text))
    out, i = [], 0
    while i < len(tokens):
        found = _value(tokens[i])
        if found is None:
            i += 1
            continue
        kind, value = found
        base, end = value, i + 1
        while kind == "count" and end < len(tokens) and tokens[end].lower() in _MAGNITUDES:
            value *= _MAGNITUDES[tokens[end].lower()]
            end += 1
        before = tokens[i - 1].lower() if i else ""
        after = tokens[end].lower() if end < len(tokens) else ""
        text = " ".join(tokens[i:end])
        phrase = f"{tokens[i - 1]} {text}" if kind == "month" and i else f"{text} {tokens[end]}" if after else text
        out.append(Quantity(text, kind, value, before, after, base, phrase))
        i = end
    return out


def _same_thing(asked: Quantity, given: Quantity) -> bool:
    """`given` is another number of the kind of `asked`, said of the same word (a month: after it)."""
    if given.kind != asked.kind or given.value == asked.value:
        return False
    word, other = (asked.before, given.before) if asked.kind == "month" else (asked.after, given.after)
    return word == other and word not in _NOT_A_THING and word != ""


def _banded(question: str, quoted: Sequence[str]) -> bool:
    """A quoted text states a range in the unit of a quantity the question gives ("10 years or
    more" for "… with 15 years of service?"): the range may hold it (rag.answer.lookup reads it)."""
    units = {ranges.singular(unit) for _, unit in ranges.quantities(question)}
    return bool(units) and any(b.unit in units for text in quoted for b in ranges.bands_in(text))


def another_quantity(question: str, quoted: Sequence[str]) -> str | None:
    """Why the `quoted` sentences do not answer `question`: a number it gives is written in none of
    them, and one of them gives another number of the same kind for the same thing; None otherwise."""
    given = [q for text in quoted for q in quantities(text)]
    if not given or _banded(question, quoted):
        return None
    for asked in quantities(question):
        # Written, perhaps with another magnitude ("10.7 yuan" for "10.7 billion yuan": a slip).
        if any(g.kind == asked.kind and (g.value == asked.value or g.value != g.base == asked.base) for g in given):
            continue
        if other := next((g for g in given if _same_thing(asked, g)), None):
            return f"The question says “{asked.phrase}”; the quoted passage says “{other.phrase}”."
    return None
