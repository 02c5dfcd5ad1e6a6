"""The tuned embedder's cosines on the package's scale (rag.index.embedder.CosineScale): both
models' cosines between SQuAD train questions (training articles, not held out) and every
sentence of their paragraphs — the pairs the sentence evidence compares — and the affine map
that gives the tuned ones the package's mean and spread."""

from __future__ import annotations

import random

import numpy as np

from scripts.embedder_training.data import squad_triples

QUESTIONS = 600  # ~3,000 question-sentence pairs
SEED = 5


def cosine_scale() -> dict:
    from rag.index.embedder import Embedder
    from rag.ingest.sentences import sentence_spans

    triples = squad_triples()
    random.Random(SEED).shuffle(triples)
    pairs = [(t.question, t.positive[a:b]) for t in triples[:QUESTIONS] for a, b in sentence_spans(t.positive)]
    cosines = {}
    for weights in ("package", "tuned"):
        embedder = Embedder(weights=weights, runtime="onnxruntime")
        questions = list(dict.fromkeys(q for q, _ in pairs))
        sentences = list(dict.fromkeys(s for _, s in pairs))
        qv = dict(zip(questions, embedder.embed(questions)))
        sv = dict(zip(sentences, embedder.embed(sentences)))
        cosines[weights] = np.array([qv[q] @ sv[s] for q, s in pairs])
    package, tuned = cosines["package"], cosines["tuned"]
    a = float(package.std() / tuned.std())
    return {
        "a": round(a, 6),
        "b": round(float(package.mean() - a * tuned.mean()), 6),
        "pairs": len(pairs),
        "package_mean_std": [round(float(package.mean()), 4), round(float(package.std()), 4)],
        "tuned_mean_std": [round(float(tuned.mean()), 4), round(float(tuned.std()), 4)],
        "correlation": round(float(np.corrcoef(package, tuned)[0, 1]), 4),
    }
