"""A pronoun, or a clause that a pronoun leads, is no short answer to "who", "when", "where",
"which", "how many" questions.

The reader sometimes marks the sentence's own subject: "He" for "Why was the alleged leader
arrested in Marenza?", "he and Napes" for "Who wrote the song in under fifteen minutes?" (both
development-set questions the documents do not answer). Led with, such
a span says nothing the quoted sentence does not, and reads as if it were the answer; the answer
then quotes its sentence with no short answer before it. In SQuAD v1.1 train 15 of the 34,362
answers to these kinds of question (asked by the question's first wh-word) are such a clause or
pronoun ("It displaced more than 52,000 people" for "How many are believed to have been
uprooted?": the number is the answer), and a lone pronoun answers two of its 87,599 questions
("IT", the abbreviation, which stays, and "i", a slip). "Why", "how" and "what" questions are answered
with a clause more often (5.7 %, 1.2 %, 0.4 % of theirs: "they cannot bear the cold
temperatures"), so a clause stays there.
Titles stay: "We Are the Champions", "I Believe", "He Jin" go on with a capital letter.
"""

from __future__ import annotations

import re

# The question's first wh-word (with the word after "how" and "what"): "Since 2005, what is the
# gender of Doctor Who's companion?" asks "what", not "who".
_WH = re.compile(r"\b(who|whom|what|when|where|which|why|how)\b(?:\W+(\w+))?", re.I)
_FACTOID = frozenset({"who", "whom", "when", "where", "which"})
_FACTOID_AFTER = {"how": frozenset({"many", "much", "long", "old", "far"}), "what": frozenset({"year"})}
_SUBJECT = frozenset({"i", "you", "he", "she", "it", "we", "they"})


def is_clause(question: str, short_answer: str) -> bool:
    """`short_answer` is a subject pronoun alone ("He", not the abbreviation "IT"), or, for a "who",
    "when", "where", "which", "how many/much/long/old/far" or "what year" question, a pronoun
    followed by a lower-case word ("he didn't throw any", "It displaced more than 52,000 people")."""
    first, *rest = short_answer.split() or [""]
    if first.lower() not in _SUBJECT or (first.isupper() and len(first) > 1):
        return False
    return not rest or (rest[0][:1].islower() and _asks_a_fact(question))


def _asks_a_fact(question: str) -> bool:
    m = _WH.search(question)
    if m is None:
        return False
    wh, after = m.group(1).lower(), (m.group(2) or "").lower()
    return wh in _FACTOID or after in _FACTOID_AFTER.get(wh, ())
