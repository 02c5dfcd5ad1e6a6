"""Answers from a manual page's entries: a term ("-n, --dry-run", "4", "FERRYSYNC_CONFIG") and
its description, laid out as rag.text.entries reads them.

The sentence evidence and the reader read the description and never its term: over a break-it
helper's manual page (session 53) "Which option shows what would be copied without copying
anything?" was answered "deleted or skipped", "What exit code does ferrysync return when a
checksum fails?" "partial", and "What does the --port option do?" with the term line alone. When
the quoted sentence is part of such an entry:

- a question that asks which term ("Which option …?", "What exit code …?", "Which environment
  variable …?") and names none is answered with the term, quoted with its description's sentence;
- a question that names the term ("What does --delete do?"), or answered with the term line
  alone, is answered with the description under it; the entry it names is looked up in the
  document when the quoted sentence is another entry's;
- a placeholder of the term ("SECONDS" of "--timeout=SECONDS") is no short answer, a question of
  the default is answered with the value the description gives after "Default:", and refused
  when the entry it names gives none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from rag.answer.grounding import not_markers, passage_holding, refused_instead
from rag.index.lexical import terms
from rag.retrieve.evidence import asked_terms
from rag.text.citations import marker
from rag.text.entries import Entry, described_entries, entry_at
from rag.types import Answer, Citation, Passage

# How much of a document is looked through for the entry a question names.
MAX_SCAN_CHARS = 200_000
# "Which option …?", "What exit code …?", "Which environment variable …?": the term is asked for.
_TERM_ASKED = re.compile(
    r"^\W*(?:which|what)\s+(?:(?:is|was|are)\s+the\s+)?(?:[\w-]+\s+)?"
    r"(option|options|flag|flags|switch|switches|argument|parameter|variable|setting|code|codes|status|value"
    r"|exception|exceptions|error|attribute|attributes|field|fields|function|functions|method|methods|class"
    r"|constant|member|macro)\b",
    re.I,
)
# The reST directives whose terms answer each kind asked (rag.text.entries: "..  exception:: NannyNag").
_DIRECTIVES = {
    "option": {"cmdoption", "option"},
    "flag": {"cmdoption", "option"},
    "switch": {"cmdoption", "option"},
    "argument": {"cmdoption", "option"},
    "variable": {"envvar", "data"},
    "exception": {"exception"},
    "error": {"exception"},
    "attribute": {"attribute", "data"},
    "field": {"attribute", "data"},
    "member": {"attribute", "data", "method"},
    "constant": {"data", "attribute"},
    "function": {"function", "method", "classmethod", "staticmethod", "decorator", "macro"},
    "macro": {"macro", "function"},
    "method": {"method", "classmethod", "staticmethod", "function"},
    "class": {"class", "exception"},
    "setting": {"confval", "setting", "data", "attribute", "envvar", "cmdoption", "option"},
    "parameter": {"confval", "setting", "cmdoption", "option"},
    "value": {"confval", "setting", "data", "attribute"},
}
# The name a signature calls: "Py_XINCREF" of "void Py_XINCREF(PyObject *o)", "html.escape" of
# "html.escape(s, quote=True)".
_CALLED = re.compile(r"([A-Za-z_][\w.]*)\s*\(")
# "In which Python version was lazycache() added?", "Since which version does the module have
# issoftkeyword()?": the version note of the entry named ("   .. versionadded:: 3.9").
_VERSION_ASKED = re.compile(r"^\W*(?:(?:in|since|from|as\s+of)\s+)?(?:which|what)\b[^?]*\bversion\b", re.I)
# The same notes as a documentation page shows them: "New in version 3.4.", "Added in version 3.12."
_VERSION_SHOWN = {
    "added": r"(?:New|Added) in version",
    "changed": r"Changed in version",
    "deprecated": r"Deprecated since version",
    "removed": r"Removed in version",
}
_VERSION_NOTE = {
    "added": r"versionadded",
    "changed": r"versionchanged",
    "deprecated": r"deprecated(?:-removed)?",
    "removed": r"versionremoved|deprecated-removed",
}
# "How do I make ferrysync show what it would copy …?": a way asked for, which an option's term is.
_HOW_TO = re.compile(r"^\W*how\s+(?:do|can|could|should|would)\s+(?:i|you|we|one)\b", re.I)
# The question's words another entry's description must hold to answer instead of the one quoted:
# one is chance ("SSH authentication fails" and status 3's "name lookup failed").
MIN_SHARED = 2
_OPENING_CHARS = 240
# The placeholders of a term: "--timeout=SECONDS", "--log-file FILE", "<path>".
_PLACEHOLDER = re.compile(r"[=\s<\[]([A-Z][A-Z_]+|<[\w-]+>)")
# "Default: 30.", "The default is 4.", "defaults to xxh3": the value a description gives by default.
_DEFAULT = re.compile(r"\bdefaults?(?:\s+is|\s+to|:)\s*([^\s.;,][^.;\n]*?)(?=\s*(?:[.;]\s|[.;]?$|\n))", re.M | re.I)
# "What does --delete do?", "What is FERRYSYNC_CONFIG for?", "What does exit status 4 mean?"
_ASKS_WHAT_IT_DOES = re.compile(r"^\W*what\s+(?:does|do|is|are)\b.*\b(?:do|for|mean|means)\W*$", re.I)


def with_entry(
    question: str,
    answer: Answer,
    texts: Mapping[str, str],
    passages_of: Callable[[str], list[Passage]],
    read: Sequence[str] = (),
) -> Answer | None:
    """`answer` with the term its quoted description is of, or the description its quoted term
    has (see the module); None when neither applies. `passages_of`: a document's passages, for
    an entry the answer's passage holds in part (a passage may end after a term's line)."""
    folded = question.casefold()
    if (_VERSION_ASKED.match(question) or "default" in folded) and (
        noted := _noted(question, answer, texts, passages_of, read)
    ) is not None:
        return noted
    if answer.refused or not answer.citations or answer.citations[0].support_start is None:
        return None
    cited = answer.citations[0]
    text = texts.get(cited.source, "")
    entry = _entry_quoted(text, cited.support_start, cited.support_end)
    if entry is None:
        return None
    # "What is the default value of Repr.maxlevel?" asks the value, not which entry.
    asked = _TERM_ASKED.match(question) if "default" not in folded else None
    if (
        (asked or _HOW_TO.match(question))
        and not _names_term(folded, text[entry.term_start : entry.term_end])
        and (better := _best_sibling(question, text, entry, asked.group(1) if asked else None)) is not None
    ):
        # "Which exit code does ferrysync return when a file fails checksum verification?" quoted
        # status 0's "…transferred and verified" under its section's heading; the entry of the list
        # whose description shares more of the question's words answers ("4  Checksum mismatch: a
        # file … did not verify"). Not read by the reader: no confidence of its.
        entry, answer = better, replace(answer, confidence=None)
        cited = replace(cited, support_start=better.body_start, support_end=better.body_end)
    if (
        not _names_term(folded, text[entry.term_start : entry.term_end])
        and not (asked and _of_kind(asked.group(1), text[entry.term_start : entry.term_end], entry.kind))
        and (named_entry := _entry_named(folded, text, 0, min(len(text), MAX_SCAN_CHARS)))
    ):
        # "What does exit status 4 mean?" quoting status 0's line: the entry of the document it
        # names, looked up (the reader did not read it: no confidence of its). Not when the quoted
        # entry is of the kind asked: "Which exit code … when a file fails checksum verification?"
        # names "--checksum=ALGO" and asks for a status.
        entry, answer = named_entry, replace(answer, confidence=None)
    term = text[entry.term_start : entry.term_end]
    named = _names_term(folded, term)
    in_body = cited.support_start >= entry.body_start
    sentence_end = min(max(cited.support_end, entry.body_start), entry.body_end)
    reads_body = cited.support_end > entry.body_start  # a quote from its heading on reads it too
    if (
        reads_body
        and (asked and _of_kind(asked.group(1), term, entry.kind) or not named and _how_to_option(question, term))
        and not _called_in(folded, term)
    ):
        # "Which attribute lists the ports …?" of ".. data:: ports": the term, named or not.
        return _quoting(answer, cited, text, (entry.term_start, sentence_end), _short_term(term), passages_of)
    if "default" in folded and (named or in_body):
        if m := _DEFAULT.search(text, entry.body_start, entry.body_end):
            span = (entry.term_start, _sentence_end(text, m.end(), entry.body_end))
            # "``8388608`` (8 MiB)" of a reST field: the value without its literal quotes.
            return _quoting(answer, cited, text, span, re.sub(r"``([^`]*)``", r"\1", m.group(1)), passages_of)
        if named and not entry.kind and "default" not in text[entry.body_start : entry.body_end].casefold():
            # "What is the default port?" of "-p, --port=PORT  Connect … on PORT instead of the port
            # given in ssh_config(5)": the entry gives none. (Not an API's entry: its class may.)
            return refused_instead(answer, f"The entry for “{term}” gives no default: {_one_line(text, entry)}")
    if named and (cited.support_end <= entry.body_start or _ASKS_WHAT_IT_DOES.match(question)):
        # The term line alone, or "What does --delete do?": its description answers, no one span.
        return _quoting(answer, cited, text, (entry.term_start, entry.body_end), None, passages_of)
    if answer.short_answer and _placeholder(answer.short_answer, term):
        return replace(answer, short_answer=None, text=answer.text.split(" — ", 1)[-1])
    return None


def _noted(
    question: str,
    answer: Answer,
    texts: Mapping[str, str],
    passages_of: Callable[[str], list[Passage]],
    read: Sequence[str],
) -> Answer | None:
    """ "In which version was lazycache() added?", "What is the default of the quote flag of
    html.escape()?": the version note, or the signature's default, of the reST entry the question
    names, wherever the quoted sentence was (its module's "Source code:" line; another module's
    page; none, the evidence having refused), in the quoted document or one read. Not read by the
    reader: no confidence of its."""
    first = answer.citations[0] if answer.citations else None
    for source in dict.fromkeys([*([first.source] if first else []), *read]):
        if (described := _described_named(question.casefold(), texts.get(source, ""))) is None:
            continue
        document = texts[source]
        said = _version_of(question, document, described) or _signature_default(question, document, described)
        if said is None:
            return None
        score = first.score if first is not None else 0.0
        at = first if first is not None and first.source == source else Citation(source, "", "", 0, 0, score)
        unread = replace(answer, confidence=None, refused=False, notes=[])
        return _quoting(unread, at, document, said[0], said[1], passages_of) or _quoting(
            unread,
            at,
            document,
            said[2],
            said[1],
            passages_of,  # no passage holds both: the note alone
        )
    return None


def _described_named(folded_question: str, text: str) -> Entry | None:
    """The one API entry of the document (rag.text.entries.described_entries) whose term the
    question names, or None; of several, the one it names by its whole dotted name ("zlib.compress",
    not the "Compress.compress" method also named "compress")."""
    named = [
        e
        for e in described_entries(text, min(len(text), MAX_SCAN_CHARS))
        if _names_term(folded_question, _term(text, e))
    ]
    if len(named) > 1:
        named = [e for e in named if "." in (full := _full_name(_term(text, e))) and full.casefold() in folded_question]
    return named[0] if len(named) == 1 else None


def _called_in(folded_question: str, term: str) -> bool:
    """Does the question write the entry's name as called ("uuid3()") or whole and dotted
    ("uuid.uuid3")? It asks about the entry then ("Which hash function is uuid3() based on?"), not
    for it."""
    if (call := _CALLED.search(term)) is None:
        return False
    name = call.group(1).casefold()
    last = name.rsplit(".", 1)[-1]
    return re.search(rf"(?<![\w.]){re.escape(last)}\s*\(", folded_question) is not None or (
        "." in name and name in folded_question
    )


def _full_name(term: str) -> str:
    """A signature's name as called ("zlib.compress"), or the term."""
    return call.group(1) if (call := _CALLED.search(term)) is not None else term


def _version_of(question: str, text: str, entry: Entry) -> tuple[tuple[int, int], str, tuple[int, int]] | None:
    """The span from a reST entry's term to the version note the question asks of ("..
    versionadded:: 3.9"), and the version; None when the question asks no version or the entry
    has no such note."""
    if not entry.kind or not _VERSION_ASKED.match(question):
        return None
    folded = question.casefold()
    change = next((k for k in ("deprecated", "removed", "changed") if k[:6] in folded), "added")
    note = re.compile(
        rf"^[ \t]*\.\.[ \t]+((?:{_VERSION_NOTE[change]})::[ \t]+([\w.]+))|^[ \t]*((?:{_VERSION_SHOWN[change]})[ \t]+(\d[\w.]*))",
        re.M,
    )
    m = note.search(text, entry.body_start, entry.body_end)
    if m is None:
        return None
    shown = 1 if m.group(1) is not None else 3
    return (entry.term_start, m.end()), m.group(shown + 1).rstrip("."), m.span(shown)


def _signature_default(question: str, text: str, entry: Entry) -> tuple[tuple[int, int], str, tuple[int, int]] | None:
    """The term (a signature) and the default it gives the parameter the question names by its
    words ("quote" of "escape(s, quote=True)"; "debugging level" of "debug=0"), or None."""
    term = text[entry.term_start : entry.term_end]
    if not entry.kind or "default" not in question.casefold() or "(" not in term:
        return None
    asked = set(terms(question))
    found = [
        m.group(2).strip()
        for m in re.finditer(r"[(,]\s*\*{0,2}(\w+)\s*=\s*([^,()]+|\([^()]*\)|\[[^\[\]]*\])", term)
        if set(terms(m.group(1).replace("_", " "))) <= asked
    ]
    span = (entry.term_start, entry.term_end)
    return (span, found[0], span) if len(found) == 1 else None


def _entry_quoted(text: str, start: int, end: int) -> Entry | None:
    """The entry the quoted text[start:end] is of: the one at its start, or, when it opens with a
    section's heading ("EXIT STATUS" over "0      Success: …", which Punkt leaves in one sentence),
    the one at its next line."""
    entry = entry_at(text, start)
    if entry is None and 0 < (nxt := text.find("\n", start, end) + 1) < end:
        entry = entry_at(text, nxt + len(text[nxt:end]) - len(text[nxt:end].lstrip()))
    return entry


def _how_to_option(question: str, term: str) -> bool:
    """ "How do I make it show what it would copy?" answered by an option's description: the
    option is the way."""
    return term.startswith("-") and _HOW_TO.match(question) is not None


def _best_sibling(question: str, text: str, entry: Entry, asked_kind: str | None) -> Entry | None:
    """The entry of `entry`'s list (the entries of its section, terms of one kind) whose
    description holds strictly more of the question's words than `entry`'s does, and two at
    least, or None. When
    the question asks for a term of another kind than `entry`'s (an exit code, quoting an
    option's "Default: .ferrysync-partial"), the one entry of that kind in the document whose
    description holds the most of them (two at least)."""
    asked = asked_terms(question)

    def shared(e: Entry) -> int:
        # Its opening words: a long description holds many words by its length alone (Py_CLEAR's
        # held more of "Which macro should increment a reference count when the object might be
        # NULL?" than Py_XINCREF's "Increment the reference count for object o. The object may be
        # NULL …": development set eval/probes/pydocs).
        return len(asked & set(terms(text[e.body_start : min(e.body_end, e.body_start + _OPENING_CHARS)])))

    kind = entry.kind or _term_kind(text[entry.term_start : entry.term_end])
    if asked_kind is not None and not _of_kind(asked_kind, text[entry.term_start : entry.term_end], entry.kind):
        pool = [
            e
            for e in _entries_between(text, 0, min(len(text), MAX_SCAN_CHARS))
            if _of_kind(asked_kind, _term(text, e), e.kind)
        ]
        scores = sorted((shared(e) for e in pool), reverse=True)
        if not scores or scores[0] < MIN_SHARED or (len(scores) > 1 and scores[1] == scores[0]):
            return None
        return max(pool, key=shared)
    siblings = [e for e in _section_entries(text, entry) if (e.kind or _term_kind(_term(text, e))) == kind]
    counts = [shared(e) for e in siblings]
    if not counts or counts.count(max(counts)) > 1:  # two alike: the words do not tell them apart
        return None
    best = siblings[counts.index(max(counts))]
    return best if max(counts) >= max(MIN_SHARED, shared(entry) + 1) else None


def _short_term(term: str) -> str:
    """A term as a short answer: a status's number ("4" of "4  Checksum mismatch"), a signature's
    name ("issoftkeyword" of "issoftkeyword(s)"), a name without its literal quotes."""
    if term[:1].isdigit():
        return term.split(maxsplit=1)[0]
    if (call := _CALLED.search(term)) is not None:
        return call.group(1).rsplit(".", 1)[-1]  # "heapify" of "heapq.heapify(x)", as pages name it
    return term.strip("`") if term.startswith("``") else term


def _term(text: str, entry: Entry) -> str:
    return text[entry.term_start : entry.term_end]


def _term_kind(term: str) -> str:
    return "option" if term.startswith("-") else "number" if term[:1].isdigit() else "name"


def _section_entries(text: str, entry: Entry) -> list[Entry]:
    """The entries of the section `entry` lies in: between the lines, before and after it, that
    start at the left margin (a manual page's section headings). A page's signature lines start at
    the margin one after the other: all of the page's."""
    if entry.kind == "signature":
        return [e for e in described_entries(text, min(len(text), MAX_SCAN_CHARS)) if e.kind == "signature"]
    start = text.rfind("\n", 0, entry.term_start) + 1
    while start > 0 and not re.match(r"\S", text[start:]):
        start = text.rfind("\n", 0, start - 1) + 1
    end = re.compile(r"\n(?=\S)").search(text, entry.body_end)
    return _entries_between(text, start, min(end.start() if end else len(text), start + MAX_SCAN_CHARS))


def _entries_between(text: str, start: int, end: int) -> list[Entry]:
    """The entries whose terms start on a line of text[start:end] and that end inside it."""
    found: dict[int, Entry] = {}
    at = start
    while at < end:
        e = entry_at(text, at)
        if e is not None and e.term_start >= at and e.body_end <= end:
            found.setdefault(e.term_start, e)
        nxt = text.find("\n", at, end)
        if nxt == -1:
            break
        at = nxt + 1
    return list(found.values())


def _entry_named(folded_question: str, text: str, start: int, end: int) -> Entry | None:
    """The one entry of text[start:end] whose term the question names, or None."""
    found: dict[int, Entry] = {}
    at = start
    while at < end:
        entry = entry_at(text, at)
        if (
            entry is not None
            and entry.body_end <= end
            and _names_term(folded_question, text[entry.term_start : entry.term_end])
        ):
            found[entry.term_start] = entry
        nxt = text.find("\n", at, end)
        if nxt == -1:
            break
        at = nxt + 1
    return next(iter(found.values())) if len(found) == 1 else None


def _of_kind(asked: str, term: str, kind: str = "") -> bool:
    """Is the term of the kind asked: an option for "option", "flag", "switch" and "argument"; a
    number for "code" and "status"; a name in capitals for "variable"? A reST directive's term by
    its directive (an exception's for "exception"); a name in literal quotes (a configuration
    reference's "``timeout``") for "setting", "option", "parameter" and "value"."""
    asked = asked.lower()
    base = next((k for k in _DIRECTIVES if asked.startswith(k)), None)
    if kind == "signature":  # a documentation page's "name(args): …" or "Class.attribute: …"
        called = _CALLED.search(term) is not None
        return base in (
            ("function", "method", "macro", "class")
            if called
            else ("attribute", "field", "member", "constant", "value", "setting")
        )
    if kind:
        return base is not None and kind in _DIRECTIVES[base]
    if term.startswith("``"):
        return base in ("setting", "option", "parameter", "value")
    if base in ("exception", "error", "attribute", "field", "member", "constant", "function", "method", "class"):
        return False
    if asked.startswith(("option", "flag", "switch", "argument")):
        return term.startswith("-")
    if asked.startswith(("code", "status")):
        return term[:1].isdigit()
    if asked.startswith("variable"):
        return term[:1].isupper()
    return True


def _names_term(folded_question: str, term: str) -> bool:
    """Does the question write the term, or one of its names, with its dashes or without ("--port"
    or "port" of "-p, --port=PORT"; not its placeholder)? A number names its entry after "code" or
    "status" ("exit status 4")."""
    if term.isdigit():
        return re.search(rf"\b(?:code|status|value)\s+{term}\b", folded_question) is not None
    if (call := _CALLED.search(term)) is not None:  # a signature: "html.escape(s, quote=True)"
        names = {call.group(1), call.group(1).rsplit(".", 1)[-1]}
    else:
        names = [n.strip("-`") for n in re.split(r"[,\s]+", re.sub(r"[=\[<].*?(?=,|$)", "", term))]
    return any(
        len(n) >= 2 and re.search(rf"(?<![\w-])-*{re.escape(n.casefold())}(?![\w-])", folded_question) for n in names
    )


def _one_line(text: str, entry: Entry) -> str:
    return " ".join(text[entry.term_start : entry.body_end].split())


def _placeholder(short: str, term: str) -> bool:
    return short.strip() in {m.group(1) for m in _PLACEHOLDER.finditer(term)}


def _quoting(
    answer: Answer,
    cited: Citation,
    text: str,
    span: tuple[int, int],
    short: str | None,
    passages_of: Callable[[str], list[Passage]],
) -> Answer | None:
    """`answer` quoting text[span] (the term's line to the description's sentence), a line of the
    document a line of the answer, led by `short`; cited to its passage, or to the document's
    passage that holds the whole span (None when none does)."""
    a, b = span
    if not (cited.start <= a and b <= cited.end):
        held = passage_holding(passages_of(cited.source), a, b)
        if held is None:
            return None
        cited = Citation(cited.source, held.title, held.text, held.start, held.end, cited.score)
    lines = [not_markers(" ".join(ln.split())) for ln in text[a:b].split("\n") if ln.strip()]
    quoted = "\n".join(lines) + f" {marker(1)}"
    citation = replace(cited, support_start=a, support_end=b)
    return replace(answer, text=f"{short} — {quoted}" if short else quoted, citations=[citation], short_answer=short)


def _sentence_end(text: str, at: int, limit: int) -> int:
    stop = re.compile(r"[.;](?=\s|$)").search(text, at, limit)
    return stop.end() if stop else limit
