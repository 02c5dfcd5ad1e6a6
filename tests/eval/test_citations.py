"""eval.citations: citation support, precision, recall and cited lengths, with known values."""

from __future__ import annotations

import pytest

from eval.citations import (
    citation_precision,
    citation_precision_counts,
    citation_recall,
    citation_support,
    cited_lengths,
    mean_cited_length,
)
from eval.spans import overlaps
from rag.types import Answer
from tests.eval.cases import BAD, DOC, EVIDENCE, GOOD, cit

pytestmark = pytest.mark.unit


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
