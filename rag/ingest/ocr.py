"""Text from a scanned page: a PDF page that holds a picture of its text and no text.

By RapidOCR (rapidocr_onnxruntime, Apache-2.0), which ships PaddleOCR's PP-OCRv4 detection and
recognition models (ONNX, 16 MB) inside its wheel: nothing is downloaded, and onnxruntime runs
them on the CPU. The page's largest picture is read (a scanner writes one a page); the text
boxes it finds are put back into lines by where they stand (top to bottom, then left to right;
a page set in two columns a column at a time), a line a line of the page, so that the PDF
reader joins wrapped lines as it does for a PDF's own text (rag/ingest/pdf.py). A page scanned
upside down, or a quarter turned either way, is turned.

Each line is read in pieces cut at the gaps between its words (`_segments`): read whole, the
recogniser (trained mostly on Chinese, where lines have no spaces) ran words together. Measured
by `scripts/bench_ocr.py` on the news2 development stories drawn as 200 dpi pages (11 pt serif,
80-character lines, ~450 words a page): on six of them (18 pages), word error rate 0.188 with
whole lines, 0.022 with pieces at most 3 line-heights wide (5: 0.029, 8: 0.049 on the first news
stories, where the width was chosen), 4.0 → 4.7 s a page; on all nine (27 pages, `8d8b0b8`),
0.023 and 4.8 s a page (2-core EPYC, nothing else running); 5.1 s with the check for a page
upside down (`4130d12` + it). So a file may have as many
scanned pages as fit in the time each file may take (`extract_timeout_s`, 60 s: 10 pages at
SECONDS_A_PAGE); a longer scan is refused at once, saying how to read it.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from rag.errors import LoadError
from rag.ingest.extract_worker import TIME_LIMIT_VARIABLE

# A dense page's seconds (5.1 measured, above) with room for a busier machine.
SECONDS_A_PAGE = 5.5
# A box whose middle is within this share of the line's height of the line's middle is on it.
_SAME_LINE = 0.5
# A piece of a line is read at most this many times as wide as it is high (module docstring); a
# gap between words is at least this share of the line's height wide (letters stand closer).
_MAX_WIDTH, _SPACE = 3, 0.2
# A page with fewer words than this over a picture of this many pixels or more (A4 at 120 dpi)
# is a scan under a scanning app's stamp.
_STAMP_WORDS, _PAGE_PIXELS = 12, 1_400_000
# A box this many times longer one way than the other is a line of text running that way.
_LONG = 2
# How sure the orientation model must be that a line stands upside down, to count it (its own).
_SURE = 0.9
# A column has at least this many boxes, half of them this share of its width or wider; at most
# one box in this many may cross the gutter (a title across both columns).
_MIN_COLUMN, _COLUMN_FILLED, _FULL_WIDTH = 3, 0.7, 10


@functools.cache
def _engine():
    """The models, loaded once per process (~1 s), only when a scan is read."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as e:  # installed by scripts/setup.sh (--no-deps: it asks for OpenCV's GUI build)
        raise LoadError(
            f"OCR, which reads scanned pages and pictures, is not installed ({e.name}); run `make setup` "
            "(scripts/setup.sh) to install it"
        ) from e
    return RapidOCR()


def most_pages() -> int | None:
    """How many scanned pages a file may have: as many as fit in the extraction worker's time
    limit (rag/ingest/bounded.py); None, any number, when read without one."""
    try:
        limit = float(os.environ.get(TIME_LIMIT_VARIABLE, "0"))
    except ValueError:
        return None
    return int(limit // SECONDS_A_PAGE) if limit > 0 else None


def too_long(source: str, pages: int, most: int) -> LoadError:
    """The error for a scan of more pages than fit in the time a file may take, saying how to
    read it."""
    return LoadError(
        f"{source}: a scan of {pages} pages, and OCR reads about {SECONDS_A_PAGE:g} s a page: "
        f"{most} fit in the time a file may take. Allow about {pages * SECONDS_A_PAGE:.0f} s "
        "with RAG_EXTRACT_TIMEOUT_S, or split it"
    )


def is_scan(page, text: str) -> bool:
    """Is this a page to read by OCR: a picture and no text, or a picture the size of a scanned
    page under a few words of text (fewer than _STAMP_WORDS)? Scanning apps stamp each page with
    a line of their own ("Scanned with CamScanner"), and that line alone had stood for the page.
    Pictures are looked at as listed, not decoded."""
    words = len(text.split())
    if words >= _STAMP_WORDS:
        return False
    try:
        if not words:
            return len(page.images) > 0
        found = page.get("/Resources", {}).get("/XObject", {})
        return any(
            (x := found[name].get_object()).get("/Subtype") == "/Image"
            and int(x.get("/Width", 0)) * int(x.get("/Height", 0)) >= _PAGE_PIXELS
            for name in found
        )
    except Exception:  # pypdf raises what its parsers raise on a damaged page
        return False


def page_picture(page):
    """The page's largest picture (a PIL image), or None: none, or none Pillow can decode."""
    best, area = None, 0
    try:
        images = list(page.images)
    except Exception:  # pypdf raises what its filters raise on a damaged picture
        return None
    for image in images:
        try:
            picture = image.image
        except Exception:  # an encoding Pillow cannot decode (JBIG2), or a damaged picture
            continue
        if picture is not None and picture.width * picture.height > area:
            best, area = picture, picture.width * picture.height
    return best


def picture_text(picture) -> str:
    """The text OCR reads on a picture, a line of the page a line ("" when it reads none)."""
    import numpy as np

    engine = _engine()

    def found_lines(image):
        boxes, _ = engine.auto_text_det(image)
        return (boxes, engine.get_crop_img_list(image, boxes)) if boxes is not None else (None, [])

    try:
        image, _, _ = engine.preprocess(np.asarray(picture.convert("RGB")))
        boxes, crops = found_lines(image)
        if boxes is not None and _sideways(boxes):  # a landscape page, or a page scanned a quarter turned
            image = np.ascontiguousarray(np.rot90(image))
            boxes, crops = found_lines(image)
        if crops and _upside_down(engine, crops):  # fed into the scanner the wrong way up: turned, read again
            boxes, crops = found_lines(np.ascontiguousarray(image[::-1, ::-1]))
        if boxes is None:
            return ""
        parts = [_segments(crop) for crop in crops]
        read, _ = engine.text_rec([segment for segments in parts for segment in segments])
    except Exception:  # onnxruntime or OpenCV on a picture of a size or kind they do not take
        return ""
    texts = iter(text.strip() for text, *_ in read)
    found = []
    for corners, segments in zip(boxes, parts, strict=True):
        ys, xs = corners[:, 1], corners[:, 0]
        line = " ".join(t for t in (next(texts) for _ in segments) if t)
        found.append(_Box((ys.min() + ys.max()) / 2, ys.max() - ys.min(), xs.min(), xs.max(), line))
    return "\n".join(_lines(column) for column in _columns(found))


@dataclass(frozen=True)
class _Box:
    """A text box OCR read: where it stands (its middle's height, its height, its left and right
    edges, in pixels) and what it says."""

    middle: float
    height: float
    left: float
    right: float
    text: str


def _columns(boxes: list[_Box]) -> list[list[_Box]]:
    """The page's boxes in reading order: a page set in two columns read a column at a time.
    The gutter is the line down the page's middle half that the fewest boxes cross (at most one
    in _FULL_WIDTH of them: a title or a caption across both columns), with a column of text on
    each side (_filled); each run of boxes between two that cross it is read left column, then
    right. Read a line of the page at a time, a two-column page had its columns' lines
    interleaved, every sentence cut in two."""
    if len(boxes) < 2 * _MIN_COLUMN:
        return [boxes]
    left, right = min(b.left for b in boxes), max(b.right for b in boxes)
    best: tuple[int, float] | None = None
    for x in sorted({b.right + 1 for b in boxes} | {b.left - 1 for b in boxes}):
        if not left + (right - left) / 4 <= x <= right - (right - left) / 4:
            continue
        across = sum(b.left < x < b.right for b in boxes)
        if across * _FULL_WIDTH > len(boxes) or (best is not None and across >= best[0]):
            continue
        if _filled([b for b in boxes if b.right <= x]) and _filled([b for b in boxes if b.left >= x]):
            best = (across, x)
    if best is None:
        return [boxes]
    gutter = best[1]
    runs: list[list[_Box]] = []
    band: list[_Box] = []
    for box in [*sorted(boxes, key=lambda b: b.middle), None]:  # None: the page's end
        if box is None or box.left < gutter < box.right:  # across both columns: ends the run above it
            runs += [
                [b for b in band if b.right <= gutter],
                [b for b in band if b.left >= gutter],
                [box] if box else [],
            ]
            band = []
        else:
            band.append(box)
    return [run for run in runs if run]


def _sideways(boxes) -> bool:
    """Does the page's text run up or down it: are most of its long boxes standing, not lying?
    A line of text is a box several times longer than high; a box near square (a lone letter or
    figure) says nothing. The page is then turned a quarter anticlockwise and read again; if
    that left its text upside down, the upside-down check turns it the rest of the way."""
    standing = lying = 0
    for corners in boxes:
        height = corners[:, 1].max() - corners[:, 1].min()
        width = corners[:, 0].max() - corners[:, 0].min()
        standing += height >= _LONG * width
        lying += width >= _LONG * height
    return standing > lying


def _upside_down(engine, crops: list) -> bool:
    """Does most of the page's text stand upside down? RapidOCR's orientation model tells each
    line that reads the wrong way up ("180"); its lines' order is then the page's backwards too,
    so the page is turned, not each line."""
    _, said, _ = engine.text_cls(crops)
    turned = sum(label == "180" and score > _SURE for label, score in said)
    return turned * 2 > len(said)


def _segments(crop) -> list:
    """A line's picture in pieces of at most _MAX_WIDTH heights wide, cut at gaps between words:
    PP-OCR's recogniser, read a whole line of a page, ran words together ("Sincelastweekend,a
    newcaravan")."""
    import numpy as np

    height, width = crop.shape[:2]
    if width <= _MAX_WIDTH * height:
        return [crop]
    gray = crop.mean(axis=2) if crop.ndim == 3 else crop
    ink = (gray < (gray.min() + gray.max()) / 2).any(axis=0)
    gaps: list[int] = []  # the middle of each run of blank columns as wide as a space
    start = None
    for x, inked in enumerate(np.append(ink, True)):
        if not inked and start is None:
            start = x
        elif inked and start is not None:
            if x - start >= _SPACE * height:
                gaps.append((start + x) // 2)
            start = None
    cuts, begin = [], 0
    for i, gap in enumerate(gaps):
        following = gaps[i + 1] if i + 1 < len(gaps) else width
        if following - begin > _MAX_WIDTH * height and gap > begin:
            cuts.append(gap)
            begin = gap
    edges = [0, *cuts, width]
    return [crop[:, a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _filled(side: list[_Box]) -> bool:
    """Is this side of a gutter a column of text: _MIN_COLUMN lines or more, most of them as wide
    as the column? A form's labels and values, or a table's cells, stand apart as columns do but
    are short; read as columns, their rows would come apart."""
    if len(side) < _MIN_COLUMN:
        return False
    left, right = min(b.left for b in side), max(b.right for b in side)
    widths = sorted(b.right - b.left for b in side)
    return widths[len(widths) // 2] >= _COLUMN_FILLED * (right - left)


def _lines(boxes: list[_Box]) -> str:
    """Text boxes put back into lines: those whose middles stand level are one line, read left to
    right."""
    lines: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: (b.middle, b.left)):
        line = lines[-1] if lines else None
        if line is not None and abs(box.middle - line[0].middle) <= _SAME_LINE * max(line[0].height, box.height):
            line.append(box)
        else:
            lines.append([box])
    return "\n".join(" ".join(b.text for b in sorted(line, key=lambda b: b.left) if b.text) for line in lines)
