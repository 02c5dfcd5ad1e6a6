"""kill -9 in the middle of an index run: the saved index still answers, the next run converges.

A real `rag index` process over a corpus big enough for several committed batches, killed with
SIGKILL as soon as the first batch is committed (so mid-run, between any two of its steps).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.index.files import FolderFiles, load_passages
from rag.index.manifest import Manifest
from rag.index.store import VectorStore
from tests.index.test_indexer import assert_consistent

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
FILES = 8
PARAGRAPHS = REPO / "eval" / "benchmarks" / "squad-xquad-en" / "corpus_articles.jsonl"


def write_corpus(folder: Path, files: int) -> None:
    """The first paragraphs of `files` Wikipedia articles, one file each (~10 passages a file)."""
    folder.mkdir()
    with open(PARAGRAPHS, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f][:files]
    for a in articles:
        body = a["text"][: a["paragraphs"][min(3, len(a["paragraphs"]) - 1)]["end"]]
        (folder / f"{a['doc_id']}.txt").write_text(f"{a['title']}\n\n{body}", encoding="utf-8")


def committed_documents(index: Path) -> int:
    try:
        return len(Manifest.load(index).documents)
    except (OSError, ValueError):
        return 0


def test_kill_9_mid_run_leaves_an_answering_index_and_the_next_run_converges(tmp_path, run_index):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus, FILES)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAG_INDEX_BATCH_PASSAGES": "5", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index", str(index)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 600
        while committed_documents(index) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()

    # What the killed run left: every passage its manifest names has a vector, text and sentences.
    manifest = Manifest.load(index)
    assert 0 < len(manifest.documents) < FILES
    store = VectorStore(index / "chroma", "passages")
    assert manifest.passage_ids() <= store.ids()
    passages, texts = load_passages(FolderFiles(index), manifest)
    assert all(texts[p.source][p.start : p.end] == p.text for p in passages)
    store.close()

    # The next run resumes: the rest is added, nothing twice.
    report, manifest, store = run_index(corpus, index)
    assert sorted(manifest.documents) == sorted(p.relative_to(corpus).as_posix() for p in corpus.iterdir())
    assert len(report.added) == FILES - len(report.unchanged) > 0
    assert_consistent(manifest, store, index)
    assert store.count() == len(manifest.passage_ids())
