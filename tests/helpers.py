"""Shared test helpers: questions about corpus/ with their answers, and the cited-answer check."""

from __future__ import annotations

import socket
from pathlib import Path

from rag.text.citations import MARKER

# question, the answer it must contain, the file that says so
ANSWERABLE = [
    ("How many migrants were in the caravan that Trump attacked Mexico over?", "1,500", "000_fd849027655b63a4.txt"),
    (
        "Which Mexican foreign minister rejected the safe third country idea?",
        "Marcelo Ebrard",
        "001_5a697cbeb227ac85.txt",
    ),
    ("How many additional Border Patrol agents would Biden's package fund?", "1,300", "002_45397eb93afc9b26.txt"),
]
UNANSWERABLE = "Who won the 2022 World Cup?"


def check_cited_answer(answer: dict, expected: str, source: str, document_text) -> None:
    """`answer` as Answer.to_dict() (the CLI's JSON); `document_text(source)` gives the text."""
    assert answer["refused"] is False
    assert expected in answer["answer"]
    citations = answer["citations"]
    numbers = [int(n) for n in MARKER.findall(answer["answer"])]
    assert numbers and set(numbers) == set(range(1, len(citations) + 1))
    for c in citations:
        text = document_text(c["source"])
        assert text[c["start"] : c["end"]] == c["text"]
        assert c["start"] <= c["support_start"] < c["support_end"] <= c["end"]
    # The citation that carries the answer: its passage and its supporting sentence both hold it.
    supporting = [c for c in citations if expected in document_text(c["source"])[c["support_start"] : c["support_end"]]]
    assert supporting, citations
    c = supporting[0]
    assert c["source"] == source
    assert expected in c["text"]
    sentence = document_text(source)[c["support_start"] : c["support_end"]]
    assert sentence in answer["answer"]  # the answer quotes the sentence it cites


def assistant_over(root: Path, files: dict[str, str | bytes], **settings):
    """An Assistant over a new corpus of these files (name -> text, or a file's bytes) in
    root/corpus, indexed in root/index, with these settings."""
    from rag.assistant import Assistant
    from rag.settings import Settings

    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        if isinstance(text, bytes):
            (corpus / name).write_bytes(text)
        else:
            (corpus / name).write_text(text, encoding="utf-8")
    return Assistant(settings=Settings(corpus_dir=corpus, index_dir=root / "index", **settings))


def assistant_over_page(root: Path, page: str, name: str | None = None, **settings):
    """An Assistant over one of tests/answer/pages/, as its only document (named `name`, by
    default as the page)."""
    text = (Path(__file__).parent / "answer" / "pages" / page).read_text(encoding="utf-8")
    return assistant_over(root, {name or page: text}, **settings)


def assert_short_answers(assistant, cases: list[tuple[str, str]]) -> None:
    """Each (question, short answer): the assistant answers the question with that short answer."""
    for question, short in cases:
        answer = assistant.ask(question)
        assert answer.short_answer == short, (question, answer.text)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_unreadable(name: str, data: bytes, says: str) -> None:
    """load_document refuses `data` as the file sub/`name`, its message naming the file and
    saying `says`."""
    import pytest

    from rag.errors import LoadError
    from rag.ingest.loaders import load_document

    with pytest.raises(LoadError) as info:
        load_document(Path(name), f"sub/{name}", data)
    assert str(info.value).startswith(f"sub/{name}: ")
    assert says in str(info.value)
