"""An Outlook message saved as a file (.msg: what Outlook writes when a message is dragged out to
a folder, or saved as "Outlook Message Format"), read as the e-mail it is: the same document text
as an .eml file's (rag/ingest/mail.py writes both), so that "Who sent …?" and "When was … sent?"
are answered from either.

By olefile (BSD): a .msg is an OLE compound file whose streams hold the message's properties
([MS-OXMSG]): "__substg1.0_0037001F" is its subject in UTF-16 ("…001E" in the code page the
message declares, from older Outlooks), "…1000…" its plain-text body; its dates are in the
fixed-size property stream "__properties_version1.0". Read: the subject, the sender's name and
address, the recipients (To and Cc, each "Name <address>"), the time it was sent (or, unsent,
delivered), the plain-text body (else the HTML body, read as a page is, else the body Outlook
kept only as compressed RTF), the attachments' names, and each attachment of a kind the index
reads, read as that file would be. An attached message is only named (no mail inside a mail).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from rag.errors import LoadError
from rag.ingest.mail import Envelope, attached_text, message_text, spoken_date
from rag.ingest.markdown import one_line
from rag.ingest.rtf import rtf_text
from rag.ingest.signatures import OLE

MSG_SUFFIXES = (".msg",)

# Property ids ([MS-OXPROPS]) and the types their streams are stored as.
_SUBJECT, _BODY, _HTML, _RTF_COMPRESSED = 0x0037, 0x1000, 0x1013, 0x1009
_SENDER_NAME, _SENDER_SMTP, _SENDER_ADDRESS, _SENDER_ADDRESS_TYPE = 0x0C1A, 0x5D01, 0x0C1F, 0x0C1E
_DISPLAY_TO, _DISPLAY_CC = 0x0E04, 0x0E03
_SUBMITTED, _DELIVERED = 0x0039, 0x0E06
_CODEPAGE, _INTERNET_CODEPAGE = 0x3FFD, 0x3FDE
_DISPLAY_NAME, _RECIPIENT_ADDRESS, _RECIPIENT_SMTP, _RECIPIENT_TYPE = 0x3001, 0x3003, 0x39FE, 0x0C15
_ATTACHMENT_LONG_NAME, _ATTACHMENT_NAME, _ATTACHMENT_DATA = 0x3707, 0x3704, 0x3701
_UNICODE, _STRING8, _BINARY, _TIME, _LONG = 0x001F, 0x001E, 0x0102, 0x0040, 0x0003
_EMBEDDED_MESSAGE = "__substg1.0_3701000D"
_TO, _CC = 1, 2  # a recipient's type (PidTagRecipientType); 3 is Bcc, which no reader is shown
# The property stream's header: 32 bytes for the message, 8 for a recipient or an attachment.
_MESSAGE_HEADER, _PART_HEADER = 32, 8
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


def msg_text(
    source: str,
    data: bytes,
    html_text: Callable[[str, bytes], str],
    attachment_text: Callable[[str, bytes], str] | None = None,
) -> tuple[str, str | None]:
    """(the document text, the subject or None) of a .msg file's bytes; `html_text` and
    `attachment_text` as for mail_text (rag/ingest/mail.py)."""
    if not data.startswith(OLE):
        raise LoadError(
            f"{source}: not an Outlook message (a .msg file is an OLE compound file); save it again from Outlook"
        )
    import olefile  # imported here: only Outlook messages need it

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        return _read(source, _Storage(ole, [], _MESSAGE_HEADER), html_text, attachment_text)
    except LoadError:
        raise
    except (OSError, ValueError, IndexError, KeyError, TypeError, struct.error, RecursionError) as e:
        raise LoadError(f"{source}: damaged Outlook message ({type(e).__name__}: {str(e)[:200]})") from e


class _Storage:
    """One storage of the file, the message's or a recipient's or an attachment's: its
    properties by id."""

    def __init__(self, ole, path: list[str], header: int, encoding: str | None = None, entries=None) -> None:
        """`encoding`: of the 8-bit strings, the message's for a recipient or an attachment (its
        code page is the message's property); None for the message, which gives its own.
        `entries`: the file's entry paths, listed once for the message and its parts."""
        self.ole, self.path = ole, path
        self._entries = entries if entries is not None else ole.listdir(streams=True, storages=True)
        self._fixed = self._fixed_properties(header)
        self.encoding = encoding or _encoding(self.long(_INTERNET_CODEPAGE) or self.long(_CODEPAGE))

    def part(self, name: str) -> _Storage:
        """A recipient's or an attachment's storage inside this one."""
        return _Storage(self.ole, [*self.path, name], _PART_HEADER, self.encoding, self._entries)

    def children(self, prefix: str) -> list[str]:
        """The names of the storages directly inside this one whose names start with `prefix`."""
        depth = len(self.path)
        names = {e[depth] for e in self._entries if e[:depth] == self.path and len(e) > depth}
        return sorted(n for n in names if n.startswith(prefix))

    def _stream(self, prop: int, kind: int) -> bytes | None:
        path = [*self.path, f"__substg1.0_{prop:04X}{kind:04X}"]
        return self.ole.openstream(path).read() if self.ole.exists("/".join(path)) else None

    def string(self, prop: int) -> str:
        raw = self._stream(prop, _UNICODE)
        if raw is not None:
            text = raw.decode("utf-16-le", errors="replace")
        elif (raw := self._stream(prop, _STRING8)) is not None:
            text = raw.decode(self.encoding, errors="replace")
        else:
            return ""
        return text.replace("\x00", "").strip()

    def binary(self, prop: int) -> bytes | None:
        return self._stream(prop, _BINARY)

    def _fixed_properties(self, header: int) -> dict[int, tuple[int, bytes]]:
        """id → (type, 8-byte value) of the properties the property stream holds."""
        path = [*self.path, "__properties_version1.0"]
        if not self.ole.exists("/".join(path)):
            return {}
        raw = self.ole.openstream(path).read()[header:]
        found = {}
        for at in range(0, len(raw) - 15, 16):
            tag, _flags, value = struct.unpack_from("<II8s", raw, at)
            found[tag >> 16] = (tag & 0xFFFF, value)
        return found

    def long(self, prop: int) -> int | None:
        kind, value = self._fixed.get(prop, (None, b""))
        return struct.unpack("<i", value[:4])[0] if kind == _LONG else None

    def time(self, prop: int) -> datetime | None:
        kind, value = self._fixed.get(prop, (None, b""))
        if kind != _TIME:
            return None
        ticks = struct.unpack("<Q", value)[0]  # 100 ns since 1601, UTC
        try:
            return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10) if ticks else None
        except OverflowError:
            return None


def _encoding(codepage: int | None) -> str:
    import codecs

    try:
        return codecs.lookup(f"cp{codepage}").name if codepage else "cp1252"
    except LookupError:
        return "cp1252"


def _read(
    source: str,
    message: _Storage,
    html_text: Callable[[str, bytes], str],
    attachment_text: Callable[[str, bytes], str] | None,
) -> tuple[str, str | None]:
    if not message.ole.exists("__properties_version1.0") or not message.children("__substg1.0_"):
        raise LoadError(
            f"{source}: not a readable Outlook message: no message properties (damaged, or another Office file "
            "named .msg); save it again from Outlook"
        )
    to, copied = _recipients(message)
    when = message.time(_SUBMITTED) or message.time(_DELIVERED)
    envelope = Envelope(
        subject=one_line(message.string(_SUBJECT)),
        sender=_sender(message),
        to=to or one_line(message.string(_DISPLAY_TO)),
        copied=copied or one_line(message.string(_DISPLAY_CC)),
        when=spoken_date(when) if when else "",
    )
    body = message.string(_BODY).replace("\r\n", "\n").strip()
    if not body:
        html = message.binary(_HTML)
        if html is None and (shown := message.string(_HTML)):
            html = shown.encode("utf-8")
        if html:
            try:
                body = html_text(source, html).strip()
            except LoadError:
                body = ""
    if not body and (compressed := message.binary(_RTF_COMPRESSED)):
        body = _rtf_body(source, compressed)
    attachments = [
        _attachment(message, name, n, attachment_text)
        for n, name in enumerate(message.children("__attach_version1.0_#"))
    ]
    return message_text(source, envelope, body, attachments), envelope.subject or None


def _rtf_body(source: str, compressed: bytes) -> str:
    """The text of a body Outlook kept only as compressed RTF ([MS-OXRTFCP], decompressed by
    compressed_rtf, MIT): a message written in Outlook's "Rich Text" format, or one whose HTML
    Outlook keeps wrapped in RTF (its HTML tags in \\*\\htmltag groups, which the RTF reader
    skips). "" when it cannot be read."""
    from compressed_rtf import decompress

    try:
        rtf = decompress(compressed)
    except Exception:  # compressed_rtf raises a bare Exception for a bad CRC or an unknown kind
        return ""
    try:
        return rtf_text(source, rtf)[0]
    except LoadError:
        return ""


def _named(name: str, address: str) -> str:
    """ "Ann Lee <ann@example.com>", or whichever of the two there is."""
    if name and address and name.casefold() != address.casefold():
        return f"{name} <{address}>"
    return name or address


def _sender(message: _Storage) -> str:
    # An Exchange sender's address is an X.500 path ("/O=EXAMPLE/OU=…"); the SMTP one, when
    # saved, is in its own property.
    address = message.string(_SENDER_SMTP)
    if not address and message.string(_SENDER_ADDRESS_TYPE).upper() == "SMTP":
        address = message.string(_SENDER_ADDRESS)
    return one_line(_named(message.string(_SENDER_NAME), address))


def _recipients(message: _Storage) -> tuple[str, str]:
    """("To" recipients, "Cc" recipients), each "Name <address>", comma-separated."""
    kinds: dict[int, list[str]] = {_TO: [], _CC: []}
    for name in message.children("__recip_version1.0_#"):
        r = message.part(name)
        address = r.string(_RECIPIENT_SMTP) or r.string(_RECIPIENT_ADDRESS)
        if address.startswith("/"):  # an Exchange path, no address a reader knows
            address = ""
        shown = _named(r.string(_DISPLAY_NAME), address)
        kind = r.long(_RECIPIENT_TYPE)
        if shown and kind in kinds:
            kinds[kind].append(one_line(shown))
    return ", ".join(kinds[_TO]), ", ".join(kinds[_CC])


def _attachment(
    message: _Storage, storage: str, n: int, attachment_text: Callable[[str, bytes], str] | None
) -> tuple[str, str]:
    """(an attachment's name, its text or "": an attached message, a kind not read, damaged)."""
    part = message.part(storage)
    name = part.string(_ATTACHMENT_LONG_NAME) or part.string(_ATTACHMENT_NAME) or part.string(_DISPLAY_NAME)
    name = one_line(name) or f"attachment {n + 1}"
    if attachment_text is None or part.children(_EMBEDDED_MESSAGE):
        return name, ""
    return name, attached_text(attachment_text, name, part.binary(_ATTACHMENT_DATA) or b"")
