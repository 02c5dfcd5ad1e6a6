"""Of two dates in one sentence, the one the question's own verb leads (rag/answer/dated.py)."""

from __future__ import annotations

import pytest

from rag.answer.dated import governed_date
from tests.helpers import assistant_over

S = 'The tenancy begins on 1 March 2025 and ends on 28 February 2026 (the "Fixed Term").'


def _span(text: str, part: str) -> tuple[int, int]:
    return text.index(part), text.index(part) + len(part)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "reader", "answer"),
    [
        ("When does the tenancy begin?", "28 February 2026", "1 March 2025"),
        ("When does the tenancy end?", "1 March 2025", "28 February 2026"),
        ("When does the tenancy end?", "28 February 2026", None),  # the reader's is the one led
        ("When did the tenancy start?", "28 February 2026", None),  # no date led by "start"
        ("How long is the Fixed Term?", "28 February 2026", None),  # no date asked
    ],
)
def test_the_date_the_questions_verb_leads(question, reader, answer):
    found = governed_date(question, S, (0, len(S)), *_span(S, reader))
    assert (S[slice(*found)] if found else None) == answer


TENANCY = """RESIDENTIAL TENANCY AGREEMENT

Property: Flat 4B, Harbour View Court, 27 Quayside Road, Portlin PL3 9QD

This Agreement is made on 14 February 2025 between Margaret Okafor of 3 Elm Terrace, Portlin (the "Landlord") and Daniel Ferreira and Sofia Lindqvist (together the "Tenant").

1. TERM

1.1 The tenancy begins on 1 March 2025 and ends on 28 February 2026 (the "Fixed Term").

1.2 If the Tenant remains in the Property after the Fixed Term with the Landlord's consent, the tenancy continues as a periodic tenancy from month to month on the same terms.

2. RENT

2.1 The rent is £1,150 per calendar month, payable in advance on the 1st day of each month by standing order to the Landlord's account at Northbank Savings.

2.2 If any rent is unpaid 14 days after it falls due, the Tenant shall pay interest on the unpaid amount at 3% above the Bank of England base rate from the due date until payment.

2.3 The Landlord may increase the rent no more than once in any 12-month period, and only after the Fixed Term, by giving the Tenant at least one month's written notice of the increase.

3. DEPOSIT

3.1 The Tenant shall pay a deposit of £1,325 on signing this Agreement.

3.2 The Landlord shall protect the deposit with the Secure Deposit Scheme within 30 days of receiving it and give the Tenant the prescribed information about the scheme.

3.3 The deposit will be returned within 10 days of the parties agreeing the amount to be returned at the end of the tenancy, less any reasonable deductions for damage beyond fair wear and tear, unpaid rent or unpaid bills.
"""


@pytest.mark.integration
def test_a_tenancys_start_is_not_its_end(tmp_path):
    """ "When does the tenancy at Harbour View Court begin?" was answered with the end date (the
    reader at 0.94; a break-it helper's tenancy agreement)."""
    assistant = assistant_over(tmp_path, {"tenancy.txt": TENANCY})  # the helper's, its first clauses
    assert assistant.ask("When does the tenancy at Harbour View Court begin?").short_answer == "1 March 2025"
    assert assistant.ask("When does the tenancy end?").short_answer == "28 February 2026"


@pytest.mark.unit
def test_a_date_the_question_writes_or_a_comparison_leads_is_never_taken():
    """SQuAD∩XQuAD: "In what year did the Amazon experience a drought that may have been more
    extreme than the one in 2005?" lost its "2010": "than" (a word of the question) led 2005."""
    text = "In 2010 the Amazon rainforest experienced another severe drought, in some ways more extreme than the 2005 drought."
    q = "In what year did the Amazon experience a drought that may have been more extreme than the one in 2005?"
    assert governed_date(q, text, (0, len(text)), *_span(text, "2010")) is None


THREAD = """# Mount hangs after resume from suspend (#2790)

### @nadia-k commented on 2026-02-14

After upgrading pelicanfs from 3.3.2 to 3.4.0 my laptop hangs when it resumes from suspend.

---

### @dquill (maintainer) commented on 2026-03-09

Released in **pelicanfs 3.4.2** today (2026-03-09). Packages for Debian/Ubuntu, Fedora and the Homebrew tap are
up. You can drop the `reconnect_timeout=0` workaround after upgrading.
"""


@pytest.mark.integration
def test_a_day_said_as_today_is_the_date_its_sentence_gives(tmp_path):
    """ "When was the fix for the pelicanfs suspend hang released?" was answered "3.4.2** today"
    (a break-it helper's bug thread, session 53)."""
    assistant = assistant_over(tmp_path, {"thread.md": THREAD})
    for question in ("When was the fix for the pelicanfs suspend hang released?", "When was pelicanfs 3.4.2 released?"):
        answer = assistant.ask(question)
        assert answer.short_answer == "2026-03-09", (question, answer.text)
        assert answer.citations[0].supporting_text().startswith("Released in **pelicanfs 3.4.2** today")
