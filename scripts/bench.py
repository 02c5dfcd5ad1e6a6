"""Speed and memory of the offline assistant: prints the numbers and writes them to a JSON file.

    .venv/bin/python scripts/bench.py [--out .rag/bench.json] [--runs 3]

- indexing time of corpus/ into a fresh index (ONNX model already exported);
- cold start of `rag ask`: process start to printed answer, index already built (median of runs);
- warm `ask` latency p50/p95 over 50 gold-set questions in one process;
- peak memory (max RSS) of the cold `rag ask` process and of the benchmark process.

A benchmark, not a test: numbers on a shared 2-core machine vary; they are measured, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(REPO / ".rag" / "bench.json"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from eval.datasets import gold_dataset
    from rag.assistant import Assistant
    from rag.index.embedder import Embedder

    Embedder()  # the one-time ONNX export is setup, not indexing: do it before timing
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        t0 = time.perf_counter()
        assistant = Assistant(corpus_dir=REPO / "corpus", index_dir=index_dir)
        results["index_s"] = round(time.perf_counter() - t0, 2)
        results["passages"] = len(assistant.passages)

        questions = [it.question for it in gold_dataset().items][:50]
        assistant.ask(questions[0])  # first call warms caches; the target is steady state
        lat = []
        for q in questions:
            t = time.perf_counter()
            assistant.ask(q)
            lat.append(time.perf_counter() - t)
        lat.sort()
        results["warm_ask_p50_ms"] = round(1000 * lat[len(lat) // 2], 1)
        results["warm_ask_p95_ms"] = round(1000 * lat[int(0.95 * (len(lat) - 1))], 1)
        results["warm_questions"] = len(lat)

        cold = []
        cmd = [
            str(REPO / ".venv" / "bin" / "rag"),
            "ask",
            "How many additional Border Patrol agents would Biden's package fund?",
            "--corpus",
            str(REPO / "corpus"),
            "--index",
            str(index_dir),
        ]
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            cold.append(time.perf_counter() - t)
        results["cold_ask_s"] = round(statistics.median(cold), 2)
        results["cold_ask_runs_s"] = [round(c, 2) for c in cold]
        results["cold_ask_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    results["bench_process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    for k, v in results.items():
        print(f"{k:28s} {v}")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
