"""A PDF read as its pages are read: page furniture out, wrapped lines and hyphenated words joined,
sentences whole across page breaks (rag/ingest/pdf.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.loaders import load_document
from rag.ingest.pdf import UNKNOWN, pdf_document_text
from rag.ingest.sentences import sentence_spans
from tests.ingest.fuzzing import pdf_of

HEAD = "Harbour Authority of Lenmouth - Annual Report 2024"

# Three pages as a word processor sets them: a running head, lines wrapped at one width (a
# word hyphenated at a line's end), a sentence running over the page break, a numbered heading,
# a list, and "Page N of 3" at the foot.
PAGES = [
    [
        "1 Overview",
        "The Authority dredged the inner channel twice in 2024, and the annual mainte-",
        "nance budget rose to 4.2 million crowns after the storms of February damaged",
        "the north breakwater. Repairs to the breakwater were carried out by Tolvik",
        "Marine under a contract signed in April. The channel depth reported to the",
        "Maritime Office in December was 11.5 metres at low water, and the harbour",
    ],
    [
        "master expects it to hold until the spring of 2026 without further work.",
        "2.1 Dredging",
        "Dredging in the outer basin will resume in May. The Authority has asked three",
        "firms for tenders and will choose one by the end of March.",
        "The board approved three priorities:",
        "- a new pilot boat,",
        "- lighting on the east quay,",
        "- a well-known safety course for every crew member, repeated each year.",
    ],
    [
        "# Accounts and audit",
        "income from port dues was 18.7 million crowns; the statement follows.",
        "Revenue from port dues was 18.7 million crowns, 6% more than in 2023, and the",
        "Authority paid no dividend to the municipality. The auditor, Brede & Sund, gave",
        "an unqualified opinion on the accounts.",
    ],
]


def make_pdf(path: Path, pages: list[list[str]] = PAGES, head: str = HEAD) -> Path:
    """A real PDF of these pages, one line of text per line of the page (matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        for n, lines in enumerate(pages, 1):
            fig = plt.figure(figsize=(8.5, 11))
            fig.text(0.1, 0.95, head, fontsize=9)
            for i, line in enumerate(lines):
                if line.startswith("# "):  # a heading, set larger and bold
                    fig.text(0.1, 0.88 - 0.03 * i, line[2:], fontsize=13, weight="bold")
                else:
                    fig.text(0.1, 0.88 - 0.03 * i, line, fontsize=10, family="monospace")
            fig.text(0.45, 0.04, f"Page {n} of {len(pages)}", fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf")
    return load_document(path, "report.pdf", path.read_bytes()).text


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_running_heads_and_page_numbers_are_left_out(report):
    assert "Annual Report" not in report
    assert "Page" not in report


def test_a_word_hyphenated_at_a_lines_end_is_one_word_again(report):
    """ "mainte-" over "nance" matched no "maintenance" in a question, BM25 or the embedder."""
    assert "the annual maintenance budget rose to 4.2 million crowns" in report
    assert "mainte-" not in report


def test_a_compound_the_document_writes_with_its_hyphen_keeps_it():
    text = pdf_document_text(
        [
            "Every crew member takes a well-\nknown course once a year, and the course is run by\n"
            "the harbour's own well-known instructors in Lenmouth.\n"
        ]
    )
    assert "a well-known course once a year" in text


def test_lines_wrapped_by_the_layout_are_one_sentence(report):
    """Lines that began with a capital ("Marine under a contract …", "Maritime Office …")
    had each started a new sentence: the sentence was quoted in pieces."""
    assert "Repairs to the breakwater were carried out by Tolvik Marine under a contract signed in April." in (
        _sentences(report)
    )


def test_a_sentence_over_a_page_break_is_one_sentence(report):
    """Pages had been joined by a blank line: a paragraph break in the middle of a sentence."""
    assert (
        "The channel depth reported to the Maritime Office in December was 11.5 metres at low water, "
        "and the harbour master expects it to hold until the spring of 2026 without further work."
    ) in _sentences(report)


def test_headings_list_items_and_paragraph_ends_stay_lines_of_their_own(report):
    lines = report.splitlines()
    assert "2.1 Dredging" in lines
    assert "The board approved three priorities:" in lines
    assert "- lighting on the east quay," in lines
    # A paragraph's short last line ends it; the page's next paragraph starts a line.
    assert "firms for tenders and will choose one by the end of March." not in lines
    assert any(line.endswith("will choose one by the end of March.") for line in lines)
    assert "Accounts and audit" in lines


def test_a_page_break_that_ends_a_paragraph_is_a_blank_line(report):
    assert "repeated each year.\n\nAccounts and audit\n" in report


def test_a_heading_set_apart_by_its_font_is_not_joined_to_the_line_under_it(report):
    """Set larger and bold, a heading is a line of its own even when the next begins in lower
    case (the Bash manual's "3.2.5.2 Conditional Constructs" over "if The syntax of …")."""
    assert "income from port dues was 18.7 million crowns; the statement follows." in report.splitlines()


def test_a_one_page_document_keeps_its_first_and_last_lines():
    """With one page nothing repeats: its title and its last line are its text."""
    text = pdf_document_text(["Minutes of the board\nThe board met on 3 March.\n7\n"])
    assert text == "Minutes of the board\nThe board met on 3 March.\n7"


def test_a_line_repeated_at_the_top_of_pages_is_furniture_but_the_first_line_under_it_is_not():
    own = ["Quoting is used to remove", "Single quotes preserve", "Double quotes preserve", "A comment begins"]
    pages = [f"Chapter 3: Basic Shell Features {n}\n{first} {n}.\nAnd so on {n}.\n" for n, first in enumerate(own, 5)]
    text = pdf_document_text(pages)
    assert "Chapter" not in text
    assert all(first in text for first in own)


def test_a_table_of_contents_line_is_navigation_not_text():
    pages = [
        "Contents\n3.1.2 Quoting . . . . . . . . . . . . 6\nIntroduction.............. iv\n",
        "Quoting is used to remove the special meaning of certain characters.\n",
    ]
    text = pdf_document_text(pages)
    assert "Quoting . ." not in text and "Introduction" not in text
    assert text.endswith("Quoting is used to remove the special meaning of certain characters.")


def test_code_after_a_sentence_is_not_joined_to_it():
    """No sentence begins in lower case, but code does."""
    text = pdf_document_text(
        [
            "Whenever a drawing function does not allow you to select the pen, the pen is\n"
            "selected automatically.\nvoid MeasureLine(picture pic = currentpicture)\n"
        ]
    )
    assert text.splitlines()[-1] == "void MeasureLine(picture pic = currentpicture)"


def test_a_running_head_that_carries_the_page_number_goes_though_its_chapter_is_short():
    """A two-page chapter's head ("Chapter 2: Definitions 4") repeats too little to be seen as
    furniture by its words; it carries the page's number, as the heads of the other chapters do.
    A chapter's first page prints only its number, over a heading that may begin with the same
    number ("1" over "1 Introduction"): the heading stays."""
    chapters = ["Introduction", "Definitions", "Basic Shell Features", "Shell Builtin Commands"]
    pages = []
    for c, title in enumerate(chapters, 1):
        first = 2 * c - 1
        pages.append(f"{first}\n{c} {title}\nThe {title.lower()} chapter opens here.\n")
        pages.append(f"Chapter {c}: {title} {first + 1}\n{title.lower()} term\nA synonym in {title}.\n")
    text = pdf_document_text(pages)
    assert "Chapter" not in text
    assert "1 Introduction" in text.splitlines() and "4 Shell Builtin Commands" in text.splitlines()
    assert all(f"{title.lower()} term" in text for title in chapters)
    assert not any(line.strip().isdigit() for line in text.splitlines())


def _cff_program(ligatures: dict[int, str]) -> bytes:
    """A compact (CFF) font program whose own encoding, as TeX's Computer Modern fonts', puts
    ligature glyphs at low codes (12: "fi"); the other glyphs at their ASCII codes."""
    import io

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    letters = sorted(set("The nance ocer files the rst report."))
    names = [".notdef", *(f"g{ord(ch)}" for ch in letters), *ligatures.values()]
    glyphs = {}
    for name in names:
        pen = T2CharStringPen(500, None)
        pen.moveTo((0, 0))
        pen.lineTo((100, 0))
        pen.lineTo((100, 100))
        pen.closePath()
        glyphs[name] = pen.getCharString()
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCFF("TestCMR10", {"FullName": "TestCMR10"}, glyphs, {})
    cff = builder.font["CFF "].cff
    encoding = [".notdef"] * 256
    for ch in letters:  # glyph names pypdf does not know: only the ligatures are ever looked up
        encoding[ord(ch)] = f"g{ord(ch)}"
    for code, name in ligatures.items():
        encoding[code] = name
    cff[cff.fontNames[0]].Encoding = encoding
    out = io.BytesIO()
    cff.compile(out, builder.font)
    return out.getvalue()


def _type1_program(ligatures: dict[int, str]) -> bytes:
    """The clear-text part of a Type 1 font program, where its encoding is (pypdf reads nothing
    else of it)."""
    puts = b"".join(b"dup %d /%s put\n" % (code, name.encode()) for code, name in ligatures.items())
    return (
        b"%!PS-AdobeFont-1.0: CMR10 003.002\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n"
        + puts
        + b"readonly def\ncurrentfile eexec\n"
    )


def _tex_font_pdf(line: bytes, program_kind: str) -> bytes:
    """A one-page PDF set in a CFF font with no /Encoding in the PDF and a ToUnicode map of one
    symbol, as pdfTeX wrote GLPK's manuals in Computer Modern: what code 12 draws is only in the
    font program."""
    if program_kind == "cff":
        program, file = _cff_program({12: "fi", 14: "ffi"}), b"/FontFile3"
        header = b"<< /Length %d /Subtype /Type1C >>" % len(program)
    else:
        program, file = _type1_program({12: "fi", 14: "ffi"}), b"/FontFile"
        header = b"<< /Length %d /Length1 %d /Length2 0 /Length3 0 >>" % (len(program), len(program))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T-UTF16 def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar <01> <2206> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    stream = b"BT /F1 12 Tf 72 720 Td (" + line + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+CMR10 /FontDescriptor 6 0 R /ToUnicode 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+CMR10 /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 700 /Descent -200 /CapHeight 700 /StemV 80 " + file + b" 7 0 R >>",
        header + b"\nstream\n" + program + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return pdf_of(objs)


@pytest.mark.parametrize("program_kind", ["cff", "type1"])
def test_ligatures_a_tex_font_encodes_only_in_its_own_program_are_read(program_kind):
    """GLPK's MathProg manual read "rst" for "first" and "speci es" for "specifies": pypdf had
    no name for the codes, and dropped them."""
    data = _tex_font_pdf(b"The \x0cnance o\x0ecer files the \x0crst report.", program_kind)
    doc = load_document(Path("glpk.pdf"), "glpk.pdf", data)
    assert doc.text == "The finance officer files the first report."


def test_a_pdf_without_a_title_is_titled_by_its_first_pages_largest_type():
    """None of the four TeX manuals in the probes has a title in its metadata; "Bash Reference
    Manual" is set largest on its first page. A title a program wrote for the file is no title."""
    from rag.ingest.pdf import pdf_title

    pages = ["Bash Reference\nManual\nEdition 5.2\nThis text is a brief description of the shell.\n", "More text.\n"]
    styles = [[(24.0, True), (24.0, True), (12.0, False), (10.0, False), UNKNOWN], [(10.0, False), UNKNOWN]]
    assert pdf_title(None, pages, styles) == "Bash Reference Manual"
    assert pdf_title("Microsoft Word - bashref.docx", pages, styles) == "Bash Reference Manual"
    assert pdf_title("The GNU Bash Manual", pages, styles) == "The GNU Bash Manual"
    same_size = [[(10.0, False)] * 4 + [UNKNOWN], [(10.0, False), UNKNOWN]]
    assert pdf_title(None, pages, same_size) is None
    assert (
        pdf_title(
            None, ["symptotesymptotesymptotesymptotesymptote\nA manual.\n"], [[(40.0, False), (10.0, False), UNKNOWN]]
        )
        is None
    )


def test_an_identifier_broken_after_its_underscore_is_one_word():
    text = pdf_document_text(["If BASH_\nCOMPAT is unset or set to the empty string, the default applies.\n"])
    assert text == "If BASH_COMPAT is unset or set to the empty string, the default applies."


def _table_pdf(path: Path) -> Path:
    """Two pages of a staff list set as a table (each cell drawn at its column's place, one cell
    left empty), its header repeated at the top of the second page, a footer on each."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    header = ("Name", "Role", "Extension", "Room")
    rows = [
        [
            ("Ann Lee", "Charge nurse", "2451", "4.12"),
            ("Bo Diaz", "Porter", "", "0.03"),
            ("Cara Holm", "Registrar", "2460", "4.20"),
        ],
        [("Dan Roe", "Pharmacist", "2472", "1.08"), ("Eva Lind", "Dietitian", "2475", "1.10")],
    ]
    columns = (0.1, 0.35, 0.6, 0.8)
    with PdfPages(path) as pdf:
        for n, page in enumerate(rows, 1):
            fig = plt.figure(figsize=(8.5, 11))
            fig.text(
                0.1,
                0.92,
                "The staff of Ward 4 and where to find them." if n == 1 else "Ward 4, continued.",
                fontsize=10,
            )
            for i, cells in enumerate([header, *page]):
                for x, cell in zip(columns, cells, strict=True):
                    if cell:
                        fig.text(x, 0.86 - 0.03 * i, cell, fontsize=10)
            fig.text(0.1, 0.04, "Ward 4 staff list, March 2025", fontsize=8)
            fig.text(0.8, 0.04, f"Page {n} of 2", fontsize=8)
            pdf.savefig(fig)
            plt.close(fig)
    return path


def test_a_table_is_read_as_rows_of_cells_under_the_names_of_its_columns(tmp_path):
    """pypdf gave "Bo Diaz Porter 0.03": no question could tell his room from an extension."""
    path = _table_pdf(tmp_path / "ward.pdf")
    lines = load_document(path, "ward.pdf", path.read_bytes()).text.splitlines()
    assert lines[:6] == [
        "The staff of Ward 4 and where to find them.",
        "| Name | Role | Extension | Room |",
        "|---|---|---|---|",
        "| Ann Lee | Charge nurse | 2451 | 4.12 |",
        "| Bo Diaz | Porter |  | 0.03 |",
        "| Cara Holm | Registrar | 2460 | 4.20 |",
    ]
    # The header at the top of the next page is the table's, not a running head; the footer goes.
    assert "| Name | Role | Extension | Room |" in lines[7:] and "| Eva Lind | Dietitian | 2475 | 1.10 |" in lines
    assert not any("Page" in line or "staff list" in line for line in lines)


def _figure_pdf(path: Path, lines: list[tuple[float, float, str]]) -> Path:
    """One page with each (x, y, text) set where its fractions of the page say, 10 pt."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(8.5, 11))
        for x, y, text in lines:
            fig.text(x, y, text, fontsize=10)
        pdf.savefig(fig)
        plt.close(fig)
    return path


def test_a_cell_that_wraps_goes_on_in_the_row_it_began(tmp_path):
    """pypdf gives a wrapped cell's last words a line of their own ("with rubber pads"), which
    ended the table there: the rows below it read as prose ("SC-040 Wood screw 4 x 40 Box
    7.20"), and the last row's wrap ran into it."""
    rows = [
        ("Code", "Description", "Unit", "Price"),
        ("HB-075", "Brass butt hinge 75 mm", "Pair", "4.85"),
        ("GL-200", "Glass shelf support, chrome,", "Pack", "3.10"),
        ("", "with rubber pads", "", ""),
        ("SC-040", "Wood screw 4 x 40", "Box", "7.20"),
        ("DH-010", "Door handle on rose,", "Each", "18.50"),
        ("", "satin nickel", "", ""),
    ]
    placed = [(0.1, 0.92, "Trade prices for spring, in euros per unit.")]
    placed += [
        (x, 0.86 - 0.03 * i, cell)
        for i, cells in enumerate(rows)
        for x, cell in zip((0.1, 0.3, 0.65, 0.8), cells, strict=True)
        if cell
    ]
    placed.append((0.1, 0.6, "Prices include delivery within the region."))
    path = _figure_pdf(tmp_path / "prices.pdf", placed)

    assert load_document(path, "prices.pdf", path.read_bytes()).text.splitlines() == [
        "Trade prices for spring, in euros per unit.",
        "| Code | Description | Unit | Price |",
        "|---|---|---|---|",
        "| HB-075 | Brass butt hinge 75 mm | Pair | 4.85 |",
        "| GL-200 | Glass shelf support, chrome, with rubber pads | Pack | 3.10 |",
        "| SC-040 | Wood screw 4 x 40 | Box | 7.20 |",
        "| DH-010 | Door handle on rose, satin nickel | Each | 18.50 |",
        "Prices include delivery within the region.",
    ]


def test_a_table_written_cell_after_cell_is_read_row_by_row(tmp_path):
    """fpdf2 and office suites write a table cell by cell: a cell's wrapped lines, then the next
    cell from the row's top again. pypdf gave "KT-170W Kestrel kettle, white" / "gloss" /
    "2403A0001 to" / "2403A8750" / …, which read as no table."""
    rows = [
        (("Model",), ("Product",), ("Serial numbers", "affected"), ("What to do",)),
        (("KT-170W",), ("Kestrel kettle, white", "gloss"), ("2403A0001 to", "2403A8750"), ("Stop using it",)),
        (("KT-150S",), ("Kestrel Compact kettle", "with steel body"), ("2404S0001 to", "2404S3125"), ("Refund",)),
        (("TS-220W",), ("Kestrel toaster",), ("not affected",), ("No action needed",)),
        (
            ("KT-175G",),
            ("Kestrel kettle,", "graphite"),
            ("2405G0001 to", "2405G2480"),
            ("Stop using it; re-", "place the base"),
        ),
    ]
    placed = [(0.1, 0.92, "Only the models listed below are affected.")]
    y = 0.88
    for row in rows:
        for x, cell in zip((0.1, 0.25, 0.5, 0.7), row, strict=True):  # cell by cell, its lines in turn
            placed += [(x, y - 0.015 * k, line) for k, line in enumerate(cell)]
        y -= 0.015 * max(map(len, row)) + 0.01
    placed.append((0.1, y - 0.02, "Call the recall line to register."))
    path = _figure_pdf(tmp_path / "recall.pdf", placed)

    assert load_document(path, "recall.pdf", path.read_bytes()).text.splitlines() == [
        "Only the models listed below are affected.",
        "| Model | Product | Serial numbers affected | What to do |",
        "|---|---|---|---|",
        "| KT-170W | Kestrel kettle, white gloss | 2403A0001 to 2403A8750 | Stop using it |",
        "| KT-150S | Kestrel Compact kettle with steel body | 2404S0001 to 2404S3125 | Refund |",
        "| TS-220W | Kestrel toaster | not affected | No action needed |",
        "| KT-175G | Kestrel kettle, graphite | 2405G0001 to 2405G2480 | Stop using it; replace the base |",
        "Call the recall line to register.",
    ]


def test_a_row_written_cell_after_cell_about_its_middle_keeps_its_wrapped_name(tmp_path):
    """fpdf2 centres a row's cells: a name that wraps is written first, and the row's cells of
    one line after it stand between its two lines. Read as going back up to the row's top only,
    the name was a line of prose over a row that left it out ("Personal possessions away from
    home" / "|  | £5,000 | Optional cover |"), and a question about it was answered with it."""
    rows = [
        (("Section",), ("Limit",), ("Notes",)),
        (("Contents",), ("£75,000",), ("Household goods",)),
        (("Personal possessions", "away from home"), ("£5,000",), ("Optional cover",)),
        (("Bicycles",), ("£1,200",), ("Locked when left",)),
        (("Alternative", "accommodation"), ("£45,000",), ("If the home cannot", "be lived in")),
        (("Legal expenses",), ("£100,000",), ("Per claim",)),
    ]
    placed = [(0.1, 0.92, "Cover limits for this policy year.")]
    # 17 pt, as fpdf2 set them: a cell half a line lower is a line of its own to pypdf.
    y, line = 0.88, 0.022
    for row in rows:
        height = line * max(map(len, row))
        for x, cell in zip((0.1, 0.35, 0.55), row, strict=True):  # cell by cell, each about the row's middle
            first = y - (height - line * len(cell)) / 2
            placed += [(x, first - line * k, words) for k, words in enumerate(cell)]
        y -= height + 0.005
    placed.append((0.1, y - 0.02, "Accidental damage cover applies to buildings only."))
    path = _figure_pdf(tmp_path / "limits.pdf", placed)

    assert load_document(path, "limits.pdf", path.read_bytes()).text.splitlines() == [
        "Cover limits for this policy year.",
        "| Section | Limit | Notes |",
        "|---|---|---|",
        "| Contents | £75,000 | Household goods |",
        "| Personal possessions away from home | £5,000 | Optional cover |",
        "| Bicycles | £1,200 | Locked when left |",
        "| Alternative accommodation | £45,000 | If the home cannot be lived in |",
        "| Legal expenses | £100,000 | Per claim |",
        "Accidental damage cover applies to buildings only.",
    ]


def test_lines_that_go_back_up_once_are_no_row_of_cells(tmp_path):
    """Two boxes of code side by side go back up as a table's cells do; with no second row
    like them on the page, their lines are read as they come."""
    placed = [(0.1, 0.9, "The model and the data are kept apart:")]
    placed += [(0.1, 0.86 - 0.015 * k, line) for k, line in enumerate(["statement;", "statement;", "end;"])]
    placed += [(0.4, 0.86 - 0.015 * k, line) for k, line in enumerate(["data;", "block;", "end;"])]
    placed += [(0.7, 0.86, "Data file")]
    path = _figure_pdf(tmp_path / "boxes.pdf", placed)
    lines = load_document(path, "boxes.pdf", path.read_bytes()).text.splitlines()
    assert "|" not in "".join(lines) and lines[1].startswith("statement;")


def test_a_header_is_read_over_the_columns_it_starts_at():
    """A short heading over a wide column set flush left stands at its column's start, though
    its middle is nearer the column before ("Description"); two headings of narrow columns set
    close, read as one run ("Unit price Lead time"), are parted at the next column's start."""
    header = [(46.0, 77.0, "Part no."), (108.0, 150.0, "Description"), (459.0, 540.0, "Unit price Lead time")]
    rows = [
        [
            (46.0, 73.0, f"OV-10{n}"),
            (108.0, 319.0, f"Impeller, bronze, {n} mm diameter"),
            (457.0, 491.0, "EUR 38.60"),
            (505.0, 528.0, "3 days"),
        ]
        for n in (11, 12, 13)
    ]
    lines = "\n".join(["Part no. Description Unit price Lead time"] + [" ".join(c[2] for c in r) for r in rows])
    assert pdf_document_text([lines], cells=[[header, *rows]]).splitlines()[:3] == [
        "| Part no. | Description | Unit price | Lead time |",
        "|---|---|---|---|",
        "| OV-1011 | Impeller, bronze, 11 mm diameter | EUR 38.60 | 3 days |",
    ]


def test_a_header_that_names_four_columns_or_more_makes_a_table_of_one_row():
    """A water bill's meter readings, a header over one meter's row, were two lines of text in
    two passages (a table needed two rows under its header; a break-it helper's, session 54)."""
    xs = [(46.0, 100.0), (130.0, 200.0), (230.0, 280.0), (310.0, 380.0), (410.0, 460.0)]
    names = ["Meter serial no.", "Previous reading", "Read on", "Current reading", "Usage (m3)"]
    values = ["19M204877", "1,482 (A)", "12/07/2025", "1,559 (A)", "77"]
    header = [(a, b, t) for (a, b), t in zip(xs, names)]
    row = [(a, b - 10, t) for (a, b), t in zip(xs, values)]
    lines = "\n".join(["Your meter readings", " ".join(names), " ".join(values), "Thank you for paying on time."])
    assert pdf_document_text([lines], cells=[[None, header, row, None]]).splitlines()[1:4] == [
        "| Meter serial no. | Previous reading | Read on | Current reading | Usage (m3) |",
        "|---|---|---|---|---|",
        "| 19M204877 | 1,482 (A) | 12/07/2025 | 1,559 (A) | 77 |",
    ]
    # Two lines of three cells stay text: as often a line of labels over one of values.
    three = [(a, b, t) for (a, b), t in zip(xs[:3], names[:3])]
    lines3 = "\n".join(["Your meter readings", " ".join(names[:3]), " ".join(values[:3]), "Thank you."])
    text3 = pdf_document_text([lines3], cells=[[None, three, row[:3], None]])
    assert "|" not in text3


def test_a_tables_long_rows_are_no_measure_of_where_the_text_wraps():
    """A line is short (a paragraph's last) by the document's long lines; a table's rows,
    written whole as Markdown, had been counted among them, so every wrapped line of the prose
    above the table was short and a line that began with a capital began a paragraph."""
    prose = [
        "This directory lists the consultants, doctors, nurses and physiologists of the Department of",
        "Respiratory Medicine. Internal extensions can be dialled from any hospital telephone; from",
        "outside, call the switchboard and ask for the extension you need from the list below.",
    ] * 4
    header = [(72.0, 120.0, "Name"), (250.0, 300.0, "Role"), (420.0, 470.0, "Extension")]
    rows = [
        [
            (72.0, 200.0, f"Dr Person Number {n} of the department"),
            (
                250.0,
                400.0,
                "Consultant in respiratory medicine, sleep studies and home ventilation, clinics on Mondays and Thursdays",
            ),
            (420.0, 450.0, f"44{n:02d}"),
        ]
        for n in range(12)
    ]
    lines = prose + [" ".join(c[2] for c in r) for r in [header, *rows]]
    text = pdf_document_text(["\n".join(lines)], cells=[[None] * len(prose) + [header, *rows]])
    assert text.splitlines()[:5] == [" ".join(prose[:3])] * 4 + ["| Name | Role | Extension |"]


def test_a_cell_that_wraps_in_the_first_row_goes_on_in_it():
    """The header and one row are too few lines to be a table; with the rows past the first
    row's wrapped cell they are one."""
    header = [(46.0, 80.0, "Reference"), (114.0, 160.0, "Site"), (244.0, 275.0, "Decision")]
    rows = [
        [(46.0, 88.0, "24/1187"), (114.0, 213.0, "6 Linnet Walk,"), (244.0, 271.0, "Granted")],
        [(114.0, 160.0, "Brackenholt")],
        [(46.0, 88.0, "24/1192"), (114.0, 229.0, "Greyford Club"), (244.0, 271.0, "Refused")],
        [(46.0, 88.0, "25/0102"), (114.0, 229.0, "Cresswold Garage"), (244.0, 271.0, "Granted")],
    ]
    lines = "\n".join(" ".join(c[2] for c in line) for line in [header, *rows])
    assert pdf_document_text([lines], cells=[[header, *rows]]).splitlines()[:3] == [
        "| Reference | Site | Decision |",
        "|---|---|---|",
        "| 24/1187 | 6 Linnet Walk, Brackenholt | Granted |",
    ]


def test_a_table_over_a_page_break_is_one_table():
    """The page after opens with the table's header again, or with its rows under no header:
    either way one table, its rows under the first page's header (the header written once);
    the header again over one row is too (two lines, too few for a table of their own). A
    table of as many columns under another header is a table of its own."""
    header = [(72.0, 120.0, "Name"), (250.0, 300.0, "Role"), (420.0, 470.0, "Room")]

    def row(n: int) -> list:
        return [(72.0, 150.0, f"Person {n}"), (250.0, 330.0, f"Role {n}"), (420.0, 450.0, f"R{n}")]

    def page(lines: list) -> tuple[str, list]:
        return "\n".join(" ".join(c[2] for c in line) for line in lines), lines

    other = [(72.0, 120.0, "Ward"), (250.0, 300.0, "Beds"), (420.0, 470.0, "Floor")]
    for second, rows_after in [([header, row(4), row(5)], 2), ([row(4), row(5), row(6)], 3), ([header, row(4)], 1)]:
        pages = [page([header, row(1), row(2), row(3)]), page(second)]
        text = pdf_document_text([t for t, _ in pages], cells=[c for _, c in pages])
        lines = text.splitlines()
        assert lines[:2] == ["| Name | Role | Room |", "|---|---|---|"]
        assert lines[2:] == [f"| Person {n} | Role {n} | R{n} |" for n in range(1, 4 + rows_after)]
    pages = [page([header, row(1), row(2)]), page([other, row(4), row(5)])]
    text = pdf_document_text([t for t, _ in pages], cells=[c for _, c in pages])
    assert "\n\n| Ward | Beds | Floor |\n|---|---|---|" in text


def test_a_footnote_mark_after_a_sentences_end_is_no_text(tmp_path):
    """ "…Chalmers University of Technology, Sweden.²" read "Sweden.2": no sentence ended there,
    and the 2 was a number no text holds. An exponent after a number or a bracket stays ("10⁶",
    "(n + 1)²")."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    path = tmp_path / "notes.pdf"
    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(8.5, 11))
        fig.text(0.1, 0.9, "MiniSat was written in Sweden.", fontsize=10)
        fig.text(0.1 + 0.29, 0.9 + 0.004, "2", fontsize=7)
        fig.text(0.1 + 0.30, 0.9, "It solves CNF problems with 10", fontsize=10)
        fig.text(0.1 + 0.595, 0.9 + 0.004, "6", fontsize=7)
        fig.text(0.1 + 0.605, 0.9, "clauses.", fontsize=10)
        fig.text(0.1, 0.85, "Its cost grows as (n + 1)", fontsize=10)
        fig.text(0.1 + 0.235, 0.85 + 0.004, "2", fontsize=7)
        fig.text(0.1 + 0.245, 0.85, "in the worst case.", fontsize=10)
        pdf.savefig(fig)
        plt.close(fig)
    text = load_document(path, "notes.pdf", path.read_bytes()).text
    assert "Sweden. It solves" in text and "Sweden.2" not in text
    assert "106" in text.replace(" ", "") and "(n+1)2" in text.replace(" ", "")


def test_a_line_under_a_table_that_starts_at_no_column_of_it_is_no_wrapped_cell():
    """A note under a table, set at the first column or from a column across the next, is the text after
    the table, not a cell's rest."""
    header = [(72.0, 100.0, "Item"), (200.0, 260.0, "Size"), (330.0, 370.0, "Price")]
    row = [(72.0, 110.0, "Hinge"), (200.0, 240.0, "75 mm"), (330.0, 360.0, "4.85")]
    row2 = [(72.0, 110.0, "Screw"), (200.0, 240.0, "4 x 40"), (330.0, 360.0, "7.20")]
    lines = "Item Size Price\nHinge 75 mm 4.85\nScrew 4 x 40 7.20\nPrices include VAT.\nSee page two."
    for note in ([(72.0, 160.0, "Prices include VAT.")], [(200.0, 420.0, "Prices include VAT.")]):
        text = pdf_document_text([lines], cells=[[header, row, row2, note, [(72.0, 140.0, "See page two.")]]])
        assert text.splitlines()[-3:] == ["| Screw | 4 x 40 | 7.20 |", "Prices include VAT.", "See page two."]


def test_lines_past_a_wrapped_cell_that_read_as_no_table_leave_the_table_as_it_was():
    """The rows go on past a wrapped cell only when the longer table still reads as a table:
    here the lines below it are a sentence's pieces, so the table ends where it did."""
    header = [(72.0, 100.0, "Item"), (200.0, 260.0, "Use"), (330.0, 370.0, "Price")]
    rows = [
        [(72.0, 110.0, "Hinge"), (200.0, 300.0, "Doors and"), (330.0, 360.0, "4.85")],
        [(72.0, 110.0, "Screw"), (200.0, 300.0, "Shelves"), (330.0, 360.0, "7.20")],
    ]
    wrap = [(200.0, 300.0, "cupboards")]
    pieces = [[(72.0, 190.0, "It fits, as"), (200.0, 320.0, "we said, most"), (330.0, 400.0, "doors,")]] * 2
    lines = "\n".join(["Item Use Price", "Hinge Doors and 4.85", "Screw Shelves 7.20", "cupboards"] + ["It fits."] * 2)
    text = pdf_document_text([lines], cells=[[header, *rows, wrap, *pieces]])
    assert text.splitlines()[:4] == [
        "| Item | Use | Price |",
        "|---|---|---|",
        "| Hinge | Doors and | 4.85 |",
        "| Screw | Shelves | 7.20 |",
    ]
    assert text.splitlines()[4].startswith("cupboards")


def test_words_of_prose_are_no_table():
    """Two runs on a line (a term and its definition) and prose lines are read as they were."""
    text = pdf_document_text(
        ["signal A mechanism by which a process is notified.\ntoken A sequence of characters.\nword A unit.\n"],
        cells=[[[(0.0, 30.0, "signal"), (90.0, 300.0, "A mechanism by which a process is notified.")]] * 3 + [None]],
    )
    assert "|" not in text
    # Lines of prose that a change of font parts in three, the runs covering the line's width.
    lines = [
        "This creates a coprocess named NAME. command may be either a",
        "Section 3.2.2 [Simple Commands], page 9) or a compound command",
        "[Compound Commands], page 11). NAME is a shell variable name.",
    ]
    runs = [[(72.0, 240.0, line[:30]), (245.0, 300.0, line[30:40]), (304.0, 540.0, line[40:])] for line in lines]
    assert "|" not in pdf_document_text(["\n".join(lines)], cells=[runs])


def test_a_grid_of_labels_and_values_is_read_as_fields():
    """A discharge summary's "Patient: | Mr C Ashworth-Pryce | Hospital no: | RW4-7731902" grid was a
    table whose header was its first pair, and "What is the patient's NHS number?" was answered
    "NHS no:" (a break-it helper's, session 54); a pair written in its label's cell is parted."""
    xs = [(46.0, 100.0), (130.0, 260.0), (300.0, 360.0), (390.0, 500.0)]
    grid = [
        ["Patient:", "Mr Clement Ashworth-Pryce", "Hospital no:", "RW4-7731902"],
        ["Date of birth:", "03/09/1958 (67 y)", "NHS no:", "999 482 1176"],
        ["Length of stay:", "7 days", "Discharging doctor: Dr Kieran Moffat", ""],
    ]
    cells = [[(a, b, t) for (a, b), t in zip(xs, row) if t] for row in grid]
    lines = "\n".join(["INPATIENT DISCHARGE SUMMARY", *(" ".join(t for t in row if t) for row in grid), "1. Diagnosis"])
    text = pdf_document_text([lines], cells=[[None, *cells, None]])
    assert text.splitlines()[1:8] == [
        "Patient: Mr Clement Ashworth-Pryce",
        "Hospital no: RW4-7731902",
        "Date of birth: 03/09/1958 (67 y)",
        "NHS no: 999 482 1176",
        "Length of stay: 7 days",
        "Discharging doctor: Dr Kieran Moffat",
        "1. Diagnosis",
    ]
