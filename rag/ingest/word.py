"""A Word document's text (.docx), as the document shows it, in order.

python-docx opens the package (its parts, styles and properties); the text is read from the body's
XML here, because python-docx's own reading of it leaves text out without a word: a change
tracked as inserted and not yet accepted, a content control (a template's filled-in fields, a
cover page's title), a field's shown result (a date, a cross-reference) and a smart tag all
vanished from `Paragraph.text` and `Document.paragraphs`. What Word shows is what is read: each
`w:t` of a paragraph, a tab or a line break as a space, deleted text (`w:delText`) and field
codes (`w:instrText`) not.

The document text is made like an HTML page's: one line for each paragraph and each row of a
table, so that rag/ingest/boilerplate.py cuts it as it cuts an HTML page's extracted text.

- A heading ("Heading 1", "Title", …) is a line of its own; the first "Title" paragraph, or
  the file's title property, is the document's title.
- A table row is one line, its cells joined by " | " ("Forklift driver | Ann Lee"): a row says
  one thing, and read cell by cell the answer lost the cell that names what it is. A table
  inside a cell is read in that cell: its cells joined by ", ", its rows by "; ".
- Not read: headers and footers (they repeat on every page, as a site's menu does), footnotes,
  endnotes and comments (other parts of the package), and text boxes (drawn shapes).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from rag.errors import LoadError

# Word's own files of other kinds: an encrypted .docx is an OLE compound file (Office encrypts
# the whole package), as is an old binary .doc renamed .docx.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
CELL_SEPARATOR = " | "

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements that hold blocks (or rows, or cells) of their own: a content control's content, custom XML.
_WRAPPERS = {_W + "sdt", _W + "customXml", _W + "sdtContent"}
# A paragraph's text: what each of these shows.
_SHOWN = {_W + "tab": " ", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}
# Inside a paragraph, subtrees that are not its text: a drawn shape's own paragraphs (text boxes)
# and the second copy of an alternative (mc:Fallback repeats mc:Choice for older readers).
_NOT_TEXT = {_W + "txbxContent", _MC_FALLBACK, _W + "pPr", _W + "rPr"}


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
    title = (document.core_properties.title or "").strip() or None
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == _W + "tbl":
            lines += _rows(block, CELL_SEPARATOR)
            continue
        text = _paragraph_text(block)
        if not text:
            continue
        if title is None and _style_id(block) == "title":
            title = text
        lines.append(text)
    text = "\n".join(lines)
    if not text.strip():
        raise LoadError(f"{source}: the Word document has no text")
    return text, title


def _blocks(container) -> Iterator:
    """The paragraphs and tables of a body or a cell, in order, content controls opened."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _children(element, tag: str) -> Iterator:
    """The `tag` children of a table or row, content controls opened."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _paragraph_text(p) -> str:
    """What the paragraph shows, on one line (a line per block is how the cutter tells them apart)."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            if child.tag in _NOT_TEXT:
                continue
            if child.tag == _W + "t":
                parts.append(child.text or "")
            elif child.tag in _SHOWN:
                parts.append(_SHOWN[child.tag])
            else:
                walk(child)  # runs, insertions, hyperlinks, fields, content controls, smart tags

    walk(p)
    return " ".join("".join(parts).split())


def _style_id(p) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return (style.get(_W + "val") or "").lower() if style is not None else ""


def _rows(table, separator: str) -> list[str]:
    out = []
    for row in _children(table, _W + "tr"):
        # A cell merged across columns is one w:tc (its gridSpan says how wide): read once.
        cells = [_cell_text(tc) for tc in _children(row, _W + "tc")]
        if any(cells):
            out.append(separator.join(cells))
    return out


def _cell_text(tc) -> str:
    parts = []
    for block in _blocks(tc):
        if block.tag == _W + "tbl":
            parts.append("; ".join(_rows(block, ", ")))
        elif text := _paragraph_text(block):
            parts.append(text)
    return " ".join(p for p in parts if p)
