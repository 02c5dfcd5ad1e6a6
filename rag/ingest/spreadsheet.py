"""An Excel workbook (.xlsx, .xlsm), read as the tables it shows.

The document text is Markdown (cut as Markdown is: rag/ingest/markup.py), so that each table is
read with its header (rag/text/tables.py) and a question that names a row and a column is
answered with that cell (rag/answer/lookup.py), as a .csv file's is (rag/ingest/delimited.py):

- each visible sheet in the workbook's order, under a heading of its name when the workbook shows
  more than one; a hidden sheet is not read (what the workbook hides, as a web page's hidden
  text is not);
- a sheet's rows fall into blocks at its empty rows; a block with two rows of two cells or more
  is a table (written as Markdown writes one, a delimiter row under the first row when it names
  the columns: rag.ingest.markdown.names_columns), after the lines of one cell that open it (a
  title above the header: "Quarterly budget 2025"); any other block is lines of text, a row's
  cells joined ("Prepared by: Ann Lee");
- columns empty in every row of a table are left out (a spacer column, a table that starts at
  column C);
- a cell reads as the workbook shows it, by its number format, where that is plain: "€1,234.50"
  for 1234.5 under '"€"#,##0.00', "12.5%" for 0.125 under "0.0%", "98,000" under "#,##0", a date
  by its date format ("12 Mar 2025" under "d mmm yyyy"; 2025-03-12, with its time when it has
  one, under a format of other codes), TRUE / FALSE. A formula reads as the value Excel
  saved with it (a file no spreadsheet program has saved holds none: its cell is empty, and the
  index run warns how many such cells the file has).

Read with openpyxl in read-only mode (rows streamed from the sheet's XML), its sheet dimensions
reset: a sheet that declares A1:XFD1048576 is read for the cells it holds, not padded to 16,384
columns. Not read: charts, images, comments, a merged cell's other cells (the value stands in its
first), and the hidden rows and columns of a visible sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Iterable, Iterator

from rag.errors import LoadError
from rag.ingest.markdown import names_columns, one_line, preamble, stacked_header, table_lines, with_row_under_header
from rag.ingest.signatures import OLE, ZIP

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
XLS_SUFFIXES = (".xls",)  # Excel 97-2003 (BIFF), read by xlrd
# What a number format writes beside the number: a currency symbol, a code as "[$EUR-x]", quoted text.
_LITERAL = re.compile(r'\[\$([^\]-]+)(?:-[0-9A-Fa-f]+)?\]|"([^"]*)"|([$€£¥])')
_DECIMALS = re.compile(r"\.([0#]+)")

log = logging.getLogger(__name__)


def xlsx_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, the workbook's title property or None) of an .xlsx file's bytes."""
    if data.startswith(OLE):
        raise LoadError(
            f"{source}: the workbook is protected by a password, or is an old binary .xls named "
            ".xlsx; save a copy as .xlsx without a password to index it"
        )
    if not data.startswith(ZIP):
        raise LoadError(f"{source}: not an Excel .xlsx file (an .xlsx is a zip package); save it again as .xlsx")
    import openpyxl  # imported here: only workbooks need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, OSError) as e:
        # A zip of another kind (a Word document renamed .xlsx, an archive) has no workbook part.
        raise LoadError(
            f"{source}: a zip package but not an Excel workbook ({type(e).__name__}: {str(e)[:200]}); "
            "save it again as .xlsx"
        ) from e
    try:
        sheets = [s for s in book.worksheets if s.sheet_state == "visible"]
        shown = []
        for sheet in sheets:
            sheet.reset_dimensions()
            rows = (
                [_shown(c.value, c.number_format) if c.value is not None else "" for c in row]
                for row in sheet.iter_rows()
            )
            shown.append((sheet.title, rows))
        text = sheets_text(shown)
        title = (book.properties.title or "").strip() or None
    finally:
        book.close()
    if not text:
        raise LoadError(f"{source}: the workbook has no filled-in cells on a visible sheet")
    if unsaved := _formulas_without_values(data):
        log.warning(
            "%s: %d cell%s hold%s a formula with no saved value (the program that wrote the file does not "
            "calculate), read as empty; open and save it in Excel or LibreOffice to index the values",
            source,
            unsaved,
            "" if unsaved == 1 else "s",
            "s" if unsaved == 1 else "",
        )
    return text, title


# A sheet's cell with a formula (<f>) and no value saved with it (<v>): openpyxl and other
# libraries write formulas without calculating them, and such a cell reads as empty. A break-it
# helper's regional plan lost every total that way without a word.
_CELL = re.compile(rb"<c\b[^>]*?(?:/>|>(.*?)</c>)", re.S)
_SAVED_VALUE = re.compile(rb"<v>[^<]+</v>")  # openpyxl writes an empty <v></v>


def _formulas_without_values(data: bytes) -> int:
    """How many cells of the workbook's sheets hold a formula and no saved value."""
    import zipfile

    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                for m in _CELL.finditer(package.read(name)):
                    body = m.group(1) or b""
                    if b"<f" in body and not _SAVED_VALUE.search(body):
                        count += 1
    return count


def xls_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, None) of an Excel 97-2003 .xls file's bytes, by xlrd: each visible
    sheet as xlsx_text reads one; a number as its value ("1234.5": xlrd reads no number
    formats), a date as ISO. An .xlsx saved with an .xls name is read as the .xlsx it is."""
    if data.startswith(ZIP):
        return xlsx_text(source, data)
    if not data.startswith(OLE):
        raise LoadError(f"{source}: not an Excel .xls file; save it again from Excel")
    import xlrd  # imported here: only old workbooks need it

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError) as e:  # encrypted, a Word file named .xls
        raise LoadError(f"{source}: not a readable Excel .xls workbook ({e}); save it again as .xlsx") from e
    try:
        shown = []
        for i in range(book.nsheets):
            sheet = book.sheet_by_index(i)
            if sheet.visibility == 0:  # 1 hidden, 2 very hidden
                shown.append((sheet.name, _xls_rows(sheet, book.datemode)))
        text = sheets_text(shown)
    finally:
        book.release_resources()
    if not text:
        raise LoadError(f"{source}: the workbook has no filled-in cells on a visible sheet")
    return text, None


def _xls_rows(sheet, datemode: int) -> Iterator[list[str]]:
    for r in range(sheet.nrows):
        yield [_xls_shown(c, datemode) for c in sheet.row(r)]


def _xls_shown(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_TEXT:
        return one_line(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return _number(cell.value, "General")
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _date(xlrd.xldate_as_datetime(cell.value, datemode), "")
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _number(cell.value, "General")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "")
    return ""


def sheets_text(sheets: Iterable[tuple[str, Iterable[list[str]]]]) -> str:
    """The Markdown of a workbook's visible sheets, each (its name, its rows as the cells show
    them): each sheet's blocks, under its name when there are more than one. Also how an
    OpenDocument spreadsheet is read (rag/ingest/opendocument.py)."""
    sheets = list(sheets)
    parts = []
    for name, rows in sheets:
        lines = [line for block in _blocks(rows) for line in [*_block_lines(block), ""]]
        if lines:
            heading = [f"## {one_line(name)}", ""] if len(sheets) > 1 else []
            parts.append("\n".join(heading + lines).strip())
    return "\n\n".join(parts)


def _blocks(rows: Iterable[list[str]]) -> list[list[list[str]]]:
    """A sheet's rows, in blocks that its empty rows part."""
    blocks: list[list[list[str]]] = [[]]
    for cells in rows:
        if any(cells):
            blocks[-1].append(cells)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _block_lines(block: list[list[str]]) -> list[str]:
    """A block's lines: a table after the one-cell lines that open it, or lines of text."""
    filled = [sum(bool(c) for c in row) for row in block]
    if sum(n >= 2 for n in filled) < 2:
        return [_joined(row) for row in block]
    first = next(i for i, n in enumerate(filled) if n >= 2)
    first += preamble(block[first:])  # "Prepared by | Ann Lee" over the header
    rows = block[first:]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    used = [j for j in range(width) if any(row[j] for row in rows)]
    rows = [[row[j] for j in used] for row in rows]
    if stacked := stacked_header(rows):
        return [_joined(row) for row in block[:first]] + table_lines(stacked, True)
    if names_columns(rows[0]):
        return [_joined(row) for row in block[:first]] + table_lines(with_row_under_header(rows), True)
    return [_joined(row) for row in block[:first]] + table_lines(rows, False)


def _joined(row: list[str]) -> str:
    cells = [c for c in row if c]
    if len(cells) == 2 and not cells[0].endswith((":", "?", ".")):
        return f"{cells[0]}: {cells[1]}"
    return ", ".join(cells)


def _shown(value, number_format: str) -> str:
    """A cell's value as the workbook shows it, where its number format is a plain one."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date(value, number_format or "")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(value, number_format or "General")
    return one_line(str(value))


# An Excel date or time format's codes ("d mmm yyyy", "dd/mm/yy", "h:mm AM/PM"), and the literal
# text between them. "m" is a month, or a minute after "h" or before "s".
_DATE_CODE = re.compile(r'yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM|am/pm|"[^"]*"|\\.|[-/ .,:]', re.I)
_LOCALE = re.compile(r"\[\$[^\]]*\]|;@$")  # a locale or currency code; "[h]" (a duration) is not a date
_MONTHS = "January February March April May June July August September October November December".split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _date(value: dt.date | dt.time, number_format: str) -> str:
    """A date or time as its number format writes it ("d mmm yyyy": "12 Mar 2025"); ISO
    ("2025-03-12", "2025-03-12 14:30", "14:30") for a format of other codes or none."""
    fmt = _LOCALE.sub("", number_format.split(";")[0]).strip()
    codes = _DATE_CODE.findall(fmt)
    if not fmt or fmt == "General" or "".join(codes) != fmt:
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
        return value.isoformat() if isinstance(value, dt.date) else value.strftime("%H:%M")
    date = value if isinstance(value, dt.date) else None  # a datetime is a date too
    time = value.time() if isinstance(value, dt.datetime) else value if isinstance(value, dt.time) else dt.time()
    twelve = any(c.lower() == "am/pm" for c in codes)
    out = []
    for i, code in enumerate(codes):
        low = code.lower()
        near_time = any(c.lower() in ("h", "hh") for c in codes[max(0, i - 2) : i]) or any(
            c.lower() in ("s", "ss") for c in codes[i + 1 : i + 3]
        )
        if low in ("m", "mm") and near_time:
            out.append(f"{time.minute:02d}" if low == "mm" else str(time.minute))
        elif low in ("yyyy", "yy", "mmmmm", "mmmm", "mmm", "mm", "m", "dddd", "ddd", "dd", "d"):
            if date is None:  # a time of day under a date's format
                return value.strftime("%H:%M")
            out.append(
                {
                    "yyyy": f"{date.year:04d}",
                    "yy": f"{date.year % 100:02d}",
                    "mmmmm": _MONTHS[date.month - 1][0],
                    "mmmm": _MONTHS[date.month - 1],
                    "mmm": _MONTHS[date.month - 1][:3],
                    "mm": f"{date.month:02d}",
                    "m": str(date.month),
                    "dddd": _DAYS[date.weekday()],
                    "ddd": _DAYS[date.weekday()][:3],
                    "dd": f"{date.day:02d}",
                    "d": str(date.day),
                }[low]
            )
        elif low in ("hh", "h"):
            hour = (time.hour % 12 or 12) if twelve else time.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low in ("ss", "s"):
            out.append(f"{time.second:02d}" if low == "ss" else str(time.second))
        elif low == "am/pm":
            out.append("AM" if time.hour < 12 else "PM")
        elif code.startswith('"'):
            out.append(code[1:-1])
        elif code.startswith("\\"):
            out.append(code[1:])
        elif not code[0].isalpha():
            out.append(code)
    return "".join(out).strip()


def _number(value: float, number_format: str) -> str:
    fmt = number_format.split(";")[0]  # the format of positive numbers (and of all, if one)
    if fmt == "General" or not any(ch in fmt for ch in "0#"):
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    percent = "%" in fmt
    found = _DECIMALS.search(fmt)
    decimals = len(found.group(1)) if found else 0
    shown = value * 100 if percent else value
    number = f"{shown:,.{decimals}f}" if "," in fmt else f"{shown:.{decimals}f}"
    if percent:
        return number + "%"
    currency = _LITERAL.search(fmt)
    if currency is None:
        return number
    symbol = next(g for g in currency.groups() if g is not None).strip()
    if not symbol:
        return number
    placeholder = min(fmt.find(ch) for ch in "0#" if ch in fmt)
    if currency.start() > placeholder:
        return f"{number} {symbol}"
    sign, number = ("-", number[1:]) if number.startswith("-") else ("", number)
    return f"{sign}{symbol}{number}" if len(symbol) == 1 else f"{sign}{symbol} {number}"
