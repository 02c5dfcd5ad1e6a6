"""`rag eval` on the command line (rag/cli.py cmd_eval), in process: the options it refuses
before anything is indexed or written, and small real runs over a two-file corpus."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rag.cli import main

pytestmark = pytest.mark.integration

ROWS = [
    {
        "id": "heron",
        "question": "When does the heron nest?",
        "answerable": True,
        "answers": ["April"],
        "evidence": [{"source": "alpha.txt", "quote": "The heron nests in April."}],
    },
    {
        "id": "ferry",
        "question": "When does the ferry leave?",
        "answerable": True,
        "answers": ["noon"],
        "evidence": [{"source": "beta.txt", "quote": "The ferry leaves at noon from pier 4."}],
    },
]


def _gold_set(where: Path) -> tuple[Path, Path]:
    """A corpus of two notes and a gold file asking one question of each, in `where`."""
    corpus = where / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "alpha.txt").write_text("The heron nests in April.\n", encoding="utf-8")
    (corpus / "beta.txt").write_text("The ferry leaves at noon from pier 4.\n", encoding="utf-8")
    gold = where / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return gold, corpus


def test_a_tilde_is_expanded_in_every_path_option(tmp_path, monkeypatch, capsys):
    """--out, --corpus and --gold took "~" literally (the shell leaves it in "--out=~/x"): a
    folder named "~" was made in the current one, while --index was expanded."""
    home = tmp_path / "home"
    _gold_set(home)
    # The models' cache stays where it is (by default under the real home).
    monkeypatch.setenv("XDG_CACHE_HOME", os.environ.get("XDG_CACHE_HOME", str(Path.home() / ".cache")))
    monkeypatch.setenv("HOME", str(home))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    code = main(["eval", "--gold=~/gold.jsonl", "--corpus=~/corpus", "--index=~/index", "--out=~/run"])
    assert code == 0, capsys.readouterr().err
    assert (home / "run" / "summary.json").is_file() and (home / "index").is_dir()
    assert list(cwd.iterdir()) == []


@pytest.mark.parametrize("beyond", ["above", "below"])
def test_k_outside_top_k_s_range_is_a_usage_error_naming_k(tmp_path, capsys, beyond):
    """-k 51 indexed the corpus and wrote run.json and an empty results.jsonl, then failed with
    "top_k = 51: Input should be less than or equal to 50", naming no -k."""
    from rag.settings import Settings

    (most,) = [m.le for m in Settings.model_fields["top_k"].metadata if hasattr(m, "le")]
    k, says = (most + 1, f"{most + 1} is more than {most}") if beyond == "above" else (0, "0 is less than 1")
    gold, corpus = _gold_set(tmp_path)
    index, out = tmp_path / "index", tmp_path / "run"
    with pytest.raises(SystemExit) as e:
        main(
            [
                "eval",
                "--gold",
                str(gold),
                "--corpus",
                str(corpus),
                "--index",
                str(index),
                "--out",
                str(out),
                "-k",
                str(k),
            ]
        )
    assert e.value.code == 2 and f"argument -k: {says}" in capsys.readouterr().err
    assert not index.exists() and not out.exists()


def test_a_benchmark_with_a_gold_set_exits_2_before_anything_is_written(tmp_path, capsys):
    """--benchmark squad --gold g.jsonl --corpus c --index i ran SQuAD, ignoring the three."""
    gold, corpus = _gold_set(tmp_path)
    where = ["--work", str(tmp_path / "w"), "--out", str(tmp_path / "run")]
    args = ["--gold", str(gold), "--corpus", str(corpus), "--index", str(tmp_path / "i")]
    assert main(["eval", "--benchmark", "squad", *args, *where]) == 2
    assert capsys.readouterr().err == (
        "error: --gold, --corpus and --index do not apply to --benchmark squad, which indexes its own corpus "
        "in --work: drop --benchmark to run a gold set, or drop them\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "gold.jsonl"]


def test_a_folder_of_the_user_s_own_files_is_refused_as_run_folder_and_left_alone(tmp_path, capsys):
    """--out d, where d held the user's own report.md and summary.json, exited 0 having replaced
    them (and written run.json and metrics.png): only results.jsonl was looked at."""
    gold, corpus = _gold_set(tmp_path)
    mine = tmp_path / "d"
    mine.mkdir()
    (mine / "report.md").write_text("# mine\n", encoding="utf-8")
    (mine / "summary.json").write_text('{"mine": 1}\n', encoding="utf-8")
    index = tmp_path / "index"
    assert main(["eval", "--gold", str(gold), "--corpus", str(corpus), "--index", str(index), "--out", str(mine)]) == 2
    assert capsys.readouterr().err == (
        f"error: The run folder {mine} is not empty and holds no earlier `rag eval` run (no run.json of ours). "
        "Nothing in it was changed. Choose a new or empty folder (--out), or an earlier run folder to resume.\n"
    )
    assert sorted(p.name for p in mine.iterdir()) == ["report.md", "summary.json"]
    assert (mine / "report.md").read_text(encoding="utf-8") == "# mine\n"
    assert (mine / "summary.json").read_text(encoding="utf-8") == '{"mine": 1}\n'
    assert not index.exists()  # refused before the corpus was indexed


def test_a_run_folder_of_ours_is_run_into_again(tmp_path, capsys):
    """What the refusal above must leave working: a run into a new folder, then again into it
    (resumed: every question answered, the same run)."""
    gold, corpus = _gold_set(tmp_path)
    args = ["eval", "--gold", str(gold), "--corpus", str(corpus), "--index", str(tmp_path / "index")]
    out = tmp_path / "run"
    assert main([*args, "--out", str(out)]) == 0, capsys.readouterr().err
    assert main([*args, "--out", str(out)]) == 0, capsys.readouterr().err
    assert len((out / "results.jsonl").read_text(encoding="utf-8").splitlines()) == len(ROWS)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["n"] == len(ROWS)


@pytest.mark.parametrize("through", ["corpus", "link-to-corpus"])
def test_a_run_folder_inside_the_corpus_is_refused(tmp_path, capsys, through):
    """A run folder inside the corpus had its report.md indexed as a document by the next run
    (hit@1 1.0 -> 0.5); a link to the corpus folder hid it from any check of the path alone."""
    gold, corpus = _gold_set(tmp_path)
    (tmp_path / "link-to-corpus").symlink_to("corpus")
    out = tmp_path / through / "runs" / "first"
    index = tmp_path / "index"
    assert main(["eval", "--gold", str(gold), "--corpus", str(corpus), "--index", str(index), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: The run folder {out} is inside the corpus folder {corpus} (its report would be indexed as a "
        "document). Keep them apart: choose another run folder (--out).\n"
    )
    assert sorted(p.name for p in corpus.iterdir()) == ["alpha.txt", "beta.txt"] and not index.exists()
