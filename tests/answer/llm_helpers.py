"""Shared by the LLM back-end tests: the answer invariants and an Assistant on another back end."""

from __future__ import annotations

from rag.text.citations import MARKER
from rag.types import Answer, Delta, Final

ON_TOPIC = [
    "How many migrants were in the caravan that Trump attacked Mexico over?",
    "What medium did Trump use to go after Mexico over the caravan?",
    "Who is the Mexican foreign minister?",
]
OFF_TOPIC = "What did the Zorblatt committee of Quenzaland decide about turnips?"


def with_backend(assistant, **settings):
    """The session Assistant (same index, same embedder) answering with other settings."""
    return assistant.with_settings(**settings)


def check_invariants(answer: Answer, document_text, threshold: float | None = None) -> None:
    markers = [int(n) for n in MARKER.findall(answer.text)]
    assert answer.text.strip()
    if answer.refused:
        assert not markers
        return
    assert markers, answer.text
    # The reader reads every answer given (an LLM's too): its confidence, and the doubt note
    # exactly when that is under the reader's threshold.
    assert answer.confidence is not None and 0.0 <= answer.confidence <= 1.0
    if threshold is not None:
        doubts = [n for n in answer.notes if n.startswith("Unsure: the reader model rates this answer")]
        assert len(doubts) == (answer.confidence < threshold), (answer.confidence, answer.notes)
    for n in markers:
        assert 1 <= n <= len(answer.citations), answer.text
    for c in answer.citations:
        doc = document_text(c.source)
        assert doc[c.start : c.end] == c.text
        assert c.support_start is not None and c.start <= c.support_start < c.support_end <= c.end
        assert doc[c.support_start : c.support_end] in c.text


def events_of(stream) -> tuple[list[str], Answer]:
    events = list(stream)
    assert events and isinstance(events[-1], Final) and isinstance(events[-1].answer, Answer)
    assert all(isinstance(e, Delta) and isinstance(e.text, str) for e in events[:-1])
    return [e.text for e in events[:-1]], events[-1].answer


def ask_on_topic(assistant) -> int:
    """Stream the on-topic questions: every answer keeps the invariants and no failure note;
    returns how many the model was asked (the evidence refuses without calling it)."""
    called = 0
    for q in ON_TOPIC:
        deltas, answer = events_of(assistant.ask_stream(q, top_k=2))
        check_invariants(answer, assistant.document_text, assistant.path.reader.threshold)
        assert not any("failed" in n for n in answer.notes), answer.notes
        if "generate_s" in answer.timings:
            called += 1
            assert deltas and answer.timings["first_token_s"] <= answer.timings["generate_s"]
    return called
