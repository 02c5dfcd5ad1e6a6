"""eval.retrieval: hit@1, hit@k, reciprocal rank and the multi-hop page scores, with known values."""

from __future__ import annotations

import pytest

from eval.retrieval import page_scores, retrieval_scores
from eval.spans import overlaps
from rag.types import Answer
from tests.eval.cases import EVIDENCE, ON_A, ON_B, ON_C, PAGES

pytestmark = pytest.mark.unit


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


# ---------------------------------------------------------------------------- pages (multi-hop)


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
