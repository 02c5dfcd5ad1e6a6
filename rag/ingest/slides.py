"""A PowerPoint presentation (.pptx), read slide by slide as its slides show it.

The document text is Markdown (cut as Markdown is: rag/ingest/markup.py):

- each slide that is shown (a hidden slide is not read) under a heading of its title, or of its
  number when it has none ("## Slide 4");
- the slide's text in reading order, its shapes from the top and then from the left (a group's
  shapes among them), each paragraph (a bullet, a line of a text box) a paragraph of its own,
  so that no sentence runs from one bullet into the next;
- a table as Markdown writes one ("| Region | Q1 | Q2 |"), a delimiter row under its first row
  when the table sets that row apart as a header (PowerPoint's "Header Row", on in new tables),
  so that a row is read with its columns' names (rag/text/tables.py) and a cell can answer
  (rag/answer/lookup.py);
- the speaker notes after the slide's own text, under "Notes:".

Not read: the footer, date and slide number placeholders (they repeat on every slide, as a
page's running head does), and text boxes drawn as such: one whose text is its slide's number,
or one whose text stands the same on half the slides or more (three at least); pictures, charts' data, comments, and slide masters' and layouts'
own text. The presentation's title is its title property, or the first slide's title.
"""

from __future__ import annotations

import io

from rag.errors import LoadError
from rag.ingest.markdown import one_line, table_lines
from rag.ingest.signatures import OLE, ZIP

SLIDES_SUFFIXES = (".pptx",)
# Placeholders whose text repeats on every slide: furniture, not the slide's content.
_FURNITURE = {"FOOTER", "DATE", "SLIDE_NUMBER", "HEADER"}


def pptx_text(source: str, data: bytes) -> tuple[str, str | None]:
    """(the document text, its title or None) of a .pptx file's bytes."""
    if data.startswith(OLE):  # a .pptx with a password is kept in a compound file, as a .ppt is
        from rag.ingest.legacy_slides import ppt_text
        from rag.ingest.ole import holds_stream

        if holds_stream(data, "PowerPoint Document"):  # an old .ppt named .pptx
            return ppt_text(source, data)
        raise LoadError(
            f"{source}: the presentation is protected by a password, or damaged; save a copy without a "
            "password to index it"
        )
    if not data.startswith(ZIP):
        raise LoadError(f"{source}: not a PowerPoint .pptx file (a .pptx is a zip package); save it again as .pptx")
    import pptx  # imported here: only presentations need it
    from pptx.exc import PackageNotFoundError

    try:
        deck = pptx.Presentation(io.BytesIO(data))
    except (KeyError, ValueError, PackageNotFoundError) as e:
        # A zip of another kind (a Word document or a workbook renamed .pptx, an archive).
        raise LoadError(
            f"{source}: a zip package but not a PowerPoint presentation ({type(e).__name__}: {str(e)[:200]}); "
            "save it again as .pptx"
        ) from e
    parts, first_title = [], None
    shown = [
        (number, slide)
        for number, slide in enumerate(deck.slides, 1)
        if slide._element.get("show") not in ("0", "false")
    ]
    repeated = _repeated_boxes([slide for _, slide in shown])
    for number, slide in shown:
        title_shape = slide.shapes.title
        title = one_line(title_shape.text_frame.text) if title_shape is not None else ""
        first_title = first_title or title or None
        blocks = [f"## {title or f'Slide {number}'}"]
        for shape in _in_reading_order(slide.shapes):
            if title_shape is not None and shape.shape_id == title_shape.shape_id:
                continue
            if (box := _box_text(shape)) is not None and (box in repeated or box == str(number)):
                continue  # a footer or a slide number drawn as a text box
            blocks += _shape_blocks(shape)
        if slide.has_notes_slide and (notes := slide.notes_slide.notes_text_frame) is not None:
            said = [line for p in notes.paragraphs if (line := one_line(p.text))]
            if said:
                blocks += [f"Notes: {said[0]}", *said[1:]]
        if len(blocks) > 1 or title:
            parts.append("\n\n".join(blocks))
    text = "\n\n".join(parts)
    if not text:
        raise LoadError(f"{source}: the presentation has no text on a shown slide")
    title = (deck.core_properties.title or "").strip() or first_title
    return text, title


# A text box on this share of the shown slides or more, with the same text, is furniture: a board
# deck's "Brightwater Analytics Ltd | Board of Directors | STRICTLY CONFIDENTIAL" box and its
# slide-number box were read on every slide, the number glued to the next slide's passage and the
# last copy of the footer a passage of its own that ranked first for a question of headcount (a
# break-it helper's deck, session 54).
_REPEATED_SHARE = 0.5
_MIN_REPEATS = 3


def _repeated_boxes(slides: list) -> set[str]:
    """The texts of the text boxes that stand the same on many of the slides (see above)."""
    counts: dict[str, int] = {}
    for slide in slides:
        for text in {box for shape in slide.shapes if (box := _box_text(shape))}:
            counts[text] = counts.get(text, 0) + 1
    least = max(_MIN_REPEATS, _REPEATED_SHARE * len(slides))
    return {text for text, n in counts.items() if n >= least}


def _box_text(shape) -> str | None:
    """A text box's (not a placeholder's, a table's or a group's) text on one line, or None."""
    if shape.is_placeholder or not getattr(shape, "has_text_frame", False) or not shape.has_text_frame:
        return None
    return one_line(shape.text_frame.text) or None


def _in_reading_order(shapes) -> list:
    """Shapes from the top, then from the left (a shape with no position of its own first)."""
    return sorted(shapes, key=lambda s: (s.top or 0, s.left or 0))


def _shape_blocks(shape) -> list[str]:
    """A shape's paragraphs, its table's lines as one block, or a group's shapes' blocks."""
    if shape.is_placeholder and shape.placeholder_format.type is not None:
        if shape.placeholder_format.type.name in _FURNITURE:
            return []
    from pptx.shapes.group import GroupShape  # loaded by pptx_text already

    if isinstance(shape, GroupShape):  # not by shape_type, which raises for a shape it does not know
        return [b for inner in _in_reading_order(shape.shapes) for b in _shape_blocks(inner)]
    if getattr(shape, "has_table", False) and shape.has_table:
        table = shape.table
        rows = [row for row in ([one_line(cell.text) for cell in row.cells] for row in table.rows) if any(row)]
        return ["\n".join(table_lines(rows, table.first_row))] if rows else []
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        return [line for p in shape.text_frame.paragraphs if (line := one_line(p.text))]
    return []
