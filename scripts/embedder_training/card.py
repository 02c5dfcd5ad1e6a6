"""The fine-tuned embedder's model card (models/embedder/MODEL_CARD.md), written by the export
from embedder.json's numbers."""

from __future__ import annotations


def _row(label: str, measured: dict) -> str:
    a, b = measured["package"], measured["tuned"]
    return "| {} | {:.3f} / {:.3f} / {:.3f} | **{:.3f} / {:.3f} / {:.3f}** |".format(
        label, a["hit@1"], a["hit@5"], a["mrr@10"], b["hit@1"], b["hit@5"], b["mrr@10"]
    )


def model_card(info: dict) -> str:
    h = info["heldout"]
    sq, news = h["squad_dev"], h["news_dev"]
    rows = [
        _row(f"SQuAD train, held-out articles: {sq['questions']:,} questions, {sq['passages']:,} paragraphs", sq),
        _row(f"invented news, held-out stories: {news['questions']:,} questions, {news['passages']:,} passages", news),
    ]
    if "squad_dev_among_docs" in h:
        among = h["squad_dev_among_docs"]
        rows.insert(1, _row(f"the same among {among['distractors']:,} Debian documentation passages", among))
    scale = info["cosine_to_package"]
    counts = info["train_counts"]
    minutes = info["train_seconds"] / 60
    planned = info.get("train_planned_steps", info["train_steps"])
    stopped = (
        f"stopped at a checkpoint of a {planned:,}-step schedule (learning rate then "
        f"{(planned - info['train_steps']) / (planned * 0.9):.0%} of its peak; `train` resumes it): "
        if planned > info["train_steps"]
        else ""
    )
    return f"""# Embedder model card — `{info["file"]}`

The retrieval embedder: all-MiniLM-L6-v2 with every layer above its word embeddings fine-tuned on
questions and the passages that answer them (`embed_weights = "tuned"`, opt-in; the default
`"package"` embeds with the package's weights as shipped: README, Retrieval embedder). Passages and sentences are embedded at
index time, questions at ask time, both by this model.

| | |
|---|---|
| file | `{info["file"]}`: the layers in fp16 ({info["bytes"] / 1e6:.1f} MB), SHA-256 `{info["sha256"]}` (`embedder.json`), checked when the model is exported to ONNX (once per cache folder) |
| base | {info["base_model"]}; its word-embedding matrix and tokenizer are used as the package ships them (frozen in training) |
| training | {stopped}{info["train_steps"]:,} steps of {info["train_batch"]} questions ({minutes:.0f} min of steps on a 2-core Xeon, {"bfloat16 autocast on AMX" if info["bf16"] else "fp32"}); AdamW, learning rate {info["learning_rate"]:g} with 10 % warm-up and linear decay, seed {info["seed"]}, no dropout |
| loss | in-batch negatives plus one hard negative a question (MultipleNegativesRankingLoss), cosine x {info["loss"]["scale"]:g}; last 50 steps' mean {info["final_loss"]} |
| cosine scale | the answer's rules compare cosines to bars set with the package's weights, so this model's cosines are read as {scale["a"]:.4f} x cosine + {scale["b"]:.4f}: the package's mean and spread ({scale["package_mean_std"][0]} ± {scale["package_mean_std"][1]} against {scale["tuned_mean_std"][0]} ± {scale["tuned_mean_std"][1]}, correlation {scale["correlation"]}) on {scale["pairs"]:,} SQuAD train question–sentence pairs (`calibrate.py`) |
| reproduce | `.venv/bin/python scripts/train_embedder.py train --steps {planned} --stop-at {info["train_steps"]}` (resumable), then `... export` |

## Data

- **SQuAD v1.1 train** ({counts["squad"]:,} questions; Rajpurkar et al. 2016, CC BY-SA 4.0): each
  question with its paragraph, and as its hard negative the paragraph of the same article that
  shares most of the question's rare words and holds no answer (`../shared/training/squad11_train_hardneg_derived`,
  derived, CC BY-SA 4.0). Left out: the articles held out for every model here
  (`is_dev_title`) and every title of XQuAD (the SQuAD∩XQuAD benchmark).
- **Invented news** ({counts.get("news", 0):,} questions, {info["news_share"]:.0%} of those read;
  `models/reader/news-training/`, written for this project, CC BY-SA 4.0): each answerable question
  of stories S01–S05 with the passage holding its answer and the passage of its story most like
  it that holds none, cut as the index cuts a corpus. Story S06 is held out.

Never used to train, choose or stop it: the gold set, SQuAD∩XQuAD, HotpotQA.

## Held out: the embedder alone (hit@1 / hit@5 / MRR@10)

Each question's own passage among the set's passages, by cosine, through the product's
embedding path (`rag.index.embedder`; `scripts/embedder_training/heldout.py`).

| held-out set | package weights | tuned |
|---|---|---|
{chr(10).join(rows)}

## Licence and limits

The weights derive from SQuAD (CC BY-SA 4.0) and from all-MiniLM-L6-v2 (Apache 2.0): they are
shared under CC BY-SA 4.0 with that attribution. Trained on English encyclopedia questions and
invented news; other kinds of documents and other languages are read as the base model reads them
at best. A question asked in a passage's own words is found by the word index (BM25) as before.
"""
