"""Chroma as a server (`chroma run`) instead of embedded: index, answer, and reopen over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import IndexDamaged, ReadOnlyIndex
from rag.index.files import ServerFiles
from rag.index.location import MARKER
from rag.index.store import VectorStore
from rag.settings import Settings
from tests.helpers import free_port

pytestmark = pytest.mark.integration

CHROMA = Path(sys.executable).with_name("chroma")
CARAVAN = "000_fd849027655b63a4.txt"
QUESTION = "How many migrants were in the caravan that Trump attacked Mexico over?"


class ChromaServer:
    """`chroma run` on a free local port over `data`; stop() ends it."""

    def __init__(self, data: Path, port: int | None = None):
        self.port = port or free_port()
        self.db = data / "db"
        self._log = open(data / "server.log", "wb")
        self._proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(self.db), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            if self._proc.poll() is not None:
                self.stop()
                pytest.fail(f"chroma run exited with {self._proc.returncode}: {(data / 'server.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail("chroma run did not open its port within 60 s")
                time.sleep(0.1)

    def stop(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._log.close()


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A real Chroma server on a free local port; killed at the end of the module."""
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server"))
    try:
        yield server.port, server.db
    finally:
        server.stop()


def test_server_mode_indexes_and_answers(chroma_server, corpus_copy, tmp_path):
    port, db = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port)
    index = tmp_path / "index"

    assistant = Assistant(corpus_dir=corpus_copy, index_dir=index, settings=settings)

    report = assistant.last_index_report
    assert report is not None and len(report.added) == 3
    answer = assistant.ask(QUESTION)
    assert not answer.refused
    assert "1,500" in answer.text
    c = answer.citations[0]
    assert c.source == CARAVAN
    assert assistant.document_text(c.source)[c.start : c.end] == c.text
    assert "1,500" in assistant.document_text(c.source)[c.support_start : c.support_end]

    # Everything lives in the server: the passage vectors, and beside them the manifest, the
    # document texts and the sentence vectors. The index folder holds only its marker.
    store = VectorStore(index / "chroma", settings.collection, "127.0.0.1", port)
    assert store.ids() == ServerFiles(store).load_manifest().passage_ids()
    assert store.count() == len(assistant.passages)
    assert [p.name for p in index.iterdir()] == [MARKER]
    assert (db / "chroma.sqlite3").is_file()

    # A second start finds the index up to date on the server and answers the same.
    again = Assistant(corpus_dir=corpus_copy, index_dir=index, settings=settings)
    assert again.last_index_report is None
    assert again.ask(QUESTION).text == answer.text


def rag(args: list[str], env: dict, cwd: Path) -> str:
    """`rag ...` as its own process, as on another machine."""
    done = subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_replicas_with_empty_folders_answer_from_the_server_alone(chroma_server, corpus_copy, tmp_path):
    """Issue 9, item 5: one process indexes into a Chroma server; app processes elsewhere, with
    no corpus and empty index folders, answer from the server alone, and answer the same."""
    port, _ = chroma_server
    repo = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "RAG_CHROMA_HOST": "127.0.0.1",
        "RAG_CHROMA_PORT": str(port),
        "RAG_COLLECTION": "replicas",
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(repo),
    }
    builder = tmp_path / "builder"
    builder.mkdir()
    rag(["index", "--corpus", str(corpus_copy), "--index", str(builder / "index")], env, builder)

    answers = []
    for name in ("replica-a", "replica-b"):
        machine = tmp_path / name
        machine.mkdir()
        out = rag(["ask", QUESTION, "--json", "--read-only", "--corpus", "corpus", "--index", "index"], env, machine)
        answers.append(json.loads(out))
        assert list(machine.iterdir()) == []  # nothing local was read or written
    a, b = answers
    assert "1,500" in a["answer"]
    assert a["answer"] == b["answer"]
    assert [(c["source"], c["start"], c["end"]) for c in a["citations"]] == [
        (c["source"], c["start"], c["end"]) for c in b["citations"]
    ]

    # A long-running replica follows the index when the builder adds a document.
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="replicas", read_only=True)
    replica = Assistant(corpus_dir=tmp_path / "no-corpus", index_dir=tmp_path / "replica-c", settings=settings)
    assert len(replica.documents()) == 3
    (corpus_copy / "lighthouse.txt").write_text(
        "The Punta Mita lighthouse\n\nThe keeper of the Punta Mita lighthouse is Aurelio Sandoval. "
        "He has kept its lamp burning since 1994.\n",
        encoding="utf-8",
    )
    assert not replica.index.changed_elsewhere()
    rag(["index", "--corpus", str(corpus_copy), "--index", str(builder / "index")], env, builder)
    assert replica.index.changed_elsewhere()
    assert replica.reload_if_changed()
    answer = replica.ask("Who keeps the Punta Mita lighthouse?")
    assert "Aurelio Sandoval" in answer.text
    assert answer.citations[0].source == "lighthouse.txt"

    # A replica never changes the shared index, and says so.
    with pytest.raises(ReadOnlyIndex, match="rag index"):
        replica.add_document("mine.txt", b"Some text of mine.")
    with pytest.raises(ReadOnlyIndex):
        replica.remove_document("lighthouse.txt")
    with pytest.raises(ReadOnlyIndex):
        replica.update_index()
    assert len(replica.documents()) == 4
    assert not (tmp_path / "replica-c").exists()


def test_a_replica_answers_from_the_whole_index_while_the_builder_rebuilds_it(chroma_server, corpus_copy, tmp_path):
    """As tests/index/test_write_lock.py's test on disk, with the index on the Chroma server: a
    long-running replica keeps the whole index through a rebuild (new chunk size) stopped after
    its first batch; a replica started then answers from the part and says so; the finished
    rebuild is read."""
    from tests.index.test_write_lock import HALTED_REBUILD

    port, _ = chroma_server
    env = {
        **os.environ,
        "RAG_CHROMA_HOST": "127.0.0.1",
        "RAG_CHROMA_PORT": str(port),
        "RAG_COLLECTION": "rebuilt",
        "HF_HUB_OFFLINE": "1",
    }
    repo = Path(__file__).resolve().parents[2]
    builder = tmp_path / "builder"
    builder.mkdir()
    rag(["index", "--corpus", str(corpus_copy), "--index", str(builder / "index")], env, repo)
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="rebuilt", read_only=True)
    replica = Assistant(corpus_dir=tmp_path / "no-corpus", index_dir=tmp_path / "replica", settings=settings)
    blinken, question = "002_45397eb93afc9b26.txt", "Who did Blinken shake hands with when he arrived?"
    assert replica.ask(question).citations[0].source == blinken

    halted = subprocess.run(
        [sys.executable, "-c", HALTED_REBUILD, str(corpus_copy), str(builder / "index")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert halted.returncode != 0 and "KeyboardInterrupt" in halted.stderr, halted.stderr
    assert replica.index.changed_elsewhere() and not replica.reload_if_changed()
    assert len(replica.documents()) == 3 and replica.ask(question).citations[0].source == blinken

    late = Assistant(corpus_dir=tmp_path / "no-corpus", index_dir=tmp_path / "late", settings=settings)
    assert len(late.documents()) == 1
    assert any("still being built (1 document so far)" in note for note in late.ask(question).notes)

    rag(
        ["index", "--corpus", str(corpus_copy), "--index", str(builder / "index")],
        {**env, "RAG_CHUNK_SIZE": "120"},
        repo,
    )
    assert replica.reload_if_changed() and len(replica.documents()) == 3
    assert not any("still being built" in note for note in replica.ask(question).notes)


def test_a_server_that_is_not_there_is_a_clear_error(corpus_copy, tmp_path):
    settings = Settings(chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(IndexDamaged, match="chroma run"):
        Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "index", settings=settings)


def test_a_damaged_manifest_on_the_server_is_rebuilt_and_a_replica_says_so(chroma_server, corpus_copy, tmp_path):
    port, _ = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="damaged")
    first = Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "a", settings=settings)
    expected = first.ask(QUESTION).text

    # Overwrite the current manifest version with something that is not a manifest.
    store = VectorStore(tmp_path / "x", "damaged", "127.0.0.1", port)
    key = f"manifest:{ServerFiles(store).generation()}"
    store.companion("files").upsert(
        ids=[f"{key}#0"],
        embeddings=[[0.0]],
        metadatas=[{"key": key, "kind": "manifest", "part": 0, "parts": 1, "data": "{not json"}],
    )

    replica = settings.model_copy(update={"read_only": True})
    with pytest.raises(IndexDamaged, match="rag index"):
        Assistant(corpus_dir=tmp_path / "none", index_dir=tmp_path / "r", settings=replica)

    again = Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "b", settings=settings)
    assert again.last_index_report is not None and len(again.last_index_report.added) == 3
    assert again.ask(QUESTION).text == expected
    assert (
        Assistant(corpus_dir=tmp_path / "none", index_dir=tmp_path / "r", settings=replica).ask(QUESTION).text
        == expected
    )


def test_what_the_manifest_no_longer_names_leaves_the_server(chroma_server, corpus_copy, tmp_path):
    port, _ = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="cleanup")
    assistant = Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "index", settings=settings)
    (corpus_copy / CARAVAN).write_text("Caravan\n\nThe caravan was 2,000 people strong this time.\n", encoding="utf-8")
    assistant.update_index()
    assistant.update_index()  # a second save: still one manifest version

    files = VectorStore(tmp_path / "x", "cleanup", "127.0.0.1", port).companion("files")
    metas = files.get(include=["metadatas"])["metadatas"]
    shas = {m["sha"] for m in metas if m.get("kind") in ("text", "vectors")}
    assert shas == {d.sha256 for d in assistant.index.manifest.documents.values()}
    assert len({m["version"] for m in metas if m.get("kind") == "manifest"}) == 1
    assert "2,000" in assistant.ask("How many people were in the caravan this time?").text


def test_an_edit_on_the_server_re_embeds_only_what_it_changed(chroma_server, corpus_copy, tmp_path):
    """The earlier version's text and sentence vectors are read from the server, its passage
    vectors from the server's collection."""
    port, _ = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="edits")
    assistant = Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "index", settings=settings)
    before = len([p for p in assistant.passages if p.source == CARAVAN])
    path = corpus_copy / CARAVAN
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\nThe caravan reached Tijuana on a Friday.\n", encoding="utf-8"
    )

    report = assistant.update_index()

    assert report.updated == [CARAVAN]
    assert report.passages_embedded >= 1 and report.passages_reused >= before - 1
    answer = assistant.ask("On which day did the caravan reach Tijuana?")
    assert "Friday" in answer.text and answer.citations[0].source == CARAVAN


def test_a_server_that_goes_away_is_a_clear_error_and_what_is_loaded_still_answers(corpus_copy, tmp_path):
    """Stopped under a running assistant: every question failed with an httpx ConnectError (the
    check for another process's save asks the server), `rag index` and uploads ended in that
    traceback, and a removal deleted the file while the document stayed in the index."""
    from rag.errors import IndexUnreachable

    server = ChromaServer(tmp_path)
    try:
        settings = Settings(chroma_host="127.0.0.1", chroma_port=server.port)
        assistant = Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "index", settings=settings)
        before = assistant.ask(QUESTION).text
    finally:
        server.stop()
    assert assistant.ask(QUESTION).text == before  # from memory, with a warning
    assert [d.source for d in assistant.documents()] == sorted(p.name for p in corpus_copy.iterdir())
    with pytest.raises(IndexUnreachable, match=r"Cannot use the Chroma server 127\.0\.0\.1:\d+ .*Start it"):
        assistant.update_index()
    with pytest.raises(IndexUnreachable):
        assistant.add_document("owls.txt", b"Owls\n\nThe grey owl of Lake Vexmoor hunts at dusk.\n")
    with pytest.raises(IndexUnreachable):
        assistant.remove_document(CARAVAN)
    assert (corpus_copy / CARAVAN).is_file() and not (corpus_copy / "owls.txt").exists()


def test_another_corpus_is_refused_the_collection_that_holds_one(chroma_server, corpus_copy, tmp_path):
    """A second app indexing another corpus into the same collection deleted the first one's
    documents ("3 removed", without a word), and each then re-indexed its own at every start."""
    from rag.errors import IndexLocationError

    port, _ = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="shared-guard")
    first = Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "a", settings=settings)
    other = tmp_path / "other"
    other.mkdir()
    (other / "owls.txt").write_text("Owls\n\nThe grey owl of Lake Vexmoor hunts at dusk.\n", encoding="utf-8")
    with pytest.raises(IndexLocationError, match="holds 3 documents, none of them in .*its own collection"):
        Assistant(corpus_dir=other, index_dir=tmp_path / "b", settings=settings)
    replica = Assistant(
        corpus_dir=corpus_copy, index_dir=tmp_path / "c", settings=settings.model_copy(update={"read_only": True})
    )
    assert len(replica.documents()) == 3 and replica.ask(QUESTION).text == first.ask(QUESTION).text
    # Its own collection takes it.
    own = Assistant(
        corpus_dir=other, index_dir=tmp_path / "d", settings=settings.model_copy(update={"collection": "owls"})
    )
    assert [d.source for d in own.documents()] == ["owls.txt"]


def test_a_read_only_replica_of_a_collection_that_is_not_there_creates_nothing(chroma_server, tmp_path):
    """It said the index held no documents, after making the collection (and its "-files"
    collection) on the shared server: a read-only replica writes nothing."""
    import chromadb

    port, _ = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port, collection="nothere", read_only=True)
    with pytest.raises(IndexDamaged, match="holds no documents \\(no collection 'nothere'\\): run `rag index`"):
        Assistant(corpus_dir=tmp_path / "none", index_dir=tmp_path / "index", settings=settings)
    names = [c.name for c in chromadb.HttpClient(host="127.0.0.1", port=port).list_collections()]
    assert not [n for n in names if n.startswith("nothere")]


def test_a_replica_whose_server_restarted_without_its_data_answers_from_memory(corpus_copy, tmp_path):
    """Restarted over an empty folder, the server no longer held the collection: a read-only
    replica failed every question, and its list of documents, with Chroma's NotFoundError (the
    web chat asks whether the index was saved again before each, as here)."""
    (tmp_path / "first").mkdir()
    (tmp_path / "empty").mkdir()
    server = ChromaServer(tmp_path / "first")
    try:
        settings = Settings(chroma_host="127.0.0.1", chroma_port=server.port)
        Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "builder", settings=settings)
        replica = Assistant(
            corpus_dir=tmp_path / "none", index_dir=tmp_path / "replica", settings=settings.changed(read_only=True)
        )
        before = replica.ask(QUESTION).text
    finally:
        server.stop()
    again = ChromaServer(tmp_path / "empty", port=server.port)
    try:
        assert replica.reload_if_changed() is False  # it cannot tell: what is loaded answers
        assert replica.ask(QUESTION).text == before
        assert len(replica.documents()) == 3
    finally:
        again.stop()
