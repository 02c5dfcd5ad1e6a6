"""The one grammar of cited text: what an [n] marker is, and where a sentence ends.

Grounding writes "sentence [n]"; a model may write "sentence [1, 3]." or "sentence. [2]"; the UI
links the markers; eval checks each marker against the sentence it follows. All of them read the
text with the rules below, so eval measures with the sentence rule the grounding used.

A sentence ends at . ! or ? (closing quotes/brackets and the markers that follow stay with it)
before whitespace or the end of a line, and at every line break. A period after an abbreviation
("U.S.", "J.", "e.g.", "c.", "Mr.") ends nothing when the next word is a capitalised name, lower
case or a number ("c. 1711"): "…shakes hands with U.S. Ambassador Ken Salazar…" is one sentence. It does end the sentence
before a word that opens sentences ("…moved to the U.S. The family followed."). Telling a name
from an opener needs a lexicon we don't have, so openers are a closed list of function words;
a name right after a sentence-final "U.S." is read as one sentence, which only lengthens it.
NLTK's Punkt (ingest) still makes its own calls: merging its cuts with this rule (tried) moved
two answers of the SQuAD-200 gate to worse sentences (hit@1 0.84 → 0.835), so ingest keeps
Punkt's sentences for now and "…with U.S. [1]" can still end a quoted answer.
"""

from __future__ import annotations

import re

# One citation, as grounding writes it: "[3]".
MARKER = re.compile(r"\[(\d+)\]")
# What a model may write: "[3]", "[1, 3]", "[1;3]". Group 1 holds the numbers.
MARKER_LIST = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
# Eat the whitespace before a marker so "Paris [1]." becomes "Paris." and not "Paris .".
_MARKER_WITH_SPACE = re.compile(r"\s*\[\d+(?:\s*[,;]\s*\d+)*\]")
# End of a sentence: terminal punctuation, closing quotes/brackets, then any markers that follow
# ("Paris. [1]" keeps [1] with its sentence), then whitespace or the end of the line.
# (From where a run of stops starts, taken whole: from every dot of a long "……" it read to the
# run's end; session 61's scan of every pattern.)
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)]*(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])*(?=\s|$)")
# A word ending in one of these + "." is an abbreviation: initials and initialisms ("J.", "U.S.",
# "e.g.", "D.C.") and titles that precede a name.
# An apostrophe opens a quote only after a space: "Newcomen's." ends in a possessive, not "s.".
_INITIALISM = re.compile(r"(?:^|[\s(\"“‘]|(?<![A-Za-z])')((?:[A-Za-z]\.)*[A-Za-z])\.?$")
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "jr",
    "sr",
    "vs",
    "approx",
    "ca",
    "gen",
    "gov",
    "sen",
    "rep",
    "lt",
    "col",
    "capt",
    "sgt",
    "rev",
    "hon",
    "pres",
}
_LAST_WORD = re.compile(r"([A-Za-z]+)\.?$")
# Capitalised words that open sentences rather than name someone: after "U.S." they mean a new
# sentence ("…in the U.S. Then he left.").
_OPENERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "none",
    "one",
    "what",
    "who",
    "which",
    "where",
    "when",
    "why",
    "how",
    "if",
    "while",
    "as",
    "at",
    "in",
    "on",
    "of",
    "for",
    "from",
    "to",
    "by",
    "with",
    "after",
    "before",
    "since",
    "until",
    "although",
    "though",
    "because",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "then",
    "however",
    "also",
    "still",
    "now",
    "today",
    "meanwhile",
    "instead",
    "thus",
    "such",
    "other",
    "another",
    "during",
    "despite",
    "later",
    "earlier",
    "once",
    "even",
    "only",
    "just",
    "more",
    "several",
    "last",
    "next",
    "over",
    "under",
    "about",
}
_NEXT_WORD = re.compile(r"\s*[\"'“‘(]*(\w[\w'’-]*)")


def marker(n: int) -> str:
    """Citation n as written after its sentence."""
    return f"[{n}]"


def marker_numbers(text: str) -> list[int]:
    """Every citation number in text, in order, lists included ("[1, 3]" gives 1 and 3)."""
    return [int(n) for m in MARKER_LIST.findall(text) for n in re.split(r"[,;]", m)]


def strip_markers(text: str) -> str:
    """text without its [n] markers (and the space before each)."""
    return _MARKER_WITH_SPACE.sub("", text).strip()


def ends_in_abbreviation(before: str) -> bool:
    """`before` (text up to a period, without it or with it) ends in an abbreviation."""
    before = before.rstrip()
    if _INITIALISM.search(before):
        return True
    m = _LAST_WORD.search(before)
    return bool(m) and m.group(1).lower() in _TITLES


def sentence_continues(before: str, after: str) -> bool:
    """A period ends `before`; does the sentence go on into `after`? Only after an abbreviation,
    and then unless the next word is a capitalised sentence opener ("The", "Then", "He")."""
    if not ends_in_abbreviation(before):
        return False
    m = _NEXT_WORD.match(after)
    if not m:  # a dash, a symbol, the end: let the period end the sentence
        return False
    word = m.group(1)
    if word[0].isdigit():  # "c. 1711", "No. 5", "approx. 300"
        return True
    return not (word[0].isupper() and word.lower() in _OPENERS)


def cut_inside_sentence(text: str, start: int, end: int, next_start: int) -> bool:
    """A sentence splitter's cut between text[start:end] and the sentence at next_start falls
    inside one sentence: the first part ends in an abbreviation's period and the sentence goes
    on ("…shakes hands with U.S." | "Ambassador Ken Salazar…"). A line break is always a break."""
    return (
        end > start
        and text[end - 1] == "."
        and "\n" not in text[end:next_start]
        and sentence_continues(text[start : end - 1], text[next_start:])
    )


def cited_sentences(text: str) -> list[tuple[str, list[int]]]:
    """Split text into sentences and the [n] markers each one carries (in or after it).

    Sentences come back without their markers (a sentence without markers with an empty list);
    a marker repeated within one sentence counts once. Lines are split first (answers may be
    bullet lists); a chunk that is only markers (e.g. "[2]" on its own line) goes with the
    sentence before it.
    """
    chunks: list[str] = []
    for line in text.splitlines():
        pos = 0
        for m in _SENTENCE_END.finditer(line):
            closed_by_markers = "[" in m.group()  # the writer cited here: the sentence ends
            if (
                m.group().startswith(".")
                and not closed_by_markers
                and sentence_continues(line[pos : m.start()], line[m.end() :])
            ):
                continue
            chunks.append(line[pos : m.end()])
            pos = m.end()
        chunks.append(line[pos:])

    result: list[tuple[str, list[int]]] = []
    for chunk in chunks:
        sentence, markers = strip_markers(chunk), list(dict.fromkeys(marker_numbers(chunk)))
        if not sentence:
            if markers and result:
                prev_text, prev_markers = result[-1]
                result[-1] = (prev_text, list(dict.fromkeys(prev_markers + markers)))
            continue
        result.append((sentence, markers))
    return result
