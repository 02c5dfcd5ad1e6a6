"""The CI gate: a run's summary against the thresholds in eval/thresholds.toml.

Thresholds sit at what the system really reaches (never below), and are raised as it improves.
"min" metrics must not fall below their value, "max" metrics must not rise above it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"


def load_thresholds(dataset: str, path: Path = THRESHOLDS) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)[dataset]


def check(summary: dict, thresholds: dict) -> list[str]:
    """Every broken threshold, as a readable line; empty when the gate passes."""
    failures = []
    for metric, floor in thresholds.get("min", {}).items():
        value = summary.get(metric)
        if value is None or value < floor:
            failures.append(f"{metric} = {value} is below its threshold {floor}")
    for metric, ceiling in thresholds.get("max", {}).items():
        value = summary.get(metric)
        if value is None or value > ceiling:
            failures.append(f"{metric} = {value} is above its threshold {ceiling}")
    return failures
