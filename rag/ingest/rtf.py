"""A Rich Text Format file (.rtf: what macOS TextEdit saves by default, and WordPad, and Word's
"Save as RTF"), read as the application shows it.

By striprtf (pure Python, BSD): the text of the document's paragraphs, a line each; what the
application does not show is left out (the font, colour and style tables, the document's
information block, headers and footers, comments, pictures, field codes: a hyperlink reads as
its text and its address in brackets). A table's rows, which striprtf ends each cell of with a
pipe, are written as Markdown writes a table under its first row (rag/ingest/markdown.py), as a
Word table is, so that a row names its columns and a cell answers a lookup. The title is the
one the document's information block gives, if any.

A footnote or an endnote is a line of its own after the paragraph (or the table) that holds
it, numbered as the application numbers it ("Footnote 1: …", as a Word document's: word.
note_line): striprtf leaves notes out, so each note's group is taken out of the RTF before it
reads the rest, a private-use character standing in its place, and read apart.

Not read: tracked changes are shown as they stand (a deletion still tracked is read), and an
embedded object only by the text its picture stands for (none).
"""

from __future__ import annotations

import codecs
import re

from rag.errors import LoadError
from rag.ingest.markdown import label_grid, one_line, table_lines
from rag.ingest.word import NOTE_KINDS, NoteNumbers

RTF_SUFFIXES = (".rtf",)
_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
_TITLE = re.compile(r"{\\title\b ?((?:[^{}\\]|\\.)*)}")
# striprtf writes a hyperlink as its text then its address quoted in brackets: 'the rota("https://…")'.
_LINK = re.compile(r'\("((?:https?|mailto|ftp|file):[^"\n]*)"\)')
# A line striprtf made of a table row: its cells each ended with "|" ("Day|Opens|").
_ROW_END = "|"
# A note's group ("{\footnote \chftn …}" as Word writes it, "{\*\footnote …}" as LibreOffice
# does; an endnote's says \ftnalt) and the characters that stand for the notes in the text
# striprtf reads (Unicode's private-use area, 6,400 of them).
_NOTE = re.compile(r"{(?:\\\*)?\\footnote(?![a-z])")
_MARKS = (0xE000, 0xF8FF)


def rtf_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of an .rtf file's bytes."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise LoadError(f"{source}: not a Rich Text Format file (it does not start with {{\\rtf)")
    from striprtf.striprtf import rtf_to_text  # imported here: only .rtf files need it

    # RTF is 7-bit text with its other characters escaped; a writer that puts them raw puts
    # them in the code page it declares.
    encoding = _codepage(data)
    rtf, notes = _notes_apart(data.decode(encoding, errors="replace"))
    try:
        text = rtf_to_text(rtf, encoding=encoding, errors="replace")
        said = [one_line(rtf_to_text("{\\rtf1 " + note + "}", encoding=encoding, errors="replace")) for note in notes]
    except (ValueError, IndexError, LookupError) as e:
        raise LoadError(f"{source}: damaged RTF ({type(e).__name__}: {str(e)[:200]}); save it again") from e
    lines = _lines(_LINK.sub(r" (\1)", text), _note_lines(notes, said))
    if not lines:
        raise LoadError(f"{source}: the RTF document has no text")
    return "\n".join(lines), _title(rtf, encoding)


def _codepage(data: bytes) -> str:
    m = _CODEPAGE.search(data[:4096])
    if m is not None:
        try:
            return codecs.lookup(f"cp{int(m.group(1))}").name
        except LookupError:
            pass
    return "cp1252"


def _title(rtf: str, encoding: str) -> str | None:
    from striprtf.striprtf import rtf_to_text

    m = _TITLE.search(rtf)
    if m is None:
        return None
    return one_line(rtf_to_text("{\\rtf1 " + m.group(1) + "}", encoding=encoding, errors="replace")) or None


def _notes_apart(rtf: str) -> tuple[str, list[str]]:
    """The RTF with each note's group replaced by the character that stands for it, and the
    groups' contents in order. A group left open (a damaged file) ends the search."""
    parts: list[str] = []
    notes: list[str] = []
    at = 0
    for m in _NOTE.finditer(rtf):
        if m.start() < at:  # inside the group just taken out
            continue
        end = _group_end(rtf, m.start())
        if end is None:
            break
        parts.append(rtf[at : m.start()])
        if _MARKS[0] + len(notes) <= _MARKS[1]:
            parts.append(f"\\u{_MARKS[0] + len(notes) - 0x10000}?")  # RTF's \uN is a signed 16-bit number
            notes.append(rtf[m.end() : end - 1])
        at = end
    parts.append(rtf[at:])
    return "".join(parts), notes


def _group_end(rtf: str, start: int) -> int | None:
    """Where the group opened at `start` ends (after its "}"), escaped braces not counted."""
    depth, i = 0, start
    while i < len(rtf):
        ch = rtf[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _note_lines(notes: list[str], said: list[str]) -> dict[str, str]:
    """The line of each note, by the character that stands for it ("" for a note with no text):
    numbered in order when the application numbers it (\\chftn: 1, 2, 3; endnotes i, ii, iii),
    labelled by its own mark when the author gave one."""
    lines: dict[str, str] = {}
    numbers = NoteNumbers()
    for n, (note, text) in enumerate(zip(notes, said, strict=True)):
        kind = NOTE_KINDS[1] if note.lstrip().startswith("\\ftnalt") else NOTE_KINDS[0]
        lines[chr(_MARKS[0] + n)] = numbers.line(kind, text, "\\chftn" in note) if text else ""
    return lines


def _lines(text: str, notes: dict[str, str]) -> list[str]:
    """The paragraphs a line each (blank ones out), and each run of table rows as a table; each
    note after the line that holds it (after its table, for a row's)."""
    lines: list[str] = []
    rows: list[list[str]] = []
    noted: list[str] = []  # the notes of the rows read so far
    for line in text.replace("\r", "").split("\n"):
        line = line.replace("\t", " ").rstrip()
        held = [notes[ch] for ch in line if ch in notes] if notes else []
        if held:
            line = "".join(ch for ch in line if ch not in notes)
            held = [note for note in held if note]
        if line.endswith(_ROW_END):
            rows.append([one_line(cell) for cell in line[: -len(_ROW_END)].split("|")])
            noted += held
            continue
        if rows:
            lines += _table(rows) + noted
            rows, noted = [], []
        if line.strip():
            lines.append(one_line(line))
        lines += held
    if rows:
        lines += _table(rows) + noted
    return lines


def _table(rows: list[list[str]]) -> list[str]:
    """Rows as a Markdown table under the first, each as wide as the widest (a merged cell
    leaves a row short); a grid of labels and their values as "Label: value" lines (label_grid)."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows if any(row)]
    if (fields := label_grid(rows)) is not None:
        # A block of its own, as a record is read (rag.text.fields): its paragraphs' lines run on
        # with no blank line between.
        return ["", *fields, ""]
    return table_lines(rows, header=True) if rows else []
