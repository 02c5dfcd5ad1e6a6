"""A party a contract names by its role (rag/answer/defined.py)."""

from __future__ import annotations

import pytest

from rag.answer.defined import role_asked
from tests.helpers import assert_short_answers, assistant_over

AGREEMENT = """SERVICES AGREEMENT

This Agreement is made on 3 June 2025 between Kelderwick Ltd, a company registered in Scotland
with number SC412907 (the "Supplier"), and Harriet Mbeki of 14 Loom Street, Dundee (the
"Customer").

1. SERVICES

1.1 The Supplier shall clean the Customer's offices every weekday evening.

1.2 The Customer or the Customer's agent may inspect the work at any time.

2. FEES

2.1 The Customer shall pay the Supplier £420 per month.

Witnessed by Tomasz Wrona (the "Witness").
"""


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is the landlord?", "landlord"),
        ("Who is the landlord of Flat 4B?", "landlord"),
        ("Who are the tenants?", "tenants"),
        ("Who was the managing agent under the lease?", "managing agent"),
        ("What was the name of the supervisor in my chat?", "supervisor"),
        ("What's the name of the landlord?", "landlord"),
        ("Who is Harriet Mbeki?", None),  # a name, no role
        ("What is the rent?", None),
    ],
)
def test_the_role_a_question_asks_for(question, role):
    assert role_asked(question) == role


@pytest.mark.integration
def test_a_role_is_answered_by_the_party_the_contract_defines_so(tmp_path):
    """ "Who is the landlord?" was answered "agent" from "The Landlord or the Landlord's agent may
    enter …", "Who is the landlord of Flat 4B?" with the property's name (a break-it helper's
    tenancy agreement): the word asked for is in every clause; one sentence defines it."""
    assistant = assistant_over(tmp_path, {"agreement.txt": AGREEMENT})
    text = assistant.document_text("agreement.txt")
    cases = [
        ("Who is the customer?", "Harriet Mbeki"),
        ("Who is the supplier?", "Kelderwick Ltd"),
        ("Who are the customers under this agreement?", "Harriet Mbeki"),
        ("Who is the witness?", "Tomasz Wrona"),
        ("What is the name of the supplier?", "Kelderwick Ltd"),
    ]
    assert_short_answers(assistant, cases)
    for question, party in cases:
        c = assistant.ask(question).citations[0]
        assert text[c.support_start : c.support_end] == c.supporting_text() and party in c.supporting_text()
