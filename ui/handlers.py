"""The page's event handlers: each takes the service and the page's inputs and returns (or yields,
while streaming) the page's outputs. No retrieval or answer logic lives here."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any, NamedTuple

import gradio as gr

from rag.answer import UNSURE
from rag.errors import BadQuestion, RagError
from rag.text.controls import without_bidi_controls
from rag.text.counts import counted
from rag.text.question import checked_question
from rag.types import Answer, DocumentInfo
from ui import render
from ui.service import ChatService, Reply

log = logging.getLogger(__name__)

# What one browser tab's session keeps on the server and sends to the page. Uncapped, 500
# questions grew the server by 177 MB and each update to 786 kB; at 120 questions the sources
# panel alone (every turn's cards) was 119 kB of each reply's final 182 kB.
CHAT_TURNS = 50  # turns shown in the chat; older ones leave the page
SOURCE_TURNS = 10  # turns whose source cards stay in the panel
HISTORY_TURNS = 10  # turns the library gets as context (follow-ups read the last few)


class ChatUpdate(NamedTuple):
    """What respond() yields, in the order of its Gradio outputs (gr.skip() leaves one as it is)."""

    chatbot: Any
    session: Any
    sources: Any
    status: Any
    question_box: Any


def new_session() -> dict:
    """One browser tab's conversation: plain-text history for the library, HTML for the page."""
    return {"history": [], "messages": [], "turns": [], "turn": 0}


def _reply_message(reply: Reply, turn: int) -> dict:
    answer = reply.answer
    n = len(answer.citations) if answer else 0
    refused = bool(answer and answer.refused)
    short = answer.short_answer if answer else None
    doubt = next((note for note in answer.notes if note.startswith(UNSURE)), None) if answer else None
    return {"role": "assistant", "content": render.render_answer(reply.text, turn, n, refused, short, doubt)}


def _done_detail(answer: Answer) -> str:
    seconds = answer.timings.get("total_s")
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    n = len(answer.citations)
    notes = "".join(f" · {note}" for note in answer.notes)
    if answer.refused:
        return f"{n} closest passage{'s' * (n != 1)} shown{took}{notes}"
    return f"{n} source{'s' * (n != 1)}{took}{notes}"


def _warn(message: str) -> None:
    """A pop-up warning. Gradio shows its message as HTML (sanitised: no script, but an <img> loads
    and a link is a link); the message may name a document or hold what was typed, shown as text
    like everything from documents (a file named "<img src=x><a href=…>Session expired, log in
    again<i>.txt" showed a link, found by a helper of session 34)."""
    gr.Warning(html.escape(str(message)))


def respond(service: ChatService, question: str, sess: dict, top_k, backend: str, decide: str | None = None):
    """Streaming handler: yields ChatUpdate(chatbot, session, sources, status, question box)."""
    sess = sess or new_session()
    question = (question or "").strip()
    if not question:
        yield ChatUpdate(gr.skip(), sess, gr.skip(), gr.skip(), gr.skip())
        return
    if len(question) > service.max_question_chars:
        # Checked before the question is shown, as the library checks it: one of 100 MB was
        # echoed into the chat and back into the box before it was refused (1 GB of memory).
        try:
            checked_question(question, service.max_question_chars)
        except BadQuestion as e:
            msg = service.public(str(e))
            _warn(msg)
            yield ChatUpdate(
                sess["messages"], sess, gr.skip(), render.render_status("error", sess["turn"] + 1, msg), gr.skip()
            )
            return
    # A lone surrogate cannot be sent back to the browser (not UTF-8): the page shows "?" for it,
    # the library gets the question as typed and says what is wrong with it.
    shown = question.encode("utf-8", "replace").decode("utf-8")
    turn = sess["turn"] + 1
    messages = sess["messages"][-2 * (CHAT_TURNS - 1) :] + [{"role": "user", "content": render.render_question(shown)}]
    yield ChatUpdate(messages, sess, gr.skip(), render.render_status("retrieving", turn), "")

    turns = panel = None  # this turn's sources, rendered once the Answer (and its citations) is known
    panel_sent = False
    try:
        for reply in service.reply(question, sess["history"], int(top_k), backend, decide):
            if reply.answer is not None and turns is None:
                cards = render.render_cards(turn, reply.answer, service.document_texts(reply.answer))
                turns = (sess["turns"] + [{"turn": turn, "question": question, "cards": cards}])[-SOURCE_TURNS:]
                panel = render.render_sources(turns)
            message = _reply_message(reply, turn)
            if not reply.done:
                sources = panel if panel is not None and not panel_sent else gr.skip()
                yield ChatUpdate(
                    messages + [message], sess, sources, render.render_status("streaming", turn), gr.skip()
                )
                panel_sent = panel is not None
    except RagError as e:
        msg = service.public(str(e))
        _warn(msg)
        # The question goes back into the box; the conversation is as it was.
        yield ChatUpdate(sess["messages"], sess, gr.skip(), render.render_status("error", turn, msg), shown)
        return
    except Exception as e:
        log.exception("answering failed")
        msg = service.public(f"{type(e).__name__}: {e}")
        _warn(f"Something went wrong: {msg}")
        yield ChatUpdate(sess["messages"], sess, gr.skip(), render.render_status("error", turn, msg), shown)
        return

    answer = reply.answer
    sess = {
        "history": (
            sess["history"] + [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
        )[-2 * HISTORY_TURNS :],
        "messages": messages + [message],
        "turns": turns,
        "turn": turn,
    }
    status = render.render_status("refused" if answer.refused else "done", turn, _done_detail(answer))
    # The panel went out with the first streamed step; sent again it doubled the final update.
    yield ChatUpdate(sess["messages"], sess, gr.skip() if panel_sent else panel, status, gr.skip())


def clear_chat(sess: dict):
    return [], new_session(), render.EMPTY_SOURCES, render.render_status("idle", 0)


# -- documents handlers ------------------------------------------------------------------------


def _doc_outputs(service: ChatService, added=(), errors=(), fresh: bool = True):
    """(documents panel, remove dropdown, page header with the counts) after a change; `fresh`:
    see render.render_header."""
    docs = service.documents()
    return (
        render.render_documents(docs, service.upload_note(), added, errors),
        gr.update(choices=remove_choices(docs), value=None),
        render.render_header(docs, fresh),
    )


def remove_choices(docs: list[DocumentInfo], typed: str = "") -> list[tuple[str, str]]:
    """The remove box's (label, source) choices: the documents whose label holds what was typed
    (any case), at most render.MAX_LISTED of them. Every document went to the browser at each
    refresh of the panel, 2 MB at 20,000 documents; typing asks the server for the others
    (find_documents)."""
    needle = typed.strip().casefold()
    found = []
    for d in docs:
        # No bidirectional controls: "Audit \u202ereport (a.txt)" would show "(txt.a) troper".
        label = without_bidi_controls(f"{d.title} ({d.source})" if d.title else d.source)
        if needle in label.casefold():
            found.append((label, d.source))
            if len(found) == render.MAX_LISTED:
                break
    return found


def find_documents(service: ChatService, typed: str):
    """The remove box's choices as the user types in the find box beside it."""
    return gr.update(choices=remove_choices(service.documents(), typed or ""), value=None)


def upload_files(service: ChatService, files, progress: gr.Progress, replace: bool = False):
    paths = [files] if isinstance(files, str) else list(files or [])
    if not paths:
        return _doc_outputs(service)
    progress(0, desc=f"Indexing {counted(len(paths), 'file')}")
    added, errors = service.add_files(paths, lambda f, m: progress(f, desc=m), replace)
    for e in errors:
        _warn(e)
    _drop_gradio_copies(paths)
    return _doc_outputs(service, added, errors)


def _drop_gradio_copies(paths: list[str]) -> None:
    """Gradio keeps each upload in its temp folder; the corpus has its own copy of an accepted
    one, and a rejected one must not linger. Only files inside Gradio's upload folder go, and the
    folder Gradio made for each (<temp>/<hash>/name) once it is empty: every upload left one."""
    from gradio.utils import get_upload_folder

    root = Path(get_upload_folder()).resolve()
    for path in paths:
        p = Path(path).resolve()
        if p.is_relative_to(root) and p.is_file():
            p.unlink(missing_ok=True)
            folder = p.parent
            if folder != root and folder.is_relative_to(root):
                try:
                    folder.rmdir()  # only ever removes an empty folder: one in use stays
                except OSError:
                    pass  # not empty (another upload of the same bytes), or already gone


# What the browser's confirm() sends back when the user says no (see build_app).
REMOVE_CANCELLED = "\u0000cancelled"


def remove_document(service: ChatService, source: str | None):
    if source == REMOVE_CANCELLED:  # the user said no: the page stays as it is, choice included
        return gr.skip(), gr.skip(), gr.skip()
    if not source or not isinstance(source, str):  # a client may send a list: "unhashable type" was shown
        return _doc_outputs(service, errors=["Choose a document to remove first."])
    try:
        service.remove(source)
    except RagError as e:
        msg = service.public(str(e))
        _warn(msg)
        return _doc_outputs(service, errors=[msg])
    return _doc_outputs(service, added=[f"Removed {source}."])
