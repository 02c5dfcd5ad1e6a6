"""eval.report: the per-type table and the risk–coverage curve, in report.md and metrics.png."""

from __future__ import annotations

import pytest

from eval import report
from eval.confidence import risk_coverage

pytestmark = pytest.mark.unit


def _summary(records):
    rc = risk_coverage(records)
    return {
        "dataset": "toy",
        "commit": "abc1234",
        "n": len(records),
        "correctness": 0.5,
        "aurc": rc and rc["aurc"],
        "risk_coverage": rc,
    }


RECORDS = [
    {
        "confidence": 1 - i / 20,
        "confidence_source": "citation score",
        "correct": i % 3 != 0,
        "answerable": True,
        "refused": False,
    }
    for i in range(20)
]


def test_risk_coverage_table_has_a_row_per_tenth_and_names_its_score():
    text = report.risk_coverage_table(_summary(RECORDS))
    assert text.startswith("Confidence: citation score (the back end gives no confidence of its own). AURC ")
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and not ln.startswith("| threshold")]
    assert len(rows) == 10
    assert rows[-1] == "| 0.05 | 1.00 | 0.650 |"  # every question answered: 13 of 20 right


def test_risk_coverage_table_says_when_there_is_no_curve():
    assert report.risk_coverage_table({"risk_coverage": None}).startswith("No answer carried a confidence")


def test_report_and_chart_carry_the_curve(tmp_path):
    summary = _summary(RECORDS)
    summary["by_type"] = {"bridge": {"n": 2, "correctness": 0.5}, "comparison": {"n": 1, "correctness": 1.0}}
    report.write_report(tmp_path, summary, [])
    md = (tmp_path / "report.md").read_text()
    assert "## Risk–coverage" in md and "| threshold ≥ | coverage | accuracy of answers given |" in md
    assert "| bridge | 2 | 0.500 |" in md and "| comparison | 1 | 1.000 |" in md
    assert "| risk–coverage area (AURC) |" in md
    report.write_chart(tmp_path / "metrics.png", summary)
    report.write_chart(tmp_path / "bars.png", {**summary, "risk_coverage": None})
    # the curve is a second panel: a wider picture than the bars alone
    from PIL import Image

    assert Image.open(tmp_path / "metrics.png").width > Image.open(tmp_path / "bars.png").width


def test_failures_name_a_missing_gold_page():
    verdict = {"answerable": True, "refused": False, "correct": False, "hitk": True, "both_k": False, "support": True}
    row = {"id": "q1", "question": "Who?", "answer": "X was directed by Y [1].", "verdict": verdict}
    assert report.failures([row]) == [
        "- `q1` (wrong answer, a gold page not retrieved): Who?\n  → X was directed by Y [1]."
    ]
    assert report.failures([{**row, "verdict": {**verdict, "correct": True, "both_k": True}}]) == []


def _run_folder(path, dataset: str, correctness: float):
    import json

    path.mkdir()
    (path / "summary.json").write_text(json.dumps({"dataset": dataset, "correctness": correctness}))
    (path / "results.jsonl").write_text("")
    return path


def test_comparing_runs_of_two_question_sets_says_they_are_not_comparable(tmp_path):
    """A run of another gold set showed "+1.000 better" on every metric without a word."""
    old = _run_folder(tmp_path / "old", "html", 0.0)
    same = _run_folder(tmp_path / "same", "html", 0.5)
    other = _run_folder(tmp_path / "other", "corpus", 1.0)
    assert report.compare(old, other).startswith("**Not comparable: the old run asked 'html', the new one 'corpus'.**")
    assert report.compare(old, same).startswith("| metric | old | new | change |")
    assert report.is_run_folder(old) and not report.is_run_folder(tmp_path)
