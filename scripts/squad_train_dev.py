"""A development set from SQuAD *train* (never a benchmark), for choosing rules and modes
without touching the gold set or SQuAD∩XQuAD: the reader's held-out articles (CRC32 of the
title 0 mod 20, never trained on) as a corpus, 300 of their questions (evenly spread) as
answerable, and 100 SQuAD 2.0 adversarial questions of Spectre (the reader's held-out
adversarial article, added to the corpus) as unanswerable. Gold-set schema.

    .venv/bin/python scripts/squad_train_dev.py   # writes .rag/squad-train-dev/{corpus,questions.jsonl}
    .venv/bin/rag eval --gold .rag/squad-train-dev/questions.jsonl --corpus .rag/squad-train-dev/corpus \
        --index .rag/squad-train-dev-index
"""

import collections
import gzip
import json
import re
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T = ROOT.parent / "shared" / "training"
OUT = ROOT / ".rag" / "squad-train-dev"
(OUT / "corpus").mkdir(parents=True, exist_ok=True)
rows = [json.loads(line) for line in gzip.open(f"{T}/squad11_train/squad11_train.jsonl.gz", "rt")]
held = sorted({r["title"] for r in rows if zlib.crc32(r["title"].encode()) % 20 == 0})
paras = collections.defaultdict(dict)
for r in rows:
    if r["title"] in held:
        paras[r["title"]].setdefault(r["context"], None)
adv = [json.loads(line) for line in gzip.open(f"{T}/squad20_train_sample/squad20_train_first10articles.jsonl.gz", "rt")]
spectre = [r for r in adv if r["title"] == "Spectre_(2015_film)"]
sp_paras = {}
for r in spectre:
    sp_paras.setdefault(r["context"], None)
docs = dict(paras)
docs["Spectre_(2015_film)"] = sp_paras
for t, ps in docs.items():
    open(f"{OUT}/corpus/{re.sub(r'[^A-Za-z0-9_]+', '_', t)}.txt", "w").write(
        t.replace("_", " ") + "\n\n" + "\n\n".join(ps) + "\n"
    )
qs = [r for r in rows if r["title"] in held]
step = len(qs) / 300
pick = [qs[int(i * step)] for i in range(300)]
out = []
for r in pick:
    a = r["answers"][0]
    s = r["context"]
    # the sentence holding the answer as evidence quote
    i = r["answer_starts"][0]
    out.append(
        {
            "id": r["id"],
            "question": r["question"],
            "answerable": True,
            "answers": sorted(set(r["answers"])),
            "answer_parts": [sorted(set(r["answers"]))],
            "evidence": [
                {
                    "source": re.sub(r"[^A-Za-z0-9_]+", "_", r["title"]) + ".txt",
                    "quote": s[max(0, i - 40) : i + len(a) + 40].strip(),
                }
            ],
            "type": "what",
            "paraphrased": True,
        }
    )
un = [r for r in spectre if not r["answerable"]]
step = len(un) / 100
for i in range(100):
    r = un[int(i * step)]
    out.append(
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
with open(OUT / "questions.jsonl", "w") as f:
    for o in out:
        f.write(json.dumps(o) + "\n")
print(len(held), "held-out articles", sum(len(p) for p in docs.values()), "paragraphs", len(out), "questions")
