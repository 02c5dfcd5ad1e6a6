"""Folders of derived search data saved beside the index (lexical/, dense/): each saved whole or
not at all, under a key naming the passages it was built from."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np


def key_of(kind: str, ids: list[str]) -> str:
    """Names the passages (and their order) a saved folder of `kind` was built from."""
    # The ids joined and hashed at once: the same bytes as one update per id (so the same key as
    # every save before) in 23 ms instead of 40 at 100k ids, and a one-file update at 100,852
    # passages computes about six keys.
    h = hashlib.sha256(f"{kind}\n".encode())
    if ids:
        h.update(("\n".join(ids) + "\n").encode("utf-8"))
    return h.hexdigest()


def load_array(path: Path, mmap: bool = False) -> np.ndarray:
    """One saved .npy array (memory-mapped with `mmap`). OSError when missing, ValueError when
    damaged: a 0-byte file, what a power loss leaves of a file whose data never reached the disk,
    raised numpy's EOFError, which no caller took for damage: a traceback at every question and
    no rebuild (a break-it helper's, session 59)."""
    try:
        return np.load(path, mmap_mode="r" if mmap else None)
    except (EOFError, zipfile.BadZipFile) as e:  # np.load reads a zip as an .npz
        raise ValueError(f"damaged {path.name} ({type(e).__name__}: {e})") from e


def saved_for(folder: Path, key: str) -> bool:
    """Whether `folder` holds a whole save under `key`."""
    try:
        return json.loads((folder / "key.json").read_text(encoding="utf-8")).get("key") == key
    except (OSError, ValueError, AttributeError):
        return False


@contextmanager
def swapped_in(folder: Path, key: str) -> Iterator[Path]:
    """Yields an empty folder to write into; on success it replaces `folder`. Written beside,
    then swapped in, with the key written last inside the new folder, so that a reader never
    takes half a save for a whole one."""
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
        (tmp / "key.json").write_text(json.dumps({"key": key}), encoding="utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = folder.with_name(f"{folder.name}.old{os.getpid()}")
    if folder.exists():
        os.replace(folder, old)
    os.replace(tmp, folder)
    shutil.rmtree(old, ignore_errors=True)
