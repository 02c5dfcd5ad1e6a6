"""A request for what the documents say about something is answered with the sentences that say
it, with no short answer (rag.answer.topics)."""

from __future__ import annotations

import pytest

from rag.answer.topics import topic_of
from tests.answer.test_accented_names import FILES
from tests.helpers import assistant_over


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Tell me about the budget.", "the budget"),
        ("Can you please tell me about the covered market?", "the covered market"),
        ("What about the budget?", "the budget"),
        ("What does the story say about the budget?", "the budget"),
        ("What do the documents say about migrants?", "migrants"),
        ("What was said about the caravan?", "the caravan"),
        ("Is there anything about tariffs?", "tariffs"),
        ("Describe the council election.", "the council election"),
        ("What does the FAQ say about late fees?", "late fees"),
        # Questions, not requests for a topic:
        ("Explain why the budget rose.", None),
        ("Tell me who was elected mayor.", None),
        ("What did the president say about the wall?", None),
        ("Who was elected mayor?", None),
        ("What about it?", None),  # a follow-up: it names nothing
    ],
)
def test_the_topic_of_a_request(question, topic):
    assert topic_of(question) == topic


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("topics"), FILES)


@pytest.mark.integration
@pytest.mark.parametrize(
    "question",
    ["Tell me about the budget.", "What about the budget?", "What does the story say about the budget?"],
)
def test_a_topic_is_answered_with_what_the_documents_say_of_it(assistant, question):
    """All three were refused: the request's own words ("tell", "story") are in no sentence."""
    answer = assistant.ask(question)
    assert not answer.refused
    assert answer.text == "The council's treasurer, Álvaro Peña, said the budget would rise by 4 percent. [1]"
    assert answer.short_answer is None and answer.confidence is None  # a topic has no short answer
    assert answer.citations[0].source == "council.txt"


@pytest.mark.integration
def test_a_topic_is_answered_with_up_to_three_sentences_that_hold_its_words(assistant):
    answer = assistant.ask("Tell me about Río Claro.")
    assert len(answer.citations) == 3 and all("Río Claro" in c.supporting_text() for c in answer.citations)


@pytest.mark.integration
def test_a_topic_no_document_holds_is_refused_and_a_question_in_a_request_is_answered(assistant):
    assert assistant.ask("Tell me about the World Cup.").refused
    # A word of the topic no sentence holds: the mayor's age was quoted for her car (break-it helper).
    assert assistant.ask("Tell me about the mayor's car.").refused
    assert "Begoña Ibáñez" in assistant.ask("Tell me who was elected mayor.").short_answer
