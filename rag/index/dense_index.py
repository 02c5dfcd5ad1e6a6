"""Exact dense search over the passage vectors, with a copy of them saved beside the index.

Chroma holds the passage vectors, and its search is approximate (HNSW). For questions worded
unlike the corpus it misses many of the nearest passages: 200 SQuAD v1.1 *train* questions
against the 100,852-passage scale benchmark's index (Python and kernel docs, 48 Wikipedia
articles) found 46% of the exact top 20 at Chroma's default ef_search (100), 74% at 400 and 94%
at 1,500 (5.3 ms a query); the product of the question with every vector takes 7 ms there and
misses none. (Sentences of the haystack documents as queries: 94% at 100, 99% at 400.) So the
query path searches a copy of the vectors, exactly: <index>/dense/ holds them under the key of
the passages they belong to; a passage the copy lacks is read from the store by id, so a
one-file change reads that file's vectors alone. 4 bytes x 384 a passage: 154 MB at 100k.
"""

from __future__ import annotations

import functools
import logging
import mmap
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.index import saved_folder
from rag.index.embedder import DIM
from rag.index.store import VectorStore

log = logging.getLogger(__name__)

FORMAT = 1


def key_of(ids: list[str]) -> str:
    return saved_folder.key_of(f"dense format {FORMAT}", ids)


@dataclass(frozen=True)
class DenseIndex:
    """Invariant: row i of `vectors` (float32, L2-normalised) is the vector of passage ids[i]."""

    ids: list[str]
    vectors: np.ndarray

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the k nearest passages, nearest first: VectorStore.query's
        contract, searched exactly."""
        if not self.ids or k <= 0:
            return []
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(self.ids[i], float(sims[i])) for i in top]

    def similarities(self, vector: np.ndarray, ids: list[str]) -> list[float]:
        """The cosine similarity of each of these passages to the vector (ids it holds)."""
        rows = [self._rows[pid] for pid in ids]
        return (self.vectors[rows] @ np.asarray(vector, dtype=np.float32)).tolist() if rows else []

    @functools.cached_property
    def _rows(self) -> dict[str, int]:
        return {pid: i for i, pid in enumerate(self.ids)}

    @classmethod
    def of(
        cls,
        ids: list[str],
        store: VectorStore,
        previous: DenseIndex | None = None,
        out: np.ndarray | None = None,
        copy_rows: Callable[[int, int, int], None] | None = None,
    ) -> DenseIndex:
        """The vectors of these passages, in order: from `previous` for the passages it holds
        (a passage id names its file's content, so the same id is the same vector), read from
        the store for the others; written into `out` (len(ids) x DIM, float32) when given. ValueError
        when the store lacks some. `copy_rows(row, previous_row, n)`: how a run of n kept rows
        reaches `out` (by default a slice assignment)."""
        old = {pid: i for i, pid in enumerate(previous.ids)} if previous is not None else {}
        missing = [pid for pid in ids if pid not in old]
        fetched = store.vectors(missing) if missing else {}
        if len(fetched) != len(missing):
            raise ValueError(f"the vector store lacks {len(missing) - len(fetched)} passage vectors")
        if out is None:
            out = np.empty((len(ids), DIM), dtype=np.float32)
        if copy_rows is None:

            def copy_rows(row: int, src: int, n: int) -> None:
                out[row : row + n] = previous.vectors[src : src + n]

        # Copied in runs: a change keeps the other files' passages in order, so the kept rows are a
        # few long stretches of `previous`, each copied as one slice of its (memory-mapped) file.
        # Row by row (a fancy-indexed gather, then a scatter) one changed file at 100k passages
        # spent 0.55 s here (cProfile); in runs ~0.25 s, reading the mapped file included.
        run_start = run_src = -1
        for row, pid in enumerate([*ids, None]):
            src = old.get(pid, -1) if pid is not None else -1
            if run_start >= 0 and (src < 0 or src != run_src + (row - run_start)):
                copy_rows(run_start, run_src, row - run_start)
                run_start = -1
            if src >= 0 and run_start < 0:
                run_start, run_src = row, src
            if pid in fetched:
                out[row] = fetched[pid]
        return cls(list(ids), out)

    @classmethod
    def saved_of(cls, folder: Path, ids: list[str], store: VectorStore, previous: DenseIndex | None) -> DenseIndex:
        """of(), built straight into the file saved in `folder` (and mapped from it): one copy of
        the vectors instead of two (built in memory, then written), and no second 154 MB in
        memory at 100k passages. OSError when it cannot be saved, ValueError as of()."""
        with saved_folder.swapped_in(folder, key_of(ids)) as tmp:
            out = np.lib.format.open_memmap(tmp / "vectors.npy", mode="w+", dtype=np.float32, shape=(len(ids), DIM))
            with _file_copier(previous, out) as copy_rows:
                built = cls.of(ids, store, previous, out=out, copy_rows=copy_rows)
            out.flush()
            (tmp / "ids.txt").write_text("\n".join(ids), encoding="utf-8")
        return built

    @classmethod
    def load(cls, folder: Path, ids: list[str] | None = None) -> DenseIndex | None:
        """The saved copy: only when it belongs to exactly `ids` (in order) if given, else
        whatever passages it belongs to (to build the next one from). None when missing or
        damaged."""
        try:
            saved_ids = (folder / "ids.txt").read_text(encoding="utf-8").split("\n")
            saved_ids = [] if saved_ids == [""] else saved_ids
            if not saved_folder.saved_for(folder, key_of(saved_ids)) or (ids is not None and saved_ids != ids):
                return None
            vectors = saved_folder.load_array(folder / "vectors.npy", mmap=True)
            if vectors.dtype != np.float32 or vectors.ndim != 2 or len(vectors) != len(saved_ids):
                raise ValueError("the saved vectors do not match their passage ids")
            return cls(saved_ids, vectors)
        except (OSError, ValueError) as e:
            log.debug("No usable saved passage vectors in %s (%s)", folder, e)
            return None


@contextmanager
def _file_copier(previous: DenseIndex | None, out: np.memmap) -> Iterator[Callable[[int, int, int], None] | None]:
    """Kept rows copied from the previous copy's file to the new one by the kernel
    (os.copy_file_range), not through the two mappings: one changed file at 100,852 passages
    rewrote the 154 MB copy in 0.26-0.55 s that way, in 0.05-0.10 s by the kernel (ext4 here;
    a filesystem that shares blocks, such as XFS or btrfs, copies none). None (slices, as before)
    when the previous copy is not a whole mapped file; slices too from the first run the kernel
    refuses (another filesystem, an old kernel)."""
    old = previous.vectors if previous is not None else None
    # A whole mapping of its file (its base is the mmap itself, not a mapping it was sliced from):
    # row r then starts at offset + r * row in the file.
    if not (isinstance(old, np.memmap) and isinstance(old.base, mmap.mmap) and hasattr(os, "copy_file_range")):
        yield None
        return
    row = DIM * np.dtype(np.float32).itemsize
    kernel = True
    try:
        files = (open(old.filename, "rb"), open(out.filename, "r+b"))
    except OSError as e:  # the previous file renamed or removed since it was mapped
        log.debug("Copying the passage vectors through memory (%s)", e)
        yield None
        return
    with files[0] as fin, files[1] as fout:

        def copy_rows(to: int, frm: int, n: int) -> None:
            nonlocal kernel
            if kernel:
                try:
                    done = 0
                    while done < n * row:
                        k = os.copy_file_range(
                            fin.fileno(),
                            fout.fileno(),
                            n * row - done,
                            old.offset + frm * row + done,
                            out.offset + to * row + done,
                        )
                        if k <= 0:
                            raise OSError(f"copy_file_range copied nothing from {old.filename}")
                        done += k
                    return
                except OSError as e:
                    log.debug("Copying the passage vectors through memory (%s)", e)
                    kernel = False
            out[to : to + n] = old[frm : frm + n]

        yield copy_rows
