"""eval.datasets: the shipped HotpotQA-100 data and the pool its gate indexes."""

from __future__ import annotations

import json

import pytest

from eval import datasets
from eval.datasets import quote_spans

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
    d, index = pick("squad", limit=3, work=tmp_path / "squad")
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


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ({"index": "ix"}, "--index does not apply to --benchmark squad, which indexes its own corpus in --work"),
        ({"gold": "g.jsonl", "corpus": "c"}, "--gold and --corpus do not apply to --benchmark hotpotqa"),
    ],
)
def test_a_gold_set_corpus_or_index_with_a_benchmark_is_refused(tmp_path, given, says):
    """--benchmark silently ignored --gold, --corpus and --index: the run scored the benchmark."""
    benchmark = "hotpotqa" if "gold" in given else "squad"
    options = dict(limit=None, distractors=None, work=tmp_path / "w", gold=None, corpus=None, index=None)
    with pytest.raises(datasets.ChoiceError, match=f"^{says}"):
        datasets.selected(benchmark, **{**options, **given})
    assert not (tmp_path / "w").exists()


def _gold_file(tmp_path, *rows: dict):
    """A corpus of one note beside it, a garden note outside it, and a gold file of the rows."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "servers.txt").write_text(
        "Main server IP is 10.0.0.5.\nBackup server IP is 10.0.0.6.\n", encoding="utf-8"
    )
    (corpus / "servers.html").write_text(
        "<html><head><title>Servers</title></head><body><article><p>Main server IP is 10.0.0.5, in the "
        "basement rack of the north building.</p><p>Backup server IP is 10.0.0.6, in the east "
        "building.</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "garden.txt").write_text("The roses bloom in June.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return gold, corpus


def _row(id="main-ip", **kw) -> dict:
    row = {
        "id": id,
        "question": "What is the main server IP?",
        "answerable": True,
        "answers": ["10.0.0.5"],
        "answer_parts": [["10.0.0.5"]],
        "evidence": [{"source": "servers.txt", "quote": "Main server IP is 10.0.0.5."}],
    }
    return {**row, **kw}


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        (
            [_row(), _row("unanswerable", answerable=False, answers=[], answer_parts=[], evidence=[]), _row()],
            "lines 1, 3: the id 'main-ip' is used 2 times; give each question its own id",
        ),
        ([_row(answerable="false")], 'line 1 (main-ip): "answerable" must be true or false'),
        ([_row(answerable=1)], 'line 1 (main-ip): "answerable" must be true or false'),
        (
            [_row(evidence=[{"source": "servers.txt", "quote": ""}])],
            "line 1 (main-ip): an evidence quote is empty",
        ),
        ([_row(answers=["10.0.0.5", ""])], 'line 1 (main-ip): "answers" must be a list of non-empty strings'),
        ([_row(answers="10.0.0.5")], 'line 1 (main-ip): "answers" must be a list of non-empty strings'),
        ([_row(answers=[10])], 'line 1 (main-ip): "answers" must be a list of non-empty strings'),
        ([_row(answer_parts=[["10.0.0.5", " "]])], 'line 1 (main-ip): "answer_parts" must be a list'),
        ([_row(answer_parts=["10.0.0.5"])], 'line 1 (main-ip): "answer_parts" must be a list'),
        (
            [_row(evidence=[{"source": "../other/garden.txt", "quote": "The roses bloom in June."}])],
            "line 1 (main-ip): the evidence source '../other/garden.txt' is outside the corpus folder",
        ),
        ([_row(answers=[], answer_parts=[])], 'line 1 (main-ip): an answerable question needs "answers"'),
        ([_row(answerable=False)], 'line 1 (main-ip): an unanswerable question has "answers": [] and "evidence": []'),
        ([_row(evidence=[])], 'line 1 (main-ip): an answerable question needs "evidence"'),
        ([_row(type=5)], 'line 1 (main-ip): "type" must be a short string such as "number" or "name", not 5'),
        ([_row(type=["name"])], 'line 1 (main-ip): "type" must be a short string'),
        (
            [_row(evidence=[{"source": "servers.html", "quote": "<p>Main server IP is 10.0.0.5."}])],
            "line 1 (main-ip): evidence quote not found in servers.html (quote the text extracted from it",
        ),
    ],
    ids=[
        "duplicate-id",
        "answerable-string",
        "answerable-int",
        "empty-quote",
        "empty-answer",
        "answers-string",
        "answers-not-strings",
        "empty-part-variant",
        "parts-not-lists",
        "source-outside",
        "answerable-without-answers",
        "unanswerable-with-evidence",
        "answerable-without-evidence",
        "type-int",
        "type-list",
        "html-markup-quoted",
    ],
)
def test_a_gold_file_that_would_score_wrong_is_refused_naming_the_line(tmp_path, rows, says):
    """Each of these loaded and was scored wrong without a word: a duplicate id counted the second
    row twice (correctness 0.667 for 0.333), "false" was answerable, an empty quote made every
    passage a hit, a string of answers was read letter by letter, ../ read a file no index holds."""
    gold, corpus = _gold_file(tmp_path, *rows)
    with pytest.raises(datasets.GoldFileError) as e:
        datasets.gold_dataset(gold, corpus)
    assert str(e.value).startswith(f"{gold}, {says}"), str(e.value)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "line 1: not a JSON object (nested too deeply)"),
        ('{"answerable": ' + "9" * 5_000 + "}", "line 1: not a JSON object (a number of more than "),
        (
            json.dumps(_row(evidence=[{"source": "serv\u0000ers.txt", "quote": "Main"}])),
            "line 1: cannot read its evidence source 'serv\\x00ers.txt' in ",
        ),
        (
            json.dumps(_row(evidence=[{"source": "loop.txt", "quote": "Main"}])),
            "line 1: cannot read its evidence source 'loop.txt' in ",
        ),
    ],
    ids=["nested-arrays", "long-number", "nul-in-source", "link-loop"],
)
def test_a_line_python_cannot_read_is_refused_naming_it(tmp_path, line, says):
    """Only JSONDecodeError was caught: arrays nested 100,000 deep (RecursionError), a number of
    5,000 digits (ValueError), a NUL in a source's name and a link to itself (from resolve())
    were tracebacks."""
    gold, corpus = _gold_file(tmp_path, _row())
    (corpus / "loop.txt").symlink_to("loop.txt")
    gold.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(datasets.GoldFileError) as e:
        datasets.gold_dataset(gold, corpus)
    assert str(e.value).startswith(f"{gold}, {says}") and "\n" not in str(e.value), str(e.value)


def _refusal_within(seconds: float, load, pipe) -> str:
    """The GoldFileError `load` raises, within `seconds`: a load blocked reading the pipe fails
    the test (the pipe is then opened and closed, which ends the read), and never hangs it."""
    import os
    import threading

    raised: list[Exception] = []

    def call() -> None:
        try:
            load()
        except datasets.GoldFileError as e:
            raised.append(e)

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        thread.join()
        pytest.fail(f"loading the gold set blocked reading {pipe}")
    assert raised, "no GoldFileError"
    return str(raised[0])


@pytest.mark.parametrize("kind", ["named-pipe", "folder", "link-to-a-pipe"])
def test_an_evidence_source_that_is_no_regular_file_is_refused(tmp_path, kind):
    """A named pipe as a source hung `rag eval` for good (read_bytes() waits for a writer)."""
    import os

    gold, corpus = _gold_file(tmp_path, _row(evidence=[{"source": "odd.txt", "quote": "Main server"}]))
    if kind == "folder":
        (corpus / "odd.txt").mkdir()
    else:
        os.mkfifo(corpus / "pipe")
        if kind == "link-to-a-pipe":
            (corpus / "odd.txt").symlink_to("pipe")
        else:
            (corpus / "pipe").rename(corpus / "odd.txt")
    said = _refusal_within(10, lambda: datasets.gold_dataset(gold, corpus), corpus / "odd.txt")
    assert said == (
        f"{gold}, line 1 (main-ip): its evidence source 'odd.txt' in {corpus} is no regular file "
        "(a folder, a named pipe, a device or a socket): name a document of the corpus"
    )


def test_evidence_in_an_html_page_points_into_its_extracted_text(tmp_path):
    """An HTML page's citations point into the text extracted from it, and so does its evidence
    (a documentation probe set quotes Python's HTML pages)."""
    from rag.ingest.loaders import load_document

    quote = "Backup server IP is 10.0.0.6"
    gold, corpus = _gold_file(tmp_path, _row(evidence=[{"source": "servers.html", "quote": quote}]))
    (item,) = datasets.gold_dataset(gold, corpus).items
    ((source, start, end),) = item.evidence
    page = corpus / "servers.html"
    assert source == "servers.html"
    assert load_document(page, source, page.read_bytes()).text[start:end] == quote
    assert page.read_text(encoding="utf-8")[start:end] != quote  # the file's own offsets differ


def test_an_empty_or_undecodable_gold_file_is_refused(tmp_path):
    """An empty file indexed the corpus, wrote a run of "–" and exited 0; a Latin-1 one was a
    UnicodeDecodeError traceback."""
    gold, corpus = _gold_file(tmp_path, _row())
    gold.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(datasets.GoldFileError, match=r": no questions in it"):
        datasets.gold_dataset(gold, corpus)
    gold.write_bytes('{"id": "caf\u00e9"}\n'.encode("latin-1"))
    with pytest.raises(datasets.GoldFileError, match=r": not UTF-8 text \(invalid continuation byte"):
        datasets.gold_dataset(gold, corpus)


def test_a_gold_file_with_a_bom_loads(tmp_path):
    """A BOM (a Windows editor's, or one per file joined with cat) was refused: "Unexpected UTF-8
    BOM (decode using utf-8-sig)"."""
    gold, corpus = _gold_file(tmp_path)
    rows = [_row(), _row("backup-ip", answers=["10.0.0.6"], answer_parts=None)]
    rows[1]["evidence"] = [{"source": "servers.txt", "quote": "Backup server IP is 10.0.0.6."}]
    gold.write_text("".join("\ufeff" + json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [it.id for it in datasets.gold_dataset(gold, corpus).items] == ["main-ip", "backup-ip"]


def test_an_evidence_source_is_named_as_the_index_names_its_file(tmp_path):
    """ "./servers.txt" or an absolute path into the corpus loaded, but never equalled the index's
    "servers.txt": hit@1, hit@k and support 0. A source is its path in the corpus folder, POSIX;
    a link to a file keeps its own name (the index's), a linked folder's file is where it is."""
    gold, corpus = _gold_file(tmp_path)
    (corpus / "notes").mkdir()
    (corpus / "notes" / "backup.txt").write_text("Backup server IP is 10.0.0.6.\n", encoding="utf-8")
    (corpus / "shortcut.txt").symlink_to("notes/backup.txt")
    (corpus / "linked").symlink_to("notes")
    (tmp_path / "corpus-link").symlink_to("corpus")
    named = {
        "./servers.txt": "servers.txt",
        str(corpus / "servers.txt"): "servers.txt",
        str(tmp_path / "corpus-link" / "servers.txt"): "servers.txt",
        "../corpus/servers.txt": "servers.txt",
        "notes//./backup.txt": "notes/backup.txt",
        "shortcut.txt": "shortcut.txt",
        "linked/backup.txt": "notes/backup.txt",
    }
    rows = [
        _row(f"q{i}", evidence=[{"source": source, "quote": "server IP is 10.0.0."}]) for i, source in enumerate(named)
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items = datasets.gold_dataset(gold, corpus).items
    assert [item.evidence[0][0] for item in items] == list(named.values())


def test_an_absolute_evidence_source_outside_the_corpus_is_refused(tmp_path):
    garden = tmp_path / "other" / "garden.txt"
    gold, corpus = _gold_file(tmp_path, _row(evidence=[{"source": str(garden), "quote": "The roses bloom"}]))
    with pytest.raises(datasets.GoldFileError, match="is outside the corpus folder"):
        datasets.gold_dataset(gold, corpus)


def test_every_shipped_gold_format_file_loads():
    """The gold set and the probe sets pass the checks above (they are what `rag eval --gold` reads)."""
    assert len(datasets.gold_dataset().items) == 108
    from tests.eval.test_probe_set import PROBE_SETS  # the sets, each named there

    for questions in PROBE_SETS:
        d = datasets.gold_dataset(questions, questions.parent / "corpus")
        assert d.items and all(isinstance(it.answerable, bool) for it in d.items)


def test_evidence_offsets_are_those_of_the_indexed_text_for_windows_line_ends_and_a_bom(tmp_path):
    """The loader read files with read_text(): "\r\n" became "\n" and a BOM stayed, so the gold
    offsets drifted from document_text's (a quote after 121 CRLF lines was 242 characters off,
    one in a BOM file ran past its end) and right answers scored unsupported."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "crlf.txt").write_bytes(
        b"Harbour log\r\n\r\n" + b"A quiet day.\r\n" * 40 + b"The pilot on duty is Petra Quist.\r\n"
    )
    (corpus / "bom.txt").write_bytes("\ufeffThe mill was built in 1873.\nThe miller is Jan Oort.\n".encode("utf-8"))
    quoted = {
        "pilot": ("crlf.txt", "The pilot on duty is Petra Quist."),
        "miller": ("bom.txt", "The miller is Jan Oort."),
    }
    rows = [
        _row(
            qid, answers=[quote.split(" is ")[1][:-1]], answer_parts=None, evidence=[{"source": source, "quote": quote}]
        )
        for qid, (source, quote) in quoted.items()
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n" for r in rows), encoding="utf-8"
    )
    from rag.ingest.loaders import load_document  # the text document_text returns

    for item in datasets.gold_dataset(gold, corpus).items:
        ((source, start, end),) = item.evidence
        path = corpus / source
        assert load_document(path, source, path.read_bytes()).text[start:end] == quoted[item.id][1]


def test_a_quote_is_found_word_for_word_and_every_occurrence_counts():
    text = "Lead. The pier opened in 1897. More.\nThe pier opened in 1897."
    assert quote_spans(text, "The pier opened in 1897.") == [(6, 30), (37, 61)]


def test_a_quote_written_as_the_page_reads_is_found_in_text_that_breaks_lines_and_words():
    """A PDF's sentence quoted as a reader reads it ("infrastructure", one space) is found where
    the extracted text hyphenates the word at a line's end; offsets point into the text."""
    text = "Intro.\nThe gettext infrastruc-\nture performs the lookup, using the\nLC_MESSAGES variable. Next."
    [(a, b)] = quote_spans(text, "The gettext infrastructure performs the lookup, using the LC_MESSAGES variable.")
    assert text[a:b] == "The gettext infrastruc-\nture performs the lookup, using the\nLC_MESSAGES variable"
    assert quote_spans(text, "The gettext infrastructure performs a lookup") == []
