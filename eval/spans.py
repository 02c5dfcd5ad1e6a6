"""Evidence spans and when a passage matches one.

Spans are `(source, start, end)` character ranges in a document; the caller computes the evidence
spans (from the gold set or the benchmark), the scorers only compare them. Each dataset says which
match counts (`Dataset.match`): `covers` for the gold set, `overlaps` for the benchmarks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

Span = tuple[str, int, int]  # (source, start, end), end exclusive
SpanMatch = Callable[[Span, Span], bool]  # match(retrieved_or_cited_span, evidence_span)


class _HasSpan(Protocol):
    source: str
    start: int
    end: int


def span_of(obj: _HasSpan) -> Span:
    """The span of a Passage or Citation (both carry source/start/end)."""
    return (obj.source, obj.start, obj.end)


def covers(passage_span: Span, evidence_span: Span) -> bool:
    """The passage contains the whole evidence span (same document). Used for the gold set,
    whose evidence is a short hand-marked sentence."""
    ps, pstart, pend = passage_span
    es, estart, eend = evidence_span
    return ps == es and pstart <= estart and eend <= pend


def overlaps(a: Span, b: Span) -> bool:
    """The spans share at least one character (same document). Used for the benchmark, whose
    evidence is a whole context paragraph that our chunker may split across passages."""
    return a[0] == b[0] and min(a[2], b[2]) - max(a[1], b[1]) > 0


def matches_any(span: Span, evidence: Iterable[Span], match: SpanMatch) -> bool:
    return any(match(span, e) for e in evidence)
