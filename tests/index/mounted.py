"""Real `rag` processes against a tmpfs of our own: a user and mount namespace (`unshare -r -m`)
lets a test fill a disk or make it read-only without root. Shared by test_full_disk.py and
test_read_only_media.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Script lines start with this: a tmpfs of `size` at $DISK (exit 99: cannot mount here), and
# `rag` as the project's command line.
PREAMBLE = """
set -u
mount -t tmpfs -o size={size} tmpfs "$DISK" || exit 99
rag() {{ "$PY" -m rag.cli "$@"; }}
"""


def run_mounted(root: Path, size: str, script: str, **env: str) -> Path:
    """Run `script` (bash) after PREAMBLE in a new namespace, with a copy of corpus/ at $CORPUS,
    the mount at $DISK and an output folder at $OUT (returned), plus `env`. Skips the test where
    no user namespace can mount a tmpfs (no unshare, or one that is not allowed)."""
    if shutil.which("unshare") is None:
        pytest.skip("needs util-linux unshare (Linux)")
    corpus, disk, out = root / "corpus", root / "disk", root / "out"
    shutil.copytree(REPO / "corpus", corpus)
    disk.mkdir()
    out.mkdir()
    variables = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "PY": sys.executable,
        "CORPUS": str(corpus),
        "DISK": str(disk),
        "OUT": str(out),
        **env,
    }
    r = subprocess.run(
        ["unshare", "-r", "-m", "bash", "-c", PREAMBLE.format(size=size) + script],
        cwd=REPO,
        env=variables,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if r.returncode == 99 or "unshare failed" in r.stderr:
        pytest.skip(f"cannot mount a tmpfs in a user namespace here: {r.stderr.strip()[:200]}")
    return out
