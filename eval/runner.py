"""Run a dataset through the Assistant and write a run folder.

    run folder/
      results.jsonl   one line per question: answer, citations, retrieved spans, verdicts
      summary.json    the aggregated metrics (eval.metrics.summarize) and run facts
      report.md       the table, and every question that failed something
      metrics.png     a bar chart of the metrics

results.jsonl is appended and flushed per question: an interrupted run keeps what finished,
and running again into the same folder resumes where it stopped: the same run only (run.json
names its dataset, k, commit and settings). Resumed by another commit or other settings, the
summary would name this commit for answers an older one gave.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from eval.datasets import Dataset, EvalItem, check_questions
from eval.metrics import score_question, summarize
from eval.spans import span_of
from rag.errors import RagError


def run(assistant, dataset: Dataset, out_dir: Path, k: int = 5, progress: bool = True) -> dict:
    check_questions(dataset, assistant.settings.max_question_chars)
    check_out_folder(out_dir, dataset.corpus_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results_path = out_dir / "results.jsonl"
    identity = {
        "dataset": dataset.name,
        "corpus": str(dataset.corpus_dir.resolve()),
        "k": k,
        "commit": _git_commit(),
        "settings": _run_settings(assistant),
    }
    _check_same_run(out_dir, identity)
    (out_dir / "run.json").write_text(json.dumps(identity, indent=1), encoding="utf-8")
    digests = {it.id: item_digest(it) for it in dataset.items}
    done = _finished(results_path, digests)
    todo = [it for it in dataset.items if it.id not in done]

    from tqdm import tqdm

    with open(results_path, "a", encoding="utf-8") as f:
        for item in tqdm(todo, desc=f"eval {dataset.name}", disable=not progress, file=sys.stderr):
            row = {**evaluate_one(assistant, item, dataset, k), "item": digests[item.id]}
            done[item.id] = row
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            f.flush()

    rows = [done[it.id] for it in dataset.items if it.id in done]
    summary = summarize([r["verdict"] for r in rows])
    kinds = sorted({r["type"] for r in rows})
    if len(kinds) > 1:  # e.g. HotpotQA's bridge / comparison: one failure mode can hide in the mean
        summary["by_type"] = {t: summarize([r["verdict"] for r in rows if r["type"] == t]) for t in kinds}
    summary.update(identity)
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    from eval.report import write_chart, write_report

    write_report(out_dir, summary, rows)
    write_chart(out_dir / "metrics.png", summary)
    return summary


def item_digest(item: EvalItem) -> str:
    """SHA-256 of what a question asks and what answers it (question, gold answers, evidence)."""
    import dataclasses
    import hashlib

    return hashlib.sha256(json.dumps(dataclasses.asdict(item), sort_keys=True, default=str).encode()).hexdigest()


def _finished(results_path: Path, digests: dict[str, str]) -> dict[str, dict]:
    """The rows a run wrote that still answer its questions, by id. A row whose question, gold
    answers or evidence changed since (`digests`: the current items') is dropped and asked again:
    resumed with an edited gold file, a run reported the old question's answer under the new one
    (correctness 1.000). A last line cut short (the run killed or the disk full while it was
    written) is dropped too: every later run into the folder ended in a JSONDecodeError. A damaged
    line before the last is an error naming it."""
    from rag.errors import RagError

    if not results_path.exists():
        return {}
    text = results_path.read_text(encoding="utf-8")
    lines = text.splitlines()
    kept: list[str] = []
    done = {}
    dropped = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            if n == len(lines) and not text.endswith("\n"):
                dropped = True
                break
            raise RagError(f"{results_path}: line {n} is not a result row; delete the folder to run again.") from None
        if row["id"] in digests and row.get("item") != digests[row["id"]]:
            dropped = True
            continue
        kept.append(line)
        done[row["id"]] = row
    if dropped:
        results_path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    return done


def _run_settings(assistant) -> dict[str, str]:
    """The settings that change answers (the API key never)."""
    s = assistant.settings
    return {
        key: str(v)
        for key, v in s.model_dump().items()
        if key
        in ("chunk_size", "chunk_overlap", "top_k", "candidates", "llm", "decide", "read_candidates", "second_hop")
        or (key.startswith(("llm_", "openai_")) and s.llm != "extractive" and key != "openai_api_key")
    }


class RunFolderError(RagError):
    """A run folder (--out) a run may not write into: the CLI prints it and exits 2."""


# What run.json holds (run() writes it first): how a folder is known for an earlier run of ours.
RUN_KEYS = ("dataset", "k", "commit", "settings")


def is_our_run(out_dir: Path) -> bool:
    """Whether out_dir holds the run.json a run writes (a JSON object of RUN_KEYS)."""
    try:
        before = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(before, dict) and all(key in before for key in RUN_KEYS) and isinstance(before["settings"], dict)


def check_out_folder(out_dir: Path, corpus_dir: Path) -> None:
    """RunFolderError, before anything is written, when out_dir is a file or a folder holding
    files that are no earlier run's: a run writes run.json, summary.json, report.md and
    metrics.png over whatever had those names (a user's own report.md and summary.json were
    replaced, exit 0). A new or empty folder, or an earlier run's to resume, is fine; but not
    inside the corpus folder, links resolved (as IndexLocation keeps the index out of it): the
    next run indexed report.md as a document (hit@1 1.0 -> 0.5)."""
    if out_dir.resolve().is_relative_to(corpus_dir.resolve()):
        raise RunFolderError(
            f"The run folder {out_dir} is inside the corpus folder {corpus_dir} (its report would be indexed "
            "as a document). Keep them apart: choose another run folder (--out)."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise RunFolderError(f"The run folder {out_dir} is a file, not a folder. Choose a folder for the run (--out).")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not is_our_run(out_dir):
        raise RunFolderError(
            f"The run folder {out_dir} is not empty and holds no earlier `rag eval` run (no run.json of ours). "
            "Nothing in it was changed. Choose a new or empty folder (--out), or an earlier run folder to resume."
        )


def _check_same_run(out_dir: Path, identity: dict) -> None:
    """RagError when out_dir holds results of another run (commit, settings, dataset or k)."""
    from rag.errors import RagError

    results = out_dir / "results.jsonl"
    if not results.exists() or not results.read_text(encoding="utf-8").strip():
        return
    try:
        before = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = None
    if before == identity:
        return
    if before is None:
        said = "results of a run that did not record its commit and settings"
    else:
        differ = ", ".join(
            f"{key} {before.get(key)!r} (now {identity[key]!r})" for key in identity if before.get(key) != identity[key]
        )
        said = f"results of another run: {differ}"
    raise RagError(
        f"{out_dir} holds {said}. Resuming would mix its answers with this run's under one commit: "
        "give another --out, or delete that folder."
    )


def evaluate_one(assistant, item: EvalItem, dataset: Dataset, k: int) -> dict:
    t0 = time.perf_counter()
    answer, retrieved = assistant.ask_with_passages(item.question, top_k=k)
    latency = time.perf_counter() - t0
    spans = [span_of(sp.passage) for sp in retrieved]
    verdict = score_question(
        answer,
        item.gold(),
        spans,
        item.evidence,
        k,
        dataset.match,
        latency_s=latency,
        retrieved_texts=[sp.passage.text for sp in retrieved],
    )
    return {
        "id": item.id,
        "question": item.question,
        "type": item.kind,
        "gold": item.answers,
        "answer": answer.text,
        "refused": answer.refused,
        # The back end's own confidence (None today for extractive); the verdict's "confidence"
        # is what the risk–coverage curve used (this, or the best cited passage's score).
        "confidence": answer.confidence,
        # The answerability model's inputs and probability (rag.answer.answerability), or None.
        "signals": answer.signals,
        "citations": [c.to_dict() for c in answer.citations],
        "timings": answer.timings,
        "notes": answer.notes,
        "model_reply": answer.model_reply,
        "retrieved": [list(s) for s in spans],
        "evidence": [list(e) for e in item.evidence],
        "verdict": verdict,
    }


def _git(*args: str) -> subprocess.CompletedProcess:
    here = Path(__file__).resolve().parent
    return subprocess.run(["git", *args], capture_output=True, text=True, timeout=5, cwd=here)


def _git_commit() -> str | None:
    """The commit the run measured, "+dirty" when tracked files had uncommitted changes."""
    try:
        head = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head.stdout.strip() + ("+dirty" if dirty else "") if head.returncode == 0 else None
