"""Eval datasets as one shape: questions with evidence spans, plus the corpus folder they ask about.

- the gold set (eval/gold/*.jsonl) over corpus/: evidence is a verbatim quote, and a passage
  counts when it covers the quote;
- SQuAD v1.1 dev ∩ XQuAD-en (eval/benchmarks/squad-xquad-en/): evidence is the gold paragraph,
  and a passage counts when it overlaps it. Its 48 articles are written out as .txt documents
  (title line, blank line, article text) and indexed with our own chunking.
- HotpotQA-100 (eval/benchmarks/hotpotqa-100/): multi-hop; evidence is the two gold pages, whole,
  and a passage counts when it lies on one. Its 994 pages are written out as .txt documents.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eval.spans import Span, SpanMatch, covers, overlaps
from rag.errors import BadQuestion, RagError
from rag.ingest.loaders import TEXT_SUFFIXES, load_document
from rag.text.question import checked_question

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "eval" / "gold" / "corpus.jsonl"
SQUAD_DIR = REPO / "eval" / "benchmarks" / "squad-xquad-en"
HOTPOT_DIR = REPO / "eval" / "benchmarks" / "hotpotqa-100"


@dataclass
class EvalItem:
    id: str
    question: str
    answerable: bool
    answers: list[str]
    answer_parts: list[list[str]] | None
    evidence: list[Span]
    kind: str
    # Multi-hop sets: the documents that hold the supporting facts, all of which an answer needs
    # (scored as recall@k, both-gold@k and citation coverage); None elsewhere.
    gold_pages: list[str] | None = None

    def gold(self) -> dict:
        gold = {"answerable": self.answerable, "answers": self.answers, "answer_parts": self.answer_parts}
        if self.gold_pages is not None:
            gold["gold_pages"] = self.gold_pages
        return gold


@dataclass
class Dataset:
    name: str
    corpus_dir: Path
    items: list[EvalItem]
    match: SpanMatch


def check_questions(dataset: Dataset, limit: int) -> None:
    """GoldFileError naming the first question the assistant would refuse to be asked (only
    escape sequences, half a character, longer than `limit`): checked before the index is built,
    such a question stopped the run when its turn came, naming no question."""
    for item in dataset.items:
        try:
            checked_question(item.question, limit)
        except BadQuestion as e:
            raise GoldFileError(f"question {item.id!r} of {dataset.name}: {e}") from None


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class GoldFileError(ValueError):
    """A gold set the harness cannot read: names the file, the line and what to fix (the CLI
    prints it and exits 2; a malformed line was a JSONDecodeError or KeyError traceback)."""


def _gold_rows(path: Path) -> list[tuple[int, dict]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as e:  # was a traceback
        raise GoldFileError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8") from None
    for n, line in enumerate(lines, 1):
        # A BOM is no text (Windows editors write one, and files joined with cat hold one per
        # part): json.loads refused it ("Unexpected UTF-8 BOM"), where the settings file and the
        # evidence loader strip it.
        line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        row = _json_line(path, n, line)
        missing = [
            k
            for k in ("id", "question", "answerable", "answers", "evidence")
            if not isinstance(row, dict) or k not in row
        ]
        if missing:
            raise GoldFileError(
                f"{path}, line {n}: missing {', '.join(missing)} (each line needs id, question, answerable, "
                'answers and evidence: a list of {"source", "quote"}; see eval/gold/corpus.jsonl)'
            )
        _check_fields(path, n, row)
        rows.append((n, row))
    if not rows:
        # An empty file indexed the corpus, wrote a run folder of "–" and exited 0.
        raise GoldFileError(f"{path}: no questions in it (one JSON object per line; see eval/gold/corpus.jsonl)")
    _check_unique_ids(path, rows)
    return rows


def _json_line(path: Path, n: int, line: str):
    """The line's JSON value, or GoldFileError naming the line. json.loads raises more than
    JSONDecodeError: RecursionError for arrays nested thousands deep, ValueError for a number of
    more digits than Python converts; both were tracebacks."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        why = e.msg
    except RecursionError:
        why = "nested too deeply"
    except ValueError:
        why = f"a number of more than {sys.get_int_max_str_digits()} digits"
    raise GoldFileError(f"{path}, line {n}: not a JSON object ({why})")


def _strings(value) -> bool:
    """A list of non-empty strings: an empty variant is contained in nothing (never matched), and
    a string given for a list would be read letter by letter."""
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _check_fields(path: Path, n: int, row: dict) -> None:
    """Refuse the values that load but score wrong without a word: "false" (a string) counted as
    answerable, "answers": "10.0.0.5" was taken for a list, an empty answer matched nothing."""
    where = f"{path}, line {n}"
    if not isinstance(row["id"], str) or not row["id"].strip():
        raise GoldFileError(f'{where}: "id" must be a non-empty string (a short slug, unique in the file)')
    where = f"{where} ({row['id']})"
    if not isinstance(row["question"], str) or not row["question"].strip():
        raise GoldFileError(f'{where}: "question" must be a non-empty string')
    if not isinstance(row["answerable"], bool):
        raise GoldFileError(
            f'{where}: "answerable" must be true or false (JSON booleans, no quotes), not {json.dumps(row["answerable"])}'
        )
    if not _strings(row["answers"]):
        raise GoldFileError(
            f'{where}: "answers" must be a list of non-empty strings, e.g. ["10.0.0.5"] ([] when unanswerable), '
            f"not {json.dumps(row['answers'])}"
        )
    parts = row.get("answer_parts")
    if parts is not None and not (isinstance(parts, list) and all(_strings(p) and p for p in parts)):
        raise GoldFileError(
            f'{where}: "answer_parts" must be a list of required parts, each a non-empty list of non-empty strings, '
            f'e.g. [["1,500", "1500"]] ([] when unanswerable), not {json.dumps(parts)}'
        )
    if not isinstance(row["evidence"], list):
        raise GoldFileError(f'{where}: "evidence" must be a list of {{"source", "quote"}} ([] when unanswerable)')
    # An answerable question without answers was never correct, one without evidence never
    # retrieved nor supported (hit@k and citation support 0); an unanswerable one with evidence
    # counted that evidence in hit@k. All loaded without a word.
    if row["answerable"] and not row["answers"]:
        raise GoldFileError(f'{where}: an answerable question needs "answers" (the short answer and its variants)')
    if row["answerable"] and not row["evidence"]:
        raise GoldFileError(
            f'{where}: an answerable question needs "evidence": the {{"source", "quote"}} that answer it'
        )
    if not row["answerable"] and (row["answers"] or row["evidence"]):
        raise GoldFileError(f'{where}: an unanswerable question has "answers": [] and "evidence": []')
    if "type" in row and not (isinstance(row["type"], str) and row["type"].strip()):
        # 5 or ["name"] failed the report's sort by type after the whole run (a traceback).
        raise GoldFileError(
            f'{where}: "type" must be a short string such as "number" or "name", not {json.dumps(row["type"])}'
        )


def _check_unique_ids(path: Path, rows: list[tuple[int, dict]]) -> None:
    """Results, summaries and resumed runs are keyed by id: a second row with the same id was
    scored as the first's twice and the first dropped from the report."""
    lines: dict[str, list[int]] = {}
    for n, row in rows:
        lines.setdefault(row["id"], []).append(n)
    for qid, ns in lines.items():
        if len(ns) > 1:
            raise GoldFileError(
                f"{path}, lines {', '.join(map(str, ns))}: the id {qid!r} is used {len(ns)} times; "
                "give each question its own id"
            )


def gold_dataset(path: Path = GOLD, corpus_dir: Path = REPO / "corpus", limit: int | None = None) -> Dataset:
    items = []
    for n, row in _gold_rows(path):
        evidence = []
        for ev in row["evidence"]:
            if (
                not isinstance(ev, dict)
                or not isinstance(ev.get("source"), str)
                or not isinstance(ev.get("quote"), str)
            ):
                raise GoldFileError(f'{path}, line {n}: each evidence item needs a "source" and a "quote"')
            if not ev["quote"].strip():
                # "" is found at every offset (and " " nearly so): evidence everywhere, every passage a hit.
                raise GoldFileError(
                    f"{path}, line {n} ({row['id']}): an evidence quote is empty; copy the supporting text "
                    f"from {ev['source']} character for character"
                )
            name = _source_name(path, n, row["id"], ev["source"], corpus_dir)
            source = corpus_dir / name
            if source.exists() and not source.is_file():
                # read_bytes() of a named pipe waits for a writer: `rag eval` hung for good. The
                # index holds regular files only (rag.ingest.corpus), so evidence is in one.
                raise GoldFileError(
                    f"{path}, line {n} ({row['id']}): its evidence source {ev['source']!r} in {corpus_dir} is no "
                    "regular file (a folder, a named pipe, a device or a socket): name a document of the corpus"
                )
            try:
                # Read as the indexer reads it (the text document_text returns, which citation
                # offsets point into): read_text() turned "\r\n" into "\n" and kept a BOM, so
                # evidence in a Windows file drifted a character per line and scored unsupported.
                text = load_document(source, name, source.read_bytes()).text
            except (OSError, RagError) as e:
                raise GoldFileError(
                    f"{path}, line {n}: cannot read its evidence source {ev['source']!r} in {corpus_dir} ({e})"
                ) from None
            # Offsets point into the document's text as the index holds it: the file itself for
            # text files, the text extracted from an HTML page or a PDF (what citations quote).
            spans = quote_spans(text, ev["quote"])
            if not spans:
                hint = (
                    ""
                    if source.suffix.lower() in TEXT_SUFFIXES
                    else " (quote the text extracted from it, as `rag ask` cites it)"
                )
                raise GoldFileError(f"{path}, line {n} ({row['id']}): evidence quote not found in {ev['source']}{hint}")
            evidence += [(name, a, b) for a, b in spans]
        items.append(
            EvalItem(
                row["id"],
                row["question"],
                row["answerable"],
                row["answers"],
                row.get("answer_parts"),
                evidence,
                row.get("type", ""),
            )
        )
    if limit:
        items = _spread(items, limit)
    return Dataset(path.stem + (f"-{limit}" if limit else ""), corpus_dir, items, covers)


def _source_name(path: Path, n: int, qid: str, name: str, corpus_dir: Path) -> str:
    """The evidence source `name` as the index names it: its path relative to the corpus folder,
    in POSIX form. "./alpha.txt", "notes//a.txt" or an absolute path into the corpus named the
    file the index calls "alpha.txt" or "notes/a.txt" otherwise, and so matched no passage (hit@1,
    hit@k and support 0). A source outside the corpus folder, resolved as the indexer resolves
    links (it skips those leading out), is refused: it is in no passage, and "../x" was read
    without a word."""
    resolved = _resolved(path, n, name, corpus_dir)
    root = corpus_dir.resolve()
    if not resolved.is_relative_to(root):
        raise GoldFileError(
            f"{path}, line {n} ({qid}): the evidence source {name!r} is outside the corpus "
            f"folder {corpus_dir}; name a file in that folder (relative to it), or pass --corpus"
        )
    # Named as rag.ingest.corpus names it: a link to a file is indexed under its own name, the
    # files of a linked folder where they really are (and an absolute path may reach the corpus
    # through another link to it than --corpus).
    full = corpus_dir / name
    folder = _resolved(path, n, str(full.parent), corpus_dir)
    if full.name not in ("", "..") and folder.is_relative_to(root):
        return (folder / full.name).relative_to(root).as_posix()
    return resolved.relative_to(root).as_posix()


def _resolved(path: Path, n: int, name: str, corpus_dir: Path) -> Path:
    """The evidence source `name` resolved in the corpus folder, or GoldFileError naming the line:
    a NUL in the name (ValueError) or a link that leads back to itself (RuntimeError) were
    tracebacks."""
    try:
        return (corpus_dir / name).resolve()
    except (OSError, ValueError, RuntimeError) as e:
        raise GoldFileError(
            f"{path}, line {n}: cannot read its evidence source {name!r} in {corpus_dir} ({e})"
        ) from None


def squad_dataset(work_dir: Path, limit: int | None = None, data_dir: Path = SQUAD_DIR) -> Dataset:
    """Write the articles into work_dir/corpus (once) and map gold paragraphs to their spans."""
    corpus_dir = work_dir / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    paragraph_spans: dict[str, Span] = {}
    for art in read_jsonl(data_dir / "corpus_articles.jsonl"):
        head = f"{art['title']}\n\n"
        path = corpus_dir / f"{art['doc_id']}.txt"
        body = head + art["text"]
        _write_if_changed(path, body)
        for p in art["paragraphs"]:
            paragraph_spans[p["para_id"]] = (path.name, len(head) + p["start"], len(head) + p["end"])
    rows = read_jsonl(data_dir / "questions.jsonl")
    if limit:
        rows = _spread(rows, limit)
    items = [
        EvalItem(
            r["id"],
            r["question"],
            True,
            r["answers"],
            None,
            [paragraph_spans[r["gold_paragraph_id"]]],
            "squad",
        )
        for r in rows
    ]
    return Dataset("squad-xquad-en" + (f"-{limit}" if limit else ""), corpus_dir, items, overlaps)


def _write_if_changed(path: Path, text: str) -> None:
    """Rewrite a benchmark page only when it differs, so an index over the folder stays fresh."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def hotpotqa_dataset(
    work_dir: Path, limit: int | None = None, distractors: int | None = None, data_dir: Path = HOTPOT_DIR
) -> Dataset:
    """Write the pages into work_dir/corpus and make each gold page, whole, an evidence span.

    distractors=N indexes a smaller pool: each question's gold pages plus the N other pages most
    like it (`_similar_pages_ranker`), instead of all 994 pages. The folder then holds exactly that pool
    (pages from an earlier, larger run are removed), so the index built from it is that pool's.
    """
    pages = {r["file"]: r["text"] for r in read_jsonl(data_dir / "corpus.jsonl")}
    rows = read_jsonl(data_dir / "questions.jsonl")
    if limit:
        rows = _spread(rows, limit)
    keep = set(pages)
    if distractors is not None:
        rank = _similar_pages_ranker(pages)
        keep = {f for r in rows for f in r["gold_files"]}
        keep |= {f for r in rows for f in rank(r["question"], distractors, r["gold_files"])}
    corpus_dir = work_dir / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for path in corpus_dir.glob("*.txt"):
        if path.name not in keep:
            path.unlink()
    for name in sorted(keep):
        path = corpus_dir / name
        _write_if_changed(path, pages[name])
    items = [
        EvalItem(
            r["id"],
            r["question"],
            True,
            r["answers"],
            None,
            [(f, 0, len(pages[f])) for f in r["gold_files"]],
            r["type"],
            gold_pages=list(r["gold_files"]),
        )
        for r in rows
    ]
    name = "hotpotqa-100" + (f"-{limit}" if limit else "") + (f"-d{distractors}" if distractors is not None else "")
    return Dataset(name, corpus_dir, items, overlaps)


class ChoiceError(ValueError):
    """The options ask for a dataset that makes no sense (the CLI prints it and exits 2)."""


def selected(
    benchmark: str | None,
    *,
    limit: int | None,
    distractors: int | None,
    work: str | Path | None,
    gold: str | Path | None,
    corpus: str | Path | None,
    index: str | Path | None,
) -> tuple[Dataset, Path | None]:
    """The dataset `rag eval` runs and the index folder for it (None: the caller's default).

    A benchmark is written into its work folder (default .rag/bench, .rag/bench-hotpotqa) and
    indexed in work/index; without one, the gold set (default GOLD) over the corpus folder (default
    corpus/), indexed in `index`. Raises ChoiceError for --distractors without hotpotqa, and for a
    gold set, corpus or index with a benchmark.
    """
    if distractors is not None and benchmark != "hotpotqa":
        raise ChoiceError("--distractors only applies to --benchmark hotpotqa: add that, or drop --distractors")
    given = [option for option, value in (("--gold", gold), ("--corpus", corpus), ("--index", index)) if value]
    if benchmark and given:
        # They were ignored without a word: the run scored the benchmark, not the gold set asked for.
        listed = given[0] if len(given) == 1 else f"{', '.join(given[:-1])} and {given[-1]}"
        raise ChoiceError(
            f"{listed} {'does' if len(given) == 1 else 'do'} not apply to --benchmark {benchmark}, "
            "which indexes its own corpus in --work: drop --benchmark to run a gold set, or drop "
            f"{'it' if len(given) == 1 else 'them'}"
        )
    if benchmark == "hotpotqa":
        # Its own folder: the pool differs with --distractors, and must never mix with SQuAD's pages.
        work_dir = Path(work or ".rag/bench-hotpotqa")
        return hotpotqa_dataset(work_dir, limit=limit, distractors=distractors), work_dir / "index"
    if benchmark:
        work_dir = Path(work or ".rag/bench")
        return squad_dataset(work_dir, limit=limit), work_dir / "index"
    gold_path = Path(gold) if gold else GOLD
    corpus_dir = Path(corpus) if corpus else REPO / "corpus"
    return gold_dataset(gold_path, corpus_dir, limit=limit), Path(index) if index else None


_WORD = re.compile(r"\w+")


def _terms(text: str) -> Counter:
    words = _WORD.findall(text.lower())
    return Counter(words + [f"{a} {b}" for a, b in zip(words, words[1:])])


def _similar_pages_ranker(pages: dict[str, str]):
    """rank(question, n, exclude): the n pages most like the question by word uni- and bigram
    TF-IDF (cosine; ties by name). HotpotQA chose its distractors by bigram TF-IDF against the
    question, so this rebuilds a pool of the same kind. Plain Python: 994 short pages take a second."""
    docs = {name: _terms(text) for name, text in sorted(pages.items())}
    df = Counter(t for terms in docs.values() for t in terms)
    idf = {t: math.log(len(docs) / c) for t, c in df.items()}

    def vector(terms: Counter) -> dict[str, float]:
        v = {t: (1 + math.log(c)) * idf.get(t, 0.0) for t, c in terms.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    vectors = {name: vector(terms) for name, terms in docs.items()}

    def rank(question: str, n: int, exclude: list[str]) -> list[str]:
        q = vector(_terms(question))
        scores = sorted(
            (-sum(w * d.get(t, 0.0) for t, w in q.items()), name) for name, d in vectors.items() if name not in exclude
        )
        return [name for _, name in scores[:n]]

    return rank


def _spread(rows: list, n: int) -> list:
    """A fixed subset spread evenly over the file (so over all articles), the same every run."""
    if n >= len(rows):
        return rows
    step = len(rows) / n
    return [rows[int(i * step)] for i in range(n)]


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of every occurrence of an evidence quote (news pages repeat their
    lead paragraph, and every occurrence counts). Word for word first; failing that, letters and
    digits alone, case folded: a quote of a PDF's sentence is written as a reader reads the page
    ("infrastructure", one space between words), where the text extracted from it may break the
    line or hyphenate the word ("infrastruc-" / "ture"), and that is for the extraction to get
    right or wrong, not for the gold file to copy."""
    spans = []
    start = text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    if spans:
        return spans
    at = [i for i, ch in enumerate(text) if ch.isalnum()]
    letters = "".join(text[i] for i in at).casefold()
    wanted = "".join(ch for ch in quote if ch.isalnum()).casefold()
    # casefold() keeps the length of letters and digits but for a few ("ß" -> "ss"); where it
    # does not, only the word-for-word match counts.
    if not wanted or len(letters) != len(at):
        return []
    start = letters.find(wanted)
    while start >= 0:
        spans.append((at[start], at[start + len(wanted) - 1] + 1))
        start = letters.find(wanted, start + 1)
    return spans
