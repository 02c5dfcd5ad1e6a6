"""Extraction with a time limit (rag/ingest/bounded.py): a file whose parser takes too long is
skipped, naming it, and the next file is read by a fresh worker; the rest of the index is built."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rag.errors import LoadError
from rag.ingest.bounded import BoundedLoader
from tests.ingest.test_loaders import HTML_PAGE, HTML_PARAGRAPHS

pytestmark = pytest.mark.integration  # a real worker process and real parsers


def slow_html(path: Path) -> Path:
    """A 1.1 MB page of 5,000 small tables: about two seconds of trafilatura here."""
    cells = "".join(
        f"<table><tr><td>Cell {i}</td><td>value {i} of the quarterly report for the region</td></tr>"
        f"<tr><td>row {i} more words</td><td>and some further text {i}</td></tr></table>"
        for i in range(5000)
    )
    path.write_text(f"<html><head><title>Tables</title></head><body>{cells}</body></html>", encoding="utf-8")
    return path


def test_a_file_over_the_time_limit_is_skipped_and_the_next_one_is_read(tmp_path):
    slow, page = slow_html(tmp_path / "tables.html"), tmp_path / "page.html"
    page.write_bytes(HTML_PAGE)
    loader = BoundedLoader(timeout_s=0.05)
    try:
        t0 = time.perf_counter()
        with pytest.raises(LoadError, match=r"tables\.html: extracting its text took longer than 0\.05 s"):
            loader.load(slow, "tables.html", slow.read_bytes())
        assert time.perf_counter() - t0 < 30  # the wait was bounded, not the whole parse
        loader.timeout_s = 60
        doc = loader.load(page, "page.html", HTML_PAGE)  # a new worker replaced the stopped one
        assert HTML_PARAGRAPHS[1] in doc.text and doc.title == "Harbour report"
        with pytest.raises(LoadError, match="empty"):  # the loader's own errors come back as they are
            loader.load(page, "page.html", b"   ")
    finally:
        loader.close()


def test_indexing_skips_the_slow_file_and_indexes_the_rest(run_index, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    slow_html(corpus / "tables.html")
    (corpus / "page.html").write_bytes(HTML_PAGE)
    (corpus / "note.txt").write_text("The ferry to Port Elwen leaves at nine every morning.\n", encoding="utf-8")
    report, *_ = run_index(corpus, tmp_path / "index", extract_timeout_s=0.3)
    assert "longer than 0.3 s" in report.skipped["tables.html"]
    assert sorted(report.added) == ["note.txt", "page.html"]
