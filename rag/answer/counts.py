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

from rag.retrieve.evidence import answer_type, holds_answer_type

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
# (SQuAD∩XQuAD, refused by the first version).
_NONE = re.compile(
    r"\b(?:none|zero|nil|nobody|no one|neither|many|several|few|numerous|countless|multiple|dozens|scores)\b", re.I
)
# "How much of Southern California …?" asks for a share, as often in words ("vast areas").
_HOW_MUCH_OF = re.compile(r"\bhow much of\b", re.I)


def asks_a_number(question: str) -> bool:
    if _HOW_MUCH_OF.search(question):
        return False
    return answer_type(question) in ("number", "money", "percent") or _HOW_OLD.search(question) is not None


def gives_no_number(question: str, quoted: list[str]) -> bool:
    """Does `question` ask for a number that none of the `quoted` sentences gives, nor says is not
    given?"""
    return (
        bool(quoted)
        and asks_a_number(question)
        and not any(holds_answer_type("number", q, question) or _NOT_GIVEN.search(q) or _NONE.search(q) for q in quoted)
    )
