"""Direct answers to which-came-first comparisons (rag/answer/comparison.py), on a real Assistant."""

from __future__ import annotations

import pytest

from rag.answer.comparison import dated, direction
from rag.types import Passage, ScoredPassage

PEOPLE = {
    "marta-lindqvist.txt": "Marta Lindqvist\n\nMarta Lindqvist (born 3 May 1948) is a Swedish sculptor known for "
    "her granite figures along the Gothenburg waterfront.\n",
    "tomas-brenner.txt": "Tomas Brenner\n\nTomas Brenner (born 12 October 1961) is an Austrian architect. "
    "His library in Graz won a national prize.\n",
    "velvet-hours.txt": "The Velvet Hours\n\nThe Velvet Hours are a Canadian indie band formed in 2004 in "
    "Halifax. Their second album reached the national charts.\n",
    "copper-lantern.txt": "Copper Lantern\n\nCopper Lantern is a folk group that was formed in 1996 in Cork. "
    "The group tours Ireland every summer.\n",
    # Years of events, not of birth: nothing to say who is older.
    "ana-ruiz.txt": "Ana Ruiz\n\nAna Ruiz said in 2019 that the harbour would be rebuilt by the council.\n",
    "luis-vega.txt": "Luis Vega\n\nLuis Vega told reporters in 2021 that the bridge toll would rise.\n",
}


@pytest.mark.unit
@pytest.mark.parametrize(
    "question, way",
    [
        ("Who is older, Marta Lindqvist or Tomas Brenner?", "earlier"),
        ("Which band was formed first, The Velvet Hours or Copper Lantern?", "earlier"),
        ("Who is younger, Marta Lindqvist or Tomas Brenner?", "later"),
        ("Are Marta Lindqvist and Tomas Brenner both sculptors?", None),
    ],
)
def test_direction(question, way):
    assert direction(question) == way


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    from rag.assistant import Assistant

    root = tmp_path_factory.mktemp("compare")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in PEOPLE.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return Assistant(corpus_dir=corpus, index_dir=root / "index")


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
@pytest.mark.parametrize(
    "question, winner, sources",
    [
        (
            "Who is older, Marta Lindqvist or Tomas Brenner?",
            "Marta Lindqvist",
            ["marta-lindqvist.txt", "tomas-brenner.txt"],
        ),
        (
            "Who is younger, Marta Lindqvist or Tomas Brenner?",
            "Tomas Brenner",
            ["tomas-brenner.txt", "marta-lindqvist.txt"],
        ),
        (
            "Which band was formed first, The Velvet Hours or Copper Lantern?",
            "Copper Lantern",
            ["copper-lantern.txt", "velvet-hours.txt"],
        ),
    ],
)
def test_which_came_first_is_answered_directly_with_both_facts_cited(people, decide, question, winner, sources):
    answer = people.with_settings(decide=decide).ask(question)
    assert not answer.refused and answer.short_answer == winner
    assert answer.text.startswith(f"{winner} — ") and answer.text.index("[1]") < answer.text.index("[2]")
    assert [c.source for c in answer.citations] == sources
    for c in answer.citations:
        quoted = people.document_text(c.source)[c.support_start : c.support_end]
        assert quoted.strip() in answer.text


def _passage(source: str) -> ScoredPassage:
    text = PEOPLE[source]
    return ScoredPassage(Passage(source, source, text.split("\n")[0], text, 0, len(text)), 1.0)


def _whole_text(source: str, start: int, end: int) -> tuple[int, int]:
    return 0, len(PEOPLE[source])


@pytest.mark.unit
def test_only_a_year_of_origin_dates_an_entity():
    born = dated("Marta Lindqvist", _passage("marta-lindqvist.txt"), _whole_text)
    formed = dated("Copper Lantern", _passage("copper-lantern.txt"), _whole_text)
    assert (born.year, formed.year) == (1948, 1996)
    # "said in 2019": a year of an event says nothing of age.
    assert dated("Ana Ruiz", _passage("ana-ruiz.txt"), _whole_text) is None
    # A passage that does not name the entity is not its passage.
    assert dated("Tomas Brenner", _passage("marta-lindqvist.txt"), _whole_text) is None
