"""LLM answer back ends (`RAG_LLM=local|openai`), all behind llama-index's LLM interface.

make_llm(settings) builds the llama-index LLM for the configured back end; generative.py turns
its reply into a grounded, cited Answer. `extractive` (no LLM) stays the default and fallback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

    from rag.settings import Settings


def make_llm(settings: Settings) -> LLM:
    """The llama-index LLM of settings.llm ("local" or "openai"). Raises a RagError a user can act on."""
    from rag.errors import ModelNotInstalled, RagError

    if settings.llm == "local":
        from rag.answer.llm.local import LocalLLM
        from rag.answer.llm.models import model_path

        path = model_path(settings.llm_model, settings.llm_cache_dir, settings.llm_model_path)
        return LocalLLM(
            model_path=str(path),
            model_name=settings.llm_model,
            context_window=settings.llm_context,
            max_tokens=settings.llm_max_tokens,
            temperature=settings.llm_temperature,
            threads=settings.llm_threads,
            timeout=settings.llm_timeout_s,
        )
    if settings.llm == "openai":
        try:
            from llama_index.llms.openai_like import OpenAILike
        except ImportError as e:
            raise ModelNotInstalled(
                "The openai answer back end needs llama-index-llms-openai-like. Install it with:\n"
                "  pip install llama-index-llms-openai-like==0.8.1"
            ) from e
        return OpenAILike(
            api_base=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            is_chat_model=True,
            context_window=settings.llm_context,
            max_tokens=settings.llm_max_tokens,
            temperature=settings.llm_temperature,
            timeout=settings.llm_timeout_s,
            max_retries=0,
        )
    raise RagError(f"{settings.llm!r} is not an LLM back end.")
