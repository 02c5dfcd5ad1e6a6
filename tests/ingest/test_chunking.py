"""Chunking: long paragraphs split on sentence boundaries, within the embedder's word-piece budget."""

from __future__ import annotations

import pytest

from rag.ingest.boilerplate import Span, content_spans
from rag.ingest.chunking import Chunker
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
    paragraph = " ".join(
        ["The river rose again overnight and the town council met to discuss the flood defences."] * 60
    )
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


def _odd_paragraphs() -> list[str]:
    """Paragraphs the sentence cut alone cannot fit: one sentence of many clauses, a run of words
    with no punctuation, a "word" of more word pieces than a passage, whitespace of every kind."""
    clauses = "The ferry, which the council bought in spring, ran late; " * 40 + "and then it stopped."
    words = " ".join(f"word{i}" for i in range(600))
    blob = "-".join(["abcdefgh"] * 400)
    spaced = "  ".join(f"Sentence  number {i} is here.\n" for i in range(120))
    blank_lines = "The first part goes on. " * 40 + "\n\n\n" + "The second part follows it. " * 40
    return [clauses, words, f"Before it. {blob} After it.", spaced, blank_lines, long_paragraph()]


def test_cuts_that_are_not_sentences_still_fit_and_cover_the_paragraph(chunker, embedder):
    for paragraph in _odd_paragraphs():
        chunks = chunker.split(paragraph, [Span(0, len(paragraph))])
        assert len(chunks) > 1
        for c in chunks:
            piece = paragraph[c.start : c.end]
            assert piece == piece.strip() and piece
            assert embedder.count_tokens(piece) <= CHUNK_SIZE
        assert chunks[0].start == 0 and chunks[-1].end == len(paragraph.rstrip())
        for a, b in zip(chunks, chunks[1:]):
            assert a.start < b.start and not paragraph[a.end : b.start].strip()  # in order, no gap


def test_passages_are_the_ones_llama_index_sentence_splitter_cuts(chunker, embedder):
    """The algorithm is llama-index's SentenceSplitter's, on offsets: the same passages as its
    strings, on long paragraphs of sentences and the odd ones above."""
    from llama_index.core.node_parser import SentenceSplitter

    from rag.ingest.sentences import sentence_pieces

    splitter = SentenceSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=20,
        tokenizer=lambda s: [0] * embedder.count_tokens(s),
        paragraph_separator="\n\n",
        chunking_tokenizer_fn=sentence_pieces,
    )
    repeated = " ".join(["The river rose again overnight and the council met to discuss the defences."] * 60)
    paragraphs = _odd_paragraphs() + [long_paragraph(25), long_paragraph(40), repeated]
    assert all(embedder.count_tokens(p) > CHUNK_SIZE for p in paragraphs)
    for paragraph in paragraphs:
        ours = [paragraph[c.start : c.end] for c in chunker.split(paragraph, [Span(0, len(paragraph))])]
        assert ours == splitter.split_text(paragraph)


def test_cutting_does_not_import_llama_index():
    """Importing llama_index.core took 0.8 s of a one-file `rag index`."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from rag.index.embedder import Embedder\n"
        "from rag.ingest.chunking import Chunker\n"
        "from rag.ingest.boilerplate import Span\n"
        "from tests.ingest.test_chunking import long_paragraph\n"
        "e = Embedder(threads=1, runtime='onnxruntime')\n"
        "p = long_paragraph()\n"
        "assert len(Chunker(200, 20, e.count_tokens).split(p, [Span(0, len(p))])) > 1\n"
        "assert 'llama_index.core' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


MERGE = 24


@pytest.fixture(scope="module")
def merging(embedder):
    return Chunker(CHUNK_SIZE, 20, embedder.count_tokens, MERGE, embedder.count_tokens_batch)


def test_many_short_lines_merge_into_passages_up_to_the_chunk_size(merging, embedder):
    lines = [f"2024-05-{i % 28 + 1:02d} worker {i} finished job {i * 13} in {i % 97} ms" for i in range(20_000)]
    text = "\n".join(lines) + "\n"
    spans = content_spans(text)
    assert len(spans) == 20_000
    chunks = merging.split(text, spans)
    assert len(chunks) < 20_000 / 8, len(chunks)
    sizes = embedder.count_tokens_batch([text[c.start : c.end] for c in chunks])
    assert max(sizes) <= CHUNK_SIZE
    assert sum(sizes) / len(sizes) > CHUNK_SIZE * 0.8  # filled, not just paired
    # Exact offsets, in order, every line inside exactly one passage.
    assert chunks[0].start == 0 and chunks[-1].end == len(text) - 1
    for a, b in zip(chunks, chunks[1:]):
        assert a.end < b.start and text[a.end : b.start] == "\n"
    for c in chunks:
        assert text[c.start : c.end] == text[c.start : c.end].strip()


def test_merging_never_crosses_removed_boilerplate_or_a_large_paragraph(merging, embedder):
    big = long_paragraph(6)
    assert embedder.count_tokens(big) > MERGE
    text = (
        "Milk, two litres.\n\nEggs, a dozen.\n\nAdvertisement\n\nFlour, one kilo.\n\n"
        + big
        + "\n\nSugar, 500 grams.\nSalt, a pinch.\n"
    )
    spans = content_spans(text)
    chunks = merging.split(text, spans)
    pieces = [text[c.start : c.end] for c in chunks]
    assert pieces == [
        "Milk, two litres.\n\nEggs, a dozen.",  # merged across a blank line
        "Flour, one kilo.",  # not across the removed "Advertisement"
        big,  # a large paragraph stays alone and swallows no neighbour
        "Sugar, 500 grams.\nSalt, a pinch.",
    ]


def test_merging_off_keeps_every_paragraph(chunker):
    text = "Milk, two litres.\n\nEggs, a dozen.\n"
    assert chunker.split(text, content_spans(text)) == content_spans(text)


def test_a_short_line_ending_in_a_colon_joins_what_it_introduces(merging, embedder):
    """Python's init_config page: "Default encoding on other platforms:" was a passage alone, the
    one retrieved and quoted, and the list item that answers it (27 word pieces, over the merge
    size) was another."""
    item = '    - "utf-8" if PyPreConfig.utf8_mode is non-zero, and if the locale says nothing either.'
    big = long_paragraph(30)
    text = (
        "Default encoding on other platforms:\n" + item + "\n\n"
        "Advertisement\n\nHow to reach us:\n\n" + long_paragraph(3) + "\n\nThe figures:\n" + big + "\n"
    )
    assert embedder.count_tokens(item.strip()) > MERGE
    assert embedder.count_tokens(big) > CHUNK_SIZE
    pieces = [text[c.start : c.end] for c in merging.split(text, content_spans(text))]
    assert pieces[0] == "Default encoding on other platforms:\n" + item
    assert pieces[1] == "How to reach us:\n\n" + long_paragraph(3)  # a blank line between is fine
    assert pieces[2] == "The figures:"  # what it introduces is over the chunk size: cut on its own
    assert "".join(pieces[3:]).startswith(big[:40])


def test_a_manual_pages_term_joins_its_description_under_it(merging, embedder):
    """ "-p, --port=PORT" was a passage alone, and its description another: "What does the --port
    option do?" was answered with the term's line (a break-it helper's manual page, session 53)."""
    description = (
        "              Connect to the SSH server on the remote host on PORT instead\n"
        "              of the port given in ssh_config(5) and the user's own settings."
    )
    text = "OPTIONS\n       -p, --port=PORT\n" + description + "\n\n       Unlike rsync, it never deletes.\n"
    assert embedder.count_tokens(description.strip()) > MERGE
    pieces = [text[c.start : c.end] for c in merging.split(text, content_spans(text))]
    assert "-p, --port=PORT\n" + description in pieces[0]


@pytest.mark.parametrize(
    "paragraph",
    [
        "x!(y)" * 1200,  # the sentence splitter peeled one "(y)" off the end at each cut
        "".join(f"今日は友達{i}と映画を見ました!(笑)" for i in range(1500)),  # a diary typed with "!(笑)"
    ],
)
def test_a_paragraph_the_splitter_cuts_one_sentence_at_a_time_is_cut_once(chunker, embedder, paragraph):
    """Each sentence cut of what was left peeled one more "sentence" off its end and recursed
    once per sentence: a RecursionError that stopped `rag index` for the whole corpus (a helper of
    session 60). Cut now, every passage fits, in order, covering the paragraph."""
    text = "Notes\n\n" + paragraph + "\n\nThe parking fee is 5 euros a day.\n"
    spans = content_spans(text)
    chunks = chunker.split(text, spans)
    assert chunks[0] == Span(0, 5) and text[chunks[-1].start : chunks[-1].end] == "The parking fee is 5 euros a day."
    middle = chunks[1:-1]
    assert middle[0].start == 7 and middle[-1].end == 7 + len(paragraph)
    for a, b in zip(middle, middle[1:]):
        assert a.start < b.start <= a.end + 1
    assert all(embedder.count_tokens(text[c.start : c.end]) <= CHUNK_SIZE for c in middle)
