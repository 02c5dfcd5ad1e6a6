"""Entity links of the second hop: documents a sentence names by their title."""

from __future__ import annotations

from rag.retrieve.links import TitleLinks
from rag.types import Passage


def doc(source: str, title: str, text: str = "Some text.") -> Passage:
    return Passage(f"{source}:0", source, title, text, 0, len(text))


LINKS = TitleLinks(
    [
        doc("wild-target.txt", "Wild Target"),
        doc("jonathan-lynn.txt", "Jonathan Lynn (director)"),
        doc("bill-nighy.txt", "Bill Nighy"),
        doc("emily-blunt.txt", "Emily Blunt"),
        doc("bath.txt", "Bath"),
        doc("news.txt", "Trump outraged over Mexico migrant 'caravan' as the group walks on north"),
        doc("nameless.txt", ""),
        doc("lower.txt", "a lower-case title"),
        doc("target-a.txt", "Target"),
        doc("target-b.txt", "Target"),
    ]
)
SENTENCE = "Wild Target is a 2010 comedy film directed by Jonathan Lynn, starring Bill Nighy and Emily Blunt."


def test_a_sentence_links_to_the_documents_it_names_in_order():
    found = LINKS.named_in(SENTENCE, "What country is the director of Wild Target from?", exclude="wild-target.txt")
    assert found == ["jonathan-lynn.txt", "bill-nighy.txt"]  # the first two; a disambiguation is dropped


def test_the_limit_and_the_question_s_own_names():
    q = "Which actor of the film directed by Jonathan Lynn was born in 1983?"
    # A name the question holds is still a link (its page may hold the answer), after the others.
    found = ["bill-nighy.txt", "emily-blunt.txt", "jonathan-lynn.txt"]
    assert LINKS.named_in(SENTENCE, q, exclude="wild-target.txt", limit=5) == found
    assert LINKS.named_in(SENTENCE, q, exclude="wild-target.txt", limit=2) == found[:2]


def test_the_document_the_sentence_is_from_is_not_a_link():
    assert "wild-target.txt" not in LINKS.named_in(SENTENCE, "Who directed it?", exclude="wild-target.txt", limit=9)
    # Nor is a title inside a longer one ("Target" inside "Wild Target"), nor a shared title.
    assert LINKS.named_in(SENTENCE, "Who directed it?", exclude="x", limit=9)[0] == "wild-target.txt"
    assert not {"target-a.txt", "target-b.txt"} & set(LINKS.named_in("He shops at Target.", "Where?", exclude="x"))


def test_a_one_word_title_is_not_matched_as_the_first_word_nor_in_lower_case():
    assert LINKS.named_in("Bath is a spa town.", "Where?", exclude="x") == []
    assert LINKS.named_in("He took a bath in Bath.", "Where?", exclude="x") == ["bath.txt"]


def test_headlines_and_untitled_documents_are_no_links():
    text = "Trump outraged over Mexico migrant 'caravan' as the group walks on north, a lower-case title."
    assert LINKS.named_in(text, "What?", exclude="x") == []
    assert not TitleLinks([doc("news.txt", "US, Mexico see headway on migration as Blinken pays emergency visit")])


def test_a_one_word_first_line_is_the_title_ingest_did_not_take():
    # Ingest takes a headline of 2-20 words as the title; "Botswana" alone stays a passage.
    links = TitleLinks(
        [
            Passage("botswana.txt:0", "botswana.txt", "", "Botswana", 0, 8),
            Passage("botswana.txt:1", "botswana.txt", "", "Botswana is a landlocked country.", 10, 43),
            Passage("essay.txt:0", "essay.txt", "", "Gaborone grew fast.", 0, 19),  # a sentence, not a title
        ]
    )
    assert links.named_in("She was born in Botswana.", "Where was Ayesha born?", exclude="x") == ["botswana.txt"]
    assert links.named_in("She moved to Gaborone.", "Where did she move?", exclude="x") == []
