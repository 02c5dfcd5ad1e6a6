"""The web chat's HTML: escaping, [n] links, <mark> placement, context windows, panels."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from rag.types import Answer, Citation, DocumentInfo
from ui import render

pytestmark = pytest.mark.unit

HOSTILE = '<script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> ![p](http://x/p.png)'


class Tags(HTMLParser):
    """The elements and attributes a string of HTML would create."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def names(self) -> set[str]:
        return {t for t, _ in self.tags}


def cite(doc: str, passage: str, support: str | None, source="a.txt", title="A title", score=0.5) -> Citation:
    start = doc.index(passage)
    ss = se = None
    if support is not None:
        ss = doc.index(support, start)
        se = ss + len(support)
    return Citation(source, title, passage, start, start + len(passage), score, ss, se)


DOC = "Intro line. " * 80 + "The caravan had 1,500 people. It moved north. " + "Outro line. " * 80
PASSAGE = "The caravan had 1,500 people. It moved north."


def test_question_is_shown_literally():
    out = render.render_question(HOSTILE + "\nsecond line")
    assert Tags(out).names() == {"br"}
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in out


def test_answer_links_each_marker_to_its_source_of_this_turn():
    out = render.render_answer("It had 1,500 people [1] and moved [2].", turn=3, n_cites=2)
    links = [a for t, a in Tags(out).tags if t == "a"]
    assert [a["href"] for a in links] == ["#src-3-1", "#src-3-2"]
    assert all(a["class"] == "cite" and "target" not in a for a in links)
    assert out.startswith("It had 1,500 people <a ")


def test_answer_leaves_markers_without_a_source_and_document_html_as_text():
    out = render.render_answer(f"{HOSTILE} [1] [3] [x]", turn=1, n_cites=1)
    assert Tags(out).names() == {"a"}
    assert "[3] [x]" in out
    assert "&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;" in out
    assert "![p](http://x/p.png)" in out  # markdown stays text (the Chatbot renders no markdown)


def test_partial_answer_keeps_its_links():
    text = "It had 1,500 people. [1] It moved north. [2]"
    partial = "".join(list(render.word_chunks(text))[:2])
    out = render.render_answer(partial, 1, 2)
    assert out.count("<a ") == partial.count("[")


def test_refusal_is_labelled_and_offers_the_closest_passages():
    out = render.render_answer("I couldn't find this in the documents.", turn=2, n_cites=3, refused=True)
    assert 'class="badge-refused"' in out and "Not found in the documents" in out
    assert [a["href"] for t, a in Tags(out).tags if t == "a"] == ["#src-2-1", "#src-2-2", "#src-2-3"]
    assert "Closest passages" not in render.render_answer("Nothing.", 2, 0, refused=True)


def test_an_answer_the_reader_doubts_is_labelled_with_the_note_on_hover():
    note = 'Unsure: the reader model rates this answer 2% <"x">'
    out = render.render_answer("1.8 million — as many as 1.8 million people [1]", 1, 1, doubt=note)
    assert out.startswith(
        '<span class="badge-unsure" title="Unsure: the reader model rates this answer 2% &lt;&quot;x&quot;&gt;">'
    )
    assert "Unsure · check the source</span>" in out
    assert "badge-unsure" not in render.render_answer("1.8 million [1]", 1, 1)
    assert "badge-unsure" not in render.render_answer("Nothing.", 2, 0, refused=True, doubt=note)


def test_the_short_answer_is_bold_and_escaped():
    out = render.render_answer("1,500 <b> — The group had 1,500 <b> people [1]", 1, 1, short="1,500 <b>")
    assert out.startswith('<strong class="short-answer">1,500 &lt;b&gt;</strong> — The group')
    assert "<b>" not in out
    # a partial reply that has not reached the lead yet, or another text, is left as it is
    assert "<strong" not in render.render_answer("1,50", 1, 1, short="1,500")
    assert "<strong" not in render.render_answer("Other text [1]", 1, 1, short="1,500")


def test_word_chunks_give_the_text_back():
    text = "  One two three four five six seven [1]\nnext line.  "
    chunks = list(render.word_chunks(text))
    assert "".join(chunks) == text
    assert len(chunks) == 4  # 10 words, 3 a chunk
    assert list(render.word_chunks("")) == []
    assert "".join(render.word_chunks("single")) == "single"


def test_mark_wraps_exactly_the_supporting_sentence():
    c = cite(DOC, PASSAGE, "The caravan had 1,500 people.")
    out = render.render_passage(c)
    assert out == "<mark>The caravan had 1,500 people.</mark> It moved north."
    c = cite(DOC, PASSAGE, "It moved north.")
    assert render.render_passage(c) == "The caravan had 1,500 people. <mark>It moved north.</mark>"


def test_mark_content_is_escaped_and_absent_for_closest_passages():
    doc = "x <b>bold</b> claim. <img src=x onerror=alert(1)> after."
    c = cite(doc, doc, "<b>bold</b> claim.")
    out = render.render_passage(c)
    assert Tags(out).names() == {"mark"}
    assert "<mark>&lt;b&gt;bold&lt;/b&gt; claim.</mark>" in out
    assert "<mark>" not in render.render_passage(cite(DOC, PASSAGE, None))


def test_context_shows_text_around_the_passage_highlighted():
    c = cite(DOC, PASSAGE, "It moved north.")
    out = render.render_context(c, DOC, chars=100)
    assert out.startswith('<details class="ctx"><summary>Show in context</summary>')
    assert f'<span class="ctx-passage">{PASSAGE}</span>' in out
    before = out.split('<span class="ctx-passage">')[0].split('<div class="ctx-body">')[1]
    assert before.startswith("…") and len(before) == 101
    assert out.endswith("…</div></details>")
    whole = render.render_context(c, DOC, chars=100_000)
    assert "…" not in whole
    assert render.render_context(c, None) == ""
    assert render.render_context(c, "the document changed") == ""


def test_card_escapes_everything_from_the_document():
    doc = f"{HOSTILE} The point. After."
    c = cite(doc, doc, "The point.", source='evil"name<x>.txt', title=HOSTILE)
    out = render.render_card(4, 2, c, doc)
    tags = Tags(out)
    assert tags.names() == {"article", "header", "span", "div", "p", "mark", "details", "summary"}
    assert all(not k.startswith("on") for _, attrs in tags.tags for k in attrs)
    assert 'id="src-4-2"' in out
    assert "score 0.50" in out
    assert 'title="evil&quot;name&lt;x&gt;.txt"' in out


def test_untitled_and_closest_cards():
    c = cite(DOC, PASSAGE, None, title="  ")
    out = render.render_card(1, 1, c, DOC)
    assert "Untitled document" in out and 'class="src-card closest"' in out


def test_cards_of_a_refusal_say_they_are_only_the_closest():
    c = cite(DOC, PASSAGE, None)
    out = render.render_cards(1, Answer("No.", True, [c, c]), {"a.txt": DOC})
    assert "closest ones" in out and out.count("<article") == 2
    ok = render.render_cards(1, Answer("Yes [1].", False, [cite(DOC, PASSAGE, PASSAGE)]), {})
    assert "closest" not in ok and "<details" not in ok  # no document text, no context
    assert "No passages" in render.render_cards(1, Answer("No.", True, []), {})


def test_sources_panel_keeps_older_turns_collapsed():
    turns = [{"turn": n, "question": f"<q{n}>", "cards": f"<article id='src-{n}-1'></article>"} for n in (1, 2, 3)]
    out = render.render_sources(turns)
    assert out.index('id="turn-3"') < out.index('id="turn-2"') < out.index('id="turn-1"')
    assert out.count("<details") == 2 and '<section class="src-turn" id="turn-3">' in out
    assert "&lt;q1&gt;" in out
    assert render.render_sources([]) == render.EMPTY_SOURCES


def test_status_flag_marks_finished_turns():
    assert 'data-run="done" data-turn="4"' in render.render_status("done", 4, "1 source")
    refused = render.render_status("refused", 5)
    assert 'data-run="done"' in refused and "run-refused" in refused
    err = render.render_status("error", 1, "<b>bad</b>")
    assert 'data-run="error"' in err and "&lt;b&gt;bad&lt;/b&gt;" in err


def test_header_counts_documents_and_passages():
    docs = [
        DocumentInfo("a.txt", "A", 1),
        DocumentInfo("b.txt", "", 1200),
    ]
    assert "2 documents · 1,201 passages indexed" in render.render_header(docs)
    assert "1 document · 1 passage indexed" in render.render_header(docs[:1])


def test_document_list_escapes_names_and_shows_errors():
    docs = [DocumentInfo("x<img src=y onerror=z>.txt", HOSTILE, 2)]
    out = render.render_documents(docs, "Accepted: .txt", ["Added x.txt."], ["bad.pdf: <unreadable>"])
    assert Tags(out).names() == {"p", "ul", "li", "span"}
    assert 'class="doc-error" role="alert">bad.pdf: &lt;unreadable&gt;' in out
    assert "2 passages" in out
    assert "No documents indexed" in render.render_documents([])


def test_a_long_document_list_shows_the_first_ones_and_says_how_many_more():
    from rag.types import DocumentInfo

    docs = [DocumentInfo(f"notes/note-{i:05d}.md", f"Note {i}", 1) for i in range(render.MAX_LISTED + 1234)]
    out = render.render_documents(docs)
    assert out.count("<li ") == render.MAX_LISTED
    assert "…and 1,234 more documents: type a name in “Remove a document” to find one." in out
    assert "and" not in render.render_documents(docs[:3]).split("</ul>")[1]


def test_bidirectional_controls_from_a_document_cannot_reorder_the_page():
    """ "The auditor is \\u202eSam Lee." (an override never closed) showed as "The auditor is [1]
    .eeL maS": the rest of the answer's markup, its [1] link included, was drawn right to left
    inside the quote. The controls go, as from the CLI's output; the text reads as stored."""
    rlo = "\u202e"
    out = render.render_answer(f"Sam Lee — The auditor is {rlo}Sam Lee. [1]", 1, 1, short="Sam Lee")
    assert rlo not in out and "The auditor is Sam Lee. <a " in out
    doc = f"Intro. The auditor is {rlo}Sam Lee.\u2067 After."
    c = cite(doc, f"The auditor is {rlo}Sam Lee.", f"The auditor is {rlo}Sam Lee.", title=f"Audit {rlo}report")
    card = render.render_card(1, 1, c, doc) + render.render_context(c, doc)
    assert not any(ch in card for ch in (rlo, "\u2067")) and "Sam Lee." in card and "Audit report" in card


def test_the_remove_box_labels_read_as_stored_without_bidirectional_controls():
    from ui.handlers import remove_choices

    docs = [DocumentInfo("a.txt", "Audit \u202ereport", 3), DocumentInfo("b\u202etxt.exe", "", 1)]
    assert remove_choices(docs) == [("Audit report (a.txt)", "a.txt"), ("btxt.exe", "b\u202etxt.exe")]
