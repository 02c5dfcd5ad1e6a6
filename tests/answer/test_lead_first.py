"""The quoted sentence that holds the short answer comes first in the answer shown."""

from __future__ import annotations

import pytest

from rag.answer.grounding import lead_first
from rag.types import Answer, Citation
from tests.conftest import REPO
from tests.helpers import assistant_over


def _cited(source: str) -> Citation:
    return Citation(source=source, title="", text=source, start=0, end=1, score=0.1, support_start=0, support_end=1)


def _answer(text: str, short: str | None, n: int, sources: list[str] | None = None) -> Answer:
    sources = sources or ["doc.txt"] * n
    answer = Answer(text=text, refused=False, question="q", citations=[_cited(s) for s in sources])
    answer.short_answer = short
    return answer


@pytest.mark.unit
def test_the_led_sentence_comes_first_and_the_citations_follow_the_text():
    sections = [Citation("doc.txt", "", f"part {i}", i, i + 1, 0.1, i, i + 1) for i in range(3)]
    given = _answer("Section 4 [1] Okafor — Owner: Okafor [2] More [1] Else [3]", "Okafor", 3)
    given.citations = sections
    answer = lead_first(given)
    assert answer.text == "Okafor — Owner: Okafor [1] Section 4 [2] More [2] Else [3]"
    assert answer.citations == [sections[1], sections[0], sections[2]]


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, short",
    [
        ("Okafor — Owner: Okafor [1] Section 4 [2]", "Okafor"),  # already first
        ("Section 4 [1] Owner: Okafor [2]", None),  # no short answer
        ("Section 4 — a dash of its own [1] Owner: Okafor [2]", "Okafor"),  # no sentence led by it
        ("A model's reply, cited [2] and not quoted.", "Okafor"),  # not quoted sentences
        ("She designed Harlow Station. [1] Vessen — She trained at Vessen. [2]", "Vessen"),  # reads on from [1]
    ],
)
def test_other_answers_are_left_as_they_are(text, short):
    answer = _answer(text, short, 2)
    assert lead_first(answer) is answer


@pytest.mark.unit
def test_a_chain_over_documents_reads_from_its_first_step():
    """A multi-hop answer names its bridge first: "Wild Target … directed by Jonathan Lynn [1]",
    then "English — Jonathan Lynn is an English director [2]" stays in that order."""
    text = "Wild Target is a film directed by Jonathan Lynn [1] English — Jonathan Lynn is an English director [2]"
    answer = _answer(text, "English", 2, ["Wild Target.txt", "Jonathan Lynn.txt"])
    assert lead_first(answer) is answer


POLICY = REPO / "eval" / "probes" / "nonnews" / "corpus" / "brannock-hr-leave-policy.txt"


@pytest.mark.integration
def test_an_answer_opens_with_its_short_answer(tmp_path):
    """ "Staff Handbook, Section 4: … [1] Miriam Okafor-Lund — Policy owner: … [2]" (a break-it
    helper's HR policy, session 59): whichever sentence the evidence quoted first, the answer shown
    opens with the short answer and the sentence that holds it."""
    assistant = assistant_over(tmp_path, {"policy.txt": POLICY.read_text(encoding="utf-8")})
    answer = assistant.ask("Who is the owner of the leave and hybrid working policy?")
    assert answer.text.startswith(f"{answer.short_answer} — "), answer.text
    assert answer.text.split(" [1]")[0].endswith(answer.citations[0].supporting_text())
