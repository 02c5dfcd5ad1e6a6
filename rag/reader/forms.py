"""The shipped reader in the form this CPU runs fastest: the same model, the same outputs to the bit.

The shipped file (models/reader/reader-int8.onnx) is written for every CPU: its int8 weights are
stored unsigned, because ONNX Runtime multiplies u8 activations by s8 weights with 16-bit sums that
saturate on x86 CPUs without VNNI (scripts/reader_training/export.py: unsign_weights). Two rewrites make it faster and change no
output (measured: 60 SQuAD windows of 163 word pieces on average, largest difference 0.0):

- "lean": the attention's NaN guards go. The exporter wrapped each layer's softmax in
  Where(IsNaN(p), 0, p), a guard for rows whose every key is masked; a window always has its
  [CLS] unmasked, so no row is, and p has no NaN to replace. Six elementwise passes over
  12 x L x L probabilities: 25.7 -> 22 ms a window on ONNX Runtime (2 threads, an AMX Xeon).
- "lean-signed": the weights signed again, where the CPU multiplies u8 x s8 exactly (VNNI: its
  dot products sum into 32 bits). The same integers, so the same products, on ONNX Runtime's
  faster u8 x s8 kernels: 12.8 ms a window, against 25.7 for the shipped file.

A form is made once from the verified shipped bytes, saved in the cache folder under the shipped
file's hash, and checked at every load against the SHA-256 the card records for it: a changed
cache file is made again, never used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
from pathlib import Path

log = logging.getLogger(__name__)

FORMS = ("lean", "lean-signed")
# x86 CPU flags (Linux /proc/cpuinfo) under which ONNX Runtime's u8 x s8 kernel sums exactly.
_EXACT_U8S8 = {"avx512_vnni", "avx_vnni"}


def cpu_form(cpuinfo: str | None = None) -> str:
    """ "lean-signed" on an x86 CPU with VNNI, "lean" elsewhere (and wherever the flags cannot
    be read: the unsigned weights are exact on every CPU)."""
    if cpuinfo is None:
        if platform.machine().lower() not in ("x86_64", "amd64"):
            return "lean"
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "lean"
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return "lean-signed" if _EXACT_U8S8 & set(line.partition(":")[2].split()) else "lean"
    return "lean"


def recode_weights(model, signed: bool) -> int:
    """Rewrite the 8-bit weights of every MatMulInteger in `model` (an onnx ModelProto) as int8
    (`signed`) or uint8, their zero points moved by 128 with them: the same integers, so the same
    products. How many tensors were rewritten."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    source, target = (onnx.TensorProto.UINT8, np.int8) if signed else (onnx.TensorProto.INT8, np.uint8)
    shift = -128 if signed else 128
    inits = {t.name: t for t in model.graph.initializer}
    done: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        for name in (node.input[1], node.input[3]):  # B and its zero point
            tensor = inits.get(name)
            if tensor is None or name in done or tensor.data_type != source:
                continue
            moved = numpy_helper.to_array(tensor).astype(np.int16) + shift
            tensor.CopyFrom(numpy_helper.from_array(moved.astype(target), name))
            done.add(name)
    return len(done)


def drop_nan_guards(model) -> int:
    """Remove each Where(IsNaN(p), c, p) of `model`, its readers reading p: how many went."""
    graph = model.graph
    made_by = {out: node for node in graph.node for out in node.output}
    gone, renamed = [], {}
    for node in graph.node:
        test = made_by.get(node.input[0]) if node.op_type == "Where" else None
        if test is not None and test.op_type == "IsNaN" and test.input[0] == node.input[2]:
            renamed[node.output[0]] = node.input[2]
            gone += [node, test]
    for node in gone:
        graph.node.remove(node)
    for node in graph.node:
        for i, name in enumerate(node.input):
            node.input[i] = renamed.get(name, name)
    return len(gone) // 2


def converted(data: bytes, form: str) -> bytes:
    """The shipped file's bytes rewritten into `form`."""
    import onnx

    if form not in FORMS:
        raise ValueError(f"reader form {form!r}: use one of {', '.join(FORMS)}")
    model = onnx.load_from_string(data)
    drop_nan_guards(model)
    if form == "lean-signed":
        recode_weights(model, signed=True)
    return model.SerializeToString()


def form_bytes(
    shipped: bytes, shipped_sha256: str, form: str, expected_sha256: str | None, cache_dir: Path
) -> bytes | None:
    """The bytes of `form`, from the cache when they are the ones the card names, else made from
    the shipped file's bytes (which the caller has verified) and saved there; None when the card names no
    hash for the form, or what was made differs from it (another onnx version writes other
    bytes): the caller reads the shipped file as it is."""
    if not expected_sha256:
        return None
    path = cache_dir / f"reader-{shipped_sha256[:16]}-{form}.onnx"
    try:
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == expected_sha256:
            return data
        log.warning("The cached reader %s is not the file its card names: making it again", path)
    except OSError:
        pass
    data = converted(shipped, form)
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected_sha256:
        log.warning(
            "The reader rewritten as %r has SHA-256 %s…, not the %s… its card names (another onnx "
            "version?): reading the shipped file as it is, slower, the same answers.",
            form,
            digest[:16],
            expected_sha256[:16],
        )
        return None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as e:  # a read-only cache: made again at the next start
        log.info("Could not save the reader's %s form in %s (%s)", form, cache_dir, e)
    return data
