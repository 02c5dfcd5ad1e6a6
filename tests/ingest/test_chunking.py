"""Chunking: long paragraphs split on sentence boundaries, within the embedder's word-piece budget."""

from __future__ import annotations

import pytest

from rag.ingest.boilerplate import Span, content_spans
from rag.ingest.chunking import Chunker, locate
from rag.ingest.sentences import sentence_spans

pytestmark = pytest.mark.integration

CHUNK_SIZE = 200
SUBJECTS = ["The mayor", "Mr. Alvarez", "A U.S. official", "The harbour master", "Dr. Okafor", "The committee"]
VERBS = ["said the bridge", "argued that the ferry", "reported that the tunnel", "confirmed the canal"]


def long_paragraph(n: int = 60) -> str:
    return " ".join(
        f"{SUBJECTS[i % 6]} {VERBS[(i // 6) % 4]} number {i} would need {i * 7 + 3} more workers by spring."
        for i in range(n)
    )


@pytest.fixture(scope="module")
def chunker(embedder):
    return Chunker(CHUNK_SIZE, 20, embedder.count_tokens)


def check_chunks(text: str, paragraph: Span, chunks: list[Span], count_tokens) -> None:
    """Every chunk fits, starts and ends on a sentence boundary, and together they cover it all."""
    sentences = sentence_spans(text, paragraph.start, paragraph.end)
    starts = {a for a, _ in sentences}
    ends = {b for _, b in sentences}
    assert len(chunks) > 1
    for c in chunks:
        assert paragraph.start <= c.start < c.end <= paragraph.end
        assert count_tokens(text[c.start : c.end]) <= CHUNK_SIZE
        assert c.start in starts, text[c.start : c.start + 40]
        assert c.end in ends, text[c.end - 40 : c.end]
    assert chunks[0].start == paragraph.start
    assert chunks[-1].end == paragraph.end
    for a, b in zip(chunks, chunks[1:]):
        assert a.start < b.start  # in order
        assert b.start <= a.end + 1  # no gap: at most the space between two sentences
    # Every sentence lies whole inside at least one chunk.
    for s, e in sentences:
        assert any(c.start <= s and e <= c.end for c in chunks), text[s:e]


def test_long_paragraph_is_split_into_passages_that_fit(chunker, embedder):
    paragraph = long_paragraph()
    text = "Intro line.\n\n" + paragraph + "\n\nA closing paragraph."
    para = Span(13, 13 + len(paragraph))
    assert embedder.count_tokens(paragraph) > 4 * CHUNK_SIZE
    spans = content_spans(text)
    assert spans == [Span(0, 11), para, Span(para.end + 2, len(text))]

    chunks = chunker.split(text, spans)
    # Short paragraphs stay whole and the long one never swallows its neighbours.
    assert chunks[0] == Span(0, 11)
    assert chunks[-1] == Span(para.end + 2, len(text))
    middle = chunks[1:-1]
    check_chunks(text, para, middle, embedder.count_tokens)
    assert len(middle) >= 5


def test_abbreviations_never_start_a_chunk(chunker, embedder):
    paragraph = long_paragraph()
    chunks = chunker.split(paragraph, [Span(0, len(paragraph))])
    for c in chunks:
        piece = paragraph[c.start : c.end]
        assert piece.endswith("by spring.")
        assert not piece.startswith(("S. official", "Alvarez", "Okafor"))


def test_paragraph_of_repeated_sentences_is_covered_to_the_end(chunker, embedder):
    # Identical sentences: a chunk's text also occurs earlier in the paragraph; it must still be
    # placed so that the chunks reach the end of the paragraph.
    paragraph = " ".join(["The river rose again overnight and the town council met to discuss the flood defences."] * 60)
    chunks = chunker.split(paragraph, [Span(0, len(paragraph))])
    check_chunks(paragraph, Span(0, len(paragraph)), chunks, embedder.count_tokens)


def test_short_paragraphs_are_single_chunks(chunker):
    text = "One short paragraph.\n\nAnother short one. With two sentences."
    spans = content_spans(text)
    assert chunker.split(text, spans) == spans


def test_chunk_offsets_are_exact_inside_a_larger_document(chunker, embedder):
    # The long paragraph sits at an offset, after text with the same words: offsets still exact.
    paragraph = long_paragraph(40)
    prefix = "The mayor said the bridge number 0 would need 3 more workers by spring.\n\n"
    text = prefix + paragraph
    para = Span(len(prefix), len(text))
    chunks = chunker.split(text, [para])
    check_chunks(text, para, chunks, embedder.count_tokens)


def test_locate():
    hay = "Alpha beta.  Gamma\n delta. Alpha beta."
    assert locate(hay, "Alpha beta.") == (0, 11)
    assert locate(hay, "Alpha beta.", 1) == (27, 38)
    assert locate(hay, "Gamma delta.") == (13, 26)  # whitespace folded by the splitter
    assert locate(hay, "  ") is None
    assert locate(hay, "Epsilon") is None
