"""Generative answers that keep the extractive answer's guarantees.

The model sees the top-k passages numbered [1]..[k] and is asked for a short answer with [n]
markers, or to say the documents don't say. Its reply is then checked sentence by sentence
against the passages (ground_reply): a sentence stays only when one sentence of a passage
supports it — that sentence answers the question (the extractive evidence scores it at least
llm_min_relevance), holds the reply's new words (those the question does not already hold) but
a few, every name and number exactly, and is close in meaning. Its marker then points at that
passage, whatever number the model wrote (a wrong marker is re-attached, a marker to a passage
that does not exist is dropped). What no passage supports is removed. The Answer comes from
grounding.cited_answer, so every [n] points at a citation whose recorded support sentence is in
the passage, exactly as for extractive answers.

Refusals and fallbacks (whether to answer is the evidence's call, never the model's):
- the extractive evidence says refuse (a name no document holds, weak support) -> refuse, and
  the model is not called;
- the model says the passages don't answer, or nothing it said is supported -> the extractive
  answer, with a note saying so;
- the model fails (not installed, server down, timeout, a stream cut off) -> the extractive
  answer, with a note on Answer.notes saying what failed.

Events of stream(): a Delta for each piece of the model's raw text as it arrives, then one
Final: the grounded answer, which is what should be shown in the end.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from rag.retrieve.evidence import ScoredSentence, key_terms, sentence_score
from rag.answer.grounding import SupportedClaim, cited_answer, refusal
from rag.retrieve.lexical import TermStats, terms
from rag.errors import LLMError
from rag.text.citations import MARKER_LIST, cited_sentences
from rag.types import Answer, Delta, Final, ScoredPassage, StreamEvent

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You answer questions using only the numbered passages you are given. "
    "Write the answer as one or two short, complete sentences with the facts from the passages, "
    "and end each sentence with the number of the passage it comes from in square brackets, "
    'for example: "The bridge is 300 metres long [2]." '
    "If the passages do not contain the answer, reply only: The documents don't say."
)

CONDENSE_TEMPLATE = """\
Given a conversation (between Human and Assistant) and a follow up message from Human, \
rewrite the message to be a standalone question that captures all relevant context \
from the conversation.

<Chat History>
{chat_history}

<Follow Up Message>
{question}

<Standalone question>
"""  # llama-index's CondenseQuestionChatEngine DEFAULT_TEMPLATE

SUPPORT_MIN = 0.5  # a reply sentence needs this support score from one passage sentence
W_WORDS, W_MEANING = 0.6, 0.4
# ...and that one sentence must hold its new words but a few: a small model stitches a true
# phrase to an invented one ("travelled to Mexico City to support Ukraine's caravan"), and what
# is left over is the invention. A reworded verb ("wants" for "asked to fund") may be missing;
# a name or a number never.
MISSING_MAX = 0.2  # share of the new words that may be missing (rounded down)

_CANNOT = re.compile(
    r"\b(?:documents?|passages?|context|texts?|sources?)\s+(?:do|does)(?:n['’]t| not)\s+"
    r"(?:say|mention|contain|provide|specify|state|include|answer)"
    r"|\bnot (?:mentioned|stated|specified|provided|found|given|included)\b"
    r"|\b(?:cannot|can['’]t|can not|unable to) (?:answer|find|determine|tell)\b"
    r"|\bno (?:information|mention)\b|\bI (?:don['’]t|do not) know\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReplySentence:
    text: str  # without markers
    markers: list[int]


# Small models echo the prompt's passage headers: 'Passage [2] (Title): text'.
_ECHO = re.compile(r"\bPassage\s*\[\d+\]\s*(?:\([^\n]*?\))?\s*:\s*")


def split_reply(reply: str) -> list[ReplySentence]:
    """Sentences of a model reply with the [n] markers each carries ("x. [1]" counts as "x [1]."),
    split by the one sentence rule (rag.text.citations), so eval reads them the same way."""
    out = []
    for piece, markers in cited_sentences(_ECHO.sub("", reply.strip())):
        clean = re.sub(r"\s+", " ", piece)
        clean = re.sub(r"\s+([.,;:!?])", r"\1", clean).strip().lstrip("-*• ").strip()
        if clean:
            out.append(ReplySentence(clean, markers))
    return out


def says_cannot_answer(text: str) -> bool:
    return bool(_CANNOT.search(text))


def declined(reply: str | list[ReplySentence]) -> bool:
    """The model said the passages don't answer (or said nothing)."""
    parts = split_reply(reply) if isinstance(reply, str) else reply
    return not parts or says_cannot_answer(parts[0].text)


class Support:
    """How well one sentence of a passage supports one sentence of a reply (0..1)."""

    def __init__(
        self,
        stats: TermStats,
        embed: Callable[[list[str]], np.ndarray] | None = None,
        vector_of: Callable[[ScoredSentence], np.ndarray | None] | None = None,
    ):
        self.stats = stats
        self.embed = embed
        self.vector_of = vector_of

    def scores(
        self, question: str, reply: list[str], sentences: list[ScoredSentence]
    ) -> np.ndarray:
        """scores[i, j]: support of reply sentence i by passage sentence j."""
        q = set(terms(question))
        lexical = np.zeros((len(reply), len(sentences)), dtype=np.float32)
        in_passage: dict[str, set[str]] = {}
        for i, r in enumerate(reply):
            r_terms = set(terms(r))
            new = r_terms - q
            if not new:  # only restates the question: answers nothing
                continue
            exact = {t for t in r_terms if t[0].isdigit()} | set(key_terms(r))
            allowed = int(MISSING_MAX * len(new))  # none in a short claim
            for j, s in enumerate(sentences):
                missing = new - set(s.terms)
                if missing & exact or len(missing) > allowed:
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
        meaning = np.asarray(self.embed(reply), dtype=np.float32) @ np.stack(vectors).T
        return np.where(
            lexical > 0, W_WORDS * lexical + W_MEANING * np.clip(meaning, 0, 1), 0.0
        )


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
            if (
                p.source == s.passage.passage.source
                and p.start <= s.start
                and s.end <= p.end
            ):
                inside.setdefault(n, []).append(j)
    scores = support.scores(question, [p.text for p in parts], sentences)
    claims = []
    for i, part in enumerate(parts):

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
            supported = [
                o
                for o in ((best_in(n), n) for n in range(1, len(passages) + 1))
                if o[0][0] >= threshold
            ]
        if not supported:
            log.info(
                "Dropped an unsupported sentence of the model's reply: %r", part.text
            )
            continue
        (_, j), n = max(supported, key=lambda o: o[0][0])
        s = sentences[j]
        claims.append(SupportedClaim(part.text, passages[n - 1], s.start, s.end))
    if not claims:
        return refusal(question, passages)
    return cited_answer(question, claims)


def prompt_chars(settings) -> int:
    """How many characters of passages fit in the prompt: ~3.5 characters a token, with room for
    the question, the instructions (about 200 tokens) and the reply."""
    return max(int((settings.llm_context - settings.llm_max_tokens - 200) * 3.5), 1000)


def build_messages(question: str, passages: list[ScoredPassage], max_chars: int):
    """System + user message: the passages numbered [1]..[k] (cut to fit the context), then the question."""
    from llama_index.core.llms import ChatMessage

    blocks, used = [], 0
    for n, sp in enumerate(passages, 1):
        p = sp.passage
        head = f"Passage [{n}]" + (f" ({p.title}):\n" if p.title else ":\n")
        text = p.text
        room = max_chars - used - len(head)
        if room < 200:
            break
        if len(text) > room:
            text = text[:room].rsplit(" ", 1)[0] + " …"
        blocks.append(head + text)
        used += len(head) + len(text) + 2
    user = (
        "\n\n".join(blocks)
        + f"\n\nQuestion: {question}\nAnswer in a short sentence ending with its passage number, like [1]."
    )
    return [
        ChatMessage(role="system", content=SYSTEM_PROMPT),
        ChatMessage(role="user", content=user),
    ]


def condense_question(
    llm, message: str, history: list[dict], max_tokens: int = 64
) -> str | None:
    """A standalone question for `message`, written by the LLM from the conversation; None if unusable."""
    lines = []
    for m in history[-6:]:
        role = "Human" if m.get("role") == "user" else "Assistant"
        content = MARKER_LIST.sub("", str(m.get("content") or "")).strip()
        if content:
            lines.append(f"{role}: {content[:600]}")
    if not lines:
        return None
    prompt = CONDENSE_TEMPLATE.format(chat_history="\n".join(lines), question=message)
    text = (llm.complete(prompt, max_tokens=max_tokens).text or "").strip()
    text = re.sub(
        r"^(?:<?standalone question>?:?|question:)\s*", "", text, flags=re.IGNORECASE
    ).strip()
    text = text.splitlines()[0].strip().strip('"“”').strip() if text else ""
    if (
        len(text) < 3
        or len(text) > 3 * len(message) + 300
        or says_cannot_answer(text)
        or not text.endswith("?")
    ):
        return None
    return text


class GenerativeAnswerer:
    """Answers with an LLM (built lazily by `llm_factory`), grounded, with the extractive fallback."""

    def __init__(
        self,
        llm_factory: Callable[[], object],
        backend: str,
        support: Support,
        context_chars: int,
        min_relevance: float,
    ):
        self._factory = llm_factory
        self.min_relevance = min_relevance
        self._llm = None
        self.backend = backend
        self.support = support
        self.context_chars = context_chars

    def llm(self):
        if self._llm is None:
            self._llm = self._factory()
        return self._llm

    def relevant(self, passages: list[ScoredPassage], sentences: list[ScoredSentence]) -> list[ScoredSentence]:
        """The sentences that may support a claim: those the evidence scores as answering the
        question (sentence_score >= llm_min_relevance, low enough that the model may word a
        runner-up sentence). A reply sentence can be worded from any
        passage sentence; one backed only by an off-question sentence (the model stitching a
        fact from elsewhere onto the question) must not earn a citation."""
        rank = {sp.passage.id: i for i, sp in enumerate(passages)}
        return [
            s
            for s in sentences
            if s.passage.passage.id in rank
            and sentence_score(s, rank[s.passage.passage.id]) >= self.min_relevance
        ]

    def stream(
        self,
        question: str,
        passages: list[ScoredPassage],
        sentences: list[ScoredSentence],
        extractive: Answer,
        prompt_question: str | None = None,
    ) -> Iterator[StreamEvent]:
        if (
            extractive.refused
        ):  # the evidence says the documents don't hold it: no model call
            yield Final(extractive)
            return
        t0 = time.perf_counter()
        first = None
        reply = ""
        r = None
        try:
            messages = build_messages(
                prompt_question or question, passages, self.context_chars
            )
            finished = False
            for r in self.llm().stream_chat(messages):
                delta = r.delta or ""
                finished = finished or _finish_reason(r.raw) is not None
                if delta:
                    first = first if first is not None else time.perf_counter() - t0
                    reply += delta
                    yield Delta(delta)
            if r is not None and r.message.content:
                reply = r.message.content
            if not finished:
                # A server that goes away can close the stream cleanly half-way through a
                # sentence; only a chunk with a finish reason says the reply is complete.
                raise LLMError("the reply stopped before the model finished it")
        except Exception as e:  # noqa: BLE001 - any failure: say so, answer extractively
            log.warning(
                "The %s answer back end failed (%s: %s); answering extractively.",
                self.backend,
                type(e).__name__,
                e,
            )
            extractive.notes.append(
                f"The {self.backend} answer back end failed ({type(e).__name__}: {_short(e)}); "
                "this is the extractive answer."
            )
            yield Final(extractive)
            return
        t1 = time.perf_counter()
        answer = ground_reply(question, reply, passages, self.relevant(passages, sentences), self.support)
        if answer.refused:
            # The evidence holds an answer (else the model was not asked), but the model declined
            # or nothing it wrote is backed by a sentence that answers the question. Whether to
            # refuse stays the evidence's call (a small model declines answerable questions
            # often: 17% of the gold set for Qwen 0.5B); show the grounded sentence and say why.
            extractive.notes.append(
                "The model found no answer in the passages; this is the best-supported sentence."
                if declined(reply)
                else "No sentence of the model's reply is supported by the passages; "
                "this is the extractive answer."
            )
            answer = extractive
        answer.model_reply = reply
        answer.timings["generate_s"] = t1 - t0
        if first is not None:
            answer.timings["first_token_s"] = first
        answer.timings["ground_s"] = time.perf_counter() - t1
        yield Final(answer)


def _finish_reason(raw) -> str | None:
    """The finish reason of a streamed chunk, from llama.cpp's dict or the openai client's object."""
    choices = raw.get("choices") if isinstance(raw, dict) else getattr(raw, "choices", None)
    if not choices:
        return None
    c = choices[0]
    return c.get("finish_reason") if isinstance(c, dict) else getattr(c, "finish_reason", None)


def _short(e: Exception, limit: int = 300) -> str:
    s = " ".join(str(e).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
