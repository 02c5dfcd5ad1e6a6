"""Cut content spans into passages on sentence boundaries, keeping exact character offsets.

Each content span is a paragraph. A paragraph longer than `chunk_size` word pieces is split by
llama-index's SentenceSplitter, counting with the embedder's own tokenizer so a passage is never
longer than what MiniLM embeds (it truncates at 256 word pieces). Consecutive *small* paragraphs
(each at most `merge_below` word pieces: list items, log lines, short headings) join into one
passage up to `chunk_size`, but only when nothing but whitespace lies between them, so a passage
never swallows boilerplate that was removed between two paragraphs. Other paragraphs stay whole
passages of their own: a news paragraph (20-60 word pieces) is what a citation should show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from rag.ingest.boilerplate import Span
from rag.ingest.sentences import sentence_pieces


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

    @cached_property
    def _splitter(self):
        """llama-index's splitter, made when a paragraph first needs it: importing it takes ~0.8 s,
        and a run whose changed files have only short paragraphs never does."""
        from llama_index.core.node_parser import SentenceSplitter

        # The splitter wants a tokenizer returning a list; only its length is used.
        return SentenceSplitter(
            chunk_size=self._chunk_size,
            chunk_overlap=min(self._chunk_overlap, self._chunk_size // 2),
            tokenizer=lambda s: [0] * self._count(s),
            paragraph_separator="\n\n",
            chunking_tokenizer_fn=sentence_pieces,
        )

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
            if run and (not small or joined > self._chunk_size or text[run[-1].end : span.start].strip()):
                chunks.append(Span(run[0].start, run[-1].end))
                run, run_tokens = [], 0
            if small:
                run.append(span)
                run_tokens = run_tokens + count - 2 if len(run) > 1 else count
                continue
            if count <= self._chunk_size:
                chunks.append(span)
                continue
            paragraph = text[span.start : span.end]
            cursor = covered = 0
            for piece in self._splitter.split_text(paragraph):
                found = locate(paragraph, piece, cursor)
                if found is None:  # should not happen; never emit a passage we cannot point at
                    continue
                # Repeated text can match too early and leave the rest of the paragraph out: take
                # the last match that still starts by the end of the previous chunk.
                limit = len(paragraph) - len(paragraph[covered:].lstrip())
                while (later := locate(paragraph, piece, found[0] + 1)) and found[0] < later[0] <= limit:
                    found = later
                start, end = found
                covered = end
                chunks.append(Span(span.start + start, span.start + end))
                # Overlapping chunks start before the previous one ends: search from its start.
                cursor = start + 1
        if run:
            chunks.append(Span(run[0].start, run[-1].end))
        return chunks


def locate(haystack: str, piece: str, from_pos: int = 0) -> tuple[int, int] | None:
    """Offsets of `piece` in `haystack`, tolerating whitespace the splitter may have folded."""
    piece = piece.strip()
    if not piece:
        return None
    i = haystack.find(piece, from_pos)
    if i >= 0:
        return i, i + len(piece)
    pattern = r"\s+".join(re.escape(w) for w in piece.split())
    m = re.compile(pattern).search(haystack, from_pos) or re.compile(pattern).search(haystack)
    return (m.start(), m.end()) if m else None
