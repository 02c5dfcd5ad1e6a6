"""The query path over one loaded index: retrieve, read, hop, rank, and the extractive answer.

The Assistant (rag/assistant.py) builds one whenever the index is (re)loaded and keeps the rest:
the index, the documents, the LLM back ends, follow-up questions, the public API. Each question
goes retrieve → (second hop) → rank here, then answer; an LLM back end, when asked for, writes
its reply from the same Ranking.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from rag.answer import (
    NOTHING_ASKED,
    REFUSAL,
    UNSURE,
    comparison,
    conflicts,
    defined,
    entries,
    lead_in,
    lookup,
    names_nothing,
    speakers,
    steps,
    versions,
)
from rag.answer.answerability import Answerability
from rag.answer.comparison import Compared
from rag.answer.counts import gives_no_number
from rag.answer.decomposition import Decomposer
from rag.answer.evidence_choice import choose
from rag.answer.grounding import SupportedClaim, appended, refused_instead
from rag.answer.opposites import says_the_opposite
from rag.answer.persons import no_firm_note, no_one_note
from rag.answer.provenance import with_other_sides, with_provenance
from rag.answer.quantities import another_quantity
from rag.answer.reading import ReaderAnswerer, ReadPassage, is_title
from rag.answer.roles import asked_post, unsaid_post
from rag.answer.topics import topic_of
from rag.answer.unnamed import says_of_another, unnamed
from rag.answer.weekdays import another_weekday
from rag.answer.years import (
    another_quarter_note,
    another_year_note,
    answered_for_another_year,
    asked_years,
    dated_by_its_document,
    unasked_year,
)
from rag.index.embedder import Embedder
from rag.index.lexical import terms
from rag.index.lexical_index import LexicalIndex
from rag.index.opened import IndexContents
from rag.index.store import VectorSearch
from rag.reader.model import Reader
from rag.retrieve import HybridRetriever, hops
from rag.retrieve.evidence import (
    ScoredSentence,
    SentenceScorer,
    file_words,
    rerank,
    sentence_score,
    unheld_codes,
)
from rag.retrieve.links import LINKS_PER_HOP, MAX_PASSAGE_LINKS, READ_PER_LINK, LinkedHop, TitleLinks
from rag.retrieve.sections import headings_of, with_sections
from rag.retrieve.specifics import unheld_specifics
from rag.retrieve.spelling import Speller
from rag.settings import Settings
from rag.text.citations import strip_markers
from rag.text.language import note as language_note
from rag.text.language import other_language
from rag.text.tables import row_at
from rag.types import Answer, Citation, ScoredPassage


@dataclass(frozen=True)
class Ranking:
    """What retrieval and the reader found for one question, before an answer is written."""

    query: str  # the text retrieved with (a follow-up joined with its context)
    passages: list[ScoredPassage]  # the top k in the reader's order, score = answer probability
    sentences: list[ScoredSentence]  # the scored sentences of those passages (LLM grounding)
    read: list[ReadPassage]  # every candidate, read ones first, best first
    hop: str  # the second hop that ran: "bridge", "comparison", "linked" or "none"
    bridge: ReadPassage | None  # the first hop's best passage, when a second hop ran
    compared: Compared | None  # a comparison question's two entities, each with its own passages
    started: float  # perf_counter() times
    ranked: float
    link: LinkedHop | None = None  # the documents the evidence's chosen sentence names (both modes)
    # Passages of the second hop that retrieval did not rank in the top k: the linked documents'
    # best passages, or each compared entity's own passage; with their scored sentences.
    added: tuple[ScoredPassage, ...] = ()
    added_sentences: tuple[ScoredSentence, ...] = ()

    @property
    def shown(self) -> list[ScoredPassage]:
        """The passages to show, and to give an LLM: the top k, with the second hop's passages
        (`added`) in place of its last ones (retrieval's own order is kept: put second, linked
        passages pushed other answering passages down, HotpotQA-30 MRR 0.91 -> 0.906)."""
        ids = {sp.passage.id for sp in self.passages}
        added = [sp for sp in self.added if sp.passage.id not in ids]
        if not added:
            return self.passages
        keep = max(len(self.passages) - len(added), 1)
        kept = self.passages[:keep]
        # An added passage was not ranked there: it ranks below the passages it follows, and its
        # score says so (a linked one carried the first hop's, which made the scores rise again).
        floor = kept[-1].score
        return kept + [replace(sp, score=min(sp.score, floor)) for sp in added]

    @property
    def shown_sentences(self) -> list[ScoredSentence]:
        return self.sentences + list(self.added_sentences)


# The passages keyword search finds for a quantity, a day or a numbered name no cited document
# holds, whose documents are looked in before the answer is refused.
_LEXICAL_CHECK = 20


class QueryPath:
    def __init__(
        self,
        settings: Settings,
        contents: IndexContents,
        lexical: LexicalIndex,
        embedder: Embedder,
        dense: VectorSearch,
        reader: Reader,
        answerability: Answerability,
        retriever_class: type[HybridRetriever] = HybridRetriever,
    ):
        s = settings
        self.settings = s
        self.passages = contents.passages
        self.texts = contents.texts  # what citation offsets point into, by source
        self.embedder = embedder
        self.reader = reader
        self.answerability = answerability
        self.retriever = retriever_class(
            contents.passages, embedder, dense, s.candidates, s.rrf_k, s.bm25_weight, lexical.bm25, s.fusion
        )
        self.scorer = SentenceScorer(contents.sentences, lexical.stats, contents.texts, embedder.cosine_scale)
        self.speller = Speller(lexical.stats.df, contents.texts)
        self.links = TitleLinks(contents.passages)
        self._answerer = self._answerer_for(s)
        self._name_vectors: dict[str, np.ndarray] = {}  # column names' vectors (_near)
        self._decomposer = Decomposer(
            self._answerer, self.links, self._pages_for, self.scorer.sentence_in, self._named_by
        )

    def with_settings(self, settings: Settings) -> QueryPath:
        """The same index and models answering with other answer settings (nothing rebuilt)."""
        twin = copy.copy(self)
        twin.settings = settings
        # The fusion's settings too: with_settings(rrf_k=60) kept ranking with the old constant.
        twin.retriever = self.retriever.fused_as(
            settings.candidates, settings.rrf_k, settings.bm25_weight, settings.fusion
        )
        twin._answerer = twin._answerer_for(settings)
        return twin

    def _answerer_for(self, settings: Settings) -> ReaderAnswerer:
        return ReaderAnswerer(
            self.reader,
            settings.read_candidates,
            self.answerability,
            settings.answerability_gate,
            self.texts,
            veto=settings.reader_veto,
        )

    def rank(self, question: str, retrieval_query: str | None, top_k: int | None) -> Ranking:
        # "Tell me about the budget.": retrieved and scored with its topic (rag.answer.topics).
        query = retrieval_query or topic_of(question) or question
        t0 = time.perf_counter()
        qv = self.embedder.embed([query])[0]
        k = self.settings.top_k if top_k is None else top_k  # 0 is a value (refused by the Assistant)
        # Never fewer candidates than passages asked for: candidates = 1 with top_k = 5 ranked two
        # (a break-it helper's, session 61).
        retriever, s = self.retriever, self.settings
        if k > s.candidates:
            retriever = retriever.fused_as(k, s.rrf_k, s.bm25_weight, s.fusion)
        candidates = with_sections(retriever.retrieve(query, max(s.candidates, k), qv), self.links.passages_of)
        compared = self._compared(question)
        if self.settings.decide in ("evidence", "checked"):
            sentences = self.scorer.score(query, qv, candidates, type_from=question)
            passages = rerank(candidates, sentences, k)
            link = self._linked(question, query, qv, passages, sentences) if compared is None else None
            hop = "linked" if link is not None else "none"
            added = self._added(query, qv, link, compared)
            return Ranking(query, passages, sentences, [], hop, None, compared, t0, time.perf_counter(), link, *added)
        read = self._answerer.read(question, candidates)
        read, hop, bridge = self._second_hop(question, read)
        passages = self._answerer.ranked(read, k)
        sentences = self.scorer.score(query, qv, passages, type_from=question)
        # The linked hop as in evidence mode, from the reader's top k: its own hop retrieves with
        # the bridge, the link reads the page the first hop's passage names.
        link = self._linked(question, query, qv, passages, sentences) if compared is None else None
        hop = "linked" if link is not None and hop == "none" else hop
        added = self._added(query, qv, link, compared)
        return Ranking(query, passages, sentences, read, hop, bridge, compared, t0, time.perf_counter(), link, *added)

    def answer(self, question: str, ranked: Ranking) -> Answer:
        """The extractive answer: quoted sentences, each with its [n], or a refusal."""
        if names_nothing(ranked.query):  # "who": no passage is nearer to it than another
            return Answer(text=REFUSAL, refused=True, question=question, notes=[NOTHING_ASKED])
        if (topic := topic_of(question)) is not None:
            unknown = self.scorer.unknown_names(topic, ranked.passages)
            return self._answerer.about(
                question, topic, ranked.passages, ranked.sentences, unknown, self.scorer.sentence_in
            )
        answer = self._answered(question, ranked)
        # "How do I reset my password?": the whole numbered list, not its one step most like it.
        if (procedure := steps.with_all_steps(question, answer, self.texts)) is not None:
            return procedure
        # "Which version added dark mode?": the item with the version line that leads its list.
        answer = lead_in.with_lead_in(question, answer, self.texts) or answer
        # "Which option shows what would be copied?" of a manual page: the term of its description.
        read = [sp.passage.source for sp in ranked.passages]
        answer = entries.with_entry(question, answer, self.texts, self.links.passages_of, read) or answer
        answer = self._with_doubt(question, answer, read=read)
        return self._with_rival(question, ranked, answer)

    def _with_rival(self, question: str, ranked: Ranking, answer: Answer) -> Answer:
        """An answer another document contradicts says so, naming it (rag/answer/conflicts.py)."""
        candidates = conflicts.rivals(question, answer, ranked.passages, ranked.sentences)
        rival = conflicts.disagreeing(question, answer, candidates, self._answerer.short_in, self.reader.threshold)
        return answer if rival is None else replace(answer, notes=[*answer.notes, conflicts.note(rival)])

    def _answered(self, question: str, ranked: Ranking, described: bool = True) -> Answer:
        """answer() before the reader's doubt is noted; `described`: the question may be asked
        again of the subject it describes (_of_described, once)."""
        answer = self._answer(question, ranked)
        if self.settings.second_hop and ranked.compared is None and not answer.refused:
            # "Where was the wife of the author of The Glass Orchard born?": three pages, one
            # description at a time (rag/answer/decomposition.py); None for most questions.
            # Never in place of a refusal: asked of the last page by name ("When did Aoife
            # Kinsella die?"), the reader took her year of birth for an answer.
            decomposed = self._decomposer.answer(question) or self._of_relative(question)
            if decomposed is not None:
                answer = decomposed
            elif described:
                answer = self._of_described(question, ranked, answer) or answer
        return answer

    def _of_described(self, question: str, ranked: Ranking, answer: Answer) -> Answer | None:
        """When the answer rests on the sentence the question quotes to describe that page's
        subject ("The Orlasian churchman who served as Archbishop of Tamsbury from 1630 until his
        death founded a university that became secular in which year?" answered "1588 – 1651" from
        "Odran Pellow (1588 – 1651) was an Orlasian churchman who served as Archbishop of Tamsbury
        from 1630 until his death."), the sentence names the bridge, it does not answer: the
        question is asked again of the subject by its title (hops.described_subject: "Odran Pellow
        founded a university that became secular in which year?"), and that answer, when it rests
        on another sentence, is given with the describing sentence cited after it. One more
        retrieval, only for such answers; None otherwise. Development probes (multihop3, 36
        answerable): correctness 0.250 -> 0.278, EM 0.083 -> 0.139; the other probes, the gold
        set, SQuAD-200 and HotpotQA-100 unchanged."""
        if answer.refused or not answer.citations:
            return None
        lead = _answering(answer)
        sentence = lead.supporting_text()
        if not sentence or not hops.quotes(question, sentence):
            return None
        asked = hops.described_subject(question, sentence, lead.title)
        claim = _quoted_again(lead, ranked.shown)
        if asked is None or claim is None:
            return None
        again = self._answered(asked, self.rank(asked, None, None), described=False)
        if again.refused or not again.citations:
            return None
        # Where the answer now rests: the citation its short answer is in (a chain's last), else
        # its first; the describing sentence may be the chain's first step, and is then not
        # quoted twice.
        answered = _answering(again)
        if (answered.source, answered.support_start) == (lead.source, lead.support_start):
            return None
        return _described_after(again, claim, question)

    def _of_relative(self, question: str) -> Answer | None:
        """A bridge described by a clause (Decomposer.of_relative), its subject named by title or
        described in its page's own words: "The international airport located on the northern
        edge of the district of Lindenhatch is named after a churchman who died in what year?" is
        asked "Tamsbury Pellow Airport is named after a churchman who died in what year?" when a
        sentence of the best passages for the words before the description ("The international
        airport ... is named after") quotes them and opens with its page's title
        (hops.described_subject); that sentence is cited after the answer. One more retrieval,
        only for such questions; None otherwise."""
        described = hops.relative_bridge(question)
        if described is None:
            return None
        answer = self._decomposer.of_relative(question)
        if answer is not None:
            return answer
        # The sentences of what retrieval finds for those words, scored: no rerank or hop needed.
        query = described.asked_of
        qv = self.embedder.embed([query])[0]
        scored = self.scorer.score(query, qv, self.retriever.retrieve(query, self.settings.candidates, qv))
        best = sorted(scored, key=lambda s: -sentence_score(s, 0))[:RELATIVE_SUBJECT_SENTENCES]
        for s in best:
            title = s.passage.passage.title
            # Only the words before the clause describe the subject: over the whole question the
            # run of the sentence's words took in the clause's head ("... based at Kestlebridge Wend
            # Airport" and "based at an airport that opened ...") and then went on past it.
            subject = hops.described_subject(described.asked_of, hops.said_of(s.text, title), title)
            asked = subject + question[len(described.asked_of) :] if subject else None
            answer = self._decomposer.of_relative(asked) if asked else None
            if answer is not None:
                return _described_after(answer, SupportedClaim(s.text, s.passage, s.start, s.end), question)
        return None

    def read_back(self, question: str, answer: Answer) -> Answer:
        """An answer the reader did not make (an LLM's, grounded) read by it: its confidence is
        the reader's best probability that a cited passage answers the question, and it says so
        when that is below the threshold, as extractive answers do. One reader pass per citation
        (~13 ms each, beside seconds of generation). Answers that carry a confidence (the
        extractive fallback) are left as they are."""
        if answer.refused or answer.confidence is not None or not answer.citations:
            return answer
        readings = self.reader.read_many([(question, c.text) for c in answer.citations])
        best, cited = max(zip(readings, answer.citations), key=lambda rc: rc[0].probability)
        read = cited.text[best.span.start : best.span.end] if best.span is not None else ""
        # Its words without its markers: "2 guards work at night [1]" said "1" by its marker, and
        # took the reader's 0.99 for the "1" of "Only 1 guard works at night" (session 19).
        said = set(terms(strip_markers(answer.text)))
        if best.probability >= self.reader.threshold and read and not set(terms(read)) & said:
            # The reader is sure of another answer in what the reply cites, and the reply says
            # none of it: "The backup server IP is 10.0.0.5 [1]" cited to "The main server IP is
            # 10.0.0.5 … The backup server IP is 10.0.0.6." took the reader's 0.91 for itself.
            # Its confidence is what the reader leaves to any other answer.
            disagree = (
                f"{UNSURE} the reader model reads “{read}” in the cited passage ({best.probability:.0%}), "
                "which this answer does not say. Check the quoted passage."
            )
            return replace(answer, confidence=1 - best.probability, notes=[*answer.notes, disagree])
        return self._with_doubt(question, replace(answer, confidence=best.probability))

    def _naming(self, citations: list[Citation]) -> list[str]:
        """What names what the cited passages are about: their text, their documents' titles, the
        words of their files' names ("route 47 timetable": a .csv has no title) and the
        Markdown headings they lie under. "Does the Forma E7 have a removable battery?" was marked
        "no passage found names “E7”" over "The battery is removable." under "## Forma E7", and
        a course FAQ's answers for "DS7021" under its title (break-it helpers, session 49)."""
        out = []
        for c in citations:
            out += [c.text, c.title, file_words(c.source)]
            if (document := self.texts.get(c.source)) and "#" in document:
                out += headings_of(document).above(c.start)
        return out

    def _with_doubt(self, question: str, answer: Answer, read: Sequence[str] = ()) -> Answer:
        """An answer the reader doubts says so, and one that quotes a sentence about another year
        than the one `question` asks of (rag.answer.years), and a "who" answer that names no one
        (rag.answer.persons). The evidence answers in the default mode whatever
        the reader thinks (refusing even below the point that keeps 99% of held-out answering
        texts, p 0.17, would refuse 24% of the gold set's answerable questions: README, Reader);
        but below its own threshold (calibrated on held-out SQuAD train texts, not on anything
        reported) its doubt is worth telling. `rag eval` at 4f14e75,
        answers marked / not marked that were right: gold set 0.44 (36 answers) / 0.82 (61),
        SQuAD-200 0.56 (18) / 0.83 (174), HotpotQA-100 0.31 (16) / 0.70 (82)."""
        if answer.refused:
            # "Wie viele Urlaubstage …?" was refused as if the documents did not say (rag.text.language).
            if (language := other_language(question)) is not None:
                return replace(answer, notes=[*answer.notes, language_note(language)])
            return answer
        answering = _answering(answer) if answer.citations else None
        quoted = answering.supporting_text() if answering is not None else ""
        # A timetable's row for Wednesday, for "Who is speaking … on Friday?" (rag.answer.weekdays).
        if quoted and (other_day := another_weekday(question, quoted)):
            return refused_instead(answer, other_day)
        # An answer for another year than the one asked ("… in 2018?" from a sentence of 2023, or
        # from a sentence of a story of 2015) says so before anything else the reader thinks of
        # it (rag.answer.years).
        if quoted:
            dated = another_year_note(question, quoted, self.texts.get(answering.source, "")) or another_quarter_note(
                question, quoted
            )
            # Refused when no document it cites names the year asked either, or when the clause
            # that gives the short answer names another year ("… in 2022?" answered "13.2 billion
            # dinars" of "… last year, up from 13.2 billion dinars in 2023").
            if why := (dated and unasked_year(question, quoted, self._cited_texts(answer.citations))) or (
                answered_for_another_year(question, quoted, answer.short_answer)
            ):
                return refused_instead(answer, why)
            if dated:
                answer = replace(answer, notes=[*answer.notes, dated])
        # "What does error code E-52 mean?" answered from E-77's line, "… the 600 mg dose?" from the
        # 300 mg dose's (rag.retrieve.specifics).
        if answer.citations and (unheld := unheld_specifics(question, self._naming(answer.citations))):
            named = ", ".join(f"“{code}”" for code in unheld)
            cited = self._cited_texts(answer.citations)
            found: list[str] = []
            if not (codes := unheld_codes(question, cited)):
                # Not a code: the documents of the passages read, and of those keyword search
                # finds for what is unheld ("How big was the group that crossed into Mexico on
                # June 5?", a question of two parts whose answer cited the first part's story,
                # was refused though another story says "Wednesday, June 5": the gold set, caught
                # before it landed).
                lexical = [p.source for typed in unheld for p in self.retriever.lexical(typed, _LEXICAL_CHECK)]
                found = [self.texts.get(source, "") for source in dict.fromkeys([*read, *lexical])]
            if codes or unheld_specifics(question, [*cited, *found]):
                # No document it cites names the code anywhere: "What is the IP rating of the
                # Kestrel KX-60?" was answered "0 °C" from the KX-40's data sheet, the note saying
                # so (a break-it helper's, session 50). Development sets, 11 such notes: 7 on
                # questions the documents do not answer, 2 on right answers (whose documents name
                # the code outside the cited passage: they keep the note). A quantity, a day or a
                # numbered name no document found names either: a question of two hops names the
                # first hop's day ("the footballer born on 2 March 1962") in a document the answer
                # need not cite (eval/probes/multihop2).
                return refused_instead(answer, f"No document found names {named}.")
            answer = replace(
                answer, notes=[*answer.notes, f"{UNSURE} no passage found names {named}. Check the quoted passage."]
            )
        # "… intelligence gathered by Ten Eyes?" quoting "… gathered by Nine Eyes" (rag.answer.quantities):
        # refused when the passages around the sentences give the question's number nowhere either.
        supporting = [c.supporting_text() for c in answer.citations if c.supporting_text()]
        windows = [c.text for c in answer.citations]
        if (other := another_quantity(question, supporting)) and another_quantity(question, windows):
            return refused_instead(answer, other)
        # "Who was the youngest actress …?" quoting "… the oldest actress …" (rag.answer.opposites).
        if (opposite := says_the_opposite(question, supporting)) and says_the_opposite(question, windows):
            return refused_instead(answer, opposite)
        # "… teachers in Corvale?" answered from a story that never names Corvale (rag.answer.unnamed).
        if answer.citations and (missing := self._unnamed(question, answer.citations, read)):
            named = ", ".join(f"“{name}”" for name in missing)
            if says_of_another(question, missing):
                return refused_instead(answer, f"The quoted documents never name {named}.")
            answer = replace(answer, notes=[*answer.notes, f"{UNSURE} the quoted documents never name {named}."])
        # "How many emergency shelters …?" quoting a sentence that gives no number (rag.answer.counts).
        if gives_no_number(question, [c.supporting_text() for c in answer.citations]):
            return refused_instead(answer, "The quoted passages give no number.")
        # "Who is Pelvania's Ombudsman?" quoting passages that name no ombudsman (rag.answer.roles):
        # refused when the documents never name one, marked unsure when they do elsewhere.
        # (Table headers are looked up only for a question that asks for a post: row_at reads the
        # document's tables.)
        if asked_post(question) is not None and (
            unsaid := unsaid_post(question, self._with_headers(answer.citations), self._cited_texts(answer.citations))
        ):
            why, refused = unsaid
            if refused:
                return refused_instead(answer, why)
            answer = replace(answer, notes=[*answer.notes, why])
        # "Which company supplied the aircraft?" -> "blaze" (rag.answer.persons).
        if no_firm := no_firm_note(question, answer.short_answer):
            return refused_instead(answer, no_firm)
        # "Who is the president of Valmora?" -> "seat" (rag.answer.persons).
        if no_one := no_one_note(question, answer.short_answer, quoted):
            answer = replace(answer, notes=[*answer.notes, no_one])
        p = answer.confidence
        if p is None or p >= self.reader.threshold:
            return answer
        # Two doubts that agree: the quoted sentence names no year while its document speaks only of
        # others, and the reader doubts it. "How many migrants did Mexico deport in 2021?" was
        # answered from the DACA sentence of a 2018 story (reader 2%), "What was the unemployment
        # rate in Mexico in 2019?" with a Trump quote (4%): the issue's own near misses. Each doubt
        # alone stays a note (news stories seldom write their own year; the reader doubts right
        # answers too).
        if quoted and dated_by_its_document(question, quoted, self.texts.get(answering.source, "")):
            return refused_instead(
                answer,
                f"The quoted sentence names no year and its document never speaks of "
                f"{' or '.join(map(str, sorted(asked_years(question))))}; the reader model rates the answer {p:.0%}.",
            )
        doubt = (
            f"{UNSURE} the reader model rates this answer {p:.0%}, below the {self.reader.threshold:.0%} it "
            "needs to answer on its own. Check the quoted passage."
        )
        return replace(answer, notes=[*answer.notes, doubt])

    def _unnamed(self, question: str, citations: list[Citation], read: Sequence[str]) -> list[str]:
        """The names `question` asks about that neither the cited documents write nor a document
        read for it that is linked to a cited one, naming it by its title or named by its title
        there: "Which prize was the 1999 novel by the Galway-born writer shortlisted for?" is
        answered by the novel's page alone, which names its writer, whose page says Galway
        (eval/probes/multihop)."""
        cited = self._cited_texts(citations)
        if not (missing := unnamed(question, cited)):
            return []
        sources = {c.source for c in citations}
        titles = [title for source in sources if len(title := self.links.title_of(source)) > 3]
        linked = [
            text
            for source in dict.fromkeys(read)
            if source not in sources
            and (
                any(title in (text := self.texts.get(source, "")) for title in titles)
                or len(own := self.links.title_of(source)) > 3
                and any(own in self.texts.get(c, "") for c in sources)
            )
        ]
        return unnamed(question, cited + linked) if linked else missing

    def _with_headers(self, citations: list[Citation]) -> list[str]:
        """Each citation's text, with the header of the table row it quotes: "| Parks and recreation
        | Ewan Calder-Moss |" is the head of department its header names (eval/probes/tables)."""
        out = []
        for c in citations:
            text = self.texts.get(c.source, "")
            row = row_at(text, c.support_start) if c.support_start is not None and text else None
            out.append(c.text if row is None else " | ".join((*row.header, c.text)))
        return out

    def _cited_texts(self, citations: list[Citation]) -> list[str]:
        """The whole text of each document `citations` quote, their titles and file names."""
        cited = [*{c.source: self.texts.get(c.source, "") for c in citations}.values()]
        return cited + [text for c in citations for text in (c.title, file_words(c.source))]

    def _answer(self, question: str, ranked: Ranking) -> Answer:
        """The answer, carrying the signals the answerability model decided on (when the evidence
        answered first) whatever later step gave the final answer: the model judged the question,
        and scripts/fit_answerability.py labels it by the answer given."""
        answer, signals = self._answer_and_signals(question, ranked)
        return answer if answer.signals is not None or signals is None else replace(answer, signals=signals)

    def _answer_and_signals(self, question: str, ranked: Ranking) -> tuple[Answer, dict[str, float] | None]:
        # The names the user's own message gives, not the joined follow-up's: a refused "Who won the
        # 2022 World Cup?" before "What is the IP of the server that runs the database?" made the
        # second refused too ("World Cup" is in no document).
        unknown = self.scorer.unknown_names(question, ranked.passages)
        # "Who is older, A or B?", "Which singer is American, A or B?": the answer is A or B.
        options = ()
        if ranked.compared is not None and hops.offers(question, ranked.compared.entities):
            options = ranked.compared.entities
        # "What is Bruno Moreau's phone extension?" over a table: the row it names, the column it
        # asks for (rag.answer.lookup); before the evidence and the reader, which read prose.
        if not options and ranked.compared is None and not unknown:
            # "Who is the landlord?" of a contract: the party it defines so (rag.answer.defined).
            if (party := defined.defined_party(question, ranked.sentences)) is not None:
                return defined.answer_of(question, party), None
            # "Who proposed the amendment?" of a meeting's transcript: the turn's speaker (rag.answer.speakers).
            if (turn := speakers.speaker_of(question, ranked.sentences, self.texts)) is not None:
                return speakers.answer_of(question, turn), None
            # "Who is the mayor?" of a transcript whose turns are labelled "MAYOR OKONKWO: …".
            if (
                role := speakers.role_holder(question, ranked.sentences, self.texts, self.links.passages_of)
            ) is not None:
                return speakers.role_answer(question, role), None
            # "In which version was X added?" of a changelog: its heading (rag.answer.versions).
            if (versioned := versions.version_answer(question, ranked.sentences, ranked.passages, self.texts)) and (
                answer := versions.answer_of(question, versioned, self.links.passages_of)
            ):
                return answer, None
            found = lookup.looked_up(question, ranked.sentences, self.texts, self._near)
            if found is not None and found.cell is not None:
                return lookup.answer_of(question, found), None
            if found is not None:  # a row named, no column: read that row, not its neighbours
                ranked = replace(ranked, sentences=lookup.only_the_named_row(ranked.sentences, found))
        return self._answer_from(question, ranked, unknown, options)

    def _near(self, question: str, names: Sequence[str]) -> np.ndarray:
        """Cosines of the question to each column name (lookup.Nearness); a name is embedded once
        (kept for the next question; other threads may read and add to the same cache)."""
        known = {n: v for n in names if (v := self._name_vectors.get(n)) is not None}
        missing = [n for n in dict.fromkeys(names) if n not in known]
        if missing:
            made = dict(zip(missing, self.embedder.embed(missing)))
            known.update(made)
            if len(self._name_vectors) > MAX_NAME_VECTORS:
                self._name_vectors.clear()
            self._name_vectors.update(made)
        return self.embedder.cosine_scale(np.stack([known[n] for n in names]) @ self.embedder.embed([question])[0])

    def _answer_from(
        self, question: str, ranked: Ranking, unknown: bool, options: tuple[str, ...]
    ) -> tuple[Answer, dict[str, float] | None]:
        """The evidence's or the reader's answer (as Settings.decide says), with the second hop."""
        signals = None
        if self.settings.decide in ("evidence", "checked"):
            answer = self._answerer.answer_by_evidence(
                question, ranked.passages, ranked.sentences, unknown, self.scorer.sentence_in, ranked.link, options
            )
            signals = answer.signals
            if self.settings.decide == "checked" and not options:
                answer = self._answerer.checked(
                    question, answer, ranked.passages, self.scorer.sentence_in, unknown, ranked.link
                )
            if self.settings.second_hop and not options and ranked.compared is None:
                answer = self._backlinked(question, ranked, answer) or answer
        else:
            answer = self._answerer.answer(
                question,
                ranked.read,
                self.scorer.sentence_in,
                unknown,
                len(ranked.passages),
                bridge=ranked.bridge,
                options=options,
            )
            if ranked.link is not None and not unknown:
                answer = self._answerer.linked_answer(question, ranked.link, self.scorer.sentence_in) or answer
        if ranked.compared is not None:
            direct = comparison.direct_answer(question, ranked.compared, self.reader, self.scorer, self.links)
            if direct is not None:
                return direct, signals
            # No direct answer: each side's own fact is cited all the same.
            own = comparison.own_passages(ranked.compared, ranked.query)
            return with_other_sides(
                question, answer, own, list(ranked.added_sentences), self.scorer.sentence_in
            ), signals
        if self.settings.second_hop:
            shown = {sp.passage.id for sp in ranked.shown}
            sentences = [s for s in ranked.shown_sentences if s.passage.passage.id in shown]
            answer = with_provenance(question, answer, sentences, self.links, self.scorer.sentence_in)
        return answer, signals

    def _pages_for(self, query: str, source: str, n: int) -> list[ScoredPassage]:
        """The n passages of document `source` whose best sentence best matches `query`."""
        own = [ScoredPassage(p, 0.0) for p in self.links.passages_of(source)]
        if len(own) <= n:
            return own
        qv = self.embedder.embed([query])[0]
        return _best_passages(self.scorer.score(query, qv, own), n)

    def _named_by(self, query: str, title: str, relation: tuple[str, ...]) -> tuple[SupportedClaim, str] | None:
        """The first sentence of another page, in the order retrieval finds them for `query`,
        that names `title` and says the relation of its own page's subject: it names the title,
        shares a word of `relation` (hops.relates) and opens with its page's title or a pronoun
        for it ("She designed Corrabeth Southgate station ..."); with its page's source. None when
        there is none."""
        for sp in self.retriever.retrieve(query, self.settings.candidates):
            p = sp.passage
            own = self.links.title_of(p.source)
            if not own or own == title or title not in p.text:
                continue
            for a, b in self.scorer.sentences_in(p.source, p.start, p.end):
                sentence = self.texts[p.source][a:b]
                if (
                    title in sentence
                    and hops.relates(relation, sentence)
                    and hops.opens_with(hops.said_of(sentence, own), own)
                ):
                    return SupportedClaim.quoting(sp, a, b), p.source
        return None

    def _backlinked(self, question: str, ranked: Ranking, answer: Answer) -> Answer | None:
        """When the answer is the quoted page's own subject (its title: "Karin Holm" for "Which
        award did the film by the director born in Aarhus in 1941 win?"), the question may ask
        something of a page that names the subject: retrieve again with the question and the
        subject (reader mode's bridge hop) and read the passages of other documents that name
        it (ReaderAnswerer.backlinked_answer). One retrieval, only for such answers; None when
        it finds nothing."""
        if answer.refused or not answer.short_answer or not answer.citations:
            return None
        cited = answer.citations[0]
        subject = cited.title
        if not is_title(answer.short_answer, subject):
            return None
        described = _quoted_again(cited, ranked.passages)
        if described is None:
            return None
        found = self.retriever.retrieve(f"{question} {subject}", self.settings.candidates)
        pages = [sp for sp in found if sp.passage.source != cited.source and subject in sp.passage.text]
        return self._answerer.backlinked_answer(question, described, pages, self.scorer.sentence_in)

    def _added(
        self, query: str, qv, link: LinkedHop | None, compared: Compared | None
    ) -> tuple[tuple[ScoredPassage, ...], tuple[ScoredSentence, ...]]:
        """The second hop's passages to show beside the top k, with their scored sentences: the
        linked documents' passages, or the first own passage of each compared entity (what a
        comparison's answer reads)."""
        if link is not None:
            return link.passages, link.sentences
        if compared is None:
            return (), ()
        own = tuple(hits[0] for hits in comparison.own_passages(compared, query) if hits)
        return own, tuple(self.scorer.score(query, qv, list(own)))

    def _compared(self, question: str) -> Compared | None:
        """For comparison questions ("which came first, A or B?", "are A and B in the same
        province?"): the passages retrieved for A alone and for B alone (rag/answer/comparison.py
        reads them). One retrieval per entity, only for such questions."""
        pair = hops.compared_entities(question)
        if not self.settings.second_hop or pair is None or comparison.kind(question) is None:
            return None
        pair = (self._titled(pair[0]), self._titled(pair[1]))
        n = comparison.RETRIEVED_PER_ENTITY
        return Compared(pair, (self.retriever.retrieve(pair[0], n), self.retriever.retrieve(pair[1], n)))

    def _titled(self, side: str) -> str:
        """A compared side as the corpus titles it: "Tidewatch come out" (from "Did Lanterns of
        Sevrin and Tidewatch come out from the same publisher?") is "Tidewatch" when a page is
        titled so and none "Tidewatch come out"; "the Harrow lamp" keeps "lamp" when that is its
        page's title. Lower-case words are dropped from the end only; unchanged when no shorter
        form is a title."""
        if not self.links or self.links.titled(side):
            return side
        words = side.split()
        while len(words) > 1 and words[-1][0].islower():
            words.pop()
            if self.links.titled(" ".join(words)):
                return " ".join(words)
        return side

    def _linked(
        self, question: str, query: str, qv, passages: list[ScoredPassage], sentences: list[ScoredSentence]
    ) -> LinkedHop | None:
        """The documents that the first hop's passage names by title, each with its passage that
        best matches the question; None when it names none (every corpus whose titles are not
        names) or the second hop is off. One sentence scoring per linked document, no retrieval:
        the link itself says where to look.

        The sentence the evidence will quote links first. Titles named elsewhere in its passage
        follow, the best match to the question first: the sentence most like the question is
        often not the one that names the bridge ("Dick Humbert ... was an American football
        player" quoted, "played for the Philadelphia Eagles" in the next sentence)."""
        if not self.settings.second_hop or not self.links:
            return None
        chosen = choose(question, passages, sentences, self.scorer.unknown_names(query, passages), max_sentences=1)
        if chosen is None:
            return None
        origin = chosen.best
        p = origin.passage.passage
        named = [(s, (origin.start, origin.end)) for s in self.links.named_in(origin.text, question, p.source)]
        around: list[tuple[str, tuple[int, int]]] = []
        seen = {s for s, _ in named}
        for a, b in self.scorer.sentences_in(p.source, p.start, p.end):
            for source in self.links.named_in(p.text[a - p.start : b - p.start], question, p.source, limit=9):
                if source not in seen and len(around) < MAX_PASSAGE_LINKS:
                    seen.add(source)
                    around.append((source, (a, b)))
        best_of: dict[str, tuple[float, ScoredSentence, list[ScoredSentence]]] = {}
        for source, _ in named + around:
            own = [ScoredPassage(lp, origin.passage.score) for lp in self.links.passages_of(source)]
            scored = self.scorer.score(query, qv, own, type_from=question)
            if scored:
                best = max(scored, key=lambda s: sentence_score(s, 0))
                best_of[source] = (sentence_score(best, 0), best, scored)
        around = sorted((sv for sv in around if sv[0] in best_of), key=lambda sv: -best_of[sv[0]][0])
        candidates = [sv for sv in named if sv[0] in best_of] + around
        # "Where is the producer of Northern Lines from?": the link whose naming sentence says
        # how it is related ("It was produced by Martin Greer") goes first, wherever it is named.
        head = hops.description_head(question)
        if head:
            related = [sv for sv in candidates if hops.relates(head, p.text[sv[1][0] - p.start : sv[1][1] - p.start])]
            candidates = related + [sv for sv in candidates if sv not in related]
        picked = candidates[:LINKS_PER_HOP]
        if not picked:
            return None
        found, vias, kept, pages = [], [], [], []
        for source, via in picked:
            _, best, scored = best_of[source]
            found.append(best.passage)
            vias.append(via)
            kept += [s for s in scored if s.passage.passage.id == best.passage.passage.id]
            pages.append(tuple(_best_passages(scored, READ_PER_LINK)))
        return LinkedHop(origin, tuple(found), tuple(kept), tuple(vias), tuple(pages))

    def _second_hop(self, question: str, read: list[ReadPassage]):
        """(everything read, the kind of hop that ran, the first hop's best passage or None)."""
        if not self.settings.second_hop or not read or not read[0].read:
            return read, "none", None
        first = read[0]
        plan = hops.plan(question, first.short_answer, first.passage.passage.title)
        if not plan.queries:
            return read, "none", None
        found = [self.retriever.retrieve(q, self.settings.candidates) for q in plan.queries]
        # Each compared entity gets its share of the reading; a bridge query gets all of it.
        fresh = [sp for group in zip(*found) for sp in group] if len(found) > 1 else found[0]
        context = ""
        if plan.kind == "bridge" and first.span_start is not None:
            # The sentence that names the bridge, read before each new passage.
            p = first.passage.passage
            a, b = self.scorer.sentence_bounds(p.source, first.span_start, first.span_end)
            context = self.texts[p.source][max(a, p.start) : min(b, p.end)]
        merged = self._answerer.read(question, fresh, already=read, context=context)
        return merged, plan.kind, first if merged[0] is not first else None


# Sentences tried as the description of a clause-described bridge's subject (_of_relative):
# the best few for the words before the description; the one it quotes is usually first.
RELATIVE_SUBJECT_SENTENCES = 3
# Column names whose vectors QueryPath._near keeps: 1.5 KB each (384 fp32), 6 MB at most.
MAX_NAME_VECTORS = 4096


def _described_after(answer: Answer, described: SupportedClaim, question: str) -> Answer:
    """The answer to a question asked again of the subject it described, as the answer to
    `question`: the describing sentence quoted after it, unless it already is (a chain's step)."""
    source = described.passage.passage.source
    cited = any((c.source, c.support_start) == (source, described.support_start) for c in answer.citations)
    return replace(answer if cited else appended(answer, [described]), question=question)


def _answering(answer: Answer) -> Citation:
    """The citation an answer's short answer is quoted in (its first when none holds it)."""
    short = answer.short_answer or ""
    return next((c for c in answer.citations if short and short in c.supporting_text()), answer.citations[0])


def _quoted_again(cited: Citation, passages: list[ScoredPassage]) -> SupportedClaim | None:
    """A citation's supporting sentence as a claim to quote again, from its passage among
    `passages`; None when that passage is not among them or the citation supports nothing."""
    if cited.support_start is None or cited.support_end is None:
        return None
    passage = next(
        (sp for sp in passages if (sp.passage.source, sp.passage.start) == (cited.source, cited.start)), None
    )
    return None if passage is None else SupportedClaim.quoting(passage, cited.support_start, cited.support_end)


def _best_passages(scored: list[ScoredSentence], n: int) -> list[ScoredPassage]:
    """The passages of `scored` by their best sentence's score, best first, at most n."""
    best: dict[str, tuple[float, ScoredPassage]] = {}
    for s in scored:
        value = sentence_score(s, 0)
        pid = s.passage.passage.id
        if pid not in best or value > best[pid][0]:
            best[pid] = (value, s.passage)
    return [sp for _, sp in sorted(best.values(), key=lambda vs: -vs[0])][:n]
