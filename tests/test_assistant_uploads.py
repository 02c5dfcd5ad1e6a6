"""Uploads through the Assistant: a file that cannot be indexed is removed again, the corpus and
the index stay as they were, and later uploads and restarts work."""

from __future__ import annotations

import shutil

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from tests.conftest import CORPUS
from tests.ingest.fuzzing import tiny_pdf

pytestmark = pytest.mark.integration

BLINKEN = "002_45397eb93afc9b26.txt"
HARBOUR = b"Harbour news\n\nThe harbour of Port Elwen handled 42,000 containers in March.\n"


def test_a_pdf_that_breaks_the_parser_is_rejected_and_leaves_nothing_behind(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    before = sorted(p.name for p in corpus.iterdir())

    with pytest.raises(LoadError, match=r"^flote\.pdf: corrupt or unreadable PDF \(NotImplementedError"):
        assistant.add_document("flote.pdf", tiny_pdf(filter_name=b"/FloteDecode"))

    assert sorted(p.name for p in corpus.iterdir()) == before
    assert [d.source for d in assistant.documents()] == [BLINKEN]
    # A later upload works, and so does a restart.
    assistant.add_document("harbour.txt", HARBOUR)
    assert "42,000" in assistant.ask("How many containers did Port Elwen handle in March?").text
    restarted = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    assert restarted.last_index_report is None
    assert sorted(d.source for d in restarted.documents()) == [BLINKEN, "harbour.txt"]


def test_a_file_over_the_size_limit_is_refused_in_units_that_tell_it_from_the_limit(tmp_path, run_index):
    """15.5 KB over a 0.01 MB limit said "0.0 MB is over the 0.01 MB limit", on upload and when
    indexed; 1.02 MB over a 1 MB limit "1.0 MB is over the 1 MB limit"."""
    from rag.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / "small.txt")
    (corpus / "small.txt").write_bytes((corpus / "small.txt").read_bytes()[:9000])
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", max_file_mb=0.01)
    assistant = Assistant(settings=settings)
    with pytest.raises(LoadError) as info:
        assistant.add_document("notes.txt", b"The harbour of Port Elwen. " * 574)  # 15,498 bytes
    assert str(info.value) == "notes.txt: 15.5 KB is over the 10 KB limit"
    assert not (corpus / "notes.txt").exists()

    (corpus / "big.txt").write_bytes(b"The harbour of Port Elwen. " * 37_778)  # 1,020,006 bytes
    (corpus / "notes.txt").write_bytes(b"The harbour of Port Elwen. " * 574)
    report, _, _ = run_index(corpus, tmp_path / "index3", max_file_mb=0.01)
    assert report.skipped == {
        "big.txt": "big.txt: 1.0 MB is over the 0.01 MB limit",
        "notes.txt": "notes.txt: 15.5 KB is over the 10 KB limit",
    }
    report, _, _ = run_index(corpus, tmp_path / "index4", max_file_mb=1.01)
    assert report.skipped == {"big.txt": "big.txt: 1.02 MB is over the 1.01 MB limit"}
    report, _, _ = run_index(corpus, tmp_path / "index5", max_file_mb=1.02)
    assert report.skipped == {"big.txt": "big.txt: 1.02001 MB is over the 1.02 MB limit"}


def test_a_long_name_keeps_its_suffix_and_the_stored_name_is_returned(tmp_path):
    from rag.ingest.uploads import save_upload

    name = "a" * 300 + ".txt"
    stored = save_upload(tmp_path, name, HARBOUR, max_mb=1)
    assert stored.endswith(".txt") and len(stored.encode()) <= 120
    assert (tmp_path / stored).read_bytes() == HARBOUR


def test_removing_a_link_deletes_the_link_not_the_document_it_points_to(tmp_path):
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "harbour.txt").write_bytes(HARBOUR)
    os.symlink(corpus / BLINKEN, corpus / "blinken-link.txt")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    assert "blinken-link.txt" in [d.source for d in assistant.documents()]

    assistant.remove_document("blinken-link.txt")

    assert not (corpus / "blinken-link.txt").is_symlink()
    assert (corpus / BLINKEN).read_bytes() == (CORPUS / BLINKEN).read_bytes()
    assert sorted(d.source for d in assistant.documents()) == [BLINKEN, "harbour.txt"]
    # Named by its path, as a caller holding the file has it ("no such document in the index").
    assistant.remove_document(corpus / "harbour.txt")
    assert [d.source for d in assistant.documents()] == [BLINKEN] and not (corpus / "harbour.txt").exists()


def test_an_upload_or_removal_while_another_process_writes_the_index_says_so_and_changes_nothing(tmp_path):
    """A web upload during a long `rag index` run waited for it, the request hanging without a
    word; now it is refused at once, before the file is written. (Two descriptors of one file
    exclude each other as two processes do, so a second lock here plays the other process.)"""
    from rag.errors import IndexBusy
    from rag.index.write_lock import WriteLock

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    before = sorted(p.name for p in corpus.iterdir())
    upload = assistant.prepare_document("bridge.txt", b"The glass bridge over the Vltava opened in spring 1999.\n")
    with WriteLock(tmp_path / "index").held():
        with pytest.raises(IndexBusy, match=r"^Another process is updating the index"):
            assistant.add_prepared(upload)
        with pytest.raises(IndexBusy):
            assistant.remove_document(before[0])
    assert sorted(p.name for p in corpus.iterdir()) == before
    # Once it is done, the same upload goes in.
    assistant.add_prepared(upload)
    assert "bridge.txt" in {d.source for d in assistant.documents()}


def test_an_upload_replaces_a_document_of_its_name_only_when_asked_and_keeps_what_it_can(tmp_path):
    """A new version of a document could not be uploaded under its name (it had to be removed
    first, its answers gone meanwhile). With replace=True it takes the old one's place, and the
    passages whose text it keeps are not embedded again."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "harbour.txt").write_bytes(HARBOUR)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    old = (corpus / BLINKEN).read_bytes()
    new = old + b"\n\nThe delegation left Mexico City on 28 December aboard a grey Boeing 757.\n"

    with pytest.raises(LoadError, match=r"a document with this name already exists; rename the file, or replace"):
        assistant.add_document(BLINKEN, new)
    assert (corpus / BLINKEN).read_bytes() == old

    report = assistant.add_document(BLINKEN, new, replace=True)

    assert report.updated == [BLINKEN] and report.added == []
    assert report.passages_embedded >= 1 and report.passages_reused >= 10
    assert (corpus / BLINKEN).read_bytes() == new
    assert sorted(p.name for p in corpus.iterdir()) == [BLINKEN, "harbour.txt"]  # nothing set aside is left
    assert "Boeing 757" in assistant.ask("What aircraft did the delegation leave Mexico City aboard?").text
    assert sorted(d.source for d in assistant.documents()) == [BLINKEN, "harbour.txt"]


def test_a_replacement_that_cannot_be_indexed_puts_the_earlier_version_back(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "harbour.txt").write_bytes(HARBOUR)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    upload = assistant.prepare_document("harbour.txt", b"Harbour news\n\nThe harbour closed in 1990.\n", replace=True)

    def full_disk(embedded):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(assistant.index, "add", full_disk)
    with pytest.raises(OSError, match="No space left"):
        assistant.add_prepared(upload)
    monkeypatch.undo()

    assert (corpus / "harbour.txt").read_bytes() == HARBOUR
    assert sorted(p.name for p in corpus.iterdir()) == [BLINKEN, "harbour.txt"]
    assert "42,000" in assistant.ask("How many containers did Port Elwen handle in March?").text
    restarted = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    assert restarted.last_index_report is None  # the index was left as the corpus is


def test_a_link_or_a_folder_of_the_corpus_is_not_replaced(tmp_path):
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    os.symlink(corpus / BLINKEN, corpus / "link.txt")
    (corpus / "folder.txt").mkdir()
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    for name in ("link.txt", "folder.txt"):
        with pytest.raises(LoadError, match=rf"^{name}: a link or a folder in the corpus folder has this name"):
            assistant.add_document(name, HARBOUR, replace=True)
    assert (corpus / "link.txt").is_symlink() and (corpus / "folder.txt").is_dir()
    assert (corpus / BLINKEN).read_bytes() == (CORPUS / BLINKEN).read_bytes()


def test_after_an_upload_only_the_new_documents_sentence_vectors_are_read(tmp_path, monkeypatch):
    """Answering again after an upload read every document's sentence vectors from disk (at 100k
    passages, 1,267 files and 0.5 s of a 2.7 s upload); those of documents it read before are
    kept, and they are the ones a fresh start reads."""
    from rag.index.files import FolderFiles

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    read = []
    load_vectors = FolderFiles.load_vectors
    monkeypatch.setattr(FolderFiles, "load_vectors", lambda self, sha: read.append(sha) or load_vectors(self, sha))

    assistant.add_document("harbour.txt", HARBOUR)

    manifest = assistant.index.manifest
    assert read == [manifest.documents["harbour.txt"].sha256]
    monkeypatch.undo()
    fresh = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    for question in ("Who did Blinken shake hands with when he arrived?", "How many migrants were in the caravan?"):
        assert assistant.ask(question).to_dict()["answer"] == fresh.ask(question).to_dict()["answer"]
    assert "42,000" in assistant.ask("How many containers did Port Elwen handle in March?").text


_KILLED_MID_REPLACE = """
import sys, time
from rag.assistant import Assistant
a = Assistant(corpus_dir=sys.argv[1], index_dir=sys.argv[2])
upload = a.prepare_document("harbour.txt", b"Harbour news\\n\\nThe harbour closed in 1990.\\n", replace=True)
def stuck(embedded):
    print("indexing", flush=True)
    time.sleep(120)
a.index.add = stuck  # killed while the new version is being indexed
a.add_prepared(upload)
"""


def test_a_replacement_killed_midway_leaves_nothing_hidden_after_the_next_start(tmp_path):
    """kill -9 between setting the replaced version aside and indexing the new one left the old
    version's bytes in the corpus folder for good, under a hidden name the indexer skips."""
    import os
    import signal
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    (corpus / "harbour.txt").write_bytes(HARBOUR)
    index = tmp_path / "index"
    Assistant(corpus_dir=corpus, index_dir=index)
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_REPLACE, str(corpus), str(index)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline() == "indexing\n"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert (corpus / f".harbour.txt.rag-was{proc.pid}").exists()
    # What another running process has aside is its own; a dot file of the user's is theirs,
    # even one named like ours was (a download tool's ".holiday.mkv.part123456").
    (corpus / f".harbour.txt.rag-was{os.getppid()}").write_bytes(HARBOUR)
    (corpus / ".notes.was").write_text("the user's")
    (corpus / f".holiday.mkv.part{proc.pid}").write_text("the user's")
    (corpus / f".old.txt.was{proc.pid}").write_text("the user's")

    restarted = Assistant(corpus_dir=corpus, index_dir=index)

    assert sorted(p.name for p in corpus.iterdir()) == sorted(
        [
            f".harbour.txt.rag-was{os.getppid()}",
            ".notes.was",
            f".holiday.mkv.part{proc.pid}",
            f".old.txt.was{proc.pid}",
            BLINKEN,
            "harbour.txt",
        ]
    )
    assert (corpus / "harbour.txt").read_bytes() == b"Harbour news\n\nThe harbour closed in 1990.\n"
    assert "1990" in restarted.ask("When did the harbour close?").text


def test_one_assistant_changed_from_several_threads_stays_one_with_its_corpus(tmp_path):
    """Two threads replacing one file left the assistant answering from the version the file no
    longer held (both set the old version aside under one name), and removals at once failed
    halfway ("Cannot write the index folder"). Changes now take turns within the process."""
    import threading

    from tests.helpers import assistant_over

    files = {f"n{i}.txt": f"Note {i}\n\nThe code for locker {i} is {1000 + i}.\n" for i in range(4)}
    a = assistant_over(tmp_path, {**files, "same.txt": "Same\n\nThe boat is called Aurora.\n"})
    corpus = a.settings.corpus_dir
    failed = []

    def run(call, *args, **kwargs):
        try:
            call(*args, **kwargs)
        except Exception as e:  # collected: the assertion below names them
            failed.append(f"{type(e).__name__}: {e}")

    def together(*calls) -> None:
        threads = [threading.Thread(target=run, args=c) for c in calls]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)

    for n in range(5):  # the race needs the two uploads' steps interleaved: a few rounds
        boats = [f"Cygnus {n}", f"Draco {n}", f"Eridanus {n}"]
        together(*[(a.add_document, "same.txt", f"Same\n\nThe boat is {b}.\n".encode(), None, True) for b in boats])
        assert failed == []
        assert a.document_text("same.txt") == (corpus / "same.txt").read_text(encoding="utf-8")
    together(*[(a.remove_document, f"n{i}.txt") for i in range(4)])
    assert failed == []
    assert sorted(d.source for d in a.documents()) == sorted(p.name for p in corpus.iterdir()) == ["same.txt"]
