"""A Rich Text Format file (.rtf: what macOS TextEdit saves by default, and WordPad, and Word's
"Save as RTF"), read as the application shows it.

By striprtf (pure Python, BSD): the text of the document's paragraphs, a line each; what the
application does not show is left out (the font, colour and style tables, the document's
information block, headers and footers, comments, pictures, field codes: a hyperlink reads as
its text and its address in brackets). A table's rows, which striprtf ends each cell of with a
pipe, are written as Markdown writes a table under its first row (rag/ingest/markdown.py), as a
Word table is, so that a row names its columns and a cell answers a lookup. The title is the
one the document's information block gives, if any.

Not read: tracked changes are shown as they stand (a deletion still tracked is read), and an
embedded object only by the text its picture stands for (none).
"""

from __future__ import annotations

import codecs
import re

from rag.errors import LoadError
from rag.ingest.markdown import one_line, table_lines

RTF_SUFFIXES = (".rtf",)
_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
_TITLE = re.compile(r"{\\title\b ?((?:[^{}\\]|\\.)*)}")
# striprtf writes a hyperlink as its text then its address quoted in brackets: 'the rota("https://…")'.
_LINK = re.compile(r'\("((?:https?|mailto|ftp|file):[^"\n]*)"\)')
# A line striprtf made of a table row: its cells each ended with "|" ("Day|Opens|").
_ROW_END = "|"


def rtf_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of an .rtf file's bytes."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise LoadError(f"{source}: not a Rich Text Format file (it does not start with {{\\rtf)")
    from striprtf.striprtf import rtf_to_text  # imported here: only .rtf files need it

    # RTF is 7-bit text with its other characters escaped; a writer that puts them raw puts
    # them in the code page it declares.
    encoding = _codepage(data)
    rtf = data.decode(encoding, errors="replace")
    try:
        text = rtf_to_text(rtf, encoding=encoding, errors="replace")
    except (ValueError, IndexError, LookupError) as e:
        raise LoadError(f"{source}: damaged RTF ({type(e).__name__}: {str(e)[:200]}); save it again") from e
    lines = _lines(_LINK.sub(r" (\1)", text))
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


def _lines(text: str) -> list[str]:
    """The paragraphs a line each (blank ones out), and each run of table rows as a table."""
    lines: list[str] = []
    rows: list[list[str]] = []
    for line in text.replace("\r", "").split("\n"):
        line = line.replace("\t", " ").rstrip()
        if line.endswith(_ROW_END):
            rows.append([one_line(cell) for cell in line[: -len(_ROW_END)].split("|")])
            continue
        if rows:
            lines += _table(rows)
            rows = []
        if line.strip():
            lines.append(one_line(line))
    if rows:
        lines += _table(rows)
    return lines


def _table(rows: list[list[str]]) -> list[str]:
    """Rows as a Markdown table under the first, each as wide as the widest (a merged cell
    leaves a row short)."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows if any(row)]
    return table_lines(rows, header=True) if rows else []
