"""A passage of only headings stands for its section (rag/retrieve/sections.py)."""

from __future__ import annotations

import pytest

from rag.retrieve.sections import only_headings, only_questions, with_sections
from rag.types import Passage, ScoredPassage


def _p(source: str, text: str, start: int = 0, pid: str | None = None) -> Passage:
    return Passage(pid or f"{source}:{start}", source, "", text, start, start + len(text))


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("a.md", "## Class: `Decoder`\n\n### `new Decoder([encoding])`", True),
        ("a.md", "### `new Decoder([encoding])`\n\nCreates a new decoder.", False),
        ("a.rst", "Decoders\n========\n\nThe decoder class\n-----------------", True),
        ("a.rst", "Decoders\n========\n\nIt decodes.", False),
        ("a.rst", "========", False),
        ("a.txt", "# Not a heading in plain text", False),
    ],
)
def test_only_headings(source, text, expected):
    assert only_headings(_p(source, text)) is expected


def test_a_heading_passage_brings_its_section_right_after_it():
    heading = _p("d.md", "### `new Decoder([encoding])`", 100)
    body = _p("d.md", "* `encoding` {string} **Default:** `'utf8'`.", 160)
    later = _p("d.md", "### `decoder.end()`", 300)
    other = _p("e.md", "Something else entirely.", 0)
    passages = {"d.md": [later, body, heading], "e.md": [other]}
    got = with_sections([ScoredPassage(heading, 0.5), ScoredPassage(other, 0.4)], lambda s: passages[s])
    assert [(sp.passage.id, sp.score) for sp in got] == [(heading.id, 0.5), (body.id, 0.5), (other.id, 0.4)]
    # Already a candidate: not twice. Plain text: as it was.
    twice = with_sections([ScoredPassage(heading, 0.5), ScoredPassage(body, 0.3)], lambda s: passages[s])
    assert [sp.passage.id for sp in twice] == [heading.id, body.id]
    plain = [ScoredPassage(_p("n.txt", "# 1,500 migrants"), 0.9)]
    assert with_sections(plain, lambda s: []) == plain


@pytest.mark.integration
def test_the_answer_quotes_the_section_not_its_heading(tmp_path):
    """Node.js's API pages part each entry's heading from its text by a hidden comment, so the
    heading is a passage alone, and it was the answer: "### `new StringDecoder([encoding])` [1]",
    "callback — ### `setInterval(callback[, delay[, ...args]])` [1]" (Node.js's own pages, from
    the development sets eval/probes/mddocs and mddocs2)."""
    import shutil
    from pathlib import Path

    from rag.assistant import Assistant

    probes = Path(__file__).resolve().parents[2] / "eval" / "probes"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("mddocs/corpus/node_string_decoder.md", "mddocs2/corpus/node_timers.md"):
        shutil.copy(probes / name, corpus / Path(name).name)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    decoder = assistant.ask("Which encoding does a new StringDecoder use when no encoding is given?")
    c = decoder.citations[0]
    assert not decoder.refused and "###" not in decoder.text, decoder.text
    assert "the `StringDecoder` will use" in c.supporting_text()  # the section's own first line
    assert assistant.document_text(c.source)[c.start : c.end] == c.text
    timer = assistant.ask("If I give setInterval() a delay of 0, or one above 2147483647, what delay does Node.js use?")
    assert timer.text.startswith("1 — When `delay` is larger than `2147483647`"), timer.text


def test_a_passage_of_only_questions_is_an_faqs_question_not_a_paragraph_that_ends_in_one():
    """An FAQ's question line that became a passage of its own brings the next passage (its
    "A:" line); a paragraph whose last sentence asks (five of SQuAD's 2,600) holds statements
    before it and brings nothing: it moved the passages under it down a place, and a right
    answer fell under the evidence's bar."""

    def passage(text: str) -> Passage:
        return _p("faq.txt", text)

    assert only_questions(passage('Q: I get "KX-204: ledger file is locked". What does it mean?'))
    assert only_questions(passage("Can Tallyman send invoices by fax?"))
    assert only_questions(passage("Q: The importer uses 100% CPU on large statements."))
    assert not only_questions(passage("Thoreau admits that government may err. What should a citizen do?"))
    assert not only_questions(passage("A: Not directly. Export the invoice as PDF."))
