"""Whether the evidence's best sentence answers the question: a small logistic model over what
the sentence evidence and the reader say of that sentence, fitted on training data
(scripts/fit_answerability.py, models/answerability/MODEL_CARD.md). It judges the sentences the
hand rules of rag/answer/evidence_choice.py let through: those refuse a weak match, a "who" with
no name and a "how many" with no count; this refuses near misses that match well (a year the
question does not ask of, a reader that doubts the sentence).

Why a model over signals and not the reader alone: the reader's probability is the strongest
single signal, but on news it is unsure of right answers and sure of near misses (README:
Reader); a year the question does not ask of, names of the question its passage never says and
the sentence's margin over the next one carry most of the rest (weights in the card).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from rag.answer.persons import names_no_one
from rag.answer.years import names_another_year
from rag.errors import ModelIntegrityError, ModelNotInstalled
from rag.index.lexical import terms
from rag.retrieve.evidence import ScoredSentence, key_terms

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "answerability"
MODEL_FILE = MODEL_DIR / "answerability.json"


@dataclass(frozen=True)
class Signals:
    """What is known of the evidence's best sentence when deciding to quote it. Invariant:
    every field is a finite number (flags as 0.0 / 1.0), so the model reads them all alike."""

    reader: float  # the reader's probability that the sentence's passage answers, in [0, 1]
    meaning: float  # cosine of the sentence to the question
    words: float  # share of the question's IDF mass in the sentence
    type_ok: float  # the sentence holds the kind of answer asked for (rag.retrieve.evidence)
    rank: float  # 1 / (1 + the rank of its passage)
    short: float  # the reader found a short answer inside the sentence
    other_year: float  # the sentence gives its fact for another year than the one asked of
    margin: float  # its evidence score over the next best sentence's
    names_missing: float  # share of the names the question gives that its passage never says
    no_one: float  # "who …?" and the short answer names no one (rag.answer.persons)

    @classmethod
    def of(
        cls, question: str, best: ScoredSentence, rank: int, margin: float, reader: float, short: str | None
    ) -> Signals:
        asked = set(key_terms(question))
        said = set(terms(best.passage.passage.text))
        return cls(
            reader=reader,
            meaning=best.meaning,
            words=best.words,
            type_ok=best.type_ok,
            rank=1 / (1 + rank),
            short=float(short is not None),
            other_year=float(names_another_year(question, best.text)),
            margin=margin,
            names_missing=len(asked - said) / len(asked) if asked else 0.0,
            no_one=float(names_no_one(question, short, best.text)),
        )

    def features(self) -> dict[str, float]:
        """The model's inputs: the reader's probability as a log-odds (clipped to [1e-4, 1 - 1e-4]
        so that a reading of exactly 0 or 1 stays finite), every other field as it is."""
        values = {k: float(v) for k, v in asdict(self).items()}
        p = min(max(self.reader, 1e-4), 1 - 1e-4)
        values["reader"] = math.log(p / (1 - p))
        return values


@dataclass(frozen=True)
class Answerability:
    """Logistic regression over standardised Signals.features(). `threshold`: the probability
    below which the best sentence is not quoted (calibrated on held-out folds of its training
    data: the card says which share of right answers it keeps)."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def __post_init__(self) -> None:
        if not len(self.names) == len(self.mean) == len(self.scale) == len(self.weights):
            raise ValueError("Answerability: names, mean, scale and weights must have one value per feature")

    def probability(self, signals: Signals) -> float:
        values = signals.features()
        z = self.bias + sum(
            w * (values[n] - m) / s for n, m, s, w in zip(self.names, self.mean, self.scale, self.weights)
        )
        return 1 / (1 + math.exp(-z))

    @classmethod
    def from_dict(cls, data: dict) -> Answerability:
        return cls(
            names=tuple(data["names"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            weights=tuple(data["weights"]),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def shipped(cls, path: Path = MODEL_FILE) -> Answerability:
        """The model that ships in models/answerability, checked against the hash its file records."""
        if not path.is_file():
            raise ModelNotInstalled(
                f"The answerability model {path} is missing. It ships with the package: restore it "
                "from the repository (scripts/fit_answerability.py makes it again)."
            )
        record = json.loads(path.read_text())
        model = cls.from_dict(record["model"])
        digest = model_digest(model)
        if digest != record["sha256"]:
            raise ModelIntegrityError(
                f"The answerability model {path} hashes to {digest[:16]}…, not the {record['sha256'][:16]}… "
                "it records: it was changed by hand or damaged. Restore it from the repository."
            )
        return model


def model_digest(model: Answerability) -> str:
    """SHA-256 of the model's canonical JSON (its numbers, not the file's layout)."""
    return hashlib.sha256(json.dumps(model.to_dict(), sort_keys=True).encode()).hexdigest()
