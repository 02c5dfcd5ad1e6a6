"""Which markup a text file is written in, known by its name. Markdown and reStructuredText are
read as they render (rag/ingest/markdown.py, rag/ingest/rst.py); other text as it stands."""

from __future__ import annotations

from typing import Literal

from rag.ingest.opendocument import OPENDOCUMENT_SUFFIXES
from rag.ingest.slides import SLIDES_SUFFIXES
from rag.ingest.spreadsheet import SPREADSHEET_SUFFIXES, XLS_SUFFIXES

Markup = Literal["text", "markdown", "rst"]

MARKDOWN_SUFFIXES = (".md", ".markdown")
RST_SUFFIXES = (".rst", ".rest")
# Read into Markdown from another format (rag/ingest/notebook.py, rag/ingest/spreadsheet.py,
# rag/ingest/slides.py, rag/ingest/opendocument.py): cut as Markdown is.
AS_MARKDOWN_SUFFIXES = (".ipynb", *SPREADSHEET_SUFFIXES, *XLS_SUFFIXES, *SLIDES_SUFFIXES, *OPENDOCUMENT_SUFFIXES)


def markup_of(source: str) -> Markup:
    name = source.lower()
    if name.endswith(MARKDOWN_SUFFIXES + AS_MARKDOWN_SUFFIXES):
        return "markdown"
    if name.endswith(RST_SUFFIXES):
        return "rst"
    return "text"
