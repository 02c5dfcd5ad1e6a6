"""A "who" question that asks for the holder of a post, and passages that never name the post."""

from __future__ import annotations

import pytest

from rag.answer import UNSURE
from rag.answer.roles import asked_post, says_post, unsaid_post
from scripts.reader_training.news import NEWS
from tests.conftest import REPO
from tests.helpers import assistant_over


@pytest.mark.parametrize(
    "question, post",
    [
        ("Who is Pelvania's Ombudsman?", "ombudsman"),
        ("Who is the chief of Teskova's army general staff?", "chief"),
        ("Who is Castelbruno's head coach?", "coach"),
        ("Who is the head of security at the Halloran Museum?", "head"),
        ("Who was the first Secretary General of the Non-Aligned Movement?", "secretary"),
        ("Who heads the Valdonian Steel Association?", "heads"),
        ("Who will chair the Supreme Electoral Court panel?", "chair"),
        ("Who currently manages Ardenhall City?", "manages"),
        # A chief executive, a referee (held-out news: "KRT.LX", the firm's ticker, and the final's
        # name answered them).
        ("Who is the chief executive of Korrin Textiles?", "executive"),
        ("Who was Google's CEO in 2007?", "ceo"),
        ("Who refereed the final?", "refereed"),
        # No post: a role a sentence says in other words, a word that describes another, a person
        # asked about by name, a question about someone else.
        ("Who was the claimant in the case?", None),
        ("Who was the lead singer of Montrose?", None),
        ("Who is Kroenke's chief competitor for Arsenal stock?", None),
        ("Who is President Obama?", None),
        ("Who did the mayor meet on Tuesday?", None),
        ("Who runs the Tucson Folk Festival?", None),
        ("What does the mayor of Mirovel do?", None),
    ],
)
def test_the_post_a_question_asks_the_holder_of(question, post):
    assert asked_post(question) == post


@pytest.mark.parametrize(
    "post, text, said",
    [
        ("mayor", "Brenzow's mayor, Jorunn Kessel, said the town had been built on making things.", True),
        ("chair", "Under the chairmanship of Professor Musmann the standard was edited.", True),
        ("director", "X is a 1999 film directed by Ana Brel.", True),
        ("director", "the agency's director-general, Teodora Lind, told staff", True),
        ("coach", "The Jayhawks are currently coached by Bill Self.", True),
        ("executive", "Sundar Pichai, Google's CEO, spoke first.", True),
        ("refereed", "The referee, Anna Lisk, sent off two players.", True),
        ("refereed", "Rovenia won the final 2-1 after extra time.", False),
        # A post that leads, for a question of leading.
        ("heads", '"We have never seen anything like it," said the union\'s chair, Marius Trent.', True),
        ("leader", "The Progress Alliance is led by former foreign minister Rasmus Vell.", True),
        ("leader", "the Greeks under Theodoros Kolokotronis had captured Tripolitsa", True),
        ("heads", "Valdonian Prime Minister Jonas Brekkel said he was willing to meet.", False),
        # A deputy's post is not the post.
        ("mayor", "Mirovel's deputy mayor, Lucan Dessaud, said 200 residents had stayed.", False),
        ("president", "Vice-President Ana Ruiz opened the session.", False),
        ("ambassador", "(Reporting by Farida Nassoun in Khalmir and Tiago Ferral in Porto Casal)", False),
    ],
)
def test_a_text_names_a_post_by_any_word_of_its_family(post, text, said):
    assert says_post(post, text) is said


def test_an_answer_from_passages_that_never_name_the_post_is_no_answer():
    question = "Who is Aldaris's ambassador in Porto Casal?"
    reporters = "(Reporting by Farida Nassoun in Khalmir and Tiago Ferral in Porto Casal; editing by Helen Marsh)"
    assert unsaid_post(question, [reporters], [f"Remittances rise\n\n{reporters}"]) == (
        "The question asks who is the ambassador; the quoted documents never name that post.",
        True,
    )
    # A cited document that names the post elsewhere may say who holds it: marked unsure.
    story = f"{reporters}\n\nAldaris's ambassador, Omar Haddad, was recalled."
    assert unsaid_post(question, [reporters], [story]) == (
        f"{UNSURE} the question asks who is the ambassador; the quoted passages never name that post.",
        False,
    )
    assert unsaid_post("Who heads the Steel Association?", ["Prime Minister Jonas Brekkel said so."]) == (
        "The question asks who is the head; the quoted documents never name that post.",
        True,
    )
    # One cited passage that names it is enough; a deputy asked for is asked for.
    assert unsaid_post(question, [reporters, "Aldaris's ambassador, Omar Haddad, was recalled."]) is None
    assert unsaid_post("Who is Mirovel's deputy mayor?", ["Mirovel's deputy mayor, Lucan Dessaud, said so."]) is None
    assert unsaid_post("Who was the claimant in the case?", ["The case was brought by Davor Lindt."]) is None
    assert unsaid_post(question, []) is None


@pytest.mark.integration
def test_a_who_question_for_a_post_no_cited_passage_names_is_refused(tmp_path):
    """Held-out news (development data): "Who is the mayor of Mirovel?" was answered "Lucan
    Dessaud" from "Mirovel's deputy mayor, Lucan Dessaud, said …", and "Who is Pelvania's
    Ombudsman?" with a name from a sentence that names no ombudsman. Refused, saying why, the
    passage offered; the posts the story does name are answered."""
    story = (
        "Wildfire forces evacuation of Mirovel\n\n"
        "Firefighters battled a wildfire near the town of Mirovel on Sunday as strong winds pushed the "
        "flames towards the coast.\n\n"
        "Mirovel's deputy mayor, Lucan Dessaud, said around 200 of the town's residents had ignored the "
        "evacuation order.\n\n"
        "The head of the regional fire service, Ines Carvalho, said crews had worked through the night.\n"
    )
    assistant = assistant_over(tmp_path, {"wildfire.txt": story})
    mayor = assistant.ask("Who is the mayor of Mirovel?")
    assert mayor.refused and mayor.short_answer is None, mayor.text
    assert mayor.notes == ["The question asks who is the mayor; the quoted documents never name that post."]
    assert any("Lucan Dessaud" in c.text for c in mayor.citations)  # offered, to check
    ombudsman = assistant.ask("Who is Mirovel's ombudsman?")
    assert ombudsman.refused, ombudsman.text
    deputy = assistant.ask("Who is Mirovel's deputy mayor?")
    assert not deputy.refused and deputy.short_answer == "Lucan Dessaud", deputy.text
    head = assistant.ask("Who heads the regional fire service?")
    assert not head.refused and head.short_answer == "Ines Carvalho", head.text


@pytest.mark.integration
def test_a_held_out_story_that_names_no_head_refuses_who_heads_it(tmp_path):
    """Held-out news story n18 (development data): "Who heads the regional development agency that
    set up the Brenzow fund?" was answered "pells" (of "a fund of 35 million pells"), marked as
    naming no one. The story names no head of the agency: refused, saying why."""
    story = next((NEWS / "n18" / "corpus").glob("S06_*.txt"))
    assistant = assistant_over(tmp_path, {story.name: story.read_text(encoding="utf-8")})
    answer = assistant.ask("Who heads the regional development agency that set up the Brenzow fund?")
    assert answer.refused and answer.short_answer is None, answer.text
    assert answer.notes == ["The question asks who is the head; the quoted documents never name that post."]


@pytest.mark.integration
def test_a_table_row_names_the_post_by_its_header(tmp_path):
    """ "Who heads Parks and Recreation?" quotes the row "| Parks and recreation | Ewan Calder-Moss |
    …" of a Word table whose header says "Head of department" (eval/probes/tables, development
    data): the post is named, and the answer stands. A panel's moderator is its chair."""
    budget = REPO / "eval" / "probes" / "tables" / "corpus" / "marrowby_budget_2025.docx"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assistant = assistant_over(tmp_path / "a", {budget.name: budget.read_bytes()})
    head = assistant.ask("Who heads Parks and Recreation?")
    assert not head.refused and head.short_answer == "Ewan Calder-Moss", head.text
    programme = "Programme\n\nThe open-data panel at 11:45 is moderated by Jin-ho Caddell.\n"
    chair = assistant_over(tmp_path / "b", {"programme.txt": programme}).ask("Who chairs the open-data panel?")
    assert not chair.refused and chair.short_answer == "Jin-ho Caddell", chair.text


def test_a_referee_or_a_chief_executive_never_named_is_no_answer():
    """Held-out news (development data): "Who refereed the final?" was answered "Continental Nations
    Cup final" from the live blog's welcome, "Who is the chief executive of Korrin Textiles?" with
    "KRT.LX" of "Korrin Textiles (KRT.LX) will close its spinning mill …"."""
    welcome = "Good evening and welcome to our live coverage of the Continental Nations Cup final."
    assert unsaid_post("Who refereed the final?", [welcome], [welcome]) == (
        "The question asks who is the referee; the quoted documents never name that post.",
        True,
    )
    mill = "Korrin Textiles (KRT.LX) will close its spinning mill in Brenzow, cutting 640 jobs."
    assert unsaid_post("Who is the chief executive of Korrin Textiles?", [mill], [mill])[1]
    assert (
        unsaid_post("Who is the chief executive of Korrin Textiles?", [f"Its chief executive said so. {mill}"]) is None
    )
