"""A PowerPoint 97-2003 presentation (.ppt: the binary format PowerPoint wrote until 2007), read
as a .pptx is (rag/ingest/slides.py): each shown slide under a heading of its title ("## Slide
4" when it has none), its text boxes from the top and then from the left, a paragraph a line,
its speaker notes after it under "Notes:".

By olefile (BSD): a .ppt is an OLE compound file whose "PowerPoint Document" stream is a tree of
records ([MS-PPT] 2.3.1: a type, a length, and either an atom's data or child records). Which
records are current is said by the edits' chain: the "Current User" stream points at the last
UserEditAtom, each edit at the one before and at its persist directory, which maps the ids of
the document, its slides and its notes pages to where they lie (a presentation saved by "fast
save" holds old copies of slides that only the newest edit's directory names). The document's
SlideListWithText names the slides in order, and holds the text of their placeholders (a title,
a body); a slide's drawing holds its shapes, each with its place on the slide and either its
own text or a reference to one of those placeholder texts. The date, footer and slide number
placeholders, pictures, charts and the masters' own text are not read; a table, which PowerPoint
97 keeps as a group of a shape a cell, is read as a table when its cells stand on a grid. An
encrypted presentation says so.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

from rag.errors import LoadError
from rag.ingest.markdown import names_columns, one_line, table_lines
from rag.ingest.ole import opened, reading

PPT_SUFFIXES = (".ppt", ".pps")
_CALLED = "PowerPoint 97-2003 presentation"

# Record types ([MS-PPT] 2.13.24).
_SLIDE, _SLIDE_ATOM, _NOTES = 0x03EE, 0x03EF, 0x03F0
_SLIDE_PERSIST, _SLIDE_SHOW_INFO, _SLIDE_LIST = 0x03F3, 0x03F9, 0x0FF0
_TEXT_HEADER, _TEXT_CHARS, _TEXT_BYTES, _OUTLINE_REF = 0x0F9F, 0x0FA0, 0x0FA8, 0x0F9E
_USER_EDIT = 0x0FF5
_GROUP, _SHAPE, _CHILD_ANCHOR, _ANCHOR = 0xF003, 0xF004, 0xF00F, 0xF010
_CLIENT_TEXT, _CLIENT_DATA, _PLACEHOLDER = 0xF00D, 0xF011, 0x0BC3
_TITLES = {0, 6}  # TextHeaderAtom's textType: a title, a centred title
_NOTES_TEXT = 2
# PlaceholderAtom's placementId: date, slide number, footer, header (as on the masters).
_FURNITURE = {0x07, 0x08, 0x09, 0x0A}
_SLIDES, _NOTES_PAGES = 0, 2  # SlideListWithText's recInstance


@dataclass(frozen=True)
class _Record:
    type: int
    instance: int
    start: int  # of its data, in the stream
    end: int
    container: bool


@dataclass
class _Listed:
    """A slide (or notes page) as SlideListWithText names it, and its placeholders' texts."""

    ref: int  # its persist id
    slide_id: int
    texts: list[tuple[int, str]] = field(default_factory=list)  # (textType, text)


def ppt_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of a .ppt file's bytes."""
    found = opened(source, data, _CALLED, "PowerPoint Document", lambda _: "Current User")
    stream, user = found.streams.values()
    with reading(source, _CALLED):
        if _encrypted(stream, user):
            raise LoadError(
                f"{source}: the presentation is protected by a password; save a copy without it to index it"
            )
        persist, document = _persisted(stream, user)
        text, first_title = _slides_text(stream, persist, document)
    if not text:
        raise LoadError(f"{source}: the presentation has no text on a shown slide")
    return text, found.title or first_title


def _at(stream: bytes, offset: int) -> _Record:
    ver_instance, kind, length = struct.unpack_from("<HHI", stream, offset)
    end = offset + 8 + length
    if end > len(stream):
        raise ValueError(f"a record at {offset} runs past the stream's end")
    return _Record(kind, ver_instance >> 4, offset + 8, end, ver_instance & 0xF == 0xF)


def _children(stream: bytes, record: _Record) -> Iterator[_Record]:
    at = record.start
    while at + 8 <= record.end:
        child = _at(stream, at)
        yield child
        at = child.end


def _descendants(stream: bytes, record: _Record, depth: int = 0) -> Iterator[_Record]:
    """Every record under `record`, depth first, in order."""
    if depth > 32:
        raise ValueError("records nested too deep")
    for child in _children(stream, record):
        yield child
        if child.container:
            yield from _descendants(stream, child, depth + 1)


def _current_edit(user: bytes) -> int:
    """Where in the stream the newest edit (a UserEditAtom) lies: CurrentUserAtom.offsetToCurrentEdit."""
    return struct.unpack_from("<I", user, 16)[0]


def _encrypted(stream: bytes, user: bytes) -> bool:
    """Does the current edit name an encryption session (UserEditAtom's optional last field,
    encryptSessionPersistIdRef)? The records it lists are then ciphertext."""
    edit = _at(stream, _current_edit(user))
    return edit.type == _USER_EDIT and edit.end - edit.start >= 32


def _persisted(stream: bytes, user: bytes) -> tuple[dict[int, int], int]:
    """The persist directory (id -> offset in the stream), newest edits first, and the
    document's persist id, from the edit the Current User stream names."""
    offset = _current_edit(user)
    persist: dict[int, int] = {}
    document, seen = None, set()
    while offset and offset not in seen:
        seen.add(offset)
        edit = _at(stream, offset)
        if edit.type != _USER_EDIT:
            raise ValueError("the current edit is no UserEditAtom")
        last, directory, document_ref = struct.unpack_from("<III", stream, edit.start + 8)
        document = document_ref if document is None else document
        entries = _at(stream, directory)
        at = entries.start
        while at + 4 <= entries.end:
            (head,) = struct.unpack_from("<I", stream, at)
            first, count = head & 0xFFFFF, head >> 20
            offsets = struct.unpack_from(f"<{count}I", stream, at + 4)
            for i, where in enumerate(offsets):
                persist.setdefault(first + i, where)  # a newer edit's entry stands
            at += 4 + 4 * count
        offset = last
    if document is None or document not in persist:
        raise ValueError("no document in the persist directory")
    return persist, document


def _listed(stream: bytes, document: _Record, instance: int) -> list[_Listed]:
    """The slides (or notes pages) the document's SlideListWithText of `instance` names."""
    out: list[_Listed] = []
    header = None
    for lst in _children(stream, document):
        if lst.type != _SLIDE_LIST or lst.instance != instance:
            continue
        for r in _children(stream, lst):
            if r.type == _SLIDE_PERSIST:
                ref, _, _, slide_id = struct.unpack_from("<IIiI", stream, r.start)
                out.append(_Listed(ref, slide_id))
            elif r.type == _TEXT_HEADER:
                (header,) = struct.unpack_from("<I", stream, r.start)
            elif r.type in (_TEXT_CHARS, _TEXT_BYTES) and out:
                out[-1].texts.append((header if header is not None else -1, _text(stream, r)))
    return out


def _text(stream: bytes, r: _Record) -> str:
    data = stream[r.start : r.end]
    return data.decode("utf-16-le", errors="replace") if r.type == _TEXT_CHARS else data.decode("latin-1")


@dataclass(frozen=True)
class _Shape:
    """A shape's text: where it stands (top, left; a grouped shape's group's place, then its own
    within the group), its TextHeaderAtom's textType (-1: none), its text or a table's lines."""

    where: tuple[int, ...]
    kind: int
    text: str
    table: bool = False


def _shapes(stream: bytes, container: _Record, listed: list[tuple[int, str]]) -> list[_Shape]:
    """The texts of a slide's (or notes page's) shapes; a placeholder's text is the listed text
    it refers to. A group of text shapes set on a grid (a table: PowerPoint 97 keeps one as a
    group of a shape a cell) is one shape whose text is the table's Markdown lines. With no
    drawing to place them, the listed texts alone."""
    patriarch = next((r for r in _descendants(stream, container) if r.type == _GROUP), None)
    found = _grouped(stream, patriarch, listed, (), 0) if patriarch is not None else []
    return found or [_Shape((0, 0), kind, text) for kind, text in listed]


def _grouped(stream: bytes, group: _Record, listed: list, at: tuple[int, ...], depth: int) -> list[_Shape]:
    """The shapes of a group (its first shape is the group's own: where it stands), a table's
    cells as one."""
    if depth > 16:
        raise ValueError("groups nested too deep")
    found: list[_Shape] = []
    members = [r for r in _children(stream, group) if r.type in (_SHAPE, _GROUP)]
    for member in members[1:] if at else members:
        if member.type == _GROUP:
            own = next((r for r in _children(stream, member) if r.type == _SHAPE), None)
            where = at + (_read_shape(stream, own, listed)[0] if own is not None else (0, 0))
            inner = _grouped(stream, member, listed, where, depth + 1)
            table = _table(inner)
            found += [_Shape(where, -1, table, table=True)] if table else inner
        else:
            place, kind, text = _read_shape(stream, member, listed)
            if text is not None:
                found.append(_Shape(at + place, kind, text))
    return found


def _read_shape(
    stream: bytes, shape: _Record, listed: list[tuple[int, str]]
) -> tuple[tuple[int, int], int, str | None]:
    """A shape's place (top, left: on the slide, or within its group), its textType, and its
    text (None: none, or a date, footer or slide number placeholder)."""
    where, kind, text, furniture = (0, 0), -1, None, False
    for part in _children(stream, shape):
        if part.type == _ANCHOR and part.end - part.start >= 8:  # SmallRectStruct or RectStruct: top, left, …
            where = struct.unpack_from("<hh" if part.end - part.start == 8 else "<ii", stream, part.start)[:2]
        elif part.type == _CHILD_ANCHOR and part.end - part.start >= 16:  # left, top, right, bottom
            left, top = struct.unpack_from("<ii", stream, part.start)
            where = (top, left)
        elif part.type == _CLIENT_DATA:
            for inner in _descendants(stream, part):
                if inner.type == _PLACEHOLDER and stream[inner.start + 4] in _FURNITURE:
                    furniture = True
        elif part.type == _CLIENT_TEXT:
            for inner in _children(stream, part):
                if inner.type == _TEXT_HEADER:
                    (kind,) = struct.unpack_from("<I", stream, inner.start)
                elif inner.type in (_TEXT_CHARS, _TEXT_BYTES):
                    text = _text(stream, inner)
                elif inner.type == _OUTLINE_REF:
                    (index,) = struct.unpack_from("<i", stream, inner.start)
                    if 0 <= index < len(listed):
                        kind, text = listed[index]
    return where, kind, None if furniture else text


def _table(cells: list[_Shape]) -> str | None:
    """A group's text shapes as a table's Markdown lines, when they stand on a grid: two rows or
    more, each of as many cells (two or more) standing level; else None. Its first row is its
    header when it names the columns (a .pptx's says so itself; a .ppt's group does not)."""
    rows: dict[int, list[_Shape]] = {}
    for cell in cells:
        rows.setdefault(cell.where[-2], []).append(cell)
    if len(rows) < 2 or len({len(row) for row in rows.values()}) != 1 or len(cells) < 4:
        return None
    lines = [[one_line(c.text) for c in sorted(row, key=lambda c: c.where[-1])] for _, row in sorted(rows.items())]
    return "\n".join(table_lines(lines, names_columns(lines[0])))


def _hidden(stream: bytes, slide: _Record) -> bool:
    """Is the slide hidden in the slide show (SlideShowSlideInfoAtom's fHidden)?"""
    for r in _children(stream, slide):
        if r.type == _SLIDE_SHOW_INFO and r.end - r.start >= 12:
            (flags,) = struct.unpack_from("<H", stream, r.start + 10)
            return bool(flags & 0x4)
    return False


def _slides_text(stream: bytes, persist: dict[int, int], document_ref: int) -> tuple[str, str | None]:
    document = _at(stream, persist[document_ref])
    notes = {n.slide_id: n for n in _listed(stream, document, _NOTES_PAGES)}
    parts, first_title = [], None
    for number, listed in enumerate(_listed(stream, document, _SLIDES), 1):
        if listed.ref not in persist:
            continue
        slide = _at(stream, persist[listed.ref])
        if slide.type != _SLIDE or _hidden(stream, slide):
            continue
        shapes = _shapes(stream, slide, listed.texts)
        title = next((one_line(s.text) for s in shapes if s.kind in _TITLES), "")
        first_title = first_title or title or None
        blocks = [f"## {title or f'Slide {number}'}"]
        for shape in sorted(shapes, key=lambda s: s.where):
            if shape.kind not in _TITLES:
                blocks += [shape.text] if shape.table else _paragraphs(shape.text)
        said = _notes(stream, persist, slide, notes)
        if said:
            blocks += [f"Notes: {said[0]}", *said[1:]]
        if len(blocks) > 1 or title:
            parts.append("\n\n".join(blocks))
    return "\n\n".join(parts), first_title


def _notes(stream: bytes, persist: dict[int, int], slide: _Record, notes: dict[int, _Listed]) -> list[str]:
    """The slide's speaker notes, a paragraph an item: the notes page its SlideAtom names."""
    atom = next((r for r in _children(stream, slide) if r.type == _SLIDE_ATOM), None)
    if atom is None:
        return []
    (notes_id,) = struct.unpack_from("<I", stream, atom.start + 16)  # SlideAtom.notesIdRef
    page = notes.get(notes_id)
    if page is None or page.ref not in persist:
        return []
    container = _at(stream, persist[page.ref])
    if container.type != _NOTES:
        return []
    return [p for s in _shapes(stream, container, page.texts) if s.kind == _NOTES_TEXT for p in _paragraphs(s.text)]


def _paragraphs(text: str) -> list[str]:
    """A text's paragraphs ("\\r" ends one; a vertical tab, a line break within one, is a space
    to one_line)."""
    return [line for p in text.split("\r") if (line := one_line(p))]
