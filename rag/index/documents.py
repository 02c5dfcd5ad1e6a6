"""A file on its way into the index: cut into passages and sentences (PreparedDocument), then
embedded (EmbeddedDocuments), one batch of files at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rag.index.embedder import Embedder
from rag.index.manifest import DocumentEntry, text_hash
from rag.ingest.boilerplate import Span

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


@dataclass(frozen=True)
class PreparedDocument:
    """One file read, cleaned and cut, waiting to be embedded.

    Invariants: every passage and sentence is a span of `text`; every sentence lies whole inside
    at least one passage; `passages` is not empty; `stored`, when set, holds one passage vector
    per passage and one sentence vector per sentence.
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
    stored: tuple[np.ndarray, np.ndarray] | None = field(default=None, compare=False, repr=False)

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
        "pooled" (from the passage's own forward pass)."""
        if any(doc.stored is not None for doc in batch):
            return cls._with_stored(batch, embedder, sentences, batch_size)
        texts = [embedding_text(doc.title, doc.text[c.start : c.end]) for doc in batch for c in doc.passages]
        if sentences == "separate":
            alone = [doc.text[a:b] for doc in batch for a, b in doc.sentences]
            both = embedder.embed(texts + alone, batch_size)
            vectors, rest = both[: len(texts)], both[len(texts) :]
            out = []
            for doc in batch:
                out.append(rest[: len(doc.sentences)])
                rest = rest[len(doc.sentences) :]
            return cls(batch, vectors, out)
        spans: list[list[tuple[int, int]]] = [[] for _ in texts]
        where: list[list[tuple[int, int]]] = []  # per document: (passage row, slot) of each sentence
        first = 0
        for doc in batch:
            prefix = len(embedding_text(doc.title, ""))
            k, places = 0, []
            for a, b in doc.sentences:
                # Pooled from the first passage that holds the sentence whole (with overlapping
                # passages, sentences are sorted by start, so that passage never moves back).
                while not (doc.passages[k].start <= a and b <= doc.passages[k].end):
                    k += 1
                row = first + k
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
    def _with_stored(cls, batch: list[PreparedDocument], embedder: Embedder, sentences: str, batch_size: int):
        """The documents that carry their stored vectors take them; the others are embedded."""
        fresh = [doc for doc in batch if doc.stored is None]
        made = cls.of(fresh, embedder, sentences, batch_size) if fresh else None
        rows: list[np.ndarray] = []
        per_doc: list[np.ndarray] = []
        first = n = 0
        for doc in batch:
            if doc.stored is not None:
                passage_vectors, sentence_vectors = doc.stored
            else:
                passage_vectors = made.vectors[first : first + len(doc.passages)]
                sentence_vectors = made.sentence_vectors[n]
                first += len(doc.passages)
                n += 1
            rows.append(passage_vectors)
            per_doc.append(sentence_vectors)
        return cls(batch, np.concatenate(rows).astype(np.float32, copy=False), per_doc)
