"""A question as the assistant asks it, checked the same way wherever it comes from (the API,
the command line, the web chat, a gold file of `rag eval`)."""

from __future__ import annotations

from rag.errors import BadQuestion
from rag.text.controls import printable


def checked_question(question: str | None, limit: int) -> str:
    """The question as it is asked: without escape sequences and control characters, stripped.
    BadQuestion when nothing is left, when it holds half a character, or when it is longer than
    `limit` characters. Shared with `rag eval`, which checks every question before the run."""
    # Escape sequences and control characters are no part of a question: pasted from a
    # terminal ("...keeper?\x1b[2J"), "2J" was a name no document holds, and it was refused.
    question = printable(question or "").strip()
    if not question:
        raise BadQuestion("The question is empty: type a question about the documents.")
    try:
        question.encode("utf-8")
    except UnicodeEncodeError as e:
        # A lone surrogate: half of a character (a broken paste, undecodable bytes in argv).
        raise BadQuestion(
            f"The question holds an invalid character at position {e.start + 1} "
            f"({question[e.start]!a}); retype the question or paste it again."
        ) from None
    if len(question) > limit:
        raise BadQuestion(
            f"The question is {len(question):,} characters long; the limit is {limit:,}. "
            "Ask a shorter question (set RAG_MAX_QUESTION_CHARS to change the limit)."
        )
    return question
