"""Turn supported sentences into an answer with [n] markers and numbered citations.

Every answer back end ends here, so the invariants hold in one place: a marker only ever points
at a passage that contains the sentence it follows (the supporting span is recorded), citations
are numbered in order of first use, and a refusal cites nothing but offers passages to read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rag.answer import REFUSAL
from rag.text.citations import marker
from rag.types import Answer, Citation, ScoredPassage


@dataclass(frozen=True)
class SupportedClaim:
    text: str  # the sentence as it appears in the answer
    passage: ScoredPassage  # the passage that supports it
    support_start: int  # the supporting sentence, as offsets into the document text
    support_end: int

    @classmethod
    def quoting(cls, passage: ScoredPassage, start: int, end: int) -> SupportedClaim:
        """The document text [start, end) of the passage, quoted as it stands."""
        p = passage.passage
        return cls(p.text[start - p.start : end - p.start].strip(), passage, start, end)

    def led_by(self, short: str) -> SupportedClaim:
        """The claim led by its short answer: "1,500 — … the 1,500-strong group …"."""
        return replace(self, text=f"{short} — {self.text}")


def cited_answer(question: str, claims: list[SupportedClaim]) -> Answer:
    return appended(Answer(text="", refused=False, question=question), claims)


def appended(answer: Answer, claims: list[SupportedClaim]) -> Answer:
    """`answer` (not a refusal) followed by more claims, numbered on from its citations; a claim
    supported by a sentence already cited reuses its number."""
    citations = list(answer.citations)
    number = {(c.source, c.start, c.end, c.support_start, c.support_end): n for n, c in enumerate(citations, 1)}
    parts = [answer.text] if answer.text else []
    for claim in claims:
        p = claim.passage.passage
        key = (p.source, p.start, p.end, claim.support_start, claim.support_end)
        if key not in number:
            citations.append(
                Citation(
                    source=p.source,
                    title=p.title,
                    text=p.text,
                    start=p.start,
                    end=p.end,
                    score=round(float(claim.passage.score), 6),
                    support_start=claim.support_start,
                    support_end=claim.support_end,
                )
            )
            number[key] = len(citations)
        parts.append(f"{claim.text} {marker(number[key])}")
    return replace(answer, text=" ".join(parts), citations=citations)


def refusal(question: str, closest: list[ScoredPassage], offer: int = 3) -> Answer:
    offered = [
        Citation(
            source=sp.passage.source,
            title=sp.passage.title,
            text=sp.passage.text,
            start=sp.passage.start,
            end=sp.passage.end,
            score=round(float(sp.score), 6),
        )
        for sp in closest[:offer]
    ]
    return Answer(text=REFUSAL, refused=True, citations=offered, question=question)
