"""Read one file into its document text, using a well-kept library per format.

For .txt/.md the document text is the file itself, decoded; offsets into it are offsets into the
file. For HTML, PDF (a scanned page read by OCR), Word (.docx, and 97-2003's .doc), Rich Text
Format (.rtf), PowerPoint (.pptx, and 97-2003's .ppt), notebooks (.ipynb), spreadsheets saved as
text (.csv, .tsv), Excel workbooks (.xlsx, .xls), OpenDocument files (.odt, .ods, .odp),
e-books (.epub) and e-mails (.eml, Outlook's .msg, mailboxes .mbox) it is the extracted text, and for pictures (.png, .jpg, .tiff, …, with
Settings.read_pictures) the text OCR reads on them; the index keeps it so that a citation can
always be shown in its context.
"""

from __future__ import annotations

import codecs
import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rag.errors import EmptyFile, LoadError
from rag.ingest.boilerplate import front_matter
from rag.ingest.delimited import TSV_SUFFIXES, delimited_text
from rag.ingest.epub import EPUB_SUFFIXES, epub_text
from rag.ingest.legacy_slides import PPT_SUFFIXES, ppt_text
from rag.ingest.legacy_word import DOC_SUFFIXES, doc_text
from rag.ingest.mail import MAIL_SUFFIXES, mail_text
from rag.ingest.markup import MARKDOWN_SUFFIXES, RST_SUFFIXES, markup_of
from rag.ingest.mbox import MBOX_SUFFIXES, mbox_text
from rag.ingest.notebook import notebook_text
from rag.ingest.ocr import is_scan, most_pages, page_picture, picture_text, too_long
from rag.ingest.opendocument import OPENDOCUMENT_SUFFIXES, odf_text
from rag.ingest.outlook import MSG_SUFFIXES, msg_text
from rag.ingest.pdf import name_ligatures, page_lines, pdf_document_text, pdf_title
from rag.ingest.pictures import PICTURE_SUFFIXES, picture_pages
from rag.ingest.rtf import RTF_SUFFIXES, rtf_text
from rag.ingest.signatures import ZIP
from rag.ingest.slides import SLIDES_SUFFIXES, pptx_text
from rag.ingest.spreadsheet import SPREADSHEET_SUFFIXES, XLS_SUFFIXES, xls_text, xlsx_text
from rag.ingest.word import docx_text
from rag.text.controls import blanked_escapes

TEXT_SUFFIXES = {".txt", *MARKDOWN_SUFFIXES, *RST_SUFFIXES}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
WORD_SUFFIXES = {".docx"}
NOTEBOOK_SUFFIXES = {".ipynb"}
TABLE_SUFFIXES = {".csv", *TSV_SUFFIXES}
# What a folder with nothing to index lacks, in the words a user knows the kinds by.
NO_INDEXED_FILES = "no .txt, .md, .rst, .html, .pdf, .docx, .doc, .rtf, .pptx, .ppt, .xlsx, .odt, .ods, .odp, .epub, .ipynb, .csv, .eml, .msg or .mbox files"

# pypdf logs what it repairs ("EOF marker not found"), unprefixed from the parser's worker
# process; what matters to the user is whether the file was read, which the index run says. Set
# once here (the logger need not exist yet), in every process that loads documents.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class LoadedDocument:
    source: str  # path relative to the corpus folder, with forward slashes
    text: str
    title: str | None  # from the format's metadata when it has one (HTML <title>, PDF info)


def supported_suffixes(pictures: bool = False) -> frozenset[str]:
    """The suffixes of the files indexed; pictures' (read by OCR) only when `pictures`
    (Settings.read_pictures)."""
    return _WITH_PICTURES if pictures else SUPPORTED_SUFFIXES


def is_supported(path: Path, pictures: bool = False) -> bool:
    return path.suffix.lower() in supported_suffixes(pictures)


def read_as(source: str) -> str:
    """How a file is read, by its name: "html", "pdf", "docx", "doc", "rtf", "slides", "ppt",
    "notebook", "table", "workbook", "xls", "mail", "msg", "mbox", "opendocument", "epub",
    "picture", or as text ("markdown", "rst", "text"), which decides its document text and how
    it is cut."""
    suffix = Path(source).suffix.lower()
    found = next((kind for suffixes, kind, _, _ in _FORMATS if suffix in suffixes), None)
    return found or markup_of(source)


def load_document(path: Path, source: str, data: bytes) -> LoadedDocument:
    """`data` is the file's bytes, read once by the caller (who also hashes them)."""
    suffix = path.suffix.lower()
    if not data.strip():
        raise EmptyFile(f"{source}: the file is empty")
    if suffix in TEXT_SUFFIXES:
        text = whole_characters(_decode_text(source, data))
        front = front_matter(text)  # its lines are left out of the passages (boilerplate.py)
        return LoadedDocument(source, text, front[1] if front else None)
    for suffixes, _, load, called in _FORMATS:
        if suffix in suffixes:
            doc = _guarded(load, source, data, called)
            return LoadedDocument(doc.source, whole_characters(doc.text), doc.title and whole_characters(doc.title))
    raise LoadError(f"{source}: unsupported file type {suffix!r}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def whole_characters(text: str) -> str:
    """`text` with each UTF-16 surrogate pair joined into its character and a lone half replaced
    by U+FFFD. RTF writes an emoji as two \\u controls (Word: "\\u-10179\\'3f\\u-8704\\'3f"), a
    notebook's JSON may hold "\\ud83d" alone: the halves reached the tokenizer, whose TypeError
    stopped `rag index` for the whole corpus (a helper of session 60)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _guarded(load, source: str, data: bytes, kind: str) -> LoadedDocument:
    """Parsers raise far more than their documented errors on damaged files (pypdf:
    NotImplementedError for an unknown filter, LimitReachedError for a decompression bomb,
    AttributeError on broken objects). Whatever it is, it concerns this one file: a LoadError."""
    try:
        return load(source, data)
    except (LoadError, MemoryError):  # out of memory says nothing of the file's damage
        raise
    except Exception as e:
        detail = str(e)[:200]
        raise LoadError(f"{source}: corrupt or unreadable {kind} ({type(e).__name__}: {detail})") from e


# Text that says its encoding with a byte-order mark: Windows Notepad saves "Unicode" as UTF-16
# LE with one, and such a file read as bytes is full of NULs (it was skipped as binary). UTF-32
# first: its little-endian mark begins with UTF-16's.
_MARKED = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# A carriage return alone ends a line in files saved by classic Mac OS editors: such a file was
# one line, its title glued to its first sentence in quotes ("Title of memoThe parking garage
# closes…"). So do the other line ends Python's str.splitlines() knows: a form feed (the page
# break of text converted from PDF: "Report title\x0cThe annual budget was…" was quoted as one
# sentence, session 19), a vertical tab, NEL, U+2028/U+2029 and the file/group/record separators.
# One character for one, so offsets still count the file's characters.
_OTHER_LINE_ENDS = re.compile(r"\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _utf16_unmarked(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark (some Windows tools and PowerShell redirections):
    mostly Latin text, so one byte of each pair is NUL, always the same one. It was skipped as
    "a binary file". None when the NULs do not fall that way (a binary file)."""
    head = data[:8192]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd >= 0.9 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.9 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _decode_text(source: str, data: bytes) -> str:
    """The text as an editor shows it, one character for one (offsets count the file's): line
    ends made "\n", terminal escape sequences (a log's colours) blanked."""
    return _OTHER_LINE_ENDS.sub("\n", blanked_escapes(_decoded(source, data)))


def _decoded(source: str, data: bytes) -> str:
    marked = next((codec for bom, codec in _MARKED if data.startswith(bom)), None)
    if marked is not None:
        try:
            text = data.decode(marked)  # the codec reads the mark's byte order and drops it
        except UnicodeDecodeError as e:
            raise LoadError(
                f"{source}: starts with a {marked.upper()} byte-order mark but is not valid {marked.upper()} "
                f"({e.reason} at byte {e.start}); re-save it as UTF-8"
            ) from e
        if "\x00" in text[:8192]:
            raise LoadError(f"{source}: looks like a binary file, not text")
        return text
    if b"\x00" in data[:8192]:
        unmarked = _utf16_unmarked(data)
        if unmarked is None:
            raise LoadError(f"{source}: looks like a binary file, not text")
        try:
            text = data.decode(unmarked)
        except UnicodeDecodeError as e:
            raise LoadError(
                f"{source}: looks like {unmarked.upper()} but is not valid ({e.reason}); re-save it as UTF-8"
            ) from e
        if "\x00" in text[:8192]:
            raise LoadError(f"{source}: looks like a binary file, not text")
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise LoadError(f"{source}: not valid UTF-8 ({e.reason} at byte {e.start}); re-save it as UTF-8") from e
    # A BOM is an encoding artefact, not content; dropping it keeps offsets aligned with what
    # every editor shows. (The BOM is the only character we never count.)
    return text.removeprefix("\ufeff")


def _load_html(source: str, data: bytes) -> LoadedDocument:
    import trafilatura  # imported here: only HTML needs it, and it is slow to import

    from rag.ingest.html_blocks import NUMBERED_ITEM, byline, readable

    if any(data.startswith(bom) for bom, _ in _MARKED):
        # A page saved as UTF-16 or UTF-32 with its mark ("Unicode" in Windows tools) was skipped
        # as binary for its NUL bytes, where a text file so saved is read.
        data = _decoded(source, data).encode("utf-8")
    if b"\x00" in data[:8192]:
        raise LoadError(f"{source}: looks like a binary file, not HTML")
    tree = _html_tree(data)
    if tree is None:
        raise LoadError(f"{source}: not readable as HTML")
    readable(tree)  # permalinks and definition lists: rag/ingest/html_blocks.py
    title = _html_title(tree)  # before extract, which reads a copy of the tree
    _main_of_a_flat_body(tree)
    stated = byline(tree)
    text = trafilatura.extract(tree, include_comments=False, include_tables=True, favor_recall=True)
    if _deeper_than_the_fallback_reads(tree):
        # The fallback's text may be cut there; the own extractor and its rescue read our tree whole.
        whole = trafilatura.extract(tree, include_comments=False, include_tables=True, favor_recall=True, fast=True)
        if whole and len(whole) > len(text or ""):
            text = whole
    if text and len(text) < _SHORT_PAGE_CHARS and _tables_unread(tree, text):
        # A short page (under ~250 characters of text) gets trafilatura's baseline extraction,
        # which reads a table one cell per line ("Departs", "Destination", "07:12", …): the rows
        # lost the names of their columns. Its precise extraction reads the table as rows.
        precise = trafilatura.extract(tree, include_comments=False, include_tables=True, favor_precision=True)
        if precise and not _tables_unread(tree, precise) and len(precise) >= len(text) // 2:
            text = precise
    if not text or not text.strip():
        raise LoadError(f"{source}: no readable main text found in the HTML")
    text = NUMBERED_ITEM.sub(r"\g<indent>", text)
    if stated and stated not in text:
        text = _with_byline(text, stated, title)
    return LoadedDocument(source, text, title)


def _main_of_a_flat_body(tree) -> None:
    """A page with no <main> or <article> whose headings stand in its <body> itself (a shop's
    receipt mail, a plain page) gets its body's content wrapped in a <main>: without one,
    trafilatura kept the body's paragraphs and tables but dropped every heading ("Substitutions",
    "Your savings", "Order summary"), and two tables ran together as one (a break-it helper's
    grocery receipt, session 54)."""
    body = tree.find(".//body")
    if body is None or tree.find(".//main") is not None or tree.find(".//article") is not None:
        return
    if sum(1 for child in body if isinstance(child.tag, str) and child.tag in _HEADINGS) < 2:
        return
    main = body.makeelement("main", {})
    for child in list(body):
        main.append(child)
    body.append(main)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _with_byline(text: str, stated: str, title: str | None) -> str:
    """The page's text with its byline as a line of its own, under the title when the text opens
    with it."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest:
        return f"{first}\n{stated}\n{rest}"
    return f"{stated}\n{text}"


# Only a short page is read again: its baseline text is short (trafilatura falls back under 250
# characters of main text; its table's cells, one per line, add to it). A long page's text is
# its main extraction's, whatever it made of its tables (a layout table holds paragraphs).
_SHORT_PAGE_CHARS = 2000


def _tables_unread(tree, text: str) -> bool:
    """Does the page hold a table of two rows and two columns or more that the text does not
    read as rows ("| a | b |" lines)?"""
    has_table = any(
        sum(len(tr.xpath("./td|./th")) >= 2 for tr in table.iter("tr")) >= 2 for table in tree.iter("table")
    )
    return has_table and not any(line.startswith("|") for line in text.split("\n"))


# A DOCTYPE's internal subset (`<!DOCTYPE html [ <!ENTITY x "y"> ]>`): libxml2's HTML parser
# knows no subset, took its `]>` for the page's first text, opened the body there and put the
# <title> in it, so the page had no title. The subset is dropped before parsing, its declarations
# unread: an entity stays the literal text `&x;`, as it did (never expanded, nothing fetched).
# Quoted strings and comments may hold `]` or `>`; the groups are atomic, so a subset that is
# never closed costs one pass and leaves the page as it was.
_DOCTYPE_SUBSET = re.compile(
    r"""\A(\s*+(?><\?.*?\?>\s*|<!--.*?-->\s*)*+<!DOCTYPE\b[^\[>]*+)"""
    r"""\[(?>"[^"]*+"|'[^']*+'|<!--.*?-->|<(?!!--)|[^\]"'<]++)*+\]\s*+>""",
    re.IGNORECASE | re.DOTALL,
)

# libxml2 reads 256 levels of nesting unless told `huge_tree`. trafilatura's fallback
# (readability) writes out what it picked and parses it again without it, and on a page that
# leaves a tag open on every line its cut text won (254 of 400 lines kept). Turning the fallback
# off everywhere loses text on normal pages (c-api/none.html of Python's docs keeps 241 of 567
# characters); past this depth (with a margin for the wrappers readability adds; Python's docs
# nest 27 levels at most) the page is extracted again without it and the longer text kept.
_FALLBACK_DEPTH = 200


def _deeper_than_the_fallback_reads(tree) -> bool:
    return bool(_deeper_xpath()(tree))


@functools.cache
def _deeper_xpath():
    """Is there an element _FALLBACK_DEPTH levels below the root: one pass, in libxml2."""
    from lxml.etree import XPath

    return XPath("boolean(" + "*/" * (_FALLBACK_DEPTH - 1) + "*)")  # the root is level 1


def _html_tree(data: bytes):
    """The page's tree as trafilatura.utils.load_html makes it (its encoding detection and
    repairs, its parser's options), but with libxml2's nesting limit lifted (`huge_tree`).
    Old pages leave tags open (`<font>` on every line, each nested in the last): past 256 levels
    libxml2 stopped reading, and the rest of the page was lost without a word (a page of 400 such
    lines kept 253, one of 1,000 kept 253). Parsed once, for the title and the text (again,
    flatter, only when it is too deep for libxml2 even so)."""
    from lxml.html import HTMLParser
    from trafilatura.utils import decode_file, repair_faulty_html

    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    text = decode_file(data)  # the page's declared or detected encoding
    text = _DOCTYPE_SUBSET.sub(r"\1>", text, count=1)
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    # Even with `huge_tree`, libxml2 stops at 2,048 levels ("Excessive depth in document"): a page
    # of 3,000 lines each opening a <font> kept its first 2,045, the rest lost without a word.
    # Such depth is inline tags left open; without them the text is the same. Should that not be
    # enough (3,000 nested <div>s), every tag but the page's frame becomes a line break.
    flatter = (
        lambda t: t,
        lambda t: _INLINE_TAG.sub("", t),
        lambda t: _NESTING_TAG.sub("<br>", _SCRIPT.sub("", t)),
    )
    for flat in flatter:
        tree = _parsed(flat(text), parser, beginning)
        if not any("Excessive depth" in e.message for e in parser.error_log):
            break
    body = tree.find("body") if tree is not None else None
    if body is not None and len(body) and all(child.tag in _INLINE_TAGS or child.tag == "br" for child in body):
        # A body of text and inline tags only (an old page: lines split by <br>, a <font> left
        # open on every line): trafilatura (2.3, favor_recall) drops the text before the first
        # child of <body> or of the inline tag that opens it, so such a page of 50 lines lost its
        # first line (49 kept). In a <div> of its own, the body's content is read whole. Pages
        # with any block in their body (a modern page, its skip link first) are left alone.
        from lxml.html import Element

        whole = Element("div")
        whole.text, body.text = body.text, None
        whole.extend(list(body))
        body.append(whole)
    return tree


# Tags that only style their text (left open on every line by old pages), and every tag but the
# frame of a page (html, head, title, body) and the void ones: the two ways a page too deep for
# libxml2 is made flat.
_INLINE_TAGS = frozenset("font b i u s em strong small big span tt strike blink sub sup nobr a".split())
_INLINE_TAG = re.compile(r"</?(?:center|" + "|".join(_INLINE_TAGS) + r")\b[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_NESTING_TAG = re.compile(r"</?(?!(?:html|head|title|body|meta|link|br|hr|img|input)\b)[a-zA-Z][\w:-]*\b[^>]*>")


def _parsed(text: str, parser, beginning: str):
    """The tree of `text` as trafilatura.utils.load_html makes it; None when it is no HTML."""
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html

    def from_bytes():
        try:
            return fromstring(text.encode("utf8", "surrogatepass"), parser=parser)
        except Exception:
            return None

    tree, from_text = None, True
    try:
        tree = fromstring(text, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree, from_text = from_bytes(), False
    except Exception:  # lxml's own errors: bytes next, as load_html
        pass
    if (tree is None or len(tree) < 1) and from_text:
        tree = from_bytes()
    # load_html's check that the input is HTML at all
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _html_title(tree) -> str | None:
    """The page's title exactly as trafilatura.extract_metadata() finds it (meta tags, then
    JSON-LD, then the page's own h1 or <title>), without the rest of the metadata we never use:
    the author, and the date htmldate searches the whole page for. On the 1,219 HTML pages of
    the 100k-passage benchmark the same titles in 3.2 s of CPU instead of 49.7 s, which took
    half of each page's extraction."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # as extract_metadata: a page's broken JSON-LD only loses what it held
        pass
    return meta.title or extract_title(tree) or None


def _load_notebook(source: str, data: bytes) -> LoadedDocument:
    text = notebook_text(source, data)
    front = front_matter(text)  # a first Markdown cell of YAML metadata, as a Markdown file's
    return LoadedDocument(source, text, front[1] if front else None)


def _load_table(source: str, data: bytes) -> LoadedDocument:
    return LoadedDocument(source, delimited_text(source, _decode_text(source, data)), None)


def _load_workbook(source: str, data: bytes) -> LoadedDocument:
    text, title = xlsx_text(source, data)
    return LoadedDocument(source, text, title)


def _load_old_workbook(source: str, data: bytes) -> LoadedDocument:
    text, title = xls_text(source, data)
    return LoadedDocument(source, text, title)


def _load_slides(source: str, data: bytes) -> LoadedDocument:
    text, title = pptx_text(source, data)
    return LoadedDocument(source, text, title)


def _load_mail(source: str, data: bytes) -> LoadedDocument:
    text, subject = mail_text(source, data, _html_of, _attachment_reader(source))
    return LoadedDocument(source, text, subject)


def _load_mailbox(source: str, data: bytes) -> LoadedDocument:
    return LoadedDocument(source, mbox_text(source, data, _html_of, _attachment_reader(source)), None)


def _load_outlook(source: str, data: bytes) -> LoadedDocument:
    text, subject = msg_text(source, data, _html_of, _attachment_reader(source))
    return LoadedDocument(source, text, subject)


def _html_of(source: str, data: bytes) -> str:
    return _load_html(source, data).text


def _attachment_reader(source: str):
    """How a message's attachment is read: as a file of its name would be; a message attached
    to a message is not (no mail inside a mail)."""

    def attachment_text(name: str, attached: bytes) -> str:
        path = Path(name)
        if not is_supported(path) or path.suffix.lower() in (*MAIL_SUFFIXES, *MSG_SUFFIXES, *MBOX_SUFFIXES):
            raise LoadError(f"{source}: {name}: not read")
        return load_document(path, f"{source}: {name}", attached).text

    return attachment_text


def _load_opendocument(source: str, data: bytes) -> LoadedDocument:
    text, title = odf_text(source, data)
    return LoadedDocument(source, text, title)


def _load_epub(source: str, data: bytes) -> LoadedDocument:
    def html_page(src: str, page: bytes) -> tuple[str, str | None]:
        read = _load_html(src, page)
        return read.text, read.title

    text, title = epub_text(source, data, html_page)
    return LoadedDocument(source, text, title)


def _load_docx(source: str, data: bytes) -> LoadedDocument:
    text, title = docx_text(source, data)
    return LoadedDocument(source, text, title)


def _load_doc(source: str, data: bytes) -> LoadedDocument:
    # Other files wear Word's old name too: a .docx renamed, or Rich Text that Word saved as .doc.
    if data.startswith(ZIP):
        return _load_docx(source, data)
    if data.lstrip().startswith(b"{\\rtf"):
        return _load_rtf(source, data)
    text, title = doc_text(source, data)
    return LoadedDocument(source, text, title)


def _load_ppt(source: str, data: bytes) -> LoadedDocument:
    if data.startswith(ZIP):  # a .pptx renamed
        return _load_slides(source, data)
    text, title = ppt_text(source, data)
    return LoadedDocument(source, text, title)


def _load_rtf(source: str, data: bytes) -> LoadedDocument:
    text, title = rtf_text(source, data)
    return LoadedDocument(source, text, title)


def _load_pdf(source: str, data: bytes) -> LoadedDocument:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        # Encrypted with an empty user password (only permissions set, as "restrict editing"
        # does) opens as it is; pypdf needs `cryptography` for AES, which most writers use.
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(f"{source}: the PDF is protected by a password; save a copy without it to index it")
        name_ligatures(reader)
        pages, styles, cells = (
            zip(*(page_lines(page) for page in reader.pages), strict=True) if reader.pages else ((), (), ())
        )
        pages, styles, cells = _with_scans_read(source, reader, list(pages), list(styles), list(cells))
        title = reader.metadata.title if reader.metadata else None
        # Whatever PDF object the file puts there: "/Title 42" or an array was stored as the
        # document's title and broke every later start (an int has no .strip()).
        title = title if isinstance(title, str) else None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise LoadError(f"{source}: corrupt or unreadable PDF ({e})") from e
    text = pdf_document_text(pages, styles, cells)
    if not text:
        raise LoadError(f"{source}: the PDF has no text, and OCR read none on its pictures")
    return LoadedDocument(source, text, pdf_title(title, pages, styles))


def _load_picture(source: str, data: bytes) -> LoadedDocument:
    # Each page's lines joined into paragraphs as a scanned PDF page's are (no style known).
    text = pdf_document_text(picture_pages(source, data))
    if not text:
        raise LoadError(f"{source}: OCR read no text on the picture")
    return LoadedDocument(source, text, None)


def _with_scans_read(source: str, reader, pages: list[str], styles: list, cells: list) -> tuple[list, list, list]:
    """The pages, each scanned page read by OCR (rag/ingest/ocr.py: a picture and no text, or
    only a scanning app's stamp): a scanned document, or the scanned pages of one. More than fit in the time a file may take
    (ocr.most_pages) are not read: the document's own text alone, or a LoadError saying how to
    read them when it has none."""
    scanned = [i for i, page in enumerate(pages) if is_scan(reader.pages[i], page)]
    if not scanned:
        return pages, styles, cells
    most = most_pages()
    if most is not None and len(scanned) > most:  # counted before any is decoded or read
        if len(scanned) == len(pages):
            raise too_long(source, len(scanned), most)
        return pages, styles, cells
    for i in scanned:
        if (picture := page_picture(reader.pages[i])) is None:
            continue
        try:
            text = picture_text(picture)
        except LoadError as e:
            raise LoadError(f"{source}: {e}") from e
        # No style or cells known for its lines (an empty list: pdf_document_text reads them as
        # of unknown style); a scanning app's stamp after the text it stamped.
        pages[i], styles[i], cells[i] = text + "\n" + pages[i].strip() + "\n", [], []
    return pages, styles, cells


# Each format but plain text: its suffixes, how read_as names it, its loader, and what a
# LoadError calls a damaged file of it.
_FORMATS = (
    (HTML_SUFFIXES, "html", _load_html, "HTML"),
    (PDF_SUFFIXES, "pdf", _load_pdf, "PDF"),
    (WORD_SUFFIXES, "docx", _load_docx, "Word document"),
    (DOC_SUFFIXES, "doc", _load_doc, "Word 97-2003 document"),
    (RTF_SUFFIXES, "rtf", _load_rtf, "RTF document"),
    (NOTEBOOK_SUFFIXES, "notebook", _load_notebook, "notebook"),
    (TABLE_SUFFIXES, "table", _load_table, "table"),
    (SPREADSHEET_SUFFIXES, "workbook", _load_workbook, "Excel workbook"),
    (XLS_SUFFIXES, "xls", _load_old_workbook, "Excel workbook"),
    (SLIDES_SUFFIXES, "slides", _load_slides, "PowerPoint presentation"),
    (PPT_SUFFIXES, "ppt", _load_ppt, "PowerPoint 97-2003 presentation"),
    (MAIL_SUFFIXES, "mail", _load_mail, "e-mail message"),
    (MSG_SUFFIXES, "msg", _load_outlook, "Outlook message"),
    (MBOX_SUFFIXES, "mbox", _load_mailbox, "mailbox"),
    (OPENDOCUMENT_SUFFIXES, "opendocument", _load_opendocument, "OpenDocument file"),
    (EPUB_SUFFIXES, "epub", _load_epub, "EPUB e-book"),
    (PICTURE_SUFFIXES, "picture", _load_picture, "picture"),
)
# Pictures are read only when asked for (supported_suffixes).
_WITH_PICTURES = frozenset(TEXT_SUFFIXES | {suffix for suffixes, *_ in _FORMATS for suffix in suffixes})
SUPPORTED_SUFFIXES = _WITH_PICTURES - PICTURE_SUFFIXES
