"""Human-readable output of a run: the table, a chart, failures, and a run-to-run comparison."""

from __future__ import annotations

import json
import math
from pathlib import Path

# (key in summary, label, higher is better)
METRICS = [
    ("hit@1", "retrieval hit@1", True),
    ("hit@k", "retrieval hit@k", True),
    ("mrr", "retrieval MRR", True),
    ("correctness", "answer correctness", True),
    ("em", "exact match", True),
    ("f1", "token F1", True),
    ("citation_support", "citation support", True),
    ("citation_precision", "citation precision", True),
    ("citation_precision_evidence", "citation precision, evidence only", True),
    ("citation_recall", "citation recall", True),
    ("recall@k", "gold pages recall@k", True),
    ("both_gold@k", "both gold pages in top k", True),
    ("answer_in_top_k", "gold answer in top-k passages", True),
    ("citations_cover_both", "citations cover both gold pages", True),
    ("refusal_accuracy", "refusal accuracy", True),
    ("false_refusal_rate", "false refusals", False),
    ("mean_cited_length", "mean cited passage (chars)", False),
    ("aurc", "risk–coverage area (AURC)", False),
    ("unsure_share", "answers marked unsure (share of answers given)", False),
    ("unsure_right", "answers marked unsure that are right", False),
    ("sure_right", "answers not marked that are right", True),
    ("wrong_marked_unsure", "wrong answers marked unsure", True),
    ("latency_p50", "latency p50 (s)", False),
    ("latency_p95", "latency p95 (s)", False),
    ("first_token_p50", "time to first token p50 (s)", False),
    ("first_token_p95", "time to first token p95 (s)", False),
]


def _fmt(v) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def table(summary: dict) -> str:
    lines = ["| metric | value |", "|---|---|"]
    for key, label, _ in METRICS:
        # time to first token exists only for LLM back ends: no empty row for the others
        if key in summary and (summary[key] is not None or not key.startswith("first_token")):
            lines.append(f"| {label} | {_fmt(summary[key])} |")
    return "\n".join(lines)


# The per-type table (summary["by_type"]): the metrics that tell question types apart.
TYPE_METRICS = [
    "correctness",
    "em",
    "f1",
    "hit@k",
    "recall@k",
    "both_gold@k",
    "citation_support",
    "citations_cover_both",
]


def type_table(summary: dict) -> str:
    """One row per question type, with its count; empty when the run has one type."""
    by_type = summary.get("by_type") or {}
    if not by_type:
        return ""
    labels = {key: label for key, label, _ in METRICS}
    keys = [m for m in TYPE_METRICS if any(s.get(m) is not None for s in by_type.values())]
    lines = ["| type | n | " + " | ".join(labels[m] for m in keys) + " |", "|---|---|" + "---|" * len(keys)]
    for kind, s in by_type.items():
        lines.append(f"| {kind} | {s['n']} | " + " | ".join(_fmt(s.get(m)) for m in keys) + " |")
    return "\n".join(lines)


def risk_coverage_table(summary: dict, steps: int = 10) -> str:
    """The risk–coverage curve as a small table (about one row per tenth of coverage), with a
    line saying which score drew it; a note instead when no answer had a score."""
    rc = summary.get("risk_coverage")
    if not rc:
        return "No answer carried a confidence or a cited passage score: no curve for this run."
    rows: dict[int, dict] = {}
    for p in rc["points"]:  # the last point within each tenth of coverage: (0, .1], (.1, .2], …
        rows[math.ceil(round(p["coverage"] * steps, 9))] = p
    lines = [
        f"Confidence: {rc['source']}"
        + (" (the back end gives no confidence of its own)" if rc["source"] == "citation score" else "")
        + f". AURC {rc['aurc']:.3f} (lower is better) up to coverage {rc['max_coverage']:.2f}"
        + (f"; {rc['unscored']} answers had no score" if rc.get("unscored") else "")
        + ".",
        "",
        "| threshold ≥ | coverage | accuracy of answers given |",
        "|---|---|---|",
    ]
    for p in rows.values():
        lines.append(f"| {p['threshold']:.4g} | {p['coverage']:.2f} | {p['accuracy']:.3f} |")
    return "\n".join(lines)


def failures(rows: list[dict]) -> list[str]:
    out = []
    for r in rows:
        v = r["verdict"]
        why = []
        if v["answerable"]:
            if v["refused"]:
                why.append("refused")
            elif v.get("correct") is False:
                why.append("wrong answer")
            if v.get("hitk") is False:
                why.append("evidence not retrieved")
            elif v.get("both_k") is False:  # multi-hop: one of the gold pages is missing
                why.append("a gold page not retrieved")
            if not v["refused"] and v.get("support") is False:
                why.append("no supporting citation")
        elif not v["refused"]:
            why.append("answered an unanswerable question")
        if why:
            out.append(f"- `{r['id']}` ({', '.join(why)}): {r['question']}\n  → {r['answer'][:240]}")
    return out


def write_report(out_dir: Path, summary: dict, rows: list[dict]) -> None:
    fails = failures(rows)
    text = [
        f"# Eval run: {summary.get('dataset')}",
        "",
        f"commit `{summary.get('commit')}`, {summary.get('n')} questions "
        f"({summary.get('n_answerable')} answerable, {summary.get('n_unanswerable')} unanswerable), k={summary.get('k')}",
        "",
        table(summary),
        "",
        *(["## By question type", "", type_table(summary), ""] if summary.get("by_type") else []),
        "## Risk–coverage",
        "",
        risk_coverage_table(summary),
        "",
        f"## Questions that failed something ({len(fails)})",
        "",
        *fails,
        "",
    ]
    (out_dir / "report.md").write_text("\n".join(text), encoding="utf-8")


def write_chart(path: Path, summary: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display here or in CI
    import matplotlib.pyplot as plt

    keys = [
        (k, label)
        for k, label, _ in METRICS
        if isinstance(summary.get(k), float)
        and summary[k] <= 1.0
        and not k.startswith(("latency", "first_token"))
        and k != "aurc"  # drawn with its curve
    ]
    rc = summary.get("risk_coverage")
    height = 0.4 * len(keys) + 1
    if rc:  # the bars, and beside them the curve
        fig, (ax, ax_rc) = plt.subplots(1, 2, figsize=(12, max(height, 3.5)), gridspec_kw={"width_ratios": [2, 1]})
        pts = rc["points"]
        ax_rc.plot([p["coverage"] for p in pts], [p["accuracy"] for p in pts], marker=".", color="#a5523b")
        ax_rc.set_xlim(0, 1)
        ax_rc.set_ylim(0, 1.02)
        ax_rc.set_xlabel("coverage (share of questions answered)")
        ax_rc.set_ylabel("accuracy of answers given")
        ax_rc.set_title(f"risk–coverage ({rc['source']}), AURC {rc['aurc']:.2f}", fontsize=9)
        ax_rc.grid(alpha=0.3)
    else:
        fig, ax = plt.subplots(figsize=(8, height))
    ax.barh([label for _, label in keys][::-1], [summary[k] for k, _ in keys][::-1], color="#3b6ea5")
    for i, (k, _) in enumerate(keys[::-1]):
        ax.text(min(summary[k] + 0.01, 0.93), i, f"{summary[k]:.2f}", va="center", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_title(f"{summary.get('dataset')} @ {summary.get('commit')}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def is_run_folder(path: Path) -> bool:
    """Whether `path` holds a finished run: a summary.json that is a JSON object, and results."""
    try:
        summary = json.loads((path / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(summary, dict) and (path / "results.jsonl").is_file()


def compare(old_dir: Path, new_dir: Path) -> str:
    """What got better and worse between two run folders, metric by metric and question by question."""
    old_s = json.loads((old_dir / "summary.json").read_text())
    new_s = json.loads((new_dir / "summary.json").read_text())
    lines = []
    if old_s.get("dataset") != new_s.get("dataset"):
        # Another question set's run showed "+1.000 better" on every metric without a word.
        lines += [
            f"**Not comparable: the old run asked {old_s.get('dataset')!r}, the new one {new_s.get('dataset')!r}.**",
            "",
        ]
    lines += ["| metric | old | new | change |", "|---|---|---|---|"]
    for key, label, higher in METRICS:
        a, b = old_s.get(key), new_s.get(key)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            d = b - a
            mark = "" if abs(d) < 1e-9 else ("better" if (d > 0) == higher else "worse")
            lines.append(f"| {label} | {_fmt(a)} | {_fmt(b)} | {d:+.3f} {mark} |")
    old_rows = _rows(old_dir)
    new_rows = _rows(new_dir)
    better, worse = [], []
    for qid, new in new_rows.items():
        old = old_rows.get(qid)
        if old is None:
            continue
        o, n = _ok(old["verdict"]), _ok(new["verdict"])
        if o != n:
            (better if n else worse).append(
                f"- `{qid}`: {new['question']}\n  was: {old['answer'][:160]}\n  now: {new['answer'][:160]}"
            )
    lines += ["", f"## Better ({len(better)})", *better, "", f"## Worse ({len(worse)})", *worse]
    return "\n".join(lines)


def _rows(run_dir: Path) -> dict[str, dict]:
    rows = {}
    for line in (run_dir / "results.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows[r["id"]] = r
    return rows


def _ok(v: dict) -> bool:
    """One verdict per question: right and supported, or rightly refused."""
    if not v["answerable"]:
        return bool(v["refused"])
    return bool(v.get("correct")) and bool(v.get("support"))


def side_by_side(run_dirs: list[Path]) -> str:
    """One column per run folder (e.g. each answer back end on the same gold set)."""
    summaries = [json.loads((d / "summary.json").read_text()) for d in run_dirs]

    def name(s: dict, d: Path) -> str:
        st = s.get("settings", {})
        backend = st.get("llm", "?")
        return st.get("llm_model", backend) if backend == "local" else backend

    head = "| metric | " + " | ".join(name(s, d) for s, d in zip(summaries, run_dirs)) + " |"
    lines = [head, "|---|" + "---|" * len(run_dirs)]
    for key, label, _ in METRICS:
        values = [s.get(key) for s in summaries]
        if any(v is not None for v in values):
            lines.append(f"| {label} | " + " | ".join(_fmt(v) for v in values) + " |")
    lines.append("| commit | " + " | ".join(f"`{s.get('commit')}`" for s in summaries) + " |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m eval.report RUN_DIR [RUN_DIR ...]: the runs side by side
    import sys

    print(side_by_side([Path(p) for p in sys.argv[1:]]))
