"""A request for what the documents say about something, answered with the sentences that say it.

"Tell me about the budget." was refused over a story that says "The council's treasurer, Álvaro
Peña, said the budget would rise by 4 percent", and so were "What about the budget?" and "What
does the story say about the budget?": the request's own words ("tell", "story") are in no
sentence, so no sentence covered the question's words well enough. Typed as "budget" alone it
was answered, led by "4 percent" and marked unsure (the reader at 3 %): a topic has no short
answer. Such a request is retrieved and scored with its topic alone, and answered with the
sentences that best say something of it, quoted with their [n] and no short answer; refused when
none does (rag.answer.evidence_choice, as any question).
"""

from __future__ import annotations

import re

from rag.index.lexical import terms

# What may open a request: "please", "can you", "could you please"...
_POLITE = r"(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?"
_DOCUMENTS = r"(?:the\s+|these\s+|those\s+|your\s+|my\s+|our\s+)?(?:documents?|files?|articles?|stor(?:y|ies)|texts?|notes?|sources?|corpus|reports?|papers?|pages?|faqs?|websites?|sites?|tables?|manuals?|guides?|handbooks?|docs|it|they)"
_ABOUT = r"(?:about|on|regarding|concerning)"
_REQUEST = re.compile(
    rf"^\W*{_POLITE}(?:"
    rf"(?:tell|show|give)\s+me\s+(?:(?:something|anything|more|everything|all|what\s+you\s+know)\s+)?{_ABOUT}"
    rf"|what\s+(?:about|of)"
    rf"|what\s+(?:do|does|did|can|could)\s+{_DOCUMENTS}\s+(?:say|tell|mention|write|report)\s+(?:me\s+)?{_ABOUT}"
    rf"|what\s+(?:is|was|'s|’s)\s+(?:said|known|written|reported)\s+{_ABOUT}"
    rf"|(?:is\s+there\s+)?(?:anything|something|information|info|more|details)\s+{_ABOUT}"
    rf"|(?:i'?d|i\s+would)\s+like\s+to\s+know\s+{_ABOUT}|i\s+want\s+to\s+know\s+{_ABOUT}"
    rf"|(?:describe|summari[sz]e|explain)"
    rf")\s+(?P<topic>.+?)[\s?.!]*$",
    re.I,
)
# "Explain why the budget rose": a question after all.
_ASKS = re.compile(r"^(?:who|whom|whose|what|which|when|where|why|how|whether|if)\b", re.I)


def topic_of(question: str) -> str | None:
    """The topic of a request for what the documents say about it ("Tell me about the budget."
    -> "the budget"), or None for any other question."""
    m = _REQUEST.match(question)
    if m is None:
        return None
    topic = m["topic"].strip()
    if _ASKS.match(topic) or not terms(topic):
        return None
    return topic
