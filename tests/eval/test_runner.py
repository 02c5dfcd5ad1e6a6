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


def _item(question: str = "Who delivers the mail?", qid: str = "mail"):
    from eval.datasets import EvalItem

    return EvalItem(qid, question, True, ["Bob Lee"], None, [], "who")


def test_a_last_line_cut_short_is_dropped_and_asked_again(tmp_path):
    """A run killed (or a full disk) while a row was written left half a line, and every later run
    into the folder ended in a JSONDecodeError. A damaged line before the last is named."""
    from eval.runner import _finished, item_digest

    digests = {q: item_digest(_item(qid=q)) for q in ("q1", "q2", "q3")}
    row1 = json.dumps({"id": "q1", "answer": "a", "item": digests["q1"]})
    row2 = json.dumps({"id": "q2", "answer": "b", "item": digests["q2"]})
    results = tmp_path / "results.jsonl"
    results.write_text(f'{row1}\n{row2}\n{{"id": "q3", "ans')
    assert list(_finished(results, digests)) == ["q1", "q2"]
    assert results.read_text() == f"{row1}\n{row2}\n"
    results.write_text(f'{row1}\n{{"id": "q2\n{row2}\n')
    with pytest.raises(RagError, match="line 2 is not a result row"):
        _finished(results, digests)


def test_a_question_edited_since_its_answer_is_asked_again(tmp_path):
    """Resumed with an edited gold file, a run reported the old question's answer under the new
    one (correctness 1.000): a row records what it answered, and a changed question (or gold
    answer, or evidence) drops it from the folder; the others resume."""
    from eval.runner import _finished, item_digest

    before = {"mail": item_digest(_item()), "ferry": item_digest(_item("When does the ferry leave?", "ferry"))}
    rows = [{"id": q, "answer": q, "item": d} for q, d in before.items()]
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in rows))
    now = {**before, "mail": item_digest(_item("Who drives the forklift?"))}
    assert list(_finished(results, now)) == ["ferry"]
    assert [json.loads(line)["id"] for line in results.read_text().splitlines()] == ["ferry"]
    assert list(_finished(results, now)) == ["ferry"]  # the file is as it says
