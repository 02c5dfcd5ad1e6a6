"""The Python API checks what it is given as the command line does: a question's top_k, the
settings of with_settings() and the folders given to Assistant()."""

from __future__ import annotations

import math

import pytest

from rag.assistant import Assistant
from rag.errors import RagError, SettingsError
from tests.helpers import ANSWERABLE

pytestmark = pytest.mark.integration

QUESTION = ANSWERABLE[0][0]
BAD_TOP_K = [
    (0, "greater than or equal to 1"),  # was taken for "not given"
    (-1, "greater than or equal to 1"),  # answered
    (51, "less than or equal to 50"),
    (1000, "less than or equal to 50"),  # answered
    ("3", "a valid integer"),  # a TypeError from inside ranking
    (2.5, "a valid integer"),
    (True, "a valid integer"),  # a bool is no number of passages
]


@pytest.mark.parametrize(("top_k", "said"), BAD_TOP_K, ids=[repr(k) for k, _ in BAD_TOP_K])
def test_a_questions_top_k_outside_the_settings_bounds_is_refused(assistant, top_k, said):
    calls = {
        "ask": lambda: assistant.ask(QUESTION, top_k=top_k),
        "ask_with_passages": lambda: assistant.ask_with_passages(QUESTION, top_k=top_k),
        "chat": lambda: assistant.chat(QUESTION, [], top_k=top_k),
        "retrieve": lambda: assistant.retrieve(QUESTION, top_k=top_k),
        "ask_stream": lambda: next(assistant.ask_stream(QUESTION, top_k=top_k)),
    }
    for name, call in calls.items():
        with pytest.raises(SettingsError, match=rf"^top_k = {top_k!r}: Input should be {said}") as info:
            call()
        assert isinstance(info.value, RagError), name


def test_a_questions_top_k_within_bounds_is_used(assistant):
    assert len(assistant.retrieve(QUESTION, top_k=1)) == 1
    assert len(assistant.retrieve(QUESTION, top_k=None)) == assistant.settings.top_k


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"top_k": 0}, "Invalid settings: top_k = 0: Input should be greater than or equal to 1"),
        ({"decide": "bogus"}, "Invalid settings: decide = 'bogus': Input should be 'evidence', 'checked' or 'reader'"),
        ({"rrf_k": -10}, "Invalid settings: rrf_k = -10: Input should be greater than or equal to 0"),
        ({"bm25_weight": math.nan}, "Invalid settings: bm25_weight = nan: Input should be a finite number"),
        ({"topk": 3}, "'topk' is not a setting (did you mean 'top_k'?)"),
    ],
)
def test_with_settings_validates_as_settings_are_read(assistant, changes, said):
    """model_copy(update=...) checked nothing: top_k=0 refused every question, a bogus `decide`
    or a negative rrf_k were kept, and a misspelt name was silently ignored."""
    with pytest.raises(SettingsError) as info:
        assistant.with_settings(**changes)
    assert str(info.value).startswith(said)


def test_with_settings_keeps_the_folders_and_changes_what_it_is_given(assistant):
    twin = assistant.with_settings(top_k=2, decide="checked")
    assert (twin.settings.top_k, twin.settings.decide) == (2, "checked")
    assert twin.settings.model_dump(exclude={"top_k", "decide"}) == assistant.settings.model_dump(
        exclude={"top_k", "decide"}
    )
    assert len(twin.retrieve(QUESTION)) == 2


@pytest.mark.parametrize("folder", ["index_dir", "corpus_dir"])
def test_an_empty_folder_name_is_refused_not_taken_for_the_current_folder(corpus_copy, tmp_path, monkeypatch, folder):
    # Assistant(index_dir="") built an index in the current folder.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    given = {"corpus_dir": corpus_copy, "index_dir": tmp_path / "index", folder: ""}
    with pytest.raises(SettingsError, match=rf"^Invalid settings: {folder} = '': it is set but empty"):
        Assistant(**given)
    assert list(work.iterdir()) == []


def test_with_settings_fuses_with_the_settings_it_is_given(assistant):
    """with_settings(rrf_k=…, bm25_weight=…, candidates=…) kept the retriever built with the old
    values: it was validated, and ranked as before."""
    dense_only = assistant.with_settings(bm25_weight=0.0, rrf_k=0, candidates=3)
    fused = assistant.path.retriever.retrieve(QUESTION, 20)
    alone = dense_only.path.retriever.retrieve(QUESTION, 20)
    # Three dense candidates count; BM25's, weighted 0, add nothing.
    assert len([sp for sp in alone if sp.score > 0]) == 3 and all(sp.dense is None for sp in alone[3:])
    assert alone[0].score == 1.0  # 1 / (0 + 1): the first dense passage, weighted alone
    assert [sp.passage.id for sp in assistant.path.retriever.retrieve(QUESTION, 20)] == [sp.passage.id for sp in fused]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            {"corpus_dir": "SETTINGS"},
            r"^corpus_dir must be a folder's name \(a str or a Path\), not an object of type Settings\. Give settings by name: Assistant\(settings=\.\.\.\)\.$",
        ),
        ({"index_dir": 3}, r"^index_dir must be a folder's name \(a str or a Path\), not an object of type int\.$"),
        ({"settings": {"top_k": 3}}, r"^settings must be a rag.settings.Settings, not an object of type dict"),
    ],
)
def test_arguments_of_the_wrong_kind_are_named(corpus_copy, tmp_path, given, said):
    """Assistant(Settings(...)) took the settings for the corpus folder: "The corpus folder
    corpus_dir=PosixPath('corpus') index_dir=... does not exist"."""
    from rag.settings import Settings

    if given.get("corpus_dir") == "SETTINGS":
        given = {"corpus_dir": Settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")}
    with pytest.raises(SettingsError, match=said):
        Assistant(**given)
    assert not (tmp_path / "index").exists()


def test_a_files_data_must_be_bytes(assistant):
    """add_document("d.txt", "text") was "TypeError: Strings must be encoded before hashing" and a
    memoryview "'memoryview' object has no attribute 'strip'", from deep inside."""
    from rag.errors import LoadError

    with pytest.raises(
        LoadError, match=r"^d\.txt: give the file's bytes \(text\.encode\('utf-8'\) for text\), not a str\.$"
    ):
        assistant.prepare_document("d.txt", "The quay was rebuilt in 1904.")
    with pytest.raises(LoadError, match=r"^d\.txt: give the file's bytes, not a NoneType\.$"):
        assistant.add_document("d.txt", None)
    # A name that is no text was an AttributeError (a break-it helper's, session 59).
    for name in (None, b"d.txt", "  "):
        with pytest.raises(LoadError, match=r"^Give the file's name as text"):
            assistant.add_document(name, b"The quay was rebuilt in 1904.\n")
    data = b"The quay of Tollmouth was rebuilt in 1904 after the storm.\n"
    for given in (memoryview(data), bytearray(data)):
        assert assistant.prepare_document("d.txt", given).data == data  # read, nothing written


@pytest.mark.parametrize("folder", ["index_dir", "corpus_dir"])
def test_a_folder_name_with_a_nul_is_refused_saying_so(corpus_copy, tmp_path, folder):
    """ "embedded null byte" was a ValueError traceback from the first use of the path (a break-it
    helper's, session 61)."""
    given = {"corpus_dir": corpus_copy, "index_dir": tmp_path / "index", folder: f"{tmp_path}/x\x00y"}
    with pytest.raises(SettingsError, match=rf"^Invalid settings: {folder} = .*: it holds a NUL character"):
        Assistant(**given)


def test_fewer_candidates_than_passages_asked_still_give_the_passages_asked(assistant):
    """candidates=1 with top_k=5 ranked one passage, and an answer cited from it alone (a break-it
    helper's, session 61): a question is ranked among at least as many candidates as it asks for."""
    narrow = assistant.with_settings(candidates=1, top_k=5)
    assert len(narrow.retrieve(QUESTION)) == 5
    assert len(assistant.with_settings(candidates=3).retrieve(QUESTION, top_k=8)) == 8


def test_a_document_is_named_as_a_path_in_the_corpus_folder_writes_it(assistant):
    """document_text("./a.txt") said "no such document in the index" though a.txt was indexed (a
    break-it helper's, session 61)."""
    source = assistant.documents()[0].source
    text = assistant.document_text(source)
    assert assistant.document_text(f"./{source}") == text
    assert assistant.document_text(f".//{source}") == text


def test_an_earlier_turn_longer_than_a_question_is_not_retrieved_with(assistant):
    """A 7 MB earlier turn went into retrieval whole, joined to the follow-up (11.8 s to answer,
    a break-it helper's, session 61): a turn over max_question_chars was never a question here."""
    from tests.ingest.test_long_blanks import deadline

    long_turn = {"role": "user", "content": "caravan " * 3_000_000}  # here: 50 s before, 0.5 s now
    with deadline(15):
        assistant.chat("When did it leave?", history=[long_turn])
