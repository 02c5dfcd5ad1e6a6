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
"""

from __future__ import annotations

import csv
import io

from rag.errors import LoadError
from rag.ingest.markdown import names_columns, one_line, table_lines

TSV_SUFFIXES = (".tsv",)
# What the sniffer may take for the separator, most usual first.
_SEPARATORS = ",;\t|"
# The sniffer reads this much of the file (a header and some records).
_SAMPLE_CHARS = 64 * 1024


def delimited_text(source: str, text: str) -> str:
    """The document text of a .csv or .tsv file's decoded text: a table."""
    rows = [[one_line(c) for c in record] for record in csv.reader(io.StringIO(text), _dialect(source, text))]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise LoadError(f"{source}: the file has no records")
    width = max(len(row) for row in rows)
    while width > 1 and not any(len(row) >= width and row[width - 1] for row in rows):
        width -= 1  # trailing separators on every line make empty columns, not cells
    rows = [(row + [""] * width)[:width] for row in rows]
    return "\n".join(table_lines(rows, names_columns(rows[0])))


def _dialect(source: str, text: str) -> type[csv.Dialect] | csv.Dialect:
    if source.lower().endswith(TSV_SUFFIXES):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(text[:_SAMPLE_CHARS], delimiters=_SEPARATORS)
    except csv.Error:  # one column, or no separator the sniffer could settle on
        return csv.excel
