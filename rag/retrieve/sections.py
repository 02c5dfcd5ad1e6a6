"""A passage of nothing but headings stands for the section under it.

Node.js's API pages put a hidden comment between each entry's heading and its text
("### `new StringDecoder([encoding])`", then `<!-- YAML added: v0.1.99 -->`, then "* `encoding`
{string} … **Default:** `'utf8'`."). A passage never swallows what was removed between two
paragraphs (rag/ingest/chunking.py), so the headings are a passage of their own: it matches a
question by its names and is retrieved, and its section's text, the next passage, often is not.
The heading was then the answer ("### `new StringDecoder([encoding])` [1]" for "Which encoding does
a new StringDecoder use when no encoding is given?"). Such a passage now brings the next passage
of its document into the candidates, right after it and at its score: the answer steps read
both, and quote a sentence of the section.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.ingest.markdown import is_heading
from rag.ingest.markup import markup_of
from rag.ingest.sentences import asks, is_question_line
from rag.types import Passage, ScoredPassage

# A reST section title's adornment: one punctuation mark repeated ("=====", "-----", "~~~~~").
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1{2,}")


def only_headings(p: Passage) -> bool:
    """Is every line of the passage a Markdown heading, or a reST title and its adornments?"""
    markup = markup_of(p.source)
    if markup == "text":  # asked of every sentence the evidence scores: plain text costs nothing
        return False
    lines = [line.strip() for line in p.text.splitlines() if line.strip()]
    if not lines:
        return False
    if markup == "markdown":
        return all(is_heading(line) for line in lines)
    adorned = [bool(_ADORNMENT.fullmatch(line)) for line in lines]
    titled = [adorned[i] or (i + 1 < len(lines) and adorned[i + 1]) for i in range(len(lines))]
    return all(titled) and not all(adorned)


def only_questions(p: Passage) -> bool:
    """Is every line of the passage one question, or an FAQ's question line ("Q: …")? Its answer
    is in the next passage (an FAQ's "A:" line after a question line that became a passage of
    its own; rag.answer.evidence_choice quotes it). A paragraph on one line that ends in a
    question holds statements before it (SQuAD's Wikipedia paragraphs: 5 of 2,600)."""
    lines = [line for line in p.text.splitlines() if line.strip()]
    return bool(lines) and all(
        asks(line) and (is_question_line(line) or not _SENTENCE_INSIDE.search(line.strip())) for line in lines
    )


# A sentence's end inside a line, before another sentence: "… the will of elite politicians. Even …".
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+[\"'\u201c\u2018(]?[A-Z]")


def with_sections(candidates: list[ScoredPassage], passages_of: Callable[[str], list[Passage]]) -> list[ScoredPassage]:
    """The candidates, each passage of only headings or of only questions followed by the next
    passage of its document (when it is not a candidate already)."""
    seen = {sp.passage.id for sp in candidates}
    out: list[ScoredPassage] = []
    for sp in candidates:
        out.append(sp)
        if not only_headings(sp.passage) and not only_questions(sp.passage):
            continue
        after = [p for p in passages_of(sp.passage.source) if p.start >= sp.passage.end]
        if after and (nxt := min(after, key=lambda p: p.start)).id not in seen:
            seen.add(nxt.id)
            out.append(ScoredPassage(nxt, sp.score, sp.dense))
    return out


# An ATX heading line and its text; a fence opening or closing a code block, whose "# comment"
# lines are no headings.
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Headings:
    """A Markdown document's headings: where each starts (sorted), and the heading with those it
    lies under (its chain: the nearest heading of each higher level before it, outermost first)."""

    starts: list[int]
    chains: list[tuple[str, ...]]

    def above(self, offset: int) -> tuple[str, ...]:
        """The chain of headings the text at `offset` lies under (none before the first)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.chains[i] if i >= 0 else ()


def headings_of(document: str) -> Headings:
    """The ATX headings of a Markdown document text, outside fenced code."""
    starts: list[int] = []
    chains: list[tuple[str, ...]] = []
    open_by_level: list[str] = []  # the current heading of each level, by index level - 1
    fence: str | None = None
    at = 0
    for line in document.splitlines(keepends=True):
        if (f := _FENCE.match(line)) is not None:
            mark = f.group(1)[0]
            fence = None if fence == mark else (fence or mark)
        elif fence is None and (m := _ATX.match(line)) is not None and m.group(2):
            level = len(m.group(1))
            open_by_level = [*open_by_level[: level - 1], *[""] * (level - 1 - len(open_by_level)), m.group(2)]
            starts.append(at)
            chains.append(tuple(h for h in open_by_level if h))
        at += len(line)
    return Headings(starts, chains)


# A plain text's section title in capitals, on a line of its own after a blank line: "PRINCIPAL
# INVESTIGATOR", "KEY FINDINGS", "2. RESULTS" (a few words, no sentence's stop). Blanks taken
# whole: given back one at a time, each read the rest of the line again (a line of 10,000 blanks
# then a word, 0.7 s; session 61's scan of every pattern).
CAPS_TITLE = re.compile(
    r"[ \t]*+(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]++)?(?=[^\n]*[A-Z]{2})[A-Z][A-Z0-9 &'’,/()\-–]{1,58}[ \t]*"
)
_MAX_CAPS_TITLE_WORDS = 6


def caps_headings(document: str) -> Headings:
    """The section titles in capitals of a plain text (CAPS_TITLE, a line after a blank line or
    the text's start, the next line not blank), each its own chain: a trial summary's
    "PRINCIPAL INVESTIGATOR" over "Dr. Imelda Castaneira, …" is what that line is, and "Who was
    the principal investigator?" was answered with the title itself (a break-it helper's, session
    50)."""
    starts: list[int] = []
    chains: list[tuple[str, ...]] = []
    at = 0
    previous_blank = True
    lines = document.split("\n")
    for i, line in enumerate(lines):
        if (
            previous_blank
            and CAPS_TITLE.fullmatch(line)
            and len(line.split()) <= _MAX_CAPS_TITLE_WORDS
            and i + 1 < len(lines)
            and lines[i + 1].strip()
        ):
            starts.append(at)
            chains.append((line.strip(),))
        previous_blank = not line.strip()
        at += len(line) + 1
    return Headings(starts, chains)
