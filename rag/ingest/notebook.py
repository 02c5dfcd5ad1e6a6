"""A Jupyter notebook's text (.ipynb): its cells in order, written as the Markdown it shows.

A notebook is JSON; what its reader sees is its Markdown cells and its code. The document text
is that, as Markdown: each Markdown cell's source as it stands, each code cell's source in a
fenced block (``` with the notebook's language), cells parted by a blank line. It is then cut
as a Markdown file is (rag/ingest/markup.py names .ipynb Markdown): headings are headings, code
is code, and a citation shows the cell. Outputs are not read: they are results, often images
(base64) or thousands of lines of logs, and rerunning the notebook changes them. Raw cells are
not read either (they are for converters, not readers).
"""

from __future__ import annotations

import json

from rag.errors import LoadError


def notebook_text(source: str, data: bytes) -> str:
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise LoadError(f"{source}: not valid UTF-8 ({e.reason} at byte {e.start}); a notebook is UTF-8 JSON") from e
    except json.JSONDecodeError as e:
        raise LoadError(
            f"{source}: not a valid notebook (JSON error at line {e.lineno}, column {e.colno}: {e.msg})"
        ) from e
    if not isinstance(nb, dict):
        raise LoadError(f"{source}: not a Jupyter notebook (its JSON is not an object with cells)")
    cells = nb.get("cells")
    if cells is None:  # nbformat 3 kept its cells in worksheets
        cells = [c for ws in _list(nb.get("worksheets")) if isinstance(ws, dict) for c in _list(ws.get("cells"))]
    language = _language(nb)
    parts = []
    for cell in _list(cells):
        if not isinstance(cell, dict):
            continue
        kind = cell.get("cell_type")
        text = _source(cell.get("source", cell.get("input"))).strip("\n")
        if not text.strip():
            continue
        if kind == "markdown" or kind == "heading":
            parts.append(text)
        elif kind == "code":
            fence = "```"
            while fence in text:  # a fence inside the code would close the block early
                fence += "`"
            parts.append(f"{fence}{language}\n{text}\n{fence}")
    if not parts:
        raise LoadError(f"{source}: the notebook has no Markdown or code cells with text")
    return "\n\n".join(parts) + "\n"


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _source(value) -> str:
    """A cell's source: a string, or a list of lines (each with its own line end)."""
    if isinstance(value, str):
        return value
    return "".join(v for v in _list(value) if isinstance(v, str))


def _language(nb: dict) -> str:
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    for key in ("language_info", "kernelspec"):
        info = meta.get(key)
        if isinstance(info, dict):
            name = info.get("name") if key == "language_info" else info.get("language")
            if isinstance(name, str) and name.isidentifier():
                return name.lower()
    return ""
