"""Tests for the trigram language model resource (textmend.resources.lm)."""
from __future__ import annotations

import math
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textmend.resources import lm
from textmend.resources.lm import NgramModel, lm_words, load, normalize

# Reference values from an independent path: pocketsphinx 5.1.1's C scorer
# (NGramModel.prob, integer logmath units of base 1.0001) on the same en-us.lm.bin.
# log10 = units * ln(1.0001) / ln(10); pocketsphinx truncates to int, so tolerance 1e-4.
TO_LOG10 = math.log(1.0001) / math.log(10)
POCKETSPHINX = [
    # (context, word, pocketsphinx units, which branch of the backoff it exercises)
    (("white", "house"), "said", -48711),               # stored trigram
    (("in", "the"), "world", -34748),                   # stored trigram
    (("on", "this"), "planet", -39984),                 # stored trigram
    (("the", "united"), "states", -1211),               # stored trigram
    (("<s>", "the"), "president", -61017),              # stored trigram after <s>
    (("the", "house"), "</s>", -15150),                 # stored trigram ending </s>
    (("strategic", "and"), "worldwide", -112233),       # bigram + bo(strategic and)
    (("white", "house"), "mentioned", -115264),         # unigram + bo(house) + bo(white house)
    (("the", "white"), "home", -93675),                 # unigram + bo(white) + bo(the white)
    (("of", "the"), "aardvark", -173075),               # unigram + two backoffs
    (("white", "home"), "mentioned", -116012),          # no context bigram: unigram + bo(home)
    (("aardvark", "the"), "world", -46774),             # bigram, context bigram absent
    (("xylophone", "in"), "the", -13744),               # bigram, context bigram absent
    (("white",), "house", -17116),                      # stored bigram
    (("the",), "aardvark", -171409),                    # bigram backoff
    ((), "the", -31995),                                # unigram
]


@pytest.fixture(scope="module")
def model() -> NgramModel:
    return load()


def test_load_once_and_thread_safe() -> None:
    results: list[NgramModel] = []
    threads = [threading.Thread(target=lambda: results.append(load())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(m) for m in results}) == 1
    assert load() is results[0]


def test_vocabulary(model: NgramModel) -> None:
    assert model.vocab_size == 72547
    for w in ("the", "<s>", "</s>", "don't", "e-mail", "a."):
        assert model.known(w)
    for w in ("The", "qwzxv", "2020", ""):
        assert not model.known(w)


@pytest.mark.parametrize("context,word,units", [(c, w, u) for c, w, u in POCKETSPHINX])
def test_matches_pocketsphinx(model: NgramModel, context: tuple[str, ...], word: str, units: int) -> None:
    assert model.logprob(word, context) == pytest.approx(units * TO_LOG10, abs=1e-4)


def test_backoff_arithmetic_is_consistent(model: NgramModel) -> None:
    # "strategic and worldwide" is not a stored trigram: P = P(worldwide | and) + bo(strategic and),
    # and the backoff must be the same for any other unseen continuation of that context.
    lp = model.logprob
    bo1 = lp("worldwide", ("strategic", "and")) - lp("worldwide", ("and",))
    assert bo1 != 0.0
    assert lp("aardvark", ("strategic", "and")) - lp("aardvark", ("and",)) == pytest.approx(bo1)
    # When the two-word context is not a stored bigram, it adds no backoff.
    assert lp("world", ("aardvark", "the")) == pytest.approx(lp("world", ("the",)))


def test_prefers_natural_wording(model: NgramModel) -> None:
    assert model.logprob("said", ("white", "house")) > model.logprob("mentioned", ("white", "house")) + 2
    assert model.score(["<s>", "in", "the", "world"], 1) > model.score(["<s>", "on", "this", "planet"], 1)
    ctx = ["<s>", "the", "center", "for", "strategic", "and"]
    good = model.score(ctx + ["international", "studies"], len(ctx))
    spun = model.score(ctx + ["worldwide", "research"], len(ctx))
    assert good > spun


def test_unknown_words(model: NgramModel) -> None:
    oov = model.oov_logprob
    assert oov == model.logprob("qwzxv", ("the",))
    known_min = min(model.logprob(w) for w in model.words() if w != "<s>")
    assert oov < known_min
    # An unknown history word cuts the history there.
    assert model.logprob("said", ("qwzxv", "house")) == model.logprob("said", ("house",))
    assert model.logprob("said", ("white", "qwzxv")) == model.logprob("said")


def test_sentence_markers(model: NgramModel) -> None:
    assert model.logprob("<s>") == 0.0
    assert model.logprob("the", ("<s>",)) > model.logprob("the", ("<s>", "<s>")) - 10
    assert model.logprob("</s>", ("said", "the")) < model.logprob("</s>", ("the", "house"))


def test_score_sums_logprobs(model: NgramModel) -> None:
    words = ["<s>", "the", "white", "house", "said", "qwzxv", "today", "</s>"]
    expected = sum(model.logprob(words[i], tuple(words[max(0, i - 2):i])) for i in range(1, len(words)))
    assert model.score(words, 1) == pytest.approx(expected)
    assert model.score(words) == pytest.approx(expected)  # <s> at the start scores 0
    assert model.score(words, 4) == pytest.approx(
        sum(model.logprob(words[i], tuple(words[i - 2:i])) for i in range(4, len(words))))
    assert model.score(words, len(words)) == 0.0
    # Longer contexts are truncated to the last two words.
    assert model.logprob("said", ("a", "b", "white", "house")) == model.logprob("said", ("white", "house"))


@pytest.mark.parametrize("token,expected", [
    ("The", "the"), ("Don\u2019t", "don't"), ("U.S.", "us"), ("\u201cHello,\u201d", "hello"),
    ("it.", "it"), ("1990s", "nineties"), ("5%", "percent"), ("126", "six"), ("21st", "first"),
    ("2nd", "second"), ("100", "hundred"), ("1,000", "thousand"), ("3.5", "five"),
    ("12:30", "thirty"), ("$5", "dollars"), ("%", "percent"), ("caf\u00e9", "cafe"),
    ("People\u2019s", "people's"), ("e-mail", "e-mail"), ("and/or", "or"),
    ("<s>", "<s>"), ("</s>", "</s>"), ("A.", "a."), ("Zelensky", "zelensky"),
])
def test_normalize(token: str, expected: str) -> None:
    assert normalize(token) == expected


def test_normalize_is_identity_on_vocabulary(model: NgramModel) -> None:
    words = model.words()
    assert all(normalize(w) == w for w in words[::97])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_normalize_idempotent(token: str) -> None:
    once = normalize(token)
    assert normalize(once) == once


def test_lm_words() -> None:
    assert lm_words(["<s>", "Do", "n't", "stop", ",", "it", "\u2019s", "the", "U", ".", "S", ".", "</s>"]) == \
        ["<s>", "don't", "stop", "it's", "the", "us", "</s>"]
    assert lm_words(["COVID-19", "well-known", "\u2014"]) == ["covid", "nineteen", "well-known"]


def test_artefact_header() -> None:
    header, _ = lm.read_artefact()
    assert header["order"] == 3
    assert "Carnegie Mellon University" in header["attribution"]
    assert "en-us.lm.bin" in header["source"]
    assert header["counts"] == [72547, 2051541, 1669625]


def test_bad_file_is_reported(tmp_path) -> None:
    bad = tmp_path / "lm.bin"
    bad.write_bytes(b"not an lm")
    with pytest.raises(ValueError, match="bad magic"):
        lm.read_artefact(bad)
    with pytest.raises(FileNotFoundError, match="build_lm.py"):
        lm.read_artefact(tmp_path / "missing.bin")


def test_has_bigram_separates_stored_from_backed_off():
    from textmend.resources import lm

    m = lm.load()
    assert m.has_bigram("white", "house") and m.has_bigram("martial", "law")
    assert not m.has_bigram("martial", "regulation")
    assert not m.has_bigram("no-such-word-xyz", "house")


def test_has_trigram():
    from textmend.resources import lm

    m = lm.load()
    assert m.has_trigram("the", "white", "house")
    assert not m.has_trigram("the", "white", "home")
    assert not m.has_trigram("zzzz", "white", "house")


def test_british_spellings_the_model_lacks_map_to_its_american_ones():
    from textmend.resources.lm import load, normalize

    vocab = load()
    assert not vocab.known("realise") and vocab.known("realize")
    assert normalize("realise") == "realize" and normalize("Analysed") == "analyzed"
    assert normalize("colour") == "colour"      # a British form the model knows stays
    assert normalize("otherwise") == "otherwise" and normalize("fill") == "fill"
