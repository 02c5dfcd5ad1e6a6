"""Check one batch of invented news training stories: every quote is in its story, every answer in its quote.

python3 models/reader/news-training/check.py models/reader/news-training/<batch>
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def check(batch: Path) -> list[str]:
    problems: list[str] = []
    stories = {p.name: p.read_text(encoding="utf-8") for p in (batch / "corpus").glob("*.txt")}
    seen: set[str] = set()
    kinds: Counter[bool] = Counter()
    for n, line in enumerate((batch / "questions.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: not JSON ({e})")
            continue
        where = f"line {n} ({row.get('id')})"
        for key in ("id", "question", "answerable", "answers", "evidence", "type"):
            if key not in row:
                problems.append(f"{where}: no {key!r}")
        if row.get("id") in seen:
            problems.append(f"{where}: id used twice")
        seen.add(row.get("id"))
        kinds[bool(row.get("answerable"))] += 1
        if not row.get("answerable"):
            if row.get("answers") or row.get("evidence"):
                problems.append(f"{where}: unanswerable with answers or evidence")
            continue
        if not row.get("answers") or not row.get("evidence"):
            problems.append(f"{where}: answerable without answers or evidence")
            continue
        for ev in row["evidence"]:
            text = stories.get(ev.get("source", ""))
            if text is None:
                problems.append(f"{where}: no story {ev.get('source')!r} in corpus/")
            elif text.count(ev["quote"]) != 1:
                problems.append(
                    f"{where}: quote found {text.count(ev['quote'])} times in {ev['source']} (must be once)"
                )
        if not any(row["answers"][0] in ev["quote"] for ev in row["evidence"]):
            problems.append(f"{where}: first answer {row['answers'][0]!r} not inside any evidence quote")
    if kinds[True] == 0 or kinds[False] == 0:
        problems.append("need both answerable and unanswerable questions")
    print(f"{batch.name}: {len(stories)} stories, {kinds[True]} answerable, {kinds[False]} unanswerable")
    return problems


if __name__ == "__main__":
    found = check(Path(sys.argv[1]))
    print("\n".join(found) or "ok")
    sys.exit(1 if found else 0)
