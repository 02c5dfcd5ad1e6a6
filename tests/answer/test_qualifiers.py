"""Of two values in one sentence, the one the question's closing phrase goes with
(rag/answer/qualifiers.py): the reader gave the first value of the kind asked."""

from __future__ import annotations

import pytest

from rag.answer.qualifiers import qualified_part, qualifier_terms
from tests.helpers import assistant_over

# Invented, as two break-it helpers' reports and handbooks put them.
REPORT = (
    "Halvorsen Outdoor quarterly report\n\n"
    "Nordic revenue was $21.4 million in Q3, up from $19.8 million in Q2, an increase of 8.1%.\n\n"
    "The Nordic region's share of total revenue fell from 45.8% in Q2 to 44.0% in Q3.\n\n"
    "Overtime is paid at 1.5 times the hourly rate on weekdays and 2 times on Sundays and public holidays.\n"
)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What was Nordic revenue in Q2?", "$19.8 million"),
        ("What was Nordic revenue in Q3?", "$21.4 million"),
        ("What share of total revenue did the Nordic region have in Q3?", "44.0%"),
        ("What is the overtime rate on Sundays?", "2"),
    ],
)
def test_the_value_the_questions_closing_phrase_goes_with_answers(tmp_path_factory, question, short):
    assistant = assistant_over(tmp_path_factory.mktemp("report"), {"report.txt": REPORT})
    assert assistant.ask(question).short_answer.startswith(short)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "sentence", "given", "part"),
    [
        ("What was revenue in Q3?", "In Q2 revenue was $5m, and in Q3 it was $6m.", "$5m", "$6m."),
        (
            "How long with USB-C?",
            "| Charging | 3.5 hours with the cradle, 5 hours with USB-C |",
            "3.5",
            "5 hours with USB-C |",
        ),
        # The value given goes with the phrase, or no single other value does: nothing to change.
        ("How long with the cradle?", "| Charging | 3.5 hours with the cradle, 5 hours with USB-C |", "3.5", None),
        (
            "What is the limit outside capital cities?",
            "Up to €160 per night in capital cities, €120 elsewhere.",
            "€160",
            None,
        ),
        # A year sets its value's time and is no value of its own (the held-out news stories,
        # session 56).
        (
            "How many long-term residents were deported in 2023?",
            "1,150 long-term residents were deported in 2024, up from 870 in 2023.",
            "1,150",
            "870 in 2023.",
        ),
        (
            "What was North Calder's turnout four years earlier, in 2021?",
            "Turnout in North Calder was 71.3%, compared with 64.8% at the previous election in 2021, the commission said.",
            "71.3%",
            "64.8% at the previous election in 2021",
        ),
        # A date's year is its value's, not a setting (a break-it helper's tenancy agreement).
        (
            "What is the earliest date the tenancy can end under the break clause?",
            "6.1 Break clause: either party may end the tenancy after 6 months, so that the earliest date "
            "the tenancy can end under this clause is 31 March 2026.",
            "31 March 2026",
            None,
        ),
        ("What was revenue?", "Revenue was $5m in Q2 and $6m in Q3.", "$5m", None),
        ("What was revenue in Q4?", "Revenue was $5m in Q2 and $6m in Q3.", "$5m", None),
    ],
)
def test_the_part_read_again(question, sentence, given, part):
    at = sentence.index(given)
    found = qualified_part(question, sentence, at, at + len(given))
    assert (None if found is None else sentence[slice(*found)]) == part


@pytest.mark.unit
def test_a_closing_phrase_is_the_qualifier_and_a_wh_clause_is_none():
    assert qualifier_terms("What is the overtime rate on Sundays?") == {"sunday"}
    assert qualifier_terms("What colour is the LED when the battery is full?") == {"batteri", "full"}
    assert qualifier_terms("How many staff were hired?") == set()
