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


CHAT = """Northbay Furniture - Customer Care chat transcript
Chat ID: CH-88213407   Date: 2 March 2026

[14:02:11] System: You are now chatting with Rosalind.
[14:02:30] Rosalind (Customer Care): Hello Declan, thanks for waiting. How can I help today?
[14:03:02] Declan Moyo: My sofa arrived with a torn arm and the footstool is the wrong shade.
[14:05:40] Rosalind (Customer Care): I'm sorry to hear that. I'll ask my supervisor to join.
[14:14:26] System: Femi has joined the chat.
[14:14:50] Femi (Supervisor): Hi Declan, I'm Femi, a team leader here. I've read through the chat.
[14:15:33] Femi (Supervisor): I can refund the £49.00 delivery charge in full and add a £30.00 goodwill e-voucher.
[14:16:10] Declan Moyo: Thank you, that helps.
[14:17:45] Femi (Supervisor): I can book the replacement for Thursday 19 March, morning slot 7am to 12 noon.
[14:24:41] System: Femi has left the chat.
"""


@pytest.mark.integration
def test_a_chats_speaker_stamped_with_a_time_and_a_role_in_brackets(tmp_path):
    """A support chat labels its turns "[14:14:50] Femi (Supervisor):"; "What was the name of the
    supervisor in my chat?" was answered "Hi Declan" (a break-it helper's chat, session 52)."""
    assistant = assistant_over(tmp_path, {"chat.txt": CHAT})
    for question in ("What was the name of the supervisor in my chat?", "Who is the supervisor?"):
        answer = assistant.ask(question)
        assert answer.short_answer == "Femi", (question, answer.text)
        assert answer.citations[0].supporting_text().startswith("Femi (Supervisor): Hi Declan")
    answer = assistant.ask("Who refunded the delivery charge?")
    assert answer.short_answer == "Femi", answer.text
