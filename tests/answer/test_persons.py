"""A "who" question answered with no name is marked unsure (rag.answer.persons)."""

from __future__ import annotations

import pytest

from rag.answer import UNSURE
from rag.answer.persons import names_no_one, no_firm_note, no_one_note
from tests.conftest import REPO
from tests.helpers import assistant_over, assistant_over_page

# Held-out invented news stories (never trained on; development data, see their README).
NEWS = REPO / "models" / "reader" / "news-training"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "short", "refused"),
    [
        ("Who is the president of Valmora?", "seat", True),
        ("  who heads the agency?", "pells", True),
        ("Who is the president of Valmora?", "Dara Velenko", False),
        ("Who signed it?", "the EU", False),
        ("Whose car was it?", "the mayor's", False),  # not "who"
        ("What was seized?", "cash", False),
        ("Who founded the company?", "马云", False),  # a script without case is not judged
        ("Who was it?", None, False),
        # Asking who a named person is asks what they are, not for a name.
        ("Who is Begoña Ibáñez?", "a former teacher", False),
        ("Who was elected mayor?", "teacher", True),
        ("Who is the mayor?", "teacher", True),
    ],
)
def test_a_who_answer_without_a_capital_letter_names_no_one(question, short, refused):
    assert names_no_one(question, short) is refused


@pytest.mark.integration
@pytest.mark.parametrize(
    ("batch", "question", "was"),
    [
        ("n4", "Who stole the landscape painting from the Halloran in 1998?", "first-floor galleries"),
        # n18's "Who heads the regional development agency …?" ("pells") is refused now: its
        # passages name no head (tests/answer/test_roles.py).
    ],
)
def test_a_who_answer_that_names_no_one_says_so(tmp_path, batch, question, was):
    """Each story names no such person; the reader's span is a word of the sentence ("seat" from
    "Valmora's election results, seat by seat"). The answer stands (refusing them cost a right
    SQuAD answer and went over the gate's false refusals), and tells the user what is wrong with it."""
    story = next((NEWS / batch / "corpus").glob("S06_*.txt"))
    assistant = assistant_over(tmp_path, {story.name: story.read_text(encoding="utf-8")})
    answer = assistant.ask(question)
    assert not answer.refused and answer.short_answer == was
    assert f"{UNSURE} the question asks who; “{was}” names no one. Check the quoted passage." in answer.notes


@pytest.mark.integration
def test_a_who_question_is_refused_when_only_a_line_that_asks_matched_it(tmp_path):
    """ "Who is the president of Valmora?" was answered "seat — Related: Valmora's election results,
    seat by seat | Who are the Green Farmers' League? [1]" with the note above: the story names no
    president, and its best match was a line of links that ends in a question, which states
    nothing (rag.ingest.sentences.asks). Without it the best sentence names no one, and a "who"
    question is refused."""
    story = next((NEWS / "n14" / "corpus").glob("S06_*.txt"))
    assistant = assistant_over(tmp_path, {story.name: story.read_text(encoding="utf-8")})
    assert assistant.ask("Who is the president of Valmora?").refused


@pytest.mark.unit
def test_only_a_who_answer_without_a_name_gets_the_note():
    assert no_one_note("Who is the president?", "seat") is not None
    assert no_one_note("Who is the president?", "Dara Velenko") is None
    assert no_one_note("How many seats?", "97") is None


@pytest.mark.unit
def test_asking_who_a_person_typed_in_lowercase_is_judged_by_the_quoted_sentence():
    sentence = "Begoña Ibáñez, a former teacher, was elected mayor of Río Claro."
    assert no_one_note("who is begoña ibáñez?", "teacher", sentence) is None
    assert no_one_note("who is begona ibanez", "teacher", sentence) is None
    assert no_one_note("who is the mayor?", "teacher", sentence) is not None
    assert no_one_note("who is begoña ibáñez?", "teacher", "The mayor is a former teacher.") is not None


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "text", "span", "whole"),
    [
        # The surname is a word of the question (the pharmacy is named after her): the reader stopped.
        (
            "Who is the pharmacist in charge at Lindqvist Community Pharmacy?",
            "Pharmacist in charge: Ms Helena Lindqvist.",
            "Ms Helena",
            "Ms Helena Lindqvist",
        ),
        # A title alone names no one, and the name after it is the question's own.
        (
            "Who will replace Rosalind Achterberg?",
            "The practice manager is Mrs Rosalind Achterberg.",
            "Mrs",
            "Mrs",
        ),
        # A word the question does not have, or a weekday, is not taken.
        ("Who won the Harlow seat?", "Dara Velenko Tuesday won Harlow.", "Dara Velenko", "Dara Velenko"),
        ("Who won on Tuesday?", "Dara Velenko Tuesday won.", "Dara Velenko", "Dara Velenko"),
        ("What is Lindqvist's shop?", "Ms Helena Lindqvist runs it.", "Ms Helena", "Ms Helena"),  # not "who"
    ],
)
def test_a_who_answer_stopped_inside_a_name_is_the_whole_name(question, text, span, whole):
    from rag.answer.persons import whole_name

    start = text.index(span)
    assert text[start : whole_name(question, text, start, start + len(span))] == whole


@pytest.mark.parametrize(
    ("question", "short", "note"),
    [
        (
            "Which company supplied the water-bombing aircraft?",
            "blaze",
            "The question asks which company; “blaze” names none.",
        ),
        (
            "Which insurance company covers the collection?",
            "insurers",
            "The question asks which company; “insurers” names none.",
        ),
        (
            "Which club did Renvall start his career at?",
            "club's academy",
            "The question asks which club; “club's academy” names none.",
        ),
        # A post, or a person by it (eval/probes/nonnews; development news).
        (
            "Which company will repair the Town Hall roof?",
            "Town Clerk",
            "The question asks which company; “Town Clerk” is a post or a person, not one.",
        ),
        (
            "Which company is operating the extra ferry sailings?",
            "Transport Minister Kari Lundeby",
            "The question asks which company; “Transport Minister Kari Lundeby” is a post or a person, not one.",
        ),
        ("What company is Martin Judge the founder of?", "the Judge Group", None),  # a firm by its own word
        ("Which company supplied the aircraft?", "Skyline Aviation", None),
        ("Which company supplied the aircraft?", "KLM", None),
        ("What type of group can't be biologically defined?", "racial groups", None),  # a kind, not a firm
        ("Who supplied the aircraft?", "blaze", None),  # "who": no_one_note's
    ],
)
def test_which_company_answered_with_no_name_names_none(question, short, note):
    assert no_firm_note(question, short) == note


def test_which_company_answered_with_no_name_is_refused(tmp_path):
    """One of this project's invented development stories names no firm that supplied the planes:
    "Which company supplied the water-bombing aircraft?" was answered "blaze", from "Some 1,150
    firefighters are tackling the blaze, backed by 26 water-bombing aircraft."."""
    assistant = assistant_over_page(tmp_path, "wildfire_evacuation.txt")
    answer = assistant.ask("Which company supplied the water-bombing aircraft?")
    assert answer.refused, answer.text
    assert answer.notes == ["The question asks which company; “blaze” names none."]
    assert assistant.ask("Which country sent planes?").short_answer == "neighbouring Dorlanne"


MINUTES = """Harbury Town Council: minutes of the meeting of 4 March 2025

23/051 Town Hall roof

The Town Clerk reported that the survey of the Town Hall roof had found water damage above the
Assembly Room. Three quotations had been received for the repairs.

It was RESOLVED to accept the quotation of Harrowgate Roofing Ltd for £22,950, because the firm
could start work in April and had experience of listed buildings.
"""


def test_which_company_answered_with_a_post_is_refused(tmp_path):
    """ "Which company will repair the Town Hall roof?" led with "Town Clerk", the officer who
    reported the survey (a break-it helper's council minutes, eval/probes/nonnews): a post names
    no company. Whichever sentence the answer quotes, it is never the clerk's."""
    assistant = assistant_over(tmp_path, {"minutes.txt": MINUTES})
    answer = assistant.ask("Which company will repair the Town Hall roof?")
    assert answer.short_answer != "Town Clerk", answer.text
    assert answer.refused or "Harrowgate Roofing Ltd" in answer.text, answer.text
