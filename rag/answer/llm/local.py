"""`local`: a GGUF model in this process on the CPU, through xllamacpp (llama.cpp's server code).

LocalLLM is a llama-index CustomLLM. Chat goes to xllamacpp's handle_chat_completions, so the
chat template stored in the GGUF is applied; complete() sends the prompt as one user message.
Streaming: handle_chat_completions(request, callback) blocks and calls back once per token in
the calling thread, so it runs in a worker thread that hands chunks over a queue; the callback
returning True stops generation (consumer gone, or the timeout passed).

Loaded models are shared per (file, context, threads) for the life of the process. xllamacpp's
Server also opens an HTTP listener on a random loopback port; we do not use it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.llms import CustomLLM
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
from pydantic import Field, PrivateAttr

from rag.errors import LLMError, ModelNotInstalled

log = logging.getLogger(__name__)

_SERVERS: dict[tuple[str, int, int], Any] = {}
_LOAD_LOCK = threading.Lock()


def load_server(path: str, n_ctx: int, threads: int):
    """The xllamacpp Server for this model file (loaded once per process)."""
    key = (str(path), n_ctx, threads)
    with _LOAD_LOCK:
        if key in _SERVERS:
            return _SERVERS[key]
        try:
            import xllamacpp as xlc
        except ImportError as e:
            raise ModelNotInstalled(
                "The local answer back end needs xllamacpp. Install it with:\n"
                '  pip install -e ".[local-llm]"   (or: pip install xllamacpp==2026.10.11549)'
            ) from e
        with open(path, "rb") as f:
            if f.read(4) != b"GGUF":
                raise LLMError(f"{path} is not a GGUF model file.")
        p = xlc.CommonParams()
        p.model.path = str(path)
        p.n_ctx = n_ctx
        p.n_predict = 512  # a cap for requests that forget max_tokens
        p.cpuparams.n_threads = threads
        p.cpuparams_batch.n_threads = threads
        p.n_parallel = 1
        p.cache_ram_mib = 0
        p.verbosity = 0
        p.sse_ping_interval = 1
        t0 = time.perf_counter()
        try:
            server = xlc.Server(p)
        except RuntimeError as e:
            raise LLMError(f"llama.cpp could not load {path}: {e}") from e
        # xllamacpp 2026.10.11549 returns from Server() before its task loop runs; destroying it in
        # that window hangs forever. One tiny request proves the loop is running (and warms up).
        server.handle_chat_completions({"messages": [{"role": "user", "content": "hi"}], "max_tokens": 1})
        log.info("Loaded %s in %.1f s", path, time.perf_counter() - t0)
        _SERVERS[key] = server
        return server


def _role(m: ChatMessage) -> str:
    r = m.role.value if isinstance(m.role, MessageRole) else str(m.role)
    return r if r in ("system", "user", "assistant") else "user"


class LocalLLM(CustomLLM):
    model_path: str = Field(description="verified .gguf file")
    model_name: str = Field(default="local-gguf")
    context_window: int = Field(default=2048)
    max_tokens: int = Field(default=256)
    temperature: float = Field(default=0.0)
    threads: int = Field(default=1)
    timeout: float = Field(default=120.0, description="seconds per request")

    _server: Any = PrivateAttr(default=None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._server = load_server(self.model_path, self.context_window, self.threads)

    @classmethod
    def class_name(cls) -> str:
        return "rag_local_llm"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.max_tokens,
            is_chat_model=True,
            model_name=self.model_name,
        )

    def _request(self, messages: Sequence[ChatMessage], **kwargs: Any) -> dict:
        return {
            "messages": [{"role": _role(m), "content": m.content or ""} for m in messages],
            "max_tokens": int(kwargs.get("max_tokens") or self.max_tokens),
            "temperature": float(kwargs.get("temperature", self.temperature)),
        }

    def _stream_chunks(self, request: dict) -> Iterator[dict]:
        request = {**request, "stream": True}
        q: queue.Queue = queue.Queue()
        cancel = threading.Event()
        done = object()
        deadline = time.monotonic() + self.timeout

        def callback(chunk):
            q.put(chunk)
            return cancel.is_set() or time.monotonic() > deadline  # True stops generation

        def worker():
            try:
                self._server.handle_chat_completions(request, callback)
            except BaseException as e:
                q.put(e)
            finally:
                q.put(done)

        t = threading.Thread(target=worker, name="llm-generate", daemon=True)
        t.start()
        try:
            while True:
                item = q.get()
                if item is done:
                    break
                if isinstance(item, BaseException):
                    raise LLMError(f"The local model failed: {item}") from item
                if "error" in item:
                    raise LLMError(f"The local model failed: {item['error']}")
                yield item
            if time.monotonic() > deadline:
                raise LLMError(f"The local model did not finish within {self.timeout:g} s.")
        finally:
            cancel.set()
            t.join()

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        text, raw = "", None
        for r in self.stream_chat(messages, **kwargs):
            text, raw = r.message.content, r.raw
        return ChatResponse(message=ChatMessage(role="assistant", content=text), raw=raw)

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        request = self._request(messages, **kwargs)

        def gen() -> ChatResponseGen:
            text = ""
            for chunk in self._stream_chunks(request):
                choices = chunk.get("choices") or [{}]
                delta = (choices[0].get("delta") or {}).get("content") or ""
                text += delta
                if delta or choices[0].get("finish_reason"):
                    yield ChatResponse(
                        message=ChatMessage(role="assistant", content=text),
                        delta=delta,
                        raw=chunk,
                    )

        return gen()

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        r = self.chat([ChatMessage(role="user", content=prompt)], **kwargs)
        return CompletionResponse(text=r.message.content or "", raw=r.raw)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        def gen() -> CompletionResponseGen:
            for r in self.stream_chat([ChatMessage(role="user", content=prompt)], **kwargs):
                yield CompletionResponse(text=r.message.content or "", delta=r.delta, raw=r.raw)

        return gen()
