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


def test_fullwidth_letters_and_ligatures_in_a_text_file_match_the_words_typed(tmp_path):
    """ "Who is the warehouse manager?" did not match "Ｔｈｅ ｗａｒｅｈｏｕｓｅ ｍａｎａｇｅｒ ｉｓ Lee
    Park" (words are read NFKC-folded) and was answered with the finance officer; what is stored
    and quoted stays as the file has it."""
    from rag.index.bm25 import bm25_words
    from rag.index.lexical import terms
    from tests.helpers import assistant_over

    assert bm25_words("Ｔｈｅ ｗａｒｅｈｏｕｓｅ ﬁnance") == bm25_words("The warehouse finance")
    assert terms("ｗａｒｅｈｏｕｓｅ ofﬁcer²") == terms("warehouse officer2")
    text = (
        "Staff list of the Harlow depot\n\nThe ﬁnance ofﬁcer of the depot is Dana Ruiz, who joined in 2019.\n\n"
        "Ｔｈｅ ｗａｒｅｈｏｕｓｅ ｍａｎａｇｅｒ ｉｓ Lee Park, who runs the night shift.\n\nThe depot has 14 loading bays.\n"
    )
    other = "Harbour news\n\nThe harbour master of Tollmouth is Ines Varga. The ferry leaves at noon.\n"
    assistant = assistant_over(tmp_path, {"depot.txt": text, "harbour.txt": other})
    answer = assistant.ask("Who is the warehouse manager?")
    assert answer.text.startswith("Lee Park — Ｔｈｅ ｗａｒｅｈｏｕｓｅ"), answer.text
    c = answer.citations[0]
    assert assistant.document_text(c.source)[c.start : c.end] == c.text
    assert assistant.ask("Who is the finance officer of the depot?").text.startswith("Dana Ruiz — The ﬁnance ofﬁcer")


def test_a_word_parted_by_an_invisible_character_is_one_word(tmp_path):
    """ "Karen Lo\u200bpez" (a zero-width space, as pasted from some web pages) was the words "Lo" and
    "pez": "Who is Karen Lopez?" was refused, and the short answer held the invisible character,
    which a copy takes along. The quote and the citation keep the file's characters."""
    from rag.index.bm25 import bm25_words
    from rag.index.lexical import terms
    from tests.helpers import assistant_over

    assert bm25_words("Lo\u200bpez co\u00adoperative") == bm25_words("Lopez cooperative")
    assert terms("Lo\u2060pez") == terms("Lopez")
    text = "Rowing club\n\nThe treasurer of the rowing club is Karen Lo\u200bpez, elected in 2021.\n"
    other = "Harbour news\n\nThe harbour master of Tollmouth is Ines Varga. The ferry leaves at noon.\n"
    assistant = assistant_over(tmp_path, {"club.txt": text, "harbour.txt": other})
    answer = assistant.ask("Who is the treasurer of the rowing club?")
    assert answer.text.startswith("Karen Lopez — The treasurer"), answer.text
    assert "Karen Lo\u200bpez" in answer.citations[0].text
    found = assistant.ask("Who is Karen Lopez?")
    assert not found.refused and found.citations[0].source == "club.txt"


def test_the_convex_fusion_answers_through_the_whole_query_path(assistant):
    """fusion = "convex" (opt-in): the same index, fused by score; the answer and its citation as
    the default gives them, and every shown passage carries its cosine (RRF leaves it None for a
    passage only BM25 found)."""
    convex = assistant.with_settings(fusion="convex")
    answer, shown = convex.ask_with_passages(QUESTION, top_k=5)
    assert answer.text.startswith("1,500 — ") and answer.citations[0].source == CARAVAN
    c = answer.citations[0]
    assert convex.document_text(c.source)[c.start : c.end] == c.text
    assert len(shown) == 5 and all(sp.dense is not None for sp in shown)
    assert [sp.score for sp in shown] == sorted((sp.score for sp in shown), reverse=True)
