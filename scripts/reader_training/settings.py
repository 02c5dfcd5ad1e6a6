"""Where the reader's training reads and writes, and the fixed numbers of a run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TRAINING = ROOT.parent / "shared" / "training"
CKPT_DIR = ROOT / ".rag" / "reader-training"
MODEL_DIR = ROOT / "models" / "reader"
SEED = 13
BATCH = 32
CHECKPOINT_EVERY = 100
TRAIN_MAX_TOKENS = 192  # training windows; run time reads up to 256 (same positions, pretrained)
SAMPLE = 300  # held-out examples shipped with the tests
SAMPLE_FILE = ROOT / "tests" / "reader" / "heldout-sample.jsonl"
ADVERSARIAL_DEV_ARTICLES = 1  # only two of the ten articles have unanswerable questions
