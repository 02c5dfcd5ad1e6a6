"""`rag` on the command line: index, ask, eval, serve. Thin: parse, call Assistant, print."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
import time

T_START = time.perf_counter()


def _settings(args):
    from rag.settings import Settings

    overrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = args.corpus
    if getattr(args, "index", None):
        overrides["index_dir"] = args.index
    if getattr(args, "top_k", None):
        overrides["top_k"] = args.top_k
    return Settings(**overrides)


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
    from rag.assistant import Assistant

    update, bar = _progress_bar()
    assistant = Assistant(settings=_settings(args), progress=update)
    report = assistant.last_index_report or assistant.update_index(update)
    bar.close()
    docs = assistant.documents()
    print(
        f"Indexed {len(docs)} documents, {sum(d['passages'] for d in docs)} passages in {report.seconds:.1f} s: "
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
        f"{report.passages_embedded} passages embedded."
    )
    for source, reason in report.skipped.items():
        print(f"  skipped: {reason}", file=sys.stderr)
    return 0


def cmd_ask(args) -> int:
    from rag.assistant import Assistant

    assistant = Assistant(settings=_settings(args))
    answer = assistant.ask(args.question)
    if args.json:
        out = answer.to_dict()
        out["timings"]["process_s"] = time.perf_counter() - T_START
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    label = "Closest passages" if answer.refused else "Sources"
    if answer.citations:
        print(f"\n{label}:")
    for n, c in enumerate(answer.citations, 1):
        print(f"[{n}] {c.source} {c.start}-{c.end} (score {c.score:.3f})")
        print(textwrap.indent(textwrap.fill(c.text, 96), "    "))
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = argparse.ArgumentParser(
        prog="rag", description="Cited answers from a folder of documents, offline."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build or update the index of the corpus folder")
    p.add_argument("--corpus", help="corpus folder (default: corpus, or RAG_CORPUS_DIR)")
    p.add_argument("--index", help="index folder (default: .rag/index, or RAG_INDEX_DIR)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="ask one question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the answer, citations and timings as JSON")
    p.add_argument("--corpus")
    p.add_argument("--index")
    p.add_argument("--top-k", type=int)
    p.set_defaults(func=cmd_ask)

    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    from rag.errors import RagError

    try:
        return args.func(args)
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
