"""A conversation's history, as callers give it (rag/chat.py)."""

from __future__ import annotations

import pytest

from rag.chat import checked_history, condense, standalone
from rag.errors import BadQuestion


@pytest.mark.unit
def test_the_forms_of_a_history_read_as_the_same_messages():
    said = [
        {"role": "user", "content": "Who is the lighthouse keeper?"},
        {"role": "assistant", "content": "Oskar Vint."},
    ]
    parts = [
        {"role": "user", "content": [{"type": "text", "text": "Who is the lighthouse keeper?"}, {"type": "image_url"}]},
        {"role": "assistant", "content": "Oskar Vint."},
    ]
    pairs = [("Who is the lighthouse keeper?", "Oskar Vint.")]
    assert checked_history(said) == checked_history(parts) == checked_history(pairs) == said
    assert checked_history(None) == [] and checked_history([]) == []


@pytest.mark.unit
def test_a_turns_text_is_cleaned_as_a_question_is():
    """Half a character was a TypeError from the tokenizer; an escape sequence was a turn of "2J"
    that changed the answer; a turn with no text left is none."""
    history = [
        {"role": "user", "content": "Who is the keeper?\ud800"},
        {"role": "user", "content": "\x1b[2J"},
        {"role": "assistant", "content": None},
    ]
    assert checked_history(history) == [{"role": "user", "content": "Who is the keeper??"}]
    assert condense("Where does he live?", checked_history(history)) == "Who is the keeper?? Where does he live?"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("history", "said"),
    [
        ("Who is the keeper?", "The history must be a list of"),
        ({"role": "user", "content": "Who is the keeper?"}, "The history must be a list of"),
        ([{"role": "user", "content": 42}], "Turn 1 of the history has content of type int; give text."),
        (
            [{"role": "user", "content": "a"}, {"role": "bot", "content": "b"}],
            "Turn 2 of the history has the role 'bot'",
        ),
        (["Who is the keeper?"], "Turn 1 of the history is a str; give"),
        ([{"role": "user", "content": [{"type": "text", "text": 5}]}], "Turn 1 of the history has a text part"),
    ],
)
def test_what_is_no_conversation_is_refused_saying_what_to_give(history, said):
    """Each was ignored without a word, and the follow-up answered with no context."""
    with pytest.raises(BadQuestion, match="^" + said.replace("(", r"\(").replace("?", r"\?")):
        checked_history(history)


@pytest.mark.integration
def test_a_follow_up_reads_the_history_in_any_of_its_forms(assistant):
    follow_up = "What did he say?"
    alone = assistant.chat(follow_up, []).text
    minister = "Who is the Mexican foreign minister?"
    asked = [
        [{"role": "user", "content": minister}],
        [{"role": "user", "content": [{"type": "text", "text": minister}]}],
        [(minister, None)],
        [{"role": "user", "content": minister + "\ud800"}],  # a TypeError before
    ]
    answers = {assistant.chat(follow_up, history).text for history in asked}
    assert len(answers) == 1 and alone not in answers and "Foreign Minister" in answers.pop()
    with pytest.raises(BadQuestion, match="^The history must be a list"):
        list(assistant.ask_stream(follow_up, history=minister))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("previous", "message", "asked"),
    [
        ("Who is the head librarian?", "and the volunteer coordinator?", "Who is the volunteer coordinator?"),
        ("Who is the mayor of San Aurelio?", "and what about his deputy?", "Who is his deputy?"),
        ("How old was the mayor?", "What about the treasurer?", "How old was the treasurer?"),
        # Another name in the place of the one the previous question named (session 49: "What is
        # the Forma E7?" before), in any frame:
        ("What is the price of the Voltra City 2?", "What about the Forma E7?", "What is the price of the Forma E7?"),
        ("How much does the Voltra City 2 cost?", "and the Forma E7?", "How much does the Forma E7 cost?"),
        ("Who is the mayor of San Aurelio?", "and Rio Claro?", "Who is the mayor of Rio Claro?"),
        ("What was camping equipment revenue in Q3?", "How about Q4?", "What was camping equipment revenue in Q4?"),
        ("What is the distance from Lyon to Paris?", "What about Marseille?", None),  # which of two names?
        ("What was the revenue in 2023?", "And in 2024?", "What was the revenue in 2024?"),
        ("What is the price of the Voltra City 2?", "And for the Forma E7?", "What is the price of the Forma E7?"),
        ("What was the fee for 2024/25?", "What about 2025/26?", "What was the fee for 2025/26?"),
        # Not the previous question asked of something else:
        ("Who is the head librarian?", "and when does the library open?", None),
        ("How much did the bridge cost?", "and the budget?", None),  # the frame does not end with what it asks of
        ("Who is the head librarian?", "Where does she work?", None),
        # Which of many words the new one stands for is not known: "What was footwear?" before.
        ("What was camping equipment revenue in Q3?", "How about footwear?", None),
    ],
)
def test_a_follow_up_that_asks_the_previous_question_of_something_else(previous, message, asked):
    assert standalone(message, checked_history([(previous, "…")])) == asked
    assert standalone(message, []) is None


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    from tests.answer.test_accented_names import FILES
    from tests.helpers import assistant_over

    return assistant_over(tmp_path_factory.mktemp("story"), FILES)


@pytest.mark.integration
def test_a_follow_up_asks_the_previous_question_of_someone_else(story):
    """ "and the deputy mayor?" after "Who is the council's treasurer?" was joined to it and read as
    one question about the treasurer (a break-it helper's librarian and volunteer coordinator)."""
    answer = story.chat("and the deputy mayor?", [("Who is the council's treasurer?", "Álvaro Peña")])
    assert "Joaquín Núñez" in answer.short_answer
    assert answer.notes[0] == "Asked as “Who is the deputy mayor?”, as the previous question was."
    *_, final = story.ask_stream("and the deputy mayor?", [("Who is the council's treasurer?", "Álvaro Peña")])
    assert final.answer.text == answer.text
