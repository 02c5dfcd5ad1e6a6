"""Who sent a mail, to whom, who was copied in and when, read from the sentence the mail reader
writes of its headers (rag/answer/envelope.py, rag.ingest.mail.envelope_of); then through a real
index."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from rag.answer.envelope import envelope_answer, unsaid
from rag.assistant import Assistant
from rag.ingest.mail import Envelope, _sent, envelope_of

ROTA = Envelope(
    subject="Café rota change from Monday 12 May",
    sender="Marta Kowalczyk <m.kowalczyk@fernhill-house.example>",
    to="Café team <cafe-team@fernhill-house.example>, joanne.pirie@fernhill-house.example",
    when="7 May 2025 at 15:20 +0100",
)


@pytest.mark.unit
@pytest.mark.parametrize(
    "envelope",
    [
        ROTA,
        Envelope(
            subject="Q “2291” – “linen”", sender="A B", to="C", copied="D <d@x.example>", when="1 May 2025 at 09:00"
        ),
        Envelope(sender="ann@example.com"),
        Envelope(subject="Hi", to="team@example.com"),
    ],
)
def test_a_header_sentence_is_read_back_into_the_envelope_it_was_written_from(envelope):
    assert envelope_of(_sent(envelope)) == envelope


@pytest.mark.unit
def test_no_other_sentence_is_read_as_headers():
    assert envelope_of("Ann sent the rota to the team on Monday.") is None
    # A Date header that did not parse is written as sent: its commas make the parts ambiguous.
    assert envelope_of("On Wed, 07 May 2025, Ann sent “Rota” to Bob.") is None


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who received the café rota change?", "Café team, joanne.pirie@fernhill-house.example"),
        ("Who was the rota change sent to?", "Café team, joanne.pirie@fernhill-house.example"),
        ("To whom did Marta send the rota?", "Café team, joanne.pirie@fernhill-house.example"),
        ("Who sent the rota change?", "Marta Kowalczyk"),
        ("From whom did the rota change come?", "Marta Kowalczyk"),
        ("When was the café rota e-mail sent?", "7 May 2025"),  # not the subject's "Monday 12 May"
        ("What time was the rota change sent?", "7 May 2025 at 15:20 +0100"),
        # "send" as asked, not only "sent" (eval/probes/formats, session 53).
        ("On what date did Marta send the rota change?", "7 May 2025"),
        ("When did Marta write to the café team?", "7 May 2025"),
        ("When does the café open?", None),  # not a question of the headers: the reader's
        ("Who was copied in on the rota change?", None),  # no one: unsaid
    ],
)
def test_the_part_asked_is_the_answer(question, expected):
    assert envelope_answer(question, _sent(ROTA), "mail/rota.eml") == expected
    assert unsaid(question, _sent(ROTA), "mail/rota.eml") == (question.startswith("Who was copied"))
    # Not of a message: a news story's sentence of the same shape is read by the reader.
    assert envelope_answer(question, _sent(ROTA), "news/rota.txt") is None
    assert not unsaid(question, _sent(ROTA), "news/rota.html")


def test_recipients_and_the_date_sent_are_answered_and_a_copy_to_no_one_refused(tmp_path):
    """Before, the reader marked the sender for "Who received …?", the subject's date for "When
    was … sent?", and the recipient's surname for "Who was copied in …?"."""
    m = EmailMessage()
    m["Subject"] = ROTA.subject
    m["From"] = ROTA.sender
    m["To"] = ROTA.to
    m["Date"] = "Wed, 07 May 2025 15:20:00 +0100"
    m.set_content("Hi all,\n\nJoanne Pirie will run the early shift on Tuesday and Thursday.\n\nMarta\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rota-change.eml").write_bytes(bytes(m))
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Who received the café rota change e-mail?")
    assert answer.short_answer == "Café team, joanne.pirie@fernhill-house.example"
    assert answer.citations[0].source == "rota-change.eml"
    assert assistant.ask("When was the café rota change e-mail sent?").short_answer == "7 May 2025"
    assert assistant.ask("Who was copied in on the café rota change e-mail?").refused
