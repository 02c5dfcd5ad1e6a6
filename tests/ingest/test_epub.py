"""E-books (.epub) read chapter by chapter in reading order (rag/ingest/epub.py), the package
written as e-book tools write it (tests/ingest/fuzzing.py: epub_book), answered through a real
index."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from tests.ingest.fuzzing import LIGHTHOUSE, epub_book, word_handbook


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


@pytest.mark.unit
def test_a_book_is_its_chapters_in_reading_order_each_under_its_heading():
    doc = load("keeper.epub", epub_book(LIGHTHOUSE, not_linear=(0,)))
    assert read_as("keeper.epub") == "epub"
    assert doc.title == "The Lighthouse Keeper"
    assert doc.text == (
        "Chapter 1: The Rock\nMara Lind kept the Fastnet light for eleven winters.\n"
        "She counted 412 gannets on the rock in her first spring.\n\n"
        "Chapter 2: The Storm\nThe storm of 1896 broke the lamp's glass.\n"
        "A supply boat from Crookhaven reached her after nine days."
    )  # not the cover (linear="no") nor the navigation page's list of chapters


@pytest.mark.unit
def test_obfuscated_fonts_are_read_past_and_encrypted_pages_are_drm():
    fonts = load("fonts.epub", epub_book(LIGHTHOUSE, encrypted="OEBPS/Fonts/serif.otf"))
    assert "412 gannets" in fonts.text
    with pytest.raises(LoadError, match=r"^drm\.epub: the e-book is protected by DRM"):
        load("drm.epub", epub_book(LIGHTHOUSE, encrypted="OEBPS/Text/ch%201.xhtml"))


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b"The Lighthouse Keeper\n", "not an EPUB e-book"),
        (word_handbook(), "a zip package but not an EPUB e-book"),
        (epub_book([("Cover", ["Cover image"])], not_linear=(0,)), "has no readable text"),
    ],
)
def test_what_is_not_a_readable_book_is_a_load_error(data, says):
    with pytest.raises(LoadError) as info:
        load("sub/book.epub", data)
    assert str(info.value).startswith("sub/book.epub: ") and says in str(info.value)


def test_a_book_is_indexed_and_answered(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "keeper.epub").write_bytes(epub_book(LIGHTHOUSE))
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("How many gannets did Mara Lind count on the rock?")
    assert answer.short_answer == "412"
    assert answer.citations[0].source == "keeper.epub"
    assert assistant.ask("Where did the supply boat come from?").short_answer == "Crookhaven"
