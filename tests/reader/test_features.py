"""Where a short answer may start and end (rag.reader.features.best_span): whole words, brackets
closed. The real MiniLM tokenizer cuts the text; the logits are set by hand so that the model's
favourite span is one the decoder must refuse, and the test can say which span it takes instead."""

from __future__ import annotations

import numpy as np
import pytest

from rag.index.embedder import model_dir
from rag.reader.features import best_span, encode_question, make_tokenizer, windows

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def tokenizer():
    return make_tokenizer(str(model_dir() / "tokenizer.json"))


def _decode(tokenizer, text: str, starts: dict[int, float], ends: dict[int, float]) -> str:
    """The span best_span takes when the token beginning at character offset k gets the start
    logit starts[k] and the end logit ends[k]; every other text token -5 for both."""
    (w,) = windows(tokenizer, encode_question(tokenizer, "What is it?"), text)
    start, end = np.full(len(w.ids), -5.0), np.full(len(w.ids), -5.0)
    for i, (a, _) in enumerate(w.offsets):
        if w.is_text[i]:
            start[i], end[i] = starts.get(a, -5.0), ends.get(a, -5.0)
    span = best_span(start, end, w)
    assert span is not None
    return text[span.start : span.end]


def test_a_span_ends_at_a_word_end_not_inside_the_word(tokenizer):
    text = "The party was Nasserist in outlook."
    # The favourite end is the piece "nasser" of "Nasserist" (the next piece is "##ist").
    n = text.index("Nasserist")
    got = _decode(tokenizer, text, {text.index("party"): 4.0}, {n: 5.0, text.index("in"): 2.0})
    assert got == "party was Nasserist in"


def test_a_span_starts_at_a_word_start_not_inside_the_word(tokenizer):
    text = "The carmaker unveiled the new DB10 as the official car."
    db = text.index("DB10")
    # The favourite start is the piece "##10" of "DB10".
    got = _decode(tokenizer, text, {db + 2: 5.0, db: 2.0}, {db + 2: 3.0})
    assert got == "DB10"


def test_a_span_closes_the_brackets_it_opens(tokenizer):
    text = "The first party was the Arab Democratic Nasserist Party (ADNP) in Egypt."
    paren = text.index("(")
    # The favourite end is the last piece inside the brackets, before ")".
    last_inside = max(a for a, _ in tokenizer.encode(text, add_special_tokens=False).offsets if a < paren + 5)
    got = _decode(tokenizer, text, {text.index("Arab"): 4.0}, {last_inside: 6.0, text.index("Party"): 3.0})
    assert got == "Arab Democratic Nasserist Party"


def test_a_span_does_not_close_a_bracket_it_never_opened(tokenizer):
    text = "Their network (graph) model of data was new."
    # The favourite start is ")", which would close a bracket the span never opened.
    got = _decode(tokenizer, text, {text.index(")"): 6.0, text.index("network"): 3.0}, {text.index("model"): 4.0})
    assert got == "network (graph) model"


def test_without_brackets_or_split_words_the_best_span_is_the_models_own(tokenizer):
    text = "About 1,500 migrants walked north on Monday."
    got = _decode(tokenizer, text, {text.index("1,500"): 4.0}, {text.index("migrants"): 3.0})
    assert got == "1,500 migrants"
