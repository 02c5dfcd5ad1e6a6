"""The reader's training pairs (scripts/reader_training/data.py): single sentences read alone."""

from __future__ import annotations

import random

import pytest

from scripts.reader_training.data import sentence_examples

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
