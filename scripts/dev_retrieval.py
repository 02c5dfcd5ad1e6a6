"""Retrieval on the development set among distractors: hit@1 / hit@5 of the answerable questions
of scripts/squad_train_dev.py (SQuAD *train* articles the reader never trained on; never a
benchmark) with each fusion, over a corpus that holds those articles in a subfolder beside
anything else (the benchmark's 100k corpus, say). How session 47 chose the convex fusion's dense
share (docs/scale.md) without touching SQuAD∩XQuAD, HotpotQA or the gold set.

    .venv/bin/python scripts/squad_train_dev.py
    cp -r .rag/bench-scale/100000/corpus /tmp/dev100k && cp -r .rag/squad-train-dev/corpus /tmp/dev100k/zz_dev
    .venv/bin/rag index --corpus /tmp/dev100k --index /tmp/dev100k-index
    .venv/bin/python scripts/dev_retrieval.py --corpus /tmp/dev100k --index /tmp/dev100k-index --folder zz_dev

A benchmark of choices, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.datasets import gold_dataset  # noqa: E402
from rag.assistant import Assistant  # noqa: E402

QUESTIONS = ROOT / ".rag" / "squad-train-dev" / "questions.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--folder", default="", help="the development articles' subfolder of the corpus")
    args = parser.parse_args()
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        questions = Path(tmp) / "questions.jsonl"
        with questions.open("w") as out:
            for row in rows:
                if row["answerable"]:
                    for ev in row["evidence"]:
                        ev["source"] = f"{args.folder}/{ev['source']}" if args.folder else ev["source"]
                    out.write(json.dumps(row) + "\n")
        dataset = gold_dataset(questions, args.corpus)
    assistant = Assistant(corpus_dir=args.corpus, index_dir=args.index)
    for fusion in ("rrf", "convex"):
        asked = assistant.with_settings(fusion=fusion)
        hit1 = hit5 = 0
        for it in dataset.items:
            _, shown = asked.ask_with_passages(it.question, top_k=5)
            ok = [
                any(dataset.match((sp.passage.source, sp.passage.start, sp.passage.end), ev) for ev in it.evidence)
                for sp in shown[:5]
            ]
            hit1 += bool(ok and ok[0])
            hit5 += any(ok)
        n = len(dataset.items)
        print(json.dumps({"fusion": fusion, "questions": n, "hit@1": round(hit1 / n, 3), "hit@5": round(hit5 / n, 3)}))


if __name__ == "__main__":
    main()
