"""Names the question asks about that the quoted documents never write.

"Who is the mayor of Tolvik?" was answered "Jorunn Kessel" from a story about Brenzow's mayor,
sure and unmarked: the reader reads one passage at a time and takes a fact of the kind asked from
whatever passage it is given, and the evidence found the question's other words there. A
document that never names the place, person or body the question asks about does not say it of
them. Such an answer is refused when its documents write none of the names the question asks
about, or not a later word of a longer name ("the Arena Velka", "Ostwyn Athletic F.C.": a
document writing the words before it names another arena or club) while writing no other name
of the question whole, and noted otherwise: a question of two parts or two things may quote one
of them only ("… both the Chiapas caravan and the June 5 caravan …", the gold set's, refused
when this first refused on any name missing).
Development sets (held-out news stories, news2, SQuAD-train dev and the probes, answers of
session 54): 24 answers refused, 16 to questions the documents do not answer, 7 wrong, 1 right
("In England, what is hunted …?" of a page that never says England); 11 noted, 2 of them right.
"""

from __future__ import annotations

import re

from rag.index.lexical import STOP, folded, words
from rag.retrieve.evidence import MONTHS, spelled_out
from rag.text.days import DAYS

# Capitalised but no name: a day or a month (rag.answer.weekdays and rag.answer.years read
# those), a question word opening a second sentence ("… not a bug fix. Where should I post?").
_NO_NAME = set(DAYS) | set(MONTHS.split("|")) | {"what", "which", "who", "whom", "whose", "when", "where", "why", "how"}
# A name is written in a document when a word there begins as it does: its first letters but
# the last three ("Brenmark" of "Brenmarkish", "Mexic" of "Mexican", "Lusari" of "Lusarians"),
# never fewer than five; a shorter name whole, and then a longer word counts ("Peru" in
# "Peruvian", and "Kess" in "Kessel": a refusal wrongly made costs more than one not made).
_WHOLE_UP_TO = 5


def _plain(text: str) -> str:
    """As words are read (folded: Latin letters without accents), lowercased, with no dots in
    acronyms ("U.S." is "us")."""
    return folded(text).lower().replace(".", "")


def _name(word: str) -> str:
    """A word of a question as a name: without a possessive's "'s"."""
    return re.sub(r"['’]s$", "", word)


def names_asked(question: str) -> list[str]:
    """The capitalised words of `question` past its first that may name something, as typed
    (a possessive's "'s" dropped): not "I" ("I'm"), a small word typed with a capital ("in What year";
    an acronym is a name, "US" no "us"), a day, a month or a number."""
    out = []
    for i, w in enumerate(words(question)):
        base = _name(w)
        plain = _plain(base)
        if i == 0 or not base[:1].isupper() or base == "I" or base.startswith(("I'", "I’")) or not plain[:1].isalpha():
            continue
        if base.isupper() and len(base) > 1 or plain not in STOP and plain not in _NO_NAME:  # "US" is no "us"
            out.append(base)
    return out


def unnamed(question: str, texts: list[str]) -> list[str]:
    """names_asked(question) that none of `texts` writes, nor spells out as an acronym's words
    ("UK": "United Kingdom")."""
    plain: list[str] | None = None  # read as words only when the text as written does not hold a name
    out = []
    for name in names_asked(question):
        word = _plain(name)
        if len(word) > 3 and word.endswith("s"):
            word = word[:-1]  # a plural: "How many Smart Plugs …?" of a list's "Smart Plug"
        stem = word if len(word) <= _WHOLE_UP_TO else word[: max(_WHOLE_UP_TO, len(word) - 3)]
        held = re.compile(r"(?<![a-z0-9])" + re.escape(stem), re.I)
        if any(held.search(t) for t in texts):
            continue
        # Folding a whole document costs ~80 ms a megabyte here: only for a name not found as written
        # ("Rio" of "Río", "US" of "U.S.").
        plain = plain if plain is not None else [_plain(t) for t in texts]
        if any(held.search(t) for t in plain):
            continue
        if name.isupper() and 2 <= len(name) <= 5 and any(spelled_out(name).search(t) for t in texts):
            continue
        out.append(name)
    return out


def of_a_longer_name(question: str, name: str) -> bool:
    """Does `name` follow another capitalised word of `question` (past its first) that may name
    something, as a longer name's later word? Not its first word: a document may write a person
    by the surname alone ("Biden" for "Joe Biden"); nor after "The" (SQuAD's "Who wrote the poem
    The Mark of Anarchy?" of a page that writes "The Masque of Anarchy": refused by the first
    version, caught before it landed)."""
    ws = words(question)
    return any(
        _name(w) == name and _plain(_name(ws[i - 1])) not in STOP | _NO_NAME and ws[i - 1][:1].isupper()
        for i, w in enumerate(ws[2:], 2)
    )


def _name_runs(question: str) -> list[list[str]]:
    """names_asked(question) in runs of consecutive words: one run a name ("Ostwyn Athletic F.C.")."""
    asked = set(names_asked(question))
    runs: list[list[str]] = [[]]
    for i, w in enumerate(words(question)):
        if i > 0 and _name(w) in asked:
            runs[-1].append(_name(w))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def says_of_another(question: str, missing: list[str]) -> bool:
    """Do the quoted documents, writing none of `missing` (unnamed()), speak of something other
    than what `question` asks about: they write none of the names it asks about, or not a later
    word of a longer name while writing no other name of the question whole. A question naming
    two things may quote one of them only: "Are both magazines, the Woman's Viewpoint and Pick Me
    Up, British publications?" quoting Pick Me Up's page is a comparison's to judge (refused by
    the first version: HotpotQA-30's false refusals over the gate's 0.04, caught before it
    landed)."""
    if not missing:
        return False
    if len(missing) == len(names_asked(question)):
        return True
    whole = [run for run in _name_runs(question) if not set(run) & set(missing)]
    return not whole and any(of_a_longer_name(question, n) for n in missing)
