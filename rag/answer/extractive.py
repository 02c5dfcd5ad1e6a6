"""The offline answerer: quote the sentence(s) of the top passages that answer the question.

The best sentence (rag.answer.evidence scores them) answers; a second one joins when it scores
nearly as well and brings question words the first lacks (answers spanning two passages). When
the best score is below `min_support`, the question names something (a proper noun, a
number) that no indexed passage contains, or the question asks for a person by role and the best
sentence names nobody it does not, we refuse and offer the closest passages instead.
"""

from __future__ import annotations

from rag.answer.evidence import ScoredSentence, asks_for_person
from rag.answer.grounding import SupportedClaim, cited_answer, refusal
from rag.types import Answer, ScoredPassage

# Weights and the refusal threshold were fitted on eval/gold/corpus.jsonl and checked on the
# SQuAD benchmark, which nobody tuned for (see README: Evaluation).
W_MEANING, W_WORDS, W_TYPE, W_RANK = 0.45, 0.2, 0.3, 0.15


def sentence_score(s: ScoredSentence, rank: int) -> float:
    return W_MEANING * s.meaning + W_WORDS * s.words + W_TYPE * s.type_ok + W_RANK / (1 + rank)


class ExtractiveAnswerer:
    def __init__(self, min_support: float, max_sentences: int = 2):
        self._min_support = min_support
        self._max_sentences = max_sentences

    def answer(
        self,
        question: str,
        passages: list[ScoredPassage],
        sentences: list[ScoredSentence],
        unknown_names: bool,
    ) -> Answer:
        """`passages` are the final top-k, best first; `sentences` are theirs, scored."""
        rank = {sp.passage.id: i for i, sp in enumerate(passages)}
        ranked = sorted(
            (s for s in sentences if s.passage.passage.id in rank),
            key=lambda s: sentence_score(s, rank[s.passage.passage.id]),
            reverse=True,
        )
        if not ranked or unknown_names:
            return refusal(question, passages)
        best = ranked[0]
        best_score = sentence_score(best, rank[best.passage.passage.id])
        if best_score < self._min_support:
            return refusal(question, passages)
        if best.type_ok == 0.0 and asks_for_person(question):
            # The question asks for someone by role and even the best sentence names nobody new:
            # quoting it would answer a different question. Other types only weigh in the score,
            # their answers take too many forms ("an attorney" answers "who", "half" a share).
            return refusal(question, passages)
        chosen = [best]
        covered = set(best.terms)
        for s in ranked[1:]:
            if len(chosen) >= self._max_sentences:
                break
            adds_new = bool(set(s.question_terms_hit) - covered)
            if sentence_score(s, rank[s.passage.passage.id]) >= 0.9 * best_score and adds_new:
                chosen.append(s)
                covered |= set(s.terms)
        return cited_answer(question, [SupportedClaim(s.text, s.passage, s.start, s.end) for s in chosen])
