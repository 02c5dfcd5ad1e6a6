"""Hybrid retrieval: dense (MiniLM vectors in Chroma) and BM25 (llama-index), fused by RRF.

Dense finds paraphrases ("How big was the group?"), BM25 finds rare exact words (names,
numbers) that a 384-dimension vector blurs; reciprocal-rank fusion needs no score calibration
between the two. We fuse here rather than with llama-index's QueryFusionRetriever because that
one resolves an LLM at construction (the global Settings.llm, i.e. OpenAI) even when it will
never generate a query, and because refusal needs each passage's dense cosine kept apart.
"""

from __future__ import annotations

import logging

import numpy as np

from rag.index.embedder import Embedder
from rag.index.indexer import embedding_text
from rag.index.store import VectorStore
from rag.types import Passage, ScoredPassage

log = logging.getLogger(__name__)


class HybridRetriever:
    def __init__(
        self,
        passages: list[Passage],
        embedder: Embedder,
        store: VectorStore,
        candidates: int = 20,
        rrf_k: int = 10,
        bm25_weight: float = 2.0,
    ):
        self._by_id = {p.id: p for p in passages}
        self._embedder = embedder
        self._store = store
        self._candidates = candidates
        self._rrf_k = rrf_k
        self._bm25_weight = bm25_weight
        self._bm25 = _build_bm25(passages, candidates) if passages else None

    def retrieve(self, question: str, k: int, query_vector: np.ndarray | None = None) -> list[ScoredPassage]:
        if not self._by_id:
            return []
        qv = self._embedder.embed([question])[0] if query_vector is None else query_vector
        # Vectors the manifest does not name are orphans of an interrupted run: ignore them.
        dense = [(i, s) for i, s in self._store.query(qv, self._candidates) if i in self._by_id]
        sparse = self._bm25_ids(question)
        cosine = dict(dense)
        fused: dict[str, float] = {}
        for weight, ranking in ((1.0, [i for i, _ in dense]), (self._bm25_weight, sparse)):
            for rank, pid in enumerate(ranking):
                fused[pid] = fused.get(pid, 0.0) + weight / (self._rrf_k + rank + 1)
        best = sorted(fused, key=fused.__getitem__, reverse=True)[:k]
        return [ScoredPassage(self._by_id[i], fused[i], cosine.get(i)) for i in best]

    def _bm25_ids(self, question: str) -> list[str]:
        if self._bm25 is None:
            return []
        from llama_index.core.schema import QueryBundle

        try:
            hits = self._bm25.retrieve(QueryBundle(question))
        except (ValueError, IndexError) as e:  # e.g. a question made only of stop words
            log.debug("BM25 found nothing for %r: %s", question, e)
            return []
        return [h.node.node_id for h in hits if (h.score or 0) > 0 and h.node.node_id in self._by_id]


def _build_bm25(passages: list[Passage], top_k: int):
    from llama_index.core.schema import TextNode
    from llama_index.retrievers.bm25 import BM25Retriever

    # bm25s sets its own logger to DEBUG on import; that is noise on a user's terminal.
    logging.getLogger("bm25s").setLevel(logging.WARNING)

    # BM25 sees the same title-prefixed text the dense side embeds.
    nodes = [TextNode(id_=p.id, text=embedding_text(p.title, p.text)) for p in passages]
    return BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(top_k, len(nodes)))
