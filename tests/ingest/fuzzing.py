"""Damaged documents, made on the spot: a small valid PDF built byte by byte, a Word document, seeded mutations of
it, truncated HTML. Shared by tests/ingest/test_fuzz.py (a few seconds in CI) and scripts/fuzz.py
(`make fuzz`: many more iterations)."""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PDF_SENTENCE = "The lighthouse keeper counted 317 ships passing the cape in June."


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of these objects, numbered from 1 (the first the catalog), with its cross-reference
    table: for tests that build a page's fonts and content by hand."""
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def tiny_pdf(sentence: str = PDF_SENTENCE, filter_name: bytes = b"/FlateDecode", stream: bytes | None = None) -> bytes:
    """A valid one-page PDF (Helvetica, one line of text, a compressed content stream, a title).

    `filter_name` names the stream's filter (b"/FloteDecode" is one pypdf does not know);
    `stream` replaces the compressed content (e.g. a decompression bomb)."""
    content = f"BT /F1 12 Tf 72 720 Td ({sentence}) Tj ET".encode()
    data = zlib.compress(content) if stream is None else stream
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filter_name) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Lighthouse log) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def bomb_pdf(inflated_mb: int = 80) -> bytes:
    """A PDF whose content stream inflates from a few hundred kB to `inflated_mb` MB of zeros
    (pypdf stops at its 75 MB limit with LimitReachedError)."""
    z = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    stream = b"".join(z.compress(chunk) for _ in range(inflated_mb)) + z.flush()
    return tiny_pdf(stream=stream)


HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour report</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Harbour report</h1>"
    + "".join(
        f"<p>The harbour of Port Elwen handled {n},000 containers in month {n}, said harbour master "
        f"Ingrid Solberg, who expects more ships next year.</p>"
        for n in range(1, 9)
    )
    + "<table><tr><td>quay</td><td>cranes</td></tr><tr><td>east</td><td>4</td></tr></table>"
    "</article><footer>All rights reserved.</footer></body></html>"
).encode()


def word_handbook(title: str = "") -> bytes:
    """A .docx with a title, a heading, a paragraph with a tab and a line break, a list, and a
    table with a horizontally merged cell and a table inside a cell."""
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.add_paragraph("Warehouse staff handbook", style="Title")
    d.add_heading("Roles", level=1)
    lead = d.add_paragraph("Each shift has one lead.\tThe lead")
    lead.add_run().add_break()
    lead.add_run("signs the log.")
    d.add_paragraph("")  # an empty paragraph is no line
    d.add_paragraph("first item", style="List Bullet")
    d.add_paragraph("second item", style="List Bullet")
    t = d.add_table(rows=3, cols=3)
    for c, text in enumerate(["Role", "Name", "Shift"]):
        t.cell(0, c).text = text
    for c, text in enumerate(["Forklift driver", "Ann Lee", "Night"]):
        t.cell(1, c).text = text
    t.cell(2, 0).merge(t.cell(2, 1)).text = "Cleaner (shared)"
    t.cell(2, 2).text = "Day"
    days = t.cell(1, 2).add_table(rows=2, cols=2)
    for (r, c), text in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["Mon", "Tue", "Wed", "Thu"]):
        days.cell(r, c).text = text
    d.add_paragraph("The loading dock closes at 10 p.m. on weekdays.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def excel_budget() -> bytes:
    """An .xlsx of two sheets: a title over a table with formatted numbers and a date, and a list."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Budget"
    sheet.append(["Quarterly budget 2025"])
    sheet.append(["Item", "Q1", "Share", "Due"])
    sheet.append(["Rent", 1234.5, 0.125, datetime.date(2025, 3, 12)])
    sheet["B3"].number_format = '"€"#,##0.00'
    sheet["C3"].number_format = "0.0%"
    sheet.append(["Staff", 98000, 0.5, datetime.date(2025, 6, 30)])
    book.create_sheet("Contacts").append(["Ann Lee", "ext. 4410"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sales_deck() -> bytes:
    """A .pptx of two slides: a title and bullets with speaker notes, and a table."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Highlights"
    slide.placeholders[1].text_frame.text = "Revenue rose 12% to 4.2 million euros"
    slide.notes_slide.notes_text_frame.text = "The Leeds manager is Priya Shah."
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Sales by region"
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1)).table
    for r, row in enumerate([["Region", "Q3"], ["North", "2.3m"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)
MIME = {
    "text": "application/vnd.oasis.opendocument.text",
    "spreadsheet": "application/vnd.oasis.opendocument.spreadsheet",
    "presentation": "application/vnd.oasis.opendocument.presentation",
}


def odf_package(kind: str, body: str, styles: str = "", title: str | None = None, encrypted: bool = False) -> bytes:
    """An OpenDocument package as LibreOffice writes it: a stored mimetype first, content.xml
    (`body` inside office:body/office:<kind>), meta.xml, a manifest."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.3">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NAMESPACES}><office:meta>'
        f"{f'<dc:title>{title}</dc:title>' if title else ''}</office:meta></office:document-meta>"
    )
    encryption = '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>' if encrypted else ""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        f"{encryption}"
        "</manifest:file-entry></manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), MIME[kind], compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("meta.xml", meta)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def epub_book(
    chapters: list[tuple[str, list[str]]],
    title: str = "The Lighthouse Keeper",
    encrypted: str | None = None,
    not_linear: tuple[int, ...] = (),
) -> bytes:
    """An EPUB 3 as e-book tools write it: a stored mimetype, container.xml, a package document
    (a page href with an escaped space), a navigation page first in the spine, XHTML chapters
    (`chapters`: (heading, paragraphs)); `encrypted`: a file encryption.xml names as encrypted."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{i}" href="Text/ch%20{i}.xhtml" media-type="application/xhtml+xml"/>'
            for i in range(len(chapters))
        )
        items += '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        off = ' linear="no"'
        spine = '<itemref idref="nav"/>' + "".join(
            f'<itemref idref="c{i}"{off if i in not_linear else ""}/>' for i in range(len(chapters))
        )
        z.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></metadata>'
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        z.writestr(
            "OEBPS/nav.xhtml",
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><nav><ol>'
            + "".join(f"<li>{head}</li>" for head, _ in chapters)
            + "</ol></nav></body></html>",
        )
        for i, (head, paragraphs) in enumerate(chapters):
            body = f"<h1>{head}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            z.writestr(
                f"OEBPS/Text/ch {i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">'
                f"<head><title>{head}</title></head><body>{body}</body></html>",
            )
        if encrypted:
            z.writestr(
                "META-INF/encryption.xml",
                '<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData>'
                f'<enc:CipherReference URI="{encrypted}"/></enc:CipherData></enc:EncryptedData></encryption>',
            )
    return out.getvalue()


LIGHTHOUSE = [
    ("Cover", ["Cover image"]),
    (
        "Chapter 1: The Rock",
        [
            "Mara Lind kept the Fastnet light for eleven winters.",
            "She counted 412 gannets on the rock in her first spring.",
        ],
    ),
    (
        "Chapter 2: The Storm",
        ["The storm of 1896 broke the lamp's glass.", "A supply boat from Crookhaven reached her after nine days."],
    ),
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """1-4 random edits: overwrite a byte, delete a run, insert random bytes."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not b:  # a deletion ate everything: there is nothing left to edit
            break
        pos = rng.randrange(len(b))
        op = rng.random()
        if op < 0.5:
            b[pos] = rng.randrange(256)
        elif op < 0.75:
            del b[pos : pos + rng.randint(1, 20)]
        else:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(b)


def _rezipped(package: bytes, name: str, edit) -> bytes:
    """The zip `package` with its member `name` edited: a valid zip holding damaged XML."""
    src = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            z.writestr(info.filename, edit(data) if info.filename == name else data)
    return out.getvalue()


# A spreadsheet saved as text: quoted cells with separators, a line break and quotes inside.
CSV_SAMPLE = (
    b'Part number,Description,Unit price (EUR),Note\r\nPN-1000,"hinge, brass",4.86,\r\n'
    b'PN-1001,"gasket | rubber",5.65,"two\nlines"\r\nPN-1002,"say ""hi""",0.25,x\r\n'
)


# An OpenDocument text's body: a heading, a paragraph with spaces as ODF writes them, a table.
ODT_BODY = (
    '<text:h text:outline-level="1">Depot memo</text:h>'
    "<text:p>The depot opens on<text:s/>3<text:s text:c='2'/>September.</text:p>"
    "<table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell>"
    "<table:table-cell><text:p>Phone</text:p></table:table-cell></table:table-row></table:table>"
)

# An e-mail as mail programs save it: an encoded subject, text and HTML alternatives, an attachment.
MAIL_SAMPLE = (
    b"Subject: =?utf-8?q?Caf=C3=A9_rota?=\r\nFrom: Ann Lee <ann@example.com>\r\nTo: team@example.com\r\n"
    b"Date: Tue, 04 Nov 2025 09:12:00 +0100\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
    b'Content-Type: multipart/alternative; boundary="b2"\r\n\r\n--b2\r\n'
    b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"The caf=C3=A9 opens at 7:30.\r\n--b2\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    b"<p>The caf&eacute; opens at 7:30.</p>\r\n--b2--\r\n--b1\r\n"
    b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="rota.xlsx"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\nUEsDBA==\r\n--b1--\r\n"
)


# A WordPad/Word-style RTF: a header and a footer, a hyperlink field, a comment, a picture and a
# table with an empty cell (what tests/ingest/test_rtf.py reads; the fuzz test mutates it).
RTF_SAMPLE = rb"""{\rtf1\ansi\ansicpg1252\deff0\nouicompat\deflang2057{\fonttbl{\f0\fnil\fcharset0 Calibri;}}
{\*\generator Riched20 10.0.19041}{\info{\title Depot handbook}{\author Arden Vale}}\viewkind4\uc1
{\header\pard\plain Arden Vale Logistics \endash  confidential\par}
{\footer\pard\plain Page {\field{\*\fldinst PAGE}{\fldrslt 1}}\par}
\pard\sa200\sl276\slmult1\f0\fs22\lang9 The speed limit on site is 10 km/h.\par
Book a visit at {\field{\*\fldinst{HYPERLINK "https://depot.example/visit"}}{\fldrslt{\ul visits}}} two days ahead.{\*\annotation{\*\atnauthor AL} Check this with security.}\par
{\*\shppict{\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000000d49484452}}\par
\trowd\trgaph108\trleft-108\cellx3000\cellx6000\cellx9000
\pard\intbl\b Area\b0\cell Minimum PPE\cell Notes\cell\row
\trowd\trgaph108\trleft-108\cellx3000\cellx6000\cellx9000
\pard\intbl Yard\cell Hi-vis vest, safety boots\cell Reversing vehicles\cell\row
\trowd\trgaph108\trleft-108\cellx3000\cellx6000\cellx9000
\pard\intbl Cold store\cell Thermal jacket\cell\cell\row
\pard\sa200\sl276\slmult1 Report every accident to the duty manager.\par
}
"""


def outlook_sample() -> bytes:
    """An Outlook message with a sender, two recipients, a body and a .csv attachment."""
    from datetime import UTC, datetime

    from tests.ingest.compound import outlook_message

    return outlook_message(
        "Rota",
        sender=("Ann Lee", "ann@example.com"),
        recipients=[("Bo", "bo@example.com", 1), ("Cy", "cy@example.com", 2)],
        sent=datetime(2025, 5, 7, 14, 20, tzinfo=UTC),
        body="The café opens at 7:30.\r\n",
        attachments=[("rota.csv", CSV_SAMPLE)],
    )


def _mutated_head(data: bytes, rng: random.Random) -> bytes:
    """1-6 bytes of the first 2 KB overwritten: the header, the first FAT and directory sectors."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        b[rng.randrange(min(2048, len(b)))] = rng.randrange(256)
    return bytes(b)


def cases(
    seed: int,
    pdfs: int,
    htmls: int,
    docxs: int = 0,
    csvs: int = 0,
    xlsxs: int = 0,
    pptxs: int = 0,
    emls: int = 0,
    odts: int = 0,
    epubs: int = 0,
    rtfs: int = 0,
    msgs: int = 0,
    pictures: int = 0,
    docs: int = 0,
    ppts: int = 0,
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes): mutated PDFs, then HTML cut at random points (mutated half the time),
    then Word documents: the package's bytes mutated, or its document.xml inside a valid zip,
    then spreadsheets saved as text, mutated, then Excel workbooks and PowerPoint presentations
    as Word documents are, then e-mails, mutated, then OpenDocument texts and EPUB e-books as Word documents are, then
    RTF documents, mutated, then Outlook messages, mutated (their bytes, or those of the
    compound file's header and directory, where a flipped byte breaks its structure), then
    pictures of a line of text in each kind read, mutated, then Word 97-2003 documents, mutated
    (their bytes, or their two streams inside a sound compound file), then PowerPoint 97-2003
    presentations, mutated (the bytes of one PowerPoint wrote, or the streams of one LibreOffice
    wrote inside a sound compound file)."""
    rng = random.Random(seed)
    pdf = tiny_pdf()
    for n in range(pdfs):
        yield f"mutant-{n}.pdf", mutate(pdf, rng)
    for n in range(htmls):
        cut = HTML_PAGE[: rng.randrange(1, len(HTML_PAGE))]
        yield f"cut-{n}.html", mutate(cut, rng) if rng.random() < 0.5 else cut
    yield from _damaged_packages("docx", word_handbook, "word/document.xml", docxs, rng)
    for n in range(csvs):
        yield f"mutant-{n}.csv", mutate(CSV_SAMPLE, rng)
    yield from _damaged_packages("xlsx", excel_budget, "xl/worksheets/sheet1.xml", xlsxs, rng)
    yield from _damaged_packages("pptx", sales_deck, "ppt/slides/slide1.xml", pptxs, rng)
    for n in range(emls):
        yield f"mutant-{n}.eml", mutate(MAIL_SAMPLE, rng)
    yield from _damaged_packages("odt", lambda: odf_package("text", ODT_BODY), "content.xml", odts, rng)
    yield from _damaged_packages("epub", lambda: epub_book(LIGHTHOUSE), "OEBPS/content.opf", epubs, rng)
    for n in range(rtfs):
        yield f"mutant-{n}.rtf", mutate(RTF_SAMPLE, rng)
    message = outlook_sample() if msgs else b""
    for n in range(msgs):
        yield f"mutant-{n}.msg", mutate(message, rng) if n % 2 else _mutated_head(message, rng)
    kinds = list(picture_samples().items()) if pictures else []
    for n in range(pictures):
        suffix, picture = kinds[n % len(kinds)]
        yield f"mutant-{n}{suffix}", mutate(picture, rng)
    from tests.ingest.compound import compound_file

    streams = _word_streams() if docs else {}
    for n in range(docs):
        if n % 2:
            yield f"mutant-{n}.doc", mutate(compound_file(streams), rng)
        else:
            yield f"streams-{n}.doc", compound_file({name: mutate(data, rng) for name, data in streams.items()})
    written, slides = _presentations() if ppts else (b"", {})
    for n in range(ppts):
        if n % 2:
            yield f"mutant-{n}.ppt", mutate(written, rng)
        else:
            yield f"streams-{n}.ppt", compound_file({name: mutate(data, rng) for name, data in slides.items()})


def _presentations() -> tuple[bytes, dict[str, bytes]]:
    """The .ppt PowerPoint wrote, and the streams of the one LibreOffice wrote (tests/ingest/files)."""
    import gzip

    import olefile

    files = Path(__file__).parent / "files"
    ole = olefile.OleFileIO(io.BytesIO(gzip.decompress((files / "induction.ppt.gz").read_bytes())))
    streams = {name: ole.openstream(name).read() for name in ("PowerPoint Document", "Current User")}
    return (files / "embedded-simple-2007.ppt").read_bytes(), streams


def _word_streams() -> dict[str, bytes]:
    """The streams of a small .doc with a table (tests/ingest/compound.word_document)."""
    import io

    import olefile

    from tests.ingest.compound import word_document

    doc = word_document(["Price list", [["Item", "Price"], ["Drill press", "EUR 412.00"]], "Call extension 2451."])
    ole = olefile.OleFileIO(io.BytesIO(doc))
    return {name: ole.openstream(name).read() for name in ("WordDocument", "1Table")}


def picture_samples() -> dict[str, bytes]:
    """A small picture of a line of text (OCR reads it in a fraction of a second) saved as each
    kind of picture file read: suffix -> bytes."""
    import io

    from PIL import Image, ImageDraw

    picture = Image.new("L", (300, 80), 255)
    ImageDraw.Draw(picture).text((10, 30), "Gate code 4471", fill=0)
    saved = {}
    for kind, suffix, options in (
        ("PNG", ".png", {}),
        ("JPEG", ".jpg", {"quality": 80}),
        ("TIFF", ".tiff", {"compression": "tiff_lzw"}),
        ("GIF", ".gif", {}),
        ("BMP", ".bmp", {}),
        ("WEBP", ".webp", {}),
    ):
        out = io.BytesIO()
        picture.save(out, kind, **options)
        saved[suffix] = out.getvalue()
    return saved


def _damaged_packages(
    suffix: str, make: Callable[[], bytes], member: str, count: int, rng: random.Random
) -> Iterator[tuple[str, bytes]]:
    """`count` damaged copies of the zip package `make()` writes: its bytes mutated (odd n), or
    its XML `member` mutated inside a valid zip (even n)."""
    package = make() if count else b""
    for n in range(count):
        if n % 2:
            yield f"mutant-{n}.{suffix}", mutate(package, rng)
        else:
            yield f"xml-{n}.{suffix}", _rezipped(package, member, lambda xml: mutate(xml, rng))


@dataclass
class FuzzResult:
    outcomes: Counter = field(default_factory=Counter)  # "loaded" / "LoadError" / "ESCAPED <type>"
    escaped: list[tuple[str, str]] = field(default_factory=list)  # (name, repr of the exception)


def fuzz_loaders(seed: int = 12, pdfs: int = 300, htmls: int = 60, **others: int) -> FuzzResult:
    """Run every case through the loader layer; record what came out. `others`: how many of
    each other kind (cases' docxs, csvs, xlsxs, pptxs, emls, odts, epubs, rtfs, msgs, pictures, docs, ppts)."""
    import logging
    import warnings

    from rag.errors import LoadError
    from rag.ingest.loaders import load_document

    result = FuzzResult()
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pypdf logs a warning per damaged object
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name, data in cases(seed, pdfs, htmls, **others):
                try:
                    doc = load_document(Path(name), name, data)
                    assert isinstance(doc.text, str) and doc.text
                    result.outcomes["loaded"] += 1
                except LoadError:
                    result.outcomes["LoadError"] += 1
                except BaseException as e:
                    if isinstance(e, KeyboardInterrupt):
                        raise
                    result.outcomes[f"ESCAPED {type(e).__name__}"] += 1
                    result.escaped.append((name, repr(e)[:200]))
    finally:
        quiet.setLevel(level)
    return result
