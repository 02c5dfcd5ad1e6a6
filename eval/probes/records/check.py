"""Check questions.jsonl against corpus/: schema, and every evidence quote occurs verbatim.

All documents are .txt or .md, so a quote must be a substring of the raw file text (a few
quotes span two or three lines, joined by "\\n", to tie a value to its record's name line).
Also checks: keys in the gold-set order, unique ids, known type, unanswerable questions carry no
answers/parts/evidence, answerable ones carry all three, every answer part has an alternative
inside the quotes, and the first answer of an answerable question occurs in its document.
Run: .venv/bin/python eval/probes/records/check.py
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
KEYS = ["id", "question", "answerable", "answers", "answer_parts", "evidence", "type", "paraphrased"]
TYPES = {"number", "name", "date", "place", "what", "why"}


def main():
    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((HERE / "corpus").iterdir())}
    errors, n, n_ans = [], 0, 0
    ids, used = set(), set()
    lines = (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    for line_no, line in enumerate(lines, 1):
        q = json.loads(line)
        n += 1
        where = f"line {line_no} {q.get('id')}"
        if list(q) != KEYS:
            errors.append(f"{where}: keys {list(q)}")
            continue
        if q["id"] in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(q["id"])
        if q["type"] not in TYPES:
            errors.append(f"{where}: type {q['type']}")
        if not isinstance(q["answerable"], bool) or not isinstance(q["paraphrased"], bool):
            errors.append(f"{where}: answerable/paraphrased must be booleans")
        if not q["question"].strip().endswith("?"):
            errors.append(f"{where}: question does not end with '?'")
        if not q["answerable"]:
            if q["answers"] or q["answer_parts"] or q["evidence"]:
                errors.append(f"{where}: unanswerable with answers/evidence")
            continue
        n_ans += 1
        if not q["answers"] or not q["answer_parts"] or not q["evidence"]:
            errors.append(f"{where}: answerable without answers/parts/evidence")
            continue
        for ev in q["evidence"]:
            if list(ev) != ["source", "quote"]:
                errors.append(f"{where}: evidence keys {list(ev)}")
                continue
            if ev["source"] not in docs:
                errors.append(f"{where}: unknown source {ev['source']}")
                continue
            used.add(ev["source"])
            if ev["quote"] not in docs[ev["source"]]:
                errors.append(f"{where}: quote not found in {ev['source']}: {ev['quote']!r}")
        quotes = " ".join(ev["quote"] for ev in q["evidence"]).lower()
        for part in q["answer_parts"]:
            if not any(alt.lower() in quotes for alt in part):
                errors.append(f"{where}: no alternative of {part} in the quote")
        text = " ".join(docs.get(ev["source"], "") for ev in q["evidence"])
        if q["answers"][0] not in text:
            errors.append(f"{where}: first answer {q['answers'][0]!r} not in the document")
    for name in sorted(set(docs) - used):
        errors.append(f"document {name} is not used by any answerable question")
    print(f"{n} questions, {n_ans} answerable, {n - n_ans} unanswerable, {len(docs)} documents")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
