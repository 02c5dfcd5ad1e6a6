"""PowerPoint 97-2003 presentations (.ppt) read as a .pptx is (rag/ingest/legacy_slides.py): one
PowerPoint 2007 wrote (from oletools' tests), and one LibreOffice wrote from a .pptx python-pptx
made, and one LibreOffice wrote with a table (all in tests/ingest/files); then answered through a
real index."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from tests.ingest.compound import compound_file

FILES = Path(__file__).parent / "files"


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


@pytest.fixture(scope="module")
def induction() -> bytes:
    """LibreOffice 7.4's "MS PowerPoint 97" export of induction.pptx (gzipped: its summary
    information holds a 575 KB thumbnail): a title slide, a slide of bullets with a text box and
    speaker notes, a slide with no title, and a hidden slide."""
    return gzip.decompress((FILES / "induction.ppt.gz").read_bytes())


@pytest.mark.unit
def test_a_presentation_is_read_as_its_pptx_is(induction):
    doc = load("induction.ppt", induction)
    assert read_as("Induction.PPT") == "ppt" and read_as("show.pps") == "ppt"
    assert (doc.text, doc.title) == (
        (pptx := load("induction.pptx", (FILES / "induction.pptx").read_bytes())).text,
        pptx.title,
    )
    assert doc.title == "Depot induction"
    assert doc.text.split("\n\n") == [
        "## Kelso Road Depot",
        "Induction for new starters, June 2025",
        "## Site rules",
        "The speed limit on site is 10 km/h",
        "Hot work permits come from the duty manager, Ms Harriet Jones",
        "Visitors sign in at the gatehouse before 09:30",
        "Questions: Zoë Łukasiewicz, extension 2451",  # a text box below the placeholders
        "Notes: Remind everyone that the yard is one-way.",
        "Show the gatehouse on the map.",
        "## Slide 3",  # no title
        "Canteen hours: 07:00 to 15:00",
    ]  # the fourth slide, hidden, is not read


@pytest.mark.unit
def test_a_table_a_group_of_a_shape_a_cell_is_read_as_the_pptx_s_table():
    """sales-deck.ppt.gz: LibreOffice's export of tests/ingest/fuzzing.sales_deck. PowerPoint 97
    keeps a table as a group of shapes, a cell each, placed within the group; read shape by
    shape, "Region", "Q3", "North", "2.3m" were four paragraphs (and would have stood above the
    slide's other text, the group's own place not read)."""
    from tests.ingest.fuzzing import sales_deck

    doc = load("sales.ppt", gzip.decompress((FILES / "sales-deck.ppt.gz").read_bytes()))
    assert doc.text == load("sales.pptx", sales_deck()).text
    assert doc.text.endswith("## Sales by region\n\n| Region | Q3 |\n|---|---|\n| North | 2.3m |")


@pytest.mark.unit
def test_a_presentation_powerpoint_wrote_is_read():
    """Its placeholders' text kept in the document's slide list, which the slide's shapes
    refer to (OutlineTextRefAtom), where LibreOffice keeps it in the shapes."""
    doc = load("embedded.ppt", (FILES / "embedded-simple-2007.ppt").read_bytes())
    assert doc.text == (
        "## Embedded Objects\n\nThis slide contains an embedded object\n\nIt is a simple harmless ASCII text file"
    )


@pytest.mark.unit
def test_a_ppt_named_pptx_and_a_pptx_named_ppt_are_read_for_what_they_are(induction):
    assert load("induction.pptx", induction).text == load("induction.ppt", induction).text
    pptx = (FILES / "induction.pptx").read_bytes()
    assert load("induction.ppt", pptx).text == load("induction.pptx", pptx).text


@pytest.mark.unit
@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"Quarterly review\n\nSales rose.", r"not a PowerPoint 97-2003 presentation \(no OLE compound file\)"),
        (compound_file({"WordDocument": b"\0" * 600}), r"not a PowerPoint 97-2003 presentation \(no PowerPoint"),
        ("truncated", "damaged PowerPoint 97-2003 presentation"),
    ],
    ids=["text", "word", "truncated"],
)
def test_a_ppt_that_cannot_be_read_says_why_naming_the_file(data, says, induction):
    if data == "truncated":  # the stream cut short: its records run past its end
        import io

        import olefile

        ole = olefile.OleFileIO(io.BytesIO(induction))
        streams = {name: ole.openstream(name).read() for name in ("PowerPoint Document", "Current User")}
        data = compound_file({**streams, "PowerPoint Document": streams["PowerPoint Document"][:3000]})
    with pytest.raises(LoadError, match=rf"^old/review\.ppt: .*{says}"):
        load("old/review.ppt", data)


def test_a_ppt_is_indexed_and_answered(tmp_path, induction):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "induction.ppt").write_bytes(induction)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("What is the speed limit on site?")
    assert answer.short_answer == "10 km/h" and answer.citations[0].source == "induction.ppt"
