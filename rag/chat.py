"""Follow-up questions without an LLM: give retrieval the context of the conversation.

"Who is the Mexican foreign minister?" then "What did he say about a safe third country?":
the second question alone does not say who "he" is. When a message leans on the conversation
(a pronoun, or too few words of its own to find anything), the previous user question is
joined to it for retrieval, the way llama-index's condense-question chat engine rewrites a
follow-up into a standalone question — here by concatenation, since no model is at hand. The
answer type (who/how many/when) still comes from the new message alone.
"""

from __future__ import annotations

import re

from rag.index.lexical import terms

_REFERS_BACK = re.compile(
    r"\b(?:he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those|there|then|"
    r"the same|the other|what about|and the|also)\b",
    re.IGNORECASE,
)


def user_messages(history: list) -> list[str]:
    """User turns of a history in OpenAI/Gradio message form, or as (user, assistant) pairs."""
    out = []
    for turn in history or []:
        if isinstance(turn, dict):
            if turn.get("role") == "user" and isinstance(turn.get("content"), str):
                out.append(turn["content"])
        elif isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            out.append(turn[0])
    return out


def as_messages(history: list) -> list[dict]:
    """A history in either form as {"role", "content"} messages (what an LLM prompt reads)."""
    out = []
    for turn in history or []:
        if isinstance(turn, dict):
            out.append(turn)
        elif isinstance(turn, (list, tuple)):
            out += [{"role": r, "content": c} for r, c in zip(("user", "assistant"), turn) if c]
    return out


def is_follow_up(message: str) -> bool:
    return bool(_REFERS_BACK.search(message)) or len(terms(message)) < 2


def condense(message: str, history: list) -> str:
    """The question to retrieve with: the message, plus the previous question when it refers back."""
    previous = user_messages(history)
    if not previous or not is_follow_up(message):
        return message
    return f"{previous[-1]} {message}"
