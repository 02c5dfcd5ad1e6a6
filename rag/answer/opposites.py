"""A question that says one thing of what it asks about, answered by a sentence that says the
opposite.

"Who was the youngest actress to be a Bond girl?" was answered "Lucia Sciarra" from "… becoming,
at the age of fifty, the oldest actress to be cast as a Bond girl", "The production faced support
from a variety of what groups?" from "The production faced opposition from …", "Which heapq
function returns the largest item without popping it?" from the line about the smallest (SQuAD
2.0's adversarial questions and the Python docs probe: development data). The sentence matches
every word of the question but one, and that one is its opposite. Only pairs whose words are
opposites wherever they stand (superlatives, public/private, support/opposition); not
before/after, first/last, over/under, which a sentence uses of other things than the question's.

Measured on SQuAD v1.1 train (not a benchmark; gold question, gold sentence): it fires on 34 of
87,599 questions, nearly all of them questions that say the opposite of their paragraph ("Who
supported …" of "… opposed"); the development sets' numbers are in README: Reader, "Near misses that say otherwise".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.index.bm25 import folded

_PAIRS = (
    ("youngest", "oldest"),
    ("younger", "older"),
    ("public", "private"),
    ("support", "opposition"),
    ("supported", "opposed"),
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("earliest", "latest"),
    ("minimum", "maximum"),
    ("highest", "lowest"),
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("longest", "shortest"),
    ("legal", "illegal"),
    ("positive", "negative"),
    ("success", "failure"),
    ("successful", "unsuccessful"),
    ("victory", "defeat"),
    ("accepted", "rejected"),
    ("approved", "rejected"),
    ("imports", "exports"),
    ("imported", "exported"),
    ("male", "female"),
    ("cheapest", "dearest"),
    ("richest", "poorest"),
    ("wealthiest", "poorest"),
    ("best", "worst"),
    ("heaviest", "lightest"),
    ("fastest", "slowest"),
    ("hottest", "coldest"),
    ("warmest", "coldest"),
    ("wettest", "driest"),
    ("tallest", "shortest"),
)
_OPPOSITES: dict[str, frozenset[str]] = {}
for _a, _b in _PAIRS:
    _OPPOSITES[_a] = _OPPOSITES.get(_a, frozenset()) | {_b}
    _OPPOSITES[_b] = _OPPOSITES.get(_b, frozenset()) | {_a}
_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(folded(text))}


def says_the_opposite(question: str, quoted: Sequence[str]) -> str | None:
    """Why the `quoted` texts do not answer `question`: a word of it none of them writes, whose
    opposite one of them does (and the question does not); None otherwise."""
    asked = _words(question)
    said = set().union(*map(_words, quoted)) if quoted else set()
    for word in sorted(asked & _OPPOSITES.keys()):
        if word in said:
            continue
        if opposite := sorted(w for w in _OPPOSITES[word] & said if w not in asked):
            return f"The question says “{word}”; the quoted passage says “{opposite[0]}”."
    return None
