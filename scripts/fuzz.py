"""`make fuzz`: try to break ingestion and the index, and print what happened (a few minutes).

    .venv/bin/python scripts/fuzz.py [--pdfs 3000] [--htmls 500] [--seed 12]

Prints one table, `case | expected | observed`, and exits 1 when any observation is not the
expected one. Parts:
- loaders: seeded mutations of a small valid PDF, truncated HTML, and damaged Word, .csv, Excel,
  PowerPoint, e-mail, OpenDocument, EPUB, RTF and Outlook files (tests/ingest/fuzzing.py; CI runs 900 of them in
  tests/ingest/test_fuzz.py), plus two real-world PDF failures;
- index damage: a built index damaged in each known way (tests/index/test_recovery.py), then
  opened by an Assistant, which must rebuild it and answer;
- index location: folders that are not ours, nested with the corpus, a file, unwritable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

QUESTION = "How many additional Border Patrol agents would Biden's package fund?"
BLINKEN = "002_45397eb93afc9b26.txt"


def loader_rows(seed: int, pdfs: int, htmls: int, docxs: int, csvs: int, others: int) -> list[tuple[str, str, str]]:
    from rag.errors import LoadError
    from rag.ingest.loaders import load_document
    from tests.ingest.fuzzing import bomb_pdf, fuzz_loaders, tiny_pdf

    rows = []
    for name, data in (("flote.pdf", tiny_pdf(filter_name=b"/FloteDecode")), ("bomb.pdf", bomb_pdf())):
        try:
            load_document(Path(name), name, data)
            observed = "loaded"
        except LoadError as e:
            observed = f"LoadError ({str(e).split('(', 1)[-1].split(':', 1)[0]})"
        except BaseException as e:
            observed = f"ESCAPED {type(e).__name__}"
        rows.append((f"loader: {name}", "LoadError", observed))
    t0 = time.perf_counter()
    result = fuzz_loaders(
        seed=seed,
        pdfs=pdfs,
        htmls=htmls,
        docxs=docxs,
        csvs=csvs,
        xlsxs=others,
        pptxs=others,
        emls=others,
        odts=others,
        epubs=others,
        rtfs=others,
        msgs=others,
        pictures=others,
        docs=others,
        ppts=others,
    )
    seconds = time.perf_counter() - t0
    counts = ", ".join(f"{k} {v}" for k, v in sorted(result.outcomes.items()))
    rows.append(
        (
            f"loader: {pdfs} mutated PDFs + {htmls} cut HTML + {docxs} damaged .docx + {csvs} .csv"
            f" + {others} each of .xlsx, .pptx, .eml, .odt and .epub"
            f" (seed {seed}, {seconds:.1f} s)",
            "loaded or LoadError, nothing escapes",
            counts,
        )
    )
    for name, error in result.escaped[:10]:
        rows.append((f"  escaped: {name}", "-", error))
    return rows


def damage_rows(root: Path) -> list[tuple[str, str, str]]:
    from rag.assistant import Assistant
    from rag.index.location import MARKER
    from rag.index.store import forget
    from tests.index import test_recovery as rec

    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(REPO / "corpus" / BLINKEN, corpus / BLINKEN)
    good = root / "good-index"
    Assistant(corpus_dir=corpus, index_dir=good).index.store.close()

    rows = []
    damages = [
        rec._garbage_manifest,
        rec._old_format_manifest,
        rec._no_index_dir,
        rec._no_texts,
        rec._no_vectors,
        rec._garbage_chroma,
        rec._garbage_inside_chroma,
        rec._overwritten_text,
        rec._no_chroma,
        rec._empty_chroma,
    ]
    for n, damage in enumerate(damages):
        index = root / f"damaged-{n}"
        shutil.copytree(good, index)
        damage(index)
        try:
            a = Assistant(corpus_dir=corpus, index_dir=index)
            report = a.last_index_report
            # Rebuilt from scratch (added), or only the lost vectors embedded again (repaired).
            rebuilt = report is not None and report.added + report.repaired == [BLINKEN]
            answers = "1,300" in a.ask(QUESTION).text
            observed = f"{'rebuilt' if rebuilt else 'NOT rebuilt'}, {'answers' if answers else 'WRONG answer'}"
            a.index.store.close()
        except BaseException as e:
            observed = f"{type(e).__name__}: {str(e)[:80]}"
        forget(index / "chroma")
        rows.append((f"index: {damage.__name__.strip('_')}", "rebuilt, answers", observed))

    project = root / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "main.py").write_text("print('precious')\n")
    (project / "manifest.json").write_text("{damaged")
    (root / "afile").write_text("x")
    locations = [
        ("someone's folder with a manifest.json", project, corpus),
        ("index = corpus", corpus, corpus),
        ("index inside the corpus", corpus / ".rag", corpus),
        ("corpus inside the index", root, corpus),
        ("index is a file", root / "afile", corpus),
        ("index not writable (/sys)", Path("/sys/rag-fuzz-index"), corpus),
    ]
    for label, index, corp in locations:
        before = _tree(root)
        try:
            Assistant(corpus_dir=corp, index_dir=index)
            observed = "ACCEPTED"
        except BaseException as e:
            observed = type(e).__name__
        changed = sorted(set(_tree(root).items()) ^ set(before.items()))
        observed += ", untouched" if not changed else f", CHANGED {len(changed)} paths"
        rows.append((f"location: {label}", "IndexLocationError, untouched", observed))
    assert not (corpus / MARKER).exists()
    return rows


def cli_rows(root: Path) -> list[tuple[str, str, str]]:
    """`rag ask ... | head -c 1` gives no traceback."""
    corpus, index = root / "corpus", root / "good-index"
    cmd = [sys.executable, "-m", "rag.cli", "ask", QUESTION, "--corpus", str(corpus), "--index", str(index)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    p.stdout.close()
    err = p.stderr.read().decode()
    code = p.wait()
    observed = f"exit {code}, {'traceback' if 'Traceback' in err else 'no traceback'}"
    return [("cli: rag ask into a closed pipe", "exit 0, no traceback", observed)]


def _tree(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size if p.is_file() else -1 for p in folder.rglob("*") if ".rag-index" not in str(p)}


def ok(expected: str, observed: str) -> bool:
    if expected.startswith("loaded or LoadError"):
        return "ESCAPED" not in observed
    if expected == "-":
        return False
    return observed.startswith(expected) or observed == expected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--pdfs", type=int, default=3000)
    ap.add_argument("--htmls", type=int, default=500)
    ap.add_argument("--docxs", type=int, default=500)
    ap.add_argument("--csvs", type=int, default=500)
    ap.add_argument("--others", type=int, default=500, help="damaged .xlsx, .pptx, .eml, .odt and .epub files, each")
    args = ap.parse_args()
    import logging

    logging.basicConfig(level=logging.ERROR)
    rows = loader_rows(args.seed, args.pdfs, args.htmls, args.docxs, args.csvs, args.others)
    with tempfile.TemporaryDirectory(prefix="rag-fuzz-") as tmp:
        rows += damage_rows(Path(tmp))
        rows += cli_rows(Path(tmp))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
    print(f"\nrag fuzz, commit {commit.stdout.strip() or '?'}\n")
    print("| case | expected | observed | |")
    print("|---|---|---|---|")
    bad = 0
    for case, expected, observed in rows:
        good = ok(expected, observed)
        bad += not good
        print(f"| {case} | {expected} | {observed} | {'ok' if good else 'FAIL'} |")
    print(f"\n{len(rows) - bad} of {len(rows)} as expected.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
