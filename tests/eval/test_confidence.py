"""eval.confidence: the confidence of an answer and the risk–coverage curve, with known values."""

from __future__ import annotations

import pytest

from eval.confidence import answer_confidence, risk_coverage
from rag.types import Answer, Citation
from tests.eval.cases import BAD, GOOD, cit

pytestmark = pytest.mark.unit


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
