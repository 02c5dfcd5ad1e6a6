"""Answer: pick what answers the question from retrieved passages, cite it, or refuse."""

REFUSAL = "I couldn't find this in the documents."
