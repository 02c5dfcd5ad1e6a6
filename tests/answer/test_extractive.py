"""The extractive answerer's refusals."""

from __future__ import annotations

import pytest

from rag.answer.evidence import ScoredSentence, _type_match, answer_type
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.lexical import terms
from rag.types import Passage, ScoredPassage

pytestmark = pytest.mark.unit

TEXT = "Last week more than 1,000 migrants crossed the border in El Paso."
P = ScoredPassage(Passage("a.txt:0", "a.txt", "A", TEXT, 0, len(TEXT)), 0.9, 0.8)


def scored(question: str) -> ScoredSentence:
    # A close, word-rich match: only the answer type can tell the question is not answered.
    return ScoredSentence(
        TEXT, P, 0, len(TEXT), meaning=0.8, words=0.8,
        type_ok=_type_match(answer_type(question), TEXT, question), terms=terms(TEXT), question_terms_hit=[],
    )


def test_a_sentence_of_the_asked_type_answers():
    q = "How many migrants crossed the border in El Paso?"
    answer = ExtractiveAnswerer(min_support=0.51).answer(q, [P], [scored(q)], unknown_names=False)
    assert not answer.refused and "1,000" in answer.text


def test_a_sentence_naming_no_one_new_is_no_answer_to_which_official_however_close():
    q = "Which official first reported the migrants who crossed the border in El Paso?"
    assert answer_type(q) == "name"
    answer = ExtractiveAnswerer(min_support=0.51).answer(q, [P], [scored(q)], unknown_names=False)
    assert answer.refused


def test_who_may_be_answered_without_a_name():
    # "An attorney may seek changes": "who" alone is no strict type (SQuAD asks such questions).
    q = "Who crossed the border in El Paso last week?"
    answer = ExtractiveAnswerer(min_support=0.51).answer(q, [P], [scored(q)], unknown_names=False)
    assert not answer.refused
