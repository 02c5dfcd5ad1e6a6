"""The web chat's handlers over a stand-in Assistant: streaming, history, errors, uploads, locking.

The browser tests (test_browser.py) run the same code against the real library.
"""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from rag.errors import BadQuestion, LoadError, RagError
from rag.settings import Settings
from rag.types import Answer, Citation

pytestmark = pytest.mark.unit

DOC = "Intro. The caravan had 1,500 people, officials said on Monday. Outro."
SUPPORT = "The caravan had 1,500 people, officials said on Monday."


class FakeAssistant:
    """What ui.app uses of rag.Assistant, with canned answers."""

    def __init__(self):
        self.settings = Settings(corpus_dir="unused", index_dir="unused")
        self.calls: list[tuple[str, list, int | None]] = []
        self.docs = {"a.txt": ("A title", DOC)}

    def chat(self, message, history=None, top_k=None):
        self.calls.append((message, [dict(m) for m in history or []], top_k))
        if message == "bad":
            raise BadQuestion("The question is empty: type a question about the documents.")
        if message == "boom":
            raise RuntimeError("index exploded")
        start = DOC.index(SUPPORT)
        c = Citation(
            "a.txt", "A title", SUPPORT, start, start + len(SUPPORT), 0.7, start, start + len(SUPPORT)
        )
        if message == "off topic":
            return Answer(
                "I couldn't find this in the documents.",
                True,
                [Citation(**{**c.to_dict(), "support_start": None, "support_end": None})],
                message,
            )
        text = "The caravan had 1,500 people, officials said on Monday, according to the wire reports. [1]"
        return Answer(text, False, [c], message, {"total_s": 0.01})

    def document_text(self, source):
        return self.docs[source][1]

    def documents(self):
        return [{"source": s, "title": t, "passages": 1} for s, (t, _) in sorted(self.docs.items())]

    def add_document(self, filename, data, progress=None):
        if filename.startswith("bad"):
            raise LoadError(f"{filename}: the file is empty")
        for f in (0.0, 0.5, 1.0):
            if progress:
                progress(f, "Indexing")
        self.docs[filename] = (filename.upper(), data.decode())

    def remove_document(self, source):
        if source not in self.docs:
            raise LoadError(f"{source}: no such document in the index")
        del self.docs[source]


@pytest.fixture
def service():
    from ui.app import ChatService

    return ChatService(FakeAssistant(), stream_delay=0)


def run(service, question, sess, top_k=5, backend="extractive"):
    from ui.app import respond

    return list(respond(service, question, sess, top_k, backend))


def test_answer_is_revealed_progressively_then_recorded(service):
    from ui.app import new_session

    steps = run(service, "How many?", new_session(), top_k=3)
    chat_values = [s[0] for s in steps]
    bot_texts = [v[-1]["content"] for v in chat_values if v[-1]["role"] == "assistant"]
    partial, final = bot_texts[:-1], bot_texts[-1]
    assert len(partial) >= 4 and all(len(a) < len(b) for a, b in itertools.pairwise(partial))
    assert final == partial[-1]  # the last step only marks the turn done
    assert steps[0][3].count('data-run="retrieving"') == 1 and steps[0][4] == ""  # input box cleared
    assert 'href="#src-1-1"' in bot_texts[-1]
    final_sess, sources, status = steps[-1][1], steps[-1][2], steps[-1][3]
    assert 'data-run="done" data-turn="1"' in status and "1 source" in status
    assert 'id="src-1-1"' in sources and "<mark>" in sources
    assert final_sess["history"] == [
        {"role": "user", "content": "How many?"},
        {"role": "assistant", "content": service.assistant.chat("x").text},
    ]
    assert service.assistant.calls[0] == ("How many?", [], 3)


def test_follow_up_gets_the_conversation_so_far(service):
    from ui.app import new_session

    sess = run(service, "Who is the minister?", new_session())[-1][1]
    last = run(service, "What did he say?", sess)[-1]
    message, history, _ = service.assistant.calls[-1]
    assert message == "What did he say?"
    assert [m["content"] for m in history if m["role"] == "user"] == ["Who is the minister?"]
    assert last[1]["turn"] == 2 and len(last[1]["messages"]) == 4
    assert 'id="turn-1"' in last[2] and 'id="turn-2"' in last[2]


def test_sessions_do_not_share_state(service):
    from ui.app import new_session

    a, b = new_session(), new_session()
    a_after = run(service, "Question A", a)[-1][1]
    assert b == new_session() and a == new_session()  # handlers never mutate the session they get
    assert len(a_after["history"]) == 2


def test_refusal_is_shown_as_such(service):
    from ui.app import new_session

    last = run(service, "off topic", new_session())[-1]
    bot = last[0][-1]["content"]
    assert "badge-refused" in bot and "Closest passages to read" in bot
    assert 'data-run="done"' in last[3] and "run-refused" in last[3] and "closest passage" in last[3]
    assert "<mark>" not in last[2]


@pytest.mark.parametrize("question, shown", [("bad", "The question is empty"), ("boom", "index exploded")])
def test_errors_keep_the_conversation_and_the_question(service, question, shown):
    from ui.app import new_session

    sess = run(service, "first", new_session())[-1][1]
    with pytest.warns(UserWarning):  # gr.Warning outside a request
        last = run(service, question, sess)[-1]
    assert last[0] == sess["messages"] and last[1] is sess
    assert 'data-run="error"' in last[3] and shown in last[3]
    assert last[4] == question  # back in the box, to edit


def test_empty_question_does_nothing(service):
    from ui.app import new_session

    steps = run(service, "   ", new_session())
    assert len(steps) == 1 and not service.assistant.calls


def test_unknown_back_end_is_refused(service):
    from ui.app import new_session

    with pytest.warns(UserWarning):
        last = run(service, "How many?", new_session(), backend="gpt-9")[-1]
    assert "not configured" in last[3] and not service.assistant.calls


def test_back_ends_come_from_the_settings():
    from ui.app import backends

    assert backends() == ["extractive"]


def test_uploads_report_progress_successes_and_rejections(service, tmp_path):
    good, bad = tmp_path / "good.md", tmp_path / "bad.txt"
    good.write_text("# Good\n\nA fact.")
    bad.write_text("")
    seen = []
    added, errors = service.add_files([str(good), str(bad)], lambda f, m: seen.append((f, m)))
    assert added == ["Added good.md (1 passages)."]
    assert errors == ["bad.txt: the file is empty"]
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and 0 <= fractions[0] and fractions[-1] <= 1
    assert any(m.startswith("good.md:") for _, m in seen)
    assert "good.md" in service.assistant.docs and "bad.txt" not in service.assistant.docs


def test_document_handlers_update_list_choices_and_counts(service, tmp_path):
    from ui.app import remove_document

    docs, choices, header = remove_document(service, "a.txt")
    assert "Removed a.txt." in docs and "No documents indexed" in docs
    assert choices["choices"] == [] and "0 documents" in header
    with pytest.warns(UserWarning):
        docs, _, _ = remove_document(service, "a.txt")
    assert "no such document" in docs
    docs, _, _ = remove_document(service, None)
    assert "Choose a document" in docs


def test_index_changes_wait_for_questions_in_flight():
    from ui.app import IndexLock

    lock, order = IndexLock(), []
    reading = threading.Event()

    def reader():
        with lock.reading():
            reading.set()
            time.sleep(0.2)
            order.append("read done")

    def writer():
        reading.wait()
        with lock.writing():
            order.append("write")

    threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert order == ["read done", "write"]


def test_login_from_the_environment():
    from ui.app import parse_auth

    assert parse_auth(None) is None and parse_auth("") is None
    assert parse_auth("alice:s3:cret") == ("alice", "s3:cret")
    for bad in ("alice", ":pw", "alice:"):
        with pytest.raises(RagError):
            parse_auth(bad)


def test_the_page_builds(service):
    import gradio as gr

    from ui.app import build_app

    demo = build_app(service)
    assert isinstance(demo, gr.Blocks)
    ids = {getattr(b, "elem_id", None) for b in demo.blocks.values()}
    assert {
        "chatbot",
        "chat-input",
        "send-btn",
        "sources",
        "doclist",
        "upload-btn",
        "top-k",
        "backend",
    } <= ids
    chatbot = next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "chatbot")
    assert chatbot.sanitize_html is True and chatbot.render_markdown is False
