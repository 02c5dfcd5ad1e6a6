"""HTML for the web chat: pure functions from the library's data to escaped markup.

Everything that comes from a document, a file name or a user goes through `html.escape` here, so
a document containing `<script>` or `<img onerror=...>` shows as text. The only markup in the
output is ours: citation links, source cards, `<mark>` around the supporting sentence.

Citation links are in-page anchors `#src-<turn>-<n>`; a delegated click handler (ui/assets.py)
opens and highlights the card. Card ids carry the turn, so an older answer's [1] still points at
its own sources.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from rag.text.citations import MARKER
from rag.text.controls import without_bidi_controls
from rag.text.counts import counted
from rag.types import Answer, Citation, DocumentInfo

CONTEXT_CHARS = 600  # shown before and after a passage in "Show in context"
# Documents listed in the panel: 20,000 made 4 MB of HTML at every refresh of it (the remove box,
# which filters as one types, still offers every document).
MAX_LISTED = 300
_BLANK_RUNS = re.compile(r"[ \t]*\n\s*")


def esc(text: str) -> str:
    """Text as inert HTML (quotes too, so it is safe inside attributes), without the
    bidirectional controls that would reorder the page's own markup around it."""
    return html.escape(without_bidi_controls(str(text)), quote=True)


def esc_block(text: str) -> str:
    """Document text for a `white-space: pre-line` box: escaped as `esc` does, runs of blank
    lines collapsed."""
    return html.escape(without_bidi_controls(_BLANK_RUNS.sub("\n", text)), quote=False)


def source_id(turn: int, n: int) -> str:
    return f"src-{turn}-{n}"


def cite_link(turn: int, n: int) -> str:
    return f'<a class="cite" href="#{source_id(turn, n)}" title="Show source {n}">[{n}]</a>'


# -- chat messages -----------------------------------------------------------------------


def render_question(question: str) -> str:
    """The user's bubble: their words, literally."""
    return esc(question).replace("\n", "<br>")


def render_answer(
    text: str, turn: int, n_cites: int, refused: bool = False, short: str | None = None, doubt: str | None = None
) -> str:
    """An answer (possibly still partial) with each [n] (1 <= n <= n_cites) linked to its source,
    and the short answer it leads with ("1,500 — the sentence [1]") in bold.

    A refusal is labelled as such and offers the closest passages to read; an answer the reader
    doubts is labelled "Unsure", the note saying why on hover.
    """
    safe = esc(text)
    lead = esc(short) + " — " if short else None
    if lead and safe.startswith(lead):
        safe = f'<strong class="short-answer">{esc(short)}</strong> — ' + safe[len(lead) :]

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        return cite_link(turn, n) if 1 <= n <= n_cites else m.group(0)

    body = MARKER.sub(link, safe).replace("\n", "<br>")
    if not refused:
        if doubt:
            return f'<span class="badge-unsure" title="{esc(doubt)}">Unsure · check the source</span> {body}'
        return body
    out = f'<span class="badge-refused">Not found in the documents</span> {body}'
    if n_cites:
        links = " ".join(cite_link(turn, n) for n in range(1, n_cites + 1))
        out += f'<br><span class="closest">Closest passages to read: {links}</span>'
    return out


def word_chunks(text: str, words: int = 3) -> Iterator[str]:
    """`text` in pieces of a few words (with their trailing spaces); joined they give `text` back."""
    tokens = re.findall(r"\s*\S+\s*", text) or ([text] if text else [])
    for i in range(0, len(tokens), words):
        yield "".join(tokens[i : i + words])


# -- sources panel -----------------------------------------------------------------------


def render_passage(c: Citation) -> str:
    """The passage, with the supporting sentence in <mark> when there is one."""
    if c.support_start is None or c.support_end is None:
        return esc_block(c.text)
    a = min(max(c.support_start - c.start, 0), len(c.text))
    b = min(max(c.support_end - c.start, a), len(c.text))
    if a == b:
        return esc_block(c.text)
    return f"{esc_block(c.text[:a])}<mark>{esc_block(c.text[a:b])}</mark>{esc_block(c.text[b:])}"


def render_context(c: Citation, document: str | None, chars: int = CONTEXT_CHARS) -> str:
    """A collapsed view of the passage in its document: `chars` before and after, passage highlighted."""
    if not document or document[c.start : c.end] != c.text:
        return ""  # the document changed or is gone: no context to show
    lo, hi = max(0, c.start - chars), min(len(document), c.end + chars)
    before = ("…" if lo else "") + document[lo : c.start]
    after = document[c.end : hi] + ("…" if hi < len(document) else "")
    return (
        '<details class="ctx"><summary>Show in context</summary><div class="ctx-body">'
        f'{esc_block(before)}<span class="ctx-passage">{esc_block(c.text)}</span>{esc_block(after)}'
        "</div></details>"
    )


def _title(title: str) -> str:
    if title.strip():
        return f'<span class="src-title">{esc(title.strip())}</span>'
    return '<span class="src-title untitled">Untitled document</span>'


def render_card(turn: int, n: int, c: Citation, document: str | None) -> str:
    kind = "src-card" if c.support_start is not None else "src-card closest"
    return (
        f'<article class="{kind}" id="{source_id(turn, n)}" tabindex="-1">'
        f'<header><span class="src-n">{n}</span>{_title(c.title)}</header>'
        f'<div class="src-meta"><span class="src-file" title="{esc(c.source)}">{esc(c.source)}</span>'
        f'<span class="src-score" title="retrieval score">score {c.score:.2f}</span></div>'
        f'<p class="src-passage">{render_passage(c)}</p>'
        f"{render_context(c, document)}</article>"
    )


def render_cards(turn: int, answer: Answer, documents: dict[str, str | None]) -> str:
    """All sources of one answer; `documents` maps a source to its full text (None when gone)."""
    if not answer.citations:
        return '<p class="src-empty">No passages to show.</p>'
    cards = "".join(render_card(turn, n, c, documents.get(c.source)) for n, c in enumerate(answer.citations, 1))
    if answer.refused:
        note = '<p class="src-note">No passage answers this question. The closest ones, to read:</p>'
        return note + cards
    return cards


SOURCES_HEAD = '<div class="src-head">Sources</div>'
EMPTY_SOURCES = SOURCES_HEAD + (
    '<p class="src-empty">Ask a question: the passages an answer is built from appear here, '
    "with the supporting sentence highlighted. Click a [n] in the answer to jump to its source.</p>"
)


def render_sources(turns: list[dict]) -> str:
    """The sources panel: the newest answer's cards open, older answers' cards collapsed.

    Each turn is {"turn": int, "question": str, "cards": html from render_cards}.
    """
    if not turns:
        return EMPTY_SOURCES
    blocks = [SOURCES_HEAD]
    for i, t in enumerate(reversed(turns)):
        label = f'<span class="turn-n">Q{t["turn"]}</span> {esc(_clip(t["question"], 90))}'
        if i == 0:
            blocks.append(f'<section class="src-turn" id="turn-{t["turn"]}"><h4>{label}</h4>{t["cards"]}</section>')
        else:
            blocks.append(
                f'<details class="src-turn old" id="turn-{t["turn"]}"><summary>{label}</summary>{t["cards"]}</details>'
            )
    return "".join(blocks)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- status, documents -------------------------------------------------------------------

_STATUS = {
    "idle": "Ready",
    "retrieving": "Searching the documents…",
    "streaming": "Answering…",
    "done": "Answered",
    "refused": "Not found in the documents",
    "error": "Could not answer",
}


def render_status(state: str, turn: int, detail: str = "") -> str:
    """The line under the chat. `#run-flag[data-run=done][data-turn=N]` marks a finished turn."""
    text = _STATUS[state] + (f" · {esc(detail)}" if detail else "")
    run = "done" if state == "refused" else state  # a refusal is a finished turn too
    return f'<span id="run-flag" class="run-{state}" data-run="{run}" data-turn="{turn}">{text}</span>'


def render_header(documents: list[DocumentInfo], fresh: bool = True) -> str:
    """The page title, and how many documents and passages the index holds. `fresh`: counted
    for this page (its load event), not when the layout was built at server start: the page
    marks it (data-fresh), so a test, or a script, can wait for the count of the index as it is."""
    n_docs = len(documents)
    n_passages = sum(d.passages for d in documents)
    return (
        '<div class="app-head"><div><h1>Ask the documents</h1>'
        "<p>Answers quote the documents and cite them: click a [n] to see its source.</p></div>"
        f'<span id="kb-stats"{" data-fresh" if fresh else ""}>{counted(n_docs, "document")} · '
        f"{counted(n_passages, 'passage')} indexed</span></div>"
    )


def render_documents(documents: list[DocumentInfo], note: str = "", added=(), errors=()) -> str:
    """The Documents panel: what uploads accept, what happened to the last change, the list.

    `added` are success messages; `errors` say, in red, why each rejected file was rejected.
    """
    parts = [f'<p class="doc-note">{esc(note)}</p>'] if note else []
    parts += [f'<p class="doc-ok" role="status">{esc(m)}</p>' for m in added]
    parts += [f'<p class="doc-error" role="alert">{esc(m)}</p>' for m in errors]
    if not documents:
        parts.append('<p class="doclist-empty">No documents indexed.</p>')
        return "".join(parts)
    items = "".join(
        f'<li data-source="{esc(d.source)}">{_title(d.title or "")}'
        f'<span class="doc-meta"><span class="doc-file">{esc(d.source)}</span> · '
        f"{d.passages} passage{'s' * (d.passages != 1)}</span></li>"
        for d in documents[:MAX_LISTED]
    )
    parts.append(f'<ul class="doclist">{items}</ul>')
    if len(documents) > MAX_LISTED:
        more = len(documents) - MAX_LISTED
        parts.append(
            f'<p class="doc-note">…and {more:,} more document{"s" * (more != 1)}: type a name in '
            "“Remove a document” to find one.</p>"
        )
    return "".join(parts)
