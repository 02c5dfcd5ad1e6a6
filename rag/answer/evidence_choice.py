"""Which sentence answers, and whether any does, decided by sentence evidence (the rule the
assistant used before the reader; see README: Reader). The reader still ranks the passages and
cuts the short answer; this decides whether to answer and which sentence to quote, and the
answerability model (rag/answer/answerability.py) then judges the sentence it chose.

The best sentence (rag.retrieve.evidence.sentence_score: meaning, rare words, answer type, rank)
answers; a second joins when it scores nearly as well and brings question words the first lacks.
Refuse when the best score is below `min_support`, when the question names something no passage
holds, when it asks for a person by role and the best sentence names nobody new, or when it asks
"how many" and the best sentence holds no new number, or only measures of another kind. A line
typed at an interactive prompt (">>> ...") is never quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.sentences import is_prompt_line
from rag.retrieve.evidence import (
    ScoredSentence,
    asks_for_person,
    asks_how_many,
    counts_a_measure,
    sentence_score,
)
from rag.retrieve.sections import only_headings
from rag.types import ScoredPassage

# The weights in sentence_score and this bar were fitted on eval/gold/corpus.jsonl (before the
# reader) and checked on SQuAD, which nobody tuned for.
MIN_SUPPORT = 0.51


# A numbered section's title: "4. Warranty and support", "2. PASSWORDS AND AUTHENTICATION", on a
# line of its own with a blank line after it. It names a section and answers nothing: "And how long
# is the warranty on the device itself?" was answered "4 — 4. Warranty and support [1]", "When did
# the Dock C extension start?" with "3" (break-it helpers' manual and minutes). A numbered list's
# steps follow one another with no blank line between, and a clause ends in a full stop.
_SECTION_TITLE = re.compile(r"(?:\d{1,2}\.)+\d{0,2}[ \t]+[^\n.!?:;]{1,70}")


def numbered_heading(s: ScoredSentence) -> bool:
    p = s.passage.passage
    at, end = s.start - p.start, s.end - p.start
    if not _SECTION_TITLE.fullmatch(s.text) or (at > 0 and p.text[at - 1] != "\n"):
        return False
    return end >= len(p.text.rstrip()) or p.text.startswith("\n\n", end) or p.text.startswith("\n\r\n", end)


@dataclass(frozen=True)
class Choice:
    """The sentences to quote, best first (never empty), and where the best one stands."""

    sentences: list[ScoredSentence]
    rank: int  # of the best sentence's passage among the passages
    margin: float  # the best sentence's score over the next best's (its own score when alone)

    @property
    def best(self) -> ScoredSentence:
        return self.sentences[0]


def choose(
    question: str,
    passages: list[ScoredPassage],
    sentences: list[ScoredSentence],
    unknown_names: bool,
    max_sentences: int = 2,
) -> Choice | None:
    """The sentences to quote, best first; None to refuse."""
    rank = {sp.passage.id: i for i, sp in enumerate(passages)}
    # A line typed at an interactive prompt is an example, not a statement: ">>> token_bytes(16)"
    # answered "How many bytes does token_bytes use by default?" (the documentation never says).
    # A passage of only headings is a label: its section's passage is a candidate beside it
    # (rag/retrieve/sections.py), and its heading was the answer ("### `new StringDecoder(…)` [1]").
    scored = sorted(
        (
            (sentence_score(s, rank[s.passage.passage.id]), s)
            for s in sentences
            if s.passage.passage.id in rank
            and not is_prompt_line(s.text)
            and not only_headings(s.passage.passage)
            and not numbered_heading(s)
        ),
        key=lambda ss: ss[0],
        reverse=True,
    )
    if not scored or unknown_names:
        return None
    best_score, best = scored[0]
    if best_score < MIN_SUPPORT:
        return None
    if best.type_ok == 0.0 and asks_for_person(question):
        return None
    if asks_how_many(question) and (best.type_ok == 0.0 or counts_a_measure(question, best.text)):
        # A count answered by no number, or by a distance or a duration ("How many ships were
        # diverted?" - "...140 kilometres to the north"). Invented news probes: 2 of their 9
        # unanswerable questions refused, none of the 25 others; 200-odd "how many" questions of
        # held-out SQuAD train articles: 3 more refused, 2 of them answered wrongly before.
        return None
    margin = best_score - (scored[1][0] if len(scored) > 1 else 0.0)
    chosen = [best]
    covered = set(best.terms)
    for score, s in scored[1:]:
        if len(chosen) >= max_sentences:
            break
        adds_new = bool(set(s.question_terms_hit) - covered)
        if score >= 0.9 * best_score and adds_new:
            chosen.append(s)
            covered |= set(s.terms)
    return Choice(chosen, rank[best.passage.passage.id], margin)
