"""A short answer ends where it runs into words copied from the question.

The reader often marks the answer and then goes on through the question's own phrase, which the
sentence repeats: "contradictions between the alleged color-blindness of most whites and the
persistence of a color-coded" for "What exists between the alleged color-blindness of most whites
and the persistence of a system of inequality?", "The Order's King of Arms is not a member of the
College of Arms, as are many other heraldic officers" for "Who is not a member of the College of
Arms?". Longer than a short answer may be, such spans gave the answer no short answer at all.
An annotator's answer seldom holds a phrase of the question: cut where each of SQuAD v1.1
train's 87,599 answers first holds one (three words or more in the question's order, two of them
content words, after a content word of the answer's own that the question does not have), 380
(0.4 %) would be cut, most of them whole clauses ("Puerto Ricans may enlist [in the U.S.
military]" for "How else can they serve the U.S.?").
"""

from __future__ import annotations

from rag.index.bm25 import folded
from rag.index.lexical import STOP, WORD, words

MIN_WORDS, MIN_CONTENT = 3, 2
# Words that lead into a copied phrase and go with it (the question words are no stop words here).
_LEADS = STOP | {"who", "whom", "what", "which", "where", "when", "why", "how"}


def before_copied(question: str, text: str, start: int, end: int) -> int:
    """The end of the short answer text[start:end]: where it first repeats a phrase of the
    question (MIN_WORDS words or more in the question's order, MIN_CONTENT of them no stop
    words) after a content word the question does not have; `end` when it repeats none."""
    asked = [w.lower() for w in words(question)]
    found = [(m.start(), folded(m.group()).lower()) for m in WORD.finditer(text, start, end)]
    said = [w for _, w in found]
    # The answer's own word comes first: "Seven Years War campaign leader Hugo Brant" for "Who led
    # the Seven Years War campaign?" is not cut to "Seven".
    own = next((k for k, w in enumerate(said) if w not in STOP and w not in asked), len(said))
    for i in range(own + 1, len(said)):
        if _copied_at(said, i, asked):
            # With the stop words that lead into the copy: "Tollmouth, [where] the north river
            # ferries stop" for "Where do the North River ferries stop?".
            while i - 1 > own and said[i - 1] in _LEADS:
                i -= 1
            return found[i][0]
    return end


def _copied_at(said: list[str], i: int, asked: list[str]) -> bool:
    """said[i:] opens with a phrase of `asked`: MIN_WORDS words or more, MIN_CONTENT content words."""
    for j in range(len(asked)):
        n = 0
        while i + n < len(said) and j + n < len(asked) and said[i + n] == asked[j + n]:
            n += 1
        if n >= MIN_WORDS and sum(w not in STOP for w in said[i : i + n]) >= MIN_CONTENT:
            return True
    return False
