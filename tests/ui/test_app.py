"""The web chat's handlers (ui/handlers.py, ui/service.py) over the real `rag.Assistant`: streaming, history, errors,
uploads, document removal, locking.

Questions go to the session-wide `assistant` (tests/conftest.py: a copy of corpus/, indexed
once; read only). Tests that change documents get their own Assistant over a fresh copy of
corpus/ and a new index (`fresh_service`). The only stand-ins are two fault injections on a real
instance: an unexpected exception, and a question held in flight to test the index lock.
The browser tests (test_browser.py) drive the same handlers through Chromium.
"""

from __future__ import annotations

import itertools
import threading

import gradio as gr
import pytest

from rag.errors import RagError

unit = pytest.mark.unit  # no model loads
integration = pytest.mark.integration  # real MiniLM embedder, real Chroma on temporary folders

CARAVAN = "How many migrants were in the caravan that Trump attacked Mexico over?"
CARAVAN_DOC = "000_fd849027655b63a4.txt"  # "Trump outraged over Mexico migrant 'caravan'"
UNTITLED_DOC = "001_5a697cbeb227ac85.txt"  # the corpus document without a title
BLINKEN_DOC = "002_45397eb93afc9b26.txt"
OFF_TOPIC = "Who won the 2022 World Cup?"
MINISTER = "Who is the Mexican foreign minister?"
# Alone this is answered with a Trump quote; after MINISTER it is about a foreign minister.
FOLLOW_UP = "What did he say?"


@pytest.fixture
def service(assistant):
    from ui.service import ChatService

    return ChatService(assistant, stream_delay=0)


@pytest.fixture
def fresh_service(corpus_copy, tmp_path):
    """A ChatService over its own Assistant and index, for tests that add or remove documents."""
    from rag.assistant import Assistant
    from ui.service import ChatService

    return ChatService(Assistant(corpus_dir=corpus_copy, index_dir=tmp_path / "index"), stream_delay=0)


def run(service, question, sess, top_k=5, backend="extractive", decide=None):
    from ui.handlers import respond

    return list(respond(service, question, sess, top_k, backend, decide))


def hold(monkeypatch, obj, name: str) -> tuple[threading.Event, threading.Event]:
    """Fault injection on a real instance: once called, obj.<name> waits until released, then
    does its real work. Returns the events (called, release)."""
    called, release = threading.Event(), threading.Event()
    real = getattr(obj, name)

    def held(*args, **kwargs):
        called.set()
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, held)
    return called, release


def panel_of(steps) -> str:
    """The sources panel a reply sent: once, with its first streamed step."""
    panels = [s.sources for s in steps if isinstance(s.sources, str)]
    assert len(panels) == 1
    return panels[0]


@integration
def test_answer_is_revealed_progressively_then_recorded(service):
    from ui.handlers import new_session

    steps = run(service, CARAVAN, new_session(), top_k=3)
    chat_values = [s[0] for s in steps]
    bot_texts = [v[-1]["content"] for v in chat_values if v[-1]["role"] == "assistant"]
    partial, final = bot_texts[:-1], bot_texts[-1]
    assert len(partial) >= 4 and all(len(a) < len(b) for a, b in itertools.pairwise(partial))
    assert final == partial[-1]  # the last step only marks the turn done
    assert steps[0].status.count('data-run="retrieving"') == 1 and steps[0].question_box == ""  # input box cleared
    assert "1,500" in final and 'href="#src-1-1"' in final
    final_sess, status = steps[-1].session, steps[-1].status
    sources = panel_of(steps)  # sent with the first streamed step, not again
    assert 'data-run="done" data-turn="1"' in status and "1 source" in status
    assert 'id="src-1-1"' in sources and "<mark>" in sources and "1,500" in sources
    expected = service.assistant.chat(CARAVAN, top_k=3).text  # plain text, not the page's HTML
    assert "1,500" in expected and expected.endswith("[1]")
    assert final_sess["history"] == [
        {"role": "user", "content": CARAVAN},
        {"role": "assistant", "content": expected},
    ]


@integration
def test_follow_up_gets_the_conversation_so_far(service):
    from ui.handlers import new_session

    sess = run(service, MINISTER, new_session())[-1].session
    steps = run(service, FOLLOW_UP, sess)
    last = steps[-1]
    answer = last.session["history"][-1]["content"]
    # About the minister the first answer named (Alicia Barcena), not the Trump quote it gets alone.
    assert "Foreign Minister Alicia Barcena" in answer and "Trump" not in answer, answer
    # The evidence alone takes "he" for the other foreign minister, unsure.
    sess = run(service, MINISTER, new_session(), decide="evidence")[-1].session
    answer = run(service, FOLLOW_UP, sess, decide="evidence")[-1].session["history"][-1]["content"]
    assert "Ebrard" in answer and "safe third country" in answer
    assert [m["content"] for m in last.session["history"] if m["role"] == "user"] == [MINISTER, FOLLOW_UP]
    assert last.session["turn"] == 2 and len(last.session["messages"]) == 4
    assert 'id="turn-1"' in panel_of(steps) and 'id="turn-2"' in panel_of(steps)


@integration
def test_sessions_do_not_share_state(service):
    from ui.handlers import new_session

    a, b = new_session(), new_session()
    a_after = run(service, MINISTER, a)[-1].session
    assert b == new_session() and a == new_session()  # handlers never mutate the session they get
    assert len(a_after["history"]) == 2
    b_after = run(service, FOLLOW_UP, b)[-1].session  # b never asked about the minister
    assert b_after["turn"] == 1 and "Ebrard" not in b_after["history"][-1]["content"]


@integration
def test_an_answer_the_reader_doubts_is_marked_and_says_why(service):
    """The documents don't say which company built the border wall prototypes; the evidence quotes
    "Must pass tough laws and build the WALL." and the reader doubts it (15%): the answer is marked
    with the reason, the status line says it. "How many migrants did Mexico deport in 2021?" has two
    doubts that agree (its DACA sentence names no year, its article never names 2021; the reader
    rates it 2%): it is shown as refused, the status line saying why."""
    from ui.handlers import new_session

    last = run(service, "Which company built the border wall prototypes?", new_session())[-1]
    bot = last.chatbot[-1]["content"]
    assert bot.startswith('<span class="badge-unsure" title="Unsure: the reader model rates this answer 15%')
    assert "Unsure: the reader model rates this answer 15%, below the 50% it needs" in last.status
    refused = run(service, "How many migrants did Mexico deport in 2021?", new_session())[-1]
    assert "badge-refused" in refused.chatbot[-1]["content"]
    assert "its document never speaks of 2021; the reader model rates the answer 2%" in refused.status
    sure = run(service, "How many additional Border Patrol agents would Biden's package fund?", new_session())[-1]
    assert "badge-unsure" not in sure.chatbot[-1]["content"] and "Unsure" not in sure.status


@integration
def test_refusal_is_shown_as_such(service):
    from ui.handlers import new_session

    steps = run(service, OFF_TOPIC, new_session(), top_k=2)
    last = steps[-1]
    bot = last.chatbot[-1]["content"]
    assert "badge-refused" in bot and "Closest passages to read" in bot
    assert 'data-run="done"' in last.status and "run-refused" in last.status
    assert "2 closest passages shown" in last.status  # top-k from the page reaches the retriever
    assert "<mark>" not in panel_of(steps)
    assert last.session["history"][-1]["content"] == "I couldn't find this in the documents."


@integration
def test_question_over_the_limit_keeps_the_conversation_and_the_question(service):
    from ui.handlers import new_session

    sess = run(service, CARAVAN, new_session())[-1].session
    question = "Why? " * 500  # over Settings.max_question_chars (2,000): BadQuestion
    with pytest.warns(UserWarning):  # gr.Warning outside a request
        steps = run(service, question, sess)
    last = steps[-1]
    assert last.chatbot == sess["messages"] and last.session is sess
    assert 'data-run="error"' in last.status and "the limit is 2,000" in last.status
    # Said before it is shown: the question was never put in the chat, so the box keeps it as it
    # was typed (not sent back: one of 100 MB went out again whole).
    assert not any(question.strip()[:100] in str(step.chatbot) for step in steps)
    assert isinstance(last.question_box, type(gr.skip()))


@integration
def test_unexpected_error_keeps_the_conversation_and_the_question(service, monkeypatch):
    from ui.handlers import new_session

    sess = run(service, CARAVAN, new_session())[-1].session

    # Fault injection: no real input makes the library raise a non-RagError, and the page must
    # survive one. Undone after the test, so the shared assistant is unchanged.
    def explode(*args, **kwargs):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(service.assistant, "ask_stream", explode)
    with pytest.warns(UserWarning, match="Something went wrong"):
        last = run(service, MINISTER, sess)[-1]
    assert last.chatbot == sess["messages"] and last.session is sess
    assert 'data-run="error"' in last.status and "RuntimeError: index exploded" in last.status
    assert last.question_box == MINISTER


@integration
def test_empty_question_does_nothing(service):
    import gradio as gr

    from ui.handlers import new_session

    sess = new_session()
    steps = run(service, "   ", sess)
    assert len(steps) == 1 and steps[0].session is sess
    assert [steps[0].chatbot, steps[0].sources, steps[0].status, steps[0].question_box] == [gr.skip()] * 4


@integration
def test_unknown_back_end_is_refused(service):
    from ui.handlers import new_session

    sess = new_session()
    with pytest.warns(UserWarning):
        last = run(service, CARAVAN, sess, backend="gpt-9")[-1]
    assert "not configured" in last.status and last.session is sess and last.chatbot == []
    assert last.question_box == CARAVAN


@integration
def test_who_picks_the_answer_is_chosen_per_question(service):
    """The page's "Who picks the answer" (Settings.decide) for this tab's questions only: the
    server's assistant keeps its own; an unknown choice is refused like an unknown back end."""
    from ui.handlers import new_session

    question = "At which airport did Blinken land for his Mexico trip?"
    evidence = run(service, question, new_session(), decide="evidence")[-1].chatbot[-1]["content"]
    checked = run(service, question, new_session())[-1].chatbot[-1]["content"]
    lead = '<strong class="short-answer">Felipe Angeles International Airport</strong> — '
    assert lead not in evidence and "Unsure" in evidence
    assert lead in checked and "Unsure" not in checked
    assert service.assistant.settings.decide == "checked"
    with pytest.warns(UserWarning):
        last = run(service, question, new_session(), decide="coin toss")[-1]
    assert "not a way to decide" in last.status and last.chatbot == []


@unit
def test_back_ends_come_from_the_settings():
    from rag.settings import Settings

    assert Settings(corpus_dir="c", index_dir="i").backends() == ["extractive"]
    assert Settings(corpus_dir="c", index_dir="i", llm="openai").backends() == ["extractive", "openai"]


@integration
def test_uploads_report_progress_successes_and_rejections(fresh_service, tmp_path):
    from ui.handlers import upload_files

    assistant = fresh_service.assistant
    up = tmp_path / "uploads"
    up.mkdir()
    good, empty, other = up / "lighthouse.txt", up / "empty.txt", up / "notes.wpd"
    good.write_text(
        "The Fastnet Lighthouse\n\nThe keeper of the Fastnet lighthouse counted 412 gannets "
        "on the rock on Tuesday, a record for the colony.\n"
    )
    empty.write_text("")
    other.write_bytes(b"PK\x03\x04 not a format we read")
    seen = []

    def progress(fraction, desc=None):  # what gr.Progress is called with
        seen.append((fraction, desc))

    with pytest.warns(UserWarning):  # one gr.Warning per rejected file
        docs, choices, header = upload_files(fresh_service, [str(good), str(empty), str(other)], progress)
    assert "Added lighthouse.txt (1 passage)." in docs
    assert "empty.txt: the file is empty" in docs
    assert "notes.wpd: .wpd files are not supported" in docs
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and 0 <= fractions[0] and fractions[-1] <= 1
    assert any(m.startswith("lighthouse.txt:") for _, m in seen)
    sources = [source for _, source in choices["choices"]]
    assert sources == [CARAVAN_DOC, UNTITLED_DOC, BLINKEN_DOC, "lighthouse.txt"]
    assert "4 documents" in header
    corpus = assistant.settings.corpus_dir
    assert (corpus / "lighthouse.txt").exists()
    assert not (corpus / "empty.txt").exists() and not (corpus / "notes.wpd").exists()
    answer = assistant.chat("How many gannets did the Fastnet lighthouse keeper count?")
    assert "412" in answer.text and answer.citations[0].source == "lighthouse.txt"


@integration
def test_uploads_leave_no_folder_in_gradios_temp_folder(fresh_service, tmp_path, monkeypatch):
    """Gradio stores an upload as <temp>/<hash>/<name>; the file was deleted after indexing, its
    folder was not: /tmp/gradio filled with empty folders, one per upload. Now the folder goes
    too, when it is empty and inside Gradio's temp folder; nothing else is removed."""
    from ui.handlers import upload_files

    gradio_tmp = tmp_path / "gradio"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(gradio_tmp))  # what gradio.utils.get_upload_folder reads
    accepted = gradio_tmp / "a1" / "lighthouse.txt"
    rejected = gradio_tmp / "b2" / "empty.txt"
    beside = gradio_tmp / "b2" / "another-upload.txt"  # its folder is not empty: it stays
    loose = gradio_tmp / "loose.txt"  # directly in the temp folder, which itself always stays
    outside = tmp_path / "elsewhere" / "harbour.txt"  # not Gradio's: neither it nor its folder goes
    for f in (accepted, rejected, beside, loose, outside):
        f.parent.mkdir(parents=True, exist_ok=True)
    accepted.write_text("Fastnet\n\nThe keeper of the Fastnet lighthouse counted 412 gannets on Tuesday.\n")
    rejected.write_text("")
    beside.write_text("kept")
    loose.write_text("Loose note\n\nThe ferry to Inishmore left at nine on Monday.\n")
    outside.write_text("Harbour news\n\nThe harbour of Port Elwen handled 42,000 containers in March.\n")

    with pytest.warns(UserWarning, match="empty.txt: the file is empty"):
        docs, _, _ = upload_files(
            fresh_service, [str(accepted), str(rejected), str(loose), str(outside)], lambda *a, **k: None
        )
    assert "Added lighthouse.txt" in docs and "Added loose.txt" in docs and "Added harbour.txt" in docs
    assert not (gradio_tmp / "a1").exists()
    assert not rejected.exists() and beside.read_text() == "kept"
    assert not loose.exists() and gradio_tmp.is_dir()
    assert outside.exists()


@integration
def test_document_handlers_update_list_choices_and_counts(fresh_service):
    from ui.handlers import REMOVE_CANCELLED, remove_document

    corpus = fresh_service.assistant.settings.corpus_dir
    docs, choices, header = remove_document(fresh_service, UNTITLED_DOC)
    assert f"Removed {UNTITLED_DOC}." in docs and not (corpus / UNTITLED_DOC).exists()
    assert choices["choices"] == [
        (f"Trump outraged over Mexico migrant 'caravan' ({CARAVAN_DOC})", CARAVAN_DOC),
        (
            f"US, Mexico see headway on migration as Blinken pays emergency visit ({BLINKEN_DOC})",
            BLINKEN_DOC,
        ),
    ]
    assert choices["value"] is None and "2 documents · 53 passages" in header
    with pytest.warns(UserWarning):
        docs, _, _ = remove_document(fresh_service, UNTITLED_DOC)
    assert "no such document" in docs
    docs, _, _ = remove_document(fresh_service, None)
    assert "Choose a document" in docs
    for sent in (["a.txt"], {"a": 1}):  # what a client may post to the endpoint instead of a name
        docs, _, _ = remove_document(fresh_service, sent)
        assert "Choose a document" in docs and "unhashable" not in docs
    # The user said no: nothing changes on the page, the document chosen stays chosen.
    assert all(out == gr.skip() for out in remove_document(fresh_service, REMOVE_CANCELLED))
    assert len(fresh_service.documents()) == 2


@integration
def test_a_cited_document_removed_before_its_sources_are_drawn_leaves_the_answer(fresh_service, monkeypatch):
    """Another tab removes the cited document after the answer and before its sources are drawn:
    the answer stands and its card shows the cited passage, without the document around it.
    Assistant.document_text raises LoadError for it, which the service did not catch (it caught
    KeyError): the page said "Could not answer"."""
    from ui.handlers import new_session

    real = fresh_service.document_texts
    removed, texts = [], []

    # Fault injection of timing only: the removal is the real one, through the service's lock.
    def removed_first(answer):
        for source in dict.fromkeys(c.source for c in answer.citations):
            fresh_service.remove(source)
            removed.append(source)
        texts.append(real(answer))
        return texts[-1]

    monkeypatch.setattr(fresh_service, "document_texts", removed_first)
    last = run(fresh_service, CARAVAN, new_session(), top_k=3)[-1]
    assert removed == [CARAVAN_DOC] and CARAVAN_DOC not in {d.source for d in fresh_service.documents()}
    assert texts == [{CARAVAN_DOC: None}]
    assert 'data-run="done"' in last.status, last.status
    assert "1,500" in last.chatbot[-1]["content"] and last.session["turn"] == 1
    [cards] = [t["cards"] for t in last.session["turns"]]
    assert CARAVAN_DOC in cards and "Show in context" not in cards


@integration
def test_the_remove_box_offers_a_bounded_list_and_finds_any_document_as_one_types(fresh_service, monkeypatch):
    """Every document's name went to the browser at each refresh (2 MB at 20,000 documents):
    the box offers at most render.MAX_LISTED of them, and typing asks the server for the rest."""
    from ui import render
    from ui.handlers import _doc_outputs, find_documents

    monkeypatch.setattr(render, "MAX_LISTED", 1)
    _, choices, _ = _doc_outputs(fresh_service)
    assert len(choices["choices"]) == 1 and len(fresh_service.documents()) == 3
    found = find_documents(fresh_service, "  blinken ")["choices"]
    assert found == [
        (f"US, Mexico see headway on migration as Blinken pays emergency visit ({BLINKEN_DOC})", BLINKEN_DOC)
    ]
    assert find_documents(fresh_service, UNTITLED_DOC.upper())["choices"] == [(UNTITLED_DOC, UNTITLED_DOC)]
    assert find_documents(fresh_service, "no document is called this")["choices"] == []
    assert len(find_documents(fresh_service, "")["choices"]) == 1


@integration
def test_index_changes_wait_for_questions_in_flight(fresh_service, monkeypatch):
    from ui.handlers import new_session, remove_document

    assistant = fresh_service.assistant
    # Hold a real question in flight (it runs under the read lock) until released.
    asking, release = hold(monkeypatch, assistant, "ask_stream")
    done = {}

    def ask_question():
        done["ask"] = run(fresh_service, CARAVAN, new_session())[-1]

    def remove_its_document():
        done["remove"] = remove_document(fresh_service, CARAVAN_DOC)

    ask, remove = threading.Thread(target=ask_question), threading.Thread(target=remove_its_document)
    ask.start()
    assert asking.wait(10)
    remove.start()
    remove.join(0.5)
    assert remove.is_alive() and (assistant.settings.corpus_dir / CARAVAN_DOC).exists()  # it waits
    release.set()
    ask.join(30)
    remove.join(60)
    assert "1,500" in done["ask"][1]["history"][-1]["content"]  # answered from the index as it was
    assert f"Removed {CARAVAN_DOC}." in done["remove"][0]
    assert CARAVAN_DOC not in [d.source for d in assistant.documents()]


@unit
def test_login_from_the_environment():
    from ui.app import parse_auth

    assert parse_auth(None) is None and parse_auth("") is None
    assert parse_auth("alice:s3:cret") == ("alice", "s3:cret")
    for bad in ("alice", ":pw", "alice:"):
        with pytest.raises(RagError):
            parse_auth(bad)


@integration
def test_the_page_builds(service):
    import gradio as gr

    from ui.app import build_app

    demo = build_app(service)
    assert isinstance(demo, gr.Blocks)
    blocks = {getattr(b, "elem_id", None): b for b in demo.blocks.values()}
    assert {
        "chatbot",
        "chat-input",
        "send-btn",
        "sources",
        "doclist",
        "upload-btn",
        "top-k",
        "backend",
    } <= blocks.keys()
    assert blocks["chatbot"].sanitize_html is True and blocks["chatbot"].render_markdown is False
    assert CARAVAN_DOC in blocks["doclist"].value and "3 documents" in blocks["app-header"].value


@integration
def test_an_upload_that_breaks_the_parser_is_rejected_and_later_uploads_work(fresh_service, tmp_path):
    from tests.ingest.fuzzing import tiny_pdf
    from ui.handlers import upload_files

    corpus = fresh_service.assistant.settings.corpus_dir
    before = sorted(p.name for p in corpus.iterdir())
    up = tmp_path / "uploads"
    up.mkdir()
    bad, odd = up / "flote.pdf", up / "nul%00byte.txt"
    bad.write_bytes(tiny_pdf(filter_name=b"/FloteDecode"))  # pypdf: NotImplementedError
    odd.write_text("Harbour news\n\nThe harbour of Port Elwen handled 42,000 containers in March.\n")
    with pytest.warns(UserWarning, match="flote.pdf: corrupt or unreadable PDF"):
        docs, _, _ = upload_files(fresh_service, [str(bad)], lambda *a, **k: None)
    assert "flote.pdf: corrupt or unreadable PDF (NotImplementedError" in docs
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert str(tmp_path) not in docs

    docs, choices, _ = upload_files(fresh_service, [str(odd)], lambda *a, **k: None)
    # The message names the file as stored, not as sent.
    assert "Added nul_00byte.txt (1 passage)." in docs and "nul%00byte" not in docs
    assert (corpus / "nul_00byte.txt").exists()


@integration
def test_error_messages_on_the_page_hide_absolute_server_paths(fresh_service):
    s = fresh_service.assistant.settings
    corpus, index = s.corpus_dir.resolve(), s.index_dir.resolve()
    shown = fresh_service.public(
        f"Nothing to index in {corpus}: x. Cannot write the index folder {index} (denied); "
        f"see {corpus}/sub/a.txt and /etc/secret/passwd, http://example.org/a/b and 1/2."
    )
    assert str(corpus) not in shown and str(index) not in shown and "/etc/" not in shown
    assert shown == (
        "Nothing to index in corpus: x. Cannot write the index folder index (denied); "
        "see sub/a.txt and passwd, http://example.org/a/b and 1/2."
    )


@integration
def test_a_lone_surrogate_is_an_error_the_page_can_show(service):
    import json

    from ui.handlers import new_session

    sess = new_session()
    with pytest.warns(UserWarning, match="invalid character"):
        steps = run(service, "Where \ud83d is the caravan?", sess)
    last = steps[-1]
    assert 'data-run="error"' in last.status and "invalid character at position 7" in last.status
    assert last.session is sess and last.question_box == "Where ? is the caravan?"
    for step in steps:  # everything sent to the browser must be valid UTF-8
        json.dumps([v for v in step if isinstance(v, (str, list, dict))], ensure_ascii=False).encode()


@integration
def test_a_long_session_keeps_a_bounded_state_and_sends_the_sources_once(service):
    """500 questions in one tab grew the server by 177 MB and each update to 786 kB: the session
    keeps the last turns only, and the sources panel goes out once per answer."""
    from ui.handlers import CHAT_TURNS, HISTORY_TURNS, SOURCE_TURNS, new_session

    sess, n = new_session(), CHAT_TURNS + 5
    for i in range(n):
        steps = run(service, [CARAVAN, MINISTER, OFF_TOPIC][i % 3], sess)
        sess = steps[-1].session
    assert sess["turn"] == n
    assert len(sess["messages"]) == 2 * CHAT_TURNS and len(steps[-1].chatbot) == 2 * CHAT_TURNS
    assert [t["turn"] for t in sess["turns"]] == list(range(n - SOURCE_TURNS + 1, n + 1))
    assert len(sess["history"]) == 2 * HISTORY_TURNS
    assert sess["history"][-2]["content"] == [CARAVAN, MINISTER, OFF_TOPIC][(n - 1) % 3]
    sources = panel_of(steps)
    assert f"src-{n}-1" in sources and f"src-{n - SOURCE_TURNS}-1" not in sources


@integration
def test_the_server_answers_from_an_index_that_rag_index_updated_beside_it(fresh_service):
    """`rag index` run while `rag serve` runs: the page answered from the old index until a
    restart. The service notices the newer manifest and reloads before the next question."""
    import subprocess
    import sys

    from ui.handlers import new_session

    s = fresh_service.assistant.settings
    (s.corpus_dir / "bridge.txt").write_text(
        "The Zorblatt Bridge\n\nThe Zorblatt bridge over the Rio Grande opened in 1987. "
        "It cost 42 million dollars and carries four lanes of traffic.\n",
        encoding="utf-8",
    )
    question = "When did the Zorblatt bridge open?"
    before = run(fresh_service, question, new_session())[-1].session["history"][-1]["content"]
    assert "1987" not in before
    subprocess.run(
        [sys.executable, "-m", "rag.cli", "index", "--corpus", str(s.corpus_dir), "--index", str(s.index_dir)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert fresh_service.assistant.index.changed_elsewhere()
    after = run(fresh_service, question, new_session())[-1].session["history"][-1]["content"]
    assert "1987" in after and "[1]" in after
    assert "bridge.txt" in [d.source for d in fresh_service.documents()]
    assert not fresh_service.assistant.index.changed_elsewhere()


@integration
def test_questions_are_answered_while_an_upload_is_read_and_embedded(fresh_service, tmp_path, monkeypatch):
    """Extracting and embedding a file took the index lock for its whole length (a 1 MB text:
    minutes), so every chat question waited behind it. Only the final write holds it now."""
    from ui.handlers import new_session

    # Hold a real upload in its (lock-free) reading and embedding step.
    preparing, release = hold(monkeypatch, fresh_service.assistant, "prepare_document")
    upload = tmp_path / "ferry.txt"
    upload.write_text("The Port Elwen ferry leaves at nine every morning.\n", encoding="utf-8")
    done = {}
    adding = threading.Thread(target=lambda: done.setdefault("add", fresh_service.add_files([str(upload)])))
    adding.start()
    try:
        assert preparing.wait(10)
        answered = threading.Thread(target=lambda: done.setdefault("ask", run(fresh_service, CARAVAN, new_session())))
        answered.start()
        answered.join(60)
        assert not answered.is_alive() and "1,500" in done["ask"][-1].session["history"][-1]["content"]
        assert adding.is_alive()  # the upload is still being prepared
    finally:
        release.set()
        adding.join(60)
    assert done["add"] == (["Added ferry.txt (1 passage)."], [])
    assert "ferry.txt" in [d.source for d in fresh_service.documents()]


def test_files_posted_to_the_upload_route_and_never_indexed_are_deleted(assistant, tmp_path, monkeypatch):
    """A client may post files to Gradio's upload route and never fire the upload event: they
    stayed in Gradio's temp folder for ever (any type, up to twice max_file_mb, any number)."""
    import json
    import socket
    import time
    import urllib.request
    import uuid
    from pathlib import Path

    from ui import app as ui_app

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    monkeypatch.setattr(ui_app, "UPLOAD_CACHE", (1, 1))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = ui_app.launch(assistant, port=port, prevent_thread_lock=True, quiet=True)
    try:
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="junk.exe"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n{'x' * 1000}\r\n--{boundary}--\r\n"
        ).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/gradio_api/upload",
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        stored = Path(json.loads(urllib.request.urlopen(request, timeout=30).read())[0])
        assert stored.is_file() and stored.is_relative_to(tmp_path / "gradio")
        deadline = time.monotonic() + 20
        while stored.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not stored.exists()
    finally:
        demo.close()


@integration
def test_a_warning_shows_a_documents_name_as_text(service):
    """Gradio shows a warning's message as (sanitised) HTML: a document named
    "<img src=x><a href=…>Session expired, log in again<i>.txt", removed in another tab, made a
    broken image and a link of the warning in this one."""
    from ui.handlers import remove_document

    name = "<img src=x><a href=https://evil.example>Session expired, log in again<i>.txt"
    with pytest.warns(UserWarning) as warned:
        remove_document(service, name)
    (message,) = [str(w.message) for w in warned]
    assert "<img" not in message and "<a " not in message and "&lt;img src=x&gt;" in message


@integration
def test_a_removal_says_nothing_of_files_outside_the_corpus(service):
    """Names were read as paths from the server's folder too, and the two answers ("not in the
    corpus folder", "no such document") told whether a file existed on the server."""
    from ui.handlers import remove_document

    said = []
    for name in ("../../../../etc/passwd", "../../../../etc/no-such-file-here", "/etc/passwd"):
        with pytest.warns(UserWarning) as warned:
            remove_document(service, name)
        said.append(str(warned[0].message))
    assert all(m.endswith(": no such document in the index") and "corpus folder" not in m for m in said), said
