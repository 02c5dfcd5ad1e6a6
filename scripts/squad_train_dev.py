"""A development set from SQuAD *train* (never a benchmark), for choosing rules and modes
without touching the gold set or SQuAD∩XQuAD: the reader's held-out articles (never trained on,
scripts/reader_training/data.py: is_dev_title) as a corpus, 300 of their questions (evenly
spread) as answerable, and 100 SQuAD 2.0 adversarial questions of the reader's held-out
adversarial article (added to the corpus) as unanswerable. Gold-set schema.

    .venv/bin/python scripts/squad_train_dev.py   # writes .rag/squad-train-dev/{corpus,questions.jsonl}
    .venv/bin/rag eval --gold .rag/squad-train-dev/questions.jsonl --corpus .rag/squad-train-dev/corpus \
        --index .rag/squad-train-dev-index
"""

from __future__ import annotations

import json
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.reader_training.data import is_dev_title, read_jsonl  # noqa: E402
from scripts.reader_training.settings import ADVERSARIAL_DEV_ARTICLES, TRAINING  # noqa: E402

OUT = ROOT / ".rag" / "squad-train-dev"
ANSWERABLE, UNANSWERABLE = 300, 100


def file_name(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", title) + ".txt"


def spread(rows: list[dict], n: int) -> list[dict]:
    step = len(rows) / n
    return [rows[int(i * step)] for i in range(n)]


def main() -> None:
    squad = [r for r in read_jsonl(TRAINING / "squad11_train" / "squad11_train.jsonl.gz") if is_dev_title(r["title"])]
    adversarial = [
        r
        for r in read_jsonl(TRAINING / "squad20_train_sample" / "squad20_train_first10articles.jsonl.gz")
        if not r["answerable"]
    ]
    # The reader's held-out adversarial article(s), chosen as its training data chooses them.
    titles = sorted({r["title"] for r in adversarial}, key=lambda t: zlib.crc32(t.encode()))
    adversarial = [r for r in adversarial if r["title"] in titles[:ADVERSARIAL_DEV_ARTICLES]]

    paragraphs: dict[str, dict[str, None]] = {}
    for r in squad + adversarial:
        paragraphs.setdefault(r["title"], {}).setdefault(r["context"], None)
    (OUT / "corpus").mkdir(parents=True, exist_ok=True)
    for title, texts in paragraphs.items():
        (OUT / "corpus" / file_name(title)).write_text(title.replace("_", " ") + "\n\n" + "\n\n".join(texts) + "\n")

    questions = []
    for r in spread(squad, ANSWERABLE):
        at, answer = r["answer_starts"][0], r["answers"][0]
        answers = sorted(set(r["answers"]))
        quote = r["context"][max(0, at - 40) : at + len(answer) + 40].strip()
        questions.append(
            {
                "id": r["id"],
                "question": r["question"],
                "answerable": True,
                "answers": answers,
                "answer_parts": [answers],
                "evidence": [{"source": file_name(r["title"]), "quote": quote}],
                "type": "what",
                "paraphrased": True,
            }
        )
    for r in spread(adversarial, UNANSWERABLE):
        questions.append(
            {
                "id": r["id"],
                "question": r["question"],
                "answerable": False,
                "answers": [],
                "answer_parts": [],
                "evidence": [],
                "type": "what",
                "paraphrased": True,
            }
        )
    (OUT / "questions.jsonl").write_text("".join(json.dumps(q) + "\n" for q in questions))
    print(f"{len(paragraphs)} articles, {sum(map(len, paragraphs.values()))} paragraphs, {len(questions)} questions")


if __name__ == "__main__":
    main()
