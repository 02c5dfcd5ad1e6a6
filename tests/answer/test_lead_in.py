"""A list and the line that leads it, read together (rag/answer/lead_in.py): release notes asked
which version did something, and what a version did."""

from __future__ import annotations

import pytest

from rag.answer.lead_in import _items_after, _lead_of, _line_at
from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

# A break-it helper's invented release notes, as it wrote them.
NOTES = """Brightwave App Release Notes

Version 2.4.0 - released 12 March 2024
- Added support for the Indoor Camera.
- Added dark mode.
- Fixed a bug where scenes would not run after daylight saving time changes.

Version 2.3.1 - released 30 January 2024
- Fixed a crash on Android 14 when opening the device list.
- Improved battery usage on iOS.

Version 2.3.0 - released 9 January 2024
- Added two-factor authentication (2FA) using authenticator apps.
- Added the Energy dashboard, which shows power usage for Smart Plugs.
- Removed support for Android 8.

Version 2.2.0 - released 15 November 2023
- Added Range Extender setup wizard.
- Scenes can now be scheduled by sunrise and sunset.

Support policy: we support the current version and the previous minor version. Version 2.2 reaches end of support on 30 June 2024.
"""
# The same kind of notes as a Markdown changelog: a heading, a blank line, its list.
CHANGELOG = """# Tidewater changelog

## 3.1.0 (2025-06-02)

* Added offline maps for the harbour district.
* Fixed the tide chart's time zone.

## 3.0.0 (2025-04-14)

* Removed the legacy ferry timetable.
* Added live berth status.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("lead-in"), {"release_notes.txt": NOTES, "CHANGELOG.md": CHANGELOG})


@pytest.mark.parametrize(
    ("question", "lead", "item"),
    [
        ("Which version added dark mode?", "Version 2.4.0", "Added dark mode."),
        ("When was dark mode added?", "Version 2.4.0", "Added dark mode."),
        ("In which release was support for Android 8 removed?", "Version 2.3.0", "Removed support for Android 8."),
        ("Which version removed the legacy ferry timetable?", "## 3.0.0", "Removed the legacy ferry timetable."),
    ],
)
def test_an_item_is_quoted_after_the_line_that_says_which_version(assistant, question, lead, item):
    """Answered "- Added dark mode. [1]" before: no version."""
    answer = assistant.ask(question)
    assert not answer.refused
    assert answer.citations[0].supporting_text().startswith(lead)
    assert item in answer.citations[1].supporting_text()
    assert answer.text.index(lead.lstrip("# ")) < answer.text.index(item)


def test_a_versions_line_asked_what_it_fixed_is_quoted_with_its_fixes(assistant):
    """Answered with the version line alone before: no fix."""
    answer = assistant.ask("What was fixed in version 2.3.1?")
    assert answer.citations[0].supporting_text() == "Version 2.3.1 - released 30 January 2024"
    assert answer.citations[1].supporting_text() == "- Fixed a crash on Android 14 when opening the device list."


def test_a_versions_line_asked_whats_new_is_quoted_with_its_whole_list(assistant):
    answer = assistant.ask("What is new in version 2.4.0?")
    listed = answer.citations[1].supporting_text()
    assert listed.startswith("- Added support for the Indoor Camera.") and listed.endswith("time changes.")
    assert "\n- Added dark mode.\n" in answer.text


def test_a_line_that_answers_alone_is_quoted_alone(assistant):
    answer = assistant.ask("When was version 2.4.0 released?")
    assert answer.short_answer == "12 March 2024"
    assert len(answer.citations) == 1


@pytest.mark.unit
def test_a_lead_in_is_the_line_above_the_list_or_a_heading_above_one_blank_line():
    text = "Intro paragraph.\n\nKnown issues:\n- Sync stalls.\n- Maps blank.\n\nA closing line.\n"
    item = text.index("- Maps")
    assert text[slice(*_lead_of(text, item, 0))] == "Known issues:"
    line = _line_at(text, text.index("Known"))
    assert [text[a:b] for a, b in _items_after(text, line, len(text))] == ["- Sync stalls.", "- Maps blank."]
    # A paragraph above a blank line leads nothing; a title's underline is skipped to the title.
    prose = "The weather was mild that spring.\n\n- An item.\n"
    assert _lead_of(prose, prose.index("- An"), 0) is None
    rst = "2.4.0\n-----\n\n- Added dark mode.\n"
    assert rst[slice(*_lead_of(rst, rst.index("- Added"), 0))] == "2.4.0"
    # Not above the passage's start.
    assert _lead_of(text, item, text.index("- Sync")) is None


# "Keep a Changelog": a version's heading, then a heading for each kind of change, then its items.
KEEP_A_CHANGELOG = """# Changelog

## [2.4.0] - 2026-03-18

### Added
- New `--dry-run-report` flag that writes a JSON summary of what a sync would change.

### Fixed
- Conflict markers were written twice when both sides renamed the same file.

## [2.3.0] - 2025-11-27

### Added
- The `watch` subcommand, which keeps two folders in sync continuously using inotify or FSEvents.
- A `chunk_size_kb` setting for large-file transfers.
"""


def test_which_version_reads_the_version_heading_over_the_kind_of_change(tmp_path):
    """ "Which version added the watch subcommand?" was answered "FSEvents — ### Added [1] - The
    `watch` subcommand … [2]": the version is in the heading over "### Added" (a break-it
    helper's changelog). It leads the answer, and the three lines are quoted; a question that is
    not "which version" keeps the item's own answer."""
    assistant = assistant_over(tmp_path, {"CHANGELOG.md": KEEP_A_CHANGELOG})
    answer = assistant.ask("Which version added the watch subcommand?")
    assert answer.short_answer == "2.3.0", answer.text
    assert [c.supporting_text() for c in answer.citations] == [
        "## [2.3.0] - 2025-11-27",
        "### Added",
        "- The `watch` subcommand, which keeps two folders in sync continuously using inotify or FSEvents.",
    ]
    for c in answer.citations:
        assert assistant.document_text(c.source)[c.support_start : c.support_end] == c.supporting_text()
    assert assistant.ask("Which version added the dry-run report flag?").short_answer == "2.4.0"
    assert assistant.ask("What does the watch subcommand use to keep folders in sync?").short_answer != "2.3.0"
