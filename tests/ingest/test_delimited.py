"""Spreadsheets saved as text (.csv, .tsv) read as tables (rag/ingest/delimited.py)."""

from __future__ import annotations

import csv
import io
import random

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from rag.text.tables import row_at


def load(name: str, data: bytes):
    from pathlib import Path

    return load_document(Path(name), name, data)


@pytest.mark.unit
def test_a_csv_file_is_a_table_its_first_record_the_header():
    data = (
        b'Part number,Description,Unit price (EUR)\r\nPN-1000,"hinge, brass",4.86\r\nPN-1003,gasket | rubber,5.65\r\n'
    )
    doc = load("parts.csv", data)
    assert doc.text.split("\n") == [
        "| Part number | Description | Unit price (EUR) |",
        "|---|---|---|",
        "| PN-1000 | hinge, brass | 4.86 |",
        "| PN-1003 | gasket \\| rubber | 5.65 |",
    ]
    assert doc.title is None
    row = row_at(doc.text, doc.text.index("PN-1003"))
    assert row.header == ("Part number", "Description", "Unit price (EUR)")
    assert [doc.text[a:b] for a, b in row.cells] == ["PN-1003", "gasket \\| rubber", "5.65"]


@pytest.mark.unit
@pytest.mark.parametrize(
    "name, data, lines",
    [
        # A semicolon where the comma is the decimal mark, as spreadsheets write it in Europe.
        (
            "prices.csv",
            b"Item;Price\nTea;2,50\nCake;3,10\n",
            ["| Item | Price |", "|---|---|", "| Tea | 2,50 |", "| Cake | 3,10 |"],
        ),
        ("prices.tsv", b"Item\tPrice\nTea\t2.50\n", ["| Item | Price |", "|---|---|", "| Tea | 2.50 |"]),
        # Numbers first: no header. A line break in a quoted cell, blank records, short records.
        (
            "readings.csv",
            b'2024,2025\n10,12\n\n"a\nb",\n',
            ["| 2024 | 2025 |", "| 10 | 12 |", "| a b |  |"],
        ),
        # Separators ending every line make no column; one column is a table of one.
        ("names.csv", b"Name,,\nAnn,,\nBo,,\n", ["| Name |", "|---|", "| Ann |", "| Bo |"]),
        (
            "bom.csv",
            "\ufeffCity,Mayor\nLyon,Grégory Doucet\n".encode(),
            ["| City | Mayor |", "|---|---|", "| Lyon | Grégory Doucet |"],
        ),
        # A header of two rows as a spreadsheet exports it, each year merged over its halves.
        (
            "sales.csv",
            b"Region,2024,,2025,\n,H1,H2,H1,H2\nNorth,120,135,140,152\n",
            [
                "| Region | 2024 H1 | 2024 H2 | 2025 H1 | 2025 H2 |",
                "|---|---|---|---|---|",
                "| North | 120 | 135 | 140 | 152 |",
            ],
        ),
        # A title and a label with its value over the table: lines, and the table's header after them.
        (
            "order.csv",
            b"Stationery order,,,\nPrepared by,Ann Lee,,\nItem,Qty,Price,Total\nPens,3,1.20,3.60\n",
            [
                "Stationery order",
                "Prepared by: Ann Lee",
                "",
                "| Item | Qty | Price | Total |",
                "|---|---|---|---|",
                "| Pens | 3 | 1.20 | 3.60 |",
            ],
        ),
        # A bank statement's account lines and a blank line over its table.
        (
            "statement.csv",
            b"Brackenfield Building Society,,,,\nAccount name,MS R ABERNATHY,,,\nAccount,FlexCurrent,,,\n"
            b"Sort code,40-71-22,,,\nAccount number,31884902,,,\nStatement period,01/02/2026 to 28/02/2026,,,\n"
            b",,,,\nDate,Description,Money In,Money Out,Balance\n02/02/2026,DD CTAX,,168.00,2244.55\n",
            [
                "Brackenfield Building Society",
                "Account name: MS R ABERNATHY",
                "Account: FlexCurrent",
                "Sort code: 40-71-22",
                "Account number: 31884902",
                "Statement period: 01/02/2026 to 28/02/2026",
                "",
                "| Date | Description | Money In | Money Out | Balance |",
                "|---|---|---|---|---|",
                "| 02/02/2026 | DD CTAX |  | 168.00 | 2244.55 |",
            ],
        ),
        # An empty column name is no preamble line.
        ("staff.csv", b"Name,,Dept\nAnn Lee,London,Sales\n", ["| Name |  | Dept |", "| Ann Lee | London | Sales |"]),
    ],
)
def test_separators_headers_and_odd_records(name, data, lines):
    assert load(name, data).text.split("\n") == lines


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b",,,\n,,\n", "has no records"),
        (b"caf\xe9,1\n", "not valid UTF-8"),
        (b"\x00\x01\x02binary", "looks like a binary file"),
        (b'a,"' + b"x" * 200_000 + b'"\n', "field larger than field limit"),
    ],
)
def test_a_csv_that_cannot_be_read_says_why_naming_the_file(data, says):
    with pytest.raises(LoadError) as info:
        load("bad.csv", data)
    assert str(info.value).startswith("bad.csv: ") and says in str(info.value)


@pytest.mark.unit
def test_a_csv_file_and_the_same_bytes_as_text_are_read_apart():
    assert read_as("parts.csv") == "table" and read_as("parts.TSV") == "table" and read_as("parts.txt") == "text"


def test_a_question_is_answered_from_a_csv_file_by_its_row_and_column(tmp_path):
    """Through the extraction worker, a real index and the lookup: 300 records, longer than a
    passage; read as text, a record was a line of commas nothing named the columns of."""
    rng = random.Random(3)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Part number", "Description", "Supplier", "Unit price (EUR)", "Stock"])
    records = [
        [
            f"PN-{1000 + i}",
            rng.choice(["hex bolt M8", "washer 10 mm", "hinge, brass"]),
            rng.choice(["Kovac GmbH", "Lindqvist AB", "Oduya Ltd"]),
            f"{rng.randint(1, 900) / 100:.2f}",
            str(rng.randint(0, 500)),
        ]
        for i in range(300)
    ]
    writer.writerows(records)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "parts.csv").write_text(out.getvalue(), encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    text = assistant.document_text("parts.csv")
    for number, _, supplier, price, stock in (records[4], records[148], records[289]):
        for question, cell in [
            (f"Who supplies {number}?", supplier),
            (f"What is the unit price of {number}?", price),
            (f"How many {number} are in stock?", stock),
        ]:
            answer = assistant.ask(question)
            assert answer.short_answer == cell, question
            cited = answer.citations[0]
            assert text[cited.start : cited.end] == cited.text
            assert text[cited.support_start : cited.support_end].startswith(f"| {number} |")


RAGGED = (
    b"Product,SKU,Stock,Price,Warehouse\n"
    b"Trail Runner Shoe,TR-100,42,89.99,Leeds\n"
    b"Rain Shell Jacket,RS-220,7\n"
    b"Wool Beanie,WB-010,130,14.50,Leeds,EXTRA,MORE\n"
    b",,,\n"
    b'Camping Stove,CS-300,15,"54.00\n'
    b"Hiking Poles,HP-050,0,39.95,York\n"
)


@pytest.mark.unit
def test_a_ragged_csv_keeps_its_header_and_each_record_with_a_warning(caplog):
    """A file typed by hand (a break-it helper's inventory): a long record grew unnamed columns,
    so the table lost its header; a quote never closed swallowed the record after it."""
    with caplog.at_level("WARNING"):
        doc = load("inventory.csv", RAGGED)
    assert doc.text.split("\n") == [
        "| Product | SKU | Stock | Price | Warehouse |",
        "|---|---|---|---|---|",
        "| Trail Runner Shoe | TR-100 | 42 | 89.99 | Leeds |",
        "| Rain Shell Jacket | RS-220 | 7 |  |  |",
        "| Wool Beanie | WB-010 | 130 | 14.50 | Leeds, EXTRA, MORE |",
        "| Camping Stove | CS-300 | 15 | 54.00 |  |",
        "| Hiking Poles | HP-050 | 0 | 39.95 | York |",
    ]
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "inventory.csv: line 6 opens a quote it never closes" in said
    assert "inventory.csv: lines 3, 4, 6 have another number of cells than the header's 5" in said


@pytest.mark.unit
def test_a_quoted_cell_over_two_lines_is_still_one_cell(caplog):
    data = b'Name,Address,Town\nAnn,"12 High St\nFlat 2",Leeds\nBob,"3 Low Rd",York\n'
    with caplog.at_level("WARNING"):
        doc = load("addresses.csv", data)
    assert doc.text.split("\n")[2:] == ["| Ann | 12 High St Flat 2 | Leeds |", "| Bob | 3 Low Rd | York |"]
    assert not caplog.records


def test_a_ragged_csv_answers_from_the_right_cells(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inventory.csv").write_bytes(RAGGED)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    for question, cell in [
        ("How many Trail Runner Shoes are in stock?", "42"),
        ("What is the stock of the Rain Shell Jacket?", "7"),
        ("What is the price of the Hiking Poles?", "39.95"),
    ]:
        assert assistant.ask(question).short_answer == cell, question
