"""An upload over max_file_mb is refused from its size on disk, before any of it is read.

The web chat read Gradio's temporary copy of an upload whole and only then compared its length
with the limit; Gradio lets files up to twice the limit through (ui/app.py), so a file between
the two was read into memory to be refused. The files here are sparse (os.truncate): no test
writes megabytes. Nothing is mocked: open() is only wrapped to record which paths are opened.
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
from pathlib import Path

import pytest

from rag.errors import LoadError
from tests.conftest import CORPUS

BLINKEN = "002_45397eb93afc9b26.txt"
HARBOUR = "Harbour news\n\nThe harbour of Port Elwen handled 42,000 containers in March.\n"
LIMIT_MB = 1


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The absolute paths opened from now on, by open(), Path.open()/read_bytes() or os.open();
    the real calls do the work."""
    seen: list[str] = []

    def recorded(real):
        def call(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)):
                seen.append(os.path.abspath(os.fsdecode(file)))
            return real(file, *args, **kwargs)

        return call

    wrapped = recorded(io.open)
    monkeypatch.setattr(io, "open", wrapped)  # what pathlib calls
    monkeypatch.setattr(builtins, "open", wrapped)
    monkeypatch.setattr(os, "open", recorded(os.open))
    return seen


def sparse(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.truncate(path, size)
    return path


@pytest.mark.unit
def test_reading_an_upload_from_disk_refuses_one_over_the_limit_without_opening_it(tmp_path, opened):
    from rag.ingest.uploads import read_upload

    big = sparse(tmp_path / "upload" / "big.txt", 1_500_000)
    wrong = sparse(tmp_path / "upload" / "notes.wpd", 1_500_000)
    edge = sparse(tmp_path / "upload" / "edge.txt", 1_000_000)
    opened.clear()  # making them opened them
    with pytest.raises(LoadError) as info:
        read_upload(big, "big.txt", LIMIT_MB)
    assert str(info.value) == "big.txt: 1.5 MB is over the 1 MB limit"  # as check_upload says it
    # The type is still checked first, and still without reading.
    with pytest.raises(LoadError, match=r"^notes\.wpd: \.wpd files are not supported"):
        read_upload(wrong, "notes.wpd", LIMIT_MB)
    assert opened == []

    # At the limit exactly, the file is read, all of it.
    assert read_upload(edge, "edge.txt", LIMIT_MB) == bytes(1_000_000)
    assert opened == [str(edge)]


@pytest.mark.integration
def test_a_web_upload_over_the_limit_is_refused_unread_and_the_others_are_read_and_indexed(tmp_path, opened):
    from rag.assistant import Assistant
    from rag.settings import Settings
    from ui.handlers import upload_files
    from ui.service import ChatService

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", max_file_mb=LIMIT_MB)
    service = ChatService(Assistant(settings=settings), stream_delay=0)
    up = tmp_path / "uploads"
    big = sparse(up / "big.txt", 1_500_000)  # over the limit, under Gradio's twice the limit
    blank = up / "blank.txt"
    blank.write_bytes(b" " * 1_000_000)  # at the limit: read, and then refused for what it holds
    harbour = up / "harbour.txt"
    harbour.write_text(HARBOUR)
    opened.clear()  # building the index opened the corpus; only the uploads count

    with pytest.warns(UserWarning) as warned:  # one gr.Warning per rejected file
        docs, _, _ = upload_files(service, [str(big), str(blank), str(harbour)], lambda *a, **k: None)

    assert [str(w.message) for w in warned] == [
        "big.txt: 1.5 MB is over the 1 MB limit",
        "blank.txt: the file is empty",
    ]

    assert "big.txt: 1.5 MB is over the 1 MB limit" in docs
    assert "blank.txt: the file is empty" in docs
    assert "Added harbour.txt (1 passage)." in docs
    assert str(big) not in opened
    assert str(blank) in opened and str(harbour) in opened
    assert sorted(p.name for p in corpus.iterdir()) == [BLINKEN, "harbour.txt"]
    assert (corpus / "harbour.txt").read_text() == HARBOUR
    assert "42,000" in service.assistant.ask("How many containers did Port Elwen handle in March?").text


@pytest.mark.integration
def test_the_python_api_takes_an_upload_by_path_and_refuses_one_over_the_limit_unread(tmp_path, opened):
    from rag.assistant import Assistant
    from rag.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    assistant = Assistant(settings=Settings(corpus_dir=corpus, index_dir=tmp_path / "index", max_file_mb=LIMIT_MB))
    big = sparse(tmp_path / "uploads" / "big.txt", 1_500_000)
    opened.clear()

    with pytest.raises(LoadError) as info:
        assistant.prepare_file(big)
    assert str(info.value) == "big.txt: 1.5 MB is over the 1 MB limit"
    assert opened == []
    # The bytes API refuses the same file with the same words.
    with pytest.raises(LoadError) as info:
        assistant.add_document("big.txt", bytes(1_500_000))
    assert str(info.value) == "big.txt: 1.5 MB is over the 1 MB limit"

    harbour = tmp_path / "uploads" / "port elwen.txt"
    harbour.write_text(HARBOUR)
    assistant.add_prepared(assistant.prepare_file(harbour))
    assert (corpus / "port elwen.txt").read_text() == HARBOUR
    assert "port elwen.txt" in {d.source for d in assistant.documents()}
