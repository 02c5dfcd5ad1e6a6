"""Bring the index in line with the corpus folder: incremental, idempotent, interruptible.

Unchanged files (same SHA-256) are skipped; changed files are re-embedded and their old passages
removed; deleted files leave the index; unreadable files are skipped with a warning naming them.
An indexed file that cannot be read now (permissions, half-written, undecodable), and the indexed
files under a folder that cannot be listed, keep their previous version, with a warning: they are
not known to be gone. A corpus folder with no file to index stops the run before anything changes.
Files are read and cut one by one, then embedded, stored and committed in batches of about
`index_batch_passages` passages. Order per batch: add the new vectors, save the manifest, then
delete the old vectors — so an interruption at any point leaves a manifest whose every passage
has a vector, and the next run resumes from the last saved batch.

Where the time went before batching (300 files, 1,241 passages, 4,839 sentences, cProfile, load
average 8 on 2 cores): 445 s, of which ONNX 383 s (86 %: passages, then every sentence again in a
second pass, in per-file batches of ~10), Chroma upserts per file 21 s, the manifest rewritten
per file 21 s (quadratic), chunking 9 s, tokenizer 4 s, imports 6 s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from rag.errors import CorpusError, EmptyFile, IndexLocationError, LoadError
from rag.index.documents import (
    EmbeddedDocuments,
    KnownVectors,
    PreparedDocument,
    passage_embedding_text,
    sentence_embedding_text,
    shortened_title,
)
from rag.index.embedder import BATCH_RUNTIME_FROM, Embedder, weights_id
from rag.index.files import IndexFiles, index_files
from rag.index.hash_cache import HashCache
from rag.index.location import IndexLocation
from rag.index.manifest import DocumentEntry, Manifest, text_hash
from rag.index.store import VectorStore
from rag.ingest.boilerplate import Layout, Span, content_spans, guess_title, wrap_width
from rag.ingest.bounded import BoundedLoader
from rag.ingest.chunking import Chunker
from rag.ingest.corpus import OVER_LIMIT, file_sha256, read_key, scan_corpus, text_too_big, too_big, unreadable_key
from rag.ingest.line_ends import LineEnds
from rag.ingest.loaders import NO_INDEXED_FILES, LoadedDocument
from rag.ingest.markup import markup_of
from rag.ingest.pictures import kept_pictures
from rag.ingest.sentences import sentence_spans
from rag.settings import Settings
from rag.types import Passage

log = logging.getLogger(__name__)

# Bump when cleaning or chunking rules change: old indexes are then rebuilt, not mixed.
# 3: small paragraphs merge; passage ids name their file; 4: indexes made while ingest merged Punkt
# cuts are rebuilt; 5: a plain-text first line is a title only when set apart (guess_title);
# 6: HTML nested past 200 levels is read to its end, a DOCTYPE's internal subset keeps the title;
# 7: a typeset PDF's ligatures are read as their letters, a title is cut to 200 characters, a form
# feed (and every other line end str.splitlines() knows) ends a line; 8: a text file's YAML front
# matter is metadata (its title the document's), not passages; 9: a first line that ends in an
# abbreviation ("Haldrick Rovers F.C.") may be a title; 10: a line that recurs is dropped only as a
# paragraph of its own of four words or more (documentation repeats lines that are content), and a
# short line that ends in a colon joins the paragraph it introduces; lines wrapped at a fixed width are
# one paragraph, their sentences whole; 11: HTML permalink anchors ("¶") are not text, and a
# definition list's term goes on with its description (rag/ingest/html_blocks.py); 12: a line typed
# at an interactive prompt (">>> ") is one sentence; 13: a Markdown code fence is syntax, not text,
# and the lines of a fenced block are never joined as wrapped text; 14: Markdown's HTML comments and
# link definitions are syntax, a table's rows one paragraph (rag/ingest/markdown.py); 15: .rst files
# are read (rag/ingest/rst.py), and Markdown's and reST's lines carry on at their code, link and
# emphasis marks (only theirs: HTML text's code is not marked); 16: a reST object's signature goes
# on with its description (17: its first paragraph only); 18: a file with Windows line ends is cut
# as the same file with "\n" (rag/ingest/line_ends.py), and a word's invisible characters (a
# zero-width space, a soft hyphen) do not part it (bm25.folded); what a page never shows is not
# text (HTML: `hidden`, `display: none`, <template>; Markdown: <script>, <style>, MyST's targets;
# reST: a code block's language), a one-word reST or Markdown title is the title, and an HTML table
# in a table's cell is read in its cell; 19: data written as text (a run of base64: a Markdown
# image inlined as a `data:` URI, a mail's attachment) is not text (boilerplate._ENCODED); 20: nor
# is the same data wrapped into lines (mail's 76 characters, PEM's 64); 21: nor indented, quoted,
# in a program's string pieces, after "=", or URL-safe (and checksummed hex addresses are text);
# 22: a table row is one sentence, its vector made from the row with its header's names, and a
# row that stands again below is kept (not dropped as a repeat); .csv and Word tables are tables;
# a short HTML page's table is read as rows; no sentence goes on past a blank line; 23: a PDF is
# read as its pages are (rag/ingest/pdf.py): no running heads, footers, page numbers or table of
# contents' lines, wrapped lines and hyphenated words joined, sentences whole over a page break,
# its tables as tables; 24: a word over columns of years is a Word, .csv or PDF table's header;
# 25: a passage that begins among a table's rows is embedded under the table's header line; 26:
# a PDF table's cell that wraps onto a line of its own goes on in its row, and a table written
# cell after cell is read row by row (rag/ingest/pdf.py); 27: a PDF's wrapped lines are measured
# against its text's lines, not its tables' rows, and a cell may wrap in a table's first row; 28:
# a PDF table over a page break is one table (29: also when the page after holds one row of it);
# 30: a footnote mark raised after a full stop or a comma is no text ("Sweden.2"; 31: not after
# a bracket, where it is as often an exponent); 32: a mail's headers are one sentence
# (rag/ingest/mail.py), and a PDF's scanned pages are read by OCR (an index made before had
# skipped such a PDF, and would not read it again while its bytes stay the same); 33: a Word
# (.docx, .doc), OpenDocument or RTF document's footnotes and endnotes are read, each after the
# paragraph that refers to it, and a .docx's text boxes after the paragraph that anchors them (an
# index made before had none of them); a table's header line goes before a passage of its rows
# cut to 600 characters (documents.MAX_HEADER_CHARS), and a piece of a row too long for a
# passage is embedded as itself; a text file's terminal escape sequences (a log's colours) are
# blanked; 34: a numbered list's marker is no sentence of its own ("2." was one, "Tap the link." the
# next), and a sentence goes on past emphasis that ends in its own "?" ("Tap **Forgot password?**
# under the field.": rag/ingest/sentences.py); 35: a list item's "Owner: …", "Due: …" are its own
# sentence's ("- A5: Publish the summary. Owner: Amara Okafor." was two); 36: a line break inside
# an open round bracket carries the sentence on ('… Dundee (the' / '"Customer").' were two); 37: a
# mail's prose quoted three levels down ('>>> I've booked the review …') is cut into sentences,
# not kept whole as an interactive prompt's line of code, and a PDF table's row whose cells are
# set about its middle (fpdf2's default) keeps its wrapped first cell; 38: a sheet's or a .csv
# file's two-row header (a group merged over the labels under it) is one header ("2025 H2"), and
# the title and label lines a .csv file opens with are lines over its table, not its header; 39: a
# numbered label in emphasis and the marks that close it are their sentence's ("**Q13. What is
# the word limit?**" was three: "**Q13.", the question, "**"); an HTML ordered list's items keep
# their numbers, a table whose rows open with a <th> label has no header row, and a page's byline
# is read under its title; no piece of a
# Markdown heading's line is a sentence ("Updating the firmware" of "## 4. Updating the firmware");
# a line wrapped at the text's width goes on whatever the next line opens with ("… appointed
# Daniel" / "Okafor, …": boilerplate.wrapped_on); 40: a line that ends in "the", "at", "and" …
# goes on at any width, and a hand-wrapped line may end a few characters short of the width; 41:
# the width is its prose's (a table's rows and rules run past it); 42: a mail whose plain part is
# a stub ("view this email in HTML") is read from its HTML part, a table that lays a page out is
# read as the blocks it holds, and a table of bold labels and their values as fields; a Word
# table stands apart from a table before it, and a Word grid of labels and values is fields; an
# HTML table marked role="presentation" is read (mail builders mark data tables so), a page's
# columns of headings and paragraphs are read as its blocks, a table's caption is a line over it;
# 43: an HTML header cell's <abbr title> is spelled out after it ("D (Drawn)"), a .csv file may
# open with up to 15 lines over its table (a bank statement's account lines), a .rtf or .odt table
# of labels and their values (one pair or more a row; a .docx table of two such columns too) is
# fields, and a manual page's term line goes with the description indented under it into one
# passage (rag/text/entries.py); 44: a Word table's header may have an empty corner cell, a
# qualifier in brackets, or two cells over amounts ("| Excess | Amount |"); a PDF header of four
# columns or more over one row is a table; a spreadsheet's row of dates under its header names
# the columns with the header; a slide's footer or number drawn as a text box is not read; a reST
# definition list item (a term, its fields and its text) is one paragraph; an HTML page whose
# headings stand in its <body> itself is read as its main content (trafilatura dropped them); a
# PDF's grid of labels and values is fields; a mail whose HTML part has the tables its plain part
# lines up with spaces is read from its HTML part; 45: an HTML comment or a script inside a
# Markdown sentence stays in it (it cut the sentence in two)
INGEST_VERSION = 45

Progress = Callable[[float, str], None]


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # source -> reason
    # Entries of the corpus folder not read at all, named in a warning as it was scanned (a link
    # out of it, a name that is not UTF-8: rag.ingest.corpus.CorpusScan.passed_over).
    passed_over: dict[str, str] = field(default_factory=dict)
    # Indexed files that cannot be read now, or lie under a folder that cannot be: their previous
    # version stays in the index. source -> reason.
    kept: dict[str, str] = field(default_factory=dict)
    # Pictures an earlier run read that this one, not reading pictures (Settings.read_pictures),
    # keeps as they were indexed (rag.ingest.pictures.kept_pictures).
    pictures_kept: list[str] = field(default_factory=list)
    # The skipped and kept files this run has already named in a warning (read now and found
    # unreadable); those skipped as before, unchanged, are in `skipped` without one.
    warned: set[str] = field(default_factory=set)
    # Unchanged files re-embedded because the store lacked passages the manifest names.
    repaired: list[str] = field(default_factory=list)
    passages_embedded: int = 0
    # Passages whose text the index already held with their vectors, taken from the store: a
    # file's content under another name (moved, copied), or what an edited file kept unchanged.
    passages_reused: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.repaired)


@dataclass(frozen=True)
class _Embedding:
    """A batch handed to the embedding thread: its documents, and their vectors to come."""

    batch: list[PreparedDocument]
    vectors: Future  # of EmbeddedDocuments


class Indexer:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        store: VectorStore,
        loader: BoundedLoader | None = None,
        files: IndexFiles | None = None,
        while_last_batch: Callable[[list[str], dict[str, Passage]], None] | None = None,
        hashes: HashCache | None = None,
    ):
        """`loader`: a long-lived one (OpenIndex keeps its worker process between runs); without
        it the run starts its own and stops it at the end. `files`: where the manifest, texts and
        sentence vectors go (by default: the Chroma server when the settings name one, else the
        index folder). `while_last_batch`: called with the ids of the passages the index will hold
        once the run completes, in order, and those of them the run cut (by id), while the last
        batch is embedded (OpenIndex builds the word indexes then: they need no vectors, and the
        embedding leaves the GIL free). `hashes`: the files' hashes by stat (OpenIndex keeps one
        for the index; without it, one for this run alone)."""
        self._settings = settings
        self._embedder = embedder
        self._store = store
        self._loader = loader
        self._files = files if files is not None else index_files(settings, store)
        self._while_last_batch = while_last_batch
        self._chunker: Chunker | None = None  # made when a file is cut: a no-op run needs none
        self._as_saved: tuple[dict, dict, bool] | None = None  # (fingerprint, skipped, rebuilding) as last saved
        self._held: dict[str, tuple[str, DocumentEntry]] = {}  # content hash -> (source, entry), per run
        self._hashes = hashes if hashes is not None else HashCache(None, writable=False)

    def _chunking(self) -> Chunker:
        # Made when a file is cut: a no-op run needs no tokenizer counts.
        if self._chunker is None:
            s = self._settings
            embedder = self._embedder
            self._chunker = Chunker(
                s.chunk_size, s.chunk_overlap, embedder.count_tokens, s.merge_below, embedder.count_tokens_batch
            )
        return self._chunker

    @staticmethod
    def fingerprint_of(s: Settings) -> dict:
        return {
            "ingest": INGEST_VERSION,
            # Not the runtime: OpenVINO's and ONNX Runtime's vectors agree (cosine 0.99999), so an
            # index made by one is answered with the other's question vectors.
            "embedder": weights_id(s.embed_weights) + ("" if s.embed_precision == "fp32" else f"-{s.embed_precision}"),
            "chunk_size": s.chunk_size,
            "chunk_overlap": s.chunk_overlap,
            "merge_below": s.merge_below,
            "sentence_vectors": s.sentence_vectors,
            "collection": s.collection,
        }

    def run(self, manifest: Manifest, progress: Progress | None = None) -> IndexReport:
        if self._loader is not None:
            return self._run(manifest, progress)
        self._loader = BoundedLoader(self._settings.extract_timeout_s, max_text_mb=self._settings.max_file_mb)
        try:
            return self._run(manifest, progress)
        finally:
            self._loader.close()
            self._loader = None

    def _run(self, manifest: Manifest, progress: Progress | None = None) -> IndexReport:
        import time

        t0 = time.perf_counter()
        s = self._settings
        report = IndexReport()
        IndexLocation.claim(s.index_dir, s.corpus_dir)  # never write into a folder that is not ours
        scan = scan_corpus(s.corpus_dir, pictures=s.read_pictures)
        report.passed_over = dict(scan.passed_over)
        if not scan.files:
            # Before anything is removed: an empty folder (a drive not mounted, a sync that has not
            # run) emptied the manifest and the store, and only then said there was nothing to index.
            unread = "; cannot read " + ", ".join(f"{f} ({why})" for f, why in scan.unreadable.items())
            raise CorpusError(
                f"Nothing to index in {s.corpus_dir}: {NO_INDEXED_FILES}"
                f"{unread if scan.unreadable else ''}. The index is left as it was."
            )
        self._check_same_corpus(scan.files, manifest)
        files = scan.files
        self._as_saved = self._saved_state(manifest)

        if manifest.fingerprint != self.fingerprint_of(s):
            if manifest.documents:
                log.warning("Index settings changed since the last run: rebuilding the index.")
            self._store.reset()
            manifest.documents.clear()
            manifest.skipped.clear()
            manifest.fingerprint = self.fingerprint_of(s)
            # Each batch's save names only the documents done so far: marked, so that a server
            # beside this run keeps the whole index it loaded until the save that ends the run
            # (17 files, 1,032 passages, batches of 60: a server that reloaded every save refused
            # a question the documents answer from 8.6 s to 37 s of the run). An interrupted run
            # leaves the mark, and the run that finishes the index clears it.
            manifest.rebuilding = True

        # What the index holds, by content, as these settings cut it (after a settings change it
        # holds nothing): a file moved into another folder (or copied) takes the
        # vectors of the same content instead of being embedded again.
        self._held = {entry.sha256: (source, entry) for source, entry in manifest.documents.items()}
        repair = self._check_store(manifest)
        # Sources under a folder that cannot be read are unknown, not deleted: they stay as indexed.
        hidden = {src for src in (*manifest.documents, *manifest.skipped) if scan.hides(src)}
        for source in sorted(hidden & set(manifest.documents)):
            report.kept[source] = f"{source}: under a folder that cannot be read now"
        seen: set[str] = set(hidden)
        if not s.read_pictures:
            kept = kept_pictures(s.corpus_dir, {*manifest.documents, *manifest.skipped})
            report.pictures_kept = [source for source in kept if source in manifest.documents]
            seen.update(kept)
        gone: list[str] = []  # indexed sources that left the corpus
        # One batch is embedded on a worker thread while the next files are read and cut here
        # (the model's threads left a core idle while files were cut); batches are stored in
        # order, each before its manifest save, as when they ran one after the other.
        pool = ThreadPoolExecutor(1, thread_name_prefix="embed")
        try:
            last = self._cut_files(files, manifest, report, repair, seen, gone, progress, pool)
            if last is not None:
                self._beside(last, manifest, seen, gone)
                self._store_batch(last.vectors.result(), manifest, report)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

        for source in set(manifest.skipped) - seen:
            del manifest.skipped[source]
        gone += sorted(set(manifest.documents) - seen)
        self._remove(gone, manifest)
        report.removed += gone

        manifest.rebuilding = False  # every file is indexed, skipped or kept: the index is whole
        # Saved only when something changed since the last save (each stored batch and each
        # removal saves it): a save is a new generation, which makes every `rag serve` beside it
        # reload the whole index, and writing a 100k-passage manifest takes 0.25 s.
        if self._saved_state(manifest) != self._as_saved or self._files.generation() is None:
            self._save_manifest(manifest)
        self._files.remove_unreferenced(manifest)
        self._hashes.keep_only(seen)
        self._hashes.save()
        if progress:
            progress(1.0, "Index up to date")
        report.seconds = time.perf_counter() - t0
        return report

    def _beside(self, last: _Embedding, manifest: Manifest, seen: set[str], gone: list[str]) -> None:
        """Run while_last_batch with the passages of the manifest this run will save: the one
        saved so far, with the last batch's documents and without the ones that left (the
        texts of the others are not read: the word indexes keep their words)."""
        if self._while_last_batch is None:
            return
        after = Manifest(manifest.fingerprint, dict(manifest.documents))
        for source in set(after.documents) - seen | set(gone):
            after.documents.pop(source, None)
        fresh: dict[str, Passage] = {}
        for doc in last.batch:
            entry = after.documents[doc.source] = doc.entry()
            for pid, c in zip(entry.passage_ids(doc.source), doc.passages):
                fresh[pid] = Passage(pid, doc.source, doc.title, doc.text[c.start : c.end], c.start, c.end)
        self._while_last_batch(after.passage_ids_in_order(), fresh)

    def _cut_files(
        self,
        files: list[Path],
        manifest: Manifest,
        report: IndexReport,
        repair: set[str],
        seen: set[str],
        gone: list[str],
        progress: Progress | None,
        pool: ThreadPoolExecutor,
    ) -> _Embedding | None:
        """Read and cut each new or changed file, handing batches of ~index_batch_passages to
        `pool` to embed, and storing each when the next is handed over; returns the last
        batch's embedding, still to be stored."""
        s = self._settings
        batch: list[PreparedDocument] = []
        pending = 0
        embedding: _Embedding | None = None
        for n, path in enumerate(files):
            source = path.relative_to(s.corpus_dir).as_posix()
            seen.add(source)
            if progress:
                progress(n / max(len(files), 1), f"Indexing {source}")
            try:
                doc = self._prepare_file(path, source, manifest, report, source in repair)
            except LoadError as e:
                if e.sha256:
                    manifest.skipped[source] = (e.sha256, str(e))
                if source in manifest.documents and isinstance(e, EmptyFile):
                    # Emptied: kept as unreadable, its old text was cited from a file that no
                    # longer says it, at every run. Removed; written again, it is indexed again.
                    gone.append(source)
                    report.warned.add(source)
                    log.warning("Removed %s from the index: the file is now empty.", source)
                elif source in manifest.documents:
                    self._keep(source, str(e), report)
                else:
                    report.skipped[source] = str(e)
                    report.warned.add(source)
                    log.warning("Skipped %s", e)
                continue
            if doc is None:
                continue
            batch.append(doc)
            pending += len(doc.passages)
            if pending >= s.index_batch_passages:
                embedding = self._handed_over(pool, embedding, batch, manifest, report)
                batch, pending = [], 0
        return self._handed_over(pool, embedding, batch, manifest, report)

    def _handed_over(
        self,
        pool: ThreadPoolExecutor,
        embedding: _Embedding | None,
        batch: list[PreparedDocument],
        manifest: Manifest,
        report: IndexReport,
    ) -> _Embedding | None:
        """Store the batch embedded meanwhile, then start embedding `batch` (None when empty)."""
        if embedding is not None:
            self._store_batch(embedding.vectors.result(), manifest, report)
        if not batch:
            return None
        # Here, between stores: the store is read by one thread, and after the batch before has
        # deleted what it replaced (a document whose vectors are gone meanwhile is embedded).
        batch = self._with_stored_vectors(batch)
        return _Embedding(batch, pool.submit(self._embedded, batch))

    def _with_stored_vectors(self, batch: list[PreparedDocument]) -> list[PreparedDocument]:
        """Each document with the vectors the index holds for it (one read of the store for the
        batch): all of them when its content is indexed under another source; when it is a new
        version of an indexed file, those of the passages and sentences whose text it keeps
        (a passage by what it is embedded as: passage_embedding_text, its title and a table's
        header leading it). The rest is embedded."""
        separate = self._settings.sentence_vectors == "separate"
        earlier = {doc.source: self._earlier_version(doc) for doc in batch if separate and not doc.same_as}
        wanted = [pid for doc in batch for pid in doc.same_as]  # a file and its copy
        wanted += [pid for old in earlier.values() if old is not None for pid in old[0].values()]
        found = self._store.vectors(list(dict.fromkeys(wanted))) if wanted else {}
        out = []
        for doc in batch:
            stored = None
            if doc.same_as and all(pid in found for pid in doc.same_as):
                sentence_vectors = self._sentence_vectors(doc.sha256)
                if sentence_vectors is not None and len(sentence_vectors) == len(doc.sentences):
                    stored = KnownVectors.all_of(np.stack([found[pid] for pid in doc.same_as]), sentence_vectors)
            elif (old := earlier.get(doc.source)) is not None:
                passage_ids, sentence_vectors = old
                passages = [
                    found.get(passage_ids.get(passage_embedding_text(doc.title, doc.text, c.start, c.end), ""))
                    for c in doc.passages
                ]
                sentences = [sentence_vectors.get(sentence_embedding_text(doc.text, a, b)) for a, b in doc.sentences]
                stored = KnownVectors(tuple(passages), tuple(sentences))
            out.append(replace(doc, stored=stored) if stored is not None else replace(doc, same_as=()))
        if sum(doc.to_embed() for doc in out) >= BATCH_RUNTIME_FROM:
            self._embedder.warm_up()
        return out

    def _earlier_version(self, doc: PreparedDocument) -> tuple[dict[str, str], dict[str, np.ndarray]] | None:
        """For a new version of an indexed file: the ids of the earlier version's passages by what
        they were embedded as, and its sentence vectors by their text; None when there is none or
        its text is gone."""
        old = doc.old
        if old is None:
            return None
        try:
            text = self._files.load_text(old.sha256)
        except (OSError, ValueError):
            return None
        if old.text_sha256 and text_hash(text) != old.text_sha256:  # changed since: its spans name other text
            return None
        # By what a passage is embedded as (its title and a table's header lead it), not its text.
        ids = {
            passage_embedding_text(old.title, text, a, b): pid
            for (a, b), pid in zip(old.passages, old.passage_ids(doc.source))
        }
        vectors = self._sentence_vectors(old.sha256)
        sentences = {}
        if vectors is not None and len(vectors) == len(old.sentences):
            sentences = {sentence_embedding_text(text, a, b): v for (a, b), v in zip(old.sentences, vectors)}
        return ids, sentences

    def _sentence_vectors(self, sha256: str) -> np.ndarray | None:
        try:
            return self._files.load_vectors(sha256)
        except (OSError, ValueError):
            return None

    def _check_same_corpus(self, files: list[Path], manifest: Manifest) -> None:
        """On a Chroma server, before anything is removed: a run whose corpus holds none of the
        indexed documents is refused. It is most likely another app's index in the same
        collection, which the run would delete whole ("3 removed", without a word). A local index
        folder is claimed by its marker; a collection on a server is shared by name."""
        s = self._settings
        if s.chroma_host is None or not manifest.documents:
            return
        if not {p.relative_to(s.corpus_dir).as_posix() for p in files} & set(manifest.documents):
            raise IndexLocationError(
                f"The collection {s.collection!r} on the Chroma server {s.chroma_host}:{s.chroma_port} holds "
                f"{len(manifest.documents):,} documents, none of them in {s.corpus_dir}: another corpus's "
                "index, which this run would delete. Give this corpus its own collection (RAG_COLLECTION), or "
                "delete that collection on the server first."
            )

    def _prepare_file(
        self, path: Path, source: str, manifest: Manifest, report: IndexReport, repair: bool
    ) -> PreparedDocument | None:
        """The file cut into passages, or None when the index already holds it as it is."""
        limit = self._settings.max_file_mb
        try:
            # A file as it was when last hashed is not read (rag/index/hash_cache.py), nor one
            # over the size limit.
            sha, data = read_key(path, source, limit * 1e6, self._hashes)
        except OSError as e:
            unreadable = LoadError(f"{source}: cannot read the file ({e.strerror})")
            unreadable.sha256 = unreadable_key(path)  # remembered until its permissions or content change
            raise unreadable from e
        over = sha.startswith(OVER_LIMIT)
        old = manifest.documents.get(source)
        if old is not None and old.sha256 == sha and not repair:
            report.unchanged.append(source)
            manifest.skipped.pop(source, None)  # back as indexed after a version that could not be read
            return None
        if manifest.skipped.get(source, ("",))[0] == sha:
            if old is not None:  # still the version that could not be read: the previous one stays
                self._keep(source, manifest.skipped[source][1], report)
            else:
                report.skipped[source] = manifest.skipped[source][1]
            return None
        manifest.skipped.pop(source, None)
        if not repair and (held := self._held.get(sha)) is not None and (same := self._same_as(source, sha, old, held)):
            return same
        if over:
            over_size = LoadError(too_big(source, path.stat().st_size, limit))
            over_size.sha256 = sha  # remembered, and not looked at again until it changes
            raise over_size
        if data is None:  # known by its hash, but to be cut now
            try:
                data = path.read_bytes()
            except OSError as e:
                raise LoadError(f"{source}: cannot read the file ({e.strerror})") from e
            sha = file_sha256(source, data)
        if old is None:  # a new file will be embedded whole (a new version of one, perhaps not)
            self._embedder.warm_up()
        try:
            # Inside the try: a file with nothing left after cleaning is skipped (and remembered) too.
            return self._prepare(self._load(path, source, data), sha, old)
        except LoadError as e:
            e.sha256 = sha
            raise
        except Exception as e:
            # Cutting one file's text went wrong (a RecursionError in the chunker stopped `rag
            # index` for the whole corpus, session 60): that file is skipped, named and
            # remembered until it changes; the rest of the corpus is indexed.
            log.error("Cutting %s into passages failed", source, exc_info=True)
            failed = LoadError(f"{source}: could not be cut into passages ({type(e).__name__}: {str(e)[:200]})")
            failed.sha256 = sha
            raise failed from e

    def _same_as(
        self, source: str, sha: str, old: DocumentEntry | None, held: tuple[str, DocumentEntry]
    ) -> PreparedDocument | None:
        """The document cut as the same content was (same text, title, passages, sentences: the
        settings are the same), marked to take its stored vectors; None when its text is gone."""
        was, entry = held
        try:
            text = self._files.load_text(sha)
        except (OSError, ValueError):
            return None
        passages = [Span(a, b) for a, b in entry.passages]
        ids = tuple(entry.passage_ids(was))
        return PreparedDocument(source, sha, text, entry.title, passages, list(entry.sentences), old, same_as=ids)

    def _load(self, path: Path, source: str, data: bytes) -> LoadedDocument:
        if len(data) > self._settings.max_file_mb * 1e6:
            raise LoadError(too_big(source, len(data), self._settings.max_file_mb))
        try:
            doc = self._loader.load(path, source, data)
        except LoadError:
            raise
        except Exception as e:
            # catch what they know; a parser can still raise anything on real-world damage)
            raise LoadError(f"{source}: could not be read ({type(e).__name__}: {str(e)[:200]})") from e
        # The limit holds for the text too: a 160 KB Word file of one sentence repeated (the zip
        # compresses it 150 to 1) was 24 MB of text, 26,667 passages and 165 s of embedding.
        # (The extraction worker checks it too, before the text crosses to this process.)
        if len(doc.text) > self._settings.max_file_mb * 1e6:
            raise LoadError(text_too_big(source, len(doc.text), self._settings.max_file_mb))
        return doc

    def _prepare(self, doc: LoadedDocument, sha: str, old: DocumentEntry | None) -> PreparedDocument:
        markup = markup_of(doc.source)
        ends = LineEnds.of(doc.text)  # cut with "\r\n" read as "\n"; offsets are the document's
        text = ends.text
        spans = content_spans(text, markup)
        title_span = guess_title(text, spans, set_apart=doc.title is None)
        # A Markdown heading's "#" marks are syntax, not part of the title.
        title = shortened_title(
            doc.title or (text[title_span.start : title_span.end].lstrip("# ") if title_span else "")
        )
        body = [sp for sp in spans if sp != title_span]
        chunks = self._chunking().split(text, body)
        if not chunks:
            raise LoadError(f"{doc.source}: no text left to index after removing boilerplate")
        layout = Layout.of(body, markup != "text", wrap_width(text))
        # A passage of nothing but headings (one a hidden comment parts from its paragraph, as
        # every Node.js API entry's) keeps them as sentences: the answer paths quote sentences,
        # and the reader's span in such a passage was quoted bare ("callback [1]").
        sentences = sorted(
            {
                ends.back(*sp)
                for c in chunks
                for sp in (
                    sentence_spans(text, c.start, c.end, layout)
                    or sentence_spans(text, c.start, c.end, layout.headings_read())
                )
            }
        )
        passages = [ends.span(c) for c in chunks]
        return PreparedDocument(doc.source, sha, doc.text, title, passages, sentences, old)

    def prepare_upload(
        self, path: Path, source: str, data: bytes, old: DocumentEntry | None = None
    ) -> EmbeddedDocuments:
        """A new file read, cut and embedded, with nothing written: the slow part of adding it,
        which the web server runs while questions are still answered. `old`: the indexed version
        it replaces, whose vectors it takes for the text it keeps. LoadError when unreadable."""
        if self._loader is None:
            raise RuntimeError("prepare_upload needs the index's long-lived loader")
        sha = file_sha256(source, data)
        doc = self._prepare(self._load(path, source, data), sha, old)
        return self._embedded(self._with_stored_vectors([doc]))

    def store(self, embedded: EmbeddedDocuments, manifest: Manifest) -> IndexReport:
        """Store prepared vectors and name their documents in the manifest (saved). What each
        replaces is what the manifest holds now (another process may have indexed the file
        since it was prepared), so its old passages leave the store."""
        docs = [replace(doc, old=manifest.documents.get(doc.source)) for doc in embedded.documents]
        report = IndexReport()
        self._store_batch(replace(embedded, documents=docs), manifest, report)
        return report

    def _embedded(self, batch: list[PreparedDocument]) -> EmbeddedDocuments:
        s = self._settings
        return EmbeddedDocuments.of(batch, self._embedder, s.sentence_vectors, s.embed_batch_size)

    def _store_batch(self, embedded: EmbeddedDocuments, manifest: Manifest, report: IndexReport) -> None:
        batch, vectors, sentence_vectors = embedded.documents, embedded.vectors, embedded.sentence_vectors
        ids: list[str] = []
        metadatas: list[dict] = []
        stale: set[str] = set()
        try:
            for doc, sv in zip(batch, sentence_vectors):
                entry = doc.entry()
                doc_ids = entry.passage_ids(doc.source)
                ids += doc_ids
                metadatas += [{"source": doc.source, "start": c.start, "end": c.end} for c in doc.passages]
                self._files.save_document(doc.sha256, doc.text, sv)
                if doc.old is not None:
                    stale |= set(doc.old.passage_ids(doc.source)) - set(doc_ids)
            self._store.add(ids, vectors, metadatas)
        except OSError:
            # A full disk, most often: the batch's texts and vectors, written for nothing (the
            # manifest does not name them), would take the space the next run needs.
            self._files.remove_unreferenced(manifest)
            raise
        for doc in batch:
            manifest.documents[doc.source] = doc.entry()
            reused = doc.stored.known_passages() if doc.stored is not None else 0
            report.passages_reused += reused
            report.passages_embedded += len(doc.passages) - reused
            if doc.old is None:
                report.added.append(doc.source)
            elif doc.old.sha256 == doc.sha256:
                report.repaired.append(doc.source)
            else:
                report.updated.append(doc.source)
        self._save_manifest(manifest)
        self._store.delete(sorted(stale))

    @staticmethod
    def _keep(source: str, reason: str, report: IndexReport) -> None:
        """An indexed file that cannot be read now keeps its previous version in the index: a file
        being written, made unreadable by a permission change or saved in another encoding lost
        its indexed text and its answers, with a warning that said only "skipped"."""
        report.kept[source] = reason
        report.warned.add(source)
        why = reason.removeprefix(f"{source}: ")
        log.warning("Kept the previous version of %s: it cannot be read now (%s).", source, why)

    def _save_manifest(self, manifest: Manifest) -> None:
        """Save it, and remember what the run has saved. The documents are saved whenever they
        change (a stored batch, a removal); the fingerprint and the skipped files may change
        without a save, so those (and the rebuilding mark) are compared at the end of the run."""
        self._files.save_manifest(manifest)
        self._as_saved = self._saved_state(manifest)

    @staticmethod
    def _saved_state(manifest: Manifest) -> tuple[dict, dict, bool]:
        return dict(manifest.fingerprint), dict(manifest.skipped), manifest.rebuilding

    def _remove(self, sources: list[str], manifest: Manifest) -> None:
        if not sources:
            return
        old = {src: manifest.documents.pop(src) for src in sources}
        self._save_manifest(manifest)
        self._store.delete(sorted(pid for src, d in old.items() for pid in d.passage_ids(src)))

    def _check_store(self, manifest: Manifest) -> set[str]:
        """Drop vectors the manifest does not name (orphans of an interrupted run); return the
        sources with passages the manifest names but the store lacks, to be embedded again.

        The ids are compared only when the counts differ: an interrupted run leaves more vectors
        than the manifest names (added before it was saved, or stale ones not yet deleted), a
        damaged store fewer. Reading all 100k ids from Chroma took 1-2 s of every run, no-op
        included."""
        named = manifest.passage_ids()
        if self._store.count() == len(named):
            return set()
        stored = self._store.ids()
        orphans = stored - named
        if orphans:
            log.info("Removing %d vectors left by an interrupted run", len(orphans))
            self._store.delete(sorted(orphans))
        missing = {src for src, d in manifest.documents.items() if not stored.issuperset(d.passage_ids(src))}
        if missing:
            log.warning("Re-embedding %d documents whose vectors are missing from the store", len(missing))
        return missing
