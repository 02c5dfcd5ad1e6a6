"""The word-level indexes (BM25, term statistics) are saved with the index and loaded at start."""

from __future__ import annotations

import pytest

from rag.assistant import Assistant
from rag.index.bm25 import BM25Index
from rag.index.lexical_index import LexicalIndex
from rag.settings import Settings
from tests.helpers import ANSWERABLE

# Answered from the caravan's sentence ('1,500'): what a start that can answer must answer.
ANSWERED = ANSWERABLE[0][0]

pytestmark = pytest.mark.integration

QUESTIONS = [
    "How many migrants were in the caravan?",
    "Who is the US ambassador to Mexico?",
    "the of and",  # stop words only: BM25 finds nothing, and says so without failing
    "Salazar 2023 Tijuana border wall",
]


def rankings(index: BM25Index) -> list[list[str]]:
    return [index.search(q, 20) for q in QUESTIONS]


def test_a_start_loads_the_saved_word_indexes_and_a_change_rebuilds_them(corpus_copy, tmp_path, monkeypatch):
    index = tmp_path / "index"
    first = Assistant(corpus_dir=corpus_copy, index_dir=index)
    assert (index / "lexical" / "key.json").is_file()
    built = LexicalIndex.build(first.passages)

    # An unchanged index: loaded, never built. The loaded one ranks and counts as a fresh build.
    def no_build(passages):
        raise AssertionError("built again although the saved one matches")

    with monkeypatch.context() as m:
        m.setattr(LexicalIndex, "build", staticmethod(no_build))
        again = Assistant(corpus_dir=corpus_copy, index_dir=index)
        loaded = again.index.lexical(again.passages)
    assert rankings(loaded.bm25) == rankings(built.bm25)
    assert rankings(loaded.bm25)[0]  # it finds something
    assert loaded.stats.n == built.stats.n and loaded.stats.df == built.stats.df
    assert again.ask(QUESTIONS[0]).text == first.ask(QUESTIONS[0]).text

    # A changed corpus changes the passages: the saved indexes no longer match and are rebuilt.
    (corpus_copy / "lighthouse.txt").write_text(
        "The Punta Mita lighthouse\n\nIts keeper is Aurelio Sandoval, who has kept it since 1994.\n",
        encoding="utf-8",
    )
    changed = Assistant(corpus_dir=corpus_copy, index_dir=index)
    assert LexicalIndex.load(index / "lexical", first.passages) is None
    assert LexicalIndex.load(index / "lexical", changed.passages) is not None
    # built from the kept words of the passages that stayed: the same as built from scratch
    assert (index / "lexical" / "tokens-bm25-values.npy").is_file()
    kept, fresh = changed.index.lexical(changed.passages), LexicalIndex.build(changed.passages)
    assert rankings(kept.bm25) == rankings(fresh.bm25) and kept.stats.df == fresh.stats.df
    assert any(sp.passage.source == "lighthouse.txt" for sp in changed.retrieve("Who keeps the Punta Mita lighthouse?"))


def test_damaged_saved_word_indexes_are_built_again(corpus_copy, tmp_path):
    index = tmp_path / "index"
    first = Assistant(corpus_dir=corpus_copy, index_dir=index)
    expected = first.ask(QUESTIONS[0]).text
    for path in (index / "lexical" / "bm25").iterdir():
        path.write_bytes(b"not what bm25s wrote")
    again = Assistant(corpus_dir=corpus_copy, index_dir=index)
    assert again.ask(QUESTIONS[0]).text == expected
    assert LexicalIndex.load(index / "lexical", again.passages) is not None  # saved anew


def test_damaged_kept_words_mean_reading_every_passage_again(corpus_copy, tmp_path):
    index = tmp_path / "index"
    Assistant(corpus_dir=corpus_copy, index_dir=index)
    (index / "lexical" / "tokens-bm25-values.npy").write_bytes(b"not what numpy wrote")
    (corpus_copy / "lighthouse.txt").write_text(
        "The Punta Mita lighthouse keeper is Aurelio Sandoval.\n", encoding="utf-8"
    )
    changed = Assistant(corpus_dir=corpus_copy, index_dir=index)
    kept, fresh = changed.index.lexical(changed.passages), LexicalIndex.build(changed.passages)
    assert rankings(kept.bm25) == rankings(fresh.bm25) and kept.stats.df == fresh.stats.df
    assert LexicalIndex.saved_tokens(index / "lexical") is not None  # saved whole again


def test_a_read_only_assistant_never_writes_its_folder(corpus_copy, tmp_path):
    index = tmp_path / "index"
    Assistant(corpus_dir=corpus_copy, index_dir=index)
    for path in sorted((index / "lexical").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (index / "lexical").rmdir()
    before = sorted(p.relative_to(index) for p in index.rglob("*") if "chroma" not in p.parts)

    reader = Assistant(settings=Settings(corpus_dir=corpus_copy, index_dir=index, read_only=True))
    assert "1,500" in reader.ask(ANSWERED).short_answer
    after = sorted(p.relative_to(index) for p in index.rglob("*") if "chroma" not in p.parts)
    assert after == before  # the word indexes were built in memory, not saved


def test_rag_index_leaves_word_indexes_that_the_next_start_loads(corpus_copy, tmp_path, monkeypatch, capsys):
    from rag.cli import main

    index = tmp_path / "index"
    assert main(["index", "--corpus", str(corpus_copy), "--index", str(index)]) == 0
    assert "3 added" in capsys.readouterr().out

    def no_build(passages):
        raise AssertionError("the start built the word indexes that `rag index` should have saved")

    monkeypatch.setattr(LexicalIndex, "build", staticmethod(no_build))
    assistant = Assistant(corpus_dir=corpus_copy, index_dir=index)
    assert assistant.last_index_report is None
    assert "1,500" in assistant.ask(ANSWERED).short_answer


def test_a_change_saves_its_word_indexes_while_its_last_batch_is_embedded(corpus_copy, tmp_path, monkeypatch):
    """The index run itself leaves word indexes that match its manifest, built beside the
    embedding from the kept words and the changed file's passages alone (no text is read again):
    the same rankings as built from scratch."""
    from rag.index import opened as opened_module
    from rag.index.embedder import Embedder
    from rag.index.opened import OpenIndex

    index = tmp_path / "index"
    Assistant(corpus_dir=corpus_copy, index_dir=index)
    (corpus_copy / "lighthouse.txt").write_text(
        "The Punta Mita lighthouse\n\nIts keeper is Aurelio Sandoval, who has kept it since 1994.\n",
        encoding="utf-8",
    )
    settings = Settings(corpus_dir=corpus_copy, index_dir=index)
    opened = OpenIndex(settings, Embedder.configured(settings))
    seen: list[tuple[list[str], list[str]]] = []
    beside = opened.save_lexical_of

    def watched(ids, fresh):
        seen.append((ids, sorted({p.source for p in fresh.values()})))
        beside(ids, fresh)

    def no_texts(*args):
        raise AssertionError("every text read again")

    with monkeypatch.context() as m:
        m.setattr(opened, "save_lexical_of", watched)
        m.setattr(opened_module, "load_passages", no_texts)
        m.setattr(LexicalIndex, "build", staticmethod(no_texts))
        opened.update()
    ids = opened.manifest.passage_ids_in_order()
    assert seen == [(ids, ["lighthouse.txt"])]
    assert LexicalIndex.saved_for(index / "lexical", ids)  # before save_search, which has nothing left to do
    passages = opened.contents().passages
    saved, fresh = LexicalIndex.load(index / "lexical", passages), LexicalIndex.build(passages)
    assert rankings(saved.bm25) == rankings(fresh.bm25) and saved.stats.df == fresh.stats.df
    assert saved.bm25.search("Who keeps the Punta Mita lighthouse?", 3)


def test_a_reload_frees_the_query_path_it_replaces(corpus_copy, tmp_path):
    """Loading pauses the garbage collector (rag/index/bulk.py) but freezes nothing: the query
    path holds reference cycles, and frozen ones outlived every reload of a server (each upload
    kept the whole previous index in memory)."""
    import gc
    import weakref

    assistant = Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    assert "1,500" in assistant.ask(ANSWERED).short_answer
    before = weakref.ref(assistant.path)
    assistant.index.reopen()
    assistant._load()  # what reload_if_changed does after another process saved the index
    gc.collect()
    assert before() is None
    assert gc.isenabled()
