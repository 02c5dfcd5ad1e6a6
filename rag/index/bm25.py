"""BM25 over the passages (saved with the index by rag/index/lexical_index.py).

Built exactly as llama-index's BM25Retriever builds it (bm25s, the English Snowball stemmer,
bm25s' English stop words, the token pattern `(?u)\\b\\w\\w+\\b`, Lucene BM25 with bm25s'
defaults), so rankings are the same. We call bm25s directly because that retriever can only be
saved with its whole corpus as JSON nodes, and because importing llama_index.core for it cost
~1.8 s of every cold start.

Building and saving the index need no bm25s at all: the words are split and stemmed as
bm25s.tokenize does, the score matrix is bm25s' arithmetic, and the files are bm25s' own format,
which bm25s loads to answer (tests/index/test_bm25.py holds each to bm25s). Importing bm25s
imports scipy: 0.13 s of a one-changed-file `rag index`, more while the embedder runs beside it.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from rag.text.controls import INVISIBLE
from rag.types import Passage

log = logging.getLogger(__name__)

TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # llama-index's BM25Retriever default


@functools.cache
def stemmer():
    """The English Snowball stemmer, one for the process (BM25 and the term statistics)."""
    import Stemmer

    return Stemmer.Stemmer("english")


def _quiet() -> None:
    # bm25s sets its own logger to DEBUG on import; that is noise on a user's terminal.
    logging.getLogger("bm25s").setLevel(logging.WARNING)


# bm25s' English stop words (bm25s.stopwords.STOPWORDS_EN, a test checks they are the same), kept
# here so that tokenising does not import bm25s.
STOPWORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with".split()
)
# bm25s.BM25()'s defaults, which its saved params record (a test checks them).
K1, B, DELTA = 1.5, 0.75, 0.5
_split = re.compile(TOKEN_PATTERN).findall


def folded(text: str) -> str:
    """`text` with compatibility characters as the letters they stand for (NFKC): fullwidth
    letters, ligatures ("ﬁnance"), superscript digits; and without the characters that show
    nothing inside a word (rag.text.controls.INVISIBLE: "Karen Lo\u200bpez" was "Lo" and "pez").
    What the words of a passage and of a question are read from, never what is stored or quoted:
    "Who is the warehouse manager?" did not match "Ｔｈｅ ｗａｒｅｈｏｕｓｅ ｍａｎａｇｅｒ ｉｓ Lee Park"
    and was answered with another person. Latin letters lose their accents, as a user typing
    "Rio Claro" or "Alvaro Pena" expects: both were refused over a story of "Río Claro" and
    "Álvaro Peña" (tests/retrieve/test_evidence.py), and so do the letters no accent makes ("Søren
    Åberg" is "Soren Aberg", "Łódź" "Lodz"). A typographic apostrophe is the typewriter's: "Who is
    Jose Nunez’s deputy?", as a phone types it, named "nunez’", which no passage holds, and was
    refused."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    # str.translate looks up every character: only for the texts that hold one to change (a third
    # of the time of reading a passage's words went to it).
    if _INVISIBLE_CHARS.search(text):
        text = text.translate(INVISIBLE)
    if _NOT_ASCII_LETTERS.search(text):
        text = text.translate(_AS_ASCII)
    # Only the marks on a Latin letter: a mark of another script (Devanagari's vowel signs,
    # Hebrew's points) is part of how its words are spelled.
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text)))


# Latin letters that no decomposition takes apart, as they are written without them; the
# typographic apostrophes (right and left quotation marks, the modifier letter) as "'".
_AS_ASCII = str.maketrans(
    {
        **dict(zip("øØłŁđĐħĦıðÐ’‘ʼ", "oOlLdDhHidD" + "'" * 3)),
        **{"æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ẞ": "SS", "þ": "th", "Þ": "Th"},
    }
)
_INVISIBLE_CHARS = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")
_NOT_ASCII_LETTERS = re.compile("[" + "".join(map(chr, _AS_ASCII)) + "]")
# Combining accents after a letter of the Latin alphabets (Basic Latin to Latin Extended-B, and
# Latin Extended Additional: "ệ" is e and two marks once decomposed).
_LATIN_MARKS = re.compile(r"(?<=[A-Za-z\u00c0-\u024f\u1e00-\u1eff])[\u0300-\u036f]+")


def bm25_tokens(texts: list[str]) -> tuple[list[str], list[list[int]]]:
    """Each text's tokens (stemmed, stop words out, repeats kept) as ids into the returned words:
    bm25s.tokenize(folded texts, stopwords="en", stemmer=English Snowball, token_pattern=TOKEN_PATTERN)
    token for token (its ids are in another order, which means nothing)."""
    raw: dict[str, int] = {}
    rows = []
    for text in texts:
        rows.append([raw.setdefault(t, len(raw)) for t in _split(folded(text).lower()) if t not in STOPWORDS])
    stems = stemmer().stemWords(list(raw))
    words: dict[str, int] = {}
    stem_id = [words.setdefault(stem, len(words)) for stem in stems]
    return list(words), [[stem_id[i] for i in row] for row in rows]


def bm25_words(text: str) -> list[str]:
    """The stemmed words of a question, as bm25_tokens reads a passage."""
    words, rows = bm25_tokens([text])
    return [words[i] for i in rows[0]]


def _score_matrix(rows, n_vocab: int, k1: float, b: float) -> dict:
    """bm25s' Lucene BM25 scores as its CSC matrix (a column per token, its passages in order).

    The arithmetic follows bm25s.scoring step by step (float64 term-frequency part, float32 IDF,
    the product stored as float32) so that every score is bit for bit what bm25s computes."""
    n_docs = len(rows)
    lengths = rows.lengths()
    avg = lengths.mean() if n_docs else 0.0
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    # (token, passage) pairs sorted by token then passage: the CSC order; the counts are the tfs.
    pair, tf = np.unique(rows.values.astype(np.int64) * max(n_docs, 1) + doc, return_counts=True)
    token = pair // max(n_docs, 1)
    doc = pair - token * max(n_docs, 1)
    df = np.bincount(token, minlength=n_vocab)
    idf = np.zeros(n_vocab, dtype=np.float32)
    for t in np.flatnonzero(df):
        d = int(df[t])
        idf[t] = math.log(1 + (n_docs - d + 0.5) / (d + 0.5))
    tf = tf.astype(np.float32)
    tfc = tf / (k1 * ((1 - b) + b * lengths[doc] / avg) + tf)
    return {
        "data": (idf[token] * tfc).astype(np.float32),
        "indices": doc.astype(np.int32),
        "indptr": np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(df)]).astype(np.int32),
        "num_docs": n_docs,
    }


class BM25Index:
    """Passage ids ranked by BM25 for a query. Invariant: row i of the score matrix is ids[i]."""

    def __init__(self, ids: list[str], scores: dict, vocab: dict[str, int], bm25=None):
        """The score matrix (bm25s' CSC dict) and vocabulary; `bm25`: the bm25s.BM25 they were
        loaded with, else one is made of them when a question first needs it."""
        self.ids = ids
        self._scores, self._vocab = scores, vocab
        self._loaded = bm25

    @property
    def _bm25(self):
        if self._loaded is None:
            import bm25s

            _quiet()
            bm25 = bm25s.BM25()
            if (bm25.k1, bm25.b, bm25.delta, bm25.method, bm25.idf_method) != (K1, B, DELTA, "lucene", "lucene"):
                raise RuntimeError("bm25s' defaults changed: check rag/index/bm25.py (K1, B, DELTA)")
            bm25.scores, bm25.vocab_dict = self._scores, self._vocab
            bm25.unique_token_ids_set = set(self._vocab.values())
            bm25.nonoccurrence_array = None
            self._loaded = bm25
        return self._loaded

    @classmethod
    def over(cls, passages: list[Passage]) -> BM25Index:
        """BM25 alone over these passages, from their words read afresh (the word indexes build
        it beside the term statistics from kept words instead: LexicalIndex.build)."""
        from rag.index.documents import embedding_text
        from rag.index.tokens import Ragged

        vocab, rows = bm25_tokens([embedding_text(p.title, p.text) for p in passages])
        return cls.of([p.id for p in passages], vocab, Ragged.of(rows))

    @classmethod
    def of(cls, ids: list[str], vocab: list[str], rows) -> BM25Index:
        """From each passage's tokens (`rows`, a rag.index.tokens.Ragged of ids into `vocab`).

        The score matrix bm25s' own `index` builds, the same numbers to the bit (a test checks
        it), but vectorised: bm25s counts each passage's tokens in a Python loop (1.6 s at 100k
        passages)."""
        words = dict(zip(vocab, range(len(vocab))))
        scores = _score_matrix(rows, len(words), K1, B)
        if "" not in words:  # as bm25s' index() does, after the matrix (so it has no column)
            words[""] = len(words)
        return cls(ids, scores, words)

    @classmethod
    def load(cls, folder: Path, ids: list[str]) -> BM25Index:
        """Memory-mapped: the start of a large index reads only what questions touch."""
        import bm25s

        _quiet()
        try:
            bm25 = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
            sc = bm25.scores
            n, data, indices, indptr = int(sc.get("num_docs", -1)), sc["data"], sc["indices"], sc["indptr"]
            words = bm25.vocab_dict.values()
        except (EOFError, zipfile.BadZipFile, TypeError, KeyError, AttributeError) as e:
            raise ValueError(f"damaged saved BM25 index ({type(e).__name__}: {e})") from e
        if n != len(ids):
            raise ValueError(f"the saved BM25 index holds {n} passages, not {len(ids)}")
        # Checked here, not at the first question: a damaged array would fail mid-answer.
        if not (
            len(data) == len(indices) == int(indptr[-1])
            and len(indptr) - 1 <= len(words)
            and (not len(indices) or (int(indices.min()) >= 0 and int(indices.max()) < n))
            and (not len(words) or (min(words) >= 0 and max(words) < len(indptr)))
        ):
            raise ValueError("the saved BM25 index is inconsistent")
        return cls(ids, bm25.scores, bm25.vocab_dict, bm25)

    def save(self, folder: Path) -> None:
        """In bm25s' format (BM25.save's files), which BM25.load reads back."""
        import importlib.metadata

        folder.mkdir(parents=True, exist_ok=True)
        for name in ("data", "indices", "indptr"):
            np.save(folder / f"{name}.csc.index.npy", self._scores[name], allow_pickle=False)
        (folder / "vocab.index.json").write_text(json.dumps(self._vocab, ensure_ascii=False), encoding="utf-8")
        params = {
            "k1": K1,
            "b": B,
            "delta": DELTA,
            "method": "lucene",
            "idf_method": "lucene",
            "dtype": "float32",
            "int_dtype": "int32",
            "num_docs": self._scores["num_docs"],
            "version": importlib.metadata.version("bm25s"),
            "backend": "numpy",
        }
        (folder / "params.index.json").write_text(json.dumps(params, indent=4), encoding="utf-8")

    def search(self, query: str, k: int) -> list[str]:
        """Ids of the best k passages with a positive score, best first (ties: index order).

        Scores come from bm25s; the top k are taken among the passages that score at all.
        bm25s' own top-k (np.argpartition over every passage) took 28 ms a question at 100k
        passages, because argpartition is slow on an array that is almost all zeros."""
        return [pid for pid, _ in self.scored(query, k)[0]]

    def scored(self, query: str, k: int) -> tuple[list[tuple[str, float]], Callable[[str], float]]:
        """search()'s k best with their scores, and the score of any passage (0.0 where no word
        of the query is in it): a fusion of scores needs both lists' scores for each candidate."""
        words = bm25_words(query)
        if not words:
            return [], lambda pid: 0.0
        scores = self._bm25.get_scores(words)
        rows = np.flatnonzero(scores > 0)
        best = rows[np.lexsort((rows, -scores[rows]))][:k]
        row = self._rows
        return [(self.ids[int(r)], float(scores[r])) for r in best], lambda pid: float(scores[row[pid]])

    @functools.cached_property
    def _rows(self) -> dict[str, int]:
        return {pid: i for i, pid in enumerate(self.ids)}
