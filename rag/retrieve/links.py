"""Documents that a sentence names by their title: the entity links of a second hop.

In a corpus where each document is about one thing (an encyclopedia page per title, a page per
product, a person, a place), the sentence that answers the first hop of "Which country is the
director of Wild Target from?" names the bridge — "Wild Target is a 2010 film directed by
Jonathan Lynn" — and the corpus holds a document titled "Jonathan Lynn". HippoRAG links the
passages of such a corpus through the entities an LLM extracts; with no LLM we keep only the
links a corpus states itself: a document's title, written out in another document's sentence.
A corpus of news articles, whose titles are headlines, has none, and nothing changes for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rag.retrieve.evidence import ScoredSentence
from rag.types import Passage, ScoredPassage

_WORD = re.compile(r"[^\W_]+")
_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)\s*$")  # "Jonathan Lynn (director)" → "Jonathan Lynn"
# A title of more words is a headline or a sentence, not the name of a thing.
MAX_TITLE_WORDS = 8
# Documents one hop adds to the top k (each takes one of its last places).
LINKS_PER_HOP = 2
# Titles named in the rest of the first hop's passage that are weighed against the question: a
# Wikipedia lead paragraph names a handful; each costs one sentence scoring of its document.
MAX_PASSAGE_LINKS = 6
# Passages of each linked document the reader reads alone when the first hop's answer is the
# bridge itself (rag/answer/reading.py): its best matches to the question, one read each.
READ_PER_LINK = 3


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _title_line(first: Passage) -> str:
    """A document's title when ingest found none: its first passage when that is one word alone
    at the very start ("Botswana" over "Botswana ( ), officially the Republic of Botswana ...").
    Ingest takes a headline of 2-20 words as the title; a one-word first line stays a passage."""
    text = first.text.strip()
    return text if first.start == 0 and len(text.split()) == 1 and text[-1] not in ".!?:;," else ""


class TitleLinks:
    """Which documents of the index a text names by title. Invariant: each title (and its form
    without a trailing disambiguation) maps to the one document that has it; a title two
    documents share names neither."""

    def __init__(self, passages: Iterable[Passage]):
        owner: dict[tuple[str, ...], str | None] = {}
        self._passages: dict[str, list[Passage]] = {}
        self._titles: dict[str, str] = {}
        for p in passages:
            self._passages.setdefault(p.source, []).append(p)
        for source, ps in self._passages.items():
            title = ps[0].title.strip() or _title_line(min(ps, key=lambda p: p.start))
            self._titles[source] = _DISAMBIGUATION.sub("", title)
            for name in {title, _DISAMBIGUATION.sub("", title)}:
                words = _words(name)
                # A name must look like one: some capital or digit in it, at most 8 words.
                if (
                    not words
                    or len(words) > MAX_TITLE_WORDS
                    or not any(w[0].isupper() or w[0].isdigit() for w in words)
                ):
                    continue
                owner[words] = source if owner.get(words, source) == source else None
        self._owner = {w: s for w, s in owner.items() if s is not None}
        self._longest = max((len(w) for w in self._owner), default=0)

    def __bool__(self) -> bool:
        return bool(self._owner)

    def named_in(self, text: str, question: str, exclude: str, limit: int = LINKS_PER_HOP) -> list[str]:
        """The documents `text` names by title, at most `limit`, never `exclude` (the document the
        text is from). Those the question does not name come first, in the order the text names
        them (a bridge the question leaves out is what a second hop is for), then those it names:
        "...chief of staff to Chelsea Clinton at the Clinton Foundation" for "...where are the
        offices of the Clinton Foundation" — the question names the page, the first hop's
        sentence leads to it, and the answer is in it. Matching is on whole words and case
        sensitive, longest title first; a one-word title is not matched as the text's first
        word, where every word is capitalised."""
        if not self._owner:
            return []
        words = _words(text)
        asked = f" {' '.join(_words(question)).casefold()} "
        unnamed: list[str] = []
        named: list[str] = []
        i = 0
        while i < len(words) and len(unnamed) < limit:
            for n in range(min(self._longest, len(words) - i), 0, -1):
                source = self._owner.get(words[i : i + n])
                if source is None or (n == 1 and i == 0):
                    continue
                if source != exclude and source not in unnamed and source not in named:
                    in_question = f" {' '.join(words[i : i + n]).casefold()} " in asked
                    (named if in_question else unnamed).append(source)
                i += n - 1
                break
            i += 1
        return (unnamed + named)[:limit]

    def titled(self, text: str) -> str | None:
        """The document whose title `text` is, whole ("The Aristocats"), or None."""
        return self._owner.get(_words(text))

    def title_of(self, source: str) -> str:
        """The name the document goes by (its title without a trailing disambiguation)."""
        return self._titles.get(source, "")

    def passages_of(self, source: str) -> list[Passage]:
        return self._passages.get(source, [])


@dataclass(frozen=True)
class LinkedHop:
    """The linked hop (both modes): the documents that the first hop's passage names by title,
    each by its passage that best matches the question. Invariant: vias[i] are the document
    offsets of the sentence of origin's passage that names passages[i]'s document."""

    origin: ScoredSentence  # the chosen sentence, as the sentence evidence scored it
    passages: tuple[ScoredPassage, ...]
    sentences: tuple[ScoredSentence, ...]  # the scored sentences of those passages
    vias: tuple[tuple[int, int], ...]
    # For each of `passages`, its document's best READ_PER_LINK passages (itself first): where
    # the bridge's own page may say what the question asks of it.
    pages: tuple[tuple[ScoredPassage, ...], ...] = ()
