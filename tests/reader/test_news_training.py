"""The invented news stories the reader trains on (models/reader/news-training): well formed, cut
as the index cuts them, every answer inside one passage, the held-out stories never trained on."""

from __future__ import annotations

import json

import pytest

from rag.index.embedder import model_dir
from rag.reader.features import make_tokenizer
from scripts.reader_training.news import HELD_OUT_STORY, NEWS, news_examples, token_counter

pytestmark = pytest.mark.integration

BATCHES = sorted(p for p in NEWS.iterdir() if (p / "questions.jsonl").is_file())


@pytest.fixture(scope="module")
def count_tokens():
    return token_counter(make_tokenizer(str(model_dir() / "tokenizer.json")))


def test_every_batch_passes_its_check():
    import importlib.util

    spec = importlib.util.spec_from_file_location("news_check", NEWS / "check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    assert len(BATCHES) >= 12
    for batch in BATCHES:
        assert check.check(batch) == [], batch.name


@pytest.mark.parametrize("split", ["train", "dev"])
def test_every_answer_is_one_passage_s_span_and_the_negatives_hold_no_answer(split, count_tokens):
    examples = news_examples(split, count_tokens)
    answerable = {}
    for batch in BATCHES:
        for line in (batch / "questions.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if (row["id"].split("-")[1] == HELD_OUT_STORY) == (split == "dev") and row["answerable"]:
                answerable[row["question"]] = [a.lower() for a in row["answers"]]
    positives = [ex for ex in examples if ex.label == 1]
    # Every answerable question's answer lies inside one passage as the index cuts the story.
    assert len(positives) == len(answerable)
    for ex in positives:
        assert ex.context[ex.answer_start : ex.answer_end].lower() in answerable[ex.question]
    for ex in examples:
        if ex.kind == "news_other":
            assert not any(a in ex.context.lower() for a in answerable[ex.question])
    kinds = {ex.kind for ex in examples}
    assert kinds == {"news", "news_other", "news_unanswerable"}


def test_held_out_stories_are_never_trained_on(count_tokens):
    train = {ex.context for ex in news_examples("train", count_tokens)}
    dev = {ex.context for ex in news_examples("dev", count_tokens)}
    assert train and dev and not train & dev
