"""BM25 over the passages (saved with the index by rag/index/lexical_index.py).

Built exactly as llama-index's BM25Retriever builds it (bm25s, the English Snowball stemmer,
bm25s' English stop words, the token pattern `(?u)\\b\\w\\w+\\b`, Lucene BM25 with bm25s'
defaults), so rankings are the same. We call bm25s directly because that retriever can only be
saved with its whole corpus as JSON nodes, and because importing llama_index.core for it cost
~1.8 s of every cold start.
"""

from __future__ import annotations

import logging
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


class BM25Index:
    """Passage ids ranked by BM25 for a query. Invariant: row i of the bm25s index is ids[i]."""

    def __init__(self, bm25, ids: list[str]):
        self._bm25 = bm25
        self.ids = ids
        self._stem = _stemmer()

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> BM25Index:
        import bm25s

        _quiet()
        tokens = bm25s.tokenize(
            texts, stopwords="en", stemmer=_stemmer(), token_pattern=TOKEN_PATTERN, show_progress=False
        )
        bm25 = bm25s.BM25()
        bm25.index(tokens, show_progress=False)
        return cls(bm25, ids)

    @classmethod
    def over(cls, passages: list[Passage]) -> BM25Index:
        from rag.index.documents import embedding_text

        # BM25 sees the same title-prefixed text the dense side embeds.
        return cls.build([p.id for p in passages], [embedding_text(p.title, p.text) for p in passages])

    @classmethod
    def load(cls, folder: Path, ids: list[str]) -> BM25Index:
        """Memory-mapped: the start of a large index reads only what questions touch."""
        import bm25s

        _quiet()
        bm25 = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        if int(bm25.scores.get("num_docs", -1)) != len(ids):
            raise ValueError(f"the saved BM25 index holds {bm25.scores.get('num_docs')} passages, not {len(ids)}")
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
