"""A "how much" short answer keeps its unit (rag.answer.amounts): the reader, trained on SQuAD,
stops before a currency it has never seen ("41,200" of "41,200 lorens a year")."""

from __future__ import annotations

import pytest

from rag.answer.amounts import with_unit
from rag.answer.answerability import Answerability
from rag.answer.reading import ReaderAnswerer
from rag.reader.model import Reader
from rag.types import Passage, ScoredPassage


def _ended(question: str, text: str, short: str) -> str:
    start = text.index(short)
    return text[start : with_unit(question, text, start, start + len(short), len(text))]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "text", "short", "answer"),
    [
        ("How much do teachers make?", "They earn 41,200 lorens a year.", "41,200", "41,200 lorens"),
        ("How much cash was seized?", "Police seized 1.3 million marks.", "1.3", "1.3 million marks"),
        ("How much did it cost?", "It cost $3.5 million in all.", "$3.5", "$3.5 million"),
        # a currency sign is the unit already
        ("How much did it cost?", "It cost $3.5 million settlement fees.", "$3.5 million", "$3.5 million"),
        # no unit after it: a word that is none, a capital, the sentence's end
        ("How much did the city pay?", "The city paid 83 million from its reserves.", "83 million", "83 million"),
        ("How much power does it make?", "It makes 42,300 MW at its peak.", "42,300", "42,300"),
        ("How much did it rise?", "It rose by 12. Then it fell.", "12", "12"),
        # not "how many": SQuAD's answers leave the counted noun out
        ("How many people were on board?", "The ferry carried 214 people.", "214", "214"),
        # not a number
        ("How much did the firm say it owed?", "The firm owed nothing else.", "nothing", "nothing"),
    ],
)
def test_a_how_much_answer_takes_the_unit_after_a_bare_number(question, text, short, answer):
    assert _ended(question, text, short) == answer


@pytest.mark.unit
def test_the_unit_is_never_taken_past_the_limit():
    text = "They earn 41,200 lorens a year."
    start = text.index("41,200")
    assert with_unit("How much do they earn?", text, start, start + 6, start + 8) == start + 6


@pytest.mark.integration
def test_the_readers_short_answer_to_how_much_names_its_currency():
    """The shipped reader's span here is "41,200"; the answer says what of."""
    text = "A beginning teacher in Amberlin earns 41,200 lorens a year, the union says."
    answerer = ReaderAnswerer(Reader.shipped(), read_candidates=1, answerability=Answerability.shipped())
    (read,) = answerer.read(
        "How much do beginning teachers in Amberlin make per year?",
        [ScoredPassage(Passage("t.txt:0", "t.txt", "T", text, 0, len(text)), 1.0)],
    )
    assert read.short_answer == "41,200 lorens"
