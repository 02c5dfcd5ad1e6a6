"""A code the question names (an error code, an action item, a model) that no passage found holds is
a name the documents do not know: "What does error code E-52 mean?" was answered with E-77's."""

from __future__ import annotations

import pytest

from rag.retrieve.evidence import unheld_codes
from rag.types import Passage, ScoredPassage
from tests.helpers import assistant_over

MANUAL = """TrackPoint X2 troubleshooting

- Error code E-41: Battery temperature too high. Let the unit cool down before charging.
- Error code E-77: Firmware verification failed. Reinstall the firmware using the Device Manager.
- Error code E-90: Scanner not responding. Restart the unit.
"""


def _found(text: str) -> list[ScoredPassage]:
    return [ScoredPassage(Passage("p", "manual.txt", "Manual", text, 0, len(text)), 1.0)]


@pytest.mark.unit
def test_codes_held_however_their_hyphens_are_written():
    found = _found(MANUAL)
    assert unheld_codes("What does error code E-77 mean?", found) == []
    assert unheld_codes("what does error e77 mean", found) == []
    assert unheld_codes("What does error code E-52 mean?", found) == ["E-52"]
    # A quarter, a number with its unit and an ordinal are no codes.
    assert unheld_codes("What was revenue in Q2, in the 3rd week, over 10km?", found) == []


@pytest.mark.integration
def test_a_code_no_document_holds_is_refused(tmp_path):
    assistant = assistant_over(tmp_path, {"manual.txt": MANUAL})
    assert assistant.ask("What does error code E-52 mean?").refused
    answer = assistant.ask("What does error code E-90 mean?")
    assert not answer.refused and "Scanner not responding" in answer.text
