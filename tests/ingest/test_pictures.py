"""Pictures read by OCR (rag/ingest/pictures.py), when Settings.read_pictures asks: pages drawn by
Pillow and saved as a phone, a scanner or a fax server saves them, read by the real RapidOCR
models; then found by the corpus scan, accepted as uploads and answered through a real index."""

from __future__ import annotations

import io
import logging
import struct
import zlib
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.cli import main
from rag.errors import LoadError
from rag.ingest.corpus import scan_corpus
from rag.ingest.extract_worker import TIME_LIMIT_VARIABLE
from rag.ingest.loaders import load_document, read_as
from rag.ingest.pictures import PICTURES_KEPT
from rag.ingest.uploads import check_upload
from rag.settings import Settings
from tests.ingest.test_ocr import RULES, page
from ui.service import ChatService


def saved(picture, kind: str, **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, kind, **options)
    return out.getvalue()


def load(name: str, data: bytes) -> str:
    return load_document(Path(name), name, data).text


@pytest.fixture(scope="module")
def rules_text() -> str:
    return load("rules.png", saved(page(RULES), "PNG"))


def test_a_picture_of_a_page_is_read_line_by_line_and_its_wrapped_lines_joined(rules_text):
    assert read_as("notice.JPG") == "picture"
    assert rules_text.startswith("Kelso Road Depot: site rules\n")
    assert (
        "The speed limit everywhere on site is 10 km/h, and no vehicle may reverse in the yard without a "
        "banksman. Hot work permits are issued by the duty manager, Ms Harriet Jones, on extension 2451."
    ) in rules_text


def test_a_phone_photo_is_turned_upright_as_its_exif_orientation_says(rules_text):
    """A phone held upright stores its picture sideways and says so in EXIF (orientation 6: turn
    it a quarter clockwise to view). Read as stored, the page's lines stood on end."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = page(RULES).rotate(90, expand=True)  # stored a quarter turn anticlockwise
    assert load("IMG_2041.jpg", saved(sideways, "JPEG", quality=90, exif=exif)) == rules_text


def test_a_multi_page_tiff_is_read_a_page_a_frame():
    first, second = page(RULES[2:5]), page(["Visitors sign in at the gatehouse before 09:30 on weekdays."])
    text = load("fax.tiff", saved(first, "TIFF", save_all=True, append_images=[second], compression="tiff_lzw"))
    assert text.startswith("The speed limit everywhere on site is 10 km/h")
    assert text.endswith("Visitors sign in at the gatehouse before 09:30 on weekdays.")


def test_a_tiff_of_more_pages_than_fit_in_the_time_a_file_may_take_is_refused_before_any_is_read(monkeypatch):
    monkeypatch.setenv(TIME_LIMIT_VARIABLE, "10")  # one page at ocr.SECONDS_A_PAGE
    blank = page([])
    with pytest.raises(LoadError) as info:
        load("scans/book.tif", saved(blank, "TIFF", save_all=True, append_images=[blank]))
    assert str(info.value) == (
        "scans/book.tif: a scan of 2 pages, and OCR reads about 5.5 s a page: 1 fit in the time a file may "
        "take. Allow about 11 s with RAG_EXTRACT_TIMEOUT_S, or split it"
    )


def _png_declaring(width: int, height: int) -> bytes:
    """A small PNG whose header says it is `width` x `height` (its data is of one pixel)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def test_a_picture_that_cannot_be_read_is_a_clear_error():
    from PIL import Image

    with pytest.raises(LoadError, match=r"^shot\.png: damaged picture"):
        load("shot.png", saved(page(RULES), "PNG")[:5000])
    with pytest.raises(LoadError, match=r"^shot\.png: not a picture that can be read"):
        load("shot.png", b"%PDF-1.4 this is no picture")
    with pytest.raises(LoadError, match=r"^wall\.png: a picture of 12000 x 9000 pixels, over the 100 million read"):
        load("wall.png", _png_declaring(12_000, 9_000))  # refused from its header: 324 MB decoded
    with pytest.raises(LoadError, match=r"^blank\.jpg: OCR read no text on the picture$"):
        load("blank.jpg", saved(Image.new("RGB", (800, 600), "white"), "JPEG"))


def test_a_picture_read_where_ocr_is_not_installed_says_how_to_install_it(monkeypatch):
    import sys

    from rag.ingest import ocr

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # an import of it fails
    ocr._engine.cache_clear()
    try:
        with pytest.raises(LoadError) as info:
            load("scans/notice.png", saved(page(RULES[:3]), "PNG"))
    finally:
        ocr._engine.cache_clear()
    assert str(info.value) == (
        "scans/notice.png: OCR, which reads scanned pages and pictures, is not installed "
        "(rapidocr_onnxruntime); run `make setup` (scripts/setup.sh) to install it"
    )


def test_pictures_are_documents_only_when_read_pictures_asks(tmp_path, caplog, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "site-rules.png").write_bytes(saved(page(RULES), "PNG"))
    (corpus / "notes.txt").write_text("The canteen opens at 07:00.\n")
    with caplog.at_level(logging.WARNING):
        assert [p.name for p in scan_corpus(corpus).files] == ["notes.txt"]
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Not indexed")]
    assert said and said[0].endswith(
        "Pictures (.png, .jpg, .tiff, …) are read by OCR when asked: read_pictures = true in the settings "
        "file, or RAG_READ_PICTURES=1."
    )
    assert [p.name for p in scan_corpus(corpus, pictures=True).files] == ["notes.txt", "site-rules.png"]
    with pytest.raises(LoadError, match=r"^scan\.png: \.png files are not supported .* RAG_READ_PICTURES=1\.$"):
        check_upload(corpus, "scan.png", b"\x89PNG", max_mb=1)
    assert check_upload(corpus, "scan.png", b"\x89PNG", max_mb=1, pictures=True) == "scan.png"

    assistant = Assistant(settings=Settings(corpus_dir=corpus, index_dir=tmp_path / "index", read_pictures=True))
    answer = assistant.ask("Who issues hot work permits?")
    assert answer.short_answer is not None and "Harriet Jones" in answer.short_answer
    assert answer.citations[0].source == "site-rules.png"
    assert " .jpg " in ChatService(assistant).upload_note()  # the web chat says, and its picker takes, pictures
    # An upload of a picture, read and answered.
    assistant.add_document("gate.jpg", saved(page(["The night gate code is changed every Monday at 06:00."]), "JPEG"))
    answer = assistant.ask("When is the night gate code changed?")
    assert answer.citations[0].source == "gate.jpg"

    # A process started without the setting keeps the pictures an earlier one read: it took them
    # for files that had left the folder, and its first index run dropped them and their answers.
    monkeypatch.delenv("RAG_READ_PICTURES", raising=False)
    argv = ["index", "--corpus", str(corpus), "--index", str(tmp_path / "index")]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "0 removed" in out
    assert f"kept as before: 2 pictures {PICTURES_KEPT}." in err
    without = Assistant(settings=Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    assert without.last_index_report is None  # nor does every start run the index again
    assert without.ask("When is the night gate code changed?").citations[0].source == "gate.jpg"
    (corpus / "gate.jpg").unlink()  # a picture deleted is gone, setting or not
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "1 removed" in out and f"kept as before: 1 picture {PICTURES_KEPT}." in err
