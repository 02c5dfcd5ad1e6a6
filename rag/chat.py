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

from rag.errors import BadQuestion
from rag.index.lexical import terms
from rag.text.controls import printable

_REFERS_BACK = re.compile(
    r"\b(?:he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those|there|then|"
    r"the same|the other|what about|and the|also)\b",
    re.IGNORECASE,
)


_ROLES = ("user", "assistant", "system")


def checked_history(history) -> list[dict]:
    """A conversation as {"role", "content"} messages with plain-text content, from the forms a
    caller may give: messages (Gradio's and OpenAI's, content as a string or OpenAI's list of
    {"type": "text", "text"} parts) or (user, assistant) pairs. Text is cleaned as a question is
    (escape sequences and control characters out, half a character replaced); turns with no text
    left are dropped. BadQuestion for what is no conversation: it was ignored without a word
    (a history given as a string, a content of 42), and half a character in a turn was a
    TypeError from the tokenizer."""
    if history is None:
        return []
    if not isinstance(history, list | tuple):
        raise BadQuestion(
            f"The history must be a list of {{'role', 'content'}} messages or (user, assistant) pairs, "
            f"not a {type(history).__name__}."
        )
    out = []
    for n, turn in enumerate(history, 1):
        if isinstance(turn, dict):
            role, content = turn.get("role"), _text(turn.get("content"), n)
            if role not in _ROLES:
                raise BadQuestion(f"Turn {n} of the history has the role {role!r}; use 'user' or 'assistant'.")
            pairs = [(role, content)]
        elif isinstance(turn, list | tuple) and len(turn) == 2:
            pairs = list(zip(("user", "assistant"), (_text(c, n) for c in turn), strict=True))
        else:
            raise BadQuestion(
                f"Turn {n} of the history is a {type(turn).__name__}; give {{'role', 'content'}} messages "
                "or (user, assistant) pairs."
            )
        out += [{"role": role, "content": text} for role, text in pairs if text]
    return out


def _text(content, n: int) -> str:
    """The plain text of one turn's content ("" for none)."""
    if content is None:
        return ""
    if isinstance(content, list):  # OpenAI's content parts; images and files carry no text here
        parts = [p.get("text") for p in content if isinstance(p, dict) and p.get("type") == "text"]
        if not all(isinstance(p, str) for p in parts):
            raise BadQuestion(f"Turn {n} of the history has a text part that is no text.")
        content = " ".join(parts)
    if not isinstance(content, str):
        raise BadQuestion(f"Turn {n} of the history has content of type {type(content).__name__}; give text.")
    # A lone surrogate (half a character) cannot be encoded for the tokenizer.
    return printable(content).encode("utf-8", "replace").decode("utf-8").strip()


def user_messages(history: list[dict]) -> list[str]:
    """The user turns of a checked history."""
    return [turn["content"] for turn in history if turn["role"] == "user"]


def is_follow_up(message: str) -> bool:
    return bool(_REFERS_BACK.search(message)) or len(terms(message)) < 2


# "and the volunteer coordinator?", "what about the treasurer?": the previous question, asked of
# something else. Only a previous question that asks what something is ("Who is the head
# librarian?", "How old was the mayor?") is asked again this way: "Who is the head librarian?"
# then "and the volunteer coordinator?" was answered with the head librarian (joined, the two
# questions read as one about her).
_ELLIPSIS = re.compile(r"^\W*(?:(?:and\s+)?(?:what|how)\s+about|and|but|also)\s+(?P<of>.+?)[\s?.!]*$", re.I)
_ASKED_OF = re.compile(
    r"^\W*(?P<frame>(?:who|what|where|which|when)\s+(?:is|are|was|were)"
    r"|how\s+(?:old|tall|big|large|long|much|many)\s+(?:is|are|was|were))\s+(?P<of>.+?)[\s?.!]*$",
    re.I,
)
_ASKS = re.compile(r"^(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could)\b", re.I)
MAX_ELLIPSIS_WORDS = 6
# What the previous question asks of is replaced whole when it is one thing: "the head
# librarian", "the mayor of San Aurelio"; not a thing qualified ("revenue in Q3") or named by
# more than a determiner and two words ("camping equipment revenue").
_QUALIFIED = re.compile(r"\s(?:in|on|at|for|from|to|with|during|before|after|since|by)\s", re.I)
_HEAD = re.compile(r"\s+of\s+", re.I)
MAX_HEAD_WORDS = 3


def standalone(message: str, history: list[dict]) -> str | None:
    """The message as a question of its own when it asks the previous question of something else
    ("and the volunteer coordinator?" after "Who is the head librarian?" -> "Who is the volunteer
    coordinator?"); None otherwise."""
    previous = user_messages(history)
    if not previous:
        return None
    m, asked = _ELLIPSIS.match(message), _ASKED_OF.match(previous[-1])
    if m is None or _ASKS.match(m["of"]) or len(m["of"].split()) > MAX_ELLIPSIS_WORDS:
        return None
    if (renamed := _renamed(previous[-1], m["of"])) is not None:
        return renamed
    if asked is None:
        return None
    if _QUALIFIED.search(asked["of"]) or len(_HEAD.split(asked["of"])[0].split()) > MAX_HEAD_WORDS:
        # "What was camping equipment revenue in Q3?" then "How about footwear?" was asked "What
        # was footwear?" (a break-it helper's report): which words "footwear" stands for, the
        # kind, the period or all, is not known. The follow-up is read with the question before
        # it (condense).
        return None
    return f"{asked['frame']} {m['of']}?"


# A name as typed: capitalised words, a number or a code among them ("Voltra City 2", "San
# Aurelio", "Forma E7"), after "the" or none.
_NAME = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z0-9][\w'’.-]*|of|de|del|la|le|von|van)(?![\w'’-]))*(?<![.])"
)
_THE = re.compile(r"^(?:(?:the|a|an|in|for|of|at|on)\s+)+", re.I)
_YEAR = re.compile(r"(?<![\w/-])(?:19|20)\d\d(?:/\d\d)?(?![\w/-])")


def _renamed(previous: str, of: str) -> str | None:
    """The previous question asked of the name the follow-up gives, when the follow-up gives one
    name and the previous question named one thing past its first word: "What is the price of the
    Voltra City 2?" then "What about the Forma E7?" -> "What is the price of the Forma E7?" (a
    break-it helper's buying guide: it was asked "What is the Forma E7?", session 49), "How much
    does the Voltra City 2 cost?" then "and the Forma E7?" -> "How much does the Forma E7 cost?"."""
    name = _THE.sub("", of)
    if _YEAR.fullmatch(name) is not None:  # "What was revenue in 2023?" then "And 2024?"
        named = list(_YEAR.finditer(previous))
    elif _NAME.fullmatch(name) is not None:
        first = re.match(r"\W*\S+", previous)
        named = [n for n in _NAME.finditer(previous) if first is None or n.start() >= first.end()]
    else:
        return None
    if len(named) != 1 or named[0].group() == name:
        return None
    old = named[0]
    return f"{previous[: old.start()]}{name}{previous[old.end() :]}".rstrip(" ?.!") + "?"


def condense(message: str, history: list[dict]) -> str:
    """The question to retrieve with: the message, plus the previous question when it refers back."""
    previous = user_messages(history)
    if not previous or not is_follow_up(message):
        return message
    return f"{previous[-1]} {message}"
