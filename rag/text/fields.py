"""Records written as labelled lines: a block of "Label: value" lines under the line that names it.

    Lindqvist AB
    Contact: Erik Lindqvist
    Phone: +46 8 555 0199
    Email: erik@lindqvist.example

A contact list, a product's specification, a meeting's minutes ("Date: …", "Attendees: …") are
records as a table's rows are (rag/text/tables.py): "What is the phone number of Lindqvist AB?"
names the record by its name line and the field by its label. Read as prose, the answer quoted
"Lindqvist AB" (the line with the question's rare words) and nothing else. A record is read as a
table row whose header is its labels: each name line a cell under no label, each value a cell
under its label, so that the same lookup (rag/answer/lookup.py) reads both.
"""

from __future__ import annotations

import re

from rag.text.tables import Range, Row, end_of_line

# "Label: value" on a line of its own: a label of a few words that starts with a letter (a list
# mark or Markdown's bold around it allowed), then a value. Not "https://…" (no space after the
# colon) nor "10:30".
_FIELD = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?(?P<label>[A-Za-z][\w .&/()'’-]{0,40}?)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]+"
    r"(?P<value>\S[^\n]*?)[ \t]*$",
    re.M,
)
# A label of more words is prose ("The reason we stopped the rollout on Friday: …").
_MAX_LABEL_WORDS = 4
# A value longer than this is a paragraph that happens to follow a label ("Note: …").
_MAX_VALUE_CHARS = 200
# A line that names the record: a few words ("Lindqvist AB", "## Oduya Ltd").
_MAX_NAME_WORDS = 8
# A block of more lines than this is no record (a log, a long list of settings).
_MAX_RECORD_LINES = 30


def field_at(text: str, at: int) -> re.Match | None:
    """The "Label: value" line holding offset `at`, if it is one."""
    line = text.rfind("\n", 0, at) + 1
    m = _FIELD.match(text, line, end_of_line(text, line))
    if m is None or len(m.group("label").split()) > _MAX_LABEL_WORDS or len(m.group("value")) > _MAX_VALUE_CHARS:
        return None
    return m


def record_at(text: str, at: int, in_any_block: bool = False) -> tuple[Row, Range] | None:
    """The record whose field line holds offset `at`: (the record as a row, the block's range).
    A record is the run of fields and short lines (_run_around) around the line in its block
    (between blank lines, of fewer than _MAX_RECORD_LINES lines), with two fields at least; None
    otherwise. `in_any_block`: in a block of any length, the run itself of fewer lines (a page
    read from HTML has no blank lines: its lists of fields stand in one block with the rest)."""
    if field_at(text, at) is None:
        return None
    start = text.rfind("\n\n", 0, at)
    start = 0 if start == -1 else start + 2
    end = text.find("\n\n", at)
    end = len(text) if end == -1 else end
    if not in_any_block and text.count("\n", start, end) >= _MAX_RECORD_LINES:
        return None  # a log, a long list of settings, a reference's entries: no record
    start, end = _run_around(text, at, start, end)
    cells: list[Range] = []
    labels: list[str] = []
    fields = 0
    lines = 0
    line = start
    while line < end:
        line_end = min(end_of_line(text, line), end)
        lines += 1
        if lines > _MAX_RECORD_LINES:
            return None
        m = field_at(text, line)
        if m is not None:
            cells.append(m.span("value"))
            labels.append(m.group("label"))
            fields += 1
        elif text[line:line_end].strip():
            a, b = _trimmed(text, line, line_end)
            if len(text[a:b].split()) <= _MAX_NAME_WORDS:
                cells.append((a, b))
                labels.append("")
        line = line_end + 1
    return (Row(tuple(cells), tuple(labels)), (start, end)) if fields >= 2 else None


def _run_around(text: str, at: int, start: int, end: int) -> Range:
    """The lines of text[start:end] around the line holding `at` that may be a record's: fields
    and short lines, up to a line of prose or a table's row. A Word document's paragraphs stand
    one per line with no blank line between: its minutes' "Date: Tuesday 11 February 2025" was
    read in one block with the whole text, "The next meeting will be held on …" and the action
    table included (a break-it helper's, session 50)."""
    line = text.rfind("\n", 0, at) + 1
    first = line
    while first > start:
        above = text.rfind("\n", 0, first - 1) + 1
        if not _in_record(text, above, first - 1):
            break
        first = above
    last = end_of_line(text, line)
    while last < end:
        below_end = min(end_of_line(text, last + 1), end)
        if not _in_record(text, last + 1, below_end):
            break
        last = below_end
    return first, last


def _in_record(text: str, a: int, b: int) -> bool:
    """May the line text[a:b] be part of a record: a field, or a short line that is no table row?"""
    line = text[a:b].strip()
    return bool(line) and (
        field_at(text, a) is not None or (len(line.split()) <= _MAX_NAME_WORDS and not line.startswith("|"))
    )


def _trimmed(text: str, a: int, b: int) -> Range:
    """The line's words, without a Markdown heading's marks or emphasis around them."""
    while a < b and text[a] in " \t#*_":
        a += 1
    while b > a and text[b - 1] in " \t*_:":
        b -= 1
    return a, b
