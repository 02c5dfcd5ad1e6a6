"""A Jupyter notebook's text (.ipynb): its cells in order, written as the Markdown it shows.

A notebook is JSON; what its reader sees is its Markdown cells and its code. The document text
is that, as Markdown: each Markdown cell's source as it stands, each code cell's source in a
fenced block (``` with the notebook's language), cells parted by a blank line. Jupyter renders
each cell alone, so what a cell opens it closes: a fence or an HTML comment left open at a
cell's end is closed there (an open fence made every later cell code, an open comment hid them).
It is then cut as a Markdown file is (rag/ingest/markup.py names .ipynb Markdown): headings are headings, code
is code, and a citation shows the cell. Outputs are not read: they are results, often images
(base64) or thousands of lines of logs, and rerunning the notebook changes them. Raw cells are
not read either (they are for converters, not readers).
"""

from __future__ import annotations

import json
import re

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
        if kind == "markdown":
            parts.append(_closed(text))
        elif kind == "heading":  # nbformat 3: a heading cell and its level
            level = cell.get("level")
            level = level if isinstance(level, int) and 1 <= level <= 6 else 1
            parts.append("#" * level + " " + " ".join(text.split()))
        elif kind == "code":
            fence = "```"
            while fence in text:  # a fence inside the code would close the block early
                fence += "`"
            parts.append(f"{fence}{language}\n{text}\n{fence}")
    if not parts:
        raise LoadError(f"{source}: the notebook has no Markdown or code cells with text")
    return "\n\n".join(parts) + "\n"


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)


def _closed(markdown: str) -> str:
    """A Markdown cell with what it leaves open closed at its end: a code fence (by a fence as
    long as its opener) and an HTML comment."""
    opened = None
    for m in _FENCE.finditer(markdown):
        run = m.group(1)
        end = markdown.find("\n", m.end())
        rest = markdown[m.end() : len(markdown) if end == -1 else end]
        if opened is None:
            opened = run
        elif run[0] == opened[0] and len(run) >= len(opened) and not rest.strip():
            opened = None
    if opened is not None:
        markdown += "\n" + opened
    elif markdown.rfind("<!--") > markdown.rfind("-->"):
        markdown += " -->"
    return markdown


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
