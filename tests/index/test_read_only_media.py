"""An index on read-only media (a read-only mount, an image layer): `--read-only` answers from it;
without it, the error says to use it. A real read-only tmpfs in a user and mount namespace
(`unshare -r -m`), real `rag` processes."""

from __future__ import annotations

import json

import pytest

from tests.index.mounted import run_mounted

pytestmark = pytest.mark.integration

QUESTION = "How many migrants were in the caravan that Trump attacked Mexico over?"

SCRIPT = """
rag index --corpus "$CORPUS" --index "$DISK/index" > /dev/null 2> "$OUT/index.err"; echo $? > "$OUT/index.rc"
mount -o remount,ro "$DISK" || exit 99
rag ask --read-only --json --corpus "$CORPUS" --index "$DISK/index" "$QUESTION" > "$OUT/ro.json" 2> "$OUT/ro.err"; echo $? > "$OUT/ro.rc"
rag ask --corpus "$CORPUS" --index "$DISK/index" "$QUESTION" > /dev/null 2> "$OUT/rw.err"; echo $? > "$OUT/rw.rc"
"""


@pytest.fixture(scope="module")
def read_only_media(tmp_path_factory):
    out = run_mounted(tmp_path_factory.mktemp("ro-media"), "20m", SCRIPT, QUESTION=QUESTION)
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
