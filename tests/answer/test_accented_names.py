"""Names written with accents, asked with or without them: the word evidence read "Begoña Ibáñez"
as "Bego", so a question asking for her by role found no person and was refused, and a question
typed without accents ("Rio Claro", "Alvaro Pena") matched none of the story's words."""

from __future__ import annotations

import pytest

from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

# An invented story.
FILES = {
    "council.txt": "Río Claro elects a new council\n\n"
    "The town of Río Claro held its council election on 3 May 2015.\n\n"
    "Begoña Ibáñez, a former teacher, was elected mayor of Río Claro with 54 percent of the vote.\n\n"
    "Her deputy is Joaquín Núñez, who ran the town's water board for ten years.\n\n"
    "The council's treasurer, Álvaro Peña, said the budget would rise by 4 percent.\n",
    "market.txt": "Market reopens\n\nThe covered market of Río Claro reopened in 2016 after repairs to "
    "its roof. Traders sell fruit and fish every morning.\n",
    "ferry.txt": "Last crossing\n\nThe old ferry, run by the Castaño family for forty years, will make its last "
    "crossing on 30 April. Rosario Castaño, 71, said she would miss the river but not the early mornings.\n",
}
ANSWERED = {
    "Who was elected mayor of Río Claro?": "Begoña Ibáñez",
    "Who was elected mayor of Rio Claro?": "Begoña Ibáñez",
    "Who is the deputy mayor?": "Joaquín Núñez",
    "What did Alvaro Pena say?": "4 percent",
    "When was Río Claro’s council election held?": "3 May 2015",  # a phone's apostrophe: was refused
    "When did the covered market reopen?": "2016",
    # A family is named by one capitalised word: refused, when a person's answer needed two.
    "Who ran the ferry for forty years?": "Castaño family",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("accents"), FILES)


@pytest.mark.parametrize("question", list(ANSWERED))
def test_asked_with_or_without_accents_the_story_answers(assistant, question):
    answer = assistant.ask(question)
    assert not answer.refused, answer.notes
    assert ANSWERED[question] in answer.short_answer
    assert answer.citations and answer.citations[0].source in set(FILES)


@pytest.mark.parametrize("question", ["Who is Begoña Ibáñez?", "who is begona ibanez?"])
def test_asked_who_she_is_the_answer_says_what_she_is_and_is_not_marked_as_naming_no_one(assistant, question):
    answer = assistant.ask(question)
    assert "teacher" in answer.short_answer
    assert not any("names no one" in note for note in answer.notes)


def test_asked_who_she_is_a_bare_number_is_no_short_answer(assistant):
    """ "Who is Rosario Castaño?" was answered "71" (her age) before her sentence."""
    answer = assistant.ask("Who is Rosario Castaño?")
    assert not answer.refused and answer.short_answer is None
    assert "Rosario Castaño, 71, said" in answer.text


def test_asked_of_a_year_the_story_does_not_give_the_answer_says_so(assistant):
    """ "Who was elected mayor of Río Claro in 2019?" was answered from the story of 2015, its
    sentence naming no year, with nothing to tell the user."""
    answer = assistant.ask("Who was elected mayor of Río Claro in 2019?")
    assert (
        "the question asks about 2019; the quoted sentence names no year, and its document speaks of 2015"
        in (answer.notes[0])
    )
    assert not any("asks about" in note for note in assistant.ask("Who was elected mayor of Río Claro in 2015?").notes)


def test_words_saved_by_an_earlier_version_are_read_again_and_the_vectors_kept(tmp_path, monkeypatch):
    """Word indexes saved by an earlier way of reading words are not loaded, and their kept words
    are not reused: the next start reads the words again, and embeds nothing."""
    import json

    from rag.index import lexical_index, tokens
    from rag.index.embedder import Embedder
    from rag.index.lexical_index import LexicalIndex

    with monkeypatch.context() as m:
        m.setattr(lexical_index, "WORDS_VERSION", 1)
        m.setattr(tokens, "WORDS_VERSION", 1)
        before = assistant_over(tmp_path, FILES)
    folder = tmp_path / "index" / "lexical"
    assert json.loads((folder / "tokens.json").read_text(encoding="utf-8"))["version"] == 1
    assert LexicalIndex.load(folder, before.passages) is None
    assert LexicalIndex.saved_tokens(folder) is None

    def no_embedding(*args, **kwargs):
        raise AssertionError("embedded again")

    from rag.assistant import Assistant
    from rag.settings import Settings

    with monkeypatch.context() as m:
        m.setattr(Embedder, "embed", no_embedding)
        m.setattr(Embedder, "embed_with_spans", no_embedding)
        after = Assistant(settings=Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index"))
    assert LexicalIndex.load(folder, after.passages) is not None  # saved anew, by this version
    assert "Begoña Ibáñez" in after.ask("Who was elected mayor of Rio Claro?").short_answer
