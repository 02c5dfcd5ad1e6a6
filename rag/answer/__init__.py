"""Answer: pick what answers the question from retrieved passages, cite it, or refuse."""

import re

REFUSAL = "I couldn't find this in the documents."
# How a note on an answer the reader doubts begins (QueryPath._with_doubt): the web chat marks
# such an answer.
UNSURE = "Unsure:"
# The note on the refusal of a question that names nothing to look for ("who", "Who is?", "-"):
# answered "Bob Lee — ..." at 0.85 with no doubt, from whatever passage a bare "who" is nearest.
NOTHING_ASKED = (
    "The question names nothing to look for: ask about something the documents might say "
    '("Who is the harbour master?").'
)


# A letter of a script the word evidence does not read (rag.index.lexical.WORD: Latin letters).
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z]")


def names_nothing(question: str) -> bool:
    """Does the question hold no word to look for: only question words, stop words, punctuation?
    A word in a script the word evidence does not read (Cyrillic, Greek, Chinese, Arabic…) is
    something to look for: keyword search reads every script, and "Кто руководит складом?" was
    told it named nothing."""
    from rag.index.bm25 import folded
    from rag.index.lexical import terms

    if set(terms(question)) - set(terms("who whom what which when where why how")):
        return False
    return _OTHER_LETTERS.search(folded(question)) is None
