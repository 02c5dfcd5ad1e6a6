"""Loading one file into its document text: plain text, HTML (trafilatura), PDF (pypdf), errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from rag.errors import LoadError
from rag.index.lexical import words
from rag.ingest.boilerplate import content_spans
from rag.ingest.loaders import is_supported, load_document
from tests.ingest.fuzzing import pdf_of

pytestmark = pytest.mark.unit

PDF_SENTENCE = "The lighthouse keeper counted 317 ships passing the cape in June."
HTML_PARAGRAPHS = [
    "The harbour of Port Elwen handled 42,000 containers in March, a record for the small town on the northern coast.",
    "Harbour master Ingrid Solberg said the new crane, delivered in January, doubled the speed of "
    "unloading ships at the main quay.",
    "The town council plans to dredge the eastern channel next spring so that larger vessels can dock there safely.",
]
HTML_PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour report</title>
<script>var tracker = "SCRIPT_IN_HEAD";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">NAV_MENU_ITEM</a></li></ul></nav>
<article>
<h1>Harbour report</h1>
<p>{HTML_PARAGRAPHS[0]}</p>
<p>{HTML_PARAGRAPHS[1]}</p>
<p>{HTML_PARAGRAPHS[2]}</p>
</article>
<footer><p>FOOTER_NOTICE 2024 Example News. All rights reserved.</p></footer>
<script>console.log("SCRIPT_IN_BODY");</script>
</body></html>
""".encode()


def make_pdf(path: Path, sentence: str = PDF_SENTENCE) -> Path:
    """A real one-page PDF with one line of text, written by matplotlib."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.5, 11))
    fig.text(0.1, 0.9, sentence)
    fig.savefig(path)
    plt.close(fig)
    return path


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


# ---------------------------------------------------------------------------- text


def test_text_file_is_its_own_document_text():
    data = "Première ligne — “quoted”.\r\nSecond line.\n".encode()
    doc = load("notes/a.txt", data)
    assert doc.source == "notes/a.txt"
    assert doc.text == data.decode()  # \r\n kept: offsets count every character
    assert doc.title is None


def test_a_carriage_return_alone_ends_a_line_as_classic_mac_editors_saved_it():
    """Such a file was one line: its title glued to its first sentence in every quote."""
    data = b"Title of memo\r\rThe parking garage closes at 9 pm.\rBring your badge.\r\n"
    doc = load("memo.txt", data)
    assert doc.text == "Title of memo\n\nThe parking garage closes at 9 pm.\nBring your badge.\r\n"
    assert len(doc.text) == len(data.decode())  # one character for one: offsets unchanged
    spans = content_spans(doc.text)
    assert [doc.text[s.start : s.end] for s in spans][1:] == ["The parking garage closes at 9 pm.", "Bring your badge."]


def test_a_terminals_escape_sequences_are_blanked_one_character_for_one():
    """A log saved from a terminal: its colours read as the words "31mERROR" and "0m", and a
    window-title sequence led a short answer with "0;pwned" (a break-it helper)."""
    data = b"\x1b]0;pwned\x07build 4471\n\x1b[1;31mERROR\x1b[0m disk full on node-7\n"
    doc = load("build.log.txt", data)
    assert doc.text == " " * 10 + "build 4471\n       ERROR     disk full on node-7\n"
    assert len(doc.text) == len(data.decode())  # one character for one: offsets unchanged
    assert "ERROR" in words(doc.text) and "pwned" not in doc.text


@pytest.mark.parametrize("end", ["\x0c", "\x0b", "\x85", "\u2028", "\u2029", "\x1e"])
def test_a_form_feed_and_the_other_line_ends_end_a_line(end):
    """A page break of text converted from PDF: "Report title\x0cThe annual budget was 4.2
    million euros." was quoted as one sentence, the title glued to it."""
    data = f"Report title{end}The annual budget was 4.2 million euros.{end}It rose.\n".encode()
    doc = load("report.txt", data)
    assert doc.text == "Report title\nThe annual budget was 4.2 million euros.\nIt rose.\n"
    assert len(doc.text) == len(data.decode())  # one character for one: offsets unchanged
    spans = content_spans(doc.text)
    assert [doc.text[s.start : s.end] for s in spans] == [
        "Report title",
        "The annual budget was 4.2 million euros.",
        "It rose.",
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec):
    """Saved by some Windows tools without a mark, it was skipped as "a binary file"."""
    text = "Quokkas live on Rottnest Island.\r\nThey are marsupials — not rodents.\n"
    assert load("quokka.txt", text.encode(codec)).text == text


def test_utf8_bom_is_dropped():
    doc = load("bom.txt", "\ufeffHello world.".encode())
    assert doc.text == "Hello world."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_text_marked_as_utf16_or_utf32_is_read(codec):
    """Windows Notepad's "Unicode" is UTF-16 LE with a byte-order mark: read, not skipped as
    binary (its bytes are half NULs). The mark is dropped, as UTF-8's is."""
    text = "Le café ouvrit en 1999 — près du pont.\nSecond line.\n"
    data = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    data += {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    doc = load("notepad.txt", data + text.encode(codec))
    assert doc.text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_page_marked_as_utf16_or_utf32_is_read(codec):
    """Skipped as "a binary file, not HTML" for its NUL bytes, where a text file so saved was read;
    its own charset declaration (here utf-16, of the bytes it was saved as) misleads nothing."""
    page = (
        '<html><head><meta charset="utf-16"><title>Glaziers</title></head><body>'
        "<p>The glazier is Gil Pané.</p><p>A second paragraph, long enough for the main text.</p></body></html>"
    )
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE}
    doc = load("unicode.html", bom[codec] + page.encode(codec))
    assert doc.title == "Glaziers" and doc.text.startswith("The glazier is Gil Pané.\n")


def test_a_broken_utf16_file_says_what_to_do():
    data = codecs.BOM_UTF16_LE + "Hello".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(LoadError, match=r"^broken\.txt: starts with a UTF-16 byte-order mark.*re-save it as UTF-8"):
        load("broken.txt", data)


def test_markdown_is_loaded_as_text():
    assert load("readme.md", b"# Title\n\nBody text.").text == "# Title\n\nBody text."


def test_supported_suffixes():
    assert all(
        is_supported(Path(n)) for n in ["a.txt", "b.MD", "c.markdown", "d.html", "e.HTM", "f.pdf", "g.rst", "h.rest"]
    )
    assert not any(is_supported(Path(n)) for n in ["a.pages", "b.png", "c", "d.txt.bak"])
    assert is_supported(Path("b.png"), pictures=True)  # pictures when read_pictures asks


# ---------------------------------------------------------------------------- HTML


def test_html_keeps_the_article_and_drops_nav_footer_and_scripts():
    doc = load("page.html", HTML_PAGE)
    for paragraph in HTML_PARAGRAPHS:
        assert paragraph in doc.text
    for junk in [
        "NAV_MENU_ITEM",
        "Home",
        "FOOTER_NOTICE",
        "All rights reserved",
        "SCRIPT_IN_HEAD",
        "SCRIPT_IN_BODY",
        "tracker",
        "console.log",
    ]:
        assert junk not in doc.text, junk
    assert "<" not in doc.text
    assert doc.title == "Harbour report"


def _page(head: str, h1s: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{h1s}<article>{body}</article></body></html>".encode()


TITLED_PAGES = {
    "title tag only": _page("<title>Harbour report | Port Elwen News</title>"),
    "OpenGraph over the title tag": _page(
        "<title>Harbour report | Port Elwen News</title><meta property='og:title' content='Record month at the harbour'>"
    ),
    "meta name title": _page("<meta name='title' content='Crane doubles unloading speed'>"),
    "JSON-LD headline": _page(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Dredging the eastern channel"}</script><title>Port Elwen News</title>'
    ),
    "broken JSON-LD": _page(
        '<script type="application/ld+json">{"headline": "Dredging</script><title>Dock plans</title>'
    ),
    "one h1": _page("", "<h1>The town council's channel plan</h1>"),
    "two h1 and a title": _page("<title>Council minutes</title>", "<h1>Item one</h1><h1>Item two</h1>"),
    "no title at all": _page(""),
}


@pytest.mark.parametrize("page", TITLED_PAGES.values(), ids=TITLED_PAGES.keys())
def test_html_title_is_the_one_trafilatura_metadata_finds(page):
    """The title is found by the title steps of trafilatura.extract_metadata alone (it also
    searches the page for dates and authors, half the extraction time): the same title on
    pages that carry it each way trafilatura reads one."""
    import trafilatura

    meta = trafilatura.extract_metadata(page)
    assert load("page.html", page).title == (meta.title or None)


@pytest.mark.parametrize("page", TITLED_PAGES.values(), ids=TITLED_PAGES.keys())
def test_html_text_is_the_one_trafilatura_extracts(page):
    """The page is parsed once, by us (for its depth limit, below), for the title and the text:
    the text is still trafilatura's own extraction of the page."""
    import trafilatura

    expected = trafilatura.extract(page, include_comments=False, include_tables=True, favor_recall=True)
    assert load("page.html", page).text == expected


def test_html_nested_past_libxml2s_limit_is_read_to_its_end():
    """Old pages leave a tag open on every line; past 256 levels of nesting libxml2 stopped
    parsing and everything after line ~253 was dropped without a warning (the answer to a
    question about line 350 then came from another document)."""
    lines = [
        f"<font face=arial>Entry {i}: the harbour board met and discussed routine matters.<br>" for i in range(400)
    ]
    lines[350] = "<font face=arial>Entry 350: the board decided that the lighthouse keeper would be Ansgar Holm.<br>"
    page = f"<html><head><title>Harbour minutes</title></head><body>{''.join(lines)}</body></html>".encode()
    doc = load("minutes.html", page)
    assert "the lighthouse keeper would be Ansgar Holm" in doc.text
    assert "Entry 399:" in doc.text
    assert doc.title == "Harbour minutes"


def test_html_open_on_every_line_ending_in_a_line_break_is_read_to_its_end():
    """With lines that end in a line break (not `<br>`) trafilatura's own extractor finds no
    paragraph and its fallback (readability) won: it writes out the page and parses it again
    without `huge_tree`, so its text stopped at entry 253 (254 of 400 kept)."""
    lines = [f"<font face=arial>Entry {i}: the harbour board met and discussed routine matters.\n" for i in range(400)]
    lines[350] = "<font face=arial>Entry 350: the board decided that the lighthouse keeper would be Ansgar Holm.\n"
    page = f"<html><head><title>Harbour minutes</title></head><body>{''.join(lines)}</body></html>".encode()
    doc = load("minutes.html", page)
    assert [i for i in range(400) if f"Entry {i}:" not in doc.text] == []
    assert "the lighthouse keeper would be Ansgar Holm" in doc.text
    assert doc.title == "Harbour minutes"


@pytest.mark.parametrize(
    "line", ["<font face=arial>Entry {i}: {text}<br>\n", "<div class=x><p>Entry {i}: {text}</p>\n"]
)
def test_html_nested_past_2048_levels_is_read_to_its_end(line):
    """Even with `huge_tree` libxml2 stops at 2,048 levels of nesting ("Excessive depth in
    document"): a page of 3,000 lines each opening a <font> kept 2,045 of them, the rest lost
    without a word. The page is read again without its inline tags or, when block tags nest that
    deep, with every tag but its frame a line break (no script or style text let in)."""
    text = "the harbour board met and discussed routine matters."
    lines = [line.format(i=i, text=text) for i in range(3000)]
    lines[2900] = line.format(i=2900, text="the board decided that the lighthouse keeper would be Ansgar Holm.")
    head = "<title>Harbour minutes</title><script>var tracker = 1;</script><style>p { margin: 0 }</style>"
    doc = load("minutes.html", f"<html><head>{head}</head><body>{''.join(lines)}</body></html>".encode())
    assert [i for i in range(3000) if f"Entry {i}:" not in doc.text] == []
    assert "the lighthouse keeper would be Ansgar Holm" in doc.text
    assert doc.title == "Harbour minutes"
    assert "tracker" not in doc.text and "margin" not in doc.text


@pytest.mark.parametrize(
    "line", ["Entry {i}: {text}<br>\n", "<font face=arial>Entry {i}: {text}<br>\n", "<b>Entry {i}: {text}</b><br>"]
)
def test_html_text_straight_in_the_body_keeps_its_first_line(line):
    """trafilatura (favor_recall) drops the text before the first child of an inline element or
    of <body> itself: an old page of 50 lines split by <br> lost its first line, the one that
    often says what the page is."""
    lines = [line.format(i=i, text="the harbour board met and discussed routine matters.") for i in range(50)]
    lines[0] = line.format(i=0, text="the lighthouse keeper will be Ansgar Holm.")
    doc = load(
        "minutes.html", f"<html><head><title>Minutes</title></head><body>{''.join(lines)}</body></html>".encode()
    )
    assert "Entry 0: the lighthouse keeper will be Ansgar Holm." in doc.text
    assert [i for i in range(50) if f"Entry {i}:" not in doc.text] == []
    assert doc.title == "Minutes"


DOCTYPE_SUBSETS = {
    "one entity": '<!DOCTYPE html [ <!ENTITY x "y"> ]>\n',
    "]> in a quoted value and a comment": "<!DOCTYPE html [\n<!ENTITY x \"a ]> b\">\n<!-- ]> -->\n<!ENTITY z 'c]>'>\n]>\n",
    "XHTML with an XML declaration": '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC '
    '"-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd" [ <!ENTITY x "y"> ]>\n',
}


@pytest.mark.parametrize("doctype", DOCTYPE_SUBSETS.values(), ids=DOCTYPE_SUBSETS.keys())
def test_html_doctype_with_an_internal_subset_keeps_its_title(doctype):
    """libxml2's HTML parser knows no internal subset: it took the subset's `]>` for the page's
    first text, opened the body there and put the <title> in it, so the page had no title."""
    body = "".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    page = f"{doctype}<html><head><title>My Title</title></head><body><article><p>Dock &x; opens.</p>{body}</article></body></html>"
    doc = load("subset.html", page.encode())
    assert doc.title == "My Title"
    assert "Dock &x; opens." in doc.text  # the entity stays its literal text
    assert all(paragraph in doc.text for paragraph in HTML_PARAGRAPHS)
    assert "]>" not in doc.text and "ENTITY" not in doc.text


ENTITY_ATTACKS = {
    "XXE": ('<!DOCTYPE html [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>', "&xxe;"),
    "parameter entity": (
        '<!DOCTYPE html [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; <!ENTITY e "&#x25;p;"> ]>',
        "&e;",
    ),
    "billion laughs": (
        '<!DOCTYPE html [ <!ENTITY lol0 "lol">'
        + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
        + " ]>",
        "&lol9;",
    ),
}


@pytest.mark.parametrize(("doctype", "reference"), ENTITY_ATTACKS.values(), ids=ENTITY_ATTACKS.keys())
def test_html_entities_declared_in_a_doctype_are_never_expanded(doctype, reference):
    """The internal subset is dropped, never read: a file entity is not fetched, a nested one
    not expanded; the reference stays its literal text."""
    body = "".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    page = f"{doctype}\n<html><head><title>Report</title></head><body><article><p>See {reference} here.</p>{body}</article></body></html>"
    doc = load("attack.html", page.encode())
    assert f"See {reference} here." in doc.text
    assert "root:" not in doc.text and "lollol" not in doc.text
    assert len(doc.text) < len(page)
    assert doc.title == "Report"


def test_html_without_main_text_is_a_load_error():
    with pytest.raises(LoadError, match=r"^empty\.html: no readable main text"):
        load("empty.html", b"<html><head><title>T</title></head><body><script>var x = 1;</script></body></html>")


# ---------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory) -> bytes:
    return make_pdf(tmp_path_factory.mktemp("pdf") / "lighthouse.pdf").read_bytes()


def test_pdf_text_is_extracted(pdf_bytes):
    assert pdf_bytes.startswith(b"%PDF-")
    doc = load("lighthouse.pdf", pdf_bytes)
    assert doc.text == PDF_SENTENCE
    assert doc.title is None  # matplotlib writes no title


def _ligature_pdf(line: bytes) -> bytes:
    """A one-page PDF whose font, as LaTeX's do, draws the codes 1, 2, 3 as the glyphs "fi", "ffi"
    and "fl" (its encoding's Differences), so that pypdf reads them as U+FB01, U+FB03, U+FB02."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + line + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [1 /fi /ffi /fl] >> >>",
    ]
    return pdf_of(objs)


def test_ligatures_of_a_typeset_pdf_are_read_as_their_letters():
    """ "The \ufb01nance o\ufb03cer" matched no "finance" or "officer": a question about it was
    answered from another document."""
    doc = load("staff.pdf", _ligature_pdf(b"The \x01nance o\x02cer is Selin Aydin. The \x03eet manager is Tomas Berg."))
    assert doc.text == "The finance officer is Selin Aydin. The fleet manager is Tomas Berg."


def _encrypted(pdf: bytes, user_password: str, algorithm: str) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_encrypted_without_a_password_is_read(pdf_bytes, algorithm):
    """Permissions only ("restrict editing"): it opens without a password, so it is read. AES,
    which most writers use, needs pypdf's `cryptography`: without it such files were skipped."""
    doc = load("restricted.pdf", _encrypted(pdf_bytes, "", algorithm))
    assert doc.text == PDF_SENTENCE


def _titled(pdf: bytes, title: bytes) -> bytes:
    """The PDF with `title` written as its /Title object, as it stands (e.g. b"42")."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.add_metadata({"/Title": "QQQQQQQQQQ"})  # a placeholder the object replaces, byte for byte
    out = io.BytesIO()
    writer.write(out)
    placeholder = b"(QQQQQQQQQQ)"
    assert out.getvalue().count(placeholder) == 1 and len(title) <= len(placeholder)
    return out.getvalue().replace(placeholder, title.ljust(len(placeholder)))  # the offsets stay right


def test_a_pdf_title_that_is_no_text_is_no_title(pdf_bytes):
    """ "/Title 42" was stored as the document's title: every later start failed ('int' object
    has no attribute 'strip') until someone found the file; "/Title << /A 1 >>" failed the run."""
    for title in (b"42", b"[(a) (b)]", b"<< /A 1 >>"):
        doc = load("odd.pdf", _titled(pdf_bytes, title))
        assert doc.title is None and doc.text == PDF_SENTENCE, title
    assert load("titled.pdf", _titled(pdf_bytes, b"(Log)")).title == "Log"


def test_a_pdf_that_needs_a_password_says_so(pdf_bytes):
    with pytest.raises(LoadError, match=r"^locked\.pdf: the PDF is protected by a password; save a copy without it"):
        load("locked.pdf", _encrypted(pdf_bytes, "secret", "AES-256"))


# ---------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b" \n\t\n ", "the file is empty"),
        ("empty.pdf", b"", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "looks like a binary file"),
        ("binary.html", b"<html>\x00\x01\x02</html>", "looks like a binary file"),
        ("latin1.txt", b"caf\xe9 au lait", "not valid UTF-8"),
        ("latin1-end.txt", b"caf\xe9", "not valid UTF-8"),
        ("corrupt.pdf", b"%PDF-1.4 garbage", "corrupt or unreadable PDF"),
        ("image.pdf", None, "the PDF has no text, and OCR read none on its pictures"),
    ],
)
def test_unreadable_files_raise_load_error_naming_the_file(name, data, reason, tmp_path):
    if data is None:  # a valid PDF with no text at all, and no picture
        data = make_pdf(tmp_path / name, sentence="").read_bytes()
    with pytest.raises(LoadError) as info:
        load(f"sub/{name}", data)
    message = str(info.value)
    assert message.startswith(f"sub/{name}: ")
    assert reason in message


def test_non_utf8_message_says_where_and_what_to_do():
    with pytest.raises(LoadError) as info:
        load("latin1.txt", b"caf\xe9 au lait")
    assert "at byte 3" in str(info.value)
    assert "re-save it as UTF-8" in str(info.value)


def test_unsupported_suffix_is_a_load_error():
    with pytest.raises(LoadError, match=r"^slides\.key: unsupported file type '\.key'"):
        load("slides.key", b"PK\x03\x04 a presentation")


def test_a_markdown_notes_front_matter_gives_its_title_and_the_text_is_kept_whole():
    data = b'---\ntitle: "Server notes"\nowner: ops\n---\n\nThe primary DNS server is at 10.1.2.3.\n'
    doc = load("notes.md", data)
    assert doc.title == "Server notes" and doc.text == data.decode()  # offsets into the file as it is
    assert load("plain.md", b"# Notes\n\nNo front matter here.\n").title is None


def test_what_a_page_never_shows_is_not_its_text():
    """Text marked `hidden`, styled `display: none` or inside a <template> was indexed and quoted:
    "Who is the hidden paragraph person?" was answered. The text around it stays, in order."""
    page = (
        b"<html><head><title>Crew</title></head><body>"
        b"<p>The pilot is Omar Reyes, who flies on Mondays and Tuesdays from the north field.</p>"
        b"<p hidden>The hidden paragraph person is Hal.</p><template><p>The template person is Tim.</p></template>"
        b'<div style="DISPLAY : none">The styled-away person is Sam.</div>'
        b"<p>The navigator is Nora Quill, <span hidden>secret </span>who reads the charts.</p></body></html>"
    )
    assert load("crew.html", page).text == (
        "The pilot is Omar Reyes, who flies on Mondays and Tuesdays from the north field.\n"
        "The navigator is Nora Quill, who reads the charts."
    )


def test_a_table_in_a_tables_cell_is_read_in_its_cell():
    """The inner table's rows went below the outer table and its cell was empty: "Who is the
    forklift driver?" quoted "| Forklift driver |  |"."""
    page = (
        b"<html><body><p>Staff roles at the depot are listed below for the summer season of the year.</p>"
        b"<table><tr><th>Role</th><th>Name</th></tr><tr><td>Forklift driver</td><td><table><tr><td>Ned Park</td>"
        b"<td>(nights)</td></tr><tr><td>Ana Li</td></tr></table></td></tr><tr><td>Crane operator</td><td>Ola Crane</td>"
        b"</tr></table></body></html>"
    )
    lines = [line.strip() for line in load("roles.html", page).text.splitlines()]
    assert "| Forklift driver | Ned Park (nights); Ana Li |" in lines and "| Crane operator | Ola Crane |" in lines
    assert not any(line.startswith("| Ned Park") for line in lines)


def test_a_table_of_labels_in_row_headers_is_read_as_label_and_value_items():
    """trafilatura wrote a delimiter row under each row that opens with a <th>, and the first row
    ("Calories | 312 kcal") was read as the header of the others (session 49)."""
    page = (
        b"<html><body><article><h1>Smoky bean stew</h1><p>A warming stew of beans, smoked paprika and tomatoes "
        b"that feeds a crowd on a cold evening and keeps well for days.</p><table class='nutrition'>"
        b"<tr><th>Calories</th><td>312 kcal</td></tr><tr><th>Protein</th><td>14 g</td></tr>"
        b"<tr><th>Fibre</th><td>12 g</td></tr></table><p>Serve it with crusty bread and a green salad.</p>"
        b"</article></body></html>"
    )
    lines = [line.strip() for line in load("stew.html", page).text.splitlines()]
    assert "- Calories: 312 kcal" in lines and "- Fibre: 12 g" in lines
    assert not any(line.startswith("|") for line in lines)


def test_an_ordered_lists_items_keep_their_numbers():
    """trafilatura writes each item "- …": a procedure's steps lost their numbers (session 49)."""
    page = (
        b"<html><body><article><h1>Setting up MFA</h1><p>All accounts must use multi-factor authentication "
        b"before their first sign-in to the company's systems, laptops and phones.</p><ol start='2'>"
        b"<li>Install the <b>Authenticator</b> app.</li><li>Scan the QR code.</li></ol>"
        b"<ul><li>SMS codes are not allowed.</li></ul><p>Ask the Service Desk if you have no smartphone.</p>"
        b"</article></body></html>"
    )
    lines = [line.strip() for line in load("mfa.html", page).text.splitlines()]
    assert "2. Install the Authenticator app." in lines and "3. Scan the QR code." in lines
    assert "- SMS codes are not allowed." in lines


def test_a_pages_byline_is_read_and_its_comments_dates_are_not():
    """trafilatura drops the byline with the page's furniture: "Who wrote the article?" was
    answered from a comment (session 49)."""
    page = (
        b"<html><head><title>Museum reopens after refit</title></head><body><nav>Home | News</nav><article>"
        b"<h1>Museum reopens after refit</h1><div class='byline'>By <span class='author'>Rhiannon Treves</span>, "
        b"Culture Correspondent &middot; Published 15 March 2024</div><p>The harbourside museum welcomed its first "
        b"visitors on Thursday after a three-year refit that cost twelve million pounds.</p><p>Its director said the "
        b"new galleries would open in stages over the summer.</p><p>The refit replaced the roof, added a lift to every "
        b"floor and moved the lifeboat collection into the old sail loft, where it can be seen from the quay.</p>"
        b"<p>Tickets are free for residents of the town until the end of April, and the cafe opens at ten.</p></article><section class='comments'><div class='comment'>"
        b"<div class='comment-meta'>By SeaDog, 16 March 2024</div><p>About time too.</p></div></section></body></html>"
    )
    lines = [line.strip() for line in load("museum.html", page).text.splitlines()]
    assert lines[:2] == [
        "Museum reopens after refit",
        "By Rhiannon Treves, Culture Correspondent · Published 15 March 2024",
    ]
    assert not any("SeaDog" in line for line in lines)


def test_a_short_page_that_ends_in_a_table_reads_it_as_rows():
    """Under ~250 characters of main text trafilatura falls back to its baseline, which read
    the table one cell per line ("Departs", "Destination", "07:12", …)."""
    page = (
        b"<html><head><title>Dunmore line timetable</title></head><body><h1>Dunmore line timetable</h1>"
        b"<p>Trains run every day except public holidays.</p><table>"
        b"<tr><th>Departs</th><th>Destination</th><th>Platform</th></tr>"
        b"<tr><td>07:12</td><td>Dunmore</td><td>4</td></tr><tr><td>07:42</td><td>Kilbride</td><td>2</td></tr>"
        b"</table></body></html>"
    )
    doc = load("timetable.html", page)
    lines = [line.strip() for line in doc.text.split("\n")]
    assert "| Departs | Destination | Platform |" in lines and "| 07:42 | Kilbride | 2 |" in lines
    assert doc.title == "Dunmore line timetable"


def test_a_flat_pages_headings_are_read_and_part_its_tables():
    """A receipt mail's headings stood straight in its <body>, with no <main> or <article>:
    trafilatura dropped every one, and the savings table ran into the order summary's (a break-it
    helper's grocery receipt, session 54, kept as written in tests/ingest/files)."""
    page = (Path(__file__).parent / "files" / "grocery_receipt.html").read_bytes()
    lines = [line.strip() for line in load("receipt.html", page).text.split("\n")]
    assert "Substitutions" in lines and "Your savings" in lines and "Order summary" in lines
    assert lines.index("Order summary") == lines.index("| Total multibuy savings | -£1.75 |") + 1
