"""The reader's answer: which passage answers, the short answer in it, or a refusal.

The reader model (rag.reader) gives, for a question and a passage, (a) the probability that the
passage answers it and (b) the answer span. The answer leads with the span, then quotes the
sentence that holds it, cited:

    1,500 — For the second straight day, Trump took to Twitter ... the 1,500-strong group ... [1]

Who decides (Settings.decide):
- "evidence" (answer_by_evidence): sentence evidence chooses the sentence or refuses
  (rag/answer/evidence_choice.py); the reader reads that passage for the span and the confidence.
- "checked" (default; answer_by_evidence, then checked): as "evidence", but when the reader
  doubts that answer (below its threshold) and is sure of another among the same passages, that
  one, unless the question quotes its sentence (rag.retrieve.hops.quotes).
- "reader" (read, ranked, answer): the reader reads the best fused candidates, ranks them by (a)
  and refuses when none reaches the threshold calibrated on held-out data (models/reader/
  reader.json); a second hop may chain two passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from rag.answer.amounts import with_unit
from rag.answer.answerability import Answerability, Signals
from rag.answer.clauses import is_clause
from rag.answer.copied import before_copied
from rag.answer.counts import asks_a_number, gives_no_number, number_ranges, states_a_quantity
from rag.answer.dated import date_of_the_day, governed_date
from rag.answer.envelope import envelope_answer, unsaid
from rag.answer.evidence_choice import choose
from rag.answer.extents import extent_asked
from rag.answer.grounding import SupportedClaim, cited_answer, refusal, shown_short
from rag.answer.lookup import day_column, role_column, typed_column
from rag.answer.persons import asks_who_someone_is, whole_name
from rag.answer.qualifiers import qualified_part, qualifier_terms
from rag.index.lexical import STOP, terms, words
from rag.ingest.sentences import asks, is_prompt_line, is_table_row, sentence_spans
from rag.reader.model import Reader, Reading
from rag.retrieve.evidence import (
    ScoredSentence,
    asked_terms,
    key_terms,
    sentence_score,
    time_of_day_asked,
    time_span_asked,
    times_of_day,
)
from rag.retrieve.hops import quotes, relates, substituted, substitution
from rag.retrieve.links import LinkedHop
from rag.retrieve.sections import only_headings
from rag.text.tables import column_asked, end_of_line, row_at
from rag.types import Answer, Passage, ScoredPassage

# (passage, start, end) of a span in the document → (start, end) of the whole sentence(s) of
# that passage holding it (SentenceScorer.sentence_in).
SentenceIn = Callable[[Passage, int, int], tuple[int, int]]
# A short answer of more words is not one (the 95th percentile of SQuAD v1.1 train answers: 10).
MAX_SHORT_WORDS = 10
# Strip these from the ends of a span: the reader's word pieces may take a comma or a bracket.
SPAN_TRIM = " \t\n,;:.()[]\"'“”‘’"


@dataclass(frozen=True)
class ReadPassage:
    """A candidate the reader has read. Invariant: span_start <= span_end, both inside the
    passage's [start, end] offsets of the document, or both None."""

    passage: ScoredPassage
    probability: float
    span_start: int | None
    span_end: int | None
    read: bool = True  # False: retrieved but not read (past read_candidates)

    @property
    def short_answer(self) -> str:
        p = self.passage.passage
        if self.span_start is None:
            return ""
        return p.text[self.span_start - p.start : self.span_end - p.start]


@dataclass(frozen=True)
class Chained:
    """A chained answer: the sentence that leads to the answer, the answer's claim (led by the
    short answer), the short answer, and the reader's probability for it."""

    # The first hop's sentence that names the linked document, or the sentence that describes
    # the page the question asks something of (ReaderAnswerer._of_subject).
    via: SupportedClaim
    claim: SupportedClaim | None  # None: the naming sentence answers, and the linked passage says nothing to it
    short: str | None
    probability: float

    @property
    def claims(self) -> list[SupportedClaim]:
        return [self.via] if self.claim is None else [self.via, self.claim]


class ReaderAnswerer:
    def __init__(
        self,
        reader: Reader,
        read_candidates: int,
        answerability: Answerability,
        gate: bool = False,
        texts: Mapping[str, str] | None = None,
        veto: bool = False,
    ):
        self._reader = reader
        self._read_candidates = read_candidates
        self._answerability = answerability
        # Whether the model's doubt refuses (Settings.answerability_gate); it is asked either way,
        # and its inputs and probability go with the answer (Answer.signals).
        self._gate = gate
        # Document texts by source: a table row's header names the column the question asks
        # for (rag.text.tables). None: rows are read like sentences.
        self._texts = texts
        # Whether the reader's sure doubt refuses in `checked` (Settings.reader_veto).
        self._veto = veto and reader.veto is not None

    @property
    def threshold(self) -> float:
        return self._reader.threshold

    def read(
        self,
        question: str,
        candidates: list[ScoredPassage],
        already: list[ReadPassage] | None = None,
        context: str = "",
    ) -> list[ReadPassage]:
        """Read up to `read_candidates` of `candidates` that `already` has not read, and return
        everything read so far, best answer first; candidates past those follow unread
        (probability 0) in their given order.

        `context` (the second hop's bridge sentence) is read before each passage, so "the
        director of Wild Target" can lead the reader to "Jonathan Lynn is English"; a span that
        falls in the context rather than the passage gives that passage no answer."""
        already = already or []
        seen = {rp.passage.passage.id for rp in already if rp.read}
        if context:  # with the bridge before it, a passage read before reads differently
            bridge_text = context.strip()
            fresh = [sp for sp in candidates if bridge_text not in sp.passage.text]
        else:
            fresh = [sp for sp in candidates if sp.passage.id not in seen]
        head = fresh[: self._read_candidates]
        lead = context + "\n" if context else ""
        readings = self._reader.read_many([(question, lead + sp.passage.text) for sp in head])
        again = {sp.passage.id for sp in head}
        read = [rp for rp in already if rp.read and rp.passage.passage.id not in again]
        earlier = {rp.passage.passage.id: rp for rp in already if rp.read and rp.passage.passage.id in again}
        for sp, r in zip(head, readings):
            start = end = None
            if r.span is not None and r.span.start >= len(lead):
                start, end = short_span(question, sp.passage.text, r.span.start - len(lead), r.span.end - len(lead))
                if not lead and end > start:
                    start, end = self._qualified(question, sp.passage.text, start, end)
                start, end = (sp.passage.start + start, sp.passage.start + end) if end > start else (None, None)
            # A span on a line typed at a prompt is an example's, not a statement's (rag.answer.evidence_choice).
            example = start is not None and _typed_at_prompt(sp.passage.text, start - sp.passage.start)
            if example:
                start = end = None
            answered = start is not None or not lead  # with a bridge before it, only a span in the passage
            probability = r.probability if answered and not example else 0.0
            before = earlier.get(sp.passage.id)
            if before is not None and before.probability >= probability:
                read.append(before)  # read alone it answered better: keep that reading
            else:
                read.append(ReadPassage(sp, probability, start, end))
        # Python's sort is stable: equal probabilities keep the order they were retrieved in.
        read.sort(key=lambda rp: rp.probability, reverse=True)
        ids = {rp.passage.passage.id for rp in read}
        rest = [rp for rp in already if not rp.read and rp.passage.passage.id not in ids]
        rest += [ReadPassage(sp, 0.0, None, None, read=False) for sp in fresh[self._read_candidates :]]
        unique = {}
        for rp in rest:
            unique.setdefault(rp.passage.passage.id, rp)
        return read + [rp for pid, rp in unique.items() if pid not in ids]

    @staticmethod
    def ranked(read: list[ReadPassage], k: int) -> list[ScoredPassage]:
        """The top k passages in the reader's order, their score the answer probability."""
        return [replace(rp.passage, score=round(rp.probability, 6)) for rp in read[:k]]

    def answer(
        self,
        question: str,
        read: list[ReadPassage],
        sentence_in: SentenceIn,
        unknown_names: bool,
        k: int,
        bridge: ReadPassage | None = None,
        options: tuple[str, ...] = (),
    ) -> Answer:
        """The best read passage answers when it reaches the threshold. With a
        `bridge` (the first hop's best passage, when a second hop ran) from another document than
        the answer's, the answer chains: the bridge's sentence [1], then the short answer and its
        sentence [2]. `options`: the answers the question offers ("A or B?"); a short answer
        naming neither is no answer to it, and the sentence is quoted without one."""
        shown = self.ranked(read, k)
        # The likeliest reading whose span is not only the question's own words: "Prosecutors"
        # read as answering "Which prosecutor is leading the investigation?" answers nothing.
        # Nor a passage of only headings: a label, whose section is a candidate beside it.
        best = next(
            (
                rp
                for rp in read
                if (rp.span_start is None or options or not echoes(rp.short_answer, question))
                and not only_headings(rp.passage.passage)
            ),
            None,
        )
        if best is None or unknown_names or best.probability < self.threshold or best.span_start is None:
            answer = refusal(question, shown)
            answer.confidence = best.probability if best else 0.0
            return answer
        short = _offered(best.short_answer, options)
        if (cell := self._cell_asked(question, best.passage.passage.source, best.span_start)) is not None:
            # A table row read as prose: the cell under the column asked, as the evidence's answer
            # takes it (short_in). "Where will the pupils go caving?" of a trip's itinerary
            # ("| Thu 18 June | Caving (AM); … | Ogof Carreg Las caves / … |") led with "AM" (a
            # break-it helper's school letter, session 56).
            short = _offered(cell, options)
        if short and (
            is_clause(question, short) or _across_cells(best.passage.passage, best.span_start, best.span_end)
        ):
            # "he didn't throw any" for "Who did not throw at all?" (rag.answer.clauses); "Bruno
            # Tessaro | Office manager" for "Who manages the Osterley office?" (_across_cells).
            short = None
        if short and not options and is_title(short, best.passage.passage.title):
            of_subject = self._of_subject(question, self._claim(best, sentence_in, None), shown, sentence_in)
            if of_subject is not None:
                return _answer_of(question, of_subject)
        claim = self._claim(best, sentence_in, lead=short)
        claims = [claim]
        if (
            bridge is not None
            and bridge.span_start is not None
            and bridge.passage.passage.source != best.passage.passage.source
        ):
            claims = [self._claim(bridge, sentence_in, lead=None), claim]
        answer = cited_answer(question, claims)
        answer.short_answer = shown_short(short, best.passage.passage.source) if short else short
        answer.confidence = best.probability
        return answer

    def answer_by_evidence(
        self,
        question: str,
        passages: list[ScoredPassage],
        sentences: list[ScoredSentence],
        unknown_names: bool,
        sentence_in: SentenceIn,
        link: LinkedHop | None = None,
        options: tuple[str, ...] = (),
    ) -> Answer:
        """Sentence evidence decides whether to answer and which sentence(s) to quote
        (rag/answer/evidence_choice.py); the reader then reads the first quoted passage, to lead
        with the short answer when its span lies inside the quoted sentence and to give the
        answer's confidence.

        `link`: the documents the first quoted sentence names by title. The reader reads each
        with that sentence before it; when its best span lies in the linked passage and reaches
        the threshold, the answer chains: the sentence [1], then the short answer and its
        sentence [2] ("Wild Target ... directed by Jonathan Lynn [1]. English — Jonathan Lynn is
        an English director [2]")."""
        choice = choose(question, passages, sentences, unknown_names)
        if choice is None:
            return refusal(question, passages)
        chosen = _whole(choice.sentences, sentence_in)
        first = chosen[0]
        if unsaid(
            question, first.text, first.passage.passage.source
        ):  # "Who was copied in …?" of a mail's headers that copy no one
            return refusal(question, passages)
        reading, short = self.short_in(question, first, options)
        led, short = self._lead(question, chosen, reading, short, options)
        signals = Signals.of(question, choice.best, choice.rank, choice.margin, reading.probability, short)
        answerable = self._answerability.probability(signals)
        recorded = {**signals.features(), "answerability": answerable}
        if self._gate and answerable < self._answerability.threshold:
            answer = refusal(question, passages)
            answer.signals = recorded
            return answer
        # Before the linked hop, though it costs one more reading when the hop answers: "In which
        # county is the farm in the novel by Declan Rowe?" marks the novel's own name here, and
        # the hop would answer with the writer's birthplace (tried: the probe set's one loss).
        lead = chosen[led]
        if short and not options and is_title(short, lead.passage.passage.title):
            described = SupportedClaim(lead.text, lead.passage, lead.start, lead.end)
            of_subject = self._of_subject(question, described, passages, sentence_in)
            if of_subject is not None:
                return replace(_answer_of(question, of_subject), signals=recorded)
        if link is not None and link.origin == choice.best:
            chained = self._chained_answer(question, first, link, sentence_in)
            if chained is not None:
                return replace(chained, signals=recorded)
        claims = []
        for i, s in enumerate(chosen):
            claim = SupportedClaim(s.text, s.passage, s.start, s.end)
            claims.append(claim.led_by(short) if i == led and short and not _same(short, s.text) else claim)
        answer = cited_answer(question, claims)
        answer.short_answer = shown_short(short, chosen[led].passage.passage.source) if short else short
        answer.confidence = reading.probability
        answer.signals = recorded
        return answer

    @staticmethod
    def about(
        question: str,
        topic: str,
        passages: list[ScoredPassage],
        sentences: list[ScoredSentence],
        unknown_names: bool,
        sentence_in: SentenceIn,
    ) -> Answer:
        """What the documents say about `topic` (rag.answer.topics): the best sentences that hold
        its words (sentence evidence, as `choose` ranks them), up to TOPIC_SENTENCES, quoted with
        no short answer (a topic has none: the reader's span for "budget" was "4 percent", at
        3 %). Refused as a question would be (`choose`), and when a word of the topic is in none
        of the sentences found: "Tell me about the mayor's car." quoted the mayor's age."""
        asked = set(terms(topic))
        said = [s for s in sentences if s.question_terms_hit]
        if asked - {t for s in said for t in s.question_terms_hit}:
            return refusal(question, passages)
        choice = choose(topic, passages, said, unknown_names, max_sentences=1)
        if choice is None:
            return refusal(question, passages)
        rank = {sp.passage.id: i for i, sp in enumerate(passages)}
        quotable = [
            s
            for s in said
            if s.passage.passage.id in rank and not is_prompt_line(s.text) and not only_headings(s.passage.passage)
        ]
        best = sorted(quotable, key=lambda s: sentence_score(s, rank[s.passage.passage.id]), reverse=True)
        chosen = _whole(best[:TOPIC_SENTENCES], sentence_in)
        return cited_answer(question, [SupportedClaim(s.text, s.passage, s.start, s.end) for s in chosen])

    def short_in(
        self, question: str, first: ScoredSentence, options: tuple[str, ...] = ()
    ) -> tuple[Reading, str | None]:
        """The reader's reading of the chosen sentence's passage, and its short answer there
        (None: none). The evidence chose the sentence; the reader finds the short answer
        inside it, read with its whole passage around it (read alone, the reader's best span fell
        in another sentence for some questions, and the answer then had no short answer at all).
        A span of only the question's own words is none: "tomatoes" for "Who waters the
        tomatoes?" over "The tomatoes were planted on 4 May." led the answer."""
        p = first.passage.passage
        sentence = (max(first.start, p.start) - p.start, min(first.end, p.end) - p.start)
        (reading,) = self._reader.read_many([(question, p.text)], within=[sentence])
        if asks_yes_or_no(question):
            # "Does the warranty cover water damage?" is answered by the sentence; the reader,
            # trained on spans, has no "no" to give and led with "water damage".
            return reading, None
        cell = self._looked_up(question, first)
        if cell is not None:
            return reading, _offered(cell, options)
        if reading.span is None:
            return reading, None
        reading = self._of_the_kind_asked(question, p.text, sentence, reading)
        a, b = short_span(question, p.text, reading.span.start, reading.span.end, sentence[1])
        a, b = self._qualified(question, p.text, a, b, sentence)
        # "When does the tenancy begin?" of "… begins on 1 March 2025 and ends on 28 February 2026".
        a, b = governed_date(question, p.text, sentence, a, b) or (a, b)
        a, b = date_of_the_day(question, p.text, sentence, a, b) or (a, b)
        # Bounded to the sentence, the reader may mark most of it when the short answer is not
        # there; that is no short answer. 95% of SQuAD v1.1 train answers have at most
        # MAX_SHORT_WORDS words.
        if b <= a or len(p.text[a:b].split()) > MAX_SHORT_WORDS:
            return reading, None
        if (number := _SECTION_NUMBER.match(p.text, sentence[0], sentence[1])) and b <= number.end():
            # "2.5 — 2.5 Users must not share passwords …": the number of the policy's clause,
            # not what was asked (a break-it helper's IT policy).
            return reading, None
        if _across_cells(p, p.start + a, p.start + b):
            return reading, None
        short = _offered(p.text[a:b], options)
        if not short or is_clause(question, short) or (not options and echoes(short, question)):
            return reading, None
        # "Who is Begoña Ibáñez?" asks what she is; "71" (her age, of "Begoña Ibáñez, 71, said
        # …") led the answer. A bare number describes no one: the sentence answers alone.
        if not any(c.isalpha() for c in short) and asks_who_someone_is(question, first.text):
            return reading, None
        return reading, short

    def _of_the_kind_asked(self, question: str, text: str, sentence: tuple[int, int], reading: Reading) -> Reading:
        """`reading`, its span the best that holds a number when the question asks for one and
        the reader's holds none while the sentence writes one: "How much money is set aside for
        the poetry evening?" was answered "Corn Exchange" (where it is held) over the sentence's
        amount (eval/probes/formats). Of SQuAD v1.1 train's "how many" and "how much" answers, 2.9%
        give no number ("free", "several", "a third": a quantity in words is kept as it is)."""
        span = reading.span
        if span is None or not asks_a_number(question) or states_a_quantity(text[span.start : span.end]):
            return reading
        if not (numbers := number_ranges(question, text, *sentence)):
            return reading
        (typed,) = self._reader.read_many([(question, text)], within=[sentence], holding=[numbers])
        return reading if typed.span is None else Reading(reading.probability, typed.span)

    def _lead(
        self,
        question: str,
        chosen: list[ScoredSentence],
        first: Reading,
        short: str | None,
        options: tuple[str, ...],
    ) -> tuple[int, str | None]:
        """Which quoted sentence leads the answer with its short answer, and that short answer
        (`first`, `short`: the first's reading and short answer). The evidence quotes a second
        sentence for what the first leaves out, and the short answer is often there: "Who
        maintains tidewater?" led with "Python" of the library's first sentence, the second
        saying "… maintained by Odile Varnasse" (a break-it helper's README). Another sentence
        leads when the reader prefers it twice: its span scores highest (start + end logit) read
        in its passage as the first is, and the sentence read alone is likelier to answer than
        the first read alone. On the development sets' answers quoting two sentences or more,
        the best-scored sentence's raw span was right 19 times where the first's was not and
        wrong once where it was right; with both readings agreeing, 18 and none (read alone
        only, 19 and 2). The confidence stays the first's reading: the evidence's sentence
        decides whether to answer."""
        if short is not None and self._looked_up(question, chosen[0]) is not None:
            # The first is a table row's cell under the column asked: the row, not the reader's
            # reading of it, answers ("What's the daily rate for the hire car?" of "| Vehicle
            # rental … | 7 days | £52.80 per day | …", then "… plus a £35.00 late-return fee.").
            return 0, short
        best, lead, top = 0, short, first.span.score if first.span is not None else float("-inf")
        for i, sentence in enumerate(chosen[1:], start=1):
            reading, other = self.short_in(question, sentence, options)
            if reading.span is not None and reading.span.score > top:
                # A span that repeats the question's words leads nothing, and still outscores
                # those after it.
                top = reading.span.score
                best, lead = (i, other) if other and not _repeats(other, question) else (0, short)
        if best == 0:
            return 0, short
        alone = self._reader.read_many([(question, chosen[0].text), (question, chosen[best].text)])
        return (best, lead) if alone[1].probability > alone[0].probability else (0, short)

    def _looked_up(self, question: str, sentence: ScoredSentence) -> str | None:
        """The answer a sentence gives by its layout, not as the reader reads it: the cell under
        the column asked, when it is a table row; who sent a mail to whom, when it is the
        sentence its headers are written as."""
        source = sentence.passage.passage.source
        cell = self._cell_asked(question, source, sentence.start)
        return cell if cell is not None else envelope_answer(question, sentence.text, source)

    def _qualified(
        self, question: str, text: str, a: int, b: int, sentence: tuple[int, int] | None = None
    ) -> tuple[int, int]:
        """The short answer [a, b) of `text`, or, when it is one of a sentence's values and the
        question's closing phrase goes with another ("… 1.5 times on weekdays and 2 times on
        Sundays" asked of Sundays: rag.answer.qualifiers), the reader's span in that value's
        words, read again (the same window: its outputs are kept, no second pass). `sentence`:
        the range of `text` the span lies in; by default the sentence around it."""
        if not qualifier_terms(question) or not any(c.isdigit() for c in text[a:b]):
            return a, b
        if sentence is None:
            sentence = next(((s, e) for s, e in sentence_spans(text) if s <= a < e), (a, b))
        part = qualified_part(question, text[slice(*sentence)], a - sentence[0], b - sentence[0])
        if part is None:
            return a, b
        part = (sentence[0] + part[0], sentence[0] + part[1])
        (again,) = self._reader.read_many([(question, text)], within=[part])
        if again.span is None:
            return a, b
        return short_span(question, text, again.span.start, again.span.end, part[1])

    def _cell_asked(self, question: str, source: str, start: int) -> str | None:
        """The cell under the column the question names, when the sentence at `start` is a
        table row under a header (rag.text.tables). The reader, trained on prose, read "| Bruno
        Okafor | Research | Berlin | ext. 2590 | 2021 |" for "Which department does Bruno Okafor
        work in?" as "Berlin"."""
        if self._texts is None:
            return None
        text = self._texts[source]
        row = row_at(text, start)
        if row is None:
            return None
        # No column named: the one cell of the kind asked ("How much is the four-tray
        # convection oven?" asks for an amount, and the reader had read "230 V" of the row's
        # description for it, where its one amount is its price). Development sets, one run
        # after the other: pdftables2 EM 0.565 → 0.630, formats 0.600 → 0.618 (four prices and
        # dates led by the reader's "16 mm", "Service kit", "Jan 2025", "230 V" before); tables,
        # records, pdftables: every answer the same.
        column = day_column(question, row)
        if column is None:
            column = column_asked(question, row, text)
        if column is None:
            column = typed_column(question, row, text)
        if column is None:
            # "Who is giving the opening keynote at HFN 2026?" of a programme's row read as prose:
            # the reader took words of its session's title (a break-it helper's, session 55).
            column = role_column(question, row, text, [])
        if column is None:
            return None
        a, b = row.cells[column]
        return text[a:b] if b > a else None

    def checked(
        self,
        question: str,
        answer: Answer,
        passages: list[ScoredPassage],
        sentence_in: SentenceIn,
        unknown_names: bool,
        link: LinkedHop | None = None,
    ) -> Answer:
        """The evidence's `answer`, unless the reader doubts it (its probability is under the
        threshold) and, reading the same passages, is sure of its own (at or above it): then the
        reader's answer, as reader mode gives it (through the linked hop when there is one). The
        evidence matches words and the reader reads: for "At which airport did Blinken land for his
        Mexico trip?" the evidence quoted the article's opening sentence (p 0.04), the reader
        "Felipe Angeles International Airport" (p 0.94; README: Reader, for what it gains and
        costs). With the veto (Settings.reader_veto), a refusal when the reader reads neither the
        evidence's passage nor any of the others above its veto point."""
        if answer.refused or answer.confidence is None or answer.confidence >= self.threshold:
            return answer
        if self._under_the_question(question, answer):
            return answer
        read = self.read(question, passages)
        own = self.answer(question, read, sentence_in, unknown_names, len(passages))
        if link is not None and not unknown_names:
            own = self.linked_answer(question, link, sentence_in) or own
        if own.refused or own.confidence is None or own.confidence < self.threshold:
            likeliest = max([answer.confidence, own.confidence or 0.0, *(rp.probability for rp in read if rp.read)])
            if self._veto and likeliest < self._reader.veto:
                vetoed = refusal(question, passages)
                vetoed.confidence = likeliest
                vetoed.signals = answer.signals
                vetoed.notes = [
                    f"The reader model reads none of the closest passages as answering (at most {likeliest:.0%}; "
                    f"it refuses under {self._reader.veto:.0%})."
                ]
                return vetoed
            return answer
        if _names_another_row(question, own):
            # A passage of rows read as prose: "What is the warranty on the Smart Plug?" over a
            # product table with no warranty column was answered "115", the Door Sensor's stock
            # (p 0.51). A row is about what its cells name, and this one names nothing the
            # question does.
            return answer
        if _another_row(answer, own):
            # The evidence took a table's row by the names the question gives of it (its
            # cells); the reader reads a passage of rows as prose and had another row's cell
            # for it: "When was the stainless steel Kestrel Compact kettle on sale?" answered
            # with the white kettle's "May 2024 to Dec 2024" (eval/probes/pdftables2).
            return answer
        if (
            _quotes(answer)
            and gives_no_number(question, _quotes(own))
            and not gives_no_number(question, _quotes(answer))
        ):
            # The reader was surer of a passage that gives no number for a question asking one:
            # "What was the turnout in the Lorvanian election?" answered by the evidence's "64.2 per
            # cent" (p 0.46) was swapped for the whole headline (p 0.58; a break-it helper's news
            # pages, session 55). The evidence's answer stands, unless the reader's doubt of it is
            # past its veto point: then neither gives the number, and the reader's answer goes on
            # to be refused for it (rag.answer.counts; "How many emergency shelters have been
            # opened …?": the evidence's "More than 9,400 people …", p 0.03).
            if self._reader.veto is None or answer.confidence >= self._reader.veto:
                return answer
        if asks(own.citations[0].supporting_text()):
            # The reader's span lay in a question the document asks (an FAQ's "Q:" line): it
            # states nothing, as the evidence knows (rag.answer.evidence_choice).
            return answer
        if quotes(question, own.citations[0].supporting_text()):
            # The reader, reading one passage at a time, is sure of a sentence the question took
            # its description from, and answers with what that sentence names: "Lindhaven —
            # Lindhaven Rovers F.C. is a Valdorian football club based in Lindhaven" for "Marsk
            # United is a Valdorian football club based in the port town of Marsk; where was its
            # record goalscorer born?" (invented two-hop probes, eval/probes/multihop2).
            return answer
        return own

    def _under_the_question(self, question: str, answer: Answer) -> bool:
        """Does the evidence quote what stands right under a line of the document that asks the
        question (every word it asks about): an FAQ's or a help page's heading ("How do I set up
        MFA?")? The document answers its own question there, whatever the reader, reading each
        passage alone, is surer of elsewhere: it was sure of the page's opening "This page
        explains how to get your laptop, accounts and security set up …" (a break-it helper's IT
        onboarding page, session 49)."""
        if self._texts is None or not answer.citations:
            return False
        c = answer.citations[0]
        text = self._texts.get(c.source, "")
        line_end = text.rfind("\n", 0, c.support_start)
        if line_end < 0 or text[line_end + 1 : c.support_start].strip():
            return False  # the quote does not open its line
        line = text[text.rfind("\n", 0, line_end) + 1 : line_end].strip()
        wanted = asked_terms(question)
        return bool(wanted) and asks(line) and wanted <= set(terms(line))

    def _of_subject(
        self, question: str, described: SupportedClaim, passages: list[ScoredPassage], sentence_in: SentenceIn
    ) -> Chained | None:
        """The short answer in the chosen sentence is its page's own subject ("Silver Harbour"
        for "On which island is the film directed by Karin Holm set?"): the question describes
        that subject and asks something of it. Its page's passages among `passages` are read
        with DecompRC's sub-question ("On which island is Silver Harbour set?"); the most
        probable reading at the threshold whose span is not the subject answers, quoted after
        the chosen sentence that says which page it is: "Silver Harbour is a 1987 Danish drama
        film directed by Karin Holm. [1] Bornholm — It follows a fishing family on the island of
        Bornholm during a hard winter. [1]". None when there is no such description or no
        reading: the sentence's answer stands (a question asking for the subject itself,
        "Which film did Karin Holm direct?", has no description to replace)."""
        p = described.passage.passage
        # With no description to replace, the question itself, read over the whole page rather
        # than held to the describing sentence ("Which prize was the 1999 novel by the
        # Galway-born writer shortlisted for?").
        sub = substituted(question, described.text, p.title, p.title) or question
        found = self.likeliest([(sub, sp) for sp in passages if sp.passage.source == p.source], [p.title])
        if found is None:
            return None
        best = found[1]
        claim = self._claim(best, sentence_in, lead=best.short_answer)
        if (claim.passage.passage.source, claim.support_start) == (p.source, described.support_start):
            return Chained(claim, None, best.short_answer, best.probability)
        return Chained(described, claim, best.short_answer, best.probability)

    def backlinked_answer(
        self, question: str, described: SupportedClaim, pages: list[ScoredPassage], sentence_in: SentenceIn
    ) -> Answer | None:
        """The answer is the quoted page's own subject, and the question asks something of what
        that subject is linked to from elsewhere: "Which award did the film by the director born
        in Aarhus in 1941 win?" finds the director's page, and the film's page names her.
        `pages` (passages of other documents that name the subject) are read after the
        describing sentence, the span held in each page's text; the most probable reading at the
        threshold whose span is not the subject chains: "Karin Holm (born 3 May 1941 in Aarhus)
        is a Danish film director ... [1] Bodil Award — The film won the Bodil Award for best
        film in 1988. [2]". None when none does."""
        subject = described.passage.passage.title
        read = self.read(question, pages, context=described.text)
        best = next(
            (
                rp
                for rp in read
                if rp.read
                and rp.span_start is not None
                and rp.probability >= self.threshold
                and len(rp.short_answer.split()) <= MAX_SHORT_WORDS
                and not _names(rp.short_answer, subject)
            ),
            None,
        )
        if best is None:
            return None
        claim = self._claim(best, sentence_in, lead=best.short_answer)
        return _answer_of(question, Chained(described, claim, best.short_answer, best.probability))

    def likeliest(self, asked: list[tuple[str, ScoredPassage]], excluded: list[str]) -> tuple[int, ReadPassage] | None:
        """Each (question, passage) read alone: the most probable reading at the threshold whose
        short answer (at most MAX_SHORT_WORDS words) names none of `excluded` (the bridge, a
        page's own name), with its index in `asked`; None when none is."""
        best: tuple[int, ReadPassage] | None = None
        readings = self._reader.read_many([(q, sp.passage.text) for q, sp in asked])
        for i, ((_, sp), r) in enumerate(zip(asked, readings)):
            if r.span is None or r.probability < self.threshold or (best and r.probability <= best[1].probability):
                continue
            p = sp.passage
            a, b = trimmed(p.text, r.span.start, r.span.end)
            short = p.text[a:b]
            if b <= a or len(short.split()) > MAX_SHORT_WORDS or any(_names(short, x) for x in excluded):
                continue
            best = (i, ReadPassage(sp, r.probability, p.start + a, p.start + b))
        return best

    def linked_answer(self, question: str, link: LinkedHop, sentence_in: SentenceIn) -> Answer | None:
        """The chained answer through `link`, read from the sentence the evidence chose
        (`link.origin`), or None when the reader finds no answer through it. Reader mode's answer
        gives way to it: the reader ranks passages one by one, and the page a bridge leads to
        rarely wins alone."""
        return self._chained_answer(question, _whole([link.origin], sentence_in)[0], link, sentence_in)

    def _chained_answer(
        self, question: str, first: ScoredSentence, link: LinkedHop, sentence_in: SentenceIn
    ) -> Answer | None:
        chained = self._chained(question, first, link, sentence_in)
        return None if chained is None else _answer_of(question, chained)

    def _chained(
        self, question: str, first: ScoredSentence, link: LinkedHop, sentence_in: SentenceIn
    ) -> Chained | None:
        """The linked passage that answers, read after the sentence of the first hop that names
        it (`first` itself, or another sentence of its passage), or None. The span must fall in
        the linked passage: one that falls in the naming sentence means it answers alone."""
        origin = first.passage.passage
        vias = []
        for a, b in link.vias:
            a, b = sentence_in(origin, a, b)  # for `first` itself, its own (whole-sentence) bounds
            vias.append(SupportedClaim.quoting(first.passage, a, b))
        leads = [via.text + "\n" for via in vias]
        readings = self._reader.read_many(
            [(question, lead + sp.passage.text) for lead, sp in zip(leads, link.passages)]
        )
        best: Chained | None = None
        named = []  # (via, linked passage, reading) whose span fell in the naming sentence
        itself = False  # the best span is its linked page's own name: the bridge again
        for sp, via, lead, r in zip(link.passages, vias, leads, readings):
            if r.span is None or r.probability < self.threshold:
                continue
            if r.span.start < len(lead):
                named.append((via, sp, r))
                continue
            if best is not None and r.probability <= best.probability:
                continue
            p = sp.passage
            a, b = trimmed(p.text, r.span.start - len(lead), r.span.end - len(lead))
            if b <= a:
                continue
            rp = ReadPassage(sp, r.probability, p.start + a, p.start + b)
            short = rp.short_answer if len(rp.short_answer.split()) <= MAX_SHORT_WORDS else None
            best = Chained(via, self._claim(rp, sentence_in, lead=short), short, r.probability)
            itself = bool(short) and _names(short, p.title)
        via_of = {sp.passage.id: via for sp, via in zip(link.passages, vias)}
        if best is not None:
            # "What is the place of birth of the director of Silver Harbour?" marked "Karin Holm"
            # on her own page: what the question asks of her may be said there all the same.
            of_bridge = self._of_bridge(question, [best.short], via_of, link, sentence_in) if itself else None
            return of_bridge or best
        if not named:
            return self._asked_of_links(question, vias, link, sentence_in)
        marked = []
        for via, _, r in named:
            a, b = trimmed(via.text, r.span.start, min(r.span.end, len(via.text)))
            if b > a:
                marked.append(via.text[a:b])
        if any(is_title(m, origin.title) for m in marked):
            # The mark is the quoted page's own subject: the question describes it and asks
            # something of it, which its own passage may say.
            described = SupportedClaim(first.text, first.passage, first.start, first.end)
            of_subject = self._of_subject(question, described, [first.passage], sentence_in)
            if of_subject is not None:
                return of_subject
        of_bridge = self._of_bridge(question, marked, via_of, link, sentence_in)
        if of_bridge is not None:
            return of_bridge
        best_named = max(named, key=lambda n: n[2].probability)
        return self._named_answer(question, first, best_named, link.sentences, sentence_in)

    def _asked_of_links(
        self, question: str, vias: list[SupportedClaim], link: LinkedHop, sentence_in: SentenceIn
    ) -> Chained | None:
        """No linked page, read after its naming sentence, answered at the threshold: each page's
        best passages read alone with the question asked of its subject by name (DecompRC's
        sub-question, `hops.substituted`: "Under whom did the designer of Harlow Bridge train?"
        named in "It was designed by the engineer Thomas Pell" -> "Under whom did Thomas Pell
        train?"). The most probable reading at the threshold whose span names no page chains
        after the naming sentence; None when none does."""
        origin = link.origin.passage.passage
        asked: list[tuple[str, ScoredPassage]] = []
        asked_via: list[SupportedClaim] = []
        for linked, page, via in zip(link.passages, link.pages, vias):
            sub = substituted(question, via.text, linked.passage.title, origin.title)
            if sub is None:
                continue
            for sp in page:
                asked.append((sub, sp))
                asked_via.append(via)
        titles = [sp.passage.title for sp in link.passages if sp.passage.title] + [origin.title]
        found = self.likeliest(asked, [t for t in titles if t]) if asked else None
        if found is None:
            return None
        i, rp = found
        return Chained(
            asked_via[i], self._claim(rp, sentence_in, lead=rp.short_answer), rp.short_answer, rp.probability
        )

    def _of_bridge(
        self,
        question: str,
        marked: list[str],
        via_of: dict[str, SupportedClaim],
        link: LinkedHop,
        sentence_in: SentenceIn,
    ) -> Chained | None:
        """What the question asks of a bridge, from the bridge's own page; None when it says
        nothing likely (the answer then stays as it was).

        The reader, reading the naming sentence before each linked page, marked `marked`: a span
        in the sentence, or the linked page's own name. When that is a linked page's title ("...a
        soap opera created by who?" -> "played by Ashleigh Brewer"), it is the bridge, not the
        answer, and each linked page's best passages are read alone — with the question, and
        with DecompRC's sub-question (`hops.substituted`: "Who is the mother of the director of
        Silver Harbour?" asked of "Karin Holm" by name), the likelier reading counting. The most
        probable reading at the threshold whose span names no linked page and is not the mark
        chains after the naming sentence: "...played by Ashleigh Brewer [1]. Reg Watson — It was
        created by TV executive Reg Watson [2]".

        A mark that is no title (a year: "Northern Lines is the second album by the Scottish
        band The Tollcross Five, released in 2004" for "When was the band that released
        Northern Lines formed?") stands unless the question describes the bridge through the
        quoted page ("the band that released Northern Lines") and the naming sentence says that
        relation ("band"): then the bridge's page is read with the sub-question alone ("When was
        The Tollcross Five formed?"). Without the relation check it replaced right marks ("Name
        the mother of Edward Stafford, 4th Baron Stafford" asked of his father's page gave his
        father's mother: the naming sentence says "son of", not "mother"), HotpotQA-30 EM
        0.433 -> 0.400."""
        titles = [sp.passage.title for sp in link.passages if sp.passage.title]
        marked = [m for m in marked if m]
        if not marked or not link.pages:
            return None
        bridge_marked = any(_names(m, t) for m in marked for t in titles)
        asked: list[tuple[str, ScoredPassage]] = []
        vias: list[SupportedClaim] = []
        for linked, page in zip(link.passages, link.pages):
            via = via_of.get(linked.passage.id)
            if via is None:
                continue
            name = linked.passage.title or marked[0]
            if bridge_marked:
                sub = substituted(question, via.text, name, via.passage.passage.title)
                questions = [question] + ([sub] if sub else [])
            else:
                found = substitution(question, "", name, via.passage.passage.title)
                if found is None or not relates(found[1], via.text):
                    continue
                questions = [found[0]]
            for sp in page:
                for q in questions:
                    asked.append((q, sp))
                    vias.append(via)
        found = self.likeliest(asked, marked + titles)
        if found is None:
            return None
        i, rp = found
        return Chained(vias[i], self._claim(rp, sentence_in, lead=rp.short_answer), rp.short_answer, rp.probability)

    def _named_answer(
        self,
        question: str,
        first: ScoredSentence,
        named: tuple[SupportedClaim, ScoredPassage, Reading],
        linked_sentences: tuple[ScoredSentence, ...],
        sentence_in: SentenceIn,
    ) -> Chained | None:
        """The naming sentence answers: the reader, reading it before the linked passage, found the
        answer in it ("He played for the Philadelphia Eagles." for "...played for an NFL team based
        in what state?"). It is quoted, led by that answer, then the linked passage's sentence that
        best matches the question (the sentence evidence's choice, as the issue's "X was directed
        by Y [1]. Y is Australian [2]."): "...the Philadelphia Eagles [1]. The Philadelphia Eagles
        are ... based in Philadelphia, Pennsylvania. [2]".

        When the naming sentence is the one already quoted, it answered alone before this hop ran;
        the linked passage joins it only when, read alone, it gives the same answer (its own page
        confirms what the question says of it). Otherwise None: the answer stays as it was."""
        via, sp, r = named
        a, b = trimmed(via.text, r.span.start, min(r.span.end, len(via.text)))
        short = via.text[a:b]
        if b <= a or len(short.split()) > MAX_SHORT_WORDS:
            return None
        lead = via if _same(short, via.text) else via.led_by(short)
        p = sp.passage
        if (via.support_start, via.support_end) != (first.start, first.end):
            own = [x for x in linked_sentences if x.passage.passage.id == p.id]
            if not own:
                return Chained(lead, None, short, r.probability)
            best = max(own, key=lambda x: sentence_score(x, 0))
            s, e = sentence_in(p, best.start, best.end)
            return Chained(lead, SupportedClaim.quoting(sp, s, e), short, r.probability)
        (alone,) = self._reader.read_many([(question, p.text)])
        if alone.span is None or alone.probability < self.threshold:
            return None
        s, e = trimmed(p.text, alone.span.start, alone.span.end)
        if e <= s or not _names(short, p.text[s:e]):
            return None
        claim = self._claim(ReadPassage(sp, alone.probability, p.start + s, p.start + e), sentence_in, None)
        return Chained(lead, claim, short, r.probability)

    @staticmethod
    def _claim(rp: ReadPassage, sentence_in: SentenceIn, lead: str | None) -> SupportedClaim:
        """The sentence(s) of rp's passage that hold its span, led by `lead` (the short answer)."""
        claim = SupportedClaim.quoting(
            replace(rp.passage, score=round(rp.probability, 6)),
            *sentence_in(rp.passage.passage, rp.span_start, rp.span_end),
        )
        return claim if not lead or _same(lead, claim.text) else claim.led_by(lead)


def _answer_of(question: str, chained: Chained) -> Answer:
    answer = cited_answer(question, chained.claims)
    answer.short_answer = chained.short
    answer.confidence = chained.probability
    return answer


def _typed_at_prompt(text: str, at: int) -> bool:
    """Does the line of text holding offset `at` start at an interactive prompt (">>> ")?"""
    return is_prompt_line(text[text.rfind("\n", 0, at) + 1 :])


# How many sentences a request for a topic quotes ("Tell me about the ferry": the family that ran
# it, its last crossing, the bridge that replaces it).
TOPIC_SENTENCES = 3


def _whole(chosen: list[ScoredSentence], sentence_in: SentenceIn) -> list[ScoredSentence]:
    """The chosen sentences as whole sentences (a Punkt cut inside one is joined); one that
    becomes part of a sentence already quoted is not quoted twice."""
    out: list[ScoredSentence] = []
    for s in chosen:
        p = s.passage.passage
        a, b = sentence_in(p, s.start, s.end)
        if any(o.passage.passage.source == p.source and o.start < b and a < o.end for o in out):
            continue
        out.append(replace(s, start=a, end=b, text=p.text[a - p.start : b - p.start]))
    return out


def short_span(question: str, text: str, start: int, end: int, limit: int | None = None) -> tuple[int, int]:
    """The reader's span text[start:end] as a short answer: trimmed, ended before a phrase copied
    from the question (rag/answer/copied.py), a name it stops inside whole (rag.answer.persons),
    for "how long" a time or length (rag/answer/extents.py), and for "how much" with its unit (rag/answer/amounts.py), never past `limit` (the text's end
    when None). One place for both answer paths."""
    a, b = trimmed(text, *_outside_markup(text, start, end))
    a, b = trimmed(text, a, before_copied(question, text, a, b))
    a, b = trimmed(text, a, _without_trailing_word(text, a, b))
    a, b = _whole_numbers(text, a, b)
    a, b = _whole_codes(text, a, b)
    a, b = _whole_phone_number(text, a, b)
    a, b = _the_time_asked(question, text, a, b, len(text) if limit is None else limit)
    a, b = extent_asked(question, text, a, b, len(text) if limit is None else limit)
    b = min(whole_name(question, text, a, b), len(text) if limit is None else limit)
    return a, with_unit(question, text, a, b, len(text) if limit is None else limit)


# HTML a Markdown page writes inside a sentence: a comment, a script or style element, a tag. The
# sentence keeps it (rag.ingest.markdown.hidden), the short answer does not.
_MARKUP = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>", re.S | re.I)


def _outside_markup(text: str, a: int, b: int) -> tuple[int, int]:
    """text[a:b] without the markup at its edges: "<!-- checked in May --> 5 euros a day" is "5
    euros a day", and a span that starts inside "<script>track()</script>" is none (a break-it
    helper's Markdown, session 59)."""
    line_start = text.rfind("\n", 0, a) + 1
    line_end = len(text) if (end := text.find("\n", b)) == -1 else end
    if "<" not in text[line_start:line_end]:  # a span inside "<script>track()</script>" holds none
        return a, b
    for m in _MARKUP.finditer(text, line_start, line_end):
        s, e = m.span()
        if s <= a < e:
            a = e
        if s < b <= e:
            b = s
    return (a, b) if a < b else (a, a)


# The rest of a number a span ends inside ("06" of "06:27", "1" of "1,500", "3" of "3.5"), or
# the start of one it starts inside.
_NUMBER_GOES_ON = re.compile(r"(?:[:.,]\d+)+")
_NUMBER_CAME_BEFORE = re.compile(r"\d+(?:[:.,]\d+)*[:.,]$")


def _whole_numbers(text: str, a: int, b: int) -> tuple[int, int]:
    """text[a:b] with the numbers at its ends whole: the reader's tokens part "06:27" at its colon,
    and "At what time does the third departure reach St Aldric Hospital?" was answered "06" from a
    timetable's row (a break-it helper's, session 50)."""
    if b > a and text[b - 1].isdigit() and (m := _NUMBER_GOES_ON.match(text, b)) is not None:
        b = m.end()
    if b > a and text[a].isdigit() and (m := _NUMBER_CAME_BEFORE.search(text, max(0, a - 20), a)) is not None:
        if m.start() == 0 or not text[m.start() - 1].isdigit():
            a = m.start()
    if b > a and text[a].isdigit() and a > 0 and text[a - 1] in _CURRENCY_SIGNS:
        a -= 1  # "£1,471.15", not "1,471.15" (a break-it helper's tenancy deposit, session 51)
    return a, b


_CURRENCY_SIGNS = "£$€¥₹₩₽₺₪"


# A code's pieces joined by hyphens or slashes ("BMH-7740-2291-K", "SA7/3QD"), letters and digits
# in it (not a date's "2024-01-09", nor a range's "10-15").
# Tried only where a run of letters and digits starts, and the run taken whole: from every
# character of a 20,000-digit word the pattern read to its end (12 s to ask, a break-it helper's,
# session 61).
_CODE_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]++(?:[-/][A-Za-z0-9]++)+")


# A telephone number as people write one: "+44 (0)1632 960 777", "0330 818 4410", "(01632) 448-377".
# It opens with a country code, a bracket or a trunk 0, so a row of numbers typed in plain text
# ("2023 2024 2025") is none.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}|\(\d{1,5}\)[ .-]?\d{2,5}|0\d{1,4})(?:[ .-]\d{2,5}){1,4}(?![\w])"
)


def _whole_phone_number(text: str, a: int, b: int) -> tuple[int, int]:
    """text[a:b] with the telephone number it lies in whole: "What's the 24-hour emergency phone
    number?" was answered "960 777" of "+44 (0)1632 960 777" (a break-it helper's safety data
    sheet, session 54). Only a span of digits, spaces and the marks inside such a number."""
    if b <= a or not any(c.isdigit() for c in text[a:b]) or re.search(r"[^\d\s()+.-]", text[a:b]):
        return a, b
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    for m in _PHONE.finditer(text, line_start, len(text) if line_end == -1 else line_end):
        if m.start() <= a and b <= m.end() and sum(c.isdigit() for c in m.group()) >= 8:
            return m.start(), m.end()
    return a, b


def _whole_codes(text: str, a: int, b: int) -> tuple[int, int]:
    """text[a:b] with a code at its ends whole: "What is my policy number?" was answered
    "BMH-7740-2291" of "BMH-7740-2291-K" (a break-it helper's insurance schedule, session 51)."""
    if b <= a:
        return a, b
    start = a
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/"):
        start -= 1
    end = b
    while end < len(text) and (text[end].isalnum() or text[end] in "-/"):
        end += 1
    for m in _CODE_TOKEN.finditer(text, start, end):
        code = m.group()
        pieces = re.split(r"[-/]", code)
        # Letters and digits, and no piece a word ("1,500-strong", "10-year" are no codes).
        worded = any(p.isalpha() and not p.isupper() and len(p) > 2 for p in pieces)
        if (
            any(c.isdigit() for c in code)
            and any(c.isalpha() for c in code)
            and not worded
            and m.start() < b
            and a < m.end()
        ):
            a, b = min(a, m.start()), max(b, m.end())
    return a, b


def _the_time_asked(question: str, text: str, a: int, b: int, limit: int) -> tuple[int, int]:
    """For "What time …?", the one time of day on the span's line when the span holds none: "What
    time can we check in?" was answered "Friday 23 May 2025" from "Check-in: Friday 23 May 2025,
    from 3:00 pm" (a break-it helper's booking, session 51)."""
    if b <= a or not time_of_day_asked(question) or times_of_day(text[a:b]):
        return a, b
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = min(limit, len(text) if line_end == -1 else line_end)
    found = times_of_day(text[line_start:line_end])
    if len(found) == 2 and time_span_asked(question):
        # "What time slot is my delivery?" of "Delivery slot: Thursday 12 March 2026, 7pm - 8pm":
        # from the first time to the last, when only a dash or "to" parts them (a break-it
        # helper's grocery receipt, session 54).
        first, last = line_start + found[0].start(), line_start + found[1].end()
        if _TIME_SPAN_BETWEEN.fullmatch(text, line_start + found[0].end(), line_start + found[1].start()):
            meridiem = _MERIDIEM.match(text, last, line_end)
            return first, meridiem.end() if meridiem is not None else last
    if len(found) != 1:
        return a, b
    end = line_start + found[0].end()
    if (meridiem := _MERIDIEM.match(text, end, line_end)) is not None:
        end = meridiem.end()  # "3:00 pm", not "3:00"
    return line_start + found[0].start(), end


_TIME_SPAN_BETWEEN = re.compile(r"\s*(?:[ap]\.?m\.?)?\s*(?:-|–|—|to|until)\s*", re.I)
_MERIDIEM = re.compile(r"\s*(?:[ap]\.m\.|[ap]m\b)", re.I)


# Words a short answer never ends with: "17 from" ("… 17 from the curfew group and 9 from the
# control group", a break-it helper's study). 42 of SQuAD v1.1 train's 87,599 first answers do.
# The word after a blank, not the blanks before it: "\s+(?:from|…)$" tried every blank of a run
# as the start of its match, each one to the run's end (a span over 20,000 blanks took 26 s to
# ask, a break-it helper's, session 61).
_TRAILING = re.compile(r"(?<=\s)(?:from|of|to|and|or|in|on|at|by|for|with|the|a|an|than|as)$", re.I)


def _without_trailing_word(text: str, a: int, b: int) -> int:
    """Where text[a:b] ends without the words it may not end with (and the blanks before them)."""
    while (m := _TRAILING.search(text, a, b)) is not None:
        kept = text[a : m.start()].rstrip()
        if not kept:
            break
        b = a + len(kept)
    return b


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without SPAN_TRIM at its ends, but with the bracket that closes one it
    opens ("Party (ADNP)", not "Party (ADNP")."""
    a, b = start, end
    while a < b and text[a] in SPAN_TRIM:
        a += 1
    while b > a and text[b - 1] in SPAN_TRIM:
        b -= 1
    for opening, closing in ("()", "[]"):
        inside = text[a:b]
        if inside.count(opening) > inside.count(closing) and b < end and text[b] == closing:
            b += 1
        elif inside.count(closing) > inside.count(opening) and a > start and text[a - 1] == opening:
            a -= 1
    return a, b


def _across_cells(p: Passage, start: int, end: int) -> bool:
    """Does the span [start, end) (document offsets) run over a table row's cells? Such a run is
    no short answer: "59 | 590 | 2 TB" for "How many users can share one Business
    subscription?" (the row is quoted whole after it)."""
    a, b = start - p.start, end - p.start
    line = p.text.rfind("\n", 0, a) + 1
    return " | " in p.text[a:b] and is_table_row(p.text[line : end_of_line(p.text, line)])


def _offered(short: str | None, options: tuple[str, ...]) -> str | None:
    """`short`, unless the question offers its answers and it names none of them ("sunflower" for
    "Which plant is larger, Pterocarya or Cotula?")."""
    if not short or not options or any(_names(short, o) for o in options):
        return short
    return None


def _names(a: str, b: str) -> bool:
    """One short answer names what the other does: the content words of one hold the other's
    ("Barnaby Joyce", "Barnaby Thomas Gerard Joyce")."""
    ta, tb = set(terms(a)), set(terms(b))
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def is_title(short: str, title: str) -> bool:
    """`short` is `title` in other words ("Glass Orchard" for "The Glass Orchard"): the page's
    own subject. A word of a headline ("Mexico") is not, nor a phrase that holds the title's
    words and more ("traditional private schools" of "Private school")."""
    named = set(terms(title))
    return bool(named) and named == set(terms(short))


def echoes(short: str, question: str) -> bool:
    """Every content word of `short` is a word of the question: "big" for "How big was the
    caravan …?", "Seven Years" for "How long did the fighting last in Seven Years War?". Words,
    not stems: "absolutism" answers "… dispense absolute truth?" (both stem to "absolut"); a
    plural is its singular ("problems" for "What was the first problem …?")."""
    said, content = _words_of(question), _content_words(short)
    return bool(content) and all(w in said for w in content)


def _repeats(short: str, question: str) -> bool:
    """Some content word of `short` is a word of the question (as in `echoes`): "24 hours late
    receives a mark of zero" for "… less than a day late …, how many marks do I lose?"."""
    said = _words_of(question)
    return any(w in said for w in _content_words(short))


def _words_of(question: str) -> set[str]:
    return {_singular(w.lower()) for w in words(question)}


def _content_words(short: str) -> list[str]:
    return [_singular(w.lower()) for w in words(short) if w.lower() not in STOP]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _same(short: str, sentence: str) -> bool:
    return short.strip(SPAN_TRIM).casefold() == sentence.strip(SPAN_TRIM).casefold()


# The number a numbered clause or list item opens with, before a capital: "2.5 Users", "4. The",
# "(3) Staff", "- 12) Tap"; not a value the sentence is about ("1 (Z_BEST_SPEED) is fastest …", a
# zlib answer of the pydocs development probes).
_SECTION_NUMBER = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\(\d{1,3}\))(?=[ \t]+[A-Z])"
)
# A question that opens with a verb asks yes or no ("Does …?", "Can I …?"); not one that asks a
# wh-question inside ("Can you tell me who …?"), offers a choice ("Is it A or B?") or asks for a
# thing by whether there is one ("Is there a way to file a bug without an account?" -> "by
# e-mail", an answer of the mddocs3 development probes).
_YES_NO = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|must|may)\b(?!\s+there\b)", re.I
)
_NOT_YES_NO = re.compile(r"\b(?:who|whom|whose|what|when|where|which|why|how|or)\b", re.I)


def asks_yes_or_no(question: str) -> bool:
    return _YES_NO.match(question) is not None and _NOT_YES_NO.search(question) is None


def _quotes(answer: Answer) -> list[str]:
    return [c.supporting_text() for c in answer.citations]


def _names_another_row(question: str, own: Answer) -> bool:
    """Does `own` quote a table row holding none of the names the question asks about?"""
    quoted = own.citations[0].supporting_text()
    asked = set(key_terms(question))
    return quoted.startswith("|") and bool(asked) and not asked & set(terms(quoted))


def _another_row(answer: Answer, own: Answer) -> bool:
    """Do both answers quote a table's row, and other rows?"""
    a, b = answer.citations[0], own.citations[0]
    return (
        a.supporting_text().startswith("|")
        and b.supporting_text().startswith("|")
        and (a.source, a.support_start) != (b.source, b.support_start)
    )
