"""The Chroma collection that holds passage vectors: embedded on disk, or a Chroma server.

We talk to chromadb directly rather than through llama-index's ChromaVectorStore: that wrapper
turns distances into exp(-distance), and refusal needs the true cosine similarity.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from rag.errors import IndexDamaged

log = logging.getLogger(__name__)

# How many graph neighbours Chroma's approximate (HNSW) search visits. Answers search an exact
# copy of the vectors (rag/index/dense_index.py); this search serves only when that cannot be
# built. At 100k passages, recall of the exact cosine top 20 (ties counted), default 100 vs 400:
# 0.94 vs 0.99 for sentences of the indexed documents as queries, 0.46 vs 0.74 for SQuAD train
# questions (worded unlike the corpus); 2.7 ms a query at 400. No benchmark question was used.
EF_SEARCH = 400


@contextmanager
def chroma_errors(path: Path | str) -> Iterator[None]:
    """Chroma's failures as the errors they are to the user:

    - its Rust core panics on some damaged databases; pyo3 raises that as PanicException, which
      derives from BaseException and so slips past every `except Exception`: IndexDamaged (a
      RagError), so that callers treat it as the damage it is;
    - a full disk under its SQLite database is an InternalError "(code: 13) database or disk is
      full": an OSError ENOSPC, which the command line says with what to do (it was a
      traceback)."""
    try:
        yield
    except BaseException as e:
        if type(e).__name__ == "PanicException":
            first = (str(e).strip().splitlines() or ["panic"])[0][:200]
            raise IndexDamaged(
                f"The vector store in {path} is damaged ({first}). Run `rag index` to rebuild it from the corpus."
            ) from None
        if isinstance(e, Exception) and type(e).__name__ == "InternalError" and "disk is full" in str(e):
            raise OSError(errno.ENOSPC, f"{os.strerror(errno.ENOSPC)} (Chroma: {str(e)[:120]})", str(path)) from e
        raise


def forget(path: Path) -> None:
    """Drop Chroma's cached system for a folder about to be cleared (another open client in this
    process may still hold it): the rebuilt folder must get a fresh database, not the old one."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(str(path), None)


class VectorSearch(Protocol):
    """Finds the passages nearest a vector: the store's own (approximate) search, or the exact
    one over a copy of its vectors (rag/index/dense_index.py)."""

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]: ...

    def similarities(self, vector: np.ndarray, ids: list[str]) -> list[float]: ...


class VectorStore:
    def __init__(self, path: Path, collection: str, host: str | None = None, port: int = 8000, create: bool = True):
        """`create`: make the collection when it is not there (False: a read-only replica, which
        writes nothing, finds it or fails with Chroma's NotFoundError)."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        self.where = f"{host}:{port}" if host else path  # for messages: the folder or the server
        self._name = collection
        self._create = create
        self._loading: threading.Thread | None = None
        if host:
            self._client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
            self._collection = self._open_collection()
            return
        path.mkdir(parents=True, exist_ok=True)
        try:
            with chroma_errors(path):
                self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
                self._collection = self._open_collection()
        except Exception:
            # Chroma caches a system per folder even when it failed to start (a damaged
            # chroma.sqlite3); drop it, or opening the rebuilt folder reuses the broken one.
            forget(path)
            raise
        # The first call into an embedded collection loads it: 0.3-0.7 s at 100,852 passages, in
        # Chroma's Rust code, part of it without the GIL. Started now, it overlaps reading the
        # manifest (a one-file `rag index` waited 0.35 s for it in Indexer._check_store; ~0.1 s
        # net, since Chroma holds the GIL for the rest); calls made meanwhile wait for it inside
        # Chroma. Not a daemon thread: exit waits for the native code to finish.
        self._loading = threading.Thread(target=self._load, name="chroma-load")
        self._loading.start()

    def _load(self) -> None:
        try:
            self._collection.count()
        except BaseException as e:  # damage shows in the caller's own next call, and is handled there
            log.debug("loading the vector store in %s failed: %s", self.where, e)

    def _loaded(self) -> None:
        """Wait for the background load: the collection must not be closed or dropped under it."""
        if self._loading is not None:
            self._loading.join()

    def _open_collection(self):
        # embedding_function=None: Chroma's default one downloads a model; we bring our own vectors.
        hnsw = {"space": "cosine", "ef_search": EF_SEARCH}
        if not self._create:
            return self._client.get_collection(self._name, embedding_function=None)
        collection = self._client.get_or_create_collection(
            self._name, embedding_function=None, metadata={"hnsw:space": "cosine"}, configuration={"hnsw": hnsw}
        )
        # A collection made before keeps its own setting: raise it. Chroma applies it from the
        # first query of the process on (it loads the graph then), so this runs before any.
        found = (collection.configuration_json or {}).get("hnsw") or {}
        if found.get("ef_search", EF_SEARCH) < EF_SEARCH:
            try:
                with chroma_errors(self.where):
                    collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
            except Exception as e:  # a folder we may not write: answers, with the lower recall
                log.warning("Could not raise the vector search's ef_search in %s (%s).", self.where, e)
        return collection

    def companion(self, suffix: str):
        """Another collection of the same client, `<collection>-<suffix>` (rag/index/files.py)."""
        with chroma_errors(self.where):
            if not self._create:
                return self._client.get_collection(f"{self._name}-{suffix}", embedding_function=None)
            return self._client.get_or_create_collection(f"{self._name}-{suffix}", embedding_function=None)

    def count(self) -> int:
        with chroma_errors(self.where):
            return self._collection.count()

    def ids(self) -> set[str]:
        with chroma_errors(self.where):
            return set(self._collection.get(include=[])["ids"])

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these ids (float32), by id; ids the store lacks are left out."""
        out: dict[str, np.ndarray] = {}
        step = self._max_batch()
        for i in range(0, len(ids), step):
            with chroma_errors(self.where):
                got = self._collection.get(ids=ids[i : i + step], include=["embeddings"])
            for pid, vector in zip(got["ids"], got["embeddings"]):
                out[pid] = np.asarray(vector, dtype=np.float32)
        return out

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        # One upsert per batch of files (per file it cost 70 ms each, 5 % of an index run); the
        # client caps a write at its max batch size.
        step = self._max_batch()
        for i in range(0, len(ids), step):
            with chroma_errors(self.where):
                self._collection.upsert(
                    ids=ids[i : i + step],
                    embeddings=vectors[i : i + step],
                    metadatas=metadatas[i : i + step],
                )

    def delete(self, ids: list[str]) -> None:
        step = self._max_batch()
        for i in range(0, len(ids), step):
            with chroma_errors(self.where):
                self._collection.delete(ids=ids[i : i + step])

    def _max_batch(self) -> int:
        try:
            return max(1, min(5000, self._client.get_max_batch_size()))
        except Exception:
            return 1000

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(id, cosine similarity) pairs, most similar first. Chroma returns fewer than k when
        it holds fewer (none when empty); counting first cost 16 ms a question at 100k passages."""
        with chroma_errors(self.where):
            res = self._collection.query(query_embeddings=[vector.tolist()], n_results=k, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0])]

    def similarities(self, vector: np.ndarray, ids: list[str]) -> list[float]:
        """The cosine similarity of each of these passages to the vector; 0.0 for an id the store
        lacks (this store searches in place of the exact copy when it lacks some: rag.index.opened)."""
        if not ids:
            return []
        got = self.vectors(ids)
        v = np.asarray(vector, dtype=np.float32)
        zero = np.zeros_like(v)
        rows = np.stack([got.get(pid, zero) for pid in ids])
        # query()'s cosine is Chroma's (1 - cosine distance), which normalises both sides too.
        return (rows @ v / (np.linalg.norm(rows, axis=1) * np.linalg.norm(v) + 1e-12)).tolist()

    def close(self, damaged: bool = False) -> None:
        """Release the folder: Chroma keeps one open database per folder and process.
        `damaged`: the folder is about to be cleared; never reuse Chroma's cached system for it."""
        self._loaded()
        try:
            self._client.close()
        except BaseException as e:  # a damaged store may panic on close too; it is being dropped
            if type(e).__name__ != "PanicException" and not isinstance(e, Exception):
                raise
            log.debug("closing the vector store failed: %s", e)
        if damaged and not isinstance(self.where, str):
            forget(self.where)

    def reset(self) -> None:
        self._loaded()
        with chroma_errors(self.where):
            self._client.delete_collection(self._name)
            self._collection = self._open_collection()
