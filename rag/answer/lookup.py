"""A table lookup: the row the question names, and the cell under the column it asks for.

"What is Bruno Moreau's phone extension?" over a staff directory is a lookup, not a reading: the
question quotes a cell ("Bruno Moreau") that picks one row, and names a column ("phone", under
"Phone") that picks one cell of it. Sentence evidence and the reader are made for prose; over
an 80-row directory they answered 6 of 20 such questions (rows cut at "ext.", Bruno Sato's
department for Bruno Moreau's, the department asked and the office given). The lookup answers
only when both hold and no other row is named as well, and cites the row it read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rag.answer.grounding import SupportedClaim, cited_answer, refusal
from rag.retrieve.evidence import ScoredSentence, answer_type, holds_answer_type
from rag.text.tables import Range, Row, column_asked, quotes, row_at
from rag.types import Answer


@dataclass(frozen=True)
class LookedUp:
    """The row sentence the question names, and the cell it asks for under its column's name
    (None, None: it names no column). Invariant: sentence.start <= cell[0] <= cell[1] <=
    sentence.end (offsets into the document text); an empty cell (cell[0] == cell[1]) is a value
    the table leaves out."""

    sentence: ScoredSentence
    cell: Range | None
    column: str | None


def looked_up(question: str, sentences: list[ScoredSentence], texts: Mapping[str, str]) -> LookedUp | None:
    """The one row among these sentences that the question names most (by the characters of the
    cells it quotes whole), with the cell under the column it asks for, if it asks for one; None
    when no row is named, or two rows are named alike ("Which office is Bruno in?" over Bruno
    Okafor and Bruno Sato quotes neither's name cell whole)."""
    folded = question.casefold()
    named: list[tuple[int, ScoredSentence, Row]] = []
    seen: set[tuple[str, int]] = set()
    for s in sentences:
        source = s.passage.passage.source
        if not s.text.startswith("|") or (source, s.start) in seen:
            continue
        seen.add((source, s.start))
        row = row_at(texts[source], s.start)
        if row is not None and (n := _named(folded, texts[source], row)):
            named.append((n, s, row))
    most = max((n for n, _, _ in named), default=0)
    best = [(s, row) for n, s, row in named if n == most]
    if len(best) != 1:
        return None
    # The row named most, or none: "Who is speaking at 11:00 in Room Heron?" names one row by
    # its time and room, and another at 11:00 must not answer for it with its own room.
    s, row = best[0]
    text = texts[s.passage.passage.source]
    column = column_asked(question, row, text)
    if column is None:
        column = _typed_column(question, row, text)
    return LookedUp(s, row.cells[column], row.header[column]) if column is not None else LookedUp(s, None, None)


# Answer types a cell shows by its form alone (a time, a date, a number, an amount); a name or a
# place may stand in any column.
_TYPED = ("date", "year", "number", "money", "percent")


def _typed_column(question: str, row: Row, text: str) -> int | None:
    """The one column of the named row whose cell is of the kind the question asks for, when its
    words name no column: "What time does the 08:15 to Tarnbridge get in?" asks for a time, and
    the row's one time the question does not quote is its arrival ("get in" is not "Arrives").
    None when no cell, or more than one, is of that kind."""
    kind = answer_type(question)
    if kind not in _TYPED:
        return None
    folded = question.casefold()
    fits = [
        i
        for i, (a, b) in enumerate(row.cells)
        if b > a and not quotes(folded, text[a:b]) and holds_answer_type(kind, text[a:b], question)
    ]
    return fits[0] if len(fits) == 1 else None


def only_the_named_row(sentences: list[ScoredSentence], found: LookedUp) -> list[ScoredSentence]:
    """The sentences but the other table rows of the named row's document: "When did Tessaly 2.1
    come out?" names 2.1's row and no column ("come out" is not "Released"), and the evidence
    quoted 2.2's row; it reads 2.1's for its answer, or the document's prose."""
    source = found.sentence.passage.passage.source
    return [
        s
        for s in sentences
        if s is found.sentence or not (s.passage.passage.source == source and s.text.startswith("|"))
    ]


def _named(folded_question: str, text: str, row: Row) -> int:
    """How many characters of the row's cells the question quotes, each cell whole."""
    return sum(b - a for a, b in row.cells if quotes(folded_question, text[a:b]))


def answer_of(question: str, found: LookedUp) -> Answer:
    """The cell, then the row it is read from, cited: "ext. 2451 — | Bruno Moreau | Logistics |
    Gdansk | ext. 2451 | 2014 | [1]". No confidence: the reader, trained on prose, did not
    read it (its probability for such a row is no measure of a lookup). A refusal when the cell
    is empty, saying so: "What codename did the 3.0.2 release have?" over a release table whose
    3.0.2 row has none was answered with 3.0's. (Letting the rest of the document answer instead
    was tried on the tables development set: the reader's check, which reads whole passages,
    quoted 3.0's row again and a header row for another question.)"""
    s = found.sentence
    p = s.passage.passage
    a, b = found.cell
    if a == b:
        answer = refusal(question, [s.passage])
        answer.notes = [f"The table row the question names leaves “{found.column}” empty: {s.text}"]
        return answer
    cell = p.text[a - p.start : b - p.start]
    answer = cited_answer(question, [SupportedClaim(s.text, s.passage, s.start, s.end).led_by(cell)])
    answer.short_answer = cell
    return answer
