"""Errors a user can act on. Each message says what went wrong and what to do."""


class RagError(Exception):
    """Base class: the CLI prints these without a traceback."""


class BadQuestion(RagError, ValueError):
    pass


class CorpusError(RagError):
    pass


class LoadError(RagError):
    """A single file could not be read; indexing skips it with a warning and goes on."""

    sha256: str | None = None  # the content hash, when the bytes were read


class EmptyFile(LoadError):
    """The file holds nothing but whitespace: nothing to index, and nothing an earlier version
    of it said may be cited from it."""


class ModelNotInstalled(RagError):
    pass


class ModelIntegrityError(RagError):
    """A model file's SHA-256 is not the one recorded in rag.answer.llm.models: it is not loaded."""


class LLMError(RagError):
    """The answer back end (a local model or an OpenAI-compatible server) failed."""


class IndexLocationError(RagError):
    """The index folder cannot be used: not ours, not writable, a file, or nested with the corpus."""


class IndexDamaged(RagError):
    """The vector store failed in a way only damage explains (e.g. a Rust panic inside Chroma)."""


class IndexUnreachable(IndexDamaged):
    """The Chroma server that holds the index does not answer (not started, stopped, restarted
    without its data): an error to fix where the server runs, never damage to rebuild."""


class ReadOnlyIndex(RagError):
    """A change (index run, upload, removal) asked of an assistant whose index is read-only."""


class IndexSettingsDiffer(RagError):
    """A change asked of an index that another process rebuilt with other settings (another
    embedding model, other passages) than this assistant's: its vectors would not be comparable."""


class IndexBusy(RagError):
    """An upload or a removal asked while another process writes the index (a long `rag index`)."""


class SettingsError(RagError):
    """A setting (argument, RAG_* variable or settings file) that is not valid."""
