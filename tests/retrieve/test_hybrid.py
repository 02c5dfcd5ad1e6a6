"""Hybrid retrieval (rag/retrieve/hybrid.py) over a real index: dense + BM25, fused."""

from __future__ import annotations

import shutil

import pytest

from rag.assistant import Assistant
from tests.conftest import CORPUS

pytestmark = pytest.mark.integration

CARAVAN = "000_fd849027655b63a4.txt"
QUESTION = "How many migrants were in the caravan that Trump attacked Mexico over?"


def test_a_copied_file_does_not_show_each_passage_twice(tmp_path):
    """ "report.pdf" beside "report (1).pdf": the top k held each passage twice, once per copy.
    The best-ranked copy stands for both, and the next distinct passages take their places."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(corpus / CARAVAN, corpus / "caravan (1).txt")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")

    answer, shown = assistant.ask_with_passages(QUESTION, top_k=5)
    texts = [sp.passage.text for sp in shown]
    assert len(shown) == 5 and len(set(texts)) == 5
    assert "1,500" in answer.text and answer.citations[0].source in (CARAVAN, "caravan (1).txt")
    candidates = assistant.path.retriever.retrieve(QUESTION, 20)
    assert len({sp.passage.text for sp in candidates}) == len(candidates) > 5
