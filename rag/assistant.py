"""The facade every front end uses: the CLI, the web UI, the eval harness and Python callers.

    from rag import Assistant
    assistant = Assistant(corpus_dir="corpus", index_dir=".rag/index")
    answer = assistant.ask("How many migrants were in the caravan?")

The index is built on first use and brought up to date whenever the corpus changed.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from rag.answer.evidence import SentenceScorer, SentenceVectors
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.lexical import TermStats, terms
from rag.errors import BadQuestion, CorpusError, RagError
from rag.index.embedder import Embedder
from rag.index.indexer import Indexer, IndexReport, Progress, corpus_hashes
from rag.index.manifest import Manifest, load_passages, vectors_path
from rag.index.store import VectorStore
from rag.rerank import rerank
from rag.retrieve import HybridRetriever
from rag.settings import Settings
from rag.types import Answer, ScoredPassage

log = logging.getLogger(__name__)


class Assistant:
    def __init__(
        self,
        corpus_dir: str | Path | None = None,
        index_dir: str | Path | None = None,
        settings: Settings | None = None,
        progress: Progress | None = None,
    ):
        overrides = {k: v for k, v in (("corpus_dir", corpus_dir), ("index_dir", index_dir)) if v is not None}
        base = settings or Settings()
        self.settings = base.model_copy(update={k: Path(v) for k, v in overrides.items()})
        self._embedder = Embedder(threads=self.settings.embed_threads)
        self._open_index()
        self.last_index_report: IndexReport | None = None
        if self._is_stale():
            self.update_index(progress)
        else:
            self._load()

    # -- index ---------------------------------------------------------------------------
    def update_index(self, progress: Progress | None = None) -> IndexReport:
        """Bring the index in line with the corpus folder and reload what the assistant reads."""
        indexer = Indexer(self.settings, self._embedder, self._store)
        report = indexer.run(self._manifest, progress)
        if not self._manifest.documents:
            found = (
                ", ".join(f"{k} ({v})" for k, v in report.skipped.items())
                or "no .txt, .md, .html or .pdf files"
            )
            raise CorpusError(f"Nothing to index in {self.settings.corpus_dir}: {found}.")
        self.last_index_report = report
        if report.changed or not hasattr(self, "_retriever"):
            # Nothing changed: what is loaded is what the index holds (a no-op `rag index` on a
            # large index would otherwise pay for a second full load).
            self._load()
        return report

    def _open_index(self) -> None:
        s = self.settings
        try:
            self._manifest = Manifest.load(s.index_dir)
            self._store = VectorStore(s.index_dir / "chroma", s.collection, s.chroma_host, s.chroma_port)
            if self._manifest.documents and not (s.index_dir / "texts").is_dir():
                raise ValueError("document texts are missing")
        except Exception as e:  # any damage: the index is derived data, rebuild it from the corpus
            if s.chroma_host:
                raise
            log.warning(
                "The index at %s is unreadable (%s); rebuilding it from %s.", s.index_dir, e, s.corpus_dir
            )
            if getattr(self, "_store", None) is not None:
                # Otherwise the new store below reuses Chroma's open handle on the deleted files.
                self._store.close()
            shutil.rmtree(s.index_dir, ignore_errors=True)
            self._manifest = Manifest()
            self._store = VectorStore(s.index_dir / "chroma", s.collection)

    def _is_stale(self) -> bool:
        if not self._manifest.documents:
            return True
        if self._manifest.fingerprint != Indexer.fingerprint_of(self.settings):
            return True
        return corpus_hashes(self.settings.corpus_dir) != self._manifest.known_hashes()

    def _load(self) -> None:
        try:
            passages, self._texts = load_passages(self.settings.index_dir, self._manifest)
            sentences = {
                src: _sentence_vectors(self.settings.index_dir, d.sha256, d.sentences, self._texts[src])
                for src, d in self._manifest.documents.items()
            }
        except (OSError, ValueError) as e:
            log.warning("The index files are damaged (%s); rebuilding.", e)
            self._manifest = Manifest()
            self.update_index()
            return
        self.passages = passages
        self._gen = None  # the LLM answerer holds the scorer; rebuilt (the model stays loaded)
        s = self.settings
        self._retriever = HybridRetriever(
            passages, self._embedder, self._store, s.candidates, s.rrf_k, s.bm25_weight
        )
        self._scorer = SentenceScorer(sentences, TermStats([p.text for p in passages]))
        self._answerer = ExtractiveAnswerer(s.min_support, s.max_answer_sentences)

    # -- asking --------------------------------------------------------------------------
    def ask(self, question: str, top_k: int | None = None) -> Answer:
        return self.ask_with_passages(question, top_k)[0]

    def chat(self, message: str, history: list | None = None, top_k: int | None = None) -> Answer:
        """Answer a message in a conversation: follow-ups are retrieved as a standalone question.

        `history` is a list of {"role", "content"} messages (Gradio's and OpenAI's form) or of
        (user, assistant) pairs. With an LLM back end the model rewrites a follow-up into a
        standalone question; otherwise (or when that fails) the previous user question is joined.
        """
        message = self._check(message)
        query, standalone = self._condense(message, history or [], self.settings.llm)
        return self.ask_with_passages(message, top_k, retrieval_query=query, _prompt_question=standalone)[0]

    def ask_stream(
        self,
        question: str,
        history: list | None = None,
        top_k: int | None = None,
        backend: str | None = None,
    ) -> Iterator[tuple[str, object]]:
        """Answer while it is being written. Yields events:

        ("delta", str)     a piece of the reply as it is generated (an LLM's raw text, not yet
                           checked; the extractive back end sends its answer in a few pieces);
        ("answer", Answer) last, once: the grounded, cited answer, which replaces the deltas.

        `backend` picks "extractive" or the configured LLM back end for this question (default:
        settings.llm). A bad question raises BadQuestion at the first next(), before any event.
        """
        question = self._check(question)
        backend = backend or self.settings.llm
        if backend not in ("extractive", self.settings.llm):
            raise RagError(f"The {backend!r} answer back end is not configured.")
        query, standalone = self._condense(question, history or [], backend)
        yield from self._events(question, self._rank(question, query, top_k), backend, standalone)

    def ask_with_passages(
        self,
        question: str,
        top_k: int | None = None,
        retrieval_query: str | None = None,
        _prompt_question: str | None = None,
    ) -> tuple[Answer, list[ScoredPassage]]:
        """The answer and the ranked passages it was chosen from (the eval scores both)."""
        question = self._check(question)
        ranked = self._rank(question, retrieval_query, top_k)
        answer = None
        for kind, value in self._events(question, ranked, self.settings.llm, _prompt_question):
            if kind == "answer":
                answer = value
        return answer, ranked[1]

    def _rank(self, question: str, retrieval_query: str | None, top_k: int | None):
        """(the query retrieved with, top-k passages, their scored sentences, start, end time)."""
        query = retrieval_query or question
        t0 = time.perf_counter()
        qv = self._embedder.embed([query])[0]
        candidates = self._retriever.retrieve(query, self.settings.candidates, qv)
        sentences = self._scorer.score(query, qv, candidates, type_from=question)
        passages = rerank(candidates, sentences, top_k or self.settings.top_k)
        return query, passages, sentences, t0, time.perf_counter()

    def _events(self, question: str, ranked, backend: str, prompt_question: str | None):
        query, passages, sentences, t0, t1 = ranked
        answer = self._answerer.answer(question, passages, sentences, self._scorer.unknown_names(query))
        t2 = time.perf_counter()
        if backend == "extractive":
            answer.timings = {"retrieve_s": t1 - t0, "answer_s": t2 - t1, "total_s": t2 - t0}
            for piece in re.findall(r"(?:\S+\s*){1,4}", answer.text):
                yield ("delta", piece)
            yield ("answer", answer)
            return
        final = answer
        for kind, value in self._generative().stream(question, passages, sentences, answer, prompt_question):
            if kind == "answer":
                final = value
            else:
                yield (kind, value)
        t3 = time.perf_counter()
        final.timings = {**final.timings, "retrieve_s": t1 - t0, "answer_s": t3 - t1, "total_s": t3 - t0}
        yield ("answer", final)

    def _generative(self):
        """The LLM answerer of the configured back end; the model loads on first use."""
        if self._gen is None:
            from rag.answer.llm import make_llm
            from rag.answer.llm.generative import GenerativeAnswerer, Support

            s = self.settings
            scorer = self._scorer
            support = Support(scorer.stats, self._embedder.embed, scorer.vector_of)
            # ~3.5 characters a token; room for the question, the instructions and the reply
            chars = int((s.llm_context - s.llm_max_tokens - 200) * 3.5)
            self._gen = GenerativeAnswerer(
                lambda: make_llm(s), s.llm, support, max(chars, 1000), s.llm_min_relevance
            )
        return self._gen

    def _condense(self, message: str, history: list, backend: str) -> tuple[str, str | None]:
        """(retrieval query, standalone question written by the LLM or None)."""
        from rag.chat import as_messages, condense, user_messages

        if not history or not user_messages(history):
            return message, None
        if backend != "extractive":
            try:
                from rag.answer.llm.generative import condense_question

                standalone = condense_question(self._generative().llm(), message, as_messages(history))
                if standalone:
                    return standalone, standalone
            except Exception as e:  # noqa: BLE001 - the plain condense below still works
                log.warning("Condensing the follow-up with the LLM failed (%s); joining questions.", e)
        return condense(message, history), None

    def retrieve(self, question: str, top_k: int | None = None) -> list[ScoredPassage]:
        """The ranked passages alone (no answer is made)."""
        question = self._check(question)
        return self._rank(question, None, top_k)[1]

    def _check(self, question: str) -> str:
        if not isinstance(question, str) or not question.strip():
            raise BadQuestion("The question is empty: type a question about the documents.")
        question = question.strip()
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise BadQuestion(
                f"The question is {len(question):,} characters long; the limit is {limit:,}. "
                "Ask a shorter question (set RAG_MAX_QUESTION_CHARS to change the limit)."
            )
        return question

    # -- documents -----------------------------------------------------------------------
    def document_text(self, source: str) -> str:
        """The text that citation offsets of `source` point into."""
        return self._texts[source]

    def add_document(self, filename: str, data: bytes, progress: Progress | None = None) -> IndexReport:
        """Save an uploaded file into the corpus and index it. Raises LoadError, and then leaves
        the corpus as it was, when the file is rejected or cannot be read."""
        from rag.errors import LoadError
        from rag.ingest.uploads import save_upload

        s = self.settings
        source = save_upload(s.corpus_dir, filename, data, s.max_file_mb)
        report = self.update_index(progress)
        if source in report.skipped:
            (s.corpus_dir / source).unlink(missing_ok=True)
            self.update_index()
            raise LoadError(report.skipped[source])
        return report

    def remove_document(self, source: str) -> IndexReport:
        """Delete a document from the corpus folder and the index."""
        from rag.errors import LoadError

        if source not in self._manifest.documents:
            raise LoadError(f"{source}: no such document in the index")
        path = (self.settings.corpus_dir / source).resolve()
        if self.settings.corpus_dir.resolve() not in path.parents:
            raise LoadError(f"{source}: not inside the corpus folder")
        if len(self._manifest.documents) == 1:
            # An empty corpus cannot be indexed: the file would be gone while the index still
            # answered from it. Keep it; the user can add another document first.
            raise LoadError(f"{source} is the only document: add another before removing it.")
        path.unlink(missing_ok=True)
        return self.update_index()

    def documents(self) -> list[dict]:
        return [
            {"source": src, "title": d.title, "passages": len(d.passages)}
            for src, d in sorted(self._manifest.documents.items())
        ]


def _sentence_vectors(index_dir: Path, sha256: str, spans: list[tuple[int, int]], text: str) -> SentenceVectors:
    vectors = np.load(vectors_path(index_dir, sha256)).astype(np.float32)
    if len(vectors) != len(spans):
        raise ValueError(f"sentence vectors of {sha256[:12]} do not match the manifest")
    arr = np.array(spans, dtype=np.int64).reshape(-1, 2)
    return SentenceVectors(arr[:, 0], arr[:, 1], vectors, [terms(text[a:b]) for a, b in spans])
