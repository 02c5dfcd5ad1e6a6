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
    # A quarter, a number with its unit and an ordinal are no codes, nor a word before a year.
    assert unheld_codes("What was revenue in Q2, in the 3rd week, over 10km?", found) == []
    assert unheld_codes("How did the late-2023 daily number compare with mid-2020?", found) == []


@pytest.mark.integration
def test_an_answer_for_a_code_no_quoted_passage_holds_is_marked_unsure(tmp_path):
    assistant = assistant_over(tmp_path, {"manual.txt": MANUAL})
    other = assistant.ask("What does error code E-52 mean?")
    assert other.refused or "Unsure: no passage found names “E-52”. Check the quoted passage." in other.notes
    answer = assistant.ask("What does error code E-90 mean?")
    assert not answer.refused and "Scanner not responding" in answer.text
    assert not any("no passage found names" in note for note in answer.notes)


@pytest.mark.integration
def test_a_code_no_cited_document_names_is_refused(tmp_path):
    """ "What is the IP rating of the Kestrel KX-60?" was answered "0 °C" from the KX-40's data
    sheet, with a note that no passage names "KX-60" (a break-it helper's, session 50): no
    document it cites names the code anywhere, and the documents do not say."""
    assistant = assistant_over(tmp_path, {"manual.txt": MANUAL})
    answer = assistant.ask("What does error code E-53 mean?")
    assert answer.refused and answer.notes == ["No document found names “E-53”."], answer.text
    assert not answer.short_answer
    assert not assistant.ask("What does error code E-77 mean?").refused
