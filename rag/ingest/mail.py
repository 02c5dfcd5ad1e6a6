"""An e-mail saved as a file (.eml: what mail programs write when a message is dragged out or
saved), read as the message a mail program shows.

By the standard library's `email` package (its default policy: headers decoded from RFC 2047,
"=?utf-8?q?Caf=C3=A9?=" read as "Café"). The document text is a sentence of who sent the
message, what, to whom and when (below), a blank line, then its body: the plain-text part, or
when the message has only an HTML part, that part's main text (read as an .html file is, by
`html_text`, given by the caller); a plain part decoded by the charset it declares. Attachments are
named after the body ("Attachments: budget.xlsx, minutes.pdf"), so that a question about what
was sent finds the message, and each one of a kind the index reads follows, read as a file of
its name is ("Attachment budget.xlsx:", then its text): a quotation's figures are often in its
PDF, not its two-line mail. A message attached to a message is only named (no mail inside a
mail inside a mail), as is an attachment of a kind not read or that cannot be read. The
message's subject is its title.

The headers are one sentence: "On 7 May 2025 at 15:20 +0100, Marta Kowalczyk
<m.kowalczyk@fernhill-house.example> sent “Café rota change from Monday 12 May” to Café team
<cafe-team@fernhill-house.example> (copied to …)." — not the "Subject:", "From:", "To:" and
"Date:" lines a mail program shows. No word of "Who sent quotation Q-2291?" or "When was the café
rota e-mail sent?" is in those labels, and 12 such questions (the formats development set's
five, seven about two small test mails) were answered from the signature ("Marta"), the
attachment's name ("week-20"), the body or not at all: 2 of 12 right. Tried, one run each:
"Subject: …" then "Sent by A to B on D." on two lines, 5 of 12 (the sentence that answers does
not hold the subject the question names it by: "Who sent quotation Q-2291?" refused); "Sent by
A to B on D, with the subject “…”.", 7; "E-mail “…”, sent by A to B on D.", 8; this sentence, 9, with the date written as people
write one ("7 May 2025 at 15:20", where "Wed, 07 May 2025 15:20:00 +0100" was passed over). The
three still wrong (a subject that holds a date, "from Monday 12 May", read as the date sent,
twice; "Who received …?" answered with the sender) are now read from the sentence itself
(envelope_of, rag/answer/envelope.py). On the whole formats development set
(`rag eval`, 70 questions): correctness 0.800 → 0.873, EM 0.545 → 0.600, citation support 0.800
→ 0.891; one answer lost ("What is the file name of the rota sent with the message?" now quotes
this sentence) and one near miss answered ("Who was copied in on the quotation …?" → "Calderón").

A file with none of those headers is no message: a LoadError, not its bytes read as a body.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from rag.errors import LoadError
from rag.ingest.markdown import one_line

MAIL_SUFFIXES = (".eml",)
_MESSAGE_HEADERS = {"subject", "from", "to", "date", "message-id", "received"}


@dataclass(frozen=True)
class Envelope:
    """Who sent a message, to whom, when and about what, as a mail program shows each ("" when
    the message does not say); `when` already written as people write a date (`spoken_date`)."""

    subject: str = ""
    sender: str = ""
    to: str = ""
    copied: str = ""
    when: str = ""


def mail_text(
    source: str,
    data: bytes,
    html_text: Callable[[str, bytes], str],
    attachment_text: Callable[[str, bytes], str] | None = None,
) -> tuple[str, str | None]:
    """(the document text, the subject or None) of an .eml file's bytes. `html_text(source,
    data)`: the main text of an HTML part (LoadError when it has none). `attachment_text(name,
    data)`: an attachment's text, read as a file of that name is (LoadError when it is of a kind
    not read, or damaged: the attachment is then only named)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not _MESSAGE_HEADERS & {k.lower() for k in message.keys()}:
        raise LoadError(f"{source}: not an e-mail message (no Subject, From, To or Date header)")
    envelope = Envelope(*(_header(message, name) for name in ("Subject", "From", "To", "Cc")), _date(message))
    body = _body(source, message, html_text)
    attachments = [
        (name, _attachment(name, part, attachment_text))
        for part in message.iter_attachments()
        if (name := part.get_filename())
    ]
    return message_text(source, envelope, body, attachments), envelope.subject or None


def message_text(source: str, envelope: Envelope, body: str, attachments: list[tuple[str, str]]) -> str:
    """A message's document text, however it was saved (.eml, Outlook's .msg): who sent what to
    whom and when as one sentence, its body, the names of its attachments, then each one read
    (`attachments`: (name, its text or "" when it is not read))."""
    if not body and not attachments and not envelope.subject:
        raise LoadError(f"{source}: the message has no subject, text or attachment")
    text = _sent(envelope)
    if body:
        text += "\n\n" + body
    if attachments:
        text += "\n\nAttachments: " + ", ".join(name for name, _ in attachments)
    for name, read in attachments:
        if read:
            text += f"\n\nAttachment {name}:\n\n{read}"
    return text.strip()


def _sent(e: Envelope) -> str:
    """Who sent what to whom and when, as one sentence ("On 4 November 2025 at 09:12 +0100, Ann
    Lee <ann@example.com> sent “New rota” to team@example.com."); "Subject: …" when no header
    but the subject says more."""
    what = f"“{e.subject}”" if e.subject else "this message"
    sentence = f"{e.sender} sent {what}" if e.sender else f"{what} was sent"
    sentence += f" to {e.to}" if e.to else ""
    sentence += f" (copied to {e.copied})" if e.copied else ""
    if not (e.sender or e.to or e.copied or e.when):
        return f"Subject: {e.subject}" if e.subject else ""
    return f"On {e.when}, {sentence}." if e.when else f"{sentence}."


# _sent's sentence read back (envelope_of). The date as spoken_date writes it: a Date header that
# did not parse is written as sent ("On Wed, 07 May …, "), and its commas make the sentence's
# parts ambiguous, so such a sentence is not read back.
_WHEN = r"\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}(?: [+-]\d{4})?"
_SENT = re.compile(
    rf"(?:On (?P<when>{_WHEN}), )?"
    r"(?:(?P<sender>(?!On ).+?) sent (?P<subject>“.*”|this message)|(?P<unsent>“.*”|this message) was sent)"
    r"(?: to (?P<to>.+?))?(?: \(copied to (?P<copied>.+)\))?\.",
    re.DOTALL,
)


def envelope_of(sentence: str) -> Envelope | None:
    """The Envelope a header sentence (_sent's) was written from; None for any other sentence.
    The answer reads "Who received …?" and "Who was copied …?" from it (rag/answer/envelope.py):
    the reader model marked the sender for them in every phrasing tried."""
    found = _SENT.fullmatch(sentence.strip())
    if found is None:
        return None
    subject = found["subject"] or found["unsent"]
    return Envelope(
        subject="" if subject == "this message" else subject[1:-1],
        sender=found["sender"] or "",
        to=found["to"] or "",
        copied=found["copied"] or "",
        when=found["when"] or "",
    )


def _date(message: EmailMessage) -> str:
    """The Date header as people write a date, or as sent when it does not parse."""
    value = _header(message, "Date")
    try:
        return spoken_date(email.utils.parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return value


def spoken_date(when: datetime) -> str:
    """ "7 May 2025 at 15:20 +0100" (no offset when the time has no zone)."""
    return f"{when.day} {when:%B %Y} at {when:%H:%M %z}".strip()


def _attachment(name: str, part: EmailMessage, attachment_text: Callable[[str, bytes], str] | None) -> str:
    """An attachment's text, or "" (no reader given, a kind not read, damaged, or a message)."""
    if attachment_text is None or part.get_content_maintype() == "message":
        return ""
    return attached_text(attachment_text, name, part.get_payload(decode=True) or b"")


def attached_text(attachment_text: Callable[[str, bytes], str], name: str, data: bytes) -> str:
    """An attachment's bytes read as a file of its name is, or "" when there are none, or they
    are of a kind not read or damaged (its name alone is then listed): for .eml and .msg alike."""
    try:
        return attachment_text(name, data).strip() if data else ""
    except LoadError:
        return ""


def _header(message: EmailMessage, name: str) -> str:
    """A header as a mail program shows it, on one line; "" when missing or malformed."""
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError):  # a header the policy cannot parse
        value = message.get_all(name, failobj=[None])[0] if name in message else None
    return one_line(str(value)) if value is not None else ""


def _body(source: str, message: EmailMessage, html_text: Callable[[str, bytes], str]) -> str:
    """The message's text: its plain part, or its HTML part read as a page when it has no plain
    part or when the plain one is a stub the HTML says far more than ("Please view this email in
    HTML for full details.", 48 words, over a hotel booking's dates, prices and cancellation terms:
    a break-it helper's booking confirmation, session 51)."""
    plain = _part_text(source, message.get_body(preferencelist=("plain",)), html_text)
    html = message.get_body(preferencelist=("html",))
    if html is None:
        return plain
    page = _part_text(source, html, html_text)
    if (
        _TABLE_ROWS.search(page)
        and not _TABLE_ROWS.search(plain)
        and len(page.split()) >= _SAYS_AS_MUCH * len(plain.split())
    ):
        # The HTML part's tables, where the plain part lines its columns up with spaces: a venue's
        # quote mail's "Package | Per head | Minimum guests" rows were text whose header stood
        # in another passage, and "How much per head is the Silver package?" found no row (a
        # break-it helper's, session 54).
        return page
    if len(plain.split()) >= _STUB_WORDS:
        return plain or page
    return page if len(page.split()) > 2 * len(plain.split()) else plain


# A plain part of fewer words may be a stub ("view this email in a browser") of its HTML part,
# which is read instead when it says more than twice as much. A plain part of this many words or
# more is the message as the sender wrote it (a mail program's plain and HTML parts say the same).
_STUB_WORDS = 60
# A table as the HTML part is read (rag.ingest.markdown: a header over its delimiter row).
_TABLE_ROWS = re.compile(r"^\|.*\|[ \t]*\n\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+", re.M)
_SAYS_AS_MUCH = 0.8  # of the plain part's words, at least: the HTML part is the same message


def _part_text(source: str, part: EmailMessage | None, html_text: Callable[[str, bytes], str]) -> str:
    if part is None:
        return ""
    if part.get_content_subtype() == "html":
        # Its bytes as sent: the page's own <meta charset> then agrees with them (decoded and
        # encoded again as UTF-8, a page that declares Latin-1 was read as mojibake).
        try:
            return html_text(source, part.get_payload(decode=True) or b"").strip()
        except LoadError:
            return ""
    try:
        content = part.get_content()
    except LookupError:  # a charset Python does not know ("x-mac-roman-ish"): its bytes as UTF-8
        content = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    if not isinstance(content, str):
        return ""
    return content.replace("\r\n", "\n").strip()
