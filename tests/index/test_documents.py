"""Embedding a batch of prepared documents: each distinct text once, known vectors taken."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from rag.index.documents import (
    MAX_HEADER_CHARS,
    EmbeddedDocuments,
    KnownVectors,
    PreparedDocument,
    embedding_text,
    passage_embedding_text,
    sentence_embedding_text,
)
from rag.ingest.boilerplate import Span

pytestmark = pytest.mark.integration


class Recording:
    """The real embedder, with the texts of each call kept."""

    def __init__(self, embedder):
        self.embedder, self.calls = embedder, []

    def embed(self, texts, batch_size=32):
        self.calls.append(list(texts))
        return self.embedder.embed(texts, batch_size)


def document(source: str, text: str, title: str = "") -> PreparedDocument:
    """One passage, each line a sentence."""
    sentences, at = [], 0
    for line in text.split("\n"):
        sentences.append((at, at + len(line)))
        at += len(line) + 1
    return PreparedDocument(source, source, text, title, [Span(0, len(text))], sentences, None)


def test_a_text_two_documents_share_is_embedded_once(embedder):
    a = document("a.txt", "Note\nThe pump runs at night.")
    b = document("b.txt", "Note\nThe valve opens at dawn.")
    recording = Recording(embedder)

    done = EmbeddedDocuments.of([a, b], recording, "separate", 16)

    (texts,) = recording.calls
    assert sorted(texts) == sorted({a.text, b.text, "Note", "The pump runs at night.", "The valve opens at dawn."})
    alone = embedder.embed(["Note", "The pump runs at night.", "The valve opens at dawn."])
    for got, want in zip([*done.sentence_vectors[0], *done.sentence_vectors[1]], alone[[0, 1, 0, 2]]):
        assert float(got @ want) > 0.9999
    assert float(done.vectors[1] @ embedder.embed([b.text])[0]) > 0.9999


def test_known_vectors_are_taken_and_only_the_rest_embedded(embedder):
    doc = document("a.txt", "Note\nThe pump runs at night.", title="Pumps")
    marker = np.full(384, 1 / np.sqrt(384), dtype=np.float32)  # no text embeds to this
    known = KnownVectors((None,), (marker, None))
    recording = Recording(embedder)

    done = EmbeddedDocuments.of([replace(doc, stored=known)], recording, "separate", 16)

    assert recording.calls == [[embedding_text("Pumps", doc.text), "The pump runs at night."]]
    assert np.array_equal(done.sentence_vectors[0][0], marker)
    assert float(done.sentence_vectors[0][1] @ embedder.embed(["The pump runs at night."])[0]) > 0.9999


HEADER = "| Name | Department | Office |"
TABLE = "\n".join(
    ["Staff, by office.", "", HEADER, "| --- | --- | --- |"]
    + [f"| Person {i} | Team {i} | Room {i} |" for i in range(6)]
    + ["", "After the table."]
)


def table_document(title: str = "Staff") -> PreparedDocument:
    """TABLE cut into two passages, the second beginning among its rows; each line a sentence."""
    sentences, at = [], 0
    for line in TABLE.split("\n"):
        if line:
            sentences.append((at, at + len(line)))
        at += len(line) + 1
    cut = TABLE.index("| Person 3")
    return PreparedDocument("t.md", "t.md", TABLE, title, [Span(0, cut - 1), Span(cut, len(TABLE))], sentences, None)


@pytest.mark.unit
def test_a_passage_that_begins_among_a_tables_rows_is_embedded_under_its_header():
    doc = table_document()
    first, second = doc.passages
    assert passage_embedding_text("Staff", TABLE, first.start, first.end) == embedding_text(
        "Staff", TABLE[first.start : first.end]
    )
    assert passage_embedding_text("Staff", TABLE, second.start, second.end) == embedding_text(
        "Staff", HEADER + "\n" + TABLE[second.start : second.end]
    )


@pytest.mark.unit
def test_a_wide_tables_header_goes_before_its_rows_passages_cut_at_a_cells_edge():
    """A 10,000-column CSV's header filled the model's window before every passage of its rows
    (each was embedded as the same column names), and a 100,000-column one's passage texts, each
    with its 1.4 MB header, ran the machine out of memory."""
    header = "| " + " | ".join(f"column {i}" for i in range(2000)) + " |"
    text = header + "\n|" + "---|" * 2000 + "\n| " + " | ".join(str(i) for i in range(2000)) + " |\n"
    start = text.index("| 0 |")
    embedded = passage_embedding_text("", text, start, start + 40)
    cut, passage = embedded.split("\n")
    assert len(cut) <= MAX_HEADER_CHARS < len(cut) + len(" column 99 |")
    assert header.startswith(cut) and cut.endswith("|") and passage == text[start : start + 40]


@pytest.mark.unit
def test_a_piece_of_a_row_too_long_for_a_passage_is_embedded_as_itself_not_as_the_whole_row():
    """A wide CSV's row is cut into pieces; each piece that began at a cell's pipe was read as
    the whole row with its columns' names (100,000 cells for each of 16,000 pieces: 8 GB)."""
    header = "| " + " | ".join(f"c{i}" for i in range(50)) + " |"
    row = "| " + " | ".join(str(i) for i in range(50)) + " |"
    text = f"{header}\n|{'---|' * 50}\n{row}\n"
    start = text.index(row)
    assert sentence_embedding_text(text, start, start + len(row)).startswith("c0: 0")  # the whole row
    piece = text.index("| 25 |")
    assert sentence_embedding_text(text, piece, start + len(row)) == text[piece : start + len(row)]


def test_pooled_sentences_are_pooled_from_their_own_words_under_a_header(embedder):
    """Pooled sentence vectors come from spans of the passage's embedding text: under a header
    line, each span still holds its sentence."""
    doc = table_document()
    seen = {}

    class Spans:
        def embed_with_spans(self, texts, spans, batch_size=32):
            seen.update(texts=list(texts), spans=[list(s) for s in spans])
            return embedder.embed_with_spans(texts, spans, batch_size)

    done = EmbeddedDocuments.of([doc], Spans(), "pooled", 16)

    held = [seen["texts"][row][a:b] for row, spans in enumerate(seen["spans"]) for a, b in spans]
    assert held == [TABLE[a:b] for a, b in doc.sentences]
    assert seen["texts"][1].startswith(embedding_text("Staff", HEADER + "\n"))
    assert done.sentence_vectors[0].shape == (len(doc.sentences), 384)
