"""A long run of blanks is read in one pass. "Total" + 160,000 spaces + "42." took 69 s to index (a
pattern for data written as text split the run between two optional blanks every way before
failing: quadratic), and a 120 KB upload held the web chat for 40 s (a break-it helper's, session
59). Deadlines here are far above the time it takes (under a second) and far below the old one
(tens of minutes): the test says the reading is not quadratic, not how fast it is."""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest

from rag.ingest.boilerplate import content_spans
from rag.ingest.markdown import tables
from rag.text.ranges import bands_in
from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

BLANKS = 1_000_000


@contextmanager
def deadline(seconds: int):
    def stop(*_):
        raise TimeoutError(f"not done in {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(
    "text",
    [
        "Total" + " " * BLANKS + "42.\n",
        "Total" + "\t" * BLANKS + ",x\n",
        "a | b\n----|----" + " " * BLANKS + "x\n",
        "Stay 5" + " " * BLANKS + "+x nights\n",
    ],
    ids=["spaces", "tabs", "table-rule", "number"],
)
@pytest.mark.parametrize("markup", ["text", "markdown", "rst"])
def test_a_long_run_of_blanks_is_read_in_one_pass(text, markup):
    with deadline(20):
        content_spans(text, markup)
        tables(text, [])
        bands_in(text)


def test_a_file_padded_with_blanks_is_indexed_and_answers(tmp_path):
    padded = "The harbour fee is 42 euros a night.\nTotal" + " " * 160_000 + "42.\n"
    with deadline(120):
        assistant = assistant_over(tmp_path, {"padded.txt": padded})
        assert "42 euros" in assistant.ask("How much is the harbour fee?").short_answer
