"""A question in a document states nothing: the sentence after it answers (an FAQ's "Q:" and
"A:" lines; rag.ingest.sentences.asks, rag.answer.evidence_choice, rag.retrieve.sections)."""

from __future__ import annotations

import pytest

from rag.ingest.sentences import asks
from tests.helpers import assistant_over

pytestmark = pytest.mark.integration

FAQ = """Troubleshooting

Q: I get "KX-204: ledger file is locked". What does it mean?
A: Another copy of Tallyman is already using the same ledger folder. Close the other window,
or open the ledger read-only.

Q: The importer uses 100% CPU on large statements.
A: Statements over 50,000 lines are parsed twice; split them by month before importing.

Q: Can Tallyman send invoices by fax?
A: Not directly. Export the invoice as PDF and use your fax service.
"""


@pytest.mark.parametrize(
    ("sentence", "asking"),
    [
        ('Q: I get "KX-204: ledger file is locked".', True),
        ("What does it mean?", True),
        ('He asked, "Why now?"', True),
        ("Question 3: can I import OFX files", True),
        ("A: Not directly.", False),
        ("Q3: revenue rose 4%.", False),  # a quarter, not a question
        ("The Q: drive holds the ledgers.", False),
        ("**Q14. What happens if I submit late?**", True),  # in emphasis: "?**" (session 49)
        ("*Save* it.", False),
        # Section titles that ask (a medication leaflet's, session 50), and what is no title.
        ("How to take Solvexa", True),
        ("What Solvexa is and what it is used for", True),
        ("## When to call a doctor", True),
        ("What followed was a decade of growth.", False),
        ("How the vote went: 27 for, 3 against", False),
        ("Possible side effects", False),
        ("What the committee decided on the night after a long debate about the budget and the tram", False),
    ],
)
def test_what_asks(sentence, asking):
    assert asks(sentence) is asking


def test_an_faqs_answer_line_answers_its_question_line(tmp_path):
    """ "Why does the importer eat all my CPU?" was answered "100% — Q: The importer uses 100% CPU
    on large statements. [1]", the question line quoted back (a break-it helper's FAQ); the
    answer is the "A:" line under it, also when the question line is a passage of its own."""
    assistant = assistant_over(tmp_path, {"faq.txt": FAQ})
    for question, says in [
        ("Why does the importer eat all my CPU?", "parsed twice"),
        ("What does error KX-204 mean?", "Another copy of Tallyman"),
        ("Can Tallyman fax invoices?", "Not directly"),
    ]:
        answer = assistant.ask(question)
        assert not answer.refused, question
        quoted = [c.supporting_text() for c in answer.citations]
        assert says in quoted[0] and not any(asks(q) for q in quoted), (question, answer.text)
        c = answer.citations[0]
        assert assistant.document_text(c.source)[c.support_start : c.support_end] == c.supporting_text()


BOLD_FAQ = """# DS7021 Data Science Project: frequently asked questions

**Q13. What is the word limit for the project report?**
The project report has a limit of 4,000 words, excluding code, references and appendices.

**Q14. What happens if I submit my coursework late without an extension?**
Work submitted up to 24 hours late receives a penalty of 10 marks. Work more than 24 hours late receives a mark of zero.
"""


def test_an_faqs_question_in_emphasis_is_no_answer(tmp_path):
    """ "**Q14. … extension?**" was cut into "**Q14.", the question and "**"; read whole, it was
    quoted and "Q14" was the short answer (a break-it helper's course FAQ, session 49)."""
    assistant = assistant_over(tmp_path, {"faq.md": BOLD_FAQ})
    answer = assistant.ask(
        "If I hand in my DS7021 coursework less than a day late with no extension, how many marks do I lose?"
    )
    assert answer.short_answer in ("10", "10 marks") and "penalty of 10 marks" in answer.citations[0].supporting_text()
    assert assistant.ask("What is the DS7021 word limit for the project report?").short_answer == "4,000"


ONBOARDING = """<!DOCTYPE html><html><head><title>IT onboarding - Northwind</title></head><body>
<main>
<h1>Welcome to Northwind IT</h1>
<p>This page explains how to get your laptop, accounts and security set up in your first week.</p>
<h2>How do I set up MFA?</h2>
<p>Multi-factor authentication is required for every account. Install the Microsoft Authenticator
app on your phone, then sign in at aka.ms/mfasetup and scan the QR code.</p>
<h2>Where do I collect my laptop?</h2>
<p>Laptops are handed out at the IT service desk on the 2nd floor of Building C, between 9:00 and
11:00 on your first day.</p>
<h2>What is the Wi-Fi password?</h2>
<p>Staff connect to the NW-Staff network with their own account; there is no shared password.
Guests use NW-Guest, whose code changes weekly.</p>
</main></body></html>"""


def test_the_text_under_a_heading_that_asks_the_question_answers_it(tmp_path):
    """A help page's heading asks the user's question and the paragraph under it answers; the
    reader, reading each passage alone, was surer of the page's opening "This page explains how
    to get your laptop, accounts and security set up in your first week." and answered with it (a
    break-it helper's IT onboarding page, session 49)."""
    assistant = assistant_over(tmp_path, {"onboarding.html": ONBOARDING})
    answer = assistant.ask("How do I set up MFA?")
    assert [c.supporting_text() for c in answer.citations] == [
        "Multi-factor authentication is required for every account."
    ], answer.text
    # A question the page does not ask is read as before.
    assert "Building C" in assistant.ask("When can I collect my laptop?").text


LEAFLET = """PACKAGE LEAFLET: INFORMATION FOR THE USER

Solvexa 200 mg film-coated tablets

What Solvexa is and what it is used for
Solvexa contains ibuprofen, which belongs to a group of medicines called non-steroidal
anti-inflammatory drugs (NSAIDs). It is used to relieve mild to moderate pain such as headache,
period pain and toothache, and to reduce fever.

How to take Solvexa
Adults and children over 12 years: take 1 or 2 tablets with water, up to three times a day.
Leave at least 4 hours between doses. Do not take more than 6 tablets in 24 hours.

How to store Solvexa
Do not store above 25 °C. Keep the blister in the outer carton.
"""


def test_a_section_title_that_asks_is_answered_by_the_text_under_it(tmp_path):
    """ "How should I take Solvexa?" was answered "How to take Solvexa [1]", "How do I store
    Solvexa?" "How to store Solvexa [1]": a plain-text leaflet's section titles, quoted because
    they hold the question's words (a break-it helper's medication leaflet, session 49)."""
    assistant = assistant_over(tmp_path, {"solvexa-leaflet.txt": LEAFLET})
    for question, quoted in [
        ("How should I take Solvexa?", "Adults and children over 12 years"),
        ("How do I store Solvexa?", "Do not store above 25 °C."),
    ]:
        answer = assistant.ask(question)
        assert answer.citations and answer.citations[0].supporting_text().startswith(quoted), answer.text


PRICING_FAQ = """Quillstack pricing

Frequently asked questions

Can I change plans later?
Yes. You can move between plans at any time; we prorate the difference.

Do you offer discounts for nonprofits?
Yes. Registered nonprofit organisations get 40% off Team and Business plans. Apply through our
nonprofit programme with proof of your registration.

Is there a free trial?
No. The Free plan is free for ever, for up to three users.
"""


def test_an_answer_that_opens_with_a_bare_yes_is_the_sentence_after_it(tmp_path):
    """ "How big a discount do nonprofits get on Quillstack?" was answered "Yes." over "Do you
    offer discounts for nonprofits?": the sentence after the question stood for it, and it said
    nothing the question did not (a break-it helper's pricing FAQ, session 51)."""
    assistant = assistant_over(tmp_path, {"pricing.md": PRICING_FAQ})
    answer = assistant.ask("How big a discount do nonprofits get on Quillstack?")
    assert answer.short_answer == "40%", answer.text
    assert answer.citations[0].supporting_text().startswith("Registered nonprofit organisations get 40% off")
