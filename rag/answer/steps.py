"""A "how do I …?" question answered from a step of a numbered list is answered with the list.

"How do I reset my password?" over an FAQ of five numbered steps was answered "12 characters — 5.
Choose a new password of at least 12 characters." (the reader at 89 %), and "What are the steps to
reset my password?" with steps 5 and 4, in that order: the sentence evidence picks the one step
most like the question, and a procedure is all of them. When the quoted sentence is an item of
a numbered list, the answer quotes the list's items in order, as far as its passage holds them,
with no short answer (no one span is the answer to a procedure), a step a line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from rag.answer.grounding import not_markers
from rag.text.citations import marker
from rag.types import Answer

# A question asking how to do something, or for its steps.
_HOW_TO = re.compile(
    r"^\W*(?:(?:please\s+)?(?:tell me\s+)?how\s+(?:do|can|could|should|would|must)\s+(?:i|we|you|one)\b|how\s+to\b"
    r"|what\s+(?:are|were)\s+the\s+steps\b|what\s+steps\b|what\s+do\s+i\s+(?:need\s+to\s+)?do\s+to\b)",
    re.I,
)
# An item of a numbered list: "3. Enter the email address…", "  2) Tap the link".
_ITEM = re.compile(r"[ \t]*(\d{1,2})[.)][ \t]+\S")
MAX_STEPS = 12


def asks_how_to(question: str) -> bool:
    return _HOW_TO.match(question) is not None


def with_all_steps(question: str, answer: Answer, texts: Mapping[str, str]) -> Answer | None:
    """`answer` quoting the whole numbered list its first citation's sentence is an item of, when
    `question` asks how to do something; None when it does not, or the sentence is no list item,
    or the passage holds one item of the list."""
    if answer.refused or not answer.citations or not asks_how_to(question):
        return None
    cited = answer.citations[0]
    if cited.support_start is None:
        return None
    items = _items_around(texts.get(cited.source, ""), cited.support_start, cited.start, cited.end)
    if len(items) < 2:
        return None
    text = texts[cited.source]
    quoted = "\n".join(not_markers(text[a:b]) for a, b in items)  # a line each (the web chat's <br>)
    citation = replace(cited, support_start=items[0][0], support_end=items[-1][1])
    return replace(answer, text=f"{quoted} {marker(1)}", citations=[citation], short_answer=None)


def _items_around(text: str, at: int, lo: int, hi: int) -> list[tuple[int, int]]:
    """The (start, end) of each item of the numbered list whose item holds offset `at`, in order,
    as far as the items number on by one, one a line, inside [lo, hi) (at most MAX_STEPS); none
    when the line at `at` is no item."""
    start = text.rfind("\n", 0, at) + 1
    if (m := _ITEM.match(text, start)) is None:
        return []
    items = [(start, _line_end(text, start), int(m.group(1)))]
    while items[0][0] > lo and len(items) < MAX_STEPS:  # back to the list's first item
        prev = text.rfind("\n", 0, items[0][0] - 1) + 1
        p = _ITEM.match(text, prev)
        if prev < lo or p is None or int(p.group(1)) != items[0][2] - 1:
            break
        items.insert(0, (prev, _line_end(text, prev), items[0][2] - 1))
    while len(items) < MAX_STEPS:  # on to its last
        nxt = text.find("\n", items[-1][0]) + 1
        n = _ITEM.match(text, nxt) if nxt else None
        if n is None or int(n.group(1)) != items[-1][2] + 1 or _line_end(text, nxt) > hi:
            break
        items.append((nxt, _line_end(text, nxt), items[-1][2] + 1))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b, _ in items]


def _line_end(text: str, start: int) -> int:
    """Where the line that starts at `start` ends, its trailing spaces left out."""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    return start + len(text[start:end].rstrip())
