"""Citations for the hop an answer took without them (rag/answer/provenance.py)."""

from __future__ import annotations

import pytest

from tests.retrieve.test_hops import _assistant

pytestmark = pytest.mark.integration

SINGER = {
    "nora-vale.txt": "Nora Vale\n\nNora Vale (born 3 May 1962) is a Welsh singer known for her low, husky voice. "
    "She lives in Cardiff with her family.\n",
    "silver-coast.txt": "Silver Coast\n\nSilver Coast is the third studio album by Nora Vale. "
    "It was recorded in London and released in 1984.\n",
}


@pytest.mark.parametrize("decide", ["evidence", "reader"])
def test_the_sentence_that_leads_to_the_quoted_page_is_cited_after_it(tmp_path, decide):
    """Retrieval lands on the singer's page directly, and the answer quoted it alone: the album's
    page, which says whose album "Silver Coast" is (the question's other half), went uncited."""
    assistant = _assistant(tmp_path, SINGER, decide=decide)
    answer = assistant.ask(
        "When was the Welsh singer with the husky voice born whose third studio album is Silver Coast?"
    )
    assert answer.short_answer == "3 May 1962", answer.text
    assert [c.source for c in answer.citations] == ["nora-vale.txt", "silver-coast.txt"], answer.text
    assert answer.text.endswith(" [1] Silver Coast is the third studio album by Nora Vale. [2]"), answer.text
    for c in answer.citations:
        assert assistant.document_text(c.source)[c.start : c.end] == c.text
        assert c.start <= c.support_start < c.support_end <= c.end


def test_nothing_is_added_without_a_name_of_the_question_it_adds(tmp_path):
    """A page that names the quoted page's title in passing, with no name the question gives
    beyond it, is not a hop, even when it shares a word with the question ("hall")."""
    pages = dict(SINGER)
    pages["silver-coast.txt"] = (
        "Silver Coast\n\nThe Silver Coast hall was built in 1910 and gave a voice to the Nora Vale company.\n"
    )
    assistant = _assistant(tmp_path, pages)
    answer = assistant.ask("When was the Welsh singer born who first sang in a hall?")
    assert answer.short_answer == "3 May 1962", answer.text
    assert [c.source for c in answer.citations] == ["nora-vale.txt"], answer.text


def test_an_answer_that_already_chains_gets_nothing_more(tmp_path):
    assistant = _assistant(
        tmp_path,
        {
            "tomas-reed.txt": "Tomas Reed\n\nTomas Reed (1820 – 1870) was a member of the state senate of Maine. "
            "He attended the village school and graduated from Kelby Academy.\n",
            "kelby-academy.txt": "Kelby Academy\n\nKelby Academy, founded in 1801, is a small college preparatory "
            "boarding school for boys in grades six to twelve.\n",
        },
    )
    answer = assistant.ask("Tomas Reed graduated from what college preparatory boys' school?")
    assert answer.short_answer == "Kelby Academy", answer.text
    assert [c.source for c in answer.citations] == ["tomas-reed.txt", "kelby-academy.txt"], answer.text


REMAKE = {
    "lantern-road.txt": "Lantern Road\n\nLantern Road is a 2016 Danish drama film by Mette Lund. "
    'It is a remake of the 2009 Finnish film "Harbour Lights", which was later adapted for the stage.\n',
    "harbour-lights.txt": "Harbour Lights\n\nHarbour Lights is a Finnish film directed by Aarne Koski. "
    "It follows two sisters who run a ferry between the islands.\n",
}


@pytest.mark.parametrize("decide", ["evidence", "reader"])
def test_the_page_the_quote_names_is_cited_when_it_says_a_name_the_question_gives(tmp_path, decide):
    """The answer is in the first page's sentence, which names the second page; the question also
    describes the second page ("directed by Aarne Koski"), which only that page says."""
    assistant = _assistant(tmp_path, REMAKE, decide=decide)
    answer = assistant.ask(
        "Lantern Road is a remake of Harbour Lights, released in which year, a Finnish film directed by Aarne Koski?"
    )
    assert answer.short_answer == "2009", answer.text
    # (The sentence "It is a remake ..." refers back to may be quoted too: the same page.)
    assert list(dict.fromkeys(c.source for c in answer.citations)) == ["lantern-road.txt", "harbour-lights.txt"]
    last = len(answer.citations)
    assert answer.text.endswith(f"] Harbour Lights is a Finnish film directed by Aarne Koski. [{last}]"), answer.text


def test_the_page_the_quote_names_is_not_cited_for_what_the_quote_already_says(tmp_path):
    assistant = _assistant(tmp_path, REMAKE)
    answer = assistant.ask("Lantern Road is a remake of which Finnish film released in 2009?")
    assert {c.source for c in answer.citations} == {"lantern-road.txt"}, answer.text
