"""A passage of only headings stands for its section (rag/retrieve/sections.py)."""

from __future__ import annotations

import pytest

from rag.retrieve.sections import caps_headings, only_headings, only_questions, with_sections
from rag.types import Passage, ScoredPassage
from tests.helpers import assistant_over


def _p(source: str, text: str, start: int = 0, pid: str | None = None) -> Passage:
    return Passage(pid or f"{source}:{start}", source, "", text, start, start + len(text))


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("a.md", "## Class: `Decoder`\n\n### `new Decoder([encoding])`", True),
        ("a.md", "### `new Decoder([encoding])`\n\nCreates a new decoder.", False),
        ("a.rst", "Decoders\n========\n\nThe decoder class\n-----------------", True),
        ("a.rst", "Decoders\n========\n\nIt decodes.", False),
        ("a.rst", "========", False),
        ("a.txt", "# Not a heading in plain text", False),
    ],
)
def test_only_headings(source, text, expected):
    assert only_headings(_p(source, text)) is expected


def test_a_heading_passage_brings_its_section_right_after_it():
    heading = _p("d.md", "### `new Decoder([encoding])`", 100)
    body = _p("d.md", "* `encoding` {string} **Default:** `'utf8'`.", 160)
    later = _p("d.md", "### `decoder.end()`", 300)
    other = _p("e.md", "Something else entirely.", 0)
    passages = {"d.md": [later, body, heading], "e.md": [other]}
    got = with_sections([ScoredPassage(heading, 0.5), ScoredPassage(other, 0.4)], lambda s: passages[s])
    assert [(sp.passage.id, sp.score) for sp in got] == [(heading.id, 0.5), (body.id, 0.5), (other.id, 0.4)]
    # Already a candidate: not twice. Plain text: as it was.
    twice = with_sections([ScoredPassage(heading, 0.5), ScoredPassage(body, 0.3)], lambda s: passages[s])
    assert [sp.passage.id for sp in twice] == [heading.id, body.id]
    plain = [ScoredPassage(_p("n.txt", "# 1,500 migrants"), 0.9)]
    assert with_sections(plain, lambda s: []) == plain


@pytest.mark.integration
def test_the_answer_quotes_the_section_not_its_heading(tmp_path):
    """Node.js's API pages part each entry's heading from its text by a hidden comment, so the
    heading is a passage alone, and it was the answer: "### `new StringDecoder([encoding])` [1]",
    "callback — ### `setInterval(callback[, delay[, ...args]])` [1]" (Node.js's own pages, from
    the development sets eval/probes/mddocs and mddocs2)."""
    import shutil
    from pathlib import Path

    from rag.assistant import Assistant

    probes = Path(__file__).resolve().parents[2] / "eval" / "probes"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("mddocs/corpus/node_string_decoder.md", "mddocs2/corpus/node_timers.md"):
        shutil.copy(probes / name, corpus / Path(name).name)
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index")
    decoder = assistant.ask("Which encoding does a new StringDecoder use when no encoding is given?")
    c = decoder.citations[0]
    assert not decoder.refused and "###" not in decoder.text, decoder.text
    assert "the `StringDecoder` will use" in c.supporting_text()  # the section's own first line
    assert assistant.document_text(c.source)[c.start : c.end] == c.text
    timer = assistant.ask("If I give setInterval() a delay of 0, or one above 2147483647, what delay does Node.js use?")
    assert timer.text.startswith("1 — When `delay` is larger than `2147483647`"), timer.text


def test_a_passage_of_only_questions_is_an_faqs_question_not_a_paragraph_that_ends_in_one():
    """An FAQ's question line that became a passage of its own brings the next passage (its
    "A:" line); a paragraph whose last sentence asks (five of SQuAD's 2,600) holds statements
    before it and brings nothing: it moved the passages under it down a place, and a right
    answer fell under the evidence's bar."""

    def passage(text: str) -> Passage:
        return _p("faq.txt", text)

    assert only_questions(passage('Q: I get "KX-204: ledger file is locked". What does it mean?'))
    assert only_questions(passage("Can Tallyman send invoices by fax?"))
    assert only_questions(passage("Q: The importer uses 100% CPU on large statements."))
    assert not only_questions(passage("Thoreau admits that government may err. What should a citizen do?"))
    assert not only_questions(passage("A: Not directly. Export the invoice as PDF."))


@pytest.mark.unit
def test_headings_above_a_line_are_its_chain_and_code_comments_are_none():
    from rag.retrieve.sections import headings_of

    doc = "# Recipes\n\n## Curry\n\nServes 4.\n\n### Ingredients\n\n- 1 onion\n\n```sh\n# not a heading\n```\n\n## Stew\n\nServes 6.\n"
    h = headings_of(doc)
    assert h.above(doc.index("Serves 4")) == ("Recipes", "Curry")
    assert h.above(doc.index("1 onion")) == ("Recipes", "Curry", "Ingredients")
    assert h.above(doc.index("not a heading")) == ("Recipes", "Curry", "Ingredients")
    assert h.above(doc.index("Serves 6")) == ("Recipes", "Stew")  # a new level-2 heading closes level 3
    assert h.above(0) == ("Recipes",) and headings_of("no headings").above(5) == ()


RECIPES = """# The Alder Street Kitchen: Family Recipes

Collected by Hannah Alder, 2024 edition. All oven temperatures are for a conventional oven; reduce by 20 °C for a fan oven.

## Lemon Drizzle Cake

Serves 10. Preparation 20 minutes, baking 45 minutes.

### Ingredients

- 225 g unsalted butter, softened
- 225 g caster sugar
- 4 large eggs
- 225 g self-raising flour
- finely grated zest of 2 lemons
- For the drizzle: juice of 1½ lemons and 85 g granulated sugar

### Method

1. Heat the oven to 180 °C. Line a 2 lb (900 g) loaf tin with baking paper.
2. Beat the butter and caster sugar together until pale and creamy.
3. Add the eggs one at a time, mixing well after each.
4. Fold in the flour and lemon zest.
5. Spoon into the tin and bake for 45 minutes, until a skewer comes out clean.
6. Mix the lemon juice with the granulated sugar. Prick the warm cake all over and pour the drizzle over it. Leave to cool in the tin.

## Shakshuka

Serves 4. Preparation 10 minutes, cooking 25 minutes.

### Ingredients

- 2 tbsp olive oil
- 1 large onion, sliced
- 2 red peppers, sliced
- 3 garlic cloves, crushed
- 1 tsp ground cumin
- 1 tsp smoked paprika
- 2 × 400 g tins of chopped tomatoes
- 6 eggs
- a handful of fresh coriander
- 100 g feta, crumbled

### Method

1. Heat the oil in a large frying pan and cook the onion and peppers over a medium heat for 10 minutes, until soft.
2. Add the garlic, cumin and paprika and cook for 1 minute.
3. Pour in the tomatoes and simmer for 10 minutes until thickened. Season with salt and pepper.
4. Make 6 wells in the sauce and crack an egg into each. Cover and cook for 6 to 8 minutes, until the whites are set.
5. Scatter over the coriander and feta and serve with warm flatbread.

## Grandma Rose's Beef Stew

Serves 6. Preparation 30 minutes, cooking 2½ hours.

### Ingredients

- 1 kg braising steak, cut into 4 cm cubes
- 3 tbsp plain flour
- 3 tbsp vegetable oil
- 2 onions, chopped
- 4 carrots, cut into chunks
- 2 celery sticks, sliced
- 500 ml beef stock
- 250 ml stout
- 2 bay leaves
- 1 tbsp Worcestershire sauce

### Method

1. Heat the oven to 160 °C.
2. Toss the beef in the flour. Brown it in batches in the oil in a large casserole dish and set aside.
3. Soften the onions, carrots and celery in the same dish for 8 minutes.
4. Return the beef, pour in the stock and stout, and add the bay leaves and Worcestershire sauce.
5. Cover and cook in the oven for 2½ hours, until the beef is tender.
6. Remove the bay leaves before serving. The stew freezes well for up to 3 months.

## Vegan Chickpea Curry

Serves 4. Preparation 10 minutes, cooking 30 minutes.

### Ingredients

- 1 tbsp coconut oil
- 1 onion, finely chopped
- 2 cm piece of ginger, grated
- 2 garlic cloves, crushed
- 2 tbsp medium curry paste
- 2 × 400 g tins of chickpeas, drained
- 400 ml tin of coconut milk
- 200 g baby spinach
- juice of 1 lime

### Method

1. Melt the coconut oil in a saucepan and fry the onion for 5 minutes.
2. Add the ginger, garlic and curry paste and cook for 2 minutes.
3. Add the chickpeas and coconut milk and simmer for 20 minutes.
4. Stir in the spinach until wilted, then add the lime juice.
5. Serve with basmati rice.

## Sourdough Focaccia

Makes one 30 × 20 cm tray. Preparation 20 minutes, proving 14 hours, baking 25 minutes.

### Ingredients

- 500 g strong white bread flour
- 400 ml lukewarm water
- 100 g active sourdough starter
- 10 g fine sea salt
- 60 ml extra virgin olive oil, plus extra for the tray
- sprigs of rosemary and flaky salt for the top

### Method

1. Mix the flour, water and starter and leave for 30 minutes.
2. Add the salt and squeeze it through the dough. Perform 4 sets of stretch-and-folds, 30 minutes apart.
3. Cover and leave in the fridge overnight, for 12 hours.
4. Tip the dough into the oiled tray and leave to rise at room temperature for 2 hours.
5. Heat the oven to 230 °C. Dimple the dough with oiled fingers, drizzle with oil, and top with rosemary and flaky salt.
6. Bake for 25 minutes, until golden.

## Notes

Hannah's tip: weigh everything. Cups vary; grams do not. The beef stew is best made a day ahead.
"""


@pytest.mark.integration
def test_a_sentence_is_read_with_the_headings_it_lies_under(tmp_path):
    """ "Serves 4." stands under each recipe's heading alike: "How many people does the vegan
    chickpea curry serve?" was answered "2" from the curry's paste line (a break-it helper's
    recipe book, the document here), and the stew's question with a step of the shakshuka's
    method ("… serve with warm flatbread"). Its heading's words are the sentence's too. (Not yet:
    "How many people does the lemon drizzle cake serve?" is still answered from its drizzle line,
    whose own words are the cake's name.)"""
    from tests.helpers import assert_short_answers, assistant_over

    assistant = assistant_over(tmp_path, {"recipes.md": RECIPES})
    assert_short_answers(
        assistant,
        [
            ("How many people does the vegan chickpea curry serve?", "4"),
            ("How many people does Grandma Rose's beef stew serve?", "6"),
        ],
    )


TRIAL = """CLINICAL TRIAL SUMMARY
Study ORV-221: Orvelimab versus placebo in adults with moderate plaque psoriasis

SPONSOR
Halvorsen Therapeutics AS, Bergen.

PRINCIPAL INVESTIGATOR
Dr. Imelda Castaneira, Riverside Dermatology Institute.

STUDY DESIGN
Phase 2, randomised, double-blind, placebo-controlled, parallel-group study conducted at 23
sites in 4 countries between February 2022 and November 2023.

RESULTS

The primary endpoint was met.
"""


@pytest.mark.unit
def test_a_plain_texts_section_titles_in_capitals():
    headings = caps_headings(TRIAL)
    assert [chain[0] for chain in headings.chains] == [
        "CLINICAL TRIAL SUMMARY",
        "SPONSOR",
        "PRINCIPAL INVESTIGATOR",
        "STUDY DESIGN",
    ]  # "RESULTS" stands over a blank line: no title of the line under it
    assert headings.above(TRIAL.index("Dr. Imelda")) == ("PRINCIPAL INVESTIGATOR",)


def test_a_line_under_a_section_title_in_capitals_is_read_with_it(tmp_path):
    """ "Who was the principal investigator?" was answered "PRINCIPAL INVESTIGATOR [1]": the
    title holds the question's words and the line under it none (a break-it helper's trial
    summary, session 50). The title's words are the line's, and the title is never quoted."""
    assistant = assistant_over(tmp_path, {"trial_summary.txt": TRIAL})
    answer = assistant.ask("Who was the principal investigator?")
    assert answer.short_answer == "Dr. Imelda Castaneira", answer.text
    assert answer.citations[0].supporting_text() == "Dr. Imelda Castaneira, Riverside Dermatology Institute."
    sponsor = assistant.ask("Who sponsored the study?")
    assert sponsor.citations[0].supporting_text() == "Halvorsen Therapeutics AS, Bergen.", sponsor.text
