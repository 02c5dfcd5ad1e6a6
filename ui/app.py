"""The web chat: Gradio on top of `rag.Assistant`. No retrieval or answer logic lives here.

    from ui.app import launch
    launch(assistant, host="127.0.0.1", port=7860)      # what `rag serve` does

Layout: the chat on the left; on the right the sources of the answers, the documents (upload,
list, remove) and the settings. Each browser tab has its own conversation (gr.State). The
service (ui/service.py) holds the Assistant and its lock; the handlers (ui/handlers.py) turn
page events into service calls; this file lays the page out and serves it.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterable

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
from gradio.utils import get_upload_folder
from starlette.middleware import Middleware

from rag.errors import RagError
from rag.ingest.loaders import supported_suffixes
from ui import render
from ui.assets import CSS, HEAD
from ui.guards import BodyLimit, SameOrigin, UploadBudget, body_limit
from ui.handlers import (
    REMOVE_CANCELLED,
    _doc_outputs,
    clear_chat,
    find_documents,
    new_session,
    remove_document,
    respond,
    upload_files,
)
from ui.hosts import HostCheck, allowed_host_names, listed_names
from ui.service import ChatService

THEME = gr.themes.Soft(
    primary_hue="indigo",
    neutral_hue="slate",
    font=[gr.themes.LocalFont("IBM Plex Sans"), "ui-sans-serif", "system-ui", "sans-serif"],
)


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """RAG_UI_AUTH="user:password" -> ("user", "password"); unset or empty -> no login."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise RagError('RAG_UI_AUTH must look like "user:password".')
    return user, password


# -- page --------------------------------------------------------------------------------------


def build_app(service: ChatService) -> gr.Blocks:
    settings = service.assistant.settings
    suffixes = sorted(supported_suffixes(settings.read_pictures))
    with gr.Blocks(title="Ask the documents", delete_cache=UPLOAD_CACHE) as demo:
        sess = gr.State(new_session())
        # Built into the layout, the documents and counts are those of the index when the server
        # started; the page's load event replaces them (the counts then marked data-fresh).
        docs_html, _, header_html = _doc_outputs(service, fresh=False)
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
                    clear = gr.Button("Clear", variant="secondary", elem_id="clear-btn", scale=0, min_width=76)
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
                        # Off by default: an upload never overwrites a document unasked.
                        replace = gr.Checkbox(
                            False,
                            label="Replace documents with the same name",
                            elem_id="replace-docs",
                            container=False,
                        )
                    doclist = gr.HTML(docs_html, elem_id="doclist", js_on_load=None)
                    # The remove box offers at most render.MAX_LISTED documents (20,000 went to
                    # the browser at every refresh, 2 MB); this one asks the server for the others
                    # (handlers.find_documents). Not the box's own key_up: Gradio's dropdown then
                    # ignored a click on the option found (gradio-app/gradio#13127).
                    find_doc = gr.Textbox(
                        placeholder="Find a document to remove…",
                        show_label=False,
                        elem_id="find-doc",
                        max_lines=1,
                    )
                    with gr.Row(elem_id="remove-row"):
                        remove_choice = gr.Dropdown(
                            choices=[],
                            value=None,
                            # The confirm dialog's "no" comes as REMOVE_CANCELLED, which Gradio
                            # refused (an error naming every document offered); and a name typed
                            # in full reaches remove_document, which says when there is none.
                            allow_custom_value=True,
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
                        settings.backends(), value=settings.llm, label="Answer back end", elem_id="backend"
                    )
                    # Settings.decide for this tab's questions (README: Reader, who decides).
                    decide = gr.Radio(
                        [
                            ("The evidence", "evidence"),
                            ("The evidence, checked by the reader (default)", "checked"),
                            ("The reader", "reader"),
                        ],
                        value=settings.decide,
                        label="Who picks the answer (extractive)",
                        info="Checked: an answer the reader model doubts gives way to one it is sure of.",
                        elem_id="decide",
                    )

        private = {"api_visibility": "private"}

        def on_ask(q, s, k, b, d):
            yield from respond(service, q, s, k, b, d)

        gr.on(
            [question.submit, send.click],
            on_ask,
            inputs=[question, sess, top_k, backend, decide],
            outputs=[chatbot, sess, sources, status, question],
            show_progress="hidden",
            **private,
        )
        for trigger in (clear.click, chatbot.clear):
            trigger(clear_chat, [sess], [chatbot, sess, sources, status], **private)
        doc_outputs = [doclist, remove_choice, header]

        _local_files_only(upload)

        def on_upload(files, replacing, progress=gr.Progress()):
            return upload_files(service, files, progress, replace=bool(replacing))

        upload.upload(
            on_upload, [upload, replace], doc_outputs, show_progress="full", show_progress_on=[doclist], **private
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
        find_doc.input(
            lambda typed: find_documents(service, typed),
            [find_doc],
            [remove_choice],
            show_progress="hidden",
            trigger_mode="always_last",
            **private,
        )
        demo.load(lambda: _doc_outputs(service), None, doc_outputs, show_progress="hidden", **private)
    return demo


def _local_files_only(component) -> None:
    """The component takes files sent to Gradio's upload route, never a link: given a URL as a
    file's path, Gradio fetched it (whole, in memory, past the upload route's size limit) and the
    upload event indexed what came back ("Added secret.txt" from another server: found by a
    helper of session 34). Gradio 6.31 (pinned) has no switch for it: the component's two ways of
    taking a resource into its cache refuse a URL."""
    from gradio_client.utils import is_http_url_like

    def refused(path) -> None:
        if is_http_url_like(str(path)):
            raise gr.Error("Upload the file itself: the chat does not fetch links.", print_exception=False)

    move, move_async = component.move_resource_to_block_cache, component.async_move_resource_to_block_cache

    def local(path):
        refused(path)
        return move(path)

    async def local_async(path):
        refused(path)
        return await move_async(path)

    component.move_resource_to_block_cache, component.async_move_resource_to_block_cache = local, local_async


def _login(pair: tuple[str, str] | None):
    """Gradio's login check for a user/password pair: throttled (ui/login.py)."""
    from ui.login import LoginThrottle

    # A bound async method: Gradio awaits only what inspect.iscoroutinefunction() recognises (an
    # object with an async __call__ is not, and its coroutine would count as a successful login).
    return None if pair is None else LoginThrottle(*pair).check


# (every, older than) seconds: files sent to Gradio's upload route that no upload event took (a
# client may post files and never ask for them to be indexed) stayed in its temp folder for
# ever, up to twice max_file_mb each and any number of them. Those the app takes are deleted when
# indexed (ui/handlers.py); what is left an hour later goes.
UPLOAD_CACHE = (600, 3600)

# Events that may wait in Gradio's queue, per answering slot (`concurrency`): past them a request
# is refused at once (HTTP 503; the page shows Gradio's "This application is currently busy.
# Please try again." and the question stays in the box). Unbounded, a client could queue any
# number and hold the server's memory and time (60 questions at once were all queued). Here (2
# cores, extractive answers) 2 questions at a time take ~0.55 s and 20 at once ~5.5 s, so the
# last of 16 waiting is answered within ~5 s; an LLM back end makes that wait longer, not the
# queue. Page loads, uploads and removals wait in the same queue.
QUEUE_PER_SLOT = 8
# Of those places, how many one client (one address: uvicorn takes it from X-Forwarded-For when a
# proxy on this machine sends it) may hold while waiting: one client sending questions in a loop
# filled all 16 and every other user was told the server was busy. A tab asks one question at a
# time; a few more cover a page load or an upload beside it.
QUEUE_PER_CLIENT = 4
# What one client may send to the upload route in the hour the upload folder keeps files, in files
# of the largest size taken (max_file_mb): 1 GB at the default 20 MB. A folder of hundreds of
# ordinary documents fits; a larger collection belongs on the server, indexed by `rag index`.
UPLOAD_FILES_PER_CLIENT = 50


def _bounded_per_client(queue, limit: int) -> None:
    """Refuse a client's request, as a full queue does (HTTP 503, "busy"), while `limit` of its
    requests already wait. Gradio 6.31 (pinned) has no such bound: its queue's push is wrapped."""
    push = queue.push
    counting = asyncio.Lock()  # one count-and-push at a time: requests sent together are counted

    async def push_bounded(body, request, username):
        client = _client(request)
        async with counting:
            waiting = sum(
                _client(e.request) == client for q in queue.event_queue_per_concurrency_id.values() for e in q.queue
            )
            if waiting >= limit:
                return (
                    False,
                    f"{waiting} requests from {client} are waiting already; ask again when they are answered.",
                    "queue_full",
                )
            return await push(body, request, username)

    queue.push = push_bounded


def _client(request) -> str | None:
    return request.client.host if request is not None and request.client is not None else None


def launch(
    assistant,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    concurrency: int = 2,
    prevent_thread_lock: bool = False,
    quiet: bool = False,
    allowed_hosts: Iterable[str] | None = None,
) -> gr.Blocks:
    """Serve the chat for `assistant`. Login from RAG_UI_AUTH="user:password" unless `auth` is given;
    the names it answers to besides IP addresses and localhost (ui/hosts.py) from
    RAG_UI_ALLOWED_HOSTS unless `allowed_hosts` is given."""
    extra = os.environ.get("RAG_UI_ALLOWED_HOSTS", "") if allowed_hosts is None else allowed_hosts
    names = allowed_host_names(host, extra)
    demo = build_app(ChatService(assistant))
    # api_open=False: Gradio's direct routes (/gradio_api/api/<event>) ran uploads and removals
    # past the queue and its bounds (30 uploads at once all ran; through the queue 6 did).
    demo.queue(default_concurrency_limit=concurrency, max_size=QUEUE_PER_SLOT * concurrency, api_open=False)
    _bounded_per_client(demo._queue, QUEUE_PER_CLIENT)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=_login(auth or parse_auth(os.environ.get("RAG_UI_AUTH"))),
        css=CSS,
        head=HEAD,
        theme=THEME,
        footer_links=[],
        run_history=False,
        # Gradio showed any exception's text to the page, its own included: "Cannot move
        # /srv/chat/notes.txt to the gradio cache dir …" for a file path sent that was never
        # uploaded named the server's working folder (found by a helper of session 59). The
        # handlers word their own errors (ChatService.public); anything else is Gradio's "Error".
        show_error=False,
        ssr_mode=False,
        max_file_size=int(assistant.settings.max_file_mb * 1e6) * 2,  # the library gives the exact message
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        # Gradio's /monitoring/summary showed every handler's name and call counts to anyone who
        # could reach the chat (no login on loopback); the chat has no use for it.
        enable_monitoring=False,
        # Before any route: the Host check, writes from other sites' pages, bodies' size (ui/guards.py).
        app_kwargs={
            "middleware": [
                Middleware(HostCheck, names=names),
                Middleware(SameOrigin, proxied=listed_names(extra)),
                Middleware(BodyLimit, limit=body_limit(assistant.settings.max_question_chars)),
                Middleware(
                    UploadBudget,
                    budget=int(UPLOAD_FILES_PER_CLIENT * assistant.settings.max_file_mb * 1e6),
                    window=UPLOAD_CACHE[1],
                    folder=get_upload_folder(),
                ),
            ]
        },
    )
    return demo
