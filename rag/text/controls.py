"""Text from outside (a document, a question) with what would act on a terminal taken out."""

from __future__ import annotations

import re

# Terminal escape sequences (CSI "ESC [ ... letter", OSC "ESC ] ... BEL/ST", other "ESC x") and
# the remaining C0/C1 control characters except tab and newline: a document must not be able to
# retitle, recolour or clear the user's terminal through what we print.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
# Bidirectional embeddings, overrides and isolates: "t\u202efdp.txt" shows as "txt.pdf…", a name
# posing as another, and an unclosed one in a quoted sentence reversed the web chat's own markup
# after it (its [1] link moved inside the quote, session 19).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_BIDI_CONTROLS = re.compile(f"[{_BIDI}]")
# For a terminal, bidirectional marks too, and every other control character.
_CONTROLS = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f{_BIDI}]")


# Characters that show nothing inside a word: zero-width space, non-joiner and joiner, word joiner,
# a byte-order mark inside text, a soft hyphen. In "Karen Lo\u200bpez" the words were "Lo" and
# "pez" ("Who is Karen Lopez?" was refused), and the short answer held a character a copy takes.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def printable(text: str) -> str:
    """`text` without escape sequences and control characters (a carriage return too: it would
    let text overwrite what was printed before it)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def blanked_escapes(text: str) -> str:
    """`text` with each terminal escape sequence made as many spaces, so that offsets still count
    the file's characters one for one: a log saved from a terminal keeps its colours as
    "\x1b[31mERROR\x1b[0m", which read as the words "31mERROR" and "0m", and a short answer led
    with "0;pwned" (the rest of a window-title sequence)."""
    return _ESCAPES.sub(lambda m: " " * len(m.group(0)), text)


def without_bidi_controls(text: str) -> str:
    """`text` without the characters that reorder the text around them (for HTML: the marks
    U+200E/U+200F, which only set a direction, stay)."""
    return _BIDI_CONTROLS.sub("", text)
