"""The worker process of rag/ingest/bounded.py: HTML, PDF and Word parsers, one file at a time.

It is started as its own interpreter (`python -c BOOT <sys.path of the caller>`, see
bounded.py), so it never imports the caller's `__main__`: multiprocessing's spawn and forkserver
start methods re-run the caller's script in the worker, and a script without an
`if __name__ == "__main__":` guard (the README's own example) built a second Assistant there,
which waited for the index lock its parent held while the parent waited for the worker.

Protocol, over the worker's stdin and stdout: frames of an 8-byte big-endian length and a pickle.
The worker sends ("ready", None) once its parsers are imported; then, for each request
(path, source, data, max_text_mb), ("reading", None) as soon as it has it, then
("ok", LoadedDocument) or ("error", exception) -- a LoadError when the text is over max_text_mb
million characters, so that a text too large never crosses. It ends at the end of its input (its
parent closed the pipe or died).

Pickle is safe here: both ends of these anonymous pipes are our own code, in a parent and the
child it started, and nothing else can write to them. A file's bytes cross as one bytes object
inside the frame; they are never unpickled themselves.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import struct
import sys
import threading
import time
from typing import BinaryIO

MEMORY_LIMIT_VARIABLE = "RAG_EXTRACT_MEMORY_LIMIT"  # bytes of address space, set by bounded.py
# The seconds each file may take, set by bounded.py: what a loader that knows its pace reads it
# by (rag/ingest/ocr.py: how many scanned pages fit).
TIME_LIMIT_VARIABLE = "RAG_EXTRACT_WORKER_TIME_LIMIT_S"
HEADER = struct.Struct(">Q")  # the length of the pickle that follows

# The worker's main, run by `python -c` after sys.path is set to its parent's (argv[1:]): the
# same modules as the caller's, from the same places, as multiprocessing's spawn would give it.
BOOT = "import sys; sys.path[:] = sys.argv[1:]; from rag.ingest.extract_worker import serve; serve()"


def frame(message: object) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(body)) + body


def _read(stream: BinaryIO, n: int) -> bytes | None:
    data = stream.read(n)
    return data if len(data) == n else None  # short: the parent is gone


def receive(stream: BinaryIO) -> object | None:
    """The next message, or None at the end of the input."""
    header = _read(stream, HEADER.size)
    if header is None:
        return None
    body = _read(stream, HEADER.unpack(header)[0])
    return None if body is None else pickle.loads(body)


def _reply(result: tuple[str, object]) -> bytes:
    try:
        return frame(result)
    except Exception as e:  # an exception that does not pickle: its type and message do
        from rag.errors import LoadError
        from rag.ingest.loaders import LoadedDocument

        status, value = result
        if isinstance(value, LoadedDocument):
            # A text too large to send back: a 3 MB .docx held 1 GB of text, its pickle did not
            # fit the worker's memory, and str() of the document failed the same way, so the file
            # was "skipped: the worker ended" (a helper of session 60). Its size says why.
            return frame(
                (
                    "error",
                    LoadError(
                        f"{value.source}: its text is {len(value.text) / 1e6:,.1f} million characters, too large "
                        f"to index ({type(e).__name__}); split the file"
                    ),
                )
            )
        return frame((status, LoadError(f"{type(value).__name__}: {str(value)[:200]} (unpicklable: {e})")))


def _exit_with(parent: int) -> None:
    """End this process when its parent is gone, even in the middle of a file: a parser busy on
    a pathological file would otherwise outlive a parent killed outright (SIGKILL, OOM), which
    had no chance to stop it. (At the end of a file, the closed pipe ends it anyway.)"""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def serve() -> None:
    # The protocol gets its own copies of the pipes. Standard output then goes to standard error,
    # so that a parser which prints cannot break a frame, and standard input reads nothing.
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    # Ctrl-C in a terminal reaches the whole process group: the parent decides what stops, and
    # stops this worker itself (a traceback from here would only say it was interrupted).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with(os.getppid())
    limit = int(os.environ.get(MEMORY_LIMIT_VARIABLE, "0"))
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    from pathlib import Path

    # Imported before "ready", so that the first file's time limit is spent on the file only.
    import docx  # noqa: F401
    import olefile  # noqa: F401
    import openpyxl  # noqa: F401
    import pptx  # noqa: F401
    import pypdf  # noqa: F401
    import striprtf.striprtf  # noqa: F401
    import trafilatura  # noqa: F401
    import xlrd  # noqa: F401

    from rag.errors import LoadError
    from rag.ingest.corpus import text_too_big
    from rag.ingest.loaders import load_document

    replies.write(frame(("ready", None)))
    replies.flush()
    while (request := receive(requests)) is not None:
        path, source, data, max_text_mb = request
        try:
            # Received whole: the parent now knows that an end from here on is this file's doing.
            replies.write(frame(("reading", None)))
            replies.flush()
        except BrokenPipeError:
            return
        try:
            doc = load_document(Path(path), source, data)
            if len(doc.text) > max_text_mb * 1e6:
                raise LoadError(text_too_big(source, len(doc.text), max_text_mb))
            result = ("ok", doc)
        except MemoryError:
            result = (
                "error",
                LoadError(
                    f"{source}: extracting its text needed more than {limit / 2**30:g} GB of memory, so it was skipped"
                ),
            )
        except Exception as e:  # raised in the caller as it is (a LoadError, most often)
            result = ("error", e)
        try:
            replies.write(_reply(result))
            replies.flush()
        except BrokenPipeError:  # the parent stopped waiting for this file: nothing to do
            return


if __name__ == "__main__":
    sys.exit("rag.ingest.extract_worker is started by rag.ingest.bounded.BoundedLoader, not by hand.")
