"""The reader's training pairs (scripts/reader_training/data.py): single sentences read alone,
questions with a common noun swapped."""

from __future__ import annotations

import random

import pytest

from scripts.reader_training.data import noun_swapped_question, question_nouns, sentence_examples

PARAGRAPH = (
    "The Kestrel Bridge opened in 1931 after six years of work. It carries the coastal railway over "
    "the Marrow estuary. Its engineer, Ada Voss, also designed the harbour lighthouse at Brindle."
)


@pytest.mark.unit
def test_a_sentence_read_alone_keeps_its_answer_span_and_the_other_holds_no_answer():
    question, answer = "Who was the engineer of the Kestrel Bridge?", "Ada Voss"
    start = PARAGRAPH.index(answer)
    seen = {"sentence": 0, "sentence_other": 0}
    for seed in range(40):
        for ex in sentence_examples(question, PARAGRAPH, start, [answer], random.Random(seed)):
            seen[ex.kind] += 1
            assert ex.context in PARAGRAPH and ex.context == ex.context.strip()
            if ex.kind == "sentence":
                assert ex.label == 1 and ex.context[ex.answer_start : ex.answer_end] == answer
                assert ex.context.startswith("Its engineer")
            else:
                assert ex.label == 0 and answer not in ex.context and ex.answer_start == -1
    # Each kind is drawn for about a quarter of the questions (SENTENCE_SHARE).
    assert 3 <= seen["sentence"] <= 20 and 3 <= seen["sentence_other"] <= 20, seen


@pytest.mark.unit
def test_no_sentence_when_the_answer_crosses_a_sentence_end():
    answer = "1931 after six years of work. It carries"
    start = PARAGRAPH.index(answer)
    for seed in range(40):
        assert all(
            ex.kind != "sentence" for ex in sentence_examples("When?", PARAGRAPH, start, [answer], random.Random(seed))
        )


@pytest.mark.unit
def test_a_noun_swap_changes_a_noun_of_the_answer_sentence_to_one_the_paragraph_never_uses():
    question, answer = "When did the bridge open after six years of work?", "1931"
    start = PARAGRAPH.index(answer)
    nouns = question_nouns(["Who built the harbour?", "What did the mill grind?", "Who designed the lighthouse?"])
    assert nouns == ["harbour", "lighthouse", "mill"]
    swaps = {noun_swapped_question(question, PARAGRAPH, start, [answer], nouns, random.Random(s)) for s in range(20)}
    # "harbour" and "lighthouse" are in the paragraph: only "mill" may take the bridge's place.
    assert swaps == {"When did the mill open after six years of work?"}


@pytest.mark.unit
def test_no_noun_swap_outside_the_answer_sentence_or_inside_the_answer():
    nouns = ["mill", "orchard"]
    # "the engineer" is in another sentence than the answer's: nothing to swap.
    start = PARAGRAPH.index("1931")
    question = "In what year did the engineer start?"
    assert noun_swapped_question(question, PARAGRAPH, start, ["1931"], nouns, random.Random(0)) is None
    # "the railway" is part of the answer: only "the estuary" is swapped.
    answer = "the coastal railway"
    start = PARAGRAPH.index(answer)
    question = "What does the bridge carry over the estuary, the railway?"
    swaps = {noun_swapped_question(question, PARAGRAPH, start, [answer], nouns, random.Random(s)) for s in range(20)}
    assert swaps == {question.replace("estuary", "mill"), question.replace("estuary", "orchard")}
