"""The reader's answers: the short answer first, the sentence that holds it cited, or a refusal."""

from __future__ import annotations

import pytest

from rag.answer import REFUSAL, UNSURE
from rag.answer.reading import ReaderAnswerer
from rag.reader.model import Reader
from rag.types import Passage, ScoredPassage

pytestmark = pytest.mark.integration

DOC = (
    "Washington, United States | AFP | President Donald Trump lashed out on Monday.\n\n"
    "For the second straight day, Trump took to Twitter to attack Mexico for allowing the "
    "1,500-strong group to march unimpeded toward the United States. Most of them come from Honduras.\n\n"
    "The wall prototypes stand near San Diego. Officials tested them for months."
)


def passages() -> list[ScoredPassage]:
    out = []
    for i, para in enumerate(DOC.split("\n\n")):
        start = DOC.index(para)
        out.append(ScoredPassage(Passage(f"a.txt:{i}", "a.txt", "A", para, start, start + len(para)), 1.0 / (i + 1)))
    return out


def sentence_in(p: Passage, start: int, end: int) -> tuple[int, int]:
    """Sentences of DOC end at '. ' or a paragraph break (what the index records at ingest)."""
    a = max(DOC.rfind(". ", 0, start) + 2, DOC.rfind("\n\n", 0, start) + 2, 0)
    ends = [i + 1 for i in (DOC.find(". ", end - 1), DOC.find(".\n", end - 1), len(DOC) - 1) if i >= 0]
    return max(a, p.start), min(min(ends), p.end)


@pytest.fixture(scope="module")
def answerer() -> ReaderAnswerer:
    return ReaderAnswerer(Reader.shipped(), read_candidates=3)


def test_answer_leads_with_the_short_answer_and_cites_its_sentence(answerer):
    q = "How many people were in the group Trump attacked Mexico over?"
    read = answerer.read(q, passages())
    answer = answerer.answer(q, read, sentence_in, unknown_names=False, k=3)
    assert not answer.refused, answer
    assert "1,500" in answer.short_answer
    assert answer.text.startswith(answer.short_answer + " — For the second straight day")
    assert answer.text.endswith("[1]")
    c = answer.citations[0]
    assert DOC[c.start : c.end] == c.text
    assert DOC[c.support_start : c.support_end].startswith("For the second straight day")
    assert answer.short_answer in DOC[c.support_start : c.support_end]
    assert 0.0 < answer.confidence <= 1.0


def test_passages_are_ranked_by_the_reader(answerer):
    q = "Where do the wall prototypes stand?"
    ranked = answerer.ranked(answerer.read(q, passages()), k=3)
    assert ranked[0].passage.text.startswith("The wall prototypes")
    assert ranked[0].score >= ranked[1].score >= ranked[2].score


def test_a_question_the_passages_do_not_answer_is_refused(answerer):
    q = "What was the unemployment rate in Honduras in 2019?"
    answer = answerer.answer(q, answerer.read(q, passages()), sentence_in, unknown_names=False, k=3)
    assert answer.refused and answer.text == REFUSAL
    assert all(c.support_start is None for c in answer.citations)  # offered to read, not cited


def test_names_no_document_holds_are_refused(answerer):
    q = "How many people were in the group Trump attacked Mexico over?"
    answer = answerer.answer(q, answerer.read(q, passages()), sentence_in, unknown_names=True, k=3)
    assert answer.refused


def test_checked_an_answer_the_reader_doubts_gives_way_to_one_it_is_sure_of(assistant):
    """decide = "checked": the evidence, matching words, quotes the sentence about the president
    Biden phoned, which the reader doubts; reading the same passages, the reader is sure of the
    one that answers. An answer the reader does not doubt stays as the evidence gave it."""
    threshold = assistant.path.reader.threshold
    checked = assistant.with_settings(decide="checked")
    question = "Who did Blinken shake hands with when he arrived?"

    evidence = assistant.ask(question)
    assert evidence.confidence < threshold and not evidence.text.startswith("Ken Salazar")
    assert any(n.startswith(UNSURE) for n in evidence.notes)

    answer = checked.ask(question)
    assert answer.short_answer == "Ken Salazar" and answer.text.startswith("Ken Salazar — ")
    assert answer.confidence >= threshold and not any(n.startswith(UNSURE) for n in answer.notes)
    cited = answer.citations[0]
    assert "shakes hands with U.S. Ambassador to Mexico Ken Salazar" in cited.text
    assert checked.document_text(cited.source)[cited.start : cited.end] == cited.text
    assert cited.support_start is not None and cited.start <= cited.support_start < cited.support_end <= cited.end

    sure = "Which trade pact did Trump threaten to abrogate?"
    assert checked.ask(sure).text == assistant.ask(sure).text
