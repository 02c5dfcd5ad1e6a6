"""Extraction with a time limit: a file's parser may take as long as it likes, but not forever.

HTML, PDF, Word and notebook parsers (trafilatura, pypdf, python-docx, json) run in one worker
process that is killed, and replaced for the next file, when a file takes longer than `Settings.extract_timeout_s`; that file is then
skipped with a warning naming it, like any other unreadable file. Plain text is only decoded and
stays in this process.

The worker is a fresh interpreter running rag/ingest/extract_worker.py: started with exec, never
a fork of a process that holds ONNX Runtime's threads, and never importing the caller's
`__main__` (multiprocessing's spawn and forkserver do, and a user's script without a main guard
then hung, see extract_worker.py). It imports the parsers before it says it is ready, so the
first file's clock counts that file only, and it must be ready within `start_timeout_s`.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

from rag.errors import LoadError
from rag.ingest.extract_worker import BOOT, HEADER, MEMORY_LIMIT_VARIABLE, TIME_LIMIT_VARIABLE, frame
from rag.ingest.loaders import TEXT_SUFFIXES, LoadedDocument, load_document

# Starting the worker is an interpreter start and two imports (about a second here); a minute
# is for a machine that is very busy, not for a start that will never come.
START_TIMEOUT_S = 60.0
# The worker's address space: a parser's memory grows with the page, ~190 times an HTML file of
# one-line paragraphs (a 10 MB page peaked at 1.9 GB here, a 19 MB one, under max_file_mb, at
# 3.6 GB: an upload could make the machine swap). Past this, the file is skipped saying so.
MEMORY_LIMIT_BYTES = 4 << 30


class _Late(Exception):
    """The worker did not answer before the deadline."""


class _Gone(Exception):
    """The worker's process ended (its pipe closed) before it answered."""


def _stop(process: subprocess.Popen) -> None:
    """Kill and reap a worker; it keeps no state worth a gentler end. Also run at exit, or when
    a loader is dropped unclosed, so that no worker outlives the process that started it."""
    if process.poll() is None:
        process.kill()
    process.wait()
    for pipe in (process.stdin, process.stdout):
        with contextlib.suppress(OSError):
            pipe.close()


class _Worker:
    """One worker process and its two pipes: requests in, replies out."""

    def __init__(self, memory_limit: int, time_limit_s: float) -> None:
        # The caller's sys.path goes along, so the worker imports the same rag and parsers. The
        # worker sets its own memory limit (a preexec_fn is not safe beside the indexer's threads).
        path = [os.fspath(p) for p in sys.path]
        env = {**os.environ, MEMORY_LIMIT_VARIABLE: str(memory_limit), TIME_LIMIT_VARIABLE: str(time_limit_s)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", BOOT, *path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self._finalizer = weakref.finalize(self, _stop, self.process)
        self._replies = self.process.stdout.fileno()  # read with os.read only, never buffered
        self._selector = selectors.DefaultSelector()  # not select(): a server may hold >1024 fds
        self._selector.register(self._replies, selectors.EVENT_READ)

    def send(self, message: object) -> None:
        try:
            self.process.stdin.write(frame(message))
            self.process.stdin.flush()
        except (BrokenPipeError, ConnectionResetError):
            raise _Gone from None

    def hand(self, request: tuple[str, str, bytes, float], deadline: float) -> bool:
        """Send a file; False when the worker had ended before it took it (it says it has it)."""
        try:
            self.send(request)
            return self.receive(deadline) == ("reading", None)
        except _Gone:
            return False

    def receive(self, deadline: float) -> object:
        (size,) = HEADER.unpack(self._read(HEADER.size, deadline))
        return pickle.loads(self._read(size, deadline))  # safe: our own child's reply (see extract_worker.py)

    def _read(self, n: int, deadline: float) -> bytes:
        buffer = bytearray()
        while len(buffer) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not self._selector.select(left):
                raise _Late
            chunk = os.read(self._replies, n - len(buffer))
            if not chunk:
                raise _Gone
            buffer += chunk
        return bytes(buffer)

    def exit_status(self) -> int | None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.process.wait(1.0)  # its pipe closed: it is ending, if not already gone
        return None

    def stop(self) -> None:
        self._selector.close()
        self._finalizer()


class BoundedLoader:
    """load_document() with a deadline per file. timeout_s <= 0 loads in this process, unbounded.

    Safe to share between threads: files go to the worker one at a time."""

    def __init__(
        self,
        timeout_s: float,
        start_timeout_s: float = START_TIMEOUT_S,
        memory_limit: int = MEMORY_LIMIT_BYTES,
        max_text_mb: float = float("inf"),
    ):
        self.timeout_s = timeout_s
        # A text over Settings.max_file_mb million characters is refused in the worker, before it
        # is sent here: a 1.2 MB .docx of 400 million characters took this process to 787 MB only
        # to be refused once it had arrived (a helper of session 60).
        self.max_text_mb = max_text_mb
        self.start_timeout_s = start_timeout_s
        self.memory_limit = memory_limit
        self._worker: _Worker | None = None
        # Why the worker could not start, once it could not: a broken parser install or an
        # interpreter that cannot start in time fails every file alike, and each further try
        # could cost start_timeout_s more.
        self._failed: str | None = None
        self._lock = threading.RLock()

    def load(self, path: Path, source: str, data: bytes) -> LoadedDocument:
        if self.timeout_s <= 0 or path.suffix.lower() in TEXT_SUFFIXES:
            return load_document(path, source, data)
        with self._lock:
            status, value = self._extract(path, source, data)
        if status == "error":
            raise value  # the worker's own exception, message unchanged (a LoadError, mostly)
        return value

    def _extract(self, path: Path, source: str, data: bytes) -> tuple[str, object]:
        request = (str(path), source, data, self.max_text_mb)
        worker = self._ready(source)
        deadline = time.monotonic() + self.timeout_s
        try:
            if not worker.hand(request, deadline):
                # It had ended while idle (killed by the OOM killer, say) and never took this
                # file: a new worker reads it, on a new clock.
                self.close()
                worker = self._ready(source)
                deadline = time.monotonic() + self.timeout_s
                if not worker.hand(request, deadline):
                    raise _Gone
            return worker.receive(deadline)
        except _Late:
            self.close()  # the worker is still busy with the file: stop it
            raise LoadError(
                f"{source}: extracting its text took longer than {self.timeout_s:g} s, so it was "
                "skipped. Split the file, or allow more time with RAG_EXTRACT_TIMEOUT_S."
            ) from None
        except _Gone:
            status = worker.exit_status()
            self.close()
            raise LoadError(
                f"{source}: the text-extraction worker ended while reading it (exit status "
                f"{status}), so it was skipped; the next file gets a new worker. If this file "
                "always does this, remove it from the corpus folder or convert it to text."
            ) from None
        except BaseException:
            # Interrupted in the middle of an exchange (Ctrl-C in a notebook, say): the worker's
            # next reply would be this file's, given for the next one. A new worker reads that.
            self.close()
            raise

    def _ready(self, source: str) -> _Worker:
        """The warm worker, started first if there is none (or it ended while idle: killed)."""
        if self._failed is not None:
            raise LoadError(f"{source}: not read: {self._failed}")
        if self._worker is not None and self._worker.process.poll() is not None:
            self.close()
        if self._worker is None:
            try:
                self._worker = self._start()
            except OSError as e:  # no interpreter to start (sys.executable missing or not runnable)
                self._failed = self._why(f"could not be started ({e})")
                raise LoadError(f"{source}: not read: {self._failed}") from None
            except (_Late, _Gone) as e:
                self._failed = str(e)
                raise LoadError(f"{source}: not read: {self._failed}") from None
        return self._worker

    def _start(self) -> _Worker:
        worker = _Worker(self.memory_limit, self.timeout_s)
        try:
            reply = worker.receive(time.monotonic() + self.start_timeout_s)
        except _Late:
            worker.stop()
            raise _Late(self._why(f"was not ready within {self.start_timeout_s:g} s")) from None
        except _Gone:
            status = worker.exit_status()
            worker.stop()
            raise _Gone(self._why(f"ended before it was ready (exit status {status}; its error is above)")) from None
        except BaseException:  # interrupted: no worker half started
            worker.stop()
            raise
        assert reply == ("ready", None), reply
        return worker

    @staticmethod
    def _why(what: str) -> str:
        return (
            f"the text-extraction worker ({sys.executable}) {what}, so HTML, PDF, Word and notebook files "
            f"are skipped. Check that `{sys.executable} -c 'import trafilatura, pypdf, docx'` works and is "
            "quick, then run rag again."
        )

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None
