#!/usr/bin/env python3
"""Write the eight documents of the 'formats' probe set into corpus/.

Everything here is invented: organisations, people, places, products and numbers.

    /work/main/.venv/bin/python eval/probes/formats/make_docs.py

The output is deterministic. Every timestamp inside the files is fixed, every zip
entry is written with the date 2025-01-01 00:00:00 (the .xlsx and .pptx packages that
openpyxl and python-pptx write are repacked with fixed entry dates too), and the MIME
boundaries and Message-IDs of the e-mails are fixed. Two runs give byte-identical files.

The table rows and other data are module-level constants, shared with
build_questions.py so that row quotes are built from the same data.
"""

from __future__ import annotations

import datetime as dt
import io
import pathlib
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from email import policy
from email.message import EmailMessage
from xml.sax.saxutils import escape

sys.dont_write_bytecode = True

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ZIP_DATE = (2025, 1, 1, 0, 0, 0)


# ======================================================================= display helpers
# How the spreadsheet programs show the values (Excel / LibreOffice, English locale).


def show_money(v) -> str:
    """'"€"#,##0.00' -> €1,480.00"""
    q = Decimal(str(v)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"€{q:,.2f}"


def show_pct(v) -> str:
    """'0%' -> 15%"""
    q = (Decimal(str(v)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{q}%"


def show_date(d: dt.date) -> str:
    """'d mmm yyyy' -> 6 May 2025"""
    return f"{d.day} {d.strftime('%b')} {d.year}"


def row_text(cells) -> str:
    """The quote rule for a table row: displayed cells in column order, single spaces,
    empty cells left out."""
    return " ".join(c for c in cells if c)


# ======================================================================= 1. workbook
XLSX = "stock-and-prices.xlsx"
XLSX_TITLE = "Brannock & Hale Catering Supplies – trade price list, spring 2025"
PRICE_HEADER = ["Item code", "Product", "Pack", "Price", "Discount", "Next delivery"]
D = dt.date
# code, product, pack, price (EUR), discount (fraction or None = empty), next delivery
PRICE_ROWS = [
    ("BH-1001", "Stainless steel stockpot, 20 litres", "each", 86.50, 0.10, D(2025, 4, 14)),
    ("BH-1002", "Stainless steel stockpot, 50 litres", "each", 164.00, 0.10, D(2025, 4, 14)),
    ("BH-1010", "Gastronorm container 1/1, 65 mm deep", "pack of 6", 71.40, 0.05, D(2025, 4, 7)),
    ("BH-1011", "Gastronorm lid 1/1 with spoon notch", "pack of 6", 38.90, 0.05, D(2025, 4, 7)),
    ("BH-1020", "Chopping board set, six colours, 45 x 30 cm", "set", 54.20, 0.15, D(2025, 4, 22)),
    ("BH-1031", "Chef's knife, 21 cm blade", "each", 47.60, None, D(2025, 5, 6)),
    ("BH-1032", "Bread knife, 25 cm serrated blade", "each", 29.80, None, D(2025, 5, 6)),
    ("BH-1040", "Convection oven, 4 trays, 230 V", "each", 1480.00, 0.08, D(2025, 5, 19)),
    ("BH-1041", "Oven stand with tray runners", "each", 312.00, 0.08, D(2025, 5, 19)),
    ("BH-1050", "Commercial blender, 2 litre jug", "each", 389.00, 0.12, D(2025, 4, 28)),
    ("BH-1060", "Heat-resistant oven gloves", "pack of 10 pairs", 63.50, 0.20, D(2025, 4, 9)),
    ("BH-1070", "Disposable aprons, white", "box of 100", 8.95, 0.0, D(2025, 4, 3)),
    ("BH-1071", "Nitrile gloves, blue, size M", "box of 100", 6.40, 0.0, D(2025, 4, 3)),
    ("BH-1080", "Food probe thermometer, -50 to 300 °C", "each", 24.90, 0.15, D(2025, 4, 16)),
    ("BH-1090", "Stainless steel work table, 120 x 60 cm", "each", 268.00, 0.10, D(2025, 6, 2)),
]
PRICE_NOTE = "Prices exclude VAT. Discounts apply to orders placed before 30 April 2025."
CONTACT_HEADER = ["Supplier", "Contact person", None, "Phone", "E-mail"]  # column D empty
CONTACT_ROWS = [
    ("Kessler Edelstahl GmbH", "Annika Weigl", None, "+49 821 4470 312", "a.weigl@kessler-edelstahl.example"),
    ("Moravia Blades s.r.o.", "Tomáš Hrubý", None, "+420 543 218 870", "hruby@moraviablades.example"),
    ("Ovenworks Ltd", "Gareth Pryce", None, "+44 29 2046 1180", "sales@ovenworks.example"),
    ("Sanprotect BV", "Lieke van Dam", None, "+31 30 262 4415", "l.vandam@sanprotect.example"),
    ("Thermotek Instruments SL", "Rosa Calleja", None, "+34 934 182 206", "rcalleja@thermotek.example"),
]
OLD_TITLE = "Price list 2023 (superseded, kept for reference)"
OLD_HEADER = ["Item code", "Product", "Price 2023"]
OLD_ROWS = [
    ("BH-1001", "Stainless steel stockpot, 20 litres", 79.00),
    ("BH-1002", "Stainless steel stockpot, 50 litres", 149.50),
    ("BH-1020", "Chopping board set, six colours, 45 x 30 cm", 48.00),
    ("BH-1031", "Chef's knife, 21 cm blade", 42.90),
    ("BH-1040", "Convection oven, 4 trays, 230 V", 1395.00),
    ("BH-1050", "Commercial blender, 2 litre jug", 355.00),
]
MONEY_FMT = '"€"#,##0.00'
PCT_FMT = "0%"
DATE_FMT = "d mmm yyyy"


def price_row_cells(r) -> list[str]:
    code, product, pack, price, disc, nxt = r
    return [code, product, pack, show_money(price), "" if disc is None else show_pct(disc), show_date(nxt)]


def contact_row_cells(r) -> list[str]:
    return [c or "" for c in r]


def repack(data: bytes, stored: tuple[str, ...] = ()) -> bytes:
    """Rewrite a zip package with fixed entry dates (same entry order)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_STORED if info.filename in stored else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def make_xlsx(path: pathlib.Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = "Price list"
    ws["A1"] = XLSX_TITLE
    ws["A1"].font = Font(bold=True, size=14)
    for j, h in enumerate(PRICE_HEADER, start=1):
        c = ws.cell(row=3, column=j, value=h)
        c.font = Font(bold=True)
    for i, r in enumerate(PRICE_ROWS, start=4):
        code, product, pack, price, disc, nxt = r
        ws.cell(row=i, column=1, value=code)
        ws.cell(row=i, column=2, value=product)
        ws.cell(row=i, column=3, value=pack)
        ws.cell(row=i, column=4, value=price).number_format = MONEY_FMT
        if disc is not None:
            ws.cell(row=i, column=5, value=disc).number_format = PCT_FMT
        ws.cell(row=i, column=6, value=nxt).number_format = DATE_FMT
    ws.cell(row=4 + len(PRICE_ROWS) + 1, column=1, value=PRICE_NOTE)
    for col, w in zip("ABCDEF", (10, 44, 18, 12, 10, 14)):
        ws.column_dimensions[col].width = w

    ws2 = wb.create_sheet("Suppliers")
    for j, h in enumerate(CONTACT_HEADER, start=2):  # table starts in column B
        if h:
            ws2.cell(row=2, column=j, value=h).font = Font(bold=True)
    for i, r in enumerate(CONTACT_ROWS, start=3):
        for j, v in enumerate(r, start=2):
            if v:
                ws2.cell(row=i, column=j, value=v)
    for col, w in zip("ABCDEF", (3, 28, 18, 3, 18, 36)):
        ws2.column_dimensions[col].width = w

    ws3 = wb.create_sheet("Prices 2023")
    ws3.sheet_state = "hidden"
    ws3["A1"] = OLD_TITLE
    for j, h in enumerate(OLD_HEADER, start=1):
        ws3.cell(row=2, column=j, value=h).font = Font(bold=True)
    for i, (code, product, price) in enumerate(OLD_ROWS, start=3):
        ws3.cell(row=i, column=1, value=code)
        ws3.cell(row=i, column=2, value=product)
        ws3.cell(row=i, column=3, value=price).number_format = MONEY_FMT

    wb.properties.title = "Trade price list, spring 2025"
    wb.properties.creator = "Brannock & Hale Catering Supplies"
    wb.properties.lastModifiedBy = "Brannock & Hale Catering Supplies"
    wb.properties.created = dt.datetime(2025, 3, 10, 9, 0, 0)
    wb.properties.modified = dt.datetime(2025, 3, 12, 16, 30, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # save_workbook() would stamp 'modified' with now()
    path.write_bytes(repack(buf.getvalue()))


# ======================================================================= 2. presentation
PPTX = "quarterly-review.pptx"
PPT_TITLE = "Northmere Bakeries – Quarterly review, Q2 2025"
PPT_SUBTITLE = "Board meeting, 17 July 2025 · Presented by Alina Brodsky, Finance Director"
# (text, level)
PPT_HIGHLIGHTS = [
    ("Revenue reached €4.82 million, up 6% on the first quarter", 0),
    ("Wholesale: €3.10 million", 1),
    ("Our own shops: €1.72 million", 1),
    ("The new shop in Quayside Market opened on 3 May 2025", 0),
    ("Staff turnover fell from 14% to 9%", 0),
    ("Flour costs rose 11% after the March price review by Hollin Mills", 0),
]
PPT_HIGHLIGHTS_NOTES = (
    "Say that the Quayside shop took €41,300 in its first four weeks, against a plan of €35,000. "
    "Thank Ruth Ogunleye, who managed the fit-out."
)
PPT_TABLE_HEADER = ["Region", "Q1 2025", "Q2 2025", "Change"]
PPT_TABLE_ROWS = [
    ["North", "€1.21m", "€1.26m", "+4%"],
    ["Coast", "€0.98m", "€1.09m", "+11%"],
    ["City", "€1.86m", "€1.93m", "+4%"],
    ["Online", "€0.50m", "€0.54m", "+8%"],
    ["Total", "€4.55m", "€4.82m", "+6%"],
]
PPT_LEFT = [
    "What went well",
    "Wholesale orders from Penrith Hotels doubled",
    "Delivery on time rose to 97%",
    "No findings at the June food safety audit",
]
PPT_RIGHT = [
    "What needs work",
    "Waste at the City shops is still 8% of bake",
    "Two delivery vans are over 10 years old",
    "Online orders take 3 days to reach Coast customers",
]
PPT_HIDDEN_TITLE = "Draft – Eastgate shop (not for the board pack)"
PPT_HIDDEN = [
    ("Proposal: close the Eastgate shop on 27 September 2025", 0),
    ("Move its 6 staff to the Quayside and City shops", 0),
    ("The lease break saves €58,000 a year", 0),
]
PPT_PRIORITIES = [
    ("Replace the two oldest delivery vans by October", 0),
    ("Cut shop waste to 5% of bake", 0),
    ("Launch the rye sourdough range in all shops on 1 September", 0),
    ("Start Sunday opening at Quayside", 0),
]
PPT_PRIORITIES_NOTES = (
    "The rye range was trialled at the Ashby bakery, and 1,800 loaves were sold in the trial weeks. "
    "The two new vans are budgeted at €96,000 together."
)


def make_pptx(path: pathlib.Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()

    def bullets(title, items, notes=None):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = title
        tf = s.placeholders[1].text_frame
        for k, (text, level) in enumerate(items):
            p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            p.text = text
            p.level = level
        if notes:
            s.notes_slide.notes_text_frame.text = notes
        return s

    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = PPT_TITLE
    s.placeholders[1].text = PPT_SUBTITLE

    bullets("Highlights of the quarter", PPT_HIGHLIGHTS, PPT_HIGHLIGHTS_NOTES)

    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Sales by region"
    rows = [PPT_TABLE_HEADER] + PPT_TABLE_ROWS
    tbl = s.shapes.add_table(len(rows), 4, Inches(0.8), Inches(1.8), Inches(8.4), Inches(3.6)).table
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            tbl.cell(i, j).text = v

    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Lessons from the quarter"
    for x, lines in ((0.5, PPT_LEFT), (5.1, PPT_RIGHT)):
        tf = s.shapes.add_textbox(Inches(x), Inches(1.7), Inches(4.4), Inches(4.2)).text_frame
        tf.word_wrap = True
        for k, line in enumerate(lines):
            p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            p.text = line
            p.font.size = Pt(22 if k == 0 else 18)
            p.font.bold = k == 0

    hidden = bullets(PPT_HIDDEN_TITLE, PPT_HIDDEN)
    hidden._element.set("show", "0")

    bullets("Priorities for Q3", PPT_PRIORITIES, PPT_PRIORITIES_NOTES)

    cp = prs.core_properties
    cp.title = "Quarterly review Q2 2025"
    cp.author = "Alina Brodsky"
    cp.last_modified_by = "Alina Brodsky"
    cp.revision = 3
    cp.created = dt.datetime(2025, 7, 10, 8, 0, 0)
    cp.modified = dt.datetime(2025, 7, 16, 17, 45, 0)
    cp.last_printed = dt.datetime(2025, 7, 16, 17, 50, 0)
    buf = io.BytesIO()
    prs.save(buf)
    path.write_bytes(repack(buf.getvalue()))


# ======================================================================= 3. e-mails
ROTA = "rota-change.eml"
ROTA_FROM = "Marta Kowalczyk <m.kowalczyk@fernhill-house.example>"
ROTA_TO = "Café team <cafe-team@fernhill-house.example>"
ROTA_SUBJECT = "Café rota change from Monday 12 May"
ROTA_DATE = "Wed, 07 May 2025 15:20:00 +0100"
ROTA_ATTACHMENT = "cafe-rota-week-20.csv"
ROTA_PARAS = [
    "Hi all,",
    "Because the dining room floor is being resealed, the café rota changes for the week of 12 May. "
    "The café will open at 08:30 instead of 07:30 from Monday 12 May to Friday 16 May. "
    "Joanne Pirie will run the early shift on Tuesday and Thursday, and Sam Adeyemi will cover the "
    "Saturday afternoon shift. "
    "Hot food will be served from the terrace kitchen that week, and the salad bar is closed until "
    "Monday 19 May.",
    f"The updated rota is attached as {ROTA_ATTACHMENT}; please check your shifts and tell me about "
    "any problems by Friday 9 May.",
    "Thanks,\nMarta",
    "Marta Kowalczyk\nCatering Manager, Fernhill House\nTel. 01632 559 204",
]
ROTA_CSV = (
    "Day,Date,Early shift (08:30-14:00),Late shift (13:30-19:00)\r\n"
    "Monday,12 May,Leah Dunmore,Kofi Mensah\r\n"
    "Tuesday,13 May,Joanne Pirie,Kofi Mensah\r\n"
    "Wednesday,14 May,Leah Dunmore,Ravi Chauhan\r\n"
    "Thursday,15 May,Joanne Pirie,Ravi Chauhan\r\n"
    "Friday,16 May,Leah Dunmore,Kofi Mensah\r\n"
    "Saturday,17 May,Ravi Chauhan,Sam Adeyemi\r\n"
)

QUOTE = "supplier-quote.eml"
QUOTE_FROM = "Declan Furlong <d.furlong@pellworth-linen.example>"
QUOTE_TO = "Inés Calderón <ines@cafemarisol.example>"
QUOTE_SUBJECT = "Quotation Q-2291 – table linen for Café Marisol"
QUOTE_DATE = "Mon, 19 May 2025 09:05:00 +0100"
QUOTE_HEADER = ["Item", "Per week", "Price each", "Weekly total"]
QUOTE_ROWS = [
    ["Tablecloth, white, 180 x 180 cm", "60", "€1.85", "€111.00"],
    ["Napkin, white, 50 x 50 cm", "400", "€0.32", "€128.00"],
    ["Bistro apron, charcoal", "25", "€0.95", "€23.75"],
    ["Tea towel, blue check", "80", "€0.28", "€22.40"],
]
QUOTE_P1 = (
    "Thank you for your enquiry of 14 May. Please find our quotation Q-2291 for weekly linen "
    "hire below. All prices exclude VAT and are valid until 30 June 2025."
)
QUOTE_P2 = "We deliver on Tuesdays and Fridays before 10:00, and a minimum order of €150.00 per week applies."
QUOTE_P3 = "If you accept by 6 June, we can make the first delivery on Tuesday 17 June."


def _html_page(body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
        '<body style="font-family: Arial, sans-serif; font-size: 14px">\n' + body + "</body></html>\n"
    )


def make_rota(path: pathlib.Path) -> None:
    msg = EmailMessage(policy=policy.default)
    msg["From"] = ROTA_FROM
    msg["To"] = ROTA_TO
    msg["Subject"] = ROTA_SUBJECT
    msg["Date"] = ROTA_DATE
    msg["Message-ID"] = "<20250507142000.7c1e@fernhill-house.example>"
    msg.set_content("\n\n".join(ROTA_PARAS) + "\n")
    html = "".join("<p>" + escape(p).replace("\n", "<br>\n") + "</p>\n" for p in ROTA_PARAS)
    msg.add_alternative(_html_page(html), subtype="html")
    msg.add_attachment(ROTA_CSV.encode("utf-8"), maintype="text", subtype="csv", filename=ROTA_ATTACHMENT)
    msg.set_boundary("==============fernhill-mixed-0001==")
    msg.get_payload()[0].set_boundary("==============fernhill-alt-0002==")
    path.write_bytes(bytes(msg))


def make_quote(path: pathlib.Path) -> None:
    msg = EmailMessage(policy=policy.default)
    msg["From"] = QUOTE_FROM
    msg["To"] = QUOTE_TO
    msg["Subject"] = QUOTE_SUBJECT
    msg["Date"] = QUOTE_DATE
    msg["Message-ID"] = "<Q2291.20250519080500@pellworth-linen.example>"
    cells = lambda tag, r: "".join(f"<{tag}>{escape(c)}</{tag}>" for c in r)  # noqa: E731
    table = (
        '<table border="1" cellpadding="4" style="border-collapse: collapse">\n'
        f"<tr>{cells('th', QUOTE_HEADER)}</tr>\n"
        + "".join(f"<tr>{cells('td', r)}</tr>\n" for r in QUOTE_ROWS)
        + "</table>\n"
    )
    body = (
        "<p>Dear Inés,</p>\n"
        f"<p>{escape(QUOTE_P1)}</p>\n" + table + f"<p>{escape(QUOTE_P2)}</p>\n<p>{escape(QUOTE_P3)}</p>\n"
        "<p>Kind regards,<br>\nDeclan Furlong<br>\nSales Manager, Pellworth Linen Services<br>\n"
        "Unit 4, Canal Side Estate, Pellworth</p>\n"
    )
    msg.set_content(_html_page(body), subtype="html")
    path.write_bytes(bytes(msg))


# ======================================================================= ODF helpers
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
GENERATOR = "LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/60$Build-1"


def x(s: str) -> str:
    return escape(s, {'"': "&quot;"})


def odf_meta(title: str, created: str, modified: str, creator: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {NSDECL} office:version="1.3"><office:meta>'
        f"<meta:creation-date>{created}</meta:creation-date>"
        f"<dc:date>{modified}</dc:date>"
        f"<meta:editing-cycles>4</meta:editing-cycles>"
        f"<meta:generator>{GENERATOR}</meta:generator>"
        f"<dc:title>{x(title)}</dc:title>"
        f"<meta:initial-creator>{x(creator)}</meta:initial-creator>"
        f"<dc:creator>{x(creator)}</dc:creator>"
        "</office:meta></office:document-meta>\n"
    )


def odf_manifest(mimetype: str) -> str:
    entries = [("/", mimetype), ("content.xml", "text/xml"), ("styles.xml", "text/xml"), ("meta.xml", "text/xml")]
    body = "".join(
        f' <manifest:file-entry manifest:full-path="{p}"'
        + (' manifest:version="1.3"' if p == "/" else "")
        + f' manifest:media-type="{m}"/>\n'
        for p, m in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">\n' + body + "</manifest:manifest>\n"
    )


def write_package(path: pathlib.Path, mimetype: str | None, files: list[tuple[str, str]]) -> None:
    """A zip with a stored 'mimetype' entry first (when given) and fixed entry dates."""
    with zipfile.ZipFile(path, "w") as z:
        if mimetype:
            zi = zipfile.ZipInfo("mimetype", date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_STORED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, mimetype)
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data.encode("utf-8"))


def odf_package(path, mimetype, content, styles, meta):
    write_package(
        path,
        mimetype,
        [
            ("content.xml", content),
            ("styles.xml", styles),
            ("meta.xml", meta),
            ("META-INF/manifest.xml", odf_manifest(mimetype)),
        ],
    )


# ======================================================================= 4. text document
ODT = "site-handbook.odt"
ODT_TITLE = "Kelso Road Depot – Site handbook for contractors"
ODT_SUBTITLE = "Arden Vale Logistics Ltd · Edition 3 · March 2025"
ODT_DELETED = "Cars may also use the visitor bays in front of Building A until 09:00."
ODT_COMMENT = (
    "Saturday mornings, 08:00 to 13:00, will be allowed from June. Confirm with Callum before we tell contractors."
)
ODT_BRING = [
    "photo identification;",
    "a valid CSCS card or an equivalent skills card;",
    "the method statement for your job, signed by your supervisor;",
    "your own safety boots (S3 standard).",
]
ODT_PPE_HEADER = ["Area", "Minimum PPE", "Notes"]
ODT_PPE_ROWS = [
    ["Yard and loading docks", "Hi-vis vest, safety boots, hard hat", "Hard hat not needed inside a vehicle cab"],
    [
        "Cold store (−25 °C)",
        "Insulated jacket, gloves and boots",
        "Maximum 45 minutes at a time, then a 15 minute break",
    ],
    ["Battery charging room", "Face shield, acid-resistant gloves", "Eye wash station beside the door"],
    ["Offices and canteen", "None", ""],
]


def make_odt(path: pathlib.Path) -> None:
    def p(text_xml, style="Text_20_body"):
        return f'<text:p text:style-name="{style}">{text_xml}</text:p>\n'

    def h(text, level):
        return f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{x(text)}</text:h>\n'

    def cell(text, style):
        inner = (
            f'<text:p text:style-name="{style}">{x(text)}</text:p>' if text else f'<text:p text:style-name="{style}"/>'
        )
        return f'<table:table-cell table:style-name="Table1.A1" office:value-type="string">{inner}</table:table-cell>'

    tracked = (
        '<text:tracked-changes text:track-changes="false">'
        '<text:changed-region xml:id="ct94151820864" text:id="ct94151820864"><text:deletion>'
        "<office:change-info><dc:creator>Nadia Brook</dc:creator><dc:date>2025-03-04T10:12:00</dc:date>"
        "</office:change-info>"
        f'<text:p text:style-name="Text_20_body">{x(ODT_DELETED)}</text:p>'
        "</text:deletion></text:changed-region></text:tracked-changes>\n"
    )
    annotation = (
        '<office:annotation office:name="__Annotation__1_1742">'
        "<dc:creator>Nadia Brook</dc:creator><dc:date>2025-03-05T09:30:00</dc:date>"
        f'<text:p text:style-name="P3">{x(ODT_COMMENT)}</text:p></office:annotation>'
    )
    bring = (
        '<text:list xml:id="list3721" text:style-name="L1">'
        + "".join(f'<text:list-item><text:p text:style-name="P1">{x(t)}</text:p></text:list-item>' for t in ODT_BRING)
        + "</text:list>\n"
    )
    table = (
        '<table:table table:name="Table1" table:style-name="Table1">'
        '<table:table-column table:style-name="Table1.A" table:number-columns-repeated="3"/>'
        "<table:table-header-rows><table:table-row>"
        + "".join(cell(c, "Table_20_Heading") for c in ODT_PPE_HEADER)
        + "</table:table-row></table:table-header-rows>"
        + "".join(
            "<table:table-row>" + "".join(cell(c, "Table_20_Contents") for c in r) + "</table:table-row>"
            for r in ODT_PPE_ROWS
        )
        + "</table:table>\n"
    )
    body = (
        tracked
        + p(x(ODT_TITLE), "Title")
        + p(x(ODT_SUBTITLE), "Subtitle")
        + h("1 Arriving on site", 1)
        + p(
            "All contractors must sign in at the gatehouse on Kelso Road before starting work and sign "
            "out again when they leave."
        )
        + p(
            "The site induction takes about 40 minutes and runs at 07:15 and 12:45 every weekday in the "
            "training room above the gatehouse. You cannot start work until you have done it."
        )
        + p("Please bring the following on your first visit:")
        + bring
        + h("1.1 Parking", 2)
        + p(
            "Contractor vans park in the yard behind Building B, bays 40 to 58. "
            '<text:change text:change-id="ct94151820864"/>Do not park on the marked walkways.'
        )
        + h("2 Working hours and traffic", 1)
        + p(
            "Normal working hours are 07:00 to 18:00, Monday to Friday."
            + annotation
            + " Work outside these hours needs written approval from the duty manager."
        )
        + p(
            "The speed limit everywhere on site is <text:s/>10 km/h, and no vehicle may reverse in the "
            "yard without a banksman."
        )
        + p('Hot work permits are issued by the duty manager,<text:s text:c="2"/>Callum Reid, on extension 2214.')
        + h("3 Personal protective equipment", 1)
        + p("The table below sets out the minimum personal protective equipment for each area.")
        + table
        + p("Visitors who only go to the offices need no personal protective equipment.")
        + h("4 Emergencies", 1)
        + p("If you discover a fire, raise the alarm at the nearest call point and leave by the nearest safe exit.")
        + p("The assembly point is the grass area beside the main gate, marked A1.")
        + p("Gatehouse (24 hours): 01632 770 410<text:line-break/>Security control room: 01632 770 499")
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {NSDECL} office:version="1.3">\n'
        "<office:automatic-styles>"
        '<style:style style:name="Table1" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>'
        '<style:style style:name="Table1.A" style:family="table-column"><style:table-column-properties style:column-width="5.667cm"/></style:style>'
        '<style:style style:name="Table1.A1" style:family="table-cell"><style:table-cell-properties fo:padding="0.097cm" fo:border="0.5pt solid #000000"/></style:style>'
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body" style:list-style-name="L1"/>'
        '<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Standard"/>'
        '<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•">'
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        '<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.27cm" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/>'
        "</style:list-level-properties></text:list-level-style-bullet></text:list-style>"
        "</office:automatic-styles>\n"
        "<office:body><office:text>\n" + body + "</office:text></office:body></office:document-content>\n"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {NSDECL} office:version="1.3"><office:styles>'
        '<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:text-properties fo:font-size="11pt"/></style:style>'
        '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-bottom="0.247cm"/></style:style>'
        '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:text-properties fo:font-size="22pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:text-properties fo:font-size="14pt"/></style:style>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>'
        '<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:styles></office:document-styles>\n"
    )
    meta = odf_meta(ODT_TITLE, "2025-02-20T14:02:00", "2025-03-05T09:31:00", "Nadia Brook")
    odf_package(path, "application/vnd.oasis.opendocument.text", content, styles, meta)


# ======================================================================= 5. spreadsheet (ODS)
ODS = "events-budget.ods"
ODS_TITLE = "Harrowgate Arts Festival 2025 – events budget"
ODS_EVENTS_HEADER = ["Event", "Venue", "Date", "Budget", "Spent to date", "Used"]
# event, venue, date, budget, spent  (Used = spent / budget)
ODS_EVENTS = [
    ("Opening concert", "St Aldric's Church", D(2025, 6, 13), 4800, 3984),
    ("Poetry evening", "Corn Exchange, Room 2", D(2025, 6, 14), 1250, 1100),
    ("Children's lantern parade", "Market Square", D(2025, 6, 15), 2600, 2340),
    ("Jazz on the river", "Weir Meadow", D(2025, 6, 20), 6400, 4160),
    ("Printmaking workshop", "Harrowgate Library", D(2025, 6, 21), 900, 315),
    ("Closing ceilidh", "Corn Exchange, Main Hall", D(2025, 6, 22), 3750, 1500),
]
ODS_INCOME_HEADER = ["Source", "Amount", "Status"]
ODS_INCOME = [
    ("Harrowgate Town Council grant", 8000, "Confirmed"),
    ("Arts Fund North", 5500, "Confirmed"),
    ("Ticket sales (forecast)", 4900, "Forecast"),
    ("Business sponsorship – Pelham & Co.", 1500, "Awaiting reply"),
]
ODS_CANCELLED_HEADER = ["Event", "Venue", "Date", "Budget", "Reason"]
ODS_CANCELLED = [
    ("Outdoor cinema night", "Abbey Green", D(2025, 6, 28), 3200, "Cancelled on 2 April: licence refused"),
]


def ods_events_cells(r) -> list[str]:
    ev, venue, d, budget, spent = r
    return [ev, venue, show_date(d), show_money(budget), show_money(spent), show_pct(Decimal(spent) / Decimal(budget))]


def ods_income_cells(r) -> list[str]:
    return [r[0], show_money(r[1]), r[2]]


def make_ods(path: pathlib.Path) -> None:
    ncols = 6

    def s(text):
        return f'<table:table-cell office:value-type="string"><text:p>{x(text)}</text:p></table:table-cell>'

    def hs(text):
        return f'<table:table-cell table:style-name="ce1" office:value-type="string"><text:p>{x(text)}</text:p></table:table-cell>'

    def money(v):
        return (
            f'<table:table-cell table:style-name="ce2" office:value-type="currency" office:currency="EUR" '
            f'office:value="{v}"><text:p>{show_money(v)}</text:p></table:table-cell>'
        )

    def pct(v):
        return (
            f'<table:table-cell table:style-name="ce3" office:value-type="percentage" office:value="{v}">'
            f"<text:p>{show_pct(v)}</text:p></table:table-cell>"
        )

    def date(d):
        return (
            f'<table:table-cell table:style-name="ce4" office:value-type="date" office:date-value="{d.isoformat()}">'
            f"<text:p>{show_date(d)}</text:p></table:table-cell>"
        )

    def row(cells):
        pad = ncols - len(cells)
        tail = (
            f'<table:table-cell table:number-columns-repeated="{pad}"/>'
            if pad > 1
            else ("<table:table-cell/>" if pad == 1 else "")
        )
        return '<table:table-row table:style-name="ro1">' + "".join(cells) + tail + "</table:table-row>\n"

    empty = row([])
    filler = (
        f'<table:table-row table:style-name="ro1" table:number-rows-repeated="1000">'
        f'<table:table-cell table:number-columns-repeated="{ncols}"/></table:table-row>\n'
    )

    def sheet(name, style, rows):
        return (
            f'<table:table table:name="{x(name)}" table:style-name="{style}">\n'
            f'<table:table-column table:style-name="co1" table:default-cell-style-name="Default"/>'
            f'<table:table-column table:style-name="co2" table:number-columns-repeated="{ncols - 1}" '
            'table:default-cell-style-name="Default"/>\n' + "".join(rows) + filler + "</table:table>\n"
        )

    ev_rows = [row([s(ODS_TITLE)]), empty, row([hs(h) for h in ODS_EVENTS_HEADER])]
    for ev, venue, d, budget, spent in ODS_EVENTS:
        ev_rows.append(
            row([s(ev), s(venue), date(d), money(budget), money(spent), pct(Decimal(spent) / Decimal(budget))])
        )
    tb = sum(r[3] for r in ODS_EVENTS)
    tsp = sum(r[4] for r in ODS_EVENTS)
    ev_rows.append(
        row(
            [
                s("Total"),
                "<table:table-cell/>",
                "<table:table-cell/>",
                money(tb),
                money(tsp),
                pct(Decimal(tsp) / Decimal(tb)),
            ]
        )
    )

    in_rows = [row([hs(h) for h in ODS_INCOME_HEADER])]
    for src, amt, status in ODS_INCOME:
        in_rows.append(row([s(src), money(amt), s(status)]))
    in_rows.append(row([s("Total"), money(sum(r[1] for r in ODS_INCOME))]))

    ca_rows = [row([hs(h) for h in ODS_CANCELLED_HEADER])]
    for ev, venue, d, budget, reason in ODS_CANCELLED:
        ca_rows.append(row([s(ev), s(venue), date(d), money(budget), s(reason)]))

    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {NSDECL} office:version="1.3">\n'
        "<office:automatic-styles>"
        '<style:style style:name="co1" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="5.8cm"/></style:style>'
        '<style:style style:name="co2" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="3.4cm"/></style:style>'
        '<style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:row-height="0.452cm" fo:break-before="auto" style:use-optimal-row-height="true"/></style:style>'
        '<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>'
        '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
        '<number:currency-style style:name="N122P0" style:volatile="true"><number:currency-symbol number:language="en" number:country="IE">€</number:currency-symbol><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:currency-style>'
        '<number:currency-style style:name="N122"><style:text-properties fo:color="#ff0000"/><number:text>-</number:text><number:currency-symbol number:language="en" number:country="IE">€</number:currency-symbol><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/><style:map style:condition="value()&gt;=0" style:apply-style-name="N122P0"/></number:currency-style>'
        '<number:percentage-style style:name="N11"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>'
        '<number:date-style style:name="N79"><number:day/><number:text> </number:text><number:month number:textual="true"/><number:text> </number:text><number:year number:style="long"/></number:date-style>'
        '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N122"/>'
        '<style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N11"/>'
        '<style:style style:name="ce4" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N79"/>'
        "</office:automatic-styles>\n"
        "<office:body><office:spreadsheet>\n"
        + sheet("Events", "ta1", ev_rows)
        + sheet("Income", "ta1", in_rows)
        + sheet("Cancelled", "ta2", ca_rows)
        + "</office:spreadsheet></office:body></office:document-content>\n"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {NSDECL} office:version="1.3"><office:styles>'
        '<style:style style:name="Default" style:family="table-cell"><style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt"/></style:style>'
        "</office:styles><office:automatic-styles>"
        '<style:page-layout style:name="Mpm1"><style:page-layout-properties style:writing-mode="lr-tb"/></style:page-layout>'
        "</office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Default" style:page-layout-name="Mpm1"/>'
        "</office:master-styles></office:document-styles>\n"
    )
    meta = odf_meta(ODS_TITLE, "2025-03-18T11:20:00", "2025-04-03T16:05:00", "Owen Tresize")
    odf_package(path, "application/vnd.oasis.opendocument.spreadsheet", content, styles, meta)


# ======================================================================= 6. presentation (ODP)
ODP = "induction-talk.odp"
ODP_FOOTER = "Brightwater Leisure Trust – staff induction 2025"
# (title, subtitle-or-None, bullets, notes, hidden)
ODP_SLIDES = [
    (
        "Welcome to Brightwater Leisure",
        "Induction for new staff · 1 September 2025 · Marlow Road Centre",
        [],
        None,
        False,
    ),
    (
        "Your first week",
        None,
        [
            "Collect your ID badge and locker key from reception on day one",
            "Pool safety briefing with Hamid Osei on Tuesday at 10:00 in the poolside classroom",
            "Complete the online fire safety module by Friday",
            "Shadow a duty manager for one full shift",
        ],
        "Uniform: everyone gets two polo shirts and one fleece free of charge. "
        "Extra polo shirts cost €12.50 each, taken from the next payslip.",
        False,
    ),
    (
        "Pay and leave",
        None,
        [
            "Pay day is the 28th of each month",
            "Annual leave: 25 days plus bank holidays, rising to 28 days after five years",
            "Overtime is paid at time and a half after 40 hours in a week",
        ],
        None,
        False,
    ),
    (
        "Shift patterns from 2026 (draft)",
        None,
        [
            "Early shifts to start at 05:45 instead of 06:15",
            "Four-day week trial for pool staff from March 2026",
        ],
        None,
        True,
    ),
    (
        "Who to ask",
        None,
        [
            "HR and payroll: Priya Anand, extension 214",
            "Health and safety: Colm Davey, extension 230",
            "Rotas and shift swaps: your duty manager",
        ],
        "The first-aid room key hangs in the duty office on hook 4. "
        "Accident forms are in the blue folder behind reception.",
        False,
    ),
    ("Questions?", None, ["Ask now, or e-mail induction@brightwater-leisure.example"], None, False),
]


def make_odp(path: pathlib.Path) -> None:
    def frame(cls, x_cm, y_cm, w_cm, h_cm, inner, style="pr1"):
        return (
            f'<draw:frame presentation:style-name="{style}" draw:layer="layout" svg:width="{w_cm}cm" '
            f'svg:height="{h_cm}cm" svg:x="{x_cm}cm" svg:y="{y_cm}cm" presentation:class="{cls}" '
            f'presentation:user-transformed="true"><draw:text-box>{inner}</draw:text-box></draw:frame>'
        )

    pages = []
    for n, (title, subtitle, items, notes, hidden) in enumerate(ODP_SLIDES, start=1):
        parts = [frame("title", "1.4", "0.837", "25.2", "2.629", f"<text:p>{x(title)}</text:p>")]
        if subtitle:
            parts.append(frame("subtitle", "1.4", "4.2", "25.2", "3.2", f"<text:p>{x(subtitle)}</text:p>", "pr2"))
        if items:
            lst = (
                '<text:list text:style-name="L2">'
                + "".join(f"<text:list-item><text:p>{x(t)}</text:p></text:list-item>" for t in items)
                + "</text:list>"
            )
            parts.append(frame("outline", "1.4", "3.685", "25.2", "9.134", lst, "pr3"))
        parts.append(frame("footer", "9.7", "14.3", "8.6", "0.9", f"<text:p>{x(ODP_FOOTER)}</text:p>", "pr4"))
        notes_xml = (
            '<presentation:notes draw:style-name="dp3">'
            f'<draw:page-thumbnail draw:style-name="gr1" draw:layer="layout" svg:width="13.968cm" '
            f'svg:height="7.857cm" svg:x="3.81cm" svg:y="2.123cm" draw:page-number="{n}" presentation:class="page"/>'
            '<draw:frame presentation:style-name="pr5" draw:text-style-name="P1" draw:layer="layout" '
            'svg:width="17.271cm" svg:height="12.572cm" svg:x="2.159cm" svg:y="11.309cm" '
            'presentation:class="notes" presentation:placeholder="' + ("false" if notes else "true") + '">'
            "<draw:text-box>" + (f"<text:p>{x(notes)}</text:p>" if notes else "") + "</draw:text-box></draw:frame>"
            "</presentation:notes>"
        )
        pages.append(
            f'<draw:page draw:name="page{n}" draw:style-name="{"dp2" if hidden else "dp1"}" '
            f'draw:master-page-name="Default" presentation:presentation-page-layout-name="{"AL1T0" if n == 1 else "AL2T1"}">'
            + "".join(parts)
            + notes_xml
            + "</draw:page>\n"
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {NSDECL} office:version="1.3">\n'
        "<office:automatic-styles>"
        '<style:style style:name="dp1" style:family="drawing-page"><style:drawing-page-properties presentation:background-visible="true" presentation:background-objects-visible="true" presentation:display-footer="true" presentation:display-page-number="false" presentation:display-date-time="false"/></style:style>'
        '<style:style style:name="dp2" style:family="drawing-page"><style:drawing-page-properties presentation:visibility="hidden"/></style:style>'
        '<style:style style:name="dp3" style:family="drawing-page"/>'
        '<style:style style:name="gr1" style:family="graphic"><style:graphic-properties draw:fill="none"/></style:style>'
        '<style:style style:name="pr1" style:family="presentation" style:parent-style-name="Default-title"/>'
        '<style:style style:name="pr2" style:family="presentation" style:parent-style-name="Default-subtitle"/>'
        '<style:style style:name="pr3" style:family="presentation" style:parent-style-name="Default-outline1"/>'
        '<style:style style:name="pr4" style:family="presentation" style:parent-style-name="Default-background-objects"/>'
        '<style:style style:name="pr5" style:family="presentation" style:parent-style-name="Default-notes"/>'
        '<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:margin-left="0cm"/></style:style>'
        '<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="●">'
        '<style:list-level-properties text:space-before="0.3cm" text:min-label-width="0.9cm"/>'
        "</text:list-level-style-bullet></text:list-style>"
        "</office:automatic-styles>\n"
        "<office:body><office:presentation>\n"
        + "".join(pages)
        + '<presentation:settings presentation:mouse-visible="false"/>'
        + "</office:presentation></office:body></office:document-content>\n"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {NSDECL} office:version="1.3"><office:styles>'
        '<style:style style:name="Default-title" style:family="presentation"><style:text-properties fo:font-size="40pt"/></style:style>'
        '<style:style style:name="Default-subtitle" style:family="presentation"><style:text-properties fo:font-size="28pt"/></style:style>'
        '<style:style style:name="Default-outline1" style:family="presentation"><style:text-properties fo:font-size="26pt"/></style:style>'
        '<style:style style:name="Default-background-objects" style:family="presentation"><style:text-properties fo:font-size="12pt"/></style:style>'
        '<style:style style:name="Default-notes" style:family="presentation"><style:text-properties fo:font-size="16pt"/></style:style>'
        "</office:styles><office:automatic-styles>"
        '<style:page-layout style:name="PM1"><style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout>'
        '<style:style style:name="Mdp1" style:family="drawing-page"><style:drawing-page-properties draw:fill="solid" draw:fill-color="#ffffff"/></style:style>'
        "</office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Default" style:page-layout-name="PM1" draw:style-name="Mdp1"/>'
        "</office:master-styles></office:document-styles>\n"
    )
    meta = odf_meta(
        "Welcome to Brightwater Leisure – staff induction", "2025-08-12T10:00:00", "2025-08-28T15:40:00", "Priya Anand"
    )
    odf_package(path, "application/vnd.oasis.opendocument.presentation", content, styles, meta)


# ======================================================================= 7. EPUB
EPUB = "harbour-history.epub"
BOOK_TITLE = "Stone and Tide: A Short History of Port Calloway Harbour"
BOOK_AUTHOR = "Miriam Tolland"
CHAPTERS = [
    (
        "A Fishing Cove, 1700 to 1800",
        [
            "In 1700 Port Calloway was a cove of eleven cottages at the mouth of the River Fenn, and its boats "
            "were hauled up on the shingle every night.",
            "The first stone quay was built in 1764 by the merchant Josiah Penhallow, who paid for it himself "
            "and charged a toll of one penny on every barrel of pilchards landed there.",
            "By 1790 the parish registers count 46 fishing boats working out of the cove, most of them crewed "
            "by three or four men of the same family.",
            "Salt for curing the catch came by sea from Brittany, and the cellars where it was stored still "
            "stand behind the houses of Quay Street.",
        ],
    ),
    (
        "Rails and Breakwaters, 1800 to 1900",
        [
            "The Harbour Commissioners were set up by Act of Parliament in 1849, and they collected dues from "
            "every ship that tied up in the harbour.",
            "The Calloway and Wenmouth Railway reached the harbour on 14 March 1853, and the first train "
            "carried ninety tons of slate down to the quay.",
            "Work on the north breakwater began in 1862 under the engineer Thomas Brannigan; when it was "
            "finished in 1871 it was 610 metres long and had cost £84,000.",
            "In 1880 the harbour handled 312,000 tons of cargo, more than half of it slate and china clay.",
        ],
    ),
    (
        "Storm and War, 1900 to 1950",
        [
            "On the night of 9 January 1928 a south-westerly gale drove the sea over the breakwater, and 17 "
            "vessels sank or were wrecked inside the harbour.",
            "The lifeboat Morwenna Grace, under coxswain Elias Trebilcock, rescued 23 people that night, and "
            "Trebilcock was awarded the silver medal of the lifeboat institution.",
            "During the Second World War the harbour was a base for minesweepers.",
            "In 1941 Agnes Trevenna became the first woman to serve as harbour master at Port Calloway, a post "
            "she held until 1953.",
        ],
    ),
    (
        "The Modern Harbour, 1950 to Today",
        [
            "The last cargo of slate left the quay in 1962, and the railway closed to goods traffic two years later.",
            "The marina in the old inner basin opened in 1989 with 240 berths, and it was enlarged to 310 "
            "berths in 2006.",
            "The fish market on the north quay closed in 2011, when the remaining fleet of nine boats began "
            "landing its catch at Wenmouth.",
            "Today the ferry to the Isle of Skerrin sails from the south quay twice a day between April and "
            "October, and the crossing takes 55 minutes.",
        ],
    ),
]


def _xhtml(title: str, body: str, extra_ns: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"{extra_ns} '
        'xml:lang="en" lang="en">\n'
        f'<head>\n<meta charset="UTF-8"/>\n<title>{x(title)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
        f"<body>\n{body}</body>\n</html>\n"
    )


def make_epub(path: pathlib.Path) -> None:
    files = [
        (
            "META-INF/container.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
            "  <rootfiles>\n"
            '    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>\n'
            "  </rootfiles>\n</container>\n",
        )
    ]
    chap_files = []
    for i, (title, paras) in enumerate(CHAPTERS, start=1):
        body = (
            f'<section epub:type="chapter" id="chapter{i}">\n<h1>{i}. {x(title)}</h1>\n'
            + "".join(f"<p>{x(p)}</p>\n" for p in paras)
            + "</section>\n"
        )
        chap_files.append((f"chapter{i}.xhtml", _xhtml(f"{i}. {title}", body)))
    nav = (
        '<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n'
        + "".join(
            f'<li><a href="chapter{i}.xhtml">{i}. {x(t)}</a></li>\n' for i, (t, _) in enumerate(CHAPTERS, start=1)
        )
        + "</ol>\n</nav>\n"
    )
    cover = (
        '<section epub:type="cover" class="cover">\n'
        f'<p class="title">{x(BOOK_TITLE)}</p>\n<p class="author">{x(BOOK_AUTHOR)}</p>\n'
        '<p class="publisher">Calloway Heritage Society · Second edition, 2024</p>\n</section>\n'
    )
    css = (
        "body { font-family: serif; line-height: 1.4; }\n"
        "h1 { font-size: 1.5em; margin: 1em 0; }\n"
        ".cover { text-align: center; margin-top: 30%; }\n.cover .title { font-size: 2em; }\n"
    )
    opf = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid" xml:lang="en">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        '  <dc:identifier id="bookid">urn:uuid:6f1c2a4e-93d0-4b8e-a1f7-2c5e8d940b31</dc:identifier>\n'
        f"  <dc:title>{x(BOOK_TITLE)}</dc:title>\n"
        f"  <dc:creator>{x(BOOK_AUTHOR)}</dc:creator>\n"
        "  <dc:language>en</dc:language>\n"
        "  <dc:publisher>Calloway Heritage Society</dc:publisher>\n"
        "  <dc:date>2024-05-01</dc:date>\n"
        '  <meta property="dcterms:modified">2024-05-01T00:00:00Z</meta>\n'
        "</metadata>\n<manifest>\n"
        '  <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n'
        '  <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>\n'
        '  <item id="css" href="style.css" media-type="text/css"/>\n'
        + "".join(
            f'  <item id="chapter{i}" href="chapter{i}.xhtml" media-type="application/xhtml+xml"/>\n'
            for i in range(1, len(CHAPTERS) + 1)
        )
        + "</manifest>\n<spine>\n"
        '  <itemref idref="nav"/>\n  <itemref idref="cover" linear="no"/>\n'
        + "".join(f'  <itemref idref="chapter{i}"/>\n' for i in range(1, len(CHAPTERS) + 1))
        + "</spine>\n</package>\n"
    )
    files += [
        ("OEBPS/content.opf", opf),
        ("OEBPS/nav.xhtml", _xhtml("Contents", nav)),
        ("OEBPS/cover.xhtml", _xhtml(BOOK_TITLE, cover)),
        ("OEBPS/style.css", css),
    ]
    files += [(f"OEBPS/{n}", t) for n, t in chap_files]
    write_package(path, "application/epub+zip", files)


# ======================================================================= main
MAKERS = [
    (XLSX, make_xlsx),
    (PPTX, make_pptx),
    (ROTA, make_rota),
    (QUOTE, make_quote),
    (ODT, make_odt),
    (ODS, make_ods),
    (ODP, make_odp),
    (EPUB, make_epub),
]


def main() -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for name, maker in MAKERS:
        maker(CORPUS / name)
        print(f"wrote corpus/{name} ({(CORPUS / name).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
