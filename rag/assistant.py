"""The facade every front end uses: the CLI, the web UI, the eval harness and Python callers.

    from rag import Assistant
    assistant = Assistant(corpus_dir="corpus", index_dir=".rag/index")
    answer = assistant.ask("How many migrants were in the caravan?")

The index is built on first use and brought up to date whenever the corpus changed.
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rag.answer import names_nothing
from rag.answer.answerability import Answerability
from rag.answer.grounding import lead_first, narrowed
from rag.errors import BadQuestion, IndexSettingsDiffer, LoadError, RagError, SettingsError
from rag.index.bulk import paused_gc
from rag.index.documents import EmbeddedDocuments
from rag.index.embedder import Embedder
from rag.index.indexer import IndexReport, Progress
from rag.index.opened import OpenIndex, server_gone
from rag.query_path import QueryPath, Ranking
from rag.reader.model import Reader
from rag.retrieve import HybridRetriever
from rag.retrieve.spelling import SpeltQuestion
from rag.settings import Settings
from rag.text.question import checked_question
from rag.types import Answer, DocumentInfo, Final, Passage, ScoredPassage, StreamEvent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedUpload:
    """An uploaded file read and embedded, not yet in the corpus (Assistant.prepare_document)."""

    filename: str  # as the user named it; the corpus name is derived from it again on saving
    data: bytes
    embedded: EmbeddedDocuments
    replace: bool = False  # a document of the same name is replaced by this one (else refused)


def _check_arguments(corpus_dir, index_dir, settings) -> None:
    """Assistant(Settings(...)) took the settings for the corpus folder's name: the error named a
    folder called "corpus_dir=PosixPath(...) index_dir=..." that does not exist."""
    for name, folder in (("corpus_dir", corpus_dir), ("index_dir", index_dir)):
        if folder is not None and not isinstance(folder, str | os.PathLike):
            hint = " Give settings by name: Assistant(settings=...)." if isinstance(folder, Settings) else ""
            raise SettingsError(
                f"{name} must be a folder's name (a str or a Path), not an object of type {type(folder).__name__}.{hint}"
            )
    if settings is not None and not isinstance(settings, Settings):
        raise SettingsError(
            f"settings must be a rag.settings.Settings, not an object of type {type(settings).__name__}: "
            "Settings(top_k=3, ...) or Settings.load()."
        )


class Assistant:
    def __init__(
        self,
        corpus_dir: str | Path | None = None,
        index_dir: str | Path | None = None,
        settings: Settings | None = None,
        progress: Progress | None = None,
        reader: Reader | None = None,
        retriever_class: type[HybridRetriever] = HybridRetriever,
        llm: Callable[[Settings], Any] | None = None,
        answerability: Answerability | None = None,
    ):
        """`reader`: the answer model to use instead of the one that ships (models/reader);
        `retriever_class`: the retriever to build over the index (a subclass, e.g. in tests);
        `llm`: builds the LLM client of the configured back end from the settings, instead of
        rag.answer.llm.make_llm (e.g. one wrapped to watch its requests); `answerability`: the
        model that decides whether the evidence's sentence answers, instead of the one that ships
        (models/answerability)."""
        _check_arguments(corpus_dir, index_dir, settings)
        overrides = {k: v for k, v in (("corpus_dir", corpus_dir), ("index_dir", index_dir)) if v is not None}
        # Validated, as the command line's settings are: index_dir="" built an index in the
        # current folder, and an invalid RAG_* variable was a raw pydantic error.
        base = settings or Settings.load()
        self.settings = base.changed(**overrides) if overrides else base
        self._embedder = Embedder.configured(self.settings)
        self._reader = reader or Reader.shipped(threads=self.settings.embed_threads)
        self._answerability = answerability or Answerability.shipped()
        self._retriever_class = retriever_class
        self._make_llm = llm
        # One change at a time within this process (the index's file lock orders processes):
        # two threads replacing one file left the assistant answering from the version the file
        # no longer held, and removals at once failed halfway (a helper of session 34). Answers
        # take no lock: they read the query path as it is swapped in whole.
        self._writer = threading.RLock()
        self.index = OpenIndex(self.settings, self._embedder)
        if not self.settings.read_only:
            self._sweep_uploads()
        if self.index.stale():
            self.update_index(progress)
        else:
            self._load()

    def _sweep_uploads(self) -> None:
        from rag.ingest.uploads import sweep_leftovers

        for name in sweep_leftovers(self.settings.corpus_dir):
            log.info("Removed %s from %s: left by an upload that was interrupted.", name, self.settings.corpus_dir)

    # -- index ---------------------------------------------------------------------------
    def update_index(self, progress: Progress | None = None) -> IndexReport:
        """Bring the index in line with the corpus folder and reload what the assistant reads."""
        with self._writer:
            report = self.index.update(progress)
            if report.changed or not hasattr(self, "path") or self.index.generation() != self._generation:
                # Nothing changed, here or by another writer this run waited for: what is loaded
                # is what the index holds (a no-op `rag index` on a large index would otherwise
                # pay for a second full load).
                self._load()
            return report

    @paused_gc
    def _load(self) -> None:
        """Build the query path over what the index holds (after opening or updating it)."""
        self._generation = self.index.generation()  # the manifest save read below
        contents = self.index.contents()
        self._gen = None  # the LLM answerer holds the scorer; rebuilt (the model stays loaded)
        self.path = QueryPath(
            self.settings,
            contents,
            self.index.lexical(contents.passages),
            self._embedder,
            self.index.dense([p.id for p in contents.passages]),
            self._reader,
            self._answerability,
            self._retriever_class,
        )

    @property
    def passages(self) -> list[Passage]:
        """Every passage of the index, as loaded."""
        return self.path.passages

    def reload_wanted(self) -> bool:
        """Another process saved the index since this one loaded it, and what it saved is no less
        than what is loaded: not part of an index being built from nothing while this one holds
        the whole of it (the loaded texts and vectors stay in memory; the next save after that run
        is read), nor one another embedding model made (OpenIndex.embedded_otherwise_elsewhere:
        its vectors are not comparable with this one's questions'). One stat() or one request, as
        OpenIndex.changed_elsewhere."""
        try:
            return (
                self.index.changed_elsewhere()
                and not self.index.rebuilt_elsewhere_meanwhile()
                and not self.index.embedded_otherwise_elsewhere()
            )
        except Exception as e:
            if self.settings.chroma_host is None or not server_gone(e):
                raise
            # What is loaded still answers: every question failed ("ConnectError") while the
            # server was away, though the answer was in memory.
            log.warning("%s Answering from the index as it was loaded.", self.index.unreachable(e))
            return False

    def reload_if_changed(self) -> bool:
        """Answer from the index another process (`rag index`) saved since this one loaded it.
        True when it reloaded."""
        if not self.reload_wanted():
            return False
        with self._writer:
            if not self.reload_wanted():  # another thread reloaded it meanwhile
                return False
            log.info("The index at %s was updated by another process; reloading it.", self.settings.index_dir)
            self.index.reopen()
            if not self.index.manifest.documents and not self.settings.read_only:
                # The folder was deleted (or emptied) under a running server: it is derived data,
                # rebuilt from the corpus as at start, not an error at every question until
                # someone runs `rag index`.
                log.warning(
                    "The index at %s is gone; rebuilding it from %s.", self.settings.index_dir, self.settings.corpus_dir
                )
                self.update_index()
            else:
                self._load()
            return True

    def with_llm(self, llm: Callable[[Settings], Any]) -> Assistant:
        """This assistant with its LLM client built by `llm(settings)` (see __init__)."""
        twin = self.with_settings()
        twin._make_llm = llm
        return twin

    def llm(self):
        """The configured back end's LLM client (a llama-index LLM), loaded on first use."""
        return self._generative().llm()

    @property
    def last_index_report(self) -> IndexReport | None:
        """The report of the last index run: one asked for, or one that repaired a damaged index."""
        return self.index.last_report

    def with_settings(self, **changes) -> Assistant:
        """This assistant answering with other answer settings (back end, top-k, reading):
        the same index, embedder, store and reader, nothing rebuilt. For comparing options side
        by side (the eval, the tests); the corpus and index folders cannot change this way."""
        fixed = {"corpus_dir", "index_dir", "chroma_host", "chroma_port", "collection", "read_only"}
        fixed |= {"chunk_size", "chunk_overlap"}
        if fixed & set(changes):
            raise ValueError(f"{sorted(fixed & set(changes))} need a new Assistant (they change the index)")
        twin = copy.copy(self)
        twin.settings = self.settings.changed(**changes)  # SettingsError for a bad value or a misspelt name
        twin._gen = None
        twin.path = self.path.with_settings(twin.settings)
        return twin

    # -- asking --------------------------------------------------------------------------
    def ask(self, question: str, top_k: int | None = None) -> Answer:
        return self.ask_with_passages(question, top_k)[0]

    def chat(self, message: str, history: list | None = None, top_k: int | None = None) -> Answer:
        """Answer a message in a conversation: follow-ups are retrieved as a standalone question.

        `history` is a list of {"role", "content"} messages (Gradio's and OpenAI's form, content
        as text or OpenAI's text parts) or of (user, assistant) pairs (rag.chat.checked_history;
        BadQuestion for anything else). With an LLM back end the model rewrites a follow-up into a
        standalone question; otherwise (or when that fails) the previous user question is joined.
        """
        history = self._conversation(history)
        message, asked_as = self._resolved(self._check(message), history)
        query, standalone = self._condense(message, history, self.settings.llm)
        answer = self.ask_with_passages(message, top_k, retrieval_query=query, _prompt_question=standalone)[0]
        return _with_note(answer, asked_as)

    def ask_stream(
        self,
        question: str,
        history: list | None = None,
        top_k: int | None = None,
        backend: str | None = None,
    ) -> Iterator[StreamEvent]:
        """Answer while it is being written: Delta(text) for each piece of an LLM's reply as it is
        generated (raw, not yet checked), then one Final(answer), the grounded, cited answer that
        replaces them. The extractive answer is ready at once: it comes as the Final alone.

        `backend` picks "extractive" or the configured LLM back end for this question (default:
        settings.llm). A bad question raises BadQuestion at the first next(), before any event.
        """
        history = self._conversation(history)
        question, asked_as = self._resolved(self._check(question), history)
        spelt = self._read(question)
        question = spelt.text
        top_k = self._top_k(top_k)
        backend = backend or self.settings.llm
        if backend not in self.settings.backends():
            raise RagError(f"The {backend!r} answer back end is not configured.")
        query, standalone = self._condense(question, history, backend)
        for event in self._events(question, self.path.rank(question, query, top_k), backend, standalone, spelt):
            yield Final(_with_note(event.answer, asked_as)) if isinstance(event, Final) else event

    def ask_with_passages(
        self,
        question: str,
        top_k: int | None = None,
        retrieval_query: str | None = None,
        _prompt_question: str | None = None,
    ) -> tuple[Answer, list[ScoredPassage]]:
        """The answer and the ranked passages it was chosen from (the eval scores both)."""
        spelt = self._read(question)
        question = spelt.text
        if retrieval_query is not None:
            retrieval_query = self.path.speller.read(retrieval_query).text
        ranked = self.path.rank(question, retrieval_query, self._top_k(top_k))
        *_, final = self._events(question, ranked, self.settings.llm, _prompt_question, spelt)
        return final.answer, ranked.shown

    def _read(self, question: str) -> SpeltQuestion:
        """The checked question, with its misspelt words read as the corpus's (rag.retrieve.spelling)."""
        return self.path.speller.read(self._check(question))

    def _events(
        self, question: str, ranked: Ranking, backend: str, prompt_question: str | None, spelt: SpeltQuestion
    ) -> Iterator[StreamEvent]:
        passages, sentences, t0, t1 = ranked.shown, ranked.shown_sentences, ranked.started, ranked.ranked
        answer = self.path.answer(question, ranked)
        t2 = time.perf_counter()
        if backend == "extractive" or names_nothing(ranked.query):
            answer = narrowed(lead_first(answer), self.path.scorer.sentences_in)
            answer.timings = {"retrieve_s": t1 - t0, "answer_s": t2 - t1, "total_s": t2 - t0}
            yield Final(self._noted(answer, spelt))
            return
        final = answer
        for event in self._generative().stream(question, passages, sentences, answer, prompt_question):
            if isinstance(event, Final):
                final = event.answer
            else:
                yield event
        final = self.path.read_back(question, narrowed(final, self.path.scorer.sentences_in))
        t3 = time.perf_counter()
        final.timings = {**final.timings, "retrieve_s": t1 - t0, "answer_s": t3 - t1, "total_s": t3 - t0}
        yield Final(self._noted(final, spelt))

    def _noted(self, answer: Answer, spelt: SpeltQuestion) -> Answer:
        """The answer, saying so when it quotes a file as it was indexed though the file cannot be
        read now (its previous version is kept: Indexer._keep), and when it comes from part of an
        index still being built (a run from nothing, elsewhere or interrupted): a refusal there
        may be a document not read yet; and how it read a misspelt word of the question (`spelt`),
        first."""
        answer = _with_note(answer, spelt.note())
        manifest = self.index.manifest
        notes = []
        for source in dict.fromkeys(c.source for c in answer.citations):
            if source in manifest.skipped and source in manifest.documents:
                # The quote is true of the version indexed, which the file may no longer hold.
                why = manifest.skipped[source][1].removeprefix(f"{source}: ")
                notes.append(f"{source} is quoted as it was when indexed: the file cannot be read now ({why}).")
        if manifest.rebuilding:
            n = len(manifest.documents)
            notes.append(
                f"The index is still being built ({n:,} document{'s' * (n != 1)} so far): documents not yet "
                "indexed were not searched. Ask again when `rag index` has finished."
            )
        return replace(answer, notes=[*answer.notes, *notes]) if notes else answer

    def _generative(self):
        """The LLM answerer of the configured back end; the model loads on first use."""
        if self._gen is None:
            from rag.answer.llm import make_llm
            from rag.answer.llm.generative import GenerativeAnswerer
            from rag.answer.llm.prompts import prompt_chars
            from rag.answer.llm.support import Support

            s = self.settings
            scorer = self.path.scorer
            support = Support(scorer.stats, self._embedder.embed, scorer.vector_of, self._embedder.cosine_scale)
            build = self._make_llm or make_llm
            self._gen = GenerativeAnswerer(
                lambda: build(s),
                s.llm,
                support,
                prompt_chars(s),
                s.llm_min_relevance,
                timeout_s=s.llm_timeout_s,
                secret=s.openai_api_key if s.llm == "openai" else None,
                max_tokens=s.llm_max_tokens,
            )
        return self._gen

    def _conversation(self, history) -> list[dict]:
        """The conversation as rag.chat reads it (checked_history), without the user's turns
        longer than a question may be: they were never asked here (a question that long is
        refused), and a 7 MB earlier turn went into retrieval whole (11.8 s to answer; a break-it
        helper's, session 61)."""
        from rag.chat import checked_history

        limit = self.settings.max_question_chars
        return [m for m in checked_history(history) if m["role"] != "user" or len(m["content"]) <= limit]

    @staticmethod
    def _resolved(message: str, history: list[dict]) -> tuple[str, str | None]:
        """(the message as asked, the note saying so): a follow-up that asks the previous question
        of something else is asked as a question of its own (rag.chat.standalone). `history` as
        _conversation gives it."""
        from rag.chat import standalone

        asked = standalone(message, history)
        if asked is None:
            return message, None
        return asked, f"Asked as “{asked}”, as the previous question was."

    def _condense(self, message: str, history: list[dict], backend: str) -> tuple[str, str | None]:
        """(retrieval query, standalone question written by the LLM or None); `history` as
        _conversation gives it."""
        from rag.chat import condense, user_messages

        if not history or not user_messages(history):
            return message, None
        if backend != "extractive":
            try:
                from rag.answer.llm.prompts import condense_question

                gen = self._generative()
                standalone = gen.within_deadline(lambda: condense_question(gen.llm(), message, history))
                if standalone:
                    return standalone, standalone
            except Exception as e:
                said = self._generative().said(e)
                log.warning("Condensing the follow-up with the LLM failed (%s); joining questions.", said)
        return condense(message, history), None

    def retrieve(self, question: str, top_k: int | None = None) -> list[ScoredPassage]:
        """The ranked passages alone (no answer is made)."""
        question = self._read(question).text
        return self.path.rank(question, None, self._top_k(top_k)).passages

    @staticmethod
    def _top_k(top_k: int | None) -> int | None:
        """A question's top_k: None for the setting's, else an int within the setting's bounds,
        as `rag ask --top-k` is checked (SettingsError). 0 was taken for "not given", -1 and 1000
        answered, and "3" or 2.5 were a TypeError from deep inside ranking."""
        return None if top_k is None else Settings.check("top_k", top_k)

    def _check(self, question: str) -> str:
        if question is not None and not isinstance(question, str):
            # ask(b"...") or ask(42) said "the question is empty", which sent callers looking
            # at the wrong thing.
            raise BadQuestion(f"The question must be text (a str), not {type(question).__name__}.")
        return checked_question(question, self.settings.max_question_chars)

    # -- documents -----------------------------------------------------------------------
    def document_text(self, source: str | os.PathLike) -> str:
        """The text that citation offsets of `source` point into. LoadError (a RagError, was a
        bare KeyError) for a source the index does not hold."""
        try:
            return self.path.texts[self._named(source)]
        except KeyError:
            raise LoadError(f"{source!s}: no such document in the index") from None

    def _named(self, source):
        """A document's name as the index knows it (relative to the corpus folder, with "/"):
        `source` itself, or the name of the corpus file a path points at (absolute, or from the
        current folder: "corpus/a.txt"), which said "no such document" although the file was
        indexed. LoadError for a path to a file outside the corpus folder."""
        if not isinstance(source, str | os.PathLike):  # a list was "unhashable type"
            raise LoadError(f"{source!s}: no such document in the index")
        relative = not os.path.isabs(source)
        if relative and (
            os.path.lexists(self.settings.corpus_dir / source) or not os.path.lexists(source)
        ):  # a corpus name ("c3/x.txt" of the corpus wins over ./c3/x.txt), or no path at all
            # As the index writes it: "./a.txt" and "c3//x.txt" said "no such document" (a break-it
            # helper's, session 61).
            return Path(os.path.normpath(source)).as_posix()
        corpus = os.path.abspath(self.settings.corpus_dir)
        path = os.path.abspath(source)
        if not path.startswith(corpus + os.sep):
            raise LoadError(
                f"{os.fspath(source)}: not in the corpus folder {corpus}; name a document as documents() "
                "lists it, relative to that folder"
            )
        return Path(os.path.relpath(path, corpus)).as_posix()

    def add_document(
        self, filename: str, data: bytes, progress: Progress | None = None, replace: bool = False
    ) -> IndexReport:
        """Save an uploaded file into the corpus and index it. Raises LoadError, and then leaves
        the corpus as it was, when the file is rejected or cannot be read. `replace`: a document
        of the same name is replaced by this version (its vectors are kept for the text it keeps);
        without it that name is refused."""
        if progress:
            progress(0.0, "reading and embedding")
        return self.add_prepared(self.prepare_document(filename, data, replace))

    def prepare_document(self, filename: str, data: bytes, replace: bool = False) -> PreparedUpload:
        """The slow part of adding a file, with nothing written: its name and size checked, its
        text extracted and cut, its passages and sentences embedded. A server runs this while
        questions are still answered, then add_prepared() under its writer lock (ui/service.py).
        LoadError when the file is rejected or cannot be read."""
        from rag.ingest.uploads import check_upload

        if not isinstance(filename, str) or not filename.strip():
            # None was an AttributeError from deep inside (a break-it helper's, session 59).
            raise LoadError(f"Give the file's name as text (e.g. 'notes.txt'), not {filename!r}.")
        if isinstance(data, bytearray | memoryview):
            data = bytes(data)
        if not isinstance(data, bytes):
            # A str was "Strings must be encoded before hashing" from deep inside.
            hint = " (text.encode('utf-8') for text)" if isinstance(data, str) else ""
            raise LoadError(f"{filename}: give the file's bytes{hint}, not a {type(data).__name__}.")
        self.index.check_writable()
        s = self.settings
        source = check_upload(s.corpus_dir, filename, data, s.max_file_mb, replace, s.read_pictures)
        return PreparedUpload(filename, data, self.index.prepare(source, data), replace)

    def prepare_file(self, path: str | Path, filename: str | None = None, replace: bool = False) -> PreparedUpload:
        """prepare_document() for an upload saved on disk (the web chat's temporary copy), named
        `filename` (by default the file's own name). A file over max_file_mb is refused from its
        size, before any of it is read; the refusals and their order are prepare_document's."""
        from rag.ingest.uploads import read_upload

        self.index.check_writable()
        path = Path(path)
        name = path.name if filename is None else filename
        return self.prepare_document(
            name, read_upload(path, name, self.settings.max_file_mb, self.settings.read_pictures), replace
        )

    def add_prepared(self, upload: PreparedUpload) -> IndexReport:
        """Write a prepared upload into the corpus folder and the index, and answer from it."""
        with self._writer:
            return self._add_prepared(upload)

    def _add_prepared(self, upload: PreparedUpload) -> IndexReport:
        from rag.ingest.uploads import safe_name, save_upload, set_aside

        s = self.settings
        self.index.check_not_busy()  # before the file is written: nothing to take back
        self.index.check_same_settings()
        # The version it replaces, under a second name until the new one is indexed.
        aside = set_aside(s.corpus_dir / safe_name(upload.filename)) if upload.replace else None
        try:
            source = save_upload(
                s.corpus_dir, upload.filename, upload.data, s.max_file_mb, upload.replace, s.read_pictures
            )
            try:
                report = self.index.add(upload.embedded)
                self._load()
            except BaseException as e:
                # Whatever failed, the upload must not stay: a file that breaks indexing would
                # break every later run, upload and restart. A version it replaced comes back.
                # (Not indexed again when the index is another's settings': that would rebuild it.)
                self._withdraw(source, aside, reindex=not isinstance(e, IndexSettingsDiffer))
                aside = None
                raise
        finally:
            if aside is not None:
                aside.unlink(missing_ok=True)
        return report

    def _withdraw(self, source: str, aside: Path | None = None, reindex: bool = True) -> None:
        """Remove a just-uploaded file again (or put back the version it replaced, kept `aside`)
        and bring the index back to the corpus as it was."""
        path = self.settings.corpus_dir / source
        if aside is None:
            path.unlink(missing_ok=True)
        else:
            os.replace(aside, path)
        if not reindex:
            return
        try:
            self.update_index()
        except Exception as e:
            log.warning("Re-indexing after removing %s failed: %s", source, e)

    def remove_document(self, source: str | os.PathLike) -> IndexReport:
        """Delete a document from the corpus folder and the index: named as documents() lists it,
        or by its path in the corpus folder."""
        with self._writer:
            return self._remove_document(source)

    def _remove_document(self, source: str | os.PathLike) -> IndexReport:
        self.index.check_writable()
        source = self._named(source)
        # A document another process added since this one loaded the index is known once read
        # again: its removal said "no such document in the index" (a break-it helper's, session 61).
        if not self.index.knows(source) and not (self.reload_if_changed() and self.index.knows(source)):
            raise LoadError(f"{source}: no such document in the index")
        self.index.check_not_busy()
        # The entry itself, not what it points to: removing a link inside the corpus must delete
        # the link, never the document it points at.
        path = self.settings.corpus_dir / source
        if not path.parent.resolve().is_relative_to(self.settings.corpus_dir.resolve()):
            raise LoadError(f"{source}: not inside the corpus folder")
        if len(self.index.documents()) == 1:
            # An empty corpus cannot be indexed: the file would be gone while the index still
            # answered from it. Keep it; the user can add another document first.
            raise LoadError(f"{source} is the only document: add another before removing it.")
        from rag.ingest.uploads import set_aside

        # Kept under a hidden second name until the index no longer holds it: an index run that
        # failed (a Chroma server gone away) left the file deleted and the document answering.
        aside = set_aside(path)
        path.unlink(missing_ok=True)
        try:
            report = self.update_index()
        except BaseException:
            if aside is not None and not os.path.lexists(path):
                os.replace(aside, path)
            raise
        if aside is not None:
            aside.unlink(missing_ok=True)
        return report

    def documents(self) -> list[DocumentInfo]:
        return self.index.documents()


def _with_note(answer: Answer, note: str | None) -> Answer:
    """`answer` with `note` first among its notes (none: as it is)."""
    return replace(answer, notes=[note, *answer.notes]) if note else answer
