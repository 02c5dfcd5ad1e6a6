"""SQuAD's answer scores: exact match and token F1 of a short answer against gold strings.

The reader's held-out metrics (rag.reader.heldout) and the evaluation harness (eval/) both score
spans this way, so the rule lives here, beside the marker grammar it strips before scoring.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence

from rag.text.citations import strip_markers

# The articles SQuAD's normalisation drops; eval's containment normalisation drops them too.
ARTICLES = re.compile(r"\b(a|an|the)\b")
_SQUAD_PUNCT = set(string.punctuation)


def normalize_answer(s: str) -> str:
    """The official SQuAD v1.1 normalisation, kept verbatim so EM/F1 are comparable to published
    numbers: lowercase, delete ASCII punctuation, drop articles a/an/the, fold whitespace."""
    s = s.lower()
    s = "".join(ch for ch in s if ch not in _SQUAD_PUNCT)
    s = ARTICLES.sub(" ", s)
    return " ".join(s.split())


def _squad_f1(prediction: str, gold: str) -> float:
    pred_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(gold).split()
    common = Counter(pred_tokens) & Counter(gold_tokens)
    num_same = sum(common.values())
    if num_same == 0:  # also covers empty prediction or gold, as in the v1.1 script
        return 0.0
    precision = num_same / len(pred_tokens)
    recall = num_same / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def exact_match(prediction: str, golds: Sequence[str]) -> float:
    """SQuAD EM: 1.0 if the marker-stripped prediction equals any gold after normalisation."""
    if not golds:
        raise ValueError("exact_match needs at least one gold answer")
    pred = normalize_answer(strip_markers(prediction))
    return float(any(pred == normalize_answer(g) for g in golds))


def token_f1(prediction: str, golds: Sequence[str]) -> float:
    """SQuAD token F1 of the marker-stripped prediction, max over gold answers."""
    if not golds:
        raise ValueError("token_f1 needs at least one gold answer")
    pred = strip_markers(prediction)
    return max(_squad_f1(pred, g) for g in golds)
