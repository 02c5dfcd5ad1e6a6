"""A question asking for a number, answered by sentences that give none (rag/answer/counts.py)."""

from __future__ import annotations

import pytest

from rag.answer.counts import asks_a_number, gives_no_number, number_ranges, states_a_quantity
from tests.helpers import assistant_over, assistant_over_page


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


def test_a_codes_digits_are_no_number_given():
    """ "How much money did the fund give?" quoting "… grant number HRAF-0448" was answered "grant
    number HRAF-0448" (a break-it helper's lab report, session 59)."""
    funded = "This work was funded by the Hadderby Regional Agriculture Fund, grant number HRAF-0448."
    assert gives_no_number("How much money did the Hadderby fund give for the study?", [funded])
    assert gives_no_number("How much does a replacement filter cost?", ["Filters carry the part number HG-450R."])
    assert not gives_no_number("How many engines does the B-52 have?", ["The B-52 has eight engines."])
    assert not gives_no_number("How many A380s were ordered?", ["Airlines ordered 251 A380 aircraft."])


def test_a_short_answer_to_how_many_holds_a_number():
    assert states_a_quantity("€1,250.00")
    assert states_a_quantity("twenty-six years")
    assert states_a_quantity("free")  # SQuAD train: "How much does the Tucson Folk Festival cost to get in?"
    assert states_a_quantity("a third")
    assert not states_a_quantity("Corn Exchange")
    assert not states_a_quantity("grant number HRAF-0448")


def test_the_numbers_a_short_answer_may_lie_on():
    text = "Grant HRAF-0448 paid 40,000 marks for two years of 2024's work on v8."
    spans = [text[a:b] for a, b in number_ranges("How much did the grant pay in 2024?", text, 0, len(text))]
    assert spans == ["40,000", "two"]  # not the code's digits, nor the question's own year


BUDGET = """# Events budget 2025

| Event | Venue | Date | Budget | Spent | Share spent |
|---|---|---|---|---|---|
| Spring fair | Market Square | 3 May 2025 | €4,800.00 | €4,350.00 | 91% |
| Poetry evening | Corn Exchange, Room 2 | 14 Jun 2025 | €1,250.00 | €1,100.00 | 88% |
| Harvest supper | St Anne's Hall | 27 Sep 2025 | €2,100.00 | €0.00 | 0% |
"""


def test_a_how_much_is_answered_by_an_amount_not_a_place(tmp_path):
    """ "How much money is set aside for the poetry evening?" led with "Corn Exchange" of the
    budget's row (eval/probes/formats, an .ods file): the reader's best span holding a number
    leads now."""
    from tests.helpers import assistant_over

    assistant = assistant_over(tmp_path, {"budget.md": BUDGET})
    answer = assistant.ask("How much money is set aside for the poetry evening?")
    assert answer.short_answer == "€1,250.00", answer.text


LAUNCH = """Ostrava Space Agency launches weather satellite

The Ostrava Space Agency launched its Sentra-2 weather satellite from the Kalvik range on Tuesday.

The launch marks a recovery for the programme after a failure in September 2023, when the second
stage of a Vanta-4 shut down early and a 60-kg test satellite, Sentra-T, was lost.

Sentra-2 weighs 420 kg and will circle the Earth at a height of 650 km for at least seven years.

The agency said the mission cost 38 million crowns, of which the national weather office paid 12 million crowns.
"""


def test_what_something_costs_is_given_by_no_measure_of_another_kind(tmp_path):
    """ "How much did the Sentra-T test satellite cost?" was answered "60-kg" (a near miss of the
    invented news held out for development): a mass, a length, a share, people or a time is no
    amount paid. Of SQuAD v1.1 train's 336 questions of cost, no answer sentence holds only such
    measures; a share of a cost is still asked as one."""
    assert gives_no_number("How much did the test satellite cost?", ["A 60-kg test satellite, Sentra-T, was lost."])
    assert gives_no_number("How much was paid for the park?", ["The 400-acre park opened in 1990."])
    assert gives_no_number("How much money did the team raise?", ["The runners ran for 36 hours in the rain."])
    assert not gives_no_number("How much did the park cost?", ["The 400-acre park cost $2m."])
    assert not gives_no_number("How much did Turkey pay?", ["Turkey was ordered to pay well over $100m."])
    assert not gives_no_number("How much does it cost to visit?", ["The 400-acre park is open free of charge."])
    assert not gives_no_number("How much of the bridge will Canada pay for?", ["Canada will pay 95 per cent of it."])
    assert not gives_no_number("How much does the satellite weigh?", ["Sentra-2 weighs 420 kg."])  # no cost asked
    assert not gives_no_number("How much time do visitors spend on the site?", ["They spend 15 minutes a day there."])
    assert not gives_no_number("By how much did the price of diesel go up?", ["Diesel rose by 44 percent."])

    assistant = assistant_over(tmp_path, {"launch.txt": LAUNCH})
    answer = assistant.ask("How much did the Sentra-T test satellite cost?")
    assert answer.refused, answer.text
    assert answer.notes == ["The quoted passages give no number."]
    assert assistant.ask("How much did the weather office pay for the mission?").short_answer == "12 million crowns"
    assert assistant.ask("How heavy is Sentra-2?").short_answer == "420 kg"
