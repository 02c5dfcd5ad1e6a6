"""PowerPoint presentations (.pptx) read slide by slide (rag/ingest/slides.py), written by
python-pptx from PowerPoint's own default template, and answered through a real index."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from rag.text.tables import row_at
from tests.ingest.fuzzing import word_handbook


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


def saved(deck) -> bytes:
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def sales_review() -> bytes:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[0])  # title slide
    slide.shapes.title.text = "Q3 sales review"
    slide.placeholders[1].text = "Northern region, October 2025"
    slide = deck.slides.add_slide(deck.slide_layouts[1])  # title and content
    slide.shapes.title.text = "Highlights"
    body = slide.placeholders[1].text_frame
    body.text = "Revenue rose 12% to 4.2 million euros"
    for text, level in (("The Leeds depot opened on 3 September", 1), ("Churn fell to 3.1%", 0)):
        paragraph = body.add_paragraph()
        paragraph.text, paragraph.level = text, level
    slide.notes_slide.notes_text_frame.text = "The Leeds depot manager is Priya Shah.\nThank the team."
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    slide.shapes.title.text = "Sales by region"
    # Added in this order, read from the top: the note below the table comes after it.
    note = slide.shapes.add_textbox(Inches(1), Inches(5), Inches(4), Inches(1))
    note.text_frame.text = "Figures in euros, unaudited."
    table = slide.shapes.add_table(3, 3, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate([["Region", "Q2", "Q3"], ["North", "1.9m", "2.3m"], ["South | East", "1.6m", "1.9m"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank: no title
    group = slide.shapes.add_group_shape()
    right = group.shapes.add_textbox(Inches(5), Inches(1), Inches(3), Inches(1))
    right.text_frame.text = "Contact: sales@example.com"
    left = group.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    left.text_frame.text = "Questions?"
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Draft: restructuring"
    slide.placeholders[1].text = "The Hull office closes in March."
    slide._element.set("show", "0")  # hidden in the slide show
    return saved(deck)


@pytest.mark.unit
def test_a_presentation_is_its_shown_slides_in_reading_order_under_their_titles():
    doc = load("review.pptx", sales_review())
    assert read_as("review.pptx") == "slides"
    assert doc.title == "Q3 sales review"  # no title property: the first slide's title
    assert doc.text.split("\n\n") == [
        "## Q3 sales review",
        "Northern region, October 2025",
        "## Highlights",
        "Revenue rose 12% to 4.2 million euros",
        "The Leeds depot opened on 3 September",
        "Churn fell to 3.1%",
        "Notes: The Leeds depot manager is Priya Shah.",
        "Thank the team.",
        "## Sales by region",
        "| Region | Q2 | Q3 |\n|---|---|---|\n| North | 1.9m | 2.3m |\n| South \\| East | 1.6m | 1.9m |",
        "Figures in euros, unaudited.",
        "## Slide 4",
        "Questions?",
        "Contact: sales@example.com",
    ]
    assert "Hull" not in doc.text  # the hidden slide
    row = row_at(doc.text, doc.text.index("| North"))
    assert row.header == ("Region", "Q2", "Q3")


@pytest.mark.unit
def test_a_footer_and_a_slide_number_drawn_as_text_boxes_are_not_read():
    """A board deck's footer and slide numbers, text boxes on every slide, were read on each: the
    number glued to the next slide's passage, the last footer a passage of its own (a break-it
    helper's deck, session 54). A box that stands on fewer slides is read."""
    deck = Presentation()
    for number, title in enumerate(["Agenda", "CEO update", "Headcount", "Risks"], 1):
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1)).text_frame.text = f"{title} in brief."
        footer = slide.shapes.add_textbox(Inches(1), Inches(7), Inches(6), Inches(0.3))
        footer.text_frame.text = "Brightwater Analytics Ltd | STRICTLY CONFIDENTIAL"
        slide.shapes.add_textbox(Inches(9), Inches(7), Inches(0.5), Inches(0.3)).text_frame.text = str(number)
        if number <= 2:
            slide.shapes.add_textbox(Inches(1), Inches(3), Inches(6), Inches(1)).text_frame.text = "Draft"
    text = load("board.pptx", saved(deck)).text
    assert "CONFIDENTIAL" not in text and "\n\n2\n\n" not in text and not text.endswith("4"), text
    assert text.count("Draft") == 2 and "Risks in brief." in text


@pytest.mark.unit
def test_a_table_without_a_header_row_has_no_delimiter_row_and_the_title_property_wins():
    deck = Presentation()
    deck.core_properties.title = "Rota"
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    shape = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(1))
    shape.table.first_row = False
    for r, row in enumerate([["Monday", "Ann"], ["Tuesday", "Bo"]]):
        for c, value in enumerate(row):
            shape.table.cell(r, c).text = value
    doc = load("rota.pptx", saved(deck))
    assert doc.title == "Rota"
    assert doc.text == "## Slide 1\n\n| Monday | Ann |\n| Tuesday | Bo |"


@pytest.mark.unit
def test_a_shape_python_pptx_cannot_classify_is_read_for_its_text():
    """A <p:sp> that is no text box, preset or custom shape (as some exporters write them):
    python-pptx's shape_type raises NotImplementedError for it, which had lost the whole deck."""
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    box.text_frame.text = "Exported by another program."
    box._element.nvSpPr.cNvSpPr.attrib.pop("txBox")
    prst = box._element.spPr.find(qn("a:prstGeom"))
    box._element.spPr.remove(prst)
    with pytest.raises(NotImplementedError):
        _ = box.shape_type
    assert load("exported.pptx", saved(deck)).text == "## Slide 1\n\nExported by another program."


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b"Q3 sales review\n", "not a PowerPoint .pptx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "protected by a password, or damaged"),  # a .ppt is read
        (word_handbook(), "a zip package but not a PowerPoint presentation"),
        (saved(Presentation()), "no text on a shown slide"),
    ],
)
def test_what_is_not_a_readable_presentation_is_a_load_error_saying_what_to_do(data, says):
    with pytest.raises(LoadError) as info:
        load("sub/deck.pptx", data)
    assert str(info.value).startswith("sub/deck.pptx: ")
    assert says in str(info.value)


def test_a_presentation_is_indexed_and_its_slides_and_notes_answer(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "review.pptx").write_bytes(sales_review())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("When did the Leeds depot open?")
    assert answer.short_answer == "3 September"
    assert answer.citations[0].source == "review.pptx"
    answer = assistant.ask("What were sales in the North in Q3?")
    assert answer.short_answer == "2.3m"
    assert answer.citations[0].supporting_text() == "| North | 1.9m | 2.3m |"
    assert assistant.ask("When does the Hull office close?").refused
