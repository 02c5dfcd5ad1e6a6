"""Who said or did something in a transcript: the turn's speaker (rag/answer/speakers.py)."""

from __future__ import annotations

import pytest

from tests.helpers import assistant_over

MINUTES = """Parking charges debate, council meeting of 12 March 2024

MAYOR OKONKWO: Item four is the proposal to raise parking charges on Market Street to two dollars an hour.
CLLR PATEL: I have real concerns. Mr. Barker is right. Shops on Market Street are already struggling. I would like to propose an amendment: keep the first 30 minutes free.
CLLR BELLO: I'll second that amendment.
CLLR MOREAU: I can't support the amendment. Thirty minutes free will cut the revenue by about a third.
MAYOR OKONKWO: We'll vote on the amendment first. The amendment fails on a tied vote.
CLLR HARROW: I move that the library opening hours report be received.
"""


@pytest.mark.integration
def test_the_speaker_of_the_turn_that_says_it_answers_who_did_it(tmp_path):
    """ "Who proposed the amendment?" was answered "Mr. Barker", the one name inside Patel's turn
    (a break-it helper's council meeting, session 49)."""
    assistant = assistant_over(tmp_path, {"minutes.txt": MINUTES})
    for question, speaker in [
        ("Who proposed the amendment?", "CLLR PATEL"),
        ("Who seconded the amendment?", "CLLR BELLO"),
        ("Who moved that the library opening hours report be received?", "CLLR HARROW"),
    ]:
        answer = assistant.ask(question)
        assert answer.short_answer == speaker, (question, answer.text)
        assert answer.citations[0].supporting_text().startswith(f"{speaker}: "), answer.text
    # A deed told of another in the turn is not the speaker's: "Mr. Barker is right" names no proposal.
    answer = assistant.ask("Who is right about the shops?")
    assert answer.short_answer != "CLLR PATEL"


@pytest.mark.integration
def test_labels_of_one_speaker_or_of_fields_are_no_transcript(tmp_path):
    notes = "Owner: Ann Lee\nDue: 4 April\nNOTE: I will propose the amendment next week.\nQ: Who proposed it?\n"
    assistant = assistant_over(tmp_path, {"notes.txt": notes})
    answer = assistant.ask("Who proposed the amendment?")
    assert answer.short_answer not in ("NOTE", "Q")


@pytest.mark.integration
def test_the_speaker_whose_label_gives_the_role_asked_for(tmp_path):
    """ "Who is the mayor?" was answered "CLERK CHO", the label the reader read first (session 49)."""
    assistant = assistant_over(tmp_path, {"minutes.txt": "CLERK CHO: The roll is called.\n" + MINUTES})
    answer = assistant.ask("Who is the mayor?")
    assert answer.short_answer == "MAYOR OKONKWO"
    assert answer.citations[0].supporting_text().startswith("MAYOR OKONKWO: Item four is the proposal")
    assert assistant.ask("Who is the clerk?").short_answer == "CLERK CHO"
    # A role of another place than the transcript's is not its speaker's.
    assert assistant.ask("Who is the mayor of Toronto?").short_answer != "MAYOR OKONKWO"
