"""One typed settings object. Precedence: RAG_* environment variables > settings file > defaults.

The settings file is TOML: `rag.toml` in the working directory, or the path in RAG_SETTINGS_FILE.
Nothing here is global: every component receives the Settings instance it should use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".rag/index")

    # Ingest. Chunk sizes are in MiniLM word pieces: the embedder truncates at 256, so a chunk
    # (plus its title prefix) must stay under that to be embedded whole.
    chunk_size: int = Field(200, ge=32, le=240)
    chunk_overlap: int = Field(20, ge=0)
    max_file_mb: float = Field(20.0, gt=0)

    # Index back end: embedded Chroma on disk by default; a Chroma server when chroma_host is set.
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = "passages"
    embed_batch_size: int = 32
    embed_threads: int = Field(default_factory=lambda: min(4, os.cpu_count() or 1))

    # Retrieve.
    top_k: int = Field(5, ge=1, le=50)
    candidates: int = Field(20, ge=1, le=200)  # per retriever, before fusion and reranking
    # Fusion: BM25 counts double and a small RRF constant lets the top ranks dominate. MiniLM
    # alone finds the gold passage at rank 1 for 61% of SQuAD questions, BM25 for 80%, this
    # fusion plus sentence reranking for 83% (400-question subset, see README).
    rrf_k: int = 10
    bm25_weight: float = 2.0

    # Answer. "extractive" is the offline default; LLM back ends plug in beside it.
    llm: Literal["extractive"] = "extractive"
    max_answer_sentences: int = Field(2, ge=1, le=5)
    # Refusal: the best sentence must reach this support score (see answer/extractive.py).
    min_support: float = 0.51
    max_question_chars: int = 2000

    @field_validator("corpus_dir", "index_dir", mode="before")
    @classmethod
    def _expand(cls, v):
        return Path(os.path.expanduser(str(v)))

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get("RAG_SETTINGS_FILE", "rag.toml"))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file))
