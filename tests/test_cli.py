"""`rag` on the command line, run as a real subprocess against the session index."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from rag.answer import REFUSAL
from rag.text.citations import MARKER
from tests.helpers import ANSWERABLE, UNANSWERABLE, check_cited_answer

pytestmark = pytest.mark.integration

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def rag_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "rag.cli", *args]


def run(*args: str, timeout: float = 180, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(rag_command(*args), capture_output=True, text=True, env=env or ENV, timeout=timeout, cwd=cwd)


@pytest.fixture(scope="module")
def asked(assistant):
    """Every `rag ask` of this module, started together (each process is mostly start-up)."""
    s = assistant.settings
    where = ["--corpus", str(s.corpus_dir), "--index", str(s.index_dir)]
    commands = {q: ["ask", q, "--json", *where] for q, _, _ in ANSWERABLE}
    commands[UNANSWERABLE] = ["ask", UNANSWERABLE, "--json", *where]
    commands["text"] = ["ask", ANSWERABLE[2][0], *where]
    commands["empty"] = ["ask", "", *where]
    commands["blank"] = ["ask", "  \t ", "--json", *where]
    commands["evidence"] = [
        "ask",
        "At which airport did Blinken land for his Mexico trip?",
        "--decide",
        "evidence",
        "--json",
    ]
    commands["evidence"] += where
    commands["checked"] = ["ask", "At which airport did Blinken land for his Mexico trip?", "--json", *where]
    procs = {
        key: subprocess.Popen(rag_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        for key, args in commands.items()
    }
    results = {}
    for key, p in procs.items():
        out, err = p.communicate(timeout=300)
        results[key] = subprocess.CompletedProcess(p.args, p.returncode, out, err)
    return results


@pytest.mark.parametrize(("question", "expected", "source"), ANSWERABLE, ids=["caravan", "ebrard", "border-patrol"])
def test_ask_json_gives_a_cited_answer(asked, assistant, question, expected, source):
    r = asked[question]
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {"answer", "refused", "citations", "timings"} <= set(out)
    assert out["question"] == question
    for c in out["citations"]:
        assert {"source", "start", "end", "text", "score"} <= set(c)
    check_cited_answer(out, expected, source, assistant.document_text)
    assert out["answer"] == assistant.ask(question).text  # the same answer as the Python API
    assert {"retrieve_s", "answer_s", "total_s", "process_s"} <= set(out["timings"])


def test_ask_json_refuses_outside_the_documents(asked):
    r = asked[UNANSWERABLE]
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["refused"] is True
    assert out["answer"] == REFUSAL
    assert not MARKER.search(out["answer"])
    assert all(c["support_start"] is None for c in out["citations"])


def test_ask_prints_the_answer_and_its_sources(asked):
    r = asked["text"]
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    # The reader's short answer leads the quoted sentence.
    assert lines[0] == (
        "1,300 — The package Biden proposed to Congress would also fund 1,300 additional Border Patrol "
        "agents to help combat migration. [1]"
    )
    assert "Sources:" in lines
    assert any(line.startswith("[1] 002_45397eb93afc9b26.txt ") for line in lines)


def test_ask_decide_picks_who_answers_for_this_question(asked):
    """By default (decide = "checked") the reader's own answer where it doubts the evidence's;
    --decide evidence keeps the evidence's, marked unsure."""
    r = asked["checked"]
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["answer"].startswith("Felipe Angeles International Airport — ") and not out["notes"]
    r = asked["evidence"]
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert not out["answer"].startswith("Felipe Angeles International Airport — ") and out["notes"][0].startswith(
        "Unsure"
    )


@pytest.mark.parametrize("key", ["empty", "blank"])
def test_empty_question_exits_2_with_a_message_and_no_traceback(asked, key):
    r = asked[key]
    assert r.returncode == 2
    assert r.stderr.startswith("error: The question is empty")
    assert "Traceback" not in r.stderr
    if key == "empty":
        assert r.stdout == ""
    else:  # asked with --json: the error as JSON on stdout too (a script found nothing there)
        out = json.loads(r.stdout)
        assert out["error"] == r.stderr.strip().removeprefix("error: ")
        assert out["kind"] == "BadQuestion"


def test_missing_corpus_exits_2_with_a_message(tmp_path):
    r = run("ask", "Anything?", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "index"))
    assert r.returncode == 2
    assert r.stderr.startswith("error: The corpus folder")
    assert str(tmp_path / "nope") in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "index").exists()  # an index folder was made and marked for nothing


def test_a_relative_corpus_folder_that_is_missing_is_named_where_it_was_looked_for(tmp_path):
    """A settings file's "corpus_dir = 'c2'" is read from the current folder; the message said
    "The corpus folder c2 does not exist" without saying where that was."""
    (tmp_path / "rag.toml").write_text('corpus_dir = "c2"\nindex_dir = "idx2"\n')
    (tmp_path / "elsewhere").mkdir()
    r = run(
        "ask", "Anything?", env={**ENV, "RAG_SETTINGS_FILE": str(tmp_path / "rag.toml")}, cwd=tmp_path / "elsewhere"
    )
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: The corpus folder c2 ({tmp_path / 'elsewhere' / 'c2'}) does not exist"), (
        r.stderr
    )
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_index_skips_a_broken_file_naming_it_and_exits_0(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(
        "Harbour news\n\nThe harbour handled 42,000 containers in March.\n\nThe new crane doubled the speed.\n",
        encoding="utf-8",
    )
    (corpus / "broken.txt").write_bytes(b"caf\xe9 au lait")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Not the corpus's.", encoding="utf-8")
    (corpus / "linked.txt").symlink_to(outside)
    r = run("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 0, r.stderr
    # The two short paragraphs of harbour.txt merge into one passage (merge_below).
    assert r.stdout.startswith("Indexed 1 document, 1 passage in ")
    # The link out of the corpus counts too: "1 skipped" stood beside two warnings (a break-it helper's).
    assert "1 added, 0 updated, 0 removed, 0 unchanged, 2 skipped; 1 passage embedded." in r.stdout
    assert "Skipped linked.txt: it is a link to a file outside the corpus folder" in r.stderr
    assert "Skipped broken.txt: not valid UTF-8" in r.stderr
    assert r.stderr.count("broken.txt") == 1, r.stderr  # named once, not in a warning and a list
    assert "Traceback" not in r.stderr

    # Run again: nothing to embed, the broken file still reported.
    r = run("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 0, r.stderr
    assert "0 added, 0 updated, 0 removed, 1 unchanged, 2 skipped; 0 passages embedded." in r.stdout
    assert "skipped: broken.txt" in r.stderr  # not read again, so no warning: named in the list
    assert r.stderr.count("broken.txt") == 1, r.stderr


def test_file_names_print_on_one_line_without_escape_sequences(tmp_path):
    """A file's name is the corpus owner's text, not ours: one named with an escape sequence that
    clears the screen, or with a line break that prints a line of its own (here a fake one),
    reached the terminal as it was in the warning that skipped it and in the sources list."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad\x1b[2J\x1b[31mX\nFAKE LINE.pdf").write_bytes(b"not a pdf at all")
    (corpus / "new\nline.txt").write_text("Heron notes\n\nThe blue heron of Lake Vexmoor nests in April.\n")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]

    r = run("index", *where)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stderr and "\x1b" not in r.stdout
    lines = r.stderr.splitlines()
    assert not any(line.startswith("FAKE LINE") for line in lines), r.stderr
    assert any(line.startswith("WARNING: Skipped badX\\nFAKE LINE.pdf: corrupt or unreadable PDF") for line in lines)
    assert r.stderr.count("FAKE LINE.pdf") == 1, r.stderr
    assert "EOF marker" not in r.stderr  # pypdf's own notes on a file we report as skipped

    r = run("ask", "When does the blue heron of Lake Vexmoor nest?", *where)
    assert r.returncode == 0, r.stderr
    assert "[1] new\\nline.txt " in r.stdout.splitlines()[r.stdout.splitlines().index("Sources:") + 1]


def test_ask_over_an_index_to_make_shows_its_progress_on_a_terminal(tmp_path):
    """`rag ask` indexes a folder it finds unindexed or changed before it answers: minutes of
    silence on a large one (a helper's 15 files, 80 s). It shows the bar `rag index` shows."""
    import fcntl
    import pty
    import struct
    import termios

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "heron.txt").write_text("Heron notes\n\nThe blue heron of Lake Vexmoor nests in April.\n")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    terminal, stderr = pty.openpty()
    fcntl.ioctl(stderr, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # a terminal's width
    p = subprocess.Popen(
        rag_command("ask", "When does the blue heron nest?", *where), stdout=subprocess.PIPE, stderr=stderr, env=ENV
    )
    os.close(stderr)
    out, _ = p.communicate(timeout=180)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the other end closed: all read
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert p.returncode == 0 and b"April" in out
    assert b"Indexing heron.txt" in shown


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('{"id": "x", "question": "Where?"', "line 2: not a JSON object"),
        ('{"id": "x", "question": "Where?"}', "line 2: missing answerable, answers, evidence"),
        (
            '{"id": "x", "question": "Q?", "answerable": true, "answers": ["a"], "evidence": [{"source": "a.txt"}]}',
            'line 2: each evidence item needs a "source" and a "quote"',
        ),
        (
            '{"id": "x", "question": "Q?", "answerable": true, "answers": ["a"], "evidence": [{"source": "gone.txt", "quote": "a"}]}',
            "line 2: cannot read its evidence source 'gone.txt'",
        ),
        (
            '{"id": "x", "question": "Q?", "answerable": true, "answers": ["a"], "evidence": [{"source": "a.txt", "quote": "zebra"}]}',
            "line 2 (x): evidence quote not found in a.txt",
        ),
    ],
    ids=["json", "keys", "evidence", "source", "quote"],
)
def test_eval_with_a_malformed_gold_file_exits_2_naming_the_line(tmp_path, line, says):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The heron nests in April.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    good = '{"id": "ok", "question": "When?", "answerable": true, "answers": ["April"], "evidence": [{"source": "a.txt", "quote": "April"}]}'
    gold.write_text(f"{good}\n{line}\n", encoding="utf-8")
    r = run("eval", "--gold", str(gold), "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: {gold}, {says}") and r.stderr.count("\n") == 1, r.stderr
    assert not (tmp_path / "index").exists()  # nothing indexed before the gold set was read


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("\\u001b[31m\\u001b[0m", "The question is empty: type a question about the documents."),
        ("Who \\ud800?", "The question holds an invalid character at position 5"),
        ("Why " * 600, "The question is 2,399 characters long; the limit is 2,000."),
    ],
    ids=["escapes-only", "half-a-character", "too-long"],
)
def test_eval_with_a_question_the_assistant_refuses_exits_2_naming_it(tmp_path, question, says):
    """A question of only escape sequences stopped the run when its turn came ("error: The
    question is empty"), after indexing, naming no question."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The heron nests in April.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    good = '{"id": "ok", "question": "When?", "answerable": true, "answers": ["April"], "evidence": [{"source": "a.txt", "quote": "April"}]}'
    bad = f'{{"id": "odd", "question": "{question}", "answerable": false, "answers": [], "evidence": []}}'
    gold.write_text(f"{good}\n{bad}\n", encoding="utf-8")
    r = run("eval", "--gold", str(gold), "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: question 'odd' of gold: {says}") and r.stderr.count("\n") == 1, r.stderr
    assert not (tmp_path / "index").exists()


@pytest.mark.parametrize("old_run", ["nonexistent", "empty-folder", "summary-not-json"])
def test_eval_compare_with_no_run_folder_exits_2_before_running(tmp_path, old_run):
    """It ran the whole evaluation, and only then failed to read the folder to compare with (a
    summary.json that is no JSON: a traceback after the run)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The heron nests in April.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "ok", "question": "When does the heron nest?", "answerable": true, "answers": ["April"], '
        '"evidence": [{"source": "a.txt", "quote": "April"}]}\n',
        encoding="utf-8",
    )
    old = tmp_path / old_run
    if old_run != "nonexistent":
        old.mkdir()
    if old_run == "summary-not-json":
        (old / "summary.json").write_text("{not json", encoding="utf-8")
        (old / "results.jsonl").write_text("", encoding="utf-8")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index"), "--out", str(tmp_path / "run")]
    r = run("eval", "--gold", str(gold), "--compare", str(old), *where)
    assert r.returncode == 2
    assert r.stderr == (
        f"error: --compare {old} is no run folder (it holds no readable summary.json and results.jsonl): "
        "give the folder an earlier `rag eval` printed (eval/runs/...).\n"
    )
    assert not (tmp_path / "run").exists() and not (tmp_path / "index").exists()


def test_eval_distractors_without_hotpotqa_exits_2_with_a_message(tmp_path):
    r = run("eval", "--benchmark", "squad", "--distractors", "8", "--out", str(tmp_path / "run"))
    assert r.returncode == 2
    assert r.stderr.startswith("error: --distractors only applies to --benchmark hotpotqa")
    assert not (tmp_path / "run").exists()


def test_eval_with_an_empty_out_folder_exits_2_with_a_message(tmp_path):
    """An empty --out meant the default folder (eval/runs/NAME-TIME) without a word."""
    r = run("eval", "--out", "")
    assert r.returncode == 2 and r.stderr.startswith("error: --out is empty")


def test_no_command_is_a_usage_error():
    r = run()
    assert r.returncode == 2
    assert "usage: rag" in r.stderr


@pytest.fixture(scope="module")
def escapes_corpus(tmp_path_factory):
    """A corpus whose document carries terminal escape sequences, indexed once."""
    root = tmp_path_factory.mktemp("escapes")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text(
        "Ferry news\n\nThe Skerry ferry \x1b]0;pwned-title\x07carried \x1b[31m2,718\x1b[0m passengers "
        "in May,\x1b[2J a record\r for the island.\n",
        encoding="utf-8",
    )
    where = ["--corpus", str(corpus), "--index", str(root / "index")]
    r = run("index", *where)
    assert r.returncode == 0, r.stderr
    return where


def test_ask_strips_terminal_escape_sequences_from_document_text(escapes_corpus):
    r = run("ask", "How many passengers did the Skerry ferry carry in May?", *escapes_corpus)
    assert r.returncode == 0, r.stderr
    assert "2,718" in r.stdout
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\r" not in r.stdout
    assert "pwned-title" not in r.stdout


def test_a_lone_surrogate_in_the_question_is_a_clear_error(escapes_corpus):
    # Bytes that are not UTF-8 reach Python's argv as lone surrogates (surrogateescape).
    argv = [os.fsencode(a) for a in rag_command("ask")] + [b"How many \xff passengers?"]
    argv += [os.fsencode(a) for a in escapes_corpus]
    r = subprocess.run(argv, capture_output=True, text=True, env=ENV, timeout=180)
    assert r.returncode == 2
    assert r.stderr.startswith("error: The question holds an invalid character at position 10")
    assert "Traceback" not in r.stderr


def test_output_into_a_closed_pipe_is_no_traceback(escapes_corpus):
    p = subprocess.Popen(
        rag_command("ask", "How many passengers did the Skerry ferry carry in May?", *escapes_corpus),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    p.stdout.close()  # like `| head` that has read enough: every write now fails with EPIPE
    err = p.stderr.read().decode()
    assert p.wait(timeout=180) == 0, err
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_a_system_error_is_one_line_without_traceback(tmp_path):
    # An index name longer than the file system allows: the OS refuses it (ENAMETOOLONG).
    r = run("index", "--corpus", str(tmp_path / "corpus"), "--index", str(tmp_path / ("n" * 300)))
    assert r.returncode == 2
    assert r.stderr.startswith("error: File name too long: ")
    assert r.stderr.rstrip().endswith("(run with -v for details)")
    assert "Traceback" not in r.stderr


def test_serve_on_a_port_in_use_says_so_before_loading_anything(tmp_path):
    """Said before the index loads (minutes for a new index at scale), naming --port; the corpus
    here does not even exist, and that is not what it reports."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run("serve", "--port", str(port), "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i"))
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: Cannot listen on 127.0.0.1:{port} (Address already in use)")
    assert "Choose another port with --port." in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("host", "extra", "env", "warned"),
    [
        ("0.0.0.0", [], {}, True),
        ("::", [], {}, True),
        ("0.0.0.0", [], {"RAG_UI_AUTH": "ana:secret"}, False),
        ("0.0.0.0", ["--read-only"], {}, False),
        ("127.0.0.1", [], {}, False),
        ("localhost", [], {}, False),
    ],
    ids=["all-interfaces", "all-ipv6", "login", "read-only", "loopback", "localhost"],
)
def test_serve_beyond_loopback_without_a_login_warns_that_anyone_can_delete_documents(
    tmp_path, host, extra, env, warned
):
    """The page adds files to the corpus folder and deletes them from it: served to the network
    without a login, anyone who reaches the machine can. Said before the index loads (here the
    corpus does not exist, which ends the run)."""
    argv = rag_command("serve", "--host", host, "--port", "0", "--corpus", str(tmp_path / "nope"), *extra)
    argv += ["--index", str(tmp_path / "i")]
    r = subprocess.run(argv, capture_output=True, text=True, env={**ENV, **env}, timeout=180)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    warning = f"WARNING: serving on {host} without a login: anyone who can reach this machine can add documents"
    assert r.stderr.startswith(warning) is warned, r.stderr
    assert ("RAG_UI_AUTH=user:password" in r.stderr) is warned


def test_serve_on_an_address_of_no_interface_here_says_so(tmp_path):
    """It said another program used the port."""
    r = run("serve", "--host", "192.0.2.1", "--port", "0", "--corpus", str(tmp_path / "nope"))
    assert r.returncode == 2
    assert r.stderr.startswith("error: Cannot listen on 192.0.2.1:0 (Cannot assign requested address): 192.0.2.1 is no")
    assert "Give --host one of its addresses" in r.stderr and "another program" not in r.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--limit", "0"], "argument --limit: 0 is less than 1"),
        (["--limit", "-5"], "argument --limit: -5 is less than 1"),
        (["--limit", "ten"], "argument --limit: 'ten' is not a whole number"),
        (["-k", "0"], "argument -k: 0 is less than 1"),
        (["--benchmark", "hotpotqa", "--distractors", "-1"], "argument --distractors: -1 is less than 0"),
    ],
    ids=["limit-0", "limit-negative", "limit-word", "k-0", "distractors-negative"],
)
def test_eval_counts_out_of_range_are_usage_errors(tmp_path, args, says):
    """--limit 0 ran all 1,190 SQuAD questions (0 read as no limit) and --limit -5 none, writing a
    run folder of empty results."""
    r = run("eval", "--benchmark", "squad", *args, "--work", str(tmp_path / "w"), "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and says in r.stderr, r.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "w").exists()


@pytest.mark.parametrize(("port", "says"), [("70000", "70000 is more than 65535"), ("-1", "-1 is less than 0")])
def test_serve_on_a_port_out_of_range_is_a_usage_error(tmp_path, port, says):
    """70000 passed the port check (the corpus was loaded next); -1 said to fix --host."""
    r = run("serve", "--port", port, "--corpus", str(tmp_path / "nope"))
    assert r.returncode == 2 and f"argument --port: {says}" in r.stderr, r.stderr


def test_controls_a_document_holds_reach_no_terminal_raw(tmp_path):
    """`rag ask --json` wrote a document's C1 controls raw inside its strings (U+009B is a
    terminal's CSI), and a right-to-left override in a file name ("t\u202efdp.txt") made it
    print as another name. JSON is ASCII now (the same text to any JSON reader); the plain
    output leaves the overrides out. (A whole escape sequence, "\x9b2J", is blanked when the
    text is read: loaders._decode_text.)"""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "harbour\u202efdp.txt"
    (corpus / name).write_text("Harbour notes\n\nThe harbour master is Ansgar Holm \x9d\x9b2J of Valmora.\n")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    r = run("ask", "Who is the harbour master?", "--json", *where)
    assert r.returncode == 0, r.stderr
    assert r.stdout.isascii() and "\\u009d" in r.stdout and "\\u202e" in r.stdout
    out = json.loads(r.stdout)
    assert out["citations"][0]["source"] == name and "Holm \x9d    of" in out["citations"][0]["text"]
    r = run("ask", "Who is the harbour master?", *where)
    assert r.returncode == 0 and "\x9d" not in r.stdout and "\u202e" not in r.stdout, r.stdout
    assert "harbourfdp.txt" in r.stdout
