"""Cut content spans into passages on sentence boundaries, keeping exact character offsets.

Each content span is a paragraph; a passage never crosses a paragraph (so it never swallows
boilerplate that sat between two paragraphs). A paragraph longer than `chunk_size` word pieces
is split by llama-index's SentenceSplitter, counting with the embedder's own tokenizer so a
passage is never longer than what MiniLM embeds (it truncates at 256 word pieces).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.ingest.boilerplate import Span
from rag.ingest.sentences import sentence_pieces


class Chunker:
    def __init__(self, chunk_size: int, chunk_overlap: int, count_tokens: Callable[[str], int]):
        from llama_index.core.node_parser import SentenceSplitter

        self._chunk_size = chunk_size
        self._count = count_tokens
        # The splitter wants a tokenizer returning a list; only its length is used.
        self._splitter = SentenceSplitter(
            chunk_size=chunk_size,
            chunk_overlap=min(chunk_overlap, chunk_size // 2),
            tokenizer=lambda s: [0] * count_tokens(s),
            paragraph_separator="\n\n",
            chunking_tokenizer_fn=sentence_pieces,
        )

    def split(self, text: str, spans: list[Span]) -> list[Span]:
        chunks: list[Span] = []
        for span in spans:
            paragraph = text[span.start : span.end]
            if self._count(paragraph) <= self._chunk_size:
                chunks.append(span)
                continue
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
