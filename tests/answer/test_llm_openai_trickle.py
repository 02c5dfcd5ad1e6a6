"""The `openai` back end against a tiny OpenAI-compatible server written with http.server, which
streams its reply a chunk at a time, as slowly as a test needs: llm_timeout_s bounds the whole
reply, not each read.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.answer.llm_helpers import ON_TOPIC, check_invariants, events_of, with_backend

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        importlib.util.find_spec("llama_index.llms.openai_like") is None,
        reason="needs llama-index-llms-openai-like (scripts/setup.sh)",
    ),
]


def send_event(handler, delta: dict, finish: str | None) -> None:
    """One server-sent chat.completion.chunk."""
    chunk = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "test",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    handler.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
    handler.wfile.flush()


class TrickleServer:
    """POST /v1/chat/completions streams `reply` as server-sent events, one piece every `interval`
    seconds, then a chunk with finish_reason "stop" and [DONE]; records when each request came."""

    def __init__(self, pieces: list[str], interval: float):
        self.pieces, self.interval, self.requests = pieces, interval, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                # HTTP/1.0 and no length: the body ends when the connection closes.
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for piece in server.pieces:
                        self._event({"role": "assistant", "content": piece}, None)
                        time.sleep(server.interval)
                    self._event({}, "stop")
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: what a deadline does

            def _event(self, delta: dict, finish: str | None) -> None:
                send_event(self, delta, finish)

            def log_message(self, *args):  # quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def trickle_settings(server: TrickleServer, timeout_s: float) -> dict:
    return {
        "llm": "openai",
        "openai_base_url": server.base_url,
        "openai_model": "trickle",
        "openai_api_key": "none",
        "llm_max_tokens": 64,
        "llm_timeout_s": timeout_s,
    }


@pytest.fixture
def trickle():
    servers = []

    def start(pieces: list[str], interval: float) -> TrickleServer:
        servers.append(TrickleServer(pieces, interval))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def _supported_reply(assistant) -> list[str]:
    """A reply grounding keeps: the extractive answer's sentence, cut into word-sized chunks."""
    extractive = with_backend(assistant, llm="extractive").ask(ON_TOPIC[0])
    assert not extractive.refused
    words = extractive.text.split(" ")
    return [w + " " for w in words]


def test_a_reply_that_trickles_past_llm_timeout_s_falls_back_at_the_deadline(assistant, trickle):
    """A server writing a chunk every 0.4 s held the question for the whole reply (8 s here, 40 s
    in the probe) with llm_timeout_s = 2: the client's timeout is per read. Now the answer is the
    extractive one, with a note, about 2 s after the request."""
    pieces = _supported_reply(assistant)
    server = trickle(pieces, interval=8.0 / len(pieces))
    a = with_backend(assistant, **trickle_settings(server, timeout_s=2))
    t0 = time.monotonic()
    deltas, answer = events_of(a.ask_stream(ON_TOPIC[0]))
    took = time.monotonic() - t0
    assert server.requests and server.requests[0]["stream"] is True  # the model was asked
    assert deltas  # the user saw the reply begin; the final answer replaces it
    assert took < 5.0, took
    expected = with_backend(assistant, llm="extractive").ask(ON_TOPIC[0])
    assert (answer.text, answer.citations) == (expected.text, expected.citations)
    assert answer.notes[0].startswith("The openai answer back end failed (LLMError: no complete reply within 2 s")
    check_invariants(answer, a.document_text)


def test_a_reply_within_llm_timeout_s_is_grounded(assistant, trickle):
    """The deadline leaves a reply that comes in time alone: read whole, grounded, no note."""
    server = trickle(_supported_reply(assistant), interval=0.0)
    a = with_backend(assistant, **trickle_settings(server, timeout_s=30))
    deltas, answer = events_of(a.ask_stream(ON_TOPIC[0]))
    assert "".join(deltas) == answer.model_reply
    assert not any("failed" in n for n in answer.notes), answer.notes
    assert "generate_s" in answer.timings and not answer.refused
    check_invariants(answer, a.document_text)


def test_the_api_key_a_gateway_echoes_in_its_error_is_never_said(assistant, caplog):
    """A gateway answered 401 with "Incorrect API key provided: Bearer sk-…": the key went into
    the answer's note (the web chat shows notes to every user), the log and eval's results."""
    key = "sk-SECRET-KEY-12345"

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = json.dumps({"error": {"message": f"Incorrect API key provided: {self.headers['Authorization']}"}})
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        settings = {
            "llm": "openai",
            "openai_base_url": f"http://127.0.0.1:{httpd.server_address[1]}/v1",
            "openai_model": "gateway",
            "openai_api_key": key,
            "llm_timeout_s": 10,
        }
        a = with_backend(assistant, **settings)
        with caplog.at_level("WARNING"):
            answer = a.ask(ON_TOPIC[0])
            follow_up = a.chat(ON_TOPIC[0], history=[{"role": "user", "content": "Tell me about the caravan."}])
        said = json.dumps(answer.to_dict()) + json.dumps(follow_up.to_dict()) + caplog.text
        assert "AuthenticationError" in said and "<API key>" in said  # the error is still told
        assert key not in said
    finally:
        httpd.shutdown()
        httpd.server_close()


class ScriptedServer:
    """POST /v1/chat/completions and /v1/completions: `stream` requests get `sse(handler)`, others
    `plain(handler)`; each a function of the BaseHTTPRequestHandler writing the whole response."""

    def __init__(self, sse, plain):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                try:
                    (sse if body.get("stream") else plain)(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def settings(self, **more) -> dict:
        url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        return {"llm": "openai", "openai_base_url": url, "openai_model": "scripted", "openai_api_key": "none", **more}

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _sse(handler, content: str, pause: float = 0.0) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    for piece, finish in ((content, None), ("", "stop")):
        time.sleep(pause)
        send_event(handler, {"role": "assistant", "content": piece} if piece else {}, finish)
    handler.wfile.write(b"data: [DONE]\n\n")


def _trickled(handler) -> None:
    """A complete reply whose bytes come one every 0.3 s: no read ever waits long enough for the
    client's per-read timeout."""
    body = json.dumps(
        {
            "id": "c",
            "object": "chat.completion",
            "created": 0,
            "model": "scripted",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": "What is it?"}, "finish_reason": "stop"}
            ],
        }
    ).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for i in range(len(body)):
        handler.wfile.write(body[i : i + 1])
        handler.wfile.flush()
        time.sleep(0.3)


def test_a_reply_far_longer_than_llm_max_tokens_allows_is_not_grounded(assistant):
    """A server that ignored max_tokens sent 10,000 sentences at once: grounding embedded each
    one (37 s). A reply past 8 characters a token is the back end failing: the extractive answer."""
    sentence = "The caravan of about 1,500 migrants walked north through Mexico toward the border. "
    server = ScriptedServer(lambda h: _sse(h, sentence * 2000), _trickled)
    try:
        a = with_backend(assistant, **server.settings(llm_max_tokens=64, llm_timeout_s=30))
        t0 = time.monotonic()
        answer = a.ask(ON_TOPIC[0])
        took = time.monotonic() - t0
        assert answer.notes[0].startswith(
            "The openai answer back end failed (LLMError: the reply ran past 512 characters"
        )
        expected = with_backend(assistant, llm="extractive").ask(ON_TOPIC[0])
        assert (answer.text, answer.citations) == (expected.text, expected.citations)
        assert took < 10, took
    finally:
        server.close()


def test_a_follow_ups_rewrite_is_cut_at_llm_timeout_s(assistant):
    """chat() asks the model to rewrite a follow-up as a standalone question before answering it;
    that request had no deadline but the client's per read, and a server trickling its reply held
    it 100 s with llm_timeout_s = 3. Now the rewrite gives up at the deadline (the questions are
    joined instead), and the answer falls back at its own."""
    server = ScriptedServer(lambda h: _sse(h, "It had 1,500 people [1].", pause=30), _trickled)
    try:
        a = with_backend(assistant, **server.settings(llm_timeout_s=2))
        t0 = time.monotonic()
        answer = a.chat("How many were in it?", history=[{"role": "user", "content": ON_TOPIC[0]}])
        took = time.monotonic() - t0
        assert took < 9, took  # two deadlines of 2 s, and the extractive answer
        assert answer.notes and "no complete reply within 2 s" in answer.notes[0]
    finally:
        server.close()
