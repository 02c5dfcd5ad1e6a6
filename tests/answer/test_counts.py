"""A question asking for a number, answered by sentences that give none (rag/answer/counts.py)."""

from __future__ import annotations

import pytest

from rag.answer.counts import asks_a_number, gives_no_number
from tests.helpers import assistant_over_page


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How many emergency shelters have been opened?", True),
        ("How much emergency aid did the government promise?", True),
        ("What percentage of teachers voted to strike?", True),
        ("How old was he when he joined the club?", True),
        ("How long will the tram line be?", False),  # a length or a time, perhaps in words
        ("How much of the region is desert?", False),  # a share, as often in words ("vast areas")
        ("Who leads the council?", False),
    ],
)
def test_which_questions_ask_for_a_number(question, asks):
    assert asks_a_number(question) is asks


def test_a_sentence_gives_a_number_in_digits_or_words():
    assert gives_no_number("How many shelters opened?", ["Evacuees are housed in schools and sports halls."])
    assert not gives_no_number("How many were evacuated?", ["Nine villages were evacuated."])
    assert not gives_no_number("How many were evacuated?", ["About 2,700 people were evacuated."])
    assert not gives_no_number("How many were evacuated?", [])  # nothing quoted: nothing to judge
    assert not gives_no_number("Who leads the council?", ["Ms Orr leads it."])  # no number asked
    # Saying the number is not given answers as the documents can.
    assert not gives_no_number(
        "How much will the patrols cost?", ["The government has not said how much they will cost."]
    )
    assert not gives_no_number("How much did the repairs cost?", ["Officials declined to estimate the cost."])
    # None is a count.
    assert not gives_no_number("How many treaties protected rights?", ["None of the treaties mention rights."])
    assert not gives_no_number("How much has a Lama agreed to be reborn?", ["He has agreed to be reborn many times."])


def test_a_count_answered_from_a_sentence_without_one_is_refused(tmp_path):
    """The story (one of this project's invented development stories) says where the evacuees are
    housed, never how many shelters opened: the reader, doubting the evidence's "More than 9,400
    people …", was surer of "Evacuees are being housed in schools, churches and sports halls …"
    and that was the answer, "schools, churches and sports halls"."""
    assistant = assistant_over_page(tmp_path, "wildfire_evacuation.txt")
    answer = assistant.ask("How many emergency shelters have been opened for the evacuees?")
    assert answer.refused, answer.text
    assert answer.notes == ["The quoted passages give no number."]
    assert assistant.ask("How many people have been forced from their homes?").short_answer == "9,400"
