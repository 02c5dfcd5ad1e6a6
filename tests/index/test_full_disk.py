"""A full disk while indexing: one clear error line, no half-written files, and the index as it
was before the run still answers. A real full disk: a 1.5 MB tmpfs mounted in a user and mount
namespace (`unshare -r -m`, no root needed), real `rag` processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.index.mounted import run_mounted

pytestmark = pytest.mark.integration

QUESTION = "How many migrants were in the caravan that Trump attacked Mexico over?"

SCRIPT = """
rag index --corpus "$CORPUS" --index "$DISK/index" > "$OUT/first.out" 2> "$OUT/first.err"; echo $? > "$OUT/first.rc"
cp "$LEDGER" "$CORPUS/ledger.txt"
rag index --corpus "$CORPUS" --index "$DISK/index" > "$OUT/full.out" 2> "$OUT/full.err"; echo $? > "$OUT/full.rc"
rag ask --read-only --json --corpus "$CORPUS" --index "$DISK/index" "$QUESTION" > "$OUT/ask.json" 2> "$OUT/ask.err"
cp "$DISK/index/manifest.json" "$OUT/manifest.json"
(cd "$DISK/index" && find . -type f) > "$OUT/files.txt"
"""


@pytest.fixture(scope="module")
def full_disk(tmp_path_factory):
    root = tmp_path_factory.mktemp("full-disk")
    ledger = root / "ledger.txt"
    ledger.write_text(
        "".join(
            f"Entry {n} of the harbour ledger records {n * 7 % 90 + 3} crates of tin for the port of Vale {n}.\n\n"
            for n in range(700)
        )
    )
    return run_mounted(root, "1500k", SCRIPT, LEDGER=str(ledger), QUESTION=QUESTION)


def test_the_first_index_fits(full_disk):
    assert (full_disk / "first.rc").read_text().strip() == "0", (full_disk / "first.err").read_text()


def test_a_full_disk_is_one_error_line_saying_what_to_do(full_disk):
    err = (full_disk / "full.err").read_text()
    assert (full_disk / "full.rc").read_text().strip() == "2"
    assert "No space left on device" in err
    assert "Free some space, or put the index on another disk" in err
    assert "Traceback" not in err


def test_no_half_written_file_is_left_and_the_old_index_answers(full_disk):
    files = (full_disk / "files.txt").read_text().split()
    assert not [f for f in files if ".tmp" in f], files
    manifest = json.loads((full_disk / "manifest.json").read_text())
    assert len(manifest["documents"]) == 3 and "ledger.txt" not in manifest["documents"]
    # The failed batch's text and vectors are gone too: they would take the space the next run needs.
    kept = {d["sha256"] for d in manifest["documents"].values()}
    written = {Path(f).stem for f in files if f.startswith(("./texts/", "./vectors/"))}
    assert written == kept
    answer = json.loads((full_disk / "ask.json").read_text())
    assert not answer["refused"] and "1,500" in answer["answer"], (full_disk / "ask.err").read_text()
