"""Accepting a user's file into the corpus folder: a safe name, an allowed type, a size limit.

The file is written beside its final name and renamed into place only once complete, so a
failed upload leaves the corpus as it was, and an upload never overwrites an existing document.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

from rag.errors import LoadError
from rag.ingest.corpus import too_big
from rag.ingest.loaders import supported_suffixes
from rag.ingest.pictures import PICTURE_SUFFIXES, PICTURES_OFF


def safe_name(filename: str) -> str:
    """A plain file name: no folders, no traversal, no control or shell-special characters."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKC", base)
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .")
    base = re.sub(r"\s+", " ", base)
    if not base or base.startswith("."):
        raise LoadError(f"{filename!r} is not a usable file name")
    return _shorten(base, MAX_NAME_BYTES)


MAX_NAME_BYTES = 120  # well under the 255 bytes file systems allow, in UTF-8


def _shorten(name: str, limit: int) -> str:
    """Cut a long name's stem, never its suffix: the suffix says what the file is."""
    if len(name.encode()) <= limit:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) > 10:  # no real suffix: cut the end
        stem, suffix = name, ""
    tail = f".{suffix}" if suffix else ""
    room = limit - len(tail.encode())
    cut = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip(" .")
    return cut + tail


def _accepted_name(filename: str, pictures: bool) -> str:
    """The safe name of a file of a type we read (pictures among them when `pictures`), or
    LoadError."""
    name = safe_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in (accepted := supported_suffixes(pictures)):
        allowed = ", ".join(sorted(accepted))
        off = PICTURES_OFF if suffix in PICTURE_SUFFIXES else ""
        raise LoadError(f"{name}: {suffix or 'no extension'} files are not supported (allowed: {allowed}).{off}")
    return name


def read_upload(path: Path, filename: str, max_mb: float, pictures: bool = False) -> bytes:
    """The content of an upload saved on disk (the web server's temporary copy), the name, type
    and size checked first with the errors check_upload gives. The size comes from the file's
    metadata: a file over the limit is refused without a byte read (the web chat read it whole
    first, any file up to twice the limit Gradio lets through)."""
    name = _accepted_name(filename, pictures)
    size = path.stat().st_size
    if size > max_mb * 1e6:
        raise LoadError(too_big(name, size, max_mb))
    with path.open("rb") as f:
        # Never more than the limit and a byte, even from a file that grew since: check_upload
        # then refuses it for its length.
        return f.read(int(max_mb * 1e6) + 1)


def check_upload(
    corpus_dir: Path, filename: str, data: bytes, max_mb: float, replace: bool = False, pictures: bool = False
) -> str:
    """The source name an upload would get, or LoadError saying why it cannot be accepted.
    `replace`: a file of that name in the corpus folder is replaced (a new version of a
    document); without it the name must be free. `pictures`: pictures are accepted
    (Settings.read_pictures)."""
    name = _accepted_name(filename, pictures)
    if len(data) > max_mb * 1e6:
        raise LoadError(too_big(name, len(data), max_mb))
    if not data.strip():
        raise LoadError(f"{name}: the file is empty")
    path = corpus_dir / name
    if os.path.lexists(path):
        if not replace:
            raise LoadError(
                f"{name}: a document with this name already exists; rename the file, or replace the "
                "document (“Replace documents with the same name” in the web chat, replace=True in Python)"
            )
        if not _replaceable(path):
            # A link stays what it is: the file it points to is the document to replace.
            raise LoadError(f"{name}: a link or a folder in the corpus folder has this name; it is not replaced")
    return name


def save_upload(
    corpus_dir: Path, filename: str, data: bytes, max_mb: float, replace: bool = False, pictures: bool = False
) -> str:
    """Write an uploaded file into the corpus; returns its source name (relative to the corpus).
    The file appears whole or not at all (written beside it, then renamed over the name)."""
    name = check_upload(corpus_dir, filename, data, max_mb, replace, pictures)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    write_whole(corpus_dir / name, data)
    return name


def write_whole(dest: Path, data: bytes) -> None:
    """`data` as the file `dest`: written beside it under a hidden name (the indexer skips dot
    files), then renamed over it, so that no reader ever sees a part of it. A link at `dest` is
    replaced, not written through."""
    tmp = _hidden(dest, "part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def set_aside(path: Path) -> Path | None:
    """A second, hidden name for the corpus file an upload replaces (the indexer skips dot
    files), so that it can come back when the new version cannot be indexed; None when there is
    no such file. A hard link (no copy, whatever the file's size), else a copy."""
    if not _replaceable(path):
        return None
    aside = _hidden(path, "was")
    aside.unlink(missing_ok=True)
    try:
        os.link(path, aside)
    except OSError:  # a file system without hard links
        shutil.copy2(path, aside)
    return aside


def _hidden(path: Path, kind: str) -> Path:
    """The hidden name beside `path` that this process writes a `kind` of it under ("part": being
    written, "was": a replaced version set aside): the indexer skips dot files. "rag-" marks it
    ours: named ".name.partPID", a user's own ".holiday.mkv.part123456" (a browser's or a
    download tool's half-written file) was deleted by the next start (a helper of session 60)."""
    return path.with_name(f".{path.name}.rag-{kind}{os.getpid()}")


_LEFTOVER = re.compile(r"^\..+\.rag-(?:was|part)(?P<pid>\d+)$")  # the names _hidden gives


def sweep_leftovers(corpus_dir: Path) -> list[str]:
    """Remove what an upload interrupted for good left in the corpus folder: the hidden copy of a
    replaced version (`set_aside`) or a half-written file (`write_whole`) of a process that is no
    longer running. After a kill -9 between setting a file aside and indexing its new version, the
    corpus holds the new version, as the user asked, and `.name.rag-wasPID` stayed (the indexer skips
    it, but it kept the old version's bytes on disk for good). Returns the names removed. Only
    files named as those two functions name them, by a process id no process here has."""
    removed = []
    try:
        entries = list(os.scandir(corpus_dir))
    except OSError:  # no folder there, or not one we can read: the index run says so, not this
        return removed
    for entry in entries:
        m = _LEFTOVER.match(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False) or _running(int(m["pid"])):
            continue
        try:
            os.unlink(entry.path)
        except OSError:  # gone meanwhile, or not ours to remove: left as it is
            continue
        removed.append(entry.name)
    return removed


def _running(pid: int) -> bool:
    """A process with this id runs on this machine (this one included)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:  # no process can have this id
        return False
    return True


def _replaceable(path: Path) -> bool:
    """A regular file of the corpus folder (not a link, not a folder): what an upload may replace."""
    return path.is_file() and not path.is_symlink()
