"""The SHA-256 of each corpus file, remembered by its stat, so that an unchanged file is not read.

Every start (`rag ask`, `rag serve`) and every `rag index` asks whether the corpus changed, and
answered it by reading and hashing every file: 81 MB took 0.21 s at the 100k benchmark, but a
folder of 2 GB of PDFs would add seconds to every question asked from the shell. A file whose
size, modification time, change time and inode are as recorded when it was last hashed has the
hash recorded then. The change time (ctime) is what makes this safe: any write to a file sets
it, and no tool can set it back (`cp -p`, `rsync -t` or `touch -r` restore the modification
time only), so a changed file is always read again. Anything unexpected (no cache, a damaged
one, another machine's inodes) only means reading the files, as before.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from rag.index.manifest import replacing

log = logging.getLogger(__name__)

CACHE_FILE = "hashes.json"
# What the recorded keys are (rag.ingest.corpus.file_sha256). 2: a file not read as plain text is
# keyed by its bytes and the way it is read; the keys of a cache written before (the bytes' alone)
# are not taken: each file is read once more.
KEYS = 2


def stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class HashCache:
    """source -> (stat key, SHA-256) of the files last hashed; saved beside the index when it has
    a folder of its own to write (a read-only or Chroma-server replica only reads it, or keeps
    it in memory)."""

    def __init__(self, path: Path | None, writable: bool):
        self._path = path
        self._writable = writable and path is not None
        self._known: dict[str, tuple[list[int], str]] = {}
        self._changed = False
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("keys") == KEYS:
                    self._known = {src: (list(v[0]), str(v[1])) for src, v in data["files"].items()}
            except FileNotFoundError:
                pass
            except (OSError, ValueError, TypeError, IndexError, AttributeError) as e:
                log.debug("ignoring the file hash cache %s: %s", path, e)

    def get(self, source: str, st: os.stat_result) -> str | None:
        """The recorded hash when the file's stat is the one recorded with it."""
        held = self._known.get(source)
        return held[1] if held is not None and held[0] == stat_key(st) else None

    def put(self, source: str, st: os.stat_result, sha256: str) -> None:
        """Record the hash of the bytes read after taking `st` (a write in between changes the
        ctime, so the next look reads the file again)."""
        entry = (stat_key(st), sha256)
        if self._known.get(source) != entry:
            self._known[source] = entry
            self._changed = True

    def keep_only(self, sources: set[str]) -> None:
        gone = set(self._known) - sources
        for source in gone:
            del self._known[source]
        self._changed |= bool(gone)

    def save(self) -> None:
        """Write what changed; a cache that cannot be written is only slower next time."""
        if not (self._changed and self._writable):
            return
        try:
            with replacing(self._path, self._path.with_name(f"{CACHE_FILE}.tmp{os.getpid()}")) as tmp:
                tmp.write_text(
                    json.dumps({"keys": KEYS, "files": self._known}, separators=(",", ":")), encoding="utf-8"
                )
            self._changed = False
        except OSError as e:
            log.debug("could not save the file hash cache %s: %s", self._path, e)
