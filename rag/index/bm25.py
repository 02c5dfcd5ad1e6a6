"""BM25 over the passages (saved with the index by rag/index/lexical_index.py).

Built exactly as llama-index's BM25Retriever builds it (bm25s, the English Snowball stemmer,
bm25s' English stop words, the token pattern `(?u)\\b\\w\\w+\\b`, Lucene BM25 with bm25s'
defaults), so rankings are the same. We call bm25s directly because that retriever can only be
saved with its whole corpus as JSON nodes, and because importing llama_index.core for it cost
~1.8 s of every cold start.
"""

from __future__ import annotations

import logging
import math
import zipfile
from pathlib import Path

import numpy as np

from rag.types import Passage

log = logging.getLogger(__name__)

TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # llama-index's BM25Retriever default


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def _quiet() -> None:
    # bm25s sets its own logger to DEBUG on import; that is noise on a user's terminal.
    logging.getLogger("bm25s").setLevel(logging.WARNING)


def bm25_tokens(texts: list[str]) -> tuple[list[str], list[list[int]]]:
    """Each text's tokens (stemmed, stop words out, repeats kept) as ids into the returned words."""
    import bm25s

    _quiet()
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer(), token_pattern=TOKEN_PATTERN, show_progress=False)
    words = [""] * len(tokens.vocab)
    for word, i in tokens.vocab.items():
        words[i] = word
    return words, tokens.ids


def _score_matrix(rows, n_vocab: int, k1: float, b: float) -> dict:
    """bm25s' Lucene BM25 scores as its CSC matrix (a column per token, its passages in order).

    The arithmetic follows bm25s.scoring step by step (float64 term-frequency part, float32 IDF,
    the product stored as float32) so that every score is bit for bit what bm25s computes."""
    n_docs = len(rows)
    lengths = rows.lengths()
    avg = lengths.mean() if n_docs else 0.0
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    # (token, passage) pairs sorted by token then passage: the CSC order; the counts are the tfs.
    pair, tf = np.unique(rows.values.astype(np.int64) * max(n_docs, 1) + doc, return_counts=True)
    token = pair // max(n_docs, 1)
    doc = pair - token * max(n_docs, 1)
    df = np.bincount(token, minlength=n_vocab)
    idf = np.zeros(n_vocab, dtype=np.float32)
    for t in np.flatnonzero(df):
        d = int(df[t])
        idf[t] = math.log(1 + (n_docs - d + 0.5) / (d + 0.5))
    tf = tf.astype(np.float32)
    tfc = tf / (k1 * ((1 - b) + b * lengths[doc] / avg) + tf)
    return {
        "data": (idf[token] * tfc).astype(np.float32),
        "indices": doc.astype(np.int32),
        "indptr": np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(df)]).astype(np.int32),
        "num_docs": n_docs,
    }


class BM25Index:
    """Passage ids ranked by BM25 for a query. Invariant: row i of the bm25s index is ids[i]."""

    def __init__(self, bm25, ids: list[str]):
        self._bm25 = bm25
        self.ids = ids
        self._stem = _stemmer()

    @classmethod
    def over(cls, passages: list[Passage]) -> BM25Index:
        """BM25 alone over these passages, from their words read afresh (the word indexes build
        it beside the term statistics from kept words instead: LexicalIndex.build)."""
        from rag.index.documents import embedding_text
        from rag.index.tokens import Ragged

        vocab, rows = bm25_tokens([embedding_text(p.title, p.text) for p in passages])
        return cls.of([p.id for p in passages], vocab, Ragged.of(rows))

    @classmethod
    def of(cls, ids: list[str], vocab: list[str], rows) -> BM25Index:
        """From each passage's tokens (`rows`, a rag.index.tokens.Ragged of ids into `vocab`).

        The score matrix bm25s' own `index` builds, the same numbers to the bit (a test checks
        it), but vectorised: bm25s counts each passage's tokens in a Python loop (1.6 s at 100k
        passages)."""
        import bm25s

        _quiet()
        bm25 = bm25s.BM25()
        if (bm25.method, bm25.idf_method) != ("lucene", "lucene"):
            raise RuntimeError(f"bm25s defaults changed to {bm25.method}/{bm25.idf_method}: check BM25Index.of")
        words = dict(zip(vocab, range(len(vocab))))
        bm25.scores = _score_matrix(rows, len(words), bm25.k1, bm25.b)
        if "" not in words:  # as bm25s' index() does, after the matrix (so it has no column)
            words[""] = len(words)
        bm25.vocab_dict = words
        bm25.unique_token_ids_set = set(words.values())
        bm25.nonoccurrence_array = None
        return cls(bm25, ids)

    @classmethod
    def load(cls, folder: Path, ids: list[str]) -> BM25Index:
        """Memory-mapped: the start of a large index reads only what questions touch."""
        import bm25s

        _quiet()
        try:
            bm25 = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
            sc = bm25.scores
            n, data, indices, indptr = int(sc.get("num_docs", -1)), sc["data"], sc["indices"], sc["indptr"]
            words = bm25.vocab_dict.values()
        except (EOFError, zipfile.BadZipFile, TypeError, KeyError, AttributeError) as e:
            raise ValueError(f"damaged saved BM25 index ({type(e).__name__}: {e})") from e
        if n != len(ids):
            raise ValueError(f"the saved BM25 index holds {n} passages, not {len(ids)}")
        # Checked here, not at the first question: a damaged array would fail mid-answer.
        if not (
            len(data) == len(indices) == int(indptr[-1])
            and len(indptr) - 1 <= len(words)
            and (not len(indices) or (int(indices.min()) >= 0 and int(indices.max()) < n))
            and (not len(words) or (min(words) >= 0 and max(words) < len(indptr)))
        ):
            raise ValueError("the saved BM25 index is inconsistent")
        return cls(bm25, ids)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    def search(self, query: str, k: int) -> list[str]:
        """Ids of the best k passages with a positive score, best first (ties: index order).

        Scores come from bm25s; the top k are taken among the passages that score at all.
        bm25s' own top-k (np.argpartition over every passage) took 28 ms a question at 100k
        passages, because argpartition is slow on an array that is almost all zeros."""
        import bm25s

        tokens = bm25s.tokenize(query, stemmer=self._stem, token_pattern=TOKEN_PATTERN, show_progress=False)
        words = bm25s.tokenization.convert_tokenized_to_string_list(tokens)[0]
        if not words:
            return []
        scores = self._bm25.get_scores(words)
        rows = np.flatnonzero(scores > 0)
        best = rows[np.lexsort((rows, -scores[rows]))][:k]
        return [self.ids[int(r)] for r in best]
