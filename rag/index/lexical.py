"""Word-level evidence: which question terms a sentence contains, weighted by rarity (IDF).

Uses PyStemmer and bm25s' English stop words, as BM25 does (rag/index/bm25.py), so "migrants"
matches "migrant" and "the" counts for nothing.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from rag.index.bm25 import STOPWORDS, folded, stemmer

# A word as the word indexes see it: letters of any script ("Núñez" was "N" and "ez", so a sentence
# naming "Begoña Ibáñez" named no one), perhaps with an apostrophe inside; or a number.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*")


# How words are read, saved with the word indexes and each passage's words (rag.index.tokens):
# saved ones of another version are read again from the passages' texts, and their vectors kept.
# 2: words are letters of any script, and Latin letters lose their accents (WORD, bm25.folded);
# 3: and ø, ł, æ, ß… are written as o, l, ae, ss, a typographic apostrophe as "'"; 4: a
# hyphenated word is also a word run together (_COMPOUND); 5: a number written in words is its
# digits (NUMBER_WORDS).
WORDS_VERSION = 5
# A hyphenated word, also read run together: "Wi-Fi" is "wi", "fi" and "wifi", so that "Is there
# wifi?" finds it, and "wifi" is no misspelt word (rag.retrieve.spelling read it as "wife").
# From where a word starts, taken whole: from every letter of a long word the pattern read to its
# end (a 20,000-letter word with a hyphen in its text: seconds per text; session 61's scan).
_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")

# Numbers written in words, as their digits: "Who ran the ferry for 40 years?" of "run … for forty
# years", as news writes numbers under ten and round ones. Not "one" ("no one", "the one that").
_UNITS = "two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {
    **{w: str(n) for n, w in enumerate(_UNITS, 2)},
    **{w: str(n) for n, w in enumerate(_TEENS, 10)},
    **{w: str(n) for n, w in zip(range(20, 100, 10), _TENS)},
    **{f"{t}-{u}": str(n + m) for n, t in zip(range(20, 100, 10), _TENS) for m, u in enumerate(["one", *_UNITS], 1)},
}

# Question words matter for answer type, not for matching.
STOP = STOPWORDS | {"many", "much", "did", "does", "whose", "according", "said", "say", "says"}


def words(text: str) -> list[str]:
    return WORD.findall(folded(text))


def terms(text: str) -> list[str]:
    """Stemmed, lowercased content words; numbers lose their thousands commas (1,500 == 1500), and
    one written in words is its digits ("forty" == "40"); a hyphenated word's parts, then the word
    run together ("e-books": "e", "book", "ebook"; "forty-two": "40", "2", "42")."""
    text = folded(text)
    out = []
    for w in WORD.findall(text):
        lw = w.lower()
        if lw in STOP:
            continue
        out.append(lw.replace(",", "") if lw[0].isdigit() else NUMBER_WORDS.get(lw, lw))
    if "-" in text:
        for c in _COMPOUND.findall(text):
            lc = c.lower()
            out.append(NUMBER_WORDS[lc] if lc in NUMBER_WORDS else lc.replace("-", ""))
    return stemmer().stemWords(out)


class TermStats:
    """Document frequencies over the indexed passages, for IDF weights."""

    def __init__(self, texts: list[str]):
        self.n = max(len(texts), 1)
        self.df: Counter[str] = Counter()
        for t in texts:
            self.df.update(set(terms(t)))

    @classmethod
    def of(cls, tokens) -> TermStats:
        """From kept tokens (a rag.index.tokens.PassageTokens): what TermStats(their texts) counts."""
        stats = cls([])
        stats.n = max(len(tokens.ids), 1)
        counts = np.bincount(tokens.terms.values, minlength=len(tokens.term_vocab))
        stats.df = Counter({tokens.term_vocab[i]: int(counts[i]) for i in np.flatnonzero(counts)})
        return stats

    @classmethod
    def from_json(cls, data: dict) -> TermStats:
        stats = cls([])
        stats.n, stats.df = data["n"], Counter(data["df"])
        return stats

    def to_json(self) -> dict:
        return {"n": self.n, "df": dict(self.df)}

    def idf(self, term: str) -> float:
        return math.log(1 + (self.n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))

    def known(self, term: str) -> bool:
        return term in self.df

    def coverage(self, question_terms: list[str], sentence_terms: set[str]) -> float:
        """Share of the question's IDF mass that the sentence contains."""
        total = sum(self.idf(t) for t in set(question_terms))
        if total == 0:
            return 0.0
        return sum(self.idf(t) for t in set(question_terms) if t in sentence_terms) / total
