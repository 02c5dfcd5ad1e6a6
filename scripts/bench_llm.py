"""Speed and memory of the local LLM back end, per model: prints the numbers and writes a JSON file.

    .venv/bin/python scripts/bench_llm.py [--models smollm2-135m qwen2.5-coder-0.5b ...]
                                          [--questions 5] [--out .rag/bench-llm.json]

For each model (each in its own process, so peak memory is that model's alone):
- load: verifying the file's SHA-256, then loading it into llama.cpp (seconds each);
- prompt processing and generation tokens/s, from llama.cpp's own timings, over the real
  prompts of the first N gold-set questions (top-5 passages numbered, as the assistant sends them);
- time to first token and the whole reply, as the assistant's stream sees them;
- peak memory (max RSS) of the process: the assistant, its index and the model.

A benchmark, not a test: numbers on a shared 2-core machine vary; they are measured, not asserted.
Models that are not installed are skipped (RAG_SETUP_LLM=1 bash scripts/setup.sh installs them).
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


def bench_one(model: str, n_questions: int, threads: int) -> dict:
    from eval.datasets import gold_dataset
    from rag.answer.llm.local import load_server
    from rag.answer.llm.models import model_path
    from rag.answer.llm.prompts import build_messages, prompt_chars
    from rag.assistant import Assistant
    from rag.settings import Settings
    from rag.types import Delta

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            corpus_dir=REPO / "corpus",
            index_dir=Path(tmp) / "index",
            llm="local",
            llm_model=model,
            llm_threads=threads,
        )
        assistant = Assistant(settings=settings)
        s = assistant.settings
        t0 = time.perf_counter()
        path = model_path(model, s.llm_cache_dir, s.llm_model_path)
        t1 = time.perf_counter()
        server = load_server(str(path), s.llm_context, s.llm_threads)
        t2 = time.perf_counter()
        out = {
            "model": model,
            "file_mb": round(path.stat().st_size / 2**20, 1),
            "threads": s.llm_threads,
            "verify_s": round(t1 - t0, 2),
            "load_s": round(t2 - t1, 2),
        }
        questions = [it.question for it in gold_dataset().items if it.answerable][:n_questions]
        chars = prompt_chars(s)
        pp, gen, pn, gn = [], [], 0, 0
        for q in questions:
            passages = assistant.retrieve(q)
            msgs = build_messages(q, passages, chars)
            r = server.handle_chat_completions(
                {
                    "messages": [{"role": m.role.value, "content": m.content} for m in msgs],
                    "max_tokens": s.llm_max_tokens,
                    "temperature": 0.0,
                }
            )
            t = r["timings"]
            pp.append(t["prompt_per_second"])
            gen.append(t["predicted_per_second"])
            pn += t["prompt_n"]
            gn += t["predicted_n"]
        # The same questions through the assistant's stream: what a user waits for.
        firsts, totals = [], []
        for q in questions:
            ts = time.perf_counter()
            first = None
            for event in assistant.ask_stream(q):
                if isinstance(event, Delta) and first is None:
                    first = time.perf_counter() - ts
            totals.append(time.perf_counter() - ts)
            if first is not None:
                firsts.append(first)
        out.update(
            questions=len(questions),
            prompt_tokens_mean=round(pn / len(questions)),
            generated_tokens_mean=round(gn / len(questions)),
            prompt_tokens_per_s=round(statistics.median(pp), 1),
            generation_tokens_per_s=round(statistics.median(gen), 1),
            first_token_s_median=round(statistics.median(firsts), 2) if firsts else None,
            answer_s_median=round(statistics.median(totals), 2),
            peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        )
        return out


def main() -> None:
    from rag.answer.llm.models import MODELS

    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="*", default=list(MODELS))
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", default=str(REPO / ".rag" / "bench-llm.json"))
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child process: one model, JSON to stdout
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    if args.one:
        print(json.dumps(bench_one(args.one, args.questions, args.threads)))
        return

    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "models": [],
    }
    for model in args.models:
        cmd = [
            sys.executable,
            __file__,
            "--one",
            model,
            "--questions",
            str(args.questions),
            "--threads",
            str(args.threads),
        ]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            last = (p.stderr.strip().splitlines() or ["?"])[-1]
            print(f"{model}: skipped ({last})")
            results["models"].append({"model": model, "skipped": last})
            continue
        row = json.loads(p.stdout.strip().splitlines()[-1])
        results["models"].append(row)
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
