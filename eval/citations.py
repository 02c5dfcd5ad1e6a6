"""Do the citations hold up: whether the cited passages hold the evidence and whether each [n]
marker points to a passage that supports the sentence it is attached to.

Answers are split into sentences and markers by rag.text.citations.cited_sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eval.answers import contains, normalize_for_match
from eval.spans import Span, SpanMatch, covers, matches_any, span_of

# The grammar grounding writes: eval splits an answer into sentences with the same rule the
# grounding used.
from rag.text.citations import cited_sentences
from rag.types import Answer


def citation_support(answer: Answer, evidence: Sequence[Span], match: SpanMatch = covers) -> bool:
    """At least one of the answer's citations is a passage matching an evidence span.

    Looks at every citation in answer.citations (the list shown to the user), whether or not the
    text references it; the scorer decides separately how refusals count.
    """
    return any(matches_any(span_of(c), evidence, match) for c in answer.citations)


def _marker_supported(
    answer: Answer, sentence: str, n: int, evidence: Sequence[Span], match: SpanMatch, quotes: bool = True
) -> bool:
    """Citation n exists and supports the sentence: its passage matches the evidence, or (with
    `quotes`) the sentence is quoted from the passage (an extractive sentence is supported by its
    source)."""
    if not 1 <= n <= len(answer.citations):
        return False  # a marker to a missing citation supports nothing
    c = answer.citations[n - 1]
    if matches_any(span_of(c), evidence, match):
        return True
    # The reader's answers lead with the short answer, then the sentence it comes from
    # ("1,500 — For the second straight day ... [1]"): a quote when both parts are quoted.
    passage = normalize_for_match(c.text)
    return quotes and all(contains(passage, normalize_for_match(part)) for part in sentence.split(" — "))


def citation_precision_counts(
    answer: Answer, evidence: Sequence[Span], match: SpanMatch = covers, quotes: bool = True
) -> tuple[int, int]:
    """(supported markers, markers), counting each (sentence, n) pair once. Kept as counts so the
    aggregator can micro-average over all markers instead of averaging per-answer ratios.

    quotes=False counts only markers whose passage holds the gold evidence: the same bar for a
    quoted sentence and for a model's paraphrase (which is never a quote), so extractive and
    generative answers compare fairly.
    """
    num = den = 0
    for sentence, markers in cited_sentences(answer.text):
        for n in markers:
            den += 1
            num += _marker_supported(answer, sentence, n, evidence, match, quotes)
    return num, den


def citation_precision(answer: Answer, evidence: Sequence[Span], match: SpanMatch = covers) -> float | None:
    """Share of (sentence, [n]) markers whose citation supports the sentence; None if no markers."""
    num, den = citation_precision_counts(answer, evidence, match)
    return num / den if den else None


def citation_recall(answer: Answer, evidence: Sequence[Span], match: SpanMatch = covers) -> bool:
    """The answer has at least one marker whose citation supports its sentence."""
    return citation_precision_counts(answer, evidence, match)[0] > 0


def cited_lengths(answer: Answer) -> list[int]:
    """len(text) of each distinct existing citation that some marker references: what the user
    has to read to check the answer. Unreferenced citations (offered for reading) are left out."""
    referenced = dict.fromkeys(n for _, ms in cited_sentences(answer.text) for n in ms)
    return [len(answer.citations[n - 1].text) for n in referenced if 1 <= n <= len(answer.citations)]


def mean_cited_length(answers: Iterable[Answer]) -> float | None:
    """Mean characters per referenced citation over all answers; None if none was referenced."""
    lengths = [n for a in answers for n in cited_lengths(a)]
    return sum(lengths) / len(lengths) if lengths else None
