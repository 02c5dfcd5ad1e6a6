"""A name with its number, a quantity with its unit or a day of a month that the question names and
no cited document holds: the documents do not say. "What was the PASI 75 response for the 600 mg
dose?" was answered with the 300 mg dose's figure (a break-it helper's trial summary, session 50)."""

from __future__ import annotations

import pytest

from rag.retrieve.specifics import unheld_specifics
from tests.helpers import assistant_over

SUMMARY = """ORV-221: a phase 2 study of orvelimab in plaque psoriasis

Design. 312 adults were randomised 1:1:1 to orvelimab 150 mg, orvelimab 300 mg or placebo, injected every 4 weeks.

Results at week 16. PASI 75 was reached by 68.3% of the 300 mg group, 51.2% of the 150 mg group and 6.1% of the placebo group.

The data monitoring committee met on 14 March 2024 and raised no safety concern.
The 1500 m walk test and the Route 52 shuttle to the clinic are described in appendix 3.
"""


@pytest.mark.unit
def test_what_a_question_names_exactly_is_held_however_it_is_written():
    found = [
        SUMMARY,
        "Tessaly release history\n| 4.0 | 2024-03-19 |",
        "The Python/C API. Changed in version 3.1: raises",
        "| Week of | Bin |\n| 09/02/2026 | Blue |",
    ]
    held = [
        "What was the PASI 75 response for the 300mg dose?",
        "What did the 150-mg group reach?",
        "What was decided on March 14?",
        "What was decided on the 14th of March 2024?",
        "Which bin goes out in the week of 9 February 2026?",
        "How long is the 1,500 m walk test?",
        "When does the route 52 shuttle leave?",
        "When did Tessaly 4.0 come out?",
        "What changed in Python 3.1?",
        "What share reached 50% or 68.3 per cent?",
        # Years, weekdays and a month's name before a year are rag.answer.years' to note, not these.
        "What did the committee decide in 2019, on Sunday, in May 2021?",
        # A document's own parts and steps, often numbered alone ("7. Pets") or in words.
        "What does Clause 7 say about pets, and what happens on Day 2 of Phase 3?",
        # The first word, and a currency before "m" (two million, not two metres).
        "Is 5 the dose? Did it cost $2 m?",
    ]
    for question in held:
        assert unheld_specifics(question, found) == [], question
    assert unheld_specifics("What was the PASI 75 response for the 600 mg dose?", found) == ["600 mg"]
    assert unheld_specifics("What did the committee decide on 14 January 2025?", found) == ["14 January"]
    assert unheld_specifics("What did the committee decide on January 4?", found) == ["January 4"]
    assert unheld_specifics("Which bin goes out in the week of 16 February 2026?", found) == ["16 February"]
    assert unheld_specifics("When does the Route 5 shuttle leave?", found) == ["Route 5"]
    assert unheld_specifics("Which version added support for Python 3.13?", found) == ["Python 3.13"]
    assert unheld_specifics("How long is the 150 m walk test?", found) == ["150 m"]


@pytest.mark.unit
def test_a_quantity_inside_a_range_a_text_gives_is_held():
    """ "My suitcase weighs 27kg - what's the overweight fee if I pay at the airport?" was refused,
    "No document found names “27kg”", over "Overweight bag (23.1kg to 32kg)" (a break-it helper's
    baggage page, session 53)."""
    fees = ["| Overweight bag (23.1kg to 32kg) | £35 | £55 |\n| Cabin bag | up to 10 kilograms |"]
    for question in ("My suitcase weighs 27kg - what's the overweight fee?", "Can I take an 8 kg bag on board?"):
        assert unheld_specifics(question, fees) == [], question
    assert unheld_specifics("My suitcase weighs 37kg - what's the overweight fee?", fees) == ["37kg"]
    assert unheld_specifics("What is the fee for a 27 mm bag?", fees) == ["27 mm"]  # another unit


@pytest.mark.integration
def test_a_dose_no_cited_document_names_is_refused(tmp_path):
    assistant = assistant_over(tmp_path, {"orv-221-summary.txt": SUMMARY})
    answer = assistant.ask("What was the PASI 75 response for the 600 mg dose?")
    assert answer.refused and answer.notes == ["No document found names “600 mg”."], answer.text
    assert not answer.short_answer
    right = assistant.ask("What was the PASI 75 response for the 300 mg dose?")
    assert not right.refused and "68.3" in right.text
    assert not any("names" in note for note in right.notes)
    how_often = assistant.ask("How often was the 600 mg dose injected?")
    assert how_often.refused and how_often.notes == ["No document found names “600 mg”."], how_often.text


CARAVAN = """Trump outraged over Mexico migrant caravan

For the second straight day, Trump took to Twitter to attack Mexico for allowing the 1,500-strong
group to march unimpeded toward the United States. On Sunday he said Mexico "must stop the big drug
and people flows, or I will stop their cash cow, NAFTA."
"""

CROSSING = """Approximately 1,000 Central American migrants crossed freely into Mexico Wednesday, June 5, saying
their goal is to get to the U.S. border and request asylum.
"""


@pytest.mark.integration
def test_a_day_a_document_not_cited_holds_refuses_nothing(tmp_path):
    """A question of two parts whose answer cites the first part's story was refused, "No
    document found names “June 5”", though the other story says "Wednesday, June 5" (the gold
    gate, session 51, before it landed): the documents keyword search finds for the day are
    looked in too. (Over two stories both are among the passages read, so this guards the
    behaviour; the gold set's run is where the refusal was seen.)"""
    assistant = assistant_over(tmp_path, {"caravan.txt": CARAVAN, "crossing.txt": CROSSING})
    answer = assistant.ask(
        "How big was the caravan Trump raged about over NAFTA, and how big was the group that crossed into Mexico on June 5?"
    )
    assert not any("No document found names" in note for note in answer.notes), answer.text
    assert assistant.ask("How many migrants crossed into Mexico on June 12?").refused


@pytest.mark.unit
def test_a_version_of_three_parts_is_held_or_not_whatever_names_it():
    """ "When was pelicanfs 3.4.1 released?" was answered "today", from the sentence that released
    3.4.2 (a break-it helper's bug thread, session 53): a lower-case name before the number was
    no name, and "v3" of "v3.4.0" was read as a code."""
    thread = ["Released in pelicanfs 3.4.2 today (2026-03-09). The hang began in 3.4.0."]
    assert unheld_specifics("When was pelicanfs 3.4.1 released?", thread) == ["3.4.1"]
    for question in ("When was pelicanfs 3.4.2 released?", "What broke in v3.4.0?", "Is 3.4 affected?"):
        assert unheld_specifics(question, thread) == [], question
