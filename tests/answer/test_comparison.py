"""Direct answers to comparisons (rag/answer/comparison.py), on a real Assistant and the real reader."""

from __future__ import annotations

import pytest

from rag.answer.comparison import _own_page, dated, direction, full_name, kind
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
    "ingrid-holm.txt": "Ingrid Holm\n\nIngrid Holm (born 9 June 1955) is a Swedish painter whose seascapes hang in "
    "the museum of Malmo.\n",
    "brindle-harbour.txt": "Brindle Harbour\n\nBrindle Harbour is a fishing town in Kestrel province, on the "
    "northern coast. Its lighthouse dates from the last century.\n",
    "oakmere.txt": "Oakmere\n\nOakmere is a market town in Kestrel province, known for its autumn wool fair.\n",
    "silvercombe.txt": "Silvercombe\n\nSilvercombe is a mining town in Harrow province, high in the western hills.\n",
    # Greta Lund was born first and died last.
    "edvin-sand.txt": "Edvin Sand\n\nEdvin Sand (3 March 1905 – 9 May 1961) was a Norwegian poet and translator.\n",
    "greta-lund.txt": "Greta Lund\n\nGreta Lund (14 June 1899 – 2 April 1987) was a Danish photographer.\n",
    # A film's year, and a year that dates the film, not the director it names.
    "harbour-lights.txt": "Harbour Lights\n\nHarbour Lights is a 1987 drama film directed by Tomas Brenner.\n",
    "grey-morning.txt": "Grey Morning\n\nGrey Morning is a 1994 Swedish film directed by Marta Lindqvist.\n",
    # Bodies too long to join their titles: each title is a passage of its own, which names the
    # game and says nothing of it.
    "tabula.txt": "Tabula\n\nTabula is a board game of ancient Rome, played with three dice on a board of twenty-four "
    "points, and thought to be an ancestor of backgammon.\n",
    "marrow-stones.txt": "Marrow Stones\n\nMarrow Stones is a board game from the Faroe Islands in which two "
    "players race carved pieces around a ring of holes cut into a plank.\n",
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


@pytest.mark.unit
@pytest.mark.parametrize(
    "question, expected",
    [
        ("Who is older, Marta Lindqvist or Tomas Brenner?", "order"),
        ("Are Oakmere and Silvercombe in the same province?", "same"),
        ("Were Oakmere and Silvercombe located in the same type of region?", "same"),
        ("Are Marta Lindqvist and Ingrid Holm both Swedish?", "both"),
        ("Who is the oldest, Marta Lindqvist or Tomas Brenner?", "order"),
        ("Which one is an architect, Marta Lindqvist or Tomas Brenner?", "choice"),
        ("Between Marta Lindqvist and Tomas Brenner, who is the architect?", "choice"),
        ("Which province is Oakmere in?", None),
        # Of someone related to the two: their own years say nothing of it.
        ("Which film has the director who was born first, Grey Morning or Harbour Lights?", "order"),
        ("Are the directors of Grey Morning and Harbour Lights from the same country?", "same"),
        ("Are the directors of Grey Morning and Harbour Lights both Swedish?", None),
        ("Which province is Oakmere in, and when is its fair?", None),
        ("Both Brindle Harbour and Oakmere lie in which province?", "shared"),
        ("Where did Marta Lindqvist and Ingrid Holm both study?", None),  # not a yes/no question
        ("Do Marta Lindqvist and Ingrid Holm share the same nationality?", "same"),
        ("What do Marta Lindqvist and Ingrid Holm have in common?", "common"),
        ("What role did Marta Lindqvist and Ingrid Holm play in their respective towns?", "shared"),
        ("Is Tomas Brenner older than Marta Lindqvist?", "order"),
        ("The Marsh Hound, state dog of Vermont, and Kettle Spaniel, are both dog breeds of which century?", "shared"),
        ("Harrow Mills and Dunmore Press were founded in the 1920s. Which was founded first?", "order"),
        ("Harrow Mills and Dunmore Press were founded in the 1920s. Which one is in Dublin?", "choice"),
    ],
)
def test_kind(question, expected):
    assert kind(question) == expected


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
        (
            "Who is the oldest, Tomas Brenner or Marta Lindqvist?",  # a superlative
            "Marta Lindqvist",
            ["marta-lindqvist.txt", "tomas-brenner.txt"],
        ),
        (
            "Which band was formed first The Velvet Hours or Copper Lantern?",  # no comma
            "Copper Lantern",
            ["copper-lantern.txt", "velvet-hours.txt"],
        ),
        ("Who was born first, Edvin Sand or Greta Lund?", "Greta Lund", ["greta-lund.txt", "edvin-sand.txt"]),
        ("Who died first, Greta Lund or Edvin Sand?", "Edvin Sand", ["edvin-sand.txt", "greta-lund.txt"]),
        (
            "Which film came out first, Grey Morning or Harbour Lights?",
            "Harbour Lights",
            ["harbour-lights.txt", "grey-morning.txt"],
        ),
    ],
)
def test_which_came_first_is_answered_directly_with_both_facts_cited(people, decide, question, winner, sources):
    assert_direct(people, people.with_settings(decide=decide).ask(question), winner, f"{winner} — ", sources)


def assert_direct(people, answer, short: str, lead: str, sources: list[str]) -> None:
    """A direct answer: `short` as the short answer, the text led by `lead`, then one quoted
    sentence of each source, cited [1] then [2]."""
    assert not answer.refused and answer.short_answer == short
    assert answer.text.startswith(lead) and answer.text.index("[1]") < answer.text.index("[2]")
    assert [c.source for c in answer.citations] == sources
    for c in answer.citations:
        quoted = people.document_text(c.source)[c.support_start : c.support_end]
        assert quoted.strip() in answer.text


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
@pytest.mark.parametrize(
    "question, verdict, sources",
    [
        ("Are Brindle Harbour and Oakmere in the same province?", "Yes", ["brindle-harbour.txt", "oakmere.txt"]),
        ("Are Oakmere and Silvercombe located in the same province?", "No", ["oakmere.txt", "silvercombe.txt"]),
        ("Are Marta Lindqvist and Ingrid Holm both Swedish?", "Yes", ["marta-lindqvist.txt", "ingrid-holm.txt"]),
        ("Are Marta Lindqvist and Tomas Brenner both Swedish?", "No", ["marta-lindqvist.txt", "tomas-brenner.txt"]),
        ("Are Tabula and Marrow Stones both board games?", "Yes", ["tabula.txt", "marrow-stones.txt"]),
        (
            "Do Marta Lindqvist and Ingrid Holm share the same nationality?",
            "Yes",
            ["marta-lindqvist.txt", "ingrid-holm.txt"],
        ),
        # Order asked as yes or no: each side's year cited, in the order the question names them.
        ("Is Tomas Brenner older than Marta Lindqvist?", "No", ["tomas-brenner.txt", "marta-lindqvist.txt"]),
        ("Is Marta Lindqvist older than Tomas Brenner?", "Yes", ["marta-lindqvist.txt", "tomas-brenner.txt"]),
        ("Was Harbour Lights released earlier than Grey Morning?", "Yes", ["harbour-lights.txt", "grey-morning.txt"]),
    ],
)
def test_yes_no_comparisons_get_a_verdict_and_each_side_cited(people, decide, question, verdict, sources):
    assert_direct(people, people.with_settings(decide=decide).ask(question), verdict, f"{verdict}. ", sources)


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
@pytest.mark.parametrize(
    "question, winner, sources",
    [
        (
            "Who is an architect, Marta Lindqvist or Tomas Brenner?",
            "Tomas Brenner",
            ["tomas-brenner.txt", "marta-lindqvist.txt"],
        ),
        (
            "Which band is from Halifax, Copper Lantern or The Velvet Hours?",
            "The Velvet Hours",
            ["velvet-hours.txt", "copper-lantern.txt"],
        ),
    ],
)
def test_a_question_offering_two_answers_is_answered_with_one_of_them(people, decide, question, winner, sources):
    # The reader finds the answer in the winner's passage whichever comes first; the other's
    # passage is quoted for what it says to the question.
    assert_direct(people, people.with_settings(decide=decide).ask(question), winner, f"{winner} — ", sources)


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
def test_comparisons_of_two_relatives_follow_each_to_its_page(people, decide):
    # The films' own years (1994, 1987) would give the other answer; their directors were born
    # in 1948 (Marta Lindqvist) and 1961 (Tomas Brenner).
    answer = people.with_settings(decide=decide).ask(
        "Which film has the director who was born first, Grey Morning or Harbour Lights?"
    )
    sources = ["grey-morning.txt", "marta-lindqvist.txt", "harbour-lights.txt", "tomas-brenner.txt"]
    assert_direct(people, answer, "Grey Morning", "Grey Morning — ", sources)
    # The same what of two relatives: each one's value read in the relative's own page.
    answer = people.with_settings(decide=decide).ask(
        "Are the directors of Grey Morning and Harbour Lights from the same country?"
    )
    assert_direct(people, answer, "No", "No. ", sources)
    # A relative no page gives a year for: no direct answer, rather than the entities' own years.
    answer = people.ask("Whose father was born first, Edvin Sand or Greta Lund?")
    assert answer.short_answer not in ("Edvin Sand", "Greta Lund"), answer.text


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
def test_what_both_have_is_answered_with_each_side_cited(people, decide):
    answer = people.with_settings(decide=decide).ask("Both Brindle Harbour and Oakmere lie in which province?")
    assert_direct(people, answer, "Kestrel province", "Kestrel province — ", ["brindle-harbour.txt", "oakmere.txt"])
    # Asked of each ("What ... do A and B share?"), and "in common" from their lead sentences.
    sides = ["marta-lindqvist.txt", "ingrid-holm.txt"]
    for question in [
        "What nationality do Marta Lindqvist and Ingrid Holm share?",
        "What do Marta Lindqvist and Ingrid Holm have in common?",
    ]:
        answer = people.with_settings(decide=decide).ask(question)
        assert_direct(people, answer, "Swedish", "Swedish — ", sides)


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
def test_the_passages_shown_hold_each_compared_one(people, decide):
    # What the answer read is what is shown (and what an LLM back end is given), even at k = 1.
    assistant = people.with_settings(decide=decide)
    _, shown = assistant.ask_with_passages("Who is older, Marta Lindqvist or Tomas Brenner?", top_k=1)
    assert {"marta-lindqvist.txt", "tomas-brenner.txt"} <= {sp.passage.source for sp in shown}
    assert [sp.score for sp in shown] == sorted((sp.score for sp in shown), reverse=True)


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
@pytest.mark.parametrize(
    "question", ["Which town is larger, Oakmere or Silvercombe?", "Who is taller, Marta Lindqvist or Tomas Brenner?"]
)
def test_a_short_answer_to_a_or_b_is_a_or_b(people, decide, question):
    # The passages do not say: a sentence may be quoted, but "Harrow province" or "Swedish" is no
    # answer to "A or B?", so it does not lead.
    answer = people.with_settings(decide=decide).ask(question)
    assert answer.short_answer is None, answer.text
    assert answer.refused or answer.text.split(" — ")[0] not in ("Harrow province", "Swedish"), answer.text


@pytest.mark.integration
def test_no_verdict_when_the_passages_do_not_say(people):
    # Neither passage says "Norwegian": the passages may say it otherwise, so no "No" is made up.
    answer = people.ask("Are Marta Lindqvist and Ingrid Holm both Norwegian?")
    assert answer.short_answer not in ("Yes", "No")


@pytest.mark.integration
@pytest.mark.parametrize(
    "question, sources",
    [
        # Neither passage says "Norwegian" nor which town is larger: no direct answer, and the
        # sentence most like the question comes from one side; the other side's is cited too.
        ("Are Marta Lindqvist and Ingrid Holm both Norwegian?", {"marta-lindqvist.txt", "ingrid-holm.txt"}),
        ("Which town is larger, Oakmere or Silvercombe?", {"oakmere.txt", "silvercombe.txt"}),
    ],
)
def test_without_a_direct_answer_each_side_is_still_cited(people, question, sources):
    answer = people.ask(question)
    assert not answer.refused and answer.short_answer not in ("Yes", "No", "Oakmere", "Silvercombe"), answer.text
    assert {c.source for c in answer.citations} == sources, answer.text
    for n, c in enumerate(answer.citations, 1):
        quoted = people.document_text(c.source)[c.support_start : c.support_end]
        assert f"{quoted.strip()} [{n}]" in answer.text


def _passage(source: str) -> ScoredPassage:
    text = PEOPLE[source]
    return ScoredPassage(Passage(source, source, text.split("\n")[0], text, 0, len(text)), 1.0)


def _whole_text(p: Passage, start: int, end: int) -> tuple[int, int]:
    return p.start, p.end


@pytest.mark.unit
def test_only_a_year_of_origin_dates_an_entity():
    born = dated("Marta Lindqvist", _passage("marta-lindqvist.txt"), _whole_text)
    formed = dated("Copper Lantern", _passage("copper-lantern.txt"), _whole_text)
    assert (born.year, formed.year) == (1948, 1996)
    # "said in 2019": a year of an event says nothing of age.
    assert dated("Ana Ruiz", _passage("ana-ruiz.txt"), _whole_text) is None
    # A passage that does not name the entity is not its passage.
    assert dated("Tomas Brenner", _passage("marta-lindqvist.txt"), _whole_text) is None
    # The film's year, named before its director: it dates the film, not him.
    assert dated("Harbour Lights", _passage("harbour-lights.txt"), _whole_text).year == 1987
    assert dated("Tomas Brenner", _passage("harbour-lights.txt"), _whole_text) is None
    # A life span: born first, died last.
    assert dated("Greta Lund", _passage("greta-lund.txt"), _whole_text).year == 1899
    assert dated("Greta Lund", _passage("greta-lund.txt"), _whole_text, death=True).year == 1987
    assert dated("Marta Lindqvist", _passage("marta-lindqvist.txt"), _whole_text, death=True) is None


@pytest.mark.unit
@pytest.mark.parametrize(
    "entity, text, name",
    [
        ("Richard Bach", "Richard David Bach (born June 23, 1936) is an American writer.", "Richard David Bach"),
        ("Nick Hexum", 'Nicholas Lofton "Nick" Hexum (born 1970) is a singer.', 'Nicholas Lofton "Nick" Hexum'),
        ("White", "The essays of E. B. White appeared weekly.", "E. B. White"),
        ("Velvet Hours", "Fans of The Velvet Hours. Their album sold well.", "The Velvet Hours"),  # a stop ends it
        ("Marta Lindqvist", "The sculptor was born in 1948.", "Marta Lindqvist"),  # not in the text
    ],
)
def test_a_chosen_answer_is_named_in_full_as_its_document_names_it(entity, text, name):
    assert full_name(entity, text) == name


@pytest.mark.integration
def test_of_two_namesake_pages_the_one_the_question_qualifies_is_read(tmp_path):
    """ "Silver Arrow" alone retrieves a TV series, a fan club and toys before the film; the
    question says "films", and "Silver Arrow (film)" is the page compared."""
    from tests.retrieve.test_hops import _assistant

    assistant = _assistant(
        tmp_path,
        {
            "silver-arrow-tv-series.txt": "Silver Arrow (TV series)\n\nSilver Arrow is a 2019 animated television "
            "series. Silver Arrow aired on the Kestrel channel, and Silver Arrow ran for two seasons.\n",
            "silver-arrow-film.txt": "Silver Arrow (film)\n\nSilver Arrow is a 1994 adventure film about a lost "
            "archer, released by Northgate Pictures.\n",
            "silver-arrow-fan-club.txt": "Silver Arrow Fan Club\n\nThe Silver Arrow Fan Club meets to watch Silver "
            "Arrow every week.\n",
            "silver-arrow-toys.txt": "Silver Arrow toys\n\nSilver Arrow toys were sold after the Silver Arrow series "
            "began.\n",
            "grey-harbour-film.txt": "Grey Harbour (film)\n\nGrey Harbour is a 1990 drama film about a fishing "
            "town, released by Northgate Pictures.\n",
        },
    )
    assert [sp.passage.source for sp in assistant.retrieve("Silver Arrow", 5)].index("silver-arrow-film.txt") >= 3
    answer = assistant.ask("Both Grey Harbour and Silver Arrow films were released by which studio?")
    assert_direct(
        assistant,
        answer,
        "Northgate Pictures",
        "Northgate Pictures — ",
        ["grey-harbour-film.txt", "silver-arrow-film.txt"],
    )


@pytest.mark.integration
def test_each_side_speaks_from_its_own_page(tmp_path):
    """A page that names one side in passing ("Route 9 ... serves Pinecrest Airport") speaks of
    something else: the value is read, and cited, from each side's own page."""
    from rag.assistant import Assistant
    from rag.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pages = {
        "pinecrest-airport.txt": "Pinecrest Airport\n\nPinecrest Airport (IATA: PNC) is a county owned, public use "
        "airport located in Dane County, Wisconsin, United States.\n",
        "marlow-field.txt": "Marlow Field\n\nMarlow Field is a public use airport located in Rapides Parish, "
        "Louisiana, United States.\n",
        "route-9.txt": "Route 9\n\nRoute 9 is a state highway in the state of Minnesota. Near its eastern end, "
        "Route 9 serves Pinecrest Airport and the state fairground.\n",
    }
    for name, text in pages.items():
        (corpus / name).write_text(text)
    assistant = Assistant(settings=Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    answer = assistant.ask("Are Pinecrest Airport and Marlow Field both airports in the same state?")
    assert answer.short_answer == "No", answer.text
    assert [c.source for c in answer.citations] == ["pinecrest-airport.txt", "marlow-field.txt"], answer.text


NAMED_APART = {
    "marsh-hound.txt": "Marsh Hound\n\nThe Marsh Hound is a breed of working dog that originated in Vermont in the "
    "early 18th century. It was bred to flush ducks from reed beds.\n",
    "kettle-spaniel.txt": "Kettle Spaniel\n\nThe Kettle Spaniel is a gun dog breed developed on the coast of "
    "Cornwall during the 18th century. It is a strong swimmer.\n",
    "harrow-mills.txt": "Harrow Mills\n\nHarrow Mills is a textile company founded in 1921 in Leeds. It makes wool "
    "cloth for tailors.\n",
    "dunmore-press.txt": "Dunmore Press\n\nDunmore Press is a publishing house founded in 1922 in Dublin. It "
    "publishes poetry and local history.\n",
}


@pytest.mark.integration
@pytest.mark.parametrize("decide", ["evidence", "reader"])
def test_a_pair_named_before_the_question_or_with_appositions_is_compared(tmp_path, decide):
    """Two ways of naming the pair that are not "A or B": each name with an apposition ("A, state
    dog of Vermont, and B, are both ..."), and the pair in a sentence before the question."""
    from tests.retrieve.test_hops import _assistant

    assistant = _assistant(tmp_path, NAMED_APART, decide=decide)
    answer = assistant.ask(
        "The Marsh Hound, state dog of Vermont, and Kettle Spaniel, are both dog breeds developed during which century?"
    )
    assert_direct(assistant, answer, "18th century", "18th century — ", ["marsh-hound.txt", "kettle-spaniel.txt"])
    answer = assistant.ask("Harrow Mills and Dunmore Press were founded a year apart. Which was founded first?")
    assert_direct(assistant, answer, "Harrow Mills", "Harrow Mills — ", ["harrow-mills.txt", "dunmore-press.txt"])
    # Asked for one of the two where the pages do not say: no short answer that is neither.
    answer = assistant.ask("Harrow Mills and Dunmore Press were founded a year apart. Which one has more staff?")
    assert answer.short_answer in (None, "Harrow Mills", "Dunmore Press"), answer.text


@pytest.mark.unit
@pytest.mark.parametrize(
    "title, text, own",
    [
        ("Kestrel (1998 film)", "It is a 1998 animated feature film.", True),  # titled with the name
        ("Kestrel", "Kestrel is a 1998 animated feature film.", True),
        ("Birds of Prey", "Kestrel is a 1998 animated feature film.", True),  # opens with the name
        ("Kestrel Ever After", "Kestrel Ever After is a boat ride in Harbour Park.", False),  # a longer name
        ("Rides", "Kestrels nest in the towers of the park.", False),  # a longer word
    ],
)
def test_own_page_is_titled_with_the_name_or_opens_with_it_and_no_longer_name(title, text, own):
    sp = ScoredPassage(Passage("x:0", "x.txt", title, text, 0, len(text)), 0.5)
    assert _own_page("Kestrel", sp) is own


ANIMATED = {
    "kestrel-1998-film.txt": "Kestrel (1998 film)\n\nKestrel is a 1998 animated feature film made by the Copper "
    "Lantern studio in Cork. It follows a young falcon who loses her flock.\n",
    # It names the film more often, and its sentence holds "animated" and "features" as well.
    "kestrel-ever-after.txt": "Kestrel Ever After\n\nKestrel Ever After is a boat ride at Harbour Park. The ride "
    'features scenes from the animated films "Kestrel" and "Kestrel Returns".\n',
    "grey-tide.txt": "Grey Tide\n\nGrey Tide is a 1976 live-action family drama film about a fishing village "
    "on the Norwegian coast.\n",
}


@pytest.mark.integration
def test_a_side_is_read_from_its_own_page_not_a_page_of_a_longer_name(tmp_path):
    """ "Kestrel Ever After" opens with "Kestrel", ranks first for it and says "animated" and
    "features" too; the film's own page is "Kestrel (1998 film)"."""
    from tests.retrieve.test_hops import _assistant

    assistant = _assistant(tmp_path, ANIMATED)
    answer = assistant.ask("Are Kestrel and Grey Tide both animated features?")
    assert answer.text.startswith("No. "), answer.text
    assert [c.source for c in answer.citations] == ["kestrel-1998-film.txt", "grey-tide.txt"], answer.text


@pytest.mark.integration
def test_a_country_read_as_the_city_before_it_is_the_country_named_last(tmp_path):
    """ "Are Selvick College and the Haldrick Corn Exchange in the same country?" over the invented
    pages of eval/probes/multihop4 (development data): asked "What is the country of Selvick
    College?", the reader marks "Ostwyn" in "... in Ostwyn, Darrowmere."; the other page says
    "Darrowmere". The place read goes on to the country it names last: "Yes", not "No"."""
    from pathlib import Path

    from tests.helpers import assistant_over

    probes = Path(__file__).resolve().parents[2] / "eval" / "probes" / "multihop4" / "corpus"
    assistant = assistant_over(tmp_path, {p.name: p.read_text() for p in probes.glob("*.txt")})
    answer = assistant.ask("Are Selvick College and the Haldrick Corn Exchange in the same country?")
    assert answer.text.startswith("Yes. "), answer.text
    assert [c.source for c in answer.citations] == ["selvick-college.txt", "haldrick-corn-exchange.txt"]
