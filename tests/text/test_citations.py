"""rag.text.citations: the one rule for [n] markers and sentence ends, used by grounding, the
LLM reply parser, the UI and eval."""

from __future__ import annotations

import pytest

from rag.text.citations import (
    MARKER,
    cited_sentences,
    cut_inside_sentence,
    ends_in_abbreviation,
    marker,
    marker_numbers,
    sentence_continues,
    strip_markers,
)

pytestmark = pytest.mark.unit

SALAZAR = (
    "U.S. Secretary of State Antony Blinken (R) shakes hands with U.S. Ambassador to Mexico Ken "
    "Salazar upon his arrival at Felipe Angeles International Airport in Zumpango, Mexico."
)


def test_markers_written_and_read():
    assert marker(3) == "[3]" and MARKER.fullmatch(marker(3)).group(1) == "3"
    assert marker_numbers("a [1]. b [2, 3] c [4;5][6]") == [1, 2, 3, 4, 5, 6]
    assert strip_markers("Paris [1]. Lyon [2, 3].") == "Paris. Lyon."
    assert not MARKER.search("[x] [1a] 1]")


def test_an_abbreviation_before_a_name_is_not_a_sentence_end():
    assert cited_sentences(SALAZAR + " [1] He left.") == [(SALAZAR, [1]), ("He left.", [])]
    assert cited_sentences("Biden met U.S. Ambassador Ken Salazar [2].") == [
        ("Biden met U.S. Ambassador Ken Salazar.", [2])
    ]
    assert sentence_continues("shakes hands with U.S", " Ambassador Ken Salazar")
    assert sentence_continues("Mr", " Smith")
    assert sentence_continues("for example, e.g", " the border")  # lower case goes on
    assert cited_sentences("It was composed (c. 1711–16) by Handel [2].") == [
        ("It was composed (c. 1711–16) by Handel.", [2])
    ]


def test_an_abbreviation_before_a_sentence_opener_ends_the_sentence():
    assert cited_sentences("He moved to the U.S. Then he left.") == [
        ("He moved to the U.S.", []),
        ("Then he left.", []),
    ]
    assert not sentence_continues("moved to the U.S", " The family followed.")
    assert not sentence_continues("Denver won", " Then")  # no abbreviation: a plain end
    # markers right after the stop close the sentence, whatever follows
    assert cited_sentences("He was born in the U.S. [1] Ambassador X came.") == [
        ("He was born in the U.S.", [1]),
        ("Ambassador X came.", []),
    ]


def test_abbreviations():
    for before in ("U.S", "U.S.", "the D.C", "J", "(e.g", "Dr", "Mrs.", "Gov"):
        assert ends_in_abbreviation(before), before
    for before in ("Salazar", "in 2019", "the end", "USA"):
        assert not ends_in_abbreviation(before), before


def test_cited_sentences_lines_lists_and_repeats():
    assert cited_sentences("It left on March 25 [1, 3].\n- Mexico answered [2][3][2].\n[4]") == [
        ("It left on March 25.", [1, 3]),
        ("- Mexico answered.", [2, 3, 4]),  # a line of markers only goes with the sentence before
    ]
    assert cited_sentences("Mr. X spoke. St. Louis is big!") == [("Mr. X spoke.", []), ("St. Louis is big!", [])]
    assert cited_sentences('He said "go." Then [1] left.') == [('He said "go."', []), ("Then left.", [1])]
    assert cited_sentences("") == [] and cited_sentences("[1]") == []


def test_strip_markers():
    assert strip_markers("Denver won [1]. It was 24-10 [1][2].") == "Denver won. It was 24-10."
    assert strip_markers("Paris.[3] Lyon.") == "Paris. Lyon."


def test_cited_sentences():
    text = "Denver won [1]. It was 24-10.[1][2] No source here. Last one [3]"
    assert cited_sentences(text) == [
        ("Denver won.", [1]),
        ("It was 24-10.", [1, 2]),
        ("No source here.", []),
        ("Last one", [3]),
    ]


def test_cited_sentences_markers_after_space_abbrev_and_lines():
    assert cited_sentences("The U.S. Army won. [2] Then [1][1] peace.") == [
        ("The U.S. Army won.", [2]),
        ("Then peace.", [1]),  # repeated marker counted once
    ]
    assert cited_sentences("- Paris [1]\n- Lyon\n[2]") == [("- Paris", [1]), ("- Lyon", [2])]
    assert cited_sentences("") == []


def test_a_cut_inside_a_sentence():
    text = "Biden met U.S. Ambassador Ken Salazar. He moved to the U.S. The family followed."
    us = text.index("U.S. Ambassador") + 4
    assert cut_inside_sentence(text, 0, us, us + 1)
    home = text.index("U.S. The") + 4
    assert not cut_inside_sentence(text, 0, home, home + 1)  # "The" opens a sentence
    first = text.index("Salazar.") + 8
    assert not cut_inside_sentence(text, 0, first, first + 1)  # no abbreviation: a plain end
    assert not cut_inside_sentence("Robert A.\nFox went.", 0, 9, 10)  # a line break is a break
    assert not cut_inside_sentence("It was Newcomen's. Newcomen's engine.", 0, 18, 19)  # a possessive
