"""Grounding a model's reply: each sentence keeps a citation only when one passage sentence
supports it (the question's evidence, the reply's new words, its names and numbers, its meaning);
what nothing supports is removed. See generative.py for the whole flow."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import numpy as np

from rag.answer.grounding import SupportedClaim, cited_answer, refusal
from rag.answer.llm.replies import declined, says_cannot_answer, split_reply
from rag.index.lexical import TermStats, terms
from rag.retrieve.evidence import ScoredSentence, key_terms
from rag.types import Answer, ScoredPassage

log = logging.getLogger(__name__)

SUPPORT_MIN = 0.5  # a reply sentence needs this support score from one passage sentence
W_WORDS, W_MEANING = 0.6, 0.4
# ...and that one sentence must hold its new words but a few: a small model stitches a true
# phrase to an invented one ("travelled to Mexico City to support Ukraine's caravan"), and what
# is left over is the invention. A reworded verb ("wants" for "asked to fund") may be missing;
# a name or a number never.
MISSING_MAX = 0.2  # share of the new words that may be missing (rounded down)
# A denial is no paraphrase of a statement: "The main server IP is not 10.0.0.5 [1]" was kept,
# cited to "The main server IP is 10.0.0.5", since "not" is no term (stop words are not
# compared). A reply sentence that denies needs a support sentence that denies too.
_DENIES = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot)\b|n[’']t\b", re.I)


class Support:
    """How well one sentence of a passage supports one sentence of a reply (0..1)."""

    def __init__(
        self,
        stats: TermStats,
        embed: Callable[[list[str]], np.ndarray] | None = None,
        vector_of: Callable[[ScoredSentence], np.ndarray | None] | None = None,
        scale: Callable[[np.ndarray], np.ndarray] | None = None,
    ):
        self.stats = stats
        self.embed = embed
        self.vector_of = vector_of
        self.scale = scale or (lambda cosines: cosines)  # the embedder's CosineScale

    def scores(self, question: str, reply: list[str], sentences: list[ScoredSentence]) -> np.ndarray:
        """scores[i, j]: support of reply sentence i by passage sentence j."""
        q = set(terms(question))
        lexical = np.zeros((len(reply), len(sentences)), dtype=np.float32)
        in_passage: dict[str, set[str]] = {}
        sentence_terms = [set(s.terms) for s in sentences]
        for i, r in enumerate(reply):
            r_terms = set(terms(r))
            new = r_terms - q
            if not new:  # only restates the question: answers nothing
                continue
            # The question's words the reply repeats say what the claim is about. When some
            # passage sentence holds them all, a sentence that lacks one of them is about
            # something else: "Alice Brown maintains the mail server [1]" for "Who maintains the
            # mail server?" is no paraphrase of "The web server is maintained by Alice Brown"
            # beside "The mail server is maintained by Bob Lee".
            asked = r_terms & q
            about_it = bool(asked) and any(asked <= st for st in sentence_terms)
            exact = {t for t in r_terms if t[0].isdigit()} | set(key_terms(r))
            allowed = int(MISSING_MAX * len(new))  # none in a short claim
            denies = _DENIES.search(r) is not None
            for j, s in enumerate(sentences):
                missing = new - sentence_terms[j]
                if missing & exact or len(missing) > allowed:
                    continue
                if about_it and not asked <= sentence_terms[j]:
                    continue
                if denies and not _DENIES.search(s.text):
                    continue
                # Names and numbers the reply repeats from the question must stand in the same
                # passage: "the group that crossed on June 5 was 1,500 strong" is not backed by
                # a passage about another group that was 1,500 strong.
                p = s.passage.passage
                if p.id not in in_passage:
                    in_passage[p.id] = set(terms(p.text))
                if (exact & r_terms) - in_passage[p.id]:
                    continue
                lexical[i, j] = self.stats.coverage(list(new), set(s.terms))
        if self.embed is None or self.vector_of is None or not reply or not sentences:
            return lexical
        vectors = [self.vector_of(s) for s in sentences]
        if any(v is None for v in vectors):
            return lexical
        meaning = self.scale(np.asarray(self.embed(reply), dtype=np.float32) @ np.stack(vectors).T)
        return np.where(lexical > 0, W_WORDS * lexical + W_MEANING * np.clip(meaning, 0, 1), 0.0)


def ground_reply(
    question: str,
    reply: str,
    passages: list[ScoredPassage],
    sentences: list[ScoredSentence],
    support: Support,
    threshold: float = SUPPORT_MIN,
) -> Answer:
    """The cited Answer a model reply earns: supported sentences only, each marker checked.

    `passages` are the numbered passages of the prompt ([1] is passages[0]); `sentences` are the
    scored sentences of those passages (rag.retrieve.evidence), each mapped here to every passage
    that contains it.
    """
    parts = split_reply(reply)
    if declined(parts):
        return refusal(question, passages)
    parts = [p for p in parts if not says_cannot_answer(p.text)]
    # passage number (1-based) -> indexes of its sentences
    inside: dict[int, list[int]] = {}
    for j, s in enumerate(sentences):
        for n, sp in enumerate(passages, 1):
            p = sp.passage
            if p.source == s.passage.passage.source and p.start <= s.start and s.end <= p.end:
                inside.setdefault(n, []).append(j)
    scores = support.scores(question, [p.text for p in parts], sentences)
    claims = []
    kept: set[str] = set()
    for i, part in enumerate(parts):
        said = " ".join(part.text.split()).casefold()
        if said in kept:  # a small model repeats itself: "… Rusty. [1] … Rusty. [1] … Rusty. [1]"
            continue

        def best_in(n: int, i=i) -> tuple[float, int]:
            js = inside.get(n, [])
            if not js:
                return 0.0, -1
            j = max(js, key=lambda j: scores[i, j])
            return float(scores[i, j]), j

        cited = [n for n in dict.fromkeys(part.markers) if 1 <= n <= len(passages)]
        options = [(best_in(n), n) for n in cited]
        supported = [o for o in options if o[0][0] >= threshold]
        if not supported:  # the model cited the wrong passage, a missing one or none: find the right one
            supported = [o for o in ((best_in(n), n) for n in range(1, len(passages) + 1)) if o[0][0] >= threshold]
        if not supported:
            log.info("Dropped an unsupported sentence of the model's reply: %r", part.text)
            continue
        (_, j), n = max(supported, key=lambda o: o[0][0])
        s = sentences[j]
        claims.append(SupportedClaim(part.text, passages[n - 1], s.start, s.end))
        kept.add(said)
    if not claims:
        return refusal(question, passages)
    return cited_answer(question, claims)
