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
  answer, with a note on Answer.notes saying what failed. The timeout (llm_timeout_s) bounds the
  whole reply, from the request to its last chunk: the HTTP client's own timeout is per read, so a
  server writing a chunk a second held a question for as long as it kept writing.

Events of stream(): a Delta for each piece of the model's raw text as it arrives, then one
Final: the grounded answer, which is what should be shown in the end.
"""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TypeVar

from rag.answer.llm.prompts import build_messages
from rag.answer.llm.replies import declined
from rag.answer.llm.support import Support, ground_reply
from rag.errors import LLMError
from rag.retrieve.evidence import ScoredSentence, sentence_score
from rag.types import Answer, Delta, Final, ScoredPassage, StreamEvent

log = logging.getLogger(__name__)
T = TypeVar("T")
# Characters a reply may run to per token of llm_max_tokens: English averages about 4 a token. A
# server that ignored max_tokens sent 10,000 sentences (508 KB) at once, and grounding embedded
# every one of them: 37 s, beside 3 s of generation (session 19).
CHARS_PER_TOKEN = 8


class GenerativeAnswerer:
    """Answers with an LLM (built lazily by `llm_factory`), grounded, with the extractive fallback."""

    def __init__(
        self,
        llm_factory: Callable[[], object],
        backend: str,
        support: Support,
        context_chars: int,
        min_relevance: float,
        timeout_s: float | None = None,
        secret: str | None = None,
        max_tokens: int | None = None,
    ):
        self._factory = llm_factory
        self.max_reply_chars = None if max_tokens is None else CHARS_PER_TOKEN * max_tokens
        # The API key, blanked out of every error said or logged: a gateway that answers 401 with
        # "Incorrect API key provided: Bearer sk-…" put the operator's key in the answer's note
        # (the web chat's status line, every user's), the log and eval's results.jsonl (session 19).
        self._secret = secret if secret and len(secret) >= 4 and secret != "none" else None
        self.timeout_s = timeout_s  # the whole reply's deadline (llm_timeout_s); None: none
        self.min_relevance = min_relevance
        self._llm = None
        self.backend = backend
        self.support = support
        self.context_chars = context_chars

    def said(self, e: Exception) -> str:
        """ "Type: message" of an error of the back end, the API key blanked out."""
        text = f"{type(e).__name__}: {e}"
        return text.replace(self._secret, "<API key>") if self._secret else text

    def _check_length(self, reply: str) -> None:
        if self.max_reply_chars is not None and len(reply) > self.max_reply_chars:
            raise LLMError(
                f"the reply ran past {self.max_reply_chars:,} characters, more than llm_max_tokens allows: "
                "the server ignored it"
            )

    def within_deadline(self, call: Callable[[], T]) -> T:
        """call()'s result, made in a worker thread, or LLMError when it has not come within
        llm_timeout_s: a request the client's per-read timeout never ends (a server trickling its
        reply a byte at a time held a follow-up's rewrite 100 s with llm_timeout_s = 3)."""
        for result in _within(lambda: [call()], self.timeout_s):
            return result
        raise LLMError("no reply")

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
            if s.passage.passage.id in rank and sentence_score(s, rank[s.passage.passage.id]) >= self.min_relevance
        ]

    def stream(
        self,
        question: str,
        passages: list[ScoredPassage],
        sentences: list[ScoredSentence],
        extractive: Answer,
        prompt_question: str | None = None,
    ) -> Iterator[StreamEvent]:
        if extractive.refused:  # the evidence says the documents don't hold it: no model call
            yield Final(extractive)
            return
        t0 = time.perf_counter()
        first = None
        reply = ""
        r = None
        try:
            messages = build_messages(prompt_question or question, passages, self.context_chars)
            llm = self.llm()
            finished = False
            for r in _within(lambda: llm.stream_chat(messages), self.timeout_s):
                delta = r.delta or ""
                finished = finished or _finish_reason(r.raw) is not None
                if delta:
                    first = first if first is not None else time.perf_counter() - t0
                    reply += delta
                    self._check_length(reply)
                    yield Delta(delta)
            if r is not None and r.message.content:
                reply = r.message.content
                self._check_length(reply)
            if not finished:
                # A server that goes away can close the stream cleanly half-way through a
                # sentence; only a chunk with a finish reason says the reply is complete.
                raise LLMError("the reply stopped before the model finished it")
        except Exception as e:
            said = self.said(e)
            log.warning("The %s answer back end failed (%s); answering extractively.", self.backend, said)
            note = f"The {self.backend} answer back end failed ({_short(said)}); this is the extractive answer."
            yield Final(_noted(extractive, note))
            return
        t1 = time.perf_counter()
        answer = ground_reply(question, reply, passages, self.relevant(passages, sentences), self.support)
        if answer.refused:
            # The evidence holds an answer (else the model was not asked), but the model declined
            # or nothing it wrote is backed by a sentence that answers the question. Whether to
            # refuse stays the evidence's call (a small model declines answerable questions
            # often: 17% of the gold set for Qwen 0.5B); show the grounded sentence and say why.
            answer = _noted(
                extractive,
                "The model found no answer in the passages; this is the best-supported sentence."
                if declined(reply)
                else "No sentence of the model's reply is supported by the passages; this is the extractive answer.",
            )
        answer.model_reply = reply
        answer.timings["generate_s"] = t1 - t0
        if first is not None:
            answer.timings["first_token_s"] = first
        answer.timings["ground_s"] = time.perf_counter() - t1
        yield Final(answer)


def _within(start: Callable[[], Iterable], timeout_s: float | None) -> Iterator:
    """The chunks of the stream `start()` opens, failing with LLMError when one has not arrived
    within timeout_s of the request.

    The stream is read in a worker thread so the wait for a chunk can be cut at the deadline: a
    blocking read would only end at the client's per-read timeout. A slow reader of this generator
    (a browser) is not the model's fault: a chunk counts when it arrived in time. On the deadline
    (or when this generator is closed) the worker stops at its next chunk and closes the stream,
    which stops a local model's generation; a read it is blocked in ends at the client's timeout.
    """
    if timeout_s is None:
        yield from start()
        return
    deadline = time.monotonic() + timeout_s
    chunks: queue.Queue = queue.Queue()
    stop = threading.Event()
    end = object()

    def read() -> None:
        try:
            stream = iter(start())
            try:
                for chunk in stream:
                    chunks.put((time.monotonic(), chunk))
                    if stop.is_set():
                        break
            finally:
                close = getattr(stream, "close", None)
                if close is not None:
                    close()
        except BaseException as e:  # handed over: the caller decides what a failure means
            chunks.put((time.monotonic(), e))
        finally:
            chunks.put((time.monotonic(), end))

    # The caller's context (llama-index's instrumentation keeps its active span in a contextvar).
    worker = threading.Thread(target=contextvars.copy_context().run, args=(read,), name="llm-reply", daemon=True)
    worker.start()
    try:
        while True:
            try:
                at, item = chunks.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                at, item = None, None
            if at is None or (at > deadline and item is not end):
                raise LLMError(f"no complete reply within {timeout_s:g} s (llm_timeout_s)")
            if item is end:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


def _noted(answer: Answer, note: str) -> Answer:
    """A copy of `answer` with a note added first: what happened to the back end says what the
    answer is, before what the reader thinks of it (the caller's answer is left as it was)."""
    return replace(answer, notes=[note, *answer.notes], timings=dict(answer.timings))


def _finish_reason(raw) -> str | None:
    """The finish reason of a streamed chunk, from llama.cpp's dict or the openai client's object."""
    choices = raw.get("choices") if isinstance(raw, dict) else getattr(raw, "choices", None)
    if not choices:
        return None
    c = choices[0]
    return c.get("finish_reason") if isinstance(c, dict) else getattr(c, "finish_reason", None)


def _short(text: str, limit: int = 300) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
