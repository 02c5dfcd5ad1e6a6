"""The settings: one typed object from options, RAG_* variables and the settings file; what a
mistake in any of them tells the user."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from rag.errors import SettingsError
from rag.settings import Settings

pytestmark = pytest.mark.unit


def test_precedence_options_then_variables_then_file(tmp_path, monkeypatch):
    path = tmp_path / "rag.toml"
    path.write_text("top_k = 7\nchunk_size = 300\nrrf_k = 12\n")
    monkeypatch.setenv("RAG_SETTINGS_FILE", str(path))
    monkeypatch.setenv("RAG_CHUNK_SIZE", "200")
    s = Settings.load(rrf_k=30)
    assert (s.top_k, s.chunk_size, s.rrf_k) == (7, 200, 30)


def test_an_invalid_variable_names_the_setting_the_value_and_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("RAG_SETTINGS_FILE", os.devnull)  # no settings file
    monkeypatch.setenv("RAG_TOP_K", "0")
    with pytest.raises(
        SettingsError, match=r"^Invalid settings: top_k = '0' \(RAG_TOP_K\): .*greater than or equal to 1"
    ):
        Settings.load()


def test_an_invalid_option_is_said_to_come_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_SETTINGS_FILE", os.devnull)  # no settings file
    with pytest.raises(SettingsError, match=r"^Invalid settings: top_k = 0 \(the command line\)"):
        Settings.load(top_k=0)


def test_an_invalid_value_in_the_file_names_the_file(tmp_path, monkeypatch):
    path = tmp_path / "rag.toml"
    path.write_text('chunk_size = "big"\n')
    monkeypatch.setenv("RAG_SETTINGS_FILE", str(path))
    with pytest.raises(SettingsError) as info:
        Settings.load()
    assert f"chunk_size = 'big' (RAG_CHUNK_SIZE or chunk_size in {path})" in str(info.value)


def test_true_in_the_file_is_no_number(tmp_path, monkeypatch):
    """`top_k = true` was taken for 1: answers from one passage, and no word of why."""
    path = tmp_path / "rag.toml"
    path.write_text("top_k = true\n")
    monkeypatch.setenv("RAG_SETTINGS_FILE", str(path))
    with pytest.raises(SettingsError, match="top_k = true: a number is needed, not true or false"):
        Settings.load()
    path.write_text("read_only = true\ntop_k = 3\n")  # a true/false setting takes it
    assert Settings.load().read_only is True


@pytest.mark.parametrize(
    ("line", "kind"), [("index_dir = true", "bool"), ("index_dir = 12", "int"), ('corpus_dir = ["c"]', "list")]
)
def test_a_folder_in_the_file_must_be_a_path(tmp_path, monkeypatch, line, kind):
    """`index_dir = true` built an index in a folder named "True", `= 12` in one named "12"."""
    path = tmp_path / "rag.toml"
    path.write_text(line + "\n")
    monkeypatch.setenv("RAG_SETTINGS_FILE", str(path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError, match=f"give a path \\(text in quotes\\), not a {kind}"):
        Settings.load()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rag.toml"]


def test_a_settings_file_that_is_not_toml_says_so(tmp_path, monkeypatch):
    path = tmp_path / "rag.toml"
    path.write_text("top_k = [\n")
    monkeypatch.setenv("RAG_SETTINGS_FILE", str(path))
    with pytest.raises(SettingsError, match=rf"^The settings file {path} is not valid TOML"):
        Settings.load()


def test_a_settings_file_saved_with_a_byte_order_mark_is_read(tmp_path, monkeypatch, caplog):
    """Windows Notepad saves UTF-8 with a byte order mark: the file was "not valid TOML (Invalid
    statement (at line 1, column 1))", and its names were not checked either."""
    path = tmp_path / "rag.toml"
    path.write_bytes("\ufefftop_k = 3\ntop_kk = 4\n".encode())
    monkeypatch.setenv("RAG_SETTINGS_FILE", str(path))
    with caplog.at_level(logging.WARNING, logger="rag.settings"):
        assert Settings.load().top_k == 3
    assert "'top_kk' is not a setting" in caplog.text


def test_a_name_in_the_file_that_is_no_setting_is_a_warning_with_the_closest(tmp_path, monkeypatch, caplog):
    path = tmp_path / "rag.toml"
    path.write_text("top_kk = 3\n")
    monkeypatch.setenv("RAG_SETTINGS_FILE", str(path))
    with caplog.at_level(logging.WARNING, logger="rag.settings"):
        s = Settings.load()
    assert s.top_k == 5
    assert "'top_kk' is not a setting, ignored (did you mean 'top_k'?)" in caplog.text


@pytest.mark.parametrize("command", [["ask", "Anything?"], ["index"], ["eval"]])
def test_the_command_line_prints_a_bad_setting_without_traceback(command, tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAG_TOP_K": "-3", "RAG_SETTINGS_FILE": os.devnull}
    r = subprocess.run(
        [sys.executable, "-m", "rag.cli", *command], capture_output=True, text=True, env=env, timeout=120
    )
    assert r.returncode == 2
    assert r.stderr.startswith("error: Invalid settings: top_k = '-3' (RAG_TOP_K)")
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("case", ["missing", "folder", "not-utf8", "empty"])
def test_a_settings_file_named_but_unusable_is_an_error(tmp_path, monkeypatch, case):
    """RAG_SETTINGS_FILE naming no file (a typo) or a folder was read as no file, and the settings
    meant went unused; a file that is not UTF-8 was a UnicodeDecodeError traceback; an empty one
    named the current folder."""
    path = {"missing": tmp_path / "rag.tmol", "folder": tmp_path, "not-utf8": tmp_path / "rag.toml"}.get(case)
    if case == "not-utf8":
        path.write_bytes(b"\xff\xfe top_k = 3\n")
    monkeypatch.setenv("RAG_SETTINGS_FILE", "" if case == "empty" else str(path))
    expected = {
        "missing": f"RAG_SETTINGS_FILE names {path}, which is not there",
        "folder": f"RAG_SETTINGS_FILE names {path}, which is a folder",
        "not-utf8": f"The settings file {path} is not UTF-8 text (invalid start byte at byte 0); save it as UTF-8",
        # It said "names ., which is a folder".
        "empty": "RAG_SETTINGS_FILE is set but empty: unset it, or point it at a TOML file.",
    }[case]
    with pytest.raises(SettingsError) as info:
        Settings.load()
    assert str(info.value).startswith(expected)


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("RAG_RRF_K", "-10", "rrf_k = '-10' (RAG_RRF_K): Input should be greater than or equal to 0"),
        ("RAG_BM25_WEIGHT", "nan", "bm25_weight = 'nan' (RAG_BM25_WEIGHT): Input should be a finite number"),
        ("RAG_BM25_WEIGHT", "inf", "bm25_weight = 'inf' (RAG_BM25_WEIGHT): Input should be a finite number"),
        ("RAG_BM25_WEIGHT", "-5", "bm25_weight = '-5' (RAG_BM25_WEIGHT): Input should be greater than or equal to 0"),
        ("RAG_MAX_QUESTION_CHARS", "0", "max_question_chars = '0' (RAG_MAX_QUESTION_CHARS): Input should be greater"),
        ("RAG_CHUNK_OVERLAP", "101", "chunk_overlap (101) must be at most half of chunk_size (200)"),
        ("RAG_COLLECTION", "x", "collection = 'x' (RAG_COLLECTION): a collection name has 3 to 506 characters"),
        ("RAG_COLLECTION", "my passages", "collection = 'my passages' (RAG_COLLECTION): a collection name has"),
        ("RAG_COLLECTION", "a..b", "collection = 'a..b' (RAG_COLLECTION): a collection name has"),
        ("RAG_COLLECTION", "10.0.0.5", "collection = '10.0.0.5' (RAG_COLLECTION): a collection name has"),
        ("RAG_COLLECTION", "p" * 507, f"collection = '{'p' * 507}' (RAG_COLLECTION): a collection name has"),
        ("RAG_CHROMA_PORT", "0", "chroma_port = '0' (RAG_CHROMA_PORT): Input should be greater than or equal to 1"),
        ("RAG_CHROMA_PORT", "70000", "chroma_port = '70000' (RAG_CHROMA_PORT): Input should be less than or equal"),
        (
            "RAG_CHROMA_HOST",
            "http://127.0.0.1:8000",
            "chroma_host = 'http://127.0.0.1:8000' (RAG_CHROMA_HOST): give the server's name or address alone",
        ),
        ("RAG_CHROMA_HOST", "10.0.0.5:8000", "chroma_host = '10.0.0.5:8000' (RAG_CHROMA_HOST): give the server's"),
        ("RAG_INDEX_DIR", "", "index_dir = '' (RAG_INDEX_DIR): it is set but empty, which would mean the current"),
        ("RAG_CORPUS_DIR", "", "corpus_dir = '' (RAG_CORPUS_DIR): it is set but empty"),
        ("RAG_LLM_MODEL_PATH", "", "llm_model_path = '' (RAG_LLM_MODEL_PATH): it is set but empty"),
        (
            "RAG_OPENAI_BASE_URL",
            "127.0.0.1:8123/v1",
            "openai_base_url = '127.0.0.1:8123/v1' (RAG_OPENAI_BASE_URL): give the server's URL with its scheme",
        ),
        ("RAG_MAX_FILE_MB", "inf", "max_file_mb = 'inf' (RAG_MAX_FILE_MB): Input should be a finite number"),
        ("RAG_MAX_FILE_MB", "1e300", "max_file_mb = '1e300' (RAG_MAX_FILE_MB): Input should be less than or equal"),
        ("RAG_EXTRACT_TIMEOUT_S", "inf", "extract_timeout_s = 'inf' (RAG_EXTRACT_TIMEOUT_S): Input should be a finite"),
        ("RAG_EXTRACT_TIMEOUT_S", "1e300", "extract_timeout_s = '1e300' (RAG_EXTRACT_TIMEOUT_S): Input should be less"),
        ("RAG_LLM_TIMEOUT_S", "inf", "llm_timeout_s = 'inf' (RAG_LLM_TIMEOUT_S): Input should be a finite number"),
        ("RAG_LLM_TIMEOUT_S", "1e300", "llm_timeout_s = '1e300' (RAG_LLM_TIMEOUT_S): Input should be less than or"),
        ("RAG_RRF_K", "99999999999999999999999", "rrf_k = '99999999999999999999999' (RAG_RRF_K): Input should be less"),
        (
            "RAG_COLLECTION",
            "passages-files",
            "collection = 'passages-files' (RAG_COLLECTION): a collection name may not",
        ),
        ("RAG_EMBED_THREADS", "0", "embed_threads = '0' (RAG_EMBED_THREADS): Input should be greater than or equal"),
        ("RAG_EMBED_THREADS", "100000", "embed_threads = '100000' (RAG_EMBED_THREADS): Input should be less than"),
    ],
)
def test_values_that_break_answering_are_refused_when_read(monkeypatch, variable, value, said):
    """Each was accepted: a negative RRF constant divided by zero on every question (or ranked
    upside down), a NaN BM25 weight wrote "score": NaN into `rag ask --json` (not JSON), a
    negative one refused answerable questions, a question limit of 0 refused every question, and
    an overlap over half the chunk rebuilt the index and silently meant half the chunk. A
    collection name Chroma refuses was taken for a damaged index: the index was deleted, then a
    traceback. A port out of range was accepted, a host with its scheme and port was reported as
    "http://127.0.0.1:8000:8000", and an empty path meant the current folder (an index built there,
    or the current folder indexed). An infinite file limit or timeout stopped `rag serve` with an
    OverflowError, skipped every HTML and PDF file (the extraction deadline overflowed) or failed
    every LLM reply; a huge RRF constant printed every score as 0.000; 100,000 embedder threads
    took 6.1 GB and two minutes over three files, and never finished; a collection named as another
    index's "-files" collection deleted that index on a shared Chroma server."""
    monkeypatch.setenv("RAG_SETTINGS_FILE", os.devnull)
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        Settings.load()
    assert str(info.value).startswith(f"Invalid settings: {said}")


@pytest.mark.parametrize("option", ["--corpus", "--index"])
def test_an_empty_folder_option_is_refused_not_taken_for_the_default(tmp_path, option):
    """`--corpus ""` indexed the default corpus folder without a word."""
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "rag.cli", "index", option, ""],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "RAG_SETTINGS_FILE": os.devnull, "HF_HUB_OFFLINE": "1"},
    )
    name = {"--corpus": "corpus_dir", "--index": "index_dir"}[option]
    assert r.returncode == 2 and f"{name} = '' (the command line): it is set but empty" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_top_k_zero_on_the_command_line_is_refused_not_ignored(tmp_path):
    """`rag ask --top-k 0` answered with the default 5: 0 was taken for "not given"."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAG_SETTINGS_FILE": os.devnull}
    r = subprocess.run(
        [sys.executable, "-m", "rag.cli", "ask", "--top-k", "0", "--index", str(tmp_path / "i"), "Anything?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert r.returncode == 2
    assert r.stderr.startswith("error: Invalid settings: top_k = 0 (the command line)")


@pytest.mark.parametrize("host", ["::1", "fe80::1", "10.0.0.5", "chroma.example.org", "localhost"])
def test_a_host_alone_is_taken_ipv6_included(monkeypatch, host):
    monkeypatch.setenv("RAG_SETTINGS_FILE", os.devnull)
    assert Settings.load(chroma_host=host).chroma_host == host


@pytest.mark.parametrize("name", ["abc", "passages", "my_passages-2.v1", "p" * 506])
def test_collection_names_chroma_takes_are_taken(monkeypatch, name):
    monkeypatch.setenv("RAG_SETTINGS_FILE", os.devnull)
    monkeypatch.setenv("RAG_COLLECTION", name)
    assert Settings.load().collection == name


def test_a_settings_file_that_is_a_folder_is_said(tmp_path, monkeypatch, caplog):
    """./rag.toml as a folder was read as no file, without a word."""
    (tmp_path / "rag.toml").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RAG_SETTINGS_FILE", raising=False)
    with caplog.at_level("WARNING"):
        assert Settings.load().top_k == Settings.model_fields["top_k"].default
    assert "rag.toml is a folder, not a settings file" in caplog.text
