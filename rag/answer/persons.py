"""A "who" question answered with no name is marked unsure: "Who is the president of Valmora?" ->
"seat" (from "Valmora's election results, seat by seat") names no one, and says so.

In SQuAD v1.1 train 92% of the answers to "who" questions hold a capital letter (7,526 of 8,210;
the rest are groups: "the government", "police"). On the development sets, every one of the
reader's short answers to a "who" question that held none was wrong: 9 answers, 7 of them to
questions the documents do not answer ("pells", "first-floor galleries", "hackers"), 2 wrong
spans ("erroneous data" for "database administrator"). Refused instead (measured in a worktree,
not kept): 7 development near misses refused and no right answer lost there, the gold set unchanged,
but on SQuAD∩XQuAD 6 answers refused, one of them right, and SQuAD-200's false refusals 0.040 ->
0.045, over the gate's 0.04.
"""

from __future__ import annotations

import re

from rag.answer import UNSURE

_WHO = re.compile(r"^\W*who\b", re.I)  # not "whose", "whom"


def names_no_one(question: str, short_answer: str | None) -> bool:
    """`question` asks who, and its short answer is written in a cased script with no capital
    letter (a name in a script without case, such as Chinese, is not judged)."""
    if not short_answer or not _WHO.search(question):
        return False
    return not any(c.isupper() for c in short_answer) and any(c.islower() for c in short_answer)


def no_one_note(question: str, short_answer: str | None) -> str | None:
    """The note of an answer to a "who" question whose short answer names no one; None otherwise."""
    if not names_no_one(question, short_answer):
        return None
    return f"{UNSURE} the question asks who; “{short_answer}” names no one. Check the quoted passage."
