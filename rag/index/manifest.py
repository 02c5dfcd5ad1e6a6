"""What the index holds: per document its content hash, title, text and passage offsets.

The manifest is the source of truth for which passages exist. It is rewritten atomically after
each batch of documents (after their vectors are stored), so an interrupted run leaves a
consistent manifest: vectors the manifest does not name are orphans, ignored at query time and
removed by the next index run; passages it names that the store lacks are re-embedded by it.
Document texts are kept beside it (texts/<sha256>.txt) so a citation can always be shown in its
context, even for HTML and PDF, whose text is extracted.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson

FORMAT_VERSION = 1


@dataclass
class DocumentEntry:
    sha256: str
    title: str
    passages: list[tuple[int, int]]  # (start, end) offsets into the document text
    # Sentences of the passages, and their vectors in vectors/<sha256>.npy (same order): the
    # extractive answerer scores sentences, and embedding them at index time keeps asking fast.
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # SHA-256 of texts/<sha256>.txt as written: a text file changed behind our back would shift
    # every citation offset, so loading checks it. "" for indexes written before this field.
    text_sha256: str = ""

    def passage_ids(self, source: str) -> list[str]:
        prefix = _id_prefix(source, self.sha256)  # once per document, not per passage
        return [f"{prefix}{a}-{b}" for a, b in self.passages]


def passage_id(source: str, sha256: str, start: int, end: int) -> str:
    """Unique per (file, passage): two identical files are two documents, and removing one of
    them must not delete the other's vectors. The content hash stays in the id so that a changed
    file's new vectors never overwrite the old ones the saved manifest still names."""
    return f"{_id_prefix(source, sha256)}{start}-{end}"


def _id_prefix(source: str, sha256: str) -> str:
    return f"{sha256[:16]}:{hashlib.blake2b(source.encode('utf-8'), digest_size=6).hexdigest()}:"


@dataclass
class Manifest:
    # Everything that changes what a vector means; a mismatch forces a full rebuild.
    fingerprint: dict = field(default_factory=dict)
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    # Files that could not be read, with the hash they had and why: not retried until they change.
    skipped: dict[str, tuple[str, str]] = field(default_factory=dict)
    # True while a run builds the index from nothing (a first run, or new settings: the store was
    # emptied) and has saved part of it: the documents named are only those done so far. A
    # server that loaded the whole index before keeps answering from it until the run finishes
    # (Assistant.reload_if_changed); one that starts meanwhile says its answers come from part.
    rebuilding: bool = False

    @classmethod
    def load(cls, index_dir: Path) -> Manifest:
        """Raises ValueError when the file is unreadable or from another format version."""
        path = index_dir / "manifest.json"
        if not path.exists():
            return cls()
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def from_json(cls, data: dict) -> Manifest:
        """ValueError when `data` is from another format version."""
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"manifest format {data.get('format')!r}, expected {FORMAT_VERSION}")
        docs = {
            src: DocumentEntry(
                d["sha256"],
                d["title"],
                [tuple(p) for p in d["passages"]],
                [tuple(p) for p in d["sentences"]],
                d.get("text_sha256", ""),
            )
            for src, d in data["documents"].items()
        }
        skipped = {src: tuple(v) for src, v in data.get("skipped", {}).items()}
        return cls(data["fingerprint"], docs, skipped, bool(data.get("rebuilding", False)))

    def save(self, index_dir: Path) -> None:
        index_dir.mkdir(parents=True, exist_ok=True)
        path = index_dir / "manifest.json"
        # orjson writes the same JSON (UTF-8, compact) in 0.01 s where json took 0.10 s at 100,852
        # passages; it reads it slower than json (0.22 / 0.16 s), so load() keeps json.
        with replacing(path, index_dir / f"manifest.json.tmp{os.getpid()}") as tmp:
            tmp.write_bytes(orjson.dumps(self.to_json()))

    def to_json(self) -> dict:
        return {
            "format": FORMAT_VERSION,
            "fingerprint": self.fingerprint,
            # Plain dicts, not dataclasses.asdict: asdict deep-copies every offset pair and took
            # 19 s of a 445 s index of 300 files when the manifest was saved per file.
            "documents": {
                src: {
                    "sha256": d.sha256,
                    "title": d.title,
                    "passages": d.passages,
                    "sentences": d.sentences,
                    "text_sha256": d.text_sha256,
                }
                for src, d in sorted(self.documents.items())
            },
            "skipped": dict(sorted(self.skipped.items())),
            **({"rebuilding": True} if self.rebuilding else {}),  # absent: the manifest as before
        }

    def known_hashes(self) -> dict[str, str]:
        """source -> SHA-256 of every file the last run saw, indexed or skipped."""
        return {src: d.sha256 for src, d in self.documents.items()} | {src: v[0] for src, v in self.skipped.items()}

    def passage_ids_in_order(self) -> list[str]:
        """Every passage id, documents by source, passages in document order (as loaded)."""
        return [pid for src, d in sorted(self.documents.items()) for pid in d.passage_ids(src)]

    def passage_ids(self) -> set[str]:
        return {pid for src, d in self.documents.items() for pid in d.passage_ids(src)}


def text_path(index_dir: Path, sha256: str) -> Path:
    return index_dir / "texts" / f"{sha256}.txt"


@contextmanager
def replacing(path: Path, tmp: Path) -> Iterator[Path]:
    """Write `tmp`; it then replaces `path` in one step, or, when writing failed, is deleted (a
    full disk left half-written .tmp files behind that no later run removed). numpy reports a
    short write without an errno ("96384 requested and 22464 written"): that is a full disk
    too, and says so."""
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException as e:
        short = isinstance(e, OSError) and e.errno is None and " written" in str(e)
        full = short and shutil.disk_usage(tmp.parent).free < (1 << 20)  # not a file-size limit
        tmp.unlink(missing_ok=True)
        if full:
            raise OSError(errno.ENOSPC, f"{os.strerror(errno.ENOSPC)} ({e})", str(path.parent)) from e
        raise


def save_text(index_dir: Path, sha256: str, text: str) -> None:
    path = text_path(index_dir, sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, path.with_suffix(f".tmp{os.getpid()}")) as tmp:
        # newline="" keeps "\r\n" as it is: offsets count every character of the text.
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)


def vectors_path(index_dir: Path, sha256: str) -> Path:
    return index_dir / "vectors" / f"{sha256}.npy"


def save_vectors(index_dir: Path, sha256: str, vectors) -> None:
    import numpy as np

    path = vectors_path(index_dir, sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, path.with_suffix(f".tmp{os.getpid()}.npy")) as tmp:
        np.save(tmp, vectors.astype(np.float16))  # half precision: ranking sentences needs no more


def remove_unreferenced(index_dir: Path, manifest: Manifest) -> None:
    """Texts and vectors of document versions the manifest no longer names."""
    keep = {d.sha256 for d in manifest.documents.values()}
    for folder, suffix in (("texts", ".txt"), ("vectors", ".npy")):
        for path in (index_dir / folder).glob(f"*{suffix}"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def load_text(index_dir: Path, sha256: str) -> str:
    with open(text_path(index_dir, sha256), encoding="utf-8", newline="") as f:
        return f.read()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
