"""Mailboxes saved as one file (.mbox) read a message at a time (rag/ingest/mbox.py), written by
the standard library's `mailbox` as mail programs write them, and answered through a real index."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from tests.ingest.test_mail import html_only_mail, rota_mail


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


def quotation_mail() -> bytes:
    m = EmailMessage()
    m["Subject"] = "Quotation Q-2291"
    m["From"] = "Declan Furlong <declan@harbour-tools.example>"
    m["To"] = "buying@fernhill-house.example"
    m["Date"] = "Mon, 19 May 2025 11:05:00 +0100"
    m.set_content("Please find our quotation attached.\n\nFrom stock: the drill press ships within 3 days.\n")
    m.add_attachment(
        b"Item,Price\nDrill press DP-16,EUR 412.00\n", maintype="text", subtype="csv", filename="quote.csv"
    )
    return bytes(m)


def mailbox_file(path: Path, *messages: bytes) -> bytes:
    """An .mbox written by the standard library: "From " lines between messages, and a body
    line that begins "From " quoted ">From " (as Thunderbird, mutt and Google Takeout write it)."""
    box = mailbox.mbox(path)
    for message in messages:
        box.add(message)
    box.flush()
    box.close()
    return path.read_bytes()


@pytest.mark.unit
def test_a_mailbox_is_each_of_its_messages_in_order_as_an_eml_file_is_read(tmp_path):
    data = mailbox_file(tmp_path / "box.mbox", rota_mail(), html_only_mail(), quotation_mail())
    assert b"\n>From 10 November" in data and b"\n>From stock" in data  # quoted by the writer
    doc = load("Archive/Inbox.mbox", data)
    assert read_as("Inbox.mbox") == "mbox"
    assert doc.title is None
    messages = [load(f"{n}.eml", m).text for n, m in enumerate((rota_mail(), html_only_mail(), quotation_mail()))]
    assert doc.text == "\n\n".join(messages)  # each read as its .eml is, the quoting undone
    assert "From 10 November the café opens at 7:30" in doc.text
    assert "Attachment quote.csv:" in doc.text and "EUR 412.00" in doc.text


@pytest.mark.unit
def test_a_mailbox_without_blank_lines_between_messages_is_cut_at_its_dated_from_lines():
    """Some writers put a message's "From - <date>" line right after the last one's text."""
    first, second = quotation_mail(), html_only_mail()
    quoted = first.replace(b"\nFrom stock", b"\n>From stock").rstrip(b"\n")  # as every writer quotes it
    data = b"From - Mon May 19 11:05:00 2025\n" + quoted + b"\nFrom - Wed Nov  5 10:00:00 2025\n" + second
    assert load("box.mbox", data).text == load("a.eml", first).text + "\n\n" + load("b.eml", second).text


@pytest.mark.unit
def test_a_mailbox_that_holds_no_message_is_a_clear_error():
    with pytest.raises(LoadError, match=r'^notes\.mbox: not a mailbox \(an \.mbox file begins with a "From " line\)$'):
        load("notes.mbox", b"Dear diary,\nFrom today on I write every day.\n")
    with pytest.raises(LoadError, match=r"^junk\.mbox: the mailbox holds no message that can be read$"):
        load(
            "junk.mbox", b"From nobody Mon May 19 11:05:00 2025\nno headers here\n\nFrom x Tue May 20 1:00:00 2025\n\n"
        )
    # One broken message among them: the others are read.
    broken = b"From nobody Mon May 19 11:05:00 2025\nno headers here\n\n"
    text = load("box.mbox", broken + b"From x Mon May 19 11:05:00 2025\n" + quotation_mail()).text
    assert text == load("q.eml", quotation_mail()).text


def test_a_mailbox_is_indexed_and_each_message_answered_with_its_own_sender(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    mailbox_file(corpus / "Inbox.mbox", rota_mail(), quotation_mail())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Who runs the Saturday shift?")
    assert answer.short_answer == "Priya Shah" and answer.citations[0].source == "Inbox.mbox"
    answer = assistant.ask("Who sent quotation Q-2291?")
    assert answer.short_answer is not None and "Declan Furlong" in answer.short_answer
