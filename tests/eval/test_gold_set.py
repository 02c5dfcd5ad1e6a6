"""Checks on the gold question-answer set (eval/gold/corpus.jsonl).

The set is only worth something if every gold answer is backed, verbatim, by the corpus: each
evidence quote must be found character-for-character in its file, and each required answer part
must be visible in the quoted evidence.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold" / "corpus.jsonl"
CORPUS = ROOT / "corpus"

FIELDS = {
    "id": str,
    "question": str,
    "answerable": bool,
    "answers": list,
    "answer_parts": list,
    "evidence": list,
    "type": str,
    "paraphrased": bool,
}
TYPES = {"name", "number", "date", "place", "why", "how", "what", "multi_passage", "multi_article", "unanswerable"}
MULTI = {"multi_passage", "multi_article"}
# Web boilerplate in the corpus files that must never serve as evidence.
BOILERPLATE = ("advertisement", "ad will display", "||2be7039cd__", "source link")


def _lines() -> list[str]:
    return [ln for ln in GOLD.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _items() -> list[dict]:
    return [json.loads(ln) for ln in _lines()]


def _corpus() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}


def test_every_line_parses_as_object():
    lines = _lines()
    assert lines, "gold set is empty"
    for n, ln in enumerate(lines, 1):
        obj = json.loads(ln)
        assert isinstance(obj, dict), f"line {n} is not a JSON object"


def test_ids_unique():
    ids = [it["id"] for it in _items()]
    dupes = sorted(i for i, c in Counter(ids).items() if c > 1)
    assert not dupes, f"duplicate ids: {dupes}"


def test_required_fields_and_types():
    for it in _items():
        for name, kind in FIELDS.items():
            assert name in it, f"{it.get('id')}: missing field {name!r}"
            assert isinstance(it[name], kind), f"{it['id']}: {name} should be {kind.__name__}"
        assert it["id"].strip() and it["question"].strip(), it["id"]
        assert it["type"] in TYPES, f"{it['id']}: unknown type {it['type']!r}"
        assert all(isinstance(a, str) and a.strip() for a in it["answers"]), it["id"]
        for part in it["answer_parts"]:
            assert isinstance(part, list) and part, f"{it['id']}: empty or non-list answer part"
            assert all(isinstance(v, str) and v.strip() for v in part), it["id"]
        for ev in it["evidence"]:
            assert isinstance(ev, dict) and set(ev) == {"source", "quote"}, it["id"]
            assert isinstance(ev["source"], str) and isinstance(ev["quote"], str), it["id"]
            assert ev["quote"].strip(), f"{it['id']}: empty quote"


def test_evidence_quotes_verbatim_in_corpus():
    corpus = _corpus()
    assert corpus, f"no corpus files under {CORPUS}"
    for it in _items():
        for ev in it["evidence"]:
            assert ev["source"] in corpus, f"{it['id']}: unknown source {ev['source']!r}"
            assert ev["quote"] in corpus[ev["source"]], (
                f"{it['id']}: quote not found verbatim in {ev['source']}: {ev['quote'][:80]!r}"
            )
            low = ev["quote"].lower()
            assert not any(b in low for b in BOILERPLATE), f"{it['id']}: quote contains boilerplate"


def test_answerable_items_are_backed_by_evidence():
    for it in _items():
        if not it["answerable"]:
            continue
        assert it["type"] != "unanswerable", it["id"]
        assert it["answers"], f"{it['id']}: no answers"
        assert it["answer_parts"], f"{it['id']}: no answer_parts"
        assert it["evidence"], f"{it['id']}: no evidence"
        flat = {v for part in it["answer_parts"] for v in part}
        if len(it["answer_parts"]) == 1:
            assert it["answer_parts"] == [it["answers"]], f"{it['id']}: answer_parts != [answers]"
        else:
            assert flat == set(it["answers"]), f"{it['id']}: answers should list every part's variants"
        joined = " ".join(ev["quote"] for ev in it["evidence"]).lower()
        for part in it["answer_parts"]:
            assert any(v.lower() in joined for v in part), f"{it['id']}: no variant of {part} appears in the evidence"
        if it["type"] in MULTI:
            assert len(it["evidence"]) >= 2, f"{it['id']}: multi-passage item needs 2+ evidence quotes"
        if it["type"] == "multi_article":
            assert len({ev["source"] for ev in it["evidence"]}) >= 2, f"{it['id']}: needs 2+ articles"


def test_unanswerable_items_are_empty():
    for it in _items():
        if it["answerable"]:
            continue
        assert it["type"] == "unanswerable", it["id"]
        assert it["answers"] == [], it["id"]
        assert it["answer_parts"] == [], it["id"]
        assert it["evidence"] == [], it["id"]


def test_required_items_present():
    by_id = {it["id"]: it for it in _items()}
    expected = {
        "caravan-size-trump": (
            "How many migrants were in the caravan that Trump attacked Mexico over?",
            {"1,500", "1500"},
        ),
        "safe-third-country-minister": (
            "Which Mexican foreign minister rejected the safe third country idea?",
            {"Marcelo Ebrard", "Ebrard"},
        ),
        "border-patrol-agents": (
            "How many additional Border Patrol agents would Biden's package fund?",
            {"1,300", "1300"},
        ),
    }
    for id_, (question, answers) in expected.items():
        assert id_ in by_id, f"missing required item {id_}"
        assert by_id[id_]["question"] == question
        assert by_id[id_]["answerable"] is True
        assert answers <= set(by_id[id_]["answers"])
    wc = by_id.get("world-cup-2022")
    assert wc is not None and wc["answerable"] is False
    assert wc["question"] == "Who won the 2022 World Cup?"


def test_mix_counts():
    items = _items()
    types = Counter(it["type"] for it in items)
    assert len(items) >= 60
    assert sum(not it["answerable"] for it in items) >= 12
    assert types["multi_passage"] + types["multi_article"] >= 6
    for t in ("name", "number", "date", "place", "why", "how"):
        assert types[t] >= 1, f"no {t} questions"
    answerable = [it for it in items if it["answerable"]]
    assert sum(it["paraphrased"] for it in answerable) * 2 >= len(answerable)


def test_every_occurrence_of_an_evidence_quote_counts(tmp_path):
    """News pages repeat their lead paragraph: a passage holding either copy holds the evidence."""
    from eval.datasets import gold_dataset

    lead = "The caravan of 1,500 migrants crossed the river."
    (tmp_path / "a.txt").write_text(f"Title\n\n{lead}\n\nAd\n\n{lead}\n\nMore.", encoding="utf-8")
    row = {
        "id": "q",
        "question": "How many?",
        "answerable": True,
        "answers": ["1,500"],
        "evidence": [{"source": "a.txt", "quote": lead}],
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(row), encoding="utf-8")
    [item] = gold_dataset(tmp_path / "gold.jsonl", tmp_path).items
    first = 7
    second = first + len(lead) + 6
    assert item.evidence == [("a.txt", first, first + len(lead)), ("a.txt", second, second + len(lead))]
