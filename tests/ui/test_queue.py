"""Gradio's queue has a bound (ui/app.py QUEUE_PER_SLOT): past it a request is refused at once.

Unbounded, a client could queue any number of requests (60 questions at once were all queued)
and hold the server's memory and time. The app runs in this process (`ui.app.launch`) over the
session's `assistant`, whose `ask_stream` is held (a fault injection on the real instance, as in
test_app.py) so that the questions taken stay in flight while the queue behind them fills.
Requests go to Gradio's own routes (`queue/join`, `queue/data`), as the page sends them.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.ui.conftest import CHAT_INPUT, Chat

CARAVAN = "How many migrants were in the caravan that Trump attacked Mexico over?"
CONCURRENCY = 2  # launch()'s default: questions answered at once
BUSY = "This application is currently busy. Please try again."  # Gradio's page, on HTTP 503


class Held:
    """The assistant's ask_stream waits until released; `taken` counts the questions it got."""

    def __init__(self, monkeypatch, assistant):
        self.release = threading.Event()
        self._taken = 0
        self._count = threading.Lock()
        real = assistant.ask_stream

        def held(*args, **kwargs):
            with self._count:
                self._taken += 1
            self.release.wait(60)
            return real(*args, **kwargs)

        monkeypatch.setattr(assistant, "ask_stream", held)

    @contextmanager
    def let_through(self) -> Iterator[None]:
        """Questions asked inside are answered at once, and not counted."""
        self.release.set()
        try:
            yield
        finally:
            self.release.clear()
            with self._count:
                self._taken = 0

    def wait_taken(self, n: int, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self._taken < n:
            assert time.monotonic() < deadline, f"{self._taken} questions reached the assistant, not {n}"
            time.sleep(0.02)


class App:
    """ui.app.launch on a free loopback port, with the questions held."""

    def __init__(self, assistant, monkeypatch):
        from ui import app as ui_app

        self.held = Held(monkeypatch, assistant)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.demo = ui_app.launch(
            assistant, port=self.port, concurrency=CONCURRENCY, prevent_thread_lock=True, quiet=True
        )
        self.bound = ui_app.QUEUE_PER_SLOT * CONCURRENCY
        self.per_client = ui_app.QUEUE_PER_CLIENT
        self.fn_index = next(i for i, fn in self.demo.fns.items() if fn.name == "on_ask")

    def join(self, question: str, client: int = 2) -> tuple[int, str, str]:
        """Queue a question as the page does, from the loopback address 127.0.0.`client` (one
        client per address, as the server tells them apart): (HTTP status, detail or event id,
        session hash)."""
        session = uuid.uuid4().hex
        body = {
            "data": [question, None, 5, "extractive", None],
            "fn_index": self.fn_index,
            "session_hash": session,
            "event_data": None,
            "trigger_id": None,
        }
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=10, source_address=(f"127.0.0.{client}", 0)
        )
        try:
            connection.request("POST", "/gradio_api/queue/join", json.dumps(body), {"Content-Type": "application/json"})
            r = connection.getresponse()
            reply = json.loads(r.read())
        finally:
            connection.close()
        return r.status, reply["event_id"] if r.status == 200 else reply["detail"], session

    def fill(self) -> list[str]:
        """Questions in flight (CONCURRENCY, held) and the queue full behind them: their sessions.
        Sent from as many clients as the bound per client needs."""
        sessions = []
        for n in range(CONCURRENCY + self.bound):
            code, detail, session = self.join(f"{CARAVAN} ({n})", client=2 + n // self.per_client)
            assert code == 200, f"question {n + 1} was refused: {code} {detail}"
            sessions.append(session)
            if n + 1 == CONCURRENCY:
                self.held.wait_taken(CONCURRENCY)  # these are running, not waiting
        return sessions

    def result(self, session: str) -> dict:
        """The final message of a session's event, from Gradio's event stream."""
        with urllib.request.urlopen(self.url + f"gradio_api/queue/data?session_hash={session}", timeout=60) as r:
            for line in r:
                if line.startswith(b"data:"):
                    message = json.loads(line[5:])
                    if message.get("msg") == "process_completed":
                        return message
        raise AssertionError(f"no answer came for session {session}")

    def close(self) -> None:
        self.held.release.set()
        self.demo.close()


@pytest.fixture
def app(assistant, monkeypatch):
    app = App(assistant, monkeypatch)
    try:
        yield app
    finally:
        app.close()


@pytest.mark.integration
def test_questions_past_the_queue_bound_are_refused_and_those_taken_are_answered(app):
    sessions = app.fill()
    assert app.bound == 16

    code, detail, _ = app.join(CARAVAN)
    assert code == 503
    assert detail == f"Queue is full. Max size is {app.bound} and size is {app.bound}."

    app.held.release.set()
    results = [app.result(s) for s in sessions]
    assert all(r["success"] for r in results)
    assert all("1,500" in json.dumps(r["output"]) for r in results)
    # The queue has drained: the next question is taken again.
    code, _, session = app.join(CARAVAN)
    assert code == 200 and app.result(session)["success"]


@pytest.mark.integration
def test_one_client_holds_at_most_its_share_of_the_queue(app):
    """One client sending questions in a loop filled every waiting place, and every other user
    was told the server was busy. Now it holds QUEUE_PER_CLIENT of them; others still get in."""
    for n in range(CONCURRENCY):
        assert app.join(f"{CARAVAN} ({n})", client=2)[0] == 200
    app.held.wait_taken(CONCURRENCY)  # in flight, not waiting
    mine = [app.join(f"{CARAVAN} (mine {n})", client=3) for n in range(app.per_client)]
    assert [code for code, _, _ in mine] == [200] * app.per_client
    code, detail, _ = app.join(CARAVAN, client=3)
    assert (
        code == 503
        and detail == f"{app.per_client} requests from 127.0.0.3 are waiting already; ask again when they are answered."
    )
    code, _, other = app.join(CARAVAN, client=4)
    assert code == 200  # the queue has room for others

    app.held.release.set()
    assert all(app.result(session)["success"] for _, _, session in mine) and app.result(other)["success"]
    code, _, again = app.join(CARAVAN, client=3)  # answered: the client is taken again
    assert code == 200 and app.result(again)["success"]


@pytest.mark.browser
def test_a_question_refused_by_a_full_queue_says_the_server_is_busy_and_stays_in_the_box(app, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        page.goto(app.url)
        page.wait_for_selector("#kb-stats[data-fresh]")  # the page's own load event has run
        chat = Chat(page)
        with app.held.let_through():
            chat.ask(CARAVAN)  # a conversation under way
        app.fill()

        chat.submit(CARAVAN)
        page.locator("[data-testid='toast-text'].error", has_text=BUSY).wait_for()
        assert page.input_value(CHAT_INPUT) == CARAVAN  # ready to send again
        assert page.locator("#chatbot [data-testid='user']").count() == 1
        page.wait_for_timeout(500)  # the toast slides in
        # Gradio's status tracker covered the conversation with a red "Error" badge.
        assert not page.locator("#chatbot [data-testid='status-tracker']").is_visible()
        assert page.locator("#chatbot [data-testid='bot']").last.is_visible()
        assert "1,500" in chat.last_answer().inner_text()
        chat.shot("queue-full")

        app.held.release.set()
        app.held.wait_taken(CONCURRENCY + app.bound)  # the queue has drained
        chat.ask(CARAVAN)
        assert "1,500" in chat.last_answer().inner_text()
    finally:
        ctx.close()
