"""Corpus files are hashed once, then known by their stat (rag/index/hash_cache.py): unchanged
files are not read by the staleness check or the index run; any write is seen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from rag.index.hash_cache import CACHE_FILE, HashCache
from rag.ingest.corpus import corpus_hashes, file_sha256
from tests.conftest import CORPUS

pytestmark = pytest.mark.integration

BLINKEN = "002_45397eb93afc9b26.txt"


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the files read with Path.read_bytes from now on."""
    seen: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: seen.append(self.name) or real(self))
    return seen


def test_an_unchanged_file_is_not_read_again_and_any_write_is_seen(tmp_path, reads):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The harbour opened in 1850.\n")
    (corpus / "b.txt").write_text("The bridge opened in 1901.\n")
    cache_file = tmp_path / CACHE_FILE
    first = corpus_hashes(corpus, 20e6, cache := HashCache(cache_file, writable=True))
    cache.save()
    assert sorted(reads) == ["a.txt", "b.txt"]

    reads.clear()
    assert corpus_hashes(corpus, 20e6, HashCache(cache_file, writable=True)) == first  # a new process
    assert reads == []

    # The same size, the modification time put back (as `cp -p`, `rsync -t` or `touch -r` do):
    # the change time still moves, so the file is read and its new hash found.
    st = (corpus / "a.txt").stat()
    (corpus / "a.txt").write_text("The harbour opened in 1851.\n")
    os.utime(corpus / "a.txt", ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (corpus / "a.txt").stat().st_mtime_ns == st.st_mtime_ns
    again = corpus_hashes(corpus, 20e6, HashCache(cache_file, writable=True))
    assert reads == ["a.txt"]
    assert again["a.txt"] == file_sha256("a.txt", (corpus / "a.txt").read_bytes()) != first["a.txt"]
    assert again["b.txt"] == first["b.txt"]


def test_a_damaged_cache_only_means_reading_the_files(tmp_path, reads):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The harbour opened in 1850.\n")
    (tmp_path / CACHE_FILE).write_text('{"a.txt": [[1, 2], ')
    assert corpus_hashes(corpus, 20e6, HashCache(tmp_path / CACHE_FILE, writable=True)) == {
        "a.txt": file_sha256("a.txt", b"The harbour opened in 1850.\n")
    }
    assert reads == ["a.txt"]


def test_a_cache_of_other_keys_is_not_taken(tmp_path, reads):
    """A cache written before a file not read as plain text was keyed by the way it is read holds
    the keys of its bytes alone: each file is read once more."""
    import hashlib
    import json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Harbour\n\nThe harbour opened in 1850.\n")
    st = (corpus / "a.md").stat()
    old = hashlib.sha256((corpus / "a.md").read_bytes()).hexdigest()
    reads.clear()
    stat = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    (tmp_path / CACHE_FILE).write_text(json.dumps({"a.md": [stat, old]}))
    found = corpus_hashes(corpus, 20e6, HashCache(tmp_path / CACHE_FILE, writable=True))
    assert found == {"a.md": file_sha256("a.md", (corpus / "a.md").read_bytes())} != {"a.md": old}
    assert reads == ["a.md", "a.md"]  # hashed here, and read above for the expected key


def test_a_start_and_a_no_op_index_run_read_no_corpus_file(tmp_path, embedder, reads):
    from rag.index.opened import OpenIndex
    from rag.settings import Settings

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    OpenIndex(settings, embedder).update()
    assert (tmp_path / "index" / CACHE_FILE).is_file()

    reads.clear()
    again = OpenIndex(settings, embedder)  # as a new process would
    assert not again.stale()
    report = again.update()
    assert len(report.unchanged) == 3 and report.passages_embedded == 0
    assert not [name for name in reads if name in os.listdir(corpus)]

    # A changed file is read (once: the check and the run share what they hashed) and indexed.
    with open(corpus / BLINKEN, "a", encoding="utf-8") as f:
        f.write("\nA sentence added at the end of the article.\n")
    opened = OpenIndex(settings, embedder)
    assert opened.stale()
    report = opened.update()
    assert report.updated == [BLINKEN]
    assert [name for name in reads if name in os.listdir(corpus)] == [BLINKEN, BLINKEN]  # hashed, then cut
