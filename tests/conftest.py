"""Shared fixtures: one real embedder and one built index per test session.

Building an index embeds every passage and sentence of the corpus (seconds on a laptop CPU),
so tests that only read an index share the session one; tests that change a corpus or an
index get their own copies on temporary folders.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def embedder():
    from rag.index.embedder import Embedder

    return Embedder(threads=min(4, os.cpu_count() or 1))


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of corpus/: tests may edit, add and delete files in it."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    """An Assistant over a copy of corpus/, indexed once. Read it; do not change its folders."""
    from rag.assistant import Assistant

    root = tmp_path_factory.mktemp("session")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    return Assistant(corpus_dir=corpus, index_dir=root / "index")


@pytest.fixture
def run_index(embedder):
    """run_index(corpus_dir, index_dir) -> (report, manifest, store): one index run, as `rag index`
    does it (manifest read from disk, real Chroma on disk), with the session's embedder."""
    from rag.index.indexer import Indexer
    from rag.index.manifest import Manifest
    from rag.index.store import VectorStore
    from rag.settings import Settings

    def run(corpus_dir: Path, index_dir: Path, **overrides):
        settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir, **overrides)
        store = VectorStore(settings.index_dir / "chroma", settings.collection)
        manifest = Manifest.load(settings.index_dir)
        report = Indexer(settings, embedder, store).run(manifest)
        return report, manifest, store

    return run
