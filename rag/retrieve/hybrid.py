"""Hybrid retrieval: dense (MiniLM vectors, searched exactly: rag/index/dense_index.py) and BM25
(rag/index/bm25.py), fused by RRF (or, for a large corpus, by their scores: `fusion_at`).

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

# Convex fusion (below): each list counts equally (of 0.3, 0.5 and 0.7 for the dense share, the
# development set's best at 100k passages, one question from the best on its articles alone:
# docs/scale.md, session 47), and fused scores are put
# on the scale of RRF's at its defaults (best 3/11), which the sentence bonus's weights
# (rag/retrieve/evidence.py) were measured against.
DENSE_SHARE = 0.5
CONVEX_SCALE = 3 / 11

# fusion = "auto" (the default): RRF below this many passages, convex from it on. The answer's
# rules and the eval gate were set and measured with RRF on corpora of at most 2,601 passages
# (gold set 69, HotpotQA-100 1,179, SQuAD∩XQuAD 2,601, every development set smaller), where
# convex fusion moved answers both ways (development news probes: one right answer refused); among
# many distractors RRF's ranks drown a passage nearer in meaning under BM25's common-word matches
# and convex finds more (development set, 300 SQuAD *train* questions nobody trained on, hit@1 /
# hit@5: among 11,341 passages 0.727 / 0.903 -> 0.750 / 0.920, among 102,393 0.677 / 0.86 ->
# 0.717 / 0.90). Any bound between the two sizes treats every measured corpus the same; 5,000 is
# one with room on both sides (docs/scale.md, session 52).
CONVEX_FROM = 5_000


def fusion_at(fusion: str, passages: int) -> str:
    """The fusion a setting means for a corpus of this many passages: "auto" is RRF for a small
    corpus and convex for a large one (CONVEX_FROM); "rrf" and "convex" are themselves."""
    if fusion == "auto":
        return "convex" if passages >= CONVEX_FROM else "rrf"
    return fusion


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
        fusion: str = "auto",
    ):
        """`bm25`: over exactly these passages (OpenIndex.lexical loads a saved one); built when None."""
        self._by_id = {p.id: p for p in passages}
        self._embedder = embedder
        self._dense = dense
        self._candidates = candidates
        self._rrf_k = rrf_k
        self._bm25_weight = bm25_weight
        self._fusion = fusion_at(fusion, len(self._by_id))
        if bm25 is None and passages:
            bm25 = BM25Index.over(passages)
        self._bm25 = bm25

    def fused_as(self, candidates: int, rrf_k: int, bm25_weight: float, fusion: str = "auto") -> HybridRetriever:
        """This retriever over the same passages and indexes, fusing with other settings."""
        twin = copy.copy(self)
        twin._candidates, twin._rrf_k, twin._bm25_weight = candidates, rrf_k, bm25_weight
        twin._fusion = fusion_at(fusion, len(self._by_id))
        return twin

    @property
    def fusion(self) -> str:
        """The fusion this retriever ranks by: "rrf" or "convex" ("auto" resolved by the corpus's size)."""
        return self._fusion

    def retrieve(self, question: str, k: int, query_vector: np.ndarray | None = None) -> list[ScoredPassage]:
        if not self._by_id:
            return []
        qv = self._embedder.embed([question])[0] if query_vector is None else query_vector
        # Vectors the manifest does not name are orphans of an interrupted run: ignore them.
        dense = [(i, s) for i, s in self._dense.query(qv, self._candidates) if i in self._by_id]
        if self._fusion == "convex":
            return self._convex(question, qv, dense, k)
        sparse = self._bm25_ids(question)
        cosine = dict(dense)
        fused: dict[str, float] = {}
        for weight, ranking in ((1.0, [i for i, _ in dense]), (self._bm25_weight, sparse)):
            for rank, pid in enumerate(ranking):
                fused[pid] = fused.get(pid, 0.0) + weight / (self._rrf_k + rank + 1)
        return [ScoredPassage(self._by_id[i], fused[i], cosine.get(i)) for i in self._distinct(fused, k)]

    def _convex(self, question: str, qv: np.ndarray, dense: list[tuple[str, float]], k: int) -> list[ScoredPassage]:
        """The candidates of both lists by an equal-weight sum of their scores, each divided by
        the best score of its list for this question (both scores are at least 0: the
        "theoretical min-max" normalisation of Bruch, Gai and Ingber, "An Analysis of Fusion
        Functions for Hybrid Retrieval", 2023). A candidate only one list found has its score in
        the other too (its cosine, its BM25 score). Ranks throw the margins away: a passage
        far nearer in meaning than the next, with none of the question's rarer words, was
        fused below BM25's eleventh (development set: 300 SQuAD *train* questions of articles
        nobody trained on, among 100k distractor passages, hit@5 after the sentence rerank
        0.853 -> 0.900, hit@1 0.673 -> 0.710; the articles alone 0.917 -> 0.927)."""
        if self._bm25 is not None:
            sparse, bm25_of = self._bm25.scored(question, self._candidates)
        else:
            sparse, bm25_of = [], lambda pid: 0.0
        cosine = dict(dense)
        only_sparse = [i for i, _ in sparse if i in self._by_id and i not in cosine]
        cosine.update(zip(only_sparse, self._dense.similarities(qv, only_sparse)))
        best_cosine = max([c for c in cosine.values() if c > 0], default=1.0)
        best_bm25 = sparse[0][1] if sparse else 1.0
        fused = {
            pid: CONVEX_SCALE * (DENSE_SHARE * max(c, 0.0) / best_cosine + (1 - DENSE_SHARE) * bm25_of(pid) / best_bm25)
            for pid, c in cosine.items()
        }
        return [ScoredPassage(self._by_id[i], fused[i], cosine[i]) for i in self._distinct(fused, k)]

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

    def lexical(self, query: str, k: int) -> list[Passage]:
        """The k passages keyword search ranks best for `query` (none without a keyword index)."""
        return [self._by_id[i] for i in self._bm25_ids(query)[:k]]

    def _bm25_ids(self, question: str) -> list[str]:
        if self._bm25 is None:
            return []
        return [i for i in self._bm25.search(question, self._candidates) if i in self._by_id]
