"""A spreadsheet saved as text (.csv, .tsv), read as the table it is.

Each record is one line written as Markdown writes a table row ("| Bruno Moreau | Logistics |
ext. 2451 |"), a delimiter row under the first record when it names the columns, so that a
row is read with its header (rag/text/tables.py) and a question that names a row and a column
is answered with that cell (rag/answer/lookup.py). Read as plain text, a record was a line of
commas ("Bruno Moreau,Logistics,Gdansk,ext. 2451,2014") that Punkt cut at "ext." and nothing
named the columns of.

The separator is the file's (a comma, a semicolon as spreadsheets write it where the comma is
the decimal mark, a tab, a pipe), found by the standard library's sniffer; a .tsv is tab-separated.
A cell's line breaks and runs of spaces are one space, a pipe in it is written "\\|".

Files typed by hand are ragged, and each such record is read as meant, with a warning naming its
line: a record with more cells than the header names keeps its extra cells in its last column
("Leeds, EXTRA"; before, the table grew unnamed columns, lost its header, and "How many Trail
Runner Shoes are in stock?" was answered with the product code), a short one has empty cells, and
a quote opened and never closed ('15,"54.00') swallowed the records after it into one cell ("What
is the price of the Hiking Poles?" answered with the Camping Stove's): when every line it
swallowed reads alone as a record of the header's width, they are records (a break-it helper's
inventory).
"""

from __future__ import annotations

import csv
import logging

from rag.errors import LoadError
from rag.ingest.markdown import names_columns, one_line, preamble, stacked_header, table_lines

TSV_SUFFIXES = (".tsv",)
# What the sniffer may take for the separator, most usual first.
_SEPARATORS = ",;\t|"
# The sniffer reads this much of the file (a header and some records).
_SAMPLE_CHARS = 64 * 1024
# Lines named in one warning; more are counted.
_NAMED_LINES = 5

log = logging.getLogger(__name__)


def delimited_text(source: str, text: str) -> str:
    """The document text of a .csv or .tsv file's decoded text: a table."""
    records = _records(source, text, _dialect(source, text))
    rows = [(line, [one_line(c) for c in record]) for line, record in records]
    rows = [(line, row) for line, row in rows if any(row)]
    if not rows:
        raise LoadError(f"{source}: the file has no records")
    lead = preamble([row for _, row in rows])
    opening = [": ".join(cell for cell in row if cell) for _, row in rows[:lead]]
    rows = rows[lead:]
    named = rows[0][1]
    while len(named) > 1 and not named[-1]:
        named = named[:-1]  # separators ending the line make no column
    header = names_columns(named)
    if header:
        width = len(named)
        ragged = [line for line, row in rows if len(row) < width or any(row[width:])]
        if ragged:
            where = ", ".join(map(str, ragged[:_NAMED_LINES])) + (
                f" and {len(ragged) - _NAMED_LINES} more" if len(ragged) > _NAMED_LINES else ""
            )
            log.warning(
                "%s: line%s %s %s another number of cells than the header's %d; read with the header's columns "
                "(extra cells in the last one)",
                source,
                "s" if len(ragged) > 1 else "",
                where,
                "have" if len(ragged) > 1 else "has",
                width,
            )
        cells = [_within(row, width) for _, row in rows]
    else:
        width = max(len(row) for _, row in rows)
        while width > 1 and not any(len(row) >= width and row[width - 1] for _, row in rows):
            width -= 1  # trailing separators on every line make empty columns, not cells
        cells = [(row + [""] * width)[:width] for _, row in rows]
        if stacked := stacked_header(cells):  # a two-row header, its groups merged across columns
            cells, header = stacked, True
    return "\n".join([*opening, ""] * bool(opening) + table_lines(cells, header))


def _within(row: list[str], width: int) -> list[str]:
    """A record as `width` cells: a short one padded, a long one's extra cells joined into its
    last ("Leeds, EXTRA, MORE"; empty ones, trailing separators, dropped)."""
    if len(row) <= width:
        return row + [""] * (width - len(row))
    return row[: width - 1] + [", ".join(c for c in row[width - 1 :] if c)]


def _records(source: str, text: str, dialect: type[csv.Dialect] | csv.Dialect) -> list[tuple[int, list[str]]]:
    """The file's records, each with the number of the line it starts on. A quoted cell that runs
    over lines is one cell, unless the quote was never closed: then each line it ran over that
    reads alone as a record as wide as the first is one."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, dialect)
    out: list[tuple[int, list[str]]] = []
    while True:
        first = reader.line_num
        try:
            record = next(reader)
        except StopIteration:
            return out
        except csv.Error as e:  # a NUL byte, a field over the size limit
            raise LoadError(f"{source}: line {reader.line_num}: {e}") from None
        spanned = lines[first : reader.line_num]
        if len(spanned) > 1 and out and _records_of_their_own(spanned[1:], dialect, len(out[0][1])):
            log.warning("%s: line %d opens a quote it never closes; read as text", source, first + 1)
            out.append(
                (
                    first + 1,
                    [c.replace(dialect.quotechar or '"', "") for c in _alone(spanned[0], dialect, quoted=False)],
                )
            )
            out.extend((first + 2 + n, _alone(line, dialect)) for n, line in enumerate(spanned[1:]))
        else:
            out.append((first + 1, record))


def _alone(line: str, dialect: type[csv.Dialect] | csv.Dialect, quoted: bool = True) -> list[str]:
    """One line's cells, read as a record of its own (`quoted` False: quote marks are text)."""
    if quoted:
        return next(csv.reader([line], dialect), [])
    return next(csv.reader([line], dialect, quoting=csv.QUOTE_NONE), [])


def _records_of_their_own(lines: list[str], dialect: type[csv.Dialect] | csv.Dialect, width: int) -> bool:
    """Each line a record `width` cells wide with its quotes closed (a line with an odd number
    of them closes the quote the record opened: 'b",' of '"a\\nb",' is the cell's end)."""
    quote = dialect.quotechar or '"'
    return all(line.count(quote) % 2 == 0 and len(_alone(line, dialect)) == width for line in lines if line.strip())


def _dialect(source: str, text: str) -> type[csv.Dialect] | csv.Dialect:
    if source.lower().endswith(TSV_SUFFIXES):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(text[:_SAMPLE_CHARS], delimiters=_SEPARATORS)
    except csv.Error:  # one column, or no separator the sniffer could settle on
        return csv.excel
