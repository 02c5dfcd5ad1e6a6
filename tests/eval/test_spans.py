"""eval.spans: when a passage matches an evidence span."""

from __future__ import annotations

import pytest

from eval.spans import covers, overlaps, span_of
from tests.eval.cases import GOOD

pytestmark = pytest.mark.unit


def test_covers_and_overlaps():
    assert covers(("a", 0, 100), ("a", 10, 20))
    assert covers(("a", 10, 20), ("a", 10, 20))
    assert not covers(("a", 0, 15), ("a", 10, 20))  # partial
    assert not covers(("b", 0, 100), ("a", 10, 20))  # other document
    assert overlaps(("a", 0, 15), ("a", 10, 20))
    assert not overlaps(("a", 0, 10), ("a", 10, 20))  # touching is not overlapping
    assert not overlaps(("b", 0, 15), ("a", 10, 20))


def test_span_of():
    assert span_of(GOOD) == ("doc.txt", 0, 60)
