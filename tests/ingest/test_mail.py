"""E-mails saved as files (.eml) read as a mail program shows them (rag/ingest/mail.py), written
by the standard library as mail programs write them, and answered through a real index."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


def rota_mail() -> bytes:
    """Plain text and HTML alternatives, an attachment, a subject in UTF-8 (RFC 2047 on the wire)."""
    m = EmailMessage()
    m["Subject"] = "Café opening hours – new rota"
    m["From"] = Address("Ann Lee", "ann", "example.com")
    m["To"] = "team@example.com"
    m["Date"] = "Tue, 4 Nov 2025 09:12:00 +0100"
    m.set_content(
        "Hi all,\n\nFrom 10 November the café opens at 7:30 and closes at 18:00.\n"
        "Priya Shah runs the Saturday shift.\n\nAnn\n"
    )
    m.add_alternative("<p>Hi all,</p><p>From 10 November the caf&eacute; opens at 7:30.</p>", subtype="html")
    m.add_attachment(b"PK\x03\x04", maintype="application", subtype="octet-stream", filename="rota.xlsx")
    return bytes(m)


def html_only_mail() -> bytes:
    """Only an HTML part, in Latin-1 as its <meta> says, quoted-printable on the wire."""
    m = EmailMessage()
    m["Subject"] = "Réunion du comité"
    m["From"] = "paul@example.fr"
    m["Date"] = "Wed, 5 Nov 2025 10:00:00 +0100"
    page = (
        "<html><head><meta charset='iso-8859-1'></head><body><p>La réunion du comité aura lieu le "
        "12 novembre à Genève, salle 4.</p><p>Merci de confirmer avant le 10 novembre.</p></body></html>"
    )
    m.set_content(page.encode("iso-8859-1"), maintype="text", subtype="html", cte="quoted-printable")
    m.replace_header("Content-Type", "text/html; charset=iso-8859-1")
    return bytes(m)


def booking_mail() -> bytes:
    """A plain part that only points to the HTML one, which lays the booking out in a table of one
    cell holding headings, a table of bold labels and a price table (how a hotel writes it)."""
    m = EmailMessage()
    m["Subject"] = "Booking confirmation SQ-58210473"
    m["From"] = Address("Hotel Saltmarsh Quay", "reservations", "saltmarshquay.example")
    m["Date"] = "Mon, 14 Apr 2025 16:22:00 +0100"
    m.set_content("Booking confirmation SQ-58210473\nDear Jonas, please view this email in HTML for full details.\n")
    m.add_alternative(
        '<html><body><table width="600" align="center"><tr><td>'
        "<h1>Your booking is confirmed</h1><p>Dear Jonas,</p><p>Thank you for choosing Hotel Saltmarsh Quay.</p>"
        "<table><tr><td><b>Check-in</b></td><td>Friday 23 May 2025, from 3:00 pm</td></tr>"
        "<tr><td><b>Check-out</b></td><td>Monday 26 May 2025, by 11:00 am</td></tr>"
        "<tr><td><b>Room</b></td><td>Harbour View Family Room</td></tr></table>"
        "<h2>Price summary</h2><table><tr><th>Date</th><th>Room rate</th></tr>"
        "<tr><td>23 May 2025</td><td>€189.00</td></tr><tr><td>24 May 2025</td><td>€214.00</td></tr>"
        "<tr><td><b>Total</b></td><td><b>€403.00</b></td></tr></table>"
        "<h2>Cancellation policy</h2><p>Free cancellation until 6:00 pm on Tuesday 20 May 2025.</p>"
        "</td></tr></table></body></html>",
        subtype="html",
    )
    return bytes(m)


@pytest.mark.unit
def test_a_mail_whose_plain_part_is_a_stub_is_read_from_its_html_part():
    """ "Please view this email in HTML for full details." was all a booking confirmation's index
    held; its HTML part was one table cell run together (a break-it helper's, session 51)."""
    text = load("booking.eml", booking_mail()).text
    assert "view this email in HTML" not in text
    assert "\nYour booking is confirmed\n" in text
    assert "- Check-in: Friday 23 May 2025, from 3:00 pm\n- Check-out: Monday 26 May 2025, by 11:00 am\n" in text
    assert "| 24 May 2025 | €214.00 |" in text
    assert "\nFree cancellation until 6:00 pm on Tuesday 20 May 2025." in text
    # A plain part that says as much as its HTML one is the message as written.
    assert load("rota.eml", rota_mail()).text.count("Priya Shah runs the Saturday shift.") == 1


@pytest.mark.unit
def test_a_mail_is_its_headers_its_plain_text_and_the_names_of_its_attachments():
    data = rota_mail()
    assert b"=?utf-8?" in data  # the subject as it travels
    doc = load("rota.eml", data)
    assert read_as("rota.eml") == "mail"
    assert doc.title == "Café opening hours – new rota"
    assert doc.text == (
        "On 4 November 2025 at 09:12 +0100, Ann Lee <ann@example.com> sent “Café opening hours – new rota” "
        "to team@example.com.\n\n"
        "Hi all,\n\nFrom 10 November the café opens at 7:30 and closes at 18:00.\n"
        "Priya Shah runs the Saturday shift.\n\nAnn\n\n"
        "Attachments: rota.xlsx"
    )
    assert "<p>" not in doc.text and "PK" not in doc.text


@pytest.mark.unit
@pytest.mark.parametrize(
    "headers, said",
    [
        (
            {"Subject": "Rota", "From": "Ann <ann@example.com>", "To": "bo@example.com", "Cc": "cy@example.com"},
            "Ann <ann@example.com> sent “Rota” to bo@example.com (copied to cy@example.com).",
        ),
        (
            {"To": "bo@example.com", "Date": "Fri, 9 May 2025 17:05:00 -0400"},
            "On 9 May 2025 at 17:05 -0400, this message was sent to bo@example.com.",
        ),
        ({"Subject": "Rota"}, "Subject: Rota"),
    ],
)
def test_who_sent_what_to_whom_and_when_is_one_sentence(headers, said):
    m = EmailMessage()
    for name, value in headers.items():
        m[name] = value
    m.set_content("The café opens at 7:30.")
    assert load("m.eml", bytes(m)).text == f"{said}\n\nThe café opens at 7:30."


@pytest.mark.unit
def test_a_mail_with_only_html_is_read_as_its_page_in_the_charset_it_declares():
    doc = load("reunion.eml", html_only_mail())
    assert doc.title == "Réunion du comité"
    assert doc.text.split("\n\n", 1)[1] == (
        "La réunion du comité aura lieu le 12 novembre à Genève, salle 4.\nMerci de confirmer avant le 10 novembre."
    )


@pytest.mark.unit
def test_a_charset_python_does_not_know_is_read_as_utf8_not_lost():
    data = (
        b"Subject: Rota\r\nFrom: ann@example.com\r\nContent-Type: text/plain; charset=x-unknown-8\r\n\r\n"
        b"The caf\xc3\xa9 opens at 7:30.\r\n"
    )
    assert load("rota.eml", data).text == "ann@example.com sent “Rota”.\n\nThe café opens at 7:30."


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b"Meeting notes\n\nThe budget was approved.\n", "not an e-mail message"),
        (b"Subject: \nFrom: \n\n", "has no subject, text or attachment"),
    ],
)
def test_what_is_no_message_is_a_load_error(data, says):
    with pytest.raises(LoadError) as info:
        load("sub/note.eml", data)
    assert str(info.value).startswith("sub/note.eml: ") and says in str(info.value)


def quote_mail() -> bytes:
    """A two-line mail whose figures are in its attached workbook, with a picture and a
    forwarded message attached too."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in (["Item", "Price each"], ["Tablecloth, white", 1.85], ["Napkin, white", 0.32]):
        book.active.append(row)
    saved = io.BytesIO()
    book.save(saved)
    m = EmailMessage()
    m["Subject"] = "Quotation Q-2291"
    m["From"] = "Declan Furlong <d.furlong@pellworth.example>"
    m["Date"] = "Mon, 19 May 2025 09:05:00 +0100"
    m.set_content("Dear Ines,\n\nplease find our prices for linen hire attached.\n")
    sheet = "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    m.add_attachment(saved.getvalue(), maintype="application", subtype=sheet, filename="prices.xlsx")
    m.add_attachment(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="logo.png")
    forwarded = EmailMessage()
    forwarded["Subject"] = "Old prices"
    forwarded.set_content("Napkins were 0.29 each.")
    m.add_attachment(forwarded, filename="old.eml")
    return bytes(m)


@pytest.mark.unit
def test_an_attachment_of_a_kind_the_index_reads_is_read_after_the_mail():
    doc = load("quote.eml", quote_mail())
    assert doc.text.split("\n\nAttachments: ")[1] == (
        "prices.xlsx, logo.png, old.eml\n\n"
        "Attachment prices.xlsx:\n\n"
        "| Item | Price each |\n|---|---|\n| Tablecloth, white | 1.85 |\n| Napkin, white | 0.32 |"
    )  # the picture is only named, and so is the forwarded message (no mail inside a mail)


def test_mails_are_indexed_and_answered(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rota.eml").write_bytes(rota_mail())
    (corpus / "reunion.eml").write_bytes(html_only_mail())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Who runs the Saturday shift at the café?")
    assert answer.short_answer == "Priya Shah"
    assert answer.citations[0].source == "rota.eml"
    assert assistant.ask("What time does the café open from 10 November?").short_answer == "7:30"
    (corpus / "quote.eml").write_bytes(quote_mail())
    assistant.update_index()
    answer = assistant.ask("What is the price of a white napkin?")
    assert answer.short_answer == "0.32" and answer.citations[0].source == "quote.eml"
    (corpus / "booking.eml").write_bytes(booking_mail())
    assistant.update_index()
    # The header sentence names the hotel too, and says only who sent what when: it answered
    # "14 April 2025".
    answer = assistant.ask("What time can we check in at Hotel Saltmarsh Quay?")
    assert "3:00 pm" in answer.short_answer and answer.citations[0].source == "booking.eml"
    assert assistant.ask("Who sent the booking confirmation?").short_answer == "Hotel Saltmarsh Quay"
    assert "214" in assistant.ask("What is the room rate on 24 May?").short_answer


def test_who_sent_a_mail_and_when_are_answered_from_its_headers(tmp_path):
    # From:, To: and Date: lines answered none: "sent" is in none of their labels, and the
    # quotation's were refused.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rota.eml").write_bytes(rota_mail())
    (corpus / "quote.eml").write_bytes(quote_mail())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Who sent the e-mail about the new rota?")
    assert answer.short_answer.startswith("Ann Lee") and answer.citations[0].source == "rota.eml"
    answer = assistant.ask("When was quotation Q-2291 sent?")
    assert answer.short_answer == "19 May 2025" and answer.citations[0].source == "quote.eml"
    assert assistant.ask("Who sent quotation Q-2291?").short_answer == "Declan Furlong"


def venue_quote_mail() -> bytes:
    """A plain part that lines a price table up with spaces, and an HTML part with the table."""
    rows = [("Meadow", "£74.00", "£58.00"), ("Orchard", "£92.50", "£75.00"), ("Lapwing Signature", "£118.00", "£99.00")]
    m = EmailMessage()
    m["Subject"] = "Your quote from Lapwing Hall Barn"
    m["From"] = Address("Fenella Drummond-Price", "events", "lapwinghallbarn.example")
    m["Date"] = "Thu, 29 Oct 2026 10:41:00 +0000"
    intro = (
        "Dear Oliver and Hannah, thank you for coming to see us at Lapwing Hall Barn last Saturday. As promised, here "
        "is your personalised quote for a wedding on Saturday 19 June 2027, with our midweek prices to compare. "
        "The date is not reserved until we receive the signed booking form and the booking fee."
    )
    table = "\n".join(f"{p:<20}{s:>12}{w:>12}" for p, s, w in [("Package", "Saturday", "Mon-Thu"), *rows])
    m.set_content(f"{intro}\n\nYour package options (per adult)\n\n{table}\n\nWith best wishes, Fenella\n")
    cells = "".join(f"<tr><td>{p}</td><td>{s}</td><td>{w}</td></tr>" for p, s, w in rows)
    m.add_alternative(
        f"<html><body><p>{intro}</p><h3>Your package options (per adult)</h3><table>"
        f"<tr><th>Package</th><th>Saturday</th><th>Mon-Thu</th></tr>{cells}</table>"
        "<p>With best wishes, Fenella</p></body></html>",
        subtype="html",
    )
    return bytes(m)


@pytest.mark.unit
def test_a_mail_whose_html_part_has_the_tables_its_plain_part_lines_up_is_read_from_it():
    """A venue's quote mail: its plain part's price table was columns of spaces, rows no question
    could tell apart, and its header in another passage (a break-it helper's, session 54)."""
    text = load("quote.eml", venue_quote_mail()).text
    assert "| Package | Saturday | Mon-Thu |" in text and "| Orchard | £92.50 | £75.00 |" in text
    assert text.count("thank you for coming to see us") == 1
