"""A "how long" short answer is a time or a length (rag/answer/extents.py)."""

from __future__ import annotations

import pytest

from rag.answer.extents import extent_asked
from tests.helpers import assistant_over

ROW = "| Cold store (−25 °C) | Insulated jacket, gloves and boots | Maximum 45 minutes per entry |"


def _short(question: str, text: str, span: str) -> str:
    a = text.index(span)
    return text[slice(*extent_asked(question, text, a, a + len(span), len(text)))]


@pytest.mark.unit
def test_the_one_time_or_length_on_the_line_answers_how_long():
    # The reader's "−25" of a site rules table (development set eval/probes/formats).
    assert _short("How long can I stay in the cold store in one go?", ROW, "−25") == "45 minutes"
    prose = "The first stretch was finished in March. It runs 40 km along the river."
    assert _short("How long is the new barrier?", prose, "40 km") == "40 km"  # a length already
    # Two on the line: which one is asked is the reader's to say.
    two = "| Tern 6 | 4.5 h | 508 mm |"
    assert _short("How long is the shaft?", two, "Tern 6") == "Tern 6"
    # Not asked "how long": as read.
    assert _short("Where can I stay?", ROW, "Cold store") == "Cold store"


@pytest.mark.integration
def test_how_long_is_answered_with_a_time(tmp_path):
    rules = (
        "# Site rules for contractors\n\n"
        "| Area | What to wear | Time limit |\n|---|---|---|\n"
        "| Freezer hall (−18 °C) | Thermal jacket | At most 90 minutes per entry |\n"
        "| Cold store (−25 °C) | Insulated jacket, gloves and boots | Maximum 45 minutes per entry |\n"
    )
    assistant = assistant_over(tmp_path, {"rules.md": rules})
    answer = assistant.ask("How long can I stay in the cold store in one go?")
    assert answer.short_answer == "45 minutes", answer.text
