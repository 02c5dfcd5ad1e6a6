"""Markdown syntax a rendered page never shows is in no span; a table is one; a heading is a label.

The texts are shaped on Node.js's API pages and pip's MyST pages, as Debian ships them."""

from __future__ import annotations

from rag.ingest.boilerplate import Layout, content_spans
from rag.ingest.markdown import fenced, hidden, tables
from rag.ingest.markup import markup_of
from rag.ingest.sentences import sentence_spans

NODE_PAGE = """# String decoder

### `new StringDecoder([encoding])`

<!-- YAML
added: v0.1.99
changes:
  - version: v10.0.0
    description: The result no longer contains a fraction component on Windows.
-->

* `encoding` {string} The character [encoding][] the `StringDecoder` will use.
  **Default:** `'utf8'`. <!-- inline note --> Set it once.

## Binaries

The following binaries are provided:

| Package manager | Binary names      |
| --------------- | ----------------- |
| [Yarn][]        | `yarn`, `yarnpkg` |
| [pnpm][]        | `pnpm`, `pnpx`    |

Write `<!--` to open a comment; it is text here.

```html
<!-- a comment in a code block is code -->
| a | b |
|---|---|
```

[Note]: deprecated
[encoding]: buffer.md#buffers-and-character-encodings
[Yarn]: https://yarnpkg.com "Yarn"
"""


def _texts(text: str, markdown: bool = True) -> list[str]:
    return [text[sp.start : sp.end] for sp in content_spans(text, "markdown" if markdown else "text")]


def test_html_comments_are_hidden_wherever_they_open_and_close():
    texts = _texts(NODE_PAGE)
    assert not any("YAML" in t or "added:" in t or "fraction component" in t for t in texts)
    assert not any("inline note" in t for t in texts)
    # The text on either side of an inline comment stays.
    assert "**Default:** `'utf8'`." in texts and "Set it once." in texts


def test_a_comment_mark_quoted_as_code_or_inside_a_code_block_is_text():
    texts = _texts(NODE_PAGE)
    assert "Write `<!--` to open a comment; it is text here." in texts
    assert "<!-- a comment in a code block is code -->" in texts


def test_script_and_style_elements_are_hidden_and_quoted_as_code_they_are_text():
    """A rendered page runs a <script> and applies a <style>, and shows neither: `<script>alert("the
    medic is Mal Ware")</script>` answered "Who is the medic?" with its own markup."""
    text = (
        "# Notes\n\nThe medic is Ann Lee.\n\n<script>alert('the medic is Mal Ware')</script>\n\n"
        '<SCRIPT type="module">\nconst medic = "Mal Ware";\n</script>\n\n<style>p { color: red }</style>\n\n'
        "Write `<script>` to run code.\n\n<script>never closed\n\nThe cook is Bo.\n"
    )
    assert _texts(text) == [
        "# Notes",
        "The medic is Ann Lee.",
        "Write `<script>` to run code.",
        "<script>never closed",
        "The cook is Bo.",
    ]


def test_a_myst_target_is_hidden_and_the_heading_under_it_is_the_title():
    """pip's pages open with MyST's label for the heading under it, "(repeatability)=", which a page
    never shows: it was the title of "Repeatable Installs" and a passage of its own."""
    from rag.ingest.boilerplate import guess_title

    text = "(SSL Certificate Verification)=\n# HTTPS Certificates\n\nBy default, pip verifies them.\n\n(a)= is text.\n"
    spans = content_spans(text, "markdown")
    assert [text[sp.start : sp.end] for sp in spans] == [
        "# HTTPS Certificates",
        "By default, pip verifies them.",
        "(a)= is text.",
    ]
    title = guess_title(text, spans)
    assert title is not None and text[title.start : title.end] == "# HTTPS Certificates"


def test_an_unclosed_comment_is_text():
    text = "Intro line here.\n\n<!-- never closed\n\nThe rest of the page is still read."
    assert _texts(text)[-1] == "The rest of the page is still read."
    assert hidden(text, []) == []


def test_link_reference_definitions_are_hidden_and_a_label_with_words_is_not():
    texts = _texts(NODE_PAGE)
    assert not any("buffer.md#" in t or "yarnpkg.com" in t for t in texts)
    assert "[Note]: deprecated" in texts


def test_a_table_is_one_span_and_its_delimiter_row_no_sentence():
    texts = _texts(NODE_PAGE)
    table = next(t for t in texts if t.startswith("| Package manager"))
    assert table.endswith("| [pnpm][]        | `pnpm`, `pnpx`    |")
    start = NODE_PAGE.index(table)
    sentences = [NODE_PAGE[a:b] for a, b in sentence_spans(NODE_PAGE, start, start + len(table))]
    assert sentences == [
        "| Package manager | Binary names      |",
        "| [Yarn][]        | `yarn`, `yarnpkg` |",
        "| [pnpm][]        | `pnpm`, `pnpx`    |",
    ]


def test_table_syntax_in_a_code_block_is_code():
    _, code = fenced(NODE_PAGE)
    assert len(tables(NODE_PAGE, code)) == 1
    spans = content_spans(NODE_PAGE, "markdown")
    assert [NODE_PAGE[sp.start : sp.end] for sp in spans if sp.code] == [
        "<!-- a comment in a code block is code -->",
        "| a | b |",
    ]  # its "|---|---|" holds no word: no span, as any such line


def test_a_markdown_heading_is_a_label_not_a_sentence():
    spans = content_spans(NODE_PAGE, "markdown")
    headings = frozenset(sp.start for sp in spans if sp.heading)
    assert [NODE_PAGE[s : NODE_PAGE.index("\n", s)] for s in sorted(headings)] == [
        "# String decoder",
        "### `new StringDecoder([encoding])`",
        "## Binaries",
    ]
    sentences = [NODE_PAGE[a:b] for a, b in sentence_spans(NODE_PAGE, layout=Layout(headings=headings))]
    assert not any(s.startswith("#") for s in sentences)
    # In other text a line opening with "#" is as often a comment of code: it stays a sentence.
    plain = "x = 1\n# On standard Linux systems, use a dictionary file.\ny = 2"
    assert not any(sp.heading for sp in content_spans(plain))
    assert "# On standard Linux systems, use a dictionary file." in [plain[a:b] for a, b in sentence_spans(plain)]


def test_a_heading_never_carries_a_line_on():
    text = "## install\nthe package with pip.\n\nmore text"
    assert _texts(text)[:2] == ["## install", "the package with pip."]
    assert _texts(text, markdown=False)[0] == "## install\nthe package with pip."


def test_a_myst_note_is_prose_and_a_version_directive_keeps_its_version():
    text = (
        "Intro paragraph here.\n\n"
        "```{versionadded} 10.0\n"
        "```\n\n"
        "```{note}\n"
        "Pinning refers to using the `==` operator to require the package to be a\n"
        "specific version.\n"
        "```\n\n"
        "```{toctree}\n"
        "getting-started\n"
        "```\n"
    )
    spans = content_spans(text, "markdown")
    texts = [text[sp.start : sp.end] for sp in spans]
    assert "{versionadded} 10.0" in texts
    assert "{note}" not in " ".join(texts)
    note = "Pinning refers to using the `==` operator to require the package to be a\nspecific version."
    assert note in texts and not next(sp for sp in spans if text[sp.start : sp.end] == note).code
    assert [text[sp.start : sp.end] for sp in spans if sp.code] == ["getting-started"]


def test_wrapped_lines_carry_on_at_markdown_code_and_links():
    text = (
        "When running outside of a project (for example when running\n"
        "`yarn init`), Corepack uses predefined versions. You can use the\n"
        "[`corepack install`][] command to set them. To allow addons, use [`--allow-addons`][]\n"
        "flag."
    )
    assert _texts(text) == [text]
    assert [text[a:b] for a, b in sentence_spans(text, layout=Layout(markup=True))] == [
        "When running outside of a project (for example when running\n`yarn init`), Corepack uses predefined versions.",
        "You can use the\n[`corepack install`][] command to set them.",
        "To allow addons, use [`--allow-addons`][]\nflag.",
    ]
    # In other text such lines are as often code (Python's HTML pages: ">>> [fib(n) for n in
    # range(16)]" over "[0, 1, 1, 2, 3, 5, 8, …]"): each line stays apart.
    code = ">>> [fib(n) for n in range(16)]\n[0, 1, 1, 2, 3, 5, 8, 13]"
    assert len(_texts(code, markdown=False)) == 2 and len(sentence_spans(code)) == 2
    # Lines that open with a code or link mark stay apart ...
    after_first = text.split("\n", 1)[1]
    assert len(_texts(after_first, markdown=False)) == 3
    # ... but the first line leaves a bracket open, which carries it on whatever the next line
    # opens with (boilerplate.carried_on, session 48: a contract's '(the' / '"Customer")').
    assert _texts(text, markdown=False)[0] == text.split("\n[")[0]


def test_markup_is_known_by_the_file_name():
    assert markup_of("docs/README.md") == markup_of("notes/A.Markdown") == "markdown"
    assert markup_of("docs/index.rst") == markup_of("A.REST") == "rst"
    assert markup_of("notes.txt") == markup_of("page.html") == markup_of("library/os.rst.txt") == "text"


def test_no_part_of_a_numbered_heading_is_a_sentence():
    """Punkt cut "## 4. Updating the firmware" after "4.", and "Updating the firmware" was quoted
    as the answer to "How long does a firmware update take?" (a break-it helper's manual, session 49)."""
    text = "## 4. Updating the firmware\n\nThe update takes about 4 minutes. Do not unplug it.\n"
    spans = content_spans(text, "markdown")
    headings = frozenset(sp.start for sp in spans if sp.heading)
    sentences = [text[a:b] for a, b in sentence_spans(text, layout=Layout(headings=headings))]
    assert sentences == ["The update takes about 4 minutes.", "Do not unplug it."]


def test_a_comment_or_script_inside_a_sentence_leaves_it_whole():
    """Left out, "The parking fee is <!-- checked in May --> 5 euros a day" was two sentences and
    the fee was refused; "The bike shed fee is [1]" answered the other (a break-it helper's, session
    59). Between two sentences a comment still goes."""
    text = (
        "# Fees\n\nThe parking fee is <!-- checked in May --> 5 euros a day, paid at the gate.\n\n"
        "The bike shed fee is <script>track()</script> 2 euros a month.\n\nPay at reception. <!-- x --> Thanks.\n"
    )
    texts = _texts(text)
    assert "The parking fee is <!-- checked in May --> 5 euros a day, paid at the gate." in texts
    assert "The bike shed fee is <script>track()</script> 2 euros a month." in texts
    assert "Pay at reception." in texts and "Thanks." in texts
