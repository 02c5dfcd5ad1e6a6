"""Questions of three hops or more, answered one description at a time.

"Where was the wife of the author of The Glass Orchard born?" names one page (The Glass Orchard)
and describes two people through it. The linked hop (rag/retrieve/links.py) follows one link from
the passage retrieval found; this follows the question's own descriptions, innermost first, as
DecompRC (Min et al., 2019) does with a model and we do with the question's grammar
(rag/retrieve/hops.py: a determiner, a head, a tie, the name of a page):

    "the author of The Glass Orchard"  -> read The Glass Orchard's page: "Declan Rowe"
    "the wife of Declan Rowe"          -> read Declan Rowe's page:       "Aoife Kinsella"
    "Where was Aoife Kinsella born?"   -> read Aoife Kinsella's page:    "Sligo"

Each step asks the reader "What is <description>?" of the named page's passages and must reach
its calibrated threshold with an answer that is itself the title of a page (or names one), which
the next step reads. The answer quotes each step's sentence with its own [n], in order, the last
led by the short answer. It answers only when at least two descriptions were resolved: a question
of two hops ("Where was the director of Silver Harbour born?") is the linked hop's, which was
measured on HotpotQA. None whenever a step finds nothing: the usual answer then stands.
"""

from __future__ import annotations

from collections.abc import Callable

from rag.answer.grounding import SupportedClaim, cited_answer
from rag.answer.reading import ReaderAnswerer, SentenceIn
from rag.index.lexical import STOP, words
from rag.retrieve import hops
from rag.retrieve.links import TitleLinks
from rag.types import Answer, ScoredPassage

# Descriptions resolved at most (a question of four hops); each costs up to READ_PAGES readings.
MAX_STEPS = 3
# Passages of a page read for one step: its best matches to what the step asks.
READ_PAGES = 3

# (query, document source, n) -> the document's n passages that best match the query.
PagesFor = Callable[[str, str, int], list[ScoredPassage]]
# (query, a page's title, the relation's words) -> the first sentence of another page that names
# the page and says the relation of its own subject, with its page's source, or None
# (QueryPath._named_by).
NamedBy = Callable[[str, str, tuple[str, ...]], tuple[SupportedClaim, str] | None]


class Decomposer:
    def __init__(
        self,
        answerer: ReaderAnswerer,
        links: TitleLinks,
        pages_for: PagesFor,
        sentence_in: SentenceIn,
        named_by: NamedBy | None = None,
    ):
        self._answerer = answerer
        self._links = links
        self._pages_for = pages_for
        self._sentence_in = sentence_in
        self._named_by = named_by

    def answer(self, question: str) -> Answer | None:
        if not self._links:
            return None
        asked, steps, source = question, [], None
        for _ in range(MAX_STEPS):
            named = self._named(asked)
            found = hops.innermost_description(asked, list(named))
            if found is None:
                break
            start, end, name = found
            if hops.is_definition(asked, start, end):
                break  # "Who is the mother of Karin Holm?": what is left is the question itself
            if not steps and not _nested(asked, start, end):
                return None  # one description: the linked hop's question, read nothing here
            step = self._read(f"What is {asked[start:end]}?", named[name], exclude=name)
            if step is None:
                return None
            claim, bridge, _ = step
            source = self._links.titled(bridge) or next(iter(self._links.named_in(bridge, "", "", limit=1)), None)
            if source is None:
                return None
            steps.append(claim)
            asked = asked[:start] + self._links.title_of(source) + asked[end:]
        if len(steps) < 2 or source is None:
            return None
        last = self._read(asked, source, exclude=self._links.title_of(source))
        if last is None:
            return None
        return _chained(question, steps, last)

    def of_relative(self, question: str) -> Answer | None:
        """A question that describes its bridge by a clause ("Quellside Opera House was designed
        by an architect born in which town?", hops.relative_bridge), whose words before the
        description open with a page's title: that page is asked what names the bridge ("...
        designed by which architect?" -> "Ingrid Salvaterre", a page's title) and the bridge's
        page what the clause asks ("Ingrid Salvaterre was born in which town?" -> "Fennick"),
        each reading at the reader's threshold. The answer quotes each step's sentence, the last
        led by the short answer. None otherwise. The linked hop read the first page's sentence
        with the whole question and answered from it: "1896" (the building's year) for the year
        its architect died. What names the bridge may itself be described by a clause ("The Glass
        Orchard was written by a novelist who studied at which college?"): it is resolved the same
        way first, up to MAX_STEPS descriptions. Development probes: docs/reader.md."""
        if not self._links:
            return None
        chain = self._relative_chain(question, MAX_STEPS)
        return None if chain is None else _chained(question, *chain)

    def _relative_chain(
        self, question: str, steps_left: int
    ) -> tuple[list[SupportedClaim], tuple[SupportedClaim, str, float]] | None:
        """(the sentences that named each bridge, the last reading) for of_relative, or None."""
        described = hops.relative_bridge(question)
        if described is None or steps_left < 1:
            return None
        asked = described.bridge_question()
        inner = self._relative_chain(asked, steps_left - 1)
        if inner is not None:
            earlier, (claim, bridge, _) = inner
            steps, subject_source = [*earlier, claim], None
        else:
            named = self._named(described.asked_of)
            subject = next((t for t in named if hops.opens_with(described.asked_of, t)), None)
            if subject is None:
                return None
            step = self._read(asked, named[subject], exclude=subject) or self._named_on_bridge(asked, subject)
            if step is None:
                return None
            claim, bridge, _ = step
            steps, subject_source = [claim], named[subject]
        source = self._links.titled(bridge) or next(iter(self._links.named_in(bridge, "", "", limit=1)), None)
        if source is None or source == subject_source:
            return None
        title = self._links.title_of(source)
        last = self._read(described.asked_of_bridge(title), source, exclude=title)
        if last is None or any(_same_sentence(last[0], step) for step in steps):
            return None  # the bridge's page said nothing a step had not: "1897" twice from one sentence
        return steps, last

    def _named_on_bridge(self, asked: str, subject: str) -> tuple[SupportedClaim, str, float] | None:
        """When the subject's page does not name the bridge, the bridge's page may name the
        subject: "Corrabeth Southgate station was designed by which architect?" over "She designed
        Corrabeth Southgate station and Drayneside Ground." on Petra Quillon's page. The first
        such sentence that says the relation the question's words before the description say
        ("designed"), as (that sentence, its page's title, 1.0); None when there is none."""
        if self._named_by is None:
            return None
        named = {w.casefold() for w in words(subject)}
        relation = tuple(w.casefold() for w in words(asked) if w.casefold() not in STOP | named)
        found = self._named_by(asked, subject, relation)
        return (found[0], self._links.title_of(found[1]), 1.0) if found else None

    def _named(self, text: str) -> dict[str, str]:
        """The pages `text` names by title: {title as written: source}."""
        return {self._links.title_of(s): s for s in self._links.named_in(text, text, "", limit=9)}

    def _read(self, question: str, source: str, exclude: str) -> tuple[SupportedClaim, str, float] | None:
        """The sentence of `source`'s best passages that answers `question`, its short answer and
        the reader's probability, when the reader reaches its threshold with a span that does not
        name `exclude` (the page's own name); None otherwise."""
        pages = self._pages_for(question, source, READ_PAGES)
        found = self._answerer.likeliest([(question, sp) for sp in pages], [exclude])
        if found is None:
            return None
        rp = found[1]
        p = rp.passage.passage
        claim = SupportedClaim.quoting(rp.passage, *self._sentence_in(p, rp.span_start, rp.span_end))
        return claim, rp.short_answer, rp.probability


def _nested(question: str, start: int, end: int) -> bool:
    """Another description holds the one at [start, end): "the wife of [the author of X]", not
    "Where was [the director of X] born?" nor "Who is the mother of [the director of X]?"."""
    probe = question[:start] + "Bridge" + question[end:]
    found = hops.innermost_description(probe, ["Bridge"])
    return found is not None and not hops.is_definition(probe, found[0], found[1])


def _same_sentence(a: SupportedClaim, b: SupportedClaim) -> bool:
    return (a.passage.passage.source, a.support_start) == (b.passage.passage.source, b.support_start)


def _chained(question: str, steps: list[SupportedClaim], last: tuple[SupportedClaim, str, float]) -> Answer:
    """The steps' sentences quoted in order, then the last one led by its short answer."""
    claim, short, probability = last
    answer = cited_answer(question, [*steps, claim.led_by(short)])
    answer.short_answer = short
    answer.confidence = probability
    return answer
