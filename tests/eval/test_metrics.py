"""Hand-made cases with known values for eval.metrics: per-question records and their summary."""

from __future__ import annotations

import pytest

from eval.metrics import percentile, score_question, summarize
from eval.spans import covers, overlaps
from rag.types import Answer
from tests.eval.cases import BAD, EVIDENCE, GOOD, ON_A, ON_B, PAGES

pytestmark = pytest.mark.unit


def test_em_and_f1_score_the_short_answer_when_there_is_one():
    item = {"answerable": True, "answers": ["Denver Broncos"]}
    answer = Answer("Denver Broncos — The Denver Broncos won Super Bowl 50 [1].", False, [GOOD])
    answer.short_answer = "Denver Broncos"
    record = score_question(answer, item, [], EVIDENCE, k=5)
    assert record["em"] == 1.0 and record["f1"] == 1.0
    answer.short_answer = None  # no short answer: the whole text is scored
    assert score_question(answer, item, [], EVIDENCE, k=5)["em"] == 0.0


# ---------------------------------------------------------------------------- latency


def test_percentile_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 100) == 100
    assert percentile(values, 0) == 1
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([5.0], 95) == 5.0
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


# ---------------------------------------------------------------------------- pages (multi-hop)

# A two-page question: the bridge page a.txt and the answer page b.txt; c.txt is a distractor.


# ---------------------------------------------------------------------------- pages (multi-hop)


def test_score_question_multi_hop_and_summary():
    item = {"answerable": True, "answers": ["Australian"], "gold_pages": PAGES}
    evidence = [("a.txt", 0, 20), ("b.txt", 0, 16)]
    spans = [("a.txt", 0, 20), ("b.txt", 0, 16)]
    texts = ["X was directed by Y.", "Y is Australian."]
    good = Answer("X was directed by Y [1]. Y is Australian [2].", False, [ON_A, ON_B])
    r1 = score_question(good, item, spans, evidence, k=5, match=overlaps, retrieved_texts=texts)
    assert r1["correct"] is True and r1["support"] is True
    assert (r1["recall_k"], r1["both_k"], r1["cite_both"], r1["answer_in_k"]) == (1.0, True, True, True)
    first_hop = Answer("X was directed by Y [1].", False, [ON_A])  # the bridge sentence only
    r2 = score_question(first_hop, item, spans[:1], evidence, k=5, match=overlaps, retrieved_texts=texts[:1])
    assert r2["correct"] is False and r2["support"] is True
    assert (r2["recall_k"], r2["both_k"], r2["cite_both"], r2["answer_in_k"]) == (0.5, False, False, False)
    s = summarize([r1, r2])
    assert s["recall@k"] == pytest.approx(0.75)
    assert s["both_gold@k"] == 0.5 and s["citations_cover_both"] == 0.5 and s["answer_in_top_k"] == 0.5
    assert s["citation_support"] == 1.0  # a citation on a gold page: both answers have one
    # sets without gold pages (gold set, SQuAD) get no page metrics
    assert "recall_k" not in score_question(good, ITEM, spans, EVIDENCE, k=5)
    assert summarize([_rec()])["both_gold@k"] is None


def test_score_question_and_summary_carry_confidence():
    item = {"answerable": True, "answers": ["Denver Broncos"]}
    sure = score_question(Answer("Denver Broncos [1].", False, [GOOD], confidence=0.9), item, [], EVIDENCE, k=5)
    assert (sure["confidence"], sure["confidence_source"]) == (0.9, "answer")
    unsure = score_question(Answer("Carolina [1].", False, [GOOD], confidence=0.3), item, [], EVIDENCE, k=5)
    s = summarize([sure, unsure])
    assert s["aurc"] == pytest.approx(0.25)  # right first: risk 0 to coverage .5, then 1/2
    assert s["risk_coverage"]["points"][-1] == {"threshold": 0.3, "coverage": 1.0, "accuracy": 0.5}
    assert summarize([_rec()])["aurc"] is None


def test_answers_marked_unsure_are_counted_apart():
    """Four answers given (two marked unsure by the reader, one of them right), one refusal, one
    answer to an unanswerable question (wrong, marked)."""
    item = {"answerable": True, "answers": ["Denver Broncos"]}
    none = {"answerable": False, "answers": []}
    doubt = ["Unsure: the reader model rates this answer 3%, below the 50% it needs to answer on its own."]
    records = [
        score_question(Answer("Denver Broncos [1].", False, [GOOD]), item, [], EVIDENCE, k=5),
        score_question(Answer("Carolina [1].", False, [GOOD]), item, [], EVIDENCE, k=5),
        score_question(Answer("Denver Broncos [1].", False, [GOOD], notes=list(doubt)), item, [], EVIDENCE, k=5),
        score_question(Answer("Carolina [1].", False, [GOOD], notes=["other", *doubt]), none, [], EVIDENCE, k=5),
        score_question(Answer("I couldn't find this.", True, [], notes=list(doubt)), item, [], EVIDENCE, k=5),
    ]
    assert [r["unsure"] for r in records] == [False, False, True, True, False]  # a refusal is never marked
    s = summarize(records)
    assert s["unsure_share"] == pytest.approx(2 / 4)
    assert s["unsure_right"] == pytest.approx(1 / 2) and s["sure_right"] == pytest.approx(1 / 2)
    assert s["wrong_marked_unsure"] == pytest.approx(1 / 2)  # of the two wrong answers, one was marked
    assert summarize([records[4]])["unsure_share"] is None  # nothing given


# ---------------------------------------------------------------------------- records / summary


ITEM = {"answerable": True, "answers": ["Denver Broncos"], "answer_parts": [["Broncos"]]}


def test_score_question_answered():
    answer = Answer(
        "The Denver Broncos won [1]. It rained [2].",
        False,
        [GOOD, BAD],
        timings={"retrieve": 0.5, "generate": 1.0},
    )
    r = score_question(answer, ITEM, [("x", 0, 1), ("doc.txt", 0, 60)], EVIDENCE, k=5, match=covers)
    assert r["correct"] is True
    assert r["em"] == 0.0 and r["f1"] == pytest.approx(4 / 7)  # p=2/5, r=2/2
    assert (r["hit1"], r["hitk"], r["rr"]) == (False, True, 0.5)
    assert r["support"] is True and r["recall"] is True
    assert (r["prec_num"], r["prec_den"], r["precision"]) == (1, 2, 0.5)
    assert r["cited_lengths"] == [60, len(BAD.text)]
    assert r["latency_s"] == pytest.approx(1.5)


def test_score_question_benchmark_falls_back_to_gold_strings():
    item = {"answerable": True, "answers": ["Denver Broncos"]}
    answer = Answer("Denver Broncos [1].", False, [GOOD], timings={"total_s": 2.0, "generate_s": 1.0})
    r = score_question(answer, item, [], EVIDENCE, k=5, match=overlaps)
    assert r["correct"] is True and r["em"] == 1.0
    assert r["latency_s"] == 2.0  # "total_s" preferred over summing stages
    timed = Answer("x", False, timings={"retrieve_s": 0.2, "answer_s": 0.3, "total_s": 0.5})
    assert score_question(timed, item, [], EVIDENCE, k=5)["latency_s"] == 0.5


def test_score_question_refused_answerable_counts_as_failure():
    answer = Answer("I cannot answer that from the documents.", True, [GOOD])
    r = score_question(answer, ITEM, [("doc.txt", 0, 60)], EVIDENCE, k=5, latency_s=0.3)
    assert r["correct"] is False and r["support"] is False and r["recall"] is False
    assert r["em"] == 0.0 and r["f1"] == 0.0
    assert r["precision"] is None and r["prec_den"] == 0
    assert r["hit1"] is True  # retrieval is scored regardless of the refusal
    assert r["latency_s"] == 0.3


def test_score_question_unanswerable():
    item = {"answerable": False, "answers": []}
    r = score_question(Answer("No.", True), item, [("doc.txt", 0, 60)], [], k=5, latency_s=1.0)
    assert r["refused"] is True
    assert all(
        r[key] is None for key in ("correct", "em", "f1", "hit1", "hitk", "rr", "support", "recall", "precision")
    )


def _rec(**kw):
    """A summarize() record: answerable, not refused, every metric missing, unless overridden."""
    base = {
        "answerable": True,
        "refused": False,
        "correct": None,
        "em": None,
        "f1": None,
        "hit1": None,
        "hitk": None,
        "rr": None,
        "support": None,
        "precision": None,
        "prec_num": 0,
        "prec_den": 0,
        "recall": None,
        "cited_lengths": [],
        "latency_s": 1.0,
    }
    return {**base, **kw}


def test_summarize_known_averages():
    records = [
        _rec(
            correct=True,
            em=1.0,
            f1=1.0,
            hit1=True,
            hitk=True,
            rr=1.0,
            support=True,
            precision=1.0,
            prec_num=3,
            prec_den=3,
            prec_ev_num=2,
            recall=True,
            cited_lengths=[100, 200],
            latency_s=1.0,
            first_token_s=0.5,
        ),
        _rec(
            correct=False,
            em=0.0,
            f1=0.5,
            hit1=False,
            hitk=True,
            rr=0.5,
            support=False,
            precision=0.0,
            prec_num=0,
            prec_den=1,
            recall=False,
            cited_lengths=[300],
            latency_s=2.0,
            first_token_s=1.5,
        ),
        # refused answerable: fields left None still count as failures
        _rec(refused=True, em=0.0, f1=0.0, hit1=False, hitk=False, rr=0.0, latency_s=3.0),
        _rec(answerable=False, refused=True, latency_s=4.0),
        _rec(answerable=False, refused=False, cited_lengths=[999], latency_s=5.0),
    ]
    s = summarize(records)
    assert (s["n"], s["n_answerable"], s["n_unanswerable"]) == (5, 3, 2)
    assert s["hit@1"] == pytest.approx(1 / 3)
    assert s["hit@k"] == pytest.approx(2 / 3)
    assert s["mrr"] == pytest.approx(0.5)
    assert s["correctness"] == pytest.approx(1 / 3)
    assert s["em"] == pytest.approx(1 / 3)
    assert s["f1"] == pytest.approx(0.5)
    assert s["citation_support"] == pytest.approx(1 / 3)
    assert s["citation_precision"] == pytest.approx(3 / 4)  # micro over markers, not mean(1.0, 0.0)
    assert s["citation_precision_evidence"] == pytest.approx(2 / 4)
    assert s["citation_recall"] == pytest.approx(1 / 3)
    assert (s["first_token_p50"], s["first_token_p95"], s["n_generated"]) == (0.5, 1.5, 2)
    assert s["mean_cited_length"] == pytest.approx(200.0)  # answerable only
    assert s["refusal_accuracy"] == pytest.approx(0.5)
    assert s["false_refusal_rate"] == pytest.approx(1 / 3)
    assert s["latency_p50"] == 3.0
    assert s["latency_p95"] == 5.0
    assert s["latency_total"] == pytest.approx(15.0)


def test_summarize_empty_metrics_are_none():
    s = summarize([_rec(answerable=False, refused=False, latency_s=None)])
    assert s["n"] == 1 and s["n_answerable"] == 0
    for key in (
        "hit@1",
        "mrr",
        "correctness",
        "citation_precision",
        "false_refusal_rate",
        "mean_cited_length",
        "latency_p50",
        "latency_total",
    ):
        assert s[key] is None
    assert s["refusal_accuracy"] == 0.0
    assert summarize([])["n"] == 0
