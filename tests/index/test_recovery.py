"""A damaged index is derived data: the Assistant rebuilds it from the corpus and answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.index.location import MARKER
from rag.index.manifest import Manifest
from rag.index.store import VectorStore
from tests.conftest import CORPUS

pytestmark = pytest.mark.integration

BLINKEN = "002_45397eb93afc9b26.txt"
QUESTION = "How many additional Border Patrol agents would Biden's package fund?"


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder):
    """A one-document corpus and its index, built once; each test damages its own copy."""
    from rag.index.indexer import Indexer
    from rag.settings import Settings

    root = tmp_path_factory.mktemp("recovery")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    s = Settings(corpus_dir=corpus, index_dir=root / "index")
    Indexer(s, embedder, VectorStore(s.index_dir / "chroma", s.collection)).run(Manifest.load(s.index_dir))
    return corpus, s.index_dir


def _garbage_manifest(index):
    (index / "manifest.json").write_text("{not json at all", encoding="utf-8")


def _old_format_manifest(index):
    (index / "manifest.json").write_text('{"format": 0, "documents": {}}', encoding="utf-8")


def _no_index_dir(index):
    shutil.rmtree(index)


def _no_texts(index):
    shutil.rmtree(index / "texts")


def _no_vectors(index):
    shutil.rmtree(index / "vectors")


def _garbage_chroma(index):
    (index / "chroma" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)


# Pages of this index's chroma.sqlite3 whose damage makes Chroma's Rust core panic on open
# (pyo3's PanicException derives from BaseException, past every `except Exception`).
PANIC_PAGES = (36864, 40960)


def _garbage_inside_chroma(index):
    db = index / "chroma" / "chroma.sqlite3"
    data = bytearray(db.read_bytes())
    for offset in PANIC_PAGES:
        data[offset : offset + 4096] = b"garbage!" * 512
    db.write_bytes(bytes(data))


def _overwritten_text(index):
    # Same length, other words: offsets still fit, but every citation would quote nonsense.
    (text,) = (index / "texts").glob("*.txt")
    old = text.read_text(encoding="utf-8")
    text.write_text("".join("x" if ch.isalpha() else ch for ch in old), encoding="utf-8")


def _no_chroma(index):
    shutil.rmtree(index / "chroma")


def _empty_chroma(index):
    store = VectorStore(index / "chroma", "passages")
    store.reset()
    store.close()


@pytest.mark.parametrize(
    "damage",
    [
        _garbage_manifest,
        _old_format_manifest,
        _no_index_dir,
        _no_texts,
        _no_vectors,
        _garbage_chroma,
        _garbage_inside_chroma,
        _overwritten_text,
        _no_chroma,
        _empty_chroma,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_damaged_index_is_rebuilt_and_answers(built, tmp_path, damage):
    corpus, good_index = built
    index = tmp_path / "index"
    shutil.copytree(good_index, index)
    damage(index)

    assistant = Assistant(corpus_dir=corpus, index_dir=index)

    report = assistant.last_index_report
    # Rebuilt from scratch (added), or only the vectors embedded again (repaired).
    assert report is not None and report.added + report.repaired == [BLINKEN]
    answer = assistant.ask(QUESTION)
    assert not answer.refused
    assert "1,300" in answer.text
    assert answer.citations[0].source == BLINKEN
    manifest = Manifest.load(index)
    store = VectorStore(index / "chroma", "passages")
    assert store.ids() == manifest.passage_ids()
    assert len(assistant.passages) == store.count() > 0

    # The rebuilt index is whole: the next start opens it without an index run.
    again = Assistant(corpus_dir=corpus, index_dir=index)
    assert again.last_index_report is None
    assert "1,300" in again.ask(QUESTION).text


def test_the_garbage_inside_chroma_really_makes_it_panic(built, tmp_path):
    """The premise of the garbage_inside_chroma case: without our guard, opening the store
    raises a PanicException (a BaseException), not an Exception."""
    import chromadb

    from rag.index.store import forget

    _, good_index = built
    index = tmp_path / "index"
    shutil.copytree(good_index, index)
    _garbage_inside_chroma(index)
    try:
        with pytest.raises(BaseException) as info:
            chromadb.PersistentClient(path=str(index / "chroma")).get_collection("passages").count()
    finally:
        forget(index / "chroma")
    assert type(info.value).__name__ == "PanicException"
    assert not isinstance(info.value, Exception)


def test_only_documents_whose_vectors_are_missing_are_embedded_again(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    caravan = "000_fd849027655b63a4.txt"
    for name in (caravan, BLINKEN):
        shutil.copy(CORPUS / name, corpus / name)
    first = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    doc = first.index.manifest.documents[BLINKEN]
    first.index.store.delete(doc.passage_ids(BLINKEN))  # lost from the store
    first.index.store.close()

    again = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")

    report = again.last_index_report
    assert report is not None and report.repaired == [BLINKEN] and report.unchanged == [caravan]
    assert report.passages_embedded == len(doc.passages)
    assert again.index.store.ids() == again.index.manifest.passage_ids()
    assert "1,300" in again.ask(QUESTION).text


def test_a_panicking_store_raises_index_damaged_a_rag_error(built, tmp_path):
    from rag.errors import IndexDamaged, RagError
    from rag.index.store import forget

    _, good_index = built
    index = tmp_path / "index"
    shutil.copytree(good_index, index)
    _garbage_inside_chroma(index)
    with pytest.raises(IndexDamaged) as info:
        VectorStore(index / "chroma", "passages")
    forget(index / "chroma")
    assert isinstance(info.value, RagError)
    assert str(info.value).startswith(f"The vector store in {index / 'chroma'} is damaged (")
    assert "Run `rag index` to rebuild it" in str(info.value)


def test_an_index_folder_deleted_under_a_running_assistant_is_rebuilt(tmp_path):
    """`rm -rf` of the index while `rag serve` runs: the next question (which checks for another
    process's changes first) rebuilds it from the corpus and answers. It was an IndexDamaged
    error at every question until someone ran `rag index`."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    before = assistant.ask(QUESTION)
    shutil.rmtree(tmp_path / "index")

    assert assistant.reload_if_changed()
    after = assistant.ask(QUESTION)
    assert not after.refused and after.text == before.text
    assert Manifest.load(tmp_path / "index").documents.keys() == {BLINKEN}


def test_an_emptied_saved_file_is_damage_not_a_crash(built, tmp_path):
    """A file cut to nothing, as a power loss leaves one whose data never reached the disk: a 0-byte
    .npy raised numpy's EOFError at every question and `rag index` never repaired it, and a 0-byte
    marker refused the folder as not ours (a break-it helper's, session 59). Each saved array and
    the marker, emptied in turn: the assistant answers."""
    corpus, good_index = built
    opened = tmp_path / "opened"
    shutil.copytree(good_index, opened)
    Assistant(corpus_dir=corpus, index_dir=opened)  # saves the word indexes and the vectors' copy
    emptied = sorted(p.relative_to(opened) for p in opened.rglob("*.npy")) + [Path(MARKER)]
    assert {p.parts[0] for p in emptied} >= {"vectors", "dense", "lexical", MARKER}
    for name in emptied:
        index = tmp_path / f"cut-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(opened, index)
        (index / name).write_bytes(b"")
        answer = Assistant(corpus_dir=corpus, index_dir=index).ask(QUESTION)
        assert "1,300" in answer.text, name
