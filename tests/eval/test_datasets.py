"""eval.datasets: the shipped HotpotQA-100 data and the pool its gate indexes."""

from __future__ import annotations

import pytest

from eval import datasets

pytestmark = pytest.mark.unit


def test_hotpotqa_ships_every_gold_page_and_supporting_sentence():
    pages = {r["file"]: r["text"] for r in datasets.read_jsonl(datasets.HOTPOT_DIR / "corpus.jsonl")}
    rows = datasets.read_jsonl(datasets.HOTPOT_DIR / "questions.jsonl")
    assert (len(pages), len(rows)) == (994, 100)
    assert {r["type"] for r in rows} == {"bridge", "comparison"}
    for r in rows:
        assert len(r["gold_files"]) == 2 and r["answers"]
        for s in r["supporting"]:
            assert s["text"] in pages[s["file"]], (r["id"], s["file"])
    assert (datasets.HOTPOT_DIR / "LICENSE").read_text().startswith("Creative Commons Attribution-ShareAlike 4.0")


def test_hotpotqa_full_pool_and_whole_page_evidence(tmp_path):
    d = datasets.hotpotqa_dataset(tmp_path, limit=4)
    assert d.name == "hotpotqa-100-4" and len(d.items) == 4
    assert len(list(d.corpus_dir.glob("*.txt"))) == 994
    item = d.items[0]
    assert item.gold_pages == [e[0] for e in item.evidence] and item.gold()["gold_pages"] == item.gold_pages
    for source, start, end in item.evidence:  # the whole page is the evidence
        assert (start, end) == (0, len((d.corpus_dir / source).read_text(encoding="utf-8")))
    # the same 4 questions every run, spread over the file
    assert [it.id for it in datasets.hotpotqa_dataset(tmp_path, limit=4).items] == [it.id for it in d.items]


def test_hotpotqa_distractor_pool_is_gold_pages_plus_look_alikes(tmp_path):
    full = datasets.hotpotqa_dataset(tmp_path, limit=3)  # a larger pool first: the small one replaces it
    d = datasets.hotpotqa_dataset(tmp_path, limit=3, distractors=2)
    assert d.name == "hotpotqa-100-3-d2" and [it.id for it in d.items] == [it.id for it in full.items]
    files = {p.name for p in d.corpus_dir.glob("*.txt")}
    gold = {f for it in d.items for f in it.gold_pages}
    assert gold <= files and len(gold) < len(files) <= len(gold) + 3 * 2
    # look-alikes of the kind HotpotQA picked: "The Jump ... Olympic ski jumper" finds the film
    # about that jumper and other ski jumpers' pages
    rank = datasets._similar_pages_ranker(
        {r["file"]: r["text"] for r in datasets.read_jsonl(datasets.HOTPOT_DIR / "corpus.jsonl")}
    )
    first = d.items[0]
    picked = rank(first.question, 2, first.gold_pages)
    assert len(picked) == 2 and not set(picked) & set(first.gold_pages) and set(picked) <= files
    assert rank(first.question, 2, first.gold_pages) == [
        "eddie-the-eagle-film.txt",
        "jim-denney-ski-jumper-born-1957.txt",
    ]
    assert rank(first.question, 0, []) == []


def test_selected_picks_the_dataset_and_its_index_folder(tmp_path):
    def pick(benchmark, **kw):
        options = dict(limit=None, distractors=None, work=None, gold=None, corpus=None, index=None)
        return datasets.selected(benchmark, **{**options, **kw})

    with pytest.raises(datasets.ChoiceError, match="^--distractors only applies to --benchmark hotpotqa"):
        pick("squad", distractors=8, work=tmp_path / "squad")
    assert not (tmp_path / "squad").exists()  # refused before anything is written
    d, index = pick("squad", limit=3, work=tmp_path / "squad", index=tmp_path / "ignored")
    assert (d.name, d.corpus_dir, index) == (
        "squad-xquad-en-3",
        tmp_path / "squad" / "corpus",
        tmp_path / "squad" / "index",
    )
    d, index = pick("hotpotqa", limit=1, distractors=0, work=tmp_path / "hotpot")
    assert (d.name, index) == ("hotpotqa-100-1-d0", tmp_path / "hotpot" / "index")
    d, index = pick(None, limit=2)
    assert (d.name, d.corpus_dir, index) == ("corpus-2", datasets.REPO / "corpus", None)
    assert pick(None, limit=2, index=str(tmp_path / "ix"))[1] == tmp_path / "ix"
