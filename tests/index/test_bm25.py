"""BM25 built from kept tokens is bm25s' own index, to the bit, and a changed corpus re-reads
only its new passages."""

from __future__ import annotations

import numpy as np
import pytest

from rag.index.bm25 import TOKEN_PATTERN, BM25Index, stemmer
from rag.index.lexical import TermStats
from rag.index.tokens import PassageTokens, Ragged
from rag.types import Passage
from tests.conftest import CORPUS

pytestmark = pytest.mark.unit

QUERIES = ["migrants caravan Tijuana", "Salazar ambassador", "border wall prototypes", "the of", "NAFTA 2019 jobs"]


def corpus_passages() -> list[Passage]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        start = 0
        for para in text.split("\n\n"):
            if para.strip():
                out.append(Passage(f"{path.name}:{start}", path.name, path.stem, para, start, start + len(para)))
            start += len(para) + 2
    # No words at all, and stop words only: bm25s scores them with its empty token.
    out.append(Passage("empty", "x", "", "", 0, 0))
    out.append(Passage("stop", "x", "", "the of and a", 0, 12))
    return out


def bm25s_own(passages: list[Passage]):
    import bm25s

    from rag.index.documents import embedding_text

    texts = [embedding_text(p.title, p.text) for p in passages]
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer(), token_pattern=TOKEN_PATTERN, show_progress=False)
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    return bm25


def test_scores_are_bm25s_own_to_the_bit():
    passages = corpus_passages()
    assert len(passages) > 50
    ours = BM25Index.over(passages)._bm25
    theirs = bm25s_own(passages)
    assert ours.scores["num_docs"] == theirs.scores["num_docs"]
    assert set(ours.vocab_dict) == set(theirs.vocab_dict)
    for query in QUERIES:
        words = stemmer().stemWords(query.lower().split())
        a, b = ours.get_scores(words), theirs.get_scores(words)
        assert a.dtype == b.dtype and np.array_equal(a, b), query
    # every (passage, token) score, not just the ones the queries reach
    for word, col in theirs.vocab_dict.items():
        mine = ours.vocab_dict[word]
        if col + 1 >= len(theirs.scores["indptr"]):  # the empty token bm25s adds has no column
            assert mine + 1 >= len(ours.scores["indptr"])
            continue
        s0, e0 = theirs.scores["indptr"][col], theirs.scores["indptr"][col + 1]
        s1, e1 = ours.scores["indptr"][mine], ours.scores["indptr"][mine + 1]
        assert np.array_equal(theirs.scores["indices"][s0:e0], ours.scores["indices"][s1:e1]), word
        assert np.array_equal(theirs.scores["data"][s0:e0], ours.scores["data"][s1:e1]), word


def test_kept_tokens_are_reused_and_give_what_a_fresh_read_gives(monkeypatch):
    passages = corpus_passages()
    before = PassageTokens.of(passages[:-10])
    changed = passages[5:] + [Passage("new", "n.txt", "N", "The Punta Mita lighthouse keeper", 0, 32)]

    read: list[str] = []
    import rag.index.tokens as tokens_module

    real = tokens_module.bm25_tokens

    def counting(texts):
        read.extend(texts)
        return real(texts)

    monkeypatch.setattr(tokens_module, "bm25_tokens", counting)
    again = PassageTokens.of(changed, before)
    assert len(read) == 11  # the ten passages `before` lacked, and the new one
    fresh = PassageTokens.of(changed)

    def words(tokens: PassageTokens, i: int) -> tuple[list[str], set[str]]:
        row = tokens.bm25.values[tokens.bm25.offsets[i] : tokens.bm25.offsets[i + 1]]
        terms = tokens.terms.values[tokens.terms.offsets[i] : tokens.terms.offsets[i + 1]]
        return [tokens.bm25_vocab[t] for t in row], {tokens.term_vocab[t] for t in terms}

    assert again.ids == fresh.ids == [p.id for p in changed]
    for i in range(len(changed)):
        assert words(again, i) == words(fresh, i)
    a = BM25Index.of(again.ids, again.bm25_vocab, again.bm25)._bm25
    b = bm25s_own(changed)
    for query in QUERIES:
        words_ = stemmer().stemWords(query.lower().split())
        assert np.array_equal(a.get_scores(words_), b.get_scores(words_)), query
    stats = TermStats.of(again)
    plain = TermStats([p.text for p in changed])
    assert stats.n == plain.n and stats.df == plain.df


def test_tokens_survive_a_save(tmp_path):
    tokens = PassageTokens.of(corpus_passages())
    tokens.save(tmp_path)
    back = PassageTokens.load(tmp_path)
    assert back.ids == tokens.ids and back.bm25_vocab == tokens.bm25_vocab
    assert np.array_equal(back.bm25.values, tokens.bm25.values)
    assert np.array_equal(back.terms.offsets, tokens.terms.offsets)
    (tmp_path / "tokens.json").write_text('{"ids": [], "bm25_vocab": [], "term_vocab": []}')
    with pytest.raises(ValueError):
        PassageTokens.load(tmp_path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2]),  # cut short
        lambda f: np.save(f, np.load(f).astype(np.float32)),  # another type
        lambda f: np.save(f, np.load(f).reshape(1, -1)),  # another shape
        lambda f: f.unlink(),
    ],
)
def test_damaged_saved_tokens_are_not_used(tmp_path, damage):
    """The saved words are memory-mapped: any damage is an error at load (OSError when a file
    is missing, ValueError otherwise), never a wrong count at the next build."""
    PassageTokens.of(corpus_passages()).save(tmp_path)
    damage(tmp_path / "tokens-bm25-values.npy")
    with pytest.raises((OSError, ValueError)):
        PassageTokens.load(tmp_path)


def test_ragged_take_and_concat():
    r = Ragged.of([[1, 2], [], [3], [4, 5, 6]])
    t = r.take(np.array([3, 1, 0]))
    assert [list(t.values[t.offsets[i] : t.offsets[i + 1]]) for i in range(3)] == [[4, 5, 6], [], [1, 2]]
    c = Ragged.concat([t, Ragged.of([[7]])])
    assert list(c.values) == [4, 5, 6, 1, 2, 7] and list(c.offsets) == [0, 3, 3, 5, 6]


def test_words_of_passages_that_left_are_dropped_from_the_vocabulary():
    passages = corpus_passages()
    everything = PassageTokens.of(passages)
    few = PassageTokens.of(passages[:3], everything)
    assert len(few.bm25_vocab) < 0.75 * len(everything.bm25_vocab)
    fresh = PassageTokens.of(passages[:3])
    assert set(few.bm25_vocab) == set(fresh.bm25_vocab) and set(few.term_vocab) == set(fresh.term_vocab)
    for i in range(3):
        row = few.bm25.values[few.bm25.offsets[i] : few.bm25.offsets[i + 1]]
        fresh_row = fresh.bm25.values[fresh.bm25.offsets[i] : fresh.bm25.offsets[i + 1]]
        assert [few.bm25_vocab[t] for t in row] == [fresh.bm25_vocab[t] for t in fresh_row]


@pytest.mark.parametrize("damage", [b"", b"[1]", b"PK\x03\x04 not a zip", b"\x93NUMPY not an array"])
def test_any_damage_to_the_saved_word_indexes_means_none_is_loaded(tmp_path, damage):
    import shutil

    from rag.index.lexical_index import LexicalIndex

    passages = corpus_passages()
    saved = tmp_path / "lexical"
    LexicalIndex.build(passages).save(saved)
    for path in sorted(p for p in saved.rglob("*") if p.is_file()):
        if path.name == "key.json":
            continue
        copy = tmp_path / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(saved, copy)
        (copy / path.relative_to(saved)).write_bytes(damage)
        if path.name.startswith("tokens"):  # the kept words only serve the next build
            assert LexicalIndex.load(copy, passages) is not None
            assert LexicalIndex.saved_tokens(copy) is None, path.name
        else:
            assert LexicalIndex.load(copy, passages) is None, path.name


TRICKY = [
    "The Ministry's 2019 report: NAFTA, USMCA & the WALL — 1,500 migrants (Tijuana).",
    "Éxodo de migrantes hacia el norte; naïve café façade, Straße, ÆØÅ",
    "snake_case_words and CamelCaseWords, e-mail, don't, won't, it's; a b c 7 42 3.14",
    "",
    "the of and a an",
    "Running runs ran runner; generously generous generosity",
]


def test_words_are_split_and_stemmed_as_bm25s_does():
    """bm25_tokens is bm25s.tokenize of the folded texts (stop words "en", the English stemmer,
    the token pattern) token for token, so an index built without bm25s is the one bm25s would
    build."""
    import bm25s
    from bm25s.stopwords import STOPWORDS_EN

    from rag.index.bm25 import DELTA, K1, STOPWORDS, B, bm25_tokens, bm25_words, folded
    from rag.index.documents import embedding_text

    assert STOPWORDS == set(STOPWORDS_EN)
    default = bm25s.BM25()
    assert (K1, B, DELTA) == (default.k1, default.b, default.delta)
    texts = TRICKY + [embedding_text(p.title, p.text) for p in corpus_passages()]
    words, rows = bm25_tokens(texts)
    theirs = bm25s.tokenize(
        [folded(t) for t in texts], stopwords="en", stemmer=stemmer(), token_pattern=TOKEN_PATTERN, return_ids=False
    )
    assert [[words[i] for i in row] for row in rows] == theirs
    assert [bm25_words(t) for t in TRICKY] == theirs[: len(TRICKY)]
    # Latin letters lose their accents, so a question typed without them finds the words.
    assert bm25_words(TRICKY[1]) == bm25_words("Exodo de migrantes hacia el norte; naive cafe facade, Straße, ÆØA")


def test_an_index_built_and_saved_without_bm25s_is_what_bm25s_loads(tmp_path):
    """Building and saving import no bm25s (nor scipy, which it imports); bm25s loads the files
    and scores every query as its own index of the same passages does."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from rag.index.lexical_index import LexicalIndex\n"
        "from tests.index.test_bm25 import corpus_passages\n"
        f"LexicalIndex.build(corpus_passages()).save(Path({str(tmp_path / 'lexical')!r}))\n"
        "assert 'bm25s' not in sys.modules and 'scipy' not in sys.modules, 'imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    passages = corpus_passages()
    loaded = BM25Index.load(tmp_path / "lexical" / "bm25", [p.id for p in passages])._bm25
    theirs = bm25s_own(passages)
    for query in QUERIES:
        words = stemmer().stemWords(query.lower().split())
        assert np.array_equal(loaded.get_scores(words), theirs.get_scores(words)), query
