"""Held-out measurement of a reader: answerability and short-answer quality on labelled texts.

Used when a model is exported (scripts/train_reader.py export) to calibrate its refusal threshold
and write its card, and by the tests, which re-measure the shipped file on a fixed sample of the
same held-out data and must find the numbers its card states.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from rag.reader.model import Reader
from rag.text.answers import exact_match, token_f1

# The refusal threshold keeps this share of held-out texts that answer: the budget of
# at most 5% false refusals, spent per passage.
ACCEPT_ANSWERING = 0.95
KINDS = (
    "squad",
    "sentence",
    "answer_removed",
    "hard_negative",
    "adversarial",
    "swapped",
    "noun_swapped",
    "sentence_other",
    "off_topic",
    "selqa",
    "news",
    "news_other",
    "news_unanswerable",
)


@dataclass(frozen=True)
class Example:
    """A labelled (question, context) pair. Invariant: label 1 and context[answer_start:
    answer_end] is the answer, or answer_start == answer_end == -1 (no span known)."""

    question: str
    context: str
    label: int  # 1: the context answers the question
    answer_start: int = -1
    answer_end: int = -1
    kind: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def read_all(reader: Reader, examples: list[Example]) -> tuple[list[float], list[str]]:
    """(answer probability, short answer) per example."""
    readings = reader.read_many([(ex.question, ex.context) for ex in examples])
    return [r.probability for r in readings], [
        ex.context[r.span.start : r.span.end] if r.span else "" for ex, r in zip(examples, readings)
    ]


def calibrate(examples: list[Example], probs: list[float], accept: float = ACCEPT_ANSWERING) -> float:
    """The highest threshold that still accepts `accept` of the texts that answer."""
    pos = sorted(p for ex, p in zip(examples, probs) if ex.label == 1)
    if not pos:
        raise ValueError("calibration needs texts that answer")
    return round(float(pos[int((1 - accept) * len(pos))]), 4)


def curve(examples: list[Example], probs: list[float]) -> list[dict]:
    """Accepted answering / refused non-answering texts as the threshold moves."""
    out = []
    for t in np.linspace(0.05, 0.95, 19):
        pos = [p >= t for ex, p in zip(examples, probs) if ex.label == 1]
        neg = [p < t for ex, p in zip(examples, probs) if ex.label == 0]
        out.append(
            {
                "threshold": round(float(t), 2),
                "accepted_answering": round(float(np.mean(pos)), 4) if pos else None,
                "refused_not_answering": round(float(np.mean(neg)), 4) if neg else None,
            }
        )
    return out


def metrics(examples: list[Example], probs: list[float], spans: list[str], threshold: float) -> dict:
    out: dict = {"examples": len(examples), "threshold": threshold}
    for kind in KINDS:
        rows = [i for i, ex in enumerate(examples) if ex.kind == kind]
        if not rows:
            continue
        out[f"{kind}_n"] = len(rows)
        if kind in ("squad", "sentence", "news"):  # answering texts with a span
            out[f"{kind}_accepted"] = _mean(probs[i] >= threshold for i in rows)
            golds = [examples[i].context[examples[i].answer_start : examples[i].answer_end] for i in rows]
            out[f"{kind}_span_em"] = _mean(exact_match(spans[i], [g]) for i, g in zip(rows, golds))
            out[f"{kind}_span_f1"] = _mean(token_f1(spans[i], [g]) for i, g in zip(rows, golds))
        elif kind != "selqa":
            out[f"{kind}_refused"] = _mean(probs[i] < threshold for i in rows)
    labels = np.array([ex.label for ex in examples])
    out["answerability_auc"] = round(auc(labels, np.array(probs)), 4)
    return out


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney), ties counted as half."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def _mean(values) -> float:
    vals = [float(v) for v in values]
    return round(float(np.mean(vals)), 4) if vals else float("nan")
