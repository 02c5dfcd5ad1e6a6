"""Excel workbooks (.xlsx) read as the tables they show (rag/ingest/spreadsheet.py), written by
openpyxl as a spreadsheet program writes them, and answered through a real index."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from rag.text.tables import row_at
from tests.helpers import assistant_over
from tests.ingest.fuzzing import word_handbook


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


def saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def budget_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Budget"
    sheet["A1"] = "Quarterly budget 2025"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Item", "Q1", "Share", "Due"])
    sheet.append(["Rent", 1234.5, 0.125, datetime.date(2025, 3, 12)])
    sheet.append(["Staff", 98000, 0.5, datetime.datetime(2025, 6, 30, 14, 30)])
    sheet.append(["Refund", -20, 0.0, None])
    sheet.append(["Total", "=SUM(B4:B6)", None, None])  # no value saved: openpyxl never calculates
    for cell, fmt in {
        "B4": '"€"#,##0.00',
        "C4": "0.0%",
        "B5": "#,##0",
        "C5": "0%",
        "B6": "[$EUR-407] #,##0.00",
        "D5": 'd mmm yyyy", "h:mm AM/PM',  # a date by its own format; D4 keeps openpyxl's yyyy-mm-dd
    }.items():
        sheet[cell].number_format = fmt
    sheet["A9"] = "Prepared by"
    sheet["B9"] = "Ann Lee"
    hidden = book.create_sheet("Old figures")
    hidden["A1"] = "Rent in 2019 was 900"
    hidden.sheet_state = "hidden"
    contacts = book.create_sheet("Contacts")
    contacts.append([None, None, "Name", "Phone", None, "Room"])  # starts at column C, a spacer column
    contacts.append([None, None, "Bo Lind", "4410", None, "B12"])
    contacts.append([None, None, "Cy Vance", "4411", None, "B14"])
    book.properties.title = "Facilities budget"
    return saved(book)


@pytest.mark.unit
def test_a_workbook_is_its_visible_sheets_tables_as_the_workbook_shows_them(caplog):
    with caplog.at_level("WARNING"):
        doc = load("budget.xlsx", budget_workbook())
    # The Total's formula has no saved value: it reads as empty, and the index run says so (a
    # break-it helper's regional plan lost every total without a word).
    assert [r.getMessage() for r in caplog.records] == [
        "budget.xlsx: 1 cell holds a formula with no saved value (the program that wrote the file does "
        "not calculate), read as empty; open and save it in Excel or LibreOffice to index the values"
    ]
    assert read_as("budget.xlsx") == "workbook"
    assert doc.title == "Facilities budget"
    assert doc.text.split("\n") == [
        "## Budget",
        "",
        "Quarterly budget 2025",
        "",
        "| Item | Q1 | Share | Due |",
        "|---|---|---|---|",
        "| Rent | €1,234.50 | 12.5% | 2025-03-12 |",
        "| Staff | 98,000 | 50% | 30 Jun 2025, 2:30 PM |",
        "| Refund | -EUR 20.00 | 0 |  |",
        "| Total |  |  |  |",
        "",
        "Prepared by: Ann Lee",
        "",
        "## Contacts",
        "",
        "| Name | Phone | Room |",
        "|---|---|---|",
        "| Bo Lind | 4410 | B12 |",
        "| Cy Vance | 4411 | B14 |",
    ]
    assert "2019" not in doc.text  # the hidden sheet
    row = row_at(doc.text, doc.text.index("| Staff"))
    assert row.header == ("Item", "Q1", "Share", "Due")
    assert [doc.text[a:b] for a, b in row.cells] == ["Staff", "98,000", "50%", "30 Jun 2025, 2:30 PM"]


@pytest.mark.unit
def test_a_title_over_the_header_in_the_same_block_is_a_line_and_one_sheet_has_no_heading():
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Price list, spring 2025"], ["Part", "Price"], ["Hinge", 4.86], ["Gasket", 5.65]):
        sheet.append(row)
    doc = load("prices.xlsx", saved(book))
    assert doc.text.split("\n") == [
        "Price list, spring 2025",
        "| Part | Price |",
        "|---|---|",
        "| Hinge | 4.86 |",
        "| Gasket | 5.65 |",
    ]
    assert doc.title is None


@pytest.mark.unit
def test_a_sheet_that_declares_the_whole_grid_is_read_for_the_cells_it_holds():
    """A sheet's <dimension> may claim A1:XFD1048576 (some exporters write it); read as
    declared, every row would be 16,384 cells."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Phone"])
    book.active.append(["Bo Lind", "4410"])
    data = saved(book)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            member = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:B2"/>' in member
                member = member.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
            z.writestr(info.filename, member)
    doc = load("wide.xlsx", out.getvalue())
    assert doc.text.split("\n") == ["| Name | Phone |", "|---|---|", "| Bo Lind | 4410 |"]


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b"Name,Phone\nBo,4410\n", "not an Excel .xlsx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "protected by a password, or is an old binary .xls"),
        (word_handbook(), "a zip package but not an Excel workbook"),
        (saved(openpyxl.Workbook()), "no filled-in cells on a visible sheet"),
    ],
)
def test_what_is_not_a_readable_workbook_is_a_load_error_saying_what_to_do(data, says):
    with pytest.raises(LoadError) as info:
        load("sub/book.xlsx", data)
    assert str(info.value).startswith("sub/book.xlsx: ")
    assert says in str(info.value)


def test_a_workbook_is_indexed_and_its_cells_answered(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "budget.xlsx").write_bytes(budget_workbook())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("What is Cy Vance's phone number?")
    assert answer.short_answer == "4411"
    assert answer.citations[0].source == "budget.xlsx"
    assert answer.citations[0].supporting_text() == "| Cy Vance | 4411 | B14 |"
    answer = assistant.ask("How much is the rent in Q1?")
    assert answer.short_answer == "€1,234.50"
    assert assistant.ask("Who prepared the budget?").short_answer == "Ann Lee"


def old_workbook() -> bytes:
    """An Excel 97-2003 .xls (BIFF, written by xlwt): a title, a table with a date, a hidden sheet."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Budget")
    sheet.write(0, 0, "Quarterly budget 2025")
    for c, value in enumerate(["Item", "Q1", "Due", "Paid"]):
        sheet.write(2, c, value)
    dated = xlwt.easyxf(num_format_str="D-MMM-YYYY")
    for r, (item, q1, due, paid) in enumerate(
        [("Rent", 1234.5, (2025, 3, 12), True), ("Staff", 98000, (2025, 6, 30), False)]
    ):
        sheet.write(3 + r, 0, item)
        sheet.write(3 + r, 1, q1)
        sheet.write(3 + r, 2, datetime.date(*due), dated)
        sheet.write(3 + r, 3, paid)
    old = book.add_sheet("Old figures")
    old.write(0, 0, "Rent in 2019 was 900")
    old.visibility = 1  # hidden
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.unit
def test_an_old_xls_workbook_is_read_as_its_visible_sheets_tables():
    data = old_workbook()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # an OLE compound file, not a zip
    doc = load("budget.xls", data)
    assert read_as("budget.xls") == "xls"
    assert doc.text.split("\n") == [
        "Quarterly budget 2025",
        "",
        "| Item | Q1 | Due | Paid |",
        "|---|---|---|---|",
        "| Rent | 1234.5 | 2025-03-12 | TRUE |",
        "| Staff | 98000 | 2025-06-30 | FALSE |",
    ]  # the hidden sheet not read (one visible sheet: no heading)


@pytest.mark.unit
def test_an_xlsx_named_xls_is_read_and_a_word_file_named_xls_says_so():
    assert load("budget.xls", budget_workbook()).text == load("budget.xlsx", budget_workbook()).text
    with pytest.raises(LoadError, match=r"^notes\.xls: not a readable Excel \.xls workbook"):
        load("notes.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))


def grouped_sales() -> bytes:
    """A sheet whose header is two rows: each year merged across the half-years under it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Regional sales (£000)"])
    sheet.append([])
    sheet.append(["Region", "2024", None, "2025", None])
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("D3:E3")
    sheet.append([None, "H1", "H2", "H1", "H2"])
    for row in (["North", 120, 135, 140, 152], ["South", 98, 101, 110, 117], ["Coast", 75, 80, 91, 99]):
        sheet.append(row)
    return saved(book)


@pytest.mark.unit
def test_a_header_of_two_rows_is_one_header_naming_each_column_by_its_group_and_label():
    doc = load("sales.xlsx", grouped_sales())
    assert doc.text.split("\n")[2:5] == [
        "| Region | 2024 H1 | 2024 H2 | 2025 H1 | 2025 H2 |",
        "|---|---|---|---|---|",
        "| North | 120 | 135 | 140 | 152 |",
    ]
    # A label and its value over a table are no group: its first row is still the header.
    book = openpyxl.Workbook()
    for row in (["Prepared by", "Ann Lee", None], ["Item", "Qty", "Price"], ["Pens", 3, 1.2], ["Pads", 2, 2]):
        book.active.append(row)
    assert load("order.xlsx", saved(book)).text.split("\n")[:2] == ["Prepared by: Ann Lee", "| Item | Qty | Price |"]


def test_a_cell_under_a_header_of_two_rows_is_answered(tmp_path):
    assistant = assistant_over(tmp_path, {"sales.xlsx": grouped_sales()})
    assert assistant.ask("What were the South's sales in H2 2025?").short_answer == "117"
    assert assistant.ask("What were Coast sales in 2024 H1?").short_answer == "75"


def rota() -> bytes:
    """A care home's rota as a break-it helper wrote one (session 54): each day's date in a row
    under the header, empty under the names, shown "dd-mmm" as such sheets show dates."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Role", "Mon", "Tue", "Wed"])
    sheet.append([None, None, *(datetime.date(2026, 2, d) for d in (9, 10, 11))])
    sheet.append(["Priya Tamsett", "Senior Carer", "E 07-15", "E 07-15", "L 14-22"])
    sheet.append(["Ruth Clatterbuck", "Carer", "OFF", "TR", "E 07-15"])
    for cell in ("C2", "D2", "E2"):
        sheet[cell].number_format = "dd-mmm"
    return saved(book)


def test_a_row_of_dates_under_the_header_names_each_column_with_it(tmp_path):
    """Read as the first row of data, the dates named no column: "What shift is Priya on for
    Wednesday 11 February?" found none, and "11 February" (written "11-Feb", under "Wed") was an
    unknown name that refused it."""
    assert load("rota.xlsx", rota()).text.split("\n")[:3] == [
        "| Name | Role | Mon 09-Feb | Tue 10-Feb | Wed 11-Feb |",
        "|---|---|---|---|---|",
        "| Priya Tamsett | Senior Carer | E 07-15 | E 07-15 | L 14-22 |",
    ]
    assistant = assistant_over(tmp_path, {"rota.xlsx": rota()})
    assert assistant.ask("What shift is Priya Tamsett on for Wednesday 11 February?").short_answer == "L 14-22"
    assert assistant.ask("What is Ruth Clatterbuck doing on Tuesday 10 February?").short_answer == "TR"
    assert assistant.ask("What shift is Priya Tamsett on for Wednesday 25 February?").refused
