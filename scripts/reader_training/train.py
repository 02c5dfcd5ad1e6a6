"""The reader's training loop: seeded, in bfloat16 autocast on a CPU that computes in it (fp32
elsewhere), with a checkpoint every CHECKPOINT_EVERY steps that a rerun resumes from."""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import numpy as np

from rag.reader.features import batch_arrays, make_tokenizer
from rag.reader.network import make_net
from scripts.reader_training.data import batches_in_order, build_examples, featurize
from scripts.reader_training.settings import CHECKPOINT_EVERY, CKPT_DIR, SEED, TRAIN_MAX_TOKENS


def base_model_dir() -> Path:
    from rag.index.embedder import model_dir

    return model_dir()


def bf16_in_hardware() -> bool:
    """Whether this CPU multiplies bfloat16 itself (AVX512-BF16 or AMX). Without it autocast
    emulates: one step of 32 x 192 word pieces took 124 s in bfloat16 against 7.5 s in fp32 on
    an AVX2-only AMD EPYC (1.65 s against 2.7 s where the shipped model was trained)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def linear_schedule(opt, total: int, warmup: int):
    """Learning rate rising over `warmup` steps, then falling linearly to zero at `total`."""
    import torch

    return torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )


def optimiser_step(loss, params, opt, sched) -> None:
    """Back-propagate, clip the gradient's norm at 1, step the optimiser and the schedule."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    sched.step()
    opt.zero_grad(set_to_none=True)


def save_checkpoint(state: dict, path: Path) -> None:
    """Written beside, then moved into place: an interrupted save keeps the previous one."""
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def news_repeats(n_news: int, n_other: int, share: float) -> int:
    """How many times each news pair joins the pool so that about `share` of the batches' pairs
    are news (the pool is shuffled and a run reads only its first steps' batches)."""
    if not n_news or share <= 0:
        return 0
    return max(1, round(share / (1 - share) * n_other / n_news))


def train(args) -> None:
    import torch
    from tqdm import tqdm

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    random.seed(SEED)
    np.random.seed(SEED)
    tokenizer = make_tokenizer(str(base_model_dir() / "tokenizer.json"))
    t0 = time.time()
    rng = random.Random(SEED)
    examples = build_examples("train", rng, swapped=args.swapped, sentences=args.sentences, nouns=args.nouns)
    features = [f for ex in examples if (f := featurize(tokenizer, ex, rng, TRAIN_MAX_TOKENS))]
    if args.news:
        from scripts.reader_training.news import news_examples, token_counter

        news = news_examples("train", token_counter(tokenizer))
        news_rng = random.Random(SEED + 7)  # its own generator: the other kinds stay as they were
        once = [f for ex in news if (f := featurize(tokenizer, ex, news_rng, TRAIN_MAX_TOKENS))]
        repeats = news_repeats(len(once), len(features), args.news)
        features += once
    kinds = {}
    for f in features:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    print(f"{len(features):,} training features in {time.time() - t0:.0f} s: {kinds}", flush=True)
    distinct = len(features)
    if args.news:
        features += once * (repeats - 1)
        print(f"each news pair {repeats} times in the pool: {args.news:.0%} of the pairs read", flush=True)
    # --skip: a run that continues the shipped reader reads the batches after the ones it read.
    batches = batches_in_order(features, SEED)[args.skip :]
    total = min(args.steps, len(batches))

    net = make_net(dropout=not args.no_dropout)
    if args.from_shipped and not (CKPT_DIR / "checkpoint.pt").is_file():
        from scripts.reader_training.soup import load_shipped

        print(f"starting from the shipped reader {load_shipped(net)[:16]}…", flush=True)
    # The word-embedding matrix is half the model's weights; freezing it keeps what MiniLM knows
    # of rare words and saves a fifth of each step.
    net.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    warmup = max(1, total // 20)
    sched = linear_schedule(opt, total, warmup)
    CKPT_DIR.mkdir(parents=True, exist_ok=True)
    ckpt = CKPT_DIR / "checkpoint.pt"
    step = 0
    log = {"loss": []}
    if ckpt.is_file():
        state = torch.load(ckpt, weights_only=False)
        net.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step = state["step"]
        log = state["log"]
        if state.get("features") != distinct or state.get("news_share", 0.0) != args.news:
            # The data mix changed since the checkpoint: the card lists each phase.
            first = {"from_step": 0, "features": state.get("features"), "kinds": state.get("kinds")}
            log.setdefault("phases", [{**first, "news_share": state.get("news_share", 0.0)}])
            log["phases"].append({"from_step": step, "features": distinct, "kinds": kinds, "news_share": args.news})
        print(f"resumed at step {step}", flush=True)
    bf16 = bf16_in_hardware()
    print(f"computing in {'bfloat16 autocast' if bf16 else 'fp32'}", flush=True)
    net.train()
    bar = tqdm(total=total, initial=step, desc="training", mininterval=30, file=sys.stdout)
    started = time.time()
    ran = 0
    while step < total:
        idx = batches[step]
        fb = [features[i] for i in idx]
        arr = {k: torch.from_numpy(v) for k, v in batch_arrays([f.window for f in fb]).items()}
        is_text = torch.zeros_like(arr["input_ids"], dtype=torch.bool)
        for r, f in enumerate(fb):
            is_text[r, : len(f.window.is_text)] = torch.tensor(f.window.is_text)
        labels = torch.tensor([float(f.label) for f in fb])
        starts = torch.tensor([f.start for f in fb])
        ends = torch.tensor([f.end for f in fb])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            s_log, e_log, a_log = net(**arr)
        s_log = s_log.masked_fill(~is_text, -1e4)
        e_log = e_log.masked_fill(~is_text, -1e4)
        has_span = starts >= 0
        loss_a = torch.nn.functional.binary_cross_entropy_with_logits(a_log, labels)
        if has_span.any():
            ce = torch.nn.functional.cross_entropy
            loss_s = (ce(s_log[has_span], starts[has_span]) + ce(e_log[has_span], ends[has_span])) / 2
        else:
            loss_s = torch.zeros(())
        optimiser_step(loss_a + loss_s, params, opt, sched)
        step += 1
        ran += 1
        log["loss"].append((step, round(loss_a.item(), 4), round(loss_s.item(), 4)))
        bar.update(1)
        if step % 20 == 0:
            recent = log["loss"][-20:]
            per = (time.time() - started) / ran
            bar.set_postfix_str(
                f"answer {np.mean([x[1] for x in recent]):.3f} span {np.mean([x[2] for x in recent]):.3f} "
                f"{per:.2f}s/step eta {(total - step) * per / 60:.0f}min"
            )
        if step % CHECKPOINT_EVERY == 0 or step == total:
            log["seconds"] = log.get("seconds", 0.0) + (time.time() - started)
            started, ran = time.time(), 0
            save_checkpoint(
                {
                    "model": net.state_dict(),
                    "opt": opt.state_dict(),
                    "sched": sched.state_dict(),
                    "step": step,
                    "log": log,
                    "total": total,
                    "lr": args.lr,
                    "features": distinct,
                    "kinds": kinds,
                    "news_share": args.news,
                    "from_shipped": bool(args.from_shipped),
                    "skipped": args.skip,
                    "bf16": bf16,
                    "dropout": not args.no_dropout,
                },
                ckpt,
            )
            print(f"\ncheckpoint at step {step}/{total}", flush=True)
    bar.close()
