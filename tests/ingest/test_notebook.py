"""Jupyter notebooks (.ipynb): their Markdown and code cells as Markdown, errors that say what is
wrong, and a real index answering from one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.ingest.loaders import is_supported, read_as
from rag.ingest.markup import markup_of
from rag.ingest.notebook import notebook_text
from tests.helpers import assert_unreadable

CELLS = [
    {
        "cell_type": "markdown",
        "metadata": {},
        "source": ["# Tide gauge analysis\n", "\n", "We read the 2025 tide records."],
    },
    {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "source": "import pandas as pd\ntides = pd.read_csv('tides.csv')",
        "outputs": [{"output_type": "stream", "name": "stdout", "text": ["OUTPUT_TEXT_NOT_READ\n"]}],
    },
    {"cell_type": "raw", "metadata": {}, "source": "RAW_CELL_NOT_READ"},
    {"cell_type": "markdown", "metadata": {}, "source": []},
    {"cell_type": "code", "metadata": {}, "source": "print('```')", "outputs": []},
    {
        "cell_type": "markdown",
        "metadata": {},
        "source": "The highest tide was 4.2 metres, measured at Port Elwen on 3 March.",
    },
]


def notebook(cells=CELLS, **top) -> bytes:
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}}, "cells": cells}
    return json.dumps({**nb, **top}).encode()


@pytest.mark.unit
def test_a_notebook_is_its_markdown_and_its_code_in_fences():
    assert notebook_text("tides.ipynb", notebook()) == (
        "# Tide gauge analysis\n\nWe read the 2025 tide records.\n\n"
        "```python\nimport pandas as pd\ntides = pd.read_csv('tides.csv')\n```\n\n"
        "````python\nprint('```')\n````\n\n"
        "The highest tide was 4.2 metres, measured at Port Elwen on 3 March.\n"
    )
    assert is_supported(Path("a/Tides.IPYNB")) and read_as("a/tides.ipynb") == "notebook"
    assert markup_of("a/tides.ipynb") == "markdown"  # cut as Markdown: headings, code


@pytest.mark.unit
def test_a_version_3_notebook_keeps_its_cells_in_worksheets():
    old = {
        "nbformat": 3,
        "metadata": {},
        "worksheets": [{"cells": [{"cell_type": "code", "input": ["x = 1\n", "y = 2"], "language": "python"}]}],
    }
    assert notebook_text("old.ipynb", json.dumps(old).encode()) == "```\nx = 1\ny = 2\n```\n"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b'{"cells": [', "not a valid notebook (JSON error at line 1, column 12"),
        (b"[1, 2, 3]", "not a Jupyter notebook"),
        (
            notebook(cells=[{"cell_type": "code", "source": "", "outputs": []}]),
            "the notebook has no Markdown or code cells",
        ),
        (b'{"cells": "\xff"}', "not valid UTF-8"),
    ],
    ids=["cut-json", "json-array", "no-text", "not-utf8"],
)
def test_a_notebook_that_cannot_be_read_says_why_naming_the_file(data, says):
    assert_unreadable("nb.ipynb", data, says)


@pytest.mark.integration
def test_a_question_is_answered_from_a_notebook_cell(tmp_path):
    from rag.assistant import Assistant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tides.ipynb").write_bytes(notebook())
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")

    (info,) = assistant.documents()
    assert info.source == "tides.ipynb" and info.title == "Tide gauge analysis"
    text = assistant.document_text("tides.ipynb")
    assert "OUTPUT_TEXT_NOT_READ" not in text and "RAW_CELL_NOT_READ" not in text
    answer = assistant.ask("How high was the highest tide at Port Elwen?")
    assert not answer.refused and answer.short_answer == "4.2 metres"
    cited = answer.citations[0]
    assert cited.source == "tides.ipynb" and text[cited.start : cited.end] == cited.text


@pytest.mark.unit
def test_what_a_cell_leaves_open_is_closed_at_its_end():
    """Jupyter renders each cell alone. A fence left open in one cell made every later cell code
    (the heading no heading, a sentence cut at its wrapped line), and an open comment hid them."""
    cells = [
        {"cell_type": "markdown", "source": "# Setup\n\nInstall with:\n\n```bash\npip install foo"},
        {"cell_type": "markdown", "source": "## Results\n\nThe model reached 93 percent."},
        {"cell_type": "markdown", "source": "# A\n\n<!-- draft note"},
        {"cell_type": "markdown", "source": "The deployment window is Friday 18:00."},
    ]
    assert notebook_text("nb.ipynb", notebook(cells)) == (
        "# Setup\n\nInstall with:\n\n```bash\npip install foo\n```\n\n"
        "## Results\n\nThe model reached 93 percent.\n\n"
        "# A\n\n<!-- draft note -->\n\n"
        "The deployment window is Friday 18:00.\n"
    )


@pytest.mark.unit
def test_a_version_3_heading_cell_is_a_heading():
    old = {"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "heading", "level": 2, "source": "Results"}]}]}
    assert notebook_text("old.ipynb", json.dumps(old).encode()) == "## Results\n"
