"""What the readers of Office's binary formats (.doc, .ppt: rag/ingest/legacy_word.py,
legacy_slides.py) ask of the OLE compound file that holds them, by olefile (BSD)."""

from __future__ import annotations

import io
import struct

from rag.ingest.markdown import one_line
from rag.ingest.signatures import OLE

_SUMMARY = "\x05SummaryInformation"
_CODE_PAGE, _TITLE = 1, 2  # property ids
_VT_I2, _VT_LPSTR, _VT_LPWSTR = 0x02, 0x1E, 0x1F


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
