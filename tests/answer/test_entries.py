"""A manual page's entries: a term and its description (rag/text/entries.py, rag/answer/entries.py),
over a break-it helper's manual page (session 53), kept as it was written in tests/answer/pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.text.entries import entry_at
from tests.helpers import assert_short_answers, assistant_over

PAGE = (Path(__file__).parent / "pages" / "ferrysync.1.txt").read_text(encoding="utf-8")


def _entry(at: str) -> tuple[str, str] | None:
    entry = entry_at(PAGE, PAGE.index(at))
    if entry is None:
        return None
    return PAGE[entry.term_start : entry.term_end], " ".join(PAGE[entry.body_start : entry.body_end].split())


@pytest.mark.unit
def test_a_term_and_its_description_under_it_or_beside_it():
    assert _entry("Show what would be transferred") == (
        "-n, --dry-run",
        "Show what would be transferred, deleted or skipped, without changing anything at the destination.",
    )
    assert _entry("-p, --port=PORT")[0] == "-p, --port=PORT"  # the term's own line
    assert _entry("it is left in the partial directory") == (
        "4",
        "Checksum mismatch: a file was transferred but did not verify; it is left in the partial directory.",
    )
    assert _entry("Path of the configuration file")[0] == "FERRYSYNC_CONFIG"
    # A section's heading over its text, and prose, are no entries.
    assert _entry("ferrysync copies files from one or more") is None
    assert _entry("NAME") is None


@pytest.mark.integration
def test_a_manual_pages_terms_answer_for_their_descriptions(tmp_path):
    """ "Which option shows what would be copied …?" was answered "deleted or skipped", "… how long
    does ferrysync wait on a silent connection …?" "SECONDS", "What does the --port option do?"
    with its term's line alone."""
    assistant = assistant_over(tmp_path, {"ferrysync.1.txt": PAGE})
    assert_short_answers(
        assistant,
        [
            ("Which option shows what would be copied without actually copying anything?", "-n, --dry-run"),
            ("By default, how long does ferrysync wait on a silent connection before giving up?", "30"),
            ("Which environment variable gives the config file location?", "FERRYSYNC_CONFIG"),
            ("How many parallel jobs run by default?", "4"),
            # The quote began at the section's heading, "EXIT STATUS" over status 0's "…transferred
            # and verified"; the status whose description holds more of the question answers,
            # though the question names the option "--checksum" (a break-it helper's, session 54).
            ("Which exit code does ferrysync return when a file fails checksum verification?", "4"),
            # A way asked for, which an option's description gives: the option.
            ("How do I make ferrysync show what it would copy without actually copying anything?", "-n, --dry-run"),
        ],
    )
    port = assistant.ask("What does the --port option do?")
    assert port.text.startswith("-p, --port=PORT\nConnect to the SSH server on the remote host on PORT"), port.text
    status = assistant.ask("What does exit status 4 mean?")
    assert status.text.startswith("4 Checksum mismatch: a file was transferred but did not verify"), status.text
    assert status.citations[0].supporting_text().startswith("4      Checksum mismatch")
    # The entry named gives no default: the documents do not say.
    default = assistant.ask("What is the default port?")
    assert default.refused and default.notes[0].startswith("The entry for “-p, --port=PORT” gives no default"), (
        default.text
    )
