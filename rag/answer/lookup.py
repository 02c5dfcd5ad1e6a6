"""A lookup in a record: the table row (or labelled block) the question names, and the cell
under the column (or the value under the label) it asks for.

"What is Bruno Moreau's phone extension?" over a staff directory is a lookup, not a reading: the
question quotes a cell ("Bruno Moreau") that picks one row, and names a column ("phone", under
"Phone") that picks one cell of it. Sentence evidence and the reader are made for prose; over
an 80-row directory they answered 6 of 20 such questions (rows cut at "ext.", Bruno Sato's
department for Bruno Moreau's, the department asked and the office given). A block of
"Label: value" lines under its name (rag/text/fields.py) is read the same way: "What is the
phone number of Lindqvist AB?" quoted "Lindqvist AB" and nothing else. The lookup answers only
when one record is named more than any other, and cites what it read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from rag.answer.grounding import SupportedClaim, cited_answer, refusal
from rag.answer.persons import asks_who
from rag.index.bm25 import folded, stemmer
from rag.index.lexical import terms
from rag.ingest.markup import markup_of
from rag.retrieve.evidence import MONTHS, ScoredSentence, answer_type, asked_terms, holds_answer_type
from rag.text.days import days_named
from rag.text.fields import record_at
from rag.text.ranges import holds_quantity, in_unit_asked
from rag.text.tables import (
    Range,
    Row,
    aligned_caption,
    aligned_row_at,
    alike,
    caption_over,
    column_asked,
    column_shares,
    columns_asked,
    end_of_line,
    quotes,
    row_at,
    rows_of_table,
    same_word,
)
from rag.types import Answer


@dataclass(frozen=True)
class LookedUp:
    """The record the question names: a sentence of it (a table row, or one of a block's
    lines), what to quote of it (`quote`: the row, or the block from its start to the line of
    the value asked), and the cell it asks for under its column's name (None, None: it names no
    column). Invariants: quote and cell are offsets into the document text, the cell inside the
    quote, the quote inside the sentence's passage; an empty cell (cell[0] == cell[1]) is a
    value the table leaves out."""

    sentence: ScoredSentence
    quote: Range
    cell: Range | None
    column: str | None
    # Why the table answers nothing, when it says so itself (the cell then empty): "the fifth
    # instalment" of a table that numbers three.
    lacking: str | None = None


# How near (cosine) the question is to each of these column names; the lookup's hook onto the
# embedder, so that "How heavy is the Model S?" finds "Weight", which no word of it names.
Nearness = Callable[[str, Sequence[str]], np.ndarray]


def looked_up(
    question: str, sentences: list[ScoredSentence], texts: Mapping[str, str], near: Nearness | None = None
) -> LookedUp | None:
    """The one record among these sentences' that the question names most (_named), with the
    cell under the column it asks for, if it asks for one; None when no record is named, or two
    are named alike ("Which office is Bruno in?" names Bruno Okafor's and Bruno Sato's rows by
    the same "Bruno")."""
    if _ASKS_WHY.match(question):
        return None
    named: list[tuple[tuple[int, float], ScoredSentence, Row, Range]] = []
    records: list[tuple[str, Row, Range]] = []
    found: list[ScoredSentence] = []
    seen: set[tuple[str, int]] = set()
    for s in sentences:
        source = s.passage.passage.source
        record = _record(texts[source], s)
        if record is None or (source, record[1][0]) in seen:
            continue
        seen.add((source, record[1][0]))
        records.append((source, *record))
        found.append(s)
    cells = [[texts[source][a:b] for a, b in row.cells] for source, row, _ in records]
    for s, (source, row, span) in zip(found, records, strict=True):
        if (n := _named(question, texts[source], row, cells))[0]:
            named.append((n, s, row, span))
    most = max((n for n, *_ in named), default=(0, 0.0))
    best = [(s, row, span) for n, s, row, span in named if n == most]
    if not best and (beyond := _ordinal_beyond(question, found, records, texts)) is not None:
        return beyond
    if not best:
        # "… an employee with 15 years of service": the row whose band holds it ("10 years or more").
        best = [
            (s, row, span) for s, (source, row, span) in zip(found, records) if _banded(question, row, texts[source])
        ]
    if not best:
        best = [
            (s, row, span)
            for s, (source, row, span) in zip(found, records)
            if _named_by_title(question, s.passage.passage.title, row, texts[source])
        ]
    if not best:
        best = _the_one_labelled(question, sentences, texts)
    if not best:
        return _across(question, sentences, texts, near)
    elif all(max(column_shares(question, row, texts[s.passage.passage.source]), default=0.0) < 1 for s, row, _ in best):
        # The records named have no label the question names whole, and one block has: "What phone
        # number do I call to make a warranty claim with Corvane?" named the registration's block
        # by "Corvane" ("Serial number" half named), and its "Phone:" line is the claims block's
        # (a break-it helper's warranty mail, session 53).
        best = _the_one_labelled(question, sentences, texts) or best
    if len(best) > 1:
        # Rows named alike (a department's row in a budget sheet and in a headcount sheet): the
        # one whose columns the question names most ("What is the Marketing budget for Q2?" names
        # the budget's "Q2"; it was answered from the paragraph under the table with Q1's figure).
        shares = [max(column_shares(question, row, texts[s.passage.passage.source]), default=0.0) for s, row, _ in best]
        if shares.count(max(shares)) == 1 and max(shares) > 0:
            best = [best[shares.index(max(shares))]]
        else:
            # Then the one whose caption holds more of the question's words: "Asia-Pacific" is a
            # row of a report's revenue table and of its employees table, each "2023 | 2024";
            # "What was Asia-Pacific revenue in 2024?" names the one under "REVENUE BY REGION"
            # (a break-it helper's annual report, session 49).
            asked = set(terms(question))  # with the noun "how many" counts: "employees"
            held = [len(asked & set(terms(_caption(texts[s.passage.passage.source], row)))) for s, row, _ in best]
            if held.count(max(held)) == 1 and max(held) > 0:
                best = [best[held.index(max(held))]]
    if len(best) != 1:
        return None
    # The record named most, or none: "Who is speaking at 11:00 in Room Heron?" names one row by
    # its time and room, and another at 11:00 must not answer for it with its own room.
    s, row, span = best[0]
    text = texts[s.passage.passage.source]
    if _asks_of_another(question, s.passage.passage.source, {x.passage.passage.source for x in sentences}, texts):
        return None
    # The cells the question writes whole: they name the row.
    quoted = [(a, b) for a, b in row.cells if quotes(question.casefold(), text[a:b])]
    keys = [text[a:b] for a, b in quoted]
    if _by_a_common_word(question, keys) and not _holds_what_is_asked(question, row, text):
        return None
    tied = columns_asked(_without_words_before(question, keys), row, text)
    column = tied[0] if len(tied) == 1 else None
    if (day := day_column(question, row, tied)) is not None:
        column = day
    if column is not None and (other := _kind_over_word(question, row, text, column, quoted)) is not None:
        column = other
    if column is None and not s.text.startswith("|"):
        # "What is Jonah Birk's mobile number?": other records of the list have a "Mobile", his
        # has none, and another's was given.
        source = s.passage.passage.source
        others = [r for src, r, other in records if src == source and other != span]
        if (label := _label_lacking(question, row, others, text)) is not None:
            return LookedUp(s, span, (span[0], span[0]), label)
    if column is None:
        if not tied and _another_time(question, row, text):
            return None
        # Among the columns the question's words name alike, the one of the kind it asks for.
        column = typed_column(question, row, text, among=tied)
    if column is None and (across := _across(question, sentences, texts, near)) is not None:
        return across  # the record named has no column asked; a table laid out across has
    if column is None:
        column = role_column(question, row, text, quoted)
    if column is None and len(row.cells) == 2 and quoted == [row.cells[0]]:
        # A table of labels and their values ("| Policy number | BMH-7740-2291-K |" under "| Field |
        # Details |"): the question names the label, and asks for its value. The row was read
        # beside the prose, and "What's my home insurance policy number?" was answered with the
        # claims line's phone number, "… and quote your policy number" (a break-it helper's
        # insurance schedule, session 51).
        column = 1
    if column is None and near is not None:
        column = _nearest_column(question, row, text, near)
    # The line a block is quoted down to: the value asked for's.
    down_to = None
    if column is None and quoted and _ASKS_WHICH_ONE.match(question) and row.cells[0] not in quoted:
        # "Which supplier has the phone number +46 8 555 0199?": a value names the record, and the
        # question asks which one it is: its name, the first cell (a block's name line), quoted
        # down to the value's line. (Not for a record named only in part: no value says which.)
        column, down_to = 0, max(a for a, _ in quoted)
    if column is not None and (role := _role_unnamed(question, row.header[column])) is not None:
        # "Who was the case officer for the Ivy Cottage planning application?": the decision names
        # no case officer, and its "Applicant" (named by "application") answered for one (a
        # break-it helper's planning decision, session 54). The record answers no role it lacks;
        # one its document never writes it does not hold: the documents do not say.
        if all(t in set(terms(text)) for t in terms(role)) or s.text.startswith("|"):
            return None
        return LookedUp(s, span, (span[0], span[0]), role)
    if column is not None and _counts_nothing(question, text[slice(*row.cells[column])]):
        # "How much was the planning application fee for Ivy Cottage?" named "Applicant" by
        # "application", and a name answered an amount (a break-it helper's decision, session 53).
        column = None
    if column is None:
        return LookedUp(s, (s.start, s.end), None, None) if s.text.startswith("|") else None
    cell = row.cells[column]
    p = s.passage.passage
    line = down_to or cell[0]
    # A block is quoted from its name line down to the value's line; only the value's line when
    # the block began in the passage before (an infobox's caption stood in a passage of its own,
    # and "What industry is Harlow Instruments in?" got no answer from its "Industry" line) or
    # has no name line (a data sheet's "Specifications": the lines above the value name nothing).
    start = span[0] if span[0] >= p.start and "" in row.header else text.rfind("\n", 0, line) + 1
    quote = (s.start, s.end) if s.text.startswith("|") else (start, end_of_line(text, line))
    if not (p.start <= quote[0] and quote[1] <= p.end):
        # The block's sentence found first lies in another passage than the value's line: a
        # planning decision's "Site address:" named the block, its "Agent:" line was the passage
        # before (a break-it helper's, session 53). A sentence of the passage that holds it.
        s = next(
            (
                x
                for x in sentences
                if x.passage.passage.source == p.source
                and x.passage.passage.start <= quote[0]
                and quote[1] <= x.passage.passage.end
            ),
            None,
        )
        if s is None:
            return None
    return LookedUp(s, quote, cell, row.header[column])


# A reason is no cell: "Why were Fenwick Dale docked points?" names the league table's "Pts" and
# was answered "18" (development set eval/probes/tables, session 52).
_ASKS_WHY = re.compile(r"\W*(?:and\s+)?(?:why|for what reason)\b", re.I)

# "Which supplier …", "What server …", "Who …": the question asks which record it names.
_ASKS_WHICH_ONE = re.compile(
    r"\s*(?:(?:which|what)\s+[\w-]+\s+(?:has|have|had|is|was|uses?|used|owns?|holds?)\b|who\b)", re.I
)


def _by_a_common_word(question: str, keys: list[str]) -> bool:
    """Are the cells the question writes whole (`keys`) all of one word, written in lower case (a
    common noun: "premium", "latte")?"""
    return bool(keys) and all(
        len(cell.split()) == 1 and re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", question) is None for cell in keys
    )


def _holds_what_is_asked(question: str, row: Row, text: str) -> bool:
    """Do the row's cells, its column names and the lines over its table ("Cover limits") hold
    every word the question asks about?"""
    held = {t for a, b in row.cells for t in terms(text[a:b])} | {t for name in row.header for t in terms(name)}
    return asked_terms(question) <= held | set(terms(_caption(text, row)))


def _caption(text: str, row: Row) -> str:
    """The lines over the row's table: a markup table's, or a table typed in plain text's."""
    if not row.cells:
        return ""
    return caption_over(text, row.cells[0][0]) or aligned_caption(text, row.cells[0][0])


# Words that ask for another occasion than the one a record is of: minutes' "Date: Tuesday 11
# February 2025" is this meeting's, and "When is the next Facilities Committee meeting?" was
# answered with it; the minutes say "The next meeting will be held on Tuesday 8 April 2025" (a
# break-it helper's, session 50).
# "Following up", "following on from" ask who acts, not of another occasion: "Who is following up
# the damaged pallets …?" read no "Owner" of the actions table (a break-it helper's review deck,
# session 52).
_ANOTHER_TIME = re.compile(
    r"\b(?:next|upcoming|following(?!\s+(?:up|on)\b)|previous|prior|original|originally|earlier|later)\b", re.I
)


def _another_time(question: str, row: Row, text: str) -> bool:
    """Does the question ask of another occasion (_ANOTHER_TIME) than the record's own, which
    neither its cells, its column names nor the lines over its table say?"""
    asked = {m.group().casefold() for m in _ANOTHER_TIME.finditer(question)}
    held = " ".join([*(text[a:b] for a, b in row.cells), *row.header, _caption(text, row)])
    return bool(asked - {m.group().casefold() for m in _ANOTHER_TIME.finditer(held)})


def _without_words_before(question: str, keys: list[str]) -> str:
    """The question without the word right before each cell it quotes (`keys`), for finding the
    column it asks for (the cell stays: a column whose cell the question quotes is none asked).
    "When is action A2 due?" names the row by "action A2" and the "Due date" column by "due";
    "action" was read as the "Action" column (the action's text answered), and "What is the
    status of action A4?" tied "Action" with "Status" (a break-it helper's board minutes). Only
    before a code (a cell with a digit): the word before a name is the column asked, "default"
    of "What is the default timeout?" over an options table's "timeout | 30 | …" row (session 50).
    Not a verb's past ("Who approved SOP-CHEM-014?" asks for "Approved by": the owner answered, a
    break-it helper's procedure, session 51)."""
    for cell in keys:
        if not any(c.isdigit() for c in cell):
            continue
        question = re.sub(
            rf"\b(?![\w'’-]+ed\s)[\w'’-]+\s+(?=(?<!\w){re.escape(cell)}(?!\w))", " ", question, flags=re.I
        )
    return question


def _banded(question: str, row: Row, text: str) -> bool:
    """Does a cell of the row state a band (rag/text/ranges.py) that a quantity of the question
    falls in, in a table with another column the question asks for? A sick-pay table's "Over 5
    years" holds 15 years too, but the question asks for days of annual leave, which no column
    of that table names."""
    for i, (a, b) in enumerate(row.cells):
        if holds_quantity(text[a:b], question):
            return any(c != i for c in columns_asked(question, row, text))
    return False


def _label_lacking(question: str, row: Row, others: list[Row], text: str) -> str | None:
    """The label the question names (by its words) in a record of the same list as `row` (half
    of its labels or more are the other's) that `row` itself lacks. A document's own header
    block ("Data room: …", "Updated: …") is no record of its list of servers; a label `row` has
    is not lacking, though the question quotes its value ("Which server has the address
    10.20.9.2?")."""
    labels = {name for name in row.header if name}
    for other in others:
        if len(labels & set(other.header)) * 2 < len(labels):
            continue
        if (column := column_asked(question, other, text)) is not None and other.header[column] not in labels:
            return other.header[column]
    return None


def _record(text: str, s: ScoredSentence) -> tuple[Row, Range] | None:
    """The record a sentence is part of: a table row under its header, or a labelled block."""
    if s.text.startswith("|"):
        row = row_at(text, s.start)
        return (row, (s.start, s.end)) if row is not None else None
    if (record := record_at(text, s.start)) is not None:
        return record
    # A table typed in plain text, its columns lined up by spaces (a report's key figures, a
    # reStructuredText simple table).
    if markup_of(s.passage.passage.source) != "markdown" and (row := aligned_row_at(text, s.start)) is not None:
        return row, (row.cells[0][0], row.cells[-1][1])
    return None


# Answer types a cell shows by its form alone (a time, a date, a number, an amount); a name or a
# place may stand in any column.
_TYPED = ("date", "year", "number", "money", "percent")


_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(text))


def typed_column(question: str, row: Row, text: str, among: Sequence[int] = ()) -> int | None:
    """The one column of the named row whose cell is of the kind the question asks for, when its
    words name no column: "What time does the 08:15 to Tarnbridge get in?" asks for a time, and
    the row's one time the question does not quote is its arrival ("get in" is not "Arrives").
    None when no cell, or more than one, is of that kind, and when the question writes a number
    the row does not hold: the row is then not the one asked (the evidence quoted "Tern 6"'s row
    for "How much is a spare battery for the Tern 10?", and its price would have led). `among`:
    the columns the question's words name alike, when they tie ("Express rate" and "Express
    delivery" of "How much is express shipping to Canada?": the rate is the money asked for; it
    was answered with the standard rate); none: any column."""
    kind = answer_type(question)
    if kind not in _TYPED or not _numbers(question) <= _numbers(text[row.cells[0][0] : row.cells[-1][1]]):
        return None
    folded = question.casefold()
    fits = [
        i
        for i, (a, b) in enumerate(row.cells)
        if b > a
        and (not among or i in among)
        and not quotes(folded, text[a:b])
        and holds_answer_type(kind, text[a:b], question)
    ]
    if len(fits) > 1 and (rates := _RATE.findall(folded)):
        # "How much per day is the sewerage standing charge?" of "| Sewerage - standing charge |
        # 181 days | £0.2011 per day | £36.40 |": the amount per day the question asks (a
        # break-it helper's water bill, session 54; the row's name had led the answer).
        per = [i for i in fits if any(_per_in(text[slice(*row.cells[i])], unit) for unit in rates)]
        fits = per or fits
    return fits[0] if len(fits) == 1 else None


# "per day", "a month", "each week": the rate a question asks an amount at.
_RATE = re.compile(
    r"\b(?:per|a|an|each|every)\s+(day|night|week|month|year|hour|person|adult|child|m3|kg|litre|unit)\b"
)


def _per_in(cell: str, unit: str) -> bool:
    return re.search(rf"(?:\bper\s+|/\s*){unit}", cell, re.I) is not None


def day_column(question: str, row: Row, among: Sequence[int] = ()) -> int | None:
    """The one column (of `among`, when given) whose name covers the day of the week the question
    asks of, when other columns name days too: "Weekend" or "Evening & weekend (per hour)" for
    "… on a Saturday?", "Fri-Sun" over "Mon-Thu" (a community centre's price list and a spa's,
    break-it helpers', session 54: "per hour" named three columns alike, and the room's capacity
    answered)."""
    asked = days_named(question)
    if not asked:
        return None
    columns = list(among) if len(among) > 1 else range(len(row.header))
    dated = {i: days_named(row.header[i]) for i in columns if days_named(row.header[i])}
    covering = [i for i, days in dated.items() if asked <= days]
    return covering[0] if len(dated) > 1 and len(covering) == 1 else None


# The nearest column name answers when it is this near the question and this much nearer than
# the next: fitted on the tables and records development sets (eval/probes/), where "How heavy
# is the Model S?" is 0.615 from "Weight" (0.289 from "Price"), "Which operating system runs on
# build-01?" 0.587 from "OS", and the questions no column answers ("What is the fax number of
# Kovac GmbH?", "What is Bruno Moreau's email address?") 0.30 or less from any.
MIN_NEAR, MIN_NEAR_MARGIN = 0.4, 0.1


def _nearest_column(question: str, row: Row, text: str, near: Nearness) -> int | None:
    """The column whose name is nearest the question in meaning, when no word names one; not a
    column whose cell the question quotes (the record's key), nor a name line (no label)."""
    folded = question.casefold()
    columns = [
        i for i, (name, (a, b)) in enumerate(zip(row.header, row.cells)) if name and not quotes(folded, text[a:b])
    ]
    nearest = _nearest(question, [row.header[i] for i in columns], near)
    return columns[nearest] if nearest is not None else None


def _nearest(question: str, names: Sequence[str], near: Nearness) -> int | None:
    """The index of the name nearest the question in meaning, when it is near enough and clearly
    nearer than the next (MIN_NEAR, MIN_NEAR_MARGIN); None otherwise, or for no names."""
    if not names:
        return None
    cosines = near(question, names)
    order = np.argsort(-cosines)
    best = float(cosines[order[0]])
    second = float(cosines[order[1]]) if len(order) > 1 else -1.0
    return int(order[0]) if best >= MIN_NEAR and best - second >= MIN_NEAR_MARGIN else None


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


def _named(question: str, text: str, row: Row, cells: list[list[str]]) -> tuple[int, float]:
    """How much of the record the question names: the characters of its cells the question
    quotes, whole or in part, and the share of each such cell's words quoted. "How heavy is the
    Model S?" names "Orvella Model S" (2 of 3 words) more than "Orvella Model S Max" (2 of 4).
    A part that the cells of _COMMON records or more hold (`cells`: each record's) names none of
    them: "Kestrel" of "Kestrel two slice toaster, white" is the brand of every row of a recall
    list, and had picked the toaster's row for "Which serial numbers of the black gloss Kestrel
    kettle are being recalled?"."""
    folded = question.casefold()
    chars, share = 0, 0.0
    for name, (a, b) in zip(row.header, row.cells):
        cell = text[a:b]
        if name.strip().casefold() in _ABOUT:
            continue
        if quotes(folded, cell) or _after_its_column(folded, name, cell) or _by_its_ordinal(question, cell, name):
            chars, share = chars + len(cell), share + 1.0
        elif _by_its_date(question, cell):
            # A date names its row more when the question names its column too: "… given in June
            # 2025" names the row "Date given" 17/06/2025 more than the one "Next due" 17/06/2025.
            asked = {alike(t) for t in terms(question)}
            column = any(same_word(alike(h), t) for h in terms(name) for t in asked)
            chars, share = chars + len(cell) + (len(name) if column else 0), share + 1.0
        elif in_unit_asked(cell, question):
            # A band the question does not write whole names its row by holding the question's
            # quantity (_banded), not by a number it shares: "Under 1 year" was named by "with 1
            # year of service"; "… with over 5 years of service" writes "Over 5 years" itself.
            continue
        elif (run := _quoted_run(question, cell)) and _holding(run[0], cells) < _COMMON:
            chars, share = chars + len(run[0]), share + run[1]
    return chars, share


def _asks_of_another(question: str, source: str, sources: set[str], texts: Mapping[str, str]) -> bool:
    """Does the question ask about things the record's document never names, and another
    document read for it names most of? A record is named by a cell or a label, and the rest of
    the question may be about something else: "What is the rate limit for the tracking
    endpoint?" was answered from a hotel booking's "Rate: Flexible Rate, breakfast included", and
    "Who is speaking about sea-ice leads on Friday?" with "Gardening" from a school newsletter's
    "| Gardening | Friday | …" row, sure and unmarked; an API page and a conference programme
    named the rest (break-it helpers' near misses, session 51). A word no document names says
    nothing of which is asked ("How heavy …?" of a "Weight" column), so it takes another
    document that names them."""
    asked = [t for t in asked_terms(question) if t.isalpha() and t not in _ASKERS_WORDS]
    own = _searchable(f"{source}\n{texts[source]}")
    missing = [t for t in asked if not _names(own, t)]
    if len(missing) < 2:
        return False
    for other in sources - {source}:
        words = _searchable(texts[other])
        held = sum(_names(words, t) for t in missing)
        if held >= 2 and 2 * held > len(missing):
            return True
    return False


# Words that say who asks and how, not what about ("What time can we check in …?", "Who is
# following up …?"): pronouns, modal and light verbs, prepositions and particles (stemmed).
_ASKERS_WORDS = frozenset(
    "i me my we us our you your can could would should may might must shall do have has had get got need want "
    "tell know come go goe went use make take give put keep let see look about from after before during under "
    "over between within across up down out off".split()
)


def _searchable(text: str) -> str:
    """The text as _names searches it: folded and lowercased, and its hyphenated words run
    together after it, as rag.index.lexical.terms reads them ("seaic" of "sea-ice")."""
    hay = folded(text).casefold()
    return hay + "\n" + re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", "", hay) if "-" in hay else hay


def _names(searchable: str, term: str) -> bool:
    """Does the text (_searchable) hold a word of this term, stemmed ("track" of "tracking")?"""
    found = set(re.findall(rf"(?<![^\W\d_]){re.escape(term)}[^\W\d_]*", searchable))
    return term in found or term in stemmer().stemWords(sorted(found))


# A question that asks for what it names next: "What is the salary …?", "What's the closing date …?".
# "What is the …", and the label right after the wh-word: "What phone number do I call to make a
# warranty claim?" of a mail's "Phone:  0333 014 7720" (a break-it helper's, session 53).
_WHAT_IS_THE = re.compile(
    r"\W*(?:what|which)(?:(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?:(?:the|my|our|your|its)\s+)?|\s+)$", re.I
)
# A quoted message's header lines, which say who sent it when, not what it asks of anyone.
_MESSAGE_HEADER = frozenset({"from", "sent", "to", "cc", "date", "subject"})


def _the_one_labelled(
    question: str, sentences: list[ScoredSentence], texts: Mapping[str, str]
) -> list[tuple[ScoredSentence, Row, Range]]:
    """The block of fields, named by nothing the question says, that alone among the sentences'
    has a label in capitals that the question writes whole, and that answers the kind of question
    asked or is what "What is the …" asks for: "What time can we check in at Hotel Saltmarsh
    Quay?" of a booking's "Check-in: Friday 23 May 2025, from 3:00 pm" (the reader had taken "Early
    check-in from 12:00 noon can be requested" from the list below it), "What is the salary for
    the senior data analyst job?" of a job advert's "Salary: £46,200 – £51,900" (break-it
    helpers, session 51). A page read from HTML has no blank lines, and its blocks of fields are
    looked for in any block. Not a table's row (every row of a table has its labels), nor a
    reference's lowercase "denominator: …" for "What exception does the Fraction constructor
    raise if the denominator is 0?" (eval/probes/pydocs2)."""
    folded = question.casefold()
    labelled: dict[tuple[str, Range], tuple[ScoredSentence, Row, Range]] = {}
    for s in sentences:
        source = s.passage.passage.source
        text = texts[source]
        if s.text.startswith("|") or (record := record_at(text, s.start, in_any_block=True)) is None:
            continue
        row, span = record
        if len(_MESSAGE_HEADER & {label.strip().casefold() for label in row.header}) >= 3:
            continue  # a quoted message's "From: … Sent: … To: …": "By when must updated drawings be sent …?"
        if any(
            label[:1].isupper()
            and quotes(folded, label)
            and (
                typed_column(question, row, text, among=[i]) == i
                or _WHAT_IS_THE.match(question[: folded.find(label.casefold().split()[0])])
            )
            for i, label in enumerate(row.header)
        ):
            labelled.setdefault((source, span), (s, row, span))
    return list(labelled.values()) if len(labelled) == 1 else []


def _across(
    question: str, sentences: list[ScoredSentence], texts: Mapping[str, str], near: Nearness | None
) -> LookedUp | None:
    """The cell of a table laid out across, things as its columns and their features as its rows
    (a review's "| Feature | Dustra R7 | Kelvo Sweep S2 Pro | …"), when the question names one
    column whole and no cell: the row whose label holds most of its other words, or, when none
    does, is nearest it in meaning. "How long does the Kelvo Sweep S2 Pro's battery last?" was
    answered "2–3 months" from the filters FAQ, and "How much does the Dustra R7 cost?" with
    another model's sale price (a break-it helper's robot vacuum review, session 53)."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for s in sentences:
        source = s.passage.passage.source
        text = texts[source]
        if not s.text.startswith("|") or (row := row_at(text, s.start)) is None or (source, row.header) in seen:
            continue
        seen.add((source, row.header))
        columns = [i for i, name in enumerate(row.header) if i > 0 and _names_a_thing(question, name)]
        if len(columns) != 1:
            continue
        column = columns[0]
        rows = [r for r in rows_of_table(text, s.start) if r.cells]
        labels = [text[slice(*r.cells[0])] for r in rows]
        asked = {alike(t) for t in terms(question)} - {alike(t) for t in terms(row.header[column])}
        held = [len(asked & {alike(t) for t in terms(label)}) for label in labels]
        if held and max(held) > 0:
            found = [i for i, n in enumerate(held) if n == max(held)]
        elif near is not None and (nearest := _nearest(question, labels, near)) is not None:
            found = [nearest]
        else:
            found = []
        if len(found) != 1:
            continue
        chosen = rows[found[0]]
        line = text.rfind("\n", 0, chosen.cells[0][0]) + 1
        sentence = next((x for x in sentences if x.passage.passage.source == source and x.start == line), None)
        cell = chosen.cells[column]
        if sentence is None or cell[0] == cell[1]:
            continue
        kind = answer_type(question)
        if kind in _TYPED and not holds_answer_type(kind, text[slice(*cell)], question):
            # "How much is Quillstack Team per user …?" named the row "SCIM user provisioning" by one
            # word, and its "✗" is no amount (a break-it helper's pricing page, session 51).
            continue
        return LookedUp(sentence, (sentence.start, sentence.end), cell, row.header[column])
    return None


def _names_a_thing(question: str, name: str) -> bool:
    """Does the question write a column's name whole, as a name ("Kelvo Sweep S2 Pro", capitalised
    past its first word)? Not a year's column ("2024" of a report's key figures: "How many
    apprentices did Brackwater have at the end of 2024?" was answered with the row "Employees at
    year end") nor a feature's ("hours" of a clinics table's "Hours": eval/probes)."""
    if len(name) < 3 or not any(c.isalpha() for c in name):
        return False
    m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", question, re.I)
    return m is not None and m.start() > 0 and any(w[:1].isupper() for w in m.group().split())


def _named_by_title(question: str, title: str | None, row: Row, text: str) -> bool:
    """Is the row a block of fields with no name line of its own (a data sheet's
    "Specifications"), under a document title the question names, asking for one of its
    fields? "What is the power consumption of the Kestrel KX-40?" was answered "8" from the
    sheet's opening "The Kestrel KX-40 is an unmanaged 8-port …"; its "Power consumption: 7.8 W
    maximum" names no product (a break-it helper's data sheet, session 50)."""
    if not title or not row.header or "" in row.header or record_at(text, row.cells[0][0]) is None:
        return False  # a table's row, or a block with a name line
    name = " ".join(title.split()[:_MAX_NAME_WORDS])
    return _quoted_run(question, name) is not None and max(column_shares(question, row, text), default=0.0) > 0


_WHERE = re.compile(r"^\W*where\b", re.I)
# Columns that hold a place: a timetable's "Venue" and "Room", a list's "Location", a ride
# calendar's "Start point" ("Where does the ride on 17 May start from?" was answered with the
# ride's name: a break-it helper's cycling club, session 53).
_PLACE_COLUMNS = frozenset(
    terms("venue room location place site building hall campus city town point address destination")
)
# Columns that hold a person: a programme's "Speaker", an action list's "Owner", a staff list's
# "Name", a procedure's "Approved by".
_PERSON_COLUMNS = frozenset(
    terms(
        "speaker presenter chair chairperson moderator host owner author contact manager lead assignee "
        "responsible organiser organizer teacher instructor lecturer tutor coach doctor editor director name "
        "approved signed prepared reviewed authorised authorized"
    )
)


def role_column(question: str, row: Row, text: str, quoted: list[Range]) -> int | None:
    """For "who", the one column the question does not quote whose header names a person's part:
    "Who gives the first keynote at NORDGEO 2025?" of a programme's row ("| Wed | … | Aurora Hall
    | Keynote 1 | Mapping permafrost … | Prof. Halvard Skjeldrup | …") was answered "Aurora Hall"
    (a break-it helper's conference programme, session 51). For "where", the first column whose
    header names a place ("Venue", "Room")."""
    roles = _PERSON_COLUMNS if asks_who(question) else _PLACE_COLUMNS if _WHERE.match(question) else None
    if roles is None:
        return None
    fits = [
        i
        for i, name in enumerate(row.header)
        if any(t in roles for t in terms(name))
        and row.cells[i] not in quoted
        and text[row.cells[i][0] : row.cells[i][1]].strip()
    ]
    if roles is _PLACE_COLUMNS:
        return fits[0] if fits else None
    if len(fits) > 1:
        # Of two, the one the question's verb names: "Who owns SOP-CHEM-014?" the "Owner", not
        # "Approved by".
        asked = terms(question)
        fits = [i for i in fits if any(same_word(h, t) for h in terms(row.header[i]) for t in asked)]
    return fits[0] if len(fits) == 1 else None


def _kind_over_word(question: str, row: Row, text: str, column: int, quoted: list[Range]) -> int | None:
    """Another column than the one a word of the question names, when that one's cell is not of
    the kind the wh-word asks for and another is: "When is the Organic Reaction Mechanisms exam?"
    names "Exam Type" by "exam", whose cell "Written" is no date (the row's "Date" is), and
    "Where is the Econometrics I exam held?" asks for the "Venue" (a break-it helper's exam
    timetable, session 51). None: keep the named column."""
    a, b = row.cells[column]
    if not text[a:b].strip():
        return None  # an empty cell says the record has none ("… last calibrated?": refused)
    if (role := role_column(question, row, text, quoted)) is not None:
        return None if any(t in _PERSON_COLUMNS | _PLACE_COLUMNS for t in terms(row.header[column])) else role
    kind = answer_type(question)
    if kind not in _TYPED or holds_answer_type(kind, text[a:b], question):
        return None
    return typed_column(question, row, text)


_NTH = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1)}
_ORDINAL_NOUN = re.compile(r"\b(" + "|".join(_NTH) + r"|\d{1,2}(?:st|nd|rd|th))\s+([A-Za-z][\w'’-]*)", re.I)
# An ordinal and the one or two words after it: "second rent instalment".
_ORDINAL_WORDS = re.compile(
    r"\b(" + "|".join(_NTH) + r"|\d{1,2}(?:st|nd|rd|th))\s+([A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)", re.I
)
_WORD_NUMBER = re.compile(r"\s*([A-Za-z][\w'’-]*)\s+(?:no\.?\s*|#\s*)?(\d{1,2})\s*")


# A cell that is a date written in numbers ("17/06/2025", "2025-06-17"), and a month of a year
# that a question writes in words, perhaps with its day ("in June 2025", "on 17 June 2025").
_NUMERIC_DATE = re.compile(r"\s*(?:(\d{1,2})[/.](\d{1,2})[/.](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))\s*")
_MONTH_NAMES = MONTHS.split("|")
_MONTH_OF_YEAR = re.compile(
    rf"(?:\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b({MONTHS})\b(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?,?)?\s+(\d{{4}})\b",
    re.I,
)


def _by_its_date(question: str, cell: str) -> bool:
    """Does the question name the cell, a date in numbers, by its month and year in words? "What
    was the batch number of the kennel cough vaccine Biscuit had in June 2025?" named the rows of
    three kennel cough vaccines alike, and the 2023 row answered; the 2025 row's date is
    "17/06/2025" (a break-it helper's pet health record, session 53). Day first or month first,
    as written."""
    if (written := _WRITTEN_DATE.fullmatch(cell)) is not None:
        return _names_written_date(question, written)
    m = _NUMERIC_DATE.fullmatch(cell)
    if m is None:
        return False
    if m.group(3):
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        readings = [(first, second), (second, first)]  # (day, month)
    else:
        year, readings = int(m.group(4)), [(int(m.group(6)), int(m.group(5)))]
    for asked in _MONTH_OF_YEAR.finditer(question):
        month = _MONTH_NAMES.index(asked.group(2).lower()) + 1
        day = asked.group(1) or asked.group(3)
        if int(asked.group(4)) == year and any(mo == month and (day is None or int(day) == d) for d, mo in readings):
            return True
    return False


# A date written with its month's name, as a fixtures list or a calendar's cells give it: "Sun 14
# Sep 2025", "14 September", "Sep 14, 2025", perhaps with a time after it.
_WRITTEN_DATE = re.compile(
    r"\s*(?:[A-Za-z]{3,9},?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)"
    r"(?:\s+(\d{4}))?(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]m)?)?\s*",
    re.I,
)
_DAY_AND_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b(?:,?\s+(\d{{4}}))?"
    rf"|\b({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?",
    re.I,
)


_IN_MONTH = re.compile(rf"\b(?:in|during)\s+({MONTHS})\b(?!\s+\d)", re.I)


def _names_written_date(question: str, written: re.Match) -> bool:
    """Does the question give the day and month (and the year, when both do) of a date written
    with its month's name, the month in full or short? "Who refereed the match on 14 September
    2025?" named no row of "Sun 14 Sep 2025" (a break-it helper's fixtures list, session 54)."""
    day = int(written.group(1) or written.group(4))
    month_word = (written.group(2) or written.group(3)).lower()
    month = next((n for n, name in enumerate(_MONTH_NAMES, 1) if name.startswith(month_word[:3])), None)
    if month is None or len(month_word) > 3 and not _MONTH_NAMES[month - 1].startswith(month_word.rstrip(".")):
        return False
    year = int(written.group(5)) if written.group(5) else None
    for asked in _DAY_AND_MONTH.finditer(question):
        a_day = int(asked.group(1) or asked.group(5))
        a_month = _MONTH_NAMES.index((asked.group(2) or asked.group(4)).lower()) + 1
        a_year = asked.group(3) or asked.group(6)
        if (a_day, a_month) == (day, month) and (year is None or a_year is None or int(a_year) == year):
            return True
    # "… in October?": the month alone names its days (with the teams, the one match of October).
    return any(_MONTH_NAMES.index(m.group(1).lower()) + 1 == month for m in _IN_MONTH.finditer(question))


def _nth(ordinal: str) -> int:
    """3 of "third" or "3rd"."""
    return _NTH.get(ordinal.lower()) or int(ordinal[:-2])


def _ordinals_of(question: str, column: str) -> list[tuple[int, str]]:
    """Each ordinal of the question that qualifies the column's name, its one or two words after
    it ending or starting with it ("second rent instalment", "3rd instalment due"): (n, as written)."""
    named = terms(column)
    out = []
    for m in _ORDINAL_WORDS.finditer(question):
        after = terms(m.group(2))
        if named and named in (after[: len(named)], after[-len(named) :]):
            out.append((_nth(m.group(1)), m.group(1)))
    return out


def _ordinal_beyond(
    question: str, found: list[ScoredSentence], records: list[tuple[str, Row, Range]], texts: Mapping[str, str]
) -> LookedUp | None:
    """A table whose rows number what the question asks the nth of ("the fifth instalment") under
    the column of that name, none of them the nth: the table says there is none (a near miss of a
    break-it helper's accommodation offer, session 54, answered from the third instalment)."""
    for s, (source, row, span) in zip(found, records):
        if not s.text.startswith("|"):
            continue
        text = texts[source]
        for j, name in enumerate(row.header):
            for nth, written in _ordinals_of(question, name):
                cells = [text[slice(*r.cells[j])].strip() for r in rows_of_table(text, s.start) if len(r.cells) > j]
                numbers = [int(c) for c in cells if c.isdigit()]
                if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)) and nth > len(numbers):
                    note = f"The table numbers its rows under “{name}” from 1 to {len(numbers)}: it has no {written}."
                    return LookedUp(s, span, (span[0], span[0]), name, note)
    return None


def _by_its_ordinal(question: str, cell: str, column: str = "") -> bool:
    """Does the question name the cell ("Keynote 1") by its ordinal ("the first keynote")? "Who
    gives the first keynote at NORDGEO 2025?" was answered with Keynote 2's speaker (a break-it
    helper's conference programme, session 51). A bare number names its row so under its
    column's name: "2" under "Instalment" is "the second (rent) instalment" ("When is the second
    rent instalment due?" was answered "2": a break-it helper's accommodation offer, session 54)."""
    if cell.strip().isdigit() and column:
        return any(nth == int(cell) for nth, _ in _ordinals_of(question, column))
    if (numbered := _WORD_NUMBER.fullmatch(cell)) is None:
        return False
    for m in _ORDINAL_NOUN.finditer(question):
        nth = _nth(m.group(1))
        if nth == int(numbered.group(2)) and terms(m.group(2)) == terms(numbered.group(1)):
            return True
    return False


def _after_its_column(folded_question: str, column: str, cell: str) -> bool:
    """Does the question write the cell right after its column's name ("week 8" of a "Week"
    column)? A cell of one character is never quoted alone (any "8" would name it): "What topic
    is covered in week 8?" named no row of a syllabus's weekly schedule, and was refused (a
    break-it helper's)."""
    column, cell = column.casefold().strip(), cell.casefold().strip()
    if not column or not cell or len(column.split()) > 2:
        return False
    return (
        re.search(
            rf"(?<!\w){re.escape(column)}s?\s+(?:no\.?\s*|number\s+|#\s*)?{re.escape(cell)}(?!\w)", folded_question
        )
        is not None
    )


_COMMON = 3  # records whose cells hold a part of a name: it names the list, not one of them
# Fields that say what a message or a document is about, not which one it is: a memo's "Subject:
# Office move to Cobalt House" named its header block for "When is the office move to Cobalt
# House?", answered with the memo's "Date: 3 May 2025" (the move is on 14 June; a break-it
# helper's memo and mail, session 50).
_ABOUT = frozenset({"subject", "re", "regarding", "topic", "about"})


def _holding(run: str, cells: list[list[str]]) -> int:
    """How many records have a cell that holds `run` as words; one when every such cell is the
    same ("Kirkby Moss" of "Kirkby Moss FC" in a league table's row, two fixtures and the
    scorers' list is one team, named in four records, and "How many games have Kirkby Moss
    drawn?" named none of them: a break-it helper's league page, session 52). "Kestrel" of every
    different product of a recall list names the list; "Willow" of "Willow" and "Willow team" in
    a sports day's results, no one row (eval/probes/pdftables)."""
    pattern = re.compile(rf"(?<!\w){re.escape(run)}(?!\w)")
    holding = [[" ".join(cell.split()) for cell in record if pattern.search(cell)] for record in cells]
    if len({cell for record in holding for cell in record}) == 1:
        return 1
    return sum(bool(record) for record in holding)


# A cell of more words is a description, not a name the question would quote part of.
_MAX_NAME_WORDS = 6


def _quoted_run(question: str, cell: str) -> tuple[str, float] | None:
    """The longest run of the cell's words the question quotes, and its share of the cell's
    words, when the run holds a capitalised word or a number and the question writes it as the
    cell does ("Model S" of "Orvella Model S", "Lindqvist" of "Lindqvist Glas AB", but not
    "meeting" of "Meeting point at the Old Tollhouse"); None when there is none."""
    words = cell.split()
    longest = len(words) - 1  # the whole cell is quoted() whole
    if len(words) > _MAX_NAME_WORDS and "," in cell and _is_proper_name(cell[: cell.index(",")]):
        # An address, or a name with its description after a comma: "Ivy Cottage, 7 Chapel Lane,
        # Little Harrowden, Westmoor WM6 3JS" is named by "Ivy Cottage" (a break-it helper's
        # planning decision, session 53), as a cell of its own would be; not a description's
        # start ("Halvorsen WM-8140 washing machine, 8 kg, …").
        words = cell[: cell.index(",")].split()
        longest = len(words)
    if len(words) < 2 or len(words) > _MAX_NAME_WORDS:
        return None
    for n in range(longest, 0, -1):
        for i in range(len(words) - n + 1):
            run = " ".join(words[i : i + n])
            # A number alone of a quantity names nothing: "week 8" is not "8 weeks" (a break-it
            # helper's syllabus: the sick-pay row "| 1 to 5 years | 8 weeks | 8 weeks |" was named
            # twice by the "8" of "What topic is covered in week 8?", more than the week's own row).
            if _NUMBER.fullmatch(run):
                continue
            named = any(w[0].isupper() or any(c.isdigit() for c in w) for w in words[i : i + n])
            # A question's capitalised first word is no name: "What" of a FAQ's "What are the
            # opening hours?" named its block for "What is the status of action A4?", over the
            # action's own row (a break-it helper's gym FAQ beside board minutes).
            found = re.compile(rf"(?<!\w){re.escape(run)}(?!\w)").search(question, 1) if named else None
            if found is None and named and run.isupper():
                # A bank statement's capitals: "Octant Energy" of "DD OCTANT ENERGY LTD ACC 5520917"
                # (a break-it helper's statement, session 53), the question's words capitalised.
                found = re.compile(rf"(?<!\w){re.escape(run)}(?!\w)", re.I).search(question, 1)
                if found is not None and not all(w[0].isupper() or w[0].isdigit() for w in found.group().split()):
                    found = None
            if found is not None and _names_more(question, found, cell):
                return run, n / len(words)
    return None


# "Who is the case officer for …?": the role asked, the words after "who is the" up to a
# preposition, a comma or the question's end.
_WHO_IS_THE = re.compile(
    r"^\W*who(?:\s+(?:is|was|are|were|will\s+be)\s+|['’]s\s+)(?:the|my|our|your|their)\s+"
    r"((?:(?!(?:for|of|at|in|on|with|to|from|behind|on)\b)[\w'’-]+\s*){1,4}?)(?=[?,.]|\s+(?:for|of|at|in|on|with|to|from|behind)\b|\W*$)",
    re.I,
)


def _role_unnamed(question: str, column: str) -> str | None:
    """The role of a question "who is the <role>" that the column's name does not name, or None."""
    m = _WHO_IS_THE.match(question)
    if m is None:
        return None
    role = [alike(t) for t in terms(m.group(1))]
    named = any(same_word(alike(n), t) for n in terms(column) for t in role)
    return m.group(1).strip() if role and not named else None


def _counts_nothing(question: str, value: str) -> bool:
    """Does the question ask for an amount, a number, a share or a year, and the value hold no
    number at all, in digits or in words?"""
    kind = answer_type(question)
    return kind in ("money", "number", "percent", "year") and not holds_answer_type("number", value, question)


def _is_proper_name(text: str) -> bool:
    """A name of two to four capitalised words ("Ivy Cottage", "Old Station Yard")."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


_POSSESSIVE = re.compile(r"['’]s$")  # "Jones's" is "Jones" (a character set had left "Jone")


def _names_more(question: str, found: re.Match, cell: str) -> bool:
    """Is the name the question writes around the quoted run all the cell's? A capitalised
    word beside the run that the cell lacks makes the question's name another one: "Whitlow
    Quarry" names no "Ms Wendy Whitlow" (which had answered "When is the decision due on the
    Whitlow Quarry application?" with her phone number), where "Lindqvist AB" does name
    "Lindqvist Glas AB"."""
    held = {w.strip(",.;:()'’").casefold() for w in cell.split()}
    before = question[: found.start()].split()[1:]  # the question's first word is capitalised anyway
    after = question[found.end() :].split()
    beside = []
    for side in (reversed(before), after):
        for w in side:
            w = _POSSESSIVE.sub("", w.strip(",.;:?!()")).strip("'’")
            if not w or not (w[0].isupper() or w[0].isdigit()):
                break
            beside.append(w.casefold())
    return all(w in held for w in beside)


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
        if found.lacking is not None:
            answer.notes = [found.lacking]
        elif s.text.startswith("|"):
            answer.notes = [f"The table row the question names leaves “{found.column}” empty: {s.text}"]
        else:
            name = p.text[found.quote[0] - p.start : end_of_line(p.text, found.quote[0] - p.start)]
            answer.notes = [f"The record the question names has no “{found.column}”: {name.strip(' #*')}"]
        return answer
    cell = p.text[a - p.start : b - p.start]
    answer = cited_answer(question, [SupportedClaim.quoting(s.passage, *found.quote).led_by(cell)])
    answer.short_answer = cell
    return answer
