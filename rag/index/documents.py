"""A file on its way into the index: cut into passages and sentences (PreparedDocument), then
embedded (EmbeddedDocuments), one batch of files at a time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from rag.index.embedder import DIM, Embedder
from rag.index.manifest import DocumentEntry, text_hash
from rag.ingest.boilerplate import Span
from rag.text.tables import as_pairs, header_over, row_at

# A title leads every passage's embedding and BM25 text and each list of documents in the web chat:
# an uploaded page whose <title> held 300,000 words made every page load of the chat 7 MB and each
# of its passages a 300,000-word BM25 document (found in session 19). Real titles are far shorter.
MAX_TITLE_CHARS = 200


def shortened_title(title: str) -> str:
    """`title` as it is, or its first MAX_TITLE_CHARS characters, cut at a space, with "…"."""
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[:MAX_TITLE_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut).rstrip() + "…"


def embedding_text(title: str, passage: str) -> str:
    """What a passage is indexed under, by the dense side and BM25 alike: the title gives a
    short passage its topic ("He said ..." in an article about NAFTA)."""
    return f"{title}\n\n{passage}" if title else passage


# A table's header line goes before its later rows' passages cut to this many characters (~130
# word pieces, half the model's window): the 10,000 names of a wide CSV's header filled every
# window, so each passage of its rows was embedded as the same column names (and the texts of a
# 100,000-column file's passages, each with its 1.4 MB header, ran the machine out of memory).
MAX_HEADER_CHARS = 600


def passage_embedding_text(title: str, text: str, start: int, end: int) -> str:
    """What the passage text[start:end] is embedded as: its title, then, when it begins among a
    table's rows, that table's header line (rag.text.tables.header_over), then the passage. A
    table longer than a passage left its later rows' passages without column names: over the
    five table PDFs of eval/probes/pdftables, hit@1 fell 0.711 -> 0.600 when their tables
    became rows (session 37)."""
    header = header_over(text, start)
    if len(header) > MAX_HEADER_CHARS:  # cut at a cell's edge, else anywhere
        header = header[: header.rfind("|", 0, MAX_HEADER_CHARS) + 1] or header[:MAX_HEADER_CHARS]
    return embedding_text(title, f"{header}\n{text[start:end]}" if header else text[start:end])


def sentence_embedding_text(text: str, start: int, end: int) -> str:
    """What a sentence's vector is made from: the sentence, or for a table row under a header,
    the row with its columns' names (rag.text.tables.as_pairs). Only a sentence that begins its
    line is a row: a row too long for a passage is cut into pieces, and each piece that began at
    a cell's pipe was read as the whole row, all 100,000 cells of a wide CSV's row for each of
    its 16,000 pieces (8 GB, and minutes of parsing the same row again)."""
    whole = text.startswith("|", start) and (start == 0 or text[start - 1] == "\n")
    row = row_at(text, start) if whole else None
    return as_pairs(text, row) if row is not None else text[start:end]


@dataclass(frozen=True)
class KnownVectors:
    """Vectors the index holds already for a document's passages and sentences: the same content
    under another name (all of them), or an earlier version of the same file, for the passages
    (same title) and sentences whose text it still has. A vector depends on its text alone, so an
    edit re-embeds what it changed: one line added to a 550-word article re-embedded its 30
    passages and 123 sentences (~1 s of a one-file `rag index` at 100k passages).

    Invariant: passages[i] is passage i's vector or None (to be embedded); the same for sentences.
    """

    passages: tuple[np.ndarray | None, ...]
    sentences: tuple[np.ndarray | None, ...]

    @classmethod
    def all_of(cls, passages: np.ndarray, sentences: np.ndarray) -> KnownVectors:
        return cls(tuple(passages), tuple(sentences))

    def complete(self) -> bool:
        return all(v is not None for v in (*self.passages, *self.sentences))

    def known_passages(self) -> int:
        return sum(v is not None for v in self.passages)


@dataclass(frozen=True)
class PreparedDocument:
    """One file read, cleaned and cut, waiting to be embedded.

    Invariants: every passage and sentence is a span of `text`; every sentence lies whole inside
    at least one passage; `passages` is not empty; `stored`, when set, has a slot for each
    passage and each sentence.
    """

    source: str
    sha256: str
    text: str
    title: str
    passages: list[Span]
    sentences: list[tuple[int, int]]
    old: DocumentEntry | None  # what the manifest held for this source, if anything
    # The same content is indexed under another source (a moved or copied file): the
    # ids of its stored passages, whose vectors this document takes instead of being embedded.
    same_as: tuple[str, ...] = ()
    # The vectors the index holds already for some or all of its passages and sentences.
    stored: KnownVectors | None = field(default=None, compare=False, repr=False)

    def known(self) -> KnownVectors:
        """`stored`, or no vector for anything."""
        return self.stored or KnownVectors((None,) * len(self.passages), (None,) * len(self.sentences))

    def to_embed(self) -> int:
        """How many of its passages and sentences have no vector yet."""
        known = self.known()
        return sum(v is None for v in (*known.passages, *known.sentences))

    def entry(self) -> DocumentEntry:
        return DocumentEntry(
            self.sha256,
            self.title,
            [(c.start, c.end) for c in self.passages],
            self.sentences,
            text_hash(self.text),
        )


@dataclass(frozen=True)
class EmbeddedDocuments:
    """Prepared documents with their vectors, ready to be stored. Invariant: one row of
    `vectors` per passage of the documents in order, one array of `sentence_vectors` per document."""

    documents: list[PreparedDocument]
    vectors: np.ndarray
    sentence_vectors: list[np.ndarray]

    @classmethod
    def of(cls, batch: list[PreparedDocument], embedder: Embedder, sentences: str, batch_size: int):
        """Passage vectors of the whole batch, and each document's sentence vectors in its
        sentence order. One embedder call for the batch: long, length-sorted batches across
        files instead of a few passages per call. `sentences`: "separate" (embedded alone) or
        "pooled" (from the passage's own forward pass). Vectors a document's `stored` holds are
        taken, not embedded (pooled: only when it holds all of them)."""
        if sentences == "separate":
            return cls._separate(batch, embedder, batch_size)
        if any(doc.stored is not None for doc in batch):
            return cls._with_stored(batch, embedder, sentences, batch_size)
        texts = [passage_embedding_text(doc.title, doc.text, c.start, c.end) for doc in batch for c in doc.passages]
        spans: list[list[tuple[int, int]]] = [[] for _ in texts]
        where: list[list[tuple[int, int]]] = []  # per document: (passage row, slot) of each sentence
        first = 0
        for doc in batch:
            k, places = 0, []
            for a, b in doc.sentences:
                # Pooled from the first passage that holds the sentence whole (with overlapping
                # passages, sentences are sorted by start, so that passage never moves back).
                while not (doc.passages[k].start <= a and b <= doc.passages[k].end):
                    k += 1
                row = first + k
                prefix = len(texts[row]) - (doc.passages[k].end - doc.passages[k].start)  # title, header
                places.append((row, len(spans[row])))
                spans[row].append((prefix + a - doc.passages[k].start, prefix + b - doc.passages[k].start))
            where.append(places)
            first += len(doc.passages)
        vectors, pooled = embedder.embed_with_spans(texts, spans, batch_size)
        out = []
        for places in where:
            sv = np.zeros((len(places), vectors.shape[1]), dtype=np.float32)
            for j, (row, slot) in enumerate(places):
                sv[j] = pooled[row][slot]
            out.append(sv)
        return cls(batch, vectors, out)

    @classmethod
    def _separate(cls, batch: list[PreparedDocument], embedder: Embedder, batch_size: int):
        """Sentences embedded alone, in one call with the passages (passages first, then
        sentences, as before vectors were reused); only what no `stored` vector gives."""
        texts: list[str] = []
        slots: list[tuple[np.ndarray, int]] = []  # (the array a text's vector goes into, its row)

        def rows_of(wanted: list[str], known: tuple[np.ndarray | None, ...]) -> np.ndarray:
            """An array for these texts' vectors: the known ones in it, the others queued."""
            out = np.zeros((len(wanted), DIM), dtype=np.float32)
            for row, (text, v) in enumerate(zip(wanted, known)):
                if v is None:
                    texts.append(text)
                    slots.append((out, row))
                else:
                    out[row] = v
            return out

        passage_rows = [
            rows_of(
                [passage_embedding_text(doc.title, doc.text, c.start, c.end) for c in doc.passages],
                doc.known().passages,
            )
            for doc in batch
        ]
        sentence_rows = [
            rows_of([sentence_embedding_text(doc.text, a, b) for a, b in doc.sentences], doc.known().sentences)
            for doc in batch
        ]
        if texts:
            # Each distinct text once: documentation repeats lines ("Note", "For example:", "|",
            # "Part of the Stable ABI."), 9.5 % of the 328,259 sentences at 100k passages.
            distinct = list(dict.fromkeys(texts))
            vectors = embedder.embed(distinct, batch_size)
            row_of = {t: i for i, t in enumerate(distinct)}
            for (out, row), t in zip(slots, texts):
                out[row] = vectors[row_of[t]]
        vectors = np.concatenate(passage_rows) if batch else np.zeros((0, DIM), dtype=np.float32)
        return cls(batch, vectors, sentence_rows)

    @classmethod
    def _with_stored(cls, batch: list[PreparedDocument], embedder: Embedder, sentences: str, batch_size: int):
        """Pooled sentences: the documents that carry all their vectors take them; the others
        are embedded."""
        complete = [doc.stored is not None and doc.stored.complete() for doc in batch]
        fresh = [replace(doc, stored=None) for doc, done in zip(batch, complete) if not done]
        made = cls.of(fresh, embedder, sentences, batch_size) if fresh else None
        rows: list[np.ndarray] = []
        per_doc: list[np.ndarray] = []
        first = n = 0
        for doc, done in zip(batch, complete):
            if done:
                passage_vectors = np.stack(doc.stored.passages)
                sentence_vectors = np.stack(doc.stored.sentences) if doc.sentences else np.zeros((0, DIM), np.float32)
            else:
                passage_vectors = made.vectors[first : first + len(doc.passages)]
                sentence_vectors = made.sentence_vectors[n]
                first += len(doc.passages)
                n += 1
            rows.append(passage_vectors)
            per_doc.append(sentence_vectors)
        return cls(batch, np.concatenate(rows).astype(np.float32, copy=False), per_doc)
