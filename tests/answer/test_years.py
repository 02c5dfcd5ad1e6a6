"""The year a question asks of, and a sentence that gives its fact for other years only."""

from __future__ import annotations

import pytest

from rag.answer import UNSURE
from rag.answer.years import (
    another_year_note,
    answered_for_another_year,
    asked_years,
    names_another_year,
    unasked_year,
    years_covered,
)
from tests.helpers import assistant_over


@pytest.mark.parametrize(
    "question, years",
    [
        ("What were wine exports to Marekh worth in 2023?", {2023}),
        ("What began at Pinewood Studios on 8 December 2004?", {2004}),
        ("As of 21 February 2006, Spectre has grossed how much worldwide?", {2006}),
        ("How many long-term residents were deported in 2022?", {2022}),
        ("In 1924, what was created as part of Uzbekistan?", {1924}),
        ("What inflation does the Bank of Almora expect for 2027?", {2027}),
        # A bound or a span is not a year asked of: a later year may answer it.
        ("Why has enrollment in the district dropped since 2021?", set()),
        ("How many students were enrolled in 2009-10?", set()),
        ("How much capital gains tax do I owe for 2024-25?", set()),
        # A year that describes what the question names (a multi-hop question's bridge).
        ("The lead singer of the indie rock band formed in Dunmere in 1988 was born in what year?", set()),
        ("About how many students attend the university of the city that absorbed the village in 1894?", set()),
        ("Under what title was the novel of the essayist who died on 2 October 2005 adapted?", set()),
        ("The car maker set up in Marlestead in 1907 was founded by an engineer from which town?", set()),
        ("What share of voters backed the plan in the May 2025 survey?", set()),
    ],
)
def test_the_years_a_question_asks_of(question, years):
    assert asked_years(question) == years


def test_a_sentence_covers_the_years_of_a_span_it_names():
    assert years_covered("At the beginning of the academic year 2009-10, 230 students were enrolled.") == {2009, 2010}
    assert years_covered("He led the union from 1909 to 1912.") == {1909, 1910, 1911, 1912}


@pytest.mark.parametrize(
    "question, sentence, other",
    [
        (
            "How many were deported in 2022?",
            "1,150 long-term residents were deported in 2024, up from 870 in 2023.",
            True,
        ),
        (
            "How many were deported in 2023?",
            "1,150 long-term residents were deported in 2024, up from 870 in 2023.",
            False,
        ),
        # No year at all, or a date without one: the year asked may be meant.
        ("How many were deported in 2023?", "Officials deported 870 long-term residents.", False),
        ("What share backed aid in 2025?", "A survey in May found 51% backed aid, down from 67% in May 2024.", False),
        ("What share was imported in 2019?", "It imported 18% last year, compared with 9% in 2015.", False),
        (
            "How many students were enrolled in 2010?",
            "In the academic year 2009-10, 230 students were enrolled.",
            False,
        ),
        # A question that asks of no year.
        ("How many were deported?", "1,150 long-term residents were deported in 2024.", False),
    ],
)
def test_a_sentence_names_another_year_only_when_it_dates_its_fact_otherwise(question, sentence, other):
    assert names_another_year(question, sentence) is other


def test_the_note_names_the_years_asked_and_given():
    note = another_year_note("How many were deported in 2022?", "1,150 were deported in 2024, up from 870 in 2023.")
    assert note == (
        f"{UNSURE} the question asks about 2022; the quoted sentence speaks of 2024 and 2023. Check the quoted passage."
    )
    assert another_year_note("How many were deported in 2024?", "1,150 were deported in 2024.") is None


def test_a_sentence_with_no_year_is_dated_by_its_document():
    story = "The town held its council election on 3 May 2015.\n\nBegoña Ibáñez was elected mayor."
    sentence = "Begoña Ibáñez was elected mayor."
    assert another_year_note("Who was elected mayor in 2019?", sentence, story) == (
        f"{UNSURE} the question asks about 2019; the quoted sentence names no year, and its document speaks of "
        "2015. Check the quoted passage."
    )
    assert another_year_note("Who was elected mayor in 2015?", sentence, story) is None  # the year it gives
    assert another_year_note("Who was elected mayor?", sentence, story) is None  # no year asked
    assert another_year_note("Who was elected mayor in 2019?", "She was elected mayor last year.", story) is None
    assert another_year_note("Who was elected mayor in 2019?", sentence, "A story with no year.") is None


def test_an_answer_for_a_year_its_documents_never_name_is_refused():
    """A break-it helper's news page: "How many people did Alvessia deport in 2021?" was answered
    "11,400" of the sentence that gives 2022 to 2024, marked unsure; the story says nothing of 2021."""
    sentence = "Alvessia deported 11,400 people in 2022, 14,950 in 2023 and 16,280 in 2024."
    story = f"Court rules on removals\n\n{sentence}\n\nThe ruling was 6-3."
    question = "How many people did Alvessia deport in 2021?"
    assert unasked_year(question, sentence, [story]) == (
        "The quoted documents never speak of 2021; the quoted sentence gives its fact for another year."
    )
    # A cited document that names the year asked dates it: the note, not a refusal.
    assert unasked_year(question, sentence, [story + "\n\nThe scheme began in March 2021."]) is None
    # The year the sentence gives, no year asked, or a sentence that dates itself otherwise.
    assert unasked_year("How many people did Alvessia deport in 2023?", sentence, [story]) is None
    assert unasked_year("How many people did Alvessia deport?", sentence, [story]) is None
    assert unasked_year(question, "It deported 9,000 last year, against 11,400 in 2022.", [story]) is None
    # A sentence with no year, dated by its document: noted (another_year_note), never refused here.
    assert unasked_year(question, "Alvessia deported 11,400 people.", [story]) is None


@pytest.mark.integration
def test_an_answer_for_another_year_is_refused_or_marked_unsure(tmp_path):
    """The invented news probes' commonest near miss (development data): "What were wine exports
    worth in 2023?" was answered "420 million marks" from the sentence about 2024, with nothing to
    tell the user. A story that never speaks of 2023 does not answer it: refused, saying why, the
    passage offered. One that names 2023 elsewhere may date the sentence by it: answered, with a
    note of the years it gives. The year the story does give, and a question that asks of no year,
    are answered as before."""
    story = (
        "Marekh hits back at Valdonia with tariffs on wine and cheese\n\n"
        "Marekh will impose tariffs of 25% on wine, cheese and other farm goods from Valdonia from "
        "December 1, its trade ministry said on Wednesday.\n\n"
        "Valdonian winemakers said the duties would hit them hard. Valdonia's wine exports to Marekh "
        "were worth 420 million marks in 2024, according to the growers' association.\n\n"
        "The association's president said many family vineyards depend on the Marekhi market.\n"
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assistant = assistant_over(tmp_path / "a", {"tariffs.txt": story})
    for question in (
        "What were Valdonia's wine exports to Marekh worth in 2024?",
        "What were Valdonia's wine exports to Marekh worth?",
    ):
        given = assistant.ask(question)
        assert "420 million marks" in given.text and not any("the question asks about" in n for n in given.notes)
    other = assistant.ask("What were Valdonia's wine exports to Marekh worth in 2023?")
    assert other.refused and other.short_answer is None, other.text
    assert other.notes == [
        "The quoted documents never speak of 2023; the quoted sentence gives its fact for another year."
    ]
    assert any("420 million marks in 2024" in c.text for c in other.citations)  # offered, to check

    # A story that names 2023 elsewhere, and a sentence that gives the year in another clause than
    # the figure's ("… said in 2024, were worth …"): the year may date it otherwise; the note.
    dated = story.replace(
        "Valdonia's wine exports to Marekh were worth 420 million marks in 2024, according to the growers' association.",
        "Valdonia's wine exports to Marekh, the growers' association said in 2024, were worth 420 million marks.",
    )
    named = dated + "\nThe growers' association opened its export office in Marekh in 2023.\n"
    other = assistant_over(tmp_path / "b", {"tariffs.txt": named}).ask(
        "What were Valdonia's wine exports to Marekh worth in 2023?"
    )
    assert not other.refused and "420 million marks" in other.text
    assert f"{UNSURE} the question asks about 2023; the quoted sentence speaks of 2024." in other.notes[0]


@pytest.mark.parametrize(
    "question, sentence, short, why",
    [
        # The held-out news stories' near misses (development data): the figure's own clause gives
        # another year, though "last year" elsewhere in the sentence kept it from counting before.
        (
            "How much money did foreign workers send home from Aldaris in 2022?",
            "They sent home a record 14.6 billion dinars last year, up from 13.2 billion dinars in 2023, "
            "according to the Central Bank of Aldaris.",
            "13.2 billion dinars",
            "The quoted sentence gives its answer for 2023, not for 2022.",
        ),
        (
            "How many long-term residents were deported in 2022?",
            "According to interior ministry figures, 1,150 long-term residents were deported in 2024, up from 870 in 2023.",
            "1,150",
            "The quoted sentence gives its answer for 2024, not for 2022.",
        ),
        (
            "By how much did Marekhi steel exports to Valdonia rise in 2024?",
            "Valdonia says Marekhi steel exports to its market rose by 48% in the first half of 2025, pushing down prices.",
            "48%",
            "The quoted sentence gives its answer for 2025, not for 2024.",
        ),
        # "This year" or "last year" comes after the year the sentence compares it with.
        (
            "How many hectares did Calvessa lose to wildfires in 2023?",
            "Calvessa has already lost 52,000 hectares to wildfires this year, compared with 31,000 hectares in "
            "the whole of 2024.",
            "52,000",
            "The quoted sentence gives its answer for a year after 2024, not for 2023.",
        ),
        (
            "How many foreign visitors came to Hallvardia in 2022?",
            "About 2.3 million foreign visitors came to the island last year, up from 1.9 million in 2023.",
            "2.3 million",
            "The quoted sentence gives its answer for a year after 2023, not for 2022.",
        ),
        (
            "How many foreign visitors came to Hallvardia in 2024?",
            "About 2.3 million foreign visitors came to the island last year, up from 1.9 million in 2023.",
            "2.3 million",
            None,
        ),
        # The year asked, anywhere in the sentence: another figure of it may be the one meant.
        (
            "How many long-term residents were deported in 2023?",
            "According to interior ministry figures, 1,150 long-term residents were deported in 2024, up from 870 in 2023.",
            "1,150",
            None,
        ),
        # The figure's clause dated otherwise ("last year" may be the year asked), or by no year.
        (
            "How much money did foreign workers send home from Aldaris in 2024?",
            "They sent home a record 14.6 billion dinars last year, up from 13.2 billion dinars in 2023.",
            "14.6 billion dinars",
            None,
        ),
        ("Who won the seat in 2019?", "Smith, first elected in 2015, won the seat again.", "Smith", None),
        # A year that describes a thing the clause names is not the year its fact is for.
        (
            "In November 2008, how much had housing prices dropped from their peak?",
            "Housing prices had dropped 20% from their 2006 peak.",
            "20%",
            None,
        ),
        ("How many were deported?", "1,150 were deported in 2024.", "1,150", None),  # no year asked
        ("How many were deported in 2022?", "1,150 were deported in 2024.", "870", None),  # not quoted from it
    ],
)
def test_an_answer_whose_own_clause_gives_another_year(question, sentence, short, why):
    assert answered_for_another_year(question, sentence, short) == why


@pytest.mark.integration
def test_an_answer_whose_own_clause_gives_another_year_is_refused(tmp_path):
    """ "How many long-term residents were deported in 2022?" was answered "1,150" of "1,150 …
    were deported in 2024, up from 870 in 2023" (held-out news, development data), only marked
    unsure: the story names 2022 elsewhere, which may date a sentence. The clause that gives the
    figure says 2024: refused, saying so; the years the sentence does give are answered."""
    story = (
        "Court strikes down deportation law\n\n"
        "The law, passed in 2022, allowed the government to deport long-term residents convicted of minor "
        "offences.\n\n"
        "According to interior ministry figures, 1,150 long-term residents were deported in 2024, up from "
        "870 in 2023.\n\n"
        "The ruling was 6-3.\n"
    )
    assistant = assistant_over(tmp_path, {"ruling.txt": story})
    other = assistant.ask("How many long-term residents were deported in 2022?")
    assert other.refused and other.short_answer is None, other.text
    assert other.notes == ["The quoted sentence gives its answer for 2024, not for 2022."]
    assert any("1,150 long-term residents" in c.text for c in other.citations)  # offered, to check
    given = assistant.ask("How many long-term residents were deported in 2024?")
    assert not given.refused and given.short_answer == "1,150", given.text
