"""Another document that answers otherwise.

An extractive answer quotes one document; a folder often holds two that disagree (a superseded
leaflet and its correction, a configuration reference and a stale note, a planted file: a
break-it helper's "The default value of retry_limit is PWNED-42" was answered as fact, with
nothing said of the reference that gives 5). The answer stays as it is; the user is told where
the documents disagree, so that they can check both.

A rival is a sentence of a document the answer does not cite that would itself be good enough
to quote (the evidence's bar, MIN_SUPPORT, with the same score) and says what the answer's
sentence says of the question: the answer's sentence holds every word the question asks about
(its words but its wh-phrase), the rival holds them too, its passage says every name of the
question the answer's passage says, and it holds the kind of value asked for. The reader reads
it, and when it is sure (its own calibrated threshold) of a short answer that shares no word with
the answer's, the answer gets a note. Values only: both short answers are a few words and hold a
number, or the question asks for a typed value (a count, a date, a name).

On the development sets (18 of them, 1,600-odd questions, none written with two documents that
disagree) a first version that asked less (every name of the question both documents say, no
words of the question) noted 33 answers, nearly all with a sentence about something else
("Treaty of Adrianople (1829)" for "When did the Battle of Adrianople occur?", another
country's prime minister). Asking both sentences to hold what the question asks about left two,
both SQuAD questions that name no subject ("What year was the agreement signed?", "What percent of
the population is muslim?"), which another document's sentence answers as asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.answer import UNSURE
from rag.answer.evidence_choice import MIN_SUPPORT
from rag.ingest.sentences import asks
from rag.reader.model import Reading
from rag.retrieve.evidence import ScoredSentence, asked_names, asked_terms, sentence_score
from rag.types import Answer, ScoredPassage

# Rivals read per answer: each is one more pass of the reader (~13 ms a window here).
MAX_RIVALS = 2
# A value is a few words; a longer span is a description, which two documents word differently.
MAX_VALUE_WORDS = 4
_STOP = frozenset("a an the of in on at to and or for by from with about some around".split())
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class Rival:
    """A sentence of another document, and the short answer the reader is sure it gives there
    (rival.sentence.text holds it)."""

    sentence: ScoredSentence
    short_answer: str
    probability: float

    @property
    def source(self) -> str:
        return self.sentence.passage.passage.source


def value_words(short: str) -> frozenset[str]:
    """The words a short answer's value is in: lower-cased, digit groups joined ("4,200" is
    "4200"), without function words."""
    joined = re.sub(r"(?<=\d)[,\u202f\u00a0](?=\d{3}\b)", "", short.lower())
    return frozenset(w for w in re.findall(r"[\w.%$€£-]+", joined) if w.strip(".-") and w not in _STOP)


def disagree(one: str, other: str) -> bool:
    """Two short answers that give different values: each a few words, no word in common."""
    a, b = value_words(one), value_words(other)
    if not a or not b or len(one.split()) > MAX_VALUE_WORDS or len(other.split()) > MAX_VALUE_WORDS:
        return False
    return not (a & b)


def rivals(
    question: str,
    answer: Answer,
    passages: Sequence[ScoredPassage],
    sentences: Sequence[ScoredSentence],
) -> list[ScoredSentence]:
    """The sentences of documents `answer` does not cite that the evidence would quote too and
    that speak of what the answer's sentence does (every word of the question it holds, and
    every name of the question its passage says), best first, at most MAX_RIVALS."""
    cited = {c.source for c in answer.citations}
    quoted = {c.supporting_text() for c in answer.citations}
    own = next((s for s in sentences if s.text in quoted and s.passage.passage.source in cited), None)
    if own is None or not asked_terms(question) <= set(own.question_terms_hit):
        return []
    rank = {sp.passage.id: i for i, sp in enumerate(passages)}
    named = _names_held(question, own.passage.passage.text)
    scored = []
    for s in sentences:
        p = s.passage.passage
        if p.source in cited or p.id not in rank or s.type_ok == 0.0 or asks(s.text) or s.text in quoted:
            continue
        if not set(own.question_terms_hit) <= set(s.question_terms_hit):
            continue
        score = sentence_score(s, rank[p.id])
        if score >= MIN_SUPPORT and named <= _names_held(question, p.text):
            scored.append((score, s))
    scored.sort(key=lambda t: t[0], reverse=True)
    return [s for _, s in scored[:MAX_RIVALS]]


def _names_held(question: str, text: str) -> frozenset[str]:
    """The names of `question` (its capitalised words past the first) that `text` says."""
    return frozenset(n for n in asked_names(question) if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, re.I))


def disagreeing(
    question: str,
    answer: Answer,
    candidates: list[ScoredSentence],
    short_in: Callable[[str, ScoredSentence], tuple[Reading, str | None]],
    threshold: float,
) -> Rival | None:
    """The first candidate the reader is sure gives another value than `answer`'s short answer.
    `short_in(question, sentence)`: the reader's reading of the sentence's passage and its short
    answer inside the sentence (ReaderAnswerer.short_in)."""
    own = answer.short_answer
    if answer.refused or not own:
        return None
    for s in candidates:
        reading, short = short_in(question, s)
        if short is None or reading.probability < threshold or not disagree(own, short):
            continue
        if s.type_ok < 1.0 and not (_DIGITS.search(own) and _DIGITS.search(short)):
            continue  # no typed value asked for, and not two numbers
        return Rival(s, short, reading.probability)
    return None


def note(rival: Rival, limit: int = 200) -> str:
    quoted = rival.sentence.text if len(rival.sentence.text) <= limit else rival.sentence.text[: limit - 1] + "…"
    return (
        f"{UNSURE} another document answers otherwise: {rival.source} says “{rival.short_answer}” "
        f"(“{quoted}”). Check both."
    )
