"""Chroma as a server (`chroma run`) instead of embedded: index, answer, and reopen over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.index.manifest import Manifest
from rag.index.store import VectorStore
from rag.settings import Settings

pytestmark = pytest.mark.integration

CHROMA = Path(sys.executable).with_name("chroma")
CARAVAN = "000_fd849027655b63a4.txt"
QUESTION = "How many migrants were in the caravan that Trump attacked Mexico over?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A real Chroma server on a free local port; killed at the end of the module."""
    data = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = open(data / "server.log", "wb")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: {(data / 'server.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("chroma run did not open its port within 60 s")
                time.sleep(0.1)
        yield port, data / "db"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


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

    # The vectors live in the server, not in the index folder (which keeps manifest and texts).
    store = VectorStore(index / "chroma", settings.collection, "127.0.0.1", port)
    assert store.ids() == Manifest.load(index).passage_ids()
    assert store.count() == len(assistant.passages)
    assert not (index / "chroma").exists()
    assert (db / "chroma.sqlite3").is_file()

    # A second start finds the index up to date on the server and answers the same.
    again = Assistant(corpus_dir=corpus_copy, index_dir=index, settings=settings)
    assert again.last_index_report is None
    assert again.ask(QUESTION).text == answer.text
