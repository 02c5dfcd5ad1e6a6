"""A Word document's text (.docx), as the document shows it, in order.

python-docx opens the package (its parts, styles and properties); the text is read from the body's
XML here, because python-docx's own reading of it leaves text out without a word: a change
tracked as inserted and not yet accepted, a content control (a template's filled-in fields, a
cover page's title), a field's shown result (a date, a cross-reference) and a smart tag all
vanished from `Paragraph.text` and `Document.paragraphs`. What Word shows is what is read: each
`w:t` of a paragraph (and of an equation), a tab or a line break as a space, a list item's
number or bullet as Word draws it ("3." before the third step); not deleted text, the old place
of a moved one, hidden text (`w:vanish`: a note the author hid) or field codes (`w:instrText`).

The document text is made like an HTML page's: one line for each paragraph and each row of a
table, so that rag/ingest/boilerplate.py cuts it as it cuts an HTML page's extracted text.

- A heading ("Heading 1", "Title", …) is a line of its own; the first "Title" paragraph, or
  the file's title property, is the document's title.
- A table row is one line, written as Markdown writes it ("| Forklift driver | Ann Lee |"): a
  row says one thing, and read cell by cell the answer lost the cell that names what it is.
  When Word sets the first row apart as the header (the table's "Header Row" look, on in Word's
  and python-docx's new tables, or "Repeat as header row"), a delimiter row follows it, as in
  Markdown, so that each row is read with the names of its columns (rag/text/tables.py). A pipe
  in a cell is written "\\|". A cell merged down over several rows is read on each of them (its
  department beside every name). A table inside a cell is read in that cell: its cells joined
  by ", ", its rows by "; ".
- A footnote or an endnote is a line of its own after the paragraph (or the table) that refers
  to it, numbered as Word numbers it ("Footnote 1: Depths are measured below chart datum.",
  "Endnote ii: …"): a source, a definition or a figure's basis the page prints at its foot,
  kept beside the sentence it qualifies (note_line). A note no paragraph refers to (deleted
  with its mark) is not read.
- A text box's paragraphs and tables are read after the paragraph that anchors it (as an
  OpenDocument text's frames are).
- Not read: headers and footers (they repeat on every page, as a site's menu does) and comments
  (a reviewer's, not the document's).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from rag.errors import LoadError
from rag.ingest.markdown import label_grid, names_the_columns, stacked_header, table_lines
from rag.ingest.signatures import OLE, ZIP

_ON = {"1", "true", "on"}
# tblLook's w:val bit for "Header Row", as older files write it (w:val="04A0": on).
_FIRST_ROW_LOOK = 0x0020

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements that hold blocks (or rows, or cells) of their own: a content control's content, custom XML.
_WRAPPERS = {_W + "sdt", _W + "customXml", _W + "sdtContent"}
# A paragraph's text: what each of these shows.
_SHOWN = {_W + "tab": " ", _W + "ptab": " ", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}
_TEXT = {_W + "t", _M + "t"}
# Inside a paragraph, subtrees that are not its text: a drawn shape's own paragraphs (text boxes),
# the second copy of an alternative (mc:Fallback repeats mc:Choice for older readers), properties,
# deleted text and the old place of moved text (a tracked move keeps its text as w:t there).
_NOT_TEXT = {_W + "txbxContent", _MC_FALLBACK, _W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom"}
_OFF = {"0", "false", "off"}


def docx_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of a .docx file's bytes."""
    if data.startswith(OLE):  # a .docx with a password is kept in a compound file, as a .doc is
        from rag.ingest.legacy_word import doc_text
        from rag.ingest.ole import holds_stream

        if holds_stream(data, "WordDocument"):  # an old .doc named .docx
            return doc_text(source, data)
        raise LoadError(
            f"{source}: the Word document is protected by a password, or damaged; save a copy without a "
            "password to index it"
        )
    if not data.startswith(ZIP):
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
    styles = {s.style_id: s for s in document.styles}
    numbers = _Numbering(document, styles)
    notes = _Notes(document)
    lines: list[str] = []

    def read(container) -> None:
        nonlocal title
        for block in _blocks(container):
            if block.tag == _W + "tbl":
                table = _table_lines(block)
                fields = bool(table) and not table[0].startswith("|")
                if table and lines and (lines[-1].startswith("|") or fields):
                    # A table stands apart from a table before it: two with only an empty
                    # paragraph between were one ("| Parts | £236.59 |" read under a labour
                    # table's "Operation | Hours | Rate | Net"), and a grid of labels read as
                    # fields is a block of its own (a record, rag.text.fields): a break-it
                    # helper's service invoice, session 51.
                    lines.append("")
                lines.extend(table + notes.of(block))
                if fields:
                    lines.append("")
                continue
            text = _paragraph_text(block)
            marker = numbers.marker(block)  # an empty item takes its number too, as Word counts
            if text:
                style = styles.get(_style_id(block))
                # Built-in styles keep their English name in the file whatever the id ("Titel" in German).
                if title is None and style is not None and (style.name or "").lower() == "title":
                    title = text
                lines.append(f"{marker} {text}" if marker else text)
            lines.extend(notes.of(block))
            for box in _text_boxes(block):
                read(box)

    read(document.element.body)
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


def _text_boxes(p) -> Iterator:
    """The contents of the text boxes a paragraph anchors, in order: each read after the
    paragraph, its paragraphs and tables as the body's (opening hours in a box beside the text,
    a sidebar, a letter's address block). Once each: not the copy an alternative keeps for older
    readers (mc:Fallback), nor a box inside another box (read with it)."""
    for box in p.iter(_W + "txbxContent"):
        for above in box.iterancestors():
            if above is p:
                yield box
                break
            if above.tag in (_MC_FALLBACK, _W + "txbxContent"):
                break


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
            if child.tag in _NOT_TEXT or child.tag == _W + "r" and _hidden(child):
                continue
            if child.tag in _TEXT:
                parts.append(child.text or "")
            elif child.tag == _W + "sym":
                parts.append(_symbol(child))
            elif child.tag in _SHOWN:
                parts.append(_SHOWN[child.tag])
            else:
                walk(child)  # runs, insertions, hyperlinks, fields, content controls, smart tags

    walk(p)
    return " ".join("".join(parts).split())


def _hidden(run) -> bool:
    """A run formatted as hidden text (`w:vanish`): Word does not show it."""
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and (vanish.get(_W + "val") or "true").lower() not in _OFF


# Characters of the Symbol font that documents use in text (Word writes them as w:sym with a code
# in the private-use area): degrees, plus-minus, comparisons and the Greek letters.
_SYMBOL_FONT = {
    0xB0: "°", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xA3: "≤", 0xB3: "≥", 0xB9: "≠", 0xBB: "≈", 0xAE: "→",
    0xAC: "←", 0xD6: "√", 0xA5: "∞", 0xB7: "•", 0xE2: "®", 0xE3: "©", 0xE4: "™",
    **{ord(a): g for a, g in zip("abgdezhqiklmnxoprstufcyw", "αβγδεζηθικλμνξοπρστυφχψω")},
    **{ord(a): g for a, g in zip("ABGDEZHQIKLMNXOPRSTUFCYW", "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")},
}  # fmt: skip


def _symbol(sym) -> str:
    """A w:sym's character: from the Symbol font's table; in a text font, the character the code
    names (Word adds 0xF000 to it); nothing for a font of pictures (Wingdings: bullets, icons)."""
    try:
        code = int(sym.get(_W + "char") or "", 16)
    except ValueError:
        return ""
    font = (sym.get(_W + "font") or "").lower()
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if font == "symbol":
        return _SYMBOL_FONT.get(low, "")
    if "wingdings" in font or "webdings" in font or not 0x20 <= low or 0x7F <= low < 0xA0:
        return ""
    return chr(low)


def _style_id(p) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return (style.get(_W + "val") or "") if style is not None else ""


class _Numbering:
    """The number or bullet Word draws before a list item ("3.", "b)", "•"), counted through the
    document as Word counts it: per list (numId) and level, a level's count starting again after
    an item of a higher level. The list comes from the paragraph's own numbering or its style's
    ("List Number"). Numbers only in decimal, letters and roman numerals; other formats get none."""

    def __init__(self, document, styles: dict) -> None:
        self._styles = styles
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (format, text, start)
        self._counts: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # a document with no lists
            return
        abstract = {a.get(_W + "abstractNumId"): a for a in numbering.iter(_W + "abstractNum")}
        for num in numbering.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            definition = abstract.get(ref.get(_W + "val") if ref is not None else None)
            if definition is None:
                continue
            levels = {}
            for lvl in definition.iter(_W + "lvl"):
                fmt, text, start = lvl.find(_W + "numFmt"), lvl.find(_W + "lvlText"), lvl.find(_W + "start")
                levels[_int(lvl.get(_W + "ilvl"))] = (
                    fmt.get(_W + "val") if fmt is not None else "decimal",
                    text.get(_W + "val") if text is not None else "",
                    _int(start.get(_W + "val")) if start is not None else 1,
                )
            self._levels[num.get(_W + "numId")] = levels

    def marker(self, p) -> str | None:
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None and (style := self._styles.get(_style_id(p))) is not None:
            num_pr = style.element.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            return None
        num_id, ilvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
        key = num_id.get(_W + "val") if num_id is not None else None
        level = _int(ilvl.get(_W + "val")) if ilvl is not None else 0
        levels = self._levels.get(key)
        if not levels or level not in levels or not 0 <= level < 9:
            return None
        counts = self._counts.setdefault(key, [0] * 9)
        counts[level] += 1
        counts[level + 1 :] = [0] * (8 - level)
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "•"
        drawn = text
        for n in range(level + 1):
            n_fmt, _, start = levels.get(n, ("decimal", "", 1))
            value = _formatted(n_fmt, start - 1 + max(counts[n], 1))
            if value is None:
                return None
            drawn = drawn.replace(f"%{n + 1}", value)
        return drawn.strip() or None


NOTE_KINDS = ("Footnote", "Endnote")


def note_line(kind: str, label: str, text: str) -> str:
    """A footnote or an endnote as a line of the document text, after what refers to it: the
    .docx, .doc, OpenDocument and RTF readers write notes alike."""
    return f"{kind} {label}: {text}" if label else f"{kind}: {text}"


class NoteNumbers:
    """Notes numbered as they are read, as the .docx, .doc and RTF readers all number them: each
    kind counted on its own in its format (Word's defaults: footnotes 1, 2, 3; endnotes i, ii,
    iii; a .docx may set others), and a note with a mark of the author's own ("*", "†") labelled
    by that mark, which Word writes again at the start of the note's text, taking no number."""

    DEFAULT_FORMATS = {NOTE_KINDS[0]: "decimal", NOTE_KINDS[1]: "lowerRoman"}

    def __init__(self, formats: dict[str, str] | None = None) -> None:
        self._formats = {**self.DEFAULT_FORMATS, **(formats or {})}
        self._counts = dict.fromkeys(NOTE_KINDS, 0)

    def line(self, kind: str, text: str, numbered: bool = True) -> str:
        """The note's line (note_line), `kind` one of NOTE_KINDS."""
        if numbered:
            self._counts[kind] += 1
            label = _formatted(self._formats[kind], self._counts[kind]) or str(self._counts[kind])
            return note_line(kind, label, text)
        mark, _, rest = text.partition(" ")
        if rest and len(mark) <= 3 and not mark.isalnum():
            return note_line(kind, mark, rest)
        return note_line(kind, "", text)


class _Notes:
    """A document's footnotes and endnotes (their own parts of the package), each read where the
    text first refers to it, numbered in that order in the format the document's note settings
    give (NoteNumbers). A reference followed by a mark of the author's own (w:customMarkFollows)
    takes no number, as in Word."""

    _KINDS = {"footnote": NOTE_KINDS[0], "endnote": NOTE_KINDS[1]}

    def __init__(self, document) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        self._texts: dict[str, dict[str, str]] = {kind: {} for kind in self._KINDS}
        self._read: set[tuple[str, str]] = set()
        parts = {RT.FOOTNOTES: "footnote", RT.ENDNOTES: "endnote"}
        for rel in document.part.rels.values():
            kind = parts.get(rel.reltype)
            if kind is None or rel.is_external:
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root.iter(_W + kind):
                if note.get(_W + "type") in (None, "normal"):  # not a separator line
                    said = " ".join(t for p in note.iter(_W + "p") if (t := _paragraph_text(p)))
                    self._texts[kind][note.get(_W + "id")] = said
        settings = document.settings.element
        formats = {}
        for kind, name in self._KINDS.items():
            fmt = settings.find(f"{_W}{kind}Pr/{_W}numFmt")
            if fmt is not None and fmt.get(_W + "val"):
                formats[name] = fmt.get(_W + "val")
        self._numbers = NoteNumbers(formats)

    def of(self, block) -> list[str]:
        """The lines of the notes `block` refers to that are not read yet, in its order."""
        if not any(self._texts.values()):
            return []
        lines = []
        for ref in block.iter(_W + "footnoteReference", _W + "endnoteReference"):
            kind = "footnote" if ref.tag == _W + "footnoteReference" else "endnote"
            key = (kind, ref.get(_W + "id"))
            text = self._texts[kind].get(key[1])
            if key in self._read or not text or _in_deleted(ref):
                continue
            self._read.add(key)
            lines.append(self._numbers.line(self._KINDS[kind], text, ref.get(_W + "customMarkFollows") not in _ON))
        return lines


def _in_deleted(element) -> bool:
    """Inside text a tracked change deleted (its note went with it) or moved away."""
    return any(a.tag in (_W + "del", _W + "moveFrom") for a in element.iterancestors())


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _formatted(fmt: str, n: int) -> str | None:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return None


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + digits, n - value
    return out


def _table_lines(table) -> list[str]:
    """A table's rows as Markdown table lines, a delimiter row under a header; a grid of labels
    and their values as "Label: value" lines (label_grid)."""
    rows = _rows(table)
    if (fields := label_grid(rows)) is not None:
        return fields
    if stacked := stacked_header(rows):
        return table_lines(stacked, True)
    return table_lines(rows, len(rows) >= 2 and _has_header(table, rows))


def _has_header(table, rows: list[list[str]]) -> bool:
    """Does the first row name the columns? When Word repeats it as the header on each page,
    yes. Word's "Header Row" look is on in nearly every table (new tables in Word and
    python-docx have it), so alone it says little: with it, a first row of three cells or more,
    each a few words and no number, none of them repeated in its column below (a cell merged
    down is data: "Logistics" over three names), is the header. A two-column table is as often
    a list of labels and values ("Forklift driver | Ann Lee"), whose first row is data."""
    first = next(_children(table, _W + "tr"), None)
    repeated = first.find(f"{_W}trPr/{_W}tblHeader") if first is not None else None
    if repeated is not None and (repeated.get(_W + "val") or "1") not in _OFF:
        return True
    look = table.find(f"{_W}tblPr/{_W}tblLook")
    return look is not None and _header_look(look) and names_the_columns(rows)


def _header_look(look) -> bool:
    """Is the "Header Row" look on (w:firstRow, or the bit of w:val older files write)?"""
    first_row = look.get(_W + "firstRow")
    if first_row is not None:
        return first_row in _ON
    try:
        return bool(int(look.get(_W + "val") or "0", 16) & _FIRST_ROW_LOOK)
    except ValueError:
        return False


def _rows(table) -> list[list[str]]:
    """The text of each row's cells (rows with no text left out)."""
    out = []
    above: dict[int, str] = {}  # grid column -> the text of the cell that a merge down started there
    for row in _children(table, _W + "tr"):
        cells, column = [], 0
        for tc in _children(row, _W + "tc"):
            # A cell merged across columns is one w:tc (its gridSpan says how wide): read once.
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and (merge.get(_W + "val") or "continue") == "continue":
                text = above.get(column, "")  # the cell above, merged down over this one
            else:
                text = _cell_text(tc)
                above[column] = text
            width = max(1, _int(span.get(_W + "val"))) if span is not None else 1
            # Its other columns empty, as a sheet's merged cell reads: a row keeps the header's
            # columns ("Subtotal" over two of them, its amount under "Total"), and a group over the
            # labels under it names their columns (markdown.stacked_header: "2025 Budget").
            cells += [text] + [""] * (width - 1)
            column += width
        if any(cells):
            out.append(cells)
    return out


def _cell_text(tc) -> str:
    parts = []
    for block in _blocks(tc):
        if block.tag == _W + "tbl":
            parts.append("; ".join(", ".join(cells) for cells in _rows(block)))
        elif text := _paragraph_text(block):
            parts.append(text)
    return " ".join(p for p in parts if p)
