"""Letters as regular expressions read them, for every alphabet with capitals.

Python's `re` has no class for an uppercase letter of any script, and `[A-Z]` missed every
capital with an accent: "Álvaro Peña" was no capitalised word and "Begoña Ibáñez" no full name
(the name was read as "Bego"), so "Who was elected mayor of Río Claro?" found no person in
"Begoña Ibáñez … was elected mayor of Río Claro" and was refused.
"""

from __future__ import annotations

# The capitals of Latin (with its accented letters), Greek, Cyrillic and Armenian, and of
# Latin Extended Additional ("Ắ"): the scripts that write names with a capital.
_RANGES = ((0x41, 0x5B), (0xC0, 0x250), (0x370, 0x590), (0x1E00, 0x1F00))
UPPER = "[" + "".join(chr(c) for lo, hi in _RANGES for c in range(lo, hi) if chr(c).isupper()) + "]"
# A letter of any script, no digit or underscore.
LETTER = r"[^\W\d_]"
