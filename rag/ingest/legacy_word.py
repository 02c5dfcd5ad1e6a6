"""A Word 97-2003 document (.doc: the binary format Word wrote until 2007, and still writes when
asked for "Word 97-2003"), read as a .docx is: a line per paragraph, a table's rows as Markdown
rows under its first, a field as the result it shows.

By olefile (BSD): a .doc is an OLE compound file whose "WordDocument" stream begins with the
File Information Block ([MS-DOC] 2.5.1). The FIB says where, in the "0Table" or "1Table" stream,
the piece table lies (the Clx, 2.9.38): the document's characters, from character position 0,
as pieces, each stored in the WordDocument stream either as cp1252 bytes ("compressed") or as
UTF-16. The main text is the first `ccpText` characters; footnotes, headers, comments,
endnotes and text boxes follow it. Footnotes and endnotes are read, each a line after the
paragraph that refers to it (as a .docx's: word.note_line), from the PLCs that give each note's
reference in the main text and its text (PlcffndRef / PlcffndTxt, PlcfendRef / PlcfendTxt,
2.8.x); headers, comments and text boxes are not (as a .docx's are not).

Its characters mark its structure: "\\r" ends a paragraph, "\\x07" a table cell, and a row ends
with a paragraph of its own holding only "\\x07" (the row mark). That paragraph and an empty
cell are written alike; the paragraph's properties tell them apart (sprmPFTtp, 2.6.2), read
from the FKP pages the "PlcBtePapx" lists (2.8.25, 2.9.176). A field is "\\x13 instruction
\\x14 result \\x15": its result is read, its instruction (HYPERLINK "…", PAGE, TOC \\o) not.
Pictures and drawn objects ("\\x01", "\\x08") are not read, and a table inside a table is read
as the text of its outer cell. An encrypted document says so.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from rag.errors import LoadError
from rag.ingest.markdown import names_the_columns, one_line, table_lines
from rag.ingest.ole import opened, reading
from rag.ingest.word import NOTE_KINDS, NoteNumbers

DOC_SUFFIXES = (".doc",)
_CALLED = "Word 97-2003 document"

_WORD_IDENT = 0xA5EC
_ENCRYPTED, _TABLE_1 = 0x0100, 0x0200  # FibBase flags
# FibRgFcLcb97: the index of each (fc, lcb) pair read.
_PLCF_BTE_PAPX, _CLX = 13, 33
# The (references, texts) pairs of footnotes and endnotes.
_FOOTNOTES, _ENDNOTES = (2, 3), (46, 47)
_SPRM_IN_TABLE, _SPRM_TTP = 0x2416, 0x2417  # sprmPFInTable: in a table; sprmPFTtp: a row's end mark
_PAGE = 512  # an FKP page
# Characters that are not text: none (NUL), a picture, a drawn object, a footnote or comment mark, a
# field's marks (handled apart), soft hyphen; a non-breaking hyphen read as a hyphen. (A line or
# page break and a non-breaking space are whitespace, which one_line makes one space.)
_CHARACTERS = str.maketrans({**dict.fromkeys("\x00\x01\x02\x03\x04\x05\x06\x08\x1f"), "\x1e": "-"})


def doc_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of a .doc file's bytes. LoadError for a file that
    is no Word 97-2003 document, an encrypted one, or a damaged one."""

    def table_stream(word: bytes) -> str:
        ident, flags = struct.unpack_from("<H", word, 0)[0], struct.unpack_from("<H", word, 0x0A)[0]
        if ident != _WORD_IDENT:
            raise LoadError(f"{source}: not a Word 97-2003 document (a Word 6 or older file, or damaged)")
        if flags & _ENCRYPTED:
            raise LoadError(f"{source}: the document is protected by a password; save a copy without it to index it")
        return "1Table" if flags & _TABLE_1 else "0Table"

    found = opened(source, data, _CALLED, "WordDocument", table_stream)
    word, table = found.streams.values()
    with reading(source, _CALLED):
        text = _paragraphs(word, table)
    if not text:
        raise LoadError(f"{source}: the Word document has no text")
    return text, found.title


def _fib(word: bytes) -> tuple[tuple[int, ...], list[tuple[int, int]]]:
    """The character counts of the main text and the parts after it (ccpText, ccpFtn, ccpHdd,
    ccpMcr, ccpAtn, ccpEdn) and the FibRgFcLcb's (fc, lcb) pairs, found by the counts the FIB
    gives of the blocks before them."""
    at = 32
    (csw,) = struct.unpack_from("<H", word, at)
    at += 2 + 2 * csw
    (cslw,) = struct.unpack_from("<H", word, at)
    lw = at + 2
    counts = struct.unpack_from("<6i", word, lw + 12)
    at = lw + 4 * cslw
    (pairs,) = struct.unpack_from("<H", word, at)
    values = struct.unpack_from(f"<{2 * pairs}I", word, at + 2)
    return counts, list(zip(values[::2], values[1::2], strict=True))


def _pieces(table: bytes, fc: int, lcb: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first character, last character + 1, where in WordDocument, compressed)."""
    clx, at = table[fc : fc + lcb], 0
    while at < len(clx) and clx[at] == 0x01:  # a Prc: formatting, skipped
        (size,) = struct.unpack_from("<h", clx, at + 1)
        at += 3 + size
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("no piece table in the Clx")
    (size,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + size]
    count = (len(plc) - 4) // 12  # n + 1 positions of 4 bytes, n descriptors of 8
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for i in range(count):
        (value,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)
        compressed = bool(value & 0x40000000)
        where = (value & 0x3FFFFFFF) // 2 if compressed else value & 0x3FFFFFFF
        pieces.append((cps[i], cps[i + 1], where, compressed))
    return pieces


def _characters(word: bytes, pieces: list, end: int) -> tuple[str, list[int]]:
    """The first `end` characters, and where each is stored in WordDocument (its byte offset).
    A piece is read only as far as the stream goes: a damaged one may claim two billion
    characters, and their offsets were listed before any was read."""
    text, offsets = [], []
    for first, last, where, compressed in pieces:
        if first >= end:
            break
        count = min(last, end) - first
        count = max(0, min(count, (len(word) - where) // (1 if compressed else 2)))
        if compressed:
            text.append(word[where : where + count].decode("cp1252", errors="replace"))
            offsets.extend(range(where, where + count))
        else:
            text.append(word[where : where + 2 * count].decode("utf-16-le", errors="replace"))
            offsets.extend(range(where, where + 2 * count, 2))
    return "".join(text), offsets


@dataclass(frozen=True)
class _Run:
    """Paragraph properties of the paragraphs whose marks lie in WordDocument's bytes
    [first, last): in a table's cell, or a row's end mark."""

    first: int
    last: int
    in_table: bool
    row_end: bool


def _runs(word: bytes, table: bytes, fc: int, lcb: int) -> list[_Run]:
    """The runs of paragraph properties, in order, from the FKP pages the PlcBtePapx lists."""
    if lcb < 8:
        return []
    count = (lcb - 4) // 8
    pages = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))
    runs = []
    for page in pages:
        fkp = word[page * _PAGE : (page + 1) * _PAGE]
        if len(fkp) < _PAGE:
            continue
        crun = fkp[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
        for i in range(crun):
            offset = fkp[4 * (crun + 1) + 13 * i] * 2
            flags = _table_flags(fkp, offset) if offset else {}
            runs.append(_Run(fcs[i], fcs[i + 1], bool(flags.get(_SPRM_IN_TABLE)), bool(flags.get(_SPRM_TTP))))
    return sorted(runs, key=lambda r: r.first)


def _table_flags(fkp: bytes, at: int) -> dict[int, int]:
    """sprmPFInTable's and sprmPFTtp's operands in the PapxInFkp at `at` (those it sets)."""
    size = fkp[at]
    if size == 0:
        size, start = 2 * fkp[at + 1], at + 2
    else:
        size, start = 2 * size - 1, at + 1
    grpprl = fkp[start + 2 : start + size]  # after the style's index
    found, i = {}, 0
    while i + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, i)
        i += 2
        if sprm in (_SPRM_IN_TABLE, _SPRM_TTP) and i < len(grpprl):
            found[sprm] = grpprl[i]
        i += _operand_size(sprm, grpprl, i)
    return found


def _operand_size(sprm: int, grpprl: bytes, at: int) -> int:
    """The size of a sprm's operand, from its spra bits (2.2.5.1)."""
    spra = sprm >> 13
    if spra in (0, 1):
        return 1
    if spra in (2, 4, 5):
        return 2
    if spra == 3:
        return 4
    if spra == 7:
        return 3
    if sprm == 0xD608:  # sprmTDefTable: a two-byte size, less one
        return 2 + struct.unpack_from("<H", grpprl, at)[0] - 1
    return 1 + grpprl[at] if at < len(grpprl) else 1


def _notes(word: bytes, table: bytes, pieces: list, counts: tuple[int, ...], pairs: list) -> dict[int, list[str]]:
    """The lines of the footnotes and endnotes, by the character position of their reference in
    the main text; auto-numbered ones numbered as Word numbers them by default (1, 2, 3 and i,
    ii, iii), a note with a mark of the author's own (its FRD's nAuto 0) unnumbered."""
    ccp_text, ccp_ftn, ccp_hdd, ccp_mcr, ccp_atn, _ = counts
    out: dict[int, list[str]] = {}
    numbers = NoteNumbers()
    for kind, (refs_at, texts_at), first in (
        (NOTE_KINDS[0], _FOOTNOTES, ccp_text),
        (NOTE_KINDS[1], _ENDNOTES, ccp_text + ccp_ftn + ccp_hdd + ccp_mcr + ccp_atn),
    ):
        if len(pairs) <= texts_at:
            continue
        (ref_fc, ref_lcb), (text_fc, text_lcb) = pairs[refs_at], pairs[texts_at]
        n = (ref_lcb - 4) // 6  # n + 1 positions of 4 bytes, n FRDs of 2
        if n <= 0 or text_lcb < 4 * (n + 1):
            continue
        refs = struct.unpack_from(f"<{n}i", table, ref_fc)
        auto = struct.unpack_from(f"<{n}h", table, ref_fc + 4 * (n + 1))
        starts = struct.unpack_from(f"<{n + 1}i", table, text_fc)
        text, _ = _characters(word, pieces, first + max(starts))
        for k in range(n):
            said = _clean("".join(ch for _, ch in _shown(text[first + starts[k] : first + starts[k + 1]])))
            if said:
                out.setdefault(refs[k], []).append(numbers.line(kind, said, auto[k] > 0))
    return out


def _shown(text: str) -> Iterator[tuple[int, str]]:
    """(position, character) of the characters a reader sees: a field's result, not its marks or
    its instruction."""
    field: list[int] = []  # per open field: 0 in its instruction, 1 in its result
    for i, ch in enumerate(text):
        if ch == "\x13":
            field.append(0)
        elif ch == "\x14":
            if field:
                field[-1] = 1
        elif ch == "\x15":
            if field:
                field.pop()
        elif not field or field[-1] == 1:
            yield i, ch


def _paragraphs(word: bytes, table: bytes) -> str:
    counts, pairs = _fib(word)
    pieces = _pieces(table, *pairs[_CLX])
    text, offsets = _characters(word, pieces, counts[0])
    notes = _notes(word, table, pieces, counts, pairs)
    runs = _runs(word, table, *pairs[_PLCF_BTE_PAPX]) if len(pairs) > _PLCF_BTE_PAPX else []
    starts = [r.first for r in runs]

    def run_of(i: int) -> _Run | None:
        """The properties of the paragraph whose mark is the character at i."""
        at = bisect.bisect_right(starts, offsets[i]) - 1
        return runs[at] if at >= 0 and offsets[i] < runs[at].last else None

    lines: list[str] = []
    rows: list[list[str]] = []
    cells: list[str] = []
    current: list[str] = []
    # Notes referred to since the last line was written (by where they are referred to), and
    # where the paragraph being read began: a table's notes follow the table.
    noted: list[tuple[int, list[str]]] = []
    began = 0
    for i, ch in _shown(text):
        if i in notes:
            noted.append((i, notes[i]))
        if ch == "\x07":
            if (run := run_of(i)) is not None and run.row_end:
                rows.append(cells)
                cells, began = [], i + 1
            else:
                cells.append(_clean("".join(current)))
            current = []
        elif ch == "\r":
            if (run := run_of(i)) is not None and run.in_table:  # a cell of two paragraphs or more
                current.append("\n")
                continue
            if rows:
                lines += _table(rows)
                rows = []
                lines += [line for at, said in noted if at < began for line in said]
                noted = [(at, said) for at, said in noted if at >= began]
            lines.append(_clean("".join(current)))
            lines += [line for _, said in noted for line in said]
            current, noted, began = [], [], i + 1
        else:
            current.append(ch)
    if cells:
        rows.append(cells)
    lines += _table(rows)
    lines.append(_clean("".join(current)))
    lines += [line for _, said in noted for line in said]
    return "\n".join(line for line in lines if line)


def _clean(text: str) -> str:
    return one_line(text.translate(_CHARACTERS))


def _table(rows: list[list[str]]) -> list[str]:
    """Rows as Markdown writes them, a delimiter row under a first row that names the columns
    (as a .docx's are, rag/ingest/word.py; a .doc does not keep Word's "Header Row" look where
    this reads it)."""
    rows = [row for row in rows if any(row)]
    return table_lines(rows, names_the_columns(rows)) if rows else []
