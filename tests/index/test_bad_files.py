"""One bad file never stops indexing; links out of the corpus folder are not followed."""

from __future__ import annotations

import logging
import os
import shutil

import pytest

from rag.ingest.corpus import corpus_hashes
from tests.conftest import CORPUS
from tests.ingest.fuzzing import bomb_pdf, tiny_pdf

pytestmark = pytest.mark.integration

BLINKEN = "002_45397eb93afc9b26.txt"


def test_pdfs_that_make_pypdf_raise_anything_are_skipped_naming_them(tmp_path, run_index):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "good.pdf").write_bytes(tiny_pdf())
    (corpus / "flote.pdf").write_bytes(tiny_pdf(filter_name=b"/FloteDecode"))  # NotImplementedError
    (corpus / "bomb.pdf").write_bytes(bomb_pdf())  # LimitReachedError

    report, manifest, _ = run_index(corpus, tmp_path / "index")

    assert sorted(report.added) == sorted([BLINKEN, "good.pdf"])
    assert sorted(report.skipped) == ["bomb.pdf", "flote.pdf"]
    assert report.skipped["flote.pdf"].startswith("flote.pdf: corrupt or unreadable PDF (NotImplementedError")
    assert report.skipped["bomb.pdf"].startswith("bomb.pdf: corrupt or unreadable PDF (LimitReachedError")
    # Remembered: the next run does not parse them again, and still reports them.
    report, _, _ = run_index(corpus, tmp_path / "index")
    assert sorted(report.skipped) == ["bomb.pdf", "flote.pdf"]
    assert report.passages_embedded == 0


def test_links_leaving_the_corpus_are_not_followed_links_inside_are(tmp_path, run_index, caplog):
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n\nThe secret password is hunter2.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    os.symlink(outside / "passwd.txt", corpus / "passwd.txt")
    os.symlink(outside, corpus / "secret-folder")
    os.symlink(corpus / BLINKEN, corpus / "blinken-link.txt")

    with caplog.at_level(logging.WARNING):
        hashes = corpus_hashes(corpus)
        report, manifest, _ = run_index(corpus, tmp_path / "index")

    assert sorted(hashes) == sorted([BLINKEN, "blinken-link.txt"])
    assert sorted(manifest.documents) == sorted([BLINKEN, "blinken-link.txt"])
    assert "passwd.txt" not in report.skipped and "passwd.txt" not in manifest.documents
    warned = [r.getMessage() for r in caplog.records if "outside the corpus folder" in r.getMessage()]
    assert warned and all(m.startswith("Skipped passwd.txt:") for m in warned)
    assert len(warned) == 1  # once per index run, not again by the staleness check before it
