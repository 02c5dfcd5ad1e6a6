"""A misspelt word of the question is read as the corpus word one slip away (rag.retrieve.spelling)."""

from __future__ import annotations

import pytest

from rag.index.lexical import TermStats
from rag.retrieve.spelling import Speller

pytestmark = pytest.mark.unit

PASSAGES = [
    "Begoña Ibáñez was elected mayor of Río Claro on 3 May 2015.",
    "The council's treasurer said the price of water would rise.",
    "The water board met in the town hall.",
    "The pace of the works slowed.",
    "The party leader said atheists and believers alike would vote.",
    "The case was referred to the court.",
    "Free Wi-Fi is available, and e-books are kept for a week.",
    "The flat has a view of the harbour.",
    "Run kubectl to see the pods.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(TermStats(PASSAGES).df)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Who was elected mayr of Río Claro?", "Who was elected mayor of Río Claro?"),  # not "mays" (May)
        ("Who was electd mayor?", "Who was elected mayor?"),  # "elected" and "elect": one stem
        ("What did the tresurer say of the watr?", "What did the treasurer say of the water?"),
        ("Who was elected mayor of Río Claro?", "Who was elected mayor of Río Claro?"),  # spelt right
        ("What prize did the mayor win?", "What prize did the mayor win?"),  # English: asked as typed
        ("Who is Begona Ibanez?", "Who is Begona Ibanez?"),  # held once folded
        ("Who is Mayr?", "Who is Mayr?"),  # a capitalised word is a name
        ("Is the prce high?", "Is the prce high?"),  # "price" or "pace": not one stem
        # English words the corpus lacks are asked as typed: they were read as "leader" and
        # "referred" (development sets).
        ("She is an economist at which lender?", "She is an economist at which lender?"),
        ("Who refereed the final?", "Who refereed the final?"),
        ("How did Nasser describe the Ba'athists?", "How did Nasser describe the Ba'athists?"),  # not "atheists"
        # Two words the corpus holds, run together; a slip in the first letter (found by a
        # break-it helper: read as "wife", "books" and "kept").
        ("Is there wifi?", "Is there wifi?"),
        ("Can I borrow ebooks?", "Can I borrow ebooks?"),
        ("What does the water dept say?", "What does the water dept say?"),
        # A question in capitals is read in lowercase, its slips too.
        ("WHO WAS ELECTED MAYR?", "Who was elected mayor?"),
        ("HOW LONG IS THE WATER BOARD?", "How long is the water board?"),
        ("How mcuh is the water?", "How much is the water?"),  # a stop word
        # No word lies one slip away that the passages hold: "viewe" is no English word, and its
        # stem "view" is another word. A German question was read so.
        ("Wie viele Tage hat der Urlaub?", "Wie viele Tage hat der Urlaub?"),
        ("What does kubectrl show?", "What does kubectl show?"),  # no English word, but the documents'
    ],
)
def test_a_word_no_passage_holds_is_read_as_the_one_a_slip_away(speller, typed, read):
    spelt = speller.read(typed)
    assert spelt.typed == typed and spelt.text == read
    for r in spelt.respellings:
        assert typed[r.start : r.end].lower() == r.typed


def test_the_note_names_each_word_read_otherwise(speller):
    assert (
        speller.read("Who was elected mayr?").note() == "Read “mayr” as “mayor”: no document holds the word as typed."
    )
    assert speller.read("Who was elected mayor?").note() is None


def test_an_acronym_no_passage_holds_is_read_as_what_the_documents_spell_out():
    """ "Who is the CFO?" was refused over a report that says "Chief Financial Officer Marta
    Ekdahl" (a break-it helper's)."""
    passages = [
        "Chief Financial Officer Marta Ekdahl said freight costs fell.",
        "The Chief Financial Officer joined in 2019. The UK office opened in May.",
        "Sales in the United Kingdom grew.",
    ]
    texts = {"report.txt": "\n\n".join(passages)}
    speller = Speller(TermStats(passages).df, texts)
    spelt = speller.read("Who is the CFO?")
    assert spelt.text == "Who is the Chief Financial Officer?"
    assert spelt.note() == "Read “CFO” as “Chief Financial Officer”: no document holds the word as typed."
    # An acronym the passages hold is asked as typed; one no run of capitals spells is too.
    assert speller.read("When did the UK office open?").text == "When did the UK office open?"
    assert speller.read("Who is the CTO?").text == "Who is the CTO?"
    assert Speller(TermStats(passages).df).read("Who is the CFO?").text == "Who is the CFO?"  # no texts


def test_the_letters_of_a_code_are_no_word_to_read_otherwise(tmp_path):
    """ "If I hand in my DS7021 coursework …?" was read "… my Data Science7021 coursework …" (the
    "DS" of the code spelt out by the FAQ's title), and "Science7021" was a code no document
    names (session 50)."""
    from tests.answer.test_faq import BOLD_FAQ
    from tests.helpers import assistant_over

    assistant = assistant_over(tmp_path, {"faq.md": BOLD_FAQ})
    answer = assistant.ask("If I hand in my DS7021 coursework late with no extension, how many marks do I lose?")
    assert not any("Data Science" in note for note in answer.notes), answer.notes


def test_the_letters_of_a_hyphenated_code_are_no_word_either(tmp_path):
    """ "How many people were on the test flight of the AS-206?" was read "… of the Agreement on
    Social-206?" and refused (SQuAD∩XQuAD's Apollo article beside an EU one; session 50, seen in
    the reported run before it landed)."""
    from tests.helpers import assistant_over

    doc = (
        "In 1992 eleven states signed the Agreement on Social Policy.\n\n"
        "After an unmanned test flight AS-206, a crew would fly the first Block II CSM and LM in a dual mission.\n"
    )
    assistant = assistant_over(tmp_path, {"apollo.txt": doc})
    answer = assistant.ask("How many people were on the test flight of the AS-206?")
    assert not answer.refused and answer.notes == [], (answer.text, answer.notes)
