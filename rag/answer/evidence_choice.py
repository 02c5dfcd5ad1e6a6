"""Which sentence answers, and whether any does, decided by sentence evidence (the rule the
assistant used before the reader; see README: Reader). The reader still ranks the passages and
cuts the short answer; this decides whether to answer and which sentence to quote, and the
answerability model (rag/answer/answerability.py) then judges the sentence it chose.

The best sentence (rag.retrieve.evidence.sentence_score: meaning, rare words, answer type, rank)
answers; a second joins when it scores nearly as well and brings question words the first lacks.
Refuse when the best score is below `min_support`, when the question names something no passage
holds, when it asks for a person by role and the best sentence names nobody new, or when it asks
"how many" and the best sentence holds no new number, or only measures of another kind. A line
typed at an interactive prompt (">>> ...") is never quoted, nor a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.envelope import states_nothing_asked
from rag.index.lexical import terms
from rag.ingest.sentences import asks, is_prompt_line
from rag.retrieve.evidence import (
    ScoredSentence,
    answer_type,
    asks_for_person,
    asks_how_many,
    counts_a_measure,
    sentence_score,
)
from rag.retrieve.sections import CAPS_TITLE, only_headings
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
# A minute's reference and title, "23/049 Town Hall roof", a council's item heading with its text on
# the next line: "Which company will repair the Town Hall roof?" was answered "23/049 — 23/049 Town
# Hall roof [1]" (a break-it helper's minutes, session 59). No list numbers so; a diary's date
# ("14/03 Paid the rent £500", "12/25 Christmas dinner") is no reference, and a title has no digits.
_MINUTE_TITLE = re.compile(r"(\d{2,4})/(\d{2,4})[ \t]+[^\n\d.!?:;]{1,70}")


def _minute_title(text: str) -> bool:
    m = _MINUTE_TITLE.fullmatch(text)
    if m is None:
        return False
    a, b = int(m.group(1)), int(m.group(2))
    return not (a <= 31 and b <= 12 or a <= 12 and b <= 31)


def numbered_heading(s: ScoredSentence) -> bool:
    p = s.passage.passage
    at, end = s.start - p.start, s.end - p.start
    if at > 0 and p.text[at - 1] != "\n":
        return False
    if _minute_title(s.text):
        return end >= len(p.text.rstrip()) or p.text.startswith("\n", end) or p.text.startswith("\r\n", end)
    if not _SECTION_TITLE.fullmatch(s.text):
        return False
    return end >= len(p.text.rstrip()) or p.text.startswith("\n\n", end) or p.text.startswith("\n\r\n", end)


_BARE_YES_OR_NO = re.compile(r"\W*(?:yes|no|yep|nope|correct|sure|of course)\W*$", re.I)


def _answers_to_questions(sentences: list[ScoredSentence]) -> dict[int, ScoredSentence]:
    """Each question sentence's answer, by the question's id(): the next sentence of its
    document that asks nothing, in its passage or the one right after it (a passage of only
    questions brings that one among the candidates: rag.retrieve.sections), when it is no
    heading. An FAQ's question matches the user's words and its answer does not: "What does
    error QS-E004 mean?" matched "Q: I get "QS-E004: state database is locked". What does it
    mean?" and was answered with it ("locked"); the "A:" line under it says what it means (a
    break-it helper's troubleshooting FAQ)."""
    by_source: dict[str, list[ScoredSentence]] = {}
    for s in sentences:
        by_source.setdefault(s.passage.passage.source, []).append(s)
    out: dict[int, ScoredSentence] = {}
    for group in by_source.values():
        group.sort(key=lambda s: s.start)
        for i, s in enumerate(group):
            if not asks(s.text):
                continue
            rest = [t for t in group[i + 1 :] if t.start >= s.end and not asks(t.text)]
            after = rest[0] if rest else None
            if after is not None and _BARE_YES_OR_NO.match(after.text) and len(rest) > 1:
                # "Yes." says nothing the question did not: "How big a discount do nonprofits
                # get?" was answered "Yes." over "Do you offer discounts for nonprofits?", the
                # sentence after it saying "40% off" (a break-it helper's pricing FAQ, session 51).
                after = rest[1] if rest[1].start - after.end <= 2 else after
            if after is None or numbered_heading(after):
                continue
            here, there = s.passage.passage, after.passage.passage
            if there.id == here.id or 0 <= there.start - here.end <= 2:  # the same passage, or the next
                out[id(s)] = after
    return out


# "When is the next …?", "What date is the upcoming …?": a date of another occasion than the one a
# document is of (the lookup's _ANOTHER_TIME, for sentences), stemmed as SentenceScorer's terms.
_OCCASION = re.compile(r"\b(next|upcoming)\b", re.I)


def occasion_asked(question: str) -> str | None:
    """The stemmed word of the occasion a question about a date or time asks of, if any."""
    if answer_type(question) != "date" or (m := _OCCASION.search(question)) is None:
        return None
    return terms(m.group(1))[0]


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
    # A question in the text, or an FAQ's "Q:" line, states nothing (rag.ingest.sentences.asks):
    # the sentence after it answers it, and stands for it with its score.
    answer_to = _answers_to_questions(sentences)
    best_of: dict[int, tuple[float, ScoredSentence, int]] = {}  # by id(): score, sentence, rank
    for s in sentences:
        if (
            s.passage.passage.id not in rank
            or is_prompt_line(s.text)
            or only_headings(s.passage.passage)
            or numbered_heading(s)
            or CAPS_TITLE.fullmatch(s.text)
            or states_nothing_asked(question, s.text, s.passage.passage.source)
        ):
            continue
        quoted = answer_to.get(id(s)) if asks(s.text) else s
        if quoted is None:
            continue
        at = rank[s.passage.passage.id]
        score = sentence_score(s, at)
        if score > best_of.get(id(quoted), (float("-inf"),))[0]:
            best_of[id(quoted)] = (score, quoted, at)
    ranked = sorted(best_of.values(), key=lambda ss: ss[0], reverse=True)
    scored = [(score, s) for score, s, _ in ranked]
    if not scored or unknown_names:
        return None
    if (occasion := occasion_asked(question)) is not None and occasion not in scored[0][1].terms:
        # "When is the next committee meeting?" was answered with the minutes' own "held on
        # Tuesday 18 November 2025"; the section "9. DATE OF NEXT MEETING" below it said when (a
        # break-it helper's minutes, session 52). A sentence of the kind asked that says of the
        # occasion asked, in its words or its section's title, answers first.
        # Only such sentences are quoted: the minutes' own date beside it reads as an answer too.
        of_it = [(score, s) for score, s in scored if occasion in s.terms and s.type_ok > 0 and score >= MIN_SUPPORT]
        if of_it:
            scored = of_it
            ranked = [r for r in ranked if any(r[1] is s for _, s in of_it)]
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
    return Choice(chosen, ranked[0][2], margin)
