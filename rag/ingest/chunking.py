"""Cut content spans into passages on sentence boundaries, keeping exact character offsets.

Each content span is a paragraph. A paragraph longer than `chunk_size` word pieces is split on
sentence boundaries, counting with the embedder's own tokenizer so a passage is never longer
than what MiniLM embeds (it truncates at 256 word pieces): llama-index's SentenceSplitter's
algorithm (`_split` and `_merge` of llama_index.core.node_parser.text.sentence, 0.14), carried
out on offsets instead of strings. Its splitter returns stripped strings that had to be found
again in the paragraph (whitespace folded, repeated sentences matching too early), and importing
it took 0.8 s of a one-file `rag index` (llama_index.core imports its whole package): offsets
are exact by construction here, and the passages are the same (all 21,155 documents compared:
the scale benchmark's Python and Linux documentation and Wikipedia, HotpotQA's pages, the news
corpus, 20,000 SQuAD train paragraphs; tests/ingest/test_chunking.py compares on invented
paragraphs). Consecutive *small* paragraphs (each at most `merge_below` word pieces: list items, log lines, short headings) join into one
passage up to `chunk_size`, but only when nothing but whitespace lies between them, so a passage
never swallows boilerplate that was removed between two paragraphs; a small paragraph that ends
in a colon joins the paragraph it introduces the same way. Other paragraphs stay whole
passages of their own: a news paragraph (20-60 word pieces) is what a citation should show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.ingest.boilerplate import Span
from rag.ingest.sentences import sentence_pieces
from rag.text.entries import hangs_under


class Chunker:
    def __init__(
        self,
        chunk_size: int,
        chunk_overlap: int,
        count_tokens: Callable[[str], int],
        merge_below: int = 0,
        count_tokens_batch: Callable[[list[str]], list[int]] | None = None,
    ):
        self._chunk_size = chunk_size
        self._chunk_overlap = chunk_overlap
        self._merge_below = merge_below
        self._count = count_tokens
        self._count_batch = count_tokens_batch or (lambda texts: [count_tokens(t) for t in texts])

    def split(self, text: str, spans: list[Span]) -> list[Span]:
        chunks: list[Span] = []
        counts = self._count_batch([text[sp.start : sp.end] for sp in spans])
        run: list[Span] = []  # small paragraphs waiting to be joined
        run_tokens = 0
        for span, count in zip(spans, counts):
            small = count <= self._merge_below
            # Word pieces add up across whitespace (the tokenizer splits on it first); each
            # count holds one [CLS] and one [SEP], the joined passage needs them once.
            joined = run_tokens + count - 2
            adjacent = bool(run) and not text[run[-1].end : span.start].strip()
            if run and not small and adjacent and joined <= self._chunk_size and _introduces(text, run[-1], span):
                # A short line that ends in a colon introduces what follows ("Default encoding on
                # other platforms:" over the list item that says it): alone, it was the passage
                # retrieved and quoted, and the answer was in the next passage. So does a heading.
                chunks.append(Span(run[0].start, span.end))
                run, run_tokens = [], 0
                continue
            if run and (not small or joined > self._chunk_size or not adjacent):
                chunks.append(Span(run[0].start, run[-1].end))
                run, run_tokens = [], 0
            if small:
                run.append(span)
                run_tokens = run_tokens + count - 2 if len(run) > 1 else count
                continue
            if count <= self._chunk_size:
                chunks.append(span)
                continue
            chunks += self._sentence_chunks(text, span)
        if run:
            chunks.append(Span(run[0].start, run[-1].end))
        return chunks

    def _sentence_chunks(self, text: str, paragraph: Span) -> list[Span]:
        """A paragraph over the chunk size cut into passages of whole sentences (of clauses, words
        or characters only when a sentence alone is over it), each passage starting with up to
        `chunk_overlap` word pieces of the sentences that ended the one before."""
        size = self._chunk_size
        overlap = min(self._chunk_overlap, size // 2)
        pieces = self._pieces(text, paragraph.start, paragraph.end, size)
        chunks: list[Span] = []
        current: list[_Piece] = []
        length = 0
        fresh = True  # nothing but overlap in `current` yet

        def close() -> None:
            nonlocal current, length, fresh
            chunks.append(Span(current[0].start, current[-1].end))
            carried: list[_Piece] = []
            length = 0
            for piece in reversed(current):
                if length + piece.tokens > overlap:
                    break
                carried.insert(0, piece)
                length += piece.tokens
            current, fresh = carried, True

        i = 0
        while i < len(pieces):
            piece = pieces[i]
            if length + piece.tokens > size and not fresh:
                close()
                continue
            if fresh:  # drop overlap until the piece fits
                while current and length + piece.tokens > size:
                    length -= current.pop(0).tokens
            if piece.is_sentence or length + piece.tokens <= size or fresh:
                current.append(piece)
                length += piece.tokens
                fresh = False
                i += 1
            else:
                close()
        if not fresh:
            chunks.append(Span(current[0].start, current[-1].end))
        return [c for c in (_stripped(text, span) for span in chunks) if c is not None]

    def _pieces(self, text: str, start: int, end: int, size: int, sentences: bool = True) -> list[_Piece]:
        """text[start:end] cut until each piece fits: by blank lines, then sentences; a piece
        neither cuts is cut by clauses, then words, then characters. A sentence too long is cut
        by clauses and finer, never into sentences again: the sentence splitter reads the end of
        a text as a sentence's end, so each sentence cut of what was left peeled one more
        "sentence" off its end ("x!(y)" x 1,200, a diary typed with "!(笑)": a RecursionError
        that stopped every `rag index`, found by a helper of session 60)."""
        tokens = self._count(text[start:end])
        if tokens <= size:
            return [_Piece(start, end, True, tokens)]
        cuts, kind = _finer(text, start, end, sentences)
        out: list[_Piece] = []
        for a, b in cuts:
            tokens = self._count(text[a:b])
            if tokens <= size or len(cuts) == 1:  # one piece that cannot be cut: kept whole
                out.append(_Piece(a, b, kind != "finer", tokens))
            else:
                out += self._pieces(text, a, b, size, sentences=kind == "paragraphs")
        return out


def _introduces(text: str, span: Span, after: Span) -> bool:
    """A short line ending in a colon, or a heading (Markdown's, reST's), introduces the paragraph
    after it; so does a manual page's term over its description indented under it ("-p,
    --port=PORT" was a passage of its own, and "What does the --port option do?" was answered
    with it: a break-it helper's manual page, session 53)."""
    return text[span.end - 1] == ":" or span.heading or hangs_under(text, span.end - 1, after.start)


@dataclass(frozen=True)
class _Piece:
    """text[start:end], `tokens` word pieces as the embedder counts them alone ([CLS] and [SEP]
    included, as llama-index's splitter counted them with our tokenizer)."""

    start: int
    end: int
    is_sentence: bool
    tokens: int


# llama-index's secondary chunking regex: a clause and its punctuation mark, or a lone mark.
_CLAUSE = re.compile(r"[^,.;。？！]+[,.;。？！]?|[,.;。？！]")


def _finer(text: str, start: int, end: int, sentences: bool = True) -> tuple[list[tuple[int, int]], str]:
    """The first way of cutting text[start:end] that gives more than one piece, and which it
    was: "paragraphs" (blank lines) or "sentences" (only when `sentences`), else "finer" (clauses,
    words, else characters: no sentences). Pieces are contiguous and cover it; a separator starts
    the piece after it."""
    piece = text[start:end]
    ways = (("paragraphs", lambda: _at_separators(piece, "\n\n")), ("sentences", lambda: _sentence_cuts(piece)))
    for kind, cut in ways if sentences else ():
        if len(spans := cut()) > 1:
            return [(start + a, start + b) for a, b in spans], kind
    for cut in (
        lambda: [m.span() for m in _CLAUSE.finditer(piece)],
        lambda: _at_separators(piece, " "),
        lambda: [(i, i + 1) for i in range(len(piece))],
    ):
        if len(spans := cut()) > 1:
            break
    return [(start + a, start + b) for a, b in spans], "finer"


def _at_separators(piece: str, sep: str) -> list[tuple[int, int]]:
    """str.split(sep) with each separator kept at the start of the piece after it; no empty pieces."""
    bounds = [0]
    i = piece.find(sep)
    while i >= 0:
        bounds.append(i)
        i = piece.find(sep, i + len(sep))
    bounds.append(len(piece))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


def _sentence_cuts(piece: str) -> list[tuple[int, int]]:
    """The pieces sentence_pieces gives, as offsets."""
    out, at = [], 0
    for sentence in sentence_pieces(piece):
        out.append((at, at + len(sentence)))
        at += len(sentence)
    return out


def _stripped(text: str, span: Span) -> Span | None:
    """The span without the whitespace at its ends; None when nothing else is left."""
    piece = text[span.start : span.end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return Span(span.start + lead, span.end - trail) if span.end - trail > span.start + lead else None
