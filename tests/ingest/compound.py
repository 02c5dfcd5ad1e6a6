"""Write OLE compound files ([MS-CFB], version 3) and Outlook messages in them ([MS-OXMSG]), for
the tests of rag/ingest/outlook.py: no package writes a .msg, and the real one the tests read
(tests/ingest/files/outer.msg) has no sender, copy or attachment of a kind the index reads.

A file is written as the format asks: 512-byte sectors, streams under 4,096 bytes in the mini
stream (64-byte sectors), each storage's children a tree ordered by name length then upper-case
name (a degenerate one: each child's right sibling is the next); olefile reads it as it reads
Outlook's files.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime

SECTOR, MINI_SECTOR, MINI_CUTOFF = 512, 64, 4096
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file holding these streams ("storage/sub/stream": its bytes); the
    storages their paths name are made too."""
    tree: dict[str, dict] = {}
    for path, data in streams.items():
        node = tree
        *storages, name = path.split("/")
        for storage in storages:
            node = node.setdefault(storage, {})
        node[name] = data
    entries: list[dict] = [{"name": "Root Entry", "type": ROOT, "child": NONE, "right": NONE, "data": b""}]

    def add(children: dict) -> int:
        ids = []
        for name in sorted(children, key=lambda n: (len(n), n.upper())):
            value = children[name]
            entry = {"name": name, "right": NONE, "child": NONE}
            entries.append(entry)
            ids.append(len(entries) - 1)
            if isinstance(value, dict):
                entry["type"] = STORAGE
                entry["child"] = add(value)
            else:
                entry["type"], entry["data"] = STREAM, value
        for a, b in zip(ids, ids[1:], strict=False):
            entries[a]["right"] = b
        return ids[0] if ids else NONE

    entries[0]["child"] = add(tree)
    # Small streams in the mini stream, the rest in sectors of their own.
    mini, mini_fat = bytearray(), []
    sectors: list[bytes] = []
    fat: list[int] = []

    def chain(data: bytes) -> int:
        if not data:
            return END
        first = len(sectors)
        count = -(-len(data) // SECTOR)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(first + i + 1 if i < count - 1 else END)
        return first

    for entry in entries[1:]:
        if entry["type"] != STREAM:
            entry["start"], entry["size"] = 0, 0
            continue
        data = entry["data"]
        entry["size"] = len(data)
        if len(data) >= MINI_CUTOFF:
            entry["start"] = chain(data)
        elif data:
            first = len(mini) // MINI_SECTOR
            count = -(-len(data) // MINI_SECTOR)
            mini += data.ljust(count * MINI_SECTOR, b"\0")
            mini_fat += [first + i + 1 if i < count - 1 else END for i in range(count)]
            entry["start"] = first
        else:
            entry["start"] = END
    entries[0]["start"], entries[0]["size"] = chain(bytes(mini)), len(mini)
    mini_fat_start = chain(b"".join(struct.pack("<I", n) for n in mini_fat))
    directory = b"".join(_entry(e) for e in entries)
    directory_start = chain(directory)
    # The FAT's own sectors go last, marked as FAT sectors.
    fat_sectors = 1
    while (len(sectors) + fat_sectors) > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    fat_start = len(sectors)
    fat += [FAT_SECTOR] * fat_sectors
    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    table = b"".join(struct.pack("<I", n) for n in fat)
    sectors += [table[i * SECTOR : (i + 1) * SECTOR] for i in range(fat_sectors)]
    difat = [fat_start + i for i in range(fat_sectors)] + [FREE] * (109 - fat_sectors)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack(
            "<IIIIIIIII",
            0,
            fat_sectors,
            directory_start,
            0,
            MINI_CUTOFF,
            mini_fat_start,
            -(-len(mini_fat) * 4 // SECTOR),
            END,
            0,
        )
        + b"".join(struct.pack("<I", n) for n in difat)
    )
    return header + b"".join(sectors)


def _entry(e: dict) -> bytes:
    name = e["name"].encode("utf-16-le") + b"\0\0"
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBB", len(name), e["type"], 1)  # 1: black
        + struct.pack("<III", NONE, e["right"], e["child"])
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # created, modified
        + struct.pack("<IQ", e["start"], e["size"])
    )


# Outlook's property streams ([MS-OXMSG] 2.4): "__substg1.0_" + id + type.
UNICODE, BINARY, LONG, TIME = 0x001F, 0x0102, 0x0003, 0x0040


def string_stream(prop: int, text: str) -> tuple[str, bytes]:
    return f"__substg1.0_{prop:04X}{UNICODE:04X}", text.encode("utf-16-le")


def properties(fixed: dict[int, tuple[int, bytes]], header: int) -> bytes:
    """The property stream: a header of `header` bytes (32 for a message, 8 for a recipient or an
    attachment), then 16 bytes a property (tag, flags, 8-byte value)."""
    body = b"".join(
        struct.pack("<II", prop << 16 | kind, 6) + value.ljust(8, b"\0") for prop, (kind, value) in fixed.items()
    )
    return b"\0" * header + body


def filetime(when: datetime) -> bytes:
    return struct.pack("<Q", int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000))


def outlook_message(
    subject: str,
    sender: tuple[str, str] | None = None,
    recipients: list[tuple[str, str, int]] = (),
    sent: datetime | None = None,
    body: str | None = None,
    html: bytes | None = None,
    attachments: list[tuple[str, bytes]] = (),
    rtf: bytes | None = None,
) -> bytes:
    """A .msg as Outlook saves one: `sender` (name, SMTP address), `recipients` (name, address,
    1 To / 2 Cc / 3 Bcc), the time it was sent, a plain or HTML body, attachments (name, bytes),
    a body in RTF as Outlook keeps it (`rtf`: the stream, compressed_rtf.compress of the RTF,
    [MS-OXRTFCP])."""
    streams = dict([string_stream(0x001A, "IPM.Note"), string_stream(0x0037, subject)])
    fixed = {0x3FDE: (LONG, struct.pack("<i", 65001))}
    if sent is not None:
        fixed[0x0039] = (TIME, filetime(sent))
    streams["__properties_version1.0"] = properties(fixed, 32)
    if sender is not None:
        streams.update(
            [string_stream(0x0C1A, sender[0]), string_stream(0x0C1E, "SMTP"), string_stream(0x0C1F, sender[1])]
        )
    if body is not None:
        streams.update([string_stream(0x1000, body)])
    if html is not None:
        streams["__substg1.0_10130102"] = html
    if rtf is not None:
        streams["__substg1.0_10090102"] = rtf
    streams.update([string_stream(0x0E04, "; ".join(n for n, _, kind in recipients if kind == 1))])
    for i, (name, address, kind) in enumerate(recipients):
        storage = f"__recip_version1.0_#{i:08X}"
        for path, data in (string_stream(0x3001, name), string_stream(0x39FE, address)):
            streams[f"{storage}/{path}"] = data
        streams[f"{storage}/__properties_version1.0"] = properties({0x0C15: (LONG, struct.pack("<i", kind))}, 8)
    for i, (name, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{i:08X}"
        path, encoded = string_stream(0x3707, name)
        streams[f"{storage}/{path}"] = encoded
        streams[f"{storage}/__substg1.0_37010102"] = data
        streams[f"{storage}/__properties_version1.0"] = properties({0x0E20: (LONG, struct.pack("<i", len(data)))}, 8)
    return compound_file(streams)


# A paragraph of text, or a table: rows of cells, a cell's paragraphs split at "\n".
Block = str | list[list[str]]


def word_document(blocks: list[Block], utf16_from: int | None = None, encrypted: bool = False) -> bytes:
    """A Word 97-2003 .doc ([MS-DOC]) as Word saves one, in the parts rag/ingest/legacy_word.py
    reads: the FIB, the text as pieces (cp1252 "compressed" bytes, and from character
    `utf16_from` on, by default the first that cp1252 lacks, UTF-16), each paragraph's properties in FKP pages (in a table; a row's end
    mark), the piece table and the PlcBtePapx in the "1Table" stream."""
    chars: list[str] = []
    marks: list[tuple[int, bool, bool]] = []  # (index of a paragraph's mark, in a table, a row's end)

    def mark(ch: str, in_table: bool, row_end: bool = False) -> None:
        chars.append(ch)
        marks.append((len(chars) - 1, in_table, row_end))

    for block in blocks:
        if isinstance(block, str):
            chars.extend(block)
            mark("\r", False)
            continue
        for row in block:
            for cell in row:
                *paragraphs, last = cell.split("\n")
                for paragraph in paragraphs:
                    chars.extend(paragraph)
                    mark("\r", True)
                chars.extend(last)
                mark("\x07", True)
            mark("\x07", True, row_end=True)
    text = "".join(chars)
    if utf16_from is None:  # from the first character cp1252 has not, as Word does
        utf16_from = next((i for i, ch in enumerate(text) if ch.encode("cp1252", errors="ignore") == b""), len(text))
    split = utf16_from
    start = 2048  # the text's first byte in WordDocument, after the FIB
    first, second = text[:split].encode("cp1252"), text[split:].encode("utf-16-le")
    offsets = [start + i for i in range(split)] + [start + len(first) + 2 * i for i in range(len(text) - split)]
    body = first + second
    pages_at = (start + len(body) + SECTOR - 1) // SECTOR  # FKPs on the 512-byte pages after it
    runs = []  # (first byte, last byte + 1, papx)
    begin = start
    for index, in_table, row_end in marks:
        end = offsets[index] + (1 if index < split else 2)
        grpprl = struct.pack("<H", 0)
        if in_table:
            grpprl += struct.pack("<HB", 0x2416, 1)
        if row_end:
            grpprl += struct.pack("<HB", 0x2417, 1)
        runs.append((begin, end, grpprl + b"\0" * (1 - len(grpprl) % 2)))  # an odd size: 2 * cb - 1
        begin = end
    pages, bte_fcs = [], []
    for at in range(0, len(runs), 12):
        part = runs[at : at + 12]
        page = bytearray(SECTOR)
        fcs = [r[0] for r in part] + [part[-1][1]]
        struct.pack_into(f"<{len(fcs)}I", page, 0, *fcs)
        free = 511
        for i, (_, _, grpprl) in enumerate(part):
            papx = bytes([(len(grpprl) + 1) // 2]) + grpprl
            free = (free - len(papx)) & ~1
            page[free : free + len(papx)] = papx
            page[4 * len(fcs) + 13 * i] = free // 2
        page[511] = len(part)
        pages.append(bytes(page))
        bte_fcs.append(fcs[0])
    bte_fcs.append(runs[-1][1])
    # The piece table: one piece, or two when the text turns to UTF-16.
    cps = [0, split, len(text)] if 0 < split < len(text) else [0, len(text)]
    pcds = b""
    for cp in cps[:-1]:
        if cp < split:
            pcds += struct.pack("<HIH", 0, (start * 2) | 0x40000000, 0)
        else:
            pcds += struct.pack("<HIH", 0, start + len(first), 0)
    plc = struct.pack(f"<{len(cps)}I", *cps) + pcds
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    bte = struct.pack(f"<{len(bte_fcs)}I", *bte_fcs) + struct.pack(
        f"<{len(pages)}I", *range(pages_at, pages_at + len(pages))
    )
    table = clx + bte
    pairs = [(0, 0)] * 93
    pairs[33] = (0, len(clx))
    pairs[13] = (len(clx), len(bte))
    fib = bytearray(start)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0200 | (0x0100 if encrypted else 0))  # 1Table; encrypted
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<i", fib, 64 + 12, len(text))  # ccpText
    struct.pack_into("<H", fib, 152, len(pairs))
    struct.pack_into(f"<{2 * len(pairs)}I", fib, 154, *(v for pair in pairs for v in pair))
    word = bytes(fib) + body
    word += b"\0" * (pages_at * SECTOR - len(word)) + b"".join(pages)
    return compound_file({"WordDocument": word, "1Table": table})
