"""The reader soup's arithmetic on real onnxruntime int8 files: dequantising what quantize_dynamic
wrote gives the weights back (within half a step), and the average takes each weight by name."""

from __future__ import annotations

import numpy as np
import pytest

from scripts.reader_training.soup import averaged, dequantized

pytestmark = pytest.mark.unit


def _quantized_inits(tmp_path, matmul: np.ndarray, gemm: np.ndarray, table=None) -> dict[str, np.ndarray]:
    """A graph with a MatMul weight, a Gemm weight (transB, as torch exports a Linear) and an
    embedding table (Gather, quantised asymmetrically: uint8 with a zero point), quantised by
    onnxruntime as the reader's export does; its initializers by name."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    table = np.ones((10, matmul.shape[0]), np.float32) if table is None else table
    ids = helper.make_tensor_value_info("ids", TensorProto.INT64, [1])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, gemm.shape[0]])
    graph = helper.make_graph(
        [
            helper.make_node("Gather", ["table", "ids"], ["x"]),
            helper.make_node("MatMul", ["x", "w_matmul"], ["h"]),
            helper.make_node("Gemm", ["h", "w_gemm", "b_gemm"], ["y"], transB=1),
        ],
        "tiny",
        [ids],
        [y],
        [
            numpy_helper.from_array(table, "table"),
            numpy_helper.from_array(matmul, "w_matmul"),
            numpy_helper.from_array(gemm, "w_gemm"),
            numpy_helper.from_array(np.zeros(gemm.shape[0], np.float32), "b_gemm"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.save(model, str(tmp_path / "fp32.onnx"))
    quantize_dynamic(
        str(tmp_path / "fp32.onnx"), str(tmp_path / "int8.onnx"), weight_type=QuantType.QInt8, per_channel=True
    )
    return {i.name: numpy_helper.to_array(i) for i in onnx.load(str(tmp_path / "int8.onnx")).graph.initializer}


def test_dequantised_weights_are_the_trained_ones_within_half_a_step(tmp_path):
    rng = np.random.default_rng(0)
    # Columns of very different size: a per-tensor scale would blur the small ones.
    matmul = (rng.normal(size=(64, 32)) * np.linspace(0.01, 1.0, 32)).astype(np.float32)
    gemm = rng.normal(size=(8, 32)).astype(np.float32)
    table = rng.uniform(-0.5, 1.5, size=(10, 64)).astype(np.float32)  # lopsided: a zero point
    inits = _quantized_inits(tmp_path, matmul, gemm, table)
    assert "w_matmul_quantized" in inits  # quantised, not left as it was
    assert inits["table_zero_point"] != 0

    back = dequantized(inits)
    step = np.abs(matmul).max(axis=0) / 127  # per column
    assert np.all(np.abs(back["w_matmul"] - matmul) <= step / 2 + 1e-7)
    w = back["w_gemm"] if back["w_gemm"].shape == gemm.shape else back["w_gemm"].T
    assert np.abs(w - gemm).max() <= np.abs(gemm).max() / 127
    assert np.abs(back["table"] - table).max() <= (table.max() - table.min()) / 255
    assert not any(name.endswith(("_scale", "_zero_point", "_quantized")) for name in back)


def test_the_average_weighs_each_weight_by_name_and_refuses_graphs_exported_apart(tmp_path):
    rng = np.random.default_rng(1)
    matmul, gemm = rng.normal(size=(16, 8)).astype(np.float32), rng.normal(size=(4, 8)).astype(np.float32)
    shipped = dequantized(_quantized_inits(tmp_path, matmul, gemm)) | {"answer_bias": np.array([4.0], np.float32)}
    candidate = {
        "w_matmul": np.zeros_like(matmul),
        "w_gemm": np.zeros_like(gemm),
        "b_gemm": np.full(4, 2.0, np.float32),
        "axes": np.array([1], np.int64),
        "scale": np.array(8.0, np.float32),
        "answer_bias": np.array([2.0], np.float32),  # one number, and a trained one
    }

    half = averaged(shipped, candidate, 0.5)
    assert np.allclose(half["w_matmul"], shipped["w_matmul"] / 2)
    gemm_back = shipped["w_gemm"] if shipped["w_gemm"].shape == gemm.shape else shipped["w_gemm"].T
    assert np.allclose(half["w_gemm"], gemm_back / 2)  # a transposed weight is matched, not broadcast
    assert np.array_equal(averaged(shipped, candidate, 0.0)["w_matmul"], candidate["w_matmul"])
    assert np.allclose(half["b_gemm"], 1.0)  # biases too
    assert half["answer_bias"] == 3.0
    assert np.array_equal(half["axes"], candidate["axes"])  # graph constants are the candidate's
    assert half["scale"] == 8.0
    with pytest.raises(ValueError, match="no weight 'w_other'"):
        averaged(shipped, {**candidate, "w_other": np.ones((3, 3), np.float32)}, 0.5)


@pytest.mark.integration
def test_training_from_the_shipped_file_starts_where_the_shipped_reader_is():
    """`train --from-shipped` loads the int8 file's weights, dequantised, into the torch reader.
    A square MatMul weight has the same shape stored transposed or not: loaded untransposed, the
    start logits' best token was [CLS] and the first training steps' answer loss was ln 2's."""
    import json

    import onnxruntime as ort
    import torch

    from rag.reader.features import batch_arrays, encode_question, make_tokenizer, windows
    from rag.reader.model import CARD, MODEL_DIR
    from rag.reader.network import make_net
    from scripts.reader_training.soup import load_shipped
    from scripts.reader_training.train import base_model_dir

    net = make_net()
    load_shipped(net)
    net.eval()
    tok = make_tokenizer(str(base_model_dir() / "tokenizer.json"))
    text = "The mill on the river was built in 1850 by the Harrow family, and it closed in 1921."
    arr = batch_arrays(windows(tok, encode_question(tok, "When was the mill built?"), text))
    shipped = ort.InferenceSession(str(MODEL_DIR / json.loads(CARD.read_text())["file"]))
    start, end, answer = shipped.run(None, arr)
    with torch.no_grad():
        t_start, t_end, t_answer = (x.numpy() for x in net(**{k: torch.from_numpy(v) for k, v in arr.items()}))
    assert t_start.argmax() == start.argmax() and t_end.argmax() == end.argmax()
    # int8 activations against fp32: close, not equal.
    assert abs(float(t_answer[0]) - float(answer[0])) < 0.5
    assert np.corrcoef(t_start[0], start[0])[0, 1] > 0.99
