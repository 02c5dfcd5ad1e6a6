"""OpenDocument files (.odt, .ods, .odp) read as the application shows them
(rag/ingest/opendocument.py). The packages are written here as LibreOffice writes them (a stored
mimetype first, content.xml, meta.xml, a manifest), their XML in LibreOffice's own shapes:
repeated cells and rows, covered cells, tracked deletions, a table of contents, hidden sheets
and slides by their automatic styles."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from rag.text.tables import row_at
from tests.ingest.fuzzing import odf_package as package


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


def cell(text: str = "", repeat: int = 1) -> str:
    attr = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-cell{attr}>{f'<text:p>{text}</text:p>' if text else ''}</table:table-cell>"


MEMO = (
    "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
    "<text:p>The depot closes in June.</text:p></text:deletion></text:changed-region></text:tracked-changes>"
    "<text:table-of-content><text:index-body><text:p>Contents 1</text:p></text:index-body></text:table-of-content>"
    '<text:h text:outline-level="1">Depot memo</text:h>'
    "<text:p>The Leeds depot opens on<text:s/>3<text:s text:c='2'/>September.<text:line-break/>Staff: 14."
    "<office:annotation><text:p>check the date</text:p></office:annotation>"
    "<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note></text:p>"
    '<text:h text:outline-level="2">Contacts</text:h>'
    "<text:list><text:list-item><text:p>Priya Shah runs the depot.</text:p>"
    "<text:list><text:list-item><text:p>Her deputy is Bo Lind.</text:p></text:list-item></text:list>"
    "</text:list-item></text:list>"
    "<table:table table:name='T1'><table:table-header-rows><table:table-row>"
    f"{cell('Name')}{cell('Extension')}</table:table-row></table:table-header-rows>"
    f"<table:table-row>{cell('Priya Shah')}{cell('4410')}</table:table-row>"
    f"<table:table-row>{cell('Bo Lind')}<table:covered-table-cell/></table:table-row></table:table>"
)


@pytest.mark.unit
def test_a_text_is_its_headings_paragraphs_lists_and_tables_as_shown():
    doc = load("memo.odt", package("text", MEMO, title="Depot memo 2025"))
    assert read_as("memo.odt") == "opendocument"
    assert doc.title == "Depot memo 2025"
    assert doc.text.split("\n\n") == [
        "# Depot memo",
        "The Leeds depot opens on 3 September. Staff: 14.",
        "Footnote: A footnote.",  # after its paragraph (it has no citation to number it by)
        "## Contacts",
        "- Priya Shah runs the depot.",
        "- Her deputy is Bo Lind.",
        "| Name | Extension |\n|---|---|\n| Priya Shah | 4410 |\n| Bo Lind |  |",
    ]
    assert "June" not in doc.text and "Contents" not in doc.text and "check the date" not in doc.text
    row = row_at(doc.text, doc.text.index("| Priya"))
    assert row.header == ("Name", "Extension")


@pytest.mark.unit
def test_a_spreadsheet_is_its_shown_sheets_and_repeated_empty_cells_and_rows_are_one():
    hidden_style = '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
    body = (
        "<table:table table:name='Budget'>"
        f"<table:table-row>{cell('Quarterly budget 2025')}{cell(repeat=1023)}</table:table-row>"
        f"<table:table-row table:number-rows-repeated='2'>{cell(repeat=1024)}</table:table-row>"
        f"<table:table-row>{cell('Item')}{cell('Q1')}{cell(repeat=1022)}</table:table-row>"
        f"<table:table-row>{cell('Rent')}{cell('€1,234.50')}{cell(repeat=1022)}</table:table-row>"
        f"<table:table-row table:number-rows-repeated='1048571'>{cell(repeat=1024)}</table:table-row>"
        "</table:table>"
        f"<table:table table:name='Old' table:style-name='ta2'><table:table-row>{cell('Rent in 2019: 900')}"
        "</table:table-row></table:table>"
        f"<table:table table:name='Contacts'><table:table-row>{cell('Name')}{cell('Phone')}</table:table-row>"
        f"<table:table-row>{cell('Bo Lind')}{cell('4410')}</table:table-row></table:table>"
    )
    doc = load("budget.ods", package("spreadsheet", body, styles=hidden_style))
    assert doc.text.split("\n") == [
        "## Budget",
        "",
        "Quarterly budget 2025",
        "",
        "| Item | Q1 |",
        "|---|---|",
        "| Rent | €1,234.50 |",
        "",
        "## Contacts",
        "",
        "| Name | Phone |",
        "|---|---|",
        "| Bo Lind | 4410 |",
    ]
    assert doc.title is None


@pytest.mark.unit
def test_a_presentation_is_its_shown_slides_frames_from_the_top_and_notes():
    hidden_style = (
        '<style:style style:name="dp2" style:family="drawing-page">'
        '<style:drawing-page-properties presentation:visibility="hidden"/></style:style>'
    )

    def frame(cls: str, y: str, text: str) -> str:
        return (
            f'<draw:frame presentation:class="{cls}" svg:x="2cm" svg:y="{y}">'
            f"<draw:text-box><text:p>{text}</text:p></draw:text-box></draw:frame>"
        )

    body = (
        f'<draw:page draw:name="page1">{frame("outline", "5cm", "Revenue rose 12%.")}'
        f"{frame('title', '1cm', 'Highlights')}{frame('footer', '18cm', 'Company confidential')}"
        f"{frame('page-number', '18cm', '1')}"
        '<presentation:notes><draw:frame presentation:class="notes"><draw:text-box>'
        "<text:p>The Leeds manager is Priya Shah.</text:p></draw:text-box></draw:frame></presentation:notes>"
        "</draw:page>"
        f'<draw:page draw:name="page2" draw:style-name="dp2">{frame("title", "1cm", "Draft: layoffs")}</draw:page>'
        f'<draw:page draw:name="page3"><draw:custom-shape svg:x="1cm" svg:y="2in"><text:p>Questions?</text:p>'
        "</draw:custom-shape></draw:page>"
    )
    doc = load("review.odp", package("presentation", body, styles=hidden_style))
    assert doc.title == "Highlights"
    assert doc.text.split("\n\n") == [
        "## Highlights",
        "Revenue rose 12%.",
        "Notes: The Leeds manager is Priya Shah.",
        "## Slide 3",
        "Questions?",
    ]


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b"Depot memo\n", "not an OpenDocument file"),
        (package("text", MEMO, encrypted=True), "protected by a password"),
        (b"PK\x03\x04" + bytes(40), "corrupt or unreadable OpenDocument file"),
        (package("text", "<text:p> </text:p>"), "the document has no text"),
    ],
)
def test_what_is_not_a_readable_opendocument_file_is_a_load_error(data, says):
    with pytest.raises(LoadError) as info:
        load("sub/memo.odt", data)
    assert str(info.value).startswith("sub/memo.odt: ") and says in str(info.value)


def test_a_zip_of_another_kind_says_so():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(LoadError, match="a zip package but not an OpenDocument file"):
        load("memo.odt", out.getvalue())


def test_an_opendocument_text_is_indexed_and_answered(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.odt").write_bytes(package("text", MEMO, title="Depot memo 2025"))
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("When does the Leeds depot open?")
    assert answer.short_answer == "3 September"
    assert answer.citations[0].source == "memo.odt"
    assert assistant.ask("What is Priya Shah's extension?").short_answer == "4410"
    assert "June" not in assistant.ask("In which month does the depot close?").text  # a tracked deletion's


def test_an_entity_bomb_in_content_xml_is_a_load_error_not_a_gigabyte():
    """content.xml is parsed with entities unexpanded: a billion-laughs DOCTYPE (1e9 "lol"s)."""
    entities = "".join(f'<!ENTITY l{i + 1} "{f"&l{i};" * 10}">' for i in range(9))
    content = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{entities}]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:p>&l9;</text:p></office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("content.xml", content)
    with pytest.raises(LoadError, match="corrupt or unreadable OpenDocument file"):
        load("bomb.odt", out.getvalue())


def test_a_damaged_meta_xml_loses_the_title_not_the_document():
    from tests.ingest.fuzzing import _rezipped

    data = _rezipped(package("text", MEMO, title="Depot memo 2025"), "meta.xml", lambda xml: xml[:40])
    doc = load("memo.odt", data)
    assert doc.title is None and doc.text.startswith("# Depot memo")


@pytest.mark.unit
def test_an_odt_written_by_docutils_odf_writer_is_read():
    """Not hand-written: docutils' own ODF writer (rst2odt), a producer of real .odt files."""
    from docutils.core import publish_string

    source = (
        "Depot memo\n==========\n\nThe Leeds depot opens on 3 September.  Staff: 14.\n\n"
        "Contacts\n--------\n\n- Priya Shah runs the depot.\n- Her deputy is Bo Lind.\n\n"
        "=========== =========\nName        Extension\n=========== =========\n"
        "Priya Shah  4410\nBo Lind     4412\n=========== =========\n"
    )
    doc = load("memo.odt", publish_string(source, writer_name="odt"))
    assert doc.title == "Depot memo"
    assert doc.text.split("\n\n") == [
        "Depot memo",
        "The Leeds depot opens on 3 September. Staff: 14.",
        "# Contacts",
        "- Priya Shah runs the depot.",
        "- Her deputy is Bo Lind.",
        "| Name | Extension |\n|---|---|\n| Priya Shah | 4410 |\n| Bo Lind | 4412 |",
    ]


@pytest.mark.unit
def test_footnotes_and_endnotes_are_read_after_what_holds_them_as_a_word_documents_are():
    """harbour-notes.odt: LibreOffice's own file of harbour-notes.fodt (tests/ingest/files). A
    note in a table's cell is read after the table, not inside the cell (where its text stood
    beside the cell's before), as the .docx and .doc exports of the same file read it."""
    from tests.ingest.test_word import FILES, HARBOUR_NOTES

    doc = load("harbour-notes.odt", (FILES / "harbour-notes.odt").read_bytes())
    notes = [line for line in doc.text.split("\n\n") if line.startswith(("Footnote", "Endnote"))]
    assert notes == [line for line in HARBOUR_NOTES if line.startswith(("Footnote", "Endnote"))]
    assert "| Dredging | 1.9 million euros |" in doc.text.split("\n")
    blocks = doc.text.split("\n\n")
    assert blocks[blocks.index("- Keep the channel buoys lit.") + 1] == "Footnote 3: Buoys 4 to 9 carry solar lanterns."


@pytest.mark.unit
def test_a_record_card_of_labels_and_values_is_read_as_labelled_lines():
    """A pet's record card, two label and value pairs to a row, was read as a table under its
    first row: "Pet name | Biscuit | Client no. | FVC-20817" named the columns (a break-it
    helper's vaccination record, session 53). An amount's table under "Item | Q1" keeps its header."""
    card = (
        "<table:table table:name='Card'>"
        f"<table:table-row>{cell('Pet name')}{cell('Biscuit')}{cell('Client no.')}{cell('FVC-20817')}</table:table-row>"
        f"<table:table-row>{cell('Species')}{cell('Canine')}{cell('Owner')}{cell('Mrs D Arkwright')}</table:table-row>"
        "</table:table>"
        f"<table:table table:name='Q'><table:table-row>{cell('Item')}{cell('Q1')}</table:table-row>"
        f"<table:table-row>{cell('Rent')}{cell('€1,234.50')}</table:table-row></table:table>"
    )
    assert load("record.odt", package("text", card)).text.split("\n") == [
        "Pet name: Biscuit",
        "Client no.: FVC-20817",
        "Species: Canine",
        "Owner: Mrs D Arkwright",
        "",
        "| Item | Q1 |",
        "|---|---|",
        "| Rent | €1,234.50 |",
    ]
