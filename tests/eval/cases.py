"""The toy document, its evidence and the citations the eval tests score against."""

from __future__ import annotations

from rag.types import Citation

# A toy document: evidence is the second sentence, chars 30-60 of "doc.txt".
DOC = "Intro text that says nothing. The Broncos won Super Bowl 50. Other."
EVIDENCE = [("doc.txt", 30, 60)]


def cit(text: str, start: int, end: int, source: str = "doc.txt") -> Citation:
    return Citation(source=source, title="Doc", text=text, start=start, end=end, score=1.0)


GOOD = cit(DOC[0:60], 0, 60)  # covers the evidence
BAD = cit("Unrelated passage about weather.", 500, 532)  # covers nothing


# A two-page question: the bridge page a.txt and the answer page b.txt; c.txt is a distractor.
PAGES = ["a.txt", "b.txt"]
ON_A = cit("X was directed by Y.", 0, 20, source="a.txt")
ON_B = cit("Y is Australian.", 0, 16, source="b.txt")
ON_C = cit("Z is French.", 0, 12, source="c.txt")
