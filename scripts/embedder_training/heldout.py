"""Held-out retrieval by the embedder alone, the package's weights against ours, each through
the product's own embedding path (rag.index.embedder): the question's passage among the
others (hit@1, hit@5, MRR@10).

- SQuAD train's held-out articles (scripts/reader_training/data.py: is_dev_title; never trained
  on): their questions, spread, against their paragraphs; and against them plus passages of
  Debian's Python and Linux documentation (scripts/bench_scale.py's haystack) when installed.
- The invented news stories' held-out story S06 of every batch: answerable questions against
  every passage of those stories, cut as the index cuts a corpus."""

from __future__ import annotations

import json
import random

import numpy as np

from scripts.reader_training.data import is_dev_title, read_jsonl
from scripts.reader_training.settings import TRAINING


def ranks(questions: np.ndarray, passages: np.ndarray, gold: np.ndarray) -> dict:
    scores = questions @ passages.T
    rank = (scores > scores[np.arange(len(gold)), gold][:, None]).sum(1)
    return {
        "hit@1": round(float((rank < 1).mean()), 4),
        "hit@5": round(float((rank < 5).mean()), 4),
        "mrr@10": round(float(np.where(rank < 10, 1 / (rank + 1), 0).mean()), 4),
    }


def squad_dev(n_questions: int) -> tuple[list[str], list[str], np.ndarray]:
    rows = [r for r in read_jsonl(TRAINING / "squad11_train" / "squad11_train.jsonl.gz") if is_dev_title(r["title"])]
    paragraphs = sorted({r["context"] for r in rows})
    place = {p: i for i, p in enumerate(paragraphs)}
    asked = rows[:: max(1, len(rows) // n_questions)]
    return [r["question"] for r in asked], paragraphs, np.array([place[r["context"]] for r in asked])


def news_dev(count_tokens) -> tuple[list[str], list[str], np.ndarray]:
    from rag.ingest.loaders import load_document
    from scripts.reader_training.news import HELD_OUT_STORY, NEWS, story_passages

    questions, passages, gold = [], [], []
    for batch in sorted(p for p in NEWS.iterdir() if (p / "questions.jsonl").is_file()):
        stories = {}
        for path in sorted((batch / "corpus").glob(f"{HELD_OUT_STORY}*.txt")):
            text = load_document(path, path.name, path.read_bytes()).text
            cut = story_passages(text, count_tokens)
            stories[path.name] = (text, cut, len(passages))
            passages += [p.text for p in cut]
        for line in (batch / "questions.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if not row["answerable"] or row["evidence"][0]["source"] not in stories:
                continue
            text, cut, first = stories[row["evidence"][0]["source"]]
            start = text.find(row["evidence"][0]["quote"])
            holding = [i for i, p in enumerate(cut) if p.start <= start < p.end]
            if start >= 0 and holding:
                questions.append(row["question"])
                gold.append(first + holding[0])
    return questions, passages, np.array(gold)


def haystack(n: int, count_tokens) -> list[str]:
    from rag.errors import LoadError
    from rag.ingest.loaders import load_document
    from scripts.bench_scale import haystack_files
    from scripts.reader_training.news import story_passages

    try:
        files = haystack_files()
    except SystemExit:
        return []
    random.Random(1).shuffle(files)
    out: list[str] = []
    for f in files:
        if len(out) >= n:
            break
        try:
            text = load_document(f, f.name, f.read_bytes()).text
        except LoadError:
            continue
        out += [p.text for p in story_passages(text, count_tokens)]
    return out[:n]


def measure(n_questions: int, n_distractors: int) -> dict:
    from rag.index.embedder import Embedder

    count = Embedder(weights="package", runtime="onnxruntime").count_tokens  # as the index counts
    sets = {"squad_dev": squad_dev(n_questions), "news_dev": news_dev(count)}
    distractors = haystack(n_distractors, count) if n_distractors else []
    out: dict = {name: {"questions": len(q), "passages": len(p)} for name, (q, p, _) in sets.items()}
    if distractors:
        out["squad_dev_among_docs"] = {"questions": len(sets["squad_dev"][0]), "distractors": len(distractors)}
    for weights in ("package", "tuned"):
        embedder = Embedder(weights=weights)
        for name, (questions, passages, gold) in sets.items():
            q, p = embedder.embed(questions), embedder.embed(passages)
            out[name][weights] = ranks(q, p, gold)
            if name == "squad_dev" and distractors:
                more = np.concatenate([p, embedder.embed(distractors)])
                out["squad_dev_among_docs"][weights] = ranks(q, more, gold)
        print(weights, json.dumps(out), flush=True)
    return out
