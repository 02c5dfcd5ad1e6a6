"""Hand-made cases with known values for eval.metrics."""

from __future__ import annotations

import pytest

from eval.metrics import (
    answer_confidence,
    answer_correct,
    citation_precision,
    citation_precision_counts,
    citation_recall,
    citation_support,
    cited_lengths,
    cited_sentences,
    covers,
    exact_match,
    gold_answer_in,
    mean_cited_length,
    normalize_answer,
    normalize_for_match,
    overlaps,
    page_scores,
    percentile,
    retrieval_scores,
    risk_coverage,
    score_question,
    span_of,
    strip_markers,
    summarize,
    token_f1,
)
from rag.types import Answer, Citation

pytestmark = pytest.mark.unit

# A toy document: evidence is the second sentence, chars 30-60 of "doc.txt".
DOC = "Intro text that says nothing. The Broncos won Super Bowl 50. Other."
EVIDENCE = [("doc.txt", 30, 60)]


def cit(text: str, start: int, end: int, source: str = "doc.txt") -> Citation:
    return Citation(source=source, title="Doc", text=text, start=start, end=end, score=1.0)


GOOD = cit(DOC[0:60], 0, 60)  # covers the evidence
BAD = cit("Unrelated passage about weather.", 500, 532)  # covers nothing


# ---------------------------------------------------------------------------- normalisation / SQuAD


def test_strip_markers():
    assert strip_markers("Denver won [1]. It was 24-10 [1][2].") == "Denver won. It was 24-10."
    assert strip_markers("Paris.[3] Lyon.") == "Paris. Lyon."


def test_normalize_answer_is_official_squad():
    assert normalize_answer("The  Denver Broncos!") == "denver broncos"
    assert normalize_answer("An apple, a pear") == "apple pear"
    assert normalize_answer("1,500") == "1500"
    assert normalize_answer("Newton's") == "newtons"  # official: punctuation deleted, not spaced


def test_normalize_for_match():
    assert normalize_for_match("1,500 people") == normalize_for_match("1500 people") == "1500 people"
    assert normalize_for_match("Newton’s law") == "newton s law"
    assert normalize_for_match("Pokémon — the game") == "pokemon game"


def test_exact_match():
    assert exact_match("the Denver Broncos", ["Denver Broncos"]) == 1.0
    assert exact_match("Denver Broncos [1].", ["Carolina", "denver broncos"]) == 1.0
    assert exact_match("Broncos", ["Denver Broncos"]) == 0.0


def test_token_f1():
    assert token_f1("Broncos won", ["Denver Broncos"]) == pytest.approx(0.5)
    assert token_f1("the Denver Broncos [1]", ["Denver Broncos"]) == pytest.approx(1.0)
    # max over golds: "broncos" vs "Broncos" is 1.0
    assert token_f1("Broncos", ["Denver Broncos", "Broncos"]) == pytest.approx(1.0)
    assert token_f1("Panthers", ["Denver Broncos"]) == 0.0
    # precision 1/3, recall 1 -> 0.5
    assert token_f1("Broncos did win", ["Broncos"]) == pytest.approx(0.5)


def test_squad_needs_golds():
    with pytest.raises(ValueError):
        exact_match("x", [])
    with pytest.raises(ValueError):
        token_f1("x", [])


# ---------------------------------------------------------------------------- correctness


def test_answer_correct_needs_every_part():
    parts = [["Denver Broncos", "Broncos"], ["24-10", "24 to 10"]]
    assert answer_correct("The Broncos won 24–10 [1].", parts)  # en dash still matches
    assert not answer_correct("The Broncos won [1].", parts)
    assert not answer_correct("The Panthers lost 24-10.", parts)


def test_answer_correct_digit_commas_and_boundaries():
    assert answer_correct("About 1500 people came.", [["1,500"]])
    assert answer_correct("About 1,500 people came.", [["1500"]])
    assert not answer_correct("About 15000 people came.", [["1500"]])  # token boundary
    assert answer_correct("Newton's second law [2].", [["Newton"]])


def test_answer_correct_rejects_empty_parts():
    with pytest.raises(ValueError):
        answer_correct("anything", [])


def test_gold_answer_in():
    assert gold_answer_in("It was the Denver Broncos [1].", ["Carolina Panthers", "Denver Broncos"])
    assert not gold_answer_in("It was Denver.", ["Denver Broncos"])
    assert not gold_answer_in("It was Denver.", [])


# ---------------------------------------------------------------------------- spans / retrieval


def test_covers_and_overlaps():
    assert covers(("a", 0, 100), ("a", 10, 20))
    assert covers(("a", 10, 20), ("a", 10, 20))
    assert not covers(("a", 0, 15), ("a", 10, 20))  # partial
    assert not covers(("b", 0, 100), ("a", 10, 20))  # other document
    assert overlaps(("a", 0, 15), ("a", 10, 20))
    assert not overlaps(("a", 0, 10), ("a", 10, 20))  # touching is not overlapping
    assert not overlaps(("b", 0, 15), ("a", 10, 20))


def test_span_of():
    assert span_of(GOOD) == ("doc.txt", 0, 60)


def test_retrieval_first_relevant_at_rank_3():
    retrieved = [("x", 0, 10), ("doc.txt", 0, 40), ("doc.txt", 25, 70), ("doc.txt", 0, 80)]
    assert retrieval_scores(retrieved, EVIDENCE, k=5) == {
        "hit1": False,
        "hitk": True,
        "rr": pytest.approx(1 / 3),
    }
    # k=2 cuts the relevant passage off
    assert retrieval_scores(retrieved, EVIDENCE, k=2) == {"hit1": False, "hitk": False, "rr": 0.0}
    # with overlaps the partial passage at rank 2 counts
    assert retrieval_scores(retrieved, EVIDENCE, k=5, match=overlaps)["rr"] == pytest.approx(0.5)


def test_retrieval_hit_at_1_and_edge_cases():
    assert retrieval_scores([("doc.txt", 0, 60)], EVIDENCE, k=3) == {
        "hit1": True,
        "hitk": True,
        "rr": 1.0,
    }
    assert retrieval_scores([], EVIDENCE, k=3) == {"hit1": False, "hitk": False, "rr": 0.0}
    assert retrieval_scores([("doc.txt", 0, 60)], [], k=3) == {
        "hit1": None,
        "hitk": None,
        "rr": None,
    }


def test_retrieval_multi_evidence_needs_only_one():
    evidence = [("a", 0, 10), ("b", 0, 10)]
    assert retrieval_scores([("z", 0, 5), ("b", 0, 50)], evidence, k=2)["hitk"] is True


# ---------------------------------------------------------------------------- citations


def test_cited_sentences():
    text = "Denver won [1]. It was 24-10.[1][2] No source here. Last one [3]"
    assert cited_sentences(text) == [
        ("Denver won.", [1]),
        ("It was 24-10.", [1, 2]),
        ("No source here.", []),
        ("Last one", [3]),
    ]


def test_cited_sentences_markers_after_space_abbrev_and_lines():
    assert cited_sentences("The U.S. Army won. [2] Then [1][1] peace.") == [
        ("The U.S. Army won.", [2]),
        ("Then peace.", [1]),  # repeated marker counted once
    ]
    assert cited_sentences("- Paris [1]\n- Lyon\n[2]") == [("- Paris", [1]), ("- Lyon", [2])]
    assert cited_sentences("") == []


def test_citation_support():
    assert citation_support(Answer("x [1]", False, [BAD, GOOD]), EVIDENCE)
    assert not citation_support(Answer("x [1]", False, [BAD]), EVIDENCE)
    assert not citation_support(Answer("x", False, []), EVIDENCE)
    partial = cit(DOC[40:67], 40, 67)
    assert not citation_support(Answer("x [1]", False, [partial]), EVIDENCE)
    assert citation_support(Answer("x [1]", False, [partial]), EVIDENCE, match=overlaps)


def test_citation_precision_one_right_one_wrong():
    answer = Answer("The Broncos won [1]. It rained [2].", False, [GOOD, BAD])
    assert citation_precision_counts(answer, EVIDENCE) == (1, 2)
    assert citation_precision(answer, EVIDENCE) == pytest.approx(0.5)
    assert citation_recall(answer, EVIDENCE)


def test_citation_precision_missing_citation_is_unsupported():
    answer = Answer("The Broncos won [1]. Also [7].", False, [GOOD])
    assert citation_precision(answer, EVIDENCE) == pytest.approx(0.5)


def test_citation_precision_extractive_sentence_supported_by_its_passage():
    # BAD does not cover the evidence, but the sentence is quoted from it.
    answer = Answer("Unrelated passage about weather [1].", False, [BAD])
    assert citation_precision(answer, EVIDENCE) == 1.0
    # evidence only: the same bar as a paraphrase, which is never a quote
    assert citation_precision_counts(answer, EVIDENCE, quotes=False) == (0, 1)
    right = Answer("Denver beat Carolina [1]. Weather [2].", False, [GOOD, BAD])
    assert citation_precision_counts(right, EVIDENCE, quotes=False) == (1, 2)
    assert citation_recall(answer, EVIDENCE)


def test_a_short_answer_leading_its_quoted_sentence_is_a_quote():
    # The reader's form: "short answer — the sentence it comes from [n]"; both parts quoted.
    led = Answer("weather — Unrelated passage about weather [1].", False, [BAD])
    assert citation_precision(led, EVIDENCE) == 1.0
    # A lead the passage does not hold is no quote.
    invented = Answer("snow — Unrelated passage about weather [1].", False, [BAD])
    assert citation_precision(invented, EVIDENCE) == 0.0


def test_em_and_f1_score_the_short_answer_when_there_is_one():
    item = {"answerable": True, "answers": ["Denver Broncos"]}
    answer = Answer("Denver Broncos — The Denver Broncos won Super Bowl 50 [1].", False, [GOOD])
    answer.short_answer = "Denver Broncos"
    record = score_question(answer, item, [], EVIDENCE, k=5)
    assert record["em"] == 1.0 and record["f1"] == 1.0
    answer.short_answer = None  # no short answer: the whole text is scored
    assert score_question(answer, item, [], EVIDENCE, k=5)["em"] == 0.0


def test_citation_precision_none_without_markers():
    answer = Answer("The Broncos won.", False, [GOOD])
    assert citation_precision(answer, EVIDENCE) is None
    assert not citation_recall(answer, EVIDENCE)


def test_cited_lengths_only_referenced_and_existing():
    answer = Answer("A [2]. B [2][9].", False, [GOOD, BAD, cit("zz", 0, 2)])
    assert cited_lengths(answer) == [len(BAD.text)]
    other = Answer("C [1].", False, [cit("abcd", 0, 4)])
    assert mean_cited_length([answer, other]) == pytest.approx((len(BAD.text) + 4) / 2)
    assert mean_cited_length([Answer("none", False, [GOOD])]) is None


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
PAGES = ["a.txt", "b.txt"]
ON_A = cit("X was directed by Y.", 0, 20, source="a.txt")
ON_B = cit("Y is Australian.", 0, 16, source="b.txt")
ON_C = cit("Z is French.", 0, 12, source="c.txt")


def test_page_scores_recall_and_both_in_top_k():
    retrieved = [("a.txt", 0, 20), ("c.txt", 0, 12), ("a.txt", 20, 40), ("b.txt", 0, 16)]
    answer = Answer("Y is Australian [1].", False, [ON_B])
    r = page_scores(retrieved, answer, PAGES, k=3)
    assert r["recall_k"] == 0.5 and r["both_k"] is False  # b.txt is 4th, outside the top 3
    r = page_scores(retrieved, answer, PAGES, k=4)
    assert r["recall_k"] == 1.0 and r["both_k"] is True
    assert page_scores([], answer, PAGES, k=5)["recall_k"] == 0.0
    with pytest.raises(ValueError):
        page_scores(retrieved, answer, [], k=5)


def test_page_scores_citations_cover_both():
    both = Answer("X was directed by Y [1]. Y is Australian [2].", False, [ON_A, ON_B])
    assert page_scores([], both, PAGES, k=5)["cite_both"] is True
    one = Answer("Y is Australian [1].", False, [ON_B, ON_C])
    assert page_scores([], one, PAGES, k=5)["cite_both"] is False
    refused = Answer("I cannot answer that.", True, [ON_A, ON_B])  # offered for reading only
    assert page_scores([], refused, PAGES, k=5)["cite_both"] is False


def test_page_scores_answer_in_top_k_passages():
    texts = ["X was directed by Y.", "Z is French.", "Y is Australian."]
    answer = Answer("X was directed by Y [1].", False, [ON_A])
    spans = [("a.txt", 0, 20), ("c.txt", 0, 12), ("b.txt", 0, 16)]
    assert page_scores(spans, answer, PAGES, 3, texts, ["Australian"])["answer_in_k"] is True
    assert page_scores(spans, answer, PAGES, 2, texts, ["Australian"])["answer_in_k"] is False
    assert page_scores(spans, answer, PAGES, 3)["answer_in_k"] is None  # no texts given


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


# ---------------------------------------------------------------------------- risk–coverage


def _given(conf, correct=True, answerable=True, refused=False, source="answer"):
    return {
        "confidence": conf,
        "confidence_source": source,
        "correct": correct,
        "answerable": answerable,
        "refused": refused,
    }


def test_answer_confidence_prefers_the_back_ends_own():
    sure = Answer("x [1]", False, [GOOD, BAD], confidence=0.7)
    assert answer_confidence(sure) == (0.7, "answer")
    scored = Answer("x [1]", False, [cit("a", 0, 1), Citation("d", "D", "b", 0, 1, score=0.4)])
    assert answer_confidence(scored) == (1.0, "citation score")  # best cited passage
    assert answer_confidence(Answer("x", False)) == (None, None)
    assert answer_confidence(Answer("No.", True, [GOOD], confidence=0.9)) == (None, None)  # refused: not given
    with pytest.raises(ValueError):
        Answer("x", False, confidence=1.5)


def test_risk_coverage_known_curve():
    records = [
        _given(0.9),
        _given(0.8, correct=False),
        _given(0.7),
        _given(0.6, answerable=False, correct=None),  # answered an unanswerable question: wrong
        _given(None, refused=True),  # refused: never covered
    ]
    rc = risk_coverage(records, step=None)
    assert [(p["threshold"], p["coverage"], p["accuracy"]) for p in rc["points"]] == [
        (0.9, 0.2, 1.0),
        (0.8, 0.4, 0.5),
        (0.7, 0.6, pytest.approx(2 / 3)),
        (0.6, 0.8, 0.5),
    ]
    # area under risk over coverage 0..0.8, normalised: (0*.2 + .5*.2 + (1/3)*.2 + .5*.2) / .8
    assert rc["aurc"] == pytest.approx((0.5 + 1 / 3 + 0.5) * 0.2 / 0.8)
    assert rc["max_coverage"] == 0.8 and rc["unscored"] == 0 and rc["source"] == "answer"


def test_risk_coverage_rewards_confidence_that_orders_right_answers_first():
    good_order = [_given(0.9), _given(0.8), _given(0.2, correct=False)]
    bad_order = [_given(0.9, correct=False), _given(0.8), _given(0.2)]
    a, b = risk_coverage(good_order), risk_coverage(bad_order)
    assert a["points"][-1]["accuracy"] == b["points"][-1]["accuracy"]  # same answers overall
    assert a["aurc"] < b["aurc"]


def test_risk_coverage_ties_unscored_thinning_and_none():
    tied = [_given(0.5), _given(0.5, correct=False), _given(None)]
    rc = risk_coverage(tied)
    assert [(p["coverage"], p["accuracy"]) for p in rc["points"]] == [(pytest.approx(2 / 3), 0.5)]  # one threshold
    assert rc["unscored"] == 1
    assert risk_coverage([_given(None), _given(None, refused=True)]) is None
    assert risk_coverage([]) is None
    many = [_given(1 - i / 1000) for i in range(1000)]
    thin = risk_coverage(many)
    assert len(thin["points"]) == 21 and thin["points"][-1]["coverage"] == 1.0  # every 5 %, and the last
    assert thin["aurc"] == risk_coverage(many, step=None)["aurc"] == 0.0


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
