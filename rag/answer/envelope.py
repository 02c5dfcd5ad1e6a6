"""Who sent a message, who received it, who was copied in and when it was sent: read from the
sentence the mail reader writes of a message's headers ("On 7 May 2025 at 15:20 +0100, Marta
Kowalczyk <…> sent “Café rota change” to Café team <…> (copied to …).", rag.ingest.mail), not
by the reader model. The reader marked the sender for "Who received …?" in every phrasing of
that sentence tried (session 40), and a date in the subject ("… from Monday 12 May") for "When
was … sent?".

Only when the sentence is that one, read back whole (mail.envelope_of), and the question asks
for one of its parts in words that say which; anything else is left to the reader.
"""

from __future__ import annotations

import email.utils
import re

from rag.ingest.loaders import read_as
from rag.ingest.mail import Envelope, envelope_of

# The kinds of document (loaders.read_as) whose text opens with a header sentence.
MAIL_KINDS = {"mail", "msg", "mbox"}

# Which part is asked, tried in this order: "Who was copied in on the message Ann sent?" asks
# for the copied, "Who received the rota Ann sent?" for the recipients.
_COPIED = re.compile(r"\b(?:copied|cc'?d|cc|carbon[- ]cop\w*)\b", re.IGNORECASE)
_RECIPIENTS = re.compile(
    r"\b(?:receive[ds]?|receiving|recipients?|addressed|(?<!from )whom|sent to|to who)\b|\bsent\b.*\bto\s*\?$",
    re.IGNORECASE,
)
_SENDER = re.compile(r"\b(?:who sent|sender|who wrote|from whom|from who|who (?:e-?)?mailed)\b", re.IGNORECASE)
_WHEN = re.compile(
    r"^\s*(?:when|(?:on |at )?(?:what|which) (?:date|day|time))\b.*"
    r"\b(?:send|sent|e-?mail|e-?mailed|mail|mailed|write|wrote|written|dated)\b",
    re.IGNORECASE,
)


def envelope_answer(question: str, sentence: str, source: str) -> str | None:
    """The part of a header sentence the question asks for (the names alone, without their
    addresses: "Café team, Ann Lee"; the day alone for "when"), or None: not such a sentence,
    not such a question, or the message does not say (see unsaid)."""
    envelope, part = _asked(question, sentence, source)
    if envelope is None or not (value := getattr(envelope, part)):
        return None
    if part == "when":
        # The day for "when" and "what date" ("19 May 2025"), the day and the time for "what time".
        return value if "time" in _WHEN.search(question).group(0).lower() else value.split(" at ")[0]
    return _names(value)


_SUBJECT = re.compile(r"\b(?:subject|subject line|titled|headed)\b", re.IGNORECASE)


def states_nothing_asked(question: str, sentence: str, source: str) -> bool:
    """Is `sentence` a message's header sentence, and the question asks none of its parts (who
    sent it, to whom, when, its subject)? It says only who sent what to whom: "What time can we
    check in at Hotel Saltmarsh Quay?" was answered "14 April 2025" from "On 14 April 2025 at
    16:22 +0100, Hotel Saltmarsh Quay <…> sent “Booking confirmation …” to …", over the booking's
    "Check-in: Friday 23 May 2025, from 3:00 pm" (a break-it helper's, session 51)."""
    if read_as(source) not in MAIL_KINDS or envelope_of(sentence) is None:
        return False
    return not (_asked(question, sentence, source)[0] is not None or _SUBJECT.search(question))


def unsaid(question: str, sentence: str, source: str) -> bool:
    """Does the question ask a header sentence for a part its message does not have ("Who was
    copied in …?" of a message with no Cc)? Its reader had marked the recipient's surname."""
    envelope, part = _asked(question, sentence, source)
    return envelope is not None and not getattr(envelope, part)


def _asked(question: str, sentence: str, source: str) -> tuple[Envelope | None, str]:
    """The sentence's Envelope and the field the question asks of it; (None, "") when either is
    not found, or the sentence is not of a message (`source`, its document, is no .eml, .msg or
    .mbox: a news story's "The minister sent “a clear signal” to Brussels." is no header)."""
    if read_as(source) not in MAIL_KINDS:
        return None, ""
    envelope = envelope_of(sentence)
    if envelope is None:
        return None, ""
    for pattern, part in ((_COPIED, "copied"), (_RECIPIENTS, "to"), (_SENDER, "sender"), (_WHEN, "when")):
        if pattern.search(question):
            return envelope, part
    return None, ""


def _names(parties: str) -> str | None:
    """ "Café team <cafe@example.com>, bob@example.com" → "Café team, bob@example.com"."""
    named = [name or address for name, address in email.utils.getaddresses([parties]) if name or address]
    return ", ".join(named) or None
