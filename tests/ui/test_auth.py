"""The optional login: RAG_UI_AUTH="user:password" puts the chat behind Gradio's login form."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.ui.conftest import CHAT_INPUT, Chat, Server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def locked_server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("ui-auth"), {"RAG_UI_AUTH": "alice:s3cret"})
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


def test_login_is_required_then_the_chat_works(locked_server, browser):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(locked_server.url + "gradio_api/info", timeout=10)
    assert err.value.code == 401

    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        page.goto(locked_server.url)
        page.wait_for_selector("input[data-testid='password']")
        assert page.locator(CHAT_INPUT).count() == 0
        page.fill("input[data-testid='textbox']", "alice")
        page.fill("input[data-testid='password']", "wrong")
        page.click("button:has-text('Login')")
        page.wait_for_selector("text=Incorrect Credentials")
        page.fill("input[data-testid='textbox']", "alice")  # the form is cleared after a failure
        page.fill("input[data-testid='password']", "s3cret")
        page.click("button:has-text('Login')")
        page.wait_for_selector(CHAT_INPUT)
        chat = Chat(page)
        chat.ask("How many migrants were in the caravan that Trump attacked Mexico over?")
        assert "1,500" in chat.last_answer().inner_text()
        cookies = json.dumps(ctx.cookies())
        assert "access-token" in cookies
    finally:
        ctx.close()


def test_wrong_passwords_are_throttled_and_the_right_one_still_works(locked_server):
    """200 wrong guesses once took 1.9 s. Now each costs 1 s, doubling after the third in a row,
    and parallel guesses queue: four at once take at least 1 + 1 + 1 + 2 seconds."""
    import time
    import urllib.parse
    from concurrent.futures import ThreadPoolExecutor

    def login(password: str) -> int:
        body = urllib.parse.urlencode({"username": "alice", "password": password}).encode()
        try:
            with urllib.request.urlopen(locked_server.url + "login", data=body, timeout=60) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    t0 = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(login, [f"guess{n}" for n in range(4)]))
    seconds = time.perf_counter() - t0
    assert codes == [400] * 4
    assert seconds >= 4.8
    assert login("s3cret") == 200
