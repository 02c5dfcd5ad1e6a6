"""Word 97-2003 documents (.doc) read as a .docx is (rag/ingest/legacy_word.py): two that Word
wrote (tests/ingest/files, from oletools' tests), and documents written here part by part as
Word writes them (tests/ingest/compound.word_document: tables, fields, pieces in both
encodings); then answered through a real index."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from tests.ingest.compound import compound_file, word_document

FILES = Path(__file__).parent / "files"

PRICE_LIST = [
    "Kelso Road Depot: price list",
    "Prices from 1 June 2025, VAT included.",
    [
        ["Item", "Price", "Note"],
        ["Drill press DP-16", "EUR 412.00", ""],  # an empty last cell
        ["", "EUR 9.50", "Per\nbox of 100"],  # an empty first cell; a cell of two paragraphs
        ["Band saw BS-8", "EUR 655.00", "Delivered"],
    ],
    'Order through \x13 HYPERLINK "https://shop.example" \x14our web shop\x15 or call extension 2451.',
    "Questions: Zoë Łukasiewicz, purchasing.",
]


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


@pytest.mark.unit
def test_documents_word_wrote_are_read():
    doc = load("harmless-clean.doc", (FILES / "harmless-clean.doc").read_bytes())
    assert read_as("Notes.DOC") == "doc"
    assert doc.text.startswith(
        "Test\nThis is a harmless test document.\nIt contains neither macros nor dde links nor embedded "
        "viruses nor links to evil web pages."
    )
    assert "ünicöde-ßtringß" in doc.text  # a piece stored as UTF-16
    # A field is the result Word shows, not its instruction (DDEAUTO …); the title from the
    # document's summary information.
    doc = load("dde.doc", (FILES / "dde-test-from-office2016.doc").read_bytes())
    assert doc.title == "This is a dde test file"
    assert "cmd.exe" not in doc.text and "MACROBUTTON" not in doc.text
    assert doc.text.startswith("This is a dde test file. The dde auto field is:\n!Unerwartetes Ende des Ausdrucks\n")
    assert "Another field, this time with mean unicode chars (üöä)" in doc.text


@pytest.mark.unit
def test_a_table_libreoffice_wrote_is_read_as_its_docx_is():
    """price-list.doc: LibreOffice 7.4's "MS Word 97" export of a .docx python-docx wrote (the
    lines below are that .docx's reading): its text in a UTF-16 piece, each row's end a
    paragraph of its own that only its properties (sprmPFTtp) tell from an empty cell."""
    doc = load("price-list.doc", (FILES / "price-list.doc").read_bytes())
    assert doc.title == "Depot price list"
    assert doc.text.split("\n") == [
        "Kelso Road Depot: price list",
        "Prices from 1 June 2025, VAT included.",
        "| Item | Price | Note |",
        "|---|---|---|",
        "| Drill press DP-16 | EUR 412.00 |  |",
        "|  | EUR 9.50 | Per box of 100 |",
        "| Band saw BS-8 | EUR 655.00 | Delivered |",
        "Questions: Zoë Łukasiewicz, purchasing.",
        "| Left | Right |",  # two cells: no header named (as a .docx's)
        "The end.",
    ]


@pytest.mark.unit
def test_tables_are_markdown_rows_and_fields_their_results():
    """Word writes a row's end as a paragraph holding only a cell mark, as an empty cell is
    written: the paragraph's properties (sprmPFTtp) tell them apart."""
    text = load("prices.doc", word_document(PRICE_LIST, utf16_from=200)).text
    assert text == (
        "Kelso Road Depot: price list\n"
        "Prices from 1 June 2025, VAT included.\n"
        "| Item | Price | Note |\n"
        "|---|---|---|\n"
        "| Drill press DP-16 | EUR 412.00 |  |\n"
        "|  | EUR 9.50 | Per box of 100 |\n"
        "| Band saw BS-8 | EUR 655.00 | Delivered |\n"
        "Order through our web shop or call extension 2451.\n"
        "Questions: Zoë Łukasiewicz, purchasing."
    )


@pytest.mark.unit
def test_a_doc_named_docx_and_rich_text_or_a_docx_named_doc_are_read_for_what_they_are():
    doc = word_document(PRICE_LIST[:2])
    assert load("prices.docx", doc).text == load("prices.doc", doc).text
    assert load("memo.doc", rb"{\rtf1\ansi Pay by {\b Friday}.\par}").text == "Pay by Friday."


@pytest.mark.unit
@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"Quarterly report\n\nRevenue rose.", r"not a Word 97-2003 document \(no OLE compound file\)"),
        (compound_file({"Book": b"\0" * 600}), r"not a Word 97-2003 document \(no WordDocument stream\)"),
        (word_document(["Secret."], encrypted=True), "protected by a password"),
        (word_document(PRICE_LIST)[:1500], "damaged Word 97-2003 document"),
        (word_document([""]), "the Word document has no text"),
    ],
    ids=["text", "workbook", "password", "truncated", "empty"],
)
def test_a_doc_that_cannot_be_read_says_why_naming_the_file(data, says):
    with pytest.raises(LoadError, match=rf"^old/memo\.doc: .*{says}"):
        load("old/memo.doc", data)


@pytest.mark.unit
def test_a_piece_that_claims_two_billion_characters_is_read_as_far_as_the_stream_goes():
    """Their offsets were listed before any character was read: gigabytes for one damaged file."""
    import io
    import struct

    import olefile

    ole = olefile.OleFileIO(io.BytesIO(word_document(["Hello."])))
    word, table = (bytearray(ole.openstream(name).read()) for name in ("WordDocument", "1Table"))
    struct.pack_into("<i", word, 64 + 12, 0x7FFFFFFF)  # ccpText
    struct.pack_into("<I", table, 5 + 4, 0x7FFFFFFF)  # the piece's last character
    doc = load("huge.doc", compound_file({"WordDocument": bytes(word), "1Table": bytes(table)}))
    assert doc.text.startswith("Hello.")


def test_a_doc_is_indexed_and_its_table_answered(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "price-list.doc").write_bytes(word_document(PRICE_LIST))
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("How much is the band saw BS-8?")
    assert answer.short_answer == "EUR 655.00" and answer.citations[0].source == "price-list.doc"


@pytest.mark.unit
def test_footnotes_and_endnotes_are_read_as_the_docx_reads_them():
    """harbour-notes.doc and .docx: LibreOffice's exports of one document (harbour-notes.fodt).
    The notes follow the main text in the piece table; each is read after the paragraph (or the
    table) whose reference mark the PlcffndRef / PlcfendRef places there."""
    from tests.ingest.test_word import HARBOUR_NOTES

    doc = load("harbour-notes.doc", (FILES / "harbour-notes.doc").read_bytes())
    # The .doc keeps no list numbering where this reads it: its items have no bullet.
    assert doc.text.split("\n") == [line.removeprefix("• ") for line in HARBOUR_NOTES]


def test_an_answer_from_a_footnote_cites_it(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour-notes.doc").write_bytes((FILES / "harbour-notes.doc").read_bytes())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Which buoys carry solar lanterns?")
    assert answer.short_answer is not None and "4 to 9" in answer.short_answer
    assert answer.citations[0].source == "harbour-notes.doc"
    assert "Footnote 3: Buoys 4 to 9 carry solar lanterns." in answer.citations[0].text
