"""Extraction with a time limit: a file's parser may take as long as it likes, but not forever.

HTML and PDF parsers (trafilatura, pypdf) run in one worker process that is killed, and replaced
for the next file, when a file takes longer than `Settings.extract_timeout_s`; that file is then
skipped with a warning naming it, like any other unreadable file. Plain text is only decoded and
stays in this process. The worker starts from a fresh interpreter ("forkserver"), never a fork of
a process that holds ONNX Runtime's threads, and imports the parsers before its clock starts.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from rag.errors import LoadError
from rag.ingest.loaders import TEXT_SUFFIXES, LoadedDocument, load_document


def _warm_up() -> None:
    import pypdf  # noqa: F401
    import trafilatura  # noqa: F401


class BoundedLoader:
    """load_document() with a deadline per file. timeout_s <= 0 loads in this process, unbounded."""

    def __init__(self, timeout_s: float):
        self.timeout_s = timeout_s
        self._pool = None

    def load(self, path: Path, source: str, data: bytes) -> LoadedDocument:
        if self.timeout_s <= 0 or path.suffix.lower() in TEXT_SUFFIXES:
            return load_document(path, source, data)
        pending = self._worker().apply_async(load_document, (path, source, data))
        try:
            return pending.get(self.timeout_s)
        except multiprocessing.TimeoutError:
            self.close()  # the worker is still busy with the file: stop it
            raise LoadError(
                f"{source}: extracting its text took longer than {self.timeout_s:g} s, so it was "
                "skipped. Split the file, or allow more time with RAG_EXTRACT_TIMEOUT_S."
            ) from None

    def _worker(self):
        if self._pool is None:
            self._pool = multiprocessing.get_context("forkserver").Pool(1)
            self._pool.apply(_warm_up)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
