"""Cited answers: [n] markers numbered by first use, each pointing at its supporting passage."""

from __future__ import annotations

import pytest

from rag.answer import REFUSAL
from rag.answer.grounding import WINDOW_CHARS, SupportedClaim, appended, cited_answer, narrowed, refusal
from rag.text.citations import MARKER
from rag.types import Answer, Citation, Passage, ScoredPassage

pytestmark = pytest.mark.unit

DOC_A = "Title A\n\nThe caravan had 1,500 migrants. It left on March 25.\n\nMexico answered on Monday."
DOC_B = "Biden asked Congress to fund 1,300 more Border Patrol agents."


def passage(doc: str, source: str, text: str) -> Passage:
    start = doc.index(text)
    return Passage(f"{source}:{start}", source, source.upper(), text, start, start + len(text))


P1 = ScoredPassage(passage(DOC_A, "a.txt", "The caravan had 1,500 migrants. It left on March 25."), 0.9, 0.7)
P2 = ScoredPassage(passage(DOC_B, "b.txt", DOC_B), 0.8, 0.6)
P3 = ScoredPassage(passage(DOC_A, "a.txt", "Mexico answered on Monday."), 0.5, 0.4)
P4 = ScoredPassage(Passage("c.txt:0", "c.txt", "C", "Unrelated.", 0, 10), 0.1, None)


def claim(sp: ScoredPassage, sentence: str, doc: str) -> SupportedClaim:
    start = doc.index(sentence)
    assert sp.passage.start <= start and start + len(sentence) <= sp.passage.end
    return SupportedClaim(sentence, sp, start, start + len(sentence))


C1 = claim(P1, "The caravan had 1,500 migrants.", DOC_A)
C1_OTHER = claim(P1, "It left on March 25.", DOC_A)
C2 = claim(P2, DOC_B, DOC_B)
C3 = claim(P3, "Mexico answered on Monday.", DOC_A)


def test_single_claim():
    answer = cited_answer("How many?", [C1])
    assert answer == Answer(
        text="The caravan had 1,500 migrants. [1]",
        refused=False,
        citations=[
            Citation(
                source="a.txt",
                title="A.TXT",
                text="The caravan had 1,500 migrants. It left on March 25.",
                start=9,
                end=61,
                score=0.9,
                support_start=9,
                support_end=40,
            )
        ],
        question="How many?",
    )


def test_numbers_follow_first_use_not_retrieval_rank():
    answer = cited_answer("q", [C2, C3, C1])
    assert answer.text == (
        "Biden asked Congress to fund 1,300 more Border Patrol agents. [1] "
        "Mexico answered on Monday. [2] The caravan had 1,500 migrants. [3]"
    )
    assert [(c.source, c.start) for c in answer.citations] == [("b.txt", 0), ("a.txt", 63), ("a.txt", 9)]


def test_the_same_support_reused_keeps_its_number():
    answer = cited_answer("q", [C1, C2, C1])
    assert answer.text == (
        "The caravan had 1,500 migrants. [1] "
        "Biden asked Congress to fund 1,300 more Border Patrol agents. [2] "
        "The caravan had 1,500 migrants. [1]"
    )
    assert len(answer.citations) == 2


def test_claims_appended_to_an_answer_number_on_and_reuse_a_cited_support():
    answer = cited_answer("q", [C1, C2])
    answer.short_answer = "1,500"
    more = appended(answer, [C3, C1])
    assert more.text == (
        "The caravan had 1,500 migrants. [1] Biden asked Congress to fund 1,300 more Border Patrol agents. [2] "
        "Mexico answered on Monday. [3] The caravan had 1,500 migrants. [1]"
    )
    assert more.citations == cited_answer("q", [C1, C2, C3]).citations
    assert more.short_answer == "1,500" and answer.text.endswith("[2]")  # a new answer, the first unchanged


def test_another_sentence_of_the_same_passage_is_its_own_citation():
    # A citation records one supporting sentence, so a second sentence needs a second citation.
    answer = cited_answer("q", [C1, C1_OTHER])
    assert answer.text == "The caravan had 1,500 migrants. [1] It left on March 25. [2]"
    assert [(c.start, c.end) for c in answer.citations] == [(9, 61), (9, 61)]
    assert [(c.support_start, c.support_end) for c in answer.citations] == [(9, 40), (41, 61)]


def test_every_marker_points_at_a_citation_whose_passage_holds_the_sentence():
    claims = [C2, C1, C3, C1_OTHER, C2]
    answer = cited_answer("q", claims)
    docs = {"a.txt": DOC_A, "b.txt": DOC_B}
    numbers = [int(m) for m in MARKER.findall(answer.text)]
    assert numbers == [1, 2, 3, 4, 1]
    for cl, n in zip(claims, numbers):
        c = answer.citations[n - 1]
        doc = docs[c.source]
        assert doc[c.start : c.end] == c.text
        assert c.start <= c.support_start < c.support_end <= c.end
        assert doc[c.support_start : c.support_end] == cl.text


def test_scores_are_rounded_floats():
    sp = ScoredPassage(P2.passage, 0.123456789, None)
    answer = cited_answer("q", [SupportedClaim(DOC_B, sp, 0, len(DOC_B))])
    assert answer.citations[0].score == 0.123457
    assert type(answer.citations[0].score) is float


def test_refusal_has_no_markers_and_offers_the_closest_passages():
    answer = refusal("Who won the 2022 World Cup?", [P1, P2, P3, P4])
    assert answer.refused
    assert answer.text == REFUSAL == "I couldn't find this in the documents."
    assert not MARKER.search(answer.text)
    assert answer.question == "Who won the 2022 World Cup?"
    assert [(c.source, c.start, c.text) for c in answer.citations] == [
        (sp.passage.source, sp.passage.start, sp.passage.text) for sp in (P1, P2, P3)
    ]
    assert all(c.support_start is None and c.support_end is None for c in answer.citations)


def test_refusal_offer_size_and_empty_retrieval():
    assert len(refusal("q", [P1, P2, P3, P4], offer=1).citations) == 1
    empty = refusal("q", [])
    assert empty.refused and empty.citations == [] and empty.text == REFUSAL


def test_answer_to_dict_is_plain_json_data():
    import json

    d = cited_answer("How many?", [C1]).to_dict()
    assert set(d) == {"question", "answer", "refused", "citations", "timings", "notes", "short_answer", "confidence"}
    assert d["confidence"] is None and d["short_answer"] is None  # the reader sets these
    assert d["answer"] == "The caravan had 1,500 migrants. [1]"
    assert d["citations"][0] == {
        "source": "a.txt",
        "title": "A.TXT",
        "text": "The caravan had 1,500 migrants. It left on March 25.",
        "start": 9,
        "end": 61,
        "score": 0.9,
        "support_start": 9,
        "support_end": 40,
    }
    assert json.loads(json.dumps(d)) == d


# -- the window a user reads to check a citation ------------------------------------------------

# Five sentences of 150 characters each (with the space after), in one passage of 750 characters.
LONG = "".join(
    f"Sentence {i} of the long paragraph says one thing about herons and nothing else".ljust(148, "x") + ". "
    for i in range(5)
)
P_LONG = ScoredPassage(Passage("l.txt:0", "l.txt", "L", LONG, 0, len(LONG)), 0.7, 0.5)
LONG_SPANS = [(i * 150, i * 150 + 149) for i in range(5)]


def _spans(source, start, end):
    return [(a, b) for a, b in LONG_SPANS if start <= a and b <= end]


@pytest.mark.parametrize(
    "support, window",
    [
        (2, (1, 3)),  # the sentence before and the one after: 449 characters
        (0, (0, 1)),  # no sentence before: the one after
        (4, (3, 4)),  # no sentence after
    ],
)
def test_a_supported_citation_is_cut_to_its_sentence_and_neighbours(support, window):
    a, b = LONG_SPANS[support]
    answer = narrowed(cited_answer("q", [SupportedClaim.quoting(P_LONG, a, b)]), _spans)
    (c,) = answer.citations
    lo, hi = LONG_SPANS[window[0]][0], LONG_SPANS[window[1]][1]
    assert (c.start, c.end) == (lo, hi) and c.text == LONG[lo:hi]  # offsets true
    assert c.start <= c.support_start < c.support_end <= c.end and len(c.text) <= WINDOW_CHARS
    assert answer.text == cited_answer("q", [SupportedClaim.quoting(P_LONG, a, b)]).text


def test_a_neighbour_that_would_pass_the_bound_is_left_out():
    a, b = LONG_SPANS[2]
    (c,) = narrowed(cited_answer("q", [SupportedClaim.quoting(P_LONG, a, b)]), _spans, chars=300).citations
    assert (c.start, c.end) == (LONG_SPANS[1][0], b)  # the one before fits (299), the one after not
    (c,) = narrowed(cited_answer("q", [SupportedClaim.quoting(P_LONG, a, b)]), _spans, chars=100).citations
    assert (c.start, c.end) == (a, b)  # a sentence longer than the bound is still quoted whole


def test_refusals_and_short_passages_keep_their_whole_passages():
    offered = refusal("q", [P_LONG, P1])
    assert narrowed(offered, _spans).citations == offered.citations
    answer = cited_answer("q", [C1])
    assert narrowed(answer, lambda *_: [(9, 40), (41, 61)]).citations == answer.citations  # 52 chars: all of it


def test_a_short_answer_leads_on_one_line():
    """A span across a wrapped line ("keyword\\nparameters into local variables") broke the
    answer's first line in two."""
    led = C1.led_by("1,500\nmigrants")
    assert led.text == "1,500 migrants — The caravan had 1,500 migrants."
    assert (led.support_start, led.support_end) == (C1.support_start, C1.support_end)


def test_a_short_answer_from_markdown_leads_without_its_marks():
    """Asked of this repository's own docs: "Licence of the weights**: derived from CC BY-SA 4.0"
    led the quote, the span starting inside a "**" pair and ending past it. The quote keeps the
    document's text; a .txt document's lead keeps its characters."""
    doc = "**Licence of the weights**: derived from CC BY-SA 4.0 data; see `models/reader/`."
    md = ScoredPassage(Passage("card.md:0", "card.md", "Card", doc, 0, len(doc)), 0.9, 0.7)
    quote = SupportedClaim(doc, md, 0, len(doc))
    assert quote.led_by("Licence of the weights**: derived from CC BY-SA 4.0").text == (
        f"Licence of the weights: derived from CC BY-SA 4.0 — {doc}"
    )
    assert quote.led_by("models/reader/`").text.startswith("models/reader/ — **Licence")
    row = "| [Yarn][] | `yarn`, `yarnpkg` |"
    in_table = SupportedClaim(
        row, ScoredPassage(Passage("pm.md:0", "pm.md", "PM", row, 0, len(row)), 0.9, 0.7), 0, len(row)
    )
    assert in_table.led_by("`yarn`, `yarnpkg` |").text == f"yarn, yarnpkg — {row}"
    assert in_table.led_by("##").text == row  # a heading's marks alone are no short answer
    assert in_table.led_by("## 10.0").text == f"10.0 — {row}"
    line = "Raised by :func:`process_tokens`; see :meth:`getattr`."
    rst = ScoredPassage(Passage("t.rst:0", "t.rst", "T", line, 0, len(line)), 0.9, 0.7)
    claim = SupportedClaim(line, rst, 0, len(line))
    assert claim.led_by(":func:`process_tokens`").text == f"process_tokens — {line}"
    assert claim.led_by("meth:`getattr`").text == f"getattr — {line}"
    txt = ScoredPassage(Passage("card.txt:0", "card.txt", "Card", doc, 0, len(doc)), 0.9, 0.7)
    assert SupportedClaim(doc, txt, 0, len(doc)).led_by("`models/reader/`").text.startswith("`models/reader/` — ")
