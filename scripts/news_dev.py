"""A development set from the reader's held-out invented news stories (never trained on):
story S06 of every batch under models/reader/news-training/ as a corpus, and its questions,
answerable and near misses, in the gold-set schema. For choosing rules and modes on raw news
text without touching the gold set or a benchmark. `--train`: the other stories (S01-S05) the
same way, the training set of the answerability model (scripts/fit_answerability.py).

    .venv/bin/python scripts/news_dev.py   # writes .rag/news-dev/{corpus,questions.jsonl}
    .venv/bin/rag eval --gold .rag/news-dev/questions.jsonl --corpus .rag/news-dev/corpus \
        --index .rag/news-dev-index
    .venv/bin/python scripts/news_dev.py --train   # writes .rag/news-train/...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.reader_training.news import HELD_OUT_STORY, NEWS  # noqa: E402

DEV, TRAIN = ROOT / ".rag" / "news-dev", ROOT / ".rag" / "news-train"


def write(out: Path, held_out: bool) -> tuple[int, list[dict]]:
    """Story S06 of every batch (held_out) or every other story, as a corpus under `out` and
    their questions in the gold-set schema: (stories, questions)."""
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    questions, stories = [], 0
    for batch in sorted(p for p in NEWS.iterdir() if (p / "questions.jsonl").is_file()):
        # Story file names repeat across batches ("S06_..."): the batch goes in front.
        for path in sorted((batch / "corpus").glob("S*_*.txt")):
            if path.name.startswith(HELD_OUT_STORY + "_") != held_out:
                continue
            (out / "corpus" / f"{batch.name}_{path.name}").write_bytes(path.read_bytes())
            stories += 1
        for line in (batch / "questions.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if (row["id"].split("-")[1] == HELD_OUT_STORY) != held_out:
                continue
            for evidence in row["evidence"]:
                evidence["source"] = f"{batch.name}_{evidence['source']}"
            row.setdefault("answer_parts", [row["answers"]] if row["answers"] else [])
            row.setdefault("paraphrased", True)
            questions.append(row)
    (out / "questions.jsonl").write_text("".join(json.dumps(q) + "\n" for q in questions))
    return stories, questions


def main() -> None:
    stories, questions = write(TRAIN, held_out=False) if "--train" in sys.argv[1:] else write(DEV, held_out=True)
    answerable = sum(q["answerable"] for q in questions)
    print(f"{stories} stories, {len(questions)} questions ({answerable} answerable)")


if __name__ == "__main__":
    main()
