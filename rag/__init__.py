"""Cited question answering over a folder of documents, offline.

`from rag import Assistant` is the public entry point. Heavy modules load on first use, so
`import rag` stays cheap for the CLI's help and for tools that only read answers.
"""

from rag.types import Answer, Citation

__all__ = ["Assistant", "Answer", "Citation", "Settings"]


def __getattr__(name: str):
    if name == "Assistant":
        from rag.assistant import Assistant

        return Assistant
    if name == "Settings":
        from rag.settings import Settings

        return Settings
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
