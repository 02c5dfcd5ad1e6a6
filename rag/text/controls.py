"""Text from outside (a document, a question) with what would act on a terminal taken out."""

from __future__ import annotations

import re

# Terminal escape sequences (CSI "ESC [ ... letter", OSC "ESC ] ... BEL/ST", other "ESC x") and
# the remaining C0/C1 control characters except tab and newline: a document must not be able to
# retitle, recolour or clear the user's terminal through what we print.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
# Bidirectional overrides and marks too: "t\u202efdp.txt" printed as "txt.pdf…", a name posing
# as another.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without escape sequences and control characters (a carriage return too: it would
    let text overwrite what was printed before it)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
