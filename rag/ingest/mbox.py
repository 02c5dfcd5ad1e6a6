"""A mailbox saved as one file (.mbox: Thunderbird's and Apple Mail's export, Google Takeout's
mail, what `mutt` and Unix mail spools keep): every message in it read as an .eml file is
(rag/ingest/mail.py), one after the other in the order the file keeps them.

The format (RFC 4155): each message begins with a line "From <sender> <date>" (after a blank
line), and a body line that begins "From " is written ">From " (and ">From " as ">>From ", in
the "mboxrd" variant), so that no body line is taken for a new message; the quoting is undone
here. The standard library's `mailbox` reads only a file on disk, and a file is read here from
its bytes, so the messages are cut where those lines stand.

A message that is no e-mail (no Subject, From, To or Date header), or has nothing in it, is left
out; a file with no message left is a LoadError. Each message's text begins with the sentence of
who sent what to whom and when, and messages are a blank line apart, so a passage of one message
is cited with that message's sentence, not its neighbour's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.errors import LoadError
from rag.ingest.mail import mail_text

MBOX_SUFFIXES = (".mbox",)

# Where a message begins: the first line, a "From " line, and every later line that is "From ",
# a sender and a date ("From - Sat Dec 05 17:30:21 2026", "From ann@example.com Mon Mar  3
# 09:12:44 2025"), after a blank line or not (some writers leave it out). Not any "From " line
# after a blank line, as RFC 4155 has it: a writer that did not quote a body's "From stock: the
# drill press ships …" would have cut its message there.
_SEPARATOR = re.compile(
    rb"(?:\A|\r?\n)From (?:(?<=\AFrom )|\S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) )"
    rb"[^\r\n]*\r?\n"
)
# A quoted "From " line: one ">" less in each (mboxrd; in mboxo only ">From " is quoted, the same).
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def mbox_text(
    source: str,
    data: bytes,
    html_text: Callable[[str, bytes], str],
    attachment_text: Callable[[str, bytes], str] | None = None,
) -> str:
    """The document text of an .mbox file's bytes: each message's text (mail.mail_text), a
    blank line apart. LoadError when the file holds no message that can be read."""
    starts = list(_SEPARATOR.finditer(data))
    if not starts or starts[0].start() != 0:
        raise LoadError(f'{source}: not a mailbox (an .mbox file begins with a "From " line)')
    texts = []
    for n, start in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(data)
        message = _QUOTED_FROM.sub(rb"\1", data[start.end() : end])
        try:
            texts.append(mail_text(f"{source} (message {n + 1})", message, html_text, attachment_text)[0])
        except LoadError:  # no e-mail, or an empty one: the others are read
            continue
    if not texts:
        raise LoadError(f"{source}: the mailbox holds no message that can be read")
    return "\n\n".join(texts)
