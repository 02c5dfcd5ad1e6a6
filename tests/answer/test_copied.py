"""A short answer ends where it runs into words copied from the question (rag.answer.copied): the
reader marked "contradictions between the stated aims of … in the capital" and the answer then had
no short answer at all (longer than a short answer may be)."""

from __future__ import annotations

import pytest

from rag.answer.answerability import Answerability
from rag.answer.copied import before_copied
from rag.answer.reading import ReaderAnswerer
from rag.reader.model import Reader
from rag.types import Passage, ScoredPassage


def _cut(question: str, span: str) -> str:
    return span[: before_copied(question, span, 0, len(span))].rstrip()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "span", "answer"),
    [
        (
            "What exists between the stated aims of the council and the persistence of a closed budget?",
            "contradictions between the stated aims of the council and the persistence of a closed",
            "contradictions",
        ),
        (
            "Who is not a member of the College of Heralds?",
            "The Order's King of Arms is not a member of the College of Heralds, as are many others",
            "The Order's King of Arms",
        ),
        # a phrase of the question of fewer than three words, or of one content word, stays
        (
            "What kind of service does Tellnet provide to the territory?",
            "telecom service in the territory",
            "telecom service in the territory",
        ),
        (
            "What did Burke think was the foundation of society?",
            "religion is the foundation of civil society",
            "religion is the foundation of civil society",
        ),
        # an answer that opens with the question's words is not cut to nothing
        (
            "Who led the Seven Years War campaign?",
            "Seven Years War campaign leader Hugo Brant",
            "Seven Years War campaign leader Hugo Brant",
        ),
        # nothing copied
        ("How many migrants were in the caravan?", "1,500", "1,500"),
        # case and typography do not hide the copy
        (
            "Where do the Ｎｏｒｔｈ Ｒｉｖｅｒ ferries stop?",
            "Tollmouth, where the north river ferries stop",
            "Tollmouth,",
        ),
    ],
)
def test_a_short_answer_ends_before_a_phrase_of_the_question(question, span, answer):
    assert _cut(question, span) == answer


@pytest.mark.unit
def test_offsets_are_the_texts():
    text = "Critics see contradictions between the stated aims of the council and its budget."
    start = text.index("contradictions")
    end = before_copied("What is there between the stated aims of the council and its budget?", text, start, len(text))
    assert text[start:end] == "contradictions "


@pytest.mark.integration
def test_the_readers_span_through_the_questions_phrase_gives_a_short_answer():
    """The shipped reader marks "contradictions between the stated aims … in the capital" (19
    words, more than a short answer may be): the answer led with no short answer before."""
    text = (
        "Critics say there are contradictions between the stated aims of the Valmora council and the "
        "persistence of a closed budget process in the capital."
    )
    question = (
        "What exists between the stated aims of the Valmora council and the persistence of a closed budget process?"
    )
    answerer = ReaderAnswerer(Reader.shipped(), read_candidates=1, answerability=Answerability.shipped())
    (read,) = answerer.read(question, [ScoredPassage(Passage("c.txt:0", "c.txt", "C", text, 0, len(text)), 1.0)])
    assert read.short_answer == "contradictions"
