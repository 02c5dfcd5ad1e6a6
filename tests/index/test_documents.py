"""Embedding a batch of prepared documents: each distinct text once, known vectors taken."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from rag.index.documents import EmbeddedDocuments, KnownVectors, PreparedDocument, embedding_text
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
