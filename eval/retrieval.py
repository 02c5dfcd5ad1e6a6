"""Did retrieval find the evidence: per-question retrieval scores.

* `retrieval_scores` - hit@1, hit@k and reciprocal rank of the first passage that matches an
  evidence span;
* `page_scores` - multi-hop sets (HotpotQA), whose answer needs facts from two documents: recall@k
  of the gold documents, both of them in the top k, citations that cover both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.answers import gold_answer_in
from eval.spans import Span, SpanMatch, covers, matches_any
from rag.types import Answer


def retrieval_scores(
    retrieved: Sequence[Span], evidence: Sequence[Span], k: int, match: SpanMatch = covers
) -> dict[str, Any]:
    """hit1, hitk (bool) and rr (reciprocal rank of the first relevant passage within the top k).

    A retrieved passage is relevant when it matches ANY evidence span, so for a multi-evidence
    question a hit means at least one piece of evidence was found, not all of them (hit@k is then
    an upper bound on "retrieved everything needed"). With no evidence spans the question is not
    scorable for retrieval and all three values are None.

    Scores come from llama-index's HitRate/MRR (default, non-granular modes: binary "any expected id
    in retrieved ids" and 1/rank of the first expected id). They compare ids, and relevance here is
    a span predicate, so each retrieved passage gets its rank as id and the expected ids are the
    ranks that match; both metrics raise on an empty expected list, hence the sentinel when
    nothing matches.
    """
    if not evidence:
        return {"hit1": None, "hitk": None, "rr": None}
    if not retrieved or k < 1:  # llama-index raises on empty retrieved ids
        return {"hit1": False, "hitk": False, "rr": 0.0}

    # Imported here: the llama-index evaluation package takes seconds to import and only this
    # function needs it.
    from llama_index.core.evaluation.retrieval.metrics import MRR, HitRate

    ids = [str(i) for i in range(len(retrieved))]
    expected = [ids[i] for i, s in enumerate(retrieved) if matches_any(s, evidence, match)]
    expected = expected or ["<no-relevant-passage>"]
    top_k = ids[:k]
    return {
        "hit1": HitRate().compute(expected_ids=expected, retrieved_ids=ids[:1]).score == 1.0,
        "hitk": HitRate().compute(expected_ids=expected, retrieved_ids=top_k).score == 1.0,
        "rr": float(MRR().compute(expected_ids=expected, retrieved_ids=top_k).score),
    }


def page_scores(
    retrieved: Sequence[Span],
    answer: Answer,
    gold_pages: Sequence[str],
    k: int,
    retrieved_texts: Sequence[str] | None = None,
    golds: Sequence[str] = (),
) -> dict[str, Any]:
    """Per-question page metrics for a question that needs every one of `gold_pages`.

    recall_k: share of the gold pages with a passage in the top k; both_k: all of them are there;
    cite_both: the answer's citations lie on every gold page (a refusal covers nothing);
    answer_in_k: a gold answer string is in one of the top-k passage texts (None without texts or
    golds), the most an answerer that only quotes those passages could get right.
    """
    if not gold_pages:
        raise ValueError("page_scores needs at least one gold page")
    gold = set(gold_pages)
    found = {s[0] for s in retrieved[:k]} & gold
    cited = {c.source for c in answer.citations} if not answer.refused else set()
    in_k = None
    if retrieved_texts is not None and golds:
        in_k = any(gold_answer_in(t, golds) for t in retrieved_texts[:k])
    return {
        "recall_k": len(found) / len(gold),
        "both_k": found == gold,
        "cite_both": gold <= cited,
        "answer_in_k": in_k,
    }
