"""The reader model at run time: int8 ONNX, onnxruntime, the MiniLM tokenizer. No torch.

The file ships in the repository (models/reader/), with reader.json beside it: its SHA-256,
the refusal threshold calibrated on held-out data when it was exported, and its held-out
metrics. A file whose hash differs is refused (ModelIntegrityError), never silently used.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.errors import ModelIntegrityError, ModelNotInstalled
from rag.reader.features import (
    Span,
    Window,
    batch_arrays,
    best_span,
    encode_question,
    make_tokenizer,
    windows,
)
from rag.reader.forms import cpu_form, form_bytes

# Our own models live in the repository's models/ folder, each beside its card.
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "reader"
CARD = MODEL_DIR / "reader.json"
# Windows whose outputs are kept (two logit rows of up to 384 floats each): a few questions' worth.
RECENT_WINDOWS = 256


@dataclass(frozen=True)
class Reading:
    """What the reader makes of one text for one question."""

    probability: float  # that the text answers the question (calibrated threshold: Reader.threshold)
    span: Span | None  # the short answer, as character offsets into the text; None for no text


# The reader's doubt refuses an answer (Settings.reader_veto) below the point of its held-out
# calibration curve that still accepts this share of the texts that answer.
VETO_KEEPS = 0.99


def veto_point(calibration_curve: list[dict] | None, keeps: float = VETO_KEEPS) -> float | None:
    """The highest threshold of a card's calibration curve at which at least `keeps` of the
    held-out texts that answer are still accepted; None when the card has no curve."""
    kept = [row["threshold"] for row in calibration_curve or () if (row.get("accepted_answering") or 0.0) >= keeps]
    return max(kept) if kept else None


class Reader:
    def __init__(
        self,
        path: Path,
        threshold: float,
        expected_sha256: str,
        threads: int = 2,
        veto: float | None = None,
        forms: dict[str, str] | None = None,
        cache_dir: Path | None = None,
    ):
        """`forms`: the SHA-256 of each rewritten form of the file (rag.reader.forms), from its
        card; the one this CPU runs fastest is read instead of the file, made once into
        `cache_dir`. None: the file as it is."""
        from rag.index.embedder import model_dir

        if not path.is_file():
            raise ModelNotInstalled(
                f"The reader model {path} is missing. It ships with the package: reinstall it "
                "(pip install -e .) or restore the file from the repository."
            )
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != expected_sha256:
            raise ModelIntegrityError(
                f"The reader model {path} has SHA-256 {digest[:16]}…, not the {expected_sha256[:16]}… "
                "recorded in reader.json: it was changed or damaged. Restore it from the repository."
            )
        # What runs: the shipped file, or the same model rewritten for this CPU (equal outputs).
        self.form = "shipped"
        if forms and cache_dir is not None:
            form = cpu_form()
            rewritten = form_bytes(data, digest, form, forms.get(form), cache_dir)
            if rewritten is not None:
                data, self.form = rewritten, form
        self.threshold = threshold
        # Below this the reader's doubt is sure enough to refuse (veto_point; None: never).
        self.veto = veto
        self._tokenizer = make_tokenizer(str(model_dir() / "tokenizer.json"))
        self._data = data
        self._threads = threads
        self._session = _session(data, threads)
        # Many windows are read side by side, each on one thread of a one-thread session (made on
        # the first such read): 64 SQuAD windows took 13.1 ms each one after the other on two
        # threads, 10.0 ms two at a time on one thread each, with equal outputs. One window alone
        # stays on the two-thread session (13 ms, against 19 ms on one thread).
        self._side_by_side: tuple[object, ThreadPoolExecutor] | None = None
        self._lock = threading.Lock()
        # The outputs of the windows read last, by their inputs: one question reads some passages
        # twice (the evidence's passage for its short answer, then again among the candidates
        # when `checked` doubts it; the linked hop's pages), and a window's outputs are the same
        # however it is read (alone or side by side: equal to the bit, above).
        self._recent: OrderedDict[tuple, list] = OrderedDict()

    @classmethod
    def shipped(cls, threads: int = 2) -> Reader:
        """The model that ships in models/reader, checked against its card."""
        if not CARD.is_file():
            raise ModelNotInstalled(f"The reader's card {CARD} is missing: restore it from the repository.")
        card = json.loads(CARD.read_text())
        # A card exported before the veto point was recorded: its curve's last 0.05 step that keeps 99%.
        veto = card.get("veto_threshold", veto_point(card.get("calibration_curve")))
        from rag.settings import cache_root

        return cls(
            MODEL_DIR / card["file"],
            float(card["threshold"]),
            card["sha256"],
            threads,
            veto,
            forms=card.get("forms"),
            cache_dir=cache_root() / "reader",
        )

    def read_many(
        self,
        pairs: list[tuple[str, str]],
        within: list[tuple[int, int] | None] | None = None,
        holding: list[tuple[tuple[int, int], ...]] | None = None,
    ) -> list[Reading]:
        """One Reading per (question, text) pair, in order. A text longer than one window is read
        in overlapping windows; it answers as well as its best window does. `within[n]`: the
        character range of text n the short answer must lie in (the sentence evidence chose),
        taken from whichever window scores it best; None reads the whole text. `holding[n]`:
        character ranges of text n one of which the short answer must overlap (none: any span)."""
        q_cache: dict[str, list[int]] = {}
        items: list[tuple[int, Window]] = []
        for n, (question, text) in enumerate(pairs):
            if question not in q_cache:
                q_cache[question] = encode_question(self._tokenizer, question)
            items.extend((n, w) for w in windows(self._tokenizer, q_cache[question], text))
        bounds = within or [None] * len(pairs)
        held = holding or [()] * len(pairs)
        probability = [-1.0] * len(pairs)  # no window read yet
        # Unbounded: the span of the window that answers best; bounded: the best-scoring span
        # inside the range, from whichever window holds it.
        spans: list[Span | None] = [None] * len(pairs)
        # One window per run: the int8 model quantises its activations with a scale taken over
        # the whole batch, so read in a batch a text's reading depended on what else was read
        # with it (145 of 400 HotpotQA readings moved their span or probability by > 0.01 between
        # batches of 16 and windows alone). Alone is no slower here: no padding (100 questions x
        # 4 pages: 81-89 ms batched, 52-85 ms alone, load ~2).
        for (n, w), (start, end, answer) in zip(items, self._run_each([w for _, w in items])):
            p = float(1.0 / (1.0 + np.exp(-float(answer[0]))))
            span = best_span(start[0], end[0], w, bounds[n], held[n])
            if bounds[n] is None:
                if p > probability[n]:
                    spans[n] = span
            elif span is not None and (spans[n] is None or span.score > spans[n].score):
                spans[n] = span
            probability[n] = max(probability[n], p)
        return [Reading(max(probability[n], 0.0), spans[n]) for n in range(len(pairs))]

    def _run_each(self, ws: list[Window]) -> list:
        """The model's outputs for each window read alone, in order; those of a window read
        lately are taken again."""
        keys = [(tuple(w.ids), tuple(w.type_ids)) for w in ws]
        with self._lock:
            outputs = [self._recent.get(k) for k in keys]
        todo = [w for w, out in zip(ws, outputs) if out is None]
        made = self._run_now(todo)
        for out in made:
            for array in out:  # shared from now on: a caller that wrote into one would change the next reading
                array.flags.writeable = False
        fresh = iter(made)
        outputs = [out if out is not None else next(fresh) for out in outputs]
        with self._lock:
            for k, out in zip(keys, outputs):
                self._recent[k] = out
                self._recent.move_to_end(k)
            while len(self._recent) > RECENT_WINDOWS:
                self._recent.popitem(last=False)
        return outputs

    def _run_now(self, ws: list[Window]) -> list:
        if len(ws) < 2 or self._threads < 2:
            return [self._session.run(None, batch_arrays([w])) for w in ws]
        with self._lock:
            if self._side_by_side is None:
                pool = ThreadPoolExecutor(self._threads, thread_name_prefix="reader")
                self._side_by_side = (_session(self._data, 1), pool)
        session, pool = self._side_by_side
        return list(pool.map(lambda w: session.run(None, batch_arrays([w])), ws))


def _session(data: bytes, threads: int):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    # Idle pool threads sleep instead of spinning: the query path runs the embedder, numpy and
    # the reader in turn on two cores, and a spinning pool of one slowed the others. Warm ask
    # at 100k passages, p50 64.6 -> 29.6 ms; batch encoding unchanged (212 / 211 passages/s).
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])
