"""Indexing and asking at scale: real documents as a haystack, the 48 SQuAD articles as needles.

    .venv/bin/python scripts/bench_scale.py [--sizes 10000 100000] [--work .rag/bench-scale]

For each size (in passages), builds a corpus of real documents — Debian's Python 3.11 HTML
documentation (`apt-get install python3.11-doc`) and, when installed, the Linux kernel's
(`linux-doc-6.1`) — plus the 48 SQuAD∩XQuAD articles, then reports:

- fresh `rag index` (a separate process): passages/s end to end, sentence vectors included;
- a raw encode of the same passage texts by sentence-transformers (the same MiniLM, fp32) in
  this process, and the ratio of the two throughputs (both measured in the same run, so the
  load of the machine weighs on both; CPU seconds are printed too, they are less sensitive to
  other jobs);
- no-op `rag index` and a one-file change (process start to exit), each run `--repeats` times
  (the median, and every run);
- start-up: process start to `Assistant(...)` ready on the up-to-date index;
- warm `ask` p50/p95, SQuAD hit@1/hit@5 among the distractors (a passage counts when it
  overlaps the gold paragraph) with the fusion the settings choose at this size and, untimed,
  with the other one (`fusion`: "rrf" or "convex"; the default "auto" is convex from 5,000
  passages), peak RSS of each process, index size on disk.

Writes .rag/bench-scale.json and prints a table. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

HAYSTACKS = [Path("/usr/share/doc/python3.11/html"), Path("/usr/share/doc/linux-doc-6.1")]
SUFFIXES = {".html", ".txt", ".rst"}


def child(cmd: list[str], env: dict) -> dict:
    """Run one child and measure it: wall time, its own CPU time (os.wait4), and its peak RSS.

    The peak is the child's VmHWM, read from /proc while it runs (the high-water mark of the
    program it exec'd). Not ru_maxrss: that counts the pages the child shared with this process
    between fork and exec, so every child of a benchmark that had loaded 1 GB reported ~1 GB
    (start-up at 10k showed 1,104 MB; the same start-up alone peaks at 404 MB). Sampled every
    50 ms, which every child measured here outlives."""
    import threading

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()))
    reader.start()
    peak_kb = 0
    status_file = Path(f"/proc/{proc.pid}/status")
    while True:
        try:  # os.waitid with WNOWAIT leaves the child to reap below, with its rusage
            if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                break
        except ChildProcessError:
            break
        try:
            for line in status_file.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kb = max(peak_kb, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    _, status, usage = os.wait4(proc.pid, 0)
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "stdout": b"".join(chunks).decode("utf-8", "replace"),
    }


def haystack_files() -> list[Path]:
    files = []
    for root in HAYSTACKS:
        if root.is_dir():
            files += sorted(
                p for p in root.rglob("*") if p.is_file() and p.suffix in SUFFIXES and "_sources" not in p.parts
            )
    if not files:
        raise SystemExit("No haystack documents: run `apt-get install python3.11-doc` (and linux-doc-6.1 for 100k).")
    return files


def build_corpus(corpus: Path, target: int, settings) -> int:
    """The SQuAD needles plus haystack files until about `target` passages; returns the estimate."""
    from eval.datasets import squad_dataset
    from rag.errors import LoadError
    from rag.index.embedder import Embedder
    from rag.index.indexer import Indexer

    squad = squad_dataset(corpus.parent)  # writes the 48 articles into corpus/
    assert squad.corpus_dir == corpus
    cache_path = corpus.parent.parent / "passage-counts.json"
    counts = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    # Count passages by cutting each file as the indexer will (no embedding): the sizes are
    # then real passage counts, not guesses from file sizes.
    from rag.ingest.bounded import BoundedLoader

    # BoundedLoader(0): extraction in this process, no time limit (only counting here).
    indexer = Indexer(settings, Embedder(threads=settings.embed_threads), store=None, loader=BoundedLoader(0))  # type: ignore[arg-type]
    total = 0
    for p in sorted(corpus.glob("*.txt")):
        total += _count(indexer, p, p.name, counts)
    for i, src in enumerate(haystack_files()):
        if total >= target:
            break
        dest = corpus / "haystack" / f"{i:05d}_{src.name}"
        try:
            n = _count(indexer, src, str(src), counts)
        except LoadError:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.copyfile(src, dest)
        total += n
    cache_path.write_text(json.dumps(counts))
    return total


def _count(indexer, path: Path, key: str, counts: dict) -> int:
    from rag.errors import LoadError

    if key not in counts:
        data = path.read_bytes()
        try:
            counts[key] = len(indexer._prepare(indexer._load(path, path.name, data), "", None).passages)
        except LoadError:
            counts[key] = 0
    if counts[key] == 0:
        raise LoadError(f"{key}: nothing to index")
    return counts[key]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))]


@functools.cache
def _sentence_transformer(threads: int):
    """The packaged MiniLM in sentence-transformers, loaded once for every size."""
    import torch
    from sentence_transformers import SentenceTransformer

    from rag.index.embedder import model_dir

    torch.set_num_threads(threads)
    return SentenceTransformer(str(model_dir()), device="cpu")


def raw_encode(texts: list[str], threads: int) -> tuple[float, float]:
    """(wall, CPU seconds) of sentence-transformers encoding `texts` with the packaged MiniLM,
    fp32 on the CPU, after a warm-up batch (its import and model load are not timed)."""
    model = _sentence_transformer(threads)
    model.encode(texts[:64], batch_size=32)
    c0, t0 = time.process_time(), time.perf_counter()
    model.encode(texts, batch_size=32, normalize_embeddings=True)
    return time.perf_counter() - t0, time.process_time() - c0


def bench_size(target: int, work: Path, questions: int, env: dict, raw_sample: int, repeats: int) -> dict:
    from rag.settings import Settings

    root = work / f"{target}"
    corpus, index = root / "corpus", root / "index"
    settings = Settings(corpus_dir=corpus, index_dir=index)  # RAG_* variables apply, as in the child processes
    shutil.rmtree(index, ignore_errors=True)
    estimate = build_corpus(corpus, target, settings)
    py = sys.executable
    res: dict = {
        "target_passages": target,
        "files": sum(1 for p in corpus.rglob("*") if p.is_file()),
        "embed_precision": settings.embed_precision,
        "embed_weights": settings.embed_weights,
        "sentence_vectors": settings.sentence_vectors,
    }

    load = os.getloadavg()[0]
    fresh = child([py, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index", str(index)], env)
    res["load_avg_1min_at_index"] = round(load, 1)

    from rag.index.documents import embedding_text
    from rag.index.files import FolderFiles, load_passages
    from rag.index.manifest import Manifest

    manifest = Manifest.load(index)
    passages, _ = load_passages(FolderFiles(index), manifest)
    n = len(passages)
    res["passages"] = n
    res["passages_estimated"] = estimate
    res["sentences"] = sum(len(d.sentences) for d in manifest.documents.values())
    res["index_fresh_s"] = fresh["wall_s"]
    res["index_fresh_cpu_s"] = fresh["cpu_s"]
    res["index_passages_per_s"] = round(n / fresh["wall_s"], 1)
    res["index_peak_rss_mb"] = fresh["peak_rss_mb"]

    # The raw encoder: the same MiniLM in fp32 through sentence-transformers' own `encode`
    # (batches of 32), as the issue measured it, on every passage or on an even sample of them
    # (every k-th, so lengths are represented) when there are more than `raw_sample`; its
    # throughput is per passage either way. Until 4472ff4 it was our own embedder on ONNX
    # Runtime, which then gained what the indexer gained (texts batched by word pieces) and
    # stopped being a fixed reference.
    step = max(1, -(-n // raw_sample))
    texts = [embedding_text(p.title, p.text) for p in passages[::step]]
    raw_s, raw_cpu = raw_encode(texts, settings.embed_threads)
    res["raw_encode_passages"] = len(texts)
    res["raw_encode_s"] = round(raw_s, 1)
    res["raw_encode_cpu_s"] = round(raw_cpu, 1)
    res["raw_passages_per_s"] = round(len(texts) / raw_s, 1)
    res["ratio_to_raw_encode"] = round(res["index_passages_per_s"] / res["raw_passages_per_s"], 2)
    # CPU seconds per passage, raw over ours: less sensitive to other jobs than wall time.
    res["ratio_to_raw_encode_cpu"] = round((raw_cpu / len(texts)) / (fresh["cpu_s"] / n), 2)

    # Each incremental run several times: on this 2-core machine one changed file at 100k took
    # 2.5-4.9 s in one day with the same code, and the first change after the fresh index was the
    # slowest of five in both 100k runs (3.20 and 2.75 s).
    index_cmd = [py, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index", str(index)]
    noop = [child(index_cmd, env)["wall_s"] for _ in range(repeats)]
    res["noop_index_s"] = percentile(noop, 0.5)
    res["noop_index_runs_s"] = noop
    needle = sorted(corpus.glob("*.txt"))[0]
    original = needle.read_bytes()
    one = []
    for _ in range(repeats):
        needle.write_bytes(original + b"\n\nOne more line for the incremental benchmark.\n")
        try:
            one.append(child(index_cmd, env)["wall_s"])
        finally:
            needle.write_bytes(original)
        child(index_cmd, env)  # restore
    res["one_file_index_s"] = percentile(one, 0.5)
    res["one_file_index_runs_s"] = one

    ready = (
        "import time, sys; t0 = time.perf_counter(); from rag.assistant import Assistant; "
        f"a = Assistant(corpus_dir={str(corpus)!r}, index_dir={str(index)!r}); "
        "assert a.last_index_report is None, 'the index was not up to date'; "
        "print(time.perf_counter() - t0)"
    )
    start = child([py, "-c", ready], env)
    res["startup_s"] = start["wall_s"]  # process start to Assistant ready, imports included
    res["startup_peak_rss_mb"] = start["peak_rss_mb"]
    res["index_size_mb"] = round(sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) / 1e6, 1)
    res.update(squad_scores(corpus, index, questions))
    return res


def squad_scores(corpus: Path, index: Path, limit: int) -> dict:
    from eval.datasets import squad_dataset
    from rag.assistant import Assistant

    dataset = squad_dataset(corpus.parent, limit=limit)
    assistant = Assistant(corpus_dir=corpus, index_dir=index)
    items = dataset.items
    assistant.ask(items[0].question)
    out: dict = {"squad_questions": len(items)}
    # The fusion the settings choose at this size (timed), then the other one (its hits only).
    fusion = assistant.path.retriever.fusion
    for name in (fusion, *(f for f in ("rrf", "convex") if f != fusion)):
        asked = assistant if name == fusion else assistant.with_settings(fusion=name)
        hit1 = hit5 = 0
        latency = []
        for it in items:
            t0 = time.perf_counter()
            _, ranked = asked.ask_with_passages(it.question, top_k=5)
            latency.append(time.perf_counter() - t0)
            ok = [
                any(dataset.match((sp.passage.source, sp.passage.start, sp.passage.end), ev) for ev in it.evidence)
                for sp in ranked[:5]
            ]
            hit1 += bool(ok[:1] and ok[0])
            hit5 += any(ok)
        suffix = "" if name == fusion else f"_{name}"
        out[f"squad_hit@1{suffix}"] = round(hit1 / len(items), 3)
        out[f"squad_hit@5{suffix}"] = round(hit5 / len(items), 3)
        if name == fusion:
            out["fusion"] = fusion
            out["warm_ask_p50_ms"] = round(1000 * percentile(latency, 0.5), 1)
            out["warm_ask_p95_ms"] = round(1000 * percentile(latency, 0.95), 1)
    return out


def _other_fusion(r: dict) -> str:
    other = next((k.removeprefix("squad_hit@5_") for k in r if k.startswith("squad_hit@5_")), None)
    if other is None:  # a run from before the convex fusion
        return "–"
    return f"{r[f'squad_hit@1_{other}']} / {r[f'squad_hit@5_{other}']} ({other})"


ROWS = [
    ("files", "files"),
    ("passages (sentences)", lambda r: f"{r['passages']:,} ({r['sentences']:,})"),
    ("fresh index", lambda r: f"{r['index_fresh_s']:.0f} s, {r['index_passages_per_s']} passages/s"),
    (
        "raw fp32 encode, same passages",
        lambda r: f"{r['raw_passages_per_s']} passages/s ({r.get('raw_encode_passages', r['passages']):,} timed)",
    ),
    ("ratio to raw encode (wall / CPU)", lambda r: f"{r['ratio_to_raw_encode']} / {r['ratio_to_raw_encode_cpu']}"),
    ("load average at index", "load_avg_1min_at_index"),
    ("no-op rag index (median; runs)", lambda r: f"{r['noop_index_s']} s; {_runs(r, 'noop_index_runs_s')}"),
    ("one changed file (median; runs)", lambda r: f"{r['one_file_index_s']} s; {_runs(r, 'one_file_index_runs_s')}"),
    ("start-up (Assistant ready)", lambda r: f"{r['startup_s']} s"),
    ("warm ask p50 / p95", lambda r: f"{r['warm_ask_p50_ms']} / {r['warm_ask_p95_ms']} ms"),
    ("peak RSS index / start-up", lambda r: f"{r['index_peak_rss_mb']:.0f} / {r['startup_peak_rss_mb']:.0f} MB"),
    ("index size on disk", lambda r: f"{r['index_size_mb']} MB"),
    (
        "SQuAD hit@1 / hit@5",
        lambda r: f"{r['squad_hit@1']} / {r['squad_hit@5']} ({r['squad_questions']} q, {r.get('fusion', 'rrf')})",
    ),
    ("SQuAD hit@1 / hit@5, the other fusion", _other_fusion),
]


def _runs(r: dict, key: str) -> str:
    return ", ".join(f"{s:.2f}" for s in r.get(key, []))


def table(results: list[dict]) -> str:
    lines = ["| | " + " | ".join(f"{r['target_passages']:,} passages" for r in results) + " |"]
    lines.append("|---|" + "---|" * len(results))
    for name, get in ROWS:
        cells = [str(get(r) if callable(get) else r[get]) for r in results]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--work", default=str(REPO / ".rag" / "bench-scale"))
    parser.add_argument("--out", default=str(REPO / ".rag" / "bench-scale.json"))
    parser.add_argument("--questions", type=int, default=200, help="SQuAD questions per size (of 1,190)")
    parser.add_argument(
        "--raw-sample", type=int, default=10_000, help="passages the raw encoder is timed on (an even sample)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs of each incremental `rag index` (median reported)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    results = []
    for size in args.sizes:
        results.append(bench_size(size, Path(args.work), args.questions, env, args.raw_sample, args.repeats))
        print(json.dumps(results[-1]), flush=True)
    payload = {
        "commit": commit,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "sizes": results,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=2))
    print(table(results))
    print(f"commit {commit}; written to {out}")


if __name__ == "__main__":
    main()
