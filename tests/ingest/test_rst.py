"""A reStructuredText file is read as its page renders: titles are headings, comments, targets and
unseen directives are hidden, literal blocks and code directives are code. Shaped on the reST
sources of Python's documentation (python3.11-doc's _sources/library/*.rst.txt)."""

from __future__ import annotations

from rag.ingest.boilerplate import Layout, content_spans, guess_title
from rag.ingest.loaders import is_supported
from rag.ingest.sentences import sentence_spans

PAGE = """:mod:`getpass` --- Portable password input
===========================================

.. module:: getpass
   :synopsis: Portable reading of passwords and retrieval of the userid.

.. moduleauthor:: Piers Lauder <piers@cs.su.oz.au>

.. index:: single: password; reading

.. _getpass-target:

.. This is a comment that the page
   never shows.

The :mod:`getpass` module provides two functions, one of them reads
*passwords* without echo.

.. function:: getpass(prompt='Password: ', stream=None, \\
                      echo=False)

   Prompt the user for a password without echoing.  The user is prompted
   using the string *prompt*, which defaults to ``'Password: '``.

   .. versionchanged:: 3.11
      The *echo* parameter was added.

   .. note::
      If you call getpass from within IDLE, the input may be done in the
      terminal you launched IDLE from.

Example
-------

Read a password::

   import getpass
   pw = getpass.getpass()
   if pw: print("read")

.. code-block:: python

   user = getpass.getuser()
   print(user)

Text after the code.
"""


def _texts(markup: str = "rst") -> list[str]:
    return [PAGE[sp.start : sp.end] for sp in content_spans(PAGE, markup)]


def test_rst_files_are_read():
    from pathlib import Path

    assert is_supported(Path("docs/library/getpass.rst")) and is_supported(Path("notes.REST"))


def test_hidden_directives_comments_and_targets_are_in_no_span():
    texts = _texts()
    joined = "\n".join(texts)
    for unseen in ("synopsis", "Piers Lauder", "single: password", "getpass-target", "comment", "never shows"):
        assert unseen not in joined, unseen
    assert not any(t.startswith("..") for t in texts)


def test_a_shown_directive_keeps_what_it_names_and_its_body_is_prose():
    texts = _texts()
    # ".. function::" is syntax; the signature is text, its continued lines one span, and it goes
    # on with the first paragraph of its description (its wrapped lines joined).
    described = next(t for t in texts if t.startswith("getpass("))
    assert described.startswith("getpass(prompt='Password: ', stream=None, \\\n                      echo=False)\n\n")
    assert described.endswith(
        "Prompt the user for a password without echoing.  The user is prompted\n"
        "   using the string *prompt*, which defaults to ``'Password: '``."
    )
    assert "versionchanged:: 3.11" in texts
    assert (
        "If you call getpass from within IDLE, the input may be done in the\n      terminal you launched IDLE from."
        in texts
    )


def test_literal_blocks_and_code_directives_are_code():
    spans = content_spans(PAGE, "rst")
    code = [PAGE[sp.start : sp.end] for sp in spans if sp.code]
    assert code == [
        "import getpass",
        "pw = getpass.getpass()",
        'if pw: print("read")',
        "user = getpass.getuser()",
        "print(user)",
    ]
    assert "Text after the code." in [PAGE[sp.start : sp.end] for sp in spans if not sp.code]


def test_section_titles_are_headings_and_the_first_is_the_title():
    spans = content_spans(PAGE, "rst")
    assert [PAGE[sp.start : sp.end] for sp in spans if sp.heading] == [
        ":mod:`getpass` --- Portable password input",
        "Example",
    ]
    title = guess_title(PAGE, spans)
    assert title is not None and PAGE[title.start : title.end] == ":mod:`getpass` --- Portable password input"
    layout = Layout.of(spans, markup=True)
    sentences = [PAGE[a:b] for a, b in sentence_spans(PAGE, layout=layout)]
    assert "Example" not in sentences
    assert "*passwords* without echo." not in sentences  # carried on: "reads\n*passwords* …"


def test_a_code_block_s_language_is_no_text_and_a_one_word_section_title_is_the_title():
    """ ".. code-block:: python" left "python" a passage of its own, and a page titled "Guide" over
    its underline had no title (a title had two words at least, as a plain-text headline must)."""
    page = "Guide\n=====\n\nThe crane boss is Cal Nye.\n\n.. code-block:: python\n\n   x = 1\n"
    spans = content_spans(page, "rst")
    assert [(page[sp.start : sp.end], sp.code) for sp in spans] == [
        ("Guide", False),
        ("The crane boss is Cal Nye.", False),
        ("x = 1", True),
    ]
    title = guess_title(page, spans)
    assert title is not None and page[title.start : title.end] == "Guide"
    # In plain text one word over a line is no headline: it may be the text's first word.
    plain = "Guide\nThe crane boss is Cal Nye.\n"
    assert guess_title(plain, content_spans(plain)) is None


def test_the_same_text_as_plain_text_keeps_its_syntax():
    texts = _texts("text")
    assert any(t.startswith(".. module:: getpass") for t in texts)


def test_a_signature_goes_on_with_its_first_paragraph_only():
    text = (
        ".. function:: first(a)\n\n   First's description.\n\n   First's second paragraph.\n\n"
        ".. function:: second(b)\n\n   Second's description.\n"
    )
    texts = [text[sp.start : sp.end] for sp in content_spans(text, "rst")]
    assert texts == [
        "first(a)\n\n   First's description.",
        "First's second paragraph.",
        "second(b)\n\n   Second's description.",
    ]


def test_a_definition_list_item_is_one_span_its_term_its_fields_and_its_text():
    """A configuration reference's options, each a definition list item: "``timeout``" over its
    fields and, after a blank line, its text had been three passages, and "Which environment
    variable sets the timeout?" had no passage that said both (a break-it helper's, session 54)."""
    text = (
        "Options\n=======\n\n"
        "``timeout``\n    :Type: ``float`` (seconds)\n    :Default: ``30.0``\n    :Env: ``TESSERA_TIMEOUT``\n\n"
        "    How long to wait for the server.\n\n"
        "``retries``\n    :Default: ``3``\n\n    How many times a request is retried.\n\n"
        "A paragraph after the list.\n"
    )
    texts = [text[sp.start : sp.end] for sp in content_spans(text, "rst")]
    assert texts[1:] == [
        "``timeout``\n    :Type: ``float`` (seconds)\n    :Default: ``30.0``\n    :Env: ``TESSERA_TIMEOUT``\n\n"
        "    How long to wait for the server.",
        "``retries``\n    :Default: ``3``\n\n    How many times a request is retried.",
        "A paragraph after the list.",
    ]
