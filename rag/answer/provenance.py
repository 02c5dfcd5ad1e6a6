"""The hop an answer took without citing it: the answer's own page, and what leads to the page
it quotes.

Retrieval sometimes lands on the second hop's page directly, and the answer then quotes one page
when the question spoke of two (HotpotQA's kind of question). "When was the Welsh singer born
whose third album is "Diamond Cut"?" quotes Bonnie Tyler's page, and the sentence that says whose
album "Diamond Cut" is — the question's other half — stays uncited; "...graduated from what
college preparatory boys' school?" answers "Hebron Academy" from the graduate's page, and Hebron
Academy's own page, which says it is such a school, stays uncited. Both are in the passages
shown. One sentence is added for each, from those passages, when a corpus's documents name each
other by title (rag/retrieve/links.py; never in a corpus of news articles), and only when it
holds words of the question that the quoted sentences lack — for the sentence that leads to the
quoted page, a name the question gives: it says what they leave out, not the same again.

The side a comparison left out: "Are A and B both British?" with no direct answer (neither page
says it in the words asked) quotes the sentence most like the question, from one side. The
other side's own passage, which the second hop read, gives its best sentence too (with the same
rule: it must hold a word of the question the quote lacks), so both facts the question compares
are cited, as for a direct answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from rag.answer.grounding import SupportedClaim, appended
from rag.answer.reading import SentenceIn
from rag.index.lexical import terms
from rag.retrieve.evidence import ScoredSentence, key_terms, sentence_score
from rag.retrieve.links import TitleLinks
from rag.types import Answer, ScoredPassage

# Titles a sentence is searched for: more than a sentence names (the quoted page's title may come last).
NAMED_PER_SENTENCE = 9


def with_provenance(
    question: str, answer: Answer, shown: list[ScoredSentence], links: TitleLinks, sentence_in: SentenceIn
) -> Answer:
    """`answer`, when it quotes one document, followed by its short answer's own page and by the
    sentence that leads to the page it quotes, each when the shown passages hold one that adds
    to the question (above). An answer that quotes two documents already chains."""
    cited = {c.source for c in answer.citations}
    if answer.refused or len(cited) != 1 or not links:
        return answer
    said = _said(answer)
    # A page's name is what links it, not something it adds: the words of the short answer and
    # of the quoted page's title are not new.
    added = []
    own = links.titled(answer.short_answer) if answer.short_answer else None
    if own is not None and own not in cited:
        new = set(terms(question)) - said - set(terms(answer.short_answer or ""))
        added.append(_best((s for s in shown if s.passage.passage.source == own), new))
    # What leads to the quoted page must add a name the question gives ("Diamond Cut"): any
    # page can name a one-word title in passing ("the Niagara Falls Cataract Construction
    # Company" for "Construction").
    quoted = answer.citations[0].source
    new = set(key_terms(question)) - said - set(terms(links.title_of(quoted)))
    leads = (
        s
        for s in shown
        if s.passage.passage.source not in cited
        and s.passage.passage.source != own
        and quoted in links.named_in(s.text, question, s.passage.passage.source, limit=NAMED_PER_SENTENCE)
    )
    lead = _best(leads, new)
    added.append(lead)
    # What the quote names: the page its sentence names by title, when that page says a name the
    # question gives and the quotes lack ("...a remake of the 2011 Korean movie "Always"" for
    # "...a remake of Always, a South Korean film directed by Song Il-gon?": Always's page says
    # who directed it). The same bar as the lead: a name, not any word of the question.
    skip = cited | {own, lead.passage.passage.source if lead else None}
    quote = answer.citations[0]
    said_by = quote.supporting_text()
    for named in links.named_in(said_by, question, quoted, limit=NAMED_PER_SENTENCE):
        if named not in skip:
            found = _best(
                (s for s in shown if s.passage.passage.source == named), new - set(terms(links.title_of(named)))
            )
            if found is not None:
                added.append(found)
                break
    claims = [SupportedClaim.quoting(s.passage, *sentence_in(s.passage.passage, s.start, s.end)) for s in added if s]
    return appended(answer, claims) if claims else answer


def with_other_sides(
    question: str,
    answer: Answer,
    own: list[list[ScoredPassage]],
    shown: list[ScoredSentence],
    sentence_in: SentenceIn,
) -> Answer:
    """`answer` to a comparison that got no direct answer, followed by the best sentence of each
    compared one's first own passage (`own`, rag.answer.comparison.own_passages) when the answer
    cites none of its own passages and that sentence holds a question word the quotes lack."""
    if answer.refused:
        return answer
    cited = {c.source for c in answer.citations}
    new = set(terms(question)) - _said(answer)
    claims = []
    for hits in own:
        if not hits or any(sp.passage.source in cited for sp in hits):
            continue
        first = hits[0].passage.id
        best = _best((s for s in shown if s.passage.passage.id == first), new)
        if best is not None:
            claims.append(
                SupportedClaim.quoting(best.passage, *sentence_in(best.passage.passage, best.start, best.end))
            )
    return appended(answer, claims) if claims else answer


def _said(answer: Answer) -> set[str]:
    """The words of the sentences an answer quotes."""
    return {t for c in answer.citations for t in terms(c.supporting_text())}


def _best(sentences: Iterable[ScoredSentence], new: set[str]) -> ScoredSentence | None:
    """The best-scoring sentence that holds one of the `new` words of the question."""
    adding = [s for s in sentences if new.intersection(s.question_terms_hit)]
    return max(adding, key=lambda s: sentence_score(s, 0), default=None)
