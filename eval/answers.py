"""Is the answer right: containment of the required parts or gold strings in the answer.

Our answers are whole sentences, and SQuAD EM of a sentence against a short span is almost always
0, so correctness is a containment check against hand-written required parts (`answer_correct`)
or, for the benchmarks, the gold strings (`gold_answer_in`). SQuAD EM / token F1 themselves are
in rag.text.answers (the reader's held-out metrics use them too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rag.text.answers import ARTICLES
from rag.text.citations import strip_markers

# A comma between digit groups ("1,500", "2,000,000"); removed before punctuation becomes a space
# so "1,500" and "1500" normalise alike instead of "1 500" vs "1500".
_DIGIT_GROUP_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalize_for_match(s: str) -> str:
    """Normalisation for containment checks (answer parts, quoted sentences).

    Differs from SQuAD's `normalize_answer` (rag.text.answers) where containment needs it:
    punctuation (any Unicode P*/S* character, since the corpus has curly quotes and dashes) becomes
    a space rather than vanishing, so "Newton's" still contains the token "newton"; digit-group
    commas are removed first so "1,500" == "1500"; accents are folded so "Pokémon" matches "Pokemon".
    """
    s = _DIGIT_GROUP_COMMA.sub("", s)
    s = unicodedata.normalize("NFKD", s.casefold())
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat == "Mn":  # combining accent left over by NFKD
            continue
        out.append(" " if cat[0] in "PS" else ch)
    s = ARTICLES.sub(" ", "".join(out))
    return " ".join(s.split())


def contains(haystack_norm: str, needle_norm: str) -> bool:
    """Token-boundary containment of normalised strings, so "1500" is not found in "15000"."""
    return bool(needle_norm) and f" {needle_norm} " in f" {haystack_norm} "


def answer_correct(answer_text: str, answer_parts: Sequence[Sequence[str]]) -> bool:
    """True when every required part has at least one variant contained in the answer.

    answer_parts is a conjunction of disjunctions: [["Denver Broncos", "Broncos"], ["24-10"]]
    needs a Broncos mention and the score. Matching is token-boundary containment after
    `normalize_for_match`.
    """
    if not answer_parts:
        raise ValueError("answer_correct needs at least one required part")
    answer = normalize_for_match(strip_markers(answer_text))
    return all(any(contains(answer, normalize_for_match(v)) for v in variants) for variants in answer_parts)


def gold_answer_in(answer_text: str, golds: Sequence[str]) -> bool:
    """Benchmark correctness: any gold answer string is contained in the answer (normalised)."""
    answer = normalize_for_match(strip_markers(answer_text))
    return any(contains(answer, normalize_for_match(g)) for g in golds)
