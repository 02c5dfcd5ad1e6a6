"""Fit the answerability model (rag/answer/answerability.py): does the evidence's best sentence
answer the question?

    .venv/bin/python scripts/fit_answerability.py           # run the pipeline, fit, write the model
    .venv/bin/python scripts/fit_answerability.py --refit   # fit again from the recorded signals

1. The training questions: the invented news stories the reader never trained on but S06
   (models/reader/news-training, S01-S05 of every batch: 90 stories, 1,800 questions, 720 of them
   near misses the story does not answer), as one corpus (scripts/news_dev.py --train).
2. The assistant answers each in the default mode (`answerability_gate` off), so the evidence quotes
   its best sentence whenever the hand rules let it (rag/answer/evidence_choice.py); each answer
   records the model's inputs (Answer.signals).
   Label: 1 when the question is answerable and the answer right (the eval's verdict), 0 when it
   is a near miss or the answer wrong. Questions refused before the model is asked (a name no
   passage holds, a weak match, a "who" or "how many" the sentence cannot answer) are left out.
3. Logistic regression (L2 = 1 on standardised inputs, Newton's method: deterministic). The
   threshold is read off 5-fold cross-validated probabilities: the one below which
   KEEP_RIGHT_ANSWERS' complement of the right answers falls.

Nothing reported is used: not the gold set, not SQuAD∩XQuAD, not HotpotQA, not the held-out S06
stories (development data, on which KEEP_RIGHT_ANSWERS was chosen; the card says how).
Writes models/answerability/{answerability.json, training-signals.jsonl, MODEL_CARD.md}.
Minutes on a laptop CPU; never in CI or setup (a test refits from training-signals.jsonl).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import fields
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.answer.answerability import MODEL_DIR, MODEL_FILE, Answerability, Signals, model_digest  # noqa: E402
from rag.reader.heldout import auc  # noqa: E402

SIGNALS_FILE = MODEL_DIR / "training-signals.jsonl"
CARD_FILE = MODEL_DIR / "MODEL_CARD.md"
FEATURES = tuple(f.name for f in fields(Signals))
L2, FOLDS, SEED = 1.0, 5, 13
# The share of right answers the threshold keeps on held-out folds. Chosen on the development
# sets (held-out news stories S06, 144 near misses; SQuAD-train dev, 100 adversarial questions;
# never a reported set) among 0.95 / 0.97 / 0.98 / 0.99, answered with the gate off and each
# threshold applied after: the one that refuses more near misses than the hand rules alone and
# no more answerable questions on either. 0.99 (refitted at 5d941b2): news S06 refusal accuracy
# 0.035 -> 0.090 (false refusals 0.069 and correctness 0.694 unchanged), SQuAD-train dev 0.07 ->
# 0.10 (0.023 and 0.787 unchanged); 0.98 and 0.97 refused one more answerable news question,
# 0.95 more on both. (news2, not used to choose: 0.074 -> 0.111, nothing else changed.)
KEEP_RIGHT_ANSWERS = 0.99


def collect(work: Path) -> list[dict]:
    """Answer the training questions with nothing refused by the model; their signals and labels."""
    import subprocess

    from eval.datasets import gold_dataset
    from eval.runner import run
    from rag.assistant import Assistant
    from rag.settings import Settings

    subprocess.run([sys.executable, str(ROOT / "scripts" / "news_dev.py"), "--train"], check=True)
    data = ROOT / ".rag" / "news-train"
    # Any model will do with the gate off: it is asked, never obeyed.
    n = len(FEATURES)
    neutral = Answerability(FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, 0.5)
    settings = Settings.load().changed(answerability_gate=False)
    assistant = Assistant(data / "corpus", work / "index", settings=settings, answerability=neutral)
    dataset = gold_dataset(data / "questions.jsonl", data / "corpus")
    shutil.rmtree(work / "run", ignore_errors=True)  # answered by this code, not resumed from another's
    run(assistant, dataset, work / "run")
    rows = []
    for line in (work / "run" / "results.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["refused"] or not r.get("signals"):
            continue
        v = r["verdict"]
        label = int(bool(v["answerable"] and v.get("correct")))
        rows.append({"id": r["id"], "label": label, **{k: r["signals"][k] for k in FEATURES}})
    return rows


def fit(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, scale, [bias, weights...]) of an L2-regularised logistic regression."""
    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1.0
    Z = np.hstack([np.ones((len(X), 1)), (X - mean) / scale])
    w = np.zeros(Z.shape[1])
    ridge = L2 * np.diag(np.r_[0.0, np.ones(Z.shape[1] - 1)])
    for _ in range(100):
        p = 1 / (1 + np.exp(-Z @ w))
        step = np.linalg.solve((Z * (p * (1 - p))[:, None]).T @ Z + ridge, Z.T @ (p - y) + ridge @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return mean, scale, w


def predict(model: tuple[np.ndarray, np.ndarray, np.ndarray], X: np.ndarray) -> np.ndarray:
    mean, scale, w = model
    return 1 / (1 + np.exp(-(w[0] + ((X - mean) / scale) @ w[1:])))


def fitted(rows: list[dict]) -> tuple[Answerability, dict]:
    """The model and its cross-validated numbers, from the recorded rows (deterministic)."""
    signals = [Signals(**{k: r[k] for k in FEATURES}) for r in rows]
    X = np.array([[s.features()[k] for k in FEATURES] for s in signals])
    y = np.array([r["label"] for r in rows], dtype=float)
    folds = np.random.default_rng(SEED).integers(0, FOLDS, len(y))
    cv = np.zeros(len(y))
    for k in range(FOLDS):
        cv[folds == k] = predict(fit(X[folds != k], y[folds != k]), X[folds == k])
    right = np.sort(cv[y == 1])
    threshold = float(right[int((1 - KEEP_RIGHT_ANSWERS) * len(right))])
    mean, scale, w = fit(X, y)
    model = Answerability(
        FEATURES,
        tuple(round(float(v), 8) for v in mean),
        tuple(round(float(v), 8) for v in scale),
        tuple(round(float(v), 8) for v in w[1:]),
        round(float(w[0]), 8),
        round(threshold, 8),
    )
    metrics = {
        "rows": len(y),
        "right_answers": int(y.sum()),
        "cv_auc": round(auc(y, cv), 4),
        "cv_right_answers_kept": round(float((cv[y == 1] >= threshold).mean()), 4),
        "cv_wrong_or_unanswerable_refused": round(float((cv[y == 0] < threshold).mean()), 4),
    }
    return model, metrics


def write(model: Answerability, metrics: dict, rows: list[dict], minutes: float) -> None:
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    SIGNALS_FILE.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    record = {
        "model": model.to_dict(),
        "sha256": model_digest(model),
        "keep": KEEP_RIGHT_ANSWERS,
        "metrics": metrics,
        "collect_minutes": minutes,
    }
    MODEL_FILE.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    weights = "\n".join(
        f"| {n} | {w:+.3f} | {m:.3f} | {s:.3f} |"
        for n, w, m, s in zip(model.names, model.weights, model.mean, model.scale)
    )
    took = f"{minutes:.1f} min here to answer the 1,800 questions, the fit itself a second"
    CARD_FILE.write_text(
        CARD.format(
            sha=model_digest(model),
            threshold=model.threshold,
            keep=KEEP_RIGHT_ANSWERS,
            weights=weights,
            bias=model.bias,
            took=took,
            **metrics,
        ),
        encoding="utf-8",
    )


CARD = """# Answerability model card — `answerability.json`

Judges whether the sentence evidence's best sentence answers the question, with `decide =
"checked"` or `"evidence"`: a logistic regression over ten signals of that sentence
(`rag/answer/answerability.py`). With `answerability_gate = true` the assistant refuses below
the threshold ("I couldn't find this in the documents") and offers the closest passages; off by
default, since on the gold set it refused one answerable question and no near miss (README:
Reader). Its probability is recorded with every evidence answer either way (`Answer.signals`). It judges the sentences that the
hand rules of `rag/answer/evidence_choice.py` let through (they refuse a weak match, a "who" with
no name, a "how many" with no count).

| | |
|---|---|
| file | `answerability.json`: weights, standardisation, threshold (SHA-256 of its canonical JSON `{sha}`, checked at load) |
| threshold | {threshold:.4f} — on 5-fold cross-validated probabilities, {keep:.0%} of the right answers reach it |
| training rows | {rows} answers ({right_answers} right), `training-signals.jsonl` beside this card |
| cross-validated | AUC {cv_auc:.3f}; right answers kept {cv_right_answers_kept:.3f}; wrong answers and near misses refused {cv_wrong_or_unanswerable_refused:.3f} |
| fitting | Newton's method, L2 = 1 on standardised inputs, folds seeded (13); {took} |
| reproduce | `.venv/bin/python scripts/fit_answerability.py` (or `--refit` from the recorded signals; `tests/answer/test_answerability.py` refits and must find this file) |

## Inputs and weights (standardised: weight per standard deviation)

| input | weight | mean | scale |
|---|---|---|---|
{weights}

bias {bias:+.3f}. `reader` is the reader model's answer probability as log-odds (models/reader).

## Data

The invented news stories of `models/reader/news-training` (written for this project, README
there), stories S01-S05 of all 18 batches: 90 stories, 1,800 questions, 720 of them near misses
the story does not answer. The shipped reader never trained on them. Story S06 of every batch is
held out (development data), as are the gold set, SQuAD∩XQuAD and HotpotQA (reported, never
used here). Label: the answer quoted with nothing refused is right (1), or it is wrong or the
question is a near miss (0).

## Limits

Ten numbers about one sentence: it cannot see what the sentence says, only how it matches; it
learned news near misses (another year, an unnamed role-holder, a count never given), and other
kinds of documents may need their own rows. The reader's probability carries most of the weight,
so the reader's limits (models/reader/MODEL_CARD.md) are its limits.
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--refit", action="store_true", help="fit from models/answerability/training-signals.jsonl")
    p.add_argument("--work", type=Path, default=ROOT / ".rag" / "answerability-fit")
    args = p.parse_args()
    t0 = time.perf_counter()
    if args.refit:
        rows = [json.loads(line) for line in SIGNALS_FILE.read_text(encoding="utf-8").splitlines()]
        minutes = json.loads(MODEL_FILE.read_text())["collect_minutes"]
    else:
        rows = collect(args.work)
        minutes = (time.perf_counter() - t0) / 60
    model, metrics = fitted(rows)
    write(model, metrics, rows, minutes)
    print(json.dumps({"threshold": model.threshold, **metrics}))


if __name__ == "__main__":
    main()
