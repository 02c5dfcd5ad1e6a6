"""Fine-tune the retrieval embedder on questions and their passages (never in CI or setup).

.venv/bin/python scripts/train_embedder.py train [--steps 1300] [--stop-at 650] [--news 0.05]
(rerun the same command to resume from .rag/embedder-training/checkpoint.pt)
.venv/bin/python scripts/train_embedder.py export   # models/embedder/: layers, embedder.json, card
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train, or resume from the checkpoint")
    t.add_argument("--steps", type=int, default=1300, help="the learning-rate schedule's length")
    t.add_argument("--stop-at", type=int, default=None, help="stop at this step (a checkpoint), the schedule unchanged")
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--lr", type=float, default=2e-5)
    t.add_argument("--news", type=float, default=0.05, help="share of the questions from the invented news")
    t.add_argument("--threads", type=int, default=2)
    e = sub.add_parser("export", help="the checkpoint's layers into models/embedder/, measured, with a card")
    e.add_argument("--questions", type=int, default=1500, help="held-out SQuAD train questions")
    e.add_argument("--distractors", type=int, default=30000, help="Debian documentation passages among them")
    args = parser.parse_args()
    if args.command == "train":
        from scripts.embedder_training.train import train

        train(args)
    else:
        from scripts.embedder_training.export import export

        export(args)


if __name__ == "__main__":
    main()
