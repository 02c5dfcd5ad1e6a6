"""The answerability model (rag/answer/answerability.py): the shipped file is what its script fits,
it is checked at load, and it reads its inputs the way the card says."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from rag.answer.answerability import MODEL_FILE, Answerability, Signals
from rag.errors import ModelIntegrityError, ModelNotInstalled
from scripts.fit_answerability import SIGNALS_FILE, fitted
from tests.helpers import assistant_over

CLEAR = Signals(
    reader=0.9,
    meaning=0.7,
    words=0.8,
    type_ok=1.0,
    rank=1.0,
    short=1.0,
    other_year=0.0,
    margin=0.2,
    names_missing=0.0,
    no_one=0.0,
)


@pytest.mark.unit
def test_the_shipped_model_is_what_its_script_fits_from_the_recorded_signals():
    """Refitting from training-signals.jsonl (deterministic: Newton's method, seeded folds) gives
    the shipped weights and threshold: the file is the script's, not edited by hand."""
    rows = [json.loads(line) for line in SIGNALS_FILE.read_text().splitlines()]
    refit, metrics = fitted(rows)
    shipped = Answerability.shipped()
    assert refit.names == shipped.names
    for a, b in zip(refit.weights + refit.mean + refit.scale, shipped.weights + shipped.mean + shipped.scale):
        assert a == pytest.approx(b, abs=1e-6)
    assert refit.threshold == pytest.approx(shipped.threshold, abs=1e-6)
    assert metrics == json.loads(MODEL_FILE.read_text())["metrics"]
    # Better than chance on its own held-out folds, by a margin: an untrained model is not shipped.
    assert metrics["cv_auc"] > 0.7


@pytest.mark.unit
def test_a_model_file_changed_by_hand_or_missing_is_refused(tmp_path):
    record = json.loads(MODEL_FILE.read_text())
    record["model"]["threshold"] = 0.0  # "answer everything", without refitting
    edited = tmp_path / "answerability.json"
    edited.write_text(json.dumps(record))
    with pytest.raises(ModelIntegrityError, match="changed by hand or damaged"):
        Answerability.shipped(edited)
    with pytest.raises(ModelNotInstalled, match="restore it"):
        Answerability.shipped(tmp_path / "missing.json")


@pytest.mark.unit
def test_it_weighs_the_signals_as_the_card_says():
    """The reader's doubt and a year the question does not ask of each lower the probability; a
    sure reader raises it."""
    model = Answerability.shipped()
    clear = model.probability(CLEAR)
    assert clear > model.threshold
    assert model.probability(replace(CLEAR, reader=0.02)) < clear
    assert model.probability(replace(CLEAR, other_year=1.0)) < clear
    assert model.probability(replace(CLEAR, reader=0.999)) > clear


STORY = Path(__file__).resolve().parents[2] / "models/reader/news-training/n15/corpus/S06_deportation_flights.txt"


@pytest.mark.integration
def test_the_gate_refuses_a_count_of_another_year_and_keeps_the_one_asked(tmp_path):
    """A held-out invented news story (development data, never fitted on): "How many forced
    removals did Pelvania carry out in 2022?" was answered by default with 2024's count (and a note
    that the year differs). The story never speaks of 2022, so the default now refuses it too
    (rag.answer.years), its signals kept; the model, with the gate on, reads it as unanswerable
    on its own, and both still answer 2024's."""
    files = {STORY.name: STORY.read_text(encoding="utf-8")}
    near_miss = "How many forced removals did Pelvania carry out in 2022?"
    (tmp_path / "default").mkdir()
    (tmp_path / "gated").mkdir()
    default = assistant_over(tmp_path / "default", files)
    by_default = default.ask(near_miss)
    assert by_default.refused and by_default.notes == [
        "The quoted documents never speak of 2022; the quoted sentence gives its fact for another year."
    ]
    assert by_default.signals is not None and by_default.signals["other_year"] == 1.0
    assert "1,320" in default.ask("How many forced removals did Pelvania carry out in 2024?").text
    gated = assistant_over(tmp_path / "gated", files, answerability_gate=True)
    refused = gated.ask(near_miss)
    assert refused.refused and refused.signals["answerability"] < Answerability.shipped().threshold
    asked = gated.ask("How many forced removals did Pelvania carry out in 2024?")
    assert not asked.refused and "1,320" in asked.text
