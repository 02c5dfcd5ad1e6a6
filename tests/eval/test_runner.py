"""A run folder is resumed by the same run only (eval/runner.py: run.json)."""

from __future__ import annotations

import json

import pytest

from eval.runner import _check_same_run
from rag.errors import RagError

pytestmark = pytest.mark.unit

RUN = {"dataset": "corpus", "k": 5, "commit": "abc1234", "settings": {"top_k": "5", "llm": "extractive"}}


def _folder(tmp_path, identity: dict | None, results: str = '{"id": "q1"}\n'):
    (tmp_path / "results.jsonl").write_text(results)
    if identity is not None:
        (tmp_path / "run.json").write_text(json.dumps(identity))
    return tmp_path


def test_the_same_run_resumes_and_a_new_folder_starts(tmp_path):
    _check_same_run(_folder(tmp_path, RUN), dict(RUN))
    _check_same_run(tmp_path / "new", dict(RUN))  # nothing there yet
    _check_same_run(_folder(tmp_path / "", None, results=""), dict(RUN))  # nothing answered yet


def test_another_commit_or_other_settings_are_refused_naming_what_differs(tmp_path):
    later = {**RUN, "commit": "def5678", "settings": {"top_k": "3", "llm": "extractive"}}
    with pytest.raises(RagError) as info:
        _check_same_run(_folder(tmp_path, RUN), later)
    said = str(info.value)
    assert "commit 'abc1234' (now 'def5678')" in said and "top_k" in said
    assert "give another --out, or delete that folder" in said


def test_results_without_a_record_of_their_run_are_refused(tmp_path):
    with pytest.raises(RagError, match="did not record its commit and settings"):
        _check_same_run(_folder(tmp_path, None), dict(RUN))


def test_a_last_line_cut_short_is_dropped_and_asked_again(tmp_path):
    """A run killed (or a full disk) while a row was written left half a line, and every later run
    into the folder ended in a JSONDecodeError. A damaged line before the last is named."""
    from eval.runner import _finished

    results = tmp_path / "results.jsonl"
    results.write_text('{"id": "q1", "answer": "a"}\n{"id": "q2", "answer": "b"}\n{"id": "q3", "ans')
    assert list(_finished(results)) == ["q1", "q2"]
    assert results.read_text() == '{"id": "q1", "answer": "a"}\n{"id": "q2", "answer": "b"}\n'
    results.write_text('{"id": "q1"}\n{"id": "q2\n{"id": "q3"}\n')
    with pytest.raises(RagError, match="line 2 is not a result row"):
        _finished(results)


def test_an_edited_gold_file_or_another_corpus_is_another_run(tmp_path):
    """Resumed with an edited gold file, a run reported the old question's answer under the new
    one (correctness 1.000): what is asked, and of which corpus, is part of the run."""
    from eval.datasets import Dataset, EvalItem
    from eval.runner import _questions_digest

    def dataset(question: str, corpus: str = "corpus") -> Dataset:
        item = EvalItem("mail", question, True, ["Bob Lee"], None, [], "who")
        return Dataset("good", tmp_path / corpus, [item], match=None)

    same = _questions_digest(dataset("Who delivers the mail?"))
    assert same == _questions_digest(dataset("Who delivers the mail?"))
    assert same != _questions_digest(dataset("Who drives the forklift?"))
    assert same != _questions_digest(dataset("Who delivers the mail?", corpus="other"))
    before = {**RUN, "questions": same}
    with pytest.raises(RagError, match="questions"):
        _check_same_run(_folder(tmp_path, before), {**before, "questions": _questions_digest(dataset("Who?"))})
