"""Answer: pick what answers the question from retrieved passages, cite it, or refuse."""

REFUSAL = "I couldn't find this in the documents."
# How a note on an answer the reader doubts begins (QueryPath._with_doubt): the web chat marks
# such an answer.
UNSURE = "Unsure:"
