"""Which sentence the evidence quotes (rag/answer/evidence_choice.py), on a real index."""

from __future__ import annotations

import pytest

from tests.helpers import assistant_over

PAGE = (
    "Generating tokens\n\n"
    "secrets.token_bytes([nbytes=None]): Return a random byte string containing nbytes number of "
    "bytes. If nbytes is None or not supplied, a reasonable default is used.\n\n"
    ">>> token_bytes(16)\n"
    "b'\\xebr\\x17D*t\\xae\\xd4\\xe3S\\xb6\\xe2\\xebP1\\x8b'\n\n"
    "secrets.token_hex([nbytes=None]): Return a random text string, in hexadecimal. The string has "
    "nbytes random bytes, each byte converted to two hex digits.\n\n"
    ">>> token_hex(16)\n"
    "'f9bf78b9a18ce6d46a0cd2b0b86df9da'\n"
)


@pytest.mark.integration
def test_a_line_typed_at_a_prompt_is_never_the_quoted_answer(tmp_path):
    """Python's secrets page (the pydocs development set): "How many bytes does token_bytes use by
    default?" was answered "16 — >>> token_bytes(16)"; the page never says. An example is not a
    statement; the prose around it still answers what it states."""
    assistant = assistant_over(tmp_path, {"secrets.txt": PAGE})
    unanswered = assistant.ask("How many bytes does secrets.token_bytes use by default?")
    assert ">>>" not in unanswered.text
    stated = assistant.ask("How many hex digits is each byte of a token_hex string converted to?")
    assert not stated.refused and "two hex digits" in stated.text
