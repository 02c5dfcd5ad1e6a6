"""OCR of scanned PDFs (rag/ingest/ocr.py): word error rate and seconds a page, printed and
written to eval/runs/bench-ocr.json.

    .venv/bin/python scripts/bench_ocr.py [--corpus eval/probes/news2/corpus] [--pages 3]

Each story of a development corpus is drawn as a scanner sees it (200 dpi pages, DejaVu Serif
30 px, about 11 pt, lines of at most 80 characters, 38 lines a page, JPEG at quality 90), saved
as an image-only PDF and read by the PDF loader. The word error rate is the edit distance
between the words drawn and the words read, over the words drawn (straight and curly quotes
count as different: the figure is an upper bound).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import textwrap
import time
from pathlib import Path

LINES_A_PAGE, WIDTH = 38, 80


def pages_of(text: str, most: int):
    import matplotlib
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(Path(matplotlib.__file__).parent / "mpl-data/fonts/ttf/DejaVuSerif.ttf"), 30)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if paragraph.strip():
            lines += [*textwrap.wrap(paragraph.strip(), WIDTH), ""]
    lines = lines[: LINES_A_PAGE * most]
    pages = []
    for first in range(0, len(lines), LINES_A_PAGE):
        page = Image.new("L", (1700, 2200), 255)
        draw = ImageDraw.Draw(page)
        for i, line in enumerate(lines[first : first + LINES_A_PAGE]):
            draw.text((120, 120 + 50 * i), line, fill=0, font=font)
        pages.append(page)
    return pages, lines


def word_error_rate(drawn: list[str], read: list[str]) -> float:
    previous = list(range(len(read) + 1))
    for i, a in enumerate(drawn, 1):
        current = [i] + [0] * len(read)
        for j, b in enumerate(read, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
        previous = current
    return previous[-1] / max(1, len(drawn))


def main() -> None:
    from rag.ingest.loaders import load_document

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="eval/probes/news2/corpus")
    parser.add_argument("--pages", type=int, default=3, help="pages drawn of each story, at most")
    parser.add_argument("--out", default="eval/runs/bench-ocr.json")
    args = parser.parse_args()
    rows, seconds, pages_read = [], 0.0, 0
    for story in sorted(Path(args.corpus).glob("*.txt")):
        pages, lines = pages_of(story.read_text(encoding="utf-8"), args.pages)
        out = io.BytesIO()
        pages[0].save(out, "PDF", resolution=200, save_all=True, append_images=pages[1:], quality=90)
        start = time.perf_counter()
        doc = load_document(Path(f"{story.stem}.pdf"), f"{story.stem}.pdf", out.getvalue())
        took = time.perf_counter() - start
        drawn = re.findall(r"\S+", " ".join(lines))
        wer = word_error_rate(drawn, re.findall(r"\S+", doc.text))
        rows.append(
            {
                "story": story.name,
                "pages": len(pages),
                "words": len(drawn),
                "seconds": round(took, 2),
                "wer": round(wer, 4),
            }
        )
        seconds, pages_read = seconds + took, pages_read + len(pages)
        print(f"{story.name}: {len(pages)} pages, {len(drawn)} words, {took:.1f} s, word error rate {wer:.3f}")
    words = sum(r["words"] for r in rows)
    summary = {
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "corpus": args.corpus,
        "pages": pages_read,
        "seconds_a_page": round(seconds / max(1, pages_read), 2),
        "word_error_rate": round(sum(r["wer"] * r["words"] for r in rows) / max(1, words), 4),
        "load_average": os.getloadavg()[0],
        "stories": rows,
    }
    print(
        f"{pages_read} pages: {summary['seconds_a_page']} s a page, word error rate {summary['word_error_rate']} "
        f"(load average {summary['load_average']:.2f}, commit {summary['commit']})"
    )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
