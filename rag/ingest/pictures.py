"""Text from a picture file: a page scanned or photographed to .jpg, .png or .tiff, a notice on
a wall, a screenshot, read by OCR (rag/ingest/ocr.py). A multi-page TIFF (what scanners and
fax servers write) is read a page a frame; any other file is one page (an animated GIF's first
frame). A phone's photo is turned upright as its EXIF orientation says before it is read.

Read only with `Settings.read_pictures` (off by default): OCR takes seconds a picture (here, a
720 x 477 photo of a circuit board 1.8 s for 14 words of nonsense, a 3,013 x 1,561 screenshot
4.6 s, a dense 1,300 x 900 one 12.5 s), and a folder of holiday photos would otherwise be read
one by one, to index what OCR makes of them.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from pathlib import Path

from rag.errors import LoadError
from rag.ingest.ocr import most_pages, picture_text, too_long

PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
# What a user who has pictures in the folder, or uploads one, is told while they are not read.
PICTURES_OFF = (
    " Pictures (.png, .jpg, .tiff, …) are read by OCR when asked: read_pictures = true in the settings "
    "file, or RAG_READ_PICTURES=1."
)
# What a run that does not read pictures says of those an earlier run indexed (kept_pictures).
PICTURES_KEPT = (
    "indexed by a run that read pictures, left as indexed: this run does not read pictures "
    "(read_pictures = true in the settings file, or RAG_READ_PICTURES=1, reads them again)"
)
# Larger pictures are refused before they are decoded: a page scanned at 600 dpi is 35 million
# pixels, and a small PNG can declare billions (decoded, 3 bytes a pixel).
MAX_PIXELS = 100_000_000


def picture_pages(source: str, data: bytes) -> list[str]:
    """The text OCR reads on each page of the picture, lines ending in "\\n" as a PDF page's
    text does (so the PDF reader's line joining reads them alike). LoadError for a file that is
    no picture Pillow decodes, too large a one, or a TIFF of more pages than fit in the time a
    file may take (ocr.most_pages)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns of a picture over 89 million pixels (the size is checked here) and of
            # damage it reads past (a truncated strip, broken EXIF): the file is read or refused.
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise LoadError(
                        f"{source}: a picture of {image.width} x {image.height} pixels, over the "
                        f"{MAX_PIXELS // 1_000_000} million read; scale it down to index it"
                    )
                count = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
                most = most_pages()
                if most is not None and count > most:
                    raise too_long(source, count, most)
                pages = []
                for frame in range(count):
                    image.seek(frame)
                    try:
                        page = picture_text(ImageOps.exif_transpose(image))
                    except LoadError as e:  # OCR not installed: said of this file
                        raise LoadError(f"{source}: {e}") from e
                    pages.append(page + "\n" if page else "")
    except LoadError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as e:
        raise LoadError(f"{source}: not a picture that can be read ({e})") from e
    except (OSError, ValueError, EOFError, SyntaxError) as e:  # what Pillow's decoders raise on a damaged file
        raise LoadError(f"{source}: damaged picture ({e})") from e
    return pages


def kept_pictures(corpus_dir: Path, sources: Iterable[str]) -> list[str]:
    """The indexed sources a run that does not read pictures keeps as they are: pictures an
    earlier run read (with Settings.read_pictures) that are still in the folder. A process
    started without the setting took them for files that had left the folder, and its first
    index run dropped their text and every answer they gave; a picture deleted since is gone."""
    return sorted(s for s in sources if Path(s).suffix.lower() in PICTURE_SUFFIXES and (corpus_dir / s).is_file())
