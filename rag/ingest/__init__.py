"""Ingest: files -> document text -> content spans (boilerplate skipped) -> chunks with offsets."""
