"""An e-mail saved as a file (.eml: what mail programs write when a message is dragged out or
saved), read as the message a mail program shows.

By the standard library's `email` package (its default policy: headers decoded from RFC 2047,
"=?utf-8?q?Caf=C3=A9?=" read as "Café"). The document text is the message's header lines a
reader sees (Subject, From, To, Cc, Date), a blank line, then its body: the plain-text part, or
when the message has only an HTML part, that part's main text (read as an .html file is, by
`html_text`, given by the caller); a plain part decoded by the charset it declares. Attachments are not
read; their names are listed after the body ("Attachments: budget.xlsx, minutes.pdf"), so that a
question about what was sent finds the message. The message's subject is its title.

A file with none of those headers is no message: a LoadError, not its bytes read as a body.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from email.message import EmailMessage

from rag.errors import LoadError

MAIL_SUFFIXES = (".eml",)
_SHOWN_HEADERS = ("Subject", "From", "To", "Cc", "Date")
_MESSAGE_HEADERS = {"subject", "from", "to", "date", "message-id", "received"}


def mail_text(source: str, data: bytes, html_text: Callable[[str, bytes], str]) -> tuple[str, str | None]:
    """(the document text, the subject or None) of an .eml file's bytes. `html_text(source,
    data)`: the main text of an HTML part (LoadError when it has none)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not _MESSAGE_HEADERS & {k.lower() for k in message.keys()}:
        raise LoadError(f"{source}: not an e-mail message (no Subject, From, To or Date header)")
    headers = []
    for name in _SHOWN_HEADERS:
        value = _header(message, name)
        if value:
            headers.append(f"{name}: {value}")
    body = _body(source, message, html_text)
    attached = [part.get_filename() for part in message.iter_attachments() if part.get_filename()]
    text = "\n".join(headers)
    if body:
        text += "\n\n" + body
    if attached:
        text += "\n\nAttachments: " + ", ".join(attached)
    subject = _header(message, "Subject") or None
    if not body and not attached and not subject:
        raise LoadError(f"{source}: the message has no subject, text or attachment")
    return text.strip(), subject


def _header(message: EmailMessage, name: str) -> str:
    """A header as a mail program shows it, on one line; "" when missing or malformed."""
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError):  # a header the policy cannot parse
        value = message.get_all(name, failobj=[None])[0] if name in message else None
    return " ".join(str(value).split()) if value is not None else ""


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
    except (LookupError, ValueError, AssertionError) as e:  # an unknown charset, a broken encoding
        raise LoadError(f"{source}: the message's text cannot be decoded ({type(e).__name__}: {str(e)[:200]})") from e
    if not isinstance(content, str):
        return ""
    return content.replace("\r\n", "\n").strip()
