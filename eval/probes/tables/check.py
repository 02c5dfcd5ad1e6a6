"""Check questions.jsonl against corpus/: schema, and every evidence quote occurs verbatim.

.md: substring of the file text; .html: substring of the text with tags stripped (entities
unescaped), and a quote that is not in a <p> must lie inside one <td>/<th> cell; .docx: substring
of one paragraph or one table cell (python-docx). Also checks that each answer part has an
alternative inside the quote. Run: .venv/bin/python eval/probes/tables/check.py
"""

import html
import json
import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
KEYS = ["id", "question", "answerable", "answers", "answer_parts", "evidence", "type", "paraphrased"]
TYPES = {"number", "name", "date", "place", "what", "why"}


def pieces(path):
    """(texts the quote may lie in, full visible text) for one document."""
    if path.suffix == ".md":
        text = path.read_text(encoding="utf-8")
        return [text], text
    if path.suffix == ".html":
        raw = path.read_text(encoding="utf-8")
        body = raw.split("<body>", 1)[1]
        full = html.unescape(re.sub(r"<[^>]+>", " ", body))
        parts = [
            html.unescape(re.sub(r"<[^>]+>", "", m))
            for m in re.findall(r"<(?:p|td|th|h1|title)>(.*?)</(?:p|td|th|h1|title)>", raw, re.S)
        ]
        return parts, full
    if path.suffix == ".docx":
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        return parts, "\n".join(parts)
    raise ValueError(path)


def main():
    docs = {p.name: pieces(p) for p in sorted((HERE / "corpus").iterdir())}
    errors, n, n_ans = [], 0, 0
    ids = set()
    for line_no, line in enumerate((HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        q = json.loads(line)
        n += 1
        where = f"line {line_no} {q.get('id')}"
        if list(q) != KEYS:
            errors.append(f"{where}: keys {list(q)}")
        if q["id"] in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(q["id"])
        if q["type"] not in TYPES:
            errors.append(f"{where}: type {q['type']}")
        if not q["answerable"]:
            if q["answers"] or q["answer_parts"] or q["evidence"]:
                errors.append(f"{where}: unanswerable with answers/evidence")
            continue
        n_ans += 1
        if not q["answers"] or not q["answer_parts"] or not q["evidence"]:
            errors.append(f"{where}: answerable without answers/parts/evidence")
        for ev in q["evidence"]:
            if ev["source"] not in docs:
                errors.append(f"{where}: unknown source {ev['source']}")
                continue
            parts, full = docs[ev["source"]]
            quote = ev["quote"]
            if quote not in full or not any(quote in p for p in parts):
                errors.append(f"{where}: quote not found in {ev['source']}: {quote!r}")
        quotes = " ".join(ev["quote"] for ev in q["evidence"]).lower()
        for part in q["answer_parts"]:
            if not any(alt.lower() in quotes for alt in part):
                errors.append(f"{where}: no alternative of {part} in the quote")
    print(f"{n} questions, {n_ans} answerable, {n - n_ans} unanswerable, {len(docs)} documents")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
