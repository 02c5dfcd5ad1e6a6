"""Each passage's words as the word indexes count them, kept with the saved indexes so that a
changed corpus re-reads only its new passages.

BM25 and the term statistics are corpus-wide (IDF, average length), so a change anywhere changes
them everywhere and bm25s cannot update an index in place. What it spends most of a rebuild on is
reading the words again: at 100,852 passages (load ~0.6 on 2 cores) BM25 tokenising 1.9 s, its
matrix 1.6 s, the term statistics 2.4 s. Kept as word ids per passage, a one-file change
tokenises that file alone and rebuilds both from the ids (rag/index/bm25.py: BM25Index.of).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from rag.index.bm25 import bm25_tokens
from rag.index.documents import embedding_text
from rag.index.lexical import WORDS_VERSION, terms
from rag.index.saved_folder import load_array
from rag.types import Passage


@dataclass(frozen=True)
class Ragged:
    """Rows of ints of different lengths: row i is values[offsets[i]:offsets[i + 1]]."""

    values: np.ndarray  # int32
    offsets: np.ndarray  # int64, one more than there are rows

    @classmethod
    def of(cls, rows: list[list[int]]) -> Ragged:
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)])
        values = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=int(offsets[-1]))
        return cls(values, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, rows: np.ndarray) -> Ragged:
        """These rows, in this order."""
        lengths = self.lengths()[rows]
        offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)])
        within = np.arange(offsets[-1], dtype=np.int64) - np.repeat(offsets[:-1], lengths)
        return Ragged(self.values[np.repeat(self.offsets[:-1][rows], lengths) + within], offsets)

    @staticmethod
    def concat(parts: list[Ragged]) -> Ragged:
        values = np.concatenate([p.values for p in parts]) if parts else np.zeros(0, np.int32)
        offsets = [np.zeros(1, dtype=np.int64)]
        for p in parts:
            offsets.append(p.offsets[1:] + offsets[-1][-1])
        return Ragged(values, np.concatenate(offsets))


class Vocabulary:
    """Words and their ids; a word keeps its id once given."""

    def __init__(self, words: list[str] | None = None):
        self.words = list(words or [])
        self._ids = {w: i for i, w in enumerate(self.words)}

    def id(self, word: str) -> int:
        found = self._ids.get(word)
        if found is None:
            found = self._ids[word] = len(self.words)
            self.words.append(word)
        return found


# Saved as tokens-<name>.npy, in the order of (bm25.values, bm25.offsets, terms.values, terms.offsets).
_ARRAYS = ("bm25-values", "bm25-offsets", "term-values", "term-offsets")


@dataclass(frozen=True)
class PassageTokens:
    """Invariant: row i of `bm25` (BM25's tokens, repeats kept, as ids into `bm25_vocab`) and row
    i of `terms` (the set of evidence terms, as ids into `term_vocab`) belong to passage ids[i]."""

    ids: list[str]
    bm25_vocab: list[str]
    bm25: Ragged
    term_vocab: list[str]
    terms: Ragged

    @classmethod
    def of(cls, passages: list[Passage], previous: PassageTokens | None = None) -> PassageTokens:
        """The tokens of these passages, in order: taken from `previous` for the passages it
        holds (a passage id names its file's content, so the same id is the same text), read
        afresh for the others."""
        return cls.of_ids([p.id for p in passages], {p.id: p for p in passages}, previous)

    @classmethod
    def of_ids(cls, ids: list[str], fresh: Mapping[str, Passage], previous: PassageTokens | None) -> PassageTokens:
        """The tokens of the passages `ids`, in order: from `previous` for those it holds, read
        from `fresh` for the others (KeyError when it lacks one): only the new passages' texts
        are needed."""
        old = {pid: i for i, pid in enumerate(previous.ids)} if previous is not None else {}
        bm25_vocab = Vocabulary(previous.bm25_vocab if previous else None)
        term_vocab = Vocabulary(previous.term_vocab if previous else None)
        # Runs of passages in order, each either all kept or all new, so each run is one gather.
        bm25_parts: list[Ragged] = []
        term_parts: list[Ragged] = []
        run: list[int] = []
        new: list[Passage] = []

        def flush() -> None:
            if run:
                rows = np.asarray(run, dtype=np.int64)
                bm25_parts.append(previous.bm25.take(rows))
                term_parts.append(previous.terms.take(rows))
                run.clear()
            if new:
                vocab, rows = bm25_tokens([embedding_text(p.title, p.text) for p in new])
                remap = np.asarray([bm25_vocab.id(w) for w in vocab], dtype=np.int32)
                part = Ragged.of(rows)
                bm25_parts.append(Ragged(remap[part.values] if len(remap) else part.values, part.offsets))
                term_parts.append(Ragged.of([sorted({term_vocab.id(t) for t in terms(p.text)}) for p in new]))
                new.clear()

        for pid in ids:
            if pid in old:
                if new:
                    flush()
                run.append(old[pid])
            else:
                if run:
                    flush()
                new.append(fresh[pid])
        flush()
        bm25_words, bm25 = _compact(bm25_vocab.words, Ragged.concat(bm25_parts))
        term_words, term_rows = _compact(term_vocab.words, Ragged.concat(term_parts))
        return cls(list(ids), bm25_words, bm25, term_words, term_rows)

    def save(self, folder: Path) -> None:
        arrays = (self.bm25.values, self.bm25.offsets, self.terms.values, self.terms.offsets)
        for name, array in zip(_ARRAYS, arrays):
            np.save(folder / f"tokens-{name}.npy", array)
        words = {
            "ids": self.ids,
            "bm25_vocab": self.bm25_vocab,
            "term_vocab": self.term_vocab,
            "version": WORDS_VERSION,
        }
        (folder / "tokens.json").write_text(json.dumps(words), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> PassageTokens:
        """OSError when missing, ValueError when damaged in any way or read by another WORDS_VERSION.

        The arrays are memory-mapped, one .npy file each: a one-file change at 100k passages read
        them from one .npz in 0.4 s (zipfile's reads and checks), and uses few of their pages
        (the kept passages are gathered in a few long runs)."""
        try:
            words = json.loads((folder / "tokens.json").read_text(encoding="utf-8"))
            if words.get("version", 1) != WORDS_VERSION:
                raise ValueError(f"words read by version {words.get('version', 1)}, not {WORDS_VERSION}")
            arrays = {name: load_array(folder / f"tokens-{name}.npy", mmap=True) for name in _ARRAYS}
            for name, array in arrays.items():
                if array.ndim != 1 or array.dtype != (np.int64 if name.endswith("offsets") else np.int32):
                    raise TypeError(f"{name} holds {array.dtype} in {array.ndim} dimensions")
            bm25 = Ragged(arrays["bm25-values"], arrays["bm25-offsets"])
            term = Ragged(arrays["term-values"], arrays["term-offsets"])
            tokens = cls(list(words["ids"]), list(words["bm25_vocab"]), bm25, list(words["term_vocab"]), term)
        except (TypeError, KeyError, AttributeError) as e:  # load_array says a damaged array itself
            raise ValueError(f"damaged saved tokens ({type(e).__name__}: {e})") from e
        n = len(tokens.ids)
        if len(bm25) != n or len(term) != n:
            raise ValueError("saved tokens do not match their passage ids")
        for ragged, vocab in ((bm25, tokens.bm25_vocab), (term, tokens.term_vocab)):
            offsets = ragged.offsets
            if offsets[0] != 0 or offsets[-1] != len(ragged.values) or (np.diff(offsets) < 0).any():
                raise ValueError("saved tokens are cut inconsistently")
            if len(ragged.values) and (ragged.values.min() < 0 or ragged.values.max() >= len(vocab)):
                raise ValueError("saved tokens name words outside their vocabulary")
        return tokens


def _compact(vocab: list[str], rows: Ragged) -> tuple[list[str], Ragged]:
    """Drop the words no passage uses any more (their passages left the corpus) once they are a
    quarter of the vocabulary, so that the vocabulary does not grow with every change. Ids are
    renumbered in order; what a word means to the indexes does not depend on its id."""
    used = np.bincount(rows.values, minlength=len(vocab)) > 0
    if used.all() or used.sum() > 0.75 * len(vocab):
        return vocab, rows
    kept = np.flatnonzero(used)
    new_id = np.zeros(len(vocab), dtype=np.int32)
    new_id[kept] = np.arange(len(kept), dtype=np.int32)
    return [vocab[i] for i in kept], Ragged(new_id[rows.values], rows.offsets)
