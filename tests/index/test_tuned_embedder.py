"""Our fine-tuned embedder (models/embedder/): the shipped file is the one its card names, a
changed or missing file is a clear error, its cosines are read on the package's scale, and it
reproduces its card's held-out retrieval numbers (and beats the package's weights there)."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

import rag.index.embedder as embedder_module
from rag.errors import ModelIntegrityError, ModelNotInstalled
from rag.index.embedder import TUNED_CARD, TUNED_DIR, CosineScale, Embedder, tuned_layers, weights_id

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def card() -> dict:
    return json.loads(TUNED_CARD.read_text(encoding="utf-8"))


def test_shipped_file_is_the_one_its_card_names(card):
    from safetensors.torch import load_file

    path = TUNED_DIR / card["file"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == card["sha256"]
    assert path.stat().st_size == card["bytes"] < 30e6
    layers = load_file(path)
    assert "embeddings.word_embeddings.weight" not in layers  # the package's, frozen in training
    assert "encoder.layer.5.output.dense.weight" in layers and "embeddings.position_embeddings.weight" in layers
    assert {str(v.dtype) for v in layers.values()} == {"torch.float16"}


@pytest.fixture
def own_copy(tmp_path, monkeypatch):
    """models/embedder/ copied to a temporary folder that the embedder reads instead."""
    folder = tmp_path / "embedder"
    shutil.copytree(TUNED_DIR, folder)
    monkeypatch.setattr(embedder_module, "TUNED_DIR", folder)
    monkeypatch.setattr(embedder_module, "TUNED_CARD", folder / "embedder.json")
    return folder


def test_a_changed_layers_file_is_refused(own_copy, card, tmp_path):
    path = own_copy / card["file"]
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="restore the file from the repository"):
        Embedder(cache_dir=tmp_path / "cache", threads=1, runtime="onnxruntime", weights="tuned").embed(["What is it?"])


def test_a_missing_card_says_how_to_go_on(own_copy, tmp_path):
    (own_copy / "embedder.json").unlink()
    with pytest.raises(ModelNotInstalled, match='embed_weights = "package"'):
        Embedder(cache_dir=tmp_path / "cache", threads=1, runtime="onnxruntime", weights="tuned")


def test_each_weights_has_its_own_index_fingerprint_and_cosine_scale(card):
    assert weights_id("package") == "all-MiniLM-L6-v2"
    assert weights_id("tuned") == f"all-MiniLM-L6-v2-tuned-{card['sha256'][:12]}"
    scale = tuned_layers().scale
    assert (scale.a, scale.b) == (card["cosine_to_package"]["a"], card["cosine_to_package"]["b"]) != (1.0, 0.0)
    assert CosineScale()(np.float32(0.4)) == np.float32(0.4)
    assert Embedder(threads=1, weights="package", runtime="onnxruntime").cosine_scale == CosineScale()


def test_reproduces_the_held_out_news_numbers_of_its_card(card, embedder):
    """The held-out invented news stories (story S06, never trained on) through ONNX Runtime:
    the card's numbers were measured with the batch runtime (bfloat16 on AMX, fp32 elsewhere)."""
    from scripts.embedder_training.heldout import news_dev, ranks

    questions, passages, gold = news_dev(embedder.count_tokens)
    assert len(questions) == card["heldout"]["news_dev"]["questions"]
    measured = {}
    for weights in ("package", "tuned"):
        e = Embedder(threads=2, weights=weights, runtime="onnxruntime")
        measured[weights] = ranks(e.embed(questions), e.embed(passages), gold)
        for metric in ("hit@1", "hit@5"):
            assert abs(measured[weights][metric] - card["heldout"]["news_dev"][weights][metric]) <= 0.015
    assert measured["tuned"]["hit@5"] > measured["package"]["hit@5"] + 0.05


@pytest.mark.slow
def test_switching_the_weights_rebuilds_the_index_and_answers_with_citations(tmp_path):
    """An index made with the package's weights is embedded again with ours (their vectors do
    not mix), and the opt-in answers through the whole path."""
    from rag.assistant import Assistant
    from rag.index.manifest import Manifest
    from rag.settings import Settings
    from tests.conftest import CORPUS

    index = tmp_path / "index"
    Assistant(settings=Settings(corpus_dir=CORPUS, index_dir=index))
    assert Manifest.load(index).fingerprint["embedder"] == "all-MiniLM-L6-v2"
    tuned = Assistant(settings=Settings(corpus_dir=CORPUS, index_dir=index, embed_weights="tuned"))
    assert Manifest.load(index).fingerprint["embedder"] == weights_id("tuned")
    answer = tuned.ask("How many people were in the caravan that Trump attacked?")
    assert not answer.refused and "1,500" in answer.text and answer.citations
    for c in answer.citations:
        assert tuned.path.texts[c.source][c.start : c.end] == c.text
