"""Which version did something, and when a version came out, from a changelog's headings
(rag/answer/versions.py)."""

from __future__ import annotations

import pytest

from rag.answer.versions import VERSION
from tests.helpers import assistant_over

CHANGELOG = """# Changelog

All notable changes to tidepool, the Python task queue, are documented in this file.

## [3.0.0] - 2024-05-14

### Removed
- The `Queue.enqueue_call()` method has been removed. Use `Queue.enqueue()` with keyword arguments instead.
- The `tidepool-dashboard` command, now in the separate `tidepool-web` package.

### Added
- `Queue.enqueue_many()` for bulk enqueueing of up to 1,000 jobs in one round-trip.

## [2.6.1] - 2024-02-02

### Fixed
- Workers no longer leak a database connection when a job times out.
- The scheduler keeps its place across a daylight-saving change.

## [2.5.0] - 2023-07-03

### Added
- Windows support for workers using the `SpawnWorker` class.
- A `--burst` worker option that exits when the queues are empty.
"""


def _assert_versions(assistant, cases: list[tuple[str, str, str]]) -> None:
    """Each question's short answer, the heading its first citation quotes, every quote exact."""
    for question, short, heading in cases:
        answer = assistant.ask(question)
        assert answer.short_answer == short, (question, answer.text)
        assert answer.citations[0].supporting_text() == heading
        for c in answer.citations:
            assert assistant.document_text(c.source)[c.support_start : c.support_end] == c.supporting_text()


@pytest.mark.unit
def test_what_is_a_version():
    assert [m.group() for m in VERSION.finditer("## [2.5.0] - 2023-07-03, v3.1, 1.0.0-rc1 and 3 or 2024")] == [
        "2.5.0",
        "v3.1",
        "1.0.0-rc1",
    ]


@pytest.mark.integration
def test_the_version_of_a_changelog_entry_and_the_date_of_a_version(tmp_path):
    """ "In which version was Windows support for workers added?" was answered "SpawnWorker class"
    and "When was version 2.6.1 released?" refused (a break-it helper's changelog, session 49)."""
    assistant = assistant_over(tmp_path, {"CHANGELOG.md": CHANGELOG})
    _assert_versions(
        assistant,
        [
            ("In which version was Windows support for workers added?", "2.5.0", "## [2.5.0] - 2023-07-03"),
            ("In which version was Queue.enqueue_call() removed?", "3.0.0", "## [3.0.0] - 2024-05-14"),
            ("When was version 2.6.1 released?", "2024-02-02", "## [2.6.1] - 2024-02-02"),
        ],
    )
    # A version no heading names is not answered with another's date.
    assert assistant.ask("When was version 2.6.2 released?").short_answer not in ("2024-02-02", "2023-07-03")


README = """=========
tidewater
=========

**tidewater** resamples irregular tide-gauge time series onto a regular grid.

Options
=======

``datum`` sets the vertical datum of the output (``"MSL"`` by default).

Changelog
=========

2.4.1 (2024-03-18)
   Fixed a crash when ``max_gap`` was given in days.

2.4.0 (2024-01-09)
   Added the ``datum`` option. Dropped support for Python 3.9.

2.3.0 (2023-08-22)
   Added the harmonic method.

License
=======

tidewater is released under the BSD 3-Clause License. It was added to PyPI in 2019.
"""

RELEASES = """Release notes
=============

1.2.0
-----

Added export to Parquet.

1.1.0
-----

Added the ``--quiet`` flag.
"""


@pytest.mark.integration
def test_the_version_of_a_restructuredtext_changelog_entry(tmp_path):
    """A reST README's changelog is a definition list ("2.4.0 (2024-01-09)" over its indented
    entry) or underlined titles: "Which tidewater version added the datum option?" was answered
    with the entry's own words (a break-it helper's, session 50)."""
    assistant = assistant_over(tmp_path, {"README.rst": README, "RELEASES.rst": RELEASES})
    _assert_versions(
        assistant,
        [
            ("Which tidewater version added the datum option?", "2.4.0", "2.4.0 (2024-01-09)"),
            ("Which tidewater version dropped support for Python 3.9?", "2.4.0", "2.4.0 (2024-01-09)"),
            ("Which version added the harmonic method?", "2.3.0", "2.3.0 (2023-08-22)"),
            ("When was tidewater 2.4.1 released?", "2024-03-18", "2.4.1 (2024-03-18)"),
            ("Which release added export to Parquet?", "1.2.0", "1.2.0"),
        ],
    )
    # A sentence past the last entry's indented lines is no version's: the licence section's.
    assert assistant.ask("Which version was added to PyPI?").short_answer not in ("2.3.0", "2.4.0", "2.4.1")
