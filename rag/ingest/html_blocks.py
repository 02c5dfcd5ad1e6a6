"""Documentation markup made readable before trafilatura extracts a page's text.

Generated documentation (Sphinx, MkDocs, Docusaurus, rustdoc, javadoc, pandoc) writes two things
that trafilatura renders badly, found by asking questions of Debian's Python 3.11 pages:

- **Permalink anchors**: a heading's or an API entry's `<a class="headerlink" href="#...">¶</a>`
  stood in the text ("MemoryView objects¶", "PyObject *PyMemoryView_FromObject(PyObject
  *obj)¶") and in every quote of it. Links to their own page whose text is only a pilcrow, a
  section sign, a hash or a link symbol are dropped (their tail text stays).
- **Definition lists** (`<dl>`): every API entry is one — the signature in `<dt>`, its description,
  examples and methods in `<dd>`. trafilatura makes each a list item: the signature became a line
  of its own, hence a passage of its own ("What does PyList_Append return on failure?" quoted
  "int PyList_Append(PyObject *list, PyObject *item)" and nothing else), and a `<dd>`'s code
  examples and nested entries were flattened onto one line (">>> c = Counter() # a new, empty
  counter >>> c = Counter('gallahad') ..."). Here each term becomes a paragraph that goes on
  with the start of its description ("int PyList_Append(PyObject *list, PyObject *item): Append
  the object item at the end of list list. Return 0 if successful; ..."), and the rest of the
  description stays in its place as blocks of its own (paragraphs, code with its lines, nested
  entries). Out of a list, trafilatura judges those blocks as it judges a page's paragraphs, so
  a description's cross-reference links lose their tags (its link-density test dropped
  decimal.Overflow's description) and a div of bare text is a paragraph (it dropped Sphinx's
  line blocks).

Measured on Debian's documentation (every word counted before and after, session 31): the 530
pages of Python 3.11 keep 8,689 words trafilatura dropped before and lose 121 (lists inside
table cells, which its table rendering leaves out: sys.thread_info's); the first 600 pages of
Linux 6.1 keep 2,421 more and lose 11.

Only the tree is changed, before extraction; the text is what trafilatura makes of it, and
offsets point into that text as before.
"""

from __future__ import annotations

import re

# Symbols doc generators put in a link to the element itself; a zero-width space is Docusaurus's.
# Signs only: a word ("link") may be prose that links to a section below.
_PERMALINK_TEXTS = {"¶", "§", "#", "🔗", "\u200b"}
# Elements that start a block of their own in trafilatura's text (others run inline).
_BLOCKS = {
    "p", "div", "pre", "ul", "ol", "dl", "table", "blockquote", "section", "figure", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "li", "details", "form",
}  # fmt: skip
# Between a term and its description: a colon reads as a glossary's "term: definition".
_TERM_END = ": "


def readable(tree) -> None:
    """Change `tree` (lxml.html) in place: what the page never shows and permalinks dropped,
    definition lists flattened."""
    _drop_unshown(tree)
    _drop_permalinks(tree)
    _unwrap_layout_tables(tree)
    _flatten_nested_tables(tree)
    _spell_out_headers(tree)
    _label_cells(tree)
    _captions_over(tree)
    _number_ordered_items(tree)
    for dl in list(tree.iter("dl")):
        _flatten(dl)


# How trafilatura writes an item of an ordered list numbered by _number_ordered_items.
NUMBERED_ITEM = re.compile(r"^(?P<indent>[ \t]*)- (?=\d{1,3}\. )", re.M)


def _number_ordered_items(tree) -> None:
    """An ordered list's items keep their numbers ("1. Install Microsoft Authenticator …").
    trafilatura writes every list item "- …", so a procedure lost the numbers its steps are
    read by (rag.answer.steps) and "How do I set up MFA?" was answered "MFA" (a break-it
    helper's onboarding page, session 49). The loader writes "- 3. " back as "3. ", a nested
    item's indent kept (NUMBERED_ITEM)."""
    for ol in tree.iter("ol"):
        try:
            number = int(ol.get("start") or 1)
        except ValueError:
            number = 1
        for li in ol.xpath("./li"):
            li.text = f"{number}. {li.text or ''}"
            number += 1


def _shown_text(element) -> str:
    return " ".join(element.text_content().split())


def _label(cell) -> bool:
    """A row's label: a row header (`<th>`), or a cell whose text is all bold ("<td><b>Check-in</b>
    </td>", as mail and many pages write a label)."""
    if cell.tag == "th":
        return True
    text = _shown_text(cell)
    bold = " ".join(_shown_text(b) for b in cell.xpath(".//b|.//strong"))
    return bool(text) and bold == text


def _label_cells(tree) -> None:
    """A table of labels and their values, each label a row header (`<th>` then `<td>` in every
    row: an infobox, a recipe's times, a nutrition box), is read as a list of "label: value"
    items, as a document's fields are. trafilatura wrote a delimiter row under each such row, so
    its first row ("| Calories | 312 kcal |") was read as the header of the others and "How many
    calories per serving?" was answered "A thick" (a break-it helper's recipe and town pages,
    session 49); read as rows with no header, no row was looked up by its label. Such items are
    read as fields are (rag.text.fields: "Total time: 55 minutes")."""
    for table in list(tree.iter("table")):
        rows = [tr.xpath("./td|./th") for tr in table.iter("tr")]
        rows = [cells for cells in rows if any(_shown_text(c) for c in cells)]
        labelled = sum(len(cells) == 2 and _label(cells[0]) and cells[1].tag == "td" for cells in rows)
        # A row of one cell (an image's caption across the box) goes with them, an item of its own.
        if labelled < 2 or labelled + sum(len(cells) == 1 for cells in rows) < len(rows):
            continue
        items = table.makeelement("ul", {})
        lines = [_shown_text(c) for c in table.xpath("./caption")]
        lines += [": ".join(_shown_text(c) for c in cells) for cells in rows]
        for line in filter(None, lines):
            item = table.makeelement("li", {})
            item.text = line
            items.append(item)
        items.tail = table.tail
        table.getparent().replace(table, items)


def _spell_out_headers(tree) -> None:
    """A header cell's abbreviation keeps the meaning its page gives it on hover: `<th><abbr
    title="Drawn">D</abbr></th>` is read "D (Drawn)". trafilatura kept "D" alone, so a league
    table's columns were "P | W | D | L | GF | GA | GD | Pts" and "How many games have Kirkby
    Moss drawn?" found the row but no column (a break-it helper's league page, session 52)."""
    for abbr in tree.xpath("//th//abbr[@title]"):
        title = " ".join(abbr.get("title").split())
        shown = _shown_text(abbr)
        if title and shown and title.lower() != shown.lower() and not abbr.getchildren():
            abbr.text = f"{shown} ({title})"


def _captions_over(tree) -> None:
    """A table's <caption> is a line over the table (where rag.text.tables reads a caption), not
    its first row: trafilatura wrote it as a header row padded with empty cells, with a delimiter
    row under it and another under the real header ("Time | Monday | … | Sunday"), and a gym's
    weekly timetable was read with no day names (a break-it helper's, session 51)."""
    for caption in list(tree.xpath("//table/caption")):
        table = caption.getparent()
        text = _shown_text(caption)
        table.remove(caption)
        if text:
            line = table.makeelement("p", {})
            line.text = text
            table.addprevious(line)


# What a browser never shows: an element marked `hidden`, styled `display: none`, a <template>'s
# content. Its text was indexed and quoted ("Who is the hidden paragraph person?" was answered).
_UNSHOWN = (
    "//*[@hidden] | //template"
    " | //*[contains(translate(translate(@style, ' ', ''), 'DISPLAYNOE', 'displaynoe'), 'display:none')]"
)


def _drop_unshown(tree) -> None:
    for element in tree.xpath(_UNSHOWN):
        if element.getparent() is not None:
            element.drop_tree()  # keeps its tail text, which is the parent's


# What a layout table's cell holds and a data table's does not: the page's own blocks.
_LAYOUT_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "div", "blockquote")


def _unwrap_layout_tables(tree) -> None:
    """A table that lays a page out (each row one cell with text, holding headings, paragraphs
    and tables of its own: how mail is written, and old pages) is read as the blocks it holds.
    Read as a table, a hotel's booking confirmation was one row of one cell, its 331 words run
    together, its price table's rows joined by ";" (a break-it helper's, session 51)."""
    for table in list(tree.iter("table")):
        if table.get("role") in ("presentation", "none"):
            # Mail builders mark every table so, a table of prices too, and trafilatura leaves such
            # tables out: a release mail's "Plan | Now | From 1 April 2026" was not read (a
            # break-it helper's, session 51). Whether one lays the page out is read below.
            del table.attrib["role"]
        if table.getparent() is None:
            continue
        rows = [tr.xpath("./td|./th") for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")]
        shown = [[c for c in cells if _shown_text(c)] for cells in rows]
        if not rows or any(len(cells) > 1 and not all(_lays_out(c) for c in cells) for cells in shown):
            continue
        cells = [c for cells in shown for c in cells]
        if not any(cell.xpath(" | ".join(f".//{tag}" for tag in _LAYOUT_BLOCKS)) for cell in cells):
            continue
        # The page's outermost layout table becomes its <article> when it has none: trafilatura
        # reads headings only in a container it takes for the main text, and a release mail's
        # blocks, standing side by side in the body, lost "Improvements", "Price changes from 1
        # April 2026" and every other heading (a break-it helper's, session 51).
        outer = not tree.xpath("//article | //main") and table.getparent().tag in ("body", "center", "div")
        laid = table.makeelement("article" if outer else "div", {})
        for cell in cells:
            block = table.makeelement("div", {})
            block.text = cell.text
            for child in list(cell):
                block.append(child)
            laid.append(block)
        laid.tail = table.tail
        table.getparent().replace(table, laid)


def _lays_out(cell) -> bool:
    """Is a cell beside others a column of the page (a mail's two columns, each a heading over a
    paragraph), not a data cell: a heading or a table in it, or two blocks? A Word page's data
    cell holds one paragraph."""
    if cell.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//table"):
        return True
    return len([child for child in cell if child.tag in _LAYOUT_BLOCKS]) >= 2


def _flatten_nested_tables(tree) -> None:
    """A table inside a table's cell becomes its text, in the cell: trafilatura left the cell
    empty and put the inner table's rows below the outer table ("| Forklift driver |  |", then
    "| Ned Park |": asked who drives the forklift, the chat quoted the empty row)."""
    for inner in list(tree.xpath("//td//table | //th//table")):
        if inner.getparent() is None:
            continue
        rows = (" ".join(c.text_content() for c in tr.iter("td", "th")).split() for tr in inner.iter("tr"))
        text = "; ".join(" ".join(words) for words in rows if words)
        parent, tail = inner.getparent(), inner.tail or ""
        previous = inner.getprevious()
        joined = (" " + text + " " + tail) if text else tail
        if previous is not None:
            previous.tail = (previous.tail or "") + joined
        else:
            parent.text = (parent.text or "") + joined
        parent.remove(inner)


def _drop_permalinks(tree) -> None:
    for a in list(tree.iter("a")):
        href = (a.get("href") or "").strip()
        if href.startswith("#") and a.text_content().strip() in _PERMALINK_TEXTS:
            a.drop_tree()  # keeps its tail text


def _flatten(dl) -> None:
    """<dl><dt>T</dt><dd>D...</dd></dl> → <p>T: D's first paragraph</p> and the rest of D's blocks,
    in the place of the list."""
    from lxml.html import Element

    children = list(dl)
    descriptions = {id(c) for c in children if c.tag == "dd"}
    for child in children:
        if id(child) in descriptions:
            _paragraphs_of_text_divs(child)
            _unlinked(child)
    for i, child in enumerate(children):
        if child.tag != "dt":
            continue
        term = Element("p")
        _move_content(child, term)
        _strip_trailing_breaks(term)
        following = children[i + 1] if i + 1 < len(children) else None
        if following is not None and id(following) in descriptions:
            _lead_into(following, term)
        term.tail = child.tail
        dl.replace(child, term)
    # The list and its descriptions go, their blocks stay where they were: wrapped in divs,
    # trafilatura dropped whole entries (the last two of c-api/memoryview.html's, which a div
    # emptied by the move above closed).
    for child in list(dl):
        if id(child) in descriptions:
            child.drop_tag()
    dl.drop_tag()


def _lead_into(dd, term) -> None:
    """Move the start of the description (its inline run, then its first paragraph) to the end of
    `term`, after a colon. Nothing moves when the description starts with a block that is no
    paragraph (code, a nested entry): the term then stands alone."""
    leads = bool((dd.text or "").strip())
    inline = []
    for child in dd:
        if not isinstance(child.tag, str) or child.tag in _BLOCKS:  # a comment's tag is no str
            break
        inline.append(child)
    first = dd[len(inline)] if len(dd) > len(inline) else None
    paragraph = first if first is not None and first.tag == "p" and not _wraps_a_block(first) else None
    if not leads and not inline and paragraph is None:
        return
    said = term.text_content().strip()
    if said:
        _append_text(term, " " if said.endswith(":") else _TERM_END)
    _append_text(term, (dd.text or "").lstrip())
    dd.text = None
    for child in inline:
        term.append(child)  # moves it, with its tail
    if paragraph is not None:
        if leads or inline:
            _append_text(term, " ")
        paragraph.text = (paragraph.text or "").lstrip()
        _move_content(paragraph, term)
        tail = paragraph.tail
        dd.remove(paragraph)  # takes its tail: text after it now leads the description
        dd.text = tail if tail and tail.strip() else None


def _paragraphs_of_text_divs(description) -> None:
    """A <div> that holds text and no block is a paragraph: as list items trafilatura kept them,
    as divs it dropped them (Python's xml.sax.handler page lost its 23 entries' "true: Perform
    Namespace processing." lines, Sphinx's line blocks)."""
    for div in list(description.iter("div")):
        if not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in div):
            div.tag = "p"


def _unlinked(description) -> None:
    """Links in a description are cross-references ("Inexact and Rounded are also signaled"),
    its words: as list items trafilatura kept them, as paragraphs its link-density test dropped
    them (decimal.Overflow's description). The link's text stays; its address never was text."""
    for a in list(description.iter("a")):
        a.drop_tag()


def _wraps_a_block(p) -> bool:
    """A paragraph that holds nothing but a block (some generators wrap code in <p>)."""
    return not (p.text or "").strip() and len(p) == 1 and p[0].tag in _BLOCKS


def _move_content(source, target) -> None:
    """source's text and children appended to target (source left empty)."""
    _append_text(target, source.text or "")
    source.text = None
    for child in list(source):
        target.append(child)


def _append_text(element, text: str) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _strip_trailing_breaks(p) -> None:
    """A signature's trailing <br/> (Sphinx ends every <dt> with one) and whitespace."""
    while len(p) and p[-1].tag == "br" and not (p[-1].tail or "").strip():
        p.remove(p[-1])
    if len(p):
        p[-1].tail = (p[-1].tail or "").rstrip() or None
    else:
        p.text = (p.text or "").rstrip() or None


# Where a page states who wrote it and when: its byline ("By Rhiannon Treves, Culture
# Correspondent · Published 15 March 2024"), which trafilatura drops with the page's furniture.
_BYLINE = re.compile(
    r"(?:^|[\s_-])(?:byline|by-line|dateline|post-?meta|entry-?meta|article-?meta|meta-?info)(?:$|[\s_-])", re.I
)
_NOT_BYLINE = re.compile(r"comment|reply|author-?box|bio|footer|related|share|sidebar", re.I)
_SAYS_WHO_OR_WHEN = re.compile(
    r"\b(?:by|posted|published|updated|written)\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\b",
    re.I,
)
_MAX_BYLINE_CHARS = 200


def byline(tree) -> str | None:
    """The text of the page's byline (an element marked "byline", "post-meta", "dateline" … that
    says by whom or when, outside its comments), or None. "Who wrote the article?" and "When was
    it published?" were answered from a reader's comment and the museum's founding year (a
    break-it helper's news and recipe pages, session 49): trafilatura keeps neither line."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not _BYLINE.search(marks) or _NOT_BYLINE.search(marks):
            continue
        if any(_NOT_BYLINE.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if text and len(text) <= _MAX_BYLINE_CHARS and _SAYS_WHO_OR_WHEN.search(text):
            return text
    return None
