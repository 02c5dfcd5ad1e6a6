"""A direct answer to "which came first" comparisons: "Who is older, A or B?" → "A", then the two
cited facts it rests on.

Each compared entity is retrieved alone (rag/retrieve/hops.py finds the pair); its own passage
is read for its year of origin: a year in parentheses ("(born July 14, 1939)", "(1921–2004)")
or right after a word of origin ("formed in 1997", "first published in 1921"). Any other year
(of an event the passage reports) says nothing of age, so it is not used. The question's
direction ("older", "first" → earlier; "younger", "more recent" → later) picks the entity. The
answer is the entity as the question names it, then the sentence holding each year with its own
[n]: each claim is a quote of the passage it cites, so grounding is unchanged. When either passage is not about its entity, or
has no year, or the years tie, there is no direct answer and the reader's answer stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.grounding import SupportedClaim, cited_answer
from rag.types import Answer, ScoredPassage

_EARLIER = re.compile(r"\b(?:older|oldest|earlier|earliest|first|sooner)\b", re.I)
_LATER = re.compile(r"\b(?:younger|youngest|later|latest|newer|newest|more recent|most recent)\b", re.I)
_YEAR = r"\b(1[0-9]{3}|20[0-9]{2})\b"
_ORIGIN = re.compile(
    r"\b(?:born|founded|formed|established|published|released|built|opened|created|launched|"
    r"incorporated|introduced|began|started|debuted)\b[^.;()]{0,40}?" + _YEAR,
    re.I,
)
_IN_PARENTHESES = re.compile(r"\([^()]{0,60}?" + _YEAR + r"[^()]{0,60}\)")
_WORD = re.compile(r"[^\W\d_]{3,}")


def direction(question: str) -> str | None:
    """ "earlier" or "later" when the question asks which of two came first or last."""
    early, late = bool(_EARLIER.search(question)), bool(_LATER.search(question))
    if early == late:
        return None
    return "earlier" if early else "later"


@dataclass(frozen=True)
class Dated:
    """An entity's passage and its year of origin. Invariant: the document text's [start:end],
    the sentence holding the year, lies inside the passage."""

    entity: str
    passage: ScoredPassage
    year: int
    start: int  # offsets of the sentence holding the year, in the document
    end: int


def is_about(entity: str, passage: ScoredPassage) -> bool:
    """The passage names the entity: every word of it (3+ letters) in its title or text."""
    p = passage.passage
    haystack = f"{p.title}\n{p.text}".casefold()
    words = _WORD.findall(entity.casefold())
    return bool(words) and all(w in haystack for w in words)


def dated(entity: str, passage: ScoredPassage, sentence_bounds) -> Dated | None:
    p = passage.passage
    if not is_about(entity, passage):
        return None
    found = [m for m in (_ORIGIN.search(p.text), _IN_PARENTHESES.search(p.text)) if m is not None]
    if not found:
        return None
    m = min(found, key=lambda m: m.start(1))
    a, b = sentence_bounds(p.source, p.start + m.start(1), p.start + m.end(1))
    a, b = max(a, p.start), min(b, p.end)
    return Dated(entity, passage, int(m.group(1)), a, b)


def compare(question: str, pair: tuple[Dated, Dated]) -> Answer | None:
    """The direct answer to a which-came-first question over two dated entities, or None."""
    way = direction(question)
    first, second = pair
    if way is None or first.year == second.year or first.passage.passage.source == second.passage.passage.source:
        return None
    winner, other = (first, second) if (first.year < second.year) == (way == "earlier") else (second, first)
    claims = []
    for i, d in enumerate((winner, other)):
        p = d.passage.passage
        sentence = p.text[d.start - p.start : d.end - p.start].strip()
        lead = f"{winner.entity} — " if i == 0 else ""
        claims.append(SupportedClaim(lead + sentence, d.passage, d.start, d.end))
    answer = cited_answer(question, claims)
    answer.short_answer = winner.entity
    return answer
