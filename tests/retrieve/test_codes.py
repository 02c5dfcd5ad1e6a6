"""A code the question names (an error code, an action item, a model) that the quoted passages do not
hold marks the answer unsure: "What does error code E-52 mean?" was answered with E-77's, unmarked."""

from __future__ import annotations

import pytest

from rag.retrieve.evidence import unheld_codes
from tests.helpers import assistant_over

MANUAL = """TrackPoint X2 troubleshooting

- Error code E-41: Battery temperature too high. Let the unit cool down before charging.
- Error code E-77: Firmware verification failed. Reinstall the firmware using the Device Manager.
- Error code E-90: Scanner not responding. Restart the unit.
"""


@pytest.mark.unit
def test_codes_held_however_their_hyphens_are_written():
    found = [MANUAL]
    assert unheld_codes("What does error code E-77 mean?", found) == []
    assert unheld_codes("what does error e77 mean", found) == []
    assert unheld_codes("What does error code E-52 mean?", found) == ["E-52"]
    # A quarter, a number with its unit and an ordinal are no codes.
    assert unheld_codes("What was revenue in Q2, in the 3rd week, over 10km?", found) == []


@pytest.mark.integration
def test_an_answer_for_a_code_no_quoted_passage_holds_is_marked_unsure(tmp_path):
    assistant = assistant_over(tmp_path, {"manual.txt": MANUAL})
    other = assistant.ask("What does error code E-52 mean?")
    assert other.refused or "Unsure: no passage found names “E-52”. Check the quoted passage." in other.notes
    answer = assistant.ask("What does error code E-90 mean?")
    assert not answer.refused and "Scanner not responding" in answer.text
    assert not any("no passage found names" in note for note in answer.notes)
