"""The data that flows between stages: passages in, answers with citations out.

Plain dataclasses on purpose: every front end (API, CLI, UI, eval) reads these, and none of
them should have to import llama-index, Chroma or a model to do so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Passage:
    """A chunk of one document. Invariant: document_text[start:end] == text."""

    id: str
    source: str  # file name relative to the corpus folder
    title: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class DocumentInfo:
    """A document the index knows."""

    source: str  # file name relative to the corpus folder
    title: str
    passages: int


@dataclass(frozen=True)
class ScoredPassage:
    passage: Passage
    score: float  # fused retrieval score; higher is better
    dense: float | None = None  # cosine similarity to the question, when the dense retriever saw it


@dataclass(frozen=True)
class Citation:
    """Citation n of an answer is answer.citations[n-1]."""

    source: str
    title: str
    # Exactly as in the document text: for a supported citation the window of its passage a user
    # reads to check it (the supporting sentence and its neighbours, grounding.narrowed), else
    # the whole passage.
    text: str
    start: int
    end: int
    score: float
    # The sentence of the passage that supports the answer, as offsets into the document text
    # (inside [start, end]); None when the citation is only offered for reading (refusals).
    support_start: int | None = None
    support_end: int | None = None

    def supporting_text(self) -> str:
        """The sentence this citation supports its claim with ("" for one offered to read)."""
        if self.support_start is None or self.support_end is None:
            return ""
        return self.text[self.support_start - self.start : self.support_end - self.start]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    text: str  # the answer with [n] markers
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    question: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    # What the reader should know about how the answer was made, e.g. that the LLM back end
    # failed and this is the extractive fallback. Empty normally.
    notes: list[str] = field(default_factory=list)
    # LLM back ends: the model's reply before grounding (kept to audit what grounding removed).
    model_reply: str | None = None
    # The reader's short answer ("1,500"), which the text leads with; None for refusals and
    # answers that have none (an LLM's).
    short_answer: str | None = None
    # The reader's probability that the cited passage answers the question, in [0, 1] (refusals:
    # the best one found); None when no reader scored the answer. Eval draws risk–coverage from it.
    confidence: float | None = None
    # The answerability model's inputs and probability for the evidence's sentence
    # (rag.answer.answerability), whether or not its gate is on; None when the evidence chose no
    # sentence (or another mode answered). Eval records it.
    signals: dict[str, float] | None = None

    def __post_init__(self) -> None:
        if self.confidence is not None and not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Answer.confidence must be in [0, 1] or None, got {self.confidence}")

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "timings": self.timings,
            "notes": self.notes,
            "short_answer": self.short_answer,
            "confidence": self.confidence,
            **({"signals": self.signals} if self.signals is not None else {}),
            **({"model_reply": self.model_reply} if self.model_reply is not None else {}),
        }


# Events of Assistant.ask_stream: any number of Delta, then one Final.
@dataclass(frozen=True)
class Delta:
    """A piece of an LLM's reply as it is written: raw text, not yet checked against the passages."""

    text: str


@dataclass(frozen=True)
class Final:
    """The grounded, cited answer; last, once. It replaces whatever the deltas showed."""

    answer: Answer


StreamEvent = Delta | Final
