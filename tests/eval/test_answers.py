"""eval.answers: correctness as containment of the required parts or gold strings."""

from __future__ import annotations

import pytest

from eval.answers import answer_correct, gold_answer_in, normalize_for_match

pytestmark = pytest.mark.unit


def test_normalize_for_match():
    assert normalize_for_match("1,500 people") == normalize_for_match("1500 people") == "1500 people"
    assert normalize_for_match("Newton’s law") == "newton s law"
    assert normalize_for_match("Pokémon — the game") == "pokemon game"


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
