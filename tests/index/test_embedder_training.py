"""The fine-tuned embedder's training pieces (scripts/embedder_training/): each batch's passages
as candidates, and a couple of real steps that leave a checkpoint a rerun resumes from."""

from __future__ import annotations

import types

import pytest

from scripts.embedder_training.data import Triple, batches_in_order, candidates


def test_a_passage_two_questions_share_is_one_candidate_for_both():
    rows = [
        Triple("Who built it?", "P1", "N1", "squad"),
        Triple("When was it built?", "P1", "P2", "squad"),  # same paragraph, another question
        Triple("Where is it?", "P2", "", "news"),  # another's hard negative is its own passage
    ]
    texts, labels = candidates(rows)
    assert texts == ["P1", "P2", "N1"]
    assert labels == [0, 0, 1]


def test_batches_are_a_seeded_shuffle_without_the_short_last_one():
    rows = [Triple(f"q{i}", f"p{i}", "", "squad") for i in range(10)]
    first, again = batches_in_order(rows, 4, 13), batches_in_order(rows, 4, 13)
    assert first == again and len(first) == 2 and all(len(b) == 4 for b in first)
    assert len({i for b in first for i in b}) == 8


@pytest.mark.slow
@pytest.mark.integration
def test_two_steps_leave_a_checkpoint_that_a_rerun_resumes(tmp_path, monkeypatch, capsys):
    import torch

    import scripts.embedder_training.train as train_module

    monkeypatch.setattr(train_module, "CKPT_DIR", tmp_path)
    monkeypatch.setattr(
        train_module,
        "squad_triples",
        lambda: [Triple(f"Question {i}?", f"Passage {i}.", "", "squad") for i in range(8)],
    )
    args = types.SimpleNamespace(threads=2, news=0.0, batch=4, steps=2, stop_at=1, lr=2e-5)
    train_module.train(args)
    assert torch.load(tmp_path / "checkpoint.pt", weights_only=False)["step"] == 1
    train_module.train(types.SimpleNamespace(**{**vars(args), "stop_at": None}))
    state = torch.load(tmp_path / "checkpoint.pt", weights_only=False)
    assert state["step"] == 2 and len(state["log"]["loss"]) == 2
    assert "resumed at step 1" in capsys.readouterr().out
