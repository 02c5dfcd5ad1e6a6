"""The Chroma collection that holds passage vectors: embedded on disk, or a Chroma server.

We talk to chromadb directly rather than through llama-index's ChromaVectorStore: that wrapper
turns distances into exp(-distance), and refusal needs the true cosine similarity.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


class VectorStore:
    def __init__(self, path: Path, collection: str, host: str | None = None, port: int = 8000):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        if host:
            self._client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
        else:
            path.mkdir(parents=True, exist_ok=True)
            try:
                self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            except Exception:
                # Chroma caches a system per folder even when it failed to start (a damaged
                # chroma.sqlite3); drop it, or opening the rebuilt folder reuses the broken one.
                from chromadb.api.shared_system_client import SharedSystemClient

                SharedSystemClient._identifier_to_system.pop(str(path), None)
                raise
        self._name = collection
        # embedding_function=None: Chroma's default one downloads a model; we bring our own vectors.
        self._collection = self._client.get_or_create_collection(
            collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def count(self) -> int:
        return self._collection.count()

    def ids(self) -> set[str]:
        return set(self._collection.get(include=[])["ids"])

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        # One upsert per batch of files (per file it cost 70 ms each, 5 % of an index run); the
        # client caps a write at its max batch size.
        step = self._max_batch()
        for i in range(0, len(ids), step):
            self._collection.upsert(
                ids=ids[i : i + step],
                embeddings=vectors[i : i + step],
                metadatas=metadatas[i : i + step],
            )

    def delete(self, ids: list[str]) -> None:
        step = self._max_batch()
        for i in range(0, len(ids), step):
            self._collection.delete(ids=ids[i : i + step])

    def _max_batch(self) -> int:
        try:
            return max(1, min(5000, self._client.get_max_batch_size()))
        except Exception:  # noqa: BLE001 - older servers: the size every version accepts
            return 1000

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(id, cosine similarity) pairs, most similar first."""
        n = self.count()
        if n == 0:
            return []
        res = self._collection.query(
            query_embeddings=[vector.tolist()], n_results=min(k, n), include=["distances"]
        )
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0])]

    def close(self) -> None:
        """Release the folder: Chroma keeps one open database per folder and process."""
        self._client.close()

    def reset(self) -> None:
        self._client.delete_collection(self._name)
        self._collection = self._client.get_or_create_collection(
            self._name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
