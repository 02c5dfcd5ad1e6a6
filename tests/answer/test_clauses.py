"""A pronoun, or a clause a pronoun leads, is no short answer to a "who", "when", "where", "which"
or "how many" question (rag.answer.clauses)."""

from __future__ import annotations

import pytest

from rag.answer.clauses import is_clause


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "short_answer"),
    [
        ("Why was the alleged leader arrested in Marenza rather than in Corvenna?", "He"),
        ("What became the second theme to reach number one?", "it"),
        ("During the playoff games, who did not throw at all?", "he didn't throw any"),
        ("Who wrote the song in under fifteen minutes?", "he and Napes"),
        ("How many are believed to have been uprooted by this unrest?", "It displaced more than 52,000 people"),
        ("When did this stadium open?", "it opened, in 2007."),
        ("Where on Earth is biodiversity the most abundant?", "It is richest in the tropics."),
        ("In what year did they stop?", "they stopped in 1899"),
    ],
)
def test_a_pronoun_or_its_clause_is_no_short_answer(question, short_answer):
    assert is_clause(question, short_answer)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "short_answer"),
    [
        # "why", "how" and "what" are answered with a clause (SQuAD train: 5.7 %, 1.2 %, 0.4 %)
        ("Why do reptiles only live up to the snow line?", "they cannot bear the cold temperatures"),
        ("How did he define experience?", "He used the term very broadly"),
        ("What became the second theme to reach number one?", "It became the first"),
        # the question's first wh-word decides: this one asks "what"
        ("Since 2005, what is the gender of Doctor Who's primary companion?", "she undergoes more change"),
        # titles and names go on with a capital letter
        ("Which song did the winner release first?", "I Believe"),
        ("Who was assassinated on September 22, 189 AD?", "He Jin"),
        ("Which Queen song was performed on the show?", "We Are the Champions"),
        # the abbreviation, and answers that do not open with a subject pronoun
        ("Which abbreviation is common for information technology?", "IT"),
        ("Who led the expedition?", "his brother Tomas"),
        ("How many migrants were in the caravan?", "1,500"),
        ("Who wrote it?", "Ivo Marek"),
        ("Who wrote it?", ""),
    ],
)
def test_names_numbers_titles_and_other_clauses_stay(question, short_answer):
    assert not is_clause(question, short_answer)
