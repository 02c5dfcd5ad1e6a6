"""A PDF's text as a reader of its pages reads it: running heads, footers and page numbers left
out, lines wrapped by the layout joined again, words hyphenated at a line's end made whole, and a
sentence that goes on over a page break read as one.

pypdf gives each page's text line by line, as the page is set. Joined as it came (pages by a blank
line), the Bash Reference Manual (196 pages, typeset by TeX) was cut into 2,906 passages whose
sentences broke at the lines where the next one began with a capital ("…must be quoted to prevent
history expansion. See" / "Section 9.1 [Bash History Facilities], page 152, …"), held
"Chapter 3: Basic Shell Features 6" between two halves of a sentence, and spelled "infrastruc-"
"ture", which matches no "infrastructure" in a question, in BM25 or in the embedder's vocabulary.

What is read here, from the text and from where pypdf's text visitor says each piece stands and
in which font and size it is set:
- **Page furniture** is left out: a line among a page's first or last two that is a page number
  ("7", "- 7 -", "Page 7 of 12", "vii"); that stands there on three pages or more (on every page
  of a shorter file) once its numbers are masked, or whose first four words do (a head that names
  each chapter); or that begins or ends with the page's printed number ("Chapter 2: Definitions
  4"). A table of contents' or an index's line (dot leaders, page numbers) is navigation. A
  table's header repeated at the top of each page is the table's, and stays.
- **Wrapped lines** are joined: a line ends its paragraph when it ends a sentence, when it is
  short (under 70% of the document's long lines: a paragraph's last line), when the next opens a
  list item or a numbered heading ("3.1.2 Quoting", "5. Performs", "•"), or when the two are set
  in different sizes or weights (a heading); otherwise, or when the next begins in lower case,
  the next line carries it on.
- **Hyphenation**: "struc-" over "tures" is "structures"; a compound the document also writes with
  its hyphen inside a line ("well-known") keeps it.
- **Page breaks**: the same rules across a page's last line and the next page's first; a page
  break that ends nothing is no paragraph break, and one that does is a blank line. Footnotes
  (set smaller at a page's foot) are read after the paragraph they cut.
- **Tables**: lines whose pieces stand apart in columns are written as Markdown writes a table
  (rag/text/tables.py reads them as it reads Markdown's).

The text stored, indexed and cited is this text (as with ligatures and HTML, what the document
says, not how it is drawn), so `document_text[start:end] == text` holds as for every format.
"""

from __future__ import annotations

import re
from collections import Counter

from rag.ingest.markdown import is_delimiter_row, label_grid, names_columns, table_lines

# Typeset PDFs (LaTeX's above all) draw "fi", "fl", "ffi" ... as one ligature glyph, and pypdf
# gives its character: "The \ufb01nance o\ufb03cer" matched no "finance" or "officer" in a
# question, in BM25 or in the embedder's vocabulary, and "Who is the finance officer?" was
# answered confidently from another document (found in session 19). What the PDF says is the
# letters; the text we store (and cite, offsets exact) is the letters.
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)

_EDGE_LINES = 2  # a running head or footer is among a page's first or last two lines
_HEAD_WORDS = 4  # a running head's first words
_REPEATS = 3  # ... and stands there on this many pages (or on every page of a shorter file)
# A page number alone on its line: "7", "- 7 -", "Page 7", "page 7 of 12", "7/12", "vii".
_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?", re.I
)
_DIGITS = re.compile(r"\d+")
# A table of contents' or an index's line: a title, dot leaders, page numbers. The document's navigation (as
# a site's menu is a page's), and its words matched every question about the sections it lists.
_CONTENTS_LINE = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,7})(?:,\s*\d{1,4})*\s*$", re.I)

# A line that opens a list item or a numbered heading: never the wrapped end of the line before.
_OPENS_ITEM = re.compile(
    r"(?:[•◦▪▫‣●○■□–—*·-]\s"  # a bullet
    r"|\d{1,3}(?:\.\d{1,3})*[.)]?\s+\S"  # "5. Performs", "3.1.2 Quoting", "2) Open"
    r"|\(?[a-z]\)\s|\([ivx]{1,4}\)\s)"  # "(a) ", "a) ", "(iv) "
)
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*$")
_ENDS_PLAINLY = re.compile(r"[.!?:]$")  # not "usually ‘!’" over ", must be quoted"
_MIN_LINES = 10  # to know how long a full line is
_SHORT = 0.7  # of the document's long lines: a line shorter than this ends its paragraph
# ... and one much longer is not of the text's column (a title over a newsletter's two columns)
_LONG = 1.2
_HYPHENATED = re.compile(r"([^\W\d_]+)-$")  # a word cut by a hyphen at the line's end
_CONTINUED = re.compile(r"^([^\W\d_]+)")
_COMPOUND = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")


# TeX's Type 1 fonts (Computer Modern and the like) draw "fi", "fl", "ff", "ffi", "ffl" as one glyph
# at codes their own font program names (12 is /fi in TeX's text encoding). A PDF that gives the
# font no /Encoding (and a ToUnicode map without those codes) leaves pypdf no name for them, and
# it drops them: GLPK's MathProg manual read "rst" for "first", "speci es" for "specifies" and
# "le" for "file" 236 times. The names are read from the embedded font program (Type 1's clear
# text, or CFF through fontTools, which matplotlib brings) and given to pypdf as the font's
# /Differences, for those glyphs only.
_LIGATURE_GLYPHS = frozenset({"ff", "fi", "fl", "ffi", "ffl"})
_TYPE1_CODE = re.compile(r"dup (\d+) ?/([A-Za-z]+) put")


def name_ligatures(reader) -> None:
    """Give each Type 1 font of `reader` without an /Encoding the ligature glyphs its embedded
    program encodes (in memory; the file is not written). A font whose program cannot be read
    is left as it was."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    done: set[int] = set()
    for page in reader.pages:
        try:
            fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
            entries = list(fonts.values())
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
        for entry in entries:
            try:
                font = entry.get_object()
                if id(font) in done or font.get("/Subtype") != "/Type1" or "/Encoding" in font:
                    continue
                done.add(id(font))
                codes = sorted(
                    (code, glyph) for code, glyph in _program_encoding(font).items() if glyph in _LIGATURE_GLYPHS
                )
            except Exception:  # a damaged font program only loses its ligatures, as before
                continue
            if codes:
                differences = ArrayObject()
                for code, glyph in codes:
                    differences += [NumberObject(code), NameObject("/" + glyph)]
                font[NameObject("/Encoding")] = DictionaryObject(
                    {NameObject("/Type"): NameObject("/Encoding"), NameObject("/Differences"): differences}
                )


def _program_encoding(font) -> dict[int, str]:
    """Code -> glyph name, as the font's embedded program encodes its glyphs."""
    import io

    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return {}
    descriptor = descriptor.get_object()
    if "/FontFile" in descriptor:  # Type 1: the encoding is in the program's clear text
        program = descriptor["/FontFile"].get_object()
        clear = program.get_data()[: int(program.get("/Length1", 0))].decode("latin-1")
        return {int(code): glyph for code, glyph in _TYPE1_CODE.findall(clear)}
    if "/FontFile3" in descriptor:  # CFF
        from fontTools.cffLib import CFFFontSet

        cff = CFFFontSet()
        cff.decompile(io.BytesIO(descriptor["/FontFile3"].get_object().get_data()), None)
        encoding = cff[cff.fontNames[0]].Encoding
        return {} if isinstance(encoding, str) else {code: glyph for code, glyph in enumerate(encoding) if glyph}
    return {}


Style = tuple[float, bool]  # the font size a line is set in (points, to a half) and whether bold
UNKNOWN: Style = (0.0, False)
TABLE: Style = (-1.0, False)  # a line _tables wrote: a table's row, never joined to another line
_BOLD = re.compile(r"bold|black|heavy|demi|cmbx|cmb\d|-bd\b", re.I)


Cell = tuple[float, float, str]  # where a run of a line's text starts and (roughly) ends, and its text


def page_lines(page) -> tuple[str, list[Style], list[list[Cell] | None]]:
    """A pypdf page's text as pypdf extracts it; the style most letters of each of its lines are
    set in; and each line's runs of text set apart by a wide gap (a table's cells), or None where
    that is not known. UNKNOWN styles and no cells where pypdf's pieces do not add up to its text.
    A table whose cells were written one after another (_in_rows) is given line by line."""
    pieces: list[tuple[str, Style, float, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        pieces.append((text, _style(cm, tm, font, size), _x(cm, tm), _y(cm, tm)))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece for piece, _, _, _ in pieces) != text:
        return text, [UNKNOWN] * len(text.split("\n")), [None] * len(text.split("\n"))
    pieces = _without_marks(pieces)
    text = "".join(piece for piece, _, _, _ in pieces)
    styles: list[Style] = []
    cells: list[list[Cell] | None] = []
    heights: list[float] = []  # where each line stands (its first run's baseline), NaN if not known
    letters: Counter = Counter()
    runs: list[Cell] | None = []
    y = float("nan")
    for piece, style, x, at in pieces:
        for k, part in enumerate(piece.split("\n")):
            if k:
                styles.append(max(letters, key=letters.__getitem__) if letters else UNKNOWN)
                cells.append(runs)
                heights.append(y)
                letters, runs, y = Counter(), [], float("nan")
            if n := sum(not ch.isspace() for ch in part):
                letters[style] += n
                # Text after a line break inside one piece: where it stands is not known.
                runs = None if k or runs is None else _with_run(runs, x, style[0], part)
                if y != y and runs:
                    y = at
            elif runs and not k:  # a space pypdf put between two pieces of a run
                runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + part)
    styles.append(max(letters, key=letters.__getitem__) if letters else UNKNOWN)
    cells.append(runs)
    heights.append(y)
    cells = [[(a, b, words.strip()) for a, b, words in line] if line else line for line in cells]
    lines = text.split("\n")
    if len(lines) != len(cells):
        return text, styles, cells
    lines, styles, cells = _in_rows(lines, styles, cells, heights)
    return "\n".join(lines), styles, cells


def _without_marks(pieces: list[tuple[str, Style, float, float]]) -> list[tuple[str, Style, float, float]]:
    """The page's pieces without the footnote marks set after a sentence's or a clause's end:
    a number or a dagger in smaller type, raised, right after a full stop, a comma or a quote
    ("…non-Latin characters.¹ Both of these…"). pypdf gave "characters.1 Both", no sentence's
    end, with a number no text holds. An exponent follows a digit, a letter or a bracket ("10⁶",
    "m²", "(a + b)²") and is kept; so is a footnote's own number, which opens its line."""
    out: list[tuple[str, Style, float, float]] = []
    for piece in pieces:
        text, (size, _), _, y = piece
        before = next((p for p in reversed(out) if p[0].strip()), None)
        if (
            before is not None
            and _MARK.fullmatch(text.strip())
            and before[0][-1:] in _ENDS_BEFORE_MARK
            and 0 < size <= _MARK_SIZE * before[1][0]
            and y - before[3] > _MARK_RAISED * before[1][0]
        ):
            continue
        out.append(piece)
    return out


_MARK = re.compile(r"\d{1,3}|[*†‡§¶]{1,3}")
# Not after a bracket: "(a + b)²" is an exponent as often as "…(CLI)²" a mark.
_ENDS_BEFORE_MARK = frozenset(".,;:!?”’\"'")
_MARK_SIZE = 0.8  # of the text's size, at most: a mark is set smaller
_MARK_RAISED = 0.15  # of the text's size, at least: and above its line


def _in_rows(
    lines: list[str], styles: list[Style], cells: list[list[Cell] | None], heights: list[float]
) -> tuple[list[str], list[Style], list[list[Cell] | None]]:
    """The lines with each table row that was written cell after cell made one line of its cells.
    A program that writes a table cell by cell (fpdf2, office suites) gives pypdf a cell's
    wrapped lines, then the next cell's from the row's top again: "Model Product Serial numbers"
    / "affected" / "Sold What to do", which read as no table. Such a row is seen where a line
    goes back up and to the right, to the row's top line or to a cell set about the row's middle
    (_row_of_cells). It is taken for a row only when it has three cells or more, each cell's
    lower lines end before the next cell begins, and another such row or a line of as many runs
    on the page has its cells where it has them: a formula's subscripts and two boxes of code
    side by side go back up too."""
    found: list[tuple[int, int, list[Cell]]] = []
    i = 0
    while i < len(lines):
        end = _row_of_cells(cells, heights, styles, i)
        row = _cells_of_row(cells, heights, styles, i, end) if end is not None else None
        if row is None:
            i += 1
            continue
        found.append((i, end, row))
        i = end
    # What a row is checked against: the other rows found, and the page's lines of three cells or
    # more (a table's header over its only wrapped row on a page).
    others = [(j, other) for j, _, other in found] + [
        (k, line) for k, line in enumerate(cells) if line and len(line) >= _MIN_COLUMNS
    ]
    rows = {i: (end, row) for i, end, row in found if any(_same_columns(row, other) for j, other in others if j != i)}
    out_lines: list[str] = []
    out_styles: list[Style] = []
    out_cells: list[list[Cell] | None] = []
    i = 0
    while i < len(lines):
        if i not in rows:
            out_lines.append(lines[i])
            out_styles.append(styles[i])
            out_cells.append(cells[i])
            i += 1
            continue
        end, row = rows[i]
        out_lines.append(" ".join(words for _, _, words in row))
        out_styles.append(Counter(styles[i:end]).most_common(1)[0][0])
        out_cells.append(row)
        i = end
    return out_lines, out_styles, out_cells


def _cells_of_row(
    cells: list[list[Cell] | None], heights: list[float], styles: list[Style], start: int, end: int
) -> list[Cell] | None:
    """The cells of the row in lines start..end: each run on a line that opens a cell (the row's
    top line, or one that goes back up: a cell set about the row's middle) begins a cell, a lower
    run goes on the cell it stands under. None when it has fewer than three cells or a lower run
    ends past the next cell's start (text that does not stand in a cell)."""
    top, size = heights[start], _size(styles[start])
    opens = [
        abs(heights[k] - top) <= _SAME_LINE * size or heights[k] > heights[k - 1] + _SAME_LINE * size
        for k in range(start, end)
    ]
    row = sorted((list(run) for k, up in zip(range(start, end), opens) if up for run in cells[k]), key=lambda r: r[0])
    if len(row) < _MIN_COLUMNS:
        return None
    for k, up in zip(range(start, end), opens):
        if up:
            continue
        for a, b, words in cells[k]:
            under = max((j for j, run in enumerate(row) if run[0] <= a + size), default=0)
            if under + 1 < len(row) and b > row[under + 1][0] + size:
                return None
            row[under][1] = max(row[under][1], b)
            row[under][2] = _joined(row[under][2], words)
    return [(a, b, words) for a, b, words in row]


def _same_columns(row: list[Cell], other: list[Cell]) -> bool:
    """Do two rows have as many cells, each starting where the other's does?"""
    return len(row) == len(other) and all(abs(a[0] - b[0]) <= _ALIGNED for a, b in zip(row, other, strict=True))


def _row_of_cells(cells: list[list[Cell] | None], heights: list[float], styles: list[Style], start: int) -> int | None:
    """The end (exclusive) of a table row written cell after cell that begins at line `start`,
    or None when none does: the lines of its first cells that are set alike (_set_alike), two
    cells or more."""
    if not cells[start] or heights[start] != heights[start]:
        return None
    top, size = heights[start], _size(styles[start])
    cell_x = cells[start][-1][0]  # where the cell being written starts: the line's last run
    written = [(start, top, top)]  # each cell's first line, and where its first and last lines stand
    end = start + 1
    while end < len(cells) and end - start < _ROW_LINES and cells[end] and heights[end] == heights[end]:
        y, x = heights[end], cells[end][0][0]
        if y > top + _SAME_LINE * size:  # above the row's top line
            break
        if y > heights[end - 1] + _SAME_LINE * size:  # back up: the next cell, to the right
            if x <= cell_x + size or y - heights[end - 1] > _ROW_HEIGHT * size:
                break
            cell_x = cells[end][-1][0]
            written.append((end, y, y))
        elif x < cell_x - size:  # back left, lower down: the next row, or the text after the table
            break
        else:
            written[-1] = (written[-1][0], written[-1][1], y)
        end += 1
    while len(written) > 1 and not _set_alike([(first, last) for _, first, last in written], size):
        end = written.pop()[0]
    return end if len(written) > 1 else None


def _set_alike(spans: list[tuple[float, float]], size: float) -> bool:
    """Are a row's cells (where each one's first and last lines stand) all set at the row's top,
    or all about its middle? fpdf2 centres a row's cells: a name that wraps ("Personal
    possessions away" / "from home") is written first, and the row's cells of one line after it,
    between its two lines. Read as going back up to the row's top only, the name was a line of
    prose over a row that left it out ("|  | £5,000 | Optional cover |")."""
    top, middle = spans[0][0], sum(spans[0]) / 2
    return all(abs(first - top) <= _SAME_LINE * size for first, _ in spans) or all(
        abs((first + last) / 2 - middle) <= _SAME_LINE * size for first, last in spans
    )


def _size(style: Style) -> float:
    return style[0] if style[0] > 0 else 10.0


_SAME_LINE = 0.35  # of the font size: baselines this close are one line
_ROW_HEIGHT = 12.0  # of the font size: a cell's lines go back up this far at most
# Lines of one row at most: from each line of a page of prose the walk went on to the page's end
# (each line lower, none back up), quadratic in a page's lines.
_ROW_LINES = 60


def _x(cm, tm) -> float:
    try:
        return float(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])
    except (TypeError, ValueError, IndexError):
        return float("nan")


def _y(cm, tm) -> float:
    try:
        return float(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
    except (TypeError, ValueError, IndexError):
        return float("nan")


_CHAR_WIDTH = 0.45  # of the font size: an average letter's width, to guess where a run ends
_CELL_GAP = 1.0  # of the font size: a wider gap between two runs parts two cells


def _with_run(runs: list[Cell], x: float, size: float, part: str) -> list[Cell] | None:
    """The line's runs with `part` added at x: joined to the last run when it starts where that
    one ends (the same words set in pieces), a new cell after a wide gap. None: unknown. A run's
    words are its pieces as pypdf joined them (with the spaces it put between them): "a" "ff"
    "ected" is "affected", as in the page's text."""
    if x != x or size <= 0:  # NaN: no position
        return None
    end = x + _CHAR_WIDTH * size * len(part.strip())
    if runs and x - runs[-1][1] <= _CELL_GAP * size:
        start, _, words = runs[-1]
        return [*runs[:-1], (start, max(end, runs[-1][1]), words + part)]
    return [*runs, (x, end, part)]


def _style(cm, tm, font, size) -> Style:
    try:
        # The size set by Tf, scaled by the text and the current matrices (Word and browsers
        # set "1 Tf" and scale the text matrix instead).
        scale = abs(tm[0] * tm[3] - tm[1] * tm[2]) ** 0.5 * abs(cm[0] * cm[3] - cm[1] * cm[2]) ** 0.5
        points = round(float(size) * scale * 2) / 2
        name = str(font.get("/BaseFont", "")) if font else ""
    except (TypeError, ValueError, IndexError, AttributeError):
        return UNKNOWN
    return (points, bool(_BOLD.search(name))) if points > 0 else UNKNOWN


def pdf_document_text(
    pages: list[str], styles: list[list[Style]] | None = None, cells: list[list[list[Cell] | None]] | None = None
) -> str:
    """The document's text from each page's text as pypdf extracts it (lines ending in "\\n"),
    and, when known, the style and the cells of each of its lines (page_lines)."""
    read: list[list[tuple[str, Style, list[Cell] | None]]] = []
    for p, page in enumerate(pages):
        texts = _lines_of(page)
        kinds = styles[p] if styles is not None and len(styles[p]) == len(texts) else [UNKNOWN] * len(texts)
        runs = cells[p] if cells is not None and len(cells[p]) == len(texts) else [None] * len(texts)
        read.append(
            [line for line in zip(texts, kinds, runs, strict=True) if line[0] and not _CONTENTS_LINE.search(line[0])]
        )
    # A line of a table's cells that repeats at the top of each page is the table's header, not
    # a running head: it is kept (and read as the header of the table on each page).
    furniture = _furniture(
        [[t for t, _, _ in page] for page in read],
        {(p, i) for p, page in enumerate(read) for i, (_, _, r) in enumerate(page) if r and len(r) >= _MIN_COLUMNS},
    )
    body = []
    headers: set[str] = set()  # the header lines of the tables read so far, as the page gives them
    for p, page in enumerate(read):
        kept = [line for i, line in enumerate(page) if (p, i) not in furniture]
        texts, kinds = _tables([t for t, _, _ in kept], [k for _, k, _ in kept], [r for _, _, r in kept], headers)
        body.append(list(zip(texts, kinds, strict=True)))
    compounds = _compounds([[t for t, _ in page] for page in body])
    body = [[(_unhyphenated(t, compounds), kind) for t, kind in page] for page in body]
    # The text's own lines: a table's rows, written whole, are no measure of where its lines wrap.
    width = _long_line([[t for t, kind in page if kind != TABLE] for page in body])
    usual = _usual_style(body)
    out: list[str] = []
    before = UNKNOWN
    notes: list[str] = []  # the footnotes of the page before, read after the paragraph they cut
    header: str | None = None  # the header of the table the last line written is a row of
    last = ""  # the last line written
    for page in body:
        text, small = _footnotes(page, usual)
        text, goes_on = _table_goes_on(text, out[-1] if out and before == TABLE else None, header)
        for n, (line, style) in enumerate(text):
            if out and n == 0 and goes_on:
                out.append("\n")  # the table of the page before goes on: one table, no blank line
            elif out:
                # A heading is set apart by its size or weight, and a table's row is a line of its
                # own: nothing carries on into or out of them.
                apart = TABLE in (style, before) or (UNKNOWN not in (style, before) and style != before)
                between = _between(out[-1], line, width, compounds, page_break=n == 0, apart=apart)
                if notes and between.startswith("\n"):
                    out.append("\n" + _noted(notes))
                    notes = []
                out.append(between)
                if between == _WHOLE:  # "struc-" over "tures": the hyphen goes, the word is one
                    out[-2] = out[-2][:-1]
                    out[-1] = ""
            if style == TABLE and is_delimiter_row(line):
                header = last
            elif style == TABLE and before != TABLE:
                header = None
            out.append(line)
            before, last = style, line
        notes += small
    if notes:
        out.append("\n" + _noted(notes))
    return "".join(out).strip()


def _table_goes_on(
    page: list[tuple[str, Style]], last_row: str | None, header: str | None
) -> tuple[list[tuple[str, Style]], bool]:
    """The page's lines, and whether its first goes on the table whose row `last_row` (the line
    the page before ended with, if a table's) is: a page that opens with a table of as many
    columns, under no header of its own or under that table's `header` again (left out: it
    would stand as a row amid the rows). A table over a page break had been two tables, the
    second's rows under no names or under a header of their own."""
    if last_row is None or not page or page[0][1] != TABLE or _columns(page[0][0]) != _columns(last_row):
        return page, False
    opens_with_header = len(page) > 1 and page[1][1] == TABLE and is_delimiter_row(page[1][0])
    if not opens_with_header:
        return page, True
    if header is not None and page[0][0] == header and len(page) > 2 and page[2][1] == TABLE:
        return page[2:], True
    if _shape(page[0][0]) == _shape(last_row) != _shape(header or ""):
        # Its first row taken for a header ("| Person 4 | Role 4 | R4 |"): it is written as the
        # rows above it are, not as their header is.
        return [page[0], *page[2:]], True
    return page, False


def _shape(row: str) -> tuple[tuple[bool, bool, int], ...]:
    """How a row's cells are written: with a digit or not, a capital first or not, in one, two,
    or more words."""
    return tuple(
        (any(ch.isdigit() for ch in cell), cell.strip()[:1].isupper(), min(len(cell.split()), 3))
        for cell in _row_cells(row)
    )


def _columns(row: str) -> int:
    return len(_row_cells(row))


def _row_cells(row: str) -> list[str]:
    """The cells of a row as Markdown writes one ("| a | b \\| c |": "a", "b \\| c"). (Not
    rag.text.tables.cells_of: that module brings the word indexes into every PDF's reading.)"""
    return re.split(r"(?<!\\)\|", row)[1:-1]


_MIN_COLUMNS = 3  # two runs on a line are as often a term and its definition
_MIN_ROWS = 3  # the header and two rows
_COVERED = 0.8  # of a line's width, on average: more, and the lines are prose
_ALIGNED = 24.0  # points: how far apart the cells of one column may line up


def _tables(
    texts: list[str], kinds: list[Style], runs: list[list[Cell] | None], headers: set[str]
) -> tuple[list[str], list[Style]]:
    """A page's lines with each table's rows written as Markdown writes them ("| Oats alone | 0 |
    4.1 | – | – |"), a delimiter row under a header that names the columns: so a PDF's table is
    read as a table (rag/text/tables.py), its cells with the names of their columns. pypdf had
    given "Oats alone 0 4.1 – –", whose numbers no question can tell apart. A table is a run of
    lines of several cells (text set apart by wide gaps), three columns or more, each cell under
    the column of the table's fullest line whose middle is nearest, left to right (a row may leave
    a cell empty; _table_at says which runs of lines are tables). `headers`: the header lines of
    the document's tables before this page, a table's own header again over its one row on this
    page is a table too (two lines; _table_goes_on joins it to the one before); the headers this
    page's tables have are added."""
    out_texts, out_kinds = [], []
    i = 0
    while i < len(texts):
        found = _table_at(runs, i, 2 if texts[i] in headers or _names_its_columns(runs[i]) else _MIN_ROWS)
        if found is None:
            out_texts.append(texts[i])
            out_kinds.append(kinds[i])
            i += 1
            continue
        rows, used = found
        cells = [[" ".join(c.translate(_LIGATURES).split()) for c in row] for row in rows]
        # A grid of labels and their values ("Patient: | Mr C Ashworth-Pryce | Hospital no: | RW4-…")
        # is fields, as a Word or OpenDocument grid is: read as a table, its first pair was the
        # header, and "What is the patient's NHS number?" answered "NHS no:" (a break-it helper's
        # discharge summary, session 54).
        lines = label_grid(cells) or table_lines(
            cells,
            names_columns(cells[0][1:] if not cells[0][0] else cells[0]),  # a corner cell may be empty
        )
        if len(lines) > 1 and is_delimiter_row(lines[1]):
            headers.add(texts[i])
        out_texts += lines
        out_kinds += [TABLE] * len(lines)
        i += used
    return out_texts, out_kinds


def _names_its_columns(cells: list[Cell] | None) -> bool:
    """Is a line of four cells or more a header by what its cells say (names_columns)? Its table
    may have one row: a water bill's "Meter serial no. | Previous reading | Read on | …" over its
    one meter's readings was two lines of text in two passages, and "What was the previous meter
    reading?" had no reading to give (a break-it helper's, session 54)."""
    return cells is not None and len(cells) >= _MIN_COLUMNS + 1 and names_columns([text for _, _, text in cells])


def _table_at(
    runs: list[list[Cell] | None], start: int, min_rows: int = _MIN_ROWS
) -> tuple[list[list[str]], int] | None:
    """The rows (cells in the table's columns) of a table whose header is line `start`, and how
    many lines they take; or None. The columns are the cells of its fullest line among the first
    lines of several cells: a header may leave its first cell empty (a specification sheet's "| |
    Tern 3 | Tern 6 |"). A table is found in the lines of several cells from `start`; where a
    cell wraps onto a line of its own, the rows go on past it (_wrapped), when the table read so
    still holds."""
    block = []
    for line in runs[start:]:
        if line is None or len(line) < 2:
            break
        block.append(line)
    if len(block) >= 2 and (going_on := _going_on(runs[start + len(block) :], max(block, key=len))):
        longer = _checked(block + going_on, min_rows)
        if longer is not None and longer[1] > len(block):
            return longer
    return _checked(block, min_rows)


def _checked(block: list[list[Cell]], min_rows: int) -> tuple[list[list[str]], int] | None:
    """The table's rows in these lines and how many lines they take (_rows), or None when its
    lines of several cells are too few, too narrow, or mostly text."""
    cells = [line for line in block if len(line) >= 2]
    if len(cells) < min_rows or max(map(len, cells)) < _MIN_COLUMNS:
        return None
    widest = max(cells, key=len)
    if len(block[0]) < len(widest) - 1:  # a header fills all its columns but the corner, at most
        return None
    # A table's row is mostly gaps; a line of prose parted by a change of font is mostly text
    # (its runs cover 0.91-0.97 of its width in the Bash manual, a table's rows 0.16-0.58 in the
    # probes' reports and price lists).
    if sum(_covered(line) for line in cells) > _COVERED * len(cells):
        return None
    return _rows(block, widest, min_rows)


def _rows(block: list[list[Cell]], widest: list[Cell], min_rows: int) -> tuple[list[list[str]], int] | None:
    """The table's rows in these lines, and how many lines they take, or None when they are no
    table: each cell in its column of `widest` (_column_of; a header's run over two columns
    parted, _header_split), a line of one run going on the cell above it (_wrapped)."""
    middles = [(a + b) / 2 for a, b, _ in widest]
    rows: list[list[str]] = []
    firsts: dict[int, Cell] = {}  # each column's first cell under the header
    used = 0
    for line in block:
        if len(line) < 2:
            column = _wrapped(line, widest)
            if column is None or len(rows) < 2:
                break
            rows[-1][column] = _joined(rows[-1][column], line[0][2])
            used += 1
            continue
        if not rows:
            line = _header_split(line, widest)
        columns = [_column_of(cell, widest, middles) for cell in line]
        if any(later <= earlier for earlier, later in zip(columns, columns[1:], strict=False)):
            break
        # A column's cells line up (at their start, middle or end, as they are set): in prose, a
        # change of font parts a line where its words happen to fall. (The header's cells may
        # stand elsewhere: centred over figures set flush right.)
        if rows and not all(_aligned(firsts.get(c), cell) for c, cell in zip(columns, line, strict=True)):
            break
        used += 1
        row = [""] * len(widest)
        for column, cell in zip(columns, line, strict=True):
            row[column] = cell[2]
            if rows:
                firsts.setdefault(column, cell)
        rows.append(row)
    # Most rows fill most of the columns: a list of terms whose first line a change of font
    # parted in three ("-q The maximum number of bytes in" / "posix message queues.") does not.
    full = sum(sum(map(bool, row)) >= _MIN_COLUMNS for row in rows)
    # Nor do a sentence's pieces, which begin or end with its commas ("markup, Texinfo input
    # format," | "SGML" | "or XML" / ", PostScript or PDF"). A cell of only "-" says "none".
    pieces = sum(cell[:1] in ",;." or cell[-1:] in ",-" for row in rows for cell in row if cell and cell != "-")
    return (rows, used) if len(rows) >= min_rows and 3 * full >= 2 * len(rows) and pieces < 2 else None


def _column_of(cell: Cell, widest: list[Cell], middles: list[float]) -> int:
    """The column a cell stands in: the one whose start it starts at (a short heading over a
    wide column set flush left: "Description" over the parts' descriptions, whose middle is
    nearer the part numbers'), else the one whose middle is nearest its own."""
    a, b, _ = cell
    starts = [start for start, _, _ in widest]
    at = min(range(len(starts)), key=lambda c: abs(starts[c] - a))
    if abs(starts[at] - a) <= _SAME_START:
        return at
    return min(range(len(middles)), key=lambda c: abs(middles[c] - (a + b) / 2))


def _header_split(line: list[Cell], widest: list[Cell]) -> list[Cell]:
    """A header line whose run starts at one column and runs over the start of the next, which
    no run of the line starts at, parted there between two words: the headings of two narrow
    columns set close ("Unit price" and "Lead time" read as one run), parted where the words'
    guessed ends come nearest the next column's start."""
    starts = [start for start, _, _ in widest]
    out: list[Cell] = []
    for k, (a, b, words) in enumerate(line):
        nxt = next((c for c in range(len(starts) - 1) if abs(starts[c] - a) <= _SAME_START), None)
        after = line[k + 1][0] if k + 1 < len(line) else float("inf")
        if nxt is None or not (starts[nxt + 1] < b and starts[nxt + 1] + _SAME_START < after) or " " not in words:
            out.append((a, b, words))
            continue
        per_char = (b - a) / max(len(words), 1)
        gaps = [m.start() for m in re.finditer(" ", words)]
        cut = min(gaps, key=lambda g: abs(a + per_char * (g + 1) - starts[nxt + 1]))
        out += [(a, a + per_char * cut, words[:cut]), (a + per_char * (cut + 1), b, words[cut + 1 :])]
    return out


_SAME_START = 6.0  # points: a cell this near a column's start stands in it


def _going_on(lines: list[list[Cell] | None], widest: list[Cell]) -> list[list[Cell]]:
    """The lines after a table's lines of several cells that may go on with it: from a line of
    one run that is a wrapped cell's rest, the lines up to the first that is neither such a
    line nor a row that fills the first column (a new row begins with its name)."""
    out: list[list[Cell]] = []
    for line in lines:
        if line is None or not line:
            break
        if len(line) < 2:
            if _wrapped(line, widest) is None:
                break
        elif not out or abs(line[0][0] - widest[0][0]) > _ALIGNED:
            break
        out.append(line)
    return out


def _wrapped(line: list[Cell], widest: list[Cell]) -> int | None:
    """The column whose cell in the row above goes on in this line of one run ("Glass shelf
    support, chrome," / "with rubber pads"), or None: a column after the first (which names
    the row), whose start the run starts at, and before the next column begins. pypdf gives
    the wrapped words a line of their own, which had ended the table there: the rows below it
    were read as prose."""
    (a, b, _), starts = line[0], [cell[0] for cell in widest]
    for column in range(1, len(starts)):
        if abs(a - starts[column]) <= _ALIGNED and (column + 1 == len(starts) or b < starts[column + 1]):
            return column
    return None


def _joined(cell: str, rest: str) -> str:
    """A cell and its wrapped rest. A word hyphenated at the wrap ("vec-" / "tor") is joined at a
    soft hyphen, which pdf_document_text makes the document's hyphen where it writes that
    compound with one ("well-known"), and nothing elsewhere ("vector"), as in its lines."""
    if _HYPHENATED.search(cell) and rest[:1].islower():
        return f"{cell[:-1]}{_SOFT_HYPHEN}{rest}"
    return f"{cell} {rest}".strip()


_SOFT_HYPHEN = "\u00ad"


def _unhyphenated(line: str, compounds: set[str]) -> str:
    """A table row's words joined at a soft hyphen (_joined), whole or with the hyphen the
    document writes them with."""
    if _SOFT_HYPHEN not in line:
        return line
    return _AT_SOFT_HYPHEN.sub(
        lambda m: (
            f"{m.group(1)}-{m.group(2)}"
            if f"{m.group(1)}-{m.group(2)}".lower() in compounds
            else m.group(1) + m.group(2)
        ),
        line,
    ).replace(_SOFT_HYPHEN, "")


_AT_SOFT_HYPHEN = re.compile(r"([^\W\d_]+)\u00ad([^\W\d_]+)")


def _covered(line: list[Cell]) -> float:
    """How much of the line's width its runs of text cover (by their guessed ends)."""
    width = line[-1][1] - line[0][0]
    return sum(b - a for a, b, _ in line) / width if width > 0 else 1.0


def _aligned(first: Cell | None, cell: Cell) -> bool:
    """Does `cell` line up with the first cell of its column (at its start, middle or end)?"""
    if first is None:
        return True
    (a, b, _), (c, d, _) = first, cell
    return min(abs(a - c), abs((a + b) / 2 - (c + d) / 2), abs(b - d)) <= _ALIGNED


# What PDF writers put in a file's title when its author did not: the program's name for the
# file ("Microsoft Word - report.docx", "report.dvi", "Untitled").
_NO_TITLE = re.compile(
    r"(?:untitled|document\d*|microsoft (?:word|powerpoint|excel) - .*|.*\.(?:docx?|pptx?|xlsx?|odt|pdf|tex|dvi|ps|indd|qxp))",
    re.I,
)
_MAX_TITLE_LINES = 3


def pdf_title(metadata_title: str | None, pages: list[str], styles: list[list[Style]]) -> str | None:
    """The document's title: its metadata's, unless a program wrote its own name for the file
    there; else the first page's largest type, when it is larger than the running text. None of
    the four TeX manuals Debian ships in the probes has a title in its metadata ("Bash Reference
    Manual" is the first page's largest line)."""
    if metadata_title and metadata_title.strip() and not _NO_TITLE.fullmatch(metadata_title.strip()):
        return metadata_title.strip()
    if not pages or not styles or len(styles[0]) != len(pages[0].split("\n")):
        return None
    lines = [(t, k) for t, k in zip(_lines_of(pages[0]), styles[0], strict=True) if t and k != UNKNOWN]
    usual = _usual_style(
        [list(zip(_lines_of(page), kinds, strict=False)) for page, kinds in zip(pages, styles, strict=False)]
    )
    if not lines or usual == UNKNOWN:
        return None
    largest = max(size for _, (size, _) in lines)
    if largest < usual[0] + 1:
        return None
    first = next(i for i, (_, (size, _)) in enumerate(lines) if size == largest)
    run = [lines[first][0]]
    for text, style in lines[first + 1 : first + _MAX_TITLE_LINES]:
        if style != lines[first][1]:
            break
        run.append(text)
    title = " ".join(run)
    # Lettering drawn as a picture reads as nonsense: Asymptote's manual draws its name eleven
    # times over as a shadow ("symptotesymptote…", one 88-letter word).
    if len(title) > 200 or not any(ch.isalpha() for ch in title) or max(map(len, title.split())) > 30:
        return None
    return title


def _lines_of(page: str) -> list[str]:
    """A page's lines as pypdf extracts them, ligatures as their letters, and spaces run together
    where a justified line was set wide ("opened to the public  on  Monday") as one, as the reader
    sees one gap."""
    return [" ".join(line.split()) for line in page.translate(_LIGATURES).split("\n")]


def _usual_style(pages: list[list[tuple[str, Style]]]) -> Style:
    """The style most of the document's letters are set in: its running text's."""
    letters: Counter = Counter()
    for page in pages:
        for line, style in page:
            if style != TABLE:
                letters[style] += len(line)
    return max(letters, key=letters.__getitem__) if letters else UNKNOWN


def _footnotes(page: list[tuple[str, Style]], usual: Style) -> tuple[list[tuple[str, Style]], list[str]]:
    """The page's lines, and apart from them its footnotes: the lines at its foot set smaller than
    the running text, under a line of it. Read where they stand, a footnote cut the sentence that
    goes on over the page break ("…killed about one in ten of the bean plants in the lowest-lying"
    / "¹ Rainfall measured at …" / "blocks, and all plots …")."""
    if usual == UNKNOWN:
        return page, []
    end = len(page)
    while end > 0 and page[end - 1][1] not in (UNKNOWN, TABLE) and page[end - 1][1][0] < usual[0]:
        end -= 1
    if end == len(page) or not any(style == usual for _, style in page[:end]):
        return page, []
    return page[:end], [line for line, _ in page[end:]]


_NOTE_MARK = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§]|\d{1,2}\s+[A-Z]")


def _noted(notes: list[str]) -> str:
    """Footnotes, one to a line: a line that opens with no mark goes on with the one before."""
    out = notes[:1]
    for line in notes[1:]:
        if _NOTE_MARK.match(line):
            out.append(line)
        else:
            out[-1] = out[-1][:-1] + line if _HYPHENATED.search(out[-1]) and line[:1].islower() else f"{out[-1]} {line}"
    return "\n".join(out)


_WHOLE = "-"  # _between's answer for a word hyphenated at a line's end


def _between(last: str, line: str, width: float, compounds: set[str], page_break: bool, apart: bool) -> str:
    """What goes between the line written last and the next `line`: _WHOLE (one word, its
    hyphen dropped), "" (one compound word, its hyphen kept, or an identifier broken after "_"),
    " " (the same paragraph), "\\n" (a new paragraph) or "\\n\\n" (a new one after a page break)."""
    if apart:
        return "\n\n" if page_break else "\n"
    if last.endswith("_") and line[:1].isalnum():  # an identifier broken after its "_": BASH_ / COMPAT
        return ""
    if (cut := _HYPHENATED.search(last)) and line[:1].islower():
        rest = _CONTINUED.match(line)
        return "" if f"{cut.group(1)}-{rest.group(1)}".lower() in compounds else _WHOLE
    if _continues(last, line, width):
        return " "
    return "\n\n" if page_break else "\n"


def _continues(last: str, line: str, width: float) -> bool:
    if _OPENS_ITEM.match(line):
        return False
    # No sentence begins in lower case; but code does ("…is selected automatically." over "void
    # MeasureLine(…"), and a list or a block follows a colon.
    if line[:1].islower() and not _ENDS_PLAINLY.search(last):
        return True
    return _SHORT * width <= len(last) <= _LONG * width and not _ENDS_SENTENCE.search(last)


def _furniture(pages: list[list[str]], kept: set[tuple[int, int]] = frozenset()) -> set[tuple[int, int]]:
    """(page, line) of each running head, footer and page number; none of `kept` (a table's header)
    is one by its repeating."""
    if len(pages) < 2:
        return set()
    edges: dict[tuple[int, int], str] = {}
    heads: dict[tuple[int, int], str] = {}
    for p, page in enumerate(pages):
        for i in {*range(min(_EDGE_LINES, len(page))), *range(max(len(page) - _EDGE_LINES, 0), len(page))}:
            if (p, i) in kept:
                continue
            edges[(p, i)] = _DIGITS.sub("#", " ".join(page[i].lower().split()))
            # A running head that names each chapter ("HX-40 Vertical Baling Press — Safety
            # Manual Chapter 2: Hazards") repeats its first words, not its last.
            words = edges[(p, i)].split()
            if len(words) >= _HEAD_WORDS and not _ENDS_SENTENCE.search(page[i]):
                heads[(p, i)] = " ".join(words[:_HEAD_WORDS])
    pages_with = Counter(key for _, key in {(p, key) for (p, _), key in [*edges.items(), *heads.items()]})
    needed = min(_REPEATS, len(pages))
    offset = _numbering(pages, edges)
    found = set()
    for p, page in enumerate(pages):
        # From the top down and the bottom up, while the lines are furniture: a page's own first
        # line under a running head is the page's text.
        # The page's number is printed once at each edge: "1" over "1 Introduction" on page 1
        # leaves the chapter's heading.
        for order in (range(len(page)), range(len(page) - 1, -1, -1)):
            number = offset is not None
            for i in list(order)[:_EDGE_LINES]:
                line = page[i].strip()
                numbered = (number and p + offset in _end_numbers(line)) or bool(_PAGE_NUMBER.fullmatch(line))
                repeated = max(pages_with[edges.get((p, i), "")], pages_with[heads.get((p, i), "")])
                if numbered or repeated >= needed:
                    found.add((p, i))
                    number = number and not numbered
                else:
                    break
    return found


def _numbering(pages: list[list[str]], edges: dict[tuple[int, int], str]) -> int | None:
    """How the printed page numbers run against the pages' order (number = page index + offset),
    when a line at the top or bottom of three pages or more begins or ends with that number. A
    running head names its chapter ("Chapter 2: Definitions 4"): the chapter's two pages were too
    few for its words to repeat, and its number had carried on into the first line under it."""
    offsets = Counter(offset for _, offset in {(p, n - p) for p, i in edges for n in _end_numbers(pages[p][i].strip())})
    offset, count = max(offsets.items(), key=lambda kv: kv[1], default=(None, 0))
    return offset if count >= min(_REPEATS, len(pages)) else None


def _end_numbers(line: str) -> set[int]:
    """The numbers a line begins or ends with ("Chapter 3: Basic Shell Features 6", "6 Bash")."""
    words = line.split()
    return {int(w) for w in (words[:1] + words[-1:]) if w.isdigit() and len(w) <= 4}


def _compounds(pages: list[list[str]]) -> set[str]:
    """Words the document writes with a hyphen inside a line ("well-known"), lower-cased."""
    return {f"{a}-{b}".lower() for page in pages for line in page for a, b in _COMPOUND.findall(line)}


def _long_line(pages: list[list[str]]) -> float:
    """The length of the document's long lines (the 90th percentile): a full line of its text.
    Unknown (infinite: no line is long) in a text of fewer lines than make a paragraph or two."""
    lengths = sorted(len(line) for page in pages for line in page)
    if len(lengths) < _MIN_LINES:
        return float("inf")
    return float(lengths[int(0.9 * (len(lengths) - 1))])
