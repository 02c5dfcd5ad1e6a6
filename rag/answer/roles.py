"""A "who" question that asks for the holder of a post, answered by sentences that never say it.

"Who is Pelvania's Ombudsman?" was answered "Davor Lindt" from a photo caption, "Who heads the
Valdonian Steel Association?" with "Prime Minister Jonas Brekkel", "Who is Aldaris's ambassador in
Porto Casal?" with a reporter's name: the question names a post (an ombudsman, an ambassador, a
head) and the quoted sentences name none of it, so they cannot say who holds it. The evidence
and the reader both match the question's other words (the organisation, the country), and the
sentence has a name, so neither the "names no one" note (rag.answer.persons) nor the names check
(rag.answer.unnamed) sees it.

The rule reads only the form "Who is/was [the] … POST [of …]?" and "Who heads/chairs/leads/runs
… X?", with POST one of the posts below (not a role such as "the claimant" or "the winner", which
a sentence says in other words: "The case was brought by Davor Lindt"). A post is said by any
word of its family ("chairs", "chaired", "chairman"; "directed" for a director), and a question
of leading ("Who heads …?", "the leader of …") by any post that leads ("the union's chair", "is
led by", "president of"). A deputy's post is not the post: "Mirovel's deputy mayor" is no answer
to "Who is the mayor of Mirovel?".

Development sets (answers of session 58, before this rule; never the gold set or a benchmark):
the numbers are in README: Reader, "Near misses that say otherwise".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer import UNSURE
from rag.index.bm25 import folded

# The posts, each with the words that say it. A question's post is looked up by any of its words.
_LEADING = (
    "head heads headed heading lead leads led leader leaders leading leadership chair chairs chaired chairing "
    "chairman chairwoman chairperson president presides presided presiding chief chiefs director directors "
    "directs directed manager managers manages managed managing run runs ran running boss bosses ceo "
    "executive executives secretary-general governor mayor commander commands commanded captain captained "
    "founder founded principal dean chancellor king queen emperor empress monarch ruler ruled premier pope "
    "sultan caliph tsar czar shah prince princess duke general generals generalissimo admiral marshal under"
)
_FAMILIES: tuple[tuple[str, str], ...] = (
    # (a question's words for the post, the words that say it)
    ("head heads leader chief boss", _LEADING),
    (
        "chair chairs chairman chairwoman chairperson",
        "chair chairs chaired chairing chairman chairwoman chairperson chairmanship moderator moderates moderated"
        " moderating",
    ),
    ("president", "president presidents presides presided presiding presidency"),
    ("director directs direct", "director directors directs directed directing direction directorship"),
    # "Who is the chief executive of Korrin Textiles?" answered "KRT.LX", its ticker (held-out news).
    ("executive ceo", "executive executives ceo ceos"),
    ("manager manages manage", "manager managers manages managed managing"),
    ("commander commands command", "commander commanders command commands commanded commanding"),
    ("coach coaches", "coach coaches coached coaching"),
    ("captain", "captain captains captained captaincy"),
    ("minister", "minister ministers"),
    ("mayor", "mayor mayors"),
    ("governor", "governor governors"),
    ("ambassador", "ambassador ambassadors envoy"),
    ("ombudsman", "ombudsman"),
    ("agent", "agent agents"),
    ("superintendent", "superintendent"),
    ("secretary", "secretary secretaries"),
    ("spokesman spokeswoman spokesperson", "spokesman spokeswoman spokesperson spokespeople spokesmen"),
    ("editor", "editor editors edits edited"),
    ("treasurer", "treasurer"),
    ("referee referees refereed", "referee referees refereed refereeing"),
    ("prosecutor", "prosecutor prosecutors prosecuting"),
    ("commissioner", "commissioner commissioners"),
    ("judge", "judge judges justice justices magistrate presiding presides presided"),
)
_SAID_BY = {asked: frozenset(said.split()) for words, said in _FAMILIES for asked in words.split()}
# Said by its own words only: a document that names a post elsewhere names that post, not any
# post that leads ("Who heads the agency?" over a story naming the town's mayor).
_OWN_WORDS = {
    asked: frozenset(own.split())
    for words, own in (
        ("head heads", "head heads headed heading"),
        ("leader", "leader leaders leads led leading leadership"),
        ("chief", "chief chiefs"),
        ("boss", "boss bosses"),
    )
    for asked in words.split()
}
# The noun of a post asked by its verb ("Who chairs …?": the chair).
_NOUNS = {
    "heads": "head",
    "chairs": "chair",
    "manages": "manager",
    "manage": "manager",
    "coaches": "coach",
    "commands": "commander",
    "command": "commander",
    "directs": "director",
    "direct": "director",
    "referees": "referee",
    "refereed": "referee",
}
# A word of a post that names none here: "its head office", "a head start"; "headed for the coast".
_NOT_A_POST = frozenset(
    ("head", thing) for thing in "office offices start injury injuries wind count line lines room".split()
) | frozenset(("run", thing) for thing in "out up down into over".split())
_GOING = frozenset("to for towards toward into back home north south east west out off".split())
# A post held below or beside the one asked: not the post.
_UNDER = frozenset("deputy vice assistant associate".split())

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# "Who is/was [the] …?", "Who will be …?", "Who has been …?": the post is the last one named before
# what it is of ("the chief of Teskova's army general staff": chief; "Castelbruno's head coach":
# coach). "Who heads/chairs/… X?": the verb is the post.
_WHO_IS = re.compile(
    r"^\W*who\s+(?:is|was|are|were|will\s+be|has\s+been|had\s+been|would\s+be|became|becomes)\s+(?:currently\s+|now\s+)?"
    r"(?P<post>[^?]+?)(?:\s+(?:of|at|for|in|from|on|to|who|that|since)\b.*)?[\s?.!]*$",
    re.I,
)
_WHO_VERB = re.compile(
    r"^\W*who\s+(?:currently\s+|now\s+|will\s+)?(?P<verb>heads?|chairs?|manages?|coach(?:es)?|commands?|directs?"
    r"|referee[sd]?)\b",
    re.I,
)


def asked_post(question: str) -> str | None:
    """The post whose holder `question` asks for ("ombudsman", "heads"), or None."""
    question = folded(question)
    if (m := _WHO_VERB.match(question)) is not None:
        return m["verb"].lower()
    if (m := _WHO_IS.match(question)) is None:
        return None
    named = [w.lower() for w in _WORD.findall(m["post"])]
    # The post is the noun the question ends on, not a word that describes another ("the lead
    # singer", "Kroenke's chief competitor"); "general" ends a post ("secretary general").
    while named and named[-1] in ("general", "generals") and len(named) > 1:
        named.pop()
    return named[-1] if named and named[-1] in _SAID_BY else None


def says_post(post: str, text: str, own: bool = False) -> bool:
    """Does `text` name `post` (by a word of its family; `own`: of its own words, not another post
    that leads), not only a deputy's or a vice's post?"""
    said = _OWN_WORDS.get(post, _SAID_BY[post]) if own else _SAID_BY[post]
    found = [w.lower() for w in _WORD.findall(folded(text))]
    for i, w in enumerate(found):
        parts = w.split("-")
        if w in said or parts[-1] in said or (parts[0] in said and parts[0] not in _UNDER):
            before, after = found[i - 1] if i else "", found[i + 1] if i + 1 < len(found) else ""
            if before in _UNDER or (len(parts) > 1 and parts[0] in _UNDER) or (w, after) in _NOT_A_POST:
                continue
            if not (w.startswith("head") and after in _GOING):
                return True
    return False


def unsaid_post(question: str, quoted: Sequence[str], documents: Sequence[str] = ()) -> tuple[str, bool] | None:
    """What is wrong with an answer quoting `quoted` (the cited windows) to `question`, which asks
    who holds a post none of them names, and whether it is refused: when none of the cited
    `documents` names the post either. A document that names it elsewhere may say who holds it
    in a sentence not quoted ("Aldaris's ambassador, Omar Haddad, …" a few paragraphs on):
    the answer is then marked unsure, not refused. None when a quoted text names the post, or
    `question` asks for no post."""
    if not quoted or (post := asked_post(question)) is None:
        return None
    if any(says_post(post, text) for text in quoted) or any(
        w in _UNDER for w in _WORD.findall(folded(question).lower())
    ):
        return None
    noun = _NOUNS.get(post, post)
    if any(says_post(post, text, own=True) for text in documents):
        return f"{UNSURE} the question asks who is the {noun}; the quoted passages never name that post.", False
    return f"The question asks who is the {noun}; the quoted documents never name that post.", True
