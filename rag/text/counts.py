"""Counts as a person writes them: "1 passage", "2 passages", "0 passages"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, plural unless n is one ("Indexed 1 documents, 1 passages" was printed)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
