"""What the readers of Office's binary formats (.doc, .ppt: rag/ingest/legacy_word.py,
legacy_slides.py) ask of the OLE compound file that holds them, by olefile (BSD)."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rag.errors import LoadError
from rag.ingest.markdown import one_line
from rag.ingest.signatures import OLE

_SUMMARY = "\x05SummaryInformation"
_CODE_PAGE, _TITLE = 1, 2  # property ids
_VT_I2, _VT_LPSTR, _VT_LPWSTR = 0x02, 0x1E, 0x1F


@dataclass(frozen=True)
class Opened:
    """The streams read of a compound file, and the title in its summary information."""

    streams: dict[str, bytes]
    title: str | None


@contextmanager
def reading(source: str, called: str) -> Iterator[None]:
    """Raise what reading a file of this kind ("Word document") raises on a damaged file as a
    LoadError that names the file and says it is damaged; a LoadError stays as it is."""
    try:
        yield
    except LoadError:
        raise
    except (OSError, struct.error, ValueError, IndexError, KeyError, UnicodeDecodeError, RecursionError) as e:
        # olefile raises OSError (and its own subclasses) on a damaged compound file.
        raise LoadError(f"{source}: damaged {called} ({type(e).__name__}: {e})") from e


def opened(source: str, data: bytes, called: str, first: str, then: Callable[[bytes], str]) -> Opened:
    """The streams of a compound file that holds a `called` ("Word 97-2003 document"): `first`,
    and the one `then(first's bytes)` names (a .doc's table stream; `then` raises LoadError for
    what it finds wrong there); and the file's title. LoadError when the file is no compound
    file, lacks either stream, or is damaged."""
    import olefile

    if not data.startswith(OLE):
        raise LoadError(f"{source}: not a {called} (no OLE compound file)")
    with reading(source, called):
        ole = olefile.OleFileIO(io.BytesIO(data))
        if not ole.exists(first):
            raise LoadError(f"{source}: not a {called} (no {first} stream)")
        streams = {first: ole.openstream(first).read()}
        second = then(streams[first])
        if not ole.exists(second):
            raise LoadError(f"{source}: damaged {called} (no {second} stream)")
        streams[second] = ole.openstream(second).read()
        title = summary_title(ole)
        ole.close()
    return Opened(streams, title)


def holds_stream(data: bytes, name: str) -> bool:
    """Is this a compound file holding the stream `name` ("WordDocument", "PowerPoint Document")?
    Not, say, a .docx or .pptx kept encrypted in one, as Office keeps a file with a password."""
    import olefile

    try:
        return data.startswith(OLE) and olefile.OleFileIO(io.BytesIO(data)).exists(name)
    except Exception:  # olefile raises OSError, ValueError, struct.error … on a damaged compound file
        return False


def summary_title(ole) -> str | None:
    """The title in the file's summary information ([MS-OLEPS]: the property set's PIDSI_TITLE),
    when it has one. Read here, not by olefile's get_metadata, which loops as many times as a
    damaged vector's count says (four billion: a mutated .ppt held up its reading for minutes)."""
    try:
        if not ole.exists(_SUMMARY):
            return None
        data = ole.openstream(_SUMMARY).read()
        (at,) = struct.unpack_from("<I", data, 44)  # the first property set's offset
        _, count = struct.unpack_from("<II", data, at)
        places = {}
        for i in range(min(count, (len(data) - at) // 8)):
            pid, offset = struct.unpack_from("<II", data, at + 8 + 8 * i)
            places[pid] = at + offset
        codec = "cp1252"
        if _CODE_PAGE in places and struct.unpack_from("<I", data, places[_CODE_PAGE])[0] == _VT_I2:
            page = struct.unpack_from("<H", data, places[_CODE_PAGE] + 4)[0]
            codec = "utf-8" if page == 65001 else f"cp{page}"
        if _TITLE not in places:
            return None
        kind, size = struct.unpack_from("<II", data, places[_TITLE])
        raw = data[places[_TITLE] + 8 :]
        if kind == _VT_LPSTR:
            title = raw[:size].decode(codec, errors="replace")
        elif kind == _VT_LPWSTR:
            title = raw[: 2 * size].decode("utf-16-le", errors="replace")
        else:
            return None
    except (struct.error, LookupError, OSError):  # a damaged property set, or an unknown code page
        return None
    return one_line(title.replace("\0", " ")) or None
