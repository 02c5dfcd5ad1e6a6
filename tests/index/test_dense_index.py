"""Exact search over a saved copy of the passage vectors (rag/index/dense_index.py)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.assistant import Assistant
from rag.index.dense_index import DenseIndex
from rag.index.store import VectorStore
from tests.helpers import ANSWERABLE

# Answered from the caravan's sentence ('1,500'): what a start that can answer must answer.
ANSWERED = ANSWERABLE[0][0]

pytestmark = pytest.mark.integration

QUESTIONS = ["How many migrants were in the caravan?", "Who is the US ambassador to Mexico?", "border wall"]


class CountingStore(VectorStore):
    """The real store, counting the vectors read from it."""

    read: list[str]

    def vectors(self, ids):
        self.read = [*getattr(self, "read", []), *ids]
        return super().vectors(ids)


def random_store(tmp_path, n: int, seed: int = 3) -> tuple[VectorStore, list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 384)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    ids = [f"doc.txt:{i}" for i in range(n)]
    store = CountingStore(tmp_path / "chroma", "passages")
    store.add(ids, v, [{"source": "doc.txt"}] * n)
    return store, ids, v


def test_the_exact_search_finds_the_true_nearest_in_order(tmp_path):
    store, ids, v = random_store(tmp_path, 300)
    dense = DenseIndex.of(ids, store)
    assert np.allclose(dense.vectors, v, atol=1e-6)
    q = v[17] + 0.5 * v[42]
    q /= np.linalg.norm(q)
    found = dense.query(q, 10)
    truth = np.argsort(-(v @ q))[:10]
    assert [pid for pid, _ in found] == [ids[i] for i in truth]
    assert [s for _, s in found] == pytest.approx(sorted((v @ q)[truth], reverse=True), abs=1e-5)
    # The store's contract: (id, cosine) nearest first; fewer when it holds fewer.
    assert len(dense.query(q, 1000)) == 300 and DenseIndex([], np.zeros((0, 384), np.float32)).query(q, 5) == []


def test_the_cosines_of_named_passages_are_those_a_search_gives(tmp_path):
    """The convex fusion reads the cosine of a passage BM25 found and the dense search did not
    (rag/retrieve/hybrid.py): from the exact copy, or from the store when it searches alone."""
    store, ids, v = random_store(tmp_path, 50)
    q = v[7] + 0.3 * v[9]
    q /= np.linalg.norm(q)
    searched = dict(store.query(q, 50))
    named = [ids[30], ids[7], ids[2]]
    for search in (store, DenseIndex.of(ids, store)):
        assert search.similarities(q, named) == pytest.approx([searched[i] for i in named], abs=1e-5)
        assert search.similarities(q, []) == []
    # The store searches alone when it lacks vectors the manifest names: those read as 0.0.
    assert store.similarities(q, [ids[7], "doc.txt:gone"]) == pytest.approx([searched[ids[7]], 0.0], abs=1e-5)


def test_a_change_reads_only_the_new_passages_from_the_store(tmp_path):
    store, ids, v = random_store(tmp_path, 50)
    before = DenseIndex.of(ids[:40], store)
    store.read = []
    after = DenseIndex.of(ids[5:], store, previous=before)
    assert store.read == ids[40:]
    assert np.allclose(after.vectors, v[5:], atol=1e-6)


def test_kept_vectors_land_in_their_rows_whatever_order_a_change_leaves(tmp_path):
    """Kept rows are copied in runs of `previous`: runs broken by a removal, a new passage, a
    moved file, a reversed stretch, at either end."""
    store, ids, v = random_store(tmp_path, 60)
    before = DenseIndex.of(ids[:50], store)
    order = [*ids[20:30], ids[55], *ids[0:10][::-1], *ids[12:20], *ids[50:53], *ids[31:50], ids[11]]
    after = DenseIndex.of(order, store, previous=before)
    assert after.ids == order
    assert np.allclose(after.vectors, v[[ids.index(pid) for pid in order]], atol=1e-6)
    assert sorted(store.read[-4:]) == sorted([ids[55], *ids[50:53]])


def test_saved_copy_is_loaded_only_for_the_same_passages_and_damage_means_none(tmp_path):
    store, ids, v = random_store(tmp_path, 20)
    folder = tmp_path / "dense"
    saved = DenseIndex.saved_of(folder, ids, store, None)
    assert np.allclose(np.asarray(saved.vectors), v, atol=1e-6)
    loaded = DenseIndex.load(folder, ids)
    assert loaded is not None and np.array_equal(np.asarray(loaded.vectors), DenseIndex.of(ids, store).vectors)
    assert DenseIndex.load(folder, ids[1:]) is None  # other passages: not this copy
    assert DenseIndex.load(folder).ids == ids  # any passages: the base of the next one
    # The next copy is built from this one, in place of it.
    again = DenseIndex.saved_of(folder, ids[2:], store, DenseIndex.load(folder))
    assert np.array_equal(np.asarray(again.vectors), np.asarray(DenseIndex.load(folder, ids[2:]).vectors))
    assert np.allclose(np.asarray(again.vectors), v[2:], atol=1e-6)
    (folder / "vectors.npy").write_bytes(b"not numpy")
    assert DenseIndex.load(folder, ids[2:]) is None
    (folder / "key.json").unlink()  # an interrupted save writes its key last
    assert DenseIndex.load(folder) is None


def test_a_store_that_lacks_vectors_is_an_error(tmp_path):
    store, ids, _ = random_store(tmp_path, 5)
    with pytest.raises(ValueError, match="lacks 1 passage vectors"):
        DenseIndex.of([*ids, "gone.txt:0"], store)


def test_an_index_saves_its_copy_and_answers_as_the_store_does(corpus_copy, tmp_path):
    index = tmp_path / "index"
    assistant = Assistant(corpus_dir=corpus_copy, index_dir=index)
    assert (index / "dense" / "key.json").is_file()
    dense = assistant.index.dense([p.id for p in assistant.passages])
    assert isinstance(dense, DenseIndex)
    # On a small collection Chroma's search is exact too: both find the same passages.
    for q in QUESTIONS:
        qv = assistant.path.embedder.embed([q])[0]
        exact = dense.query(qv, 10)
        approximate = assistant.index.store.query(qv, 10)
        assert [i for i, _ in exact] == [i for i, _ in approximate]
        assert [s for _, s in exact] == pytest.approx([s for _, s in approximate], abs=1e-4)


def test_a_start_on_an_unchanged_index_reads_no_vector_from_the_store(corpus_copy, tmp_path, monkeypatch):
    index = tmp_path / "index"
    Assistant(corpus_dir=corpus_copy, index_dir=index).index.store.close()

    def no_read(self, ids):
        raise AssertionError(f"read {len(ids)} vectors from the store although the saved copy matches")

    monkeypatch.setattr(VectorStore, "vectors", no_read)
    again = Assistant(corpus_dir=corpus_copy, index_dir=index)
    assert "1,500" in again.ask(ANSWERED).short_answer


@pytest.mark.parametrize("kernel", [True, False])
def test_a_saved_copy_takes_the_kept_rows_from_the_one_before(tmp_path, monkeypatch, kernel):
    """The kept runs reach the new file through the kernel (os.copy_file_range) or, where it
    refuses, through memory: the same rows either way, whatever order a change leaves."""
    import os

    store, ids, v = random_store(tmp_path, 60)
    folder = tmp_path / "dense"
    DenseIndex.saved_of(folder, ids[:50], store, None)
    copied = []
    real = os.copy_file_range

    def copy_file_range(*args):
        if not kernel:
            raise OSError(18, "Invalid cross-device link")
        copied.append(args[2])
        return real(*args)

    monkeypatch.setattr(os, "copy_file_range", copy_file_range)
    order = [*ids[20:30], ids[55], *ids[0:10][::-1], *ids[12:20], *ids[50:53], *ids[31:50], ids[11]]
    after = DenseIndex.saved_of(folder, order, store, DenseIndex.load(folder))
    assert after.ids == order
    assert np.allclose(np.asarray(after.vectors), v[[ids.index(pid) for pid in order]], atol=1e-6)
    assert np.array_equal(np.asarray(DenseIndex.load(folder, order).vectors), np.asarray(after.vectors))
    kept = len([pid for pid in order if pid in ids[:50]])
    assert sum(copied) == kept * 384 * 4 if kernel else not copied  # every kept row, by the kernel

    # A previous copy whose file has moved since it was mapped: through memory.
    previous = DenseIndex.load(folder)
    folder.rename(tmp_path / "moved")
    again = DenseIndex.saved_of(folder, order[::-1], store, previous)
    assert np.allclose(np.asarray(again.vectors), v[[ids.index(pid) for pid in order[::-1]]], atol=1e-6)
