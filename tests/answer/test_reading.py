"""The reader's answers: the short answer first, the sentence that holds it cited, or a refusal."""

from __future__ import annotations

import pytest

from rag.answer import REFUSAL, UNSURE
from rag.answer.answerability import Answerability
from rag.answer.reading import ReaderAnswerer, ReadPassage, echoes, short_span, trimmed
from rag.reader.model import Reader
from rag.types import Passage, ScoredPassage
from tests.helpers import assistant_over

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
    return ReaderAnswerer(Reader.shipped(), read_candidates=3, answerability=Answerability.shipped())


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
    """decide = "checked" (the default): the evidence, matching words, quotes the article's opening
    sentence ("Ukraine — Secretary of State Antony Blinken made an unusual visit to Mexico City …"),
    which the reader doubts; reading the same passages, the reader is sure of the one that answers. An answer the reader does not doubt stays as the evidence gave it."""
    threshold = assistant.path.reader.threshold
    checked = assistant.with_settings(decide="checked")
    alone = assistant.with_settings(decide="evidence")
    question = "At which airport did Blinken land for his Mexico trip?"

    evidence = alone.ask(question)
    assert evidence.confidence < threshold and not evidence.text.startswith("Felipe Angeles International Airport")
    assert any(n.startswith(UNSURE) for n in evidence.notes)

    answer = checked.ask(question)
    assert answer.short_answer == "Felipe Angeles International Airport" and answer.text.startswith(
        "Felipe Angeles International Airport — "
    )
    assert answer.confidence >= threshold and not any(n.startswith(UNSURE) for n in answer.notes)
    cited = answer.citations[0]
    assert "shakes hands with U.S. Ambassador to Mexico Ken Salazar" in cited.text
    assert checked.document_text(cited.source)[cited.start : cited.end] == cited.text
    assert cited.support_start is not None and cited.start <= cited.support_start < cited.support_end <= cited.end

    sure = "Which trade pact did Trump threaten to abrogate?"
    assert checked.ask(sure).text == alone.ask(sure).text


@pytest.mark.parametrize(
    ("short", "question", "echo"),
    [
        ("big", "How big was the caravan Trump raged about?", True),
        ("Seven Years", "How long did the fighting last in Seven Years War?", True),
        ("problems", "What was the first problem astronauts met?", True),
        ("the Sarn Valley Farmers' Union", "Who heads the Sarn Valley Farmers' Union?", True),
        # Words, not stems: both stem to "absolut".
        ("absolutism", "What is the conviction that leaders dispense absolute truth?", False),
        ("Alice Brown", "Who waters the tomatoes?", False),
        ("1,500", "How many were in the group of 1,000?", False),
        ("the", "Who is the mayor?", False),  # no content word: not an echo, and no answer either
    ],
)
def test_a_short_answer_made_of_the_questions_words_echoes_it(short, question, echo):
    assert echoes(short, question) is echo


def test_a_span_that_repeats_the_question_does_not_lead_the_answer(tmp_path):
    """The evidence quotes the sentence that names the tomatoes first; read inside it, the
    reader's best span was "tomatoes", the question's own word, and the answer led with it. The
    short answer is the second sentence's, which the reader scores higher (it led with nothing
    before session 56), and since session 60 its sentence is shown first (grounding.lead_first)."""
    garden = (
        "Garden diary\n\nThe tomatoes were planted on 4 May. The gardener, Alice Brown, waters them "
        "every morning. The shed was painted green in June.\n\nThe roses came from a nursery in Kent. "
        "They bloom in July.\n"
    )
    assistant = assistant_over(tmp_path, {"garden.txt": garden})
    answer = assistant.ask("Who waters the tomatoes?")
    assert not answer.refused
    assert answer.short_answer == "Alice Brown"
    assert answer.text.startswith("Alice Brown — The gardener, Alice Brown, waters them every morning. [1] "), (
        answer.text
    )
    assert answer.text.endswith("The tomatoes were planted on 4 May. [2]"), answer.text
    assert "Alice Brown" in answer.text
    for c in answer.citations:
        assert garden[c.start : c.end] == c.text
    # A span that is not the question's words leads as before.
    assert assistant.ask("Where did the roses come from?").short_answer in ("Kent", "a nursery in Kent")


def test_the_reader_answers_with_its_likeliest_reading_that_is_not_the_questions_words(answerer):
    """Reader mode: the likeliest reading's span, "Prosecutors" for "Which prosecutor …?", is the
    question's own word; the next reading over the threshold answers instead."""
    q = "Which prosecutor is leading the investigation in Port Aldren?"
    doc = (
        "Prosecutors in Port Aldren opened an investigation in November.\n\n"
        "Chief prosecutor Mara Lind is leading the investigation, her office said."
    )
    first, second = doc.split("\n\n")
    a, b = doc.index(first), doc.index(second)
    sp = [
        ScoredPassage(Passage("p.txt:0", "p.txt", "P", first, a, a + len(first)), 0.9),
        ScoredPassage(Passage("p.txt:1", "p.txt", "P", second, b, b + len(second)), 0.8),
    ]
    name = doc.index("Mara Lind")
    read = [
        ReadPassage(sp[0], 0.95, a, a + len("Prosecutors")),
        ReadPassage(sp[1], 0.90, name, name + len("Mara Lind")),
    ]

    def whole(p: Passage, start: int, end: int) -> tuple[int, int]:
        return p.start, p.end

    answer = answerer.answer(q, read, whole, unknown_names=False, k=2)
    assert answer.short_answer == "Mara Lind" and answer.text.startswith("Mara Lind — Chief prosecutor")
    assert answer.confidence == 0.90
    # Only readings that echo the question: no answer.
    assert answerer.answer(q, read[:1], whole, unknown_names=False, k=2).refused


def test_a_short_answer_does_not_cross_a_bracket(answerer):
    """Trained on SQuAD's spans, the reader still marked "network) model, relationships are
    many-to-many" here; a span closes every bracket it opens and opens every one it closes."""
    text = "In the navigational (network) model, relationships are many-to-many."
    q = "What is the relationship called in a navigational model?"
    (read,) = answerer.read(q, [ScoredPassage(Passage("n.txt:0", "n.txt", "N", text, 0, len(text)), 1.0)])
    assert read.short_answer == "many-to-many"


@pytest.mark.parametrize(
    ("span", "trimmed_to"),
    [
        ("the Arab Democratic Nasserist Party (ADNP).", "the Arab Democratic Nasserist Party (ADNP)"),
        ("(ADNP),", "ADNP"),
        ("(210 sq mi) of", "(210 sq mi) of"),
        ("“unfair state subsidies.”", "unfair state subsidies"),
    ],
)
def test_trimming_a_span_keeps_the_bracket_that_closes_one_it_opens(span, trimmed_to):
    text = f"It said {span} Then it left."
    a, b = trimmed(text, text.index(span), text.index(span) + len(span))
    assert text[a:b] == trimmed_to


@pytest.mark.unit
@pytest.mark.parametrize(
    ("span", "short"),
    [("17 from", "17"), ("the 1,500-strong group of", "the 1,500-strong group"), ("from", "from")],
)
def test_a_short_answer_does_not_end_with_a_preposition(span, short):
    """ "17 from — … 17 from the curfew group and 9 from the control group." (a break-it helper's study)."""
    text = f"Of them, {span} the group left."
    a, b = short_span("How many left?", text, text.index(span), text.index(span) + len(span))
    assert text[a:b] == short


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "span", "short"),
    [
        ("| St Aldric Hospital | 06:27 | 07:45 |", "06", "06:27"),
        ("| St Aldric Hospital | 06:27 | 07:45 |", "27", "06:27"),
        ("The group of 1,500 left.", "1", "1,500"),
        ("It rose 3.5 per cent.", "3", "3.5"),
        ("It ended in 1990. Then peace.", "1990", "1990"),
        ("Deposit: £1,471.15 (five weeks' rent)", "1,471.15", "£1,471.15"),
        # A code's pieces (a break-it helper's policy number, session 51), not a word's.
        ("Policy number: BMH-7740-2291-K.", "BMH-7740-2291", "BMH-7740-2291-K"),
        ("Policy number: BMH-7740-2291-K.", "7740", "BMH-7740-2291-K"),
        ("A well-known fact, dated 2024-01-09, for 10-15 minutes.", "well", "well"),
        ("A well-known fact, dated 2024-01-09, for 10-15 minutes.", "2024", "2024"),
        ("A well-known fact, dated 2024-01-09, for 10-15 minutes.", "10", "10"),
        ("The 1,500-strong group of 10-year-olds", "1,500", "1,500"),
        ("The 1,500-strong group of 10-year-olds", "10", "10"),
    ],
)
def test_a_short_answer_holds_its_numbers_whole(text, span, short):
    """ "06 — | St Aldric Hospital | 06:27 | …" for "At what time does the third departure reach
    St Aldric Hospital?": the reader's tokens part a time at its colon (a break-it helper's
    timetable, session 50)."""
    a, b = short_span("What time?", text, text.index(span), text.index(span) + len(span))
    assert text[a:b] == short


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "span", "short"),
    [
        ("What time can we check in?", "Friday 23 May 2025", "3:00 pm"),
        ("At what time must we check out?", "Monday 26 May 2025", "11:00 am"),
        # A span that holds a time, a question that asks no time of day, a line of two times: as read.
        ("What time can we check in?", "from 3:00", "from 3:00"),
        ("When can we check in?", "Friday 23 May 2025", "Friday 23 May 2025"),
        ("What time does breakfast start?", "7:00", "7:00"),
        ("What time of year is it?", "Friday 23 May 2025", "Friday 23 May 2025"),
    ],
)
def test_what_time_is_answered_with_the_time_on_the_spans_line(question, span, short):
    """ "What time can we check in?" was answered "Friday 23 May 2025" from "Check-in: Friday 23
    May 2025, from 3:00 pm" (a break-it helper's booking confirmation, session 51)."""
    text = (
        "Check-in: Friday 23 May 2025, from 3:00 pm\nCheck-out: Monday 26 May 2025, by 11:00 am\n"
        "Breakfast: 7:00 to 10:30 am"
    )
    at = text.index(span)
    a, b = short_span(question, text, at, at + len(span))
    assert text[a:b] == short


CSV_TIMETABLE = """Stop,Dep 1,Dep 2,Dep 3
Harbour Square,06:10,07:25,08:40
Fenwick Road,06:18,07:34,08:49
St Aldric Hospital,06:27,07:45,09:00
"""


def test_a_name_only_the_files_name_says_is_known(tmp_path):
    """A .csv has no title: "What time does the first Route 47 bus leave Harbour Square?" was
    refused over route_47_timetable.csv, "no passage names Route 47" (a break-it helper's)."""
    assistant = assistant_over(tmp_path, {"route_47_timetable.csv": CSV_TIMETABLE})
    answer = assistant.ask("What time does the first Route 47 bus leave Harbour Square?")
    assert not answer.refused and answer.citations[0].supporting_text().startswith("| Harbour Square |"), answer.text


def test_the_reader_does_not_trade_the_evidences_table_row_for_another_row(tmp_path):
    """The recall notice of eval/probes/pdftables2 (a table written cell by cell): the evidence
    quotes the stainless steel kettle's row, which the question names; the reader, in doubt of
    it, had been sure of the white kettle's "May 2024 to Dec 2024" in another row."""
    import shutil
    from pathlib import Path

    from rag.assistant import Assistant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    probe = Path(__file__).resolve().parents[2] / "eval" / "probes" / "pdftables2" / "corpus" / "recall-notice.pdf"
    shutil.copy(probe, corpus)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("When was the stainless steel Kestrel Compact kettle on sale?")
    assert answer.citations[0].supporting_text().startswith("| KT-150S |")


README_RST = """Tidewater
=========

Tidewater syncs tide tables to a local cache.

Installation
------------

1. Install the package with ``pip install tidewater``.
2. Write a config file at ``~/.config/tidewater.toml``.
3. Set the ``TIDEWATER_PORT`` variable if port 8731 is taken.
4. Check the installation by running ``tidewater --self-test``.
"""


@pytest.mark.integration
def test_the_short_answer_is_the_lead_the_answer_shows(tmp_path):
    """The lead lost the markup's marks and `Answer.short_answer` kept them: "``tidewater
    --self-test" (a break-it helper's reST README, session 50)."""
    assistant = assistant_over(tmp_path, {"tidewater.rst": README_RST})
    answer = assistant.ask("What command checks the tidewater installation?")
    assert answer.short_answer == "tidewater --self-test"
    assert answer.text.startswith(f"{answer.short_answer} — 4. Check the installation by running ``tidewater")


@pytest.mark.unit
def test_a_short_answer_inside_a_telephone_number_is_the_whole_number():
    """ "What's the 24-hour emergency phone number?" was answered "960 777" of "+44 (0)1632 960
    777" (a break-it helper's safety data sheet, session 54); a row of numbers is no number."""
    from rag.answer.reading import short_span

    def short(text: str, span: str, question: str = "What is the emergency phone number?") -> str:
        a = text.index(span)
        return text[slice(*short_span(question, text, a, a + len(span)))]

    assert short("| Emergency telephone | +44 (0)1632 960 777 (24 hours) |", "960 777") == "+44 (0)1632 960 777"
    assert short("Call us on 0330 818 4410 (Mon-Fri 8am-8pm).", "818 4410") == "0330 818 4410"
    assert short("Visitors 2023 2024 2025", "2024", "How many visitors in 2024?") == "2024"


@pytest.mark.unit
def test_a_time_slot_asked_is_the_span_of_time_on_the_line():
    """ "What time slot is my Fairbrook delivery?" was answered "Thursday 12 March 2026" (a
    break-it helper's grocery receipt, session 54)."""
    from rag.answer.reading import short_span

    line = "- Delivery slot: Thursday 12 March 2026, 7pm - 8pm"
    a = line.index("Thursday")
    slot = short_span("What time slot is my delivery?", line, a, a + len("Thursday 12 March 2026"))
    assert line[slice(*slot)] == "7pm - 8pm"
    # One time of day asked: two on the line are no answer of the rules' (the reader's stands).
    hours = "| Fracture clinic | Monday | 09:00-12:30 |"
    b = hours.index("Monday")
    assert hours[slice(*short_span("What time does the fracture clinic open?", hours, b, b + 6))] == "Monday"


PROGRAMME_DAY = """# Hydrology for the Future North 2026 — Programme (v3)

Tuesday 14 April 2026, Brindley Conference Centre, Harrowgate

## Day 1

| Time | Room | Session | Speaker |
|---|---|---|---|
| 08:30 | Foyer | Registration and coffee | |
| 09:30 | Brindley Hall | Opening keynote: Rivers that remember – sensor archives | Prof. Adaeze Hollingworth-Mbeki |
| 10:30 | Room 2 | Flood forecasting with low-cost gauges | Dr Tomasz Wierzbicki |
| 11:15 | Room 3 | Peatland restoration and baseflow | Ingrid Sæterdal |
| 12:30 | Atrium | Lunch | |
| 15:00 | Room 2 | Drought indices at farm scale | Dr Bram de Wit |
"""


def test_who_of_a_row_read_as_prose_is_its_person_column(tmp_path):
    """The reader read a programme's row as prose and took its room ("Brindley Hall") or no span
    at all for "who" (a break-it helper's conference programme, session 55): the cell under the
    column that names a person's part answers."""
    assistant = assistant_over(tmp_path, {"programme.md": PROGRAMME_DAY})
    assert assistant.ask("Who is giving the opening keynote?").short_answer == "Prof. Adaeze Hollingworth-Mbeki"
    assert assistant.ask("Who is talking about drought indices?").short_answer == "Dr Bram de Wit"
    assert assistant.ask("Where is the opening keynote?").short_answer == "Brindley Hall"


TIDEWATER = """# tidewater

**tidewater** is a small Python library for resampling irregular tide-gauge time series onto a regular grid. It was written at the Marrow Bay Coastal Lab and is maintained by Odile Varnasse.

## Installing

Install it with pip. It needs NumPy 1.24 or later.
"""


def test_the_short_answer_leads_from_the_quoted_sentence_that_holds_it(tmp_path):
    """The evidence quotes the library's opening sentence and the one after it; the short answer
    was read in the first only ("Python"), and the second holds it (a break-it helper's README,
    session 56)."""
    answer = assistant_over(tmp_path, {"README.md": TIDEWATER}).ask("Who maintains tidewater?")
    assert answer.short_answer == "Odile Varnasse"
    assert "Odile Varnasse — It was written" in answer.text, answer.text
