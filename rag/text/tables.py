"""Tables in a document's text: a row's cells, and the header that names its columns.

Markdown writes a table as lines between pipes, its header over a delimiter row ("|---|---|");
HTML tables with a header are read into the same shape (rag/ingest/html_blocks.py), and so are
Word tables (rag/ingest/word.py). A row alone does not say what its cells are: "| Bruno Okafor |
Research | Berlin | ext. 2590 | 2021 |" answers "Which department does Bruno Okafor work in?"
only with "| Name | Department | Office | Phone | Joined |" above it. Rows and headers are found
in the text as it stands, so every offset here points into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.index.lexical import terms
from rag.ingest.markdown import is_delimiter_row
from rag.ingest.sentences import is_table_row

Range = tuple[int, int]

# How far above a row its header is looked for. A header 200,000 characters up (some 4,000 rows
# of a directory) is still found; a table longer than that has its later rows read alone.
MAX_HEADER_DISTANCE = 200_000

# A cell ends at a pipe that no backslash escapes (Markdown writes "a \| b" for a pipe in a cell).
_PIPE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Row:
    """A table row under a header. Invariant: `cells` are (start, end) offsets into the document
    text, one per cell in order, whitespace trimmed (an empty cell is (a, a)); `header` holds the
    header's cell texts, as many as the row has cells."""

    cells: tuple[Range, ...]
    header: tuple[str, ...]


def cells_of(text: str, start: int, end: int) -> list[Range]:
    """The cells of the row text[start:end] ("| a | b |"), as trimmed offsets into `text`."""
    pipes = [m.start() for m in _PIPE.finditer(text, start, end)]
    out = []
    for a, b in zip(pipes, pipes[1:]):
        a += 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    return out


def row_at(text: str, at: int) -> Row | None:
    """The row of the line holding offset `at`, with its header: the table's first line when a
    delimiter row follows it. None when the line is no table row, is the header itself, has
    another number of cells than the header, or its table has no header within
    MAX_HEADER_DISTANCE characters."""
    line = text.rfind("\n", 0, at) + 1
    line_end = _end_of_line(text, line)
    if not is_table_row(text[line:line_end]) or is_delimiter_row(text[line:line_end]):
        return None
    above = line
    while above > 0 and line - above <= MAX_HEADER_DISTANCE:
        previous = text.rfind("\n", 0, above - 1) + 1
        row = text[previous : above - 1]
        if is_delimiter_row(row):
            header = text.rfind("\n", 0, previous - 1) + 1 if previous > 0 else -1
            if header < 0 or not is_table_row(text[header : previous - 1]):
                return None
            names = [text[a:b] for a, b in cells_of(text, header, previous - 1)]
            cells = cells_of(text, line, line_end)
            return Row(tuple(cells), tuple(names)) if len(names) == len(cells) else None
        if not is_table_row(row):
            return None
        above = previous
    return None


def _end_of_line(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end == -1 else end


def column_asked(question: str, row: Row, text: str) -> Range | None:
    """The cell of `row` under the column the question names, or None: the one column whose
    header words (stemmed) the question holds most of, not counting a column whose cell the
    question quotes (the row's key: "Bruno Okafor" in "What is Bruno Okafor's phone extension?"
    names the row, not a column). None on a tie, when no header word is asked, or when the cell
    is empty."""
    asked = set(terms(question))
    folded = question.casefold()
    best: list[int] = []
    best_share = 0.0
    for i, (name, (a, b)) in enumerate(zip(row.header, row.cells)):
        named = set(terms(name))
        if not named or quotes(folded, text[a:b]):
            continue
        share = len(named & asked) / len(named)
        if share > best_share:
            best, best_share = [i], share
        elif share == best_share and share > 0:
            best.append(i)
    if len(best) != 1:
        return None
    a, b = row.cells[best[0]]
    return (a, b) if b > a else None


def quotes(folded_question: str, cell: str) -> bool:
    """Does the question (case-folded) hold the cell's text whole, as words? "Lind" is not in
    "Lindqvist", nor "2" in "07:42"; a cell of one character is never taken for quoted."""
    cell = cell.casefold()
    return len(cell) >= 2 and re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", folded_question) is not None


def as_pairs(text: str, row: Row) -> str:
    """The row written as its header's names with its cells ("Name: Bruno Moreau; Department:
    Logistics; Office: Gdansk; …"), what its sentence vector is made from. Embedded alone, the
    row "| Bruno Moreau | Logistics | Gdansk | ext. 2451 | 2014 |" was nearer "Which department
    does Bruno Moreau work in?" than Bruno Okafor's row by 0.011 in cosine, and embedded under
    its header line farther than two other rows; written as pairs it is the nearest of the three
    for each of four such questions (tests/text/test_tables.py)."""
    return "; ".join(
        f"{name}: {text[a:b]}" if name else text[a:b] for name, (a, b) in zip(row.header, row.cells) if b > a
    )
