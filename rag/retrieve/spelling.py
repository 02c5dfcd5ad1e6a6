"""A misspelt word of the question read as the corpus word one typing slip away.

"Who was elected mayr of Rio Claro?" was answered "The town" (the reader at 56 %, no doubt noted):
no document holds "mayr", so keyword search and the word evidence matched the question's other
words only, and the embedder reads "mayr" as "may" and "##r". A word is read as another when all
of these hold, so that a question spelt right is asked as typed:

- it is typed in lowercase Latin letters, four or more, and stands alone (a capitalised word is a
  name, which a document may well not hold: "Who won the 2022 World Cup?" is refused for that;
  "athists" of "Ba'athists" is no word);
- no indexed passage holds its stem (a hyphenated word is held run together too: "wifi" over
  "Wi-Fi" was read as "wife"; rag.index.lexical.terms), and it is no English word (pyspellchecker's dictionary,
  160,572 words with their frequencies: "lender" and "refereed" over a corpus that says neither
  are asked as typed, where they were read as "leader" and "referred");
- one edit away (a letter dropped, added, changed, or two swapped: pyspellchecker's
  `edit_distance_1`), with its first letter kept (a slip there is rare: "dept" was read as
  "kept"), lie words of four letters or more whose stems the passages hold (or stop words:
  "mcuh" is "much"), and one
  stem among them is the likeliest English word by ten times or more, or the only one ("mayr":
  "mayor", 1.5e-5, not "mays", 8.9e-8, whose stem "may" the passages hold from "3 May 2015";
  "prce" over a corpus with "price" and "pace", 9 times as frequent, is asked as typed).

A question typed in capitals only is read in lowercase, its first letter kept: every word of
"HOW LONG IS THE WARRANTY" was a capitalised name ("LONG" one that no passage holds, so it was
refused), and "WHEN WILL THE FOOTBRIGE OPEN?" had no lowercase word to respell.

Measured on the development sets with one slip in a word of every question (a word of five
letters or more, seed 45; SQuAD *train* dev and the held-out news stories): README, Questions
with a typing slip.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rag.index.bm25 import stemmer
from rag.index.lexical import STOP

# A word as typed: letters of any script, with an apostrophe or a hyphen inside ("Ba'athists"),
# not the letters of a code ("DS" of "DS7021" was read as "Data Science", and "Science7021" was
# then a code no document names; "AS" of "AS-206", SQuAD's Apollo flight, "Agreement on Social").
_TYPED = re.compile(r"(?<![\w-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w-])")
_LOWER_LATIN = re.compile(r"[a-z]{4,}")
MIN_LETTERS = 4
# An acronym as typed ("CFO", "UK"), and a run of capitalised words that may spell one out.
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+(?:(?:of|for|and|the|on|in|to)[ \t]+)?[A-Z][a-z]+){1,4}")
# How much likelier as English the word read must be than any other stem one edit away.
MARGIN = 10.0


@dataclass(frozen=True)
class Respelling:
    """Invariant: typed == question[start:end] of the question as read (a question in capitals in
    lowercase)."""

    typed: str
    read_as: str
    start: int
    end: int


@dataclass(frozen=True)
class SpeltQuestion:
    """A question as typed and as read: `text` is `typed` with each respelling's word replaced."""

    typed: str
    text: str
    respellings: tuple[Respelling, ...] = ()

    def note(self) -> str | None:
        """What the answer says of the respellings, or None when there were none."""
        if not self.respellings:
            return None
        read = ", ".join(f"“{r.typed}” as “{r.read_as}”" for r in self.respellings)
        return f"Read {read}: no document holds the word as typed."


class Speller:
    """Respells the question's words that no passage holds (see the module's docstring)."""

    def __init__(self, stem_counts: Mapping[str, int], texts: Mapping[str, str] | None = None):
        self._stems = stem_counts  # stem -> passages holding it (TermStats.df)
        self._stem = stemmer().stemWords
        self._english = None  # pyspellchecker's, loaded (0.2 s) when a question first needs it
        # Document texts, read for what an acronym stands for when a question first needs it.
        self._texts = texts
        self._spelled: dict[str, Counter[str]] | None = None

    def read(self, question: str) -> SpeltQuestion:
        typed = question
        if not any(c.islower() for c in question) and len(lowered := question.capitalize()) == len(question):
            question = lowered
        respellings = []
        for m in _TYPED.finditer(question):
            word = m.group()
            if _LOWER_LATIN.fullmatch(word) and word not in STOP and (read_as := self.respelt(word)):
                respellings.append(Respelling(word, read_as, m.start(), m.end()))
            elif _ACRONYM.fullmatch(word) and (read_as := self.spelled_out(word)):
                respellings.append(Respelling(word, read_as, m.start(), m.end()))
        text = question
        for r in reversed(respellings):
            text = text[: r.start] + r.read_as + text[r.end :]
        return SpeltQuestion(typed, text, tuple(respellings))

    def respelt(self, word: str) -> str | None:
        """The spelling `word` is read as, or None."""
        if self._stem([word])[0] in self._stems:
            return None
        english = self._dictionary()
        if word in english:
            return None
        candidates = sorted(
            c
            for c in english.edit_distance_1(word)
            if len(c) >= MIN_LETTERS and (c[0] == word[0] or c[:2] == word[1::-1])
        )
        best: dict[str, tuple[float, str]] = {}  # stem -> (frequency, spelling) of its likeliest spelling
        for spelling, stem in zip(candidates, self._stem(candidates)):
            frequency = english.word_usage_frequency(spelling)
            # A word the passages hold is read as an English word, or as itself when it is no
            # English word (a name of the documents' own: "kubectl"). "viele" of a German question
            # was read as "viewe", no word, whose stem "view" the passages held ("Harbour View
            # Court": a break-it helper's tenancy agreement).
            if frequency == 0 and stem != spelling:
                continue
            # A stop word is in every corpus, though no passage's words count it: "mcuh" is "much".
            if stem in self._stems or spelling in STOP:
                best[stem] = max(best.get(stem, (-1.0, "")), (frequency, spelling))
        ranked = sorted(best.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and not (ranked[0][0] > 0 and ranked[0][0] >= MARGIN * ranked[1][0])):
            return None
        return ranked[0][1]

    def spelled_out(self, acronym: str) -> str | None:
        """What an acronym no passage holds stands for in the documents: the one run of capitalised
        words (small joining words allowed) whose initials spell it that they write most, when
        no other is written as often ("CFO": "Chief Financial Officer"); None otherwise. "Who is
        the CFO?" was refused over a report that says "Chief Financial Officer Marta Ekdahl" (a
        break-it helper's); "How much is shipping to the UK?" was, over "United Kingdom", until
        session 45 (rag.retrieve.evidence._is_spelled_out). The documents are read for such runs
        once, when a question first holds an unknown acronym."""
        if self._texts is None or self._stem([acronym.lower()])[0] in self._stems:
            return None
        if self._spelled is None:
            self._spelled = {}
            for text in self._texts.values():
                for m in _CAPITALISED_RUN.finditer(text):
                    # Each opening stretch of the run: "Chief Financial Officer Marta Ekdahl" holds
                    # "Chief Financial Officer" (a title before a name).
                    words = m.group().split()
                    for end in range(2, len(words) + 1):
                        if not words[end - 1][0].isupper():
                            continue
                        phrase = " ".join(words[:end])
                        initials = "".join(w[0] for w in words[:end] if w[0].isupper())
                        if len(initials) <= 5:
                            self._spelled.setdefault(initials, Counter())[phrase] += 1
        found = self._spelled.get(acronym, Counter()).most_common(2)
        if not found or (len(found) > 1 and found[1][1] == found[0][1]):
            return None
        return found[0][0]

    def _dictionary(self):
        if self._english is None:
            from spellchecker import SpellChecker

            self._english = SpellChecker(language="en", distance=1)
        return self._english
