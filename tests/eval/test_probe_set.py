"""Checks on the probes (the invented eval/probes/multihop, multihop2 to multihop6, news, news2;
pydocs and pydocs2, questions on Python's own HTML documentation; mddocs, mddocs2 and mddocs3, on
Markdown documentation Debian ships; rstdocs, on the reStructuredText sources of Python's; tables
and records, invented tables in Markdown, HTML and Word and labelled records in text; pdfs, four
typeset manuals Debian ships, reports, six invented office PDFs, pdftables, five invented PDFs
of tables, pdftables2, five of tables whose cells wrap, and formats, invented workbooks, slide
decks, mails, OpenDocument files and an e-book; nonnews, six invented documents unlike news): every
evidence quote is in its page word for word (an HTML page's in the text extracted from it; a
PDF's sentence as a reader reads it, eval.datasets.quote_spans), and
every answer is visible in the evidence it cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.datasets import quote_spans
from rag.ingest.loaders import load_document

pytestmark = pytest.mark.unit

PROBE_SETS = sorted((Path(__file__).resolve().parents[2] / "eval" / "probes").glob("*/questions.jsonl"))


def _items(questions: Path) -> list[dict]:
    return [json.loads(ln) for ln in questions.read_text(encoding="utf-8").splitlines() if ln]


def test_every_probe_set_is_checked():
    assert [q.parent.name for q in PROBE_SETS] == [
        "formats",
        "mddocs",
        "mddocs2",
        "mddocs3",
        "multihop",
        "multihop2",
        "multihop3",
        "multihop4",
        "multihop5",
        "multihop6",
        "news",
        "news2",
        "nonnews",
        "pdfs",
        "pdftables",
        "pdftables2",
        "pydocs",
        "pydocs2",
        "records",
        "reports",
        "rstdocs",
        "tables",
    ]


@pytest.mark.parametrize("questions", PROBE_SETS, ids=lambda q: q.parent.name)
def test_ids_are_unique_and_quotes_are_verbatim(questions):
    pages = {p.name: load_document(p, p.name, p.read_bytes()).text for p in (questions.parent / "corpus").iterdir()}
    items = _items(questions)
    assert len({it["id"] for it in items}) == len(items)
    for it in items:
        for ev in it["evidence"]:
            assert quote_spans(pages[ev["source"]], ev["quote"]), it["id"]


@pytest.mark.parametrize("questions", PROBE_SETS, ids=lambda q: q.parent.name)
def test_answers_are_in_their_evidence_and_unanswerable_ones_have_none(questions):
    for it in _items(questions):
        quotes = " ".join(ev["quote"] for ev in it["evidence"]).casefold()
        if not it["answerable"]:
            assert not it["answers"] and not it["evidence"], it["id"]
            continue
        yes_no = {a.casefold() for a in it["answers"]} <= {"yes", "no"}
        assert yes_no or any(a.casefold() in quotes for a in it["answers"]), it["id"]
