"""The Assistant end to end: cited answers over the corpus, refusals, and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.answer import REFUSAL
from rag.assistant import Assistant
from rag.errors import BadQuestion, CorpusError, RagError
from rag.text.citations import MARKER
from tests.helpers import ANSWERABLE, UNANSWERABLE, assistant_over, check_cited_answer

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(("question", "expected", "source"), ANSWERABLE, ids=["caravan", "ebrard", "border-patrol"])
def test_answers_with_a_citation_whose_sentence_holds_the_answer(assistant, question, expected, source):
    answer = assistant.ask(question)
    assert answer.question == question
    check_cited_answer(answer.to_dict(), expected, source, assistant.document_text)
    assert set(answer.timings) == {"retrieve_s", "answer_s", "total_s"}
    assert answer.timings["total_s"] < 5


def test_exact_answers(assistant):
    caravan = assistant.ask(ANSWERABLE[0][0])
    sentence = (
        "For the second straight day, Trump took to Twitter to attack Mexico for allowing the 1,500-strong "
        "group to march unimpeded toward the United States, their daily progress mapped out by US media."
    )
    assert "1,500" in caravan.short_answer
    assert caravan.text == f"{caravan.short_answer} — {sentence} [1]"
    patrol = assistant.ask(ANSWERABLE[2][0])
    sentence = (
        "The package Biden proposed to Congress would also fund 1,300 additional Border Patrol agents "
        "to help combat migration."
    )
    assert "1,300" in patrol.short_answer
    assert patrol.text == f"{patrol.short_answer} — {sentence} [1]"
    assert len(patrol.citations) == 1
    c = patrol.citations[0]
    assert assistant.document_text(c.source)[c.support_start : c.support_end] == sentence


def test_a_quote_does_not_stop_at_an_abbreviation_inside_its_sentence(assistant):
    # Punkt cuts the corpus caption after "…shakes hands with U.S."; the answer quotes it whole.
    answer = assistant.ask("Who did Antony Blinken shake hands with?")
    assert "shakes hands with U.S. Ambassador to Mexico Ken Salazar upon his arrival" in answer.text
    assert answer.short_answer == "Ken Salazar"
    check_cited_answer(answer.to_dict(), "Ken Salazar", "002_45397eb93afc9b26.txt", assistant.document_text)


def test_question_outside_the_documents_is_refused(assistant):
    answer = assistant.ask(UNANSWERABLE)
    assert answer.refused is True
    assert answer.text == REFUSAL
    assert not MARKER.search(answer.text)
    assert 1 <= len(answer.citations) <= 3  # offered for reading, not as support
    for c in answer.citations:
        assert c.support_start is None and c.support_end is None
        assert assistant.document_text(c.source)[c.start : c.end] == c.text


DOUBTED = [
    "Which company built the border wall prototypes?",  # the documents don't say: "build the WALL" is quoted
    "How many additional Border Patrol agents would Biden's package fund?",
    "Who is Mexico's foreign minister?",
]


def test_an_answer_the_reader_doubts_says_so_and_only_then(assistant):
    """Below the reader's calibrated threshold the answer carries a note (the default mode answers
    on the evidence whatever the reader thinks); at or above it, none."""
    threshold = assistant.path.reader.threshold
    answers = [assistant.ask(q) for q in DOUBTED]
    for a in answers:
        assert not a.refused and a.confidence is not None
        doubts = [n for n in a.notes if n.startswith("Unsure: the reader model rates this answer")]
        assert len(doubts) == (a.confidence < threshold), (a.question, a.confidence, a.notes)
    # Both kinds occur, so the rule is seen both ways.
    assert {a.confidence < threshold for a in answers} == {True, False}


def test_an_answer_two_doubts_agree_on_is_refused(assistant):
    """The issue's "How many migrants did Mexico deport in 2021?" was answered from the DACA
    sentence of a 2018 story, with two notes: the sentence names no year while its document speaks
    only of others, and the reader rates it 2%. Either alone stays a note (the reader doubts
    right answers too; news seldom writes its own year); both together refuse."""
    for question, reader in (
        ("How many migrants did Mexico deport in 2021?", "2%"),
        ("What was the unemployment rate in Mexico in 2019?", "4%"),
    ):
        a = assistant.ask(question)
        assert a.refused and a.short_answer is None, a.text
        year = question.rstrip("?").split()[-1]
        assert a.notes == [
            f"The quoted sentence names no year and its document never speaks of {year}; the reader model "
            f"rates the answer {reader}."
        ]
        assert a.citations  # offered, to check


def test_an_answer_for_a_year_no_cited_document_speaks_of_is_refused(assistant):
    """The issue's "Who was the US ambassador to Mexico in 2018?" was answered "Ken Salazar" from a
    caption dated December 27, 2023 (the reader sure of it, 84%); the story never speaks of 2018."""
    a = assistant.ask("Who was the US ambassador to Mexico in 2018?")
    assert a.refused and a.short_answer is None
    assert a.notes == ["The quoted documents never speak of 2018; the quoted sentence gives its fact for another year."]
    assert any("Ken Salazar" in c.text for c in a.citations)  # offered, to check


def test_question_is_stripped(assistant):
    answer = assistant.ask("   " + ANSWERABLE[2][0] + " \n")
    assert answer.question == ANSWERABLE[2][0]
    assert "1,300" in answer.text


def test_retrieve_ranks_the_answering_passage_first(assistant):
    for question, expected, source in ANSWERABLE:
        top = assistant.retrieve(question, top_k=3)
        assert len(top) == 3
        assert top[0].passage.source == source
        assert expected in top[0].passage.text
        assert top[0].score >= top[1].score >= top[2].score


def test_the_text_of_an_unknown_document_is_a_clear_error(assistant):
    with pytest.raises(RagError, match=r"^\.\./etc/passwd: no such document in the index$"):
        assistant.document_text("../etc/passwd")
    with pytest.raises(RagError, match=r"no such document in the index$"):  # was a bare TypeError
        assistant.document_text(["x"])


def test_a_document_named_by_its_path_is_found_and_one_outside_the_corpus_is_named(assistant, tmp_path, monkeypatch):
    """document_text("/…/corpus/a.txt") and, from the corpus folder's parent, ("corpus/a.txt")
    said "no such document in the index" for an indexed file."""
    source = assistant.documents()[0].source
    path = (assistant.settings.corpus_dir / source).absolute()
    assert (
        assistant.document_text(str(path)) == assistant.document_text(source) == assistant.document_text(Path(source))
    )
    monkeypatch.chdir(path.parent.parent)
    assert assistant.document_text(Path(path.parent.name) / source) == assistant.document_text(source)
    outside = tmp_path / source
    with pytest.raises(
        RagError, match=rf"^{re.escape(str(outside))}: not in the corpus folder .*relative to that folder$"
    ):
        assistant.document_text(outside)
    with pytest.raises(RagError, match=rf"^{re.escape(str(outside))}: not in the corpus folder"):
        assistant.remove_document(str(outside))


def test_documents_lists_the_corpus(assistant):
    docs = assistant.documents()
    assert [d.source for d in docs] == [s for _, _, s in ANSWERABLE]
    assert sum(d.passages for d in docs) == len(assistant.passages)
    assert docs[0].title == "Trump outraged over Mexico migrant 'caravan'"


@pytest.mark.parametrize("question", ["", "   ", "\n\t "])
def test_empty_question_is_a_bad_question(assistant, question):
    with pytest.raises(BadQuestion, match="empty"):
        assistant.ask(question)


@pytest.mark.parametrize("question", ["who", "Who is?", "What?", "How many?", "-", "¿?"])
def test_a_question_that_names_nothing_is_refused_saying_so(assistant, question):
    """ "who" and "Who is?" were answered "Bob Lee — …" at 0.85 with no doubt (a bare question word
    is nearer to some passage than to others); no LLM is asked either."""
    from rag.answer import NOTHING_ASKED

    answer = assistant.ask(question)
    assert answer.refused and answer.notes == [NOTHING_ASKED] and answer.citations == []
    # A follow-up that leans on the conversation names what it asks through it.
    followed = assistant.chat("Why?", [("Who organized the caravan?", "Luis Garcia Villagran [1]")])
    assert NOTHING_ASKED not in followed.notes


def test_a_question_in_another_script_is_looked_for(assistant, tmp_path):
    """The word evidence reads Latin letters only, and "Где находится склад?" was told it "names
    nothing to look for" even over documents in Russian; keyword search reads every script."""
    from rag.answer import NOTHING_ASKED

    answer = assistant.ask("Сколько мигрантов было в караване?")  # English documents: not found
    assert answer.refused and NOTHING_ASKED not in answer.notes
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sklad.txt").write_text(
        "Склад компании «Север» находится в Казани.\n\nСкладом руководит Ирина Петрова с 2019 года.\n",
        encoding="utf-8",
    )
    russian = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = russian.ask("Где находится склад?")
    assert not answer.refused and answer.citations[0].source == "sklad.txt"
    assert "Казани" in answer.citations[0].text


@pytest.mark.parametrize(("question", "kind"), [(b"Where is the caravan?", "bytes"), (42, "int"), (["Where?"], "list")])
def test_a_question_that_is_not_text_says_so(assistant, question, kind):
    """It said "the question is empty", which sent a caller looking at the wrong thing."""
    with pytest.raises(BadQuestion, match=f"must be text \\(a str\\), not {kind}"):
        assistant.ask(question)
    with pytest.raises(BadQuestion, match="empty"):
        assistant.ask(None)


@pytest.mark.parametrize("noise", ["\x1b[2J", "\x1b]0;title\x07", "\x00\x07"])
def test_escape_sequences_and_control_characters_are_no_part_of_a_question(assistant, noise):
    """Pasted from a terminal, "...?\x1b[2J" was refused: "2J" was a name no document holds."""
    question = ANSWERABLE[0][0]
    assert assistant.ask(question + noise).text == assistant.ask(question).text
    with pytest.raises(BadQuestion, match="empty"):
        assistant.ask(noise)


def test_huge_question_is_a_bad_question_naming_the_limit(assistant):
    limit = assistant.settings.max_question_chars
    with pytest.raises(BadQuestion) as info:
        assistant.ask("why " * 25_000)  # 100 KB
    message = str(info.value)
    assert "limit" in message
    assert f"{limit:,}" in message
    assert message.startswith("The question is 99,999 characters long")  # stripped of its last space


def test_question_at_the_limit_is_accepted(assistant):
    limit = assistant.settings.max_question_chars
    question = ANSWERABLE[2][0]
    padded = question + " " + "x" * (limit - len(question) - 1)
    assert len(padded) == limit
    assistant.ask(padded)  # no BadQuestion
    with pytest.raises(BadQuestion):
        assistant.ask(padded + "y")


def test_bad_question_is_a_value_error_and_a_rag_error():
    assert issubclass(BadQuestion, ValueError) and issubclass(BadQuestion, RagError)


def test_missing_corpus_folder_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError) as info:
        Assistant(corpus_dir=tmp_path / "nope", index_dir=tmp_path / "index")
    assert str(tmp_path / "nope") in str(info.value)
    assert "does not exist" in str(info.value)


def test_empty_corpus_folder_is_a_corpus_error(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "notes.wpd").write_bytes(b"not a supported type")
    with pytest.raises(CorpusError) as info:
        Assistant(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    assert "Nothing to index" in str(info.value)
    assert (
        "no .txt, .md, .rst, .html, .pdf, .docx, .doc, .rtf, .pptx, .ppt, .xlsx, .odt, .ods, .odp, .epub, .ipynb, .csv, .eml, .msg or .mbox files"
        in str(info.value)
    )


def test_corpus_of_only_broken_files_is_a_corpus_error_naming_them(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "latin1.txt").write_bytes(b"caf\xe9")
    with pytest.raises(CorpusError, match=r"latin1\.txt \(latin1\.txt: not valid UTF-8"):
        Assistant(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def test_a_file_that_is_not_a_folder_is_a_corpus_error(tmp_path):
    (tmp_path / "file.txt").write_text("text", encoding="utf-8")
    with pytest.raises(CorpusError, match="is not a folder"):
        Assistant(corpus_dir=tmp_path / "file.txt", index_dir=tmp_path / "index")
    assert not (tmp_path / "index").exists()  # it was made, and marked as an index, for nothing


def test_an_index_folder_that_links_to_nothing_says_so(tmp_path):
    from rag.errors import IndexLocationError

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The harbour opened in 1850.\n", encoding="utf-8")
    (tmp_path / "index").symlink_to(tmp_path / "gone")
    with pytest.raises(IndexLocationError, match=r"is a link to .*gone, which does not exist"):
        Assistant(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def test_add_then_remove_a_document_and_never_the_last_one(tmp_path):
    from rag.errors import LoadError

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "herons.txt").write_text("Herons\n\nThe blue heron of Lake Vexmoor nests in April.\n", encoding="utf-8")
    a = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    a.add_document("owls.txt", b"Owls\n\nThe grey owl of Lake Vexmoor hunts at dusk.\n")
    assert "dusk" in a.ask("When does the grey owl of Lake Vexmoor hunt?").text
    a.remove_document("owls.txt")
    assert not (corpus / "owls.txt").exists() and [d.source for d in a.documents()] == ["herons.txt"]
    gone = a.ask("When does the grey owl of Lake Vexmoor hunt?")
    assert "dusk" not in gone.text and all(c.source == "herons.txt" for c in gone.citations)
    # The last document stays: an empty corpus can't be indexed, and the index would go stale.
    with pytest.raises(LoadError, match="only document"):
        a.remove_document("herons.txt")
    assert (corpus / "herons.txt").exists() and "April" in a.ask("When does the blue heron nest?").text


def test_a_removal_whose_index_run_fails_puts_the_file_back(tmp_path, monkeypatch):
    """With the Chroma server gone away the index run failed after the file was deleted: the file
    was gone and the document still listed and answering, until a full index run."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "herons.txt").write_text("Herons\n\nThe blue heron of Lake Vexmoor nests in April.\n", encoding="utf-8")
    (corpus / "owls.txt").write_text("Owls\n\nThe grey owl of Lake Vexmoor hunts at dusk.\n", encoding="utf-8")
    a = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")

    def fails(*args, **kwargs):
        raise ConnectionError("the vector store went away")

    monkeypatch.setattr(a, "update_index", fails)
    with pytest.raises(ConnectionError):
        a.remove_document("owls.txt")
    assert (corpus / "owls.txt").read_text(encoding="utf-8").endswith("hunts at dusk.\n")
    assert sorted(p.name for p in corpus.iterdir()) == ["herons.txt", "owls.txt"]  # no hidden copy left
    monkeypatch.undo()
    a.remove_document("owls.txt")
    assert sorted(p.name for p in corpus.iterdir()) == ["herons.txt"]


@pytest.mark.parametrize("call", ["ask", "retrieve", "chat", "ask_stream"])
def test_lone_surrogate_is_a_bad_question_saying_where(assistant, call):
    with pytest.raises(BadQuestion, match=r"invalid character at position 7 \('\\ud83d'\)"):
        result = getattr(assistant, call)("Where \ud83d is the caravan?")
        if call == "ask_stream":
            next(result)


def test_a_long_passage_is_cited_by_the_window_that_holds_the_answer(tmp_path):
    # One paragraph of seven invented sentences (587 characters): one passage.
    facts = [
        "The Vexmoor heronry lies on the north shore of the lake, beside the old boathouse",
        "Its first nests were counted in 1931 by a schoolteacher who kept a diary of the birds",
        "Volunteers have walked the shore every spring since then, counting nests at dawn",
        "In 2019 the volunteers counted 212 occupied nests, the most in the heronry's records",
        "Storms in the following winter brought down several of the oldest alder trees",
        "The count fell the next spring, and the volunteers planted new alders along the bank",
        "The heronry is closed to visitors from February to July while the birds are nesting",
    ]
    paragraph = ". ".join(facts) + "."
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "heronry.txt").write_text(f"The Vexmoor heronry\n\n{paragraph}\n", encoding="utf-8")
    a = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    (passage,) = [sp.passage for sp in a.retrieve("How many occupied nests did the volunteers count in 2019?")]
    answer = a.ask("How many occupied nests did the volunteers count in 2019?")
    c = answer.citations[0]
    document = (corpus / "heronry.txt").read_text(encoding="utf-8")
    assert "212" in answer.text and document[c.start : c.end] == c.text
    assert passage.start <= c.start and c.end <= passage.end and len(passage.text) == 587
    # The answering sentence with the one before and the one after: what a user reads to check it.
    assert c.text == ". ".join(facts[2:5]) + "." and c.start <= c.support_start < c.support_end <= c.end


def test_a_count_the_documents_answer_only_with_a_distance_is_refused(tmp_path):
    """ "How many container ships were diverted?" got "140 — … the smaller port of Casteluz, 140
    kilometres to the north [1]": the story reports the diversion, not how many ships. A count
    the story does give is still answered."""
    strike = (
        "Dockworkers strike at Valmora\n\n"
        "Thousands of dockworkers at the port of Valmora stopped work on Tuesday after talks over pay "
        "broke down.\n\n"
        "By Tuesday evening 37 container ships were anchored in the bay, according to the port's "
        "tracking page.\n\n"
        "Shipping lines began diverting some vessels to the smaller port of Casteluz, 140 kilometres "
        "to the north.\n\n"
        "The union said the strike was open-ended.\n"
    )
    assistant = assistant_over(tmp_path, {"strike.txt": strike})
    anchored = assistant.ask("How many container ships were anchored in the bay?")
    assert not anchored.refused and anchored.short_answer == "37"
    diverted = assistant.ask("How many container ships were diverted to Casteluz?")
    assert diverted.refused, diverted.text


def test_money_in_another_currency_a_rise_and_a_time_of_day_are_answered(tmp_path):
    """Invented news probes (dev) refused answers their stories give: "How much money do the
    striking health workers say they are owed?" (in marks: only dollars, euros and pesos counted
    as money), "By how much did the price of diesel go up?" ("how much did" was taken to ask for
    money) and "At what time did the Solvenna set sail?" ("7:40 p.m." is no date)."""
    story = (
        "Nurses strike over unpaid allowances\n\n"
        "More than 1,100 nurses at Halvik County General Hospital walked out on Monday.\n\n"
        "The union says its members are owed about 86 million marks in overtime and risk allowances.\n\n"
        "Diesel rose even faster, by 44 percent, after the government ended the fuel subsidy.\n\n"
        "The ferry to the islands left Ostrelin at 7:40 p.m., an hour late.\n"
    )
    assistant = assistant_over(tmp_path, {"strike.txt": story})
    owed = assistant.ask("How much money do the striking nurses say they are owed?")
    assert not owed.refused and "86 million marks" in owed.text, owed.text
    diesel = assistant.ask("By how much did the price of diesel go up?")
    assert not diesel.refused and "44 percent" in diesel.text, diesel.text
    ferry = assistant.ask("At what time did the ferry leave Ostrelin?")
    assert not ferry.refused and "7:40 p.m." in ferry.text, ferry.text


def test_a_notes_first_line_is_answered_and_a_one_line_note_is_indexed(tmp_path):
    """A note's first line was taken for its title and left out of every passage: "What is the
    main server IP?" was answered with the backup server's line, and a one-line note was skipped
    ("no text left to index after removing boilerplate")."""
    notes = {
        "servers.txt": "Main server IP is 10.0.0.5\nBackup server IP is 10.0.0.6\n",
        "dentist.txt": "Dentist appointment moved to March 3\n",
    }
    assistant = assistant_over(tmp_path, notes)
    main = assistant.ask("What is the main server IP?")
    assert "10.0.0.5" in main.text and main.citations[0].source == "servers.txt", main.text
    dentist = assistant.ask("When was the dentist appointment moved to?")
    assert "March 3" in dentist.text and dentist.citations[0].source == "dentist.txt", dentist.text


def test_a_role_asked_with_who_is_needs_a_persons_name(tmp_path):
    """ "Who is Estrenia's labour minister?" got "Corvan — Corvan, Estrenia | NWA | After more
    than a decade…" (a town, from another story), and "Who is the governor of Sierra Alta
    province?" a sentence about the weather service. A role asked with "who is" now needs a
    sentence naming someone new, as "which minister" did."""
    fire = (
        "Wildfire forces thousands from homes in Sierra Alta\n\n"
        "Puerto Lindo, Estrenia | NWA | A fast-moving wildfire has forced more than 6,000 people to "
        "leave their homes in the hills of Sierra Alta province, officials said on Sunday.\n\n"
        "Provincial governor Tomas Aranda said 650 firefighters and 12 water-dropping aircraft were "
        "fighting the blaze.\n\n"
        "Sierra Alta has had almost no rain since March, and the national weather service has kept "
        "the province on its highest fire alert for three weeks.\n"
    )
    tram = (
        "Corvan council approves long-delayed tram line\n\n"
        "Corvan, Estrenia | NWA | After more than a decade of debate, Corvan's city council voted on "
        "Thursday to build a tram line linking the old town with the university.\n\n"
        "The plan passed by 27 votes to 14, with two abstentions.\n"
    )
    assistant = assistant_over(tmp_path, {"fire.txt": fire, "tram.txt": tram})
    governor = assistant.ask("Who is the governor of Sierra Alta province?")
    assert governor.short_answer == "Tomas Aranda", governor.text
    minister = assistant.ask("Who is Estrenia's labour minister?")
    assert minister.refused, minister.text


def test_a_follow_up_is_not_refused_for_the_names_of_the_question_before_it(assistant):
    """A follow-up ("…the caravan that…") is retrieved joined to the question before it, and the
    joined text's names were checked: after "Who won the 2022 World Cup?" (refused: no document
    names the World Cup) the caravan's question was refused too. The user's own names count."""
    history = [{"role": "user", "content": "Who won the 2022 World Cup?"}]
    answer = assistant.chat(ANSWERABLE[0][0], history)
    assert not answer.refused and "1,500" in answer.short_answer, answer.text
    assert assistant.chat("Who won the 2022 World Cup?", history).refused  # its own names still count


def test_a_documents_own_bracketed_numbers_are_no_markers_of_the_answer(tmp_path):
    """ "4 May [2]." was quoted as it stands: the web chat linked the document's footnote mark
    to another source, and the answer's "[2]" named a citation it did not have."""
    garden = "Garden log\n\nThe tomatoes were planted on 4 May [2]. The gardener waters them every morning.\n"
    assistant = assistant_over(tmp_path, {"garden.txt": garden})
    answer = assistant.ask("When were the tomatoes planted?")
    assert "4 May \uff3b2\uff3d." in answer.text and MARKER.findall(answer.text) == ["1"], answer.text
    c = answer.citations[0]
    assert assistant.document_text(c.source)[c.start : c.end] == c.text and "[2]" in c.text


def test_a_notes_front_matter_names_it_and_is_never_quoted(tmp_path):
    """ "Who owns the server notes?" was answered "title: Server notes [1]", and the note had no title."""
    note = '---\ntitle: "Server notes"\nowner: ops\n---\n\nThe primary DNS server is at 10.1.2.3. The backup is at 10.1.2.4.\n'
    other = "Harbour news\n\nThe harbour master of Tollmouth is Ines Varga. The ferry leaves at noon.\n"
    assistant = assistant_over(tmp_path, {"notes.md": note, "harbour.txt": other})
    assert {d.source: d.title for d in assistant.documents()}["notes.md"] == "Server notes"
    dns = assistant.ask("What is the address of the primary DNS server?")
    assert dns.short_answer == "10.1.2.3", dns.text
    c = dns.citations[0]
    assert assistant.document_text(c.source)[c.start : c.end] == c.text and "title:" not in c.text
    owner = assistant.ask("Who owns the server notes?")
    assert "title:" not in owner.text and "owner:" not in owner.text, owner.text
