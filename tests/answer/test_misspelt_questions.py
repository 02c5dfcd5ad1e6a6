"""A question with a typing slip is answered as if spelt right, and says how it was read."""

from __future__ import annotations

import pytest

from tests.answer.test_accented_names import FILES
from tests.helpers import assistant_over

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("slips"), FILES)


@pytest.mark.parametrize(
    ("question", "short", "note"),
    [
        # Was "The town" (the reader at 56%, no doubt noted): no passage holds "mayr".
        ("Who was elected mayr of Rio Claro?", "Begoña Ibáñez", "Read “mayr” as “mayor”"),
        ("what did the tresurer say about the budget", "4 percent", "Read “tresurer” as “treasurer”"),
    ],
)
def test_a_slip_is_read_as_the_corpus_word(assistant, question, short, note):
    answer = assistant.ask(question)
    assert not answer.refused and short in answer.short_answer
    assert answer.notes[0].startswith(note)


def test_a_question_spelt_right_is_asked_as_typed(assistant):
    answer = assistant.ask("Who was elected mayor of Río Claro?")
    assert "Begoña Ibáñez" in answer.short_answer
    assert not any(note.startswith("Read “") for note in answer.notes)


def test_the_stream_and_the_chat_read_it_too(assistant):
    *_, final = assistant.ask_stream("Who was elected mayr of Rio Claro?")
    assert "Begoña Ibáñez" in final.answer.short_answer and final.answer.notes[0].startswith("Read “mayr”")
    history = [("When did the covered market reopen?", "2016")]
    followed = assistant.chat("And who was elected mayr?", history)
    assert "Begoña Ibáñez" in followed.short_answer
