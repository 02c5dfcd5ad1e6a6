"""Direct answers to comparison questions, then the two cited facts they rest on:

- which came first: "Who is older, A or B?" → "A";
- the same what: "Are A and B in the same province?" → "No." (each one's province, read by the
  reader model from its own passage with a question of its own: "What is the province of A?");
- both what: "Are A and B both American?" → "Yes." (the words after "both" in each one's passage);
- what both have: "Both A and B were released by what label?" → what each one's passage answers,
  when the two name the same thing;

Which-came-first:
Each compared entity is retrieved alone (rag/retrieve/hops.py finds the pair); its own passage
is read for its year of origin: a year in parentheses ("(born July 14, 1939)", "(1921–2004)"),
right after a word of origin ("formed in 1997", "first published in 1921") or a work's ("is a
2010 comedy film"), following a mention of the entity in its sentence. Any other year (of an
event the passage reports) says nothing of age, so it is not used. "Who died first?" reads the
year of death instead ("died in 1961", the second year of "(1905 – 1961)"). A comparison of
someone related to the two ("Which film has the director born first?") follows each one's
sentence that names the relative ("directed by Jonathan Lynn") to the relative's own page and
compares their years; when a page is missing there is no direct answer (their own years say
nothing of it). "Are the directors of A and B from the same country?" follows them the same way. The question's
direction ("older", "first" → earlier; "younger", "more recent" → later) picks the entity. The
answer is the entity as the question names it, then the sentence holding each year with its own
[n]: each claim is a quote of the passage it cites, so grounding is unchanged. When either passage is not about its entity, or
has no year, or the years tie, there is no direct answer and the reader's answer stands.

The same what: the two values are the same when the words of one (the compared noun and stop
words left out) are all in the other ("Jiangsu" and "Jiangsu province, East China"). No direct
answer when either reading is under the reader's calibrated threshold.

Both what: "Yes" when each passage holds every content word of the property (stemmed), "No" when
one does and the other does not (over each one's own passages); neither: no direct answer (the
passages may say it otherwise).

Which of the two: "Which singer is American, Mark King or Nick Hexum?" names its two possible
answers. The reader reads the two passages as one text, once in each order so that neither wins
for coming first; when both readings find the answer in the same one's passage, at the reader's
calibrated threshold, that one is the answer: "Nick Hexum — <the sentence holding the span> [1]",
then what the other's passage says to the question [2]. When the readings disagree there is no
direct answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.grounding import SupportedClaim, cited_answer
from rag.answer.reading import MAX_SHORT_WORDS, SPAN_TRIM
from rag.index.lexical import terms
from rag.reader.model import Reader
from rag.retrieve.evidence import SentenceScorer
from rag.retrieve.hops import asks_each, is_choice, offers
from rag.retrieve.links import TitleLinks
from rag.text.letters import UPPER
from rag.types import Answer, ScoredPassage

_EARLIER = re.compile(r"\b(?:older|oldest|earlier|earliest|first|sooner)\b", re.I)
_LATER = re.compile(r"\b(?:younger|youngest|later|latest|newer|newest|more recent|most recent)\b", re.I)
_YEAR = r"\b(1[0-9]{3}|20[0-9]{2})\b"
_ORIGIN = re.compile(
    r"\b(?:born|founded|formed|established|published|released|built|opened|created|launched|"
    r"incorporated|introduced|began|started|debuted)\b[^.;()]{0,40}?" + _YEAR,
    re.I,
)
_IN_PARENTHESES = re.compile(r"\([^()]{0,60}?" + _YEAR + r"[^()]{0,60}\)")
# A work's year: "Wild Target is a 2010 comedy film".
_WORK_YEAR = re.compile(r"\b(?:is|was)\s+an?\s+" + _YEAR)
# Who died first: the year of death, in words or as the second year of a life span in parentheses.
_ASKS_DEATH = re.compile(r"\b(?:died|death|passed away)\b", re.I)
_DEATH = re.compile(r"\b(?:died|death)\b[^.;()]{0,40}?" + _YEAR, re.I)
_LIFE_SPAN = re.compile(
    r"\([^()]{0,60}?\b(?:1[0-9]{3}|20[0-9]{2})\b[^()]{0,30}?[–—-][^()]{0,30}?" + _YEAR + r"[^()]{0,30}\)"
)
# The comparison is of someone related to the two ("Which film has the director born first, A
# or B?", "Whose father died first?"): their own years say nothing of it, so no direct answer.
_RELATIVES = r"(?P<rel>director|father|mother|parent|author|composer|creator|founder|producer|writer|spouse|husband|wife|son|daughter)s?"
_RELATION = re.compile(
    rf"\b(?:whose|has|had|have|with)\s+(?:the\s+|an?\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?{_RELATIVES}\b"
    rf"|\b{_RELATIVES.replace('?P<rel>', '?P<rel2>')}\s+of\b",
    re.I,
)
# The words of a sentence that names each relative: "directed by Jonathan Lynn", "written by",
# "son of". Only these relatives are followed; the others get no direct answer.
_CUES = {
    "director": ("direct",),
    "author": ("written", "wrote", "author", "novel by", "book by"),
    "writer": ("written", "wrote", "writer"),
    "composer": ("composed", "composer", "music by"),
    "producer": ("produced", "producer"),
    "founder": ("founded", "founder"),
    "creator": ("created", "creator"),
    "father": ("son of", "daughter of", "father"),
    "mother": ("son of", "daughter of", "mother"),
    "spouse": ("married", "wife", "husband", "spouse"),
    "husband": ("married", "husband"),
    "wife": ("married", "wife"),
}
# How far before its year a dated entity may be named in the same sentence ("The Exies were an
# American rock band from Los Angeles, California, formed in 1997": 72 characters).
_NAMED_WITHIN = 150
_WORD = re.compile(r"[^\W\d_]{3,}")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_COPULA = re.compile(r"\b(?:is|was|are|were)\b")
# Words every encyclopedia's first sentence may share, which say nothing the two have in common.
_SAID_OF_ALL = {"born", "known", "also", "best", "former", "current", "currently"}
# A capitalised word past a sentence's first: "American", "Buffalo" (months are dates, not kinds).
_CAPITAL_WORD = re.compile(
    r"(?<=\s)(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    rf"{UPPER}[^\W\d_]{{2,}}"
)
_QUALIFIER = re.compile(r"\(([^()]*)\)\s*$")  # "Big Hero 6 (film)"
# Capitalised words in a row, a quoted nickname allowed between them: 'Nicholas Lofton "Nick" Hexum'.
# A full stop ends the run unless it closes an initial ("E. B. White").
_NAME_RUN = re.compile(rf"{UPPER}(?:\.|[\w'’-]*)(?:\s+(?:[\"“][^\"”]{{1,30}}[\"”]\s+)?{UPPER}(?:\.|[\w'’-]*))*")
_YES_NO = re.compile(r"^(?:are|were|is|was|do|does|did|have|has|had|can|could)\b", re.I)
# "the same province", "the same type of music": the compared noun.
_SAME = re.compile(r"\bthe\s+same\s+(?:(?:type|kind|sort|form)\s+of\s+)?(?P<attr>[^\W\d_]+)", re.I)
# "Both A and B were released by what label?": what the two have in common.
# "A and B are both dog breeds developed during which century?": the same, the names first.
_SHARED = re.compile(
    r"^both\b.*\b(?:what|which|who|whom|where|when|how)\b|\b(?:are|were)\s+both\b.*\b(?:what|which|who|whom|where|when|how)\b",
    re.I,
)
# "What do A and B have in common?": what each one's own page says of it in the same words.
_IN_COMMON = re.compile(r"\bhave\s+in\s+common\b", re.I)
# "both American", "both members of a rock band": the property each one must have.
_BOTH = re.compile(r"\b(?:both|each)\s+(?P<prop>[^?]+?)\s*\??\s*$", re.I)


def kind(question: str) -> str | None:
    """ "order", "same", "both" or "choice": the comparison a question asks for, when we answer it
    directly."""
    if direction(question) is not None:
        return "order"
    if _RELATION.search(question):  # followed to the relatives' pages for these two only
        return "same" if _YES_NO.search(question.strip()) and _SAME.search(question) else None
    if not _YES_NO.search(question.strip()):
        if is_choice(question):
            return "choice"
        if _IN_COMMON.search(question):
            return "common"
        return "shared" if _SHARED.search(question.strip()) or asks_each(question) else None
    if _SAME.search(question):
        return "same"
    if _BOTH.search(question):
        return "both"
    return None


def direction(question: str) -> str | None:
    """ "earlier" or "later" when the question asks which of two came first or last."""
    early, late = bool(_EARLIER.search(question)), bool(_LATER.search(question))
    if early == late:
        return None
    return "earlier" if early else "later"


@dataclass(frozen=True)
class Dated:
    """An entity's passage and its year of origin. Invariant: the document text's [start:end],
    the sentence holding the year, lies inside the passage."""

    entity: str
    passage: ScoredPassage
    year: int
    start: int  # offsets of the sentence holding the year, in the document
    end: int


def is_about(entity: str, passage: ScoredPassage) -> bool:
    """The passage names the entity: every word of it (3+ letters) in its title or text."""
    p = passage.passage
    haystack = f"{p.title}\n{p.text}".casefold()
    words = _WORD.findall(entity.casefold())
    return bool(words) and all(w in haystack for w in words)


def dated(entity: str, passage: ScoredPassage, sentence_in, death: bool = False) -> Dated | None:
    """The entity's year of origin in its passage (of death with `death`), or None. The year must
    follow a mention of the entity in its sentence: "Harbour Lights is a 1987 film directed by
    Tomas Brenner" dates the film, not Tomas Brenner."""
    p = passage.passage
    if not is_about(entity, passage):
        return None
    patterns = (_DEATH, _LIFE_SPAN) if death else (_ORIGIN, _IN_PARENTHESES, _WORK_YEAR)
    found = [m for pattern in patterns for m in pattern.finditer(p.text) if _named_before(entity, p.text, m.start())]
    if not found:
        return None
    m = min(found, key=lambda m: m.start(1))
    a, b = sentence_in(p, p.start + m.start(1), p.start + m.end(1))
    return Dated(entity, passage, int(m.group(1)), a, b)


def _named_before(entity: str, text: str, at: int) -> bool:
    """The entity's last word (3+ letters) is in text[:at], within its sentence and _NAMED_WITHIN."""
    words = _WORD.findall(entity.casefold())
    if not words:
        return False
    window = text[max(0, at - _NAMED_WITHIN) : at]
    cut = max(window.rfind(". "), window.rfind("\n"))
    return words[-1] in window[cut + 1 :].casefold()


def compare(question: str, pair: tuple[Dated, Dated]) -> Answer | None:
    """The direct answer to a which-came-first question over two dated entities, or None."""
    way = direction(question)
    first, second = pair
    if way is None or first.year == second.year or first.passage.passage.source == second.passage.passage.source:
        return None
    winner, other = (first, second) if (first.year < second.year) == (way == "earlier") else (second, first)
    # "Is A older than B?": yes when A is the one; "Was A or B founded earlier?" offers the two.
    if _YES_NO.search(question.strip()) and not offers(question, (first.entity, second.entity)):
        found = [(d.passage, d.start, d.end) for d in (first, second)]
        return _verdict(question, "Yes" if winner is first else "No", found)
    return _led(question, winner.entity, [SupportedClaim.quoting(d.passage, d.start, d.end) for d in (winner, other)])


@dataclass(frozen=True)
class Related:
    """An entity, the sentence of its passage that names its relative ("directed by Jonathan
    Lynn"), and the relative's year. Invariant: the naming sentence lies inside `passage`."""

    entity: str
    passage: ScoredPassage
    start: int  # offsets of the naming sentence, in the document
    end: int
    relative: Dated


def _relatives(question, hits, cues, links: TitleLinks, scorer):
    """(passage, start, end of the naming sentence, the relative's document) for each title an
    entity's sentence names after a cue ("directed by Jonathan Lynn"), in order."""
    for sp in hits:
        p = sp.passage
        for a, b in scorer.sentences_in(p.source, p.start, p.end):
            text = p.text[a - p.start : b - p.start]
            if any(c in text.casefold() for c in cues):
                for source in links.named_in(text, question, p.source, limit=3):
                    yield (sp, *scorer.sentence_in(p, a, b), source)


def _relative(question, entity, hits, cues, links: TitleLinks, scorer, death: bool) -> Related | None:
    """The entity's relative, found by the title its sentence names after a cue ("directed by"),
    dated in the relative's own page; None when no such page gives a year."""
    for sp, a, b, source in _relatives(question, hits, cues, links, scorer):
        name = links.title_of(source)
        for lp in links.passages_of(source):
            if d := dated(name, ScoredPassage(lp, sp.score), scorer.sentence_in, death):
                return Related(entity, sp, a, b, d)
    return None


def _compare_related(question: str, first: Related, second: Related) -> Answer | None:
    """ "Which film has the director born first, A or B?": the entity whose relative came first,
    then for each side the sentence naming the relative and the one holding the relative's year."""
    way = direction(question)
    if way is None or first.relative.year == second.relative.year:
        return None
    if first.relative.passage.passage.source == second.relative.passage.passage.source:
        return None  # one relative of both: no order between them
    earlier = first.relative.year < second.relative.year
    winner, other = (first, second) if earlier == (way == "earlier") else (second, first)
    claims = []
    for r in (winner, other):
        claims.append(SupportedClaim.quoting(r.passage, r.start, r.end))
        claims.append(SupportedClaim.quoting(r.relative.passage, r.relative.start, r.relative.end))
    return _led(question, winner.entity, claims)


@dataclass(frozen=True)
class Compared:
    """The two entities a comparison question names, and the passages retrieved for each alone."""

    entities: tuple[str, str]
    hits: tuple[list[ScoredPassage], list[ScoredPassage]]


# Passages retrieved for each compared entity alone, and how many of the first may be about it.
RETRIEVED_PER_ENTITY = 5
OWN_AMONG = 3


def own_passages(compared: Compared, question: str) -> list[list[ScoredPassage]]:
    """Each entity's own passages among the first OWN_AMONG retrieved for it alone: those about
    it, its own page first (titled with its name, or opening with it: "Guitar World is a monthly
    magazine" before "The Guitar World According to Frank Zappa is a 1987 album"), and of two
    such pages the one whose title's qualifier the question uses ("Big Hero 6 (film)" before
    "Big Hero 6 (TV series)" when the question says "films"), which may rank lower. A passage of
    little more than the name (a page's title line, "Senet") says nothing of it."""
    asked = set(terms(question))

    def qualified(sp: ScoredPassage) -> bool:
        return bool(asked.intersection(terms(_qualifier(sp.passage.title))))

    own = []
    for e, hits in zip(compared.entities, compared.hits):
        about = [sp for sp in hits[:OWN_AMONG] if is_about(e, sp) and len(sp.passage.text.split()) > len(e.split()) + 2]
        # The page the question's qualifier names may rank lower: the name alone matches each
        # of its namesakes as well.
        about += [sp for sp in hits[OWN_AMONG:] if _own_page(e, sp) and qualified(sp)]
        own.append(sorted(about, key=lambda sp: (not _own_page(e, sp), not qualified(sp))))
    return own


def _qualifier(title: str) -> str:
    """What a title's trailing parentheses say: "film" of "Big Hero 6 (film)"."""
    m = _QUALIFIER.search(title)
    return m.group(1) if m else ""


# After a name a passage opens with: another capitalised word makes it a longer name ("Frozen
# Ever After is a ride" does not open with "Frozen"); an end of word must follow it.
_LONGER_NAME = re.compile(rf"^(?:[^\W_]|\s+(?-i:{UPPER}))")


def _own_page(entity: str, sp: ScoredPassage) -> bool:
    """The passage is of the entity's own page: titled with its name ("Frozen (2013 film)"), or
    opening with the name and not a longer one ("Guitar World is a monthly magazine")."""
    name = entity.casefold()
    title = sp.passage.title.casefold().strip()
    if title == name or title.startswith(name + " ("):
        return True
    text = sp.passage.text.lstrip(' "“')
    return text.casefold().startswith(name) and not _LONGER_NAME.match(text[len(entity) :])


def direct_answer(
    question: str, compared: Compared, reader: Reader, scorer: SentenceScorer, links: TitleLinks | None = None
) -> Answer | None:
    """The direct answer to a comparison question, or None (the usual answer then stands).
    `links`: the corpus's title links, to follow "the director of A" to the director's page."""
    way = kind(question)
    own = own_passages(compared, question)
    if way is None or not own[0] or not own[1]:
        return None
    if way == "order":
        rest = question
        for e in compared.entities:  # "Death Cab for Cutie" names a band and asks nothing of death
            rest = rest.replace(e, " ")
        death = bool(_ASKS_DEATH.search(rest))
        if relation := _RELATION.search(rest):
            rel = (relation.group("rel") or relation.group("rel2")).casefold()
            if links is None or rel not in _CUES:
                return None
            related = [
                _relative(question, e, hits, _CUES[rel], links, scorer, death)
                for e, hits in zip(compared.entities, own)
            ]
            return _compare_related(question, related[0], related[1]) if related[0] and related[1] else None
        found = [
            next((d for sp in hits if (d := dated(e, sp, scorer.sentence_in, death))), None)
            for e, hits in zip(compared.entities, own)
        ]
        return compare(question, (found[0], found[1])) if found[0] and found[1] else None
    if way == "same" and (relation := _RELATION.search(question)):
        return _same_relatives(question, relation, own, reader, scorer, links)
    if way == "choice":
        return _choice(question, compared.entities, (own[0][0], own[1][0]), reader, scorer)
    # A value is read from each one's own page when it has one: another page that names it in
    # passing ("NY 12F serves Watertown International Airport") speaks of something else.
    speaking = [[sp for sp in hits if _own_page(e, sp)] or hits for e, hits in zip(compared.entities, own)]
    if way == "same":
        return _same(question, compared.entities, speaking, reader, scorer)
    if way == "shared":
        return _shared(question, speaking, reader, scorer)
    if way == "common":
        return _in_common(question, compared.entities, speaking, scorer, links)
    return _both(question, speaking, scorer)


def _shared(question, own, reader: Reader, scorer) -> Answer | None:
    """What both have: each one's own passages read with the question; when both readings reach
    the threshold and name the same thing (half the words of each in common: "Walt Disney
    Pictures", "Walt Disney Productions"), that is the answer, each side's sentence cited."""
    found = []
    for hits in own:
        readings = reader.read_many([(question, sp.passage.text) for sp in hits])
        best = max(range(len(hits)), key=lambda i: readings[i].probability)
        r = readings[best]
        if r.span is None or r.probability < reader.threshold:
            return None
        p = hits[best].passage
        found.append((hits[best], p.text[r.span.start : r.span.end].strip(SPAN_TRIM), r))
    (a, va, ra), (b, vb, rb) = found
    ta, tb = set(terms(va)), set(terms(vb))
    common = ta & tb
    if a.passage.source == b.passage.source or not common or 2 * len(common) < max(len(ta), len(tb)):
        return None
    claims = []
    for sp, _, r in found:
        p = sp.passage
        claims.append(SupportedClaim.quoting(sp, *scorer.sentence_in(p, p.start + r.span.start, p.start + r.span.end)))
    return _led(question, min((va, vb), key=len), claims, min(ra.probability, rb.probability))


def _in_common(question: str, entities, own, scorer: SentenceScorer, links: TitleLinks | None) -> Answer | None:
    """ "What do E. B. White and Dan Masterson have in common?": the capitalised words (a
    nationality, a place, an employer) that both first sentences of their own pages share and
    the question does not name, in the order the first one gives them: "American", each side's
    sentence cited; with none, the other words they share ("film director"). None when they
    share none, or both are quoted from one page."""
    firsts = []
    for hits in own:
        sp = hits[0]
        # The page's lead sentence says what it is about, wherever retrieval landed in it.
        page = links.passages_of(sp.passage.source) if links is not None else []
        if page:
            sp = ScoredPassage(min(page, key=lambda p: p.start), sp.score)
        p = sp.passage
        spans = scorer.sentences_in(p.source, p.start, p.end)
        if not spans:
            return None
        # The lead sentence to its verb, over the cuts Punkt makes after initials ('Elwyn Brooks
        # "E. B." | White | (July 11, 1899 – October 1, 1985) was an American writer.').
        end = next((b for _, b in spans if _COPULA.search(p.text[spans[0][0] - p.start : b - p.start])), spans[0][1])
        firsts.append((sp, spans[0][0], end))
    (a, sa, ea), (b, sb, eb) = firsts
    if a.passage.source == b.passage.source:
        return None
    asked = {w.casefold() for w in _WORD.findall(" ".join([question, *entities]))}
    text_a = a.passage.text[sa - a.passage.start : ea - a.passage.start]
    text_b = b.passage.text[sb - b.passage.start : eb - b.passage.start]
    in_b = {w.casefold() for w in _CAPITAL_WORD.findall(text_b)}
    common = []
    for w in _CAPITAL_WORD.findall(text_a):
        if w.casefold() in in_b and w.casefold() not in asked and w not in common:
            common.append(w)
    if not common:  # no name in common: the words that say what both are ("film director")
        stems_b, asked_stems = set(terms(text_b)), set(terms(" ".join([question, *entities])))
        for w in _LOWER_WORD.findall(text_a):
            stem = terms(w)
            if stem and stem[0] in stems_b and stem[0] not in asked_stems and w not in common and w not in _SAID_OF_ALL:
                common.append(w)
    if not common:
        return None
    claims = [SupportedClaim.quoting(sp, s, e) for sp, s, e in firsts]
    return _led(question, " ".join(common), claims)


def _choice(question, entities, sides: tuple[ScoredPassage, ScoredPassage], reader: Reader, scorer) -> Answer | None:
    if sides[0].passage.source == sides[1].passage.source:
        return None
    orders = [(0, 1), (1, 0)]
    joined = [sides[i].passage.text + "\n" + sides[j].passage.text for i, j in orders]
    readings = reader.read_many([(question, text) for text in joined])
    found = []  # (side, start, end) of each reading's span, in that side's passage text
    for (i, j), r in zip(orders, readings):
        if r.span is None or r.probability < reader.threshold:
            return None
        cut = len(sides[i].passage.text) + 1
        if r.span.end < cut:
            found.append((i, r.span.start, r.span.end))
        elif r.span.start >= cut:
            found.append((j, r.span.start - cut, r.span.end - cut))
        else:  # across the two texts: no answer in either
            return None
    if found[0][0] != found[1][0]:
        return None
    win, a, b = found[0]
    winner, other = sides[win], sides[1 - win]
    w, o = winner.passage, other.passage
    claims = [SupportedClaim.quoting(winner, *scorer.sentence_in(w, w.start + a, w.start + b))]
    (alone,) = reader.read_many([(question, o.text)])  # what the other's passage says to the question
    if alone.span is not None:
        claims.append(
            SupportedClaim.quoting(other, *scorer.sentence_in(o, o.start + alone.span.start, o.start + alone.span.end))
        )
    elif spans := scorer.sentences_in(o.source, o.start, o.end):
        claims.append(SupportedClaim.quoting(other, *spans[0]))
    return _led(question, full_name(entities[win], w.text), claims, min(r.probability for r in readings))


def full_name(entity: str, text: str) -> str:
    """The first run of capitalised words in `text` (a quoted nickname allowed inside) that holds
    every word of `entity`: the name as the document gives it in full ("Richard David Bach" for
    "Richard Bach", 'Nicholas Lofton "Nick" Hexum' for "Nick Hexum"); else `entity` as the question
    wrote it."""
    words = set(_WORD.findall(entity.casefold()))
    for m in _NAME_RUN.finditer(text):
        name = m.group(0)
        if words and words <= set(_WORD.findall(name.casefold())) and len(name.split()) <= MAX_SHORT_WORDS:
            return name
    return entity


def _led(question: str, short: str, claims: list[SupportedClaim], confidence: float | None = None) -> Answer:
    """The cited answer to `claims`, the first led by the short answer ("Sid Haig — ...")."""
    claims = [claims[0].led_by(short), *claims[1:]]
    answer = cited_answer(question, claims)
    answer.short_answer = short
    if confidence is not None:
        answer.confidence = confidence
    return answer


def _same_relatives(question, relation, own, reader: Reader, scorer, links: TitleLinks | None) -> Answer | None:
    """ "Are the directors of A and B from the same country?": each one's relative, followed to
    the relative's page, read there; the verdict cites, for each side, the sentence naming the
    relative and the one holding the value."""
    rel = (relation.group("rel") or relation.group("rel2")).casefold()
    if links is None or rel not in _CUES:
        return None
    names, pages, naming = [], [], []
    for hits in own:
        found = next(_relatives(question, hits, _CUES[rel], links, scorer), None)
        if found is None:
            return None
        sp, a, b, source = found
        names.append(links.title_of(source))
        pages.append([ScoredPassage(lp, sp.score) for lp in links.passages_of(source)][:3])
        naming.append(SupportedClaim.quoting(sp, a, b))
    if names[0] == names[1]:
        return None  # one relative of both: the same by definition, and nothing to read
    same = _same_found(question, tuple(names), pages, reader, scorer)
    if same is None:
        return None
    verdict, found, probability = same
    claims = []
    for named, (sp, a, b) in zip(naming, found):
        claims += [named, SupportedClaim.quoting(sp, a, b)]
    answer = cited_answer(question, claims)
    answer.text = f"{verdict}. {answer.text}"
    answer.short_answer = verdict
    answer.confidence = probability
    return answer


def _same(question, entities, own, reader: Reader, scorer: SentenceScorer) -> Answer | None:
    same = _same_found(question, entities, own, reader, scorer)
    if same is None:
        return None
    verdict, found, probability = same
    answer = _verdict(question, verdict, found)
    answer.confidence = probability  # the verdict is as sure as the less sure of its two readings
    return answer


# What the reader may read as a place whose last part is the thing compared, and the rest of a
# place named "City, Country" after the part the reader marked.
_NAMED_LAST = {"country", "nation"}
_PLACE_GOES_ON = re.compile(rf"(?:,\s+{UPPER}[\w'’-]*(?:\s+{UPPER}[\w'’-]*)*)+")


def _same_found(question, entities, own, reader: Reader, scorer: SentenceScorer):
    """("Yes" or "No", each side's (passage, start, end) of the sentence holding its value, the
    lower of the two readings' probabilities), or None."""
    attr = _SAME.search(question).group("attr")
    named_last = attr.casefold() in _NAMED_LAST
    found, probability = [], 1.0
    for entity, hits in zip(entities, own):
        if not hits:
            return None
        readings = reader.read_many([(f"What is the {attr} of {entity}?", sp.passage.text) for sp in hits])
        best = max(range(len(hits)), key=lambda i: readings[i].probability)
        r = readings[best]
        if r.span is None or r.probability < reader.threshold:
            return None
        p = hits[best].passage
        value = p.text[r.span.start : r.span.end]
        if named_last and (more := _PLACE_GOES_ON.match(p.text, r.span.end)):
            value += more.group(0)  # "Ostwyn" read for the country in "in Ostwyn, Darrowmere."
        probability = min(probability, r.probability)
        found.append((hits[best], value, *scorer.sentence_in(p, p.start + r.span.start, p.start + r.span.end)))
    (a, va, *_), (b, vb, *_) = found
    if a.passage.source == b.passage.source:
        return None
    if named_last:
        # "Ostwyn, Darrowmere" and "the city of Haldrick, Darrowmere": a place read for its
        # country names the country last ("Paris, Texas" is not in France).
        va, vb = (v.rsplit(",", 1)[-1] for v in (va, vb))
    ka, kb = (set(terms(v)) - set(terms(attr)) for v in (va, vb))
    if not ka or not kb:
        return None
    verdict = "Yes" if ka <= kb or kb <= ka else "No"
    return verdict, [(sp, s, e) for sp, _, s, e in found], probability


def _both(question, own, scorer: SentenceScorer) -> Answer | None:
    prop = set(terms(_BOTH.search(question).group("prop")))
    if not prop:
        return None
    found, has = [], []
    for hits in own:
        # The sentence of its own passages holding most of the property's words (the first one on
        # a tie); it has the property when one of those passages holds all of them.
        best, best_hits = None, -1
        for sp in hits:
            p = sp.passage
            for a, b in scorer.sentences_in(p.source, p.start, p.end):
                n = len(prop & set(terms(p.text[a - p.start : b - p.start])))
                if n > best_hits:
                    best, best_hits = (sp, a, b), n
        if best is None:  # no indexed sentence in its passages: nothing to quote
            return None
        found.append(best)
        has.append(any(prop <= set(terms(sp.passage.text)) for sp in hits))
    if found[0][0].passage.source == found[1][0].passage.source or not any(has):
        return None
    return _verdict(question, "Yes" if all(has) else "No", found)


def _verdict(question: str, verdict: str, found: list[tuple[ScoredPassage, int, int]]) -> Answer:
    """ "No." then each side's sentence with its own [n]. The verdict is a sentence of its own with
    no marker: it is drawn from both passages and quoted from neither, so it cites nothing, and
    every marker still follows a quote of the passage it points at."""
    answer = cited_answer(question, [SupportedClaim.quoting(sp, a, b) for sp, a, b in found])
    answer.text = f"{verdict}. {answer.text}"
    answer.short_answer = verdict
    return answer
