"""An index folder opened for answering: claimed, checked, recovered, brought up to date, read.

The index is derived data: whatever is damaged (manifest, texts, vectors, the Chroma store) is
rebuilt from the corpus, and only ever inside a folder we can prove we created
(rag/index/location.py). What the query path needs comes out as one IndexContents.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np

from rag.errors import CorpusError, IndexBusy, IndexDamaged, IndexSettingsDiffer, IndexUnreachable, ReadOnlyIndex
from rag.index.bulk import paused_gc
from rag.index.dense_index import DenseIndex
from rag.index.documents import EmbeddedDocuments
from rag.index.embedder import Embedder
from rag.index.files import IndexFiles, index_files, load_passages
from rag.index.hash_cache import CACHE_FILE, HashCache
from rag.index.indexer import Indexer, IndexReport, Progress
from rag.index.lexical_index import LexicalIndex
from rag.index.location import IndexLocation
from rag.index.manifest import Manifest
from rag.index.store import VectorStore
from rag.index.store import forget as forget_store
from rag.index.write_lock import WriteLock
from rag.ingest.bounded import BoundedLoader
from rag.ingest.corpus import corpus_hashes, missing_corpus
from rag.ingest.loaders import NO_INDEXED_FILES
from rag.ingest.pictures import kept_pictures
from rag.settings import Settings
from rag.types import DocumentInfo, Passage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SentenceVectors:
    """Sentence offsets and vectors of one document, in document order. Invariant: one row of
    `vectors` per (starts[i], ends[i])."""

    starts: np.ndarray
    ends: np.ndarray
    vectors: np.ndarray  # float16 as stored (half the memory; products are taken in float32), L2-normalised

    def spans_are(self, spans: list[tuple[int, int]]) -> bool:
        arr = _span_array(spans)
        return np.array_equal(self.starts, arr[:, 0]) and np.array_equal(self.ends, arr[:, 1])


@dataclass(frozen=True)
class IndexContents:
    """What answering reads. Invariant: texts[p.source][p.start:p.end] == p.text for every passage."""

    passages: list[Passage]
    texts: dict[str, str]  # document text by source: what citation offsets point into
    sentences: dict[str, SentenceVectors]  # by source


def server_gone(e: BaseException) -> bool:
    """Is this what a Chroma server that does not answer raises (a refused or dropped connection,
    a collection the restarted server no longer holds)?"""
    import httpx
    from chromadb.errors import ChromaError

    return isinstance(e, (httpx.TransportError, ConnectionError, ChromaError))


def _not_found(e: BaseException) -> bool:
    from chromadb.errors import NotFoundError

    return isinstance(e, NotFoundError) or isinstance(e.__cause__, NotFoundError)


class OpenIndex:
    def __init__(self, settings: Settings, embedder: Embedder):
        self.settings = settings
        self._embedder = embedder
        # No corpus and no index yet: nothing to build, and nothing is made (an index folder was
        # created and marked for a corpus folder that was not there).
        if settings.chroma_host is None and not settings.index_dir.exists():
            if not settings.corpus_dir.exists():
                raise missing_corpus(settings.corpus_dir)
            if not settings.corpus_dir.is_dir():  # `--corpus notes.txt`: said so, but left a marked folder
                raise CorpusError(f"{settings.corpus_dir} is not a folder.")
        # Before anything is read or written: the folder is ours, writable, apart from the corpus.
        # A read-only index writes nothing, so it claims nothing (it may be someone else's).
        self._location = None if settings.read_only else IndexLocation.claim(settings.index_dir, settings.corpus_dir)
        self.store: VectorStore | None = None
        self.files: IndexFiles | None = None
        self.manifest = Manifest()
        self.last_report: IndexReport | None = None  # of the last index run, also one a repair made
        self._loaded: object | None = None  # the manifest save this object last read or wrote
        self._seen_rebuilding: object | None = None  # the last save found to be part of a rebuild
        self._seen_embedded: tuple[object, bool] = (None, False)  # a save read; by another embedding model?
        self._sentences_read: dict[str, SentenceVectors] = {}  # by document content (sha256), last _read
        # Its worker process (the parsers of HTML, PDF, Word and notebooks, with a time limit) lives as
        # long as the index.
        self._loader = BoundedLoader(settings.extract_timeout_s, max_text_mb=settings.max_file_mb)
        # Every change to the folder holds it (rag/index/write_lock.py); reading does not.
        self._lock = WriteLock(settings.index_dir)
        # The corpus files' hashes by stat, shared by the staleness check and the index run: an
        # unchanged file is read by neither. Saved in the folder when this index may write it.
        local = settings.chroma_host is None
        self.hashes = HashCache(settings.index_dir / CACHE_FILE if local else None, writable=not settings.read_only)
        self._open()

    @paused_gc
    def _open(self) -> None:
        s = self.settings
        try:
            self._read_manifest()
        except Exception as e:  # any damage: the index is derived data, rebuild it from the corpus
            if s.chroma_host:
                self._server_failed(e)
                return
            if s.read_only:
                raise IndexDamaged(
                    f"The index in {s.index_dir} is unreadable ({e}); run `rag index` where it is built."
                ) from e
            with self._lock.held():
                # Read again once no other process writes it: what looked damaged may have been
                # another writer's work in progress, which clearing would throw away.
                self._drop_store()
                try:
                    self._read_manifest()
                except Exception as again:
                    self._clear(again)
        self._loaded = self.generation()

    def _read_manifest(self) -> None:
        s = self.settings
        if s.read_only and not s.chroma_host:
            # Answering needs no Chroma when the saved copy of the vectors matches (dense()), and
            # Chroma cannot open its database on a read-only filesystem (SQLite "attempt to write
            # a readonly database"): a replica on read-only media opened no index at all.
            self.store = _OpenedWhenUsed(lambda: VectorStore(s.index_dir / "chroma", s.collection))
        else:
            # A read-only replica of a server's index creates nothing there (it made an empty
            # collection of a name it was given before saying the index held no documents).
            create = not (s.read_only and s.chroma_host)
            self.store = VectorStore(s.index_dir / "chroma", s.collection, s.chroma_host, s.chroma_port, create)
        self.files = index_files(s, self.store)
        self.manifest = self.files.load_manifest()

    def _drop_store(self) -> None:
        # Otherwise a new store reuses Chroma's open handle on the files (closed as damaged: the
        # folder may be cleared next).
        if self.store is not None:
            self.store.close(damaged=True)
        self.store = None

    def _clear(self, e: Exception) -> None:
        """Rebuild a damaged index folder as an empty index (the caller holds the write lock)."""
        s = self.settings
        log.warning("The index at %s is unreadable (%s); rebuilding it from %s.", s.index_dir, e, s.corpus_dir)
        self._drop_store()
        self._location.clear()  # only our own files: see rag/index/location.py
        forget_store(s.index_dir / "chroma")
        self.manifest = Manifest()
        self.store = VectorStore(s.index_dir / "chroma", s.collection)
        self.files = index_files(s, self.store)

    def _server_failed(self, e: Exception) -> None:
        """A Chroma server that cannot be reached is an error to fix, never damage to rebuild;
        a manifest on it that cannot be read is damage: the next index run rebuilds it (the
        collections are derived data too), and a read-only replica says so."""
        s = self.settings
        where = f"the Chroma server {s.chroma_host}:{s.chroma_port}"
        if s.read_only and _not_found(e):
            raise IndexDamaged(
                f"The index on {where} holds no documents (no collection {s.collection!r}): run `rag index` with "
                "the same settings where it is built."
            ) from e
        if self.files is None or not isinstance(e, (ValueError, KeyError, TypeError)):
            raise self.unreachable(e) from e
        if s.read_only:
            raise IndexDamaged(f"The index on {where} is unreadable ({e}); run `rag index` where it is built.") from e
        log.warning("The index on %s is unreadable (%s); rebuilding it from %s.", where, e, s.corpus_dir)
        self.manifest = Manifest()
        self._loaded = self.generation()

    def unreachable(self, e: Exception) -> IndexUnreachable:
        """The error for a Chroma server that does not answer, saying what to do."""
        s = self.settings
        return IndexUnreachable(
            f"Cannot use the Chroma server {s.chroma_host}:{s.chroma_port} ({type(e).__name__}: {str(e)[:200]}). "
            f"Start it (`chroma run --path DIR --port {s.chroma_port}`) or set chroma_host / chroma_port to "
            "where it runs."
        )

    @contextmanager
    def _server_answering(self) -> Iterator[None]:
        """A Chroma server that stops answering during an index run or an upload is the error its
        start says, not an httpx traceback (a run that resumes once it is back)."""
        try:
            yield
        except Exception as e:
            if self.settings.chroma_host is None or not server_gone(e):
                raise
            raise self.unreachable(e) from e

    def generation(self) -> object | None:
        """Which save of the manifest is stored (rag/index/files.py)."""
        return self.files.generation()

    def changed_elsewhere(self) -> bool:
        """Another process (`rag index` beside `rag serve`, or on another machine against the
        same Chroma server) saved the index since this one read it. One stat() or one request,
        cheap enough to ask before every question."""
        return self.generation() != self._loaded

    def rebuilt_elsewhere_meanwhile(self) -> bool:
        """Another process is building this index from nothing (new settings) and has saved part
        of it, while this one read it whole: reading it now would answer from the part (see
        Manifest.rebuilding). The saved manifest is read once per save, not per question."""
        if self.manifest.rebuilding:
            return False  # what this one read is a part too: the next part is more
        generation = self.generation()
        if generation is None:  # no manifest saved (the folder deleted): nothing being built there
            return False
        if generation != self._seen_rebuilding:
            try:
                if not self.files.load_manifest().rebuilding:
                    return False
            except Exception:  # damaged or mid-replace: reopen() decides what to do with it
                return False
            self._seen_rebuilding = generation
            log.info(
                "The index at %s is being rebuilt by another process; answering from it as it was.",
                self.settings.index_dir,
            )
        return True

    def embedded_otherwise_elsewhere(self) -> bool:
        """Another process rebuilt this index with another embedding model than this one's since
        this one read it: reading it now would search that model's vectors with this process's
        question vectors (cosines of two models), without a word. (Other passages, a new chunk
        size, are read as they are: a replica answers from what its builder cut.) The saved
        manifest is read once per save."""
        generation = self.generation()
        if generation is None or generation == self._seen_embedded[0]:
            return self._seen_embedded[1]
        try:
            saved = self.files.load_manifest()
        except Exception:  # damaged or mid-replace: reopen() decides what to do with it
            return False
        own = Indexer.fingerprint_of(self.settings)["embedder"]
        otherwise = bool(saved.documents) and saved.fingerprint.get("embedder") != own
        self._seen_embedded = (generation, otherwise)
        if otherwise:
            log.warning("%s Answering from the index as it was loaded.", self._other_settings(saved))
        return otherwise

    def check_same_settings(self) -> None:
        """IndexSettingsDiffer when the index, as last saved, was built with other settings than
        this one's (another embedding model, another chunk size): an upload would store passages
        cut and embedded this one's way among the other's, the index fingerprinted as theirs.
        Asked before an upload is written anywhere, and again under the write lock (add)."""
        with self._server_answering():
            saved = self.files.load_manifest() if self.changed_elsewhere() else self.manifest
        self._check_same_settings(saved)

    def _check_same_settings(self, manifest: Manifest) -> None:
        if manifest.documents and manifest.fingerprint != Indexer.fingerprint_of(self.settings):
            raise IndexSettingsDiffer(f"{self._other_settings(manifest)} Nothing was added.")

    def _other_settings(self, saved: Manifest) -> str:
        own = Indexer.fingerprint_of(self.settings)
        differ = ", ".join(
            f"{k} {saved.fingerprint.get(k)!r} (here {v!r})" for k, v in own.items() if saved.fingerprint.get(k) != v
        )
        return (
            f"The index at {self.settings.index_dir} was rebuilt by another process with other settings: {differ}. "
            "Restart this assistant with the settings that built it, or run `rag index` with this one's."
        )

    def reopen(self) -> None:
        """Read the index again as another process left it. Chroma's embedded client keeps its
        own view of a folder per process, so the store is closed and opened afresh too."""
        if self.store is not None:
            self.store.close()
            if not self.settings.chroma_host:
                forget_store(self.settings.index_dir / "chroma")
        self.store = None
        self._open()

    def stale(self) -> bool:
        """The corpus, or the settings the index was built with, changed since; or the store
        lacks vectors the manifest names (a deleted or emptied chroma/ folder, a restored
        backup): the index run then embeds those documents again (Indexer._check_store)
        instead of answering with dense retrieval silently off. Never for a read-only index:
        it answers from what another process indexed."""
        if self.settings.read_only:
            return False
        if not self.manifest.documents:
            return True
        try:
            count = self.store.count()
        except Exception as e:
            if type(e).__name__ != "NotFoundError":
                raise
            # Another process is rebuilding the index (new settings) and has replaced the
            # collection this one opened: `rag ask` beside it died in a Chroma traceback. The
            # update waits for that writer's lock, then reads the index as it left it.
            log.info("The index at %s is being rebuilt by another process.", self.settings.index_dir)
            return True
        if count < len(self.manifest.passage_ids()):
            log.warning("The vector store lacks passages the index names; embedding them again.")
            return True
        if self.manifest.fingerprint != Indexer.fingerprint_of(self.settings):
            return True
        s = self.settings
        known = self.manifest.known_hashes()
        if not s.read_pictures:  # pictures an earlier run read stay as they are (Indexer: kept)
            for source in kept_pictures(s.corpus_dir, known):
                del known[source]
        changed = corpus_hashes(s.corpus_dir, s.max_file_mb * 1e6, self.hashes, s.read_pictures) != known
        if not changed:
            self.hashes.save()  # what this check read, the next start does not read again
        return changed

    def update(self, progress: Progress | None = None) -> IndexReport:
        """Bring the index in line with the corpus folder. CorpusError when nothing is indexable."""
        # Not with the collector paused (paused_gc): a fresh run makes garbage for as long as it
        # embeds. (`rag index` freezes the loaded manifest around it, so collections skip it.)
        self.check_writable()
        with self._server_answering(), self._writing():
            # The word indexes are saved while the last batch is embedded: a one-file change at
            # 100,852 passages waited ~0.5 s for its embedding, then spent ~0.7 s on them.
            beside = self.save_lexical_of if self.settings.chroma_host is None else None
            report = self._indexer(beside).run(self.manifest, progress)
            self.last_report = report
            self._loaded = self.generation()
        if not self.manifest.documents:
            found = ", ".join(f"{k} ({v})" for k, v in report.skipped.items()) or NO_INDEXED_FILES
            raise CorpusError(f"Nothing to index in {self.settings.corpus_dir}: {found}.")
        return report

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the index's write lock, starting from the index as the last writer left it: a
        manifest read before another process saved its own would be saved over it (its files
        then gone from the index) or, on a new index, reset the collection it had filled."""
        # Claimed again: the folder may have been deleted since it was opened (it is made anew).
        self._location = IndexLocation.claim(self.settings.index_dir, self.settings.corpus_dir)
        with self._lock.held():
            if self.changed_elsewhere():
                log.info("The index at %s was changed by another process; reading it again.", self.settings.index_dir)
                self.reopen()
            yield

    def _indexer(self, while_last_batch: Callable[[list[str], dict[str, Passage]], None] | None = None) -> Indexer:
        return Indexer(
            self.settings, self._embedder, self.store, self._loader, self.files, while_last_batch, self.hashes
        )

    def check_not_busy(self) -> None:
        """IndexBusy when another process is writing the index now: a web upload or removal
        waited for a long `rag index` to finish, its request hanging without a word."""
        with self._lock.held_if_free() as free:
            if not free:
                raise IndexBusy(
                    "Another process is updating the index (a `rag index` run?). Try again when it has finished."
                )

    def check_writable(self) -> None:
        """ReadOnlyIndex when this index may not be changed (settings.read_only)."""
        if self.settings.read_only:
            raise ReadOnlyIndex(
                "This assistant answers from an index it does not change (read_only): "
                "add or remove documents where the index is built, with `rag index`."
            )

    def prepare(self, source: str, data: bytes) -> EmbeddedDocuments:
        """A file for the corpus folder (new, or a new version of one indexed: its vectors are
        taken for the text it keeps) read, cut and embedded; nothing written."""
        old = self.manifest.documents.get(source)
        return self._indexer().prepare_upload(self.settings.corpus_dir / source, source, data, old)

    def add(self, embedded: EmbeddedDocuments) -> IndexReport:
        """Store what prepare() made: vectors, texts, then the manifest naming them."""
        self.check_writable()
        with self._server_answering(), self._writing():
            self._check_same_settings(self.manifest)
            report = self._indexer().store(embedded, self.manifest)
            self.last_report = report
            self._loaded = self.generation()
        return report

    @paused_gc
    def contents(self) -> IndexContents:
        """Read what answering needs; damaged files (changed texts, vectors that do not match the
        manifest) are rebuilt from the corpus first."""
        try:
            return self._read()
        except (OSError, ValueError) as e:
            if self.settings.read_only:
                raise IndexDamaged(
                    f"The index is incomplete or damaged ({e}); run `rag index` where it is built."
                ) from e
            log.warning("The index files are damaged (%s); rebuilding.", e)
            self.manifest = Manifest()
            self.update()
            return self._read()

    def _read(self) -> IndexContents:
        if not self.manifest.documents:
            s = self.settings
            where = f"on the Chroma server {s.chroma_host}:{s.chroma_port}" if s.chroma_host else f"in {s.index_dir}"
            raise IndexDamaged(f"The index {where} holds no documents: run `rag index` with the same settings first.")
        passages, texts = load_passages(self.files, self.manifest)
        # A document read before keeps its sentence vectors (they are named by its content): after
        # one file was added or replaced at 100k passages, reading all 1,267 files again took 0.5
        # of the 2.7 s the upload took.
        earlier, self._sentences_read = self._sentences_read, {}
        sentences = {}
        for src, d in self.manifest.documents.items():
            kept = earlier.get(d.sha256)
            if kept is None or not kept.spans_are(d.sentences):  # the same text cut otherwise (other settings)
                kept = _sentence_vectors(self.files, d.sha256, d.sentences)
            sentences[src] = self._sentences_read[d.sha256] = kept
        return IndexContents(passages, texts, sentences)

    @paused_gc
    def lexical(self, passages: list[Passage]) -> LexicalIndex:
        """BM25 and term statistics over these passages: the ones saved in the index folder when
        they were built from exactly them, else built (and saved, when this index may write its
        folder). A Chroma server's replicas build them from what the server holds: their folders
        stay empty."""
        s = self.settings
        local = s.chroma_host is None
        folder = s.index_dir / "lexical"
        if local and (found := LexicalIndex.load(folder, passages)) is not None:
            return found
        built = LexicalIndex.build(passages, LexicalIndex.saved_tokens(folder) if local else None)
        if local and not s.read_only:
            self._save_words(built)
        # The kept words serve the next build only (from the folder): ~40 MB at 100k passages.
        return replace(built, tokens=None)

    def _save_words(self, built: LexicalIndex) -> None:
        folder = self.settings.index_dir / "lexical"
        with self._lock.held_if_free() as free:
            if not free:  # a cache: another process is writing the index, and saves its own
                return
            try:
                built.save(folder)
            except OSError as e:  # a cache: answering goes on without it
                log.warning("Could not save the word index in %s (%s); it is built again at each start.", folder, e)

    @paused_gc
    def dense(self, ids: list[str]) -> DenseIndex | VectorStore:
        """What the query path searches passage vectors with (these passage ids, in the order
        contents() loads them): the exact copy saved in the index folder when it belongs to
        them, else built (from the saved one and the store) and saved, when this index may write
        its folder. A Chroma server's replicas build it from the server at each start (their
        folders stay empty). Should the store lack vectors the manifest names, its own
        approximate search answers instead."""
        s = self.settings
        local = s.chroma_host is None
        folder = s.index_dir / "dense"
        if local and (found := DenseIndex.load(folder, ids)) is not None:
            return found
        previous = DenseIndex.load(folder) if local else None
        try:
            if local and not s.read_only:
                with self._lock.held_if_free() as free:
                    if free:  # else another process is writing the index, and saves its own copy
                        try:
                            return DenseIndex.saved_of(folder, ids, self.store, previous)
                        except OSError as e:  # a copy: answering goes on without saving it
                            log.warning(
                                "Could not save the passage vectors in %s (%s); they are read again at each start.",
                                folder,
                                e,
                            )
            return DenseIndex.of(ids, self.store, previous)
        except ValueError as e:
            log.warning("Searching the vector store approximately: %s.", e)
            return self.store
        except Exception as e:  # the store itself does not open (a read-only replica's, on read-only media)
            raise IndexDamaged(
                f"The vector store in {s.index_dir} cannot be read here ({str(e)[:200]}) and the index has no "
                "matching copy of its vectors: run `rag index` where the index is built (it saves that copy)."
            ) from e

    @paused_gc
    def save_search(self) -> None:
        """Build and save the word indexes and the copy of the passage vectors unless the saved
        ones match the manifest: `rag index` does it, so that the next start loads them."""
        self.save_lexical()
        if self.settings.chroma_host is None and not self.settings.read_only:
            self.dense(self.manifest.passage_ids_in_order())  # loads (and keeps) a matching copy

    @paused_gc
    def save_lexical_of(self, ids: list[str], fresh: dict[str, Passage]) -> None:
        """Build and save the word indexes of the passages `ids` unless saved, from the saved
        words and the texts of `fresh` (Indexer: while_last_batch). When neither holds some
        passage (the saved words are missing or damaged), save_lexical() builds them after the
        run instead, from every text."""
        folder = self.settings.index_dir / "lexical"
        if self.settings.read_only or LexicalIndex.saved_for(folder, ids):
            return
        try:
            built = LexicalIndex.build_ids(ids, fresh, LexicalIndex.saved_tokens(folder))
        except KeyError:
            return
        self._save_words(built)

    def save_lexical(self) -> None:
        """Build and save the word indexes unless the saved ones match the manifest: `rag index`
        does it, so that the next start loads them instead of building them."""
        s = self.settings
        if s.chroma_host is None and not s.read_only:
            if not LexicalIndex.saved_for(s.index_dir / "lexical", self.manifest.passage_ids_in_order()):
                try:
                    passages = load_passages(self.files, self.manifest)[0]
                except (OSError, ValueError):  # a damaged text: contents() rebuilds it first
                    passages = self.contents().passages
                self.lexical(passages)

    def documents(self) -> list[DocumentInfo]:
        return [DocumentInfo(src, d.title, len(d.passages)) for src, d in sorted(self.manifest.documents.items())]

    def knows(self, source: str) -> bool:
        return source in self.manifest.documents


def _sentence_vectors(files: IndexFiles, sha256: str, spans: list[tuple[int, int]]) -> SentenceVectors:
    vectors = files.load_vectors(sha256)
    if len(vectors) != len(spans):
        raise ValueError(f"sentence vectors of {sha256[:12]} do not match the manifest")
    arr = _span_array(spans)
    return SentenceVectors(arr[:, 0], arr[:, 1], vectors)


def _span_array(spans: list[tuple[int, int]]) -> np.ndarray:
    """(start, end) pairs as an n x 2 array (n may be 0)."""
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


class _OpenedWhenUsed:
    """A vector store made on first use (a local read-only index's: see _read_manifest)."""

    def __init__(self, make: Callable[[], VectorStore]):
        self._make = make
        self._store: VectorStore | None = None

    def __getattr__(self, name: str):
        if self._store is None:
            self._store = self._make()
        return getattr(self._store, name)

    def close(self, damaged: bool = False) -> None:
        if self._store is not None:
            self._store.close(damaged)
