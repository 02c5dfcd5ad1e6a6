"""Another document that answers otherwise is named in a note (rag/answer/conflicts.py)."""

from __future__ import annotations

import pytest

from rag.answer import UNSURE
from rag.answer.conflicts import disagree, value_words
from tests.helpers import assistant_over


@pytest.mark.parametrize(
    ("one", "other", "differ"),
    [
        ("5", "8", True),
        ("4,200", "4200", False),  # one number, written two ways
        ("9.5 kilometres", "9.5 km", False),
        ("Tomas Aranda", "Aranda", False),
        ("March 2019", "2019", False),
        ("5", "PWNED-42", True),
        ("the city council", "the mayor's office", True),  # disagree() alone; values only (below)
        ("a description of the whole sentence", "8", False),  # no value: too long to compare
        ("", "8", False),
    ],
)
def test_which_short_answers_disagree(one, other, differ):
    assert disagree(one, other) is differ


def test_value_words_join_digit_groups_and_drop_function_words():
    assert value_words("about 4,200 of the members") == {"4200", "members"}


REFERENCE = """# Configuration reference

Settings are read from tidewatch.toml in the project folder.

## Transfers

The retry_limit setting says how many times a failed transfer is tried again before the file is
marked as failed. The default retry_limit is 5.

The chunk_size setting sets how large each uploaded piece is. The default chunk_size is 8 MiB.
"""

STALE = """# Notes from the spring planning meeting

The team went over the transfer settings of Tidewatch.

The default retry_limit is 12, so that flaky links are tried for longer.

Next meeting: after the 2.4 release.
"""

AGREEING = """# Notes from the spring planning meeting

The team went over the transfer settings of Tidewatch.

The default retry_limit is 5, as the configuration reference says.

Next meeting: after the 2.4 release.
"""

OTHER_PRODUCT = """# Harbourline settings

Harbourline is the ferry company's booking system.

The default retry_limit of Harbourline is 12, set by its operators.
"""


@pytest.mark.integration
def test_an_answer_another_document_contradicts_names_it(tmp_path):
    """A folder with a configuration reference and a stale note that gives another default: the
    answer quotes one of them and says what the other says, naming it."""
    assistant = assistant_over(tmp_path, {"configuration.md": REFERENCE, "planning-notes.md": STALE})
    answer = assistant.ask("What is the default retry_limit?")
    assert not answer.refused
    said = {"configuration.md": "5", "planning-notes.md": "12"}
    quoted = answer.citations[0].source
    other = next(s for s in said if s != quoted)
    assert answer.short_answer == said[quoted], answer.text
    notes = [n for n in answer.notes if "another document answers otherwise" in n]
    assert len(notes) == 1, answer.notes
    assert notes[0].startswith(UNSURE) and other in notes[0] and f"“{said[other]}”" in notes[0]


@pytest.mark.integration
def test_documents_that_agree_or_speak_of_another_thing_raise_no_note(tmp_path):
    """The same value in two documents is no disagreement, nor is another product's value for a
    question that names this one (its document never says "Tidewatch")."""
    for n, other in enumerate((AGREEING, OTHER_PRODUCT)):
        (tmp_path / str(n)).mkdir()
        assistant = assistant_over(tmp_path / str(n), {"configuration.md": REFERENCE, "other.md": other})
        answer = assistant.ask("What is the default retry_limit of Tidewatch?")
        assert not answer.refused and answer.citations[0].source == "configuration.md", answer.text
        assert not [n for n in answer.notes if "another document" in n], answer.notes
