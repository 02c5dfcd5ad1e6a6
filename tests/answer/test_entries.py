"""A manual page's entries: a term and its description (rag/text/entries.py, rag/answer/entries.py),
over a break-it helper's manual page (session 53), kept as it was written in tests/answer/pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.text.entries import entry_at
from tests.helpers import assert_short_answers, assistant_over, assistant_over_page

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


REFERENCE = """:mod:`tidepool` --- Reading tide tables
=======================================

.. module:: tidepool
   :synopsis: Read tide tables and predict high water.

**Source code:** :source:`Lib/tidepool.py`

--------------

This module reads the tide tables that harbour offices publish and predicts the times of
high and low water from them.

.. function:: predict(table, days=7, datum="chart")

   Return the predicted high and low waters for the next *days* days, as a list of
   :class:`Tide` objects, measured from *datum*.

   .. versionadded:: 2.4


.. function:: load(path, strict=False)

   Read a tide table from *path*. With *strict*, a row that cannot be read raises an error
   instead of being skipped.


.. exception:: TableGap

   Raised by :func:`predict` when the table has no readings for a whole day.


.. data:: ports

   Sequence of the names of every port whose tables the module knows how to read.

   .. versionadded:: 2.6
"""


@pytest.mark.integration
def test_a_rest_object_descriptions_name_version_and_defaults_answer(tmp_path):
    """A reStructuredText reference describes each object under its directive (".. exception::
    TableGap"): "Which exception …?" was answered with a word of the description ("func"), "In
    which version was … added?" with the module's "Source code:" line, and "What is the default …
    of …()?" from another page's sentence (development set eval/probes/rstdocs, session 54)."""
    assistant = assistant_over(tmp_path, {"tidepool.rst": REFERENCE})
    assert_short_answers(
        assistant,
        [
            ("Which exception does predict() raise when a day of readings is missing?", "TableGap"),
            ("Which attribute lists the ports the module can read tables for?", "ports"),
            ("In which version was tidepool.predict() added?", "2.4"),
            ("Since which version does tidepool have the ports list?", "2.6"),
            ("How many days ahead does predict() look by default?", "7"),
        ],
    )
    # A reST field's default, without its literal quotes.
    options = (
        "Configuration\n=============\n\n*tidesync* reads these options from ``tidesync.toml``.\n\n"
        "``workers``\n    :Type: ``int``\n    :Default: ``4``\n    :Env: ``TIDESYNC_WORKERS``\n\n"
        "    Number of files uploaded or downloaded in parallel.\n\n"
        "``timeout``\n    :Type: ``float`` (seconds)\n    :Default: ``30.0``\n\n"
        "    How long to wait for the server to answer one request.\n"
    )
    (tmp_path / "options").mkdir()
    settings = assistant_over(tmp_path / "options", {"options.rst": options})
    assert settings.ask("How many files does tidesync upload in parallel by default?").short_answer == "4"
    # A version the entry does not note is not another entry's.
    assert assistant.ask("In which version was tidepool.load() added?").short_answer != "2.4"


@pytest.mark.unit
def test_a_rest_description_and_a_definition_lists_paragraphs_are_their_terms_entries():
    raised = entry_at(REFERENCE, REFERENCE.index("Raised by"))
    assert (raised.kind, REFERENCE[raised.term_start : raised.term_end]) == ("exception", "TableGap")
    noted = entry_at(REFERENCE, REFERENCE.index("versionadded:: 2.6"))
    assert REFERENCE[noted.term_start : noted.term_end] == "ports"
    assert entry_at(REFERENCE, REFERENCE.index("This module reads")) is None
    # A configuration reference's definition list: fields, a blank line, then its text.
    options = (
        "``timeout``\n    :Default: ``30.0``\n\n    How long to wait for a reply.\n\n``retries``\n    :Default: ``3``\n"
    )
    waits = entry_at(options, options.index("How long"))
    assert options[waits.term_start : waits.term_end] == "``timeout``"
    assert options[waits.body_start : waits.body_end].endswith("wait for a reply.")


@pytest.mark.integration
def test_a_documentation_pages_signature_lines_are_entries(tmp_path):
    """A Sphinx page's <dt> and <dd>, read as "tidepool.predict(table, days=7, …): Return …" lines
    (rag.ingest.html_blocks): "In which version was textwrap.shorten added?" was answered with a
    parameter of its signature, "Which function …?" with another entry's name, and "What value
    does the wbits argument of zlib.compress default to?" from prose (development set
    eval/probes/pydocs, session 54)."""
    assistant = assistant_over_page(tmp_path, "tidepool.html")
    assert_short_answers(
        assistant,
        [
            ("In which version was tidepool.predict() added?", "2.4"),
            ("How many days ahead does tidepool.predict() look by default?", "7"),
            ("Which function lists the days that have no readings?", "gaps"),
        ],
    )
    assert assistant.ask("In which version was tidepool.load() added?").short_answer != "2.4"
