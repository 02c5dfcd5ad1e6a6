"""Reading a model's reply: its sentences with the [n] markers each carries, and whether it
declines ("The documents don't say")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.text.citations import cited_sentences

_CANNOT = re.compile(
    r"\b(?:documents?|passages?|context|texts?|sources?)\s+(?:do|does)(?:n['’]t| not)\s+"
    r"(?:say|mention|contain|provide|specify|state|include|answer)"
    r"|\bnot (?:mentioned|stated|specified|provided|found|given|included)\b"
    r"|\b(?:cannot|can['’]t|can not|unable to) (?:answer|find|determine|tell)\b"
    r"|\bno (?:information|mention)\b|\bI (?:don['’]t|do not) know\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReplySentence:
    text: str  # without markers
    markers: list[int]


# Small models echo the prompt's passage headers: 'Passage [2] (Title): text'.
_ECHO = re.compile(r"\bPassage\s*\[\d+\]\s*(?:\([^\n]*?\))?\s*:\s*")


def split_reply(reply: str) -> list[ReplySentence]:
    """Sentences of a model reply with the [n] markers each carries ("x. [1]" counts as "x [1]."),
    split by the one sentence rule (rag.text.citations), so eval reads them the same way."""
    out = []
    for piece, markers in cited_sentences(_ECHO.sub("", reply.strip())):
        clean = re.sub(r"\s+", " ", piece)
        clean = re.sub(r"\s+([.,;:!?])", r"\1", clean).strip().lstrip("-*• ").strip()
        if clean:
            out.append(ReplySentence(clean, markers))
    return out


def says_cannot_answer(text: str) -> bool:
    return bool(_CANNOT.search(text))


def declined(reply: str | list[ReplySentence]) -> bool:
    """The model said the passages don't answer (or said nothing)."""
    parts = split_reply(reply) if isinstance(reply, str) else reply
    return not parts or says_cannot_answer(parts[0].text)
