"""The shipped reader: the file its card describes, and the held-out numbers the card states."""

from __future__ import annotations

import hashlib
import json

import pytest

from rag.errors import ModelIntegrityError, ModelNotInstalled
from rag.reader.heldout import Example, metrics, read_all
from rag.reader.model import CARD, MODEL_DIR, Reader, veto_point
from tests.conftest import REPO

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def card() -> dict:
    return json.loads(CARD.read_text())


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader.shipped()


def test_shipped_file_is_the_one_its_card_names(card):
    data = (MODEL_DIR / card["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == card["sha256"]
    assert len(data) <= 30_000_000  # small enough to ship in the repository
    assert 0.0 < card["threshold"] < 1.0


def test_a_changed_model_file_is_refused(card, tmp_path):
    data = bytearray((MODEL_DIR / card["file"]).read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / card["file"]
    bad.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        Reader(bad, card["threshold"], card["sha256"])


def test_a_missing_model_file_says_how_to_restore_it(card, tmp_path):
    with pytest.raises(ModelNotInstalled, match="restore"):
        Reader(tmp_path / "absent.onnx", card["threshold"], card["sha256"])


def test_reproduces_the_held_out_numbers_of_its_card(card, reader):
    expected = card["held_out_sample"]
    lines = (REPO / expected["file"]).read_text().splitlines()
    examples = [Example(**json.loads(line)) for line in lines]
    probs, spans = read_all(reader, examples)
    got = metrics(examples, probs, spans, reader.threshold)
    for key, value in expected.items():
        if key != "file":
            assert got[key] == pytest.approx(value, abs=0.01), key


def test_short_answer_offsets_point_into_the_text(reader):
    text = (
        "The caravan set out from San Pedro Sula in Honduras. "
        "By Monday about 1,500 migrants were walking north through Mexico."
    )
    (r,) = reader.read_many([("How many migrants were walking north?", text)])
    assert r.span is not None and 0 <= r.span.start < r.span.end <= len(text)
    assert "1,500" in text[r.span.start : r.span.end]


def test_long_texts_are_read_in_windows(reader):
    filler = "The weather in the valley was mild and nothing else happened that year. " * 60
    text = filler + "The bridge was designed by Gustave Eiffel in 1884. " + filler
    (r,) = reader.read_many([("Who designed the bridge?", text)])
    assert r.span is not None and "Eiffel" in text[r.span.start : r.span.end]


def test_shipped_weights_are_unsigned_so_no_cpu_saturates_them(card):
    """ONNX Runtime multiplies u8 activations by s8 weights with VPMADDUBSW on CPUs without
    AVX512-VNNI, whose 16-bit sums saturate: the signed file read the gold set's EM 0.432 -> 0.409
    on an AVX2-only AMD EPYC. Unsigned weights (u8 x u8) are exact there too."""
    import onnx

    model = onnx.load(str(MODEL_DIR / card["file"]))
    types = {t.name: t.data_type for t in model.graph.initializer}
    weights = [n.input[1] for n in model.graph.node if n.op_type == "MatMulInteger"]
    assert weights and all(types[w] == onnx.TensorProto.UINT8 for w in weights)


def test_a_window_read_again_reads_as_it_did(reader):
    """Windows read lately are answered from what they gave (one question reads some passages
    twice): the same readings as a reader that never read them, alone or beside others."""
    q = "How many containers did the harbour handle in March?"
    texts = ["The harbour of Port Elwen handled 42,000 containers in March.", "The mill was built in 1850."]
    first = reader.read_many([(q, t) for t in texts])
    again = reader.read_many([(q, texts[1]), (q, texts[0])], within=[None, (0, len(texts[0]))])
    fresh = Reader.shipped().read_many([(q, texts[1]), (q, texts[0])], within=[None, (0, len(texts[0]))])
    assert again == fresh
    assert again[0] == first[1] and again[1].probability == first[0].probability


def test_the_veto_point_is_the_curves_last_that_keeps_99_percent_of_answering_texts(card, reader):
    curve = [
        {"threshold": 0.05, "accepted_answering": 0.997, "refused_not_answering": 0.3},
        {"threshold": 0.1, "accepted_answering": 0.99, "refused_not_answering": 0.4},
        {"threshold": 0.15, "accepted_answering": 0.989, "refused_not_answering": 0.5},
    ]
    assert veto_point(curve) == 0.1
    assert veto_point(curve[2:]) is None and veto_point(None) is None
    expected = card.get("veto_threshold", veto_point(card["calibration_curve"]))
    assert reader.veto == expected and 0 < reader.veto < reader.threshold
