"""How the reader sees a (question, text) pair: the one encoding that training and inference share.

[CLS] question [SEP] text [SEP], BERT word pieces of the MiniLM tokenizer, at most MAX_TOKENS.
The question is cut to MAX_QUESTION_TOKENS; a text too long for the rest is read in windows
that overlap by STRIDE word pieces, so no answer is lost at a window's edge. Every text token
keeps its character offsets into the text, which is how a predicted span becomes exact offsets
into the document (the citation invariant).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_TOKENS = 256  # MiniLM's trained positions; our passages are at most 240 word pieces
MAX_QUESTION_TOKENS = 48
STRIDE = 64


@dataclass(frozen=True)
class Window:
    """One model input. Invariant: for each text token i, text[offsets[i][0]:offsets[i][1]] is
    what token i spells; non-text tokens (question, [CLS], [SEP], padding) have is_text False."""

    ids: list[int]
    type_ids: list[int]
    is_text: list[bool]
    offsets: list[tuple[int, int]]  # character offsets into the text (0, 0 for non-text tokens)
    # Per token: does it go on the word of the token before it ("Nasser|ist", "DB|10"), and does
    # it open (+1) or close (-1) a bracket. Where a short answer may start and end (best_span).
    joins: tuple[bool, ...] = ()
    brackets: tuple[int, ...] = ()


def make_tokenizer(tokenizer_json: str):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(tokenizer_json)
    tok.no_padding()
    tok.no_truncation()
    return tok


def encode_question(tokenizer, question: str) -> list[int]:
    ids = tokenizer.encode(question, add_special_tokens=False).ids
    return ids[:MAX_QUESTION_TOKENS]


def windows(tokenizer, question_ids: list[int], text: str, max_tokens: int = MAX_TOKENS) -> list[Window]:
    """The windows of `text` read with the question; one when the pair fits."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    t_ids, t_off = enc.ids, enc.offsets
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    room = max_tokens - len(question_ids) - 3
    out = []
    start = 0
    while True:
        piece = slice(start, start + room)
        ids = [cls_id, *question_ids, sep_id, *t_ids[piece], sep_id]
        n_q = len(question_ids) + 2
        n_t = len(t_ids[piece])
        offsets = [tuple(o) for o in t_off[piece]]
        out.append(
            Window(
                ids=ids,
                type_ids=[0] * n_q + [1] * (n_t + 1),
                is_text=[False] * n_q + [True] * n_t + [False],
                offsets=[(0, 0)] * n_q + offsets + [(0, 0)],
                joins=(False,) * n_q + tuple(_joins(text, offsets)) + (False,),
                brackets=(0,) * n_q + tuple(_BRACKET.get(text[a:b], 0) for a, b in offsets) + (0,),
            )
        )
        if start + room >= len(t_ids):
            return out
        start += room - STRIDE


_BRACKET = {"(": 1, "[": 1, ")": -1, "]": -1}


def _joins(text: str, offsets: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it continues the word of the token before it: no space between
    them, and letters or digits on both sides of the seam."""
    out = []
    for i, (a, _) in enumerate(offsets):
        prev_end = offsets[i - 1][1] if i else -1
        out.append(a == prev_end and 0 < a < len(text) and text[a - 1].isalnum() and text[a].isalnum())
    return out


def batch_arrays(batch: list[Window]) -> dict[str, np.ndarray]:
    """Padded int64 arrays the model takes (input_ids, attention_mask, token_type_ids)."""
    width = max(len(w.ids) for w in batch)
    ids = np.zeros((len(batch), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    types = np.zeros_like(ids)
    for row, w in enumerate(batch):
        n = len(w.ids)
        ids[row, :n] = w.ids
        mask[row, :n] = 1
        types[row, :n] = w.type_ids
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


MAX_ANSWER_TOKENS = 30  # SQuAD answers are short: 99% of training answers fit in 30 word pieces
# A span that must hold a number (best_span's `holding`) is this many words at most: 95.7% of SQuAD
# v1.1 train's answers to "how many" and "how much" that give a quantity have at most 4.
MAX_HOLDING_WORDS = 4


@dataclass(frozen=True)
class Span:
    """The best answer span of one window: character offsets into the text, and its logit score."""

    start: int
    end: int
    score: float


def best_span(
    start_logits: np.ndarray,
    end_logits: np.ndarray,
    window: Window,
    within: tuple[int, int] | None = None,
    holding: tuple[tuple[int, int], ...] = (),
) -> Span | None:
    """The text span maximising start + end logit, start <= end < start + MAX_ANSWER_TOKENS;
    with `within` (character offsets into the text), only among word pieces inside it; with
    `holding` (character ranges), only spans that overlap one of them (the kind of answer asked:
    a number for "how many").

    A span is whole words with its brackets closed: it starts and ends at a word's edge (not
    "ist" of "Nasserist", "10" of "DB10") and closes every bracket it opens ("Arab Democratic
    Nasserist Party (ADNP" is none; "... Party" or "... (ADNP)" may be). The reader, trained on
    SQuAD's spans, still marked such spans: 7 of its 366 short answers on the SQuAD-train
    development set left a bracket open or closed one it never opened; SQuAD v1.1 train's answers
    have an unbalanced bracket in 0.09% and begin or end inside a word in 0.7% (annotators' slips)."""
    text = np.array(window.is_text[: len(start_logits)], dtype=bool)
    if within is not None:
        a, b = within
        inside = np.array([a <= s and e <= b for s, e in window.offsets[: len(text)]], dtype=bool)
        text &= inside
    if not text.any():
        return None
    n = len(text)
    joins = np.array(window.joins[:n], dtype=bool) if window.joins else np.zeros(n, dtype=bool)
    starts, ends = text & ~joins, text & ~np.append(joins[1:], False)
    s = np.where(starts, start_logits[:n], -np.inf)
    e = np.where(ends, end_logits[:n], -np.inf)
    # scores[i, j] = s[i] + e[j] on the band i <= j < i + MAX_ANSWER_TOKENS
    scores = s[:, None] + e[None, :]
    i_idx, j_idx = np.indices((n, n))
    band = (j_idx >= i_idx) & (j_idx < i_idx + MAX_ANSWER_TOKENS) & _closed(window.brackets[:n], n)
    if holding:
        offsets = window.offsets[:n]
        held = np.array([any(a < he and hs < b for hs, he in holding) for a, b in offsets], dtype=np.int64)
        before = np.concatenate([[0], np.cumsum(held)])  # before[k]: held tokens before token k
        band &= (before[None, 1:] - before[:n, None]) > 0  # tokens i..j hold one
        # A space before token k: spans of at most MAX_HOLDING_WORDS words, so that the reader's
        # "Corn Exchange" does not become "Corn Exchange, Room 2 | 14 Jun 2025 | €1,250.00".
        spaced = np.array([0] + [int(a > offsets[k - 1][1]) for k, (a, _) in enumerate(offsets) if k], dtype=np.int64)
        gaps = np.cumsum(spaced)  # gaps[k]: spaces up to token k
        band &= (gaps[None, :] - gaps[:, None]) < MAX_HOLDING_WORDS
    scores = np.where(band, scores, -np.inf)
    flat = int(np.argmax(scores))
    i, j = divmod(flat, n)
    if not np.isfinite(scores[i, j]):
        return None
    return Span(window.offsets[i][0], window.offsets[j][1], float(scores[i, j]))


def _closed(brackets: tuple[int, ...], n: int) -> np.ndarray:
    """closed[i, j]: tokens i..j close every bracket they open, and open every one they close."""
    if not any(brackets):
        return np.ones((n, n), dtype=bool)
    depth = np.concatenate([[0], np.cumsum(np.array(brackets, dtype=np.int64))])  # depth[k]: before token k
    # Within i..j the depth never falls below where it started, and ends there.
    low = np.full((n, n), np.iinfo(np.int64).max)
    for i in range(n):  # only the band best_span scores: spans of at most MAX_ANSWER_TOKENS
        stop = min(n, i + MAX_ANSWER_TOKENS)
        low[i, i:stop] = np.minimum.accumulate(depth[i + 1 : stop + 1])
    before = depth[:n, None]
    return (low >= before) & (depth[None, 1:] == before)
