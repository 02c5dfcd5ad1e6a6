"""The web chat in a real browser: `rag serve` over a copy of corpus/, driven through Chromium.

Screenshots of each step go to tests/artifacts/ (1280x800, and 390x844 for the phone layout).
"""

from __future__ import annotations

import re
import time

import pytest

from tests.ui.conftest import BOT_MSG, CHAT_INPUT, MAX_FILE_MB, SEND, USER_MSG

pytestmark = pytest.mark.browser

CARAVAN = "How many migrants were in the caravan that Trump attacked Mexico over?"
MINISTER = "Who is the Mexican foreign minister in 2019?"
FOLLOW_UP = "What did he say about a safe third country?"
OFF_TOPIC = "What is the capital of Peru?"
ACTIVE = re.compile(r"\bis-active\b")

XSS_DOC = (
    'Quokka field notes <img src=x onerror="window.__xss=3">\n\n'
    "The quokka smiles <script>window.__xss=1</script> at visitors on Rottnest island.\n"
    'Beware <img src=x onerror="window.__xss=2"> of quokka selfies on Rottnest island. '
    "A quokka pixel ![t](http://127.0.0.1:9/pixel.png) and [a quokka link](https://example.com).\n"
)


def expect(*args, **kwargs):
    from playwright.sync_api import expect as _expect

    return _expect(*args, **kwargs)


def _in_sources_box(page, element_id: str) -> bool:
    """The card's top edge is inside the visible part of the scrolling sources panel."""
    return page.evaluate(
        """(id) => { const c = document.getElementById(id).getBoundingClientRect();
                     const p = document.getElementById('sources').getBoundingClientRect();
                     return c.top >= p.top - 1 && c.top < p.bottom && c.bottom > p.top; }""",
        element_id,
    )


def test_start_page_says_what_it_knows(open_chat):
    chat = open_chat()
    page = chat.page
    expect(page.locator("#kb-stats")).to_have_text(re.compile(r"^\d+ documents? · \d+ passages? indexed$"))
    assert chat.doc_count() >= 3
    expect(page.locator("#sources")).to_contain_text("Ask a question")
    expect(page.locator("#run-flag")).to_have_attribute("data-run", "idle")
    chat.shot("ui-01-start")
    chat.open_accordion("docs-acc")
    expect(page.locator("#doclist li")).to_have_count(chat.doc_count())


def test_answer_streams_with_cited_highlighted_sources(open_chat, server):
    chat = open_chat()
    page = chat.page
    chat.submit(CARAVAN)
    lengths, flag = [], None
    deadline = time.time() + 60
    while time.time() < deadline:
        flag = page.get_attribute("#run-flag", "data-run")
        if page.locator(BOT_MSG).count():
            lengths.append(len(page.locator(BOT_MSG).last.inner_text()))
        if flag == "done":
            break
        time.sleep(0.03)
    assert flag == "done"
    assert len(set(lengths)) >= 3, f"the answer did not stream: {lengths}"
    assert lengths == sorted(lengths)

    answer = chat.last_answer()
    expect(answer).to_contain_text("1,500")
    links = answer.locator("a.cite")
    assert links.count() >= 1
    expect(links.first).to_have_text("[1]")
    assert links.first.get_attribute("href") == "#src-1-1"
    assert links.first.get_attribute("target") is None  # '#' links stay in the page
    cards = page.locator("#sources .src-card")
    expect(cards).to_have_count(links.count())
    card = page.locator("#src-1-1")
    expect(card.locator(".src-title")).not_to_be_empty()
    expect(card.locator(".src-file")).to_have_text(re.compile(r"\.txt$"))
    expect(card.locator(".src-score")).to_have_text(re.compile(r"^score \d+\.\d\d$"))
    expect(page.locator("#run-flag")).to_contain_text("Answered")
    chat.shot("ui-02-answer")

    expect(card).not_to_have_class(ACTIVE)
    links.first.click()
    expect(card).to_have_class(ACTIVE)
    mark = card.locator("mark")
    expect(mark).to_have_count(1)
    expect(mark).to_contain_text("1,500")
    page.wait_for_timeout(700)  # smooth scrolling
    expect(mark).to_be_in_viewport()
    assert _in_sources_box(page, "src-1-1")
    assert page.url == server.url and len(page.context.pages) == 1  # no navigation, no new tab

    ctx = card.locator("details.ctx")
    ctx.locator("summary").click()
    expect(ctx).to_have_attribute("open", "")
    expect(ctx.locator(".ctx-passage")).to_contain_text("1,500")
    body = ctx.locator(".ctx-body").inner_text()
    assert len(body) > len(card.locator(".src-passage").inner_text()) + 200  # text around the passage
    chat.shot("ui-03-cited")


def test_follow_up_question_uses_the_conversation(open_chat):
    chat = open_chat()
    chat.ask(MINISTER, press_enter=True)
    expect(chat.last_answer()).to_contain_text("Foreign Minister")
    chat.ask(FOLLOW_UP)
    answer = chat.last_answer()
    expect(answer).to_contain_text("Ebrard")
    expect(answer).to_contain_text("safe third country")
    expect(answer.locator("a.cite[href='#src-2-1']")).to_have_count(1)
    # the first answer's sources are kept, collapsed; its [1] still opens them
    page = chat.page
    expect(page.locator("#turn-1")).not_to_have_attribute("open", "")
    page.locator(f"{BOT_MSG} a.cite[href='#src-1-1']").click()
    expect(page.locator("#turn-1")).to_have_attribute("open", "")
    expect(page.locator("#src-1-1")).to_have_class(ACTIVE)
    page.locator("#turn-1 > summary").click()  # collapse it again for the screenshot
    page.locator(f"{BOT_MSG} a.cite[href='#src-2-1']").click()
    page.wait_for_timeout(700)
    chat.shot("ui-04-follow-up")


def test_refusal_is_shown_with_closest_passages(open_chat):
    chat = open_chat()
    page = chat.page
    chat.ask(OFF_TOPIC)
    answer = chat.last_answer()
    expect(answer.locator(".badge-refused")).to_have_text("Not found in the documents")
    expect(answer.locator(".closest a.cite").first).to_be_visible()
    expect(page.locator("#sources .src-note")).to_contain_text("closest")
    cards = page.locator("#sources .src-card.closest")
    assert cards.count() >= 1
    assert page.locator("#sources mark").count() == 0  # nothing supports an answer
    expect(page.locator("#run-flag")).to_contain_text("Not found")
    chat.shot("ui-05-refusal")


def test_upload_is_indexed_with_progress_then_answerable(open_chat):
    chat = open_chat()
    page = chat.page
    before = chat.doc_count()
    chat.open_accordion("docs-acc")
    # Indexing one small file takes a fraction of a second: record the progress bar when it shows.
    page.evaluate(
        """() => { window.__sawProgress = false;
                   new MutationObserver(() => {
                     if (document.querySelector('#doclist [data-testid="status-tracker"]:not(.hide)'))
                       window.__sawProgress = true;
                   }).observe(document.body, {subtree: true, childList: true, attributes: true}); }"""
    )
    doc = (
        "# Zorblat Festival\n\n"
        "The Zorblat festival is held every year in the village of Quenvale on 7 March.\n\n"
        "In 2024 the Zorblat festival drew 4,321 visitors, a record according to the organisers.\n"
    )
    chat.upload("zorblat festival.md", doc.encode(), "text/markdown")
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Added zorblat festival.md")
    expect(page.locator("#doclist li[data-source='zorblat festival.md']")).to_contain_text("Zorblat Festival")
    assert page.evaluate("window.__sawProgress")
    expect(page.locator("#kb-stats")).to_contain_text(f"{before + 1} documents")
    chat.shot("ui-06-uploaded")

    chat.ask("How many visitors did the Zorblat festival draw in 2024?")
    expect(chat.last_answer()).to_contain_text("4,321")
    expect(page.locator("#src-1-1 .src-file")).to_have_text("zorblat festival.md")
    expect(page.locator("#src-1-1 mark")).to_contain_text("4,321")
    chat.shot("ui-07-answer-from-upload")


def test_rejected_uploads_say_why_and_change_nothing(open_chat, server):
    chat = open_chat()
    page = chat.page
    before = chat.doc_count()
    corpus_before = sorted(p.name for p in server.corpus.iterdir())

    chat.upload("broken.pdf", b"this is not a PDF", "application/pdf")
    expect(page.locator("#doclist .doc-error")).to_contain_text("broken.pdf: corrupt or unreadable PDF")
    expect(page.locator("[data-testid='toast-body']").first).to_contain_text("broken.pdf")

    big = b"too big to index. " * int(MAX_FILE_MB * 1e6 / 18 + 1000)
    chat.upload("big.txt", big)
    expect(page.locator("#doclist .doc-error")).to_contain_text(f"big.txt: 1.02 MB is over the {MAX_FILE_MB} MB limit")

    chat.upload("empty.txt", b"   \n")
    expect(page.locator("#doclist .doc-error")).to_contain_text("empty.txt: the file is empty")
    chat.shot("ui-08-rejected")

    # a type the upload does not accept never reaches the library
    chat.upload("tool.exe", b"MZ\x90\x00", "application/octet-stream")
    expect(page.locator("[data-testid='toast-body']", has_text="Invalid file type").first).to_be_visible()

    assert chat.doc_count() == before
    assert page.locator("#doclist li").count() == before
    assert sorted(p.name for p in server.corpus.iterdir()) == corpus_before
    for name in ("broken.pdf", "big.txt", "empty.txt", "tool.exe"):
        assert page.locator(f"#doclist li[data-source='{name}']").count() == 0


def test_a_pdf_that_breaks_the_parser_is_rejected_and_later_uploads_work(open_chat, server):
    from tests.ingest.fuzzing import tiny_pdf

    chat = open_chat()
    page = chat.page
    before = chat.doc_count()
    corpus_before = sorted(p.name for p in server.corpus.iterdir())

    # pypdf raises NotImplementedError on an unknown stream filter: once, that stopped everything.
    chat.upload("flote.pdf", tiny_pdf(filter_name=b"/FloteDecode"), "application/pdf")
    expect(page.locator("#doclist .doc-error")).to_contain_text(
        "flote.pdf: corrupt or unreadable PDF (NotImplementedError"
    )
    expect(page.locator("[data-testid='toast-body']", has_text="flote.pdf").first).to_be_visible()
    assert str(server.corpus) not in page.locator("#doclist").inner_text()
    assert sorted(p.name for p in server.corpus.iterdir()) == corpus_before
    assert chat.doc_count() == before
    chat.shot("ui-08b-parser-error")

    chat.upload("after the bad one.txt", b"Ferry news\n\nThe Skerry ferry carried 2,718 passengers in May.\n")
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Added after the bad one.txt")
    expect(page.locator("#kb-stats")).to_contain_text(f"{before + 1} documents")
    chat.ask("How many passengers did the Skerry ferry carry in May?")
    expect(chat.last_answer()).to_contain_text("2,718")


def test_document_content_is_shown_as_text_and_runs_nothing(open_chat):
    chat = open_chat()
    page = chat.page
    chat.upload("quokka.txt", XSS_DOC.encode())
    expect(page.locator("#doclist li[data-source='quokka.txt']")).to_be_visible()
    expect(page.locator("#doclist li[data-source='quokka.txt'] .src-title")).to_have_text(
        'Quokka field notes <img src=x onerror="window.__xss=3">'
    )

    chat.ask("What does the quokka do at visitors on Rottnest island?")
    answer = chat.last_answer()
    expect(answer).to_contain_text("<script>window.__xss=1</script>")
    sources = page.locator("#sources")
    expect(sources).to_contain_text("The quokka smiles <script>window.__xss=1</script> at visitors")
    expect(page.locator("#src-1-1 .src-title")).to_have_text('Quokka field notes <img src=x onerror="window.__xss=3">')
    page.locator("#src-1-1 details.ctx > summary").click()
    ctx = page.locator("#src-1-1 .ctx-body")
    expect(ctx).to_contain_text('Beware <img src=x onerror="window.__xss=2"> of quokka selfies')
    expect(ctx).to_contain_text("![t](http://127.0.0.1:9/pixel.png)")

    # Copied, the answer is the text it shows: its HTML was put on the clipboard
    # ('<strong class="short-answer">…<a class="cite" …>[1]</a>'), the document's "<script>" as text.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    answer.hover()
    page.locator("#chatbot button[aria-label*='opy' i]").last.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "<script>window.__xss=1</script>" in copied and copied.rstrip().endswith("[1]"), copied
    assert "<strong" not in copied and "class=" not in copied and "&lt;" not in copied

    # a hostile question is shown literally too
    chat.ask('<img src=x onerror="window.__xss=4"> quokka selfies on Rottnest?')
    expect(page.locator(USER_MSG).last).to_have_text('<img src=x onerror="window.__xss=4"> quokka selfies on Rottnest?')

    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#sources script, #sources img, #doclist img, #chatbot .message-content script").count() == 0
    assert page.locator("#chatbot .message-content img").count() == 0
    assert page.locator("#chatbot .message-content a[href^='http']").count() == 0
    chat.shot("ui-09-xss-inert")


def test_two_browsers_keep_separate_conversations(open_chat):
    a = open_chat()
    b = open_chat()
    a.submit(MINISTER)
    b.submit(CARAVAN)  # both run at once (queue concurrency 2)
    a.wait_done(1)
    b.wait_done(1)
    a.ask(FOLLOW_UP)
    expect(a.page.locator(USER_MSG)).to_have_count(2)
    expect(b.page.locator(USER_MSG)).to_have_count(1)
    expect(a.last_answer()).to_contain_text("safe third country")
    expect(b.last_answer()).to_contain_text("1,500")
    assert "caravan that Trump" not in a.page.locator("#chatbot").inner_text()
    assert "safe third country" not in b.page.locator("#chatbot").inner_text()
    expect(b.page.locator("#run-flag")).to_have_attribute("data-turn", "1")
    expect(a.page.locator("#sources .src-turn")).to_have_count(2)
    expect(b.page.locator("#sources .src-turn")).to_have_count(1)
    b.shot("ui-10-second-session")
    # Clear starts a new conversation; a reload gives a new session
    a.page.click("#clear-btn")
    expect(a.page.locator(USER_MSG)).to_have_count(0)
    expect(a.page.locator("#sources .src-card")).to_have_count(0)
    a.ask(CARAVAN)
    expect(a.page.locator("#run-flag")).to_have_attribute("data-turn", "1")
    b.page.reload()
    b.page.wait_for_selector(CHAT_INPUT)
    expect(b.page.locator(USER_MSG)).to_have_count(0)


def test_an_upload_replaces_a_document_of_its_name_only_when_asked(open_chat, server):
    """A new version of a document had to be removed and uploaded again (its answers gone in
    between). The upload refuses the name as before, unless the user ticks the box."""
    chat = open_chat()
    page = chat.page
    chat.upload("ferry timetable.txt", b"Ferry timetable\n\nThe Skerry ferry leaves Port Elwen at 06:40 on weekdays.\n")
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Added ferry timetable.txt (1 passage).")
    count = chat.doc_count()
    changed = b"Ferry timetable\n\nFrom June the Skerry ferry leaves Port Elwen at 07:15 on weekdays.\n"

    chat.upload("ferry timetable.txt", changed)
    expect(page.locator("#doclist .doc-error")).to_contain_text(
        "ferry timetable.txt: a document with this name already exists; rename the file, or replace the document"
    )
    assert b"06:40" in (server.corpus / "ferry timetable.txt").read_bytes()

    page.locator("#replace-docs input").check()
    chat.upload("ferry timetable.txt", changed)
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Replaced ferry timetable.txt (1 passage).")
    expect(page.locator("#kb-stats")).to_contain_text(f"{count} documents")
    assert (server.corpus / "ferry timetable.txt").read_bytes() == changed
    assert not [p.name for p in server.corpus.iterdir() if p.name.startswith(".")]  # nothing set aside is left
    chat.shot("ui-10b-replaced")

    chat.ask("When does the Skerry ferry leave Port Elwen from June?")
    expect(chat.last_answer()).to_contain_text("07:15")


def test_remove_a_document(open_chat, server):
    chat = open_chat()
    page = chat.page
    chat.upload("remove me.txt", b"Temporary note\n\nThe blue heron of Lake Vexmoor nests in April.\n")
    item = page.locator("#doclist li[data-source='remove me.txt']")
    expect(item).to_be_visible()
    count = chat.doc_count()

    page.locator("#find-doc textarea, #find-doc input").first.press_sequentially("remove me")  # the server finds it
    page.wait_for_timeout(1000)  # the last keystroke's choices are in (an open list keeps the ones it opened with)
    page.locator("#remove-doc input").click()
    expect(page.get_by_role("option")).to_have_count(1)  # of four documents, the one found
    page.get_by_role("option", name="Temporary note (remove me.txt)").click()
    expect(page.locator("#remove-doc input")).to_have_value("Temporary note (remove me.txt)")
    # The browser asks first; saying no removes nothing.
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#remove-btn")
    expect(item).to_be_visible()
    page.wait_for_timeout(1000)  # a removal, had it been sent, is done by now
    # Said no: no error either (Gradio refused the "cancelled" mark as no document it offered, and
    # its message listed every document's file name).
    expect(page.locator(".toast-body")).to_have_count(0)
    assert asked and "remove me.txt" in asked[0]
    assert (server.corpus / "remove me.txt").exists() and chat.doc_count() == count
    page.once("dialog", lambda d: d.accept())
    page.click("#remove-btn")
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Removed remove me.txt")
    expect(item).to_have_count(0)
    expect(page.locator("#kb-stats")).to_contain_text(f"{count - 1} documents")
    assert not (server.corpus / "remove me.txt").exists()
    chat.shot("ui-11-removed")

    chat.ask("Where does the blue heron of Lake Vexmoor nest?")
    assert page.locator("#sources .src-file", has_text="remove me.txt").count() == 0


def test_settings_top_k_and_answer_back_end(open_chat):
    chat = open_chat()
    page = chat.page
    chat.open_accordion("settings-acc")
    expect(page.locator("#backend input")).to_have_value("extractive")
    page.locator("#backend input").click()
    expect(page.get_by_role("option", name="extractive")).to_be_visible()
    page.keyboard.press("Escape")
    num = page.locator("#top-k input[type='number']")
    num.fill("1")
    num.press("Enter")
    chat.ask(OFF_TOPIC)
    expect(page.locator("#sources .src-card")).to_have_count(1)
    num.fill("2")
    num.press("Enter")
    chat.ask(OFF_TOPIC)
    expect(page.locator("#turn-2 .src-card")).to_have_count(2)
    chat.shot("ui-12-settings")

    # Who picks the answer: by default the reader checks the evidence's doubted answer; the
    # evidence alone quotes another sentence, unsure (a new conversation, five passages).
    page.click("#clear-btn")
    num.fill("5")
    num.press("Enter")
    expect(page.locator("#decide input[value='checked']")).to_be_checked()
    chat.ask("At which airport did Blinken land for his Mexico trip?")
    expect(chat.last_answer()).to_contain_text("Felipe Angeles International Airport — ")
    chat.shot("ui-12b-reader-checks")
    page.locator("#decide label", has_text="The evidence").first.click()
    expect(page.locator("#decide input[value='evidence']")).to_be_checked()
    chat.ask("At which airport did Blinken land for his Mexico trip?")
    expect(chat.last_answer()).not_to_contain_text("Felipe Angeles International Airport — ")
    expect(chat.last_answer()).to_contain_text("Unsure")


def test_phone_layout(open_chat):
    chat = open_chat(390, 844, mobile=True)
    page = chat.page
    chat.shot("ui-13-phone-start")
    chat.ask(CARAVAN)
    chat.shot("ui-14-phone-answer")
    chat.last_answer().locator("a.cite").first.click()
    page.wait_for_timeout(800)
    expect(page.locator("#src-1-1")).to_have_class(ACTIVE)
    expect(page.locator("#src-1-1 mark")).to_be_in_viewport()
    chat.shot("ui-15-phone-cited")
    chat.open_accordion("docs-acc")
    chat.shot("ui-16-phone-full", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    # the controls are reachable on a phone
    for sel in (CHAT_INPUT, SEND, "#clear-btn", "#upload-btn", "#remove-btn"):
        box = page.locator(sel).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, sel


def test_a_word_document_and_a_notebook_are_uploaded_and_answered_from(open_chat, server):
    """The upload accepts the new kinds (Gradio checks the type in the page first, as it refused
    tool.exe above), and their text answers with a citation."""
    from tests.ingest.fuzzing import word_handbook
    from tests.ingest.test_notebook import notebook

    chat = open_chat()
    page = chat.page
    before = chat.doc_count()
    docx_mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    chat.upload("handbook.docx", word_handbook(), docx_mime)
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Added handbook.docx")
    chat.upload("tides.ipynb", notebook(), "application/x-ipynb+json")
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Added tides.ipynb")
    expect(page.locator("#kb-stats")).to_contain_text(f"{before + 2} documents")
    chat.ask("Who is the forklift driver?")
    expect(chat.last_answer()).to_contain_text("Ann Lee")
    chat.ask("How high was the highest tide at Port Elwen?")
    expect(chat.last_answer()).to_contain_text("4.2 metres")
    assert {"handbook.docx", "tides.ipynb"} <= {p.name for p in server.corpus.iterdir()}


def test_a_spreadsheet_saved_as_csv_is_uploaded_and_a_cell_answers(open_chat, server):
    """A .csv is read as its table: the row the question names, the column it asks for, the
    row quoted in the chat as it stands (pipes and all, never drawn as a Markdown table)."""
    chat = open_chat()
    page = chat.page
    data = b"Part number,Supplier,Unit price (EUR)\nPN-1001,Kovac GmbH,4.86\nPN-1002,Oduya Ltd,6.21\n"
    chat.upload("parts.csv", data, "text/csv")
    expect(page.locator("#doclist .doc-ok")).to_contain_text("Added parts.csv")
    chat.ask("Who supplies PN-1002?")
    expect(chat.last_answer()).to_contain_text("Oduya Ltd — | PN-1002 | Oduya Ltd | 6.21 |")
    assert "parts.csv" in {p.name for p in server.corpus.iterdir()}
