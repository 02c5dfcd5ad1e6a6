"""Bring the index in line with the corpus folder: incremental, idempotent, interruptible.

Unchanged files (same SHA-256) are skipped; changed files are re-embedded and their old passages
removed; deleted files leave the index; unreadable files are skipped with a warning naming them.
Order per document: add the new vectors, save the manifest, then delete the old vectors — so an
interruption at any point leaves a manifest whose every passage has a vector.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import CorpusError, LoadError
from rag.index.embedder import Embedder
from rag.index.location import IndexLocation
from rag.index.manifest import (
    DocumentEntry,
    Manifest,
    remove_unreferenced,
    save_text,
    save_vectors,
    text_hash,
)
from rag.index.store import VectorStore
from rag.ingest.boilerplate import content_spans, guess_title
from rag.ingest.chunking import Chunker
from rag.ingest.loaders import is_supported, load_document
from rag.ingest.sentences import sentence_spans
from rag.settings import Settings

log = logging.getLogger(__name__)

# Bump when cleaning or chunking rules change: old indexes are then rebuilt, not mixed.
INGEST_VERSION = 2

Progress = Callable[[float, str], None]


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # source -> reason
    passages_embedded: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def scan_corpus(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.exists():
        raise CorpusError(
            f"The corpus folder {corpus_dir} does not exist. Create it and put documents in it."
        )
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir} is not a folder.")
    files = [
        p
        for p in sorted(corpus_dir.rglob("*"))
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
        and is_supported(p)
    ]
    return _within(corpus_dir, files)


def _within(corpus_dir: Path, files: list[Path]) -> list[Path]:
    """Drop symbolic links that lead out of the corpus folder: a link to /etc/passwd must not
    become a citable document. Links to files inside the folder are fine."""
    root = corpus_dir.resolve()
    kept = []
    for p in files:
        if p.resolve().is_relative_to(root):
            kept.append(p)
        else:
            log.warning(
                "Skipped %s: it is a link to a file outside the corpus folder; links are not followed there.",
                p.relative_to(corpus_dir).as_posix(),
            )
    return kept


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    """source -> SHA-256 of each supported file: what the index should reflect."""
    out = {}
    for path in scan_corpus(corpus_dir):
        try:
            out[path.relative_to(corpus_dir).as_posix()] = _sha256(path.read_bytes())
        except OSError:
            continue
    return out


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def embedding_text(title: str, passage: str) -> str:
    # The title gives a short passage its topic ("He said ..." in an article about NAFTA).
    return f"{title}\n\n{passage}" if title else passage


class Indexer:
    def __init__(self, settings: Settings, embedder: Embedder, store: VectorStore):
        self._settings = settings
        self._embedder = embedder
        self._store = store
        self._chunker = Chunker(settings.chunk_size, settings.chunk_overlap, embedder.count_tokens)

    @staticmethod
    def fingerprint_of(s: Settings) -> dict:
        return {
            "ingest": INGEST_VERSION,
            "embedder": "all-MiniLM-L6-v2",
            "chunk_size": s.chunk_size,
            "chunk_overlap": s.chunk_overlap,
            "collection": s.collection,
        }

    def run(self, manifest: Manifest, progress: Progress | None = None) -> IndexReport:
        import time

        t0 = time.perf_counter()
        s = self._settings
        report = IndexReport()
        IndexLocation.claim(s.index_dir, s.corpus_dir)  # never write into a folder that is not ours
        files = scan_corpus(s.corpus_dir)

        if manifest.fingerprint != self.fingerprint_of(s):
            if manifest.documents:
                log.warning("Index settings changed since the last run: rebuilding the index.")
            self._store.reset()
            manifest.documents.clear()
            manifest.skipped.clear()
            manifest.fingerprint = self.fingerprint_of(s)

        self._drop_orphans(manifest)
        seen: set[str] = set()
        for n, path in enumerate(files):
            source = path.relative_to(s.corpus_dir).as_posix()
            seen.add(source)
            if progress:
                progress(n / max(len(files), 1), f"Indexing {source}")
            try:
                self._index_file(path, source, manifest, report)
            except LoadError as e:
                report.skipped[source] = str(e)
                log.warning("Skipped %s", e)
                if e.sha256:
                    manifest.skipped[source] = (e.sha256, str(e))
                # A file that became unreadable is no longer what the index says it is.
                if source in manifest.documents:
                    self._remove(source, manifest)
                    report.removed.append(source)

        for source in set(manifest.skipped) - seen:
            del manifest.skipped[source]
        for source in sorted(set(manifest.documents) - seen):
            self._remove(source, manifest)
            report.removed.append(source)

        manifest.save(s.index_dir)
        remove_unreferenced(s.index_dir, manifest)
        if progress:
            progress(1.0, "Index up to date")
        report.seconds = time.perf_counter() - t0
        return report

    def _index_file(self, path: Path, source: str, manifest: Manifest, report: IndexReport) -> None:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise LoadError(f"{source}: cannot read the file ({e.strerror})") from e
        sha = _sha256(data)
        old = manifest.documents.get(source)
        if old is not None and old.sha256 == sha:
            report.unchanged.append(source)
            return
        if manifest.skipped.get(source, ("",))[0] == sha:
            report.skipped[source] = manifest.skipped[source][1]
            return
        manifest.skipped.pop(source, None)
        try:
            doc = self._load(path, source, data)
            # Inside the try: a file with nothing left after cleaning is skipped (and remembered) too.
            self._index_document(doc, sha, old, manifest, report)
        except LoadError as e:
            e.sha256 = sha
            raise

    def _load(self, path: Path, source: str, data: bytes):
        size_mb = len(data) / 1e6
        if size_mb > self._settings.max_file_mb:
            raise LoadError(f"{source}: {size_mb:.1f} MB is over the {self._settings.max_file_mb:g} MB limit")
        try:
            return load_document(path, source, data)
        except LoadError:
            raise
        except Exception as e:  # noqa: BLE001 - one bad file never stops indexing (the loaders
            # catch what they know; a parser can still raise anything on real-world damage)
            raise LoadError(f"{source}: could not be read ({type(e).__name__}: {str(e)[:200]})") from e

    def _index_document(
        self, doc, sha: str, old: DocumentEntry | None, manifest: Manifest, report: IndexReport
    ) -> None:
        source = doc.source
        spans = content_spans(doc.text)
        title_span = guess_title(doc.text, spans)
        # A Markdown heading's "#" marks are syntax, not part of the title.
        title = doc.title or (doc.text[title_span.start : title_span.end].lstrip("# ") if title_span else "")
        body = [sp for sp in spans if sp != title_span]
        chunks = self._chunker.split(doc.text, body)
        if not chunks:
            raise LoadError(f"{source}: no text left to index after removing boilerplate")

        sentences = sorted({sp for c in chunks for sp in sentence_spans(doc.text, c.start, c.end)})
        entry = DocumentEntry(sha, title, [(c.start, c.end) for c in chunks], sentences, text_hash(doc.text))
        ids = [entry.passage_id(c.start, c.end) for c in chunks]
        texts = [embedding_text(title, doc.text[c.start : c.end]) for c in chunks]
        batch = self._settings.embed_batch_size
        vectors = self._embedder.embed(texts, batch)
        sentence_vectors = self._embedder.embed([doc.text[a:b] for a, b in sentences], batch)
        metadatas = [{"source": source, "start": c.start, "end": c.end} for c in chunks]

        save_text(self._settings.index_dir, sha, doc.text)
        save_vectors(self._settings.index_dir, sha, sentence_vectors)
        self._store.add(ids, vectors, metadatas)
        manifest.documents[source] = entry
        manifest.save(self._settings.index_dir)
        report.passages_embedded += len(chunks)
        (report.updated if old is not None else report.added).append(source)
        if old is not None:
            stale = {old.passage_id(a, b) for a, b in old.passages} - set(ids)
            self._store.delete(sorted(stale))

    def _remove(self, source: str, manifest: Manifest) -> None:
        old = manifest.documents.pop(source)
        manifest.save(self._settings.index_dir)
        self._store.delete([old.passage_id(a, b) for a, b in old.passages])

    def _drop_orphans(self, manifest: Manifest) -> None:
        orphans = self._store.ids() - manifest.passage_ids()
        if orphans:
            log.info("Removing %d vectors left by an interrupted run", len(orphans))
            self._store.delete(sorted(orphans))
