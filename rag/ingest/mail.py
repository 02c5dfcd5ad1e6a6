"""An e-mail saved as a file (.eml: what mail programs write when a message is dragged out or
saved), read as the message a mail program shows.

By the standard library's `email` package (its default policy: headers decoded from RFC 2047,
"=?utf-8?q?Caf=C3=A9?=" read as "Café"). The document text is the message's header lines a
reader sees (Subject, From, To, Cc, Date), a blank line, then its body: the plain-text part, or
when the message has only an HTML part, that part's main text (read as an .html file is, by
`html_text`, given by the caller); a plain part decoded by the charset it declares. Attachments are
named after the body ("Attachments: budget.xlsx, minutes.pdf"), so that a question about what
was sent finds the message, and each one of a kind the index reads follows, read as a file of
its name is ("Attachment budget.xlsx:", then its text): a quotation's figures are often in its
PDF, not its two-line mail. A message attached to a message is only named (no mail inside a
mail inside a mail), as is an attachment of a kind not read or that cannot be read. The
message's subject is its title.

A file with none of those headers is no message: a LoadError, not its bytes read as a body.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from email.message import EmailMessage

from rag.errors import LoadError
from rag.ingest.markdown import one_line

MAIL_SUFFIXES = (".eml",)
_SHOWN_HEADERS = ("Subject", "From", "To", "Cc", "Date")
_MESSAGE_HEADERS = {"subject", "from", "to", "date", "message-id", "received"}


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
    headers = []
    for name in _SHOWN_HEADERS:
        value = _header(message, name)
        if value:
            headers.append(f"{name}: {value}")
    body = _body(source, message, html_text)
    attachments = [(part.get_filename(), part) for part in message.iter_attachments() if part.get_filename()]
    text = "\n".join(headers)
    if body:
        text += "\n\n" + body
    if attachments:
        text += "\n\nAttachments: " + ", ".join(name for name, _ in attachments)
    for name, part in attachments:
        read = _attachment(name, part, attachment_text)
        if read:
            text += f"\n\nAttachment {name}:\n\n{read}"
    subject = _header(message, "Subject") or None
    if not body and not attachments and not subject:
        raise LoadError(f"{source}: the message has no subject, text or attachment")
    return text.strip(), subject


def _attachment(name: str, part: EmailMessage, attachment_text: Callable[[str, bytes], str] | None) -> str:
    """An attachment's text, or "" (no reader given, a kind not read, damaged, or a message)."""
    if attachment_text is None or part.get_content_maintype() == "message":
        return ""
    try:
        data = part.get_payload(decode=True) or b""
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
    part = message.get_body(preferencelist=("plain", "html"))
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
