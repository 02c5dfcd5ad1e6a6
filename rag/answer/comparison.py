"""Direct answers to comparison questions, then the two cited facts they rest on:

- which came first: "Who is older, A or B?" → "A";
- the same what: "Are A and B in the same province?" → "No." (each one's province, read by the
  reader model from its own passage with a question of its own: "What is the province of A?");
- both what: "Are A and B both American?" → "Yes." (the words after "both" in each one's passage).

Which-came-first:
Each compared entity is retrieved alone (rag/retrieve/hops.py finds the pair); its own passage
is read for its year of origin: a year in parentheses ("(born July 14, 1939)", "(1921–2004)")
or right after a word of origin ("formed in 1997", "first published in 1921"). Any other year
(of an event the passage reports) says nothing of age, so it is not used. The question's
direction ("older", "first" → earlier; "younger", "more recent" → later) picks the entity. The
answer is the entity as the question names it, then the sentence holding each year with its own
[n]: each claim is a quote of the passage it cites, so grounding is unchanged. When either passage is not about its entity, or
has no year, or the years tie, there is no direct answer and the reader's answer stands.

The same what: the two values are the same when the words of one (the compared noun and stop
words left out) are all in the other ("Jiangsu" and "Jiangsu province, East China"). No direct
answer when either reading is under the reader's calibrated threshold.

Both what: "Yes" when each passage holds every content word of the property (stemmed), "No" when
one does and the other does not; neither: no direct answer (the passages may say it otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.grounding import SupportedClaim, cited_answer
from rag.index.lexical import terms
from rag.reader.model import Reader
from rag.retrieve.evidence import SentenceScorer
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
_YES_NO = re.compile(r"^(?:are|were|is|was|do|does|did|have|has|had|can|could)\b", re.I)
# "the same province", "the same type of music": the compared noun.
_SAME = re.compile(r"\bthe\s+same\s+(?:(?:type|kind|sort|form)\s+of\s+)?(?P<attr>[^\W\d_]+)", re.I)
# "both American", "both members of a rock band": the property each one must have.
_BOTH = re.compile(r"\b(?:both|each)\s+(?P<prop>[^?]+?)\s*\??\s*$", re.I)


def kind(question: str) -> str | None:
    """ "order", "same" or "both": the comparison a question asks for, when we answer it directly."""
    if direction(question) is not None:
        return "order"
    if not _YES_NO.search(question.strip()):
        return None
    if _SAME.search(question):
        return "same"
    if _BOTH.search(question):
        return "both"
    return None


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


def dated(entity: str, passage: ScoredPassage, sentence_in) -> Dated | None:
    p = passage.passage
    if not is_about(entity, passage):
        return None
    found = [m for m in (_ORIGIN.search(p.text), _IN_PARENTHESES.search(p.text)) if m is not None]
    if not found:
        return None
    m = min(found, key=lambda m: m.start(1))
    a, b = sentence_in(p, p.start + m.start(1), p.start + m.end(1))
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


@dataclass(frozen=True)
class Compared:
    """The two entities a comparison question names, and the passages retrieved for each alone."""

    entities: tuple[str, str]
    hits: tuple[list[ScoredPassage], list[ScoredPassage]]


def direct_answer(question: str, compared: Compared, reader: Reader, scorer: SentenceScorer) -> Answer | None:
    """The direct answer to a comparison question, or None (the usual answer then stands)."""
    way = kind(question)
    own = [[sp for sp in hits[:3] if is_about(e, sp)] for e, hits in zip(compared.entities, compared.hits)]
    if way is None or not own[0] or not own[1]:
        return None
    if way == "order":
        found = [
            next((d for sp in hits if (d := dated(e, sp, scorer.sentence_in))), None)
            for e, hits in zip(compared.entities, own)
        ]
        return compare(question, (found[0], found[1])) if found[0] and found[1] else None
    if way == "same":
        return _same(question, compared.entities, own, reader, scorer)
    return _both(question, own, scorer)


def _same(question, entities, own, reader: Reader, scorer: SentenceScorer) -> Answer | None:
    attr = _SAME.search(question).group("attr")
    found, probability = [], 1.0
    for entity, hits in zip(entities, own):
        readings = reader.read_many([(f"What is the {attr} of {entity}?", sp.passage.text) for sp in hits])
        best = max(range(len(hits)), key=lambda i: readings[i].probability)
        r = readings[best]
        if r.span is None or r.probability < reader.threshold:
            return None
        p = hits[best].passage
        value = p.text[r.span.start : r.span.end]
        probability = min(probability, r.probability)
        found.append((hits[best], value, *scorer.sentence_in(p, p.start + r.span.start, p.start + r.span.end)))
    (a, va, *_), (b, vb, *_) = found
    if a.passage.source == b.passage.source:
        return None
    ka, kb = (set(terms(v)) - set(terms(attr)) for v in (va, vb))
    if not ka or not kb:
        return None
    answer = _verdict(question, "Yes" if ka <= kb or kb <= ka else "No", [(sp, s, e) for sp, _, s, e in found])
    answer.confidence = probability  # the verdict is as sure as the less sure of its two readings
    return answer


def _both(question, own, scorer: SentenceScorer) -> Answer | None:
    prop = set(terms(_BOTH.search(question).group("prop")))
    if not prop:
        return None
    found, has = [], []
    for hits in own:
        sp = hits[0]
        p = sp.passage
        # The sentence holding most of the property's words (the first one on a tie).
        best, best_hits = (p.start, p.start), -1
        for a, b in scorer.sentences_in(p.source, p.start, p.end):
            n = len(prop & set(terms(p.text[a - p.start : b - p.start])))
            if n > best_hits:
                best, best_hits = (a, b), n
        if best_hits < 0:  # no indexed sentence in the passage: nothing to quote
            return None
        found.append((sp, *best))
        has.append(prop <= set(terms(p.text)))
    if found[0][0].passage.source == found[1][0].passage.source or not any(has):
        return None
    return _verdict(question, "Yes" if all(has) else "No", found)


def _verdict(question: str, verdict: str, found: list[tuple[ScoredPassage, int, int]]) -> Answer:
    """ "No." then each side's sentence with its own [n]. The verdict is a sentence of its own with
    no marker: it is drawn from both passages and quoted from neither, so it cites nothing, and
    every marker still follows a quote of the passage it points at."""
    claims = []
    for sp, a, b in found:
        p = sp.passage
        claims.append(SupportedClaim(p.text[a - p.start : b - p.start].strip(), sp, a, b))
    answer = cited_answer(question, claims)
    answer.text = f"{verdict}. {answer.text}"
    answer.short_answer = verdict
    return answer
