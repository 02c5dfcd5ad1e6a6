"""Table rows and their headers, found in a document's text as it stands (rag/text/tables.py)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.text.tables import (
    aligned_caption,
    aligned_row_at,
    as_pairs,
    cells_of,
    column_asked,
    header_over,
    quotes,
    row_at,
)

HEADER = "| Name | Department | Office | Phone | Joined |"
ROWS = [
    "| Bruno Moreau | Logistics | Gdansk | ext. 2451 | 2014 |",
    "| Bruno Okafor | Research | Berlin | ext. 2590 | 2021 |",
    "| Bruno Sato | Finance | Porto | ext. 2296 | 2022 |",
]
TABLE = "Staff, by office.\n\n" + "\n".join([HEADER, "|---|---|---|---|---|", *ROWS]) + "\nAfter the table."


def _row(text: str, line: str):
    return row_at(text, text.index(line) + 3)


@pytest.mark.unit
def test_a_row_is_read_with_its_header_each_cell_an_exact_span():
    row = _row(TABLE, ROWS[1])
    assert row.header == ("Name", "Department", "Office", "Phone", "Joined")
    assert [TABLE[a:b] for a, b in row.cells] == ["Bruno Okafor", "Research", "Berlin", "ext. 2590", "2021"]


@pytest.mark.unit
def test_the_header_the_delimiter_prose_and_a_table_without_header_are_no_rows():
    assert row_at(TABLE, TABLE.index(HEADER)) is None
    assert row_at(TABLE, TABLE.index("|---|")) is None
    assert row_at(TABLE, TABLE.index("After")) is None
    assert row_at(TABLE, 0) is None
    headless = "Intro.\n| x1 | y1 |\n| x2 | y2 |"
    assert row_at(headless, headless.index("x2")) is None


@pytest.mark.unit
def test_a_row_with_another_number_of_cells_than_its_header_is_not_read_under_it():
    text = "| A | B | C |\n|---|---|---|\n| merged across | c |"
    assert row_at(text, text.index("merged")) is None


@pytest.mark.unit
def test_an_escaped_pipe_stays_in_its_cell_and_an_empty_cell_is_kept():
    text = "| Pattern | Meaning | Note |\n|---|---|---|\n| a \\| b | either |  |"
    row = _row(text, "| a ")
    assert [text[a:b] for a, b in row.cells] == ["a \\| b", "either", ""]
    assert cells_of(text, 0, text.index("\n")) == [(2, 9), (12, 19), (22, 26)]


@pytest.mark.unit
def test_every_row_of_a_long_table_is_read_under_its_own_tables_header():
    """20,000 rows: each row's header was found by walking up over the rows above it, which
    made indexing such a table quadratic; the tables of a text are found once."""
    rows = [f"| person {i} | desk {i} |" for i in range(20_000)]
    text = "| Name | Desk |\n|---|---|\n" + "\n".join(rows) + "\n\nNext.\n| Tool | Shelf |\n| :-- | --: |\n| saw | B2 |"
    assert all(row_at(text, text.index(r)).header == ("Name", "Desk") for r in rows[::97])
    assert _row(text, rows[-1]).header == ("Name", "Desk")
    assert _row(text, "| saw").header == ("Tool", "Shelf")
    assert row_at(text, text.index("Next.")) is None


@pytest.mark.unit
def test_a_passage_that_begins_among_a_tables_rows_has_its_header_over_it():
    text = TABLE + "\n\n| Tool | Shelf |\n| --- | --- |\n| saw | B2 |\n| drill | C4 |"
    assert header_over(text, text.index(ROWS[1])) == HEADER
    assert header_over(text, text.index(ROWS[0])) == HEADER
    assert header_over(text, text.index("| drill")) == "| Tool | Shelf |"
    # Not when it begins at the header (it holds it), before the table, or after it.
    assert header_over(text, text.index(HEADER)) == ""
    assert header_over(text, 0) == ""
    assert header_over(text, text.index("After the table.")) == ""
    assert header_over("| x1 | y1 |\n| x2 | y2 |", 12) == ""  # a table with no header


@pytest.mark.unit
@pytest.mark.parametrize(
    "question, cell",
    [
        ("Which department does Bruno Okafor work in?", "Research"),
        ("What is Bruno Okafor's phone extension?", "ext. 2590"),
        ("In which year did Bruno Okafor join?", "2021"),
        ("Which office is Bruno Okafor based in?", "Berlin"),
        ("Where is Bruno Okafor's office?", "Berlin"),
    ],
)
def test_the_column_the_question_names_gives_the_cell(question, cell):
    row = _row(TABLE, ROWS[1])
    a, b = row.cells[column_asked(question, row, TABLE)]
    assert TABLE[a:b] == cell


@pytest.mark.unit
def test_a_header_word_that_begins_a_question_word_names_its_column():
    """ "prepare" is stemmed "prepar", which "prep" begins."""
    text = "| Dish | Prep time | Cook time |\n|---|---|---|\n| Leek pie | 40 minutes | 35 minutes |"
    row = _row(text, "| Leek")
    a, b = row.cells[column_asked("How long does it take to prepare the Leek pie?", row, text)]
    assert text[a:b] == "40 minutes"


@pytest.mark.unit
def test_a_question_word_that_begins_a_header_word_names_its_column():
    """ "speaking" is stemmed "speak", which begins "speaker"; the time and the room the
    question quotes are the row's, not columns asked."""
    text = (
        "| Time | Session | Speaker | Room |\n|---|---|---|---|\n| 11:00 | Forecasting | Rashid Ekwueme | Room Heron |"
    )
    row = _row(text, "| 11:00")
    a, b = row.cells[column_asked("Who is speaking at 11:00 in Room Heron?", row, text)]
    assert text[a:b] == "Rashid Ekwueme"


TARIFFS = (
    "| Tariff | Supplier | Unit rate (p/kWh) | Standing charge (p/day) | Exit fee | Green credentials |\n"
    "|---|---|---|---|---|---|\n"
    "| Brennock Fix 12 | Brennock Energy | 24.18p | 51.20p | £50 per fuel | 100% renewable (REGO-backed) |\n"
    "| Tidewell Green Saver 18 | Tidewell Energy | 24.92p | 49.10p | £30 | 100% renewable (own wind farms) |\n"
)


@pytest.mark.unit
def test_the_words_that_name_the_row_name_no_column():
    """ "the Tidewell Green Saver tariff" names the row (its key, the deal's months aside): its
    "tariff" named the "Tariff" column, its "green" half the "Green credentials" (a break-it
    helper's tariff comparison, session 56); the standing charge is what is asked."""
    row = _row(TARIFFS, "| Tidewell")
    question = "What is the daily standing charge on the Tidewell Green Saver tariff?"
    a, b = row.cells[column_asked(question, row, TARIFFS)]
    assert TARIFFS[a:b] == "49.10p"
    assert column_asked("How much would I pay to leave the Tidewell Green Saver deal early?", row, TARIFFS) is None


@pytest.mark.unit
def test_a_cell_of_its_columns_own_words_names_the_column_not_the_row():
    """ "NHS band" of "Which NHS band is …?" is the column "NHS band / Private", whose cell "NHS
    Band 2" holds the same words and a number (a break-it helper's treatment plan, session 56)."""
    text = (
        "| Tooth | Treatment | NHS band / Private | Cost |\n|---|---|---|---|\n"
        "| UR6 (16) | Root canal treatment (molar, 3 canals) | NHS Band 2 | Included in NHS charge |\n"
    )
    row = _row(text, "| UR6")
    a, b = row.cells[column_asked("Which NHS band is the root canal treatment in?", row, text)]
    assert text[a:b] == "NHS Band 2"


@pytest.mark.unit
@pytest.mark.parametrize(
    "question",
    [
        "Tell me about Bruno Okafor.",  # no column named
        "What is Bruno Okafor's name?",  # the column of the cell it quotes: the row's key
        "Which office and department is Bruno Okafor in?",  # two columns, named alike
    ],
)
def test_no_cell_when_no_one_column_is_asked(question):
    assert column_asked(question, _row(TABLE, ROWS[1]), TABLE) is None


def test_a_row_written_as_pairs_is_nearest_the_questions_about_it(embedder):
    """The reason sentence vectors of table rows are made from their pairs (rag.index.documents
    .sentence_embedding_text): with the real MiniLM, each question is nearest its own row, which
    the row alone was not for the first ("Bruno Moreau" vs "Bruno Okafor": 0.366 vs 0.355) and
    the row under its header line was not for the first and third."""
    questions = [
        ("Which department does Bruno Moreau work in?", 0),
        ("What is Bruno Okafor's phone extension?", 1),
        ("Which office is Bruno Moreau based in?", 0),
        ("When did Bruno Sato join?", 2),
    ]
    rows = [_row(TABLE, line) for line in ROWS]
    assert as_pairs(TABLE, rows[0]) == (
        "Name: Bruno Moreau; Department: Logistics; Office: Gdansk; Phone: ext. 2451; Joined: 2014"
    )
    pairs = embedder.embed([as_pairs(TABLE, row) for row in rows])
    alone = embedder.embed(ROWS)
    asked = embedder.embed([q for q, _ in questions])
    assert [int(i) for i in np.argmax(asked @ pairs.T, axis=1)] == [i for _, i in questions]
    assert [int(i) for i in np.argmax(asked @ alone.T, axis=1)] != [i for _, i in questions]


ITINERARY = """-------------------------------------------------------------------------------
ITINERARY
-------------------------------------------------------------------------------
FLIGHT   DATE        FROM                   DEP    TO                     ARR    SEAT
-------------------------------------------------------------------------------
AU 214   TUE 10MAR   EDINBURGH (EDI)        07:05  AMSTERDAM (AMS)        09:40  14C
AU 219   SAT 14MAR   AMSTERDAM (AMS)        19:05  EDINBURGH (EDI)        19:35  22D
-------------------------------------------------------------------------------
All times are local.
"""


@pytest.mark.unit
def test_a_rule_between_a_plain_text_tables_header_and_its_rows_is_in_the_table():
    """An e-ticket's itinerary: its header stands over a rule of dashes over the rows, and "What
    seat do I have on AU 219?" found no column (a break-it helper's, session 51)."""
    text = ITINERARY
    row = aligned_row_at(text, text.index("AU 219"))
    assert row.header == ("FLIGHT", "DATE", "FROM", "DEP", "TO", "ARR", "SEAT")
    assert [text[a:b] for a, b in row.cells][-1] == "22D"
    for at in ("ITINERARY", "FLIGHT", "All times"):
        assert aligned_row_at(text, text.index(at)) is None


KEY_FIGURES = """1. FINANCIAL HIGHLIGHTS
All figures in GBP millions unless otherwise stated.
                                        2024        2023      Change
Revenue                                 482.6       431.2     +11.9%
Dividend per share (pence)               11.5        10.0     +15.0%
Employees at year end (number)          3,214       2,987      +7.6%

Revenue grew in every region.  Costs  rose too.
"""


@pytest.mark.unit
def test_a_plain_text_tables_row_is_read_under_the_names_its_values_stand_under():
    text = KEY_FIGURES
    row = aligned_row_at(text, text.index("Dividend"))
    assert row.header == ("", "2024", "2023", "Change")
    assert [text[a:b] for a, b in row.cells] == ["Dividend per share (pence)", "11.5", "10.0", "+15.0%"]
    # The header line, lines above it and prose with a double space are no rows.
    for at in ("2024", "All figures", "Revenue grew"):
        assert aligned_row_at(text, text.index(at)) is None
    # A unit in brackets closing the row's name need not be written.
    assert quotes("what was the dividend per share in 2023?", "Dividend per share (pence)")
    assert not quotes("what was the dividend in 2023?", "Dividend per share (pence)")
    assert not quotes("how long does it take to charge the tern 10?", "Long (508 mm)")  # one word left


def test_a_question_names_a_plain_text_tables_row_and_column(tmp_path):
    """ "How many employees did Corvane have at the end of 2023?" was answered "2024", the header's
    first word (a break-it helper's annual report, session 49)."""
    from tests.helpers import assistant_over

    assistant = assistant_over(tmp_path, {"report.txt": KEY_FIGURES})
    assert assistant.ask("What was the dividend per share in 2023?").short_answer == "10.0"
    assert assistant.ask("What was the revenue in 2024?").short_answer == "482.6"


BY_REGION = """NORTHGATE LOGISTICS PLC
ANNUAL REPORT 2024

2024 was a year of steady growth for Northgate. Revenue rose in every region, and we opened two
new distribution centres, in Rotterdam and in Singapore.

2. REVENUE BY REGION (GBP million)

  Region            2023     2024
  UK                 412      436
  Europe             288      311
  Asia-Pacific        97      128
  Total              797      875

3. EMPLOYEES BY REGION (full-time equivalent, year end)

  Region            2023     2024
  UK               2,950    3,010
  Europe           1,720    1,805
  Asia-Pacific       410      566
  Total            5,080    5,381

We expect revenue growth of 5 to 7 per cent in 2025, led by Asia-Pacific.
"""


@pytest.mark.unit
def test_the_caption_of_a_plain_text_table():
    """The lines over the block, not the row of the table before ("Total   797   875")."""
    text = BY_REGION
    assert aligned_caption(text, text.index("Asia-Pacific       410")) == (
        "3. EMPLOYEES BY REGION (full-time equivalent, year end)"
    )
    assert aligned_caption(text, text.index("Total              797")).endswith("2. REVENUE BY REGION (GBP million)")
    assert aligned_caption(text, text.index("Revenue rose")) == ""


def test_rows_named_alike_in_two_plain_text_tables_are_told_apart_by_their_captions(tmp_path):
    """ "Asia-Pacific" and "Total" are rows of the revenue table and of the employees table, both
    under "2023  2024": no row was named more than the other and the questions were answered from
    the outlook's "5 to 7 per cent" or with a whole row (a break-it helper's annual report,
    session 49). The caption the question's words are in names the table."""
    from tests.helpers import assert_short_answers, assistant_over

    assistant = assistant_over(tmp_path, {"annual-report-2024.txt": BY_REGION})
    assert_short_answers(
        assistant,
        [
            ("What was Asia-Pacific revenue in 2024?", "128"),
            ("How many employees did Northgate have in Asia-Pacific in 2024?", "566"),
            ("What was total revenue in 2024?", "875"),
            ("How many full-time employees were in the UK in 2023?", "2,950"),
        ],
    )


OPTIONS_RST = """pkgx
====

Options
-------

============  =========  ==============================
Option        Default    Meaning
============  =========  ==============================
timeout       30         Seconds before a request fails.
retries       5          Attempts before giving up.
============  =========  ==============================
"""


@pytest.mark.unit
def test_a_restructuredtext_simple_tables_rules_are_no_header():
    text = OPTIONS_RST
    row = aligned_row_at(text, text.index("timeout"))
    assert row.header == ("Option", "Default", "Meaning")
    assert [text[a:b] for a, b in row.cells] == ["timeout", "30", "Seconds before a request fails."]
    assert aligned_row_at(text, text.index("=========  ===")) is None


def test_a_restructuredtext_simple_table_is_looked_up(tmp_path):
    """ "What is the default timeout?" was answered "30         Seconds" (the reader's span across
    two cells) and "What is the default value of retries?" "Option" (a break-it helper's README,
    session 50): the table's rules were read as its header. The word before a name the question
    quotes ("default timeout") is the column asked, not the name's kind ("action A2")."""
    from tests.helpers import assert_short_answers, assistant_over

    assistant = assistant_over(tmp_path, {"opts.rst": OPTIONS_RST})
    assert_short_answers(
        assistant,
        [("What is the default timeout?", "30"), ("What is the default value of retries?", "5")],
    )
