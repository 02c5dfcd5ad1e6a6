"""Who said or did something in a transcript: the speaker whose turn says it.

A meeting's transcript gives each turn its speaker's label ("CLLR PATEL: I have real concerns.
Mr. Barker is right. … I would like to propose an amendment: keep the first 30 minutes free.").
"Who proposed the amendment?" was answered "Mr. Barker", the one name inside the turn, and "Who
voted against the main motion?" "CLERK CHO" (a break-it helper's council meeting, session 49):
the reader, trained on prose, reads names in sentences, and a speaker's name is not in the
sentence that says what the speaker did. For "Who <did> …?" the turn's speaker answers when a
sentence of the turn holds every word the question asks about and says it of the speaker ("I
would like to propose an amendment", "I'll second that amendment"); for "Who said …?" any
sentence of the turn does. The label is quoted with the sentence, so that the citation shows who
said it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rag.answer.defined import role_asked
from rag.answer.grounding import SupportedClaim, cited_answer, passage_holding
from rag.index.lexical import terms
from rag.ingest.sentences import asks
from rag.retrieve.evidence import ScoredSentence, asked_terms
from rag.types import Answer, Passage, ScoredPassage

# A turn's label at a line's start: a name in capitals ("CLLR PATEL", "MAYOR OKONKWO") or a
# capitalised name of one to three words ("Ann Lee", "Femi"), perhaps after the time a chat or a
# recording stamps it with ("[14:14:50] Femi (Supervisor):", "00:12:31 Host:") and before the
# role it gives in brackets, then a colon. A name of one capitalised word is a label only with a
# time or a role ("Note:", "Total:", "Address:" are a document's fields): see _label_at.
_LABEL = re.compile(
    r"^[ \t]*(?P<time>[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?[\])]?[ \t]+)?"
    r"(?P<name>[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3}|[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+){0,2})"
    r"(?:[ \t]+\((?P<role>[A-Za-z][\w'’ -]{0,40})\))?:[ \t]+\S",
    re.M,
)
# Labels that are no speaker: an FAQ's, a note's, a mail header's, a list's fields, a chat's notices.
_NOT_SPEAKERS = frozenset(
    "Q A NOTE NB TIP WARNING IMPORTANT CAUTION OWNER DUE DATE TIME SUBJECT FROM TO CC BCC RE FYI "
    "STEP ACTION DECISION RESULT ANSWER QUESTION SUMMARY AGENDA PRESENT APOLOGIES ITEM SYSTEM".split()
)
# A transcript has turns of more than one speaker: this many labelled lines at least.
MIN_TURNS = 3
# "Who proposed …?", "Who voted against …?": the deed asked about; not "Who is …?".
_WHO_DID = re.compile(
    r"^\s*who\s+(?!(?:is|are|was|were|has|have|had|will|would|can|could|should)\b)(?P<verb>[a-z]+)", re.I
)
# Verbs of saying: any sentence of the turn is what its speaker said.
_SAID = frozenset("said says say told tells argued argues claimed claims stated states warned warns asked asks".split())
# The speaker speaking of themself: "I", "I'll", "I'd", "I've", "I'm".
_FIRST_PERSON = re.compile(r"(?<![\w'’])I(?:['’](?:ll|d|ve|m))?(?![\w'’])")
# The label is quoted with the sentence when the sentence starts this close after it.
_MAX_QUOTE_CHARS = 400


@dataclass(frozen=True)
class Turn:
    """The speaker of a sentence. Invariant: document text [start, end) is the speaker's label."""

    sentence: ScoredSentence
    start: int
    end: int


def speaker_of(question: str, sentences: list[ScoredSentence], texts) -> Turn | None:
    """The turn's speaker that answers a "Who <did> …?" question, from the best of `sentences`
    (in the evidence's order) that lies in a transcript's turn and says what is asked; None when
    none does or the question asks no deed."""
    m = _WHO_DID.match(question)
    if m is None:
        return None
    verb = m.group("verb").lower()
    said = verb in _SAID
    # The deed is asked about too (asked_terms leaves out the words after "who").
    wanted = asked_terms(question) | (set() if said else set(terms(verb)))
    if not wanted:
        return None
    transcripts: dict[str, bool] = {}
    for s in sentences:
        source = s.passage.passage.source
        document = texts.get(source) or ""
        if source not in transcripts:
            transcripts[source] = _is_transcript(document)
        if not transcripts[source] or asks(s.text) or not wanted <= set(s.terms):
            continue
        if not said and _FIRST_PERSON.search(s.text) is None:
            continue
        label = _label_at(document, document.rfind("\n", 0, s.start) + 1)
        if label is None or label.start("name") < s.passage.passage.start:
            continue
        return Turn(s, label.start("name"), label.end("name"))
    return None


def _speaker(label: re.Match) -> bool:
    name = label.group("name")
    one_word = " " not in name and "\t" not in name and not name.isupper()
    if one_word and label.group("time") is None and label.group("role") is None:
        return False
    return name.upper() not in _NOT_SPEAKERS


def _label_at(document: str, line: int) -> re.Match | None:
    """The speaker's label that opens the line starting at `line`, or None."""
    label = _LABEL.match(document, line)
    return label if label is not None and _speaker(label) else None


def _labels(document: str) -> list[re.Match]:
    return [m for m in _LABEL.finditer(document[:200_000]) if _speaker(m)]


def _is_transcript(document: str) -> bool:
    """Does the document hold turns of two speakers or more, MIN_TURNS labelled lines at least?"""
    names = [m.group("name") for m in _labels(document)]
    return len(names) >= MIN_TURNS and len(set(names)) >= 2


def answer_of(question: str, turn: Turn) -> Answer:
    """The speaker's name, then their turn from its label to the sentence that answers, cited
    (the sentence alone when it is far into the turn)."""
    s = turn.sentence
    p = s.passage.passage
    name = p.text[turn.start - p.start : turn.end - p.start]
    start = turn.start if s.start - turn.start <= _MAX_QUOTE_CHARS else s.start
    answer = cited_answer(question, [SupportedClaim.quoting(s.passage, start, s.end).led_by(name)])
    answer.short_answer = name
    return answer


@dataclass(frozen=True)
class Role:
    """A speaker whose label gives their role ("MAYOR OKONKWO" for "Who is the mayor?"). Invariant:
    passage text holds the label at [start, end) of the document text; `quote_end` ends the
    label's line or its first sentence."""

    passage: Passage
    start: int
    end: int
    quote_end: int


def role_holder(
    question: str,
    sentences: list[ScoredSentence],
    texts: Mapping[str, str],
    passages_of: Callable[[str], list[Passage]],
) -> Role | None:
    """The transcript's speaker whose label opens with the role a "Who is the <role>?" question
    asks for ("Who is the mayor?": "MAYOR OKONKWO"), or gives it in brackets ("Femi
    (Supervisor)"). The reader, asked over the turns, answered with whichever label it read first
    ("CLERK CHO"); a support chat's "What was the name of the supervisor?" with the agent's name
    (a break-it helper's chat transcript, session 52)."""
    role = role_asked(question)
    if role is None:
        return None
    opening = re.compile(rf"(?:{re.escape(role)})[ \t]+\S", re.I)
    # What else the question asks about ("… of Springfield") the transcript must say.
    rest = asked_terms(question) - set(terms(f"{role} name names"))
    for source in dict.fromkeys(s.passage.passage.source for s in sentences):
        document = texts.get(source) or ""
        if not _is_transcript(document) or not rest <= set(terms(document[:200_000])):
            continue
        for label in _labels(document):
            name, given = label.group("name"), label.group("role") or ""
            named_by_role = opening.match(name) is not None and len(name.split()) > len(role.split())
            if not named_by_role and not re.fullmatch(rf"(?:the\s+)?{re.escape(role)}", given.strip(), re.I):
                continue
            line_end = document.find("\n", label.end())
            line_end = len(document) if line_end == -1 else line_end
            stop = re.search(r"[.!?](?=\s|$)", document[label.end() : line_end])
            quote_end = label.end() + stop.end() if stop else line_end
            held = passage_holding(passages_of(source), label.start("name"), quote_end)
            if held is not None:
                return Role(held, label.start("name"), label.end("name"), quote_end)
    return None


def role_answer(question: str, role: Role) -> Answer:
    """The speaker's label, then the line it opens quoted to its first sentence's end, cited."""
    p = role.passage
    name = p.text[role.start - p.start : role.end - p.start]
    claim = SupportedClaim.quoting(ScoredPassage(p, 0.0), role.start, role.quote_end).led_by(name)
    answer = cited_answer(question, [claim])
    answer.short_answer = name
    return answer
