"""The CI gate: the gold set and two benchmark subsets, run through the real Assistant.

Fails when a metric falls below its threshold in eval/thresholds.toml. A deliberately broken
retriever shows the gate has teeth.
"""

from __future__ import annotations

import pytest

from eval import datasets, gate, runner
from rag.assistant import Assistant
from rag.retrieve import HybridRetriever


class BackwardsRetriever(HybridRetriever):
    """Deliberately broken: hands back the k least relevant of the fused candidates."""

    def retrieve(self, question, k, query_vector=None):
        return super().retrieve(question, 3 * k, query_vector)[-k:]


@pytest.fixture(scope="module")
def gold_assistant(tmp_path_factory):
    return Assistant(corpus_dir=datasets.REPO / "corpus", index_dir=tmp_path_factory.mktemp("gate") / "index")


@pytest.mark.unit
def test_check_reports_each_broken_threshold():
    thresholds = {"min": {"hit@1": 0.8, "mrr": 0.5}, "max": {"false_refusal_rate": 0.05}}
    summary = {"hit@1": 0.79, "mrr": 0.5, "false_refusal_rate": 0.2}
    failures = gate.check(summary, thresholds)
    assert len(failures) == 2
    assert failures[0].startswith("hit@1 = 0.79 is below")
    assert failures[1].startswith("false_refusal_rate = 0.2 is above")
    assert gate.check({"hit@1": None}, {"min": {"hit@1": 0.1}}) == ["hit@1 = None is below its threshold 0.1"]


@pytest.mark.slow
def test_gold_set_meets_thresholds(gold_assistant, tmp_path):
    dataset = datasets.gold_dataset()
    summary = runner.run(gold_assistant, dataset, tmp_path / "run", progress=False)
    assert gate.check(summary, gate.load_thresholds("corpus")) == []
    for name in ("results.jsonl", "summary.json", "report.md", "metrics.png"):
        assert (tmp_path / "run" / name).stat().st_size > 0


@pytest.mark.slow
def test_gold_set_meets_thresholds_with_the_evidence_alone(gold_assistant, tmp_path):
    """decide = "evidence" (the default before session 20) is opt-in; its own gate holds it."""
    evidence = gold_assistant.with_settings(decide="evidence")
    summary = runner.run(evidence, datasets.gold_dataset(), tmp_path / "run", progress=False)
    assert gate.check(summary, gate.load_thresholds("corpus-evidence")) == []


@pytest.mark.slow
def test_broken_retriever_fails_the_gate(tmp_path):
    broken = Assistant(
        corpus_dir=datasets.REPO / "corpus", index_dir=tmp_path / "index", retriever_class=BackwardsRetriever
    )
    summary = runner.run(broken, datasets.gold_dataset(), tmp_path / "run", progress=False)
    failures = gate.check(summary, gate.load_thresholds("corpus"))
    assert any(f.startswith("hit@1") for f in failures), failures


@pytest.mark.slow
def test_untrained_reader_fails_the_gate(tmp_path):
    """The same network with the package's MiniLM weights and untrained heads, in place of the
    shipped reader (at the shipped threshold): the short answers it cuts are wrong, and the
    gate's EM/F1 notice."""
    import hashlib

    import torch

    from rag.reader.model import Reader
    from rag.reader.network import export_onnx, make_net

    shipped = Reader.shipped()
    torch.manual_seed(0)
    path = tmp_path / "untrained.onnx"
    export_onnx(make_net(), path)
    untrained = Reader(path, shipped.threshold, hashlib.sha256(path.read_bytes()).hexdigest())
    assistant = Assistant(corpus_dir=datasets.REPO / "corpus", index_dir=tmp_path / "index", reader=untrained)
    summary = runner.run(assistant, datasets.gold_dataset(), tmp_path / "run", progress=False)
    failures = gate.check(summary, gate.load_thresholds("corpus"))
    assert any(f.startswith(("em ", "f1 ")) for f in failures), failures


@pytest.mark.slow
def test_benchmark_subset_meets_thresholds(tmp_path_factory):
    work = tmp_path_factory.mktemp("squad")
    dataset = datasets.squad_dataset(work, limit=200)
    assert dataset.name == "squad-xquad-en-200"
    assistant = Assistant(corpus_dir=dataset.corpus_dir, index_dir=work / "index")
    summary = runner.run(assistant, dataset, work / "run", progress=False)
    assert gate.check(summary, gate.load_thresholds(dataset.name)) == []


@pytest.mark.slow
def test_multi_hop_subset_meets_thresholds(tmp_path_factory):
    """HotpotQA: 30 fixed questions over their gold pages and 8 look-alike pages each (286 pages,
    so the gate indexes in about a minute instead of the full 994 pages' several)."""
    work = tmp_path_factory.mktemp("hotpotqa")
    dataset = datasets.hotpotqa_dataset(work, limit=30, distractors=8)
    assert dataset.name == "hotpotqa-100-30-d8"
    assert {it.kind for it in dataset.items} == {"bridge", "comparison"}
    assistant = Assistant(corpus_dir=dataset.corpus_dir, index_dir=work / "index")
    summary = runner.run(assistant, dataset, work / "run", progress=False)
    assert gate.check(summary, gate.load_thresholds(dataset.name)) == []
    assert set(summary["by_type"]) == {"bridge", "comparison"}


@pytest.mark.slow
def test_interrupted_run_resumes(gold_assistant, tmp_path):
    dataset = datasets.gold_dataset()
    first = datasets.Dataset(dataset.name, dataset.corpus_dir, dataset.items[:5], dataset.match)
    runner.run(gold_assistant, first, tmp_path / "run", progress=False)
    assert len((tmp_path / "run" / "results.jsonl").read_text().splitlines()) == 5
    summary = runner.run(gold_assistant, dataset, tmp_path / "run", progress=False)
    lines = (tmp_path / "run" / "results.jsonl").read_text().splitlines()
    assert len(lines) == len(dataset.items) == summary["n"]
