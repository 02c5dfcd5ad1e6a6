"""The web chat: Gradio on top of `rag.Assistant`. No retrieval or answer logic lives here.

    from ui.app import launch
    launch(assistant, host="127.0.0.1", port=7860)      # what `rag serve` does

Layout: the chat on the left; on the right the sources of the answers, the documents (upload,
list, remove) and the settings. Each browser tab has its own conversation (gr.State). Index
changes (upload, remove) take the write side of a lock, questions the read side, so nobody
asks an index that is half rebuilt.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from rag.errors import RagError
from rag.ingest.loaders import SUPPORTED_SUFFIXES
from rag.ingest.uploads import safe_name
from rag.settings import Settings
from rag.types import Answer, Delta, DocumentInfo
from ui import render
from ui.assets import CSS, HEAD

log = logging.getLogger(__name__)

# "/a/b/c.txt" (not "1/2", "http://x/y" or "and/or"): shown as "c.txt".
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/(?:[^\s/'\"()]+/)+([^\s/'\"()]*)")

THEME = gr.themes.Soft(
    primary_hue="indigo",
    neutral_hue="slate",
    font=[gr.themes.LocalFont("IBM Plex Sans"), "ui-sans-serif", "system-ui", "sans-serif"],
)
MAX_TURNS = 50  # per session; older sources drop out of the panel
STREAM_DELAY = float(os.environ.get("RAG_UI_STREAM_DELAY", "0.03"))  # seconds between revealed chunks


def backends(settings: Settings | None = None) -> list[str]:
    """The answer back ends this server can answer with (Settings.backends)."""
    return settings.backends() if settings is not None else ["extractive"]


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """RAG_UI_AUTH="user:password" -> ("user", "password"); unset or empty -> no login."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise RagError('RAG_UI_AUTH must look like "user:password".')
    return user, password


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
    def reply(self, message: str, history: list[dict], top_k: int, backend: str) -> Iterator[Reply]:
        """Stream the reply to `message`: Reply(text_so_far, answer_once_known), then a done one.

        With `Assistant.ask_stream` an LLM back end's tokens are shown as they come; the grounded
        answer (only supported sentences, checked [n] markers) replaces them at the end. The
        extractive answer is ready at once and is revealed a few words at a time.
        """
        if backend not in backends(self.assistant.settings):
            raise RagError(f"The {backend!r} answer back end is not configured on this server.")
        answer, shown = None, ""
        with self.lock.reading():
            events = self.assistant.ask_stream(message, history, top_k=top_k, backend=backend)
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
                except KeyError:
                    out[c.source] = None
        return out

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return self.assistant.documents()

    def upload_note(self) -> str:
        mb = self.assistant.settings.max_file_mb
        return f"Accepted: {' '.join(sorted(SUPPORTED_SUFFIXES))} · up to {mb:g} MB each."

    def add_files(
        self, paths: list[str], progress: Callable[[float, str], None] | None = None
    ) -> tuple[list[str], list[str]]:
        """Index uploaded files one by one; returns (what was added, why each rejected file was)."""
        added, errors = [], []
        for i, path in enumerate(paths):
            name = Path(path).name

            def step(fraction: float, message: str, i=i, name=name) -> None:
                if progress:
                    progress((i + fraction) / len(paths), f"{name}: {message}")

            step(0.0, "reading")
            try:
                stored = safe_name(name)  # the name the corpus will know it by: say that one
                data = Path(path).read_bytes()
                with self.lock.writing():
                    self.assistant.add_document(name, data, progress=step)
                    passages = next((d.passages for d in self.documents() if d.source == stored), None)
            except RagError as e:
                errors.append(self.public(str(e)))
                continue
            except Exception as e:  # keep the page alive; the library leaves the corpus as it was
                log.exception("indexing %s failed", name)
                errors.append(self.public(f"{name}: could not be indexed ({type(e).__name__}: {e})"))
                continue
            added.append(f"Added {stored}" + (f" ({passages} passages)." if passages is not None else "."))
        return added, errors

    def public(self, message: str) -> str:
        """An error message fit for the page: no absolute server paths (they tell a visitor how
        the server is laid out). Known folders become their names, any other path its last part."""
        s = self.assistant.settings
        for folder in (s.index_dir, s.corpus_dir):
            for form in {str(folder.resolve()), str(folder.absolute())}:
                message = message.replace(form + os.sep, "").replace(form, folder.name)
        return ABSOLUTE_PATH.sub(lambda m: m.group(1), message)

    def remove(self, source: str) -> None:
        with self.lock.writing():
            self.assistant.remove_document(source)


# -- session ---------------------------------------------------------------------------------


def new_session() -> dict:
    """One browser tab's conversation: plain-text history for the library, HTML for the page."""
    return {"history": [], "messages": [], "turns": [], "turn": 0}


def _reply_message(reply: Reply, turn: int) -> dict:
    answer = reply.answer
    n = len(answer.citations) if answer else 0
    refused = bool(answer and answer.refused)
    short = answer.short_answer if answer else None
    return {"role": "assistant", "content": render.render_answer(reply.text, turn, n, refused, short)}


def _done_detail(answer: Answer) -> str:
    seconds = answer.timings.get("total_s")
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    n = len(answer.citations)
    notes = "".join(f" · {note}" for note in answer.notes)
    if answer.refused:
        return f"{n} closest passage{'s' * (n != 1)} shown{took}{notes}"
    return f"{n} source{'s' * (n != 1)}{took}{notes}"


def respond(service: ChatService, question: str, sess: dict, top_k, backend: str):
    """Streaming handler: yields (chatbot, session, sources, status, question box)."""
    sess = sess or new_session()
    question = (question or "").strip()
    if not question:
        yield gr.skip(), sess, gr.skip(), gr.skip(), gr.skip()
        return
    # A lone surrogate cannot be sent back to the browser (not UTF-8): the page shows "?" for it,
    # the library gets the question as typed and says what is wrong with it.
    shown = question.encode("utf-8", "replace").decode("utf-8")
    turn = sess["turn"] + 1
    messages = sess["messages"] + [{"role": "user", "content": render.render_question(shown)}]
    yield messages, sess, gr.skip(), render.render_status("retrieving", turn), ""

    sources = gr.skip()
    turns = panel = None  # this turn's sources, rendered once the Answer (and its citations) is known
    try:
        for reply in service.reply(question, sess["history"], int(top_k), backend):
            if reply.answer is not None and turns is None:
                cards = render.render_cards(turn, reply.answer, service.document_texts(reply.answer))
                turns = (sess["turns"] + [{"turn": turn, "question": question, "cards": cards}])[-MAX_TURNS:]
                sources = panel = render.render_sources(turns)
            message = _reply_message(reply, turn)
            if not reply.done:
                yield messages + [message], sess, sources, render.render_status("streaming", turn), gr.skip()
                sources = gr.skip()
    except RagError as e:
        msg = service.public(str(e))
        gr.Warning(msg)
        # The question goes back into the box; the conversation is as it was.
        yield sess["messages"], sess, gr.skip(), render.render_status("error", turn, msg), shown
        return
    except Exception as e:
        log.exception("answering failed")
        msg = service.public(f"{type(e).__name__}: {e}")
        gr.Warning(f"Something went wrong: {msg}")
        yield sess["messages"], sess, gr.skip(), render.render_status("error", turn, msg), shown
        return

    answer = reply.answer
    sess = {
        "history": sess["history"]
        + [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}],
        "messages": messages + [message],
        "turns": turns,
        "turn": turn,
    }
    status = render.render_status("refused" if answer.refused else "done", turn, _done_detail(answer))
    yield sess["messages"], sess, panel, status, gr.skip()


def clear_chat(sess: dict):
    return [], new_session(), render.EMPTY_SOURCES, render.render_status("idle", 0)


# -- documents handlers ------------------------------------------------------------------------


def _doc_outputs(service: ChatService, added=(), errors=()):
    """(documents panel, remove dropdown, page header with the counts) after a change."""
    docs = service.documents()
    choices = [(f"{d.title} ({d.source})" if d.title else d.source, d.source) for d in docs]
    return (
        render.render_documents(docs, service.upload_note(), added, errors),
        gr.update(choices=choices, value=None),
        render.render_header(docs),
    )


def upload_files(service: ChatService, files, progress: gr.Progress):
    paths = [files] if isinstance(files, str) else list(files or [])
    if not paths:
        return _doc_outputs(service)
    progress(0, desc=f"Indexing {len(paths)} file(s)")
    added, errors = service.add_files(paths, lambda f, m: progress(f, desc=m))
    for e in errors:
        gr.Warning(e)
    _drop_gradio_copies(paths)
    return _doc_outputs(service, added, errors)


def _drop_gradio_copies(paths: list[str]) -> None:
    """Gradio keeps each upload in its temp folder; the corpus has its own copy of an accepted
    one, and a rejected one must not linger. Only files inside Gradio's upload folder go."""
    from gradio.utils import get_upload_folder

    root = Path(get_upload_folder()).resolve()
    for path in paths:
        p = Path(path).resolve()
        if p.is_relative_to(root) and p.is_file():
            p.unlink(missing_ok=True)


# What the browser's confirm() sends back when the user says no (see build_app).
REMOVE_CANCELLED = "\u0000cancelled"


def remove_document(service: ChatService, source: str | None):
    if source == REMOVE_CANCELLED:
        return _doc_outputs(service)
    if not source:
        return _doc_outputs(service, errors=["Choose a document to remove first."])
    try:
        service.remove(source)
    except RagError as e:
        msg = service.public(str(e))
        gr.Warning(msg)
        return _doc_outputs(service, errors=[msg])
    return _doc_outputs(service, added=[f"Removed {source}."])


# -- page --------------------------------------------------------------------------------------


def build_app(service: ChatService) -> gr.Blocks:
    settings = service.assistant.settings
    suffixes = sorted(SUPPORTED_SUFFIXES)
    with gr.Blocks(title="Ask the documents") as demo:
        sess = gr.State(new_session())
        docs_html, _, header_html = _doc_outputs(service)  # refreshed on every page load
        header = gr.HTML(header_html, elem_id="app-header", js_on_load=None)

        with gr.Row(equal_height=False, elem_id="main-row"):
            with gr.Column(scale=3, min_width=360, elem_id="chat-col"):
                chatbot = gr.Chatbot(
                    elem_id="chatbot",
                    label="Chat",
                    show_label=False,
                    height=520,
                    layout="bubble",
                    buttons=["copy"],
                    feedback_options=None,
                    sanitize_html=True,  # never False: on* handlers in documents would run
                    render_markdown=False,  # our HTML renders; markdown quoted from documents stays text
                    latex_delimiters=[],
                    allow_tags=False,
                    placeholder="**Ask a question about the indexed documents.**\n\n"
                    "Answers quote the documents, with [n] links to their sources. "
                    "Follow-up questions keep the context of the conversation.",
                )
                with gr.Row(elem_id="input-row"):
                    question = gr.Textbox(
                        elem_id="chat-input",
                        placeholder="Ask a question…",
                        show_label=False,
                        lines=1,
                        max_lines=4,
                        max_length=settings.max_question_chars,
                        scale=5,
                        min_width=160,
                        autofocus=True,
                    )
                    send = gr.Button("Send", variant="primary", elem_id="send-btn", scale=0, min_width=76)
                    clear = gr.Button(
                        "Clear", variant="secondary", elem_id="clear-btn", scale=0, min_width=76
                    )
                status = gr.HTML(render.render_status("idle", 0), elem_id="run-status", js_on_load=None)

            with gr.Column(scale=2, min_width=320, elem_id="side-col"):
                # js_on_load=None drops gr.HTML's default "any click -> trigger('click')" hook
                sources = gr.HTML(render.EMPTY_SOURCES, elem_id="sources", js_on_load=None)
                with gr.Accordion("Documents", open=False, elem_id="docs-acc"):
                    with gr.Column(elem_id="upload-wrap"):
                        upload = gr.UploadButton(
                            "Upload documents",
                            file_count="multiple",
                            file_types=suffixes,
                            elem_id="upload-btn",
                            size="sm",
                            variant="primary",
                        )
                    doclist = gr.HTML(docs_html, elem_id="doclist", js_on_load=None)
                    with gr.Row(elem_id="remove-row"):
                        remove_choice = gr.Dropdown(
                            choices=[],
                            value=None,
                            label="Remove a document",
                            elem_id="remove-doc",
                            scale=3,
                            min_width=160,
                        )
                        remove_btn = gr.Button(
                            "Remove", variant="stop", size="md", elem_id="remove-btn", scale=0, min_width=90
                        )
                with gr.Accordion("Settings", open=False, elem_id="settings-acc"):
                    top_k = gr.Slider(
                        1,
                        10,
                        value=min(settings.top_k, 10),
                        step=1,
                        label="Passages per answer (top-k)",
                        elem_id="top-k",
                    )
                    backend = gr.Dropdown(
                        backends(settings), value=settings.llm, label="Answer back end", elem_id="backend"
                    )

        private = {"api_visibility": "private"}

        def on_ask(q, s, k, b):
            yield from respond(service, q, s, k, b)

        gr.on(
            [question.submit, send.click],
            on_ask,
            inputs=[question, sess, top_k, backend],
            outputs=[chatbot, sess, sources, status, question],
            show_progress="hidden",
            **private,
        )
        for trigger in (clear.click, chatbot.clear):
            trigger(clear_chat, [sess], [chatbot, sess, sources, status], **private)
        doc_outputs = [doclist, remove_choice, header]

        def on_upload(files, progress=gr.Progress()):
            return upload_files(service, files, progress)

        upload.upload(
            on_upload, [upload], doc_outputs, show_progress="full", show_progress_on=[doclist], **private
        )
        # Removing deletes the file from the corpus folder: ask first, in the browser.
        confirm_js = (
            "(s) => !s || window.confirm('Remove ' + s + ' from the corpus folder and the index? "
            "The file is deleted.') ? s : " + json.dumps(REMOVE_CANCELLED)
        )
        remove_btn.click(
            lambda s: remove_document(service, s),
            [remove_choice],
            doc_outputs,
            js=confirm_js,
            show_progress="full",
            show_progress_on=[doclist],
            **private,
        )
        demo.load(lambda: _doc_outputs(service), None, doc_outputs, show_progress="hidden", **private)
    return demo


def _login(pair: tuple[str, str] | None):
    """Gradio's login check for a user/password pair: throttled (ui/login.py)."""
    from ui.login import LoginThrottle

    # A bound async method: Gradio awaits only what inspect.iscoroutinefunction() recognises (an
    # object with an async __call__ is not, and its coroutine would count as a successful login).
    return None if pair is None else LoginThrottle(*pair).check


def launch(
    assistant,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    concurrency: int = 2,
    prevent_thread_lock: bool = False,
    quiet: bool = False,
) -> gr.Blocks:
    """Serve the chat for `assistant`. Login from RAG_UI_AUTH="user:password" unless `auth` is given."""
    demo = build_app(ChatService(assistant))
    demo.queue(default_concurrency_limit=concurrency)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=_login(auth or parse_auth(os.environ.get("RAG_UI_AUTH"))),
        css=CSS,
        head=HEAD,
        theme=THEME,
        footer_links=[],
        run_history=False,
        show_error=True,
        ssr_mode=False,
        max_file_size=int(assistant.settings.max_file_mb * 1e6) * 2,  # the library gives the exact message
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
    )
    return demo
