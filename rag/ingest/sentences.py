"""Sentence boundaries with offsets, from NLTK's trained English Punkt model.

llama-index ships the Punkt tables (so nothing is downloaded), but its own splitter uses an
untrained Punkt that cuts "U.S." and "Mr." in two; we load the trained English one instead.
Sentences are found at index time and stored as offsets, so asking a question never pays for
importing NLTK.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.ingest.boilerplate import PLAIN, Layout, carried_on, wrapped_on
from rag.ingest.markdown import is_delimiter_row

# Optional packages NLTK's package import pulls in for parts we never use (collocation
# statistics, scikit-learn classifiers): 1.0 of its 1.2 s import here. NLTK guards both imports
# with `except ImportError`, so they are hidden while it loads, and only if nothing loaded them yet.
_NOT_FOR_PUNKT = ("scipy", "sklearn")


@lru_cache(maxsize=1)
def _punkt():
    import importlib.util
    import os
    import sys

    hidden = [name for name in _NOT_FOR_PUNKT if name not in sys.modules]
    try:
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # the documented way to make an import fail
        import nltk
        from nltk.tokenize import PunktTokenizer
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]

    # Where llama-index keeps the tables, found without importing it (0.8 s).
    core = os.path.dirname(importlib.util.find_spec("llama_index.core").origin)
    bundled = os.path.join(core, "_static", "nltk_cache")
    if bundled not in nltk.data.path:
        nltk.data.path.append(bundled)
    return PunktTokenizer("english")


# NLTK gives each of Punkt's regular-expression searches 5 s of wall-clock time: a paragraph of
# ~4 MB of short sentences took longer, and its TimeoutError skipped the file (a helper of session
# 60; the limit moves with the machine's load). Punkt reads at most this many characters at once
# (~0.2 s of Punkt here); each window's last two sentences start the next.
PUNKT_WINDOW = 100_000


def _punkt_spans(piece: str):
    """Punkt's (start, end) of each sentence of `piece`, read in windows of at most PUNKT_WINDOW."""
    punkt = _punkt()
    at = 0
    while len(piece) - at > PUNKT_WINDOW:
        spans = list(punkt.span_tokenize(piece[at : at + PUNKT_WINDOW]))
        # The last two sentences start the next window: Punkt decides an end by the word after
        # it, and the window may cut that word ("in St. I|ves" ended a sentence after "St.").
        # Sentences longer than the window (no end mark in 100,000 characters) are cut there.
        keep, after = (spans[:-2], spans[-2][0]) if len(spans) > 2 and spans[-2][0] > 0 else (spans, PUNKT_WINDOW)
        yield from ((at + a, at + b) for a, b in keep)
        at += after
    yield from ((at + a, at + b) for a, b in punkt.span_tokenize(piece[at:]))


def sentence_spans(text: str, start: int = 0, end: int | None = None, layout: Layout = PLAIN) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], as offsets into `text`. `layout`: where
    the lines of code start (never joined to another as wrapped text), where a Markdown heading or
    a reST section title starts (a label, no sentence), and whether the text is Markdown or reST
    (whose code, link and emphasis marks carry a wrapped line on)."""
    end = len(text) if end is None else end
    spans = []
    for a, b in _punkt_spans(text[start:end]):
        # A line break inside a "sentence" is a paragraph or list break Punkt did not see, unless
        # the next line carries the sentence on (text wrapped at a fixed width).
        piece = text[start + a : start + b]
        offset = start + a
        lines: list[tuple[int, int] | None] = []  # None: a line that is no sentence
        for line in piece.split("\n"):
            lead = len(line) - len(line.lstrip())
            here = offset + lead
            if not line.strip():
                # A blank line ends a paragraph: no sentence goes on past it. Short paragraphs
                # merged into one passage ("Purchased: 2021-11-02", blank, "db-02") were one
                # sentence when the next began in lower case.
                lines.append(None)
            elif here in layout.headings or _in_heading(text, here, layout) or is_delimiter_row(line):
                # A table's delimiter row ("| --- | --- |") holds no words, a Markdown heading is
                # a label (rag/ingest/markdown.py), and nothing carries a sentence on across them.
                lines.append(None)
            else:
                last = lines[-1] if lines else None
                if (
                    last is not None
                    and (
                        carried_on(text[last[0] : last[1]], line[lead : lead + 2], layout.markup)
                        or wrapped_on(text[text.rfind("\n", 0, last[1]) + 1 : last[1]], line[lead:], layout.wrap)
                    )
                    and not ({here, last[0]} & layout.code)
                ):
                    lines[-1] = (last[0], offset + len(line.rstrip()))
                else:
                    lines.append((here, offset + len(line.rstrip())))
            offset += len(line) + 1
        spans += [line for line in lines if line is not None]
    return _lines_whole(text, spans)


def _in_heading(text: str, at: int, layout: Layout) -> bool:
    """Does the text at `at` lie inside a heading's line, after a cut Punkt made in it? "## 4.
    Updating the firmware" was cut after "4.", and "Updating the firmware" was quoted as the
    sentence that answers "How long does a firmware update take?", "Updating" its short answer
    (a break-it helper's router manual, session 49)."""
    if not layout.headings:
        return False
    line = text.rfind("\n", 0, at) + 1
    while line < at and text[line] in " \t":
        line += 1
    return line != at and line in layout.headings


# A line of an interactive session (Python's ">>> " prompt) is code, not prose: Punkt cut
# `>>> textwrap.shorten("Hello  world!", width=12)` after its "!" and quoted the first piece.
_PROMPT = re.compile(r"[ \t]*>>>(?:[ \t]|$)")


# What a prompt's line of code holds and a line of prose seldom does: brackets, an "=", or a
# statement's first word.
_CODE_SIGNS = re.compile(
    r"[()\[\]{}=]|^\s*(?:import|from|for|def|class|if|elif|else|while|with|try|except|return|print|del|assert|"
    r"raise|async|await|lambda|yield|pass)\b"
)


def is_prompt_line(sentence: str) -> bool:
    """Does this sentence (a line of its own) start at an interactive prompt? A mail's reply
    three levels down quotes its prose the same way: ">>> I've booked the Q2 supplier review
    for Tuesday 15 April at 10:00 am in Room 2A." was never quoted, and "What time is the
    supplier review?" was refused (a break-it helper's thread). A line of four words or more
    with no sign of code is prose."""
    m = _PROMPT.match(sentence)
    if m is None:
        return False
    rest = sentence[m.end() :]
    return _CODE_SIGNS.search(rest) is not None or len(rest.split()) < 4


# An FAQ's question line: "Q: Syncing stops with "QS-E030: connection timed out after 30s".",
# "Question 3: ...". It says what was asked, not what is so ("Q3: revenue rose" names a quarter).
_QUESTION_LABEL = re.compile(r"[ \t]*(?:Q|Question[ \t]*\d{0,3})[ \t]*[:.)][ \t]", re.I)


def is_question_line(line: str) -> bool:
    """Does the line open with an FAQ's question label ("Q:", "Question 3:")?"""
    return _QUESTION_LABEL.match(line) is not None


# A title that asks: a leaflet's or a help page's section title, a wh-word opening a few words
# that end in no stop ("How to take Solvexa", "What Solvexa is and what it is used for", "When
# to call a doctor").
_ASKING_TITLE = re.compile(r"[#*_\s]*(?:how|what|when|where|which|who|whom|why)\b[^.!?:;\n]*", re.I)
_MAX_TITLE_WORDS = 12


def asks(sentence: str) -> bool:
    """Is this sentence a question, an FAQ's question line or a title that asks? It states
    nothing: quoted as an answer it repeats the question ("100% — Q: The watch command uses 100%
    CPU on Linux." for "Why does watch eat all my CPU?", a break-it helper's FAQ, whose "A:" line
    answered), also in emphasis ("**Q14. What happens if I submit late?**"). "How should I take
    Solvexa?" was answered "How to take Solvexa [1]", the title of a leaflet's section in plain
    text (a break-it helper's medication leaflet, session 49); the sentence under it answers."""
    bare = sentence.rstrip().rstrip("\"'\u201d\u2019)*_`")
    return (
        bare.endswith("?")
        or is_question_line(sentence)
        or (_ASKING_TITLE.fullmatch(bare) is not None and len(bare.split()) <= _MAX_TITLE_WORDS)
    )


def _line_end(text: str, line: int) -> int:
    end = text.find("\n", line)
    return len(text) if end < 0 else end


def _lines_whole(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of one prompt line, or of one table row, made one again: Punkt cut
    `>>> textwrap.shorten("Hello  world!", width=12)` after its "!", and "| Bruno Okafor |
    Research | Berlin | ext. 2590 | 2021 |" after "ext." (the quote ended there, without the
    extension or the year). A list item's number is no sentence of its own, a sentence goes on
    past emphasis or code that ends in its own "?" or "!", and a list item's "Owner: …" is its
    item's (all three below)."""
    out: list[tuple[int, int]] = []
    line_of_last = -1
    # The line each sentence starts on, found from the one before (the spans come in order), and
    # what is known of that line, read once: searched back from each sentence and copied whole for
    # it, a file of one 8 MB line took 121 s to cut (quadratic; a helper of session 60).
    line, searched = 0, 0
    whole_line: dict[int, bool] = {}
    for a, b in spans:
        if (newline := text.rfind("\n", searched, a)) != -1:
            line = newline + 1
        searched = a
        if out and line == line_of_last and line not in whole_line:
            whole_line[line] = is_prompt_line(text[line : _line_end(text, line)]) or _short_row(text, line)
        if (
            out
            and line == line_of_last
            and (
                whole_line[line]
                or _LIST_MARKER.fullmatch(text, out[-1][0], out[-1][1])
                or _GOES_ON.match(text, a)
                or _MARKS_ONLY.fullmatch(text, a, b)
                or (LIST_ITEM.match(text, line) and _FIELD.match(text, a))
            )
        ):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
        line_of_last = line
    return out


# A numbered list's marker: Punkt cut "2. Tap the link." after "2.", and "4." was quoted as the
# answer to "How many products are there?" (a break-it helper's FAQ).
# So is a numbered label, in emphasis or not: "**Q13. What is the word limit?**" was "**Q13.",
# the question and "**", and "**" was the answer to "What is the word limit for the lab
# portfolio?" (a break-it helper's FAQ, session 49).
_LIST_MARKER = re.compile(
    r"(?:\*\*|__|\*|_)?(?:(?:Q|Question|Step|Part|Item|Rule|Section|Task)[ \t]?)?(?:\d{1,3}|[A-Za-z]|[ivxlc]{2,5})[.)]"
)
# Emphasis or code marks alone, closing what a sentence before them on the line opened.
_MARKS_ONLY = re.compile(r"[*_`~]+")
# Emphasis or code closed right after a "?" or "!" inside it, then a lowercase word: the sentence
# goes on. Punkt cut "Tap **Forgot password?** under the password field." after "?", and "Tap
# **Forgot password?" was the answer to "What do I do after tapping Forgot password?".
_GOES_ON = re.compile(r"(?:\*\*|__|\*|_|`)+[ \t]+[a-z]")


# A list's item ("- …", "* …", "3. …", "2) …"; rag.answer.lead_in reads lists by it too). A
# labelled field inside a list item goes with the item: "- A5: Publish the survey summary on the
# intranet. Owner: Amara Okafor. Due: 26 April 2024." was three sentences, and "Who is responsible
# for publishing the survey summary?" quoted the first, which names no one (meeting minutes of a
# break-it helper).
LIST_ITEM = re.compile(r"[ \t]*(?:[-*•+–]|\d{1,3}[.)])[ \t]+\S")
_FIELD = re.compile(r"[A-Z][A-Za-z]*(?:[ \t][A-Za-z]+){0,2}:[ \t]+\S")


# A table's row: a line that opens with a pipe and holds another ("| Bruno Okafor | Research |
# ext. 2590 | 2021 |"), as Markdown writes it and as HTML and Word tables are read.
_ROW = re.compile(r"[ \t]{0,3}\|[^\n]*\|")


# A row longer than this holds prose in its cells, quoted by the sentence like any prose (a data
# row is far shorter: 53 characters in the staff directory of tests/answer/test_lookup.py).
_MAX_ROW_CHARS = 500


def _short_row(text: str, line: int) -> bool:
    """Does a table row of at most _MAX_ROW_CHARS characters start at `line`?"""
    end = text.find("\n", line)
    return (end if end != -1 else len(text)) - line <= _MAX_ROW_CHARS and _ROW.match(text, line) is not None


def is_table_row(line: str) -> bool:
    """Is this line (from its start) a table's row?"""
    return _ROW.match(line) is not None


def sentence_pieces(text: str) -> list[str]:
    """Sentences of `text` with their trailing whitespace, so that "".join() gives back the text.

    The pieces rag/ingest/chunking.py cuts a long paragraph into first (llama-index's
    SentenceSplitter takes the same shape from its sentence tokenizer).
    """
    spans = sentence_spans(text)
    if not spans:
        return [text]
    cuts = [0] + [s for s, _ in spans[1:]] + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if a < b]
