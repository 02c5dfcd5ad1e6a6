"""One writer at a time per index folder, across processes.

Two `rag index` runs started together on a new index (or `rag ask` while `rag index` runs, or a
`rag serve` upload beside `rag index`) each read the manifest, then wrote: the second one reset
the Chroma collection the first had just filled and died in a Chroma NotFoundError traceback,
and an upload saved a manifest that no longer named the files the other run had added. Now every
write to an index folder holds an exclusive lock (fcntl.flock, so a writer killed with -9
releases it with its process), and a writer that finds the index changed by another process
since it read it reads it again before it changes anything. Readers never take it.

The lock is taken on the folder's marker file (rag/index/location.py): it is there whenever the
folder may be written, a rebuild never deletes it, and it adds no file (a Chroma server's
replica keeps only its marker in the folder).

Writers on other machines against one Chroma server are not seen by a lock in a local folder:
there, one process indexes and the replicas answer read-only (README: Chroma server).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; one writer at a time stays the user's business there
    fcntl = None

from rag.index.location import MARKER

log = logging.getLogger(__name__)


class WriteLock:
    """The exclusive write lock of one index folder, re-entrant within its holder (an update
    that repairs and then saves its word indexes takes it once)."""

    def __init__(self, index_dir: Path):
        self._path = Path(index_dir) / MARKER
        self._thread_lock = threading.RLock()  # threads of one process (a server's uploads)
        self._depth = 0
        self._fd: int | None = None
        self._unlockable = False  # said once

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock, waiting for another process's writer to finish (said once). The
        holder then checks whether the index changed since it read it (it may have changed
        before the wait as well as during it)."""
        with self._holding(wait=True):
            yield

    @contextmanager
    def held_if_free(self) -> Iterator[bool]:
        """Hold the lock if no other process does; yields False (and holds nothing) when one
        does. For saving caches (the word indexes, the copy of the vectors) and for refusing a
        web upload at once: an answering process must not wait for a long index run."""
        with self._holding(wait=False) as got:
            yield got

    @contextmanager
    def _holding(self, wait: bool) -> Iterator[bool]:
        with self._thread_lock:
            if self._depth == 0 and not self._acquire(wait):
                yield False
                return
            self._depth += 1
            try:
                yield True
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def _acquire(self, wait: bool) -> bool:
        """Take it (waiting for another process to let go when `wait`); False when another
        process holds it and `wait` is False: nothing taken."""
        if fcntl is None:
            return True
        try:
            fd = os.open(self._path, os.O_RDONLY)  # claimed folders have it (IndexLocation.claim)
        except FileNotFoundError:
            if wait:  # writers claim the folder first
                raise
            return False  # the folder is gone: nothing to save a cache into
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    os.close(fd)
                    return False
                log.warning("Another process is updating the index in %s; waiting for it to finish.", self._path.parent)
                fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as e:
            # A filesystem without locks (some NFS mounts: ENOLCK, EOPNOTSUPP) must not stop the
            # index from being written at all: it goes on unlocked, as before the lock, and says so.
            os.close(fd)
            if not self._unlockable:
                log.warning(
                    "Cannot lock the index in %s (%s): do not run two writers on it at once.",
                    self._path.parent,
                    e.strerror,
                )
                self._unlockable = True
            return True
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def _release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.close(fd)  # closing its only descriptor releases the flock
