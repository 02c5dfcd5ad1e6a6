"""A weight-space average ("model soup", WiSE-FT) of the shipped reader and a checkpoint trained
further from the same MiniLM: measured, not shipped (README: Reader).

Fine-tuned from one pretrained model with the same seed (so the same initial heads), two readers
lie in one basin of the loss, and the average of their weights reads about as well as either
and often better away from the training data (Wortsman et al., 2022: model soups, WiSE-FT).
Every candidate trained further on SQuAD read Wikipedia better and our news articles worse; the
average is a way to keep both. The shipped model's full-precision checkpoint is not kept, so its
weights are taken from the shipped int8 file, dequantised (each weight within half a
quantisation step of what was trained).

Run it where models/reader may be replaced (a worktree): it writes the averaged int8 file there,
then measures it as `export` does (held-out numbers, calibrated threshold, card).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np


def dequantized(inits: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The float weights of a file made by onnxruntime's quantize_dynamic: each `X_quantized`
    with its `X_scale` and `X_zero_point` (per output column when the scale is a vector: a
    MatMul weight is (inputs, outputs)) becomes
    X again; weights left unquantised stay as they are."""
    out = {}
    for name, value in inits.items():
        if name.endswith(("_scale", "_zero_point")):
            continue
        if name.endswith("_quantized"):
            base = name.removesuffix("_quantized")
            scale = inits[base + "_scale"].astype(np.float32)  # one per column, or one in all
            zero = inits[base + "_zero_point"].astype(np.float32)
            out[base] = (value.astype(np.float32) - zero) * scale  # broadcast along the rows
        else:
            out[name] = value
    return out


def averaged(shipped: dict[str, np.ndarray], candidate: dict[str, np.ndarray], alpha: float) -> dict[str, np.ndarray]:
    """alpha * shipped + (1 - alpha) * candidate for every float weight of the candidate's graph.
    Names are the ONNX export's, the same for both (one export function, one torch version);
    the quantiser stores a Gemm's weight transposed. A weight the shipped file lacks is an error:
    the two were not exported alike."""
    out = {}
    for name, c in candidate.items():
        if c.dtype != np.float32:
            out[name] = c  # shapes, axes and other integer constants of the graph
            continue
        if name not in shipped:
            if c.size <= 1:
                out[name] = c  # a float constant of the graph (a scale), not a trained weight
                continue
            raise ValueError(f"the shipped reader has no weight {name!r} {c.shape}: not exported alike")
        s = shipped[name].astype(np.float32)
        if s.shape != c.shape and s.T.shape == c.shape:
            s = s.T
        if s.shape != c.shape:
            raise ValueError(f"{name}: shipped {s.shape}, candidate {c.shape}")
        out[name] = (alpha * s + (1 - alpha) * c).astype(np.float32)
    return out


def soup(args) -> None:
    import json

    import onnx
    from onnx import numpy_helper

    from rag.reader.model import CARD, Reader
    from scripts.reader_training.export import checkpoint_onnx, install_int8, measure
    from scripts.reader_training.settings import CKPT_DIR, MODEL_DIR

    info = json.loads(CARD.read_text())
    shipped_file = MODEL_DIR / info["file"]
    shipped_sha = hashlib.sha256(shipped_file.read_bytes()).hexdigest()
    shipped = dequantized({i.name: numpy_helper.to_array(i) for i in onnx.load(str(shipped_file)).graph.initializer})
    CKPT_DIR.mkdir(parents=True, exist_ok=True)
    fp32 = CKPT_DIR / "soup-candidate-fp32.onnx"
    state = checkpoint_onnx(Path(args.checkpoint), fp32)
    graph = onnx.load(str(fp32))
    weights = averaged(shipped, {i.name: numpy_helper.to_array(i) for i in graph.graph.initializer}, args.alpha)
    for init in graph.graph.initializer:
        init.CopyFrom(numpy_helper.from_array(weights[init.name], init.name))
    mixed = CKPT_DIR / "soup-fp32.onnx"
    onnx.save(graph, str(mixed))
    dest, sha = install_int8(mixed)  # as export quantises
    kinds = ", ".join(state.get("kinds") or {})
    info.update(
        sha256=sha,
        bytes=dest.stat().st_size,
        train_note=f"Then averaged, weight by weight, with a checkpoint of {state['step']:,} steps trained from the "
        f"same MiniLM and seed on {kinds}: {args.alpha} x this model (its int8 file, SHA-256 {shipped_sha[:16]}…, "
        f"dequantised) + {1 - args.alpha:g} x the checkpoint (`train_reader.py soup`)",
    )
    measure(Reader(dest, threshold=0.5, expected_sha256=sha, threads=args.threads), info, args)


def load_shipped(net) -> str:
    """Set `net` (make_net()'s reader) to the shipped int8 file's weights, dequantised: where
    `train --from-shipped` starts (the shipped model's full-precision checkpoint is not kept).
    ONNX names its weights by graph position, so each is matched to its torch parameter through
    an export of `net` itself: the exported value equals one parameter (a MatMul's transposed).
    Returns the shipped file's SHA-256."""
    import json
    import tempfile

    import onnx
    import torch
    from onnx import numpy_helper

    from rag.reader.model import CARD
    from rag.reader.network import export_onnx
    from scripts.reader_training.settings import MODEL_DIR

    shipped_file = MODEL_DIR / json.loads(CARD.read_text())["file"]
    shipped = dequantized({i.name: numpy_helper.to_array(i) for i in onnx.load(str(shipped_file)).graph.initializer})
    with tempfile.TemporaryDirectory() as tmp:
        export_onnx(net, Path(tmp) / "net.onnx")
        exported = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(Path(tmp) / "net.onnx")).graph.initializer}
    state = net.state_dict()
    params = {k: v.numpy() for k, v in state.items()}
    loaded = {}
    for name, value in exported.items():
        if value.dtype != np.float32 or name not in shipped:
            continue
        # (parameter, stored transposed): a square MatMul weight has the same shape either way.
        match = [(k, False) for k, p in params.items() if p.shape == value.shape and np.array_equal(p, value)]
        match += [
            (k, True)
            for k, p in params.items()
            if p.ndim == 2 and p.T.shape == value.shape and np.array_equal(p.T, value)
        ]
        if len(match) != 1:
            if value.size <= 1:
                continue  # a constant of the graph, not a weight
            raise ValueError(f"{name} {value.shape}: matches {len(match)} parameters of the reader")
        key, transposed = match[0]
        s = shipped[name].astype(np.float32)
        if s.shape != value.shape:  # the quantiser may store a Gemm's weight transposed
            s = s.T
        s = s.T if transposed else s
        loaded[key] = torch.from_numpy(np.ascontiguousarray(s.reshape(state[key].shape)))
    unused = {k for k in state if not k.startswith("encoder.pooler.")} - set(loaded)
    if unused:
        raise ValueError(f"the shipped reader has no weights for {sorted(unused)}")
    net.load_state_dict({**state, **loaded})
    return hashlib.sha256(shipped_file.read_bytes()).hexdigest()
