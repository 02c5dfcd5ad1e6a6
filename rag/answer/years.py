"""The year (or the quarter) a question asks of, and a sentence that answers for other ones only.

"What were wine exports worth in 2023?" is not answered by "…exports of wine were worth 420
million marks in 2024": the sentence gives the same fact for another year, the commonest near
miss of the invented news probes (their kind (a): "the same fact for another year, place, group
or person than the one the story gives"), and the issue's "Who was the US ambassador to Mexico in
2018?" answered from a sentence dated December 2023. Neither the sentence evidence nor the reader
told the two apart: both match every word but the year. Such an answer is refused when no
document it cites speaks of the year asked (unasked_year: refusing every one of them refused an
answerable gold question in session 25), and marked unsure, with the years it gives, when one
does (QueryPath._with_doubt; README: Reader).

The rule is narrow on purpose. A question's year counts only when it is asked of (after "in",
"during", "of", "on" or "for", perhaps with a day and a month: "on 8 December 2004"), not when it
describes something the question names ("the band formed in Dunmere in 1988", "the novelist who
died on 2 October 2005": a multi-hop question's bridge, whose page holds that year while the
answer's does not). A sentence counts against it only when it names years, none of them the asked
one, spans included ("the academic year 2009-10" covers 2010), and nothing in it dates it without
a year ("last year", "this year", "in May", "since 2014": those may well be the year asked).
Measured on the development sets (README: Reader) before any reported set was run.

The clause that gives the short answer is read too (answered_for_another_year, session 58): "…
14.6 billion dinars last year, up from 13.2 billion dinars in 2023" gives 13.2 billion for 2023
alone, whatever "last year" elsewhere in the sentence may be, and "this year, compared with …
2024" is a year after 2024. Such an answer is refused whatever its documents name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer import UNSURE
from rag.retrieve.evidence import MONTHS, YEAR

# A year asked of: after a preposition of a point in time, perhaps with a day and a month between
# ("in 2021", "on 8 December 2004", "as of 21 February 2006", "in early 2019"), or the year a
# forecast or a budget is for ("What inflation does the bank expect for 2027?" was answered with
# the forecast for 2026, a break-it helper's news page); not a bound or a
# span ("since 2021", "from 2009 to 2012": a sentence with a later year may answer), nor a
# year that opens a span or names a period ("in 2009-10").
_ASKED = re.compile(
    rf"\b(?:in|during|of|on|for)\s+(?:(?:early|late|mid-?)\s*)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
    rf"(?:(?:{MONTHS})\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?((?:1[89]|20)\d\d)\b(?!\s*[-–/]\s*\d)",
    re.I,
)
# What opens a description before the year: a relative word after the question's opening words
# ("the city that absorbed the village in 1894"), or a participle that no auxiliary governs ("the
# band formed in Dunmere in 1988", "the car maker set up in Marlestead in 1907"; "were deported
# in 2022" asks of the year). The text before the year's preposition is searched with " in"
# added, so that a participle right before it counts as well.
_DESCRIBED = re.compile(
    r"(?<!^)(?<!^in )(?<!^of )(?<!^for )(?<!^at )(?<!^on )\b(?:who|whom|whose|that|which|where)\b"
    r"|(?<!\bis )(?<!\bwas )(?<!\bare )(?<!\bwere )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )"
    r"(?<!\bhas )(?<!\bhave )(?<!\bhad )(?<!\bget )(?<!\bgot )"
    r"\b(?:[a-z]+ed|born|built|written|made|won|held|known|run|begun|drawn|given|taken|sold|shown|seen|set|led"
    r"|found)(?:\s+(?:up|out|off|down|over))?\s+(?:in|on|at|during|by)\b",
    re.I,
)
# A span of years a sentence covers: "2009-10", "1911 to 1925", "between 2019 and 2021".
_SPAN = re.compile(r"\b((?:1[89]|20)\d\d)\s*(?:[-–/]|to|and|through)\s*((?:1[89]|20)?\d\d)\b")
# What dates a sentence without naming the year: it may be the year asked.
_UNNAMED = re.compile(
    r"\b(?:(?:last|this|next|previous|past|same|that) year|a year (?:earlier|before|later|ago)|years? ago"
    rf"|since (?:(?:{MONTHS})\s+)?(?:1[89]|20)\d\d|(?:in|since|by|until|last|this|next|early|late) (?:{MONTHS})\b(?!\s+\d))",
    re.I,
)


def asked_years(question: str) -> set[int]:
    """The years `question` asks of (none for a year that describes what it names)."""
    return {int(m.group(1)) for m in _ASKED.finditer(question) if not _DESCRIBED.search(question[: m.start()] + " in")}


def years_covered(sentence: str) -> set[int]:
    """The years `sentence` names, each year of a span it names included."""
    years = {int(y) for y in YEAR.findall(sentence)}
    for a, b in _SPAN.findall(sentence):
        lo, hi = int(a), int(b) if len(b) == 4 else int(a[:2] + b)
        if lo < hi <= lo + 50:
            years |= set(range(lo, hi + 1))
    return years


def names_another_year(question: str, sentence: str) -> bool:
    """`sentence` gives its fact for other years than the one `question` asks of."""
    asked = asked_years(question)
    if not asked or _UNNAMED.search(sentence):
        return False
    named = years_covered(sentence)
    return bool(named) and not asked & named


def dated_by_its_document(question: str, sentence: str, document: str) -> bool:
    """`sentence` names no year and dates itself no other way, and its document names years, none
    of them the one `question` asks of: "Who was elected mayor of Río Claro in 2019?" quoting
    "Begoña Ibáñez … was elected mayor of Río Claro" from a story that says "held its council
    election on 3 May 2015"."""
    asked = asked_years(question)
    if not asked or years_covered(sentence) or _UNNAMED.search(sentence):
        return False
    named = years_covered(document)
    return bool(named) and not asked & named


def another_year_note(question: str, sentence: str, document: str = "") -> str | None:
    """The note of an answer quoting `sentence` when it gives its fact for other years than the
    one `question` asks of, or names none while its `document` names only others; None otherwise."""
    asked = " or ".join(str(y) for y in sorted(asked_years(question)))
    if names_another_year(question, sentence):
        named = " and ".join(dict.fromkeys(YEAR.findall(sentence)))
        return f"{UNSURE} the question asks about {asked}; the quoted sentence speaks of {named}. Check the quoted passage."
    if document and dated_by_its_document(question, sentence, document):
        named = sorted({int(y) for y in YEAR.findall(document)})
        said = " and ".join(map(str, named)) if len(named) <= 3 else f"{named[0]} to {named[-1]}, never {asked}"
        return (
            f"{UNSURE} the question asks about {asked}; the quoted sentence names no year, and its document "
            f"speaks of {said}. Check the quoted passage."
        )
    return None


def unasked_year(question: str, sentence: str, cited: Sequence[str]) -> str | None:
    """Why an answer quoting `sentence` is refused: it gives its fact for other years than the one
    `question` asks of (names_another_year), and none of the `cited` documents (their texts) names
    the year asked. None when one does: the year is then its document's to date ("Smith, first
    elected in 2015, won again" in a story of the 2019 election answers "Who won in 2019?"), and
    the answer keeps its note. "How many people did Alvessia deport in 2021?" was answered
    "11,400" of "11,400 in 2022, 14,950 in 2023 and 16,280 in 2024", marked unsure (a break-it
    helper's news page): the story says nothing of 2021."""
    asked = asked_years(question)
    if not asked or not names_another_year(question, sentence):
        return None
    if any(asked & years_covered(text) for text in cited):
        return None
    wanted = " or ".join(str(y) for y in sorted(asked))
    return f"The quoted documents never speak of {wanted}; the quoted sentence gives its fact for another year."


# A quarter of a year: "Q3", "3Q", "the third quarter". "How many safety incidents were there in
# Q2 2024?" was answered "3" from "… 3 minor incidents in Q1 2024", and "What was the gross margin
# in Q3 2023?" from a sentence of the second quarter, sure and unmarked (break-it helpers'
# invented reports and minutes): the year check knows no quarters.
_QUARTER = re.compile(r"\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter)\b", re.I)
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def quarters(text: str) -> set[int]:
    """The quarters `text` names (1 to 4)."""
    return {int(m[1] or m[2]) if (m[1] or m[2]) else _NTH[m[3].lower()] for m in _QUARTER.finditer(text)}


def another_quarter_note(question: str, sentence: str) -> str | None:
    """The note of an answer quoting `sentence` when it names quarters, none of them one that
    `question` names; None otherwise."""
    asked, named = quarters(question), quarters(sentence)
    if not asked or not named or asked & named:
        return None
    said = " and ".join(f"Q{q}" for q in sorted(named))
    wanted = " or ".join(f"Q{q}" for q in sorted(asked))
    return f"{UNSURE} the question asks about {wanted}; the quoted sentence speaks of {said}. Check the quoted passage."


# What closes the clause a short answer is given in: "They sent home a record 14.6 billion dinars
# last year, up from 13.2 billion dinars in 2023" gives 13.2 billion for 2023 alone.
# A figure set beside another: "up from", "compared with", "against".
_MOVED = r"(?:up|down|rising|falling|rose|fell)"
_COMPARED = r"compared (?:with|to)|against"
_CLAUSE_END = re.compile(
    rf"[,;:()\[\]—–]|\s-\s|\b{_MOVED} (?:from|to)\b|\b(?:{_COMPARED})\b|\b(?:while|whereas|but|and then)\b",
    re.I,
)


# A year spoken of as this one or the last ...
_THIS_OR_LAST = re.compile(r"\b(?:this|last) year\b", re.I)
# ... and the earlier year a sentence compares it with ("up from 1.9 million in 2023", "compared
# with 31,000 hectares in the whole of 2024").
_SINCE_BASE = re.compile(
    rf"\b(?:{_MOVED} from|{_COMPARED})\b[^;]{{0,60}}?\b(?:in|of|for)\s+"
    r"(?:the\s+(?:whole|end|start|first half|second half)\s+of\s+)?((?:1[89]|20)\d\d)\b(?!\s*[-–/]\s*\d)",
    re.I,
)


def answered_for_another_year(question: str, sentence: str, short_answer: str | None) -> str | None:
    """Why `short_answer`, quoted from `sentence`, answers for another year than the one `question`
    asks of: the clause that gives it names years, none of them the asked one, and nothing dates
    that clause otherwise ("last year", "in May"), while the sentence names the asked year nowhere.
    "How much money did foreign workers send home in 2022?" answered "13.2 billion dinars" of
    "… 14.6 billion dinars last year, up from 13.2 billion dinars in 2023" (the held-out news
    stories: the "last year" elsewhere in the sentence had kept the sentence from counting as
    another year's). None otherwise."""
    asked = asked_years(question)
    if not asked or not short_answer or asked & years_covered(sentence):
        return None
    at = sentence.find(short_answer)
    if at < 0:
        return None
    ends = [(m.start(), m.end()) for m in _CLAUSE_END.finditer(sentence)]
    start = max((e for s, e in ends if e <= at), default=0)
    end = min((s for s, e in ends if s >= at + len(short_answer)), default=len(sentence))
    clause = sentence[start:end]
    # Years the clause gives its fact for ("in 2024", "for 2023"), not ones that describe a thing
    # it names ("from their 2006 peak", "for the 2014–15 season").
    named = {int(m.group(1)) for m in _ASKED.finditer(clause)}
    wanted = " or ".join(str(y) for y in sorted(asked))
    if _THIS_OR_LAST.search(clause) and (base := _SINCE_BASE.search(sentence)) and max(asked) <= int(base[1]):
        # "… this year, compared with 31,000 hectares in the whole of 2024": this year comes after
        # the year it is compared with, so it is not 2023.
        return f"The quoted sentence gives its answer for a year after {base[1]}, not for {wanted}."
    if _UNNAMED.search(clause) or not named or asked & years_covered(clause):
        return None
    said = " and ".join(str(y) for y in sorted(named))
    return f"The quoted sentence gives its answer for {said}, not for {wanted}."
