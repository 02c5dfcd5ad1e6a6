"""The embedder's training loop: in-batch negatives plus one hard negative a question (the
loss sentence-transformers calls MultipleNegativesRankingLoss, scale 20), seeded, in bfloat16
autocast where the CPU computes in it, with a checkpoint every CHECKPOINT_EVERY steps that a
rerun resumes from."""

from __future__ import annotations

import random
import sys
import time

import numpy as np

from scripts.embedder_training.data import batches_in_order, candidates, news_triples, squad_triples
from scripts.reader_training.settings import ROOT, SEED
from scripts.reader_training.train import (
    base_model_dir,
    bf16_in_hardware,
    linear_schedule,
    news_repeats,
    optimiser_step,
    save_checkpoint,
)

CKPT_DIR = ROOT / ".rag" / "embedder-training"
CHECKPOINT_EVERY = 50
QUESTION_TOKENS = 64
PASSAGE_TOKENS = 256  # the model's max_seq_length, as the index embeds
SUB_BATCH = 32
SCALE = 20.0  # cosine similarities x 20 before the softmax (sentence-transformers' default)


def make_model():
    """MiniLM from the package, without dropout: sampling dropout masks was 28 % of a step and
    kept attention off its fused kernel (a step of 64 questions with their passages: ~6 s ->
    ~2.5 s here); the package's model was trained with it, a short fine-tune does without."""
    from transformers import AutoModel

    return AutoModel.from_pretrained(
        str(base_model_dir()), attn_implementation="sdpa", attention_probs_dropout_prob=0.0, hidden_dropout_prob=0.0
    )


def embed(model, tokenizer, texts: list[str], max_tokens: int):
    """Mean-pooled, L2-normalised vectors, as rag.index.embedder computes them. The texts go
    through in chunks of similar length, each padded to a multiple of 16 word pieces: less
    padding, and few enough shapes that the CPU's kernels are made once."""
    import torch

    lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=max_tokens)["input_ids"]]
    order = sorted(range(len(texts)), key=lambda i: lengths[i])
    out = [None] * len(texts)
    for k in range(0, len(order), SUB_BATCH):
        part = order[k : k + SUB_BATCH]
        enc = tokenizer(
            [texts[i] for i in part],
            padding=True,
            truncation=True,
            max_length=max_tokens,
            pad_to_multiple_of=16,
            return_tensors="pt",
        )
        hidden = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        for j, i in enumerate(part):
            out[i] = pooled[j]
    return torch.nn.functional.normalize(torch.stack(out).float(), dim=-1)


def train(args) -> None:
    import torch
    from tqdm import tqdm
    from transformers import AutoTokenizer

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    random.seed(SEED)
    tokenizer = AutoTokenizer.from_pretrained(str(base_model_dir()))
    t0 = time.time()
    triples = squad_triples()
    counts = {"squad": len(triples)}
    if args.news:
        news = news_triples(lambda text: len(tokenizer(text)["input_ids"]))
        repeats = news_repeats(len(news), len(triples), args.news)
        counts["news"] = len(news)
        triples += news * repeats
        print(f"each news question {repeats} times in the pool: {args.news:.0%} of the questions", flush=True)
    print(f"{len(triples):,} training triples in {time.time() - t0:.0f} s: {counts}", flush=True)
    batches = batches_in_order(triples, args.batch, SEED)
    total = min(args.steps, len(batches))

    model = make_model()
    # The word-embedding matrix is half the weights: frozen, it stays the package's, and the
    # fine-tuned file holds only the layers above it.
    model.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    warmup = max(1, total // 10)
    sched = linear_schedule(opt, total, warmup)
    CKPT_DIR.mkdir(parents=True, exist_ok=True)
    ckpt = CKPT_DIR / "checkpoint.pt"
    step, log = 0, {"loss": [], "seconds": 0.0}
    if ckpt.is_file():
        state = torch.load(ckpt, weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step, log = state["step"], state["log"]
        print(f"resumed at step {step}", flush=True)
    bf16 = bf16_in_hardware()
    print(f"computing in {'bfloat16 autocast' if bf16 else 'fp32'}; {total} steps of {args.batch}", flush=True)
    model.train()
    bar = tqdm(total=total, initial=step, desc="training", mininterval=30, file=sys.stdout)
    started, ran = time.time(), 0
    stop = min(total, args.stop_at or total)
    while step < stop:
        rows = [triples[i] for i in batches[step]]
        texts, labels = candidates(rows)
        labels = torch.tensor(labels)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            q = embed(model, tokenizer, [t.question for t in rows], QUESTION_TOKENS)
            p = embed(model, tokenizer, texts, PASSAGE_TOKENS)
        scores = q @ p.T * SCALE
        loss = torch.nn.functional.cross_entropy(scores, labels)
        optimiser_step(loss, params, opt, sched)
        step += 1
        ran += 1
        top1 = (scores.argmax(1) == labels).float().mean().item()
        log["loss"].append((step, round(loss.item(), 4), round(top1, 4)))
        bar.update(1)
        if step % 10 == 0:
            recent = log["loss"][-10:]
            per = (time.time() - started) / ran
            bar.set_postfix_str(
                f"loss {np.mean([x[1] for x in recent]):.3f} in-batch top-1 {np.mean([x[2] for x in recent]):.3f} "
                f"{per:.2f}s/step eta {(total - step) * per / 60:.0f}min"
            )
        if step % CHECKPOINT_EVERY == 0 or step == stop:
            log["seconds"] += time.time() - started
            started, ran = time.time(), 0
            state = {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict()}
            state |= {"step": step, "total": total, "log": log, "lr": args.lr, "batch": args.batch}
            state |= {"counts": counts, "news_share": args.news, "bf16": bf16}
            save_checkpoint(state, ckpt)
            print(f"\ncheckpoint at step {step}/{total}", flush=True)
    bar.close()
