"""One writer at a time per index folder (rag/index/write_lock.py), with real processes: `rag index`
in a subprocess beside an index or assistant opened here, a real embedder and Chroma on disk."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.index.location import IndexLocation
from rag.index.write_lock import WriteLock

REPO = Path(__file__).resolve().parents[2]
NEW_DOC = "The Lisbon treaty was signed by twenty-seven ministers in the old Jerónimos monastery.\n"


def rag_index(corpus: Path, index: Path, variables: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", **(variables or {})}
    cmd = [sys.executable, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index", str(index)]
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_rag_index_waits_while_another_process_writes(corpus_copy, tmp_path):
    index = tmp_path / "index"
    IndexLocation.claim(index, corpus_copy)
    lock = WriteLock(index)
    with lock.held():
        run = rag_index(corpus_copy, index)
        waited = ""
        deadline = time.monotonic() + 120
        while "waiting for it to finish" not in waited and time.monotonic() < deadline:
            waited += run.stderr.readline()
        assert "waiting for it to finish" in waited, waited
        time.sleep(1.0)
        assert run.poll() is None  # nothing written while the lock is held
        assert not (index / "manifest.json").exists()
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert "3 added" in out


def test_a_writer_starts_from_what_another_process_indexed_meanwhile(corpus_copy, tmp_path, embedder):
    """Opened on a new index, then `rag index` ran elsewhere: this update is a no-op on the
    other's index. Before the lock it reset the collection the other had filled (a Chroma
    NotFoundError)."""
    from rag.index.opened import OpenIndex
    from rag.settings import Settings

    index = tmp_path / "index"
    opened = OpenIndex(Settings(corpus_dir=corpus_copy, index_dir=index), embedder)
    other = rag_index(corpus_copy, index)
    out, err = other.communicate(timeout=300)
    assert other.returncode == 0, err

    report = opened.update()
    assert not report.added and len(report.unchanged) == 3
    # Each passage stored once: the store holds exactly the passages the manifest names.
    assert opened.store.ids() == set(opened.manifest.passage_ids())
    assert opened.store.count() == len(opened.manifest.passage_ids())


def test_an_index_rebuilt_by_another_process_after_it_was_opened_is_read_as_left(corpus_copy, tmp_path, embedder):
    """Opened on an index made with other settings (an upgrade: a new chunk size), then `rag
    index` rebuilt it elsewhere, replacing its Chroma collection: the start-up check died in a
    Chroma NotFoundError traceback (`rag ask` beside `rag index`). It now finds the index stale,
    and the update reads what the other process built: nothing to embed again."""
    from rag.index.opened import OpenIndex
    from rag.settings import Settings

    index = tmp_path / "index"
    old = rag_index(corpus_copy, index, {"RAG_CHUNK_SIZE": "120"})
    assert old.communicate(timeout=300) and old.returncode == 0
    opened = OpenIndex(Settings(corpus_dir=corpus_copy, index_dir=index), embedder)
    rebuilt = rag_index(corpus_copy, index)
    out, err = rebuilt.communicate(timeout=300)
    assert rebuilt.returncode == 0 and "rebuilding the index" in err, err

    assert opened.stale()
    report = opened.update()
    assert not report.added and len(report.unchanged) == 3
    assert opened.store.ids() == set(opened.manifest.passage_ids())


def test_an_upload_keeps_what_rag_index_added_meanwhile(corpus_copy, tmp_path):
    """A server's upload after `rag index` added a file: both stay in the index. Before, the
    upload saved the manifest it had read at start, without the other file."""
    from rag.assistant import Assistant
    from rag.index.manifest import Manifest

    index = tmp_path / "index"
    assistant = Assistant(corpus_dir=corpus_copy, index_dir=index)
    (corpus_copy / "added-by-cli.txt").write_text(NEW_DOC)
    other = rag_index(corpus_copy, index)
    assert other.communicate(timeout=300) and other.returncode == 0

    assistant.add_document("uploaded.txt", b"The glass bridge over the Vltava opened in spring 1999.\n")
    saved = Manifest.load(index).documents
    assert {"added-by-cli.txt", "uploaded.txt"} <= set(saved)
    assert {"added-by-cli.txt", "uploaded.txt"} <= {d.source for d in assistant.documents()}
    answer = assistant.ask("Where was the Lisbon treaty signed?")
    assert not answer.refused and answer.citations[0].source == "added-by-cli.txt"
    named = {pid for source, d in saved.items() for pid in d.passage_ids(source)}
    assert assistant.index.store.ids() == named and assistant.index.store.count() == len(named)


# A rebuild (new chunk size) stopped as a Ctrl-C would stop it, before its third file: the first
# file's batch (one file per batch) is stored and saved, and nothing more.
HALTED_REBUILD = """
import sys
from rag.index.embedder import Embedder
from rag.index.opened import OpenIndex
from rag.settings import Settings

s = Settings(corpus_dir=sys.argv[1], index_dir=sys.argv[2], chunk_size=120, index_batch_passages=1)

def halt(fraction, message):
    if fraction > 0.5:
        raise KeyboardInterrupt

OpenIndex(s, Embedder.configured(s)).update(halt)
"""


def test_a_server_answers_from_the_whole_index_while_another_process_rebuilds_it(corpus_copy, tmp_path):
    """`rag index` with new settings empties the store and saves the index batch by batch: a
    server beside it reloaded every save and answered from the part done so far (on 17 files, a
    question the documents answer was refused for most of the run). It now keeps the whole
    index it loaded until the run ends, and a process that opens the part says so."""
    from rag.assistant import Assistant
    from rag.index.manifest import Manifest
    from rag.settings import Settings

    blinken = "002_45397eb93afc9b26.txt"
    index = tmp_path / "index"
    server = Assistant(corpus_dir=corpus_copy, index_dir=index)
    question = "Who did Blinken shake hands with when he arrived?"
    before = server.ask(question)
    assert before.citations and before.citations[0].source == blinken

    halted = subprocess.run(
        [sys.executable, "-c", HALTED_REBUILD, str(corpus_copy), str(index)],
        cwd=REPO,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert halted.returncode != 0 and "KeyboardInterrupt" in halted.stderr, halted.stderr
    part = Manifest.load(index)
    assert part.rebuilding and len(part.documents) == 1 and blinken not in part.documents

    assert server.index.changed_elsewhere() and not server.reload_if_changed()
    kept = server.ask(question)
    assert (kept.text, kept.notes) == (before.text, before.notes)
    assert len(server.documents()) == 3

    # A process that opens the part answers from it, and says that it is a part.
    replica = Assistant(settings=Settings(corpus_dir=corpus_copy, index_dir=index, read_only=True))
    assert len(replica.documents()) == 1
    assert any("still being built (1 document so far)" in note for note in replica.ask(question).notes)

    finished = rag_index(corpus_copy, index, {"RAG_CHUNK_SIZE": "120"})
    out, err = finished.communicate(timeout=300)
    assert finished.returncode == 0, err
    assert not Manifest.load(index).rebuilding
    assert server.reload_if_changed() and len(server.documents()) == 3
    after = server.ask(question)
    assert after.citations[0].source == blinken
    assert not any("still being built" in note for note in after.notes)


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path):
    """flock belongs to the process: a writer killed with -9 leaves no stale lock behind."""
    IndexLocation.claim(tmp_path / "index", tmp_path / "corpus")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from rag.index.write_lock import WriteLock\n"
            f"with WriteLock({str(tmp_path / 'index')!r}).held():\n"
            "    print('held', flush=True); time.sleep(600)",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    lock = WriteLock(tmp_path / "index")
    with lock.held_if_free() as free:
        assert not free
    holder.kill()
    holder.wait()
    with lock.held_if_free() as free:
        assert free


def test_a_filesystem_without_locks_is_written_unlocked_and_says_so(tmp_path, monkeypatch, caplog):
    """Some NFS mounts refuse flock (ENOLCK): the index must still be writable, as before the
    lock, with a warning. (The refusal is simulated: no such mount here.)"""
    import errno
    import fcntl
    import logging

    IndexLocation.claim(tmp_path / "index", tmp_path / "corpus")

    def refuse(fd, op):
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", refuse)
    lock = WriteLock(tmp_path / "index")
    with caplog.at_level(logging.WARNING):
        with lock.held():
            pass
        with lock.held_if_free() as free:
            assert free
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Cannot lock the index")]
    assert len(said) == 1 and "No locks available" in said[0]


def test_an_upload_into_an_index_rebuilt_elsewhere_with_other_settings_is_refused(corpus_copy, tmp_path):
    """An assistant (a server) whose index `rag index` rebuilt with another chunk size: its upload
    stored passages cut its way into the index the other settings built, fingerprinted as theirs,
    without a word (a break-it helper's, session 61). Refused saying why, nothing written, and the
    index is not rebuilt back by the refusal."""
    from rag.assistant import Assistant
    from rag.errors import IndexSettingsDiffer
    from rag.index.manifest import Manifest

    index = tmp_path / "index"
    assistant = Assistant(corpus_dir=corpus_copy, index_dir=index)
    other = rag_index(corpus_copy, index, {"RAG_CHUNK_SIZE": "64", "RAG_CHUNK_OVERLAP": "8"})
    assert other.communicate(timeout=300) and other.returncode == 0
    saved = Manifest.load(index)
    for reloaded in (False, True):  # before and after the assistant read the rebuilt index
        if reloaded:
            assert assistant.reload_if_changed()  # a new chunk size is read as the builder cut it
        with pytest.raises(IndexSettingsDiffer, match=r"chunk_size 64 \(here 200\).* Nothing was added\."):
            assistant.add_document("uploaded.txt", b"The glass bridge over the Vltava opened in spring 1999.\n")
        after = Manifest.load(index)
        assert after.fingerprint == saved.fingerprint and set(after.documents) == set(saved.documents)
        assert not (corpus_copy / "uploaded.txt").exists()


def test_an_index_another_embedding_model_rebuilt_elsewhere_is_not_read_with_this_ones(corpus_copy, tmp_path):
    """A server's reload searched the vectors another embedding model made (`rag index` with int8
    or the tuned weights) with its own question vectors: cosines of two models, without a word.
    It keeps answering from what it loaded, and says why once."""
    from rag.assistant import Assistant

    index = tmp_path / "index"
    assistant = Assistant(corpus_dir=corpus_copy, index_dir=index)
    loaded = len(assistant.passages)
    other = rag_index(corpus_copy, index, {"RAG_EMBED_PRECISION": "int8"})
    assert other.communicate(timeout=300) and other.returncode == 0
    assert not assistant.reload_if_changed() and not assistant.reload_if_changed()
    assert len(assistant.passages) == loaded
    question = "How many migrants were in the caravan that Trump attacked Mexico over?"
    assert assistant.ask(question).short_answer == "1,500"


def test_a_document_another_assistant_added_can_be_removed_here(corpus_copy, tmp_path):
    """Two assistants on one index: the second's upload was unknown to the first, whose removal
    of it said "no such document in the index" though the file and its entry both existed (a
    break-it helper's, session 61). The first reads the index again before it refuses."""
    from rag.assistant import Assistant
    from rag.index.manifest import Manifest

    index = tmp_path / "index"
    first = Assistant(corpus_dir=corpus_copy, index_dir=index)
    second = Assistant(corpus_dir=corpus_copy, index_dir=index)
    second.add_document("ferry.txt", b"The Ostberg ferry leaves at 7:15 every morning.\n")
    first.remove_document("ferry.txt")
    assert not (corpus_copy / "ferry.txt").exists() and "ferry.txt" not in Manifest.load(index).documents
    assert "ferry.txt" not in {d.source for d in first.documents()}
