"""A conversation's history, as callers give it (rag/chat.py)."""

from __future__ import annotations

import pytest

from rag.chat import checked_history, condense
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
