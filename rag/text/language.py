"""Whether a question is written in another language than English.

The assistant reads questions in English (its embedder, its reader and its word evidence are
English models and rules); "Wie viele Urlaubstage bekommt ein Mitarbeiter?" or "¿Cuánto es el
alquiler?" were refused with "I couldn't find this in the documents." and nothing more (a
break-it helper's), which reads as if the documents did not say. A refusal of such a question
says why. Told by function words, which every sentence of a language has and few names share:
two or more of another language's and none of English's.
"""

from __future__ import annotations

import re

_FUNCTION_WORDS_TEXT = {
    "German": "der die das den dem des ein eine einen einem einer ist sind wie viele was wer wann wo warum "
    "welche welcher welches nicht und oder mit für auf bei von zu im ich hat haben wird kann bekommt",
    "French": "le la les un une des du est sont combien quel quelle quels quelles qui quand où pourquoi "
    "est-ce que qu pas et ou avec pour sur dans au aux je il elle a ont peut",
    "Spanish": "el la los las un una unos unas es son cuánto cuánta cuántos cuántas qué quién cuándo dónde "
    "por porque cuál no y o con para en del al yo tiene tienen puede hay",
    "Italian": "il lo la gli le un una è sono quanto quanti quale chi quando dove perché non e o con per "
    "nel della del io ha hanno può",
    "Portuguese": "o a os as um uma é são quanto quantos qual quem quando onde por porque não e ou com para "
    "em do da eu tem têm pode",
    "Dutch": "de het een is zijn hoeveel wat wie wanneer waar waarom welke niet en of met voor op bij van "
    "ik heeft hebben kan",
}
_FUNCTION_WORDS = {language: frozenset(text.split()) for language, text in _FUNCTION_WORDS_TEXT.items()}
_ENGLISH = frozenset(
    "the a an is are was were what which who whom whose when where why how do does did of in on at to "
    "for with and or not from by this that these those many much can could will would should has have".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def other_language(question: str) -> str | None:
    """The language a question seems written in, when it is not English; None otherwise."""
    words = [w.lower() for w in _WORD.findall(question)]
    if any(w in _ENGLISH for w in words):
        return None
    best, count = None, 1
    for language, function_words in _FUNCTION_WORDS.items():
        n = sum(w in function_words for w in words)
        if n > count:
            best, count = language, n
    return best


def note(language: str) -> str:
    return (
        f"The question seems to be in {language}: questions are read in English (the models that read"
        " them are English ones). Ask it in English."
    )
