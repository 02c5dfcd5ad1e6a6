"""Scanned PDFs read by OCR (rag/ingest/ocr.py): pages drawn as pictures by Pillow and saved as a
PDF as a scanner saves one (a JPEG, or a black-and-white picture, a page), read by the real
RapidOCR models; then answered through a real index."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.extract_worker import TIME_LIMIT_VARIABLE
from rag.ingest.loaders import load_document
from rag.ingest.ocr import most_pages
from tests.ingest.fuzzing import tiny_pdf

RULES = [
    "Kelso Road Depot: site rules",
    "",
    "The speed limit everywhere on site is 10 km/h, and no vehicle",
    "may reverse in the yard without a banksman. Hot work permits are",
    "issued by the duty manager, Ms Harriet Jones, on extension 2451.",
    "",
    "Visitors sign in at the gatehouse before 09:30 on weekdays.",
]


def page(lines: list[str], mode: str = "L"):
    """A page of text as a 200 dpi scanner sees an A4-ish page, in DejaVu Serif (matplotlib's)."""
    import matplotlib
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(Path(matplotlib.__file__).parent / "mpl-data/fonts/ttf/DejaVuSerif.ttf"), 34)
    picture = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(picture)
    for i, line in enumerate(lines):
        draw.text((150, 200 + 55 * i), line, fill=0, font=font)
    return picture.convert(mode)


def two_columns(title: str, left: list[str], right: list[str]):
    """A page set as a newsletter is: a title across it, then two columns of 32-character lines."""
    import matplotlib
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(Path(matplotlib.__file__).parent / "mpl-data/fonts/ttf/DejaVuSerif.ttf"), 30)
    picture = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(picture)
    draw.text((120, 120), title, fill=0, font=font)
    for x, lines in ((120, left), (900, right)):
        for i, line in enumerate(lines):
            draw.text((x, 220 + 50 * i), line, fill=0, font=font)
    return picture


def scanned(*pages) -> bytes:
    out = io.BytesIO()
    jpeg = {"quality": 90} if pages[0].mode != "1" else {}  # a black-and-white page is CCITT G4
    pages[0].save(out, "PDF", resolution=200, save_all=True, append_images=list(pages[1:]), **jpeg)
    return out.getvalue()


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


@pytest.fixture(scope="module")
def rules_pdf() -> bytes:
    return scanned(page(RULES))


def test_a_scanned_page_is_read_line_by_line_and_its_wrapped_lines_joined(rules_pdf):
    text = load("rules.pdf", rules_pdf).text
    assert (
        "The speed limit everywhere on site is 10 km/h, and no vehicle may reverse in the yard without a "
        "banksman. Hot work permits are issued by the duty manager, Ms Harriet Jones, on extension 2451."
    ) in text
    assert "Visitors sign in at the gatehouse before 09:30 on weekdays." in text.split("\n")


def test_the_scanned_pages_of_a_pdf_with_text_are_read_beside_it():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (tiny_pdf(), scanned(page(["The night ferry leaves the quay at 22:15."], mode="1"))):
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    text = load("mixed.pdf", out.getvalue()).text
    assert text == (
        "The lighthouse keeper counted 317 ships passing the cape in June.\n\nThe night ferry leaves the quay at 22:15."
    )  # the second page a black-and-white picture (CCITT G4), as a document scanner writes one


def test_a_page_in_two_columns_is_read_a_column_at_a_time_and_a_form_a_row_at_a_time():
    left = [
        "The harbour board met on 3 May",
        "and agreed to dredge the inner",
        "basin before the summer season,",
        "at a cost of 240,000 pounds.",
    ]
    right = [
        "The new ferry timetable starts",
        "on 1 June, with a late sailing",
        "to the island every Friday and",
        "Saturday evening at 22:15.",
    ]
    text = load("newsletter.pdf", scanned(two_columns("Harbour news, spring issue", left, right))).text
    # Read a line of the page at a time, each left line was followed by the right one beside it.
    assert text.startswith("Harbour news, spring issue\nThe harbour board met on 3 May and agreed to dredge")
    assert "dredge the inner basin before the summer season" in text
    assert "with a late sailing to the island every Friday" in text
    assert text.index("240,000 pounds") < text.index("The new ferry timetable starts on 1 June")
    form = ["Name:", "Ann Lee", "Start date:", "4 March 2025", "Department:", "Logistics", "Badge:", "A-1182"]
    lines = [f"{label:<16}{value}" for label, value in zip(form[::2], form[1::2], strict=True)]
    assert load("form.pdf", scanned(page(lines))).text.split("\n")[:2] == ["Name: Ann Lee", "Start date: 4 March 2025"]


def test_a_scanned_page_under_a_scanning_app_s_stamp_is_read_and_the_stamp_kept():
    """The stamp's one line of text had stood for the page ("Scanned with CamScanner")."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(scanned(page(RULES[2:5]))))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(tiny_pdf("Scanned with CamScanner"))).pages[0])
    out = io.BytesIO()
    writer.write(out)
    text = load("stamped.pdf", out.getvalue()).text
    assert text.startswith("The speed limit everywhere on site is 10 km/h, and no vehicle may reverse in the yard")
    assert text.endswith("Scanned with CamScanner")


def test_a_page_scanned_upside_down_is_turned(rules_pdf):
    upside_down = scanned(page(RULES).rotate(180))
    assert load("turned.pdf", upside_down).text == load("rules.pdf", rules_pdf).text


@pytest.mark.unit
def test_a_scan_longer_than_the_time_a_file_may_take_is_refused_at_once_saying_what_to_do(monkeypatch):
    # As the extraction worker is started (rag/ingest/bounded.py), with the default 60 s.
    monkeypatch.setenv(TIME_LIMIT_VARIABLE, "60")
    assert most_pages() == 10
    with pytest.raises(LoadError) as info:
        load("sub/book.pdf", scanned(*[page([])] * 11))
    assert str(info.value) == (
        "sub/book.pdf: a scan of 11 pages, and OCR reads about 5.5 s a page: 10 fit in the time a file may "
        "take. Allow about 60 s with RAG_EXTRACT_TIMEOUT_S, or split it"
    )
    monkeypatch.setenv(TIME_LIMIT_VARIABLE, "300")
    assert most_pages() == 54
    monkeypatch.delenv(TIME_LIMIT_VARIABLE)
    assert most_pages() is None  # read in this process, with no time limit: any number


def test_a_scanned_pdf_is_indexed_and_answered(tmp_path, rules_pdf):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "site-rules.pdf").write_bytes(rules_pdf)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Who issues hot work permits?")
    assert answer.short_answer is not None and "Harriet Jones" in answer.short_answer
    assert answer.citations[0].source == "site-rules.pdf"


def test_the_extraction_worker_knows_the_time_a_file_may_take(tmp_path):
    """The page count a scan may have follows RAG_EXTRACT_TIMEOUT_S through the worker."""
    from rag.ingest.bounded import BoundedLoader

    book = scanned(*[page([])] * 4)
    for seconds, refused in ((20.0, True), (30.0, False)):  # 3 pages fit in 20 s, 5 in 30 s
        loader = BoundedLoader(timeout_s=seconds)
        try:
            if refused:
                with pytest.raises(LoadError, match=r"a scan of 4 pages, .*: 3 fit in the time a file may take"):
                    loader.load(tmp_path / "book.pdf", "book.pdf", book)
            else:
                with pytest.raises(LoadError, match=r"the PDF has no text, and OCR read none on its pictures"):
                    loader.load(tmp_path / "book.pdf", "book.pdf", book)  # four blank pages read
        finally:
            loader.close()


@pytest.mark.parametrize("degrees", [90, -90])
def test_a_page_scanned_a_quarter_turned_is_turned(rules_pdf, degrees):
    """Read as it stood, its lines ran down the page and were read a word or two at a time, in
    no order."""
    sideways = scanned(page(RULES).rotate(degrees, expand=True))
    assert load("landscape.pdf", sideways).text == load("rules.pdf", rules_pdf).text
