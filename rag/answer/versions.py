"""Which version did something, and when a version came out: read from a changelog's headings.

A changelog says what changed under a heading per release ("## [2.5.0] - 2023-11-20", "### Added",
"- Windows support for workers using the `SpawnWorker` class."), and the entry never says its
version. "In which version was Windows support for workers added?" was answered "SpawnWorker
class", the entry's own words, when the heading lay in the passage before; "When was version 2.6.1
released?" was refused: keyword search drops "2.6.1" (one-character tokens) and no sentence says
"released" (a break-it helper's CHANGELOG.md, session 49).

- "Which/what version (or release) …?": the best sentence found that holds every word asked
  about, under a Markdown heading that names a version; the version leads, the heading and the
  sentence are quoted.
- "When was version 2.6.1 released?": the heading of a document found that names that version,
  with a date; the date leads, the heading is quoted.
Anything else, or a version no heading names, is left to the evidence and the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rag.answer.grounding import SupportedClaim, cited_answer, passage_holding
from rag.index.lexical import terms
from rag.retrieve.evidence import ScoredSentence, asked_terms, file_words
from rag.retrieve.sections import headings_of
from rag.types import Answer, Passage, ScoredPassage

# "Which version", "which tidewater version", "what Tessaly release".
_WHICH_VERSION = re.compile(r"\b(?:which|what)\s+(?:[\w.-]+\s+){0,2}?(?:version|release)\b", re.I)
_WHEN_RELEASED = re.compile(r"^\s*when\s+(?:was|were|did)\b.*\b(?:released?|published|shipped|out|come out)\b", re.I)
# A version as a changelog writes it: "2.5.0", "v3.1", "1.0.0-rc1".
VERSION = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*(?:-?(?:rc|alpha|beta|a|b)\d*)?(?![\w.]*\w)", re.I)
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\b"
)
_VERSION_WORDS = frozenset(terms("version versions release releases"))
# The documents of the best passages found that a "when" question's version is looked for in.
MAX_DOCUMENTS = 5


@dataclass(frozen=True)
class Heading:
    """A heading line of a document. Invariant: document text [start, end) is the line."""

    source: str
    start: int
    end: int
    text: str
    # Where what the heading is over ends, when it is not the next heading (a definition
    # list's entry ends with its indented lines); None: at the next heading.
    reach: int | None = None


@dataclass(frozen=True)
class Versioned:
    """What answers: the short answer (a version or a date), the heading that says it, the
    headings between it and the entry ("### Added": they say what kind of change it was), and the
    entry's sentence under it (None for a release date)."""

    short: str
    heading: Heading
    sentence: ScoredSentence | None
    between: tuple[Heading, ...] = ()


def version_answer(
    question: str,
    sentences: list[ScoredSentence],
    passages: list[ScoredPassage],
    texts: Mapping[str, str],
) -> Versioned | None:
    """The changelog heading that answers the question, or None (see the module's docstring)."""
    if _WHICH_VERSION.search(question):
        wanted = asked_terms(question) - _VERSION_WORDS
        named = set(VERSION.findall(question))
        for s in sentences:
            # The product is named by the document's title or file name, seldom by its entries:
            # "Which tidewater version added …?" over "Added the ``datum`` option." in
            # tidewater's README.
            about = terms(f"{s.passage.passage.title} {file_words(s.passage.passage.source)}")
            # A sentence naming a version the question does not ("Dropped support for Python
            # 3.9." is no version's line for "… dropped support for Python 3.9?") says its own.
            if not wanted or not wanted <= {*s.terms, *about} or set(VERSION.findall(s.text)) - named:
                continue
            chain = _version_heading(texts.get(s.passage.passage.source, ""), s.passage.passage.source, s.start)
            if chain is not None:
                heading, between = chain
                return Versioned(VERSION.search(heading.text).group(), heading, s, between)
        return None
    if _WHEN_RELEASED.match(question) and (asked := VERSION.findall(question)):
        named = re.compile(rf"(?<![\w.])v?{re.escape(asked[0].lstrip('vV'))}(?![\w.]*\w)", re.I)
        for source in list(dict.fromkeys(sp.passage.source for sp in passages))[:MAX_DOCUMENTS]:
            for heading in _headings(texts.get(source, ""), source):
                if named.search(heading.text) and (date := _DATE.search(heading.text)):
                    return Versioned(date.group(), heading, None)
    return None


def _headings(document: str, source: str) -> list[Heading]:
    """The document's headings, each as its line: Markdown's "#" headings, and the titles
    underlined ("2.4.0 (2024-01-09)" over "------", as reST and Markdown write them) or standing
    over an indented entry (a reST definition list) — a reST README's changelog, where "Which
    tidewater version added the datum option?" was answered with the entry's own words (a
    break-it helper's, session 50)."""
    out = []
    if "#" in document:
        for start in headings_of(document).starts:
            end = document.find("\n", start)
            end = len(document) if end == -1 else end
            out.append(Heading(source, start, end, document[start:end].strip()))
    for m in _UNDERLINED.finditer(document):
        out.append(Heading(source, m.start(1), m.end(1), m.group(1).strip()))
    for m in _TERM_OVER_ENTRY.finditer(document):
        out.append(Heading(source, m.start(1), m.end(1), m.group(1).strip(), m.end()))
    return sorted(out, key=lambda h: h.start)


# A title over its underline ("Changelog" over "=========", "2.4.0" over "-----"), at least as long
# as the title less two characters, as reST asks; not a table's rule ("+----+").
# (The line is read once: "[^\n]*\w[^\n]*" split each line at every word character before failing
# on the next line, 14 s to ask over 500 KB of one-paragraph lines, a break-it helper's, session 61.)
_UNDERLINED = re.compile(r"(?m)^(?![ \t])(?=[^\n]*\w)([^\n]*+)\n([=\-~^\"'`*+#])\2{2,}[ \t]*$")
# A line naming a version at the start of a line, over indented lines (a reST definition list:
# "2.4.0 (2024-01-09)" over "   Added the ``datum`` option."), the entry those lines.
_TERM_OVER_ENTRY = re.compile(r"(?m)^(v?\d+\.\d+[^\n]{0,60})\n(?:[ \t]+\S[^\n]*(?:\n|$))+")


def _version_heading(document: str, source: str, at: int) -> tuple[Heading, tuple[Heading, ...]] | None:
    """The nearest heading before `at` that names a version, when the headings between it and
    `at` are its own sub-headings ("### Added" under "## [2.5.0]"), with those sub-headings in
    the document's order."""
    before = [h for h in _headings(document, source) if h.start < at]
    level = None
    between: list[Heading] = []
    for heading in reversed(before):
        depth = len(heading.text) - len(heading.text.lstrip("#"))
        if level is not None and depth >= level:
            continue  # a sibling or a deeper heading of another part: not above `at`
        if heading.reach is not None and heading.reach <= at:
            return None  # an entry that ended before `at`
        if VERSION.search(heading.text):
            return heading, tuple(reversed(between))
        between.append(heading)
        level = depth
    return None


def answer_of(question: str, found: Versioned, passages_of: Callable[[str], list[Passage]]) -> Answer | None:
    """The version or the date, then the heading (and the entry) quoted, cited; None when the
    heading lies in no indexed passage."""
    h = found.heading
    if (holding := passage_holding(passages_of(h.source), h.start, h.end)) is None:
        return None
    score = found.sentence.passage.score if found.sentence is not None else 0.0
    claims = [SupportedClaim.quoting(ScoredPassage(holding, score), h.start, h.end).led_by(found.short)]
    for sub in found.between:
        if (held := passage_holding(passages_of(sub.source), sub.start, sub.end)) is not None:
            claims.append(SupportedClaim.quoting(ScoredPassage(held, score), sub.start, sub.end))
    if (s := found.sentence) is not None:
        claims.append(SupportedClaim.quoting(s.passage, s.start, s.end))
    answer = cited_answer(question, claims)
    answer.short_answer = found.short
    return answer
