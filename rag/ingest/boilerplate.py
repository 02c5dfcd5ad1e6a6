"""Find the content spans of a document's text: everything that is not web boilerplate.

Cleaning never rewrites the text. It returns (start, end) spans into the text, so every chunk cut
from a span is still `text[start:end]` and a citation points at the exact characters of the file.

What counts as boilerplate (pages pasted or scraped from news sites carry all of these):
- ad and share furniture: "Advertisement", "Ad will display in 09 seconds", "Source link", ...
- tracking tokens glued to a sentence, such as "||2be7039cd__";
- teaser labels such as "In Summary";
- repeats: a paragraph (or teaser sentence) that stands again later, e.g. a title printed twice
  or a summary that repeats the lead. The last copy is kept: teasers come first, bodies after.
  Only a paragraph of its own with a headline's words is a repeat: a line that recurs inside
  paragraphs or lists (documentation's "New in version 3.11.") is content each time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rag.ingest.markdown import containing, fenced, hidden, inside, is_heading, lines_of, tables
from rag.ingest.markup import Markup
from rag.ingest.rst import rst_syntax

_LINE_PATTERNS = [
    r"advertisements?",
    r"advert",
    r"sponsored(?: content)?",
    r"source link",
    r"(?:read|see) (?:more|also)\b.{0,80}",
    r"continue reading\b.{0,40}",
    r"share (?:this|on)\b.{0,40}",
    r"click here\b.{0,80}",
    r"ad(?:vertisement)? (?:will display|closes|ends) in \d+ seconds?",
    r"skip ad",
    r"subscribe(?: now)?(?: to our newsletter)?",
]
# A whole line (paragraph) that is nothing but one of the above.
_WHOLE_LINE = re.compile(r"^[ \t]*(?:" + "|".join(_LINE_PATTERNS) + r")[ \t.:!]*$", re.I | re.M)
# Furniture glued onto a content line.
_INLINE = re.compile(
    r"\|\|[0-9a-f]{6,}_*"  # tracking token
    r"|(?<=[.!?\"”’'])[ \t]*\b(?i:advertisement)\b[ \t]*$"  # "…end of sentence. Advertisement"
    r"|\bIn Summary\b"  # teaser label
    r"|(?<=[.)])[ \t]+(?:Image|Photo|Picture|Credit)s?:[ \t]*[A-Z][\w./ -]{0,40}$",  # photo credit
    re.M,
)
_BLOCK_SPLIT = re.compile(r"\n")
# Data written as text: a run of base64 (an image inlined into Markdown as a `data:` URI, an
# attachment in an exported mail, a key, a secret in a config file; URL-safe base64 too). No page
# shows it as words, and cut by the passage splitter a 53 KB image became 888 passages of 66
# characters, each embedded and retrieved. A run is 256 characters or more with both cases, a
# digit and a letter past "f" among them: hex digests, checksummed hex addresses, DNA, a long word
# and a URL (its ":" and "." end a run) are never one. Tried only where a run begins (the
# lookbehind), so a 20,000-letter word is one scan, not one per letter.
_B64 = "A-Za-z0-9+/_-"
_RUN = re.compile(rf"(?<![{_B64}])(?=[{_B64}]{{256}})[{_B64}]+=*")
# Before a run, on its line: a `data:` URI's head, and before that a Markdown link or image
# ("![map](data:…)" shows an image, no text), matched in the few hundred characters before it only.
_DATA_HEAD = re.compile(r"data:[\w/+.-]+(?:;[\w=.+-]+)*,$")
_LINK_HEAD = re.compile(r"!?\[[^\]\n]{0,200}\]\(\s*$")
_LINK_TAIL = re.compile(r"\s*\)")
# The same data wrapped into lines, as mail (76 characters), PEM keys (64) and code (a string in
# pieces, "    'iVBOR…'") write it: each line is under 256, and an attachment of 3 KB was 35
# passages of base64. Lines of 60 or more of it and nothing but indentation, quote marks or a
# mail's ">" around, two or more in a row and a last shorter one, 256 characters together.
# One way to match the blanks around its comma: "[ \t]*,?[ \t]*" split a run of blanks between
# its two halves every way before failing, and "Total" + 160,000 spaces + "42." took 69 s to index
# (quadratic; a break-it helper's upload held the web chat for 40 s, session 59).
_DATA_LINE = re.compile(rf"^[ \t>]*[\"']?(?:0x)?([{_B64}]+=*)[\"']?[ \t]*(?:,[ \t]*)?$", re.M)
_WRAPPED_LINE = 60
_LAST_LINE = re.compile(r"[0-9+/=_-]|.[A-Z]")
_CLASSES = (re.compile("[a-z]"), re.compile("[A-Z]"), re.compile("[0-9]"), re.compile("[g-zG-Z+/_-]"))


def _is_data(run: str) -> bool:
    return len(run) >= 256 and all(c.search(run) for c in _CLASSES)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    code: bool = field(default=False, repr=False)  # a line of a fenced code block: never joined as wrapped text
    heading: bool = field(default=False, repr=False)  # a Markdown heading, a reST title: a label, no sentence


@dataclass(frozen=True)
class Layout:
    """What is known of a document's lines besides their text, from its content spans: where its
    lines of code and its headings start (Span.code, Span.heading), and whether it is Markdown or
    reStructuredText, whose code and link marks carry a wrapped line on (in HTML or plain text a
    line that opens with "[" or ends in "]" is as often code: "[0, 1, 1, 2, 3, 5, 8]" under
    ">>> [fib(n) …]")."""

    code: frozenset[int] = frozenset()
    headings: frozenset[int] = frozenset()
    markup: bool = False  # Markdown or reStructuredText
    wrap: int = 0  # the width the text is wrapped at (wrap_width), 0 for none

    @classmethod
    def of(cls, spans: list[Span], markup: bool = False, wrap: int = 0) -> Layout:
        code = frozenset(sp.start for sp in spans if sp.code)
        return cls(code, frozenset(sp.start for sp in spans if sp.heading), markup, wrap)

    def headings_read(self) -> Layout:
        """The same lines with the headings read as sentences."""
        return replace(self, headings=frozenset())


PLAIN = Layout()


def _strip_span(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # A fragment with no letter or digit (a lone dash, a bullet) carries nothing.
    if start == end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Span(start, end)


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# YAML front matter (Jekyll, Hugo, Obsidian notes): "---" on the first line, "key: value" lines,
# and "---" or "..." closing it, within the first few kilobytes.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n((?:[^\n]*\n){0,200}?)(?:---|\.\.\.)[ \t]*\r?(?:\n|\Z)")
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w -]*:(?:[ \t]|$)", re.M)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M | re.I)


def front_matter(text: str) -> tuple[int, str | None] | None:
    """(where the front matter ends, its title or None), or None when the text has none. Its
    lines are metadata, not content: "title: Server notes" was quoted as an answer, and the note
    had no title."""
    m = _FRONT_MATTER.match(text)
    if m is None or m.end() > 8192 or not _FRONT_KEY.search(m.group(1)):
        return None
    title = _FRONT_TITLE.search(m.group(1))
    value = title.group(1).strip().strip("\"'").strip() if title else ""
    return m.end(), (value or None)


def _encoded(text: str) -> list[tuple[int, int]]:
    """Where data is written as text (_RUN, _DATA_LINE), a range per line (the way removed
    ranges lie); a `data:` URI's head and a Markdown link's syntax around it go with it."""
    out = []
    for m in _RUN.finditer(text):
        a, b = m.start(), m.end()
        if not _is_data(text[a:b].rstrip("=")):
            continue
        before = text[max(text.rfind("\n", 0, a) + 1, a - 300) : a]
        if head := _DATA_HEAD.search(before):
            a -= len(before) - head.start()
            before = before[: head.start()]
            if (link := _LINK_HEAD.search(before)) and (tail := _LINK_TAIL.match(text, b)):
                a, b = a - (len(before) - link.start()), tail.end()
        out += lines_of(text, a, b)
    block: list[re.Match] = []
    for m in _DATA_LINE.finditer(text):
        if block and m.start() != block[-1].end() + 1:  # not the next line
            out += _wrapped(block)
            block = []
        block.append(m)
    out += _wrapped(block)
    return sorted(set(out))


def _wrapped(lines: list[re.Match]) -> list[tuple[int, int]]:
    """Consecutive lines of data (_DATA_LINE) that are a wrapped run: two or more full lines,
    and the shorter line that ends them when it looks like their end (a digit, a symbol, "=" or
    a capital inside it: not "Regards" on the line after an attachment)."""
    out: list[tuple[int, int]] = []
    run: list[re.Match] = []

    def close(run: list[re.Match]) -> None:
        if len(run) >= 2 and _is_data("".join(m.group(1) for m in run)):
            out.extend((m.start(), m.end()) for m in run)

    for m in lines:
        if len(m.group(1)) >= _WRAPPED_LINE:
            run.append(m)
            continue
        if run and _LAST_LINE.search(m.group(0).strip()):
            run.append(m)
        close(run)
        run = []
    close(run)
    return out


def content_spans(text: str, markup: Markup = "text") -> list[Span]:
    """Spans of real content in document order, boilerplate, repeats and front matter left out;
    Markdown's syntax too (rag/ingest/markdown.py: code fences, comments, link definitions), a
    fenced block's lines marked as code, and a table's lines joined into one span. `markup` (the
    file's, rag/ingest/markup.py): a Markdown file's headings are marked (in other text a line
    opening with "#" is a comment of code as often: Python's HTML pages); a reStructuredText
    file's syntax, code and section titles are read too (rag/ingest/rst.py)."""
    removed = [(m.start(), m.end()) for m in _WHOLE_LINE.finditer(text)]
    if (front := front_matter(text)) is not None:
        # Each removed range lies within one line: one per line of the block.
        removed += lines_of(text, 0, front[0])
    fences, code = fenced(text)
    removed += fences
    rst = rst_syntax(text) if markup == "rst" else None
    if rst is not None:
        removed += rst.hidden
        code = sorted(code + rst.code)
    removed += hidden(text, code, markdown=markup == "markdown")
    removed += [(m.start(), m.end()) for m in _INLINE.finditer(text)]
    removed += _encoded(text)
    removed.sort()

    spans: list[Span] = []
    pos = 0
    first = 0  # removed ranges before it end before the current line (each lies within one line)
    for line in _BLOCK_SPLIT.split(text):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        cursor = line_start
        # Only the ranges that can reach this line: every range for every line made 8,000 lines
        # of "Advertisement" and text take 1.6 s (quadratic; 40,000 would take 40 s).
        while first < len(removed) and removed[first][1] <= line_start:
            first += 1
        n = first
        while n < len(removed) and removed[n][0] < line_end:  # sorted by start: the rest begin later
            r_start, r_end = removed[n]
            n += 1
            if r_end <= line_start:
                continue
            if (span := _strip_span(text, cursor, max(cursor, r_start))) is not None:
                spans.append(span)
            cursor = max(cursor, min(r_end, line_end))
        if (span := _strip_span(text, cursor, line_end)) is not None:
            spans.append(span)
    if code:
        spans = [Span(sp.start, sp.end, True) if inside(code, sp.start) else sp for sp in spans]
    if markup != "text":
        titles = rst.headings if rst is not None else frozenset()
        spans = [
            Span(sp.start, sp.end, heading=True)
            if not sp.code and (sp.start in titles or markup == "markdown" and is_heading(text[sp.start : sp.end]))
            else sp
            for sp in spans
        ]
    table_ranges = tables(text, code)
    joined = _join_tables(text, _drop_repeats(text, spans, table_ranges), table_ranges)
    joined = _join_wrapped(text, joined, markup != "text", wrap_width(text))
    if rst is None:
        return joined
    return _join_defined(text, _join_described(text, joined, rst.signatures), list(rst.definitions))


# A repeat is dropped only when it reads as a paragraph of its own and has the words of a headline
# or a lead. Repeated *lines* are content in documentation: every "New in version 3.11.", a
# wrapped line that reads the same in two paragraphs, a list item ("- "utf-8" if
# PyPreConfig.utf8_mode is non-zero.", lost from "Default encoding on other platforms:" because
# another setting's list says it too). Dropping every earlier copy took 3.2 % of the characters
# of Debian's Python 3.11 library pages (all 317) and 8.3 % of the Linux 6.1 documentation (400
# files): this rule drops 0.005 % and 0.13 %, and still every repeat of the news corpora (titles,
# teasers, leads: 10 words or more) but one lone "Share".
_MIN_REPEAT_WORDS = 4
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _drop_repeats(text: str, spans: list[Span], table_ranges: list[tuple[int, int]]) -> list[Span]:
    """The spans but the earlier copies of a repeated paragraph. A table's row is never one: a
    row standing again below is another record ("| Ann Lee | Active | Night |" twice in a roster),
    and the first of them, set apart by the delimiter row above it, was dropped as a headline
    printed twice, its header then cut off from the rest of the table."""
    keys = [_norm(text[s.start : s.end]) for s in spans]
    last_index = {key: i for i, key in enumerate(keys)}

    def repeat(i: int) -> bool:
        return (
            last_index[keys[i]] != i
            and not inside(table_ranges, spans[i].start)
            and len(keys[i].split()) >= _MIN_REPEAT_WORDS
            and _stands_alone(text, spans, keys, i)
        )

    return [s for i, s in enumerate(spans) if not repeat(i)]


def _stands_alone(text: str, spans: list[Span], keys: list[str], i: int) -> bool:
    """Span i is a paragraph of its own: on each side the text's start or end, a blank line, or
    something removed (furniture: "… 'caravan' In Summary <teaser> Advertisement"). A title
    printed twice on consecutive lines stands alone too (its copy follows it at once)."""

    def apart(a: int, b: int) -> bool:
        gap = text[a:b]
        return bool(gap.strip()) or _BLANK_LINE.search(gap) is not None

    before = i == 0 or apart(spans[i - 1].end, spans[i].start)
    after = i == len(spans) - 1 or keys[i + 1] == keys[i] or apart(spans[i].end, spans[i + 1].start)
    return before and after


def continues(last: str, first: str, markup: bool = False) -> bool:
    """A line that ends in `last` is carried on by a next line that begins with `first` (the
    line's last non-space character, the next line's first two): text wrapped at a fixed width
    (a plain-text file, Markdown, the HTML source of Python's documentation) breaks sentences
    across lines. The line ends in a word, a number or a comma (not a sentence's end, a list's
    colon or a bracket: a stack trace's "…(Handler.java:42)" over "    at …"), and the next begins
    in lower case. In Markdown or reStructuredText (`markup`) also a line that ends in a code or
    link mark, or a next line that opens with one: "…(for example when running" over "`yarn
    init`), Corepack will…" and "…use the [`--allow-addons`][]" over "flag." were cut in two at
    the line break."""
    f = first[:1]
    if markup:
        # Also a line ending in a backslash (reST's continued signature, Markdown's hard break)
        # and a next line opening with emphasis or a reST role ("*width* characters long.",
        # ":class:`TextWrapper` for efficiency."), not with a list item's "* ".
        opens = f.islower() or f in "`[" or (f in "*:" and first[1:2].isalpha())
        return (last.isalnum() or last in ",-`]\\") and opens
    return (last.isalnum() or last in ",-") and f.islower()


# A text is wrapped at a fixed width when nearly all of its longer lines are at most this long
# (an e-mail or a plain-text report at 72-80 columns); a text of long lines is not.
_MAX_WRAP = 100
_MIN_WRAPPED_LINES = 10


def wrap_width(text: str) -> int:
    """The width a plain text is wrapped at: its longest line of prose of at most _MAX_WRAP
    characters, when at least _MIN_WRAPPED_LINES lines of 40 characters or more are that short and
    nine in ten of its lines of 40 or more are; 0 for a text that is not wrapped."""
    lines = [line.rstrip() for line in text.split("\n")]
    lengths = [n for line in lines if (n := len(line)) >= 40]
    short = [n for n in lengths if n <= _MAX_WRAP]
    if len(short) < _MIN_WRAPPED_LINES or len(short) < 0.9 * len(lengths):
        return 0
    # The longest line of prose: a table's rows or a rule run past the width its prose was wrapped
    # at (a README's grid table of 89 columns over prose wrapped at 79: "… the fictional Marrow
    # Bay" / "Coastal Lab and is maintained by …" stayed apart, a break-it helper's, session 50).
    prose = [n for line in lines if 40 <= (n := len(line)) <= _MAX_WRAP and not _NOT_PROSE.match(line)]
    return max(prose if len(prose) >= _MIN_WRAPPED_LINES else short)


# A table's row or rule, or a line of columns set apart by spaces.
_NOT_PROSE = re.compile(r"\s*[|+]|.*\S {3,}\S|\s*[-=+~_*#]{3,}\s*$")
# Columns set apart by spaces (a table typed in plain text): its rows are no wrapped prose.
_ALIGNED = re.compile(r"\S {3,}\S")
_OPENS_ITEM = re.compile(r"(?:[-*•+–]|\d{1,3}[.)])[ \t]")


def wrapped_on(last_line: str, next_line: str, width: int) -> bool:
    """Was the line break after `last_line` made by wrapping at `width` (wrap_width), though
    the next line opens with a capital, a number or a quote? Only when the next line's first word
    would not have fitted on the line: "… The Board has appointed Daniel" / "Okafor, currently
    Chief Operating Officer, as my successor." and "… we employed" / "3,214 colleagues" were cut
    into two sentences (a break-it helper's annual report, session 49). A line the next word
    would have fitted on ended where its writer ended it (an address, a list, a title)."""
    if not last_line or not next_line:
        return False
    last = last_line.rstrip()
    word = next_line.split(None, 1)[0] if next_line.strip() else ""
    # A line ending in "the", "at" or "and" ends no title, address or list item, at any width
    # and in a text too short to show one: "… move the design review for the" / "Harbourview
    # tower. It will now take place on …" (a mail of six lines) and "… conducted at" / "23 sites
    # in 4 countries" were cut in two (a break-it helper's, session 50). A hand-wrapped line ends
    # a few characters short of the width now and then: "… Marrow Bay" / "Coastal Lab and …".
    open_end = _OPEN_WORD.search(last) is not None
    return (
        (last[-1:].isalnum() or last.endswith(","))
        and (word[:1].isupper() or word[:1].isdigit() or word[:1] in "(\"'“‘£$€")
        and (open_end or (width and len(last) + 1 + len(word) > width - _WRAP_SLACK))
        and not _OPENS_ITEM.match(next_line)
        and _ALIGNED.search(last) is None
        and _ALIGNED.search(next_line) is None
        and not _records_alike(last, word)
    )


# Words a line of prose never ends with, when it ends there only because it was wrapped.
_OPEN_WORD = re.compile(
    r"(?<![\w'’-])(?:the|a|an|of|to|for|in|on|at|by|with|from|into|onto|and|or|but|nor|than|as|that|which|"
    r"whose|is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|must|its|their|his|her|"
    r"our|your|this|these|those|between|about|during|after|before|under|over|within|without|per|via)$"
)
# How far short of the width a hand-wrapped line may end.
_WRAP_SLACK = 3


def _records_alike(last: str, word: str) -> bool:
    """Do a line and the next open alike with a number (a log's "2024-05-01 worker 1 finished …"
    lines, each a record), where wrapped prose goes on ("… appointed Daniel" / "Okafor, …")?"""
    first = last.split(None, 1)[0] if last.strip() else ""
    return any(ch.isdigit() for ch in word) and _shape(first) == _shape(word)


def _shape(word: str) -> str:
    """A word's shape: its runs of digits "9", of letters "a" ("2024-05-01": "9-9-9")."""
    return re.sub(r"[A-Za-z]+", "a", re.sub(r"\d+", "9", word))


def carried_on(so_far: str, first: str, markup: bool = False) -> bool:
    """A line break after `so_far` (a sentence or a paragraph up to it) is carried on by a next
    line that begins with `first`: as `continues` says, or inside a round bracket `so_far` left
    open, whatever the next line opens with. A contract wrapped at a fixed width cut 'between …
    Harriet Mbeki of 14 Loom Street, Dundee (the' from '"Customer").' (a break-it helper's
    tenancy agreement wraps the same way), and the party defined was never one sentence."""
    return bool(so_far) and (continues(so_far[-1], first, markup) or so_far.count("(") > so_far.count(")"))


# A prose paragraph wrapped at 80 columns is rarely longer (40 lines: ~3,200 characters, ~700 word
# pieces). Lines that only look wrapped (20,000 unpunctuated lines, each starting in lower case)
# would join without end: one 1.3 MB paragraph took 8 s to cut into passages; in 40-line blocks
# 5 s (1 s when each line was a paragraph: cutting clauses and words is the slow path).
_MAX_WRAPPED_LINES = 40


def _last_line(text: str, end: int) -> str:
    """The line of `text` that ends at `end`."""
    return text[text.rfind("\n", 0, end) + 1 : end]


def _join_wrapped(text: str, spans: list[Span], markup: bool, wrap: int = 0) -> list[Span]:
    """Spans of one wrapped paragraph joined: each line was a paragraph of its own, so Debian's
    Python library pages had sentences cut at 26,574 line ends ("… applies a series" /
    "of fixers to transform it …") and read, embedded and quoted in pieces. Only across a single
    line break with nothing removed between; no span of the news, SQuAD or HotpotQA corpora joins."""
    out: list[Span] = []
    lines = 0  # in out[-1]
    for span in spans:
        if out and lines < _MAX_WRAPPED_LINES:
            gap = text[out[-1].end : span.start]
            if (
                gap.count("\n") == 1
                and not gap.strip()
                and not (span.code or out[-1].code)
                and (
                    carried_on(text[out[-1].start : out[-1].end], text[span.start : span.start + 2], markup)
                    or wrapped_on(_last_line(text, out[-1].end), text[span.start : span.end], wrap)
                )
                and not (out[-1].heading or span.heading)
            ):
                out[-1] = Span(out[-1].start, span.end)
                lines += 1
                continue
        out.append(span)
        lines = 1
    return out


def _join_where(spans: list[Span], joins: Callable[[Span, Span], bool]) -> list[Span]:
    """Consecutive spans joined into one wherever `joins(the span so far, the next)`."""
    out: list[Span] = []
    for span in spans:
        if out and joins(out[-1], span):
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _join_described(text: str, spans: list[Span], signatures: frozenset[int]) -> list[Span]:
    """Each object's signature joined with the first paragraph of its description, when only
    whitespace lies between. Only the first: joined on and on, one object's description ran into
    the next object's signature until a heading or code stopped it."""

    def describes(so_far: Span, span: Span) -> bool:
        return (
            so_far.start in signatures
            and _BLANK_LINE.search(text, so_far.start, so_far.end) is None  # not joined yet
            and span.start not in signatures
            and not (span.code or span.heading)
            and not text[so_far.end : span.start].strip()
        )

    return _join_where(spans, describes)


def _join_defined(text: str, spans: list[Span], definitions: list[tuple[int, int]]) -> list[Span]:
    """The spans of each definition list item (its term and the block under it) joined, across
    whitespace only, so nothing removed is swallowed (rag.ingest.rst.RstSyntax.definitions)."""

    def same_item(so_far: Span, span: Span) -> bool:
        d = containing(definitions, so_far.start)
        return (
            d is not None
            and span.end <= definitions[d][1]
            and not (span.code or span.heading or so_far.heading)
            and not text[so_far.end : span.start].strip()
        )

    return _join_where(spans, same_item) if definitions else spans


def _join_tables(text: str, spans: list[Span], tables: list[tuple[int, int]]) -> list[Span]:
    """The spans of each table joined: its header, its delimiter row (syntax, no span of its own)
    and its rows. Only across line breaks and the delimiter row, so nothing removed is swallowed."""

    def same_table(so_far: Span, span: Span) -> bool:
        t = containing(tables, so_far.start)
        return t is not None and span.end <= tables[t][1] and not text[so_far.end : span.start].strip(" \t\n|:-")

    return _join_where(spans, same_table) if tables else spans


# A last word whose full stop is an abbreviation's, not a sentence's: "Haldrick Rovers F.C.",
# "Acme Holdings Ltd." (such a page's title was read as its first passage, and no link named it).
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}|(?:Inc|Ltd|Co|Corp|Bros|Plc|Jr|Sr)\.")


def guess_title(text: str, spans: list[Span], set_apart: bool = True) -> Span | None:
    """The first span when it reads like a headline: short, not ending like a sentence (a full
    stop after an abbreviation does not), and not the document's only text.

    `set_apart`: in plain text a headline also stands apart from what follows: a blank line after
    it, page furniture after it on its line ("… 'caravan' In Summary For the second…"), or a
    Markdown "#". A first line followed at once by the next one is text: a note reading "Main
    server IP is 10.0.0.5" over "Backup server IP is 10.0.0.6" lost its first line, and a
    one-line note was skipped as "no text left". False when the loader found the title (an HTML
    page's <title>): the first line is then the heading that repeats it, blank line or not.
    """
    if len(spans) < 2:
        return None
    first = spans[0]
    words = text[first.start : first.end].split()
    # One word is a title when the markup says it is one: "Guide" over "=====", "# Path".
    if not (
        (2 if not first.heading else 1) <= len(words) <= 20
        and (text[first.end - 1] not in ".!?:;," or _ABBREVIATION.fullmatch(words[-1]))
    ):
        return None
    if set_apart and not (text.startswith("#", first.start) or first.heading or _stands_apart(text, first)):
        return None
    return first


def _stands_apart(text: str, span: Span) -> bool:
    line_end = text.find("\n", span.end)
    if line_end == -1 or text[span.end : line_end].strip():
        return True  # the rest of its line was furniture (or there is no next line)
    next_end = text.find("\n", line_end + 1)
    return not text[line_end + 1 : None if next_end == -1 else next_end].strip()
