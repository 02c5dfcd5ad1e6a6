"""`rag` on the command line: index, ask, eval, serve. Thin: parse, call Assistant, print."""

from __future__ import annotations

import argparse
import errno
import gc
import json
import logging
import multiprocessing
import os
import sys
import textwrap
import threading
import time

from rag.text.controls import printable
from rag.text.counts import counted

T_START = time.perf_counter()


def one_line(text: str) -> str:
    """A file name, or a message naming one, on one terminal line: printable(), with line breaks
    and tabs shown as \\n and \\t. A file named "a.txt\\n[2] b.txt 0-9" printed a source line
    that was none of ours."""
    return printable(text).replace("\n", "\\n").replace("\t", "\\t")


class _TerminalLog(logging.Formatter):
    """Log lines are one_line(): warnings name files, and a file's name may hold escape
    sequences (one named "bad\\x1b[2J.pdf" cleared the screen when it was skipped) or line
    breaks. Tracebacks (--verbose) keep their lines, without escapes."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return one_line(super().formatMessage(record))

    def formatException(self, ei) -> str:
        return printable(super().formatException(ei))


def _settings(args):
    from rag.settings import Settings

    overrides = {}
    # Given, even empty: `--corpus ""` silently meant the default folder (the Settings say why an
    # empty path is refused, as RAG_CORPUS_DIR= is).
    if getattr(args, "corpus", None) is not None:
        overrides["corpus_dir"] = args.corpus
    if getattr(args, "index", None) is not None:
        overrides["index_dir"] = args.index
    if getattr(args, "top_k", None) is not None:  # 0 is a value (refused), not "not given"
        overrides["top_k"] = args.top_k
    if getattr(args, "llm", None):
        overrides["llm"] = args.llm
    if getattr(args, "model", None):
        overrides["llm_model"] = args.model
    if getattr(args, "decide", None):
        overrides["decide"] = args.decide
    if getattr(args, "read_only", False):
        overrides["read_only"] = True
    return Settings.load(**overrides)


def _llm_args(p) -> None:
    from rag.settings import Settings  # the choices are the settings' own Literal values

    def choices(field: str) -> list[str]:
        return list(Settings.choices(field))

    p.add_argument("--llm", choices=choices("llm"), help="answer back end (default: RAG_LLM or extractive)")
    p.add_argument(
        "--model",
        choices=choices("llm_model"),
        help="the local back end's model (default: RAG_LLM_MODEL or qwen2.5-coder-0.5b)",
    )
    p.add_argument(
        "--decide",
        choices=choices("decide"),
        help="who picks the extractive answer: the evidence, the evidence checked by the reader, or the "
        "reader (default: RAG_DECIDE or checked; README: Reader)",
    )


def _read_only_arg(p) -> None:
    p.add_argument(
        "--read-only",
        action="store_true",
        help="answer from the index as it is, never index (replicas of one Chroma server; or RAG_READ_ONLY=1)",
    )


def _progress_bar():
    """A tqdm bar on stderr for long index runs; silent when stderr is not a terminal."""
    from tqdm import tqdm

    bar = tqdm(total=100, unit="%", disable=not sys.stderr.isatty(), leave=False)

    def update(fraction: float, message: str) -> None:
        bar.set_description(message[:60])
        bar.n = int(fraction * 100)
        bar.refresh()

    return update, bar


def cmd_index(args) -> int:
    # The index alone: no reader, no query path (loading those took most of a no-op run).
    from rag.index.embedder import Embedder
    from rag.index.opened import OpenIndex
    from rag.ingest.pictures import PICTURES_KEPT

    settings = _settings(args)
    update, bar = _progress_bar()
    index = OpenIndex(settings, Embedder.configured(settings))
    # The manifest it loaded lives as long as the command: frozen, the collections the run makes
    # skip it (one took 0.18 s of a one-file run at 100k passages). Unfrozen after, for callers
    # of main() that go on (tests); a server never freezes (frozen cycles would outlive reloads).
    gc.freeze()
    try:
        report = index.update(update)
        index.save_search()
    finally:
        gc.unfreeze()
    bar.close()
    docs = index.documents()
    print(
        f"Indexed {counted(len(docs), 'document')}, {counted(sum(d.passages for d in docs), 'passage')} "
        f"in {report.seconds:.1f} s: "
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{len(report.unchanged)} unchanged, {len(report.skipped) + len(report.passed_over)} skipped"
        + (f", {len(report.kept)} kept as before (unreadable now)" if report.kept else "")
        + "; "
        f"{counted(report.passages_embedded, 'passage')} embedded"
        + (f", {report.passages_reused} reused (their text was indexed already)." if report.passages_reused else ".")
    )
    # Each reason names its file. Those the run warned about as it read them are not named twice.
    for source, reason in report.skipped.items():
        if source not in report.warned:
            print(f"  skipped: {one_line(reason)}", file=sys.stderr)
    for source, reason in report.kept.items():
        if source not in report.warned:
            print(f"  kept as before: {one_line(reason)}", file=sys.stderr)
    if report.pictures_kept:
        print(f"  kept as before: {counted(len(report.pictures_kept), 'picture')} {PICTURES_KEPT}.", file=sys.stderr)
    return 0


def cmd_ask(args) -> int:
    from rag.assistant import Assistant

    # A missing or stale index is brought up to date first: with the bar `rag index` shows (it
    # was minutes of silence on a first question).
    update, bar = _progress_bar()
    assistant = Assistant(settings=_settings(args), progress=update)
    bar.close()
    answer = assistant.ask(args.question)
    if args.json:
        out = answer.to_dict()
        out["timings"]["process_s"] = time.perf_counter() - T_START
        # ASCII: a document's C1 controls (U+009B is a terminal's CSI) and bidirectional overrides
        # went out raw inside the strings; escaped, they reach the terminal as \u009b, and any
        # JSON reader gets the same text.
        print(json.dumps(out, ensure_ascii=True, indent=2))
        return 0
    print(printable(answer.text))
    for note in answer.notes:
        print(f"Note: {printable(note)}", file=sys.stderr)
    label = "Closest passages" if answer.refused else "Sources"
    if answer.citations:
        print(f"\n{label}:")
    for n, c in enumerate(answer.citations, 1):
        print(f"[{n}] {one_line(c.source)} {c.start}-{c.end} (score {c.score:.3f})")
        print(textwrap.indent(textwrap.fill(printable(c.text), 96), "    "))
    return 0


def cmd_serve(args) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from rag.assistant import Assistant
    from ui.app import launch

    settings = _settings(args)
    _check_port_free(args.host, args.port)  # before loading the index, which can take a while
    if not _loopback(args.host) and not os.environ.get("RAG_UI_AUTH") and not settings.read_only:
        # The page uploads files into the corpus folder and deletes them from it.
        print(
            f"WARNING: serving on {args.host} without a login: anyone who can reach this machine can add "
            "documents to the corpus folder and delete them from it. Set RAG_UI_AUTH=user:password, or "
            "serve with --read-only.",
            file=sys.stderr,
            flush=True,
        )
    update, bar = _progress_bar()
    assistant = Assistant(settings=settings, progress=update)
    bar.close()
    docs = assistant.documents()
    print(
        f"Index ready: {counted(len(docs), 'document')}, {counted(sum(d.passages for d in docs), 'passage')}.",
        flush=True,
    )
    launch(assistant, host=args.host, port=args.port)
    return 0


def _at_least(minimum: int, maximum: int | None = None):
    """An argparse type: a whole number >= minimum (and <= maximum); argparse names the option
    when it is not. `--port 70000` passed the port check and `--port -1` blamed --host."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is less than {minimum}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"{value} is more than {maximum}")
        return value

    return parse


def _path(text: str) -> str:
    """An argparse type for every path option: "~" expanded, as Settings expands RAG_INDEX_DIR
    and --index. The shell leaves it in "--out=~/x" and in quotes, and --out, --corpus and --gold
    took it literally: a folder named "~" was made in the current one (a trap for `rm -rf ~/…`)."""
    return os.path.expanduser(text)


def _setting_range(name: str) -> tuple[int, int | None]:
    """The least and greatest value of a whole-number setting, as its Field declares them: an
    option that overrides it is checked by the same bounds when it is parsed."""
    from rag.settings import Settings

    bounds = {
        key: getattr(m, key) for m in Settings.model_fields[name].metadata for key in ("ge", "le") if hasattr(m, key)
    }
    return bounds.get("ge", 0), bounds.get("le")


def _loopback(host: str) -> bool:
    """Whether `host` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to any interface
        return False


def _check_port_free(host: str, port: int) -> None:
    """A port in use was found only after the index had loaded (minutes for a new one), and the
    message named Gradio's variables rather than --port."""
    import socket

    from rag.errors import RagError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise RagError(f"Cannot listen on {host!r} ({e.strerror}): give --host an address of this machine.") from e
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(address)
        except OSError as e:
            if e.errno == errno.EADDRNOTAVAIL:  # it said "another program uses it"
                raise RagError(
                    f"Cannot listen on {host}:{port} ({e.strerror}): {host} is no address of this machine. "
                    "Give --host one of its addresses (0.0.0.0 for all of them)."
                ) from e
            raise RagError(
                f"Cannot listen on {host}:{port} ({e.strerror}): another program (another `rag serve`?) uses it. "
                "Choose another port with --port."
            ) from e


def cmd_eval(args) -> int:
    from pathlib import Path

    from rag.assistant import Assistant

    # eval/ sits beside rag/ (and is packaged with it); the path covers a checkout run as a script.
    repo = Path(__file__).resolve().parents[1]
    if str(repo) not in sys.path:
        sys.path.insert(0, str(repo))
    from eval import datasets, report, runner

    if args.out is not None and not args.out.strip():
        # An empty --out meant the default folder without a word (as --corpus "" did).
        print("error: --out is empty: give a run folder, or leave --out out for eval/runs/NAME-TIME.", file=sys.stderr)
        return 2
    if args.compare and not report.is_run_folder(Path(args.compare)):
        # Checked before the run: it failed only after the whole evaluation had run.
        print(
            f"error: --compare {one_line(args.compare)} is no run folder (it holds no readable summary.json "
            "and results.jsonl): give the folder an earlier `rag eval` printed (eval/runs/...).",
            file=sys.stderr,
        )
        return 2
    # --compare with a finished --out run: just compare the two folders; otherwise run, then compare.
    if (
        args.compare
        and not args.gold
        and not args.benchmark
        and args.out
        and (Path(args.out) / "summary.json").exists()
    ):
        print(report.compare(Path(args.compare), Path(args.out)))
        return 0
    try:
        dataset, index_dir = datasets.selected(
            args.benchmark,
            limit=args.limit,
            distractors=args.distractors,
            work=args.work,
            gold=args.gold,
            corpus=args.corpus,
            index=args.index,
        )
        base = _settings(argparse.Namespace(llm=args.llm, model=args.model, decide=args.decide))
        datasets.check_questions(dataset, base.max_question_chars)
    except (datasets.ChoiceError, datasets.GoldFileError) as e:
        print(f"error: {one_line(str(e))}", file=sys.stderr)
        return 2
    tag = "" if base.llm == "extractive" else f"-{base.llm_model if base.llm == 'local' else base.llm}"
    tag += "" if base.decide == type(base).model_fields["decide"].default else f"-{base.decide}"
    out = Path(args.out or f"eval/runs/{dataset.name}{tag}-{time.strftime('%Y%m%d-%H%M%S')}")
    runner.check_out_folder(out, dataset.corpus_dir)  # before the corpus is indexed, as the runner checks it again
    update, bar = _progress_bar()
    assistant = Assistant(
        corpus_dir=dataset.corpus_dir,
        index_dir=index_dir or base.index_dir.parent / "eval-index",
        settings=base,
        progress=update,
    )
    bar.close()
    summary = runner.run(assistant, dataset, out, k=args.k)
    print(report.table(summary))
    if summary.get("by_type"):
        print("\n" + report.type_table(summary))
    print(f"\nRun folder: {out} (results.jsonl, summary.json, report.md, metrics.png)")
    if args.compare:
        print()
        print(report.compare(Path(args.compare), out))
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = argparse.ArgumentParser(prog="rag", description="Cited answers from a folder of documents, offline.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build or update the index of the corpus folder")
    p.add_argument("--corpus", type=_path, help="corpus folder (default: corpus, or RAG_CORPUS_DIR)")
    p.add_argument("--index", type=_path, help="index folder (default: .rag/index, or RAG_INDEX_DIR)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="ask one question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the answer, citations and timings as JSON")
    p.add_argument("--corpus", type=_path)
    p.add_argument("--index", type=_path)
    p.add_argument("--top-k", type=int)
    _read_only_arg(p)
    _llm_args(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="the web chat: answers with sources, uploads (http://127.0.0.1:7860)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    p.add_argument("--port", type=_at_least(0, 65535), default=7860)
    p.add_argument("--corpus", type=_path)
    p.add_argument("--index", type=_path)
    _read_only_arg(p)
    _llm_args(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="score answers, citations and refusals against a gold set or the benchmark")
    p.add_argument("--gold", type=_path, help="gold set JSON Lines (default: eval/gold/corpus.jsonl over corpus/)")
    p.add_argument("--corpus", type=_path, help="corpus folder the gold set asks about (default: corpus/)")
    p.add_argument("--index", type=_path, help="index folder for the run (default: .rag/eval-index)")
    p.add_argument(
        "--benchmark",
        choices=["squad", "hotpotqa"],
        help="run a public benchmark instead: SQuAD∩XQuAD, or HotpotQA-100 (multi-hop, 994 pages)",
    )
    # At least 1: --limit 0 ran every question (0 read as "no limit"), --limit -5 none, writing a
    # run of empty results; -k 0 scored nothing.
    p.add_argument("--limit", type=_at_least(1), help="a fixed, evenly spread subset of N questions")
    p.add_argument(
        "--distractors",
        type=_at_least(0),
        metavar="N",
        help="hotpotqa: index only each question's gold pages and its N most similar other pages "
        "(the CI gate uses --limit 30 --distractors 8) instead of all 994",
    )
    p.add_argument(
        "--work",
        type=_path,
        help="benchmark: working folder for its corpus and index (default: .rag/bench, .rag/bench-hotpotqa)",
    )
    # In top_k's range: -k 51 indexed the corpus and wrote a run folder, then failed naming top_k.
    p.add_argument(
        "-k", type=_at_least(*_setting_range("top_k")), default=5, help="passages retrieved per question (hit@k)"
    )
    p.add_argument("--out", type=_path, help="run folder (default: eval/runs/NAME-TIME); an existing one is resumed")
    p.add_argument(
        "--compare", type=_path, metavar="OLD_RUN", help="show what got better and worse against an older run folder"
    )
    _llm_args(p)
    p.set_defaults(func=cmd_eval)

    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(_TerminalLog("%(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, handlers=[handler])
    from rag.errors import RagError

    try:
        return args.func(args)
    except RagError as e:
        return _failed(args, one_line(str(e)), type(e).__name__)
    except BrokenPipeError:
        # The reader went away (`rag ask ... | head`): not an error. Point stdout at devnull so
        # that Python's flush at exit does not raise again (the recipe in the signal docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as e:
        # A folder or file the system refuses (permissions, a file where a folder should be, a
        # full disk): say which and why; -v shows where it happened.
        if args.verbose:
            raise
        where = f": {e.filename}" if e.filename else ""
        todo = " (run with -v for details)"
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            todo = (
                ". Free some space, or put the index on another disk (--index or RAG_INDEX_DIR): what was "
                "indexed before is kept, and the next run goes on from there."
            )
        return _failed(args, f"{one_line(e.strerror or str(e))}{one_line(str(where))}{todo}", type(e).__name__)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _failed(args, message: str, kind: str) -> int:
    """Say why the command failed (exit 2). A `--json` caller also gets it on stdout as JSON, as
    it gets answers: a script parsing stdout found nothing there for an empty question."""
    print(f"error: {message}", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps({"error": message, "kind": kind}, ensure_ascii=False))
    return 2


def entry() -> int:
    """The `rag` command: main(), then the process ends. Python's last full garbage collection at
    exit visits every object the command loaded to free memory the system frees anyway: 0.5 s of
    a one-file `rag index` at 100,852 passages (4.7 -> 4.2 s). Frozen objects are not visited.
    main() itself, called in a process that goes on (tests), leaves the collector alone.

    Then, once every file is closed and nothing else runs (no thread but daemons such as tqdm's
    monitor, no multiprocessing child), the process ends without tearing the interpreter down object
    by object: that took another 0.3 s of the same run, after every write had finished. Otherwise it
    ends as usual. (The extraction worker, rag/ingest/extract_worker.py, is no multiprocessing
    child: it ends when its pipe closes with this process.)"""
    code = main()
    gc.freeze()
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if not others and not multiprocessing.active_children():
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(entry())
