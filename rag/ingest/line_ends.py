"""Windows line ends ("\r\n") read as "\n" while a document is cut, and the cuts mapped back.

The cutting reads lines: a reST directive's "::" before the line's end, a Markdown table's
delimiter row, a blank line between paragraphs. Saved with Windows line ends, a reST file lost the
text of every ".. note::" (the "\r" after "::" made it a comment, hidden with its body) and a
Markdown table fell apart into one passage a row. So the text is cut as if each "\r\n" were "\n",
and every offset is mapped back to the document as it is: the document text keeps its own
characters, and `document_text[start:end] == text` holds for every passage and sentence. A lone
"\r" (old Macintosh files) is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rag.ingest.boilerplate import Span


@dataclass(frozen=True)
class LineEnds:
    """`text`: the document with each "\r\n" read as "\n". `at[i]`: where character i of `text`
    stands in the document (None: the document has no "\r\n", and `text` is the document)."""

    text: str
    at: np.ndarray | None = None

    @classmethod
    def of(cls, document: str) -> LineEnds:
        if "\r\n" not in document:
            return cls(document)
        chars = np.frombuffer(document.encode("utf-32-le"), dtype=np.uint32)
        dropped = (chars == ord("\r")) & np.append(chars[1:] == ord("\n"), False)
        return cls(document.replace("\r\n", "\n"), np.flatnonzero(~dropped))

    def back(self, start: int, end: int) -> tuple[int, int]:
        """The document's (start, end) of text[start:end] (non-empty)."""
        if self.at is None:
            return start, end
        return int(self.at[start]), int(self.at[end - 1]) + 1

    def span(self, sp: Span) -> Span:
        return sp if self.at is None else replace(sp, start=int(self.at[sp.start]), end=int(self.at[sp.end - 1]) + 1)
