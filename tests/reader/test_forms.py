"""The reader's run-time forms: the shipped model rewritten for speed, reading exactly as it does."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from rag.reader.features import batch_arrays, encode_question, windows
from rag.reader.forms import FORMS, converted, cpu_form
from rag.reader.heldout import Example
from rag.reader.model import CARD, MODEL_DIR, Reader, _session
from tests.conftest import REPO

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def card() -> dict:
    return json.loads(CARD.read_text())


@pytest.fixture(scope="module")
def shipped(card) -> bytes:
    return (MODEL_DIR / card["file"]).read_bytes()


def test_each_form_is_the_one_its_card_names(card, shipped):
    """The rewrite is deterministic: a fresh clone makes the files whose hashes the card holds
    (a new onnx version that wrote other bytes would fail here, not silently at a user's)."""
    assert set(card["forms"]) == set(FORMS)
    for form in FORMS:
        assert hashlib.sha256(converted(shipped, form)).hexdigest() == card["forms"][form], form


def test_the_form_this_cpu_runs_reads_every_held_out_window_as_the_shipped_file(card, shipped):
    """Equal to the bit, not nearly: the card's held-out numbers and every threshold stand."""
    reader = Reader.shipped()
    assert reader.form == cpu_form()
    lines = (REPO / card["held_out_sample"]["file"]).read_text().splitlines()
    examples = [Example(**json.loads(line)) for line in lines[:40]]
    forms = {"shipped": _session(shipped, 2), reader.form: _session(converted(shipped, reader.form), 2)}
    if cpu_form() == "lean-signed":  # the unsigned lean form runs everywhere: check it here too
        forms["lean"] = _session(converted(shipped, "lean"), 2)
    for ex in examples:
        q = encode_question(reader._tokenizer, ex.question)
        for w in windows(reader._tokenizer, q, ex.context):
            outs = {name: s.run(None, batch_arrays([w])) for name, s in forms.items()}
            for name, out in outs.items():
                for a, b in zip(outs["shipped"], out):
                    assert np.array_equal(a, b), name


def test_the_fast_kernel_is_chosen_only_where_it_sums_exactly():
    flags = "processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512bw {}\n"
    assert cpu_form(flags.format("avx512_vnni")) == "lean-signed"
    assert cpu_form(flags.format("avx_vnni")) == "lean-signed"
    # AVX512 without VNNI (Skylake-X) and AVX2-only CPUs saturate u8 x s8 sums: unsigned weights.
    assert cpu_form(flags.format("")) == "lean"
    assert cpu_form("processor\t: 0\n") == "lean"


def test_a_changed_cached_form_is_made_again_not_used(card, tmp_path):
    form = cpu_form()
    first = Reader(MODEL_DIR / card["file"], 0.5, card["sha256"], forms=card["forms"], cache_dir=tmp_path)
    assert first.form == form
    (cached,) = tmp_path.glob(f"*-{form}.onnx")
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == card["forms"][form]
    cached.write_bytes(cached.read_bytes()[:-100] + b"\0" * 100)
    again = Reader(MODEL_DIR / card["file"], 0.5, card["sha256"], forms=card["forms"], cache_dir=tmp_path)
    assert again.form == form
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == card["forms"][form]
    q = "How many migrants were walking north?"
    text = "By Monday about 1,500 migrants were walking north through Mexico."
    assert first.read_many([(q, text)]) == again.read_many([(q, text)])


def test_a_form_the_card_does_not_name_reads_the_shipped_file(card, tmp_path):
    wrong = {form: "0" * 64 for form in FORMS}
    reader = Reader(MODEL_DIR / card["file"], 0.5, card["sha256"], forms=wrong, cache_dir=tmp_path)
    assert reader.form == "shipped"
    assert not list(tmp_path.glob("*.onnx"))  # nothing unverified is kept
