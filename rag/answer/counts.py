"""A question that asks for a number, answered by sentences that give none.

The evidence refuses a "how many" whose best sentence holds no number (rag.answer.evidence_choice),
but the answer given may quote another sentence: the reader's, when it was surer of another
passage (rag.answer.reading: checked), or a later step's. "How many emergency shelters have been
opened for the evacuees?" was answered "schools, churches and sports halls — Evacuees are being
housed in schools, churches and sports halls across the province." and "How much emergency aid
did the government promise the farmers?" with "olive groves and livestock". Development sets
(answers of session 54): 6 answers whose quoted sentences give no number but the question's,
3 to questions the documents do not answer and 3 wrong; none right.
"""

from __future__ import annotations

import re

from rag.retrieve.evidence import NUMBER, WHOLE_NUMBER, answer_type, holds_answer_type

# Asked as a number, not typed by answer_type: an age. Not "how long" (a time in words, "a
# decade", "overnight": rag.answer.extents) nor "how often" ("every day").
_HOW_OLD = re.compile(r"\bhow old\b", re.I)


# A sentence saying the number is not known answers as the documents can: "The government has not
# said how much the joint patrols themselves will cost" (a break-it helper's news page, session 55).
_NOT_GIVEN = re.compile(
    r"\b(?:not|never|declined to|refused to)\b[^.;]{0,40}?\b(?:say|said|disclose[ds]?|reveal(?:ed)?|give|given|"
    r"estimate[ds]?|known?|confirm(?:ed)?|specif(?:y|ied)|publish(?:ed)?|put a (?:figure|number|price))\b",
    re.I,
)


# None is a count: "None of the original treaties establishing the European Union mention
# protection for fundamental rights" answers "How many original treaties … protected fundamental
# rights?" (SQuAD-200, refused when this first ran: caught before it landed).
# So is a count in words with no number: "many times" for "How much has a Lama agreed to be reborn?"
# (SQuAD∩XQuAD, refused by the first version). And "unmanned": "How many people were on the test
# flight of the AS-206?" of "After an unmanned LM test flight AS-206, …" (SQuAD∩XQuAD; refused once
# a code's digits counted no more, tests/retrieve/test_spelling.py, session 59).
_NONE = re.compile(
    r"\b(?:none|zero|nil|nobody|no one|neither|many|several|few|numerous|countless|multiple|dozens|scores"
    r"|unmanned|uncrewed)\b",
    re.I,
)
# "How much of Southern California …?" asks for a share, as often in words ("vast areas").
_HOW_MUCH_OF = re.compile(r"\bhow much of\b", re.I)


# A code's digits count nothing: "How much money did the fund give?" quoting
# "… funded by the Hadderby Regional Agriculture Fund, grant number HRAF-0448" (a break-it helper's
# lab report, session 59) gives no number; "HG-450R", "KX-60", "A380" (a part, a model, a grant number).
_CODE = re.compile(r"\b[A-Z][A-Za-z]*-?\d[\w-]*")


# A question of what something costs or what was paid ("How much did the satellite cost?", "How
# much money was raised?"). Not a share of it ("How much of the bridge will Canada pay for?"), nor
# of another thing spent ("How much time does a visitor spend on the site?": "15 minutes").
_COST = re.compile(
    r"\bhow much (?:did|does|do|is|was|are|were|will|would|can|could|should|has|have|had)\b[^?]*\b(?:cost|costs|pay|paid|pays|spend|spent|price[ds]?|worth|charge[ds]?|"
    r"fund(?:ed|s)?|earn(?:ed|s)?|raise[ds]?|sell|sold|budget(?:ed)?|invest(?:ed|s)?|donate[ds]?|owe[ds]?|"
    r"fine[ds]?)\b|\bhow much money\b",
    re.I,
)
# A number with a unit that is no money's: a mass, a length, an area, a volume, a power, a speed, a
# share, people or a time ("a 60-kg test satellite", "a 400-acre park", "fifteen years"). Not
# after a currency sign ("$100m" is money, and "m" is never read as metres here).
_MEASURE = re.compile(
    r"(?<![$€£¥₹₽\d.,])\b\d[\d,.]*(?:\s|-)?(?:kg|kilo(?:gram)?s?|grams?|tons?|tonnes?|lbs?|km|kilomet(?:re|er)s?|"
    r"miles?|met(?:re|er)s?|feet|foot|ft|inch(?:es)?|cm|mm|%|per ?cent|people|persons|years?|months?|weeks?|"
    r"days?|hours?|minutes?|acres?|hectares?|sq(?:uare)? \w+|litres?|liters?|gallons?|barrels?|MW|GW|kW|mph|km/h)\b",
    re.I,
)
# "Free of charge" says what it costs.
_FREE = re.compile(r"\bfree\b", re.I)


def asks_a_number(question: str) -> bool:
    if _HOW_MUCH_OF.search(question):
        return False
    return answer_type(question) in ("number", "money", "percent") or _HOW_OLD.search(question) is not None


def gives_no_number(question: str, quoted: list[str]) -> bool:
    """Does `question` ask for a number that none of the `quoted` sentences gives, nor says is not
    given? What something costs is not given by a measure of another kind: "How much did the
    Sentra-T test satellite cost?" was answered "60-kg" (the invented news held out for
    development). Of SQuAD v1.1 train's 336 such questions, none has an answer sentence whose
    numbers are all such measures."""
    # Not a change: "By how much did the price of diesel go up?" is answered by "44 percent".
    cost = _COST.search(question) is not None and answer_type(question) == "money"
    return (
        bool(quoted)
        and asks_a_number(question)
        and not any(
            holds_answer_type("number", _given(q, cost), question)
            or _NOT_GIVEN.search(q)
            or _NONE.search(q)
            or (cost and _FREE.search(q))
            for q in quoted
        )
    )


def _given(sentence: str, cost: bool) -> str:
    """`sentence` with what gives no number for the question hidden: a code's digits, and for a
    question of cost, a measure of another kind."""
    hidden = _CODE.sub(" ", sentence)
    return _MEASURE.sub(" ", hidden) if cost else hidden


# What a number, or a quantity in words, is written as in a short answer: the digits and words of
# rag.retrieve.evidence's numbers, and the quantities SQuAD's annotators gave in words for a "how
# many" or "how much" ("free", "several", "a third", "doubled", "fourfold", "none").
_QUANTITY = re.compile(
    rf"{NUMBER.pattern}|{_NONE.pattern}"
    r"|\b(?:free|all|most|some|quarter|third|majority|minority|little|much|lots?|single|double[ds]?|tripled?"
    r"|quadrupled?|\w+fold|percent)\b",
    re.I,
)


def states_a_quantity(short: str) -> bool:
    """Does a short answer give a number or a quantity in words (outside a code)?"""
    return _QUANTITY.search(_CODE.sub(" ", short)) is not None


def number_ranges(question: str, text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The character ranges of `text[start:end]` that write a number the question does not:
    where the short answer to "how many" lies (rag.answer.reading.short_in). Not a code's digits."""
    asked = {w.lower() for w in re.findall(r"\w+", question)}
    part = text[start:end]
    hidden = [m.span() for m in _CODE.finditer(part)]
    return tuple(
        (start + m.start(), start + m.end())
        for m in WHOLE_NUMBER.finditer(part)
        if m.group(0).lower() not in asked
        and not any(a <= m.start() < b for a, b in hidden)
        and not (m.start() and part[m.start() - 1].isalpha())  # "v8", "mp3": a name's digits
    )
