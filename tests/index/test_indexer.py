"""Indexing: idempotent, incremental, skips broken files, cleans up orphans; Chroma == manifest."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.assistant import Assistant
from rag.index.files import FolderFiles, load_passages
from rag.index.manifest import Manifest
from rag.index.store import VectorStore
from rag.retrieve import HybridRetriever
from tests.conftest import CORPUS

pytestmark = pytest.mark.integration

CARAVAN = "000_fd849027655b63a4.txt"
EBRARD = "001_5a697cbeb227ac85.txt"
BLINKEN = "002_45397eb93afc9b26.txt"
ALL = [CARAVAN, EBRARD, BLINKEN]


def assert_consistent(manifest: Manifest, store: VectorStore, index_dir) -> None:
    """Chroma holds exactly the manifest's passages; texts and vectors exactly its documents."""
    on_disk = Manifest.load(index_dir)
    assert on_disk.passage_ids() == manifest.passage_ids()
    assert store.ids() == manifest.passage_ids()
    assert store.count() == sum(len(d.passages) for d in manifest.documents.values())
    shas = {d.sha256 for d in manifest.documents.values()}
    assert {p.stem for p in (index_dir / "texts").glob("*.txt")} == shas
    assert {p.stem for p in (index_dir / "vectors").glob("*.npy")} == shas
    for d in manifest.documents.values():
        assert len(np.load(index_dir / "vectors" / f"{d.sha256}.npy")) == len(d.sentences)


def ids_of(manifest: Manifest, source: str) -> set[str]:
    return set(manifest.documents[source].passage_ids(source))


def test_second_run_embeds_nothing_and_changes_nothing(assistant):
    s = assistant.settings
    store = VectorStore(s.index_dir / "chroma", s.collection)
    before = Manifest.load(s.index_dir)
    ids_before = store.ids()
    assert ids_before == before.passage_ids()
    generation = assistant.index.generation()

    report = assistant.update_index()

    # Nothing saved either: a new manifest would make every server beside it reload.
    assert assistant.index.generation() == generation

    assert report.passages_embedded == 0
    assert report.unchanged == ALL
    assert (report.added, report.updated, report.removed, report.skipped) == ([], [], [], {})
    assert not report.changed
    after = Manifest.load(s.index_dir)
    assert after.documents == before.documents
    assert store.ids() == ids_before
    assert_consistent(after, store, s.index_dir)


def test_an_up_to_date_index_is_opened_not_rebuilt(assistant):
    s = assistant.settings
    again = Assistant(corpus_dir=s.corpus_dir, index_dir=s.index_dir)
    assert again.last_index_report is None  # nothing to do: no index run at all
    assert [p.id for p in again.passages] == [p.id for p in assistant.passages]


def test_incremental_modify_add_delete(corpus_copy, tmp_path, run_index):
    index = tmp_path / "index"
    report, manifest, store = run_index(corpus_copy, index)
    assert report.added == ALL
    total = sum(len(d.passages) for d in manifest.documents.values())
    assert report.passages_embedded == total
    assert_consistent(manifest, store, index)

    # Modify one file: only its changed passages are embedded; its old passages leave Chroma.
    old_ebrard = ids_of(manifest, EBRARD)
    old_texts = {p.text for p in load_passages(FolderFiles(index), manifest)[0] if p.source == EBRARD}
    kept = ids_of(manifest, CARAVAN) | ids_of(manifest, BLINKEN)
    path = corpus_copy / EBRARD
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Approximately 1,000 Central American migrants")
    path.write_text(text.replace("Approximately 1,000", "Approximately 1,200", 1), encoding="utf-8")

    report, manifest, store = run_index(corpus_copy, index)
    assert report.updated == [EBRARD]
    assert report.unchanged == [CARAVAN, BLINKEN]
    assert (report.added, report.removed) == ([], [])
    passages, _ = load_passages(FolderFiles(index), manifest)
    changed = [p for p in passages if p.source == EBRARD and p.text not in old_texts]
    assert 0 < report.passages_embedded == len(changed) < len(manifest.documents[EBRARD].passages)
    assert report.passages_reused == len(manifest.documents[EBRARD].passages) - len(changed)
    ids = store.ids()
    assert not old_ebrard & ids
    assert kept <= ids
    assert any(p.text.startswith("Approximately 1,200") for p in passages if p.source == EBRARD)
    assert not any("Approximately 1,000" in p.text for p in passages)
    assert_consistent(manifest, store, index)

    # Add a file (in a subfolder): added with exactly its own passages.
    (corpus_copy / "notes").mkdir()
    (corpus_copy / "notes" / "harbour.md").write_text(
        "# Harbour news\n\nThe harbour handled 42,000 containers in March.\n\nThe new crane doubled the speed.\n",
        encoding="utf-8",
    )
    report, manifest, store = run_index(corpus_copy, index)
    assert report.added == ["notes/harbour.md"]
    assert report.unchanged == ALL
    assert manifest.documents["notes/harbour.md"].title == "Harbour news"
    # Its two one-line paragraphs are small: they join into one passage (see chunking.py).
    assert len(manifest.documents["notes/harbour.md"].passages) == 1
    assert len(manifest.documents["notes/harbour.md"].sentences) == 2
    assert report.passages_embedded == 1
    assert_consistent(manifest, store, index)

    # Delete a file: gone from the manifest, from Chroma, and its text from the index folder.
    blinken = manifest.documents[BLINKEN]
    blinken_ids = ids_of(manifest, BLINKEN)
    (corpus_copy / BLINKEN).unlink()
    report, manifest, store = run_index(corpus_copy, index)
    assert report.removed == [BLINKEN]
    assert report.passages_embedded == 0
    assert BLINKEN not in manifest.documents
    assert not blinken_ids & store.ids()
    assert not (index / "texts" / f"{blinken.sha256}.txt").exists()
    assert_consistent(manifest, store, index)
    assert sorted(manifest.documents) == [CARAVAN, EBRARD, "notes/harbour.md"]


GOOD = "Harbour news\n\nThe harbour handled 42,000 containers in March.\n\nThe new crane doubled the speed.\n"


def test_broken_files_are_skipped_naming_them_and_the_rest_indexed(tmp_path, run_index):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "latin1.txt").write_bytes(b"caf\xe9 au lait, cr\xe8me br\xfbl\xe9e.")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary\x00")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.4 garbage")
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n")  # not a supported type: not even looked at
    (corpus / ".hidden.txt").write_text("A hidden file is ignored.", encoding="utf-8")
    (corpus / "boilerplate.txt").write_text("Advertisement\n\nSource link\n", encoding="utf-8")
    broken = {"latin1.txt", "binary.txt", "corrupt.pdf", "empty.md", "boilerplate.txt"}
    index = tmp_path / "index"

    report, manifest, store = run_index(corpus, index)
    assert report.added == ["good.txt"]
    assert set(report.skipped) == broken
    for name, reason in report.skipped.items():
        assert reason.startswith(f"{name}: "), reason
    assert "not valid UTF-8" in report.skipped["latin1.txt"]
    assert "binary" in report.skipped["binary.txt"]
    assert "PDF" in report.skipped["corrupt.pdf"]
    assert "empty" in report.skipped["empty.md"]
    assert "no text left" in report.skipped["boilerplate.txt"]
    assert sorted(manifest.documents) == ["good.txt"]
    assert set(manifest.skipped) == broken
    assert_consistent(manifest, store, index)

    # Unchanged broken files are not retried, but still reported.
    report, manifest, store = run_index(corpus, index)
    assert report.passages_embedded == 0
    assert report.unchanged == ["good.txt"]
    assert set(report.skipped) == broken
    # ... so an Assistant opening this index finds it up to date and runs no index at all.
    assert Assistant(corpus_dir=corpus, index_dir=index).last_index_report is None

    # A repaired file is indexed; a good file that breaks keeps its previous version
    # (tests/index/test_unreadable.py), and leaves the index when it is deleted.
    (corpus / "latin1.txt").write_text("Café au lait, crème brûlée.", encoding="utf-8")
    (corpus / "good.txt").write_bytes(b"caf\xe9")
    report, manifest, store = run_index(corpus, index)
    assert report.added == ["latin1.txt"]
    assert report.removed == []
    assert set(report.skipped) == broken - {"latin1.txt"}
    assert report.kept["good.txt"].startswith("good.txt: not valid UTF-8")
    assert sorted(manifest.documents) == ["good.txt", "latin1.txt"]
    assert_consistent(manifest, store, index)
    (corpus / "good.txt").unlink()
    report, manifest, store = run_index(corpus, index)
    assert report.removed == ["good.txt"]
    assert sorted(manifest.documents) == ["latin1.txt"] and "good.txt" not in manifest.skipped
    assert_consistent(manifest, store, index)

    # A skipped file that is deleted is forgotten.
    (corpus / "corrupt.pdf").unlink()
    report, manifest, store = run_index(corpus, index)
    assert "corrupt.pdf" not in report.skipped and "corrupt.pdf" not in manifest.skipped


ORPHAN = "ffffffffffffffff:0-10"
QUESTION = "How many migrants were in the caravan that Trump attacked Mexico over?"


def test_orphan_vectors_are_ignored_by_retrieval_and_removed_by_the_next_run(tmp_path, run_index, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / CARAVAN, corpus / CARAVAN)
    index = tmp_path / "index"
    report, manifest, store = run_index(corpus, index)

    # As if a run had stored a vector and died before saving the manifest: the vector is the
    # question's own, so Chroma ranks it first.
    qv = embedder.embed([QUESTION])[0]
    store.add([ORPHAN], qv[None, :], [{"source": "ghost.txt", "start": 0, "end": 10}])
    assert store.query(qv, 1)[0][0] == ORPHAN
    assert store.count() == len(manifest.passage_ids()) + 1

    passages, _ = load_passages(FolderFiles(index), manifest)
    hits = HybridRetriever(passages, embedder, store).retrieve(QUESTION, 5)
    assert len(hits) == 5
    assert {h.passage.id for h in hits} <= manifest.passage_ids()

    assistant = Assistant(corpus_dir=corpus, index_dir=index)
    assert assistant.last_index_report is None  # the corpus did not change: no index run
    answer, ranked = assistant.ask_with_passages(QUESTION)
    assert ORPHAN not in {sp.passage.id for sp in ranked}
    assert "1,500" in answer.text
    assert {c.source for c in answer.citations} == {CARAVAN}

    report, manifest, store = run_index(corpus, index)
    assert report.passages_embedded == 0
    assert ORPHAN not in store.ids()
    assert_consistent(manifest, store, index)


def test_changed_chunk_settings_rebuild_the_whole_index(tmp_path, run_index):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / CARAVAN, corpus / CARAVAN)
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    index = tmp_path / "index"
    _, manifest, _ = run_index(corpus, index)
    old_ids = manifest.passage_ids()

    report, manifest, store = run_index(corpus, index, chunk_size=48, chunk_overlap=0)
    assert report.added == [CARAVAN, "good.txt"]  # re-embedded from scratch, not "unchanged"
    assert report.passages_embedded == len(manifest.passage_ids())
    assert manifest.fingerprint["chunk_size"] == 48
    assert len(manifest.documents[CARAVAN].passages) > len(
        [i for i in old_ids if i.startswith(manifest.documents[CARAVAN].sha256[:16])]
    )
    assert_consistent(manifest, store, index)


def test_identical_files_are_two_documents_with_their_own_passages(tmp_path, run_index):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / CARAVAN, corpus / "a.txt")
    shutil.copy(CORPUS / CARAVAN, corpus / "b.txt")
    index = tmp_path / "index"
    report, manifest, store = run_index(corpus, index)
    a, b = ids_of(manifest, "a.txt"), ids_of(manifest, "b.txt")
    assert len(a) == len(b) > 0 and not a & b
    assert_consistent(manifest, store, index)

    # Deleting one copy keeps every vector of the other.
    (corpus / "b.txt").unlink()
    report, manifest, store = run_index(corpus, index)
    assert report.removed == ["b.txt"]
    assert store.ids() == a
    assert_consistent(manifest, store, index)


def test_the_same_bytes_read_two_ways_are_two_documents_each_read_its_own_way(tmp_path, run_index):
    """The same bytes named .html and .txt, and a .txt renamed .rst: keyed by their bytes alone,
    the HTML's extracted text and the text file shared one stored text (the index was "damaged"
    at every start and could not answer), and the renamed file kept its plain-text cut."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = b"<html><body><p>The night porter is Gus Hale.</p></body></html>\n"
    (corpus / "staff.html").write_bytes(page)
    (corpus / "staff.txt").write_bytes(page)
    guide = b"Guide\n=====\n\nThe crane boss is Cal Nye.\n\n.. note::\n\n   The note keeper is Nel Kip.\n"
    (corpus / "guide.txt").write_bytes(guide)
    index = tmp_path / "index"
    report, manifest, store = run_index(corpus, index)
    assert sorted(report.added) == ["guide.txt", "staff.html", "staff.txt"]
    assert_consistent(manifest, store, index)
    files = FolderFiles(index)
    html, txt = (files.load_text(manifest.documents[s].sha256) for s in ("staff.html", "staff.txt"))
    assert html.strip() == "The night porter is Gus Hale." and txt == page.decode()

    (corpus / "guide.txt").rename(corpus / "guide.rst")
    report, manifest, store = run_index(corpus, index)
    assert report.added == ["guide.rst"] and report.removed == ["guide.txt"] and report.passages_reused == 0
    assert_consistent(manifest, store, index)
    texts = [guide.decode()[a:b] for a, b in manifest.documents["guide.rst"].passages]
    assert "The note keeper is Nel Kip." in texts and not any(".. note::" in t for t in texts)

    answer = Assistant(corpus_dir=corpus, index_dir=index).ask("Who is the night porter?")
    assert not answer.refused and "Gus Hale" in answer.text


def test_moved_and_copied_files_take_their_stored_vectors_instead_of_being_embedded(tmp_path, run_index, embedder):
    """A folder reorganised (files moved into a subfolder, one copied) re-embedded everything: an
    hour for 2,000 files. Content the index holds under another name takes its vectors."""
    corpus, index = corpus_of(tmp_path, *ALL)
    _, before, store = run_index(corpus, index)
    was = store.vectors(sorted(ids_of(before, CARAVAN)))

    (corpus / "news").mkdir()
    for name in ALL:
        (corpus / name).rename(corpus / "news" / name)
    shutil.copy(corpus / "news" / CARAVAN, corpus / "copy.txt")
    calls = []
    real = embedder.embed
    embedder.embed = lambda texts, *a, **kw: calls.append(len(texts)) or real(texts, *a, **kw)
    try:
        report, manifest, store = run_index(corpus, index)
    finally:
        del embedder.embed
    moved = [f"news/{name}" for name in ALL]
    assert sorted(report.added) == sorted(["copy.txt", *moved]) and sorted(report.removed) == ALL
    assert report.passages_embedded == 0 and not calls
    assert report.passages_reused == sum(len(manifest.documents[s].passages) for s in report.added)
    assert_consistent(manifest, store, index)
    for source in ("copy.txt", f"news/{CARAVAN}"):
        now = store.vectors(sorted(ids_of(manifest, source)))
        # As stored (Chroma normalises what it is given again: equal to 1e-7, not to the bit).
        assert np.allclose(np.stack([now[k] for k in sorted(now)]), np.stack([was[k] for k in sorted(was)]), atol=1e-6)
        entry, old = manifest.documents[source], before.documents[CARAVAN]
        assert (entry.passages, entry.sentences, entry.title) == (old.passages, old.sentences, old.title)


def corpus_of(tmp_path, *names: str):
    """A corpus folder with these files of corpus/, and the index folder beside it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, corpus / name)
    return corpus, tmp_path / "index"


def test_a_moved_file_whose_stored_vectors_are_gone_is_embedded(tmp_path, run_index):
    corpus, index = corpus_of(tmp_path, CARAVAN, BLINKEN)
    _, manifest, store = run_index(corpus, index)
    store.delete(sorted(ids_of(manifest, CARAVAN))[:2])  # the store lost some of its vectors
    (corpus / CARAVAN).rename(corpus / "moved.txt")

    report, manifest, store = run_index(corpus, index)
    assert report.added == ["moved.txt"] and report.removed == [CARAVAN]
    assert report.passages_embedded == len(manifest.documents["moved.txt"].passages)
    assert report.passages_reused == 0
    assert_consistent(manifest, store, index)


def test_a_run_re_embeds_passages_the_store_lost(tmp_path, run_index):
    corpus, index = corpus_of(tmp_path, CARAVAN, BLINKEN)
    _, manifest, store = run_index(corpus, index)
    lost = sorted(ids_of(manifest, BLINKEN))[:3]
    store.delete(lost)
    assert not set(lost) & store.ids()

    report, manifest, store = run_index(corpus, index)
    assert report.repaired == [BLINKEN]
    assert report.unchanged == [CARAVAN]
    # Only the lost ones: the others are still in the store under the same ids.
    assert (report.passages_embedded, report.passages_reused) == (3, len(manifest.documents[BLINKEN].passages) - 3)
    assert set(lost) <= store.ids()
    assert_consistent(manifest, store, index)


def test_a_batch_that_fails_to_embed_keeps_the_batches_before_it_and_the_next_run_converges(
    tmp_path, run_index, embedder
):
    """Batches are embedded on a worker thread while the next files are cut: a failure there
    reaches the caller, the batches before it stay stored and named, and the next run adds the rest."""
    from rag.index.indexer import Indexer
    from rag.settings import Settings
    from tests.index.test_interrupt import write_corpus

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus, 6)

    class FailsAtThirdBatch:
        """The session's real embedder, failing on its third batch of documents."""

        def __init__(self):
            self.batches = 0

        def embed(self, texts, batch_size=32):
            self.batches += 1
            if self.batches == 3:
                raise RuntimeError("the machine ran out of memory")
            return embedder.embed(texts, batch_size)

        def __getattr__(self, name):
            return getattr(embedder, name)

    settings = Settings(corpus_dir=corpus, index_dir=index, index_batch_passages=5)
    store = VectorStore(settings.index_dir / "chroma", settings.collection)
    with pytest.raises(RuntimeError, match="out of memory"):
        Indexer(settings, FailsAtThirdBatch(), store).run(Manifest.load(index))
    saved = Manifest.load(index)
    assert len(saved.documents) == 2  # the two batches before it (each file, ~10 passages, is a batch)
    assert_consistent(saved, store, index)

    report, manifest, store = run_index(corpus, index, index_batch_passages=5)
    assert len(manifest.documents) == 6 and len(report.added) == 6 - len(saved.documents)
    assert_consistent(manifest, store, index)


def test_a_page_title_of_50000_words_is_cut_to_200_characters(tmp_path, run_index):
    """A page's <title> of 50,000 words went whole into every passage's indexed text and every
    list of documents in the web chat (7 MB per page load); it is cut to 200 characters."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = " ".join(f"word{i}" for i in range(50_000))
    body = "".join(f"<p>The beekeeper Orla Finch keeps {n} hives on the hill above the village.</p>" for n in range(3))
    (corpus / "page.html").write_text(f"<html><head><title>{words}</title></head><body>{body}</body></html>")
    (corpus / "note.txt").write_text("Short Title Here\n\nThe note says the ferry leaves at nine.\n")
    report, manifest, store = run_index(corpus, tmp_path / "index")
    long = manifest.documents["page.html"].title
    assert len(long) <= 201 and long.endswith("…") and long.startswith("word0 word1 ")
    assert manifest.documents["note.txt"].title == "Short Title Here"


@pytest.mark.parametrize("title_changed", [False, True])
def test_an_edit_re_embeds_what_it_changed_and_keeps_the_rest_as_embedded(
    corpus_copy, tmp_path, run_index, embedder, title_changed
):
    """A new version of a file takes the vectors of the passages and sentences whose text it
    keeps (passages only under the same title: it leads their embedding text), and they are
    what embedding its text gives."""
    from rag.index.documents import embedding_text
    from rag.index.indexer import Indexer
    from rag.settings import Settings

    index = tmp_path / "index"
    _, before, _ = run_index(corpus_copy, index)
    old_text = FolderFiles(index).load_text(before.documents[EBRARD].sha256)
    old_sentences = {old_text[a:b] for a, b in before.documents[EBRARD].sentences}
    old_passages = {old_text[a:b] for a, b in before.documents[EBRARD].passages}
    path = corpus_copy / EBRARD
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Approximately 1,000", "Approximately 1,200", 1) + "\n\nOne more line at the end.\n"
    if title_changed:  # a first line set apart is the title
        edited = "Ebrard meets the caravan\n\n" + edited
    path.write_text(edited, encoding="utf-8")

    class Recording:
        """The session's embedder, keeping the texts it is asked to embed."""

        def __init__(self):
            self.texts: list[str] = []

        def embed(self, texts, *args, **kwargs):
            self.texts += texts
            return embedder.embed(texts, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(embedder, name)

    recording = Recording()
    settings = Settings(corpus_dir=corpus_copy, index_dir=index)
    store = VectorStore(index / "chroma", settings.collection)
    manifest = Manifest.load(index)
    report = Indexer(settings, recording, store).run(manifest)

    entry = manifest.documents[EBRARD]
    edited_text = FolderFiles(index).load_text(entry.sha256)
    passages = [p for p in load_passages(FolderFiles(index), manifest)[0] if p.source == EBRARD]
    if title_changed:
        assert (report.passages_embedded, report.passages_reused) == (len(passages), 0)
    else:
        assert 0 < report.passages_embedded < len(passages)
    # The sentences it kept were not embedded again, title or not; each text once (a one-sentence
    # passage of an untitled file is its sentence's text).
    new_sentences = {edited_text[a:b] for a, b in manifest.documents[EBRARD].sentences} - old_sentences
    assert 0 < len(new_sentences) <= 3
    embedded_passages = [
        embedding_text(p.title, p.text) for p in passages if p.text not in old_passages or title_changed
    ]
    assert len(embedded_passages) == report.passages_embedded
    assert sorted(recording.texts) == sorted(set(embedded_passages) | new_sentences)
    stored = store.vectors([p.id for p in passages])
    fresh = embedder.embed([embedding_text(p.title, p.text) for p in passages])
    # Cosine, not equality: the first run embedded the file on the batch runtime (OpenVINO), this
    # check on ONNX Runtime, and the two agree to ~0.99998.
    kept = np.stack([stored[p.id] for p in passages])
    assert (kept * fresh).sum(axis=1).min() > 0.9999
    doc_text = FolderFiles(index).load_text(entry.sha256)
    sentence_vectors = FolderFiles(index).load_vectors(entry.sha256)  # float16, as saved
    alone = embedder.embed([doc_text[a:b] for a, b in entry.sentences])
    assert (sentence_vectors.astype(np.float32) * alone).sum(axis=1).min() > 0.999
    assert_consistent(manifest, store, index)


def test_a_tables_renamed_column_re_embeds_the_passages_of_its_later_rows(tmp_path, run_index, embedder):
    """A passage that begins among a table's rows is embedded under the table's header line
    (rag.index.documents.passage_embedding_text), so its vector depends on that line too: a
    column renamed re-embeds every passage of the table, though only the first holds the
    header. Kept by their text alone, those vectors would still name the old column."""
    from rag.index.documents import passage_embedding_text

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    rows = "\n".join(f"| Person {i} | Team {i % 7} | Room {100 + i} | ext. {2000 + i} |" for i in range(60))
    table = "# Staff\n\nWho sits where.\n\n| Name | Department | Office | Phone |\n|---|---|---|---|\n" + rows
    (corpus / "staff.md").write_text(table + "\n\nUpdated weekly.\n", encoding="utf-8")
    run_index(corpus, index)
    (corpus / "staff.md").write_text(table.replace("Department", "Unit") + "\n\nUpdated weekly.\n", encoding="utf-8")

    report, manifest, store = run_index(corpus, index)

    entry = manifest.documents["staff.md"]
    text = FolderFiles(index).load_text(entry.sha256)
    under_header = [(a, b) for a, b in entry.passages if text.startswith("| Person", a)]
    assert len(under_header) >= 3
    assert report.passages_embedded == len(under_header) + 1  # and the passage holding the header
    assert report.passages_reused == len(entry.passages) - report.passages_embedded
    ids = [p.id for p in load_passages(FolderFiles(index), manifest)[0]]
    stored = store.vectors(ids)
    kept = np.stack([stored[pid] for pid in ids])
    fresh = embedder.embed([passage_embedding_text(entry.title, text, a, b) for a, b in entry.passages])
    assert (kept * fresh).sum(axis=1).min() > 0.9999
    assert all(passage_embedding_text(entry.title, text, a, b).count("| Name | Unit |") == 1 for a, b in under_header)


def test_an_edit_whose_earlier_text_was_changed_on_disk_is_embedded_whole(corpus_copy, tmp_path, run_index):
    """The earlier version's saved text names its passages by offsets: changed since (written
    over with the new version, here), its passages' texts are not what their vectors embed, so
    none of those vectors is taken ("1,200" would have kept the vector of "1,000")."""
    index = tmp_path / "index"
    _, manifest, _ = run_index(corpus_copy, index)
    path = corpus_copy / EBRARD
    edited = path.read_text(encoding="utf-8").replace("Approximately 1,000", "Approximately 1,200", 1)
    (index / "texts" / f"{manifest.documents[EBRARD].sha256}.txt").write_text(edited, encoding="utf-8")
    path.write_text(edited, encoding="utf-8")

    report, manifest, _ = run_index(corpus_copy, index)

    assert report.updated == [EBRARD]
    assert (report.passages_embedded, report.passages_reused) == (len(manifest.documents[EBRARD].passages), 0)


def test_a_file_with_windows_line_ends_is_cut_as_the_same_file_with_newlines(tmp_path, run_index):
    """Saved with "\\r\\n", a reST file lost every ".. note::" body (the "\\r" after "::" made the
    directive a comment, hidden) and a Markdown table became a passage a row. Cut as the same
    file with "\\n", every passage and sentence is the same text, at the document's own offsets."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    docs = Path(__file__).resolve().parents[2] / "eval" / "probes"
    names = ["mddocs/corpus/node_string_decoder.md", "rstdocs/corpus/library_pwd.rst", "mddocs2/corpus/node_timers.md"]
    for name in names:
        text = (docs / name).read_bytes().replace(b"\r\n", b"\n")
        stem, suffix = Path(name).stem, Path(name).suffix
        (corpus / f"{stem}{suffix}").write_bytes(text)
        (corpus / f"{stem}-windows{suffix}").write_bytes(text.replace(b"\n", b"\r\n"))
    notes = "Guide\n=====\n\nThe crane boss is Cal Nye.\n\n.. note::\n\n   The note keeper is Nel Kip.\n"
    (corpus / "guide.rst").write_bytes(notes.encode())
    (corpus / "guide-windows.rst").write_bytes(notes.replace("\n", "\r\n").encode())
    _, manifest, _ = run_index(corpus, tmp_path / "index")
    files = FolderFiles(tmp_path / "index")
    for stem, suffix in [(Path(n).stem, Path(n).suffix) for n in names] + [("guide", ".rst")]:
        unix, windows = manifest.documents[f"{stem}{suffix}"], manifest.documents[f"{stem}-windows{suffix}"]
        u_text, w_text = (files.load_text(d.sha256) for d in (unix, windows))
        assert "\r\n" in w_text and w_text.replace("\r\n", "\n") == u_text
        for kind in ("passages", "sentences"):
            u = [u_text[a:b] for a, b in getattr(unix, kind)]
            w = [w_text[a:b] for a, b in getattr(windows, kind)]
            assert [t.replace("\r\n", "\n") for t in w] == u, (stem, kind)
            assert not any(t.endswith("\r") or t.startswith("\n") for t in w)
        assert unix.title == windows.title
    guide = manifest.documents["guide-windows.rst"]
    assert any("The note keeper is Nel Kip." == notes.replace("\n", "\r\n")[a:b] for a, b in guide.passages)
