"""The ONNX MiniLM embedder: same vectors as sentence-transformers, normalised, order kept."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from rag.index.embedder import DIM, MAX_TOKENS, model_dir
from tests.conftest import CORPUS

pytestmark = pytest.mark.integration

SHORT = "How many migrants were in the caravan?"
QUOTED = (
    "Mexican Foreign Minister Marcelo Ebrard said “an agreement about a safe third country would not be acceptable.”"
)


def long_text() -> str:
    return (CORPUS / "002_45397eb93afc9b26.txt").read_text(encoding="utf-8")[:3000]


@pytest.mark.slow
@pytest.mark.parametrize("weights", ["tuned", "package"])
def test_vectors_match_sentence_transformers(embedder, weights):
    """Ours through ONNX against sentence-transformers' own encoding of the same weights: the
    package's model, or it with our fine-tuned layers loaded (models/embedder/)."""
    t0 = time.perf_counter()
    import torch
    from safetensors.torch import load_file
    from sentence_transformers import SentenceTransformer

    from rag.index.embedder import Embedder, tuned_layers

    texts = [SHORT, QUOTED, "Short.", long_text()]
    assert embedder.count_tokens(texts[-1]) > MAX_TOKENS  # truncated the same way on both sides
    model = SentenceTransformer(str(model_dir()), device="cpu")
    if weights == "tuned":
        layers = {k: v.to(torch.float32) for k, v in load_file(tuned_layers().path).items()}
        model[0].auto_model.load_state_dict(layers, strict=False)
    reference = model.encode(texts, normalize_embeddings=True)
    ours = embedder.embed(texts) if weights == "package" else Embedder(threads=2, weights=weights).embed(texts)
    cosines = np.sum(ours * reference, axis=1) / np.linalg.norm(reference, axis=1)
    assert cosines.min() > 0.999, cosines
    print(f"sentence-transformers comparison took {time.perf_counter() - t0:.1f} s")


def test_vectors_are_normalised_one_row_per_text_in_order(embedder):
    texts = [QUOTED, SHORT, long_text(), "Short."]
    vectors = embedder.embed(texts)
    assert vectors.shape == (4, DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # The same text alone, in another order, in other batch sizes: the same vector.
    alone = np.vstack([embedder.embed([t])[0] for t in texts])
    small_batches = embedder.embed(texts, batch_size=1)
    reversed_ = embedder.embed(texts[::-1], batch_size=2)[::-1]
    for other in (alone, small_batches, reversed_):
        assert np.min(np.sum(vectors * other, axis=1)) > 0.9999


def test_similar_texts_are_closer_than_unrelated_ones(embedder):
    q, near, far = embedder.embed(
        [SHORT, "The caravan had about 1,500 migrants in it.", "The recipe needs two cups of flour."]
    )
    assert float(q @ near) > float(q @ far) + 0.2


def test_text_longer_than_the_model_window_is_truncated_not_rejected(embedder):
    text = long_text()
    cut = embedder.embed([text])[0]
    doubled = embedder.embed([text + " " + text])[0]
    assert float(cut @ doubled) > 0.9999  # only the first 256 word pieces count


def test_a_long_text_is_tokenised_only_as_far_as_the_model_reads_it(embedder):
    """A passage of a 10,000-column CSV is embedded under its table's header line, 80,000
    characters: tokenised whole, the file's 4,789 such texts took 23.6 GB and did not finish in
    5 minutes (3.4 GB and 316 s after). The pieces the model reads, their offsets and the vectors
    are the whole text's; a text of few, long pieces (one 50,000-letter word, a run of spaces) is
    still tokenised whole."""
    header = " | ".join(f"column {i}" for i in range(3000))
    table = header + "\n" + " | ".join(str(i * 7919 % 100000) for i in range(3000))
    odd = ["x" * 50_000, "a" + " " * 20_000 + "b c", ("supercalifragilistic" * 20 + " ") * 600]
    texts = [table, long_text() * 10, *odd]
    whole = embedder._tokenizer.encode_batch(texts)
    read = embedder.encoded(texts)
    assert len(read[0].ids) < len(whole[0].ids) // 10 and len(read[1].ids) < len(whole[1].ids) // 5
    for r, w in zip(read, whole):
        assert r.ids[: MAX_TOKENS - 1] == w.ids[: MAX_TOKENS - 1] and r.ids[-1] == w.ids[-1]  # [SEP]
        assert r.offsets[: MAX_TOKENS - 1] == w.offsets[: MAX_TOKENS - 1]
    assert [len(r.ids) for r in read[2:]] == [len(w.ids) for w in whole[2:]]
    vectors = embedder.embed(texts)
    assert np.array_equal(vectors[0], embedder.embed([table[:30_000]])[0])  # what it reads, not more


def test_count_tokens_counts_word_pieces_with_cls_and_sep(embedder):
    assert embedder.count_tokens("hello") == 3
    assert embedder.count_tokens("") == 2
    assert embedder.count_tokens("hello world") == 4
    assert embedder.count_tokens(long_text()) > MAX_TOKENS


def test_empty_batch(embedder):
    assert embedder.embed([]).shape == (0, DIM)


def test_span_vectors_come_from_the_same_forward_pass(embedder):
    title = "Border talks\n\n"
    passage = title + "The caravan had about 1,500 migrants in it. The recipe needs two cups of flour."
    first = (len(title), passage.index(" The recipe"))
    second = (first[1] + 1, len(passage))
    texts = [passage, SHORT]
    vectors, spans = embedder.embed_with_spans(texts, [[first, second], []])
    # The passage vectors are exactly what embed() gives.
    assert np.min(np.sum(vectors * embedder.embed(texts), axis=1)) > 0.9999
    assert spans[0].shape == (2, DIM) and spans[1].shape == (0, DIM)
    assert np.allclose(np.linalg.norm(spans[0], axis=1), 1.0, atol=1e-5)
    # Each pooled sentence vector is closest to its own sentence embedded alone.
    alone = embedder.embed([passage[slice(*first)], passage[slice(*second)]])
    sims = spans[0] @ alone.T
    assert sims[0, 0] > sims[0, 1] and sims[1, 1] > sims[1, 0], sims


def test_a_span_past_the_model_window_is_embedded_alone(embedder):
    text = long_text()
    assert embedder.count_tokens(text) > MAX_TOKENS
    tail = (len(text) - 200, len(text))
    _, spans = embedder.embed_with_spans([text], [[tail]])
    alone = embedder.embed([text[tail[0] : tail[1]]])[0]
    assert float(spans[0][0] @ alone) > 0.9999


def test_token_counts_in_a_batch_match_one_by_one(embedder):
    texts = [SHORT, QUOTED, long_text(), ""]
    assert embedder.count_tokens_batch(texts) == [embedder.count_tokens(t) for t in texts]
    assert embedder.count_tokens_batch([]) == []


def _many_texts() -> list[str]:
    """More texts than BATCH_RUNTIME_FROM: sentences of a corpus article, short and long."""
    from rag.index.embedder import BATCH_RUNTIME_FROM

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    texts = [t.strip() for t in text.replace("\n", " ").split(". ") if t.strip()][:200]
    texts += [long_text()]
    assert len(texts) >= BATCH_RUNTIME_FROM
    return texts


def test_large_batches_run_on_openvino_with_the_vectors_of_onnxruntime():
    from rag.index.embedder import Embedder

    texts = _many_texts()
    batched, plain = Embedder(threads=2, runtime="openvino"), Embedder(threads=2, runtime="onnxruntime")
    ours, reference = batched.embed(texts), plain.embed(texts)
    assert batched.batch_runtime.startswith("openvino ") and plain.batch_runtime == "onnxruntime"
    # bfloat16 on a CPU that has it (this one: AMX), fp32 elsewhere: the same vectors either way.
    cosines = np.sum(ours * reference, axis=1)
    assert cosines.min() > 0.9999, cosines.min()
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # A question (one text) stays on ONNX Runtime.
    assert np.allclose(batched.embed([SHORT]), plain.embed([SHORT]), atol=1e-6)


def test_without_openvino_large_batches_run_on_onnxruntime(monkeypatch, caplog):
    import sys

    from rag.index.embedder import Embedder

    monkeypatch.setitem(sys.modules, "openvino", None)  # as if it were not installed
    texts = _many_texts()
    embedder = Embedder(threads=2, runtime="openvino")
    with caplog.at_level("INFO", logger="rag.index.embedder"):
        vectors = embedder.embed(texts)
    assert embedder.batch_runtime == "onnxruntime" and "OpenVINO is not installed" in caplog.text
    assert np.allclose(vectors, Embedder(threads=2, runtime="onnxruntime").embed(texts), atol=1e-6)


def test_pipelined_batches_give_each_text_its_own_vector_and_span_vectors():
    """OpenVINO runs one batch while the next is tokenised and queued (two infer requests in
    turn): every text still gets the vector of its own batch, the same as one batch at a time
    on ONNX Runtime, and so do the spans pooled from the states of that batch."""
    from rag.index.embedder import Embedder

    texts = _many_texts()
    spans = [[(0, min(len(t), 40))] if t else [] for t in texts]
    batched, plain = Embedder(threads=2, runtime="openvino"), Embedder(threads=2, runtime="onnxruntime")
    for size in (7, 16):  # an odd number of batches, and an even one
        ours, our_spans = batched.embed_with_spans(texts, spans, size)
        reference, reference_spans = plain.embed_with_spans(texts, spans, size)
        assert batched.batch_runtime.startswith("openvino ")
        assert np.sum(ours * reference, axis=1).min() > 0.9999
        for a, b in zip(our_spans, reference_spans):
            assert a.shape == b.shape and (a.size == 0 or np.sum(a * b, axis=1).min() > 0.9999)


def test_two_threads_embedding_whole_calls_at_once_get_their_own_vectors(embedder):
    """A pipelined call holds the model's lock until its last batch is out: two uploads
    embedded from two threads at once each get the vectors they get alone."""
    import threading

    texts = _many_texts()
    parts = [texts[::2], texts[1::2]]
    alone = [embedder.embed(part, 8) for part in parts]
    got: list = [None, None]
    start = threading.Barrier(2)

    def run(k: int) -> None:
        start.wait()
        got[k] = embedder.embed(parts[k], 8)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "deadlock: the model's lock was not released"
    for k in range(2):
        assert np.sum(got[k] * alone[k], axis=1).min() > 0.9999


def test_a_caller_that_stops_reading_batches_leaves_the_model_usable(embedder):
    """A consumer that stops after the first batch (an exception while pooling it, say) must
    not leave a batch running on the model or its lock held: the next call works."""
    texts = _many_texts()
    batches = embedder._batches(texts, 16)
    next(batches)
    batches.close()
    assert np.allclose(np.linalg.norm(embedder.embed(texts, 16), axis=1), 1.0, atol=1e-5)


def test_openvino_is_used_without_its_telemetry(tmp_path):
    """`import openvino` imports its model converter, which sends a usage event to Google
    Analytics and writes a client id under ~/intel unless the user opted out (CI=true declines
    it, so the test runs without CI). We use the runtime alone: nothing written under the home
    folder, no telemetry module loaded, and the converter still importable by the user's own code."""
    import os
    import subprocess
    import sys

    from rag.settings import cache_root

    script = (
        "import sys\n"
        "from rag.index.embedder import Embedder\n"
        "from tests.index.test_embedder import _many_texts\n"
        "e = Embedder(threads=2, runtime='openvino')\n"
        "e.embed(_many_texts())\n"
        "assert e.batch_runtime.startswith('openvino '), e.batch_runtime\n"
        "assert 'openvino_telemetry' not in sys.modules\n"
        "assert 'openvino.tools.ovc' not in sys.modules  # not left blocked\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TF_BUILD", "JENKINS_URL")}
    env["HOME"] = str(tmp_path)
    exported = _exported()
    assert exported.parent == cache_root()
    env["XDG_CACHE_HOME"] = str(exported.parent.parent)  # the model as already exported
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert list(tmp_path.iterdir()) == [], list(tmp_path.rglob("*"))


def _exported() -> Path:
    """The model as exported into the cache folder (exported now if no test did it before)."""
    from rag.index.embedder import _onnx_model
    from rag.settings import cache_root

    return _onnx_model(model_dir(), cache_root())  # the default weights: the package's


def test_a_damaged_cached_model_is_exported_again(tmp_path, caplog):
    """The ONNX export in the cache folder is derived data: written over or cut short on disk, it
    is made again from the installed package (once), not a traceback at every start."""
    from rag.index.embedder import Embedder

    good = _exported()
    damaged = tmp_path / good.name
    damaged.write_bytes(good.read_bytes()[:100_000])
    with caplog.at_level("WARNING", logger="rag.index.embedder"):
        vectors = Embedder(cache_dir=tmp_path, threads=2, runtime="onnxruntime").embed([SHORT])
    assert "does not load" in caplog.text and "making it again" in caplog.text
    assert damaged.stat().st_size == good.stat().st_size
    assert np.allclose(vectors, Embedder(threads=2, runtime="onnxruntime").embed([SHORT]), atol=1e-5)


def test_a_model_that_cannot_be_made_again_is_a_clear_error(tmp_path, monkeypatch):
    import rag.index.embedder as embedder_module
    from rag.errors import ModelNotInstalled
    from rag.index.embedder import Embedder

    good = _exported()
    (tmp_path / good.name).write_bytes(b"not a model")
    monkeypatch.setattr(
        embedder_module, "_export_onnx", lambda src, dest, tuned: dest.write_bytes(b"still not a model")
    )
    with pytest.raises(ModelNotInstalled, match="does not load .* Delete that folder and run again"):
        Embedder(cache_dir=tmp_path, threads=2, runtime="onnxruntime").embed([SHORT])
