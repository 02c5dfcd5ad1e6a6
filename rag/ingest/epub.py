"""An e-book (.epub), read chapter by chapter in its reading order.

An EPUB is a zip package of XHTML pages: META-INF/container.xml names the package document
(.opf), whose spine lists the pages in reading order and whose metadata holds the book's title.
Each page of the spine is read as an .html file is (`html_page`, given by the caller:
trafilatura's main text), led by the page's title when the text does not begin with it, and the
pages' texts follow one another, a blank line apart. No
library is used for the package itself: the one on PyPI that reads EPUBs (ebooklib) is AGPL,
and the package is two small XML files (parsed with lxml, entities not resolved).

Not read: pages the spine marks as not in the reading order (linear="no": a cover, pop-up
notes), the navigation document (a table of contents, as a PDF's is left out), images. A book
whose pages are encrypted (DRM) says so; fonts alone may be obfuscated (encryption.xml lists
them), and such a book is read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from urllib.parse import unquote

from rag.errors import LoadError
from rag.ingest.markdown import one_line
from rag.ingest.signatures import ZIP

EPUB_SUFFIXES = (".epub",)
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ENC = "{http://www.w3.org/2001/04/xmlenc#}"
_PAGES = {"application/xhtml+xml", "text/html"}


def epub_text(
    source: str, data: bytes, html_page: Callable[[str, bytes], tuple[str, str | None]]
) -> tuple[str, str | None]:
    """(the document text, the book's title or None) of an .epub file's bytes. `html_page(source,
    data)`: an XHTML page's (main text, <title>), LoadError when it has no text."""
    if not data.startswith(ZIP):
        raise LoadError(f"{source}: not an EPUB e-book (an .epub is a zip package)")
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    book = zipfile.ZipFile(io.BytesIO(data))
    names = set(book.namelist())
    if "META-INF/container.xml" not in names:
        raise LoadError(f"{source}: a zip package but not an EPUB e-book (no META-INF/container.xml)")
    if "META-INF/encryption.xml" in names:
        encrypted = etree.fromstring(book.read("META-INF/encryption.xml"), parser)
        uris = [ref.get("URI", "") for ref in encrypted.iter(f"{_ENC}CipherReference")]
        if any(uri.lower().endswith((".xhtml", ".html", ".htm", ".xml")) for uri in uris):
            raise LoadError(f"{source}: the e-book is protected by DRM (its pages are encrypted); it cannot be read")
    container = etree.fromstring(book.read("META-INF/container.xml"), parser)
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path or opf_path not in names:
        raise LoadError(f"{source}: the e-book's package document is missing ({opf_path or 'none named'})")
    opf = etree.fromstring(book.read(opf_path), parser)
    base = posixpath.dirname(opf_path)
    items = {
        item.get("id"): item
        for item in opf.iter(f"{_OPF}item")
        if item.get("media-type") in _PAGES and "nav" not in (item.get("properties") or "").split()
    }
    chapters = []
    for ref in opf.iter(f"{_OPF}itemref"):
        item = items.get(ref.get("idref"))
        if item is None or ref.get("linear") == "no":
            continue
        path = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
        if path not in names:
            continue  # a spine entry the package lacks: the rest of the book is still read
        try:
            text, heading = html_page(source, book.read(path))
        except LoadError:
            continue  # a page of no text (a title page of images)
        text, heading = text.strip(), one_line(heading or "")
        # The main-text extraction may take a chapter's heading for the page's title and leave it
        # out ("Chapter 1: The Rock" gone, "Chapter 2: …" kept): the page's title leads it.
        chapters.append(f"{heading}\n{text}" if heading and not text.startswith(heading) else text)
    title_element = opf.find(f".//{_DC}title")
    title = one_line("".join(title_element.itertext())) if title_element is not None else ""
    text = "\n\n".join(c for c in chapters if c)
    if not text:
        raise LoadError(f"{source}: the e-book has no readable text")
    return text, title or None
