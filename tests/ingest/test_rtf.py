"""Rich Text Format files (.rtf) read as their application shows them (rag/ingest/rtf.py): one
as macOS TextEdit writes it (its default format), one as WordPad and Word write it, with a
table; then answered through a real index."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import LoadError
from rag.ingest.loaders import load_document, read_as, whole_characters
from rag.text.tables import row_at
from tests.ingest.fuzzing import RTF_SAMPLE

# As TextEdit 1.19 saves it: Cocoa's control words, a list table, line ends written "\" + newline,
# list items with their bullet in \listtext.
TEXTEDIT = rb"""{\rtf1\ansi\ansicpg1252\cocoartf2761
\cocoatextscaling0\cocoaplatform0{\fonttbl\f0\fswiss\fcharset0 Helvetica;\f1\fswiss\fcharset0 Helvetica-Bold;}
{\colortbl;\red255\green255\blue255;}
{\*\expandedcolortbl;;}
{\*\listtable{\list\listtemplateid1\listhybrid{\listlevel\levelnfc23\levelnfcn23\leveljc0\leveljcn0\levelfollow0\levelstartat1\levelspace360\levelindent0{\*\levelmarker \{disc\}}{\leveltext\leveltemplateid1\'01\uc0\u8226 ;}{\levelnumbers;}\fi-360\li720\lin720 }{\listname ;}\listid1}}
{\*\listoverridetable{\listoverride\listid1\listoverridecount0\ls1}}
{\info
{\title Harbour notes}
{\author Miriam Tolland}}\paperw11900\paperh16840\margl1440\margr1440\vieww11520\viewh8400\viewkind0
\pard\tx566\tx1133\tx1700\pardirnatural\partightenclose0

\f1\b\fs28 \cf0 The harbour in winter\
\pard\tx566\pardirnatural\partightenclose0

\f0\b0\fs24 \cf0 \
The caf\'e9 on the quay closes on 1 November and opens again on 15 March.\
\pard\tx220\tx720\pardirnatural\partightenclose0
\ls1\ilvl0\cf0 {\listtext	\uc0\u8226 	}The ferry runs twice a day.\
{\listtext	\uc0\u8226 	}Ticket office: Agnes Trevenna \uc0\u8212  harbour master.}
"""


def load(name: str, data: bytes):
    return load_document(Path(name), name, data)


@pytest.mark.unit
def test_a_textedit_document_is_its_paragraphs_and_list_items_with_its_title():
    doc = load("notes.rtf", TEXTEDIT)
    assert read_as("notes.rtf") == "rtf"
    assert doc.title == "Harbour notes"
    assert doc.text == (
        "The harbour in winter\n"
        "The café on the quay closes on 1 November and opens again on 15 March.\n"
        "• The ferry runs twice a day.\n"
        "• Ticket office: Agnes Trevenna — harbour master."
    )  # the font, colour and list tables, and the author, are not text


@pytest.mark.unit
def test_a_word_document_s_table_is_a_table_and_what_word_hides_is_not_read():
    doc = load("handbook.rtf", RTF_SAMPLE)
    assert doc.title == "Depot handbook"
    assert doc.text == (
        "The speed limit on site is 10 km/h.\n"
        "Book a visit at visits (https://depot.example/visit) two days ahead.\n"
        "| Area | Minimum PPE | Notes |\n"
        "|---|---|---|\n"
        "| Yard | Hi-vis vest, safety boots | Reversing vehicles |\n"
        "| Cold store | Thermal jacket |  |\n"
        "Report every accident to the duty manager."
    )  # no header, footer, comment or picture
    row = row_at(doc.text, doc.text.index("| Yard"))
    assert row is not None and row.header == ("Area", "Minimum PPE", "Notes")


@pytest.mark.unit
def test_a_link_reads_as_its_text_and_address_and_a_quote_in_brackets_as_written():
    data = rb'{\rtf1 He said ("hello") and left.\par See {\field{\*\fldinst{HYPERLINK "https://x.example/a"}}{\fldrslt the page}}.\par}'
    assert load("link.rtf", data).text == 'He said ("hello") and left.\nSee the page (https://x.example/a).'


@pytest.mark.unit
def test_characters_are_read_in_the_code_page_the_document_declares():
    data = rb"{\rtf1\ansi\ansicpg1251\deff0 \'cf\'f0\'e8\'e2\'e5\'f2, \u1084?\u1080?\u1088?!\par}"
    assert load("privet.rtf", data).text == "Привет, мир!"


@pytest.mark.unit
@pytest.mark.parametrize(
    "data, says",
    [
        (b"The budget was approved.\n", "not a Rich Text Format file"),
        (b"PK\x03\x04 a zip named .rtf", "not a Rich Text Format file"),
        (rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\info{\title Empty}}\pard\par}", "has no text"),
    ],
)
def test_what_is_no_rtf_text_is_a_load_error_naming_the_file(data, says):
    with pytest.raises(LoadError) as info:
        load("sub/note.rtf", data)
    assert str(info.value).startswith("sub/note.rtf: ") and says in str(info.value)


def test_rtf_documents_are_indexed_and_answered(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.rtf").write_bytes(TEXTEDIT)
    (corpus / "handbook.rtf").write_bytes(RTF_SAMPLE)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    answer = assistant.ask("Who is the harbour master?")
    assert answer.short_answer == "Agnes Trevenna" and answer.citations[0].source == "notes.rtf"
    answer = assistant.ask("What PPE do I need in the cold store?")
    assert answer.short_answer == "Thermal jacket" and answer.citations[0].source == "handbook.rtf"


# As Word writes notes: "{\footnote …}" after the reference mark (\chftn), an endnote's group
# marked \ftnalt; a note with a mark of the author's own has no \chftn.
WORD_NOTES = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}
\pard The levy rose to 2.1%.{\cs16\super \chftn {\footnote \pard\plain \s15 {\cs16\super \chftn } Set by the board on 4 March.}} It is paid monthly.\par
\pard Members vote in May.{\cs16\super \chftn {\footnote\ftnalt \pard\plain \s17 {\cs16\super \chftn } Rule 12 of the constitution.}}\par
\pard Fees are waived for students.{\cs16\super \u8224\'86{\footnote \pard\plain \s15 {\cs16\super \u8224\'86} Under 25, in full-time study.}}\par
\pard The office opens at 9:00.{\cs16\super \chftn {\footnote \pard\plain {\cs16\super \chftn } Closed on public holidays.}}\par
}"""


@pytest.mark.unit
def test_footnotes_and_endnotes_are_lines_after_what_holds_them():
    """striprtf leaves notes out: a footnote's text (a source, who set a figure, what it covers)
    was not read at all. Each is read after its paragraph (or its table), as a Word document's."""
    doc = load_document(Path("levy.rtf"), "levy.rtf", WORD_NOTES)
    assert doc.text.split("\n") == [
        "The levy rose to 2.1%. It is paid monthly.",
        "Footnote 1: Set by the board on 4 March.",
        "Members vote in May.",
        "Endnote i: Rule 12 of the constitution.",
        "Fees are waived for students.†",
        "Footnote †: Under 25, in full-time study.",
        "The office opens at 9:00.",
        "Footnote 2: Closed on public holidays.",
    ]
    # LibreOffice's export of the document the Word tests read (tests/ingest/files): the same notes.
    from tests.ingest.test_word import FILES, HARBOUR_NOTES

    doc = load_document(Path("harbour-notes.rtf"), "harbour-notes.rtf", (FILES / "harbour-notes.rtf").read_bytes())
    notes = [line for line in doc.text.split("\n") if line.startswith(("Footnote", "Endnote"))]
    assert notes == [line for line in HARBOUR_NOTES if line.startswith(("Footnote", "Endnote"))]
    assert "| Dredging | 1.9 million euros |" in doc.text.split("\n")


# A planning decision's details, as Word saves a table of two columns: labels and their values.
DECISION = rb"""{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}
\pard Decision notice\par
\trowd\cellx3000\cellx9000
\pard\intbl Application reference\cell 26/00482/FUL\cell\row
\trowd\cellx3000\cellx9000
\pard\intbl Applicant\cell Mr Oliver Quennell\cell\row
\trowd\cellx3000\cellx9000
\pard\intbl Agent\cell Brackenridge Design Ltd\cell\row
\trowd\cellx3000\cellx9000
\pard\intbl Date of decision\cell 12 March 2026\cell\row
\pard Conditions follow.\par
}
"""


@pytest.mark.unit
def test_a_table_of_labels_and_their_values_is_read_as_labelled_lines():
    """Its first row was read as the header, and "Who is the agent?" was answered "Site address"
    (a break-it helper's planning decision, session 53)."""
    assert load("decision.rtf", DECISION).text.split("\n") == [
        "Decision notice",
        "",  # a block of its own, as rag.text.fields reads a record
        "Application reference: 26/00482/FUL",
        "Applicant: Mr Oliver Quennell",
        "Agent: Brackenridge Design Ltd",
        "Date of decision: 12 March 2026",
        "",
        "Conditions follow.",
    ]


def test_a_character_outside_the_basic_plane_is_one_character(tmp_path):
    """Word and WordPad write an emoji as two \\u controls, a UTF-16 pair ("\\u-10179\\'3f
    \\u-8704\\'3f"), TextEdit with \\uc0: the halves reached the tokenizer, whose TypeError stopped
    `rag index` for the whole corpus (a helper of session 60). The emoji is one character, and
    the file is indexed and answers."""
    from tests.helpers import assistant_over

    word = rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\f0\fs22 Team lunch \u-10179\'3f\u-8704\'3f\par "
    word += rb"The team lunch is on Friday at 1 pm in the canteen.\par}"
    textedit = rb"{\rtf1\ansi\uc0\u55357 \u56832  Team lunch\par}"
    assert load_document(Path("a.rtf"), "a.rtf", word).text.startswith("Team lunch \U0001f600\n")
    assert load_document(Path("b.rtf"), "b.rtf", textedit).text.startswith("\U0001f600")
    assistant = assistant_over(tmp_path, {"lunch.rtf": word})
    assert [d.source for d in assistant.documents()] == ["lunch.rtf"]
    assert "Friday" in assistant.ask("When is the team lunch?").text


def test_a_lone_half_of_a_character_is_replaced():
    assert whole_characters("a \ud83d\ude00 b \ud83d c \ude00") == "a \U0001f600 b \ufffd c \ufffd"
    assert whole_characters("plain") == "plain"
