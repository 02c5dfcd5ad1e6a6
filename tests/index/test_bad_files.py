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
        hashes = corpus_hashes(corpus, 20e6)
        report, manifest, _ = run_index(corpus, tmp_path / "index")

    assert sorted(hashes) == sorted([BLINKEN, "blinken-link.txt"])
    assert sorted(manifest.documents) == sorted([BLINKEN, "blinken-link.txt"])
    assert "passwd.txt" not in report.skipped and "passwd.txt" not in manifest.documents
    warned = [r.getMessage() for r in caplog.records if "outside the corpus folder" in r.getMessage()]
    # Once each per index run, not again by the staleness check before it; the folder link was
    # not followed without a word.
    assert sorted(m.split(":")[0] for m in warned) == ["Skipped passwd.txt", "Skipped secret-folder"]
    assert "link to a folder outside the corpus folder" in next(m for m in warned if "secret-folder" in m)
    # Counted in the run's summary with the files it skipped (it said "0 skipped" beside them).
    assert sorted(report.passed_over) == ["passwd.txt", "secret-folder"]


def test_entries_that_are_no_file_are_named_when_skipped(tmp_path, run_index, caplog):
    """A link to nothing, a link loop, a named pipe and a link to a device were dropped without a
    word (and reading the pipe or /dev/zero would hang or never end): each is named, nothing of
    them is read, the documents beside them are indexed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    os.symlink(tmp_path / "gone.txt", corpus / "gone.txt")
    os.symlink(corpus / "loop.txt", corpus / "loop.txt")
    os.mkfifo(corpus / "pipe.txt")
    os.symlink("/dev/zero", corpus / "zero.txt")
    (corpus / "notes").mkdir()
    os.symlink(corpus / "notes", corpus / "notes-link")  # a folder link inside: not worth a word

    with caplog.at_level(logging.WARNING):
        report, manifest, _ = run_index(corpus, tmp_path / "index")

    assert sorted(manifest.documents) == [BLINKEN]
    said = {
        m.split(":")[0].removeprefix("Skipped "): m
        for r in caplog.records
        if (m := r.getMessage()).startswith("Skipped ")
    }
    assert sorted(said) == ["gone.txt", "loop.txt", "pipe.txt", "zero.txt"]
    assert "a link to nothing" in said["gone.txt"] and "a link to nothing" in said["loop.txt"]
    assert "not a regular file" in said["pipe.txt"] and "not a regular file" in said["zero.txt"]


def test_a_file_over_the_size_limit_is_skipped_without_being_read(tmp_path, run_index, monkeypatch):
    """A 3 GB file in the corpus (sparse here: no disk used) is judged by its size alone. It was
    read whole at every index run and every start's staleness check: 3.5 GB of memory for each
    `rag ask`, and a file larger than memory would have stopped the assistant."""
    from pathlib import Path

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    with open(corpus / "dump.txt", "wb") as f:
        f.truncate(3 * 10**9)
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))

    report, manifest, _ = run_index(corpus, tmp_path / "index")
    assert report.skipped == {"dump.txt": "dump.txt: 3000.0 MB is over the 20 MB limit"}
    assert report.added == [BLINKEN]
    # The staleness check before a start keys it as the run did: nothing to redo.
    assert corpus_hashes(corpus, 20e6) == manifest.known_hashes()
    again, _, _ = run_index(corpus, tmp_path / "index")
    assert again.skipped == report.skipped and again.passages_embedded == 0
    assert "dump.txt" not in read
    # Changed (even if still too big), it is looked at again; within the limit, it is indexed.
    (corpus / "dump.txt").write_text("The lighthouse on Skellig Rock was first lit in 1826.\n")
    third, manifest, _ = run_index(corpus, tmp_path / "index")
    assert third.added == ["dump.txt"] and not third.skipped


def test_files_of_other_types_are_counted_once_in_a_warning(tmp_path, run_index, caplog):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    for name in ("report.pages", "minutes.pages", "notes.wpd", "Makefile", ".hidden.pages"):
        (corpus / name).write_text("not indexed\n")
    with caplog.at_level(logging.WARNING):
        corpus_hashes(corpus, 20e6)  # the staleness check stays quiet
        report, _, _ = run_index(corpus, tmp_path / "index")
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Not indexed")]
    assert said == [
        "Not indexed: 4 file(s) of other types: .pages (2), (no extension) (1), .wpd (1). "
        "Indexed types: .csv .doc .docx .eml .epub .htm .html .ipynb .markdown .mbox .md .msg .odp .ods .odt .pdf .pps .ppt .pptx "
        ".rest .rst .rtf .tsv .txt .xls .xlsm .xlsx."
    ]
    assert report.added == [BLINKEN] and not report.skipped


def test_hidden_files_of_an_indexed_type_are_named_once_in_a_warning(tmp_path, run_index, caplog):
    """ ".notes.txt" was left out without a word. Hidden folders (.git) and hidden files of other
    types (.gitignore) stay unmentioned; the staleness check stays quiet."""
    corpus = tmp_path / "corpus"
    (corpus / ".git").mkdir(parents=True)
    (corpus / "sub").mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / ".notes.txt").write_text("The spy is Zed Hollis.\n")
    (corpus / "sub" / ".draft.md").write_text("# Draft\n\nThe courier is Ada Vane.\n")
    (corpus / ".gitignore").write_text("*.tmp\n")
    (corpus / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n")
    with caplog.at_level(logging.WARNING):
        corpus_hashes(corpus, 20e6)
        report, _, _ = run_index(corpus, tmp_path / "index")
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Not indexed")]
    assert said == [
        "Not indexed: 2 hidden file(s): .notes.txt, sub/.draft.md. "
        "Names that start with a dot are left out; rename to index them."
    ]
    assert report.added == [BLINKEN]


def test_a_file_whose_name_is_not_utf8_is_skipped_naming_it_and_the_rest_indexed(tmp_path, run_index, caplog):
    """A Latin-1 name from an old archive ("caf\\xe9.txt") stopped the whole run with a
    UnicodeEncodeError traceback, at every `rag index` and `rag ask`."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    try:
        with open(os.path.join(os.fsencode(corpus), b"caf\xe9-report.txt"), "w") as f:
            f.write("The Lisbon treaty was signed in the old monastery.\n")
    except OSError as e:  # a filesystem that only takes UTF-8 names cannot have the problem
        pytest.skip(f"this filesystem refuses such a name: {e}")
    with caplog.at_level(logging.WARNING):
        report, manifest, _ = run_index(corpus, tmp_path / "index")
    assert report.added == [BLINKEN] and list(manifest.documents) == [BLINKEN]
    said = [r.getMessage() for r in caplog.records if "not valid UTF-8" in r.getMessage()]
    assert said == [
        "Skipped caf\\xe9-report.txt: its name is not valid UTF-8; rename it (e.g. with convmv) to index it."
    ]
    assert corpus_hashes(corpus, 20e6) == manifest.known_hashes()  # not stale at every start


def test_a_file_whose_cutting_fails_is_skipped_and_the_rest_indexed(tmp_path, run_index, monkeypatch):
    """A RecursionError in the chunker on one file's text stopped `rag index` for the whole
    corpus (session 60). Any failure cutting one file now skips that file, naming it, and is
    remembered until the file changes; the documents beside it are indexed."""
    from rag.ingest.chunking import Chunker

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "diary.txt").write_text("Diary\n\nA day of rain, and the cut fails here.\n")
    real = Chunker.split

    def split(self, text, spans):
        if "the cut fails here" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, text, spans)

    monkeypatch.setattr(Chunker, "split", split)
    report, manifest, _ = run_index(corpus, tmp_path / "index")
    assert report.added == [BLINKEN] and sorted(manifest.documents) == [BLINKEN]
    assert report.skipped == {
        "diary.txt": "diary.txt: could not be cut into passages (RecursionError: maximum recursion depth exceeded)"
    }
    again, _, _ = run_index(corpus, tmp_path / "index")
    assert again.skipped == report.skipped and again.passages_embedded == 0
    monkeypatch.setattr(Chunker, "split", real)
    (corpus / "diary.txt").write_text("Diary\n\nA day of rain, and the cut works now.\n")
    third, manifest, _ = run_index(corpus, tmp_path / "index")
    assert third.added == ["diary.txt"] and not third.skipped
