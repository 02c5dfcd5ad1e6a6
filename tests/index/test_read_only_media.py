"""An index on read-only media (a read-only mount, an image layer): `--read-only` answers from it;
without it, the error says to use it. A real read-only tmpfs in a user and mount namespace
(`unshare -r -m`), real `rag` processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
QUESTION = "How many migrants were in the caravan that Trump attacked Mexico over?"

SCRIPT = """
set -u
mount -t tmpfs -o size=20m tmpfs "$DISK" || exit 99
rag() { "$PY" -m rag.cli "$@"; }
rag index --corpus "$CORPUS" --index "$DISK/index" > /dev/null 2> "$OUT/index.err"; echo $? > "$OUT/index.rc"
mount -o remount,ro "$DISK" || exit 99
rag ask --read-only --json --corpus "$CORPUS" --index "$DISK/index" "$QUESTION" > "$OUT/ro.json" 2> "$OUT/ro.err"; echo $? > "$OUT/ro.rc"
rag ask --corpus "$CORPUS" --index "$DISK/index" "$QUESTION" > /dev/null 2> "$OUT/rw.err"; echo $? > "$OUT/rw.rc"
"""


@pytest.fixture(scope="module")
def read_only_media(tmp_path_factory):
    if shutil.which("unshare") is None:
        pytest.skip("needs util-linux unshare (Linux)")
    root = tmp_path_factory.mktemp("ro-media")
    corpus, disk, out = root / "corpus", root / "disk", root / "out"
    shutil.copytree(REPO / "corpus", corpus)
    disk.mkdir()
    out.mkdir()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "PY": sys.executable,
        "CORPUS": str(corpus),
        "DISK": str(disk),
        "OUT": str(out),
        "QUESTION": QUESTION,
    }
    r = subprocess.run(
        ["unshare", "-r", "-m", "bash", "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    if r.returncode == 99 or "unshare failed" in r.stderr:
        pytest.skip(f"cannot mount a tmpfs in a user namespace here: {r.stderr.strip()[:200]}")
    assert (out / "index.rc").read_text().strip() == "0", (out / "index.err").read_text()
    return out


def test_a_read_only_replica_answers_from_read_only_media(read_only_media):
    """Chroma cannot open its SQLite database there ("attempt to write a readonly database"), and
    answering does not need it: the saved copy of the vectors is searched."""
    assert (read_only_media / "ro.rc").read_text().strip() == "0", (read_only_media / "ro.err").read_text()
    answer = json.loads((read_only_media / "ro.json").read_text())
    assert not answer["refused"] and "1,500" in answer["answer"]


def test_without_read_only_the_error_says_to_use_it(read_only_media):
    err = (read_only_media / "rw.err").read_text()
    assert (read_only_media / "rw.rc").read_text().strip() == "2"
    assert "Read-only file system" in err and "with --read-only (RAG_READ_ONLY=1)" in err
    assert "Traceback" not in err
