"""The second hop: questions whose answer needs a fact from one passage to find another.

"Which country is the director of film X from?" — the first hop finds the film's passage, whose
answer is the director (the bridge); the country is in the director's own passage, which the
question's words alone rarely retrieve. "Who is older, A or B?" needs A's passage and B's.

What we do, chosen for two CPU cores and no LLM (multi-hop dense retrieval and IRCoT reformulate
the query with what the first hop read; IRCoT and HippoRAG need an LLM or an entity graph built
with one, so we keep their idea — retrieve again with the first hop's bridge entity — and drop
the generation):
- bridge: retrieve again with the question plus the first hop's short answer and the title of
  its document (the bridge entity and where it was found);
- comparison ("A or B", "both A and B"): retrieve once for each compared entity alone;
then the reader reads the new candidates with the original question. When the linked hop's
reader marks the bridge itself, the bridge's page is also read with DecompRC's sub-question: the
question with its words for the bridge replaced by the bridge's name (`substituted`). A hop that
brings no passage the reader prefers adds nothing, and the answer stays the first hop's. One
extra hop at most: the latency budget is one extra retrieval and one more read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.index.lexical import STOP, words
from rag.text.letters import UPPER

# "A or B" at the end of a question: "Who is older, Ken Salazar or Marcelo Ebrard?"
_OR_PAIR = re.compile(r"(?:,|:|\bbetween)\s*(?P<a>[^,?]+?)\s+(?:or|and)\s+(?P<b>[^,?]+?)\s*\??$", re.I)
# "Of the architects A and B, who died earlier?": what opens the pair after the kind of the two.
_OF_THE_KIND = r"of\s+the\s+(?:two\s+)?(?-i:[a-z]+)"
# "Between A and B, which ...?", "Of the architects A and B, who died earlier?"
_BETWEEN = re.compile(
    r"^(?:between\s+(?P<a>[^,?]+?)\s+and\s+(?P<b>[^,?]+?)\s*,"
    rf"|{_OF_THE_KIND}\s+(?P<a2>[^,?]+?)\s+and\s+(?P<b2>[^,?]+?)\s*,\s*(?:which|who|whom|what)\b)",
    re.I,
)
# "Was the Harbour Party or the Civic Restoration League founded earlier?": a yes/no opening,
# each name running to the first lower-case word after it (with a comparative: _COMPARATIVE).
_OR_FIRST = re.compile(
    r"^(?:is|was|are|were|did|does|do|has|have|had)\s+(?:the\s+)?(?P<a>(?-i:[A-Z0-9])[^,?]*?)\s+or\s+"
    r"(?:the\s+)?(?P<b>(?-i:[A-Z0-9])[^,?]*?)(?=\s+(?-i:[a-z]))",
    re.I,
)
# "Both Never Cry Wolf and Big Hero 6 films were released by what label?": each name runs to the
# first lower-case word after it.
_BOTH_FIRST = re.compile(
    r"^both\s+(?:the\s+)?(?P<a>(?-i:[A-Z0-9])[^,?]*?)\s+and\s+(?:the\s+)?(?P<b>(?-i:[A-Z0-9])[^,?]*?)"
    r"(?=\s+(?-i:[a-z])|\s*,)",
    re.I,
)
# Typed without the comma: "Who is older Ken Salazar or Marcelo Ebrard?"
_RIGHT_AFTER = re.compile(
    r"\b(?:older|oldest|younger|youngest|earlier|earliest|first|later|latest|newer|newest)\s+"
    r"(?P<a>(?-i:[A-Z0-9])[^,?]*?)\s+or\s+(?P<b>[^,?]+?)\s*\??$",
    re.I,
)
# "Are A and B both ...", "Were A and B of the same ...", "Do A and B share the same ...?"
_BOTH = re.compile(
    r"^(?:are|were|is|was|do|does|did|have|has)\s+(?:the\s+)?(?P<a>.+?)\s+and\s+(?:the\s+)?(?P<b>.+?)\s+"
    r"(?:both|each|the same|from the same|of the same|located|situated|based|in the same|considered|"
    r"(?:share|shared|have|had)\s+the same)\b",
    re.I,
)
# A name: capitalised words (or numbers), with "of", "the", "for" ... between them ("Bank of
# the West"), never a lower-case word of a sentence ("The caravan reached Tijuana").
_NAME = r"(?-i:[A-Z0-9][^\s,.?]*(?:\s+(?:(?:of|the|for|de|la|du|von|van)\s+)*[A-Z0-9][^\s,.?]*)*)"
# "A and B are both ...", with an apposition after either name: "The Blue Lacy, official breed of
# Texas, and Chesapeake Bay Retriever, are both dog breeds developed during which century?"
_SUBJECTS_BOTH = re.compile(
    rf"^(?:the\s+)?(?P<a>{_NAME})(?:,\s*[^,?]+?,)?\s+and\s+(?:the\s+)?(?P<b>{_NAME})(?:,\s*[^,?]+?)?,?\s+"
    r"(?:are|were)\s+both\b",
    re.I,
)
# The pair named in a sentence before the question, which asks for one of them: "A and B were
# founded in the 1950s. Which was the first to serve pizza?"
_NAMED_BEFORE = re.compile(
    rf"^(?:the\s+)?(?P<a>{_NAME})\s+and\s+(?:the\s+)?(?P<b>{_NAME})\s+(?=(?-i:[a-z]))[^?]*?[.;]\s+"
    r"(?:which|who)(?:\s+(?:one|of\s+(?:them|the\s+two)))?\s+(?:is|was|are|were|has|had|did|does)\b[^?.]*\?$",
    re.I,
)
# "What role did A and B perform in their respective bands?", "What do A and B have in common?":
# a wh-question on what the two named after its verb each have.
_RESPECTIVE = re.compile(
    r"^(?:what|which|who|whom|where|when|how)\b[^?]*?\b(?:did|do|does|are|were|is|was|have|has|had)\s+"
    r"(?P<a>(?-i:[A-Z0-9])[^,?]*?)\s+and\s+(?P<b>(?-i:[A-Z0-9])[^,?]*?)\s+(?=(?-i:[a-z]))"
    r"[^?]*\b(?:respective|respectively|in common|share|shared)\b",
    re.I,
)
# "Is A older than B?", "Was A released earlier than B?": a yes/no question on their order.
_THAN = re.compile(
    r"^(?:is|was|are|were|did|does|do)\s+(?:(?-i:the)\s+)?(?P<a>(?-i:[A-Z0-9])[^?]*?)\s+(?:(?-i:[a-z])\w*\s+)?"
    r"(?:older|younger|earlier|later|newer)\s+than\s+(?:(?-i:the)\s+)?(?P<b>(?-i:[A-Z0-9])[^?]*?)\s*\??$",
    re.I,
)
_COMPARATIVE = re.compile(
    r"\b(?:older|younger|earlier|later|first|longer|shorter|larger|smaller|bigger|higher|lower|more|fewer|less|"
    r"taller|closer|farther|further|same|both|either|"
    r"oldest|youngest|earliest|latest|longest|shortest|largest|smallest|biggest|highest|lowest|most|least|"
    r"tallest|closest|newer|newest)\b",
    re.I,
)
# "the directors of Grey Morning and Harbour Lights": the films are what is compared (through
# their directors, rag/answer/comparison.py).
_OF_RELATIVE = re.compile(
    r"^(?:the\s+)?(?:director|father|mother|parent|author|composer|creator|founder|producer|writer|spouse|husband|wife)s?"
    r"\s+of\s+(?:the\s+)?(?:(?:films?|movies?|books?|novels?|albums?|songs?)\s+)?",
    re.I,
)
# "the Pterocarya" names "Pterocarya"; a capital "The" is part of the name ("The Exies").
_THE = re.compile(rf"^the\s+(?={UPPER})")
# A question that offers its two answers: "Which singer is American, Mark King or Nick Hexum?",
# "Between Iain Banks and Irwin Shaw, which writer ...?"
_CHOICE = re.compile(
    r"^(?:which|who|whom|whose|what)\b[^?]*?,\s*[^,?]+?\s+or\s+[^,?]+?\s*\??$"
    r"|^between\s+[^,?]+?\s+and\s+[^,?]+?,\s*(?:which|who|whom|whose|what)\b",
    re.I,
)


def asks_each(question: str) -> bool:
    """A wh-question on what two named things each have ("…in their respective bands?", "What
    do A and B have in common?")."""
    return bool(_RESPECTIVE.search(question.strip()))


def is_choice(question: str) -> bool:
    """A wh-question whose answer is one of the two things it names."""
    q = question.strip()
    return bool(_CHOICE.search(q) or _NAMED_BEFORE.search(q))


def offers(question: str, pair: tuple[str, str]) -> bool:
    """The question offers the pair as its possible answers: "A or B", "Between A and B, which",
    "Of the architects A and B, who",
    "A and B were founded in the 1950s. Which was the first ...?" (not "A and B" alone, which
    compares or joins them)."""
    a, b = (re.escape(x) for x in pair)
    return bool(
        re.search(rf"{a}\W+or\s+(?:the\s+)?{b}", question, re.I)
        or re.search(
            rf"^(?:between|{_OF_THE_KIND})\s+(?:the\s+)?{a}\s+and\s+(?:the\s+)?{b}\s*,",
            question.strip(),
            re.I,
        )
        or (_NAMED_BEFORE.search(question.strip()) is not None and compared_entities(question) == pair)
    )


@dataclass(frozen=True)
class HopPlan:
    """The extra queries of a second hop, and why. Empty queries: no second hop."""

    kind: str  # "bridge", "comparison" or "none"
    queries: tuple[str, ...] = ()


def compared_entities(question: str) -> tuple[str, str] | None:
    """The two things a comparison question compares, or None."""
    q = question.strip()
    m = (
        _BOTH.search(q)
        or _BETWEEN.search(q)
        or _BOTH_FIRST.search(q)
        or _SUBJECTS_BOTH.search(q)
        or _NAMED_BEFORE.search(q)
        or _THAN.search(q)
        or _RESPECTIVE.search(q)
    )
    if m is None and (_COMPARATIVE.search(q) or is_choice(q)):
        m = _OR_PAIR.search(q) or _RIGHT_AFTER.search(q) or _OR_FIRST.search(q)
    if m is None:
        return None
    named = m.groupdict()
    pair = (named["a"], named["b"]) if named["a"] is not None else (named["a2"], named["b2"])
    a, b = (_THE.sub("", _OF_RELATIVE.sub("", _name_only(x.strip(" \"'“”")))) for x in pair)
    if not a or not b or len(a) > 80 or len(b) > 80:
        return None
    return a, b


def _name_only(side: str) -> str:
    """A compared side without the lower-case words before its name: "film Salt in the Orchard"
    (from "Do the film Salt in the Orchard and the band The Glass Herons come from the same
    country?") -> "Salt in the Orchard". A side of lower-case words only ("the oak") stays as it
    is; so does a kind before the name that _OF_RELATIVE reads ("the director of X"). Lower-case
    words after a name may be its own ("the Harrow lamp") or the question's ("Tidewatch come
    out"): grammar cannot tell, the corpus's titles can (QueryPath._compared)."""
    if _OF_RELATIVE.match(side):
        return side
    tokens = side.split()
    first = next((i for i, w in enumerate(tokens) if not w[0].islower()), None)
    return " ".join(tokens[first:]) if first is not None else side


def plan(question: str, bridge: str, bridge_title: str) -> HopPlan:
    """What to retrieve in the second hop. `bridge` is the first hop's short answer and
    `bridge_title` the title of the document it came from."""
    pair = compared_entities(question)
    if pair:
        return HopPlan("comparison", pair)
    extra = " ".join(x for x in (bridge, bridge_title) if x and x.casefold() not in question.casefold())
    if not extra.strip():
        return HopPlan("none")
    return HopPlan("bridge", (f"{question} {extra}",))


_TOKEN = re.compile(r"[^\W_]+")
_DETERMINERS = {"the", "a", "an"}
# "Kate Ramsay is a fictional character from ...": after a copula the words describe the
# question's subject, not a bridge.
_COPULAS = {"is", "was", "are", "were", "be", "been", "being"}
_QUESTION_WORDS = {"who", "whom", "whose", "what", "which", "where", "when", "why", "how"}
# "What is" + the whole description: the question asks what the description names.
_DEFINITION = re.compile(r"^\s*(?:what|who|which)\s+(?:is|was|are|were)\s*$", re.I)
# Words that tie a description's head to what it is described by: "the director OF Silver
# Harbour", "the band THAT released Northern Lines", "the engineer WHO designed Harlow Bridge".
_TIES = {"of", "that", "who", "whom", "whose", "which", "by", "from", "for", "with", "behind"}
# Words between the determiner and its tie: "the record label that", "the lead singer of".
_MAX_HEAD_WORDS = 3


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _tie(tokens: list[tuple[str, int, int]], d: int, limit: int) -> int | None:
    """When tokens[d] opens a description (a determiner, not after a copula): the position in
    tokens[d + 1 : limit] of the tie that ends its head of one to three words; else None."""
    if tokens[d][0].casefold() not in _DETERMINERS or _predicate(tokens, d):
        return None
    words = [w.casefold() for w, _, _ in tokens[d + 1 : limit]]
    tie = next((i for i, w in enumerate(words) if w in _TIES), None)
    return tie if tie and tie <= _MAX_HEAD_WORDS else None


def substituted(question: str, naming: str, bridge: str, title: str = "") -> str | None:
    """The sub-question of `substitution`, or None."""
    found = substitution(question, naming, bridge, title)
    return found[0] if found else None


def substitution(question: str, naming: str, bridge: str, title: str = "") -> tuple[str, tuple[str, ...]] | None:
    """The question with the words that describe the bridge replaced by its name: DecompRC's
    bridging sub-question (Min et al., 2019), made without a model. "Who is the mother of the
    director of Silver Harbour?", named in "Silver Harbour is a 1987 film directed by Karin
    Holm" -> "Who is the mother of Karin Holm?", which the bridge's own page can answer; read
    with the whole question, it holds the reader to the film (p 0.07 against 0.92).

    The description runs from a determiner, through a head of at most three words and a tie
    ("of", "that", "who", ...), to the end of the last name the question shares with the
    sentence that names the bridge (`naming`) or with its document's title (`title`: "It was
    designed by the engineer Thomas Pell" is Harlow Bridge's). None when the question names the
    bridge itself or no such description is found. With the sub-question, the head words of the
    description it replaced ("director")."""
    if not bridge or bridge.casefold() in question.casefold():
        return None
    tokens = _tokens(question)
    end_name = _last_shared_name(tokens, [w for w, _, _ in _tokens(naming)], [w for w, _, _ in _tokens(title)])
    if end_name is None:
        return None
    start_name, end = end_name
    for d in range(start_name - 2, -1, -1):
        tie = _tie(tokens, d, start_name)
        if tie is None:
            continue
        before, after = question[: tokens[d][1]], question[tokens[end][2] :]
        if _DEFINITION.match(before) and not after.strip(" ?.!"):
            return None  # "What is an American company that ...?" asks for the bridge itself
        return before + bridge + after, tuple(w.casefold() for w, _, _ in tokens[d + 1 : d + 1 + tie])
    return None


# Words between a description's tie and the name it ends in: "the director of film X".
_MAX_GAP_WORDS = 2


def innermost_description(question: str, names: list[str]) -> tuple[int, int, str] | None:
    """(start, end, name) of the innermost description in the question that ends in one of
    `names` (titles of documents): a determiner, a head of at most three words, a tie, at most
    two more words, the name. "Where was the wife of the author of The Glass Orchard born?" ->
    "the author of The Glass Orchard". The rightmost name wins, then the nearest determiner
    before it. None when there is none."""
    tokens = _tokens(question)
    ends = []
    for name in names:
        at = question.find(name)
        if at > 0:
            first = next((i for i, (_, a, _) in enumerate(tokens) if a >= at), None)
            last = max((i for i, (_, _, b) in enumerate(tokens) if b <= at + len(name)), default=None)
            if first is not None and last is not None and last >= first:
                ends.append((first, last, name))
    for first, last, name in sorted(ends, key=lambda e: -e[1]):
        for d in range(first - 2, -1, -1):
            if tokens[d][0].casefold() not in _DETERMINERS or _predicate(tokens, d):
                continue
            tie = _tie(tokens, d, first)
            if tie is not None and first - (d + 1) - tie - 1 <= _MAX_GAP_WORDS:
                return tokens[d][1], tokens[last][2], name
            break  # only the nearest determiner describes what the name is tied to
    return None


def is_definition(question: str, start: int, end: int) -> bool:
    """The question asks what the description at [start, end) names: "Who is the mother of Karin
    Holm?"."""
    return bool(_DEFINITION.match(question[:start])) and not question[end:].strip(" ?.!")


def description_head(question: str) -> tuple[str, ...]:
    """The head words of the question's last description of something by its relation ("Where
    is the producer of Northern Lines from?" -> ("producer",); "Who is the mother of the director
    of Silver Harbour?" -> ("director",)): a determiner, at most three words, a tie. () when
    there is none."""
    tokens = _tokens(question)
    for d in range(len(tokens) - 2, -1, -1):
        tie = _tie(tokens, d, d + 2 + _MAX_HEAD_WORDS)
        if tie is not None:
            return tuple(w.casefold() for w, _, _ in tokens[d + 1 : d + 1 + tie])
    return ()


def relates(head: tuple[str, ...], sentence: str) -> bool:
    """The sentence says the relation the head words name: a word of it is a head word or shares
    its first five letters with one ("produced" for "producer", "directed" for "director")."""
    said = {m.group(0).casefold() for m in _TOKEN.finditer(sentence)}
    return any(w == h or (len(h) >= 5 and len(w) >= 5 and w[:5] == h[:5]) for h in head for w in said)


def _predicate(tokens: list[tuple[str, int, int]], d: int) -> bool:
    """The determiner at d follows a copula that no question word comes before: "Kate Ramsay is
    a ..." (describes the subject), not "Where was the engineer who ...", "On which island is
    the film ..."."""
    return (
        d > 0
        and tokens[d - 1][0].casefold() in _COPULAS
        and not any(w.casefold() in _QUESTION_WORDS for w, _, _ in tokens[: d - 1])
    )


def _last_shared_name(tokens: list[tuple[str, int, int]], said: list[str], whole: list[str]) -> tuple[int, int] | None:
    """(first, last) token index of the last run of question words, from a capitalised word or
    a number (not the question's first word), that the naming sentence (`said`) has word for
    word, or that is the whole title (`whole`: a first name the title shares, "Edward" of
    "Edward Stafford, 4th Baron Stafford" in "Edward Stanley", is no mention of the page)."""
    best = None
    n = len(tokens)
    i = 1
    while i < n:
        longest = 0
        for j in range(len(said)):
            k = 0
            while i + k < n and j + k < len(said) and tokens[i + k][0] == said[j + k]:
                k += 1
            longest = max(longest, k)
        if whole and [w for w, _, _ in tokens[i : i + len(whole)]] == whole:
            longest = max(longest, len(whole))
        named = [i + k for k in range(longest) if tokens[i + k][0][0].isupper() or tokens[i + k][0][0].isdigit()]
        if named:
            best = (named[0], i + longest - 1)
            i += longest
        else:
            i += 1
    return best


# A question that copies this many content words in a row from a sentence quotes it: it describes
# something in the sentence's words ("... is an American company that designs, manufactures, and
# distributes ..."), as a bridge question describes the thing it then asks about.
QUOTED_WORDS = 4


def quotes(question: str, sentence: str) -> bool:
    """The question copies QUOTED_WORDS or more content words in a row from `sentence` (stop words
    in the run are copied too but not counted). Such a sentence is where the question's own
    description came from; the thing it names there is the bridge, not the answer."""
    q = [w.lower() for w in words(question)]
    s = [w.lower() for w in words(sentence)]
    # previous[j]: content words in the common run that ends just before the question's word and
    # at the sentence's word j (longest common run, counted in content words)
    previous = [0] * (len(s) + 1)
    for qw in q:
        current = [0] * (len(s) + 1)
        for j, sw in enumerate(s, 1):
            if qw == sw:
                current[j] = previous[j - 1] + (qw not in STOP)
                if current[j] >= QUOTED_WORDS:
                    return True
        previous = current
    return False


# Words a description's quoted run may end in that tie it to more of it, or that begin what the
# question says of it: "the opera house that opened in 1911 in Tamsbury was" ends at "Tamsbury".
_RUN_TAIL = STOP | _TIES | _DETERMINERS | _COPULAS
# After the quoted run, a relative word says the description goes on in words the sentence does
# not have ("the Orlasian trade unionist and politician who [led the dockers' union]").
_GOES_ON = {"that", "who", "whom", "whose", "which"}
# The relative words that open a clause describing something: "a firm that ...", "The aviator who".
_RELATIVE = _GOES_ON - {"whom"}
# Words a quoted run may hold that the sentence need not have.
_GLUE = STOP | _GOES_ON | _COPULAS


def described_subject(question: str, sentence: str, title: str) -> str | None:
    """The question with its description of a page's subject, quoted from that page's `sentence`,
    replaced by the page's title: "The opera house that opened in 1911 on the south bank of the
    River Quell in Tamsbury was designed by ..." with "The Quellside Opera House is an opera house
    that opened in 1911 on the south bank of the River Quell in Tamsbury, Orlasia." ->
    "Quellside Opera House was designed by ...". A bridge question may describe its bridge in the
    words of the bridge's page (eval/probes/multihop3 is written that way), so retrieval finds that
    page and its sentence first: the sentence names the bridge, it does not answer.

    The description is the question's longest run of words the sentence has, stop and relative
    words between them (at least QUOTED_WORDS content words), from the determiner that opens it.
    None when the sentence does not open with the title (it is not the page's description of its
    subject: a question that copies "Andrew Rudman, director of the Mexico Institute at the Wilson
    Center, said ..." asks of that sentence), the question names the title, no such run opens
    with a determiner, or the description goes on past the run."""
    if not title or title.casefold() in question.casefold() or not opens_with(sentence, title):
        return None
    q = _tokens(question)
    said = {w.casefold() for w, _, _ in _tokens(sentence)}
    best: tuple[int, int, int] | None = None  # (first, end, content words) of the longest run
    i = 0
    while i < len(q):
        j = i
        # Stop and relative words join the run whether or not the sentence has them: "the ...
        # director and screenwriter who was born on 4 June 1951" describes "Torvald Henning (born
        # 4 June 1951 in Brask) is an Esklandic film director and screenwriter."
        while j < len(q) and (q[j][0].casefold() in said or (j > i and q[j][0].casefold() in _GLUE)):
            j += 1
        content = sum(w.casefold() not in _GLUE for w, _, _ in q[i:j])
        if content >= QUOTED_WORDS and (best is None or content > best[2]):
            best = (i, j, content)
        i = max(j, i + 1)
    if best is None:
        return None
    first, end, _ = best
    while end > first and q[end - 1][0].casefold() in _RUN_TAIL:
        end -= 1
    if end < len(q) and q[end][0].casefold() in _GOES_ON:
        return None
    if first > 0 and q[first - 1][0].casefold() in _DETERMINERS:
        first -= 1
    elif _opens_relative(q, first):
        first = 0  # "The aviator who [was the first woman to hold ...]": from the question's start
    elif q[first][0].casefold() not in _DETERMINERS:
        return None
    return question[: q[first][1]] + title + question[q[end - 1][2] :]


# Words before a quoted run that a relative word ties to it, from the question's first word: "The
# district of the city of Kestlebridge that [was laid out in the 1880s ...]".
_MAX_RELATIVE_HEAD = 7


def _opens_relative(q: list[tuple[str, int, int]], first: int) -> bool:
    """The quoted run at `first` is a relative clause of the question's opening words: a
    determiner first, then at most _MAX_RELATIVE_HEAD words with no question word, then "who",
    "that" or "which"."""
    return (
        2 <= first <= _MAX_RELATIVE_HEAD + 1
        and q[0][0].casefold() in _DETERMINERS
        and q[first - 1][0].casefold() in _RELATIVE - {"whose"}
        and not any(w.casefold() in _QUESTION_WORDS for w, _, _ in q[1 : first - 1])
    )


def said_of(sentence: str, title: str) -> str:
    """The sentence with a pronoun that opens it read as the page's title: "She was the first
    woman to hold ..." on Marta Quoyle's page -> "Marta Quoyle was the first woman to hold ...".
    An encyclopedia page's sentences that open with "He", "She", "It" or "They" speak of its
    subject. Unchanged otherwise."""
    m = _SUBJECT_PRONOUN.match(sentence)
    return f"{title}{sentence[m.end() :]}" if m and title else sentence


_SUBJECT_PRONOUN = re.compile(r"(?:He|She|It|They)(?=\s)")


def opens_with(sentence: str, title: str) -> bool:
    """The sentence begins with the title, after an optional "The": "The Quellside Opera House is
    an opera house ...", "Horace Mabley (1821 – 1897) was ..." (how a page describes its subject)."""
    words = [w.casefold() for w, _, _ in _tokens(sentence)]
    named = [w.casefold() for w, _, _ in _tokens(title)]
    if words[:1] == ["the"] and named[:1] != ["the"]:
        words = words[1:]
    return bool(named) and words[: len(named)] == named


# What opens the clause that describes a bridge after "a <head>": a relative word (_RELATIVE: "a
# firm that was established in what year") or a past participle ("an architect born in which town").
_PARTICIPLE = re.compile(r"[a-z]{2,}ed|born|built|known|made|held|led|run|set|won|written|laid|begun|grown|shown|sold")
# ... or where it lies: "a city at the mouth of which river", "a town on which river".
_LOCATIVE = {"at", "on", "in", "near", "beside", "along"}


@dataclass(frozen=True)
class RelativeBridge:
    """A bridge described by an indefinite head and a clause that holds the question word:
    "Quellside Opera House was designed by an architect born in which town?" is `asked_of`
    "Quellside Opera House was designed by", `head` "architect", `clause` "born in which town",
    `joint` "was" (what joins the bridge's name to the clause: "" after "who", "that" or
    "which", "was" before a participle, "is" before where it lies, "'s" after "whose")."""

    asked_of: str
    head: str
    clause: str
    joint: str

    def bridge_question(self) -> str:
        """What names the bridge: "Quellside Opera House was designed by which architect?"."""
        return f"{self.asked_of} which {self.head}?"

    def asked_of_bridge(self, name: str) -> str:
        """The question asked of the bridge by name: "Ingrid Salvaterre was born in which town?"."""
        if self.joint == "'s":
            return f"{name}'s {self.clause}?"
        return f"{name} {self.joint} {self.clause}?" if self.joint else f"{name} {self.clause}?"


def relative_bridge(question: str) -> RelativeBridge | None:
    """The question's bridge described as "a/an <head> <clause>", when its only question word is
    in the clause and something is asked of the bridge there (DecompRC's bridging question, by
    grammar): "Tamsbury Pellow Airport is named after a churchman who died in what year?". The
    rightmost such description; None when there is none, when the question opens with a question
    word ("In which city was ...") or when the description follows a copula ("X is a painter
    who ...": it describes the question's subject)."""
    tokens = _tokens(question)
    for d in range(len(tokens) - 3, 0, -1):
        if tokens[d][0] not in ("a", "an") or _predicate(tokens, d):
            continue
        before = question[: tokens[d][1]].strip()
        if any(w.casefold() in _QUESTION_WORDS for w, _, _ in tokens[: min(d, 2)]):
            return None  # "In which city was ...?" asks first (a "who" further on relates)
        head: list[str] = []
        opens = None
        for i in range(d + 1, min(d + 2 + _MAX_HEAD_WORDS, len(tokens))):
            w = tokens[i][0]
            if head and (w in _RELATIVE or w in _LOCATIVE or _PARTICIPLE.fullmatch(w)):
                opens = i
                break
            if not w.isalpha() or w.casefold() in _QUESTION_WORDS | _COPULAS | STOP:
                break
            head.append(w)
        # A head may be named by its kind ("a Valdorian engineer who"), but ends in a common noun.
        if opens is None or not head[-1].islower():
            continue
        opener = tokens[opens][0]
        joint = {"whose": "'s"}.get(opener, "") if opener in _RELATIVE else ("is" if opener in _LOCATIVE else "was")
        first = opens + 1 if opener in _RELATIVE else opens
        clause = question[tokens[first][1] :].rstrip(" ?.!") if first < len(tokens) else ""
        if not any(w.casefold() in _QUESTION_WORDS for w, _, _ in _tokens(clause)):
            continue
        return RelativeBridge(before, " ".join(head), clause, joint)
    return None
