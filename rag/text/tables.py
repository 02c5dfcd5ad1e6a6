"""Tables in a document's text: a row's cells, and the header that names its columns.

Markdown writes a table as lines between pipes, its header over a delimiter row ("|---|---|");
HTML tables with a header are read into the same shape (rag/ingest/html_blocks.py), and so are
Word tables (rag/ingest/word.py). A row alone does not say what its cells are: "| Bruno Okafor |
Research | Berlin | ext. 2590 | 2021 |" answers "Which department does Bruno Okafor work in?"
only with "| Name | Department | Office | Phone | Joined |" above it. Rows and headers are found
in the text as it stands, so every offset here points into the document text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rag.index.lexical import terms
from rag.ingest.markdown import tables
from rag.ingest.sentences import is_table_row

Range = tuple[int, int]

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
    delimiter row follows it. None when the line is no row of a table with a header (or is its
    header or delimiter), or has another number of cells than the header."""
    tables = _tables(text)
    if not tables:
        return None
    line = text.rfind("\n", 0, at) + 1
    i = bisect.bisect_right(tables, (line, float("inf"))) - 1
    if i < 0 or not (tables[i][0] <= line < tables[i][1]):
        return None
    header, line_end = tables[i][2], end_of_line(text, line)
    if not is_table_row(text[line:line_end]):  # Markdown's "a | b", with no pipe before its first cell
        return None
    cells = cells_of(text, line, line_end)
    return Row(tuple(cells), header) if len(cells) == len(header) else None


# A plain-text table's columns are set apart by two spaces or more (or a tab); a cell holds single
# spaces ("Operating profit", "+11.9%").
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")
_GAP = re.compile(r"\S(?: {2,}|\t)\S")
_NUMERIC = re.compile(r"[-+−–(]?[$€£¥]?\d[\d,.]*%?\)?")
_YEARISH = re.compile(r"(?:FY)?(?:19|20)\d\d(?:/\d\d)?|Q[1-4](?: (?:19|20)\d\d)?|H[12](?: (?:19|20)\d\d)?")
# How far a value's edges may stand from its column name's (numbers are set right, words left).
_ALIGN_SLACK = 3
# A plain-text table this long is read whole at most (a header looked for above a row).
_MAX_ALIGNED_LINES = 60


_RULE = re.compile(r"[ \t]*[=\-]{2,}(?:[ \t]+[=\-]{2,})*[ \t]*")


def _aligned_cells(text: str, start: int, end: int) -> list[Range]:
    """The cells of a line of a plain-text table: runs of words parted by two spaces or more."""
    line = text[start:end].replace("\t", "  ")  # one character for one: offsets stay the text's
    return [(start + m.start(), start + m.end()) for m in _ALIGNED_CELL.finditer(line)]


def aligned_row_at(text: str, at: int) -> Row | None:
    """The row of a table typed in plain text (columns lined up by spaces) holding offset `at`,
    with the column names of the line that heads its block:

                                            2024        2023      Change
        Revenue                                 482.6       431.2     +11.9%

    "How many employees did Corvane have at the end of 2023?" was answered "2024", the header's
    first word, from such a table of an annual report (a break-it helper's, session 49). The
    header is the first line of the block of lined-up lines (no blank line between), its cells
    names or years; each value of the row stands under one column name (its left or right edge
    within _ALIGN_SLACK columns of the name's, or overlapping it), the row's first cell its key,
    under a name or none. None for anything else."""
    line = text.rfind("\n", 0, at) + 1
    end = end_of_line(text, line)
    if not _GAP.search(text, line, end) or _RULE.fullmatch(text, line, end):
        return None
    cells = _aligned_cells(text, line, end)
    if len(cells) < 3:
        return None
    top = _aligned_top(text, line)
    # A reStructuredText simple table's rules ("=======  ======") over and under its header
    # are no names: the header is the first line that is no rule.
    while top < line and _RULE.fullmatch(text, top, end_of_line(text, top)):
        top = end_of_line(text, top) + 1
    if top == line:
        return None
    head_end = end_of_line(text, top)
    names = _aligned_cells(text, top, head_end)
    words = [text[a:b] for a, b in names]
    if len(names) < 2 or not all(
        _YEARISH.fullmatch(w) or (not _NUMERIC.fullmatch(w) and len(w.split()) <= 5) for w in words
    ):
        return None
    columns = [_under(text, line, top, cell, names) for cell in cells[1:]]
    if None in columns or len(set(columns)) != len(columns):
        return None
    key = next(
        (words[j] for j, (c, _) in enumerate(names) if abs((c - top) - (cells[0][0] - line)) <= _ALIGN_SLACK), ""
    )
    return Row(tuple(cells), (key, *(words[j] for j in columns)))


def _aligned_top(text: str, line: int) -> int:
    """The first line of the block of lined-up lines (no blank line between) that holds `line`.
    A rule of one run of dashes between the header and the rows ("FLIGHT  DATE  FROM …" over
    "--------" over "AU 214  TUE 10MAR  EDINBURGH (EDI) …", an e-ticket's itinerary: a break-it
    helper's, session 51) is in the block when lined-up lines stand above it."""
    top = line
    for _ in range(_MAX_ALIGNED_LINES):
        above = text.rfind("\n", 0, top - 1) + 1 if top > 0 else -1
        if above < 0 or top == 0 or not text[above : top - 1].strip():
            break
        if not _GAP.search(text, above, top - 1):
            over = text.rfind("\n", 0, above - 1) + 1
            if not (above > 0 and _RULE.fullmatch(text, above, top - 1) and _GAP.search(text, over, above - 1)):
                break
        top = above
    return top


def aligned_caption(text: str, at: int, lines: int = 2) -> str:
    """The lines of text right above the table typed in plain text that holds offset `at` (as
    caption_over for a markup table): "2. REVENUE BY REGION (GBP million)" over its "Region  2023
    2024" block. "" when `at` is in no such table."""
    line = text.rfind("\n", 0, at) + 1
    if aligned_row_at(text, at) is None:
        return ""
    # Up to another table's row ("Total   797   875" of the table before).
    return _lines_over(text, _aligned_top(text, line), lines, lambda above: _GAP.search(above.rstrip("\n")) is not None)


def _under(text: str, line: int, top: int, cell: Range, names: list[Range]) -> int | None:
    """The column name a cell stands under, by the columns of the cell and of each name."""
    a, b = cell[0] - line, cell[1] - line
    fits = []
    for j, (c, d) in enumerate(names):
        c, d = c - top, d - top
        if abs(b - d) <= _ALIGN_SLACK or abs(a - c) <= _ALIGN_SLACK or (a < d and c < b):
            fits.append(j)
    return fits[0] if len(fits) == 1 else None


def is_header_row(text: str, at: int) -> bool:
    """Is the line holding offset `at` a table's header (over its delimiter row)?"""
    tables = _tables(text)
    line = text.rfind("\n", 0, at) + 1
    i = bisect.bisect_right(tables, (line, float("inf")))
    return i < len(tables) and tables[i][3] == line


# The tables of the last few texts that hold any: rows of one document are read one after
# another while it is indexed, and the candidates of a question come from a few documents. It
# keeps those texts alive; eight of the largest a file may give (max_file_mb, 20 MB) are 160 MB.
@lru_cache(maxsize=8)
def _tables(text: str) -> list[tuple[int, int, tuple[str, ...], int]]:
    """Each table with a header in the text: (its first row's start, its last row's end, its
    header's cell texts, its header's start), in order: Markdown's tables (markdown.tables) whose
    header is a row between pipes. Found once for a text: a row's header found by walking up from
    the row made indexing a table of 20,000 rows quadratic (each row walked up over the rows above
    it)."""
    out = []
    for start, end in tables(text, []):
        header_end = end_of_line(text, start)
        first = end_of_line(text, header_end + 1) + 1  # past the delimiter row
        if is_table_row(text[start:header_end]) and first < end:
            names = tuple(text[a:b] for a, b in cells_of(text, start, header_end))
            out.append((first, end, names, start))
    return out


def rows_of_table(text: str, at: int) -> list[Row]:
    """Every row of the table (with a header) whose row holds offset `at`, in order; none when
    `at` is in no such table's rows."""
    tables = _tables(text)
    line = text.rfind("\n", 0, at) + 1
    i = bisect.bisect_right(tables, (line, float("inf"))) - 1
    if i < 0 or not (tables[i][0] <= line < tables[i][1]):
        return []
    rows, start = [], tables[i][0]
    while start < tables[i][1]:
        if (row := row_at(text, start)) is not None:
            rows.append(row)
        start = end_of_line(text, start) + 1
    return rows


def header_over(text: str, start: int) -> str:
    """The header line of the table whose rows a passage beginning at `start` begins among, or
    "" (the passage starts outside a table, or holds its header). A table cut over passages
    leaves its later rows without column names: their passage is embedded under this line."""
    tables = _tables(text)
    i = bisect.bisect_right(tables, (start, float("inf"))) - 1
    if i < 0 or not (tables[i][0] <= start < tables[i][1]):
        return ""
    return text[tables[i][3] : end_of_line(text, tables[i][3])]


def caption_over(text: str, at: int, lines: int = 2) -> str:
    """The lines of text right above the header of the table holding offset `at` (at most
    `lines`, blank lines skipped, up to another table or the text's start): what the table is
    ("Cover limits" over "| Section | Limit | Notes |"). "" when `at` is in no table."""
    tables = _tables(text)
    i = bisect.bisect_right(tables, (at, float("inf"))) - 1
    if i < 0 or not (tables[i][3] <= at < tables[i][1]):
        return ""
    return _lines_over(text, tables[i][3], lines, lambda line: is_table_row(line.strip()))


def _lines_over(text: str, end: int, lines: int, stops: Callable[[str], bool]) -> str:
    """The last `lines` non-blank lines of text[:end], stripped, in order, going up no further
    than a line that `stops` (another table's row)."""
    out: list[str] = []
    while len(out) < lines and end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start:end]
        if stops(line):
            break
        if line.strip():
            out.append(line.strip())
        end = start
    return "\n".join(reversed(out))


def end_of_line(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end == -1 else end


def column_asked(question: str, row: Row, text: str) -> int | None:
    """The column of `row` the question names, or None: the one column whose header words the
    question holds the largest share of, not counting a column whose cell the question quotes
    (the row's key: "Bruno Okafor" in "What is Bruno Okafor's phone extension?" names the row,
    not a column). None on a tie or when no header word is asked. A header word is asked when
    the question holds it (stemmed: "joined", "join") or a word it begins ("Speaker" of "Who is
    speaking at 11:00?"; four letters at least)."""
    best = columns_asked(question, row, text)
    return best[0] if len(best) == 1 else None


def column_shares(question: str, row: Row, text: str) -> list[float]:
    """For each column of the row, the share of its name's words the question asks (0 for a
    column whose cell the question quotes: the row's key, not what is asked)."""
    asked = [alike(t) for t in terms(question)]
    folded = question.casefold()
    keys = [
        quotes(folded, text[a:b]) or _words_quoted(asked, text[a:b], name)
        for name, (a, b) in zip(row.header, row.cells)
    ]
    # The words that name the row name no column: "What is the daily standing charge on the
    # Tidewell Green Saver tariff?" of a row keyed "Tidewell Green Saver 18" asks of its
    # "Standing charge (p/day)", not of its "Green credentials" (a break-it helper's tariff
    # comparison, session 56, where "green" tied it).
    keyed = {alike(t) for (a, b), key in zip(row.cells, keys) if key for t in terms(text[a:b])}
    of_columns = [q for q in asked if q not in keyed]
    shares = []
    for name, key in zip(row.header, keys):
        named = {alike(t) for t in terms(name)}
        if not named or key:
            shares.append(0.0)
        else:
            shares.append(sum(any(same_word(n, q) for q in of_columns) for n in named) / len(named))
    return shares


def _words_quoted(asked: list[str], cell: str, column: str) -> bool:
    """Does the question hold every word of a cell of two words or more, in other punctuation
    ("sewerage standing charge" of "Sewerage - standing charge": the row's key, and its "Charge"
    column was answered for "How much per day is the sewerage standing charge?"), a number of it
    aside ("the Tidewell Green Saver tariff" of "Tidewell Green Saver 18": the deal's months,
    which a user leaves out)? Not when those are its column's own words: "Which NHS band is the
    root canal treatment in?" names the column "NHS band / Private" of the cell "NHS Band 2"."""
    words = {alike(t) for t in terms(cell) if not t[0].isdigit()}
    return len(words) >= 2 and words <= set(asked) and not words <= {alike(t) for t in terms(column)}


def columns_asked(question: str, row: Row, text: str) -> list[int]:
    """The columns column_asked chooses among: all of them when it finds a tie ("Express rate"
    and "Express delivery" for "How much is express shipping to Canada?"), none when no header
    word is asked."""
    best: list[int] = []
    best_share = 0.0
    for i, share in enumerate(column_shares(question, row, text)):
        if share > best_share:
            best, best_share = [i], share
        elif share == best_share and share > 0:
            best.append(i)
    if len(best) > 1:
        # A tie goes to the column the wh-word asks for: "What codename did the 3.0.2 release
        # have?" names "Released" too.
        head = _ASKED_NOUN.search(question)
        if head is not None:
            best = [
                i for i in best if any(same_word(n, t) for n in terms(row.header[i]) for t in terms(head.group(1)))
            ] or best
    return best


# The word a wh-word asks for: "what codename", "which platform", "how many points"; not one of
# two ("Which office and department …?" asks for both).
# "What was the batch number …": the noun after "what is the" too (a break-it helper's vaccination
# record, session 53: "Vaccine" and "Batch no." tied, and the vaccine's name answered).
# Not after "how much is the": "How much is the fee for closing the mortgage?" asks for the
# amount, not the "Fee" column's name of it (a break-it helper's mortgage offer, session 52).
# "Who is the agent for …?": the role after "who is the" (a planning decision's "Applicant", named by
# "application", tied with its "Agent", and the applicants answered; a break-it helper's, session 54).
_ASKED_NOUN = re.compile(
    r"\b(?:(?:what|which)(?:\s+(?:is|was|are|were)\s+(?:the|its|their|my|our|your)\s+|['’]s\s+the\s+|\s+)"
    r"|who(?:\s+(?:is|was|are|were)\s+|['’]s\s+)(?:the|its|their|my|our|your)\s+"
    r"|how\s+many\s+|how\s+much\s+)([\w'’-]+)\b(?!\s*(?:,|and\b|or\b))",
    re.I,
)


# Words a column is named by and the words a question asks for it with, stemmed, as one: a
# timetable's "Depart" of "What time does our train leave?", which was answered with the row's
# date, and a league table's "Pts" of "How many points …?", answered with its position (break-it
# helpers' itinerary and league table, session 52).
_ALIKE = {
    "leav": "depart",
    "departur": "depart",
    "dep": "depart",
    "arr": "arriv",
    "reach": "arriv",
    "begin": "start",
    "commenc": "start",
    "finish": "end",
    "pts": "point",
    "qti": "quantiti",
    # "How much does the Dustra R7 cost?" of a review's "Price (RRP, Jan 2026)" row (session 53).
    "cost": "price",
}


def alike(term: str) -> str:
    """The stemmed word `term` is read as when a column is named by it or asked for (_ALIKE)."""
    return _ALIKE.get(term, term)


def same_word(header: str, asked: str) -> bool:
    """Is a header word (stemmed) the question's word, or one of them the other with a short
    ending ("speak", "speaker"; "own", "owner"; "suppli", "supplier"; "prep", "prepar")?"""
    short, long = sorted((header, asked), key=len)
    return short == long or (
        len(short) >= _MIN_STEM and long.startswith(short) and len(long) - len(short) <= _MAX_ENDING
    )


# "own" begins "owner"; a shorter start, or a longer ending, begins too much ("pl" of "plan",
# "depart" of "department").
_MIN_STEM = 3
_MAX_ENDING = 3


def quotes(folded_question: str, cell: str) -> bool:
    """Does the question (case-folded) hold the cell's text whole, as words? "Lind" is not in
    "Lindqvist", nor "2" in "07:42"; a cell of one character is never taken for quoted. A unit or
    a note in brackets closing the cell need not be written: "dividend per share" quotes
    "Dividend per share (pence)" (a report's key figures, session 49), when two words or more are
    left: "Long (508 mm)" is not quoted by "How long does it take to charge …?". A hyphen and a
    space join words alike: "check in" quotes "Check-in" (a hotel booking's field, session 51)."""
    cell = cell.casefold()
    if len(cell) >= 2 and _written(cell).search(folded_question) is not None:
        return True
    bare = _CLOSING_NOTE.sub("", cell)
    return bare != cell and len(bare.split()) >= 2 and _written(bare).search(folded_question) is not None


def _written(cell: str) -> re.Pattern:
    """The cell's words as a question may write them: joined by a hyphen or a space alike."""
    joined = r"[-\s]".join(re.escape(w) for w in re.split(r"(?<=\w)(?:-|\s+)(?=\w)", cell))
    return re.compile(rf"(?<!\w){joined}(?!\w)")


_CLOSING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


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
