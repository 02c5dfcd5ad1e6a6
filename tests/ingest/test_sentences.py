"""Sentence boundaries with offsets (trained English Punkt): abbreviations stay inside."""

from __future__ import annotations

import pytest

from rag.ingest.boilerplate import Layout
from rag.ingest.sentences import sentence_pieces, sentence_spans

pytestmark = pytest.mark.unit


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_abbreviations_stay_inside_sentences():
    text = "Mr. Smith met U.S. officials in Washington on Monday. They talked for an hour."
    assert texts(text, sentence_spans(text)) == [
        "Mr. Smith met U.S. officials in Washington on Monday.",
        "They talked for an hour.",
    ]


def test_more_abbreviations():
    text = "Dr. Jones agreed with Mrs. Brown about the U.S. economy. The talks ended at 3 p.m. on Friday."
    assert texts(text, sentence_spans(text)) == [
        "Dr. Jones agreed with Mrs. Brown about the U.S. economy.",
        "The talks ended at 3 p.m. on Friday.",
    ]


def test_corpus_sentence_with_us_and_closing_quote():
    text = (
        "Some U.S. officials have suggested designating Mexico a “safe third country.” "
        "This would force Central Americans to seek asylum in Mexico."
    )
    assert texts(text, sentence_spans(text)) == [
        "Some U.S. officials have suggested designating Mexico a “safe third country.”",
        "This would force Central Americans to seek asylum in Mexico.",
    ]


def test_a_line_break_ends_a_sentence():
    text = "A heading without a full stop\nThe body starts here. It goes on."
    assert texts(text, sentence_spans(text)) == [
        "A heading without a full stop",
        "The body starts here.",
        "It goes on.",
    ]


def test_offsets_point_into_the_whole_text_when_given_a_window():
    text = "IGNORED PART. Hello there. The U.S. Army agreed. TAIL NOT SEEN"
    start = text.index("Hello")
    end = text.index(" TAIL")
    spans = sentence_spans(text, start, end)
    assert spans == [(start, start + 12), (start + 13, end)]
    assert texts(text, spans) == ["Hello there.", "The U.S. Army agreed."]


def test_pieces_join_back_to_the_text():
    text = "Mr. Smith arrived.  He sat down.\nThen he left.\n"
    pieces = sentence_pieces(text)
    assert "".join(pieces) == text
    assert pieces == ["Mr. Smith arrived.  ", "He sat down.\n", "Then he left.\n"]


def test_empty_and_blank_text():
    assert sentence_spans("") == []
    assert sentence_spans("   \n  ") == []
    assert sentence_pieces("   ") == ["   "]


def test_cutting_short_paragraphs_imports_neither_scipy_nor_llama_index():
    """A `rag index` run that cuts one small file paid ~2 s for imports it never used: NLTK's
    package import pulls in scipy.stats and scikit-learn, and the splitter llama-index.
    A fresh interpreter, so that nothing another test imported hides it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from rag.ingest.chunking import Chunker\n"
        "from rag.ingest.boilerplate import Span\n"
        "text = 'Mr. Smith met U.S. officials. They talked.\\n\\nDr. Jones left at 3 p.m. on Friday.'\n"
        "chunker = Chunker(200, 20, lambda s: len(s.split()) + 2)\n"
        "print(chunker.split(text, [Span(0, 42), Span(44, len(text))]))\n"
        "print(sorted(m for m in ('scipy', 'sklearn', 'llama_index.core') if m in sys.modules))\n"
        "import scipy.stats, sklearn  # still importable afterwards: nothing was left hidden\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[Span(start=0, end=42), Span(start=44, end=79)]", "[]"]


def test_a_sentence_wrapped_across_lines_is_one_sentence():
    text = "The tool applies a series\n  of fixers to the code. It writes\nthe result back.\nA heading\nThe body."
    assert texts(text, sentence_spans(text)) == [
        "The tool applies a series\n  of fixers to the code.",
        "It writes\nthe result back.",
        "A heading",
        "The body.",
    ]


def test_a_line_typed_at_an_interactive_prompt_is_one_sentence():
    """Punkt cut `>>> textwrap.shorten("Hello  world!", width=12)` after its "!", and the answer
    to "In which version was textwrap.shorten added?" quoted the first piece."""
    text = (
        "Collapse and truncate the given text. It fits in the width!\n"
        '>>> textwrap.shorten("Hello  world!", width=12)\n'
        "'Hello world!'\n"
        "  >>> x = 1. y = 2\n"
        ">>>\n"
        "Prose again. Two sentences."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Collapse and truncate the given text.",
        "It fits in the width!",
        '>>> textwrap.shorten("Hello  world!", width=12)',
        "'Hello world!'",
        ">>> x = 1. y = 2",
        ">>>",
        "Prose again.",
        "Two sentences.",
    ]


def test_lines_of_code_are_never_joined_as_wrapped_text():
    text = "make run     # sets everything up and opens the chat\nmake test    # runs the suite\nsee below"
    starts = frozenset({0, text.index("make test")})
    assert [text[a:b] for a, b in sentence_spans(text, layout=Layout(code=starts))] == [
        "make run     # sets everything up and opens the chat",
        "make test    # runs the suite",
        "see below",
    ]
    assert len(sentence_spans(text)) == 1  # as prose, the three lines look wrapped


def test_a_table_row_is_one_sentence_unless_its_cells_hold_prose():
    """Punkt cut "| Bruno Okafor | Research | Berlin | ext. 2590 | 2021 |" after "ext.", and the
    quote ended there, without the extension or the year; a row of prose past _MAX_ROW_CHARS
    is cut as prose."""
    prose = "The first sentence of a long cell goes on for a while. " * 10
    text = (
        "| Name | Phone | Joined |\n|---|---|---|\n| Bruno Okafor | ext. 2590 | 2021 |\n"
        f"| Dr. Ann Lee | ext. 2591 | 2019 |\n| Notes | {prose}|\nAfter it. Two sentences."
    )
    assert texts(text, sentence_spans(text)) == [
        "| Name | Phone | Joined |",
        "| Bruno Okafor | ext. 2590 | 2021 |",
        "| Dr. Ann Lee | ext. 2591 | 2019 |",
        "| Notes | The first sentence of a long cell goes on for a while.",
        *["The first sentence of a long cell goes on for a while."] * 9,
        "After it.",
        "Two sentences.",
    ]


def test_no_sentence_goes_on_past_a_blank_line():
    """Short paragraphs merged into one passage were one sentence when the next began in lower
    case ("Purchased: 2021-11-02" / blank / "db-02")."""
    text = "Purchased: 2021-11-02\n\ndb-02\nIP address: 10.20.6.22"
    assert texts(text, sentence_spans(text)) == ["Purchased: 2021-11-02", "db-02", "IP address: 10.20.6.22"]


def test_a_numbered_list_item_is_one_sentence_with_its_number():
    """ "2." was a sentence of its own, and "4." the answer to "How many products are there?"
    (a break-it helper's FAQ)."""
    text = "1. Open the app and tap **Sign in**.\n2. Tap the link.\n  iv) Check the box. b) Save it."
    assert texts(text, sentence_spans(text)) == [
        "1. Open the app and tap **Sign in**.",
        "2. Tap the link.",
        "iv) Check the box.",
        "b) Save it.",
    ]


def test_a_numbered_label_in_emphasis_and_the_marks_closing_it_are_the_sentences_own():
    """ "**Q13." and "**" were sentences, and "**" the answer to a question of a course FAQ (a
    break-it helper's, session 49)."""
    text = (
        "**Q13. What is the word limit?**\nIt is 4,000 words. Appendices are extra.\nStep 3. Remove the cover. Lift it."
    )
    assert texts(text, sentence_spans(text)) == [
        "**Q13. What is the word limit?**",
        "It is 4,000 words.",
        "Appendices are extra.",
        "Step 3. Remove the cover.",
        "Lift it.",
    ]


def test_a_sentence_goes_on_past_emphasis_that_ends_in_its_own_question_mark():
    """ "Tap **Forgot password?" was quoted as a sentence, "** under the password field." as another."""
    text = "Tap **Forgot password?** under the password field. Click *Save!* to keep it. Run `ok?` now."
    assert texts(text, sentence_spans(text)) == [
        "Tap **Forgot password?** under the password field.",
        "Click *Save!* to keep it.",
        "Run `ok?` now.",
    ]


def test_a_labelled_field_of_a_list_item_goes_with_the_item():
    """ "Owner: Amara Okafor." was a sentence of its own, and "Who is responsible for publishing
    the survey summary?" quoted the item, which names no one (a break-it helper's minutes)."""
    text = (
        "- A5: Publish the survey summary on the intranet. Owner: Amara Okafor. Due: 26 April 2024.\n"
        "Owner: Facilities. The room is booked. Note: bring keys.\n"
        "- Fixed a crash. Thanks to Jo for the report."
    )
    assert texts(text, sentence_spans(text)) == [
        "- A5: Publish the survey summary on the intranet. Owner: Amara Okafor. Due: 26 April 2024.",
        "Owner: Facilities.",
        "The room is booked.",
        "Note: bring keys.",
        "- Fixed a crash.",
        "Thanks to Jo for the report.",
    ]


def test_a_line_break_inside_an_open_bracket_carries_the_sentence_on():
    """A contract wrapped at a fixed width: the party's definition was cut from its name."""
    text = (
        "This Agreement is made between Kelderwick Ltd (the\n"
        '"Supplier") and Harriet Mbeki of Dundee (the "Customer").\n'
        "(The parties agree as follows.)\n"
        "Fees are due monthly."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        'This Agreement is made between Kelderwick Ltd (the\n"Supplier") and Harriet Mbeki of Dundee (the "Customer").',
        "(The parties agree as follows.)",
        "Fees are due monthly.",
    ]


@pytest.mark.parametrize(
    ("line", "prompt"),
    [
        ('>>> textwrap.shorten("Hello  world!", width=12)', True),
        (">>> import os", True),
        (">>> x", True),
        (">>> a + b", True),
        (">>> I've booked the Q2 supplier review for Tuesday 15 April at 10:00 am in Room 2A.", False),
        ("> Merrow Labels' contract expires on 30 June 2025.", False),
    ],
)
def test_an_interactive_prompt_is_code_and_a_mails_quote_three_levels_down_is_prose(line, prompt):
    """A mail's reply three levels down quotes its prose with ">>> "; it was kept whole as a
    line of code and never quoted, and "What time is the supplier review?" was refused (a
    break-it helper's thread)."""
    from rag.ingest.sentences import is_prompt_line

    assert is_prompt_line(line) is prompt
    text = line + " It takes an hour.\n"
    assert len(sentence_spans(text)) == (1 if prompt else 2)


def test_a_long_line_is_read_once_not_once_per_sentence(monkeypatch):
    """Each sentence searched back to its line's start and copied the whole line to ask whether
    it was a prompt line: a file of one 8 MB line took 121 s to cut, quadratic in its length (a
    helper of session 60). A line is read once, however many sentences it holds."""
    import rag.ingest.sentences as sentences

    read = []
    real = sentences.is_prompt_line
    monkeypatch.setattr(sentences, "is_prompt_line", lambda line: read.append(len(line)) or real(line))
    line = " ".join(f"Sentence number {i} says a thing." for i in range(3000))
    text = f"Report\n\n{line}\nThe end. Truly the end.\n"
    spans = sentence_spans(text)
    assert len(spans) == 3000 + 3
    assert len(read) <= 2  # the long line once, the last line once
    assert spans[1] == (8, 8 + len("Sentence number 0 says a thing."))


def test_a_paragraph_longer_than_punkts_window_is_read_in_windows(monkeypatch):
    """NLTK gives each of Punkt's searches 5 s of wall-clock time: a paragraph of ~4 MB of short
    sentences took longer and the file was skipped with a TimeoutError (a helper of session 60).
    Punkt now reads windows cut after a sentence's end: the same sentences, never a longer text."""
    import rag.ingest.sentences as sentences

    paragraph = " ".join(f"Dr. Okafor met {i} people in St. Ives on Jan. {i % 28 + 1}. It rained." for i in range(400))
    whole = sentence_spans(paragraph)
    read = []
    punkt = sentences._punkt()

    class Counted:
        def span_tokenize(self, text):
            read.append(len(text))
            return punkt.span_tokenize(text)

    monkeypatch.setattr(sentences, "PUNKT_WINDOW", 2_000)
    monkeypatch.setattr(sentences, "_punkt", lambda: Counted())
    assert sentence_spans(paragraph) == whole
    assert len(read) > 10 and max(read) <= 2_000
