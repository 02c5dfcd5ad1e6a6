"""The embedder's training triples: a question, the passage that answers it, and a passage that
looks like an answer and is not (same article or story, shares the question's words, lacks the
answer). SQuAD v1.1 train (its held-out articles and XQuAD's titles left out, as for the reader)
and the invented news stories' training half (models/reader/news-training, story S06 held out)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from scripts.reader_training.data import excluded_titles, is_dev_title, read_jsonl
from scripts.reader_training.settings import TRAINING


@dataclass(frozen=True)
class Triple:
    """Invariant: `positive` answers `question` and `negative` (possibly "") does not."""

    question: str
    positive: str
    negative: str
    source: str  # "squad" or "news"


def squad_triples() -> list[Triple]:
    excluded = excluded_titles()
    negatives = {
        r["negative_of"]: r["negative_paragraph"]
        for r in read_jsonl(TRAINING / "squad11_train_hardneg_derived" / "squad11_train_hardneg.jsonl.gz")
    }
    return [
        Triple(r["question"], r["context"], negatives.get(r["id"], ""), "squad")
        for r in read_jsonl(TRAINING / "squad11_train" / "squad11_train.jsonl.gz")
        if not is_dev_title(r["title"]) and r["title"] not in excluded
    ]


def news_triples(count_tokens) -> list[Triple]:
    """Each answerable training question with the passage holding its answer, cut as the index
    cuts a corpus, and the passage of its story most like it that lacks the answer."""
    from scripts.reader_training.news import news_examples

    out: dict[str, Triple] = {}
    for ex in news_examples("train", count_tokens):
        if ex.kind == "news":
            out[ex.question] = Triple(ex.question, ex.context, "", "news")
        elif ex.kind == "news_other" and ex.question in out and not out[ex.question].negative:
            t = out[ex.question]
            out[ex.question] = Triple(t.question, t.positive, ex.context, "news")
    return list(out.values())


def batches_in_order(triples: list[Triple], size: int, seed: int) -> list[list[int]]:
    """Shuffled batches of `size` (the last, shorter one dropped)."""
    order = list(range(len(triples)))
    random.Random(seed).shuffle(order)
    return [order[k : k + size] for k in range(0, len(order) - size + 1, size)]


def candidates(rows: list[Triple]) -> tuple[list[str], list[int]]:
    """The batch's passages, each once, and the place of each question's own among them. A
    passage that answers two questions of the batch is one candidate for both; another's hard
    negative may be a question's own passage (it lacks the other's answer, so it is a true
    negative there)."""
    texts: list[str] = []
    place: dict[str, int] = {}
    for text in [t.positive for t in rows] + [t.negative for t in rows if t.negative]:
        if text not in place:
            place[text] = len(texts)
            texts.append(text)
    return texts, [place[t.positive] for t in rows]
