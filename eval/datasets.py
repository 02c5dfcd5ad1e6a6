"""Eval datasets as one shape: questions with evidence spans, plus the corpus folder they ask about.

- the gold set (eval/gold/*.jsonl) over corpus/: evidence is a verbatim quote, and a passage
  counts when it covers the quote;
- SQuAD v1.1 dev ∩ XQuAD-en (eval/benchmarks/squad-xquad-en/): evidence is the gold paragraph,
  and a passage counts when it overlaps it. Its 48 articles are written out as .txt documents
  (title line, blank line, article text) and indexed with our own chunking.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eval.metrics import Span, SpanMatch, covers, overlaps

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "eval" / "gold" / "corpus.jsonl"
SQUAD_DIR = REPO / "eval" / "benchmarks" / "squad-xquad-en"


@dataclass
class EvalItem:
    id: str
    question: str
    answerable: bool
    answers: list[str]
    answer_parts: list[list[str]] | None
    evidence: list[Span]
    kind: str

    def gold(self) -> dict:
        return {"answerable": self.answerable, "answers": self.answers, "answer_parts": self.answer_parts}


@dataclass
class Dataset:
    name: str
    corpus_dir: Path
    items: list[EvalItem]
    match: SpanMatch


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_dataset(path: Path = GOLD, corpus_dir: Path = REPO / "corpus", limit: int | None = None) -> Dataset:
    items = []
    for row in read_jsonl(path):
        evidence = []
        for ev in row["evidence"]:
            # .txt documents: the document text is the file, so file offsets are text offsets.
            text = (corpus_dir / ev["source"]).read_text(encoding="utf-8")
            start = text.find(ev["quote"])
            if start < 0:
                raise ValueError(f"{row['id']}: evidence quote not found in {ev['source']}")
            # Every occurrence counts: news pages repeat their lead paragraph.
            while start >= 0:
                evidence.append((ev["source"], start, start + len(ev["quote"])))
                start = text.find(ev["quote"], start + 1)
        items.append(
            EvalItem(
                row["id"],
                row["question"],
                row["answerable"],
                row["answers"],
                row.get("answer_parts"),
                evidence,
                row.get("type", ""),
            )
        )
    if limit:
        items = _spread(items, limit)
    return Dataset(path.stem + (f"-{limit}" if limit else ""), corpus_dir, items, covers)


def squad_dataset(work_dir: Path, limit: int | None = None, data_dir: Path = SQUAD_DIR) -> Dataset:
    """Write the articles into work_dir/corpus (once) and map gold paragraphs to their spans."""
    corpus_dir = work_dir / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    paragraph_spans: dict[str, Span] = {}
    for art in read_jsonl(data_dir / "corpus_articles.jsonl"):
        head = f"{art['title']}\n\n"
        path = corpus_dir / f"{art['doc_id']}.txt"
        body = head + art["text"]
        if not path.exists() or path.read_text(encoding="utf-8") != body:
            path.write_text(body, encoding="utf-8")
        for p in art["paragraphs"]:
            paragraph_spans[p["para_id"]] = (path.name, len(head) + p["start"], len(head) + p["end"])
    rows = read_jsonl(data_dir / "questions.jsonl")
    if limit:
        rows = _spread(rows, limit)
    items = [
        EvalItem(
            r["id"],
            r["question"],
            True,
            r["answers"],
            None,
            [paragraph_spans[r["gold_paragraph_id"]]],
            "squad",
        )
        for r in rows
    ]
    return Dataset("squad-xquad-en" + (f"-{limit}" if limit else ""), corpus_dir, items, overlaps)


def _spread(rows: list, n: int) -> list:
    """A fixed subset spread evenly over the file (so over all articles), the same every run."""
    if n >= len(rows):
        return rows
    step = len(rows) / n
    return [rows[int(i * step)] for i in range(n)]
