"""Invented news stories as reader training pairs (`train_reader.py train --news`).

Every reader trained on SQuAD alone was sure of near misses in news text ("How much did the
economy grow in 2023?" -> "2.6%" from "...grew 2.6% in 2024", p 0.98), and doubted answering
passages of one or two sentences (the caravan's "1,500", p 0.04): Wikipedia paragraphs are
neither. models/reader/news-training/ holds invented stories written for training (fictional
countries, people and numbers; raw web text in twelve site styles) with questions that one sentence
answers and near misses that none does (README there). They are cut into passages exactly as
the index cuts a corpus (boilerplate removed, the index's chunker and settings), so the reader
learns on what it reads at run time:
- "news": the passage holding the evidence quote, with the short answer's span;
- "news_other": for an answerable question, the two passages of the story most like the
  question (words shared) that hold none of its answers;
- "news_unanswerable": for a question the story does not answer, its three passages most like
  the question.
Held out (never trained on): every batch's story S06, for the measurements in the card.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rag.reader.heldout import Example
from scripts.reader_training.settings import MODEL_DIR

NEWS = MODEL_DIR / "news-training"
HELD_OUT_STORY = "S06"
OTHERS_PER_ANSWERABLE = 2
PASSAGES_PER_UNANSWERABLE = 3

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an of in on at to for by with from and or is was were are be been did does do what which who whom "
    "whose when where why how many much that this it its as after before into than their his her they".split()
)


@dataclass(frozen=True)
class Passage:
    """A passage of a story. Invariant: story_text[start:end] == text."""

    start: int
    end: int
    text: str


def token_counter(tokenizer):
    """Word pieces of a text with [CLS] and [SEP], as the index's chunker counts them."""
    return lambda text: len(tokenizer.encode(text).ids) + 2


def story_passages(text: str, count_tokens) -> list[Passage]:
    """The passages the index would hold for a story's loaded text (default settings)."""
    from rag.ingest.boilerplate import content_spans
    from rag.ingest.chunking import Chunker
    from rag.settings import Settings

    s = Settings()
    chunker = Chunker(s.chunk_size, s.chunk_overlap, count_tokens, s.merge_below)
    return [Passage(sp.start, sp.end, text[sp.start : sp.end]) for sp in chunker.split(text, content_spans(text))]


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _most_like(question: str, passages: list[Passage], n: int) -> list[Passage]:
    q = _words(question)
    return sorted(passages, key=lambda p: (-len(q & _words(p.text)), p.start))[:n]


def news_examples(split: str, count_tokens, root: Path = NEWS) -> list[Example]:
    """The training ("train") or held-out ("dev") pairs of every batch under `root`."""
    from rag.ingest.loaders import load_document

    want_dev = split == "dev"
    out: list[Example] = []
    for batch in sorted(p for p in root.iterdir() if (p / "questions.jsonl").is_file()):
        stories: dict[str, tuple[str, list[Passage]]] = {}
        for path in sorted((batch / "corpus").glob("*.txt")):
            if path.name.startswith(HELD_OUT_STORY) != want_dev:
                continue
            text = load_document(path, path.name, path.read_bytes()).text
            stories[path.name] = (text, story_passages(text, count_tokens))
        for line in (batch / "questions.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            source = row["evidence"][0]["source"] if row["answerable"] else _story_of(row["id"], stories)
            if source not in stories:
                continue
            text, passages = stories[source]
            q = row["question"]
            if not row["answerable"]:
                out += [
                    Example(q, p.text, 0, kind="news_unanswerable")
                    for p in _most_like(q, passages, PASSAGES_PER_UNANSWERABLE)
                ]
                continue
            quote = row["evidence"][0]["quote"]
            answer = row["answers"][0]
            start = text.find(quote)
            if start < 0:
                raise ValueError(f"{batch.name}/{row['id']}: its quote is not in {source} as loaded")
            start += quote.index(answer)
            end = start + len(answer)
            holding = [p for p in passages if p.start <= start and end <= p.end]
            if holding:
                p = holding[0]
                out.append(Example(q, p.text, 1, start - p.start, end - p.start, "news"))
            answers = [a.lower() for a in row["answers"] if a]
            others = [p for p in passages if not any(a in p.text.lower() for a in answers)]
            out += [Example(q, p.text, 0, kind="news_other") for p in _most_like(q, others, OTHERS_PER_ANSWERABLE)]
    return out


def _story_of(question_id: str, stories: dict[str, tuple[str, list[Passage]]]) -> str | None:
    """An unanswerable question's story, from its id ("n1-S03-q14" -> the batch's S03 file)."""
    tag = question_id.split("-")[1]
    return next((name for name in stories if name.startswith(tag + "_")), None)
