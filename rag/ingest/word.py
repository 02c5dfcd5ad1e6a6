"""A Word document's text (.docx, read with python-docx), as the document shows it in order.

Its document text is made here, like an HTML page's: one line for each paragraph and each row
of a table, in the order Word shows them, so that rag/ingest/boilerplate.py cuts it as it cuts
an HTML page's extracted text (a line per block). What the body does not hold is left out:
headers and footers repeat on every page (as a site's menu does) and footnotes, comments and
text boxes are not in python-docx's reading of the body.

- A heading ("Heading 1", "Title", …) is a line of its own; the first "Title" paragraph, or
  the file's own title property, is the document's title.
- A table row is one line, its cells joined by " | " ("Forklift driver | Ann Lee"): a row says
  one thing, and read cell by cell the answer lost the cell that names what it is. A cell
  merged across columns is read once.
- A table inside a cell is read in that cell: its cells joined by ", ", its rows by "; ".
"""

from __future__ import annotations

import io

from rag.errors import LoadError

# Word's own files of other kinds: an encrypted .docx is an OLE compound file (Office encrypts
# the whole package), as is an old binary .doc renamed .docx.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
CELL_SEPARATOR = " | "


def docx_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of a .docx file's bytes."""
    if data.startswith(_OLE):
        raise LoadError(
            f"{source}: the Word document is protected by a password, or is an old binary .doc "
            "named .docx; save a copy as .docx without a password to index it"
        )
    if not data.startswith(_ZIP):
        raise LoadError(f"{source}: not a Word .docx file (a .docx is a zip package); save it again as .docx")
    import docx  # imported here: only Word documents need it

    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError) as e:
        # A zip of another kind (a spreadsheet or a presentation renamed .docx, an archive):
        # python-docx misses the parts it needs (KeyError) or finds another kind (ValueError).
        raise LoadError(
            f"{source}: a zip package but not a Word document ({type(e).__name__}: {str(e)[:200]}); "
            "save it again as .docx"
        ) from e
    lines: list[str] = []
    title = (document.core_properties.title or "").strip() or None
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines += _rows(block)
            continue
        text = _line(block.text)
        if not text:
            continue
        if title is None and _style(block).lower() == "title":
            title = text
        lines.append(text)
    text = "\n".join(lines)
    if not text.strip():
        raise LoadError(f"{source}: the Word document has no text")
    return text, title


def _style(paragraph) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError):  # a style the file names but does not define
        return ""
    return (style.name or "") if style is not None else ""


def _line(text: str) -> str:
    """One line: Word's line breaks and tabs inside a paragraph are spaces here (a line per
    block is how the cutter tells blocks apart)."""
    return " ".join(text.split())


def _rows(table, separator: str = CELL_SEPARATOR) -> list[str]:
    out = []
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            # A cell merged across columns is one cell, listed once for each column it spans.
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        if any(cells):
            out.append(separator.join(cells))
    return out


def _cell_text(cell) -> str:
    parts = []
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            parts.append("; ".join(_rows(block, ", ")))
        elif text := _line(block.text):
            parts.append(text)
    return " ".join(parts)
