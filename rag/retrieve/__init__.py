"""Retrieve: dense + BM25 candidates fused (hybrid), sentence-level evidence, the second hop."""

from rag.retrieve.hybrid import HybridRetriever

__all__ = ["HybridRetriever"]
