"""Fixtures for the web chat tests: the real app in a subprocess, Debian's Chromium via Playwright.

The server is `python -m rag.cli serve` over a private copy of corpus/ with its own index, on a
free loopback port; one server is shared by the whole session (starting one takes ~10 s). Tests
that change documents use file names of their own, so they do not depend on each other's order.

Chromium is /usr/bin/chromium (apt-get install chromium); never `playwright install`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import free_port

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MAX_FILE_MB = 1  # the test server's upload limit (RAG_MAX_FILE_MB), to test rejections cheaply

# Selectors. elem_id lands on the component's outer .block div (on the <button> for buttons).
CHAT_INPUT = "#chat-input textarea"
SEND = "#send-btn"
BOT_MSG = "#chatbot [data-testid='bot']"
USER_MSG = "#chatbot [data-testid='user']"
UPLOAD_INPUT = "#upload-wrap input[type=file]"  # a sibling of #upload-btn, hence the wrapper


class Server:
    """`rag serve` in a subprocess over a temporary corpus and index."""

    def __init__(self, root: Path, extra_env: dict[str, str] | None = None):
        self.corpus = root / "corpus"
        shutil.copytree(REPO / "corpus", self.corpus)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {
            **{k: v for k, v in os.environ.items() if k != "RAG_UI_AUTH"},
            "HF_HUB_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "TOKENIZERS_PARALLELISM": "false",
            "RAG_MAX_FILE_MB": str(MAX_FILE_MB),
            "RAG_UI_STREAM_DELAY": "0.04",
            **(extra_env or {}),
        }
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.log_path = ARTIFACTS / f"server-{self.port}.log"
        self._log = open(self.log_path, "w")
        cmd = [sys.executable, "-m", "rag.cli", "serve", "--port", str(self.port)]
        cmd += ["--corpus", str(self.corpus), "--index", str(root / "index")]
        self.proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"rag serve exited early:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2):
                    return
            except urllib.error.HTTPError:  # e.g. 401 with a login: the server is up
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"rag serve did not come up in {timeout:.0f} s:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self._log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("ui-server"))
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Chat:
    """One browser tab on the app, with the few gestures the tests need."""

    def __init__(self, page):
        self.page = page

    def ask(self, question: str, press_enter: bool = False) -> int:
        """Submit a question and wait for the streamed answer to finish; returns its turn number."""
        turn = self.page.locator(USER_MSG).count() + 1
        self.submit(question, press_enter)
        self.wait_done(turn)
        return turn

    def submit(self, question: str, press_enter: bool = False) -> None:
        self.page.fill(CHAT_INPUT, question)
        if press_enter:
            self.page.press(CHAT_INPUT, "Enter")
        else:
            self.page.click(SEND)

    def wait_done(self, turn: int) -> None:
        # The app's completion hook: the handler's final yield sets data-run="done" for the turn.
        self.page.wait_for_selector(f"#run-flag[data-run='done'][data-turn='{turn}']")

    def last_answer(self):
        return self.page.locator(BOT_MSG).last

    def open_accordion(self, elem_id: str) -> None:
        """Content of a closed Accordion is not in the DOM until it is first opened."""
        toggle = self.page.locator(f"#{elem_id} > button.label-wrap")
        if "open" not in (toggle.get_attribute("class") or ""):
            toggle.click()

    def upload(self, name: str, data: bytes, mime: str = "text/plain") -> None:
        self.open_accordion("docs-acc")
        self.page.locator(UPLOAD_INPUT).set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])

    def shot(self, name: str, full_page: bool = False) -> None:
        vp = self.page.viewport_size
        self.page.screenshot(path=str(ARTIFACTS / f"{name}-{vp['width']}x{vp['height']}.png"), full_page=full_page)

    def doc_count(self) -> int:
        text = self.page.locator("#kb-stats").inner_text()
        return int(re.match(r"([\d,]+) document", text).group(1).replace(",", ""))


@pytest.fixture
def open_chat(server, browser):
    """open_chat(width=1280, height=800, mobile=False) -> Chat on a fresh browser context."""
    contexts = []

    def open_(width: int = 1280, height: int = 800, mobile: bool = False) -> Chat:
        ctx = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        page.goto(server.url)
        page.wait_for_selector(CHAT_INPUT)
        page.wait_for_selector("#kb-stats")
        # The page's load event replaces the counts built into the layout at server start.
        page.wait_for_selector("#kb-stats[data-fresh]")
        return Chat(page)

    yield open_
    for ctx in contexts:
        ctx.close()
