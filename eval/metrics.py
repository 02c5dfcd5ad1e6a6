"""Scoring functions for the evaluation harness: pure, no model, no I/O.

Three families, each scored per question and then aggregated by `summarize`:

* answers   - SQuAD exact match / token F1, plus a containment check against hand-written
              required parts (`answer_correct`), because our answers are whole sentences and
              SQuAD EM of a sentence against a short span is almost always 0;
* retrieval - hit@1, hit@k and reciprocal rank of the first passage that matches an evidence span;
* citations - whether the cited passages hold the evidence and whether each [n] marker points to a
              passage that supports the sentence it is attached to;
* pages     - multi-hop sets (HotpotQA), whose answer needs facts from two documents: recall@k of
              the gold documents, both of them in the top k, citations that cover both.

Spans are `(source, start, end)` character ranges in a document; the caller computes the evidence
spans (from the gold set or the benchmark), these functions only compare them.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

# The grammar grounding writes: eval splits an answer into sentences with the same rule the
# grounding used (and callers may keep importing these two from here).
from rag.text.citations import cited_sentences, strip_markers
from rag.types import Answer

Span = tuple[str, int, int]  # (source, start, end), end exclusive
SpanMatch = Callable[[Span, Span], bool]  # match(retrieved_or_cited_span, evidence_span)

# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

_ARTICLES = re.compile(r"\b(a|an|the)\b")
# A comma between digit groups ("1,500", "2,000,000"); removed before punctuation becomes a space
# so "1,500" and "1500" normalise alike instead of "1 500" vs "1500".
_DIGIT_GROUP_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SQUAD_PUNCT = set(string.punctuation)


def normalize_answer(s: str) -> str:
    """The official SQuAD v1.1 normalisation, kept verbatim so EM/F1 are comparable to published
    numbers: lowercase, delete ASCII punctuation, drop articles a/an/the, fold whitespace."""
    s = s.lower()
    s = "".join(ch for ch in s if ch not in _SQUAD_PUNCT)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def normalize_for_match(s: str) -> str:
    """Normalisation for containment checks (answer parts, quoted sentences).

    Differs from `normalize_answer` where containment needs it: punctuation (any Unicode P*/S*
    character, since the corpus has curly quotes and dashes) becomes a space rather than vanishing,
    so "Newton's" still contains the token "newton"; digit-group commas are removed first so
    "1,500" == "1500"; accents are folded so "Pokémon" matches "Pokemon".
    """
    s = _DIGIT_GROUP_COMMA.sub("", s)
    s = unicodedata.normalize("NFKD", s.casefold())
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat == "Mn":  # combining accent left over by NFKD
            continue
        out.append(" " if cat[0] in "PS" else ch)
    s = _ARTICLES.sub(" ", "".join(out))
    return " ".join(s.split())


def _contains(haystack_norm: str, needle_norm: str) -> bool:
    """Token-boundary containment of normalised strings, so "1500" is not found in "15000"."""
    return bool(needle_norm) and f" {needle_norm} " in f" {haystack_norm} "


# --------------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------------


def _squad_f1(prediction: str, gold: str) -> float:
    pred_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(gold).split()
    common = Counter(pred_tokens) & Counter(gold_tokens)
    num_same = sum(common.values())
    if num_same == 0:  # also covers empty prediction or gold, as in the v1.1 script
        return 0.0
    precision = num_same / len(pred_tokens)
    recall = num_same / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def exact_match(prediction: str, golds: Sequence[str]) -> float:
    """SQuAD EM: 1.0 if the marker-stripped prediction equals any gold after normalisation."""
    if not golds:
        raise ValueError("exact_match needs at least one gold answer")
    pred = normalize_answer(strip_markers(prediction))
    return float(any(pred == normalize_answer(g) for g in golds))


def token_f1(prediction: str, golds: Sequence[str]) -> float:
    """SQuAD token F1 of the marker-stripped prediction, max over gold answers."""
    if not golds:
        raise ValueError("token_f1 needs at least one gold answer")
    pred = strip_markers(prediction)
    return max(_squad_f1(pred, g) for g in golds)


def answer_correct(answer_text: str, answer_parts: Sequence[Sequence[str]]) -> bool:
    """True when every required part has at least one variant contained in the answer.

    answer_parts is a conjunction of disjunctions: [["Denver Broncos", "Broncos"], ["24-10"]]
    needs a Broncos mention and the score. Matching is token-boundary containment after
    `normalize_for_match`.
    """
    if not answer_parts:
        raise ValueError("answer_correct needs at least one required part")
    answer = normalize_for_match(strip_markers(answer_text))
    return all(any(_contains(answer, normalize_for_match(v)) for v in variants) for variants in answer_parts)


def gold_answer_in(answer_text: str, golds: Sequence[str]) -> bool:
    """Benchmark correctness: any gold answer string is contained in the answer (normalised)."""
    answer = normalize_for_match(strip_markers(answer_text))
    return any(_contains(answer, normalize_for_match(g)) for g in golds)


# --------------------------------------------------------------------------------------------------
# Spans and retrieval
# --------------------------------------------------------------------------------------------------


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


def _matches_any(span: Span, evidence: Iterable[Span], match: SpanMatch) -> bool:
    return any(match(span, e) for e in evidence)


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
    expected = [ids[i] for i, s in enumerate(retrieved) if _matches_any(s, evidence, match)]
    expected = expected or ["<no-relevant-passage>"]
    top_k = ids[:k]
    return {
        "hit1": HitRate().compute(expected_ids=expected, retrieved_ids=ids[:1]).score == 1.0,
        "hitk": HitRate().compute(expected_ids=expected, retrieved_ids=top_k).score == 1.0,
        "rr": float(MRR().compute(expected_ids=expected, retrieved_ids=top_k).score),
    }


# --------------------------------------------------------------------------------------------------
# Citations (answers are split into sentences and markers by rag.text.citations.cited_sentences)
# --------------------------------------------------------------------------------------------------


def citation_support(answer: Answer, evidence: Sequence[Span], match: SpanMatch = covers) -> bool:
    """At least one of the answer's citations is a passage matching an evidence span.

    Looks at every citation in answer.citations (the list shown to the user), whether or not the
    text references it; the scorer decides separately how refusals count.
    """
    return any(_matches_any(span_of(c), evidence, match) for c in answer.citations)


def _marker_supported(
    answer: Answer, sentence: str, n: int, evidence: Sequence[Span], match: SpanMatch, quotes: bool = True
) -> bool:
    """Citation n exists and supports the sentence: its passage matches the evidence, or (with
    `quotes`) the sentence is quoted from the passage (an extractive sentence is supported by its
    source)."""
    if not 1 <= n <= len(answer.citations):
        return False  # a marker to a missing citation supports nothing
    c = answer.citations[n - 1]
    if _matches_any(span_of(c), evidence, match):
        return True
    # The reader's answers lead with the short answer, then the sentence it comes from
    # ("1,500 — For the second straight day ... [1]"): a quote when both parts are quoted.
    passage = normalize_for_match(c.text)
    return quotes and all(_contains(passage, normalize_for_match(part)) for part in sentence.split(" — "))


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
    return _mean(lengths)


# --------------------------------------------------------------------------------------------------
# Pages (multi-hop)
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Risk–coverage (selective answering)
# --------------------------------------------------------------------------------------------------


def answer_confidence(answer: Answer) -> tuple[float | None, str | None]:
    """(confidence, where it came from) of an answer given (None, None for a refusal).

    The back end's own `Answer.confidence` when it has one ("answer"); otherwise the retrieval
    score of the best cited passage ("citation score"), a ranking signal, not a probability, but
    the only score today's extractive answerer exposes; (None, None) when there is neither.
    """
    if answer.refused:
        return None, None
    if answer.confidence is not None:
        return float(answer.confidence), "answer"
    if answer.citations:
        return max(float(c.score) for c in answer.citations), "citation score"
    return None, None


def risk_coverage(records: Sequence[dict[str, Any]], step: float | None = 0.05) -> dict[str, Any] | None:
    """Accuracy of the answers given against the share of questions answered, as a confidence
    threshold moves from strict to lax. None when no answer given has a confidence.

    Every record is a question; it is covered at threshold t when it was answered (not refused)
    with confidence >= t. An answer is right when it is correct (answerable) and wrong when the
    question was unanswerable. Points are at each distinct confidence, strictest first:
    {threshold, coverage, accuracy}. `aurc` is the area under the risk (1 - accuracy) curve over
    the coverage reached, normalised by it: the mean risk of the answers, weighting the confident
    ones most; lower is better, and a confidence that orders right answers first lowers it at the
    same overall accuracy. An answered question without a confidence is left out of the curve
    (counted in `unscored`). With `step`, the points kept are the last one within each step of
    coverage (and the final one), so summary.json stays small for 1,000 questions; `aurc` is
    always computed on every point.
    """
    n = len(records)
    scored = [r for r in records if not r.get("refused") and r.get("confidence") is not None]
    if not n or not scored:
        return None
    sources = sorted({r.get("confidence_source") or "?" for r in scored})

    def right(r: dict[str, Any]) -> bool:
        return bool(r.get("correct")) if r.get("answerable") else False

    scored.sort(key=lambda r: -float(r["confidence"]))
    points: list[dict[str, float]] = []
    taken = good = 0
    for i, r in enumerate(scored):
        taken += 1
        good += right(r)
        last_of_tie = i + 1 == len(scored) or float(scored[i + 1]["confidence"]) < float(r["confidence"])
        if last_of_tie:  # a threshold takes all answers at its confidence, or none of them
            points.append({"threshold": float(r["confidence"]), "coverage": taken / n, "accuracy": good / taken})
    area, prev = 0.0, 0.0
    for p in points:
        area += (1.0 - p["accuracy"]) * (p["coverage"] - prev)
        prev = p["coverage"]
    unscored = sum(1 for r in records if not r.get("refused") and r.get("confidence") is None)
    return {
        "source": ", ".join(sources),
        "points": _thin(points, step) if step else points,
        "aurc": area / prev,
        "max_coverage": prev,
        "unscored": unscored,
    }


def _thin(points: list[dict[str, float]], step: float) -> list[dict[str, float]]:
    kept: dict[int, dict[str, float]] = {}
    for p in points:  # coverage grows along the list: the last point of each bucket wins
        kept[math.floor(round(p["coverage"] / step, 9))] = p
    return list(kept.values())


# --------------------------------------------------------------------------------------------------
# Latency and aggregation
# --------------------------------------------------------------------------------------------------


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
    }
