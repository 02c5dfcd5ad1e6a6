"""A party that a document names by its role, as contracts do: 'between Margaret Okafor of 3 Elm
Terrace, Portlin (the "Landlord") and Daniel Ferreira and Sofia Lindqvist (together the
"Tenant")'.

"Who is the landlord of Flat 4B?" was answered "Harbour View Court" (the property line's words),
"Who is the landlord?" with "agent", from "The Landlord or the Landlord's agent may enter …" (a
break-it helper's tenancy agreement): the word the question asks for is in every clause, and the
one sentence that says who it is defines it in brackets. For "Who is/are the <role> …?" the
sentence among those found that defines that role is quoted, led by the party's name: the words
before the brackets, from the end of the party named before it (or "between") up to its address
(" of …", ", …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.grounding import SupportedClaim, cited_answer
from rag.retrieve.evidence import ScoredSentence
from rag.types import Answer

# "Who is the landlord (of Flat 4B)?", "Who are the tenants?", "What was the name of the
# supervisor?": the role asked for, one or two words.
_WHO_IS = re.compile(
    r"^\s*(?:who\s+(?:is|are|was|were)|what(?:['’]s|\s+(?:is|are|was|were))\s+the\s+names?\s+of)\s+the\s+([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)\s*(?:\?|$|\bof\b|\bin\b|\bunder\b|\bfor\b)",
    re.I,
)
# Where the party before a definition begins: after the definition before it, "between", a colon.
_PARTY_START = re.compile(r"(?:\)|\bbetween\b|:|\bby\b)\s*(?:,\s*)?(?:and\s+)?", re.I)
# Where a party's name ends: its address or description.
# (Blanks from where they start, taken whole: from every blank of a long run it read to the run's
# end, 4.6 s over 20,000 blanks; session 61's scan of every pattern.)
_NAME_END = re.compile(r"(?<!\s)\s++(?:of|at|whose|residing|trading|acting|with|a company|an? )\b|,|\(")
_MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class Party:
    """Invariant: sentence.text[start - sentence.start : end - sentence.start] is the party's name
    (offsets into the document text)."""

    sentence: ScoredSentence
    start: int
    end: int


def role_asked(question: str) -> str | None:
    """The role a "Who is the …?" question asks for, as the word it would be defined by."""
    m = _WHO_IS.match(question)
    return m.group(1) if m else None


def _definition(role: str) -> re.Pattern:
    """'(the "Landlord")', '(together the "Tenant")', '("Supplier")': the role, or its singular."""
    words = [re.escape(w) for w in role.split()]
    last = role.split()[-1]
    if last.lower().endswith("s") and len(last) > 3:
        words[-1] = f"(?:{re.escape(last)}|{re.escape(last[:-1])})"
    name = r"\s+".join(words)
    return re.compile(
        rf"\(\s*(?:(?:together|jointly|each|collectively)\s+)?(?:(?:the|a|an)\s+)?[\"“'‘]{name}[\"”'’]\s*\)", re.I
    )


def defined_party(question: str, sentences: list[ScoredSentence]) -> Party | None:
    """The party that one of `sentences` defines as the role the question asks for, or None."""
    role = role_asked(question)
    if role is None:
        return None
    pattern = _definition(role)
    for s in sentences:
        m = pattern.search(s.text)
        if m is None:
            continue
        before = s.text[: m.start()]
        starts = [b.end() for b in _PARTY_START.finditer(before)]
        a = starts[-1] if starts else 0
        end = _NAME_END.search(before[a:])
        b = a + end.start() if end is not None else len(before.rstrip())
        name = before[a:b].strip()
        if not name or not name[0].isupper() or len(name.split()) > _MAX_NAME_WORDS:
            continue
        a = a + before[a:].index(name)
        return Party(s, s.start + a, s.start + a + len(name))
    return None


def answer_of(question: str, party: Party) -> Answer:
    """The party's name, then the sentence that defines it, cited."""
    s = party.sentence
    p = s.passage.passage
    name = p.text[party.start - p.start : party.end - p.start]
    answer = cited_answer(question, [SupportedClaim.quoting(s.passage, s.start, s.end).led_by(name)])
    answer.short_answer = name
    return answer
