"""Documentation pages read as written: permalinks dropped, definition lists as paragraphs
(rag/ingest/html_blocks.py), through the real loader, boilerplate cleaning and chunker."""

from __future__ import annotations

from pathlib import Path

from rag.ingest.boilerplate import content_spans
from rag.ingest.chunking import Chunker
from rag.ingest.loaders import load_document

INTRO = (
    "<p>A memoryview object exposes the C level buffer interface as a Python object which can then "
    "be passed around like any other object, and the functions below make and read them.</p>"
)


def _text(body: str) -> str:
    page = f"<!DOCTYPE html><html><head><title>MemoryView objects</title></head><body><article>{body}</article></body></html>"
    return load_document(Path("page.html"), "page.html", page.encode()).text


# As Sphinx writes an API entry (Python 3.11's c-api/list.html, shortened).
ENTRY = (
    '<dl class="c function"><dt class="sig sig-object c" id="c.PyList_Append">'
    '<span class="kt">int</span> <span class="sig-name">PyList_Append</span>(PyObject *list, PyObject *item)'
    '<a class="headerlink" href="#c.PyList_Append" title="Permalink to this definition">¶</a><br /></dt>'
    '<dd><em class="stableabi"> Part of the <a href="stable.html#stable">Stable ABI</a>.</em>'
    "<p>Append the object <em>item</em> at the end of list <em>list</em>. Return 0 if\n"
    "successful; return -1 and set an exception if unsuccessful.</p>"
    "<p>Analogous to <code>list.append(item)</code>.</p></dd></dl>"
)


def test_permalink_anchors_are_not_text():
    text = _text(
        '<h1>MemoryView objects<a class="headerlink" href="#memoryview-objects">¶</a></h1>'
        + INTRO
        + ENTRY
        + '<p>See <a href="#c.PyList_Append">PyList_Append</a> and section <a href="#s">§</a> 2.</p>'
    )
    assert "¶" not in text and "§" not in text
    assert "See PyList_Append and section 2." in text  # a link with words stays, and a tail


def test_a_term_goes_on_with_the_start_of_its_description():
    text = _text(INTRO + ENTRY)
    first, second = text.split("\n")[1:]  # the entry: two paragraphs, as its description has
    assert " ".join(first.split()) == (
        "int PyList_Append(PyObject *list, PyObject *item): Part of the Stable ABI. Append the object item "
        "at the end of list list. Return 0 if successful; return -1 and set an exception if unsuccessful."
    )
    assert second == "Analogous to list.append(item)."
    assert "- " not in text  # no list items made of the entry


def test_code_in_a_description_keeps_its_lines():
    text = _text(
        INTRO + '<dl class="py class"><dt id="collections.Counter">class collections.Counter([iterable])'
        '<a class="headerlink" href="#collections.Counter">¶</a></dt><dd><p>A Counter is a dict subclass.</p>'
        "<p>Elements are counted from an iterable:</p><pre>&gt;&gt;&gt; c = Counter()\n"
        "&gt;&gt;&gt; c = Counter('gallahad')</pre>"
        '<dl class="py method"><dt id="collections.Counter.elements">elements()</dt>'
        "<dd><p>Return an iterator over elements.</p></dd></dl></dd></dl>"
    )
    assert "class collections.Counter([iterable]): A Counter is a dict subclass." in text
    assert ">>> c = Counter()\n>>> c = Counter('gallahad')" in text
    assert "elements(): Return an iterator over elements." in text


def test_a_description_that_begins_with_code_leaves_the_term_alone():
    text = _text(
        INTRO + "<dl><dt>Example</dt><dd><pre>x = 1\ny = 2</pre><p>Both are ints.</p></dd>"
        "<dt>Glossary term:</dt><dd>what it means.</dd></dl>"
    )
    assert "Example\nx = 1\ny = 2\nBoth are ints." in text
    assert "Glossary term: what it means." in text  # no second colon


def test_a_signature_and_its_description_are_one_passage():
    """The question "What does PyList_Append return on failure?" quoted the signature alone: it
    was a passage of its own, the description the next one."""
    text = _text(INTRO + ENTRY)
    words = lambda s: len(s.split()) + 2  # noqa: E731 — [CLS] and [SEP], as the tokenizer counts
    passages = [text[s.start : s.end] for s in Chunker(200, 20, words, merge_below=24).split(text, content_spans(text))]
    entry = next(p for p in passages if "PyList_Append(" in p)
    assert "return -1 and set an exception if unsuccessful" in entry


def test_a_table_that_lays_the_page_out_is_read_as_the_blocks_it_holds():
    """A table of one cell holding headings, paragraphs and tables (how mail and old pages are
    laid out) was read as one table row, its 331 words run together (a break-it helper's booking
    confirmation, session 51). A table of bold labels and their values is read as fields; a
    table of data stays a table."""
    text = _text(
        '<table width="600"><tr><td><h1>Your booking is confirmed</h1><p>Dear Jonas,</p>'
        "<table><tr><td><b>Check-in</b></td><td>Friday 23 May 2025, from 3:00 pm</td></tr>"
        "<tr><td><strong>Nights</strong></td><td>3</td></tr></table>"
        "<h2>Price summary</h2><table><tr><th>Date</th><th>Room rate</th></tr>"
        "<tr><td>23 May 2025</td><td>€189.00</td></tr><tr><td><b>Total</b></td><td><b>€189.00</b></td></tr></table>"
        "<p>Free cancellation until 6:00 pm on Tuesday 20 May 2025.</p></td></tr></table>"
    )
    assert text.splitlines() == [
        "Your booking is confirmed",
        "Dear Jonas,",
        "- Check-in: Friday 23 May 2025, from 3:00 pm",
        "- Nights: 3",
        "Price summary",
        "| Date | Room rate | ",
        "|---|---|",
        "| 23 May 2025 | €189.00 | ",
        "| Total | €189.00 | ",
        "Free cancellation until 6:00 pm on Tuesday 20 May 2025.",
    ]


def test_a_mails_presentation_tables_and_columns_keep_their_headings_and_data():
    """A release mail marks every table role="presentation", its price table too, which was left
    out; its two columns (a heading over a paragraph each) and the headings between its blocks
    were dropped (a break-it helper's, session 51)."""
    page = (
        '<html><body><table role="presentation" width="100%"><tr><td>'
        '<table role="presentation" width="600"><tr><td><h1>Release 26.2</h1><p>Hi Morag,</p></td></tr>'
        '<tr><td><table role="presentation"><tr>'
        "<td><h2>Bank feeds</h2><p>Cobalt Bank accounts now connect for daily feeds.</p></td>"
        "<td><h2>Multi-currency</h2><p>Multi-currency invoicing is now on the Standard plan.</p></td>"
        "</tr></table></td></tr>"
        "<tr><td><h2>Price changes from 1 April 2026</h2><p>Prices change for existing customers.</p>"
        '<table role="presentation" border="1"><tr><th>Plan</th><th>Now</th><th>From 1 April 2026</th></tr>'
        "<tr><td>Standard</td><td>£24</td><td>£26</td></tr></table></td></tr>"
        "</table></td></tr></table></body></html>"
    )
    text = load_document(Path("mail.html"), "mail.html", page.encode()).text
    assert text.splitlines() == [
        "Release 26.2",
        "Hi Morag,",
        "Bank feeds",
        "Cobalt Bank accounts now connect for daily feeds.",
        "Multi-currency",
        "Multi-currency invoicing is now on the Standard plan.",
        "Price changes from 1 April 2026",
        "Prices change for existing customers.",
        "| Plan | Now | From 1 April 2026 | ",
        "|---|---|---|",
        "| Standard | £24 | £26 |",
    ]


def test_a_tables_caption_is_a_line_over_it_not_a_row():
    """trafilatura wrote a <caption> as a header row padded with empty cells, the real header
    under a second delimiter row: a gym's weekly timetable lost its day names (a break-it
    helper's, session 51)."""
    text = _text(
        "<p>Classes are 45 minutes long.</p><table><caption>Weekly class timetable</caption>"
        "<tr><th>Time</th><th>Monday</th><th>Tuesday</th></tr>"
        "<tr><td>09:30</td><td>Pilates · Anneka</td><td></td></tr></table>"
    )
    assert text.splitlines()[1:] == [
        "Weekly class timetable",
        "| Time | Monday | Tuesday | ",
        "|---|---|---|",
        "| 09:30 | Pilates · Anneka |  |",
    ]


def test_an_abbreviated_header_keeps_its_spelled_out_meaning():
    """A league table's headers are abbreviations whose meaning the page gives on hover; read as
    "D" alone, "How many games have Kirkby Moss drawn?" found the row but no column (a break-it
    helper's league page, session 52)."""
    text = _text(
        "<p>The table after 15 rounds of the Calderbrook Premier Division.</p><table>"
        '<tr><th><abbr title="Position">Pos</abbr></th><th>Team</th><th><abbr title="Drawn">D</abbr></th>'
        '<th><abbr title="Points">Pts</abbr></th><th><abbr title="pts">pts</abbr></th></tr>'
        "<tr><td>7</td><td>Kirkby Moss FC</td><td>6</td><td>21</td><td>21</td></tr></table>"
    )
    assert "| Pos (Position) | Team | D (Drawn) | Pts (Points) | pts | " in text.splitlines()
    assert "| 7 | Kirkby Moss FC | 6 | 21 | 21 |" in text.splitlines()
