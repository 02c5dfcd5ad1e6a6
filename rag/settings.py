"""One typed settings object. Precedence: RAG_* environment variables > settings file > defaults.

The settings file is TOML: `rag.toml` in the working directory, or the path in RAG_SETTINGS_FILE.
Nothing here is global: every component receives the Settings instance it should use.
"""

from __future__ import annotations

import difflib
import ipaddress
import logging
import os
import re
import tomllib
import typing
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, Strict, TypeAdapter, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from rag.answer.llm.models import MODELS
from rag.errors import SettingsError

log = logging.getLogger(__name__)


def cache_root() -> Path:
    """Where derived files live (the exported embedding model, joined LLM files):
    $XDG_CACHE_HOME/rag-assistant, by default ~/.cache/rag-assistant."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rag-assistant"


def models_cache_dir() -> Path:
    """Where split LLM files are joined (Settings.llm_cache_dir by default)."""
    return cache_root() / "models"


class Settings(BaseSettings):
    # No float setting is infinite or NaN: RAG_MAX_FILE_MB=inf stopped `rag serve` with an
    # OverflowError, RAG_EXTRACT_TIMEOUT_S=inf skipped every HTML and PDF file, RAG_LLM_TIMEOUT_S=inf
    # failed every reply. The upper bounds below stop the same with 1e300.
    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore", allow_inf_nan=False)

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".rag/index")

    # Ingest. Chunk sizes are in MiniLM word pieces: the embedder truncates at 256, so a chunk
    # (plus its title prefix) must stay under that to be embedded whole.
    chunk_size: int = Field(200, ge=32, le=240)
    chunk_overlap: int = Field(20, ge=0)  # at most half of chunk_size (_overlap_fits)
    # Consecutive paragraphs of at most this many word pieces (list items, log lines, headings)
    # join into one passage up to chunk_size, so a file of 20,000 short lines does not become
    # 20,000 passages. 0 turns merging off. The gold set's news paragraphs are 5-112 pieces
    # (median ~40) and must stay whole: a larger value lengthens the passages cited from them.
    merge_below: int = Field(24, ge=0, le=240)
    max_file_mb: float = Field(20.0, gt=0, le=4096)
    # An HTML or PDF file whose text takes longer than this to extract is skipped (with a
    # warning naming it) instead of holding up the whole index; 0 means no limit. Real pages
    # and papers take well under a second to a few seconds here; a pathological one took 161 s.
    extract_timeout_s: float = Field(60.0, ge=0, le=86400)  # a day at most
    # Pictures (.png, .jpg, .tiff, …) are documents too, read by OCR (rag/ingest/pictures.py):
    # seconds each (1.8 s for a photo with no text, 4.6-12.5 s for a screenshot), so a folder of
    # photos is not read unless asked.
    read_pictures: bool = False

    # Index back end: embedded Chroma on disk by default; a Chroma server when chroma_host is set.
    chroma_host: str | None = None  # a name or address alone: the port is chroma_port (_host_alone)
    chroma_port: int = Field(8000, ge=1, le=65535)
    # Answer from the index as another process built it, and never change it: for app replicas
    # reading one Chroma server (which then holds the manifest, texts and sentence vectors too,
    # so their local folders stay empty). Uploads and `rag index` are refused.
    read_only: bool = False
    collection: str = "passages"  # a name Chroma takes, with "-files" after it too (_chroma_name)
    # Texts per model call, sorted by word pieces. 16 rather than 32: less padding, and faster on both
    # runtimes (400 SQuAD paragraphs / 1,600 sentences, passages/s: OpenVINO bf16 ~125 -> ~143,
    # ONNX Runtime fp32 33 -> 39; sentences ~700 -> ~750 and 198 -> 214).
    embed_batch_size: int = Field(16, ge=1)
    # Sentence vectors (the extractive answerer ranks sentences by them): "separate" embeds
    # every sentence alone, a second pass over about as many word pieces as the passages hold;
    # "pooled" takes them from the passage's own token states in its forward pass (about half
    # the indexing compute). Pooled keeps retrieval (gold set hit@1 0.807 = 0.807, MRR 0.871 vs
    # 0.873) but a sentence read in its passage's context answers worse: correctness 0.750 ->
    # 0.716, citation support 0.807 -> 0.773, refusal accuracy 0.45 -> 0.40, under the gate.
    sentence_vectors: Literal["pooled", "separate"] = "separate"
    # Files whose passages are embedded together, stored in one Chroma write and committed by
    # one manifest save. An interrupted run loses at most this batch's work.
    index_batch_passages: int = Field(2048, ge=1)
    # The embedder's and the reader's threads. Bounded as llm_threads is: 100,000 was taken, and
    # `rag index` of three files had not finished after 120 s, at 6.1 GB of memory.
    embed_threads: int = Field(default_factory=lambda: min(4, os.cpu_count() or 1), ge=1, le=64)
    # The embedding model's weights: "fp32" as exported, or "int8" (quantised per channel,
    # 1.9x faster on this CPU; see rag/index/embedder.py and the README's Indexing at scale).
    embed_precision: Literal["fp32", "int8"] = "fp32"
    # What embeds large batches (indexing): "openvino" (bfloat16 where the CPU has it natively:
    # 4.0x ONNX Runtime's fp32 on passages here, vectors at cosine 0.99999; ONNX Runtime when it
    # is not installed) or "onnxruntime". Questions are embedded by ONNX Runtime either way.
    embed_runtime: Literal["openvino", "onnxruntime"] = "openvino"
    # Whose weights embed: "package" (all-MiniLM-L6-v2 as the package ships it) or "tuned" (fine-
    # tuned on SQuAD train and invented news questions, models/embedder/MODEL_CARD.md). Opt-in:
    # it finds more answers (gold hit@1 0.807 -> 0.818, correctness 0.784 -> 0.795, news
    # development set 0.694 -> 0.75) but answers more near misses (gold refusal accuracy 0.45 ->
    # 0.35, false refusals 0.023 -> 0.034: under the gate). README: Retrieval embedder.
    embed_weights: Literal["tuned", "package"] = "package"

    # Retrieve.
    top_k: int = Field(5, ge=1, le=50)
    candidates: int = Field(20, ge=1, le=200)  # per retriever, before fusion and reranking
    # Fusion: BM25 counts double and a small RRF constant lets the top ranks dominate. MiniLM
    # alone finds the gold passage at rank 1 for 61% of SQuAD questions, BM25 for 80%, this
    # fusion plus sentence reranking for 83% (400-question subset, see README).
    # Bounded: a negative RRF constant divided by zero at rank -k (a traceback for every question)
    # or turned the ranking upside down; a NaN weight wrote "score": NaN, which is not JSON.
    rrf_k: int = Field(10, ge=0, le=10000)  # larger: every fused score printed as 0.000
    bm25_weight: float = Field(2.0, ge=0.0, allow_inf_nan=False)
    # "rrf": reciprocal-rank fusion with the two settings above; "convex": each passage's cosine
    # and BM25 score, each divided by its list's best, summed with equal weights
    # (rag/retrieve/hybrid.py: HybridRetriever._convex); "auto" (the default): RRF below 5,000
    # passages, convex from there on (hybrid.CONVEX_FROM). Among 100k distractor passages convex
    # finds more (SQuAD-200 hit@1 / hit@5 0.785 / 0.935 -> 0.815 / 0.955, `make bench-scale`),
    # but on the small corpora the answer's rules were set on it moves answers both ways and falls
    # under the eval gate (SQuAD-200 alone hit@5 0.99 -> 0.98, HotpotQA-30 citation support 0.933
    # -> 0.867, gold correctness 0.795 -> 0.784). README: Settings; docs/scale.md (sessions 47, 52).
    fusion: Literal["auto", "rrf", "convex"] = "auto"

    # Answer. "extractive" is the offline default and the fallback of the LLM back ends:
    # "local" runs a GGUF model in-process (xllamacpp, the local-llm extra), "openai" calls an
    # OpenAI-compatible server (llama.cpp's, vLLM, Ollama, OpenAI) at openai_base_url.
    llm: Literal["extractive", "local", "openai"] = "extractive"
    # The names are MODELS' keys (rag/answer/llm/models.py: files, sizes, hashes), said once.
    llm_model: Literal[tuple(MODELS)] = "qwen2.5-coder-0.5b"
    llm_model_path: Path | None = None  # a .gguf to use instead of the packaged one (hash still checked)
    llm_cache_dir: Path = Field(default_factory=models_cache_dir)  # where split models are joined
    # One thread: ggml's spinning threads collapse when another process shares the cores.
    llm_threads: int = Field(1, ge=1, le=64)
    llm_context: int = Field(2048, ge=512, le=32768)
    llm_max_tokens: int = Field(256, ge=1, le=4096)
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0)
    llm_timeout_s: float = Field(120.0, gt=0, le=86400)
    # A model's sentence keeps a citation only when a passage sentence scoring at least this
    # as an answer to the question (rag.retrieve.evidence.sentence_score) supports it.
    llm_min_relevance: float = Field(0.45, ge=0.0, le=1.0)
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_model: str = "local-gguf"
    openai_api_key: str = Field("none", repr=False)
    # The reader model reads this many of the fused candidates (each costs a forward pass of a
    # small int8 cross-encoder) and ranks them by the probability that they answer.
    read_candidates: int = Field(8, ge=1, le=50)
    # Who decides whether to answer and which sentence to quote. "evidence": sentence evidence
    # ranks and decides (rag/answer/evidence_choice.py), the reader cuts the short answer from
    # the quoted sentence and gives the confidence; "reader": the reader reads the candidates,
    # ranks them, refuses below its calibrated threshold, and a second hop runs. The reader
    # alone refused 18% of the answerable gold questions (README: Reader), so evidence decides.
    # "checked" (the default since session 20): evidence decides, but an answer the reader doubts
    # gives way to the reader's own answer from the same passages when the reader is sure of it
    # and the question does not quote its sentence (README: Reader; gold EM/F1 0.432/0.547 ->
    # 0.511/0.635, better on every development set, HotpotQA-30 unchanged).
    decide: Literal["evidence", "checked", "reader"] = "checked"
    # With decide "evidence" or "checked": refuse when the answerability model
    # (rag/answer/answerability.py) puts the evidence's sentence below its calibrated threshold.
    # Off by default: on the development sets it refuses more near misses with no more false
    # refusals (news S06 refusal accuracy 0.035 -> 0.090), but on the gold set it refused one
    # answerable question (answered wrongly without it) and no near miss (README: Reader).
    answerability_gate: bool = False
    # With decide "checked": refuse an answer the reader doubts when it reads none of the top
    # passages above its veto point (the point of its held-out calibration curve that keeps 99%
    # of the texts that answer; rag.reader.model.veto_point).
    reader_veto: bool = False
    # A second retrieval for questions that need two passages (rag/retrieve/hops.py): with the first
    # hop's bridge entity, or each compared entity alone.
    second_hop: bool = True
    max_question_chars: int = Field(2000, ge=1)

    @classmethod
    def choices(cls, field: str) -> tuple[str, ...]:
        """The values a Literal setting takes (`decide`: "evidence", "checked", "reader"): the
        command line's choices and the web chat's check read them here."""
        return typing.get_args(cls.model_fields[field].annotation)

    def backends(self) -> list[str]:
        """The answer back ends this configuration answers with: extractive (the reader) always,
        and the configured LLM back end when there is one."""
        return ["extractive"] + ([self.llm] if self.llm != "extractive" else [])

    @model_validator(mode="before")
    @classmethod
    def _numbers_not_booleans(cls, data):
        # TOML's true is no number, but pydantic takes it for 1: `top_k = true` answered from
        # one passage. (An environment variable's "true" is refused as it is not a number.)
        if isinstance(data, dict):
            for name, value in data.items():
                field = cls.model_fields.get(name)
                if field is not None and isinstance(value, bool) and field.annotation in (int, float):
                    raise ValueError(f"{name} = {str(value).lower()}: a number is needed, not true or false")
        return data

    @model_validator(mode="after")
    def _overlap_fits(self) -> Settings:
        # The chunker overlaps at most half a chunk (rag/ingest/chunking.py): a larger value was
        # accepted, forced a rebuild of the index, and silently meant half the chunk.
        if self.chunk_overlap > self.chunk_size // 2:
            raise ValueError(
                f"chunk_overlap ({self.chunk_overlap}) must be at most half of chunk_size ({self.chunk_size})"
            )
        return self

    @field_validator("corpus_dir", "index_dir", "llm_cache_dir", "llm_model_path", mode="before")
    @classmethod
    def _expand(cls, v):
        if isinstance(v, str) and not v.strip():
            # Path("") is the current folder: RAG_INDEX_DIR= built an index there, and
            # RAG_CORPUS_DIR= indexed whatever the current folder held.
            raise ValueError("it is set but empty, which would mean the current folder: unset it, or give a path")
        if v is not None and not isinstance(v, str | os.PathLike):
            # index_dir = true in rag.toml built an index in a folder named "True".
            raise ValueError(f"give a path (text in quotes), not a {type(v).__name__}")
        if v is not None and "\x00" in os.fspath(v):
            # No file's name holds one: "embedded null byte" came up as a traceback from the first
            # use of the path (a break-it helper's, session 61).
            raise ValueError("it holds a NUL character (\\x00), which no path can")
        return None if v is None else Path(os.path.expanduser(os.fspath(v)))

    @field_validator("collection")
    @classmethod
    def _chroma_name(cls, v: str) -> str:
        # Chroma's own rule (chromadb 1.5, checked in Rust when the collection is opened): a bad
        # name was taken for a damaged index, which was deleted, then a traceback. The server
        # mode adds "-files" to it (rag/index/files.py), hence 506 and not 512.
        longest = 512 - len("-files")
        ok = 3 <= len(v) <= longest and _CHROMA_NAME.fullmatch(v) and ".." not in v
        if not ok or _is_ip_address(v):
            raise ValueError(
                f"a collection name has 3 to {longest} characters from A-Z, a-z, 0-9, '.', '_' and '-', "
                "starts and ends with a letter or digit, has no '..' and is no IP address (Chroma's rule)"
            )
        if v.endswith("-files"):
            # Another index's own: "passages-files" holds the manifest and texts of the collection
            # "passages", and an index run into it deleted that app's index on the shared server.
            raise ValueError(
                f"a collection name may not end in '-files': the index of the collection {v[: -len('-files')]!r} "
                "keeps its documents there"
            )
        return v

    @field_validator("openai_base_url")
    @classmethod
    def _with_scheme(cls, v: str) -> str:
        # "127.0.0.1:8080/v1" was accepted and every question fell back with "Connection error".
        if not re.match(r"https?://[^/\s]+", v):
            raise ValueError("give the server's URL with its scheme, e.g. http://127.0.0.1:8080/v1")
        return v

    @field_validator("chroma_host")
    @classmethod
    def _host_alone(cls, v: str | None) -> str | None:
        # "http://127.0.0.1:8000" was used as a host name and reported as "http://127.0.0.1:8000:8000".
        if v is not None and ("/" in v or _HOST_WITH_PORT.fullmatch(v)):
            raise ValueError(
                "give the server's name or address alone (e.g. 10.0.0.5), without http:// or a port; "
                "put the port in chroma_port (RAG_CHROMA_PORT)"
            )
        return v

    def changed(self, **changes) -> Settings:
        """These settings with `changes`, validated as when they are read: model_copy(update=...)
        checked nothing (`top_k=0` refused every question, `decide="bogus"` was kept) and a
        misspelt name was silently ignored. SettingsError naming the setting, or the closest
        setting to a name that is none."""
        unknown = sorted(set(changes) - set(type(self).model_fields))
        if unknown:
            raise SettingsError(f"{unknown[0]!r} is not a setting{_closest(unknown[0])}.")
        try:
            return type(self).model_validate({**self.model_dump(), **changes})
        except ValidationError as e:
            raise SettingsError(f"Invalid settings: {_said(e, None, set(changes))}.") from e

    @classmethod
    def check(cls, name: str, value):
        """`value` if it is a valid `name` setting of exactly its type (an int, not a bool, a str or
        a float), else SettingsError: for a value given with a question (the API's top_k), checked
        by the same bounds as the setting. Returned as it is."""
        field = cls.model_fields[name]
        try:
            TypeAdapter(Annotated[field.annotation, Strict(), *field.metadata]).validate_python(value)
        except ValidationError as e:
            raise SettingsError(f"{name} = {value!r}: {e.errors()[0]['msg']}.") from e
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _TomlFile(settings_cls, settings_file()))

    @classmethod
    def load(cls, **overrides) -> Settings:
        """The settings from `overrides` (command-line options), RAG_* variables and the
        settings file, for the command line: an invalid value is a SettingsError naming the
        setting, the value and where it can be set (it was a pydantic traceback), and a name in
        the settings file that is no setting is a warning with the closest one (it was
        silently ignored: `top_kk = 3` left top_k at 5)."""
        path = settings_file()
        if os.environ.get("RAG_SETTINGS_FILE") == "":
            # Path("") is the current folder: it said "names ., which is a folder".
            raise SettingsError("RAG_SETTINGS_FILE is set but empty: unset it, or point it at a TOML file.")
        if "RAG_SETTINGS_FILE" in os.environ and (path.is_dir() or not path.exists()):
            # Named on purpose, so not there is a mistake (a typo, a folder): it was read as no
            # file, and the settings in the file meant went unused. /dev/null is an empty file.
            what = "a folder" if path.is_dir() else "not there"
            raise SettingsError(
                f"RAG_SETTINGS_FILE names {path}, which is {what}: point it at a TOML file, or unset it."
            )
        if path.is_dir():  # ./rag.toml as a folder: read as no file, without a word
            log.warning("%s is a folder, not a settings file: no settings file is read.", path)
        try:
            settings = cls(**overrides)
        except UnicodeDecodeError as e:  # UTF-16 (Notepad's "Unicode"), or not text
            raise SettingsError(
                f"The settings file {path} is not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8, "
                "or point RAG_SETTINGS_FILE elsewhere."
            ) from e
        except tomllib.TOMLDecodeError as e:
            raise SettingsError(
                f"The settings file {path} is not valid TOML ({e}); fix it, or point RAG_SETTINGS_FILE elsewhere."
            ) from e
        except ValidationError as e:
            raise SettingsError(f"Invalid settings: {_said(e, path, set(overrides))}.") from e
        for name in _file_keys(path) - set(cls.model_fields):
            log.warning("%s: %r is not a setting, ignored%s.", path, name, _closest(name))
        return settings


_CHROMA_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]")
_HOST_WITH_PORT = re.compile(r"[^:]*:\d*|\[.*\]:\d*")  # name:port, [v6]:port; a bare IPv6 address has 2+ colons


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _closest(name: str) -> str:
    """ " (did you mean 'top_k'?)" for a name that is no setting, when one is close to it."""
    close = difflib.get_close_matches(name, list(Settings.model_fields), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _said(e: ValidationError, path: Path | None, given: set[str]) -> str:
    return "; ".join(_problem(err, path, given) for err in e.errors())


def settings_file() -> Path:
    return Path(os.environ.get("RAG_SETTINGS_FILE", "rag.toml"))


def _problem(err: dict, path: Path | None, given: set[str]) -> str:
    """One invalid value, and where it was set: `given` names the values passed in (the command
    line's options; with no `path`, the arguments of Settings.changed)."""
    msg = err["msg"].removeprefix("Value error, ")
    if not err["loc"]:  # a rule between settings (_overlap_fits): its message names them
        return msg
    name = ".".join(str(part) for part in err["loc"])
    if path is None:
        return f"{name} = {err.get('input')!r}: {msg}"
    if name in given:
        where = "the command line"
    else:
        where = f"RAG_{name.upper()}" + (f" or {name} in {path}" if path.is_file() else "")
    return f"{name} = {err.get('input')!r} ({where}): {msg}"


def _file_keys(path: Path) -> set[str]:
    return set(_toml(path)) if path.is_file() else set()


def _toml(path) -> dict:
    """A settings file's TOML. A byte order mark before it is no setting: Windows Notepad saves
    UTF-8 with one, and the file was "not valid TOML (Invalid statement (at line 1, column 1))"."""
    return tomllib.loads(path.read_bytes().decode("utf-8").removeprefix("\ufeff"))


class _TomlFile(TomlConfigSettingsSource):
    """pydantic-settings' TOML source, reading the file as _toml does."""

    def _read_file(self, file_path) -> dict:
        return _toml(file_path)
