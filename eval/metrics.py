"""Per-question scoring and the aggregate of a run: pure, no model, no I/O.

`score_question` builds one record per question from four families of scores, and `summarize`
averages the records:

* answers   - SQuAD exact match / token F1 (rag.text.answers), plus a containment check against
              hand-written required parts (eval.answers), because our answers are whole sentences
              and SQuAD EM of a sentence against a short span is almost always 0;
* retrieval - hit@1, hit@k and reciprocal rank of the first passage that matches an evidence span
              (eval.retrieval; spans and matching in eval.spans);
* citations - whether the cited passages hold the evidence and whether each [n] marker points to a
              passage that supports the sentence it is attached to (eval.citations);
* pages     - multi-hop sets (HotpotQA), whose answer needs facts from two documents: recall@k of
              the gold documents, both of them in the top k, citations that cover both
              (eval.retrieval.page_scores).

Each record also carries the answer's confidence, from which `summarize` draws the risk–coverage
curve (eval.confidence), and its latency.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from eval.answers import answer_correct, gold_answer_in
from eval.citations import citation_precision_counts, citation_support, cited_lengths
from eval.confidence import answer_confidence, risk_coverage
from eval.retrieval import page_scores, retrieval_scores
from eval.spans import Span, SpanMatch, covers
from rag.answer import UNSURE
from rag.text.answers import exact_match, token_f1
from rag.types import Answer


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of values at or below it.

    Nearest-rank always returns an observed latency (no interpolation between two runs), which
    is the honest answer for the few dozen questions we time. p in [0, 100]; p=0 gives the min.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile p must be in [0, 100], got {p}")
    ordered = sorted(values)
    # round() absorbs float noise such as 0.95 * 100 == 95.00000000000001 pushing ceil up a rank.
    rank = max(1, math.ceil(round(p * len(ordered) / 100, 9)))
    return float(ordered[rank - 1])


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _latency_of(answer: Answer) -> float:
    # Prefer the pipeline's own end-to-end time (the assistant records "total_s" next to its
    # stages); summing every entry would count the stages twice.
    if "total_s" in answer.timings:
        return float(answer.timings["total_s"])
    return float(sum(answer.timings.values()))


def score_question(
    answer: Answer,
    item: dict[str, Any],
    retrieved: Sequence[Span],
    evidence: Sequence[Span],
    k: int,
    match: SpanMatch = covers,
    latency_s: float | None = None,
    retrieved_texts: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Build the per-question record that `summarize` aggregates.

    item needs "answerable" and "answers"; "answer_parts" is optional (the benchmark has none) and
    correctness then falls back to `gold_answer_in`. Retrieval is scored whenever there is
    evidence, refusal or not. Answer and citation fields are None for unanswerable items; for an
    answerable item the model refused, they are the failing values (incorrect, EM/F1 0,
    unsupported) and precision has no markers to count. latency_s defaults to the answer's
    timings ("total_s" if present, else the sum of stages). An item with "gold_pages"
    (multi-hop) also gets `page_scores` (retrieved_texts: the top passages' text, for answer_in_k).
    """
    answerable = bool(item["answerable"])
    refused = bool(answer.refused)
    golds: list[str] = list(item.get("answers") or [])
    parts = item.get("answer_parts")

    record: dict[str, Any] = {
        "answerable": answerable,
        "refused": refused,
        "correct": None,
        "em": None,
        "f1": None,
        **retrieval_scores(retrieved, evidence, k, match),
        "support": None,
        "precision": None,
        "prec_num": 0,
        "prec_den": 0,
        "prec_ev_num": 0,
        "recall": None,
        "cited_lengths": cited_lengths(answer),
        "latency_s": _latency_of(answer) if latency_s is None else float(latency_s),
        # LLM back ends only: seconds from the question to the model's first token.
        "first_token_s": answer.timings.get("first_token_s"),
    }
    record["confidence"], record["confidence_source"] = answer_confidence(answer)
    # The answer carried the note of a reader that doubts it (rag.query_path: QueryPath._with_doubt).
    record["unsure"] = not refused and any(note.startswith(UNSURE) for note in answer.notes)
    if item.get("gold_pages"):
        record.update(page_scores(retrieved, answer, item["gold_pages"], k, retrieved_texts, golds))
    if not answerable:
        return record
    if refused:
        record.update(correct=False, support=False, recall=False)
        if golds:
            record.update(em=0.0, f1=0.0)
        return record

    if parts:
        record["correct"] = answer_correct(answer.text, parts)
    else:
        record["correct"] = gold_answer_in(answer.text, golds)
    if golds:
        # SQuAD's EM/F1 score a short answer: the reader's span when there is one.
        short = answer.short_answer or answer.text
        record["em"] = exact_match(short, golds)
        record["f1"] = token_f1(short, golds)
    num, den = citation_precision_counts(answer, evidence, match)
    record.update(
        support=citation_support(answer, evidence, match),
        precision=num / den if den else None,
        prec_num=num,
        prec_den=den,
        prec_ev_num=citation_precision_counts(answer, evidence, match, quotes=False)[0],
        recall=num > 0,
    )
    return record


def summarize(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate `score_question` records; any metric with no data is None.

    Retrieval metrics average over records that have them (answerable ones with evidence).
    Answer and citation metrics average over answerable questions, with a refusal counted as a
    failure even if the record left the field None. citation_precision is micro-averaged over
    markers (sum prec_num / sum prec_den) so one answer with ten markers weighs ten times one with
    a single marker. mean_cited_length is over referenced citations of answerable questions.
    """
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]

    def over(rs: Sequence[dict[str, Any]], key: str, refused_as: float | None = None) -> float | None:
        vals: list[float] = []
        for r in rs:
            v = refused_as if (refused_as is not None and r.get("refused")) else r.get(key)
            if v is not None:
                vals.append(float(v))
        return _mean(vals)

    prec_num = sum(int(r.get("prec_num", 0)) for r in answerable)
    prec_den = sum(int(r.get("prec_den", 0)) for r in answerable)
    prec_ev_num = sum(int(r.get("prec_ev_num", 0)) for r in answerable)
    lengths = [n for r in answerable for n in r.get("cited_lengths", [])]
    latencies = [float(r["latency_s"]) for r in records if r.get("latency_s") is not None]
    firsts = [float(r["first_token_s"]) for r in records if r.get("first_token_s") is not None]
    rc = risk_coverage(records)

    return {
        "n": len(records),
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
        "hit@1": over(records, "hit1"),
        "hit@k": over(records, "hitk"),
        "mrr": over(records, "rr"),
        "correctness": over(answerable, "correct", refused_as=0.0),
        # score_question already gives refused answers EM/F1 0 (when there are gold strings).
        "em": over(answerable, "em"),
        "f1": over(answerable, "f1"),
        "citation_support": over(answerable, "support", refused_as=0.0),
        "citation_precision": prec_num / prec_den if prec_den else None,
        "citation_precision_evidence": prec_ev_num / prec_den if prec_den else None,
        "citation_recall": over(answerable, "recall", refused_as=0.0),
        "mean_cited_length": _mean(lengths),
        # Multi-hop sets only (None elsewhere): see page_scores.
        "recall@k": over(records, "recall_k"),
        "both_gold@k": over(records, "both_k"),
        "citations_cover_both": over(answerable, "cite_both"),
        "answer_in_top_k": over(records, "answer_in_k"),
        "refusal_accuracy": over(unanswerable, "refused"),
        "false_refusal_rate": over(answerable, "refused"),
        "latency_p50": percentile(latencies, 50) if latencies else None,
        "latency_p95": percentile(latencies, 95) if latencies else None,
        "latency_total": sum(latencies) if latencies else None,
        "first_token_p50": percentile(firsts, 50) if firsts else None,
        "first_token_p95": percentile(firsts, 95) if firsts else None,
        "n_generated": len(firsts),
        # Selective answering (see risk_coverage): None when no answer given has a confidence.
        "aurc": rc["aurc"] if rc else None,
        "risk_coverage": rc,
        **unsure_scores(records),
    }


def unsure_scores(records: Sequence[dict[str, Any]]) -> dict[str, float | int | None]:
    """How the answers marked unsure (the reader doubts them) compare with the others: their
    share of the answers given, and the share of each that is right (answerable and correct; an
    answer to an unanswerable question is wrong)."""
    given = [r for r in records if not r.get("refused")]
    marked = [r for r in given if r.get("unsure")]
    other = [r for r in given if not r.get("unsure")]

    def right(rs: Sequence[dict[str, Any]]) -> float | None:
        return _mean([float(bool(r.get("answerable")) and bool(r.get("correct"))) for r in rs])

    wrong = [r for r in given if not (r.get("answerable") and r.get("correct"))]
    return {
        "unsure_share": len(marked) / len(given) if given else None,
        "unsure_right": right(marked),
        "sure_right": right(other),
        "wrong_marked_unsure": _mean([float(bool(r.get("unsure"))) for r in wrong]),
    }
