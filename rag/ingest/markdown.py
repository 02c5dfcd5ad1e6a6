"""Markdown syntax that is not text, and the tables that are, as ranges into the text.

Nothing is rewritten: rag/ingest/boilerplate.py leaves these ranges out of (or joins) its content
spans, so every passage and citation is still `text[start:end]`.

- A fenced code block's fences are syntax and its lines are code (never joined as wrapped prose).
- An HTML comment is never shown: Node.js's API pages keep each function's version history in
  `<!-- YAML … -->` blocks (19,000 of their 115,000 lines), which were passages of their own and
  quoted ("What does os.EOL contain on Windows?" → "description: The result of this function no
  longer contains a fraction component on Windows.").
- A link reference definition (`[`fs.mkdir()`]: #fsmkdirpath-options-callback`) is never shown:
  2,121 lines of the same pages.
- A table's header and rows are one block: a row alone was a passage without the header that
  names its columns, and the header alone was retrieved and quoted ("| Constant | Octal |
  Description |" for "What is the octal value of fs.constants.S_IRUSR?").

Applied to every text, not only a ".md" file's: a plain-text note may be Markdown, and a line of
plain text is never any of these (each pattern needs its syntax whole: a comment its closing
"-->", a definition a link target, a table its delimiter row). Headings are the exception (a
line opening with "#" is as often a comment of code): only a Markdown file's are marked.
"""

from __future__ import annotations

import bisect
import re

Range = tuple[int, int]


# CommonMark: three or more backticks, indented three spaces at most, open a block that a fence at
# least as long closes, or the text's end. Not tildes, which CommonMark allows too:
# reStructuredText underlines its headings with them ("Section\n~~~~~~~"), and the Linux
# documentation's plain-text files would have turned to code from their first heading on.
_FENCE = re.compile(r"^ {0,3}(`{3,})(.*)$", re.M)


# MyST's (Sphinx in Markdown: pip's documentation) directives whose body is prose the page shows,
# as a note or a "New in version 10.0" line: the body is text, not code, and the fence's argument
# ("```{versionadded} 10.0") is its text too. Other directives ({toctree}, {code-block}) are code.
_PROSE_DIRECTIVE = re.compile(
    r"\{(?:note|warning|caution|attention|danger|error|hint|important|tip|seealso|admonition"
    r"|versionadded|versionchanged|deprecated)\}"
)


def fenced(text: str) -> tuple[list[Range], list[Range]]:
    """(the fence lines, the code between them) of the text's fenced code blocks. A fence is
    syntax, not text ("```bash" was quoted as an answer's first line); the lines between are
    code, which a line that looks wrapped does not carry on ("make run  # sets everything up,
    indexes corpus/ and opens the chat" over "make test ..."). A MyST note's fences are syntax
    and its body prose ("Pinning refers to using the `==` operator to require the package to be
    a" / "specific version." was read as two lines of code)."""
    fences: list[Range] = []
    code: list[Range] = []
    if "```" not in text:
        return fences, code
    opened: tuple[int, int, bool] | None = None  # (the opening fence's length, where its block begins, prose)
    for m in _FENCE.finditer(text):
        run, rest = m.group(1), m.group(2)
        if opened is None:
            if "`" in rest:  # an inline code span, not a fence
                continue
            directive = _PROSE_DIRECTIVE.match(rest.strip())
            opened = (len(run), m.end() + 1, directive is not None)
            # With an argument the line is text but for its backticks; a bare "{note}" is syntax.
            argument = directive is not None and rest.strip()[directive.end() :].strip()
            fences.append((m.start(), m.end(1) if argument else m.end()))
        elif len(run) >= opened[0] and not rest.strip():
            if not opened[2]:
                code.append((opened[1], m.start()))
            fences.append((m.start(), m.end()))
            opened = None
    if opened is not None and not opened[2]:
        code.append((opened[1], len(text)))
    return fences, code


def containing(ranges: list[Range], at: int) -> int | None:
    """The index of the range of these ordered, disjoint ranges that holds `at`, or None."""
    i = bisect.bisect_right(ranges, (at, float("inf"))) - 1
    return i if i >= 0 and ranges[i][0] <= at < ranges[i][1] else None


def inside(ranges: list[Range], at: int) -> bool:
    return containing(ranges, at) is not None


def lines_of(text: str, start: int, end: int) -> list[Range]:
    """The lines of text[start:end] as (start, end), line ends and empty lines left out."""
    out, pos = [], start
    for line in text[start:end].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return [(a, b) for a, b in out if b > a]


# An ATX heading: "## Title", one to six marks, indented three spaces at most.
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


def is_heading(line: str) -> bool:
    """Does this line (from its start) open a Markdown heading? A heading is a label, not a
    statement: it never carries a sentence on, and it is no sentence to quote ("### `new
    StringDecoder([encoding])`" was the answer to "Which encoding does a new StringDecoder use
    when no encoding is given?"); it introduces the paragraph after it."""
    return _HEADING.match(line) is not None


# A link's target: in angle brackets, or one word with a URL's or an anchor's mark ("fs.md",
# "#fsmkdirpath", "https://…"), so "[Note]: deprecated" stays text.
_LINK_DEFINITION = re.compile(
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<[^>\n]*>|[^\s<>]*[/.#:][^\s<>]*)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",
    re.M,
)


# MyST's (Sphinx in Markdown) label for the heading under it, "(repeatability)=": a page shows
# nothing of it, and it was taken for the title of pip's "Repeatable Installs".
_MYST_TARGET = re.compile(r"^ {0,3}\([^()\n]*[^()\s][^()\n]*\)=[ \t]*$", re.M)

# Raw HTML a rendered page runs or applies but never shows as text: `<script>alert("the medic
# is Mal Ware")</script>` in a Markdown file answered "Who is the medic?".
_UNSHOWN_OPEN = re.compile(r"<(script|style)\b", re.I)


def hidden(text: str, code: list[Range], markdown: bool = True) -> list[Range]:
    """What a rendered page never shows, outside code blocks: HTML comments, link reference
    definitions and, in a Markdown file (`markdown`), <script> and <style> elements and MyST's
    targets, one range per line (a comment may span many). A text file's "<script>" is what its
    reader sees."""
    out: list[Range] = []
    for opening, closing in _unshown_pairs(text) if markdown else [("<!--", "-->")]:
        at = text.find(opening)
        while at != -1:
            line_start = text.rfind("\n", 0, at) + 1
            end = _closed(text, closing, at + len(opening))
            if end == -1:
                break  # never closed: text, not a comment
            # Quoted as code ("write `<!--` to open a comment") or in a code block, it opens nothing.
            if text.count("`", line_start, at) % 2 == 0 and not inside(code, at):
                # Inside a sentence it stays in it: left out, it cut "The parking fee is <!--
                # checked in May --> 5 euros a day." in two and the fee was refused (a break-it
                # helper's, session 59). A citation quotes the text as written, comment and all;
                # between two sentences it goes ("… `'utf8'`. <!-- note --> Set it once.").
                line_end = text.find("\n", end)
                before = text[line_start:at].rstrip()
                after = text[end : len(text) if line_end == -1 else line_end]
                if "\n" in text[at:end] or not before or before[-1] in ".!?:;" or not after.strip():
                    out += lines_of(text, at, end)
                at = text.find(opening, end)
            else:
                at = text.find(opening, at + len(opening))
    if "]:" in text:
        out += [(m.start(), m.end()) for m in _LINK_DEFINITION.finditer(text) if not inside(code, m.start())]
    if markdown and ")=" in text:
        out += [(m.start(), m.end()) for m in _MYST_TARGET.finditer(text) if not inside(code, m.start())]
    return sorted(out)


def _unshown_pairs(text: str) -> list[tuple[str, str]]:
    """(opening, closing) of each kind of unshown block the text has: comments, and each way a
    <script> or <style> tag is written in it ("<script", "<SCRIPT")."""
    pairs = [("<!--", "-->")]
    if "<" in text:
        written = sorted({m.group(0) for m in _UNSHOWN_OPEN.finditer(text)})
        pairs += [(w, f"</{w[1:]}>") for w in written]
    return pairs


def _closed(text: str, closing: str, start: int) -> int:
    """Where `closing` ends after `start` (its case as written, or lower case); -1: never."""
    found = [i for i in (text.find(closing, start), text.find(closing.lower(), start)) if i != -1]
    return min(found) + len(closing) if found else -1


# A table's delimiter row, under its header: "| --- | :---: |", "--- | ---" (two cells at least
# unless both edges have a pipe).
_DELIMITER = re.compile(
    r"^ {0,3}(?:\|?[ \t]*:?-+:?[ \t]*+(?:\|[ \t]*:?-+:?[ \t]*+)+\|?|\|[ \t]*:?-+:?[ \t]*\|)[ \t]*+$", re.M
)


# A column's name is a few words ("Start date", "Budget 2025 (EUR)"), not a number ("2024").
_MAX_HEADER_WORDS = 5
_NUMBER = re.compile(r"[\d.,%+\-\s]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def names_columns(first: list[str]) -> bool:
    """Does a table's first row look like its header, in a format that does not mark one (a
    Word table, a .csv file, a PDF): each cell a few words, none empty or a number; or a word
    over columns of years ("Measure | 2023 | 2024": a report's key figures, where "How much water
    was put into supply in 2024?" asks for the 2024 column)?"""
    if len(first) >= 3 and first[0] and not _NUMBER.fullmatch(first[0]) and len(set(first[1:])) == len(first) - 1:
        if all(_YEAR.fullmatch(cell) for cell in first[1:]):
            return True
    return all(
        cell and len(_QUALIFIERS.sub(" ", cell).split()) <= _MAX_HEADER_WORDS and not _NUMBER.fullmatch(cell)
        for cell in first
    )


# What a header's word count leaves out: a qualifier in brackets and a lone slash ("Claims /
# convictions (last 5 yrs)" names one column in two words; a break-it helper's drivers table).
_QUALIFIERS = re.compile(r"\([^()]*\)|\s/\s")


def stacked_header(rows: list[list[str]]) -> list[list[str]] | None:
    """The rows with a two-row header read as one, or None when the first two rows are no such
    header. A spreadsheet groups columns under a cell merged across them ("2024" over "H1 | H2",
    "2025" over "H1 | H2"); saved as .xlsx, .ods or .csv the merged cell's other cells are empty,
    so neither row named the columns alone: "What were the South's sales in H2 2025?" found no
    column of "H2" and "2025" (a break-it helper's budget workbook, session 48). Each column is
    named by its group, carried right over the empty cells of its merge, and the label under it:
    "2025 H2".

    Only when the labels of the second row repeat (one "H1" under each year: without the group
    they name no column) and the joined names are each a column name (names_columns), so that a
    line of text over a table ("Prepared by | Ann Lee") is never read as a group."""
    if len(rows) < 3 or len(rows[0]) != len(rows[1]) or len(rows[0]) < 3:
        return None
    top, sub = rows[0], rows[1]
    labels = [cell for cell in sub if cell]
    if len(labels) < 2 or len(set(labels)) == len(labels) or any(_NUMBER.fullmatch(cell) for cell in labels):
        return None
    groups, group, spans = [], "", False
    for j, cell in enumerate(top):
        if cell:
            group = cell
        elif group and sub[j]:
            spans = True  # an empty cell under a group, with a label of its own: a merge
        groups.append(group if (cell or sub[j]) else "")
    if not spans:
        return None
    names = []
    for j, label in enumerate(sub):
        own = top[j] or (groups[j] if label else "")
        names.append(f"{own} {label}" if own and label and own != label else own or label)
    if len(set(names)) != len(names) or not names_columns(names):
        return None
    return with_row_under_header([names, *rows[2:]])


def with_row_under_header(rows: list[list[str]]) -> list[list[str]]:
    """The rows of a table, its first row the header, with the row under the header read into it
    when that row names the columns further: empty under the rows' labels, and over each other
    column a short name of its own, none a number, none repeated ("|  |  |  | 09-Feb | 10-Feb |
    …" under "| Name | Role | Hrs/wk | WEEK 1 Mon | WEEK 1 Tue | …"). A care home's rota gave each
    day's date in a third header row; read as data, no column was named by its date, and "What
    shift is Priya on on Wednesday 11 February?" found none (a break-it helper's, session 54)."""
    if len(rows) < 3:
        return rows
    header, under = rows[0], rows[1]
    filled = [j for j, cell in enumerate(under) if cell]
    if (
        len(under) != len(header)
        or under[0]
        or len(filled) < max(2, len(under) // 2)
        or len({under[j] for j in filled}) != len(filled)
        or any(_NUMBER.fullmatch(under[j]) or len(under[j].split()) > 3 or not header[j] for j in filled)
    ):
        return rows
    names = [f"{name} {under[j]}" if under[j] else name for j, name in enumerate(header)]
    return [names, *rows[2:]]


# Lines of a title or a label and its value that may open a file over its table: a bank
# statement's .csv opens with its bank, account name, account, sort code, number, period,
# statement number and overdraft limit, and a blank line (9); read with 5 at most, its name line
# was the header and every transaction one cell (a break-it helper's statement, session 53).
_MAX_PREAMBLE = 15


def preamble(rows: list[list[str]]) -> int:
    """How many rows open a table's rows before its header: rows of one or two cells, the first
    two ("Regional sales report", "Prepared by | Ann Lee"), over a row of three cells or more that
    names the columns (a .csv file's, a sheet's block). A spreadsheet keeps such lines over its
    table; read as the header, "Prepared by | Ann Lee" named two columns of a .csv file and every
    record after it was squeezed into them ("Qty, Price, Total" one cell)."""
    for lead in range(min(_MAX_PREAMBLE, len(rows) - 2)):
        if any(rows[lead][2:]):  # a preamble's cells are its first two ("Name,,Dept" is a header)
            return 0
        header = rows[lead + 1]
        while header and not header[-1]:
            header = header[:-1]
        if len(header) >= 3 and names_columns(header):
            return lead + 1
    return 0


def one_line(text: str) -> str:
    """A cell's or a line's text as one line: each run of whitespace (line breaks, tabs, a
    slide's vertical tab) one space, none at either end. How every format's table cells are
    written before table_lines (a .csv record's quoted line break, a Word or sheet cell)."""
    return " ".join(text.split())


def table_lines(rows: list[list[str]], header: bool) -> list[str]:
    """Rows of cells written as Markdown writes a table ("| a | b |", a pipe in a cell as
    "\\|"), a delimiter row under the first when it is the header: how a Word table and a .csv
    file are read, so that rag/text/tables.py reads them as it reads Markdown's."""
    lines = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    if header and len(rows) >= 2:
        lines.insert(1, "|" + "---|" * len(rows[0]))
    return lines


def is_delimiter_row(line: str) -> bool:
    """Is this line a table's delimiter row (or nothing but pipes, dashes and colons)?"""
    return bool(line.strip()) and not line.strip(" \t|:-")


def tables(text: str, code: list[Range]) -> list[Range]:
    """Each table as (its header's start, its last row's end): a line with a pipe, the delimiter
    row, and the lines with a pipe that follow it."""
    if "|" not in text:
        return []
    out: list[Range] = []
    for m in _DELIMITER.finditer(text):
        if inside(code, m.start()) or m.start() == 0 or (out and m.start() < out[-1][1]):
            continue
        header_end = m.start() - 1
        header_start = text.rfind("\n", 0, header_end) + 1
        if "|" not in text[header_start:header_end] or not text[header_start:header_end].strip():
            continue
        end = m.end()
        while end < len(text):
            line_end = text.find("\n", end + 1)
            line_end = len(text) if line_end == -1 else line_end
            row = text[end + 1 : line_end]
            if "|" not in row or not row.strip():
                break
            end = line_end
        out.append((header_start, end))
    return out


def label_grid(rows: list[list[str]]) -> list[str] | None:
    """A table laid out as labels beside their values, a pair or more to a row ("| Invoice
    No. | INV-30418 | Invoice date | 27/11/2025 |", then "| Mileage in | 58,412 | … |"), as
    "Label: value" lines, the pairs read row by row; None for any other table. Read as a table
    its first row was the header, and "How many miles were on the car when it went in?" was
    refused (a break-it helper's service invoice, session 51); a planning decision's "|
    Application reference | 26/00482/FUL |" over "| Applicant | … |", "| Agent | … |" named the
    columns, and "Who is the agent?" was answered "Site address" (a break-it helper's .rtf,
    session 53). Each label a few words with no digit, the first column's labels all different,
    and a value of the first row holding a digit (a header's "Name | Dept | City | Country" or
    "Country | Capital" holds none)."""
    width = len(rows[0]) if rows else 0
    if len(rows) < 2 or width < 2 or width % 2 or any(len(row) != width for row in rows):
        return None
    rows = [_pairs_parted(row) for row in rows]
    labels = [row[i] for row in rows for i in range(0, width, 2)]
    if not all(label and len(label.split()) <= _MAX_LABEL_WORDS and not _DIGIT.search(label) for label in labels):
        return None
    firsts = [row[0] for row in rows]
    if len(set(firsts)) != len(firsts) or not any(_DIGIT.search(rows[0][i]) for i in range(1, width, 2)):
        return None
    if width == 2 and all(_AMOUNT.fullmatch(row[1]) for row in rows[1:]) and not _AMOUNT.fullmatch(rows[0][1]):
        return None  # "| Item | Q1 |" over "| Rent | €1,234.50 |": a header over amounts
    return [f"{row[i].rstrip(':')}: {row[i + 1]}" for row in rows for i in range(0, width, 2) if row[i + 1]]


def _pairs_parted(row: list[str]) -> list[str]:
    """A row's label and value pairs, a pair written in its label's cell ("Discharging doctor: Dr
    Kieran Moffat (FY2)" over an empty cell, as a PDF's last row of a grid set it) parted."""
    out = list(row)
    for i in range(0, len(out) - 1, 2):
        if not out[i + 1] and (m := _PAIR_IN_CELL.fullmatch(out[i])) is not None:
            out[i], out[i + 1] = m.group(1) + ":", m.group(2)
    return out


_PAIR_IN_CELL = re.compile(r"([^:\d]{1,40}):\s+(\S.*)")
_MAX_LABEL_WORDS = 4
# What a header names a column of amounts by ("| Excess | Amount |", "| Item | Price (£) |"); a
# label's value is no such name ("| Cover level | Comprehensive |" over "| Excess | £150 |").
_AMOUNT_NAMES = frozenset(
    "amount amounts value price prices cost costs fee fees charge charges total sum figure rate limit "
    "balance payment paid due budget spend premium excess per each inc incl ex vat gbp usd eur £ $ €".split()
)
_DIGIT = re.compile(r"\d")
_AMOUNT = re.compile(r"[£$€¥]?\s*[\d.,%+\-\s]+\s*[£$€¥%]?")


def names_the_columns(rows: list[list[str]]) -> bool:
    """Is a table's first row of three cells or more its header by what its cells say: each a
    few words and no number, none of them repeated in its column below? Its corner cell may be
    empty, over the rows' labels ("|  | Last year (2025/26) | This year (2026/27) |" over "|
    Insurance Premium Tax | £73.49 | £82.58 |"). A first row of two cells is a header over
    amounts ("| Excess | Amount |" over "| Compulsory excess | £250 |"): a car insurance renewal's
    tables had no header, and "What's the compulsory excess?" was answered from the prose (a
    break-it helper's, session 54)."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    first = rows[0]
    if len(first) == 2:
        values = [row[1] for row in rows[1:] if len(row) == 2]
        return (
            names_columns(first)
            and bool(values)
            and all(_AMOUNT.fullmatch(v) for v in values)
            and set(re.findall(r"[a-z£$€]+", first[1].casefold())) <= _AMOUNT_NAMES
        )
    below = [set(column) for column in zip(*(row for row in rows[1:] if len(row) == len(first)))]
    if not first[0] and all(row[0] for row in rows[1:]):
        first, below = first[1:], below[1:]  # the corner over the rows' labels
    return names_columns(first) and not any(cell in column for cell, column in zip(first, below))
