"""A list and the line that leads it are read together: release notes, changelogs, "Known issues:".

Over release notes written as a version line and its bullets ("Version 2.4.0 - released 12 March
2024" then "- Added dark mode."), "Which version added dark mode?" was answered "- Added dark mode.
[1]", which names no version, and "What was fixed in version 2.3.1?" with the version line alone,
which names no fix (a break-it helper's release notes). The sentence evidence picks one line; the
answer is in the pair:

- an item quoted for a question whose words (or kind of answer: a date) the item lacks and its
  list's lead-in line holds is quoted after that line, led by its short answer if it had one:
  "Version 2.4.0 - released 12 March 2024 [1] - Added dark mode. [2]";
- a lead-in line quoted for a question it does not answer alone is quoted with its items: those
  that hold the question's words the line lacks ("fixed"), or all of them when none do ("What's
  new in 2.4.0?"), as one stretch of the document, an item a line.

A lead-in is the line just above the list's first item, or above one blank line when it reads
as a heading ("## 2.4.0", a short line with no full stop). A lead-in quoted with its items has no
short answer: the quoted lines are the answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from rag.answer.grounding import not_markers
from rag.index.lexical import terms
from rag.ingest.sentences import LIST_ITEM
from rag.retrieve.evidence import answer_type, holds_answer_type
from rag.text.citations import marker
from rag.text.tables import end_of_line
from rag.types import Answer, Citation

MAX_ITEMS = 12
# "Which version …?", "In what release …?" ask for a version number: "3.0.0", "v2.4".
_VERSION_ASKED = re.compile(r"\b(?:which|what)\s+(?:version|release)\b", re.I)
_VERSION = re.compile(r"\bv?\d+(?:\.\d+)+\b")
# A lead-in longer than this is a paragraph, not a line that names its list.
MAX_LEAD_CHARS = 200
_HEADING_CHARS = 100


def with_lead_in(question: str, answer: Answer, texts: Mapping[str, str]) -> Answer | None:
    """`answer` with its list item's lead-in line, or its lead-in line's items (see the module);
    None when neither applies."""
    if answer.refused or not answer.citations or answer.citations[0].support_start is None:
        return None
    cited = answer.citations[0]
    text = texts.get(cited.source)
    if text is None:
        return None
    if "\n" in text[cited.support_start : cited.support_end].strip():
        return None  # it quotes lines already: a record's block, a list
    line = _line_at(text, cited.support_start)
    asked = set(terms(question))
    if LIST_ITEM.match(text, line[0]):
        lead = _lead_of(text, line[0], cited.start)
        if lead is None:
            return None
        version = _version_above(question, text, lead, line, cited.start)
        if version is not None:  # "## [2.3.0] - 2025-11-27", "### Added", "- The `watch` subcommand …"
            section, number = version
            return _quoting(answer, cited, [section, lead, line], text, short=number)
        if not _adds(question, asked, text[slice(*lead)], text[slice(*line)]):
            return None
        return _quoting(answer, cited, [lead, line], text, keep_short=True)
    items = _items_after(text, line, cited.end)
    if not items:
        return None
    lead = text[slice(*line)]
    wanted = asked - set(terms(lead))
    holding = [i for i, item in enumerate(items) if _shares(wanted, terms(text[slice(*item)]))]
    if holding:
        items = items[holding[0] : holding[-1] + 1]
    elif (kind := answer_type(question)) is not None and holds_answer_type(kind, lead, question):
        return None  # the line answers: "When was version 2.4.0 released?"
    elif wanted - _ASKING:
        return None  # asked of something neither the line nor its items name
    # Else the question names the line and asks what it leads: "What is new in version 2.4.0?"
    return _quoting(answer, cited, [line, (items[0][0], items[-1][1])], text)


# Words of a question that ask rather than name: "What is new in 2.4.0?" asks the line's items.
_ASKING = set(terms("what which new changed change changes happened in version release list is are was were"))


def _version_above(
    question: str, text: str, lead: tuple[int, int], item: tuple[int, int], lo: int
) -> tuple[tuple[int, int], str] | None:
    """For "Which version …?" of an item under a Markdown heading that names no version ("###
    Added"), as a changelog writes its versions ("Keep a Changelog": "## [2.3.0] - 2025-11-27",
    then "### Added", then the items): the nearest heading of a higher level above it in the
    passage (at or after `lo`), when it names a version, and that version. "Which version added
    the watch subcommand?" was answered "FSEvents — ### Added [1] - The `watch` subcommand …
    [2]" (a break-it helper's changelog)."""
    heading = text[slice(*lead)].strip()
    if not _VERSION_ASKED.search(question) or not heading.startswith("#") or _VERSION.search(heading):
        return None
    if _VERSION.search(text[slice(*item)]):
        return None
    level = len(heading) - len(heading.lstrip("#"))
    at = lead[0]
    while (prev := _line_before(text, at)) is not None and prev[0] >= lo:
        line = text[slice(*prev)].strip()
        depth = len(line) - len(line.lstrip("#"))
        if line.startswith("#") and depth < level:
            number = _VERSION.search(line)
            return (prev, number.group(0)) if number else None
        at = prev[0]
    return None


def _shares(wanted: set[str], item: list[str]) -> bool:
    """Does the item hold a word asked? Stems one of which begins the other match: the stemmer
    makes "add" of "add" and "ad" of "added" ("What did version 2.4.0 add?")."""
    return any(w.startswith(t) or t.startswith(w) for w in wanted for t in item if min(len(w), len(t)) >= 2)


def _adds(question: str, asked: set[str], lead: str, item: str) -> bool:
    """Does the lead-in hold what the question asks and the item lacks: its words, or its kind
    of answer?"""
    if (asked & set(terms(lead))) - set(terms(item)):
        return True
    if _VERSION_ASKED.search(question) and _VERSION.search(lead) and not _VERSION.search(item):
        return True  # "## 3.0.0 (2025-04-14)" says which version without the word
    kind = answer_type(question)
    return kind is not None and holds_answer_type(kind, lead, question) and not holds_answer_type(kind, item, question)


def _quoting(
    answer: Answer,
    cited: Citation,
    spans: list[tuple[int, int]],
    text: str,
    keep_short: bool = False,
    short: str | None = None,
) -> Answer:
    """`answer` rewritten to quote these spans of the cited passage, each its own citation, the
    lines of a span a line each; led by its short answer as before when `keep_short` (the item
    it was cut from is still quoted: "19:30 — ### Folk Night [1] - **Time:** 19:30 [2]"), or by
    `short`, a span of the quoted lines."""
    citations = [replace(cited, support_start=a, support_end=b) for a, b in spans]
    parts = []
    for n, (a, b) in enumerate(spans, 1):
        lines = [not_markers(ln.strip()) for ln in text[a:b].split("\n") if ln.strip()]
        parts.append("\n".join(lines) + f" {marker(n)}")
    quoted = "\n".join(parts)
    if short is not None:
        return replace(answer, text=f"{short} — {quoted}", citations=citations, short_answer=short)
    short = answer.short_answer if keep_short else None
    if short and " — " in answer.text:  # the lead as SupportedClaim.led_by wrote it
        quoted = answer.text[: answer.text.index(" — ") + 3] + quoted
    return replace(answer, text=quoted, citations=citations, short_answer=short)


def _line_at(text: str, at: int) -> tuple[int, int]:
    """The line holding offset `at`: its start and its end, trailing spaces left out."""
    start = text.rfind("\n", 0, at) + 1
    return start, start + len(text[start : end_of_line(text, start)].rstrip())


def _line_before(text: str, start: int) -> tuple[int, int] | None:
    return _line_at(text, start - 1) if start > 0 else None


def _lead_of(text: str, item_start: int, lo: int) -> tuple[int, int] | None:
    """The lead-in line of the list whose item starts at `item_start`, at or after `lo`."""
    at = item_start
    for _ in range(MAX_ITEMS):
        prev = _line_before(text, at)
        if prev is None or prev[0] < lo:
            return None
        if LIST_ITEM.match(text, prev[0]):
            at = prev[0]
            continue
        if prev[0] == prev[1]:  # one blank line: the line above must read as a heading
            above = _line_before(text, prev[0])
            if above is None or above[0] < lo or not _heading(text[slice(*above)]):
                return None
            prev = above
        if _rule(text[slice(*prev)]) and (above := _line_before(text, prev[0])) is not None and above[0] >= lo:
            prev = above  # a reStructuredText title's underline: the title above it
        line = text[slice(*prev)].strip()
        return prev if line and len(line) <= MAX_LEAD_CHARS and not _rule(line) else None
    return None


def _items_after(text: str, line: tuple[int, int], hi: int) -> list[tuple[int, int]]:
    """The items of the list the line at `line` leads, up to `hi`; none when it leads none."""
    if len(text[slice(*line)].strip()) > MAX_LEAD_CHARS or LIST_ITEM.match(text, line[0]):
        return []
    at = line[1] + 1
    if at < len(text) and _line_at(text, at)[0] == _line_at(text, at)[1]:  # one blank line
        if not _heading(text[slice(*line)]):
            return []
        at = _line_at(text, at)[1] + 1
    items = []
    while at < min(hi, len(text)) and len(items) < MAX_ITEMS and LIST_ITEM.match(text, at):
        item = _line_at(text, at)
        if item[1] > hi:
            break
        items.append((at + len(text[at : item[1]]) - len(text[at : item[1]].lstrip()), item[1]))
        at = item[1] + 1
    return items


def _heading(line: str) -> bool:
    """A Markdown heading, a short line that ends in no full stop ("Version 2.4.0"), or one that
    ends in a colon ("It does not cover:")."""
    line = line.strip()
    return line.startswith("#") or (0 < len(line) <= _HEADING_CHARS and not line.endswith((".", ";", ",")))


def _rule(line: str) -> bool:
    """A line of only punctuation: an underline ("-----") or a rule."""
    return not any(c.isalnum() for c in line)
