"""Hybrid retrieval: dense (MiniLM vectors, searched exactly: rag/index/dense_index.py) and BM25
(rag/index/bm25.py), fused by RRF.

Dense finds paraphrases ("How big was the group?"), BM25 finds rare exact words (names,
numbers) that a 384-dimension vector blurs; reciprocal-rank fusion needs no score calibration
between the two. We fuse here rather than with llama-index's QueryFusionRetriever because that
one resolves an LLM at construction (the global Settings.llm, i.e. OpenAI) even when it will
never generate a query, and because refusal needs each passage's dense cosine kept apart.
"""

from __future__ import annotations

import copy

import numpy as np

from rag.index.bm25 import BM25Index
from rag.index.embedder import Embedder
from rag.index.store import VectorSearch
from rag.types import Passage, ScoredPassage


class HybridRetriever:
    def __init__(
        self,
        passages: list[Passage],
        embedder: Embedder,
        dense: VectorSearch,
        candidates: int = 20,
        rrf_k: int = 10,
        bm25_weight: float = 2.0,
        bm25: BM25Index | None = None,
    ):
        """`bm25`: over exactly these passages (OpenIndex.lexical loads a saved one); built when None."""
        self._by_id = {p.id: p for p in passages}
        self._embedder = embedder
        self._dense = dense
        self._candidates = candidates
        self._rrf_k = rrf_k
        self._bm25_weight = bm25_weight
        if bm25 is None and passages:
            bm25 = BM25Index.over(passages)
        self._bm25 = bm25

    def fused_as(self, candidates: int, rrf_k: int, bm25_weight: float) -> HybridRetriever:
        """This retriever over the same passages and indexes, fusing with other settings."""
        twin = copy.copy(self)
        twin._candidates, twin._rrf_k, twin._bm25_weight = candidates, rrf_k, bm25_weight
        return twin

    def retrieve(self, question: str, k: int, query_vector: np.ndarray | None = None) -> list[ScoredPassage]:
        if not self._by_id:
            return []
        qv = self._embedder.embed([question])[0] if query_vector is None else query_vector
        # Vectors the manifest does not name are orphans of an interrupted run: ignore them.
        dense = [(i, s) for i, s in self._dense.query(qv, self._candidates) if i in self._by_id]
        sparse = self._bm25_ids(question)
        cosine = dict(dense)
        fused: dict[str, float] = {}
        for weight, ranking in ((1.0, [i for i, _ in dense]), (self._bm25_weight, sparse)):
            for rank, pid in enumerate(ranking):
                fused[pid] = fused.get(pid, 0.0) + weight / (self._rrf_k + rank + 1)
        return [ScoredPassage(self._by_id[i], fused[i], cosine.get(i)) for i in self._distinct(fused, k)]

    def _distinct(self, fused: dict[str, float], k: int) -> list[str]:
        """The k best ids whose passages say different things: of passages with the same text
        (a file and its copy, "report.pdf" and "report (1).pdf"), the best ranked stands for
        all. A copied file filled the top 5 with each passage twice."""
        seen: set[str] = set()
        best: list[str] = []
        for pid in sorted(fused, key=fused.__getitem__, reverse=True):
            text = self._by_id[pid].text
            if text not in seen:
                seen.add(text)
                best.append(pid)
                if len(best) == k:
                    break
        return best

    def _bm25_ids(self, question: str) -> list[str]:
        if self._bm25 is None:
            return []
        return [i for i in self._bm25.search(question, self._candidates) if i in self._by_id]
