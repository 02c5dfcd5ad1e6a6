"""reStructuredText syntax that is not text, its code and its section titles, as ranges into the text.

Sphinx projects (Python's own documentation, most Python libraries') write their docs in reST;
before, a folder of `.rst` files was skipped as an unknown kind. Nothing is rewritten: like
rag/ingest/markdown.py this gives ranges, and rag/ingest/boilerplate.py leaves them out of its
content spans (or marks them), so every passage is still `text[start:end]`.

- A section title (a line over an underline of one punctuation mark, at least as long) is a
  heading: a label, no sentence, the title of the file when it comes first.
- A comment, a link target (".. _label:") and the directives a page does not show as text
  (".. index::", ".. toctree::", ".. moduleauthor::", …) are hidden with their indented bodies.
- Code: the indented block after a paragraph that ends in "::", and the bodies of ".. code-block::",
  ".. doctest::" and the like.
- An object's signature (".. function:: wrap(text, width=70)") goes on with its description, as
  an HTML page's definition list does (rag/ingest/html_blocks.py): alone, the signature was one
  passage and "Returns a list of output lines" another that never names the function.
- Any other shown directive (".. function::", ".. note::") loses its ".. name::"
  (a version's only its ".. ": "versionadded:: 3.3", as the page says "New in version 3.3") and
  its option lines (":synopsis: …"); what it names and its body are text, as the page shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.markdown import Range

_HIDDEN = {
    "index", "toctree", "module", "moduleauthor", "sectionauthor", "codeauthor", "highlight", "testsetup",
    "testcleanup", "include", "literalinclude", "raw", "image", "currentmodule", "tabularcolumns",
    "rst-class", "meta", "contents", "sectnum", "default-role", "only", "spelling:word-list",
}  # fmt: skip
# Its name is what the page says ("New in version 3.3"): only the ".. " goes.
_NAMED = {"versionadded", "versionchanged", "deprecated", "deprecated-removed"}
# An object's description ("function", "py:method", "c:macro", …): what it names (a signature)
# introduces its body, as a heading does.
_OBJECTS = {
    "function", "method", "class", "exception", "data", "attribute", "decorator", "decoratormethod",
    "staticmethod", "classmethod", "abstractmethod", "property", "coroutinefunction", "coroutinemethod",
    "cmdoption", "option", "envvar", "describe", "object", "opcode", "pdbcommand", "member", "macro",
    "type", "var", "enum", "enumerator", "struct", "union",
}  # fmt: skip
_CODE = {"code-block", "code", "sourcecode", "doctest", "testcode", "testoutput", "productionlist", "parsed-literal"}
# ".. name:: argument" (a directive), ".. _label:" (a target), ".. |name| replace:: …" (a substitution).
_EXPLICIT = re.compile(r"^([ \t]*)\.\.(?:[ \t]+|$)(?:([\w:.-]+)::(?=[ \t]|$)|(_[^\n]*:)|(\|[^|\n]+\|))?")
_OPTION = re.compile(r"^[ \t]+:[\w -]+:(?:[ \t]|$)")
# A list item's line (its text may go on indented under it: no definition list's term).
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|#\.|\d+[.)]|\(?[a-zA-Z0-9][.)])[ \t]+")
_MAX_TERM = 80  # characters: a longer line over an indented one is a paragraph over a quote
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}[ \t]*$")


@dataclass(frozen=True)
class RstSyntax:
    hidden: list[Range]  # one range per line, sorted
    code: list[Range]  # blocks of code lines, sorted and disjoint
    headings: frozenset[int]  # where each section title starts
    signatures: frozenset[int]  # where each object description's signature starts
    # Each definition list item: its term's line to the end of the block indented under it. A
    # configuration reference's "``timeout``" over its ":Type:", ":Default:" and ":Env:" fields
    # and, after a blank line, its text were three passages: the ":Default: ``30.0``" one never
    # said "timeout" (a break-it helper's, session 54).
    definitions: tuple[Range, ...] = ()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def rst_syntax(text: str) -> RstSyntax:
    lines = text.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1

    hidden: list[Range] = []
    code: list[Range] = []
    headings: list[int] = []
    signatures: list[int] = []
    definitions: list[Range] = []

    def body_end(i: int, indent: int) -> int:
        """The line after the indented body that follows line i (blank lines inside it included)."""
        j = i + 1
        last = i
        while j < len(lines):
            if lines[j].strip():
                if _indent(lines[j]) <= indent:
                    break
                last = j
            j += 1
        return last + 1

    def hide(i: int, j: int) -> None:
        hidden.extend((starts[n], starts[n] + len(lines[n])) for n in range(i, j) if lines[n].strip())

    def as_code(i: int, j: int) -> None:
        # From the first to the last non-blank line of lines [i, j).
        filled = [n for n in range(i, j) if lines[n].strip()]
        if filled:
            code.append((starts[filled[0]], starts[filled[-1]] + len(lines[filled[-1]])))

    i = 0
    while i < len(lines):
        line = lines[i]
        m = _EXPLICIT.match(line)
        if m is not None:
            indent = len(m.group(1))
            end = body_end(i, indent)
            name = (m.group(2) or "").lower()
            shown = m.group(2) is not None and name not in _HIDDEN  # not a comment, target, substitution
            if not shown:
                hide(i, end)
            else:
                # ".. name::" hidden, its argument kept; a code block's argument is its language
                # (".. code-block:: python": "python" was a passage of its own).
                cut = m.start(2) if name in _NAMED else len(line) if name in _CODE else m.end()
                hidden.append((starts[i], starts[i] + cut))
                if name.rsplit(":", 1)[-1] in _OBJECTS and line[m.end() :].strip():
                    signatures.append(starts[i] + m.end() + _indent(line[m.end() :]))
                j = i + 1
                while j < end and _OPTION.match(lines[j]):
                    hidden.append((starts[j], starts[j] + len(lines[j])))
                    j += 1
                if name in _CODE:
                    as_code(j, end)
            # A shown directive's prose body is read line by line as the text goes on.
            i = i + 1 if shown and name not in _CODE else end
            continue
        stripped = line.strip()
        if stripped.endswith("::"):
            # A literal block: the indented lines after it (past blank lines) are code.
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and j > i + 1 and _indent(lines[j]) > _indent(line):
                end = body_end(i, _indent(line))
                as_code(j, end)
                i = end
                continue
        if (
            stripped
            and (i == 0 or not lines[i - 1].strip())
            and i + 1 < len(lines)
            and lines[i + 1].strip()
            and _indent(lines[i + 1]) > _indent(line)
            and not _LIST_ITEM.match(line)
            and len(stripped) <= _MAX_TERM
        ):
            # A definition list's term: a paragraph's one line with the next line indented under it.
            end = body_end(i, _indent(line))
            definitions.append((starts[i], starts[end - 1] + len(lines[end - 1])))
        if (
            stripped
            and i + 1 < len(lines)
            and _ADORNMENT.match(lines[i + 1])
            and len(lines[i + 1].strip()) >= len(stripped)
            and any(ch.isalnum() for ch in stripped)
            and _indent(line) == 0
        ):
            headings.append(starts[i])
        i += 1
    return RstSyntax(sorted(hidden), sorted(code), frozenset(headings), frozenset(signatures), tuple(definitions))
