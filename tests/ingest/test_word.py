"""Word documents (.docx): their text as Word shows it, errors that say what to do, and a real
index answering from one (python-docx writes the files; the extraction worker reads them)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from rag.errors import LoadError
from rag.ingest.loaders import is_supported, load_document, read_as
from rag.ingest.word import docx_text
from tests.helpers import assert_unreadable
from tests.ingest.fuzzing import _rezipped
from tests.ingest.fuzzing import word_handbook as handbook

HANDBOOK_LINES = [
    "Warehouse staff handbook",
    "Roles",
    "Each shift has one lead. The lead signs the log.",
    "• first item",
    "• second item",
    "| Role | Name | Shift |",
    "|---|---|---|",
    "| Forklift driver | Ann Lee | Night Mon, Tue; Wed, Thu |",
    # Merged across two columns, read once, its other column empty: "Day" stays under "Shift"
    # (the row was two cells, "Day" under "Name", before session 49).
    "| Cleaner (shared) |  | Day |",
    "The loading dock closes at 10 p.m. on weekdays.",
]


@pytest.mark.unit
def test_a_word_document_is_read_in_order_a_line_per_block():
    text, title = docx_text("handbook.docx", handbook())
    assert text.split("\n") == HANDBOOK_LINES
    assert title == "Warehouse staff handbook"  # its Title paragraph


@pytest.mark.unit
def test_the_file_title_property_is_the_title_and_load_document_reads_docx():
    doc = load_document(Path("a/handbook.docx"), "a/handbook.docx", handbook(title="Staff handbook 2026"))
    assert doc.title == "Staff handbook 2026"
    assert doc.text.split("\n") == HANDBOOK_LINES
    assert is_supported(Path("Handbook.DOCX")) and read_as("a/handbook.docx") == "docx"
    assert is_supported(Path("old.doc"))  # the binary .doc too: tests/ingest/test_legacy_word.py


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("data", "says"),
    [
        # What Office writes for a document with a password: an OLE compound file, not a zip.
        # (An old binary .doc named .docx is read: tests/ingest/test_legacy_word.py.)
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "protected by a password, or damaged"),
        (b"Quarterly report\n\nRevenue rose.", "not a Word .docx file"),
        (_zip({"hello.txt": b"not a Word package"}), "a zip package but not a Word document (KeyError"),
        (handbook()[:3000], "corrupt or unreadable Word document ("),
    ],
    ids=["password", "text-named-docx", "other-zip", "truncated"],
)
def test_a_docx_that_cannot_be_read_says_why_naming_the_file(data, says):
    assert_unreadable("memo.docx", data, says)


@pytest.mark.unit
def test_a_word_document_without_text_says_so():
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(LoadError, match=r"^blank\.docx: the Word document has no text$"):
        load_document(Path("blank.docx"), "blank.docx", out.getvalue())


@pytest.mark.integration
def test_a_question_is_answered_from_a_word_table_with_exact_offsets(tmp_path):
    """Through the extraction worker, a real index and the reader: the row that names the role
    is quoted and its name leads the answer."""
    from rag.assistant import Assistant
    from tests.conftest import CORPUS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "000_fd849027655b63a4.txt", corpus)
    (corpus / "handbook.docx").write_bytes(handbook())
    (corpus / "broken.docx").write_bytes(b"Quarterly report")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")

    report = assistant.last_index_report
    assert sorted(report.added) == ["000_fd849027655b63a4.txt", "handbook.docx"]
    assert "broken.docx" in report.skipped and "not a Word .docx file" in report.skipped["broken.docx"]
    answer = assistant.ask("Who is the forklift driver?")
    assert not answer.refused
    assert answer.short_answer == "Ann Lee"
    cited = answer.citations[0]
    assert cited.source == "handbook.docx"
    text = assistant.document_text("handbook.docx")
    assert text[cited.start : cited.end] == cited.text
    assert text[cited.support_start : cited.support_end] == "| Forklift driver | Ann Lee | Night Mon, Tue; Wed, Thu |"
    # The row with a cell merged across two columns keeps its last cell under its column.
    assert assistant.ask("Which shift does the cleaner work?").short_answer == "Day"


@pytest.mark.unit
def test_what_word_shows_is_read_tracked_insertions_content_controls_and_fields():
    """python-docx's Paragraph.text left out an insertion not yet accepted, a content control
    (a filled-in template field, a block of them), a field's result and a smart tag; deleted
    text and field codes are not shown, and are not read."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    d = docx.Document()
    p = d.add_paragraph("The contract runs ")
    p._p.append(
        parse_xml(f'<w:ins {w} w:id="1" w:author="A"><w:r><w:t xml:space="preserve">until 2031 </w:t></w:r></w:ins>')
    )
    p._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="A"><w:r><w:delText>until 2029 </w:delText></w:r></w:del>'))
    p.add_run("and renews each year.")
    d.element.body.insert(
        1,
        parse_xml(
            f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Supplier: Kelgrid Ltd</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    q = d.add_paragraph("Signed by ")
    q._p.append(parse_xml(f"<w:sdt {w}><w:sdtContent><w:r><w:t>Mara Quist</w:t></w:r></w:sdtContent></w:sdt>"))
    q._p.append(
        parse_xml(
            f'<w:fldSimple {w} w:instr="DATE"><w:r><w:t xml:space="preserve"> on 4 May 2026</w:t></w:r></w:fldSimple>'
        )
    )
    for run in (
        '<w:fldChar w:fldCharType="begin"/>',
        "<w:instrText> PAGEREF terms </w:instrText>",
        '<w:fldChar w:fldCharType="separate"/>',
        '<w:t xml:space="preserve"> (see page 3)</w:t>',
        '<w:fldChar w:fldCharType="end"/>',
    ):
        q._p.append(parse_xml(f"<w:r {w}>{run}</w:r>"))
    q._p.append(
        parse_xml(f'<w:smartTag {w} w:uri="x" w:element="place"><w:r><w:t> in Lindhaven.</w:t></w:r></w:smartTag>')
    )
    out = io.BytesIO()
    d.save(out)

    text, _ = docx_text("contract.docx", out.getvalue())
    assert text.split("\n") == [
        "The contract runs until 2031 and renews each year.",
        "Supplier: Kelgrid Ltd",
        "Signed by Mara Quist on 4 May 2026 (see page 3) in Lindhaven.",
    ]


def _saved(d) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.mark.unit
def test_hidden_and_moved_text_is_not_read_and_merged_cells_are_read_on_each_row():
    """A probe's findings (session 35): a run formatted hidden ("INTERNAL NOTE: …") was indexed
    and quoted; a moved sentence was read at its old place too; a cell merged down over three
    rows was read on the first only ("Which department does Carla Diaz work in?" → "| Carla Diaz")."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    d = docx.Document()
    p = d.add_paragraph("The launch date is May 3.")
    p._p.append(parse_xml(f"<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>INTERNAL NOTE: June 9.</w:t></w:r>"))
    p._p.append(
        parse_xml(f'<w:r {w}><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> Shown.</w:t></w:r>')
    )
    moved = d.add_paragraph()
    moved._p.append(
        parse_xml(
            f'<w:moveFrom {w} w:id="1" w:author="A"><w:r><w:t>The budget is 40,000 euros.</w:t></w:r></w:moveFrom>'
        )
    )
    d.add_paragraph("Intro.")
    to = d.add_paragraph()
    to._p.append(
        parse_xml(f'<w:moveTo {w} w:id="2" w:author="A"><w:r><w:t>The budget is 40,000 euros.</w:t></w:r></w:moveTo>')
    )
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).merge(t.cell(2, 0)).text = "Logistics"
    for r, name in enumerate(["Ann Lee", "Bob Marsh", "Carla Diaz"]):
        t.cell(r, 1).text = name

    text, _ = docx_text("plan.docx", _saved(d))
    assert text.split("\n") == [
        "The launch date is May 3. Shown.",
        "Intro.",
        "The budget is 40,000 euros.",
        "| Logistics | Ann Lee |",
        "| Logistics | Bob Marsh |",
        "| Logistics | Carla Diaz |",
    ]


@pytest.mark.unit
def test_list_numbers_symbols_equations_and_a_localised_title_are_read_as_word_shows_them():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w, m = nsdecls("w"), 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    d = docx.Document()
    d.add_paragraph("Password reset", style="Title")
    d.styles["Title"].element.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", "Titel")
    d.paragraphs[0]._p.pPr.pStyle.val = "Titel"  # as a German Word names the Title style
    for step in [
        "Open the portal.",
        "Choose Forgot password.",
        "Enter the code from the mail.",
        "Pick a new password.",
    ]:
        d.add_paragraph(step, style="List Number")
    room = d.add_paragraph("Keep the room at 21")
    room._p.append(parse_xml(f'<w:r {w}><w:sym w:font="Symbol" w:char="F0B0"/><w:t>C, </w:t></w:r>'))
    room._p.append(
        parse_xml(
            f'<w:r {w}><w:sym w:font="Wingdings" w:char="F0FC"/><w:t xml:space="preserve">checked daily.</w:t></w:r>'
        )
    )
    tabbed = d.add_paragraph("Name")
    tabbed._p.append(
        parse_xml(f'<w:r {w}><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>Value</w:t></w:r>')
    )
    energy = d.add_paragraph("The energy formula is ")
    energy._p.append(
        parse_xml(
            f"<m:oMath {m}><m:r><m:t>E=m</m:t></m:r><m:sSup><m:e><m:r><m:t>c</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>"
        )
    )

    text, title = docx_text("reset.docx", _saved(d))
    assert title == "Password reset"
    assert text.split("\n") == [
        "Password reset",
        "1. Open the portal.",
        "2. Choose Forgot password.",
        "3. Enter the code from the mail.",
        "4. Pick a new password.",
        "Keep the room at 21°C, checked daily.",
        "Name Value",
        "The energy formula is E=mc2",
    ]


@pytest.mark.integration
def test_a_small_file_whose_text_is_over_the_size_limit_is_skipped_saying_so(tmp_path, run_index):
    """The file's size is checked before it is read, and its text after: a 160 KB Word file of
    one sentence repeated was 24 MB of text and 26,667 passages (the zip compresses it 150:1)."""
    d = docx.Document()
    for _ in range(3000):
        d.add_paragraph("The quick brown fox jumps over the lazy dog again and again.")
    data = _saved(d)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fox.docx").write_bytes(data)
    (corpus / "note.txt").write_text("Harbour news\n\nThe harbour handled 42,000 containers in March.\n")
    assert len(data) < 50_000
    report, manifest, _ = run_index(corpus, tmp_path / "index", max_file_mb=0.1)
    assert report.added == ["note.txt"]
    assert report.skipped["fox.docx"] == (
        "fox.docx: its text is 0.2 million characters, over the 0.1 MB limit (max_file_mb); "
        "split the file or raise the limit"
    )


def _filled(d, rows):
    """A table added to the document, its cells filled row by row."""
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    return t


@pytest.mark.unit
def test_a_word_table_is_read_as_markdown_writes_it_a_delimiter_under_a_header_row():
    """A row under a header is read with the names of its columns (rag/text/tables.py). Word's
    "Header Row" look is on in nearly every table, so a first row is taken for the header when
    it looks like one (three cells or more, a few words each, no number but years after a word,
    none repeated below) or
    when Word repeats it on each page; a two-column list of labels and values has none."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    _filled(d, [("Item", "Cost", "Note"), ("Desk", "120", "a | b")])
    _filled(d, [("Forklift driver", "Ann Lee"), ("Cleaner", "Bo Diaz")])
    _filled(d, [("Revenue", "10", "12"), ("Costs", "8", "9")])  # numbers: data
    _filled(d, [("Year", "2024", "2025"), ("Revenue", "10", "12")])  # a word over years: the header
    _filled(d, [("Team", "Lead", "Room"), ("Team", "Ann", "4")])  # repeated below: data
    repeated = _filled(d, [("Label", "Value"), ("Owner", "Ann Lee")])
    repeated.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    text, _ = docx_text("tables.docx", _saved(d))
    # Tables one after the other stand apart, a blank line between: read as one table, the rows of
    # the second were read under the first's header (a service invoice's totals under its labour
    # table's "Operation | Hours | Rate | Net", session 51).
    assert text.split("\n") == [
        "| Item | Cost | Note |",
        "|---|---|---|",
        "| Desk | 120 | a \\| b |",
        "",
        "| Forklift driver | Ann Lee |",
        "| Cleaner | Bo Diaz |",
        "",
        "| Revenue | 10 | 12 |",
        "| Costs | 8 | 9 |",
        "",
        "| Year | 2024 | 2025 |",
        "|---|---|---|",
        "| Revenue | 10 | 12 |",
        "",
        "| Team | Lead | Room |",
        "| Team | Ann | 4 |",
        "",
        "| Label | Value |",
        "|---|---|",
        "| Owner | Ann Lee |",
    ]


@pytest.mark.unit
def test_a_word_header_may_have_an_empty_corner_a_qualifier_in_brackets_or_two_cells_over_amounts():
    """A car insurance renewal's three tables were read with no header, so no row was read with
    its column names (a break-it helper's, session 54): a corner cell left empty over the rows'
    labels, "Claims / convictions (last 5 yrs)" (six words with its qualifier), and "| Excess |
    Amount |" over amounts (two columns, until then never a header)."""
    d = docx.Document()
    _filled(d, [("", "Last year (2025/26)", "This year (2026/27)"), ("Total annual cost", "£758.88", "£849.72")])
    _filled(d, [("Name", "Licence held", "Claims / convictions (last 5 yrs)"), ("Imogen Reyes", "22 years", "SP30")])
    _filled(d, [("Excess", "Amount"), ("Compulsory excess", "£250"), ("Voluntary excess", "£150")])
    _filled(d, [("Cover level", "Comprehensive"), ("Voluntary excess", "£150")])  # a value, not a header
    text, _ = docx_text("renewal.docx", _saved(d))
    headers = [line for i, line in enumerate(text.split("\n")[1:]) if line.startswith("|---")]
    assert len(headers) == 3, text
    assert "| Cover level | Comprehensive |\n| Voluntary excess | £150 |" in text


@pytest.mark.unit
def test_a_word_grid_of_labels_and_values_is_read_as_fields():
    """ "| Invoice No. | INV-30418 | Invoice date | 27/11/2025 |" was read as the header of an
    invoice's details table, and every row under it by those names ("Mileage in | 58,412" under
    "Invoice No."): "How many miles were on the car when it went in?" was refused (a break-it
    helper's service invoice, session 51). Pairs of label and value, row by row, are fields, a
    block of their own; a table whose first row names its columns is a table still."""
    d = docx.Document()
    d.add_paragraph("VAT INVOICE")
    _filled(d, [("Invoice No.", "INV-30418", "Invoice date", "27/11/2025"), ("Mileage in", "58,412", "Date out", "")])
    d.add_paragraph("Work requested by customer")
    _filled(d, [("Name", "Dept", "City", "Country"), ("Ann", "Sales", "Leeds", "UK")])
    text, _ = docx_text("invoice.docx", _saved(d))
    assert text.split("\n") == [
        "VAT INVOICE",
        "",
        "Invoice No.: INV-30418",
        "Invoice date: 27/11/2025",
        "Mileage in: 58,412",
        "",
        "Work requested by customer",
        "| Name | Dept | City | Country |",
        "|---|---|---|---|",
        "| Ann | Sales | Leeds | UK |",
    ]


# harbour-notes.docx (tests/ingest/files, LibreOffice's export of harbour-notes.fodt): what it
# reads as; the .doc and the .odt exported from the same file read the same notes.
HARBOUR_NOTES = [
    "Harbour dredging report",
    "The harbour authority dredged the inner basin to a depth of 7 metres in 2024. The work took eleven weeks.",
    "Footnote 1: Depths are measured below chart datum at the Quay Street gauge.",
    "| Item | Cost |",
    "| Dredging | 1.9 million euros |",
    "| Disposal | 0.4 million euros |",
    "Footnote 2: Including the survey before and after the work.",  # referred to in a cell
    "Spoil was taken to the licensed disposal site off Gull Point.*",
    "Footnote *: See the disposal licence granted by the Marine Office.",  # a mark of the author's own
    "• Keep the channel buoys lit.",
    "Footnote 3: Buoys 4 to 9 carry solar lanterns.",
    "• Survey again in 2026.",
    "The contract was signed in January.",
    "Endnote i: Contract HD-2024-07.",
]
FILES = Path(__file__).parent / "files"


@pytest.mark.unit
def test_footnotes_and_endnotes_are_lines_after_what_refers_to_them():
    """A note is content the page prints at its foot (a source, a definition, what a figure
    covers): read after the paragraph or the table that refers to it, numbered as Word numbers
    it. They were not read at all."""
    data = (FILES / "harbour-notes.docx").read_bytes()
    text, _ = docx_text("harbour-notes.docx", data)
    assert text.split("\n") == HARBOUR_NOTES

    # A note whose reference a tracked change deleted went with it; the next one takes its number.
    def delete_first_reference(xml: bytes) -> bytes:
        ref = b'<w:footnoteReference w:id="2"/>'
        run_start = xml.rindex(b"<w:r>", 0, xml.index(ref))
        run_end = xml.index(b"</w:r>", run_start) + len(b"</w:r>")
        deleted = b'<w:del w:id="90" w:author="A" w:date="2025-01-01T00:00:00Z">' + xml[run_start:run_end] + b"</w:del>"
        return xml[:run_start] + deleted + xml[run_end:]

    text, _ = docx_text("edited.docx", _rezipped(data, "word/document.xml", delete_first_reference))
    assert "Depths are measured" not in text
    assert "Footnote 1: Including the survey before and after the work." in text.split("\n")


@pytest.mark.unit
def test_a_text_box_is_read_after_the_paragraph_that_anchors_it_once():
    """depot-box.docx (LibreOffice's export of depot-box.fodt): a text box beside the text, kept
    twice in the file (as a Word 2010 shape and, for older readers, as VML in mc:Fallback). Its
    paragraphs were not read at all."""
    text, _ = docx_text("depot-box.docx", (FILES / "depot-box.docx").read_bytes())
    assert text.split("\n") == [
        "The depot moved to Kelso Road in March.",
        "Opening hours: 7:00 to 19:00, Monday to Saturday.",
        "Ask for Priya at the gate.",
        "Parking is behind the loading bay.",
    ]


@pytest.mark.unit
def test_a_word_table_headed_by_groups_over_labels_names_each_column_by_both():
    """Years merged across the two columns under each: a header of two rows, read as one."""
    d = docx.Document()
    t = d.add_table(rows=4, cols=5)
    t.cell(0, 0).text = "Department"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "2024"
    t.cell(0, 3).merge(t.cell(0, 4)).text = "2025"
    for c, text in enumerate(["Budget", "Actual", "Budget", "Actual"], start=1):
        t.cell(1, c).text = text
    for r, cells in enumerate([("Sales", "40", "42", "45", "47"), ("Legal", "10", "9", "11", "12")], start=2):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    text, _ = docx_text("budget.docx", _saved(d))
    assert text.split("\n") == [
        "| Department | 2024 Budget | 2024 Actual | 2025 Budget | 2025 Actual |",
        "|---|---|---|---|---|",
        "| Sales | 40 | 42 | 45 | 47 |",
        "| Legal | 10 | 9 | 11 | 12 |",
    ]


@pytest.mark.unit
def test_a_table_with_no_rows_is_nothing_to_read():
    """A table of no rows between two paragraphs: the check for a table before a table read the
    first line of its (empty) text and failed on it (caught in session 51's review)."""
    d = docx.Document()
    d.add_paragraph("Before")
    d.add_table(rows=0, cols=0)
    _filled(d, [("Name", "Dept", "City"), ("Ann", "Sales", "Leeds")])
    d.add_paragraph("After")
    text, _ = docx_text("empty-table.docx", _saved(d))
    assert text.split("\n") == ["Before", "| Name | Dept | City |", "|---|---|---|", "| Ann | Sales | Leeds |", "After"]
