"""A term and its description, as a manual page, a program's --help and plain-text references lay
them out: the term on a line of its own with its description indented under it, or the term and
its description on one line, apart by a run of spaces.

       -n, --dry-run
              Show what would be transferred, deleted or skipped, without
              changing anything at the destination.

       4      Checksum mismatch: a file was transferred but did not verify.

A reStructuredText object description is an entry too: its directive's argument the term, the
block indented under it (blank lines within) its description, a "versionadded" among it:

    .. function:: issoftkeyword(s)

       Return ``True`` if *s* is a Python soft keyword.

       .. versionadded:: 3.9

The chunker keeps a term's line with its description (rag.ingest.chunking), and the answer names
the term its description is of (rag.answer.entries).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The term of an entry: an option ("-n, --dry-run", "--log-file=FILE"), a name in capitals or
# with underscores ("FERRYSYNC_CONFIG"), a number ("4"); at most this long.
# A name in reST's literal quotes ("``timeout``", a definition list's term of a configuration reference).
_TERM = re.compile(
    r"-{1,2}[\w?][\w.=<>\[\]|/-]*(?:,?\s+-{1,2}[\w?][\w.=<>\[\]|/-]*)*|[A-Z][A-Z0-9_]{2,}|\d{1,3}|``[^`\s]+``"
)
MAX_TERM_CHARS = 60
# A description indented this much more than its term (man pages indent 7 more; --help 2 or more).
MIN_HANG = 2
# Term and description on one line: a run of spaces between them.
# (The term ends at a character that is no blank: the blanks after "x" were otherwise each tried as
# the term's end, each read to the run's end.)
_SAME_LINE = re.compile(r"([ \t]*)(\S(?:.*?[^ \t\n])??)[ \t]{2,}(\S)")


# A reST object description's directive ("   .. py:function:: name(args)"): its indent, its kind
# and its argument, the term.
# At a line's start only, its term ending at its last character that is no blank: unanchored, the
# pattern was tried from every blank of a run (20,000 spaces: 1.4 s to ask of a default, a break-it
# helper's, session 61).
_DIRECTIVE = re.compile(
    r"^([ \t]*)\.\.[ \t]+(?:[a-z]+:)?(function|method|classmethod|staticmethod|class|exception|data|attribute"
    r"|decorator|cmdoption|option|envvar|describe|object|confval|setting|macro|type|member|var)::[ \t]+"
    r"(\S(?:[^\n]*[^ \t\n])?)[ \t]*$",
    re.M,
)


@dataclass(frozen=True)
class Entry:
    """Invariant: text[term_start:term_end] is the term, text[body_start:body_end] its
    description, the description after the term; offsets into the document text. `kind`: a reST
    directive's ("function", "exception", …), "" for a term laid out by its indent."""

    term_start: int
    term_end: int
    body_start: int
    body_end: int
    kind: str = ""


def entry_at(text: str, at: int) -> Entry | None:
    """The entry whose term or description holds offset `at`, or None."""
    start = text.rfind("\n", 0, at) + 1
    line = _line(text, start)
    return (
        _described(text, start)
        or _signed(text, start)
        or _hanging(text, start, line)
        or _on_one_line(text, start, line)
    )


# An API reference's entry as a documentation page shows it, its signature and its description
# on one line: "textwrap.shorten(text, width, *, placeholder=' [...]'): Collapse and truncate …",
# "void Py_XINCREF(PyObject *o): Increment the reference count …", "Repr.maxlevel: Depth limit …"
# (rag.ingest.html_blocks reads a page's <dt> and <dd> so). Its description goes on over the
# lines after it, to the next such line.
# (A return annotation holds no bracket and is read once: from each ")" of a line of ") ->" the
# annotation ran to the line's end and back, 10 s to ask over a 64,000-character line, a break-it
# helper's, session 61.)
_SIGNATURE = re.compile(
    r"((?:[A-Za-z_][\w]*[ \t]+\**)*[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*\([^\n]*?\)(?:[ \t]*->[ \t]*[^:\n()]++)?"
    r"|[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+): (?=\S)"
)
_MAX_SIGNED_LINES = 20
_SIGNATURE_LINE = re.compile(r"^(?=" + _SIGNATURE.pattern + ")", re.M)


def _signed(text: str, start: int) -> Entry | None:
    """The entry of a signature line (above) that the line at `start` is, or goes on from."""
    at = start
    for _ in range(_MAX_SIGNED_LINES):
        if (m := _SIGNATURE.match(text, at)) is not None and len(m.group(1)) <= _MAX_SIGNATURE:
            end = _signed_end(text, at)
            body_end = at + len(text[at:end].rstrip())
            return Entry(m.start(1), m.end(1), m.end(), body_end, "signature") if start < body_end + 1 else None
        if at == 0:
            return None
        at = text.rfind("\n", 0, at - 1) + 1
    return None


def _signed_end(text: str, at: int) -> int:
    """Where the description of the signature line at `at` ends: before the next signature line,
    at the text's end, or after _MAX_SIGNED_LINES lines."""
    end = at
    for _ in range(_MAX_SIGNED_LINES):
        nxt = text.find("\n", end)
        if nxt == -1:
            return len(text)
        following = nxt + 1
        if _NON_SPACE.search(text, following) is None or _SIGNATURE.match(text, following):
            return nxt
        end = following
    nxt = text.find("\n", end)
    return len(text) if nxt == -1 else nxt


_NON_SPACE = re.compile(r"\S")
_MAX_SIGNATURE = 400  # characters: textwrap.wrap's, with its twelve keyword arguments, is 290


def _described(text: str, start: int) -> Entry | None:
    """The reST object description holding the line at `start`: its directive's line, or a line
    of the block indented under it (the nearest directive above that the block reaches down to)."""
    at = start
    for _ in range(_MAX_DESCRIBED_LINES):
        m = _DIRECTIVE.match(text, at, text.find("\n", at) if "\n" in text[at:] else len(text))
        if m is not None and (entry := _directive_entry(text, m)) is not None:
            return entry if entry.term_start <= start + len(_line(text, start)) and start < entry.body_end else None
        line = _line(text, at)
        if at == 0 or (line.strip() and _indent(line) == 0 and at != start):
            return None
        at = text.rfind("\n", 0, at - 1) + 1
    return None


def described_entries(text: str, end: int) -> list[Entry]:
    """The entries of text[:end] that describe an API's objects, in order: reST object
    descriptions (a directive and the block under it) and a page's signature lines (a
    signature, ": ", its description)."""
    found = [e for m in _DIRECTIVE.finditer(text, 0, end) if (e := _directive_entry(text, m)) is not None]
    for m in _SIGNATURE_LINE.finditer(text, 0, end):
        if (e := _signed(text, m.start())) is not None and e.term_start == m.start():
            found.append(e)
    return sorted(found, key=lambda e: e.term_start)


# How far up a line of a description looks for its directive.
_MAX_DESCRIBED_LINES = 60


def _directive_entry(text: str, m: re.Match) -> Entry | None:
    """The entry of a directive matched at m: the lines under it indented more than it, blank
    lines among them, up to the first line indented no more."""
    indent = _indent(m.group(1))
    end = body = m.end() + 1
    last = m.end()
    while end < len(text):
        current = _line(text, end)
        if current.strip():
            if _indent(current) <= indent:
                break
            last = end + len(current.rstrip())
        end += len(current) + 1
    while body < last and text[body] in " \t\n":
        body += 1
    if last <= body:
        return None
    return Entry(m.start(3), m.end(3), body, last, m.group(2))


def _hanging(text: str, start: int, line: str) -> Entry | None:
    """The entry of a term line with its description indented under it, holding the line at
    `start` (the term line or a line of its description)."""
    indent = _indent(line)
    if not line.strip():
        return None
    # The line at `start` as the term: the next line indented more.
    below = start + len(line) + 1
    if below < len(text) and is_term(line) and _indent(_line(text, below)) >= indent + MIN_HANG:
        return _entry(text, start, line, below)
    # A line of the description: up to the first line indented less, the term (over blank lines
    # between the description's paragraphs, when the entry then reaches down to this line).
    at = start
    while at > 0:
        above = text.rfind("\n", 0, at - 1) + 1
        previous = _line(text, above)
        if not previous.strip():
            at = above
            continue
        if _indent(previous) <= indent - MIN_HANG:
            if is_term(previous):
                entry = _entry(text, above, previous, above + len(previous) + 1)
                return entry if entry is not None and entry.body_end > start else None
            # The next line of a description that begins on its term's line ("4      Checksum …").
            one_line = _on_one_line(text, above, previous)
            return one_line if one_line is not None and one_line.body_start - above == _lead(line) else None
        if _indent(previous) != indent:
            return None
        at = above
    return None


def _entry(text: str, term_line: int, line: str, body: int) -> Entry | None:
    """The entry of the term on the line at `term_line` and the description from `body` on, to
    its first line indented less than the description's first, blank lines within it (a
    description of two paragraphs; a reST definition list's field list, then its text)."""
    indent = _indent(_line(text, body))
    end = body
    while end < len(text):
        current = _line(text, end)
        if not current.strip():
            after = end + len(current) + 1
            while after < len(text) and not _line(text, after).strip():
                after += len(_line(text, after)) + 1
            if after >= len(text) or _indent(_line(text, after)) < indent:
                break
        elif _indent(current) < indent:
            break
        end += len(current) + 1
    term_start = term_line + _lead(line)
    body_start = body + _lead(_line(text, body))
    body_end = body_start + len(text[body_start:end].rstrip())
    return Entry(term_start, term_line + len(line.rstrip()), body_start, body_end) if body_end > body_start else None


def _on_one_line(text: str, start: int, line: str) -> Entry | None:
    """The entry of a line "term   description" among lines alike (another within two lines whose
    description starts in the same column), its description going on under itself."""
    m = _SAME_LINE.match(line)
    if m is None or not is_term(m.group(2)) or not _prose(line[m.start(3) :]):
        return None
    column = m.start(3)
    neighbours = [_neighbour(text, start, step) for step in (-2, -1, 1, 2)]
    if not any(
        n is not None and (k := _SAME_LINE.match(n)) and k.start(3) == column and is_term(k.group(2))
        for n in neighbours
    ):
        return None
    end = start + len(line)
    while end + 1 < len(text):  # its description's next lines, indented to its column
        current = _line(text, end + 1)
        if not current.strip() or _indent(current) != column:
            break
        end += len(current) + 1
    body_start = start + column
    return Entry(start + m.start(2), start + m.end(2), body_start, body_start + len(text[body_start:end].rstrip()))


def _prose(description: str) -> bool:
    """Is a line's description words, not the next cells of a table typed in plain text ("15   12
    2   1")? Three words or more, no run of spaces among them."""
    return len(description.split()) >= 3 and re.search(r"\S[ \t]{2,}\S", description.rstrip()) is None


def _neighbour(text: str, start: int, step: int) -> str | None:
    """The line `step` lines above (negative) or below the line at `start`, blank lines skipped."""
    at = start
    for _ in range(abs(step)):
        if step < 0:
            if at == 0:
                return None
            at = text.rfind("\n", 0, at - 1) + 1
        else:
            nxt = text.find("\n", at)
            if nxt == -1:
                return None
            at = nxt + 1
        while at < len(text) and not _line(text, at).strip():
            nxt = text.find("\n", at)
            if nxt == -1 or step < 0:
                break
            at = nxt + 1
    return _line(text, at)


def is_term(line: str) -> bool:
    """Is the line a term alone? A word in capitals at the line's start is a section's heading
    ("OPTIONS", "DESCRIPTION" of a manual page), not a term, unless it has an underscore or a digit
    ("FERRYSYNC_CONFIG")."""
    stripped = line.strip()
    if len(stripped) > MAX_TERM_CHARS or _TERM.fullmatch(stripped) is None:
        return False
    return not (stripped.isalpha() and stripped.isupper() and _lead(line) == 0)


def _line(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:] if end == -1 else text[start:end]


def _indent(line: str) -> int:
    """The line's indent in columns (a tab to the next of every eight)."""
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


def _lead(line: str) -> int:
    """The characters of the line's indent."""
    return len(line) - len(line.lstrip())


def hangs_under(text: str, term_start: int, below_start: int) -> bool:
    """Is the line at `term_start` a term alone, and the line at `below_start` (the next one
    with text) indented under it, its description's first line?"""
    term_line = text.rfind("\n", 0, term_start) + 1
    below_line = text.rfind("\n", 0, below_start) + 1
    return (
        is_term(_line(text, term_line))
        and _indent(_line(text, below_line)) >= _indent(_line(text, term_line)) + MIN_HANG
    )
