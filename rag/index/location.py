"""Where the index lives, and proof that it is ours: we only ever delete what we created.

The index folder is derived data, so a damaged one is rebuilt from the corpus. Rebuilding deletes
files, and a mistyped `--index` can point at anything (a project, the corpus itself). So:

- a marker file (`.rag-index`, with our format version) is written when we create the folder, or
  when we take over an empty one; a non-empty folder without it is refused, never emptied;
- clearing a damaged index deletes only our own entries (OWN_ENTRIES) inside a marked folder;
- the index may not be the corpus, sit inside it (its texts would be indexed as documents), or
  hold it (a rebuild would delete documents);
- permissions are never changed: a folder we cannot write is an error that says so.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from rag.errors import IndexLocationError

MARKER = ".rag-index"
MARKER_FORMAT = 1
# Every entry a marked index folder may hold that we created (and may therefore delete).
OWN_DIRS = ("chroma", "texts", "vectors", "lexical", "dense")
OWN_FILES = ("manifest.json", "hashes.json")
OWN_PREFIXES = (  # interrupted atomic saves
    "manifest.json.tmp",
    "hashes.json.tmp",
    "lexical.tmp",
    "lexical.old",
    "dense.tmp",
    "dense.old",
)


@dataclass(frozen=True)
class IndexLocation:
    """A checked index folder: it exists, is writable, carries our marker, and is neither the
    corpus folder nor inside it nor around it."""

    index_dir: Path
    corpus_dir: Path

    @classmethod
    def claim(cls, index_dir: Path, corpus_dir: Path) -> IndexLocation:
        """Check the location; create and mark the folder when it is new or empty."""
        _check_not_nested(index_dir, corpus_dir)
        if index_dir.exists() and not index_dir.is_dir():
            raise IndexLocationError(
                f"The index location {index_dir} is a file, not a folder. "
                "Choose a folder for the index (--index or RAG_INDEX_DIR)."
            )
        if index_dir.is_dir() and not is_marked(index_dir):
            entries = [p.name for p in index_dir.iterdir()]
            if entries and not _is_unmarked_index_of_ours(index_dir, entries):
                has = f"its {MARKER} file is not rag's" if MARKER in entries else f"it has no {MARKER} file"
                raise IndexLocationError(
                    f"The index folder {index_dir} is not empty and was not created by rag "
                    f"({has}). Nothing in it was changed. Choose a new or empty "
                    "folder for the index (--index or RAG_INDEX_DIR)."
                )
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
            if not is_marked(index_dir):
                _write_marker(index_dir)
            _probe_writable(index_dir)
        except OSError as e:
            raise _not_writable(index_dir, e) from e
        return cls(index_dir, corpus_dir)

    def clear(self) -> None:
        """Delete our own entries of the index folder (to rebuild it); the marker and anything
        else stay. Raises IndexLocationError when they cannot be deleted."""
        if not is_marked(self.index_dir):
            raise IndexLocationError(f"{self.index_dir} has no {MARKER} file: not clearing it.")
        try:
            for entry in self.index_dir.iterdir():
                name = entry.name
                if name in OWN_DIRS and entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                elif name in OWN_FILES or name.startswith(OWN_PREFIXES):
                    entry.unlink(missing_ok=True)
        except OSError as e:
            raise _not_writable(self.index_dir, e) from e


def is_marked(index_dir: Path) -> bool:
    try:
        data = json.loads((index_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("created_by") == "rag"


def _write_marker(index_dir: Path) -> None:
    text = json.dumps({"created_by": "rag", "format": MARKER_FORMAT}) + "\n"
    tmp = index_dir / f"{MARKER}.tmp{os.getpid()}"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, index_dir / MARKER)


def _probe_writable(index_dir: Path) -> None:
    # As root os.access() says yes to everything; writing is the only honest test.
    probe = index_dir / f".write-test{os.getpid()}"
    probe.write_bytes(b"")
    probe.unlink()


def _is_unmarked_index_of_ours(index_dir: Path, entries: list[str]) -> bool:
    """An index written before markers existed, or whose marker is damaged (a power loss leaves
    an empty file: every run after refused the folder as not ours, a break-it helper's, session
    59): only our entries, and a manifest (when there is one) in our format. Such a folder is
    adopted (marked again); anything else is someone else's."""
    own = set(OWN_DIRS) | set(OWN_FILES) | {MARKER}
    if not all(name in own or name.startswith(OWN_PREFIXES) for name in entries):
        return False
    manifest = index_dir / "manifest.json"
    if not manifest.exists():
        return True
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "fingerprint" in data and "documents" in data


def _check_not_nested(index_dir: Path, corpus_dir: Path) -> None:
    index, corpus = index_dir.resolve(), corpus_dir.resolve()
    if index == corpus:
        problem = "is the corpus folder"
    elif index.is_relative_to(corpus):
        problem = "is inside the corpus folder (its texts would be indexed as documents)"
    elif corpus.is_relative_to(index):
        problem = "holds the corpus folder (rebuilding the index could delete documents)"
    else:
        return
    raise IndexLocationError(
        f"The index folder {index_dir} {problem} {corpus_dir}. "
        "Keep them apart: choose another index folder (--index or RAG_INDEX_DIR)."
    )


def _not_writable(index_dir: Path, e: OSError) -> IndexLocationError:
    if index_dir.is_symlink() and not index_dir.exists():
        # mkdir says "File exists" of a link to nothing, which sent the user looking for a folder.
        return IndexLocationError(
            f"The index folder {index_dir} is a link to {os.readlink(index_dir)}, which does not exist. "
            "Create that folder, or choose another index folder (--index or RAG_INDEX_DIR)."
        )
    return IndexLocationError(
        f"Cannot write the index folder {index_dir} ({e.strerror or e}). "
        "Choose a folder you can write (--index or RAG_INDEX_DIR), or answer from the index as it is "
        "with --read-only (RAG_READ_ONLY=1); its permissions were not changed."
    )
