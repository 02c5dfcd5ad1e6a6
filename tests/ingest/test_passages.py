"""Passages of a built index: exact offsets into the document text, no boilerplate, all formats."""

from __future__ import annotations

import shutil

import pytest

from rag.index.files import FolderFiles, load_passages
from rag.index.manifest import Manifest, passage_id
from tests.conftest import CORPUS
from tests.ingest.test_boilerplate import BOILERPLATE, CARAVAN, TEASER
from tests.ingest.test_loaders import HTML_PAGE, HTML_PARAGRAPHS, PDF_SENTENCE, make_pdf

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def indexed(assistant):
    """Passages and document texts as a reader of the session index sees them."""
    manifest = Manifest.load(assistant.settings.index_dir)
    passages, texts = load_passages(FolderFiles(assistant.settings.index_dir), manifest)
    return manifest, passages, texts


def test_every_corpus_file_is_indexed(indexed):
    manifest, passages, texts = indexed
    assert sorted(manifest.documents) == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert {p.source for p in passages} == set(manifest.documents)
    assert not manifest.skipped


def test_passage_text_is_exactly_the_document_text_at_its_offsets(indexed, assistant):
    manifest, passages, texts = indexed
    assert len(passages) == sum(len(d.passages) for d in manifest.documents.values())
    for p in passages:
        assert texts[p.source][p.start : p.end] == p.text
        # For .txt files the document text is the file itself: offsets are offsets into the file.
        with open(CORPUS / p.source, encoding="utf-8", newline="") as f:
            assert f.read()[p.start : p.end] == p.text
        assert assistant.document_text(p.source)[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert p.id == passage_id(p.source, manifest.documents[p.source].sha256, p.start, p.end)
    assert len({p.id for p in passages}) == len(passages)
    assert [p.id for p in assistant.passages] == [p.id for p in passages]


def test_no_boilerplate_in_any_passage(indexed):
    _, passages, _ = indexed
    for p in passages:
        lowered = p.text.lower()
        for furniture in BOILERPLATE:
            assert furniture not in lowered, (furniture, p.source, p.start)
        assert "Image: AFP" not in p.text


def test_titles_and_teasers_are_not_repeated_among_passages(indexed):
    manifest, passages, _ = indexed
    for source, doc in manifest.documents.items():
        if doc.title:
            assert sum(doc.title in p.text for p in passages if p.source == source) <= 1, source
    assert manifest.documents[CARAVAN].title == "Trump outraged over Mexico migrant 'caravan'"
    teaser = [p for p in passages if TEASER in p.text]
    assert len(teaser) == 1
    assert teaser[0].source == CARAVAN
    assert teaser[0].text.startswith(TEASER)  # the body paragraph, not the headline line's teaser
    lead = "Secretary of State Antony Blinken made an unusual visit to Mexico City"
    assert sum(lead in p.text for p in passages) == 1


def test_sentences_lie_inside_passages(indexed):
    manifest, _, texts = indexed
    for source, doc in manifest.documents.items():
        assert doc.sentences
        for a, b in doc.sentences:
            assert any(s <= a and b <= e for s, e in doc.passages)
            assert texts[source][a:b] == texts[source][a:b].strip()


def test_html_and_pdf_are_indexed_into_passages(tmp_path, run_index):
    corpus = tmp_path / "corpus"
    (corpus / "web").mkdir(parents=True)
    (corpus / "web" / "harbour.html").write_bytes(HTML_PAGE)
    make_pdf(corpus / "lighthouse.pdf")
    shutil.copy(CORPUS / CARAVAN, corpus / CARAVAN)

    report, manifest, store = run_index(corpus, tmp_path / "index")
    assert sorted(report.added) == [CARAVAN, "lighthouse.pdf", "web/harbour.html"]
    assert report.skipped == {}
    passages, texts = load_passages(FolderFiles(tmp_path / "index"), manifest)

    pdf = [p for p in passages if p.source == "lighthouse.pdf"]
    assert [p.text for p in pdf] == [PDF_SENTENCE]
    assert PDF_SENTENCE in texts["lighthouse.pdf"]

    html = [p for p in passages if p.source == "web/harbour.html"]
    assert manifest.documents["web/harbour.html"].title == "Harbour report"
    for paragraph in HTML_PARAGRAPHS:
        assert sum(paragraph in p.text for p in html) == 1
    for junk in ["NAV_MENU_ITEM", "FOOTER_NOTICE", "SCRIPT_IN", "console.log"]:
        assert junk not in texts["web/harbour.html"]
        assert not any(junk in p.text for p in html)

    for p in passages:
        assert texts[p.source][p.start : p.end] == p.text
    assert store.count() == len(passages)


def test_a_markdown_code_block_is_indexed_as_code(tmp_path, run_index):
    """The fence is in no passage or sentence, and the block's lines are sentences of their own:
    "```bash" and two commands under it were one sentence, quoted whole (this README, asked
    "Which command runs the test suite?")."""
    from tests.ingest.test_boilerplate import README_MD

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "README.md").write_text(README_MD, encoding="utf-8")
    _, manifest, _ = run_index(corpus, tmp_path / "index")
    entry = manifest.documents["README.md"]
    sentences = [README_MD[a:b] for a, b in entry.sentences]
    passages = [README_MD[a:b] for a, b in entry.passages]
    assert not any("```bash" in t for t in sentences + passages)
    assert "make run     # sets everything up and opens the chat" in sentences
    assert "make test    # runs the whole test suite" in sentences
    assert "is not code, and wrapped\nlines still join." in sentences


def test_a_markdown_page_is_indexed_as_it_reads(tmp_path, run_index):
    """Through the indexer: a heading leads the paragraph it introduces but is no sentence, a
    comment and a link definition are in no passage, a table is one passage. The same text in a
    ".txt" file keeps its "#" lines as sentences (a comment of code as often as a heading)."""
    from tests.ingest.test_markdown import NODE_PAGE

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "decoder.md").write_text(NODE_PAGE, encoding="utf-8")
    (corpus / "decoder.txt").write_text(NODE_PAGE, encoding="utf-8")
    _, manifest, _ = run_index(corpus, tmp_path / "index")
    entry = manifest.documents["decoder.md"]
    passages = [NODE_PAGE[a:b] for a, b in entry.passages]
    sentences = [NODE_PAGE[a:b] for a, b in entry.sentences]
    assert any("## Binaries\n\nThe following binaries are provided:\n\n| Package manager" in p for p in passages)
    # Headings are no sentences where they lead text; one parted from its paragraph by a hidden
    # comment is a passage alone, and stays its sentence (every passage has one to quote).
    assert [s for s in sentences if s.startswith("#")] == ["### `new StringDecoder([encoding])`"]
    assert "### `new StringDecoder([encoding])`" in passages
    assert not any("added: v0.1.99" in p or "buffer.md#" in p for p in passages)
    plain = manifest.documents["decoder.txt"]
    assert "### `new StringDecoder([encoding])`" in [NODE_PAGE[a:b] for a, b in plain.sentences]


def test_a_restructuredtext_page_is_indexed_as_it_reads(tmp_path, run_index):
    """A `.rst` file was skipped as an unknown kind; now its title is the document's title and
    what its page does not show is in no passage."""
    from tests.ingest.test_rst import PAGE

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "getpass.rst").write_text(PAGE, encoding="utf-8")
    _, manifest, _ = run_index(corpus, tmp_path / "index")
    entry = manifest.documents["getpass.rst"]
    assert entry.title == ":mod:`getpass` --- Portable password input"
    passages = [PAGE[a:b] for a, b in entry.passages]
    assert not any("synopsis" in p or "Piers Lauder" in p for p in passages)
    assert "import getpass" in [PAGE[a:b] for a, b in entry.sentences]


def test_an_image_inlined_in_markdown_makes_no_passages(tmp_path, run_index):
    """A 40 KB image written into a Markdown note as a `data:` URI was 888 passages of base64,
    embedded and retrieved beside the note's two sentences."""
    from tests.ingest.test_boilerplate import BASE64_RUN

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    note = (
        "# Trip notes\n\nThe ferry to Inishmore leaves Rossaveal at 10:30.\n\n"
        f"![map](data:image/png;base64,{BASE64_RUN * 135})\n\nTickets cost 35 euro return.\n"
    )
    (corpus / "notes.md").write_text(note, encoding="utf-8")
    _, manifest, store = run_index(corpus, tmp_path / "index")
    passages = [note[a:b] for a, b in manifest.documents["notes.md"].passages]
    assert passages == ["The ferry to Inishmore leaves Rossaveal at 10:30.", "Tickets cost 35 euro return."]
    assert store.count() == 2
