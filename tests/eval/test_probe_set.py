"""Checks on the invented two-hop probes (eval/probes/multihop): every evidence quote is in its
page word for word, and every answer is visible in the evidence it cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PROBES = Path(__file__).resolve().parents[2] / "eval" / "probes" / "multihop"


def _items() -> list[dict]:
    return [json.loads(ln) for ln in (PROBES / "questions.jsonl").read_text(encoding="utf-8").splitlines() if ln]


def test_ids_are_unique_and_quotes_are_verbatim():
    pages = {p.name: p.read_text(encoding="utf-8") for p in (PROBES / "corpus").glob("*.txt")}
    items = _items()
    assert len({it["id"] for it in items}) == len(items)
    for it in items:
        for ev in it["evidence"]:
            assert ev["quote"] in pages[ev["source"]], it["id"]


def test_answers_are_in_their_evidence_and_unanswerable_ones_have_none():
    for it in _items():
        quotes = " ".join(ev["quote"] for ev in it["evidence"]).casefold()
        if not it["answerable"]:
            assert not it["answers"] and not it["evidence"], it["id"]
            continue
        yes_no = {a.casefold() for a in it["answers"]} <= {"yes", "no"}
        assert yes_no or any(a.casefold() in quotes for a in it["answers"]), it["id"]
