"""The index folder: we only ever delete what we can prove we created (rag/index/location.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rag.errors import IndexLocationError, RagError
from rag.index.location import MARKER, IndexLocation, is_marked
from tests.conftest import CORPUS

BLINKEN = "002_45397eb93afc9b26.txt"
QUESTION = "How many additional Border Patrol agents would Biden's package fund?"


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` -> its bytes (None for a folder): to prove nothing changed."""
    return {p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


def someones_project(folder: Path) -> Path:
    """A folder that is not ours, with a manifest.json that is not ours either."""
    (folder / "src").mkdir(parents=True)
    (folder / "src" / "main.py").write_text("print('precious work')\n")
    (folder / "notes.txt").write_text("do not lose me\n")
    (folder / "manifest.json").write_text('{"name": "my-web-extension", "version": 3}')
    return folder


@pytest.fixture
def one_doc_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / BLINKEN, corpus / BLINKEN)
    return corpus


# ---------------------------------------------------------------------------- unit: claim, clear


@pytest.mark.unit
def test_a_new_folder_is_created_and_marked_with_our_format(tmp_path):
    loc = IndexLocation.claim(tmp_path / "a" / "index", tmp_path / "corpus")
    marker = json.loads((loc.index_dir / MARKER).read_text())
    assert marker == {"created_by": "rag", "format": 1}
    assert is_marked(loc.index_dir)
    assert [p.name for p in loc.index_dir.iterdir()] == [MARKER]  # the write probe left nothing


@pytest.mark.unit
def test_an_empty_folder_is_taken_over(tmp_path):
    (tmp_path / "index").mkdir()
    assert is_marked(IndexLocation.claim(tmp_path / "index", tmp_path / "corpus").index_dir)


@pytest.mark.unit
def test_a_non_empty_folder_without_our_marker_is_refused_and_untouched(tmp_path):
    project = someones_project(tmp_path / "project")
    before = tree(project)
    with pytest.raises(IndexLocationError) as info:
        IndexLocation.claim(project, tmp_path / "corpus")
    message = str(info.value)
    assert str(project) in message and MARKER in message
    assert "Choose a new or empty folder" in message
    assert tree(project) == before


@pytest.mark.unit
@pytest.mark.parametrize("marker", ["", '{"created_by": "ra', "\x00" * 40])
def test_an_index_of_ours_whose_marker_is_damaged_is_adopted(tmp_path, marker):
    """An empty or cut marker (what a power loss leaves) refused the index as not ours at every run
    after (a break-it helper's, session 59)."""
    index = tmp_path / "index"
    for name in ("chroma", "texts", "vectors"):
        (index / name).mkdir(parents=True)
    (index / "manifest.json").write_text('{"format": 1, "fingerprint": {}, "documents": {}}')
    (index / MARKER).write_text(marker)
    assert is_marked(IndexLocation.claim(index, tmp_path / "corpus").index_dir)


@pytest.mark.unit
def test_someones_folder_with_a_file_named_like_our_marker_is_still_refused(tmp_path):
    project = someones_project(tmp_path / "project")
    (project / MARKER).write_text("mine")
    before = tree(project)
    with pytest.raises(IndexLocationError, match="is not rag's"):
        IndexLocation.claim(project, tmp_path / "corpus")
    assert tree(project) == before


@pytest.mark.unit
def test_an_index_of_ours_from_before_the_marker_is_adopted(tmp_path):
    index = tmp_path / "index"
    for name in ("chroma", "texts", "vectors"):
        (index / name).mkdir(parents=True)
    (index / "manifest.json").write_text('{"format": 1, "fingerprint": {}, "documents": {}}')
    assert is_marked(IndexLocation.claim(index, tmp_path / "corpus").index_dir)


@pytest.mark.unit
def test_clear_deletes_only_our_own_entries(tmp_path):
    loc = IndexLocation.claim(tmp_path / "index", tmp_path / "corpus")
    for name in ("chroma", "texts", "vectors"):
        (loc.index_dir / name).mkdir()
        (loc.index_dir / name / "x").write_text("ours")
    (loc.index_dir / "manifest.json").write_text("{damaged")
    (loc.index_dir / "manifest.json.tmp123").write_text("{half")
    (loc.index_dir / "user-notes.txt").write_text("someone put this here")
    (loc.index_dir / "backup").mkdir()

    loc.clear()

    assert sorted(p.name for p in loc.index_dir.iterdir()) == sorted([MARKER, "backup", "user-notes.txt"])


@pytest.mark.unit
def test_clear_refuses_a_folder_that_lost_its_marker(tmp_path):
    loc = IndexLocation.claim(tmp_path / "index", tmp_path / "corpus")
    (loc.index_dir / "manifest.json").write_text("{}")
    (loc.index_dir / MARKER).unlink()
    with pytest.raises(IndexLocationError):
        loc.clear()
    assert (loc.index_dir / "manifest.json").exists()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("index", "corpus", "problem"),
    [
        ("docs", "docs", "is the corpus folder"),
        ("docs/index", "docs", "is inside the corpus folder"),
        ("docs/.rag", "docs", "is inside the corpus folder"),
        ("work", "work/docs", "holds the corpus folder"),
    ],
)
def test_index_and_corpus_must_be_apart(tmp_path, index, corpus, problem):
    (tmp_path / corpus).mkdir(parents=True, exist_ok=True)
    with pytest.raises(IndexLocationError, match=problem) as info:
        IndexLocation.claim(tmp_path / index, tmp_path / corpus)
    assert "choose another index folder" in str(info.value)
    assert not (tmp_path / index / MARKER).exists()


@pytest.mark.unit
def test_index_location_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "index").write_text("a file")
    with pytest.raises(IndexLocationError, match="is a file, not a folder"):
        IndexLocation.claim(tmp_path / "index", tmp_path / "corpus")
    assert (tmp_path / "index").read_text() == "a file"


@pytest.mark.unit
def test_an_unwritable_location_is_a_clear_error(tmp_path):
    # /sys refuses new folders even to root (tests here may run as root, where chmod means nothing).
    with pytest.raises(IndexLocationError, match="Cannot write the index folder /sys/") as info:
        IndexLocation.claim(Path("/sys/rag-test-index"), tmp_path / "corpus")
    assert "permissions were not changed" in str(info.value)


# ---------------------------------------------------------------------------- integration: Assistant


@pytest.mark.integration
def test_assistant_refuses_someones_folder_and_deletes_nothing(one_doc_corpus, tmp_path):
    from rag.assistant import Assistant

    project = someones_project(tmp_path / "project")
    before = tree(project)
    with pytest.raises(IndexLocationError):
        Assistant(corpus_dir=one_doc_corpus, index_dir=project)
    assert tree(project) == before


@pytest.mark.integration
def test_index_equal_to_corpus_is_refused_and_documents_stay(one_doc_corpus):
    from rag.assistant import Assistant

    before = tree(one_doc_corpus)
    with pytest.raises(IndexLocationError, match="is the corpus folder"):
        Assistant(corpus_dir=one_doc_corpus, index_dir=one_doc_corpus)
    assert tree(one_doc_corpus) == before


@pytest.mark.integration
def test_rebuilding_a_damaged_index_keeps_files_that_are_not_ours(one_doc_corpus, tmp_path):
    from rag.assistant import Assistant

    index = tmp_path / "index"
    Assistant(corpus_dir=one_doc_corpus, index_dir=index)
    (index / "README-backup.txt").write_text("the user's own note, next to the index")
    (index / "manifest.json").write_text("{damaged")

    assistant = Assistant(corpus_dir=one_doc_corpus, index_dir=index)

    assert assistant.last_index_report.added == [BLINKEN]
    assert "1,300" in assistant.ask(QUESTION).text
    assert (index / "README-backup.txt").read_text() == "the user's own note, next to the index"
    assert is_marked(index)


@pytest.mark.integration
def test_cli_index_pointing_at_a_file_or_unwritable_place_prints_a_clear_error(one_doc_corpus, tmp_path):
    from tests.test_cli import run

    (tmp_path / "afile").write_text("x")
    for where, says in ((tmp_path / "afile", "is a file, not a folder"), ("/sys/rag-test-index", "Cannot write")):
        r = run("index", "--corpus", str(one_doc_corpus), "--index", str(where))
        assert r.returncode == 2, r.stderr
        assert r.stderr.startswith("error: The index location") or r.stderr.startswith("error: Cannot write")
        assert says in r.stderr
        assert "Traceback" not in r.stderr


@pytest.mark.unit
def test_index_location_error_is_a_rag_error():
    assert issubclass(IndexLocationError, RagError)
