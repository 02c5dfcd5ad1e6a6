"""OpenDocument files (LibreOffice, OpenOffice, and what other suites save as ODF): a text
(.odt), a spreadsheet (.ods) or a presentation (.odp), read as the application shows it.

An OpenDocument file is a zip package whose content.xml holds the document; it is parsed here
with lxml (entities not resolved, nothing fetched), as python-docx parses a Word document's XML,
since no well-kept library reads all three. The document text is Markdown (cut as Markdown is:
rag/ingest/markup.py), in the same shapes as the Office formats' (word.py, spreadsheet.py,
slides.py):

- a text: its headings as headings, each paragraph and list item a paragraph of its own, a
  table as Markdown writes one (a delimiter row under its header rows, or under a first row that
  names the columns), a text frame's paragraphs after the paragraph that anchors it, a footnote
  or an endnote after the paragraph (or table) that holds it, labelled as the document shows it
  ("Footnote 1: …", as word.note_line writes a Word document's); not read: tracked deletions,
  tables of contents and other indexes (furniture, as a PDF's contents lines are), comments,
  headers and footers (in styles.xml);
- a spreadsheet: each shown sheet as spreadsheet.sheets_text reads an Excel sheet, each cell's
  text as the sheet shows it (ODF saves the formatted text beside the value), a hidden sheet not
  read; a run of repeated empty rows is one (a sheet may declare a million), a row's trailing
  empty cells none;
- a presentation: each shown slide under its title (or "Slide n"), its frames from the top and
  then from the left, tables as tables, speaker notes after "Notes:"; footers, dates and slide
  numbers not read.

The title is the file's title property (meta.xml), or a presentation's first slide title.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from rag.errors import LoadError
from rag.ingest.markdown import label_grid, names_columns, one_line, table_lines
from rag.ingest.signatures import ZIP
from rag.ingest.spreadsheet import sheets_text
from rag.ingest.word import NOTE_KINDS, note_line

OPENDOCUMENT_SUFFIXES = (".odt", ".ods", ".odp")

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def _q(name: str) -> str:
    """ "text:p" as lxml names it: "{urn:…:text:1.0}p"."""
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_P, _H, _LIST, _TABLE, _FRAME = _q("text:p"), _q("text:h"), _q("text:list"), _q("table:table"), _q("draw:frame")
# Inside a paragraph, elements whose text is not the paragraph's: a comment, a footnote, a
# frame (its text box is read after the paragraph), a tracked change's record.
_NOT_INLINE = {_q(n) for n in ("office:annotation", "text:note", "draw:frame", "text:tracked-changes", "draw:g")}
# Blocks that are not the document's text: tracked deletions, indexes, declarations, forms.
_NOT_BLOCKS = {
    _q(n)
    for n in (
        "text:tracked-changes",
        "text:table-of-content",
        "text:illustration-index",
        "text:table-index",
        "text:object-index",
        "text:user-index",
        "text:alphabetical-index",
        "text:bibliography",
        "text:sequence-decls",
        "text:variable-decls",
        "office:forms",
        "office:annotation",
        "table:shapes",
    )
}
# Presentation frames that repeat on every slide.
_FURNITURE = {"footer", "date-time", "page-number", "header"}
# A run of repeated empty rows is one (a sheet's last row may declare a million); repeated cells
# and filled rows repeat at most this often, and a row's trailing empty cells are dropped.
_MAX_REPEAT = 1000
_LENGTH = re.compile(r"(-?[\d.]+)\s*(cm|mm|in|pt|pc|px)?")
_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "pc": 2.54 / 6, "px": 2.54 / 96, None: 1.0}


def odf_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of an OpenDocument file's bytes."""
    if not data.startswith(ZIP):
        raise LoadError(f"{source}: not an OpenDocument file (an .odt, .ods or .odp is a zip package); save it again")
    from lxml import etree

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        manifest = package.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in package.namelist() else b""
        if b"encryption-data" in manifest:
            raise LoadError(f"{source}: the document is protected by a password; save a copy without it to index it")
        content = package.read("content.xml")
        meta = package.read("meta.xml") if "meta.xml" in package.namelist() else None
    except KeyError as e:
        raise LoadError(
            f"{source}: a zip package but not an OpenDocument file (no content.xml); save it again as .odt, .ods or .odp"
        ) from e
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(content, parser)
    body = root.find(_q("office:body"))
    kinds = {_q("office:text"): _text, _q("office:spreadsheet"): _spreadsheet, _q("office:presentation"): _slides}
    document = next((child for child in (body if body is not None else []) if child.tag in kinds), None)
    if document is None:
        raise LoadError(f"{source}: an OpenDocument file of a kind not read (not a text, spreadsheet or presentation)")
    hidden = _hidden_styles(root)
    text, first_title = kinds[document.tag](document, hidden)
    if not text.strip():
        raise LoadError(f"{source}: the document has no text")
    return text.strip(), _meta_title(meta, parser) or first_title


def _meta_title(meta: bytes | None, parser) -> str | None:
    """The title property, or None (none, or a meta.xml too damaged to read: the document is
    still read)."""
    from lxml import etree

    try:
        found = etree.fromstring(meta, parser).find(f".//{_q('dc:title')}") if meta else None
    except etree.XMLSyntaxError:
        return None
    return (one_line("".join(found.itertext())) or None) if found is not None else None


def _hidden_styles(root) -> set[str]:
    """The automatic styles that hide what uses them: a sheet (table:display="false") or a
    slide (presentation:visibility="hidden")."""
    hidden = set()
    for style in root.iter(_q("style:style")):
        for props in style:
            if props.get(_q("table:display")) == "false" or props.get(_q("presentation:visibility")) == "hidden":
                hidden.add(style.get(_q("style:name")))
    return hidden


def _inline(element) -> str:
    """A paragraph's text as shown: spaces (text:s), tabs and line breaks as spaces."""
    out = [element.text or ""]
    for child in element:
        if child.tag == _q("text:s"):
            out.append(" " * min(int(child.get(_q("text:c"), "1") or 1), 100))
        elif child.tag in (_q("text:tab"), _q("text:line-break")):
            out.append(" ")
        elif child.tag not in _NOT_INLINE:
            out.append(_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _blocks(element) -> Iterator[str]:
    """A text's blocks in order: headings, paragraphs, list items, tables, framed text."""
    for child in element:
        if child.tag in _NOT_BLOCKS:
            continue
        if child.tag == _H:
            level = min(max(int(child.get(_q("text:outline-level"), "1") or 1), 1), 6)
            if line := one_line(_inline(child)):
                yield f"{'#' * level} {line}"
            yield from _noted(child)
            yield from _framed(child)
        elif child.tag == _P:
            if line := one_line(_inline(child)):
                yield line
            yield from _noted(child)
            yield from _framed(child)
        elif child.tag == _LIST:
            for item in child:
                yield from (
                    block if block.startswith(("|", "#", "- ", *NOTE_KINDS)) else f"- {block}"
                    for block in _blocks(item)
                )
        elif child.tag == _TABLE:
            if lines := _table_lines(child):
                yield "\n".join(lines)
            yield from _noted(child)
        else:  # a section, a list item, a text box: their blocks
            yield from _blocks(child)


def _noted(element) -> Iterator[str]:
    """The footnotes and endnotes `element` holds (not those of the text boxes it anchors: each
    box's paragraphs give their own), each a line, labelled by its citation as shown."""
    for child in element:
        if child.tag == _q("text:note"):
            citation = child.find(_q("text:note-citation"))
            body = child.find(_q("text:note-body"))
            text = one_line(" ".join(_inline(p) for p in body.iter(_P, _H))) if body is not None else ""
            if text:
                label = one_line(citation.get(_q("text:label")) or _inline(citation)) if citation is not None else ""
                kind = NOTE_KINDS[1] if child.get(_q("text:note-class")) == "endnote" else NOTE_KINDS[0]
                yield note_line(kind, label, text)
        elif child.tag not in (_FRAME, _q("office:annotation"), _q("text:tracked-changes")):
            yield from _noted(child)


def _in_note(element) -> bool:
    return any(a.tag == _q("text:note") for a in element.iterancestors())


def _framed(paragraph) -> Iterator[str]:
    """The blocks of the text boxes a paragraph anchors (read after it)."""
    for frame in paragraph.iter(_FRAME):
        for box in frame.iter(_q("draw:text-box")):
            yield from _blocks(box)


def _rows(table) -> Iterator[tuple[list[str], bool]]:
    """A table's rows as the cells they show, each with whether it is a header row."""
    for part in table:
        if part.tag == _q("table:table-row"):
            yield from _repeated_row(part, False)
        elif part.tag == _q("table:table-header-rows"):
            for row in part.iter(_q("table:table-row")):
                yield from _repeated_row(row, True)
        elif part.tag in (_q("table:table-rows"), _q("table:table-row-group")):
            yield from _rows(part)


def _repeated_row(row, header: bool) -> Iterator[tuple[list[str], bool]]:
    cells: list[str] = []
    for cell in row:
        if cell.tag not in (_q("table:table-cell"), _q("table:covered-table-cell")):
            continue
        # Not the paragraphs of a note in the cell (its text is read after the table: _noted).
        shown = one_line(" ".join(one_line(_inline(p)) for p in cell.iter(_P, _H) if not _in_note(p)))
        repeat = int(cell.get(_q("table:number-columns-repeated"), "1") or 1)
        cells += [shown] * min(repeat, _MAX_REPEAT)
    while cells and not cells[-1]:
        cells.pop()  # a row's trailing empty cells (a sheet's row declares 1,024 of them)
    repeat = int(row.get(_q("table:number-rows-repeated"), "1") or 1)
    for _ in range(min(repeat, _MAX_REPEAT) if any(cells) else 1):
        yield cells, header


def _table_lines(table) -> list[str]:
    rows = list(_rows(table))
    cells = [c for c, _ in rows if any(c)]
    if not cells:
        return []
    width = max(len(c) for c in cells)
    cells = [c + [""] * (width - len(c)) for c in cells]
    header_rows = sum(h for c, h in rows if any(c))
    if not header_rows and (fields := label_grid(cells)) is not None:
        return fields  # a pet's record card: "| Pet name | Biscuit | Client no. | FVC-20817 |"
    return table_lines(cells, header_rows > 0 or names_columns(cells[0]))


def _text(document, hidden: set[str]) -> tuple[str, str | None]:
    return "\n\n".join(_blocks(document)), None


def _spreadsheet(document, hidden: set[str]) -> tuple[str, str | None]:
    sheets = [
        (sheet.get(_q("table:name"), ""), (cells for cells, _ in _rows(sheet)))
        for sheet in document.findall(_TABLE)
        if sheet.get(_q("table:style-name")) not in hidden
    ]
    return sheets_text(sheets), None


def _slides(document, hidden: set[str]) -> tuple[str, str | None]:
    parts, first_title = [], None
    for number, page in enumerate(document.iter(_q("draw:page")), 1):
        if page.get(_q("draw:style-name")) in hidden:
            continue
        frames = [f for f in page if f.get(_q("presentation:class")) not in _FURNITURE]
        title_frame = next((f for f in frames if f.get(_q("presentation:class")) == "title"), None)
        title = one_line(" ".join(_blocks(title_frame))) if title_frame is not None else ""
        first_title = first_title or title or None
        blocks = [f"## {title or f'Slide {number}'}"]
        for shape in sorted((f for f in frames if f is not title_frame), key=_position):
            blocks += _shape_blocks(shape)
        notes = page.find(_q("presentation:notes"))
        if notes is not None:
            said = [b for f in notes if f.get(_q("presentation:class")) == "notes" for b in _blocks(f)]
            if said:
                blocks += [f"Notes: {said[0]}", *said[1:]]
        if len(blocks) > 1 or title:
            parts.append("\n\n".join(blocks))
    return "\n\n".join(parts), first_title


def _shape_blocks(shape) -> list[str]:
    """A slide's shape: a frame's text box or table, a drawn shape's text, a group's shapes."""
    if shape.tag == _q("presentation:notes"):
        return []
    if shape.tag == _q("draw:g"):
        return [b for inner in sorted(shape, key=_position) for b in _shape_blocks(inner)]
    return [b for b in _blocks(shape) if b]


def _position(shape) -> tuple[float, float]:
    """(top, left) in centimetres; a shape with none first."""
    return (_cm(shape.get(_q("svg:y"))), _cm(shape.get(_q("svg:x"))))


def _cm(length: str | None) -> float:
    m = _LENGTH.match(length or "")
    return float(m.group(1)) * _CM[m.group(2)] if m else 0.0
