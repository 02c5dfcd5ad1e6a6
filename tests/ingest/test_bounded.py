"""Extraction with a time limit (rag/ingest/bounded.py): a file whose parser takes too long is
skipped, naming it, and the next file is read by a fresh worker; the rest of the index is built."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from rag.errors import LoadError
from rag.ingest.bounded import BoundedLoader
from tests.ingest.test_loaders import HTML_PAGE, HTML_PARAGRAPHS

pytestmark = pytest.mark.integration  # a real worker process and real parsers

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def slow_html(path: Path, tables: int = 5000) -> Path:
    """A 0.9 MB page of 5,000 small tables: 0.8 to 2 seconds of trafilatura here (20,000: 3 s)."""
    cells = "".join(
        f"<table><tr><td>Cell {i}</td><td>value {i} of the quarterly report for the region</td></tr>"
        f"<tr><td>row {i} more words</td><td>and some further text {i}</td></tr></table>"
        for i in range(tables)
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


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped by its parent, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


on_linux = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to see processes")


@on_linux
def test_one_warm_worker_reads_every_file_and_is_gone_when_closed(tmp_path):
    page = tmp_path / "page.html"
    loader = BoundedLoader(timeout_s=60)
    try:
        assert loader.load(page, "page.html", HTML_PAGE).title == "Harbour report"
        pid = loader._worker.process.pid
        assert loader.load(page, "again.html", HTML_PAGE).source == "again.html"
        assert loader._worker.process.pid == pid  # the same warm worker, not one per file
    finally:
        loader.close()
    assert not alive(pid)


@on_linux
def test_a_worker_that_ends_is_replaced_and_the_file_it_was_reading_is_skipped(tmp_path):
    slow, page = slow_html(tmp_path / "tables.html", 20_000), tmp_path / "page.html"
    loader = BoundedLoader(timeout_s=60)
    try:
        loader.load(page, "page.html", HTML_PAGE)
        idle = loader._worker.process.pid
        os.kill(idle, signal.SIGKILL)  # ended while idle (the OOM killer, say): a new one reads the file
        assert loader.load(page, "page.html", HTML_PAGE).title == "Harbour report"
        assert not alive(idle)
        busy = loader._worker.process.pid
        threading.Timer(0.5, os.kill, (busy, signal.SIGKILL)).start()  # in the middle of a file
        with pytest.raises(LoadError, match=r"tables\.html: the text-extraction worker ended while reading it"):
            loader.load(slow, "tables.html", slow.read_bytes())
        assert loader.load(page, "page.html", HTML_PAGE).title == "Harbour report"
        assert loader._worker.process.pid != busy
    finally:
        loader.close()


def test_an_interrupted_file_leaves_no_reply_behind_for_the_next(tmp_path):
    """Ctrl-C in a notebook, say, while a file is read: the next file gets its own text."""
    slow, page = slow_html(tmp_path / "tables.html", 20_000), tmp_path / "page.html"
    loader = BoundedLoader(timeout_s=60)
    # Ctrl-C as Python handles it by default, whatever the process was started with: a shell
    # starts a background job (`make test &`) with SIGINT ignored, and once, in a clean-clone run
    # started so, this file's load (9 s under that load) went on through the signal.
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        loader.load(page, "page.html", HTML_PAGE)
        threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
        with pytest.raises(KeyboardInterrupt):
            loader.load(slow, "tables.html", slow.read_bytes())
        doc = loader.load(page, "page.html", HTML_PAGE)
        assert (doc.source, doc.title) == ("page.html", "Harbour report")
    finally:
        signal.signal(signal.SIGINT, handler)
        loader.close()


def test_a_worker_not_ready_in_time_is_an_error_naming_the_limit_not_a_hang(tmp_path):
    page = tmp_path / "page.html"
    loader = BoundedLoader(timeout_s=60, start_timeout_s=0.001)  # an interpreter needs far more
    try:
        with pytest.raises(LoadError, match=r"page\.html: not read: .*worker .* was not ready within 0\.001 s"):
            loader.load(page, "page.html", HTML_PAGE)
        assert loader._worker is None  # stopped, not left starting
        t0 = time.perf_counter()
        with pytest.raises(LoadError, match=r"other\.html: not read: .*was not ready within 0\.001 s"):
            loader.load(page, "other.html", HTML_PAGE)  # not a minute more per file
        assert time.perf_counter() - t0 < 0.5
        assert loader.load(tmp_path / "a.txt", "a.txt", b"Plain text needs no worker.").text
    finally:
        loader.close()


@on_linux
@pytest.mark.parametrize("busy", [False, True], ids=["idle", "busy"])
def test_the_worker_ends_with_the_process_that_started_it(tmp_path, busy):
    """Even when that process ends without cleaning up (os._exit, as `rag` does, or a kill)."""
    slow = slow_html(tmp_path / "tables.html", 40_000)  # six seconds or more
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(f"""
        import os, sys, threading, time
        from pathlib import Path
        from rag.ingest.bounded import BoundedLoader

        loader = BoundedLoader(timeout_s=600)
        page = Path({str(slow)!r})
        loader.load(page, "small.html", b"<html><body><p>A small page about ferries.</p></body></html>")
        print(loader._worker.process.pid, flush=True)
        if {busy}:  # a file the worker is still parsing when this process is gone
            threading.Thread(target=loader.load, args=(page, "tables.html", page.read_bytes()), daemon=True).start()
            time.sleep(0.5)
        os._exit(0)
        """),
        encoding="utf-8",
    )
    # Its messages to a file: the worker writes to the same standard error, and a pipe there
    # would keep run() waiting for the worker's end rather than its parent's.
    with open(tmp_path / "stderr.txt", "wb") as stderr:
        done = subprocess.run([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=stderr, timeout=60, env=ENV)
    assert done.returncode == 0, (tmp_path / "stderr.txt").read_text()
    assert gone_within(int(done.stdout), 3)  # not when the file would have been read


SCRIPT_WITHOUT_A_MAIN_GUARD = """\
from rag import Assistant

a = Assistant(corpus_dir={corpus!r}, index_dir={index!r})
print(a.ask("What is the zebra called?").text)
report = a.add_document("aquarium.html", {aquarium!r})
print("added:", report.added)
"""


def test_a_script_without_a_main_guard_reads_html_and_answers(tmp_path):
    """The README's example is such a script. A worker started by multiprocessing (forkserver)
    re-ran it, and waited for the index lock its parent held: it never returned."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "zoo.html").write_text(
        "<!DOCTYPE html><html><head><title>City zoo news</title></head><body><article>"
        "<h1>City zoo news</h1><p>The city zoo welcomed a new zebra this spring. The zebra is "
        "called Stripes, and she was born in the savanna enclosure in April.</p><p>Keepers say "
        "Stripes follows her mother around the enclosure and enjoys fresh hay every morning.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (corpus / "garden.txt").write_text("The community garden opens at eight every morning.\n", encoding="utf-8")
    aquarium = b"<html><body><p>The aquarium octopus is named Inky and lives in the big blue tank.</p></body></html>"
    script = tmp_path / "ask.py"
    script.write_text(
        SCRIPT_WITHOUT_A_MAIN_GUARD.format(corpus=str(corpus), index=str(tmp_path / "index"), aquarium=aquarium),
        encoding="utf-8",
    )
    # Its own process group, so that a hung run and every process it started can be stopped.
    p = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=tmp_path,
        start_new_session=True,
    )
    try:
        out, err = p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        pytest.fail(f"the script did not finish in 120 s; it printed:\n{out}\n{err[-2000:]}")
    assert "bootstrapping phase" not in err
    assert p.returncode == 0, err[-2000:]
    assert "Stripes" in out.splitlines()[0]
    assert "added: ['aquarium.html']" in out


def test_a_file_whose_text_needs_more_memory_than_the_limit_is_skipped_saying_so():
    """A parser's memory grows with the page (~190 times an HTML file of one-line paragraphs):
    a 19 MB page, under max_file_mb, took the worker to 3.6 GB. Past the worker's limit the file
    is skipped saying why, and the next file is read."""
    loader = BoundedLoader(60, memory_limit=600 << 20)
    try:
        page = ("<html><body>" + "<p>x y</p>" * 400_000 + "</body></html>").encode()
        with pytest.raises(LoadError, match=r"^big\.html: extracting its text needed more than 0\.5\d* GB of memory"):
            loader.load(Path("big.html"), "big.html", page)
        small = b"<html><body><p>The zebra of the zoo is called Stripes.</p></body></html>"
        assert loader.load(Path("zoo.html"), "zoo.html", small).text == "The zebra of the zoo is called Stripes."
    finally:
        loader.close()


def test_a_text_too_large_to_send_back_is_skipped_saying_its_size(monkeypatch):
    """A 3 MB .docx held 1 GB of text: its pickle did not fit the worker's memory (MemoryError),
    and the fallback's str() of the document failed the same way, so the file was only "skipped:
    the worker ended" (a helper of session 60). The reply names the text's size instead; the
    MemoryError is made here (a real one takes 35 s and 3.5 GB)."""
    import pickle

    from rag.errors import LoadError
    from rag.ingest import extract_worker
    from rag.ingest.loaders import LoadedDocument

    class Huge(str):
        def __str__(self):
            raise MemoryError

    real = extract_worker.frame
    doc = LoadedDocument("minutes.docx", "x" * 2_500_000, None)

    def frame(message):
        if message[0] == "ok":
            raise MemoryError
        return real(message)

    monkeypatch.setattr(extract_worker, "frame", frame)
    monkeypatch.setattr(LoadedDocument, "__repr__", lambda self: str(Huge("x")))
    status, error = pickle.loads(extract_worker._reply(("ok", doc))[extract_worker.HEADER.size :])
    assert status == "error" and isinstance(error, LoadError)
    assert (
        str(error)
        == "minutes.docx: its text is 2.5 million characters, too large to index (MemoryError); split the file"
    )


def test_a_text_over_the_size_limit_is_refused_before_it_leaves_the_worker(monkeypatch):
    """The size limit holds for a file's text, and the worker applies it: a 1.2 MB .docx of 400
    million characters took the indexing process to 787 MB, only to be refused there once its
    text had crossed (a helper of session 60). The reply that crosses now is the refusal alone;
    a file within the limit is read as before."""
    import pickle

    from rag.ingest import bounded

    replies, real = [], pickle.loads

    def loads(body):
        replies.append(len(body))
        return real(body)

    monkeypatch.setattr(bounded.pickle, "loads", loads)
    page = (
        "<html><body>" + "<p>The harbour handled 42,000 containers in March.</p>" * 4000 + "</body></html>"
    ).encode()
    loader = BoundedLoader(60, max_text_mb=0.1)
    try:
        with pytest.raises(LoadError) as refused:
            loader.load(Path("harbour.html"), "harbour.html", page)
        assert str(refused.value) == (
            "harbour.html: its text is 0.2 million characters, over the 0.1 MB limit (max_file_mb); "
            "split the file or raise the limit"
        )
        assert max(replies) < 2_000  # the 200,000 characters stayed in the worker
        small = b"<html><body><p>The zebra of the zoo is called Stripes.</p></body></html>"
        assert loader.load(Path("zoo.html"), "zoo.html", small).text == "The zebra of the zoo is called Stripes."
    finally:
        loader.close()
