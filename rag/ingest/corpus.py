"""The corpus folder: which files are documents, and the SHA-256 of each.

Hidden files and folders are left out, and so are symbolic links that lead out of the folder: a
link to /etc/passwd must not become a citable document.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import CorpusError
from rag.ingest.loaders import is_supported, read_as, supported_suffixes
from rag.ingest.pictures import PICTURE_SUFFIXES, PICTURES_OFF

if TYPE_CHECKING:  # the cache lives beside the index
    from rag.index.hash_cache import HashCache

log = logging.getLogger(__name__)

OVER_LIMIT = "over-limit:"  # how the key of a file over the size limit begins (over_limit)
UNREADABLE = "unreadable:"  # how the key of a file that cannot be opened begins (unreadable_key)


@dataclass(frozen=True)
class CorpusScan:
    """What a scan of the corpus folder found: its supported files, in order, and the folders
    under it that could not be read (relative, as sources are named). A source under one of those
    is unknown, not gone: the index keeps what it holds of it."""

    files: list[Path]
    unreadable: dict[str, str]  # folder -> why (the OS's words)
    # Entries a user would expect read that are not, each named in a warning: a link out of the
    # corpus folder or to nothing, a device, a name that is not UTF-8. name -> why. The index
    # run's summary counts them with the files it skipped ("2 skipped" beside three warnings).
    passed_over: dict[str, str] = field(default_factory=dict)

    def hides(self, source: str) -> bool:
        """Whether `source` lies under a folder that could not be read."""
        return any(source.startswith(f"{folder}/") for folder in self.unreadable)


def missing_corpus(corpus_dir: Path) -> CorpusError:
    """The error for a corpus folder that does not exist, naming where it was looked for: a
    relative folder of a settings file is taken from the current folder, which the message did
    not say."""
    where = "" if corpus_dir.is_absolute() else f" ({corpus_dir.absolute()})"
    return CorpusError(f"The corpus folder {corpus_dir}{where} does not exist. Create it and put documents in it.")


def scan_corpus(corpus_dir: Path, warn: bool = True, pictures: bool = False) -> CorpusScan:
    """The supported files of the corpus folder, in order, and its folders that could not be
    read; pictures among them when `pictures` (Settings.read_pictures). `warn`: name the links
    that are not followed and the folders that could not be read, and say once how many files
    of other types are not indexed (the index run does; the staleness check before it stays
    quiet, or each would be said twice). CorpusError when the folder itself cannot be read."""
    if not corpus_dir.exists():
        raise missing_corpus(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir} is not a folder.")
    files, other = [], Counter()
    root = corpus_dir.resolve()
    entries, unreadable = _entries(corpus_dir)
    passed_over: dict[str, str] = {}
    hidden = []  # files of an indexed type whose own name starts with a dot
    for p in sorted(entries):
        if any(unreadable.get(folder.as_posix()) for folder in p.relative_to(corpus_dir).parents):
            continue  # under a folder already found unreadable
        try:
            is_file = p.is_file()
        except OSError as e:
            # A folder that can be listed but not entered (mode 644, as `chmod -R 644` leaves
            # folders), or a path past the system's length limit: pathlib raises for these, and
            # the whole run stopped ("error: Permission denied: …/sub/boiler.txt"; a helper of
            # session 60). Its folder is unreadable: named, and what it held is kept.
            where = p.parent if e.errno in (errno.EACCES, errno.EPERM) else p
            unreadable.setdefault(where.relative_to(corpus_dir).as_posix(), e.strerror or type(e).__name__)
            continue
        if any(part.startswith(".") for part in p.relative_to(corpus_dir).parts):
            if p.name.startswith(".") and is_supported(p, pictures) and is_file:
                hidden.append(p.relative_to(corpus_dir).as_posix())
            continue
        if not is_file:
            if why := _not_read(p, root):
                passed_over[p.relative_to(corpus_dir).as_posix()] = why
                if warn:
                    log.warning("Skipped %s: %s", p.relative_to(corpus_dir).as_posix(), why)
            continue
        if not is_supported(p, pictures):
            other[p.suffix.lower() or "(no extension)"] += 1
        elif not _utf8(name := p.relative_to(corpus_dir).as_posix()):
            # A name in another encoding (an old archive's Latin-1 "caf\xe9.txt") cannot be a
            # source: it is stored as text everywhere. It stopped the whole run with a traceback.
            passed_over[printable_name(name)] = "its name is not valid UTF-8"
            if warn:
                log.warning(
                    "Skipped %s: its name is not valid UTF-8; rename it (e.g. with convmv) to index it.",
                    printable_name(name),
                )
        else:
            files.append(p)
    if warn:
        for folder, why in unreadable.items():
            log.warning(
                "Cannot read the folder %s (%s): its files are not indexed, and those indexed before are kept "
                "as they were. Give this user read access to it.",
                printable_name(folder),
                why,
            )
    if other and warn:
        # A folder of .docx or .rst beside a few .txt was indexed in part without a word.
        kinds = ", ".join(f"{suffix} ({n})" for suffix, n in other.most_common(8))
        log.warning(
            "Not indexed: %d file(s) of other types: %s. Indexed types: %s.%s",
            sum(other.values()),
            kinds,
            " ".join(sorted(supported_suffixes(pictures))),
            PICTURES_OFF if other.keys() & PICTURE_SUFFIXES else "",
        )
    if hidden and warn:
        # ".notes.txt" was left out without a word; hidden folders (.git) stay unmentioned.
        log.warning(
            "Not indexed: %d hidden file(s): %s. Names that start with a dot are left out; rename to index them.",
            len(hidden),
            ", ".join(printable_name(h) for h in hidden[:5]) + (", …" if len(hidden) > 5 else ""),
        )
    return CorpusScan(_within(corpus_dir, files, warn, passed_over), unreadable, passed_over)


def _entries(corpus_dir: Path) -> tuple[list[Path], dict[str, str]]:
    """Every entry under the folder (hidden folders are not entered), and the folders that could
    not be listed, with why. Path.rglob skipped a folder it could not list without a word, and
    the index run then removed the documents indexed from it as if deleted; an unreadable corpus
    folder said "no .txt, .md, .html or .pdf files". Like rglob, links to folders are listed but
    not entered."""
    entries: list[Path] = []
    unreadable: dict[str, str] = {}

    def failed(e: OSError) -> None:
        where = Path(e.filename) if e.filename else corpus_dir
        if where == corpus_dir:
            raise CorpusError(
                f"Cannot read the corpus folder {corpus_dir} ({e.strerror}): give this user read access to it, "
                "or point --corpus (RAG_CORPUS_DIR) at another folder."
            ) from e
        unreadable[where.relative_to(corpus_dir).as_posix()] = e.strerror or type(e).__name__

    for folder, dirs, names in os.walk(corpus_dir, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden: never indexed, never warned about
        entries += [Path(folder) / name for name in (*dirs, *names)]
    return entries, unreadable


def printable_name(name: str) -> str:
    """A file name in another encoding shown as its escaped bytes (a lone surrogate cannot be printed)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _not_read(p: Path, root: Path) -> str | None:
    """Why an entry that is no regular file is not read, when a user would expect it to be;
    None for a folder (its files are listed themselves) and a link to a folder inside the corpus
    (its files are indexed where they are). These were dropped without a word: a link to a
    folder elsewhere, a link to nothing, a device or a named pipe."""
    if p.is_dir():
        if p.is_symlink() and not p.resolve().is_relative_to(root):
            return "it is a link to a folder outside the corpus folder; links are not followed there."
        return None
    if p.is_symlink() and not p.exists():
        return "it is a link to nothing (its target is gone, or the link leads back to itself)."
    return "it is not a regular file (a device, a named pipe or a socket)."


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _within(corpus_dir: Path, files: list[Path], warn: bool, passed_over: dict[str, str]) -> list[Path]:
    """Drop symbolic links that lead out of the corpus folder (named in `passed_over`). Links to
    files inside it are fine."""
    root = corpus_dir.resolve()
    kept = []
    for p in files:
        if p.resolve().is_relative_to(root):
            kept.append(p)
            continue
        why = "it is a link to a file outside the corpus folder; links are not followed there."
        passed_over[p.relative_to(corpus_dir).as_posix()] = why
        if warn:
            log.warning("Skipped %s: %s", p.relative_to(corpus_dir).as_posix(), why)
    return kept


def corpus_hashes(
    corpus_dir: Path, max_bytes: float, cache: HashCache | None = None, pictures: bool = False
) -> dict[str, str]:
    """source -> read_key's key of each supported file: what the index should reflect. With
    `cache`, an unchanged file is not read (rag/index/hash_cache.py)."""
    out = {}
    for path in scan_corpus(corpus_dir, warn=False, pictures=pictures).files:
        source = path.relative_to(corpus_dir).as_posix()
        try:
            out[source] = read_key(path, source, max_bytes, cache)[0]
        except OSError:
            if (key := unreadable_key(path)) is not None:
                out[source] = key
    return out


def unreadable_key(path: Path) -> str | None:
    """The key of a file that cannot be opened, remembered as a skipped file's is: from its
    stat, so a change of permissions or content (its ctime moves) makes the index look at it
    again. A kept file that could not be opened made every start run an index pass that warned
    about it again; None when not even its stat can be read."""
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{UNREADABLE}{st.st_mode}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def read_key(path: Path, source: str, max_bytes: float, cache: HashCache | None = None) -> tuple[str, bytes | None]:
    """The file's key: the SHA-256 of its bytes (the cache's, when it has this file as it is), or
    for a file over `max_bytes` over_limit's key (it is never read); and the bytes when they had
    to be read for it (None when the size or the cache gave the key). OSError when unreadable."""
    st = path.stat()
    if (over := over_limit(st, max_bytes)) is not None:
        return over, None
    if cache is not None and (known := cache.get(source, st)) is not None:
        return known, None
    data = path.read_bytes()
    sha = file_sha256(source, data)
    if cache is not None:
        cache.put(source, st, sha)
    return sha, data


def over_limit(st: os.stat_result, max_bytes: float) -> str | None:
    """For a file larger than `max_bytes`, the key its skip is remembered under (size and
    modification time, from one stat()); None for a file within the limit. Such a file is never
    read: a 3 GB file in the corpus made every `rag ask` read it whole to hash it (3.5 GB of
    memory, 5 s), and a larger one would not fit in memory at all."""
    return f"{OVER_LIMIT}{st.st_size}:{st.st_mtime_ns}" if st.st_size > max_bytes else None


def text_too_big(name: str, chars: int, max_mb: float) -> str:
    """Why a file whose extracted text has `chars` characters is refused: the size limit holds
    for the text too (a 160 KB Word file of one sentence repeated was 24 MB of text)."""
    return (
        f"{name}: its text is {chars / 1e6:.1f} million characters, over the {max_mb:g} MB limit "
        "(max_file_mb); split the file or raise the limit"
    )


def too_big(name: str, size: int, max_mb: float) -> str:
    """Why a file of `size` bytes is refused, in units and digits that tell it from the limit:
    15.5 KB over a 0.01 MB limit said "0.0 MB is over the 0.01 MB limit", and 1.04 MB over a 1 MB
    limit "1.0 MB is over the 1 MB limit"."""
    unit, scale = ("KB", 1e3) if size < 1e6 else ("MB", 1e6)
    limit = max_mb * 1e6 / scale
    for digits in range(1, 4 if unit == "KB" else 7):  # as far as it takes, to the byte
        shown = f"{size / scale:.{digits}f}"
        if float(shown) > limit:
            break
    return f"{name}: {shown} {unit} is over the {limit:g} {unit} limit"


def file_sha256(source: str, data: bytes) -> str:
    """The key the index holds a file's content by: the SHA-256 of its bytes, and for a file not
    read as plain text, of its bytes after the way it is read ("markdown", "rst", "html", "pdf";
    loaders.read_as). The same bytes named notes.html and notes.txt are two documents — the
    HTML's text is extracted, the text file's is the file — and a .txt renamed .rst is cut again
    as reStructuredText: keyed by their bytes alone, the two shared one stored text and one cut,
    and the index could not be read again (one "damaged" text, at every start)."""
    h = hashlib.sha256()
    if (kind := read_as(source)) != "text":
        h.update(f"{kind}\0".encode())
    h.update(data)
    return h.hexdigest()
