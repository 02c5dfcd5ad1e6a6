"""Content spans: web boilerplate and repeats left out, offsets into the untouched text."""

from __future__ import annotations

import pytest

from rag.ingest.boilerplate import Layout, Span, content_spans, guess_title, wrap_width
from rag.ingest.sentences import sentence_spans
from tests.conftest import CORPUS

pytestmark = pytest.mark.unit

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))
# Furniture the corpus files carry (compared case-insensitively).
BOILERPLATE = ["advertisement", "ad will display in", "||", "2be7039cd", "source link", "in summary"]
CARAVAN = "000_fd849027655b63a4.txt"
BLINKEN = "002_45397eb93afc9b26.txt"
BLINKEN_TITLE = "US, Mexico see headway on migration as Blinken pays emergency visit"
TEASER = "For the second straight day, Trump took to Twitter to attack Mexico"


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def span_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in content_spans(text)]


def test_the_corpus_carries_the_boilerplate_we_test_for():
    raw = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS_FILES).lower()
    assert len(CORPUS_FILES) == 3
    for furniture in BOILERPLATE:
        assert furniture in raw, furniture


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_no_boilerplate_in_any_content_span(path):
    text = path.read_text(encoding="utf-8")
    spans = content_spans(text)
    assert spans
    for s in spans:
        piece = text[s.start : s.end].lower()
        for furniture in BOILERPLATE:
            assert furniture not in piece, (furniture, s)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_spans_are_ordered_stripped_and_disjoint(path):
    text = path.read_text(encoding="utf-8")
    spans = content_spans(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
        assert "\n" not in piece  # a span is at most one paragraph


def test_repeated_title_is_kept_once_the_last_copy():
    text = read(BLINKEN)
    first = text.index(BLINKEN_TITLE)
    second = text.index(BLINKEN_TITLE, first + 1)
    spans = content_spans(text)
    assert [s for s in spans if text[s.start : s.end] == BLINKEN_TITLE] == [Span(second, second + len(BLINKEN_TITLE))]
    assert guess_title(text, spans) == Span(second, second + len(BLINKEN_TITLE))


def test_repeated_lead_paragraph_is_kept_once():
    text = read(BLINKEN)
    lead = "Secretary of State Antony Blinken made an unusual visit to Mexico City"
    assert text.count(lead) == 2
    assert sum(text[s.start : s.end].startswith(lead) for s in content_spans(text)) == 1


def test_in_summary_teaser_is_dropped_and_the_body_copy_kept():
    text = read(CARAVAN)
    first_line_end = text.index("\n")
    assert text.index(TEASER) < first_line_end  # the teaser sits on the headline's line
    hits = [s for s in content_spans(text) if TEASER in text[s.start : s.end]]
    assert len(hits) == 1
    assert hits[0].start > first_line_end
    assert text[hits[0].start : hits[0].end].startswith(TEASER)


def test_headline_before_the_teaser_is_its_own_span():
    text = read(CARAVAN)
    spans = content_spans(text)
    assert text[spans[0].start : spans[0].end] == "Trump outraged over Mexico migrant 'caravan'"
    assert guess_title(text, spans) == spans[0]


def test_tracking_token_is_cut_off_the_sentence_it_is_glued_to():
    text = read("001_5a697cbeb227ac85.txt")
    assert "State and local police accompanied the caravan.||2be7039cd__" in text
    assert "State and local police accompanied the caravan." in [
        t[-len("State and local police accompanied the caravan.") :] for t in span_texts(text)
    ]


def test_photo_credit_is_cut_off_the_caption():
    text = read(BLINKEN)
    captions = [t for t in span_texts(text) if t.startswith("U.S. Secretary of State Antony Blinken (R)")]
    assert len(captions) == 1
    assert captions[0].endswith("Zumpango, Mexico, December 27, 2023.")


def test_every_kind_of_furniture_in_one_page():
    text = (
        "Big storm hits coast In Summary The storm hit the coast on Monday.\n\n"
        "The storm hit the coast on Monday. Advertisement\n\n"
        "ADVERTISEMENT\n\n"
        "Winds reached 120 km/h.||2be7039cd__\n"
        "Ad will display in 09 seconds\n\n"
        "Homes lost power. Image: AFP\n"
        "- \n"
        "Source link\n"
        "Read more: other stories from the coast\n"
    )
    assert span_texts(text) == [
        "Big storm hits coast",
        "The storm hit the coast on Monday.",
        "Winds reached 120 km/h.",
        "Homes lost power.",
    ]
    # The teaser copy (first line) is the one dropped: the kept copy is the body paragraph.
    kept = content_spans(text)[1]
    assert kept.start == text.index("\n\nThe storm") + 2


def test_text_without_boilerplate_is_left_whole():
    text = "First paragraph, plain.\n\nSecond paragraph, also plain."
    assert content_spans(text) == [Span(0, 23), Span(25, len(text))]


def test_guess_title():
    text = "A short headline\n\nA sentence that ends like one."
    spans = content_spans(text)
    assert guess_title(text, spans) == spans[0]
    text = "This opening line is a sentence.\nAnother one."
    assert guess_title(text, content_spans(text)) is None
    assert guess_title("", []) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # Set apart: a blank line, page furniture on its line, a Markdown heading.
        ("A short headline\n\nA sentence that ends like one.", "A short headline"),
        (
            "Dockworkers walk out at Valmora In Summary Thousands of dockworkers stopped work.",
            "Dockworkers walk out at Valmora",
        ),
        ("# Release notes\nVersion 2 drops Windows 7.", "# Release notes"),
        ("Karin Holm\r\n\r\nKarin Holm (born 1941) is a Danish director.", "Karin Holm"),
        # A full stop after an abbreviation ends a name, not a sentence (session 24).
        ("Haldrick Rovers F.C.\n\nHaldrick Rovers F.C. is a football club.", "Haldrick Rovers F.C."),
        ("Acme Holdings Ltd.\n\nAcme Holdings Ltd. makes brushes.", "Acme Holdings Ltd."),
        ("The ferry leaves at noon.\n\nIt returns at six.", None),
        # A first line followed at once by the next is text; so is a document's only line.
        ("Main server IP is 10.0.0.5\nBackup server IP is 10.0.0.6\n", None),
        ("Wifi password is swordfish42\nThe office is on the third floor.", None),
        ("Dentist appointment moved to March 3\n", None),
    ],
)
def test_a_first_line_is_a_title_only_when_set_apart_and_not_alone(text, title):
    span = guess_title(text, content_spans(text))
    assert (text[span.start : span.end] if span else None) == title


def test_a_loaders_title_makes_the_first_line_its_heading_blank_line_or_not():
    """HTML: the page's <title> was found, and the first line is the heading that repeats it."""
    text = "logging — Logging facility for Python\nSource code: Lib/logging/__init__.py\nThis module logs."
    spans = content_spans(text)
    assert guess_title(text, spans, set_apart=False) == spans[0]
    assert guess_title(text, spans) is None


def test_furniture_between_many_lines_is_removed_line_by_line():
    """A scraped archive of many short items, each after an ad line: every ad goes, every item
    stays, in order. (Each line used to be checked against every removed range in the file:
    8,000 such lines took 1.6 s, 40,000 about 40 s; now 0.05 s and 0.26 s.)"""
    items = [f"Item {i} of the shipping log records a crate of tin.||9f3a2b1c__" for i in range(3000)]
    text = "".join(f"Advertisement\n{item}\n" for item in items)
    spans = content_spans(text)
    assert [text[s.start : s.end] for s in spans] == [item.removesuffix("||9f3a2b1c__") for item in items]


NOTE = '---\ntitle: "Server notes"\nowner: ops\ntags: [dns, network]\n---\n\nThe primary DNS server is at 10.1.2.3.\n'


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Jekyll/Hugo/Obsidian front matter: metadata, not passages ("title: Server notes" was quoted).
        (NOTE, ["The primary DNS server is at 10.1.2.3."]),
        ("---\ntitle: Minutes\n...\nThe board met on Monday.\n", ["The board met on Monday."]),
        ("---\r\ntitle: Minutes\r\n---\r\nThe board met on Monday.\r\n", ["The board met on Monday."]),
        # No "key: value" line between the rules: a story's scene breaks, kept.
        ("---\n\nA story begins.\n\n---\n\nIt ends.\n", ["A story begins.", "It ends."]),
        # Not at the very start: content.
        ("Intro line.\n---\ntitle: x\n---\n", ["Intro line.", "title: x"]),
    ],
    ids=["yaml", "dots", "windows-line-ends", "scene-breaks", "not-first"],
)
def test_front_matter_is_left_out_of_the_content(text, kept):
    assert [text[s.start : s.end] for s in content_spans(text)] == kept


def test_a_title_printed_twice_on_consecutive_lines_is_kept_once():
    title = "Marekh hits back at Valdonia with tariffs on wine and cheese"
    text = f"{title}\n{title}\n\nMarekh will charge a 25% duty on Valdonian wine from December 1."
    assert span_texts(text) == [title, "Marekh will charge a 25% duty on Valdonian wine from December 1."]
    assert content_spans(text)[0].start == len(title) + 1  # the last copy


def test_a_line_repeated_inside_lists_is_content_each_time():
    """Documentation repeats lines that mean something where they stand. Every earlier copy was
    dropped: "Default encoding on other platforms:" lost the item that answers it (Python's
    init_config page), and 8.3 % of the Linux documentation's text was not indexed."""
    text = (
        "filesystem_encoding\n"
        "Default encoding on other platforms:\n"
        '    - "utf-8" if PyPreConfig.utf8_mode is non-zero.\n'
        '    - "ascii" if Python detects that nl_langinfo(CODESET) announces ASCII.\n'
        "New in version 3.11.\n"
        "stdio_encoding\n"
        "Default encoding of the standard streams:\n"
        '    - "UTF-8" if PyPreConfig.utf8_mode is non-zero.\n'
        "    - Otherwise, the locale encoding.\n"
        "New in version 3.11.\n"
    )
    texts = span_texts(text)
    assert texts.count("New in version 3.11.") == 2
    assert sum("if PyPreConfig.utf8_mode is non-zero." in t for t in texts) == 2
    assert texts == [line.strip() for line in text.splitlines()]


def test_a_line_that_recurs_inside_two_paragraphs_is_kept_in_both():
    first = "write(fd, data)\nReturns the number of bytes written, which may be less than asked.\nIt never blocks."
    second = "send(sock, data)\nReturns the number of bytes written, which may be less than asked.\nIt may block."
    text = first + "\n\n" + second
    assert span_texts(text) == first.split("\n") + second.split("\n")


def test_a_short_label_that_recurs_between_blank_lines_is_kept():
    text = "Example:\n\n    # cat schemata\n\nThen write the mask.\n\nExample:\n\n    # cat schemata\n"
    assert span_texts(text).count("Example:") == 2
    assert span_texts(text).count("# cat schemata") == 2


def test_a_paragraph_wrapped_at_a_fixed_width_is_one_span():
    """Debian's Python pages (HTML source wrapped at ~72 columns) and plain-text notes break their
    sentences across lines; each line was a paragraph, each piece a "sentence"."""
    text = (
        "2to3 is a Python program that reads Python 2.x source code and applies a series\n"
        "of fixers to transform it into valid Python 3.x code.\n"
        "Advertisement\n"
        "it was written by hand.\n"
        "A second paragraph starts here\n"
        "And a line in capitals is its own.\n"
        "Ends a sentence.\n"
        "lower case after a full stop is kept apart too.\n"
    )
    assert span_texts(text) == [
        "2to3 is a Python program that reads Python 2.x source code and applies a series\n"
        "of fixers to transform it into valid Python 3.x code.",
        "it was written by hand.",  # removed furniture between: never joined across it
        "A second paragraph starts here",
        "And a line in capitals is its own.",
        "Ends a sentence.",
        "lower case after a full stop is kept apart too.",
    ]


REPORT = """CORVANE SYSTEMS PLC
Registered office: 14 Tenter Lane, Leeds LS2 7QX.

Our people made these results possible. At the end of the year we employed
3,214 colleagues, compared with 2,987 a year earlier. Employee engagement, as
measured by our annual survey, rose to 78 per cent. I will step down as Chief
Executive at the Annual General Meeting on 22 May 2025, after nine years in
the role. The Board has appointed Daniel Okafor, currently Chief Operating
Officer, as my successor, and the new Chief Financial Officer will be Priya
Raman, who joins from a listed engineering group where she led its finance
function for six years, its treasury and its investor relations teams too.
Revenue                                 482.6       431.2     +11.9%
Operating profit                         57.9        49.3     +17.4%

Margit Lindqvist
Chief Executive
"""


def test_a_line_wrapped_at_the_texts_width_goes_on_however_the_next_line_opens():
    """ "… we employed" / "3,214 colleagues" and "… will be Priya" / "Raman, …" were cut apart (a
    break-it helper's annual report, session 49): the next line's first word would not have
    fitted on the line. A line it would have fitted on, a table's row and a signature stay apart."""
    spans = span_texts(REPORT)
    assert "At the end of the year we employed\n3,214 colleagues" in spans[2]
    assert spans[2].endswith("its treasury and its investor relations teams too.")
    assert spans[3:] == [
        "Revenue                                 482.6       431.2     +11.9%",
        "Operating profit                         57.9        49.3     +17.4%",
        "Margit Lindqvist",
        "Chief Executive",
    ]
    layout = Layout.of(content_spans(REPORT), wrap=wrap_width(REPORT))
    sentences = [REPORT[a:b] for a, b in sentence_spans(REPORT, layout=layout)]
    assert "new Chief Financial Officer will be Priya\nRaman, who joins" in next(s for s in sentences if "Priya" in s)


MAIL = """Hi all,

Quick correction to my note below: the client has asked us to move the design review for the
Harbourview tower. It will now take place on Wednesday 26 March 2025, not 19 March.

Please send me your updated drawings by Friday 21 March instead.

Thanks,
Priya
"""


def test_a_line_ending_in_a_word_that_leads_on_goes_on_at_any_width():
    """ "… move the design review for the" / "Harbourview tower. It will now take place on
    Wednesday 26 March 2025" was cut in two: a mail of a few lines shows no width it was wrapped
    at (a break-it helper's, session 50). No line of prose ends in "the" but where it was
    wrapped; a line ending in a name, a comma after a greeting or a sign-off stays apart."""
    spans = span_texts(MAIL)
    assert "design review for the\nHarbourview tower. It will now" in spans[1]
    assert spans[0] == "Hi all,"
    assert spans[-2:] == ["Thanks,", "Priya"]
    assert span_texts("Minutes of the\nBoard of the Harbour Trust")[0] == "Minutes of the\nBoard of the Harbour Trust"
    assert span_texts("Prepared by Ann Lee\nReviewed by Tom Bell") == ["Prepared by Ann Lee", "Reviewed by Tom Bell"]


def test_a_stack_trace_is_not_taken_for_wrapped_prose():
    text = "Exception in thread main\n" + "\n".join(
        f"    at com.example.Handler.run{i}(Handler.java:{i})" for i in range(5)
    )
    spans = span_texts(text)
    assert spans[0] == "Exception in thread main\n    at com.example.Handler.run0(Handler.java:0)"
    assert spans[1:] == [f"at com.example.Handler.run{i}(Handler.java:{i})" for i in range(1, 5)]


def test_a_wrapped_paragraph_is_cut_after_forty_lines():
    lines = [f"the report lists item {i} and" for i in range(100)]
    spans = content_spans("\n".join(lines))
    assert [s.end - s.start for s in spans] == [len("\n".join(lines[a : a + 40])) for a in (0, 40, 80)]


README_MD = """# Quick start

Two commands set everything up and
run the whole suite:

```bash
make run     # sets everything up and opens the chat
make test    # runs the whole test suite
```

````
fetch the model
```
still in the block
````

Section underlined as reStructuredText does
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
is not code, and wrapped
lines still join.

Inline code such as ```not a fence``` stays text.
"""


def test_a_markdown_code_fence_is_syntax_and_its_lines_are_code():
    """Asking this repository's README "Which command runs the test suite?" quoted "```bash" over
    two commands joined as one wrapped line (each ends in a letter, the next starts in lower case)."""
    spans = content_spans(README_MD)
    texts = [README_MD[s.start : s.end] for s in spans]
    assert not any(t.startswith("```") for t in texts)
    assert "Two commands set everything up and\nrun the whole suite:" in texts  # prose still joins
    assert "make run     # sets everything up and opens the chat" in texts
    assert "make test    # runs the whole test suite" in texts
    # A shorter or other fence inside a block is code; the block ends at a fence as long as its own.
    assert "still in the block" in texts and "fetch the model" in texts
    code = {README_MD[s.start : s.end] for s in spans if s.code}
    assert code == {
        "make run     # sets everything up and opens the chat",
        "make test    # runs the whole test suite",
        "fetch the model",
        "still in the block",
    }
    assert "is not code, and wrapped\nlines still join." in texts
    assert "Inline code such as ```not a fence``` stays text." in texts


def test_an_unclosed_fence_runs_to_the_end():
    text = "Intro line here.\n\n```\nline one\nline two\n"
    spans = content_spans(text)
    assert [(text[s.start : s.end], s.code) for s in spans] == [
        ("Intro line here.", False),
        ("line one", True),
        ("line two", True),
    ]


# 300 bytes as base64 (400 characters: both cases, digits, "+" and "/"), fixed for the tests.
BASE64_RUN = "".join(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[(i * 37 + 11) % 64] for i in range(400)
)


@pytest.mark.parametrize("markup", ["markdown", "text"])
def test_data_written_as_text_is_no_content(markup):
    """A Markdown image inlined as a `data:` URI (53 KB) was cut into 888 passages of 66
    characters, each embedded and retrieved; a base64 run in plain text (a mail's attachment) too."""
    text = (
        "# Trip notes\n\nThe ferry leaves Rossaveal at 10:30.\n\n"
        f"![map of the island](data:image/png;base64,{BASE64_RUN * 100})\n\n"
        f"Attachment: {BASE64_RUN}==\nTickets cost 35 euro return.\n"
    )
    texts = [text[s.start : s.end] for s in content_spans(text, markup)]
    assert texts == [
        "# Trip notes",
        "The ferry leaves Rossaveal at 10:30.",
        "Attachment:",
        "Tickets cost 35 euro return.",
    ]


def test_data_wrapped_into_lines_is_no_content():
    """Mail wraps base64 at 76 characters and PEM at 64: each line is under the 256 of one run,
    and a 3 KB attachment was 35 passages of base64. The last, shorter line goes with them."""
    wrapped = "\n".join(BASE64_RUN[i : i + 76] for i in range(0, 400, 76))  # the last line 20 long
    pem = "\n".join((BASE64_RUN * 2)[i : i + 64] for i in range(0, 720, 64))
    text = (
        f"Mail from Ann.\n\nThe meeting moved to Friday.\n\nContent-Transfer-Encoding: base64\n\n{wrapped}\n\n"
        f"-----BEGIN CERTIFICATE-----\n{pem}\n-----END CERTIFICATE-----\n\nRegards, Ann.\n"
    )
    assert [text[s.start : s.end] for s in content_spans(text)] == [
        "Mail from Ann.",
        "The meeting moved to Friday.",
        "Content-Transfer-Encoding: base64",
        "-----BEGIN CERTIFICATE-----",
        "-----END CERTIFICATE-----",
        "Regards, Ann.",
    ]
    # Lines of one case and no digit (a poem in capitals, a hex dump) stay text.
    hexdump = "\n".join("0f3a9c" * 10 for _ in range(6))
    assert [hexdump[s.start : s.end] for s in content_spans(hexdump)] == hexdump.split("\n")


WRAPPED = [(BASE64_RUN * 3)[i : i + 76] for i in range(0, 1200, 76)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Secret:\n\n```yaml\ndata:\n" + "\n".join(f"    {w}" for w in WRAPPED) + "\n```\n\nDone here.\n",
            ["Secret:", "data:", "Done here."],
        ),
        ("Ann wrote:\n" + "\n".join(f"> {w}" for w in WRAPPED) + "\nRegards\n", ["Ann wrote:", "Regards"]),
        ("ICON = (\n" + "\n".join(f'    "{w}"' for w in WRAPPED) + "\n)\nprint(ICON)\n", ["ICON = (", "print(ICON)"]),
        (f"    export CERT={BASE64_RUN}==\nnext line\n", ["export CERT=", "next line"]),
        (f"token {BASE64_RUN.replace('+', '-').replace('/', '_')} ends\n", ["token", "ends"]),
    ],
    ids=["indented in code", "quoted in a reply", "a string in pieces", "after an equals sign", "URL-safe"],
)
def test_data_in_the_shapes_files_hold_it_is_no_content(text, kept):
    """What a probe found slipping through (session 35): wrapped data indented, quoted with ">",
    split into a program's string pieces, a run right after "=", URL-safe base64 (its "-" and "_"
    parted the run)."""
    assert [text[s.start : s.end] for s in content_spans(text, "markdown")] == kept


def test_lines_of_identifiers_are_still_text():
    """Checksummed hex addresses (both cases and digits, 42 characters) are what a user asks
    about, not data; nor is a line of a word after an attachment."""
    addresses = [f"0x7F2f45b6aD1aC3e9B0d4F5a6b7C8d9E0f1A2B3c{i}" for i in range(8)]
    text = "Treasury addresses:\n" + "\n".join(addresses) + "\n"
    assert [text[s.start : s.end] for s in content_spans(text)] == ["Treasury addresses:", *addresses]


def test_brackets_without_end_are_read_in_linear_time():
    """The first data rule tried a Markdown link's head at every "[", to the end of the line: a
    line of 120 KB of "[a " took 20 s (a minute past 200 KB), in the indexing process itself."""
    text = "[a " * 40_000 + "]\n"
    assert len(content_spans(text, "markdown")) == 1


def test_long_words_digests_and_links_are_still_text():
    digest = "d2578f8b2f8a6711042900e18ce96dd7f99f2f8155af7ded1310ec46987a31f6"  # hex: one case
    link = "https://example.com/files/report-2026.pdf"
    dna = "ACGT" * 80  # one case, no digit
    text = f"The model's SHA-256 is {digest}.\n\nSee {link} for the report.\n\nThe sequence {dna} repeats.\n"
    texts = [text[s.start : s.end] for s in content_spans(text)]
    assert texts == [
        f"The model's SHA-256 is {digest}.",
        f"See {link} for the report.",
        f"The sequence {dna} repeats.",
    ]
    short = BASE64_RUN[:255]  # under 256 characters: a token, kept
    token = f"Token {short} ends."
    assert [token[s.start : s.end] for s in content_spans(token)] == [token]


@pytest.mark.unit
def test_a_table_row_that_stands_again_below_is_another_record_kept_with_its_table():
    """The first of two equal rows, set apart by the delimiter row above it, was dropped as a
    headline printed twice, and the header was cut off from the rest of its table."""
    rows = ["| Ann Lee | Active | Night shift |"] * 2 + [f"| P{i} | Inactive | Day shift |" for i in range(5)]
    text = "| Name | Status | Shift |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    spans = content_spans(text)
    assert [(s.start, s.end) for s in spans] == [(0, len(text) - 1)]


def test_the_width_prose_is_wrapped_at_is_not_a_tables():
    """A README's grid table of 89 columns over prose wrapped at 79 set the width at 89, and
    "… the fictional Marrow Bay" / "Coastal Lab and is maintained by Odile Varnasse." stayed two
    sentences (a break-it helper's, session 50)."""
    prose = "\n".join(["word " * 15 + "end of a wrapped line"] * 12)  # 96 columns
    table = "\n".join(["+" + "-" * 98 + "+", "| " + "cell " * 19 + "  |"] * 6)
    assert wrap_width(prose + "\n\n" + table) == wrap_width(prose) == 96
