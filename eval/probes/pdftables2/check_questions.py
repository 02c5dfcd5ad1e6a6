#!/usr/bin/env python3
"""Check questions.jsonl against the PDFs in corpus/ using pypdf's extract_text.

For every answerable question:
  * the first answer occurs in the text of its source PDF after collapsing whitespace
    (and, separately, case-insensitively);
  * the evidence quote occurs in that text after collapsing whitespace, and also under
    the looser letters-and-digits-only comparison;
  * the first answer occurs inside its quote.
Also: ids unique, schema fields present, every source file exists.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys

from pypdf import PdfReader

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


def ws(s: str) -> str:
    return " ".join(s.split())


def alnum(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def main() -> int:
    texts = {}
    pages = {}
    for pdf in sorted(CORPUS.glob("*.pdf")):
        pt = [p.extract_text() or "" for p in PdfReader(pdf).pages]
        pages[pdf.name] = [ws(t) for t in pt]
        texts[pdf.name] = ws("\n".join(pt))
    qs = [json.loads(line) for line in open(HERE / "questions.jsonl", encoding="utf-8")]
    keys = {"id", "question", "answerable", "answers", "answer_parts", "evidence", "type"}
    bad = 0
    ids = set()
    for q in qs:
        if q["id"] in ids:
            print("DUPLICATE", q["id"])
            bad += 1
        ids.add(q["id"])
        if not keys <= set(q):
            print("MISSING KEYS", q["id"])
            bad += 1
        if not q["answerable"]:
            continue
        ans = q["answers"][0]
        for ev in q["evidence"]:
            t = texts.get(ev["source"])
            if t is None:
                print("NO SOURCE", q["id"], ev["source"])
                bad += 1
                continue
            quote = ev["quote"]
            if ws(ans) not in t:
                print("ANSWER NOT IN TEXT", q["id"], repr(ans))
                bad += 1
            if ws(quote) not in t:
                print("QUOTE NOT IN TEXT (whitespace-collapsed)", q["id"], repr(quote))
                bad += 1
            if alnum(quote) not in alnum(t):
                print("QUOTE NOT IN TEXT (alnum)", q["id"])
                bad += 1
            if not any(ws(quote) in p for p in pages[ev["source"]]):
                print("note: quote not within a single page", q["id"])
            if ws(ans).lower() not in ws(quote).lower():
                print("ANSWER NOT IN QUOTE", q["id"])
                bad += 1
    n = sum(q["answerable"] for q in qs)
    print(f"{len(qs)} questions ({n} answerable, {len(qs) - n} unanswerable); problems: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
