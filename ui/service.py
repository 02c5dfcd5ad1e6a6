"""The chat service behind the page: one Assistant, a reader/writer lock around its index, the
reply stream (an LLM's tokens as they come; the extractive answer revealed a few words at a
time), document uploads and removal, and error messages fit for a visitor's eyes."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rag.errors import LoadError, RagError
from rag.ingest.loaders import supported_suffixes
from rag.ingest.uploads import safe_name
from rag.settings import Settings
from rag.text.counts import counted
from rag.types import Answer, Delta, DocumentInfo
from ui import render

log = logging.getLogger(__name__)

# "/a/b/c.txt" (not "1/2", "http://x/y" or "and/or"): shown as "c.txt".
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/(?:[^\s/'\"()]+/)+([^\s/'\"()]*)")
STREAM_DELAY = float(os.environ.get("RAG_UI_STREAM_DELAY", "0.03"))  # seconds between revealed chunks
DECIDE = Settings.choices("decide")


class IndexLock:
    """Many readers (questions) at once, or one writer (an index change) alone."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._readers)
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


@dataclass
class Reply:
    """One step of a streamed reply: the text so far and, once known, the Answer it comes from."""

    text: str
    answer: Answer | None
    done: bool = False


class ChatService:
    """What the page needs from the library, made safe for many sessions at once."""

    def __init__(self, assistant, stream_delay: float = STREAM_DELAY):
        self.assistant = assistant
        self.lock = IndexLock()
        self.stream_delay = stream_delay

    # -- asking ----------------------------------------------------------------------------
    def reply(
        self, message: str, history: list[dict], top_k: int, backend: str, decide: str | None = None
    ) -> Iterator[Reply]:
        """Stream the reply to `message`: Reply(text_so_far, answer_once_known), then a done one.

        With `Assistant.ask_stream` an LLM back end's tokens are shown as they come; the grounded
        answer (only supported sentences, checked [n] markers) replaces them at the end. The
        extractive answer is ready at once and is revealed a few words at a time. `decide`: who
        picks the extractive answer for this question (Settings.decide; default: the server's).
        """
        if backend not in self.assistant.settings.backends():
            raise RagError(f"The {backend!r} answer back end is not configured on this server.")
        if decide is not None and decide not in DECIDE:
            raise RagError(f"{decide!r} is not a way to decide: {', '.join(DECIDE)}.")
        self.refresh()
        answer, shown = None, ""
        with self.lock.reading():
            assistant = self.assistant
            if decide is not None and decide != assistant.settings.decide:
                assistant = assistant.with_settings(decide=decide)  # the same index: nothing rebuilt
            events = assistant.ask_stream(message, history, top_k=top_k, backend=backend)
            for event in events:
                if isinstance(event, Delta):
                    shown += event.text
                    yield Reply(shown, None)
                else:
                    answer = event.answer
        if backend == "extractive":
            yield from self._reveal(answer)
            return
        yield Reply(answer.text, answer)
        yield Reply(answer.text, answer, done=True)

    def _reveal(self, answer: Answer) -> Iterator[Reply]:
        shown = ""
        for chunk in render.word_chunks(answer.text):
            shown += chunk
            yield Reply(shown, answer)
            if self.stream_delay:
                time.sleep(self.stream_delay)
        yield Reply(answer.text, answer, done=True)

    def document_texts(self, answer: Answer) -> dict[str, str | None]:
        """Full texts of the cited documents (None for one removed meanwhile)."""
        out: dict[str, str | None] = {}
        for c in answer.citations:
            if c.source not in out:
                try:
                    out[c.source] = self.assistant.document_text(c.source)
                except LoadError:
                    # A document removed (from another tab) after the answer and before its
                    # sources were drawn: its card shows the cited passage without "Show in
                    # context". Uncaught, this RagError made the finished answer "Could not answer".
                    out[c.source] = None
        return out

    def refresh(self) -> None:
        """Pick up an index that `rag index` updated while this server ran (issue: the page
        answered from the old one until a restart)."""
        if self.assistant.reload_wanted():
            with self.lock.writing():  # no question reads the index while it is swapped
                self.assistant.reload_if_changed()

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        self.refresh()
        return self.assistant.documents()

    def upload_note(self) -> str:
        if self.assistant.settings.read_only:
            return "This server answers from a shared index: documents are added where it is built (`rag index`)."
        mb = self.assistant.settings.max_file_mb
        accepted = " ".join(sorted(supported_suffixes(self.assistant.settings.read_pictures)))
        return f"Accepted: {accepted} · up to {mb:g} MB each."

    def add_files(
        self, paths: list[str], progress: Callable[[float, str], None] | None = None, replace: bool = False
    ) -> tuple[list[str], list[str]]:
        """Index uploaded files one by one; returns (what was added, why each rejected file was).
        `replace`: a document of the same name is replaced by the upload (else refused)."""
        added, errors = [], []
        for i, path in enumerate(paths):
            name = Path(path).name

            def step(fraction: float, message: str, i=i, name=name) -> None:
                if progress:
                    progress((i + fraction) / len(paths), f"{name}: {message}")

            step(0.0, "reading")
            try:
                stored = safe_name(name)  # the name the corpus will know it by: say that one
                # Extracting and embedding take seconds to minutes: questions go on meanwhile.
                # Only writing the prepared file and vectors, and the swap, hold the lock.
                step(0.1, "reading and embedding")
                # From the path: a file over max_file_mb is refused by its size, never read.
                prepared = self.assistant.prepare_file(path, name, replace)
                step(0.9, "adding to the index")
                with self.lock.writing():
                    report = self.assistant.add_prepared(prepared)
                    passages = next((d.passages for d in self.assistant.documents() if d.source == stored), None)
            except RagError as e:
                errors.append(self.public(str(e)))
                continue
            except Exception as e:  # keep the page alive; the library leaves the corpus as it was
                log.exception("indexing %s failed", name)
                errors.append(self.public(f"{name}: could not be indexed ({type(e).__name__}: {e})"))
                continue
            size = f" ({counted(passages, 'passage')})." if passages is not None else "."
            if stored in report.added or stored in report.updated:
                added.append(f"{'Added' if stored in report.added else 'Replaced'} {stored}{size}")
            else:  # replaced by the same bytes
                added.append(f"{stored} is unchanged: the upload is the same as the indexed file.")
        return added, errors

    @property
    def max_question_chars(self) -> int:
        return self.assistant.settings.max_question_chars

    def public(self, message: str) -> str:
        """An error message fit for the page: no absolute server paths (they tell a visitor how
        the server is laid out). Known folders become their names, any other path its last part."""
        s = self.assistant.settings
        for folder in (s.index_dir, s.corpus_dir):
            for form in {str(folder.resolve()), str(folder.absolute())}:
                message = message.replace(form + os.sep, "").replace(form, folder.name)
        return ABSOLUTE_PATH.sub(lambda m: m.group(1), message)

    def remove(self, source: str) -> None:
        """Remove a document named as the list names it. Not a path: the Python API takes one
        from the current folder too, and over the web its two answers ("not in the corpus
        folder", "no such document") told whether a file existed on the server ("../../etc/shadow"
        did; found by a helper of session 34)."""
        if not self.assistant.index.knows(source):
            raise LoadError(f"{source}: no such document in the index")
        with self.lock.writing():
            self.assistant.remove_document(source)


# -- session ---------------------------------------------------------------------------------
