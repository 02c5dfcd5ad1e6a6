"""What cannot be read now is not gone: an empty or unreadable corpus folder, a folder under it
that cannot be listed and an indexed file that cannot be read leave the index as it was."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import CorpusError
from rag.index.manifest import Manifest
from rag.ingest.corpus import scan_corpus
from rag.settings import Settings
from tests.conftest import CORPUS
from tests.helpers import ANSWERABLE

pytestmark = pytest.mark.integration

CARAVAN = "000_fd849027655b63a4.txt"
BLINKEN = "002_45397eb93afc9b26.txt"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def unlistable(monkeypatch, *folders: Path) -> None:
    """os.scandir (which os.walk and Path.rglob list folders with) refuses these folders, as it
    does a folder without read permission: the tests may run as root, for whom chmod means
    nothing."""
    real = os.scandir
    refused = {os.fspath(f) for f in folders}

    def scandir(path="."):
        if os.fspath(path) in refused:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_emptied_corpus_folder_leaves_the_index_as_it_was(tmp_path):
    # A drive not mounted: the folder is there, and empty. `rag ask` said "Nothing to index" only
    # after the removals were saved: the manifest was emptied, and the next run embedded everything.
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    Assistant(corpus_dir=corpus, index_dir=index)
    indexed = Manifest.load(index)
    assert len(indexed.documents) == 3

    shutil.rmtree(corpus)
    corpus.mkdir()
    with pytest.raises(
        CorpusError,
        match=r"Nothing to index in .*no \.txt, \.md, \.rst, \.html, \.pdf, \.docx, \.doc, \.rtf, \.pptx, \.ppt, \.xlsx, "
        r"\.odt, \.ods, \.odp, \.epub, \.ipynb, \.csv, \.eml, \.msg or \.mbox files",
    ):
        Assistant(corpus_dir=corpus, index_dir=index)

    assert Manifest.load(index) == indexed
    question, expected, source = ANSWERABLE[0]
    answer = Assistant(settings=Settings(corpus_dir=corpus, index_dir=index, read_only=True)).ask(question)
    assert expected in answer.text and answer.citations[0].source == source


def test_an_unreadable_subfolder_is_named_and_its_indexed_documents_kept(tmp_path, run_index, caplog, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    shutil.copy(CORPUS / CARAVAN, corpus / "sub" / CARAVAN)
    _, indexed, _ = run_index(corpus, index)
    assert sorted(indexed.documents) == [BLINKEN, f"sub/{CARAVAN}"]

    unlistable(monkeypatch, corpus / "sub")
    with caplog.at_level(logging.WARNING):
        report, manifest, store = run_index(corpus, index)
    assert report.removed == [] and not report.changed
    assert list(report.kept) == [f"sub/{CARAVAN}"]
    assert manifest.documents == indexed.documents == Manifest.load(index).documents
    assert store.ids() == indexed.passage_ids()
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("Cannot read the folder sub (Permission denied)") for m in said), said


@pytest.mark.parametrize("mode", [0, 0o644])
def test_an_unreadable_subfolder_keeps_its_documents_on_a_real_filesystem(tmp_path, run_index, mode):
    """Without read permission for real: `rag index` run without root's power to read anything.
    Mode 644 (what `chmod -R 644` leaves on folders) lists the folder's names but cannot enter it:
    pathlib's is_file() raised, and the run stopped ("error: Permission denied: …"; session 60)."""
    if shutil.which("capsh") is None:
        pytest.skip("needs capsh to drop root's capabilities")
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    shutil.copy(CORPUS / CARAVAN, corpus / "sub" / CARAVAN)
    run_index(corpus, index)
    command = [sys.executable, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index", str(index)]
    drop = ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", 'exec "$@"', "rag"]
    (corpus / "sub").chmod(mode)
    try:
        r = subprocess.run([*drop, *command], capture_output=True, text=True, env=ENV, timeout=300)
    finally:
        (corpus / "sub").chmod(stat.S_IRWXU)
    assert r.returncode == 0, r.stderr
    assert "0 removed" in r.stdout and "1 kept as before" in r.stdout, r.stdout
    assert "Cannot read the folder sub (Permission denied)" in r.stderr
    assert sorted(Manifest.load(index).documents) == [BLINKEN, f"sub/{CARAVAN}"]


def test_an_unreadable_corpus_folder_says_permission_denied(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    unlistable(monkeypatch, corpus)
    with pytest.raises(CorpusError, match=r"Cannot read the corpus folder .*corpus \(Permission denied\): give"):
        scan_corpus(corpus)


GOOD = "Harbour news\n\nThe harbour of Port Elwen handled 42,000 containers in March, a record for the port.\n"


def test_an_indexed_file_that_cannot_be_read_now_keeps_its_previous_version(tmp_path, run_index, caplog, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "harbour.txt").write_text(GOOD, encoding="utf-8")
    _, indexed, _ = run_index(corpus, index)
    before = indexed.documents["harbour.txt"]

    # Saved in another encoding (or half-written): undecodable now.
    (corpus / "harbour.txt").write_bytes(GOOD.replace("Elwen", "Elw\xe9n").encode("latin-1"))
    (corpus / "new.txt").write_bytes(b"caf\xe9")  # never indexed: skipped, as before
    with caplog.at_level(logging.WARNING):
        report, manifest, store = run_index(corpus, index)
    assert report.removed == [] and "harbour.txt" not in report.skipped
    assert report.kept["harbour.txt"].startswith("harbour.txt: not valid UTF-8")
    assert list(report.skipped) == ["new.txt"] and "new.txt" not in manifest.documents
    assert Manifest.load(index).documents["harbour.txt"] == before
    assert store.ids() == indexed.passage_ids()
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("Kept the previous version of harbour.txt: it cannot be read now (not valid") for m in said)

    # Not read again while it stays so, and still said.
    report, manifest, _ = run_index(corpus, index)
    assert "harbour.txt" in report.kept and report.passages_embedded == 0
    assert manifest.documents["harbour.txt"] == before

    # Unreadable (a permission change): kept too.
    (corpus / "harbour.txt").write_text(GOOD + "\nMore news.\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path):
        if path.name == "harbour.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report, manifest, _ = run_index(corpus, index)
    monkeypatch.undo()
    assert report.kept["harbour.txt"] == "harbour.txt: cannot read the file (Permission denied)"
    assert report.removed == [] and manifest.documents["harbour.txt"] == before

    # Back as it was: unchanged, and no longer remembered as unreadable (it would look changed
    # at every start).
    (corpus / "harbour.txt").write_text(GOOD, encoding="utf-8")
    report, manifest, _ = run_index(corpus, index)
    assert "harbour.txt" in report.unchanged and not report.kept
    assert "harbour.txt" not in manifest.skipped
    assert manifest.known_hashes()["harbour.txt"] == before.sha256


def test_an_answer_quoting_a_kept_version_says_the_file_cannot_be_read_now(tmp_path):
    """A file that cannot be read now keeps its previous version in the index; an answer quoting
    it quoted text the file may no longer hold, and said nothing of it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(GOOD, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    question = "How many containers did the harbour of Port Elwen handle in March?"
    assert assistant.ask(question).notes == []
    (corpus / "harbour.txt").write_bytes(GOOD.replace("March", "M\xe4rz").encode("latin-1"))
    assistant.update_index()
    answer = assistant.ask(question)
    assert answer.citations[0].source == "harbour.txt" and "42,000" in answer.text
    assert answer.notes == [
        "harbour.txt is quoted as it was when indexed: the file cannot be read now (not valid UTF-8 "
        "(invalid continuation byte at byte 70); re-save it as UTF-8)."
    ]


def test_an_indexed_file_emptied_is_removed_not_kept(tmp_path, run_index, caplog):
    """An emptied file was kept as one that cannot be read, at every run: its old text was cited
    from a file that no longer says it. It holds nothing now; written again, it is back."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "harbour.txt").write_text(GOOD, encoding="utf-8")
    run_index(corpus, index)
    (corpus / "harbour.txt").write_bytes(b"")
    with caplog.at_level(logging.WARNING):
        report, manifest, _ = run_index(corpus, index)
    assert report.removed == ["harbour.txt"] and not report.kept
    assert "harbour.txt" not in manifest.documents
    assert "Removed harbour.txt from the index: the file is now empty." in caplog.text
    report, manifest, _ = run_index(corpus, index)  # not said again while it stays empty
    assert report.removed == [] and not report.kept and "harbour.txt" in report.skipped
    (corpus / "harbour.txt").write_text(GOOD, encoding="utf-8")
    report, manifest, _ = run_index(corpus, index)
    assert report.added == ["harbour.txt"]


def test_a_kept_file_that_cannot_be_opened_is_not_read_again_at_every_start(tmp_path, run_index):
    """An indexed file made unreadable keeps its previous version, with a warning; the next start
    found the corpus changed (no key for the file), ran an index pass and warned again, at every
    start. Its key now comes from its stat: the next start has nothing to do, and a change of
    permissions or content (its ctime moves) has the file read again."""
    if shutil.which("capsh") is None:
        pytest.skip("needs capsh to drop root's capabilities")
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    mill = corpus / "mill.txt"
    mill.write_text("Mill notes\n\nThe Vexmoor mill was built in 1850 by the river.\n", encoding="utf-8")
    run_index(corpus, index)
    ask = [sys.executable, "-m", "rag.cli", "ask", "--corpus", str(corpus), "--index", str(index)]
    drop = ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", 'exec "$@"', "rag"]

    mill.chmod(0)
    try:
        first, second = (
            subprocess.run([*drop, *ask, "When was the Vexmoor mill built?"], capture_output=True, text=True, env=ENV)
            for _ in range(2)
        )
    finally:
        mill.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "Kept the previous version of mill.txt" in first.stderr
    # Nothing to index, nothing to warn of again; the answer says what it quotes.
    assert "Kept the previous version" not in second.stderr and "WARNING" not in second.stderr, second.stderr
    assert "Note: mill.txt is quoted as it was when indexed: the file cannot be read now" in second.stderr
    assert first.stdout.startswith("1850") and second.stdout.startswith("1850")

    # Readable again, and changed: read at the next start.
    with mill.open("a", encoding="utf-8") as f:
        f.write("The Vexmoor mill was rebuilt in 1901.\n")
    again = subprocess.run([*ask, "When was the Vexmoor mill rebuilt?"], capture_output=True, text=True, env=ENV)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("1901"), again.stdout
    assert "mill.txt" not in Manifest.load(index).skipped


def test_a_folder_past_the_path_length_limit_is_named_and_the_rest_indexed(tmp_path, run_index, caplog):
    """A folder nested past PATH_MAX (4,096 bytes) was warned about, then stopped the whole run
    ("error: File name too long"; a helper of session 60): it is named, the rest is indexed."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    fd = os.open(corpus, os.O_RDONLY)
    try:
        for i in range(250):  # each level entered by descriptor: no path is ever that long
            os.mkdir(f"folder_level_{i:03d}", dir_fd=fd)
            inner = os.open(f"folder_level_{i:03d}", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        note = os.open("deep_note.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(note, b"The archive room key is in drawer 12.\n")
        os.close(note)
    finally:
        os.close(fd)
    with caplog.at_level(logging.WARNING):
        report, manifest, _ = run_index(corpus, index)
    assert sorted(manifest.documents) == [BLINKEN]
    assert any("File name too long" in r.getMessage() for r in caplog.records)
