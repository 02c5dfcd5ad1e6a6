"""Table lookups (rag/answer/lookup.py) through a real index, the real MiniLM and the reader:
a staff directory of 80 rows (longer than a passage) in Markdown, a timetable in HTML and a
budget in Word."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from rag.assistant import Assistant
from tests.helpers import assert_short_answers, assistant_over, assistant_over_page

FIRST = ["Anna", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca"]
LAST = ["Weber", "Diaz", "Novak", "Okafor", "Lind", "Brandt", "Moreau", "Sato", "Kowalski", "Haddad"]
DEPARTMENTS = ["Finance", "Logistics", "Legal", "Research", "Sales", "Support"]
OFFICES = ["Berlin", "Lyon", "Porto", "Gdansk", "Leeds", "Turin"]


def _directory() -> tuple[str, list[tuple[str, str, str, str, str]]]:
    rng = random.Random(7)
    names = list(dict.fromkeys(f"{first} {last}" for first in FIRST for last in LAST))
    rng.shuffle(names)
    rows = [
        (n, rng.choice(DEPARTMENTS), rng.choice(OFFICES), f"ext. {2000 + i * 7}", str(rng.randint(2009, 2024)))
        for i, n in enumerate(names[:80])
    ]
    lines = [
        "# Staff directory",
        "",
        "Everyone at Harrow & Vale, with their department, office, phone extension and the year they joined.",
        "",
        "| Name | Department | Office | Phone | Joined |",
        "|---|---|---|---|---|",
        *(f"| {' | '.join(r)} |" for r in rows),
    ]
    return "\n".join(lines) + "\n", rows


TIMETABLE = """<html><head><title>Dunmore line timetable</title></head><body>
<h1>Dunmore line timetable</h1>
<p>Trains on the Dunmore line run every day except public holidays. Tickets are sold on board.</p>
<table>
<tr><th>Departs</th><th>Destination</th><th>Platform</th><th>Arrives</th></tr>
<tr><td>07:12</td><td>Dunmore</td><td>4</td><td>08:03</td></tr>
<tr><td>07:42</td><td>Kilbride</td><td>2</td><td>08:40</td></tr>
<tr><td>08:15</td><td>Dunmore</td><td>6</td><td>09:02</td></tr>
</table></body></html>"""


def _budget() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Budget 2026", style="Title")
    d.add_paragraph("The board approved the budget on 12 March. Every department's figure is in euros.")
    t = d.add_table(rows=4, cols=3)
    for r, cells in enumerate(
        [
            ("Department", "Budget", "Head"),
            ("Marketing", "410,000", "Oskar Lind"),
            ("Research", "1,250,000", "Mira Holt"),
            ("Legal", "95,000", "Tove Brenner"),
        ]
    ):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    root = tmp_path_factory.mktemp("tables")
    corpus = root / "corpus"
    corpus.mkdir()
    directory, rows = _directory()
    (corpus / "staff.md").write_text(directory, encoding="utf-8")
    (corpus / "timetable.html").write_text(TIMETABLE, encoding="utf-8")
    (corpus / "budget.docx").write_bytes(_budget())
    return Assistant(corpus_dir=corpus, index_dir=root / "index"), rows


def _asked(assistant: Assistant, question: str):
    answer = assistant.ask(question)
    assert not answer.refused, question
    cited = answer.citations[0]
    text = assistant.document_text(cited.source)
    assert text[cited.start : cited.end] == cited.text
    return answer, text[cited.support_start : cited.support_end]


def test_each_column_of_a_long_markdown_table_is_looked_up_by_the_row_the_question_names(tables):
    """Rows from the table's start, middle and end (past several passages), each asked for each
    column in other words than its header's. Before: 6 of these 20 answered (rows cut after
    "ext.", the department asked and the office given, another Bruno's row quoted)."""
    assistant, rows = tables
    for name, department, office, phone, joined in (rows[3], rows[41], rows[78]):
        row = f"| {name} | {department} | {office} | {phone} | {joined} |"
        for question, cell in [
            (f"Which department does {name} work in?", department),
            (f"What is {name}'s phone extension?", phone),
            (f"In which year did {name} join?", joined),
            (f"Which office is {name} based in?", office),
        ]:
            answer, supporting = _asked(assistant, question)
            assert answer.short_answer == cell, question
            assert supporting == row, question
            assert answer.text.startswith(f"{cell} — {row}"), question


def test_a_row_of_an_html_table_and_of_a_word_table_is_looked_up(tables):
    assistant, _ = tables
    answer, supporting = _asked(assistant, "Which platform does the 07:42 train leave from?")
    assert answer.short_answer == "2"
    assert supporting.split("|")[1].strip() == "07:42"
    answer, supporting = _asked(assistant, "How big is the budget of the Research department?")
    assert answer.short_answer == "1,250,000"
    assert supporting == "| Research | 1,250,000 | Mira Holt |"


def test_no_lookup_when_the_question_names_no_row_whole_or_no_column(tables):
    """A first name alone names several rows, and a question about the document's prose names
    no column: the evidence and the reader answer as before (never a cell of a row they did not
    name)."""
    assistant, rows = tables
    answer = assistant.ask("When did the board approve the budget?")
    assert not answer.refused and "12 March" in answer.text
    # A lookup's answer carries no reader probability (rag.answer.lookup.answer_of); the
    # evidence's does.
    assert answer.confidence is not None
    first = rows[3][0].split()[0]
    assert sum(r[0].startswith(first + " ") for r in rows) > 1
    answer = assistant.ask(f"What is {first}'s phone extension?")
    assert answer.refused or answer.confidence is not None


RELEASES = """# Tessaly releases

| Version | Released | Codename |
|---|---|---|
| 3.0 | 2022-05-03 | Brightholm |
| 3.0.2 | 2022-07-27 |  |
| 3.1 | 2023-02-14 | Coldharbour |
"""


def test_a_cell_the_table_leaves_empty_is_a_refusal_saying_so(tmp_path):
    """ "What codename did the 3.0.2 release have?" was answered "Brightholm", 3.0's codename:
    the row it names has none."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "releases.md").write_text(RELEASES, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("What codename did the 3.0.2 release have?")
    assert answer.refused
    assert answer.notes == ["The table row the question names leaves “Codename” empty: | 3.0.2 | 2022-07-27 |  |"]
    assert assistant.ask("What codename did the 3.1 release have?").short_answer == "Coldharbour"


def test_a_row_named_with_no_column_is_read_for_the_kind_of_answer_asked(tables):
    """ "get in" names no column ("Arrives"); the question asks for a time, and the one time of
    the row the question does not quote is the answer."""
    assistant, _ = tables
    answer, supporting = _asked(assistant, "What time does the 07:42 train get in?")
    assert answer.short_answer == "08:40"
    assert supporting.split("|")[1].strip() == "07:42"


def test_a_header_row_names_columns_and_is_never_the_quoted_answer(tables):
    """ "| Department | Budget | Head |" holds every word of the question and states nothing."""
    assistant, _ = tables
    answer = assistant.ask("What is the budget of each department and its head?")
    assert not answer.refused
    assert all(c.supporting_text() != "| Department | Budget | Head |" for c in answer.citations)


def test_a_run_of_a_rows_cells_is_no_short_answer(tables):
    """The reader, bounded to the row, marked "Dunmore | 6 | 09:02" and it led the answer; the
    row is quoted whole instead."""
    assistant, _ = tables
    answer, supporting = _asked(assistant, "Tell me about the 08:15 train.")
    assert answer.short_answer is None
    assert supporting.split("|")[1].strip() == "08:15" and answer.text.startswith("| 08:15 |")


CONTACTS = """Supplier contacts

Kovac GmbH
Contact: Anja Kovac
Phone: +49 30 5550 1234
Email: anja@kovac.example
Account number: KV-88213

Lindqvist AB
Contact: Erik Lindqvist
Phone: +46 8 555 0199
Email: erik@lindqvist.example
Account number: LQ-10442
"""


def test_a_block_of_labelled_lines_is_looked_up_by_its_name_and_a_label(tmp_path):
    """Read as prose, "What is the phone number of Lindqvist AB?" quoted "Lindqvist AB" and
    nothing else, and "Who is the contact at Kovac GmbH?" gave "Anja"."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "contacts.txt").write_text(CONTACTS, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    for question, cell, quoted in [
        (
            "What is the phone number of Lindqvist AB?",
            "+46 8 555 0199",
            "Lindqvist AB\nContact: Erik Lindqvist\nPhone: +46 8 555 0199",
        ),
        ("Who is the contact at Kovac GmbH?", "Anja Kovac", "Kovac GmbH\nContact: Anja Kovac"),
        ("What is Erik Lindqvist's email address?", "erik@lindqvist.example", None),
    ]:
        answer, supporting = _asked(assistant, question)
        assert answer.short_answer == cell, question
        assert supporting.endswith(cell) and (quoted is None or supporting == quoted), question


SPECS = """Orvella speakers

Orvella Model S
Weight: 780 g
Price: 129 EUR
Owner: Product team A

Orvella Model S Max
Weight: 1.45 kg
Price: 199 EUR
Owner: Product team B
"""


def test_a_record_named_in_part_is_the_one_whose_name_the_question_holds_most_of(tmp_path):
    """ "Model S" is two of the three words of "Orvella Model S" and two of the four of "Orvella
    Model S Max"; "owns" asks for "Owner" ("own" with an ending)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "specs.txt").write_text(SPECS, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    for question, cell in [
        ("What is the price of the Model S?", "129 EUR"),
        ("What is the price of the Model S Max?", "199 EUR"),
        ("Who owns the Model S Max?", "Product team B"),
    ]:
        answer, supporting = _asked(assistant, question)
        assert answer.short_answer == cell, question


def test_a_column_no_word_names_is_found_by_meaning_and_none_when_none_is_near(tmp_path):
    """ "How heavy …?" names no label, and is nearest "Weight" by far (MiniLM: 0.6 against 0.3);
    a fax number is near no label, and no cell answers for it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "specs.txt").write_text(SPECS, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer, _ = _asked(assistant, "How heavy is the Model S Max?")
    assert answer.short_answer == "1.45 kg"
    answer = assistant.ask("What is the fax number of the Model S Max?")
    assert answer.refused or answer.confidence is not None  # not a lookup (lookup.answer_of)


def test_a_label_the_named_record_lacks_and_its_list_has_is_a_refusal_saying_so(tmp_path):
    """ "What is Marlowe Finishes' email address?" was answered with the e-mail of the record
    above it: Marlowe's has none, the others of the list have one. The list's own header block
    is no record of the list, and a label the record has is not lacking."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (
        "Supplier contacts\nUpdated: 2 April 2025\nOwner: purchasing office\n\n"
        + CONTACTS.split("\n\n", 1)[1]
        + "\nMarlowe Finishes\nContact: Ada Marlowe\nPhone: +44 20 5550 0101\n"
    )
    (corpus / "contacts.txt").write_text(text, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("What is Marlowe Finishes' email address?")
    assert answer.refused
    assert answer.notes == ["The record the question names has no “Email”: Marlowe Finishes"]
    answer, _ = _asked(assistant, "Which supplier has the phone number +46 8 555 0199?")
    # The record the value names, by its name line, quoted down to the value (it was answered with
    # the "Account number" column, which the question's "number" named).
    assert answer.short_answer == "Lindqvist AB" and "+46 8 555 0199 [1]" in answer.text, answer.text


RECALL = """# Kestrel kettle recall

Tovemark is recalling some Kestrel cordless kettles because the power base can overheat.

| Model | Product | Serial numbers | What to do |
|---|---|---|---|
| KT-170W | Kestrel 1.7 litre cordless kettle, white gloss finish | 2403A0001 to 2403A8750 | Stop using it; free replacement |
| KT-170B | Kestrel 1.7 litre cordless kettle, black gloss finish | 2403B0001 to 2403B6200 | Stop using it; free replacement |
| TS-220W | Kestrel two slice toaster, white | not affected | No action needed |
| KT-150S | Kestrel Compact 1.5 litre cordless kettle with steel body | 2404S0001 to 2404S3125 | Stop using it; full refund |
"""


def test_a_word_every_row_holds_names_no_row(tmp_path):
    """ "Kestrel" is the brand of every row; it is a short cell's first word only in the
    toaster's row (the kettles' descriptions are too long to be names), which it had named: the
    black kettle's serial numbers were "not affected". The toaster named by more than its brand
    is still looked up."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "recall.md").write_text(RECALL, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Which serial numbers of the black gloss Kestrel kettle are being recalled?")
    assert answer.short_answer == "2403B0001 to 2403B6200"
    answer, _ = _asked(assistant, "What should I do with my Kestrel two slice toaster?")
    assert answer.short_answer == "No action needed"


STAFF = """# Ward 7 staff

| Name | Role | Extension |
|---|---|---|
| Ms Wendy Whitlow | Deputy Ward Manager | 4502 |
| Mr Tobias Enright | Ward Clerk | 4506 |
| Dr Yusuf Rahmani | Consultant | 4425 |
"""

APPLICATIONS = """# Planning applications

| Reference | Site address | Decision due |
|---|---|---|
| 25/0323/FUL | Former Bus Depot, Quarry Road | 9 May 2025 |
| 25/0327/FUL | Whitlow Quarry, Greyford Road | 12 May 2025 |
| 25/0328/HOU | Beck House, Ferry Lane | 12 May 2025 |
"""


def test_a_part_of_a_name_does_not_name_a_record_when_the_question_names_more(tmp_path):
    """ "Whitlow" is part of "Ms Wendy Whitlow", but the question's name is "Whitlow Quarry":
    her row had answered with her extension."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "staff.md").write_text(STAFF, encoding="utf-8")
    (corpus / "applications.md").write_text(APPLICATIONS, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("When is the decision due on the Whitlow Quarry application?")
    assert answer.short_answer != "4502"
    assert not answer.citations[0].supporting_text().startswith("| Ms Wendy Whitlow")


SURNAMES_FIRST = """# Ward 7 staff

| Name | Role | Extension |
|---|---|---|
| Jones, Harriet | Ward Manager | 4502 |
| Evans, Harriet | Ward Clerk | 4506 |
| Jones, Tobias | Porter | 4510 |
| Rahmani, Yusuf | Consultant | 4425 |
| Okafor, Grace | Staff Nurse | 4511 |
"""


def test_a_possessive_beside_the_quoted_run_is_the_name_without_its_s(tmp_path):
    """A directory that writes "Jones, Harriet": the question's "Harriet" is the quoted run and
    "Jones's" the name beside it. Stripping the possessive as a character set had left "Jone",
    which the cell does not hold, so the row was not named (the evidence then answered, right
    here, but with no lookup behind it)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "staff.md").write_text(SURNAMES_FIRST, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    for question, name, extension in [
        ("What is Harriet Jones's extension?", "Jones, Harriet", "4502"),
        ("What is Harriet Evans' extension?", "Evans, Harriet", "4506"),
    ]:
        answer = assistant.ask(question)
        assert answer.short_answer == extension
        assert answer.citations[0].supporting_text().startswith(f"| {name}")
        assert answer.confidence is None  # the lookup's answer (lookup.answer_of), not the evidence's


PRICES = """# Trade price list

| Code | Product | Pack | Price | Discount |
|---|---|---|---|---|
| BH-1032 | Bread knife, 25 cm serrated blade | each | €29.80 |  |
| BH-1040 | Convection oven, 4 trays, 230 V | each | €1,480.00 | 8% |
| BH-1041 | Oven stand with tray runners | each | €312.00 | 8% |
| BH-1071 | Nitrile gloves, blue, size M | box of 100 | €6.40 | 0% |
| TA-210 | Spare battery 2.0 kWh | Tern 6 | €980 | 5% |
| TA-530 | Spare battery 5.3 kWh | Tern 10 | €2,150 | 5% |
"""


def test_a_row_the_evidence_quotes_is_read_for_its_one_cell_of_the_kind_asked(tmp_path):
    """ "four-tray convection oven" quotes no cell of the oven's row (no lookup), the evidence
    quotes the row, and the reader had read "230 V" of its description for an amount; the
    row's one amount is its price."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "prices.md").write_text(PRICES, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("How much is the four-tray convection oven?")
    assert answer.short_answer == "€1,480.00"
    assert answer.citations[0].supporting_text().startswith("| BH-1040 |")


@pytest.mark.unit
@pytest.mark.parametrize(
    "question, row, cell",
    [
        ("How much is the four-tray convection oven?", "BH-1040", "€1,480.00"),
        ("How much is a spare battery for the Tern 10?", "TA-530", "€2,150"),
        # The evidence quoted Tern 6's row for it: a number the row lacks, no cell of it.
        ("How much is a spare battery for the Tern 10?", "TA-210", None),
        ("What percentage discount is there on the Tern 6 battery?", "TA-210", "5%"),
        ("Which pack do the gloves come in?", "BH-1071", None),  # no kind a cell shows by its form
    ],
)
def test_the_one_cell_of_the_kind_asked_in_a_row_that_holds_the_questions_numbers(question, row, cell):
    from rag.answer.lookup import typed_column
    from rag.text.tables import row_at

    found = row_at(PRICES, PRICES.index(f"| {row} |"))
    column = typed_column(question, found, PRICES)
    assert (None if column is None else PRICES[slice(*found.cells[column])]) == cell


def test_columns_the_question_names_alike_are_told_apart_by_the_kind_asked(tmp_path):
    """ "Express rate" and "Express delivery" share "express": the tie went to no column and the
    reader gave the standard rate ($12.50) for express shipping to Canada (a break-it helper's
    shipping page). The rate is the money asked for, the delivery the time."""
    shipping = (
        "# Shipping rates\n\n"
        "| Destination | Standard rate | Standard delivery | Express rate | Express delivery |\n"
        "|---|---|---|---|---|\n"
        "| United States | $5.95 | 3–5 business days | $19.95 | 1–2 business days |\n"
        "| Canada | $12.50 | 5–8 business days | $34.00 | 2–3 business days |\n"
        "| Mexico | $15.00 | 7–10 business days | $39.00 | 3–4 business days |\n"
        "| United Kingdom | $22.00 | 8–12 business days | $49.00 | 4–5 business days |\n"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "shipping.md").write_text(shipping, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    assert assistant.ask("How much is express shipping to Canada?").short_answer == "$34.00"
    assert assistant.ask("How much is standard shipping to Mexico?").short_answer == "$15.00"
    # An acronym the passages found spell out names what they hold: refused as "UK" before.
    answer = assistant.ask("How much is standard shipping to the UK?")
    assert not answer.refused and "United Kingdom" in answer.citations[0].supporting_text()


# A break-it helper's invented shop FAQ.
FAQ = (
    "# Brightwave Home Hub — Product FAQ\n"
    "\n"
    "Welcome to the Brightwave support FAQ. Brightwave makes the Home Hub smart-home controller and the companion Brightwave app.\n"
    "\n"
    "## Plans and pricing\n"
    "\n"
    "Brightwave offers three subscription plans:\n"
    "\n"
    "| Plan | Price | Devices | Cloud video history |\n"
    "|------|-------|---------|---------------------|\n"
    "| Basic | $4.99/month | up to 10 devices | none |\n"
    "| Pro | $9.99/month | up to 50 devices | 30 days |\n"
    "| Business | $24.99/month | unlimited devices | 90 days |\n"
    "\n"
    "Annual billing saves 20% on every plan. The Basic plan has no free trial; Pro and Business include a 14-day free trial. You can switch plans at any time from Settings > Billing, and the change takes effect at the start of the next billing cycle.\n"
    "\n"
    "## Warranty\n"
    "\n"
    "Every Home Hub comes with a 2-year limited warranty from the date of purchase. The warranty covers manufacturing defects and hardware failure under normal use. It does not cover water damage, drops, or units that have been opened or modified. Business plan customers get an extended 3-year warranty at no extra cost. To make a warranty claim, email warranty@brightwave.example with your order number and a short description of the fault.\n"
    "\n"
    "## Returns\n"
    "\n"
    "You can return any unopened item within 30 days of delivery for a full refund. Opened items can be returned within 14 days, but a 15% restocking fee applies. Refunds are issued to the original payment method within 5–7 business days after we receive the item. Gift cards and downloadable software are non-refundable.\n"
    "\n"
    "## How do I reset my password?\n"
    "\n"
    "1. Open the Brightwave app and tap **Sign in**.\n"
    "2. Tap **Forgot password?** under the password field.\n"
    "3. Enter the email address linked to your account.\n"
    "4. Open the reset email and tap the link within 60 minutes.\n"
    "5. Choose a new password of at least 12 characters.\n"
    "\n"
    "If you don't receive the email within 10 minutes, check your spam folder or contact support.\n"
    "\n"
    "## Contact\n"
    "\n"
    "Support is available Monday to Friday, 8am to 6pm Eastern Time, at support@brightwave.example or by phone at 1-800-555-0142.\n"
)


def test_a_row_that_names_nothing_the_question_names_does_not_answer_for_it(tmp_path):
    """ "What is the warranty on the Smart Plug?" over a product list with no warranty column was
    answered "115", the Door Sensor's stock: the reader, unsure of the evidence's answer, read
    the passage of rows as prose and was sure of another row (a break-it helper's shop)."""
    products = (
        "name,sku,price,stock\nHome Hub,BW-HUB-01,129.00,42\nMotion Sensor,BW-MS-02,24.99,0\n"
        "Door Sensor,BW-DS-03,19.99,115\nSmart Plug,BW-SP-04,14.99,8\nIndoor Camera,BW-CAM-05,79.00,0\n"
    )
    assistant = assistant_over(tmp_path, {"products.csv": products, "faq.md": FAQ})
    answer = assistant.ask("What is the warranty on the Smart Plug?")
    assert not any("Door Sensor" in c.supporting_text() for c in answer.citations)
    assert answer.refused or answer.short_answer != "115"
    assert assistant.ask("How many Smart Plugs are in stock?").short_answer == "8"


def test_a_plain_text_tables_header_over_its_rule_is_never_quoted(tmp_path):
    """ "At what age is the HPV vaccine given?" was answered with the header "Age | Vaccine(s) |
    How given" of a table printed as psql prints one (a rule of dashes joined by "+" under it), a
    break-it helper's vaccination schedule: the header holds the question's words and states
    nothing. A row answers."""
    schedule = (
        "Routine childhood schedule\n\n"
        "Age            | Vaccine(s)                      | How given\n"
        "---------------+---------------------------------+-----------\n"
        "8 weeks        | 6-in-1 (dose 1), MenB (dose 1)  | Injection x2\n"
        "1 year         | MMR (dose 1), PCV booster       | Injection x2\n"
        "12 to 13 years | HPV (single dose)               | Injection\n"
    )
    assistant = assistant_over(tmp_path, {"schedule.txt": schedule})
    answer = assistant.ask("At what age is the HPV vaccine given?")
    quoted = answer.citations[0].supporting_text()
    assert not quoted.startswith("Age ") and "HPV" in quoted, answer.text


LEAVE_POLICY = """# Leave policy

## Annual leave

Full-time employees receive annual leave according to their completed years of continuous
service, as set out below.

| Completed years of service | Annual leave (working days) |
|---|---|
| Less than 2 years | 22 |
| 2 to 4 years | 24 |
| 5 to 9 years | 26 |
| 10 years or more | 28 |

## Sick pay

| Length of service | Full pay | Half pay |
|---|---|---|
| Under 1 year | 2 weeks | 2 weeks |
| 1 to 5 years | 8 weeks | 8 weeks |
| Over 5 years | 13 weeks | 13 weeks |
"""


def test_a_row_is_named_by_the_band_that_holds_the_questions_quantity(tmp_path):
    """ "… with 15 years of service" quotes no cell; it was answered from the "5 to 9 years" row,
    and "… with 1 year of service" from the sick-pay table's "Under 1 year" (a break-it
    helper's handbook). The band that holds the quantity names the row, in the table with a
    column the question asks for."""
    assistant = assistant_over(tmp_path, {"leave.md": LEAVE_POLICY})
    for question, cell, band in [
        ("How many days of annual leave does an employee with 15 years of service get?", "28", "10 years or more"),
        ("How many days of annual leave does an employee with 1 year of service get?", "22", "Less than 2 years"),
        ("How many days of annual leave does an employee with 7 years of service get?", "26", "5 to 9 years"),
        ("How many weeks of full sick pay does an employee with 3 years of service get?", "8 weeks", "1 to 5 years"),
        # The question writes the band itself: its row, not the one whose band holds 5.
        (
            "How many weeks of full sick pay does an employee with over 5 years of service get?",
            "13 weeks",
            "Over 5 years",
        ),
    ]:
        answer = assistant.ask(question)
        assert answer.short_answer == cell, (question, answer.text)
        assert answer.citations[0].supporting_text().startswith(f"| {band} |"), question


SCHEDULE = """# STAT 2040: Regression Analysis

## Weekly schedule

| Week | Dates | Topic | Due |
|---|---|---|---|
| 7 | 24–28 Feb | Review; midterm exam on Wednesday 26 February | |
| 8 | 10–14 Mar | Logistic regression | Project proposal |
| 9 | 17–21 Mar | Poisson regression and count data | Problem set 4 |

## Absence

| Length of absence | Make-up work |
|---|---|
| 1 to 5 days | 8 weeks to hand it in |
"""


def test_a_row_is_named_by_a_short_cell_written_after_its_column(tmp_path):
    """A cell of one character is never quoted alone; "week 8" writes it after its column's name
    ("Week"). The question named no row and was refused, or the row of another table whose
    "8 weeks" holds the number (a break-it helper's syllabus)."""
    assistant = assistant_over(tmp_path, {"syllabus.md": SCHEDULE})
    assert_short_answers(
        assistant,
        [
            ("What topic is covered in week 8 of STAT 2040?", "Logistic regression"),
            ("What are the dates of week 9?", "17–21 Mar"),
        ],
    )


MINUTES = """# Board meeting, 18 March 2025

## Action items

| No. | Action | Owner | Due date | Status |
|---|---|---|---|---|
| A1 | Circulate the revised repairs policy to the tenants' panel | Daniel Fairbrother | 4 April 2025 | Open |
| A2 | Obtain two further quotes for the Ashdown House solar panels | Tomasz Nowak | 30 April 2025 | Open |
| A3 | Add damp and mould to the risk register | Priya Shah | 11 April 2025 | Done |
| A4 | Arrange a site visit to Elm Court for board members | Grace Adeyemi | 16 May 2025 | Open |
"""

GYM_FAQ = """PulseFit membership FAQ

What are the opening hours?
Monday to Friday: 6:00 am to 10:00 pm.
Saturday: 8:00 am to 8:00 pm.
Sunday: 8:00 am to 6:00 pm.
"""


def test_the_word_before_a_rows_key_names_the_row_not_a_column(tmp_path):
    """ "When is action A2 due?" read "action" as the "Action" column and answered with the
    action's text; "What is the status of action A4?" named a FAQ's block by its "What are the
    opening hours?" (the question's own first word) over A4's row (a break-it helper's board
    minutes beside a gym's FAQ)."""
    assistant = assistant_over(tmp_path, {"minutes.md": MINUTES, "faq.txt": GYM_FAQ})
    assert_short_answers(
        assistant,
        [
            ("When is action A2 due?", "30 April 2025"),
            ("What is the status of action A3?", "Done"),
            ("Who owns action A4?", "Grace Adeyemi"),
        ],
    )


GYM_PRICES = """# PulseFit memberships

| Tier | Price per month | Minimum term | Includes |
|---|---|---|---|
| Off-peak | £19.99 | 1 month | Gym floor before 4 pm on weekdays |
| Standard | £34.99 | 1 month | Gym floor and classes |
| Premium | £49.99 | 3 months | Everything, unlimited classes, sauna |
"""

POLICY = """Hearthstone home insurance: policy summary

Policy number HH-2025-448913. Annual premium: £612.40 including Insurance Premium Tax, or 12 monthly
payments of £53.12.

Cover limits

| Section | Limit | Notes |
|---|---|---|
| Buildings | £450,000 | Rebuild cost of the main house, garage and outbuildings |
| Contents | £75,000 | Household goods and personal belongings in the home |
"""


def test_a_row_named_by_a_common_word_answers_only_what_it_holds(tmp_path):
    """ "How much is the annual premium?" was answered "£49.99", the gym's Premium tier, over a
    home insurance policy that says "Annual premium: £612.40"; "What is the annual premium for the
    home insurance?" with the tier's "Includes" cell (a break-it helper's documents). A row named
    only by a common word the question writes in lower case answers when its cells and column
    names hold every word the question asks about."""
    assistant = assistant_over(tmp_path, {"gym.md": GYM_PRICES, "policy.txt": POLICY})
    assert_short_answers(
        assistant,
        [
            ("How much is the annual premium?", "£612.40"),
            ("What is the annual premium for the home insurance?", "£612.40"),
            ("How much is the premium membership per month?", "£49.99"),
            ("What is the minimum term of the Premium tier?", "3 months"),
            # "cover" is in the line over the table, which the row's words include.
            ("What is the buildings cover limit?", "£450,000"),
        ],
    )


BUDGET = """## Budget by quarter

Lumora Analytics Ltd — Operating budget FY2025 (GBP)

| Department | Q1 | Q2 | Q3 | Q4 | Total FY2025 |
|---|---|---|---|---|---|
| Engineering | £612,000 | £634,500 | £648,000 | £671,200 | £2,565,700 |
| Sales | £298,400 | £305,000 | £321,750 | £344,900 | £1,270,050 |
| Marketing | £142,000 | £188,500 | £131,250 | £205,000 | £666,750 |
| Customer Support | £118,300 | £121,000 | £124,600 | £127,900 | £491,800 |
| Finance | £76,500 | £74,800 | £79,200 | £88,000 | £318,500 |
| HR | £54,200 | £58,900 | £55,400 | £61,700 | £230,200 |
| Total | £1,301,400 | £1,382,700 | £1,360,200 | £1,498,700 | £5,543,000 |

Assumptions
Budget approved by the executive team on 14 January 2025; figures exclude VAT.
Salary increases of 3.5% are assumed from 1 April 2025.
Marketing Q2 and Q4 include the spring and autumn trade show campaigns.
Prepared by Hannah Kowalski, Head of Finance.

## Headcount

Headcount plan FY2025

| Department | Headcount at 31 Mar 2025 | Planned at 31 Dec 2025 | Open roles | Contractors | Head of department |
|---|---|---|---|---|---|
| Engineering | 42 | 49 | 7 | 5 | Ana Ribeiro |
| Sales | 18 | 22 | 4 | 0 | Callum Fraser |
| Marketing | 9 | 10 | 1 | 2 | Mei Tanaka |
| Customer Support | 15 | 16 | 1 | 3 | Oluwaseun Bello |
| Finance | 6 | 6 | 0 | 1 | Hannah Kowalski |
| HR | 4 | 5 | 1 | 0 | Leo Marchetti |
| Total | 94 | 108 | 14 | 11 |  |
"""


def test_rows_named_alike_are_told_apart_by_the_columns_asked(tmp_path):
    """A department's row in the budget table and in the headcount table: "What is the Marketing
    budget for Q2?" named both alike, no lookup answered, and the line under the table gave Q1's
    figure (a break-it helper's workbook, its two sheets as the assistant reads them)."""
    assistant = assistant_over(tmp_path, {"budget.md": BUDGET})
    assert_short_answers(
        assistant,
        [
            ("What is the Marketing budget for Q2?", "£188,500"),
            ("How many open roles does Marketing have?", "1"),
            ("Who is the head of department for Sales?", "Callum Fraser"),
        ],
    )


SUPPLIERS = """# Suppliers

| Supplier | Contact | Phone |
|---|---|---|
| Ovenworks Ltd | Gareth Pryce | +44 29 2046 1180 |
| Brightpan GmbH | Lena Vogt | +49 30 5550 2201 |
"""


def test_a_who_question_naming_a_row_in_part_is_answered(tmp_path):
    """ "Who should I talk to at Ovenworks?" names "Ovenworks Ltd" in part; the record's-name
    answer took the cells the question quotes whole, found none, and raised ValueError (found by
    the development set eval/probes/formats)."""
    assistant = assistant_over(tmp_path, {"suppliers.md": SUPPLIERS})
    answer = assistant.ask("Who should I talk to at Ovenworks?")
    assert not answer.refused and "Gareth Pryce" in answer.text, answer.text
    assert assistant.ask("Which supplier has the phone number +49 30 5550 2201?").short_answer == "Brightpan GmbH"


INFOBOX = """<html><head><title>Harlow Instruments</title></head><body>
<h1>Harlow Instruments</h1>
<table class="infobox"><caption>Harlow Instruments Ltd</caption>
<tr><th>Type</th><td>Private company</td></tr>
<tr><th>Industry</th><td>Scientific instruments</td></tr>
<tr><th>Founded</th><td>14 March 1962</td></tr>
<tr><th>Founder</th><td>Edith Harlow</td></tr>
<tr><th>Headquarters</th><td>Cambridge, England</td></tr>
</table>
<p>Harlow Instruments Ltd is a British manufacturer of laboratory balances and spectrometers. The
company was started in a garage in Cambridge and grew quickly during the 1970s, when it won its
first contract with the Medical Research Council.</p>
<p>In 1988 the company opened a second factory in Leeds. Its spectrometers are sold in more than
forty countries.</p>
</body></html>"""


def test_an_infobox_field_answers_when_its_caption_stands_in_another_passage(tmp_path):
    """An HTML infobox is read as "- Label: value" items under its caption, and the caption came
    to stand in a passage of its own: the lookup quoted the block from the caption, outside the
    field's passage, and gave up. "What industry is Harlow Instruments in?" got no short answer,
    "Where is Harlow Instruments headquartered?" the paragraph's "British manufacturer …"
    (session 50). The value's own line is quoted."""
    assistant = assistant_over(tmp_path, {"harlow.html": INFOBOX})
    assert_short_answers(
        assistant,
        [
            ("What industry is Harlow Instruments in?", "Scientific instruments"),
            ("Where is Harlow Instruments headquartered?", "Cambridge, England"),
            ("What type of company is Harlow Instruments?", "Private company"),
        ],
    )
    answer = assistant.ask("Where is Harlow Instruments headquartered?")
    assert [c.supporting_text() for c in answer.citations] == ["- Headquarters: Cambridge, England"]


MEMO = """MEMO
To: All staff
From: Jane Roe, Facilities Manager
Date: 3 May 2025
Subject: Office move to Cobalt House

The office move to Cobalt House will take place on Saturday 14 June 2025. Movers from Brightvan
Removals will arrive at 08:00. Please pack your desk by Friday 13 June.
"""


def test_a_messages_subject_does_not_name_its_header_block(tmp_path):
    """ "When is the office move to Cobalt House?" named the memo's header block by its "Subject:"
    line and was answered with the memo's own "Date: 3 May 2025" (a break-it helper's memo,
    session 50). A subject says what a message is about, not which record it is."""
    assistant = assistant_over(tmp_path, {"memo.txt": MEMO})
    assert_short_answers(
        assistant,
        [
            ("When is the office move to Cobalt House?", "Saturday 14 June 2025"),
            ("What is the subject of the memo?", "Office move to Cobalt House"),
        ],
    )


DATA_SHEET = """# Kestrel KX-40 Industrial Ethernet Switch — Data Sheet

Manufacturer: Brindlecourt Networks
Document revision: D (March 2025)

The Kestrel KX-40 is an unmanaged 8-port industrial Ethernet switch for DIN-rail mounting in
control cabinets.

## Specifications

Ports: 8 × 10/100/1000BASE-T RJ45, 2 × 1G SFP
Switching capacity: 20 Gbit/s
Power consumption: 7.8 W maximum
Operating temperature: −40 °C to +75 °C
Weight: 610 g
MTBF: 412,000 hours (Telcordia SR-332)
"""


def test_a_block_of_fields_with_no_name_line_is_named_by_its_documents_title(tmp_path):
    """ "What is the power consumption of the Kestrel KX-40?" was answered "8" from the sheet's
    "The Kestrel KX-40 is an unmanaged 8-port …", "How much does the Kestrel KX-40 weigh?" "8"
    too: the "Specifications" lines name no product, the title does (a break-it helper's data
    sheet, session 50). The value's own line is quoted."""
    assistant = assistant_over(tmp_path, {"kestrel_datasheet.md": DATA_SHEET})
    assert_short_answers(
        assistant,
        [
            ("What is the power consumption of the Kestrel KX-40?", "7.8 W maximum"),
            ("How much does the Kestrel KX-40 weigh?", "610 g"),
            ("Who manufactures the Kestrel KX-40?", "Brindlecourt Networks"),
        ],
    )
    answer = assistant.ask("What is the power consumption of the Kestrel KX-40?")
    assert [c.supporting_text() for c in answer.citations] == ["Power consumption: 7.8 W maximum"]


def test_a_tables_row_is_not_named_by_its_documents_title(tmp_path):
    """Only a block of fields with no name line is named by the title: a lone row of an
    accessories table under the data sheet's title answered "What is the price of the Kestrel
    KX-40?" as a lookup, sure and unmarked (its first version, session 50). The evidence may
    still quote the row, marked unsure."""
    sheet = DATA_SHEET + "\n## Accessories\n\n| Part | Price |\n|---|---|\n| DIN-rail clip | EUR 4.50 |\n"
    assistant = assistant_over(tmp_path, {"kestrel_datasheet.md": sheet})
    answer = assistant.ask("What is the price of the Kestrel KX-40?")
    assert answer.short_answer != "EUR 4.50" or "Unsure" in " ".join(answer.notes), answer.text


POLICY_SCHEDULE = """# Brackenmoor Mutual Home Insurance — Policy Schedule

Please check the details below carefully and tell us within 14 days if anything is wrong.

## Policy details

| Field | Details |
|---|---|
| Policy number | BMH-7740-2291-K |
| Policyholder | Mrs Ilse Varrow-Penhallow |
| Period of insurance | From 12 March 2025 to 11 March 2026 (both dates inclusive) |

## Making a claim

To make a claim, call our 24-hour claims line on 0800 414 7702 and quote your policy number.
"""


def test_a_label_a_table_of_two_columns_holds_is_answered_with_its_value(tmp_path):
    """ "What's my home insurance policy number?" was answered with the claims line's phone
    number, "… and quote your policy number": the question names the row's label, and no column
    of "| Field | Details |" (a break-it helper's insurance schedule, session 51)."""
    assistant = assistant_over(tmp_path, {"schedule.md": POLICY_SCHEDULE})
    assert_short_answers(
        assistant,
        [
            ("What's my home insurance policy number?", "BMH-7740-2291-K"),
            ("Who is the policyholder?", "Mrs Ilse Varrow-Penhallow"),
        ],
    )


BOOKING_PAGE = """Your booking is confirmed
Dear Jonas,
Thank you for choosing Hotel Saltmarsh Quay. Your reservation details are below.
- Confirmation number: SQ-58210473
- Check-in: Friday 23 May 2025, from 3:00 pm
- Check-out: Monday 26 May 2025, by 11:00 am
- Nights: 3
Good to know
- Breakfast is served in the Quayside Room from 7:00 to 10:30 am.
- Early check-in from 12:00 noon can be requested for €30, subject to availability.
- Parking: our underground garage costs €18 per 24 hours and must be booked in advance.
""" + "".join(f"- Note {i}: please read our house rules before you arrive.\n" for i in range(30))


def test_a_field_the_question_names_by_its_label_answers_in_a_page_without_blank_lines(tmp_path):
    """ "What time can we check in at Hotel Saltmarsh Quay?" was answered "12:00 noon" from the
    early check-in line: a page read from HTML has no blank lines, and its fields stood in one
    block of 40 lines with the rest, no record (a break-it helper's booking confirmation, session
    51)."""
    assistant = assistant_over(tmp_path, {"booking.md": BOOKING_PAGE})
    answer = assistant.ask("What time can we check in at Hotel Saltmarsh Quay?")
    assert "3:00 pm" in answer.short_answer, answer.text
    assert answer.citations[0].supporting_text().endswith("- Check-in: Friday 23 May 2025, from 3:00 pm")
    assert "11:00 am" in assistant.ask("What time is check-out?").short_answer


PROGRAMME = """# NORDGEO 2025 programme

| Day | Start | Room | Session | Title | Speaker | Affiliation |
|---|---|---|---|---|---|---|
| Wed | 09:15 | Aurora Hall | Keynote 1 | Mapping permafrost from space | Prof. Halvard Skjeldrup | University of Tromsholm |
| Wed | 10:45 | Room Fjell | S1 Remote sensing | Sea-ice lead detection | Dr. Amira Kowalczyk | Baltic Polar Institute |
| Thu | 09:00 | Aurora Hall | Keynote 2 | Foundation models for Earth observation | Dr. Lucía Ferreira-Nunes | Instituto Geográfico |
| Fri | 09:00 | Aurora Hall | Keynote 3 | Geodata and the public | Ingrid Solheim-Berg | Kartverket Nord |
"""


def test_a_row_named_by_its_ordinal_and_a_who_question_read_from_its_person_column(tmp_path):
    """ "Who gives the first keynote at NORDGEO 2025?" was answered with Keynote 2's speaker:
    "first" named no "Keynote 1", and the named row's speaker was not read for "who" ("Aurora
    Hall"), a break-it helper's conference programme, session 51."""
    assistant = assistant_over(tmp_path, {"programme.md": PROGRAMME})
    assert_short_answers(
        assistant,
        [
            ("Who gives the first keynote at NORDGEO 2025?", "Prof. Halvard Skjeldrup"),
            ("Who gives the third keynote?", "Ingrid Solheim-Berg"),
            ("What is the title of the second keynote?", "Foundation models for Earth observation"),
        ],
    )


SOP = """STANDARD OPERATING PROCEDURE

Title:            Microwave-assisted acid digestion of soil samples
SOP number:       SOP-CHEM-014
Revision:         5
Owner:            Dr. Marguerite Oyelaran-Finch (Lab Manager)
Approved by:      Prof. Stellan Ruokonen (Head of Department)

1. PURPOSE

This procedure describes the safe digestion of dried soil samples in nitric acid.
"""


def test_who_did_what_to_a_coded_record_reads_the_column_its_verb_names(tmp_path):
    """ "Who approved SOP-CHEM-014?": "approved", the word before the code, was taken for the
    code's kind ("action A2") and dropped, and the owner answered; "Who owns …?" the title (a
    break-it helper's procedure, session 51)."""
    assistant = assistant_over(tmp_path, {"sop.txt": SOP})
    assert_short_answers(
        assistant,
        [
            ("Who approved SOP-CHEM-014?", "Prof. Stellan Ruokonen (Head of Department)"),
            ("Who owns SOP-CHEM-014?", "Dr. Marguerite Oyelaran-Finch (Lab Manager)"),
        ],
    )


REPLY = """Hi all,

Quick correction to my note below: the venue changes to Meeting Room Juniper.

Please send me your updated drawings by Friday 21 March instead.

Priya

-----Original Message-----
From: Priya Lindqvist
Sent: Monday, 3 March 2025 16:02
To: Design Team
Subject: Harbourview tower - design review date

> Please send me your drawings by Friday 14 March.
"""


def test_a_quoted_messages_header_is_not_the_block_a_label_names(tmp_path):
    """ "By when must updated drawings be sent …?" names the quoted original's "Sent:" line by
    its verb, and was answered with the day the original was sent (the first version of the
    labelled block's lookup, session 51)."""
    assistant = assistant_over(tmp_path, {"reply.txt": REPLY})
    answer = assistant.ask("By when must updated drawings be sent for the Harbourview review?")
    assert answer.short_answer == "Friday 21 March", answer.text


JOB_ADVERT = """Senior Data Analyst
Help us use data to make 14,000 homes safer, warmer and better run.
Reference: LHH-2025-114
Location: Marlow Quay office (hybrid: 2 days a week in the office, the rest from home)
Salary: £46,200 – £51,900 per annum (Grade 8)
Closing date: Sunday 18 January 2026 at 23:59
What we offer
- Life assurance at three times salary.
- A pension with employer contributions of up to 9% of salary.
""" + "".join(f"- Benefit {i}: ask us about it at interview.\\n" for i in range(30))


def test_what_is_the_label_asks_for_a_fields_value_in_a_page_without_blank_lines(tmp_path):
    """ "What is the salary for the senior data analyst job?" was answered "three times salary"
    from the benefits list: "Salary" is what "What is the …" asks for (a break-it helper's job
    advert, session 51)."""
    assistant = assistant_over(tmp_path, {"advert.md": JOB_ADVERT})
    assert_short_answers(
        assistant,
        [
            ("What is the salary for the senior data analyst job?", "£46,200 – £51,900 per annum (Grade 8)"),
            ("What's the closing date?", "Sunday 18 January 2026 at 23:59"),
        ],
    )


EXAMS = """Module Code,Module Title,Exam Type,Date,Day,Start,Duration (mins),Venue,Room,Candidates
CHEM2043,Organic Reaction Mechanisms,Written,13/01/2026,Tue,09:30,120,Sports Centre,Main Hall,97
ECON2210,Econometrics I,Written,13/01/2026,Tue,09:30,120,Lindqvist Centre,LC Lecture Theatre 2,156
MATH2041,Linear Algebra,Written,14/01/2026,Wed,14:00,120,Sports Centre,Main Hall,131
"""


def test_a_column_a_word_names_gives_way_to_the_one_the_wh_word_asks_for(tmp_path):
    """ "When is the Organic Reaction Mechanisms exam?" named "Exam Type" by "exam", and was
    answered "Written"; "Where is the Econometrics I exam held?" too (a break-it helper's exam
    timetable, session 51)."""
    assistant = assistant_over(tmp_path, {"exams.csv": EXAMS})
    assert_short_answers(
        assistant,
        [
            ("When is the Organic Reaction Mechanisms exam?", "13/01/2026"),
            ("Where is the Econometrics I exam held?", "Lindqvist Centre"),
            ("What type of exam is Linear Algebra?", "Written"),
        ],
    )
    # A named column's empty cell says the record has none: no other column answers for it.
    register = (
        "| Asset | Item | Location | Last calibrated |\n|---|---|---|---|\n| CI-0951 | Pipette station | C.112 |  |\n"
    )
    (tmp_path / "register").mkdir()
    assistant = assistant_over(tmp_path / "register", {"register.md": register})
    assert assistant.ask("When was the pipette station last calibrated?").refused


API_PAGE = """# Shipments API reference

## Tracking endpoint

GET /v2/shipments/{id}/tracking returns the tracking events of one shipment, newest first.
Each event carries a status code, a location and a timestamp in UTC.

## Errors

| Code | Name | Meaning |
|---|---|---|
| 401 | unauthorised | The API key is missing or revoked. |
| 404 | not_found | No shipment has this id. |
"""

NEWSLETTER = """# Hollins Green Primary newsletter

## After-school clubs this term

| Club | Day | Time | Years | Cost |
|---|---|---|---|---|
| Chess | Monday | 3.15–4.15pm | Years 3–6 | £2 |
| Gardening | Friday | 3.15–4pm | Reception–Year 2 | Free |
"""


def test_a_record_is_not_read_for_a_question_about_what_another_document_names(tmp_path):
    """ "What is the rate limit for the tracking endpoint?" was answered "Flexible Rate, breakfast
    included" from a booking's "Rate:" line, and "Who is speaking about sea-ice leads on Friday?"
    "Gardening" from a newsletter's Friday row, each sure and unmarked: a label or a cell named the
    record, and the rest of the question was about what another document names (break-it
    helpers' near misses, session 51). The records still answer what is asked of them."""
    booking = BOOKING_PAGE.replace("- Nights: 3\n", "- Nights: 3\n- Rate: Flexible Rate, breakfast included\n")
    docs = {"booking.md": booking, "api.md": API_PAGE, "programme.md": PROGRAMME, "newsletter.md": NEWSLETTER}
    assistant = assistant_over(tmp_path, docs)
    rate = assistant.ask("What is the rate limit for the tracking endpoint?")
    assert rate.refused or "Flexible" not in rate.text, rate.text
    speaker = assistant.ask("Who is speaking about sea-ice leads on Friday?")
    assert speaker.refused or "Gardening" not in speaker.text, speaker.text
    assert_short_answers(
        assistant,
        [
            ("What is the rate on my hotel booking?", "Flexible Rate, breakfast included"),
            ("Which club meets on Friday?", "Gardening"),
            ("What time can we check in at Hotel Saltmarsh Quay?", "Friday 23 May 2025, from 3:00 pm"),
        ],
    )


ITINERARY_AND_TABLE = {
    "itinerary.md": """# Portugal and Galicia itinerary

| Day | Date | Overnight in | Transfer / travel | Depart | Arrive |
|---|---|---|---|---|---|
| 2 | Sun 17 May 2026 | Porto | Airport taxi | 14:05 | 14:40 |
| 3 | Mon 18 May 2026 | Pinhão | Train São Bento → Pinhão | 09:10 | 11:42 |
""",
    "league.md": """# Calderbrook Premier Division

| Pos | Team | P | W | D | L | GF | GA | Pts |
|---|---|---|---|---|---|---|---|---|
| 1 | Fenwick Athletic | 12 | 9 | 2 | 1 | 31 | 11 | 29 |
| 4 | Ravensclough Rovers | 12 | 7 | 3 | 2 | 22 | 14 | 24 |

Ravensclough Rovers were deducted three points in October for fielding an ineligible player.
""",
}


def test_a_column_named_as_timetables_and_league_tables_name_them_is_the_one_asked(tmp_path):
    """ "What time does our train from Porto to Pinhão leave?" was answered with the row's date,
    and "How many points have Ravensclough Rovers got?" with its position "4": no word of either
    names "Depart" or "Pts" (break-it helpers' itinerary and league table, session 52)."""
    assistant = assistant_over(tmp_path, ITINERARY_AND_TABLE)
    assert_short_answers(
        assistant,
        [
            ("What time does our train from Porto to Pinhão leave?", "09:10"),
            ("What time does the train reach Pinhão?", "11:42"),
            ("How many points have Ravensclough Rovers got?", "24"),
        ],
    )
    # A reason is no cell: "points" names "Pts", and "18" answered (eval/probes/tables).
    why = assistant.ask("Why were Ravensclough Rovers docked points?")
    assert "ineligible player" in why.text and "24 —" not in why.text, why.text


ACTIONS_SLIDE = """# Q3 issues and actions

| Issue | Root cause | Action | Owner | Due |
|---|---|---|---|---|
| Late deliveries to Scottish stores | Driver shortage at subcontractor | Add second Scottish haulier | Tom Reid | 31 Oct 2025 |
| Damaged pallets from Leeds supplier | Poor stretch-wrap at origin | Joint audit with Halden supplier quality team | Bethan Carey | 15 Nov 2025 |
"""


def test_who_is_following_up_asks_for_the_person_not_another_occasion(tmp_path):
    """ "Who is following up the damaged pallets …?" was answered with the row's action, "Joint
    audit with Halden supplier quality team": "following" was read as "the following meeting", of
    another occasion than the row's, and the row was not looked up (a break-it helper's review
    deck, session 52)."""
    assistant = assistant_over(tmp_path, {"qbr.md": ACTIONS_SLIDE})
    assert_short_answers(
        assistant,
        [
            ("Who is following up the damaged pallets coming from the Leeds supplier?", "Bethan Carey"),
            ("Who is following up on the late deliveries to Scottish stores?", "Tom Reid"),
        ],
    )


def test_a_team_named_in_several_tables_names_each_of_its_rows(tmp_path):
    """ "Kirkby Moss" of "Kirkby Moss FC" in the table, two fixtures and the scorers' list was
    taken for a word of every record, as a brand is, and named none: "How many games have Kirkby
    Moss drawn?" was answered with a scorers' row (a break-it helper's league page, session 52,
    kept here as it was written: tests/answer/pages)."""
    assistant = assistant_over_page(tmp_path, "calderbrook_league.html", "league.html")
    assert_short_answers(
        assistant,
        [
            ("How many games have Kirkby Moss drawn so far?", "6"),
            ("How many points have Ravensclough Rovers got?", "24"),
        ],
    )


RIDES = """Date,Ride,Distance (km),Start point,Start time,Ride leader
Sun 10 May 2026,Moorland Explorer,96,Fernhill Green (war memorial),08:30,Siobhan Achterberg
Sun 17 May 2026,Vale Villages,58,"Old Station car park, Kettlesby",09:00,Gareth Lowndes
"""


def test_where_asks_for_a_start_point(tmp_path):
    """ "Where does the Fernhill Wheelers ride on 17 May start from?" was answered "Vale Villages",
    the ride's name: "start" names "Start point" and "Start time" alike, and "where" no column (a
    break-it helper's ride calendar, session 53)."""
    assistant = assistant_over(tmp_path, {"rides.csv": RIDES})
    assert_short_answers(
        assistant,
        [
            ("Where does the ride on 17 May start from?", "Old Station car park, Kettlesby"),
            ("What time does the ride on 17 May start?", "09:00"),
        ],
    )


VACCINATIONS = """# Biscuit: vaccination record

| Date given | Vaccine | Product | Batch no. | Given by | Next due |
|---|---|---|---|---|---|
| 20/06/2023 | Kennel cough (Bordetella + parainfluenza), intranasal | Tussivet KC | TKC-8812 | RVN Kerry Hollis | 11/06/2024 |
| 11/06/2024 | Kennel cough, intranasal | Tussivet KC | TKC-9106 | Dr Samuel Okafor-Lind | 17/06/2025 |
| 03/09/2024 | Rabies (for travel to France) | Rabishield | RB-44607-F | Dr Ines Marchetti | 03/09/2027 |
| 17/06/2025 | Kennel cough, intranasal | Tussivet KC | TKC-9930 | RVN Kerry Hollis | 17/06/2026 |
"""


def test_a_date_in_numbers_is_named_by_its_month_and_year_in_words(tmp_path):
    """ "What was the batch number of the kennel cough vaccine Biscuit had in June 2025?" was
    answered from the 2023 row: "17/06/2025" named no row (a break-it helper's pet health record,
    session 53)."""
    assistant = assistant_over(tmp_path, {"biscuit.md": VACCINATIONS})
    assert_short_answers(
        assistant,
        [
            ("What was the batch number of the kennel cough vaccine given in June 2025?", "TKC-9930"),
            ("What was the batch number of the kennel cough vaccine given on 11 June 2024?", "TKC-9106"),
        ],
    )
    # A month no date of the table is in stays unknown: a near miss.
    assert assistant.ask("What was the batch number of the kennel cough vaccine given in October 2025?").refused


FEES_AND_STATEMENT = {
    "offer.md": """# Mortgage offer

| Fee | Amount | When payable |
|---|---|---|
| Product fee | £999 | On completion (added) |
| Funds transfer (CHAPS) fee | £25 | On completion |
| Mortgage exit fee | £125 | When the mortgage is repaid in full |
""",
    "statement.csv": (
        "Date,Description,Money In,Money Out,Balance\n"
        "01/02/2026,BALANCE BROUGHT FORWARD,,,2412.55\n"
        "02/02/2026,DD KESTLEMOUTH BC CTAX REF 40077381,,168.00,2244.55\n"
        "03/02/2026,DD OCTANT ENERGY LTD ACC 5520917,,96.40,2105.54\n"
        "04/02/2026,SO HARBOUR LETTINGS RENT,,875.00,1230.54\n"
    ),
}


def test_how_much_asks_for_the_amount_and_a_statements_capitals_name_its_rows(tmp_path):
    """ "How much is the fee for closing the mortgage …?" was answered "Mortgage exit fee", the
    "Fee" column's name of it; "How much did Octant Energy take by direct debit?" named no row of
    "DD OCTANT ENERGY LTD ACC 5520917" (break-it helpers' mortgage offer and bank statement,
    sessions 52 and 53)."""
    assistant = assistant_over(tmp_path, FEES_AND_STATEMENT)
    assert_short_answers(
        assistant,
        [
            ("How much is the fee for closing the mortgage when we pay it off in full?", "£125"),
            ("How much did Octant Energy take by direct debit?", "96.40"),
        ],
    )


WARRANTY_MAIL = """Your Corvane warranty registration is confirmed

Registration reference:  WR-2026-0117-4481
Product:                 Corvane AeroPure 540 Air Purifier
Model number:            CAP-540-UK
Serial number:           CV540-2611-08834
Purchase date:           17 January 2026

HOW TO MAKE A CLAIM
Contact Corvane Customer Care with your registration reference and serial number:
  Phone:  0333 014 7720 (Monday to Friday 08:30-18:00)
  E-mail: claims@corvane-care.example
  Online: corvane.example/support/claim
"""


def test_a_label_named_whole_answers_over_a_record_named_by_a_word(tmp_path):
    """ "What phone number do I call to make a warranty claim with Corvane?" was answered "serial
    number", from the line that introduces the claims block: "Corvane" named the registration's
    block, whose "Serial number" the question half names (a break-it helper's mail, session 53)."""
    assistant = assistant_over(tmp_path, {"warranty.txt": WARRANTY_MAIL})
    assert_short_answers(
        assistant,
        [
            (
                "What phone number do I call to make a warranty claim with Corvane?",
                "0333 014 7720 (Monday to Friday 08:30-18:00)",
            ),
            ("What is the serial number of my Corvane purifier?", "CV540-2611-08834"),
        ],
    )


REVIEW = """# Three robot vacuums tested

- **Best overall:** Kelvo Sweep S2 Pro
- **Best value:** Dustra R7

## Specifications at a glance

| Feature                    | Dustra R7              | Kelvo Sweep S2 Pro          | Novaclean Orbit 9            |
|----------------------------|------------------------|-----------------------------|------------------------------|
| Price (RRP, Jan 2026)      | £349                   | £529                        | £449                         |
| Max suction                | 4,000 Pa               | 5,500 Pa                    | 6,000 Pa                     |
| Battery run time (standard)| 120 min                | 150 min                     | 135 min                      |
| Water tank                 | 180 ml                 | 240 ml (in dock: 4 L)       | 200 ml                       |
| Remote app control (beta)  | ✗                      | ✓                           | ✓                            |

Prices change often: we saw the Orbit 9 at £379 during the January sales.
"""


def test_a_table_laid_out_across_is_read_by_the_column_named_and_the_row_its_label_says(tmp_path):
    """Things as columns, their features as rows: "How long does the Kelvo Sweep S2 Pro's battery
    last?" was answered from a filters FAQ, "How much does the Dustra R7 cost?" with another
    model's sale price (a break-it helper's review, session 53)."""
    assistant = assistant_over(tmp_path, {"review.md": REVIEW})
    assert_short_answers(
        assistant,
        [
            ("How long does the Kelvo Sweep S2 Pro's battery last?", "150 min"),
            ("How much does the Dustra R7 cost?", "£349"),
            ("How big is the water tank on the Novaclean Orbit 9?", "200 ml"),
        ],
    )
    # A row named by one word whose cell is not of the kind asked is no answer (a pricing page's
    # "How much is Quillstack Team per user …?" → "✗" of "SCIM user provisioning", session 53).
    assert assistant.ask("How much is the app for the Dustra R7?").short_answer != "✗"


KEY_FIGURES = """# Brackwater Networks annual report 2024

| Key figures | 2023 | 2024 |
|---|---|---|
| Revenue (£m) | 41.2 | 44.8 |
| Employees at year end | 158 | 164 |

At the end of 2024 we employed 164 people, six more than a year earlier, including eleven apprentices on our two-year programme.
"""


def test_a_years_column_is_no_thing_a_table_is_laid_out_across_by(tmp_path):
    """ "How many apprentices did Brackwater have at the end of 2024?" was answered "164", the
    row "Employees at year end" under "2024" (development set eval/probes/reports, session 53)."""
    assistant = assistant_over(tmp_path, {"report.md": KEY_FIGURES})
    assert assistant.ask("How many apprentices did Brackwater have at the end of 2024?").short_answer == "eleven"


def test_a_planning_decisions_fields_are_looked_up_by_the_site_they_name(tmp_path):
    """A .rtf planning decision's details table, read as fields, named by the start of its "Site
    address" ("Ivy Cottage, 7 Chapel Lane, …"): "Which firm is acting as agent on the Ivy Cottage
    planning application?" was answered "Site address", later "Little Harrowden" (a break-it
    helper's decision notice, session 53, kept as written in tests/answer/pages)."""
    page = (Path(__file__).parent / "pages" / "planning_decision.rtf").read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "decision.rtf").write_bytes(page)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    assert_short_answers(
        assistant,
        [
            ("What's the planning reference for the Ivy Cottage extension?", "26/00482/FUL"),
            (
                "Which firm is acting as agent on the Ivy Cottage planning application?",
                "Brackenridge Design Ltd, Unit 4 The Maltings, Westmoor WM2 5RD (attn. Mr Callum Freer)",
            ),
        ],
    )
    # A column a word names ("application" of "Applicant") whose value holds no number is no fee.
    fee = assistant.ask("How much was the planning application fee for Ivy Cottage?")
    assert fee.short_answer != "Mr Oliver Quennell and Mrs Harriet Quennell", fee.text
    # "Who is the <role>": the role breaks the tie of "Applicant" (named by "application") and
    # "Agent"; a role no label names and the document never writes is not the applicants' (session 54).
    agent = assistant.ask("Who is the agent for the Ivy Cottage application?")
    assert agent.short_answer.startswith("Brackenridge Design Ltd"), agent.text
    officer = assistant.ask("Who was the case officer for the Ivy Cottage planning application?")
    assert officer.refused and "has no “case officer”" in officer.notes[0], officer.text


INSTALMENTS = """# Your room offer

Rent is payable in three instalments through the Accommodation Portal. Each instalment covers 14 weeks.

| Instalment | Due date | Weeks covered | Amount |
|---|---|---|---|
| 1 | 2 October 2026 | Weeks 1-14 | £2,499.00 |
| 2 | 8 January 2027 | Weeks 15-28 | £2,499.00 |
| 3 | 16 April 2027 | Weeks 29-42 | £2,499.00 |
| Total |  | 42 weeks | £7,497.00 |

Late payment: a reminder will be sent after 7 days.
"""


def test_a_numbered_row_is_named_by_its_ordinal_before_its_columns_name(tmp_path):
    """ "When is the second rent instalment due?" was answered "2", the row's own number under
    "Instalment" (a break-it helper's accommodation offer, session 54)."""
    assistant = assistant_over(tmp_path, {"offer.md": INSTALMENTS})
    assert_short_answers(
        assistant,
        [
            ("When is the second rent instalment due?", "8 January 2027"),
            ("When is the 3rd instalment due?", "16 April 2027"),
        ],
    )
    # The fifth of three: the table says there is none (it was answered from the third).
    fifth = assistant.ask("When is the fifth instalment due?")
    assert fifth.refused and fifth.notes == [
        "The table numbers its rows under “Instalment” from 1 to 3: it has no fifth."
    ]


BILL = """# Your water bill, January 2026

How your bill is worked out

| Charge | Quantity | Rate | Amount |
|---|---|---|---|
| Water supply - volume charge | 77.00 m3 | £1.9184 per m3 | £147.72 |
| Water supply - standing charge | 181 days | £0.1726 per day | £31.24 |
| Sewerage - volume charge (95% of water used) | 73.15 m3 | £2.3307 per m3 | £170.49 |
| Sewerage - standing charge | 181 days | £0.2011 per day | £36.40 |

Our charges change on 1 April each year.
"""


def test_a_row_named_by_its_cells_words_and_an_amount_asked_per_day(tmp_path):
    """ "How much per day is the sewerage standing charge?" was answered with the row's name,
    "Sewerage - standing charge": its words named the "Charge" column, though they are the row's
    key; of the row's two amounts the one "per day" is asked (a break-it helper's water bill,
    session 54)."""
    assistant = assistant_over(tmp_path, {"bill.md": BILL})
    answer = assistant.ask("How much per day is the sewerage standing charge?")
    assert answer.short_answer == "£0.2011 per day", answer.text


FIXTURES = """# Premier Division fixtures and results 2025-26

| Round | Date | Kick-off | Home | Score | Away | Venue | Referee |
|---|---|---|---|---|---|---|---|
| 1 | Sun 7 Sep 2025 | 10:30 | Tollbury Rangers | 2-1 | Ashwell Vale | Tollbury Rec | D. Marchetti |
| 2 | Sun 14 Sep 2025 | 10:30 | Ashwell Vale | 1-1 | Greyfriars Athletic | Ashwell Memorial Ground | J. Fairweather |
| 2 | Sun 14 Sep 2025 | 10:30 | Kelsby United | 5-0 | Pennock Town Reserves | Kelsby Playing Fields | D. Marchetti |
| 3 | Sun 21 Sep 2025 | 10:30 | Pennock Town Reserves | 0-2 | Kelsby United | Pennock Lane | S. Oyelaran |
| 5 | Sun 19 Oct 2025 | 10:30 | Greyfriars Athletic | 2-0 | Ashwell Vale | Greyfriars Park | T. Nakagawa-Reid |
| 8 | Sun 9 Nov 2025 | 10:30 | Ashwell Vale | 3-2 | Greyfriars Athletic | Ashwell Memorial Ground | S. Oyelaran |
"""


def test_a_date_written_with_its_months_name_names_its_row(tmp_path):
    """Dates written "Sun 14 Sep 2025" named no row of "… on 14 September?", and two teams who met
    twice left the lookup with two rows (a break-it helper's fixtures list, session 54)."""
    assistant = assistant_over(tmp_path, {"fixtures.md": FIXTURES})
    assert_short_answers(
        assistant,
        [
            ("What was the score when Kelsby United played Pennock Town Reserves on 14 September?", "5-0"),
            ("Who refereed Greyfriars Athletic against Ashwell Vale in October?", "T. Nakagawa-Reid"),
        ],
    )


HIRE = """# Larchfield Community Centre: room hire 2026

Hourly charges are shown below. The weekday rate applies Monday to Friday until 17:00; evenings
after 17:00 and all day Saturday and Sunday are charged at the weekend rate.

| Room | Capacity | Weekday (per hour) | Evening & weekend (per hour) | Commercial (per hour) |
|---|---|---|---|---|
| Main Hall | 120 | £32.00 | £41.00 | £65.00 |
| Garden Room | 40 | £18.50 | £24.00 | £38.00 |
| Meeting Room 1 | 16 | £11.00 | £14.50 | £22.00 |
"""


def test_the_column_of_the_day_asked(tmp_path):
    """ "How much is the Garden Room per hour on a Saturday?" named three columns alike by "per
    hour", and the room's capacity answered; "Tuesday", in no passage but covered by the column
    "Weekday (per hour)", was an unknown name (a break-it helper's price list, session 54)."""
    assistant = assistant_over(tmp_path, {"hire.md": HIRE})
    assert_short_answers(
        assistant,
        [
            ("How much is the Garden Room per hour on a Saturday?", "£24.00"),
            ("How much is the Garden Room per hour on a Tuesday morning?", "£18.50"),
        ],
    )


ITINERARY = """Year 8 residential trip to Glyncastell, June 2026

Itinerary

| Day | Activity | Location |
|---|---|---|
| Mon 15 June | Depart school 08:15. Arrive, room allocation, safety briefing, evening night walk | Glyncastell Outdoor Centre |
| Tue 16 June | River study fieldwork (AM); gorge scrambling (PM) | Afon Dulas valley |
| Thu 18 June | Caving (AM); canoeing and raft building (PM); evening disco | Ogof Carreg Las caves / Llyn Teifion |

Pupils should bring old clothes and a change of shoes for the outdoor activities.
"""


def test_the_readers_own_answer_from_a_table_row_is_the_cell_asked(tmp_path):
    """The reader reads a row as prose, and its answer (reader mode, or the default's swap to
    it) led with "AM" of the activity; the row's "Location" answers "where" (a break-it helper's
    school letter, session 56)."""
    assistant = assistant_over(tmp_path, {"letter.md": ITINERARY}, decide="reader")
    answer = assistant.ask("Where will the pupils go caving?")
    assert answer.short_answer == "Ogof Carreg Las caves / Llyn Teifion", answer.text
