"""Turn supported sentences into an answer with [n] markers and numbered citations.

Every answer back end ends here, so the invariants hold in one place: a marker only ever points
at a passage that contains the sentence it follows (the supporting span is recorded), citations
are numbered in order of first use, and a refusal cites nothing but offers passages to read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from rag.answer import REFUSAL
from rag.ingest.markup import markup_of
from rag.text.citations import MARKER, marker
from rag.text.controls import INVISIBLE
from rag.types import Answer, Citation, Passage, ScoredPassage

# Markdown's emphasis and code marks ("**bold**", "__bold__", "`code`"); a single "*" or "_" may be
# a word's own ("snake_case", "5 * 3").
_MARKDOWN_MARKS = re.compile(r"\*\*|__|`")
# reStructuredText's role before its code (":meth:`getattr`", cut by a span to "meth:`getattr`").
# (A role's name has a few short parts, ":py:meth:": unbounded, the pattern read from every
# character of a long "a:b:c:…" to its end, 27 s over 40,000 characters; session 61's scan.)
_RST_ROLE = re.compile(r":?(?:[\w-]{1,40}:){1,4}(?=`)")
# A heading's marks opening the span ("##" was a whole lead) and a table's pipes at its edges.
_MARKDOWN_EDGES = re.compile(r"^#{1,6}(?:\s+|$)|^\|\s*|\s*\|$")


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
        """The claim led by its short answer: "1,500 — … the 1,500-strong group …". The short
        answer is one line: a span across a wrapped line ("keyword\nparameters into local
        variables", from Python's C-API pages) broke the answer's first line in two. From a
        Markdown file it is shown without the marks of emphasis and code that the quote after it
        keeps: a span starts and ends where the reader puts it, and "Licence of the weights**:
        derived from CC BY-SA 4.0" or "scripts/bench_scale.py` → `.rag/bench-scale.json" left one
        of a pair (this repository's own docs, asked of); nor a heading's "#" marks opening it, nor
        a table's pipes at its edges ("##" led a heading; "`yarn`, `yarnpkg` |" a row's cell); nor,
        from reStructuredText, a role's name ("meth:getattr" for ":meth:`getattr`")."""
        lead = shown_short(short, self.passage.passage.source)
        return replace(self, text=f"{lead} — {self.text}") if lead else self


def shown_short(short: str, source: str) -> str:
    """The short answer as the answer shows it (SupportedClaim.led_by): one line, without the
    marks of the markup of `source`. `Answer.short_answer` is the same words: it kept them ("6**
    · Prep 40 minutes", "``tidewater --self-test", a break-it helper's recipes and README)."""
    lead = " ".join(short.translate(INVISIBLE).split())
    if markup_of(source) != "text":
        lead = _MARKDOWN_MARKS.sub("", _RST_ROLE.sub("", lead))
        lead = _MARKDOWN_EDGES.sub("", " ".join(lead.split()))
    return lead


def not_markers(text: str) -> str:
    """`text` with its own bracketed numbers in fullwidth brackets, so that no reader of the answer
    takes them for its markers: a document's footnote marks ("…planted on 4 May [2].", as
    Wikipedia and the kernel's documentation write them) were linked by the web chat to another
    source, and "[2]" in the answer named a citation it did not have. The citation keeps the
    document's own characters; only the answer's text shows them this way."""
    return MARKER.sub(lambda m: f"\uff3b{m.group(1)}\uff3d", text)


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
        parts.append(f"{not_markers(claim.text)} {marker(number[key])}")
    return replace(answer, text=" ".join(parts), citations=citations)


# A sentence that opens with a word pointing back (a pronoun, "this", "the latter") reads on from
# the sentence before it, and is not put before it.
_READS_ON = re.compile(
    r"\W*(?:he|she|it|they|his|her|its|their|this|these|that|those|there|then|such|the (?:latter|former))\b", re.I
)


def lead_first(answer: Answer) -> Answer:
    """An extractive answer with the quoted sentence that its short answer leads ("Miriam
    Okafor-Lund — Policy owner: …") first, and the citations numbered in the order the text now
    cites them. The evidence's best sentence came first even when the short answer was in the
    second: "Staff Handbook, Section 4: Leave, Absence and Hybrid Working [1] Miriam Okafor-Lund —
    Policy owner: Head of People, Miriam Okafor-Lund [2]" (a break-it helper's HR policy, session
    59; 324 of 3,141 answers with a short answer on the development and reported sets opened with
    another sentence). Only the shown answer: every check before it reads the order the evidence
    chose. Any other text (no short answer, a refusal, a model's reply) is left as it is, and so
    is an answer that quotes more than one document: a chain of hops reads from its first step,
    the sentence that names the bridge ("English — Jonathan Lynn is an English director … [1]"
    before "Wild Target is a … film directed by Jonathan Lynn [2]" read backwards; 28 tests of
    the linked hop failed when such answers were reordered), and one whose led sentence reads on
    from the one before it ("She trained at the Royal Academy of Vessen." after "She designed Harlow
    Station …", a chain within one page)."""
    if answer.refused or not answer.short_answer or " — " not in answer.text:
        return answer
    if len({c.source for c in answer.citations}) > 1:
        return answer
    parts, at = [], 0
    for m in MARKER.finditer(answer.text):
        parts.append((answer.text[at : m.end()].strip(), int(m.group(1))))
        at = m.end()
    if not parts or " ".join(p for p, _ in parts) != answer.text or not 1 <= min(n for _, n in parts):
        return answer
    opening = not_markers(f"{answer.short_answer} — ")
    led = next((i for i, (p, _) in enumerate(parts) if p.startswith(opening)), 0)
    if led == 0 or max(n for _, n in parts) > len(answer.citations):
        return answer
    if _READS_ON.match(parts[led][0][len(opening) :]):
        return answer
    ordered = [parts[led], *parts[:led], *parts[led + 1 :]]
    numbers = list(dict.fromkeys(n for _, n in ordered))
    numbers += [n for n in range(1, len(answer.citations) + 1) if n not in numbers]
    renumber = {old: new for new, old in enumerate(numbers, 1)}
    text = " ".join(MARKER.sub(lambda m: marker(renumber[int(m.group(1))]), p) for p, _ in ordered)
    return replace(answer, text=text, citations=[answer.citations[n - 1] for n in numbers])


# What a user reads to check a citation: the bound on the mean cited passage (a SQuAD
# paragraph is ~735 characters; the supporting sentence with its neighbours is ~450).
WINDOW_CHARS = 600

SentencesIn = Callable[[str, int, int], list[tuple[int, int]]]  # (source, start, end) -> sentence spans


def narrowed(answer: Answer, sentences_in: SentencesIn, chars: int = WINDOW_CHARS) -> Answer:
    """`answer` with each supported citation cut to the window a user reads to check it: the
    supporting sentence(s), with the sentence before (which often holds what a pronoun refers to)
    and then the one after, each only while the window stays within `chars`. Windows are whole
    indexed sentences of the passage, so the invariants hold: document_text[start:end] == text,
    and the support lies inside. Citations offered with a refusal stay whole passages."""
    return replace(
        answer, citations=[_window(c, sentences_in(c.source, c.start, c.end), chars) for c in answer.citations]
    )


def _window(c: Citation, spans: list[tuple[int, int]], chars: int) -> Citation:
    if c.support_start is None or c.support_end is None:
        return c
    inside = [i for i, (a, b) in enumerate(spans) if a < c.support_end and b > c.support_start]
    if not inside:
        return c
    i, j = inside[0], inside[-1]
    lo, hi = min(c.support_start, spans[i][0]), max(c.support_end, spans[j][1])
    for k in (i - 1, j + 1):
        if 0 <= k < len(spans) and max(hi, spans[k][1]) - min(lo, spans[k][0]) <= chars:
            lo, hi = min(lo, spans[k][0]), max(hi, spans[k][1])
    lo, hi = max(lo, c.start), min(hi, c.end)
    return replace(c, text=c.text[lo - c.start : hi - c.start], start=lo, end=hi)


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


def passage_holding(passages: list[Passage], start: int, end: int) -> Passage | None:
    """The first of a document's `passages` that holds its text [start, end), or None: what a
    quote outside the answer's own passages (a heading, a speaker's label) is cited to."""
    return next((p for p in passages if p.start <= start and end <= p.end), None)


def refused_instead(answer: Answer, why: str, offer: int = 3) -> Answer:
    """A refusal in place of `answer`, saying `why`, offering the passages it cited (whole, with no
    support marked) and keeping what the answer was judged by (confidence, signals)."""
    offered = [
        Citation(source=c.source, title=c.title, text=c.text, start=c.start, end=c.end, score=c.score)
        for c in answer.citations[:offer]
    ]
    return replace(answer, text=REFUSAL, refused=True, citations=offered, short_answer=None, notes=[why])
