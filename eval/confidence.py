"""Risk–coverage (selective answering): how confident each answer is, and how accurate the
answers would be if only those above a confidence threshold were given."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from rag.types import Answer


def answer_confidence(answer: Answer) -> tuple[float | None, str | None]:
    """(confidence, where it came from) of an answer given (None, None for a refusal).

    The back end's own `Answer.confidence` when it has one ("answer"); otherwise the retrieval
    score of the best cited passage ("citation score"), a ranking signal, not a probability, but
    the only score today's extractive answerer exposes; (None, None) when there is neither.
    """
    if answer.refused:
        return None, None
    if answer.confidence is not None:
        return float(answer.confidence), "answer"
    if answer.citations:
        return max(float(c.score) for c in answer.citations), "citation score"
    return None, None


def risk_coverage(records: Sequence[dict[str, Any]], step: float | None = 0.05) -> dict[str, Any] | None:
    """Accuracy of the answers given against the share of questions answered, as a confidence
    threshold moves from strict to lax. None when no answer given has a confidence.

    Every record is a question; it is covered at threshold t when it was answered (not refused)
    with confidence >= t. An answer is right when it is correct (answerable) and wrong when the
    question was unanswerable. Points are at each distinct confidence, strictest first:
    {threshold, coverage, accuracy}. `aurc` is the area under the risk (1 - accuracy) curve over
    the coverage reached, normalised by it: the mean risk of the answers, weighting the confident
    ones most; lower is better, and a confidence that orders right answers first lowers it at the
    same overall accuracy. An answered question without a confidence is left out of the curve
    (counted in `unscored`). With `step`, the points kept are the last one within each step of
    coverage (and the final one), so summary.json stays small for 1,000 questions; `aurc` is
    always computed on every point.
    """
    n = len(records)
    scored = [r for r in records if not r.get("refused") and r.get("confidence") is not None]
    if not n or not scored:
        return None
    sources = sorted({r.get("confidence_source") or "?" for r in scored})

    def right(r: dict[str, Any]) -> bool:
        return bool(r.get("correct")) if r.get("answerable") else False

    scored.sort(key=lambda r: -float(r["confidence"]))
    points: list[dict[str, float]] = []
    taken = good = 0
    for i, r in enumerate(scored):
        taken += 1
        good += right(r)
        last_of_tie = i + 1 == len(scored) or float(scored[i + 1]["confidence"]) < float(r["confidence"])
        if last_of_tie:  # a threshold takes all answers at its confidence, or none of them
            points.append({"threshold": float(r["confidence"]), "coverage": taken / n, "accuracy": good / taken})
    area, prev = 0.0, 0.0
    for p in points:
        area += (1.0 - p["accuracy"]) * (p["coverage"] - prev)
        prev = p["coverage"]
    unscored = sum(1 for r in records if not r.get("refused") and r.get("confidence") is None)
    return {
        "source": ", ".join(sources),
        "points": _thin(points, step) if step else points,
        "aurc": area / prev,
        "max_coverage": prev,
        "unscored": unscored,
    }


def _thin(points: list[dict[str, float]], step: float) -> list[dict[str, float]]:
    kept: dict[int, dict[str, float]] = {}
    for p in points:  # coverage grows along the list: the last point of each bucket wins
        kept[math.floor(round(p["coverage"] / step, 9))] = p
    return list(kept.values())
