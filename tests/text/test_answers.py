"""rag.text.answers: SQuAD normalisation, exact match and token F1, with known values."""

from __future__ import annotations

import pytest

from rag.text.answers import exact_match, normalize_answer, token_f1

pytestmark = pytest.mark.unit


def test_normalize_answer_is_official_squad():
    assert normalize_answer("The  Denver Broncos!") == "denver broncos"
    assert normalize_answer("An apple, a pear") == "apple pear"
    assert normalize_answer("1,500") == "1500"
    assert normalize_answer("Newton's") == "newtons"  # official: punctuation deleted, not spaced


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
