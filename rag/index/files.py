"""Where an index keeps what is not a passage vector: its manifest, document texts and sentence
vectors.

- `FolderFiles`: in the index folder (manifest.json, texts/, vectors/), beside embedded Chroma.
- `ServerFiles`: in a collection of the Chroma server that holds the passage vectors. Then the
  server holds everything the query path needs, and any number of app processes, on any machine,
  with empty local folders, answer from one `chroma run` (issue 9, item 5).

The write order is the same for both, and is what keeps an interrupted run safe: a document's
text and sentence vectors, then its passage vectors, then the manifest naming them; what the
manifest no longer names is removed last.
"""

from __future__ import annotations

import base64
import json
import logging
import uuid
from pathlib import Path
from typing import Protocol

import numpy as np

from rag.index.manifest import (
    Manifest,
    load_text,
    remove_unreferenced,
    save_text,
    save_vectors,
    text_hash,
    vectors_path,
)
from rag.index.saved_folder import load_array
from rag.index.store import VectorStore, chroma_errors
from rag.settings import Settings
from rag.types import Passage

log = logging.getLogger(__name__)


class IndexFiles(Protocol):
    def load_manifest(self) -> Manifest:
        """The saved manifest, empty when there is none; ValueError when it is unreadable."""
        ...

    def save_manifest(self, manifest: Manifest) -> None:
        """Replace the saved manifest in one step: a reader sees the old one or the new one."""
        ...

    def save_document(self, sha256: str, text: str, sentence_vectors: np.ndarray) -> None: ...

    def load_text(self, sha256: str) -> str:
        """OSError when it is missing."""
        ...

    def load_vectors(self, sha256: str) -> np.ndarray:
        """The document's sentence vectors, float16. OSError when they are missing."""
        ...

    def remove_unreferenced(self, manifest: Manifest) -> None:
        """Texts and vectors of document versions the manifest no longer names."""
        ...

    def generation(self) -> object | None:
        """Which save of the manifest is stored (compared to see another process's save)."""
        ...


class FolderFiles:
    def __init__(self, index_dir: Path):
        self.index_dir = index_dir

    def load_manifest(self) -> Manifest:
        manifest = Manifest.load(self.index_dir)
        if manifest.documents and not (self.index_dir / "texts").is_dir():
            raise ValueError("document texts are missing")
        return manifest

    def save_manifest(self, manifest: Manifest) -> None:
        manifest.save(self.index_dir)

    def save_document(self, sha256: str, text: str, sentence_vectors: np.ndarray) -> None:
        save_text(self.index_dir, sha256, text)
        save_vectors(self.index_dir, sha256, sentence_vectors)

    def load_text(self, sha256: str) -> str:
        return load_text(self.index_dir, sha256)

    def load_vectors(self, sha256: str) -> np.ndarray:
        return load_array(vectors_path(self.index_dir, sha256))

    def remove_unreferenced(self, manifest: Manifest) -> None:
        remove_unreferenced(self.index_dir, manifest)

    def generation(self) -> object | None:
        # Every save replaces the file (a new inode): one stat() tells whether it changed.
        try:
            st = (self.index_dir / "manifest.json").stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)


# Characters per record. The payload goes in a metadata string, not in the record's document:
# Chroma indexes documents for full-text search (trigrams), which made writing 1 MB take 0.82 s
# and 6.7 MB on disk; as metadata, 0.07 s and 2.9 MB (measured on Chroma 1.5.9).
PART = 1 << 20
POINTER = "manifest"  # the record naming the current manifest version


class ServerFiles:
    """Blobs in the Chroma collection `<collection>-files`: records `<key>#<part>` whose
    metadata holds the key, the part number and the payload; an embedding of one zero, because
    Chroma needs one and we never search this collection.

    Texts and vectors are keyed by content hash, so they never change once written. The manifest
    is written under a new version key, then the pointer record is switched to it (one upsert: a
    reader sees the old version or the new one), then the old version is deleted."""

    def __init__(self, store: VectorStore):
        self._where = store.where
        self._col = store.companion("files")

    def load_manifest(self) -> Manifest:
        for _ in range(3):  # a save between reading the pointer and its parts deletes the parts
            version = self.generation()
            if version is None:
                return Manifest()
            found = self._get(f"manifest:{version}")
            if found is not None:
                return Manifest.from_json(json.loads(found[0]))
        raise ValueError("the manifest on the Chroma server kept changing while it was read")

    def save_manifest(self, manifest: Manifest) -> None:
        old = self.generation()
        version = uuid.uuid4().hex
        self._put(
            f"manifest:{version}", json.dumps(manifest.to_json(), ensure_ascii=False), "manifest", version=version
        )
        with chroma_errors(self._where):
            self._col.upsert(ids=[POINTER], embeddings=[[0.0]], metadatas=[{"key": POINTER, "version": version}])
        if old is not None:
            self._delete_key(f"manifest:{old}")

    def save_document(self, sha256: str, text: str, sentence_vectors: np.ndarray) -> None:
        self._put(f"text:{sha256}", text, "text", sha=sha256)
        vectors = np.ascontiguousarray(sentence_vectors, dtype=np.float16)
        payload = base64.b64encode(vectors.tobytes()).decode("ascii")
        self._put(f"vectors:{sha256}", payload, "vectors", sha=sha256, dim=vectors.shape[1] if vectors.ndim == 2 else 0)

    def load_text(self, sha256: str) -> str:
        found = self._get(f"text:{sha256}")
        if found is None:
            raise FileNotFoundError(f"the text of {sha256[:12]} is missing from the Chroma server")
        return found[0]

    def load_vectors(self, sha256: str) -> np.ndarray:
        found = self._get(f"vectors:{sha256}")
        if found is None:
            raise FileNotFoundError(f"the sentence vectors of {sha256[:12]} are missing from the Chroma server")
        payload, meta = found
        return np.frombuffer(base64.b64decode(payload), dtype=np.float16).reshape(-1, max(meta["dim"], 1))

    def remove_unreferenced(self, manifest: Manifest) -> None:
        keep = sorted({d.sha256 for d in manifest.documents.values()})
        # Ids only (include=[]): the payloads of what stays never travel.
        stale_docs = {"$and": [{"kind": {"$in": ["text", "vectors"]}}, {"sha": {"$nin": keep or [""]}}]}
        # Old manifest versions too: a save interrupted after switching the pointer leaves one.
        old_manifests = {"$and": [{"kind": "manifest"}, {"version": {"$ne": self.generation() or ""}}]}
        gone: list[str] = []
        for where in (stale_docs, old_manifests):
            with chroma_errors(self._where):
                gone += self._col.get(where=where, include=[])["ids"]
        self._delete_ids(gone)

    def generation(self) -> str | None:
        with chroma_errors(self._where):
            res = self._col.get(ids=[POINTER], include=["metadatas"])
        return res["metadatas"][0]["version"] if res["ids"] else None

    # -- blobs ---------------------------------------------------------------------------
    def _put(self, key: str, payload: str, kind: str, **meta) -> None:
        parts = [payload[i : i + PART] for i in range(0, len(payload), PART)] or [""]
        # One part per request: a request stays small whatever the document's size.
        for i, part in enumerate(parts):
            with chroma_errors(self._where):
                self._col.upsert(
                    ids=[f"{key}#{i}"],
                    embeddings=[[0.0]],
                    metadatas=[{"key": key, "kind": kind, "part": i, "parts": len(parts), "data": part, **meta}],
                )

    def _get(self, key: str) -> tuple[str, dict] | None:
        """The payload and the first part's metadata; None when a part is missing."""
        with chroma_errors(self._where):
            res = self._col.get(where={"key": key}, include=["metadatas"])
        metas = sorted(res["metadatas"], key=lambda m: m["part"])
        if not metas or len(metas) != metas[0]["parts"]:
            return None
        return "".join(m["data"] for m in metas), metas[0]

    def _delete_key(self, key: str) -> None:
        with chroma_errors(self._where):
            found = self._col.get(where={"key": key}, include=[])
        self._delete_ids(found["ids"])

    def _delete_ids(self, ids: list[str]) -> None:
        for i in range(0, len(ids), 1000):
            with chroma_errors(self._where):
                self._col.delete(ids=ids[i : i + 1000])


def load_passages(files: IndexFiles, manifest: Manifest) -> tuple[list[Passage], dict[str, str]]:
    """All passages of the index, and the document texts keyed by source. ValueError when a
    text changed after it was indexed (every citation offset into it would be wrong)."""
    passages: list[Passage] = []
    texts: dict[str, str] = {}
    for source, doc in sorted(manifest.documents.items()):
        text = files.load_text(doc.sha256)
        if doc.text_sha256 and text_hash(text) != doc.text_sha256:
            raise ValueError(f"the stored text of {source} ({doc.sha256[:12]}) was changed after it was indexed")
        texts[source] = text
        for pid, (start, end) in zip(doc.passage_ids(source), doc.passages):
            passages.append(Passage(pid, source, doc.title, text[start:end], start, end))
    return passages, texts


def index_files(settings: Settings, store: VectorStore) -> IndexFiles:
    """On the Chroma server when the index uses one, else in the index folder."""
    return ServerFiles(store) if settings.chroma_host else FolderFiles(settings.index_dir)
