"""Outlook messages (.msg) read as the e-mails they are (rag/ingest/outlook.py): a real one as
Outlook saved it, and messages written as Outlook writes them (tests/ingest/compound.py), then
answered through a real index."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as
from tests.ingest.compound import compound_file, outlook_message

OUTER = Path(__file__).parent / "files" / "outer.msg"  # Outlook 2016's (files/README.md)
PRICES = b"Item,Price each\r\nTablecloth white,1.85\r\nNapkin white,0.32\r\n"


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


def quotation() -> bytes:
    return outlook_message(
        "Quotation Q-2291",
        sender=("Declan Furlong", "d.furlong@pellworth.example"),
        recipients=[
            ("Inés Calderón", "ines@cafemarisol.example", 1),
            ("Accounts", "accounts@cafemarisol.example", 2),
            ("Audit", "audit@pellworth.example", 3),  # Bcc: no reader of the message sees it
        ],
        sent=datetime(2025, 5, 19, 8, 5, tzinfo=UTC),
        body="Dear Inés,\r\n\r\nplease find our prices for linen hire attached.\r\n",
        attachments=[("prices.csv", PRICES), ("logo.png", b"\x89PNG\r\n\x1a\n"), ("old.msg", b"\xd0\xcf")],
    )


@pytest.mark.unit
def test_a_message_outlook_saved_is_read_as_its_mail_is():
    doc = load("outer.msg", OUTER.read_bytes())
    assert read_as("outer.msg") == "msg"
    assert doc.title == "outer subject"
    assert doc.text == (
        "On 15 November 2016 at 23:29 +0000, “outer subject” was sent to outer@foo.bar.\n\n"
        "Outer body\n\n"
        "Attachments: test"
    )  # the attached message is only named


@pytest.mark.unit
def test_sender_recipients_time_body_and_attachments_are_read_as_an_eml_s():
    doc = load("quote.msg", quotation())
    assert doc.title == "Quotation Q-2291"
    assert doc.text == (
        "On 19 May 2025 at 08:05 +0000, Declan Furlong <d.furlong@pellworth.example> sent “Quotation Q-2291” to "
        "Inés Calderón <ines@cafemarisol.example> (copied to Accounts <accounts@cafemarisol.example>).\n\n"
        "Dear Inés,\n\nplease find our prices for linen hire attached.\n\n"
        "Attachments: prices.csv, logo.png, old.msg\n\n"
        "Attachment prices.csv:\n\n"
        "| Item | Price each |\n|---|---|\n| Tablecloth white | 1.85 |\n| Napkin white | 0.32 |"
    )


@pytest.mark.unit
def test_a_message_with_only_an_html_body_is_read_as_its_page():
    html = b"<html><body><p>The committee meets on 12 November in Room 4.</p><p>Please confirm.</p></body></html>"
    doc = load("meeting.msg", outlook_message("Committee", html=html))
    assert doc.text.split("\n\n", 1)[1] == "The committee meets on 12 November in Room 4.\nPlease confirm."


# A body Outlook keeps only as RTF: its HTML wrapped in RTF ([MS-OXRTFEX]), as Outlook writes an
# HTML mail it received, and a mail written in Outlook's own "Rich Text" format.
WRAPPED_HTML = rb"""{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}
{\*\htmltag19 <html>}{\*\htmltag50 <body>}\htmlrtf {\htmlrtf0
{\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 The canteen opens at 07:00 from Monday.\htmlrtf \par
}\htmlrtf0 {\*\htmltag72 </p>}
{\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 Priya Shah runs the Saturday shift.\htmlrtf \par
}\htmlrtf0 {\*\htmltag72 </p>}{\*\htmltag58 </body>}{\*\htmltag27 </html>}}"""
RICH_TEXT = (
    rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\f0 Deliveries come on {\b Tuesdays}.\par Ask Jo.\par}"
)


@pytest.mark.unit
def test_a_body_kept_only_as_compressed_rtf_is_read():
    """It was not read: the message was its header sentence alone."""
    from compressed_rtf import compress

    for rtf, body in (
        (WRAPPED_HTML, "The canteen opens at 07:00 from Monday.\nPriya Shah runs the Saturday shift."),
        (RICH_TEXT, "Deliveries come on Tuesdays.\nAsk Jo."),
    ):
        assert load("rota.msg", outlook_message("Rota", rtf=compress(rtf))).text.split("\n\n", 1)[1] == body
    stored = compress(RICH_TEXT)
    damaged = stored[:-1] + bytes([stored[-1] ^ 0xFF])  # its CRC no longer holds: the body is not read
    assert load("rota.msg", outlook_message("Rota", body="", rtf=damaged, attachments=[("a.txt", b"x")])).text == (
        "Subject: Rota\n\nAttachments: a.txt\n\nAttachment a.txt:\n\nx"
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b"From: ann@example.com\nSubject: Rota\n\nHi", "not an Outlook message"),
        (compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 600}), "not a readable Outlook message"),
        (OUTER.read_bytes()[:3000], "not a readable Outlook message"),  # cut short
        (outlook_message(""), "has no subject, text or attachment"),
    ],
)
def test_what_is_no_outlook_message_is_a_load_error_naming_the_file(data, says):
    with pytest.raises(LoadError) as info:
        load("sub/mail.msg", data)
    assert str(info.value).startswith("sub/mail.msg: ") and says in str(info.value)


def test_outlook_messages_are_indexed_and_answered(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "quote.msg").write_bytes(quotation())
    (corpus / "outer.msg").write_bytes(OUTER.read_bytes())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Who sent quotation Q-2291?")
    assert answer.short_answer.startswith("Declan Furlong") and answer.citations[0].source == "quote.msg"
    answer = assistant.ask("What is the price of a white napkin?")
    assert answer.short_answer == "0.32" and answer.citations[0].source == "quote.msg"


@pytest.mark.unit
def test_an_older_outlook_s_8_bit_strings_are_read_in_the_message_s_code_page_recipients_too():
    import struct

    from tests.ingest.compound import LONG, properties

    def cp1251(prop: int, text: str) -> tuple[str, bytes]:
        return f"__substg1.0_{prop:04X}001E", text.encode("cp1251")

    recipient = "__recip_version1.0_#00000000"
    streams = {
        "__properties_version1.0": properties({0x3FFD: (LONG, struct.pack("<i", 1251))}, 32),
        **dict([cp1251(0x0037, "Отчёт"), cp1251(0x1000, "Отчёт готов.")]),
        f"{recipient}/{cp1251(0x3001, 'Иван Петров')[0]}": cp1251(0x3001, "Иван Петров")[1],
        f"{recipient}/__properties_version1.0": properties({0x0C15: (LONG, struct.pack("<i", 1))}, 8),
    }
    assert load("report.msg", compound_file(streams)).text == "“Отчёт” was sent to Иван Петров.\n\nОтчёт готов."
