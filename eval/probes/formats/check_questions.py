#!/usr/bin/env python3
"""Check questions.jsonl against the documents in corpus/, without the system's code.

The displayed text of each document is extracted here, independently:

  * .xlsx  openpyxl cell values, formatted the way the spreadsheet shows them
           ('"€"#,##0.00' -> €1,480.00, '0%' -> 15%, 'd mmm yyyy' -> 6 May 2025);
           one line per row, non-empty cells joined by single spaces; hidden sheets left out.
  * .pptx  python-pptx: text frames (one line per paragraph), tables (one line per row),
           speaker notes; slides with show="0" left out.
  * .eml   the From, To, Date and Subject headers (decoded), the text/plain body (or the
           text/html body turned into text: one line per block, a table row per line),
           and the attachments' file names.
  * .odt / .ods / .odp  the text of content.xml: <text:s> as spaces, <text:line-break> as a
           line break, a table row as one line; left out: text:tracked-changes (deletions),
           office:annotation (comments), tables and draw:pages whose automatic style hides
           them (table:display="false", presentation:visibility="hidden").
           Speaker notes (presentation:notes) are kept.
  * .epub  the XHTML documents of the spine in order, one line per block element.

For every answerable question:
  * the first answer occurs inside its quote (case-folded, whitespace collapsed);
  * the quote occurs in the displayed text of its source, comparing letters and digits
    only, case-folded; so does the first answer.
For every unanswerable question with an entry in NEAR_MISS below, its key string is
absent from the displayed text and, for the hidden kinds (hidden sheet or slide, tracked
deletion, comment), present in the text that includes the hidden parts. This shows the
near miss is hidden, not missing by accident.
Also: ids unique, schema fields present, types known, every source file exists.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from email import policy
from email.parser import BytesParser

import lxml.html
from lxml import etree

sys.dont_write_bytecode = True

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

TYPES = {"number", "name", "date", "place", "description", "yes_no"}

# id -> (key string, True if it must be present in the hidden parts of the source)
NEAR_MISS = {
    "f-xlsx-oven-price-2023": ("€1,395.00", True),
    "f-xlsx-supplier-fax": ("fax", False),
    "f-pptx-eastgate-closing-date": ("Eastgate", True),
    "f-pptx-eastgate-saving": ("€58,000", True),
    "f-pptx-revenue-q2-2024": ("2024", False),
    "f-rota-sunday-cover": ("Sunday", False),
    "f-quote-chef-jackets": ("jacket", False),
    "f-odt-visitor-bays": ("visitor bays", True),
    "f-odt-saturday-hours": ("Saturday", True),
    "f-odt-edition-2-speed": ("Edition 2", False),
    "f-ods-cinema-budget": ("cinema", True),
    "f-ods-food-market": ("food market", False),
    "f-odp-early-shift-2026": ("05:45", True),
    "f-epub-cargo-1900": ("in 1900", False),
}


def ws(s: str) -> str:
    return " ".join(s.split())


def alnum(s: str) -> str:
    return "".join(c for c in s.casefold() if c.isalnum())


# ------------------------------------------------------------------ xlsx
def xlsx_show(cell) -> str:
    v = cell.value
    if v is None:
        return ""
    fmt = cell.number_format
    if isinstance(v, (dt.datetime, dt.date)):
        assert fmt == "d mmm yyyy", fmt
        return f"{v.day} {v.strftime('%b')} {v.year}"
    if isinstance(v, (int, float)):
        if fmt == '"€"#,##0.00':
            return f"€{Decimal(str(v)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
        if fmt == "0%":
            return f"{(Decimal(str(v)) * 100).quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"
        assert fmt == "General", fmt
        return str(int(v)) if float(v).is_integer() else str(v)
    return str(v)


def xlsx_text(path, hidden=False) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    lines = []
    for sh in wb.worksheets:
        if sh.sheet_state != "visible" and not hidden:
            continue
        lines.append(f"[sheet {sh.title}]")
        for row in sh.iter_rows():
            cells = [xlsx_show(c) for c in row]
            line = " ".join(c for c in cells if c)
            if line:
                lines.append(line)
    return "\n".join(lines)


# ------------------------------------------------------------------ pptx
def pptx_text(path, hidden=False) -> str:
    from pptx import Presentation

    lines = []
    for n, slide in enumerate(Presentation(path).slides, start=1):
        if slide._element.get("show") in ("0", "false") and not hidden:
            continue
        lines.append(f"[slide {n}]")
        for shape in slide.shapes:
            if shape.has_text_frame:
                lines += [p.text for p in shape.text_frame.paragraphs]
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    lines.append(" ".join(c.text for c in row.cells if c.text))
        if slide.has_notes_slide:
            lines.append("[notes] " + slide.notes_slide.notes_text_frame.text)
    return "\n".join(lines)


# ------------------------------------------------------------------ eml
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "title", "blockquote"}


def html_lines(root) -> list[str]:
    lines = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.split("}")[-1].lower()
        if tag == "tr":
            cells = [
                ws("".join(c.itertext()))
                for c in el
                if isinstance(c.tag, str) and c.tag.split("}")[-1].lower() in ("td", "th")
            ]
            lines.append(" ".join(c for c in cells if c))
        elif tag in BLOCKS and tag != "title":
            if el.getparent() is not None and any(
                isinstance(a.tag, str) and a.tag.split("}")[-1].lower() in BLOCKS for a in el.iterancestors()
            ):
                continue  # nested block: the outer block already has its text
            for br in el.iter("br", "{http://www.w3.org/1999/xhtml}br"):
                br.tail = "\n" + (br.tail or "")
            lines.append("\n".join(ws(t) for t in "".join(el.itertext()).split("\n")))
    return [line for line in lines if line.strip()]


def eml_text(path, hidden=False) -> str:
    msg = BytesParser(policy=policy.default).parsebytes(pathlib.Path(path).read_bytes())
    lines = [f"{h}: {msg[h]}" for h in ("From", "To", "Date", "Subject") if msg[h]]
    body = msg.get_body(preferencelist=("plain", "html"))
    content = body.get_content()
    if body.get_content_type() == "text/html":
        lines += html_lines(lxml.html.fromstring(content))
    else:
        lines.append(content)
    for part in msg.iter_attachments():
        lines.append(f"[attachment] {part.get_filename()}")
    return "\n".join(lines)


# ------------------------------------------------------------------ ODF
ODF_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
}


def q(prefix, local):
    return f"{{{ODF_NS[prefix]}}}{local}"


def odf_text(path, hidden=False) -> str:
    root = etree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    hidden_styles = set()
    for st in root.iter(q("style", "style")):
        for props in st:
            if props.get(q("table", "display")) == "false" or props.get(q("presentation", "visibility")) == "hidden":
                hidden_styles.add(st.get(q("style", "name")))

    def inner(el):
        parts = [el.text or ""]
        for ch in el:
            parts.append(render(ch))
            parts.append(ch.tail or "")
        return "".join(parts)

    def render(el):
        if not isinstance(el.tag, str):
            return ""
        tag = el.tag
        if tag == q("text", "s"):
            return " " * int(el.get(q("text", "c"), "1"))
        if tag == q("text", "tab"):
            return "\t"
        if tag == q("text", "line-break"):
            return "\n"
        if tag in (q("text", "tracked-changes"), q("office", "annotation")) and not hidden:
            return ""
        if tag == q("office", "annotation-end"):
            return ""
        if tag == q("table", "table") and el.get(q("table", "style-name")) in hidden_styles and not hidden:
            return ""
        if tag == q("draw", "page") and el.get(q("draw", "style-name")) in hidden_styles and not hidden:
            return ""
        if tag in (q("text", "p"), q("text", "h")):
            return inner(el) + "\n"
        if tag == q("table", "table-row"):
            cells = [ws(render(c)) for c in el if c.tag in (q("table", "table-cell"), q("table", "covered-table-cell"))]
            return " ".join(c for c in cells if c) + "\n"
        return inner(el)

    body = root.find(q("office", "body"))
    return "\n".join(line for line in render(body).split("\n") if line.strip())


# ------------------------------------------------------------------ EPUB
def epub_text(path, hidden=False) -> str:
    z = zipfile.ZipFile(path)
    cont = etree.fromstring(z.read("META-INF/container.xml"))
    opf_path = cont.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    opf = etree.fromstring(z.read(opf_path))
    ns = {"opf": "http://www.idpf.org/2007/opf"}
    base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
    items = {i.get("id"): i.get("href") for i in opf.findall(".//opf:manifest/opf:item", ns)}
    lines = []
    for ref in opf.findall(".//opf:spine/opf:itemref", ns):
        doc = etree.fromstring(z.read(base + items[ref.get("idref")]))
        body = doc.find("{http://www.w3.org/1999/xhtml}body")
        lines += html_lines(body)
    return "\n".join(lines)


EXTRACT = {
    ".xlsx": xlsx_text,
    ".pptx": pptx_text,
    ".eml": eml_text,
    ".odt": odf_text,
    ".ods": odf_text,
    ".odp": odf_text,
    ".epub": epub_text,
}


def displayed_text(name: str, hidden: bool = False) -> str:
    path = CORPUS / name
    return EXTRACT[path.suffix](path, hidden)


def main() -> int:
    if "--dump" in sys.argv:
        for p in sorted(CORPUS.iterdir()):
            print(f"===== {p.name}\n{displayed_text(p.name)}\n")
        return 0
    texts = {p.name: displayed_text(p.name) for p in sorted(CORPUS.iterdir())}
    full = {p.name: displayed_text(p.name, hidden=True) for p in sorted(CORPUS.iterdir())}
    qs = [json.loads(line) for line in open(HERE / "questions.jsonl", encoding="utf-8")]
    keys = {"id", "question", "answerable", "answers", "answer_parts", "evidence", "type"}
    bad = 0
    ids = set()
    for qn in qs:
        qid = qn["id"]
        if qid in ids:
            print("DUPLICATE", qid)
            bad += 1
        ids.add(qid)
        if not keys <= set(qn) or (qn["answerable"] and "paraphrased" not in qn):
            print("MISSING KEYS", qid)
            bad += 1
            continue
        if qn["type"] not in TYPES:
            print("UNKNOWN TYPE", qid, qn["type"])
            bad += 1
        if not qn["answerable"]:
            if qn["answers"] or qn["answer_parts"] or qn["evidence"]:
                print("UNANSWERABLE WITH ANSWERS", qid)
                bad += 1
            src = qid.split("-")[1]
            key = NEAR_MISS.get(qid)
            if key is None:
                print("note: no near-miss key for", qid)
                continue
            name = {
                "xlsx": "stock-and-prices.xlsx",
                "pptx": "quarterly-review.pptx",
                "rota": "rota-change.eml",
                "quote": "supplier-quote.eml",
                "odt": "site-handbook.odt",
                "ods": "events-budget.ods",
                "odp": "induction-talk.odp",
                "epub": "harbour-history.epub",
            }[src]
            s, must_be_hidden = key
            if ws(s).casefold() in ws(texts[name]).casefold():
                print("NEAR-MISS KEY IS DISPLAYED", qid, repr(s))
                bad += 1
            if must_be_hidden and ws(s).casefold() not in ws(full[name]).casefold():
                print("NEAR-MISS KEY NOT IN HIDDEN PART", qid, repr(s))
                bad += 1
            continue
        if not qn["answers"] or not qn["answer_parts"] or not qn["evidence"]:
            print("EMPTY ANSWERS/PARTS/EVIDENCE", qid)
            bad += 1
            continue
        ans = qn["answers"][0]
        for ev in qn["evidence"]:
            t = texts.get(ev["source"])
            if t is None:
                print("NO SOURCE", qid, ev["source"])
                bad += 1
                continue
            quote = ev["quote"]
            if ws(ans).casefold() not in ws(quote).casefold():
                print("ANSWER NOT IN QUOTE", qid, repr(ans))
                bad += 1
            if alnum(quote) not in alnum(t):
                print("QUOTE NOT IN DISPLAYED TEXT", qid, repr(quote))
                bad += 1
            if alnum(ans) not in alnum(t):
                print("ANSWER NOT IN DISPLAYED TEXT", qid, repr(ans))
                bad += 1
        for part in qn["answer_parts"]:
            if not part or not all(isinstance(v, str) and v for v in part):
                print("BAD ANSWER PART", qid)
                bad += 1
    n = sum(qn["answerable"] for qn in qs)
    print(f"{len(qs)} questions ({n} answerable, {len(qs) - n} unanswerable); problems: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
