"""Names a question asks about that the quoted documents never write (rag/answer/unnamed.py)."""

from __future__ import annotations

import pytest

from rag.answer.unnamed import names_asked, says_of_another, unnamed
from tests.helpers import assistant_over


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Who is the mayor of Tolvik?", ["Tolvik"]),
        ("Who is Aldmark's prime minister?", ["Aldmark"]),  # the possessive's 's is not the name's
        ("What do migrants intend to do once they reach the US?", ["US"]),  # an acronym, not "us"
        ("in What year did Quiroga complete it?", ["Quiroga"]),  # a question word typed with a capital
        ("How much land had burned by Monday morning in June?", []),  # days and months: other checks
        ("I need help, not a fix. Where should I post?", []),  # a second sentence's question word
        ("What extension do I dial?", []),
        ("Which number do I ring if I'm running late?", []),  # a break-it round's question, refused
        ("By what date do I have to use holiday I’ve carried over?", []),
    ],
)
def test_the_names_a_question_asks_about(question, names):
    assert names_asked(question) == names


def test_a_name_is_written_as_a_word_beginning_as_it_does():
    story = "Brenzow's mayor, Jorunn Kessel, said the U.S. market mattered to Brenmark and to Mexico."
    assert unnamed("Who is the mayor of Tolvik?", [story]) == ["Tolvik"]
    assert unnamed("Who is the mayor of Brenzow?", [story]) == []
    assert unnamed("Which Brenmarkish firm left?", [story]) == []  # a demonym of a name written
    assert unnamed("What do Mexican officials say?", [story]) == []
    assert unnamed("What does the US import?", [story]) == []  # "U.S."
    assert unnamed("What did the Kessels say?", [story]) == []  # its first letters but the last three
    assert unnamed("What did Jorunn Kesselring say?", [story]) == ["Kesselring"]  # another name
    assert unnamed("How many Smart Plugs are in stock?", ["Smart Plug,BW-SP-04,14.99,8"]) == []  # a plural
    assert unnamed("Who runs the UK office?", ["the United Kingdom office"]) == []  # spelled out
    assert unnamed("Who is the mayor of Río Claro?", ["Rio Claro elected a mayor."]) == []  # accents


@pytest.mark.parametrize(
    ("question", "missing", "refused"),
    [
        ("Who is the mayor of Tolvik?", ["Tolvik"], True),  # none of its names written
        ("What is the capacity of the Arena Velka?", ["Velka"], True),  # another arena
        ("In which year did Ostwyn Athletic F.C. open its ground?", ["Athletic"], True),  # another club
        ("Who is the president of Pelvania's Supreme Court?", ["Pelvania"], False),  # a first word
        ("What did Joe Biden say?", ["Joe"], False),  # a surname alone names the person
        ("Who wrote the poem The Mark of Anarchy?", ["Mark"], False),  # "The" names nothing
        # Two things named, one of them written whole: a comparison's to judge.
        ("Are both magazines, the Woman's Viewpoint and Pick Me Up, British?", ["Woman", "Viewpoint"], False),
        ("Which was longer, the SS Meridian Gale or the SS Meridian Dawn?", ["Gale"], False),
        ("What do the Chiapas caravan and the June 5 caravan intend to do in the US?", ["Chiapas"], False),
        ("Who is the mayor of Tolvik?", [], False),
    ],
)
def test_which_missing_names_refuse(question, missing, refused):
    assert says_of_another(question, missing) is refused


SALARIES = """Amberlin teachers vote to strike as pay talks stall

AMBERLIN — Teachers in Amberlin voted on Tuesday to authorise a strike after pay talks with the
district broke down.

Starting teachers in Amberlin earn 41,200 lorens a year, while the average teacher salary in the
district is 58,700 lorens, according to district figures. The union is asking for a rise of 9
percent over two years; the district has offered 4.5 percent.

Brenzow's mayor, Jorunn Kessel, said the town would back the teachers if talks failed.
"""

HARBOUR = """Harbour cranes return to Port Elma

PORT ELMA — Two new cranes arrived at the container terminal on Friday, the port authority said.
The cranes cost 18 million lorens and will double the number of ships the terminal can unload
each week. Tolvik, a fishing town up the coast, has asked for a crane of its own.
"""


def test_a_question_about_a_place_the_quoted_story_never_names_is_refused(tmp_path):
    """Answered "Jorunn Kessel", Brenzow's mayor, from the teachers' story, sure and unmarked, before
    the check: the only story that names Tolvik does not name its mayor."""
    assistant = assistant_over(tmp_path, {"teachers.txt": SALARIES, "harbour.txt": HARBOUR})
    answer = assistant.ask("Who is the mayor of Tolvik?")
    assert answer.refused, answer.text
    assert answer.notes == ["The quoted documents never name “Tolvik”."]
    # Asked of the town the story names, the same sentence answers.
    assert assistant.ask("Who is the mayor of Brenzow?").short_answer == "Jorunn Kessel"
    # A question naming two things, one the quoted story names: answered, and the other noted.
    answer = assistant.ask("What do starting teachers in Amberlin and in Tolvik earn a year?")
    assert not answer.refused and "41,200 lorens" in answer.text
    assert "Unsure: the quoted documents never name “Tolvik”." in answer.notes
