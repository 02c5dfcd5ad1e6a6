"""A question is answered in one pass over what it reads. Five patterns the answer path runs over a
retrieved passage or its document were quadratic in a run of blanks, of letters and digits, of
") ->" or in a long line: one document made one question take 3 to 58 s (a break-it helper's,
session 61): a passage may be that long, since a word over 100 characters is one word piece and
blanks are none. Deadlines here are far above the time it takes (milliseconds) and far below the
old one (tens of seconds to minutes): the test says the reading is not quadratic, not how fast it
is."""

from __future__ import annotations

import pytest

from rag.answer.reading import short_span
from rag.answer.versions import _headings
from rag.text.entries import described_entries, entry_at
from tests.ingest.test_long_blanks import deadline

pytestmark = pytest.mark.unit

RUN = 100_000


def test_a_short_answer_over_a_run_of_blanks_ends_in_one_pass():
    """ "\\s+(?:from|of|…)$" tried every blank of the run as its start (20,000 blanks: 26 s)."""
    text = "x" + " " * RUN + "y"
    with deadline(10):
        assert short_span("Which company runs the ferry?", text, 0, len(text)) == (0, len(text))
    text = "the ferry leaves from" + "\t" * RUN + "of"
    with deadline(10):
        assert short_span("Which ferry leaves?", text, 0, len(text)) == (0, len("the ferry leaves"))


def test_a_short_answer_in_a_long_word_is_read_in_one_pass():
    """The code pattern ("BMH-7740-2291-K") was tried from every character of a 20,000-digit word,
    each time to its end (12 s)."""
    for word in ("7" * RUN, "a" * RUN, "A1" * (RUN // 2)):
        with deadline(10):
            assert short_span("What is the code of Kappa?", word, 0, 10) == (0, 10)
    with deadline(10):
        assert short_span("What is my policy number?", "No. BMH-7740-2291-K.", 4, 17) == (4, 19)


@pytest.mark.parametrize(
    "line",
    [
        "f(" + ") ->" * (RUN // 4),  # a signature's return annotation, from every ")" to the line's end
        "x" + " " * RUN,  # "term   description": every blank tried as the term's end
        "   .. function:: f" + " " * RUN + "x",  # a reST directive, tried from every blank
    ],
    ids=["annotations", "blanks-after-a-word", "directive-blanks"],
)
def test_an_entry_is_found_in_one_pass_over_a_long_line(line):
    text = "Harbour notes\n\nThe default timeout is 30 seconds.\n" + line + "\nThe ferry leaves at 7:15.\n"
    with deadline(10):
        described_entries(text, len(text))
        entry_at(text, text.index("The ferry"))
        entry_at(text, len(text) - 3)


def test_headings_are_found_in_one_pass_over_long_lines():
    """Underlined titles were looked for by splitting every line at each of its word characters:
    500 KB of one-paragraph lines took 14 s to ask "Which version added …?"."""
    line = " ".join(f"word{i % 97} and the harbour" for i in range(300))  # ~7,500 characters
    document = "\n".join([line] * 200) + "\n\n2.0 (2024-01-09)\n----------------\n\nAdded the lighthouse mode.\n"
    with deadline(10):
        assert [h.text for h in _headings(document, "notes.txt")] == ["2.0 (2024-01-09)"]


def test_more_shapes_of_long_runs_are_read_in_one_pass():
    """Session 61's scan of every pattern of the answer path found four more: a plain text's
    title in capitals after a line's blanks (caps_headings), an RST role's name in a short answer
    over "a:b:c:…" (shown_short), the verb before a date after a long word (governed_date), and a
    defined party's name before a long run of blanks (defined_party)."""
    from rag.answer.dated import governed_date
    from rag.answer.grounding import shown_short
    from rag.retrieve.sections import caps_headings

    with deadline(10):
        caps_headings("Notes\n\n" + " " * RUN + "x\nnext line\n")
        caps_headings("Notes\n\n1." + " " * RUN + "x\nnext line\n")
    with deadline(10):
        assert shown_short("a:" * (RUN // 2) + "b", "notes.rst") == "a:" * (RUN // 2) + "b"
        assert shown_short(":py:meth:`getattr`", "notes.rst") == "getattr"
    text = "The bridge " + "a" * RUN + " opened on 3 May 2021 and closed on 9 June 2022."
    with deadline(10):
        governed_date("When did the bridge open?", text, (0, len(text)), len(text) - 12, len(text) - 1)


def test_a_long_word_and_a_long_run_of_stops_are_read_in_one_pass():
    """Two more of the scan: a hyphenated word's parts (every text's search terms) from every letter
    of a long word, and a sentence's end in an answer's text from every dot of a long run."""
    from rag.index.lexical import terms
    from rag.text.citations import cited_sentences

    with deadline(10):
        assert "ebook" in terms("e-books " + "a" * RUN + "-b")
    with deadline(10):
        cited_sentences("The fee is 40 euros" + "." * RUN + "x [1]")
