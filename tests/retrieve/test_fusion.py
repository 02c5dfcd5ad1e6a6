"""The two fusions of rag/retrieve/hybrid.py (and "auto", which picks one by the corpus's size), over a real BM25 index and an exact dense index
whose vectors are set by hand (so each passage's cosine to the question is known)."""

from __future__ import annotations

import numpy as np

from rag.index.bm25 import BM25Index
from rag.index.dense_index import DenseIndex
from rag.index.embedder import DIM
from rag.retrieve.hybrid import CONVEX_FROM, CONVEX_SCALE, HybridRetriever, fusion_at
from rag.types import Passage

QUESTION = "When does the Tollmouth ferry leave?"


def _vector(cosine: float, axis: int) -> np.ndarray:
    """A unit vector at this cosine to the question's (axis 0), the rest along its own axis."""
    v = np.zeros(DIM, dtype=np.float32)
    v[0], v[axis] = cosine, np.sqrt(1 - cosine**2)
    return v


def _retriever(fusion: str, filler: int = 0) -> tuple[HybridRetriever, np.ndarray]:
    """One passage says it in other words (cosine 0.9, none of the question's words); eight
    others hold a word of the question and mean something else (cosine 0.3); one far passage
    holds neither; `filler` more passages, each a word of its own at cosine 0.05."""
    texts = {"sailing": "Boats to Harran island set out at half past seven each morning."}
    for i in range(8):  # two name the town (a rare word), six the ferry (a common one)
        texts[f"words{i}"] = ("Tollmouth museum" if i < 2 else "A ferry museum") + " shop sells postcards" + " too" * i
    texts["far"] = "Bakers bake bread."
    texts.update({f"filler{i}": f"Ledger{i}" for i in range(filler)})
    passages = [Passage(pid, f"{pid}.txt", pid, t, 0, len(t)) for pid, t in texts.items()]
    cosines = {"sailing": 0.9, **{f"words{i}": 0.3 for i in range(8)}}
    vectors = np.stack([_vector(cosines.get(p.id, 0.05), 1 + n % (DIM - 1)) for n, p in enumerate(passages)])
    dense = DenseIndex([p.id for p in passages], vectors)
    retriever = HybridRetriever(passages, None, dense, 20, 10, 2.0, BM25Index.over(passages), fusion)
    return retriever, _vector(1.0, 1)


def test_convex_fusion_keeps_the_margin_that_ranks_throw_away():
    """RRF gives dense's first 1/11 and BM25's eleventh 2/22: a passage far nearer in meaning
    than any other, with none of the question's words, fell below every passage that holds
    them (development set at 100k passages: such passages, among dense's first three, were a
    third of the hit@5 misses)."""
    rrf, qv = _retriever("rrf")
    convex, _ = _retriever("convex")
    by_rrf = [sp.passage.id for sp in rrf.retrieve(QUESTION, 10, qv)]
    by_convex = convex.retrieve(QUESTION, 10, qv)
    assert by_rrf.index("sailing") == 8
    # Above the six that share only the common word, below the two that name the town.
    assert [sp.passage.id for sp in by_convex].index("sailing") == 2
    # Scores on RRF's scale: the best a passage can have (first in both lists) is 3/11.
    assert all(0 <= sp.score <= CONVEX_SCALE + 1e-9 for sp in by_convex)


def test_convex_fusion_reads_each_candidate_in_both_lists():
    """A candidate only BM25 found has its cosine (the refusal reads it), and one only dense
    found has its BM25 score: 0 for the passage with none of the words, its own for the others."""
    convex, qv = _retriever("convex")
    convex._candidates = 3  # three of the eight word passages are in BM25's list, not dense's
    got = {sp.passage.id: sp for sp in convex.retrieve(QUESTION, 10, qv)}
    assert all(abs(sp.dense - (0.9 if pid == "sailing" else 0.3)) < 1e-5 for pid, sp in got.items() if pid != "far")
    # Dense's list holds sailing and two word passages; BM25's, three word passages (their own
    # best first): 1 + 3 + 3 candidates at most, and sailing's fused score is its cosine's half.
    assert abs(got["sailing"].score - CONVEX_SCALE * 0.5) < 1e-6


def test_auto_fusion_ranks_a_small_corpus_by_rrf_and_a_large_one_by_scores():
    """The default, "auto": the answer's rules were set on small corpora ranked by RRF, and they
    rank as before; among thousands of distractors the scores' margins decide (hybrid.CONVEX_FROM)."""
    assert (fusion_at("auto", CONVEX_FROM - 1), fusion_at("auto", CONVEX_FROM)) == ("rrf", "convex")
    assert fusion_at("rrf", 10**6) == "rrf" and fusion_at("convex", 10) == "convex"
    small, qv = _retriever("auto")
    assert small.fusion == "rrf"
    assert [sp.passage.id for sp in small.retrieve(QUESTION, 10, qv)].index("sailing") == 8
    large, _ = _retriever("auto", filler=CONVEX_FROM - 10)
    assert large.fusion == "convex"
    by_auto = [sp.passage.id for sp in large.retrieve(QUESTION, 10, qv)]
    assert by_auto == [sp.passage.id for sp in large.fused_as(20, 10, 2.0, "convex").retrieve(QUESTION, 10, qv)]
    by_rrf = [sp.passage.id for sp in large.fused_as(20, 10, 2.0, "rrf").retrieve(QUESTION, 10, qv)]
    assert by_auto.index("sailing") == 3 and by_rrf.index("sailing") == 8
    # with_settings(fusion=...) resolves the same way over the same passages.
    assert large.fused_as(20, 10, 2.0, "rrf").fusion == "rrf" and small.fused_as(20, 10, 2.0, "auto").fusion == "rrf"
