"""Answer: pick what answers the question from retrieved passages, cite it, or refuse."""

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


def names_nothing(question: str) -> bool:
    """Does the question hold no word to look for: only question words, stop words, punctuation?
    A word of any script is something to look for (rag.index.lexical.WORD reads every script):
    "Кто руководит складом?" was once told it named nothing."""
    from rag.index.lexical import terms

    return not set(terms(question)) - set(terms("who whom what which when where why how"))
