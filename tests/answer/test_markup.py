"""HTML a Markdown page writes inside a sentence stays in the sentence, and out of the short answer."""

from __future__ import annotations

import pytest

from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

FEES = """# Fees

The parking fee is <!-- checked in May --> 5 euros a day, paid at the gate.

The bike shed fee is <script>track()</script> 2 euros a month, paid at reception.
"""


def test_a_sentence_a_comment_interrupts_answers_without_it(tmp_path):
    """Refused before ("The parking fee is" and "5 euros a day …" were two sentences), and "The bike
    shed fee is [1]" answered the other (a break-it helper's Markdown, session 59)."""
    assistant = assistant_over(tmp_path, {"fees.md": FEES})
    parking = assistant.ask("What is the parking fee?")
    assert parking.short_answer == "5 euros a day", parking.text
    bike = assistant.ask("What is the bike shed fee?")
    assert "2 euros a month" in bike.text and "<script" not in (bike.short_answer or "")


@pytest.mark.unit
def test_a_span_inside_markup_is_no_short_answer():
    from rag.answer.reading import short_span

    text = "The bike shed fee is <script>track()</script> 2 euros a month."
    a = text.index("track")
    start, end = short_span("What is the bike shed fee?", text, a, a + len("track()"))
    assert text[start:end] == ""
    text = "The parking fee is <!-- checked in May --> 5 euros a day."
    start, end = short_span("What is the parking fee?", text, text.index("<!--"), text.index(" a day"))
    assert text[start:end] == "5 euros"
