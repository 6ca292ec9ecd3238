"""Behaviour of the inflection tables (textmend.resources.inflect)."""
from __future__ import annotations

import sys

import pytest

from textmend.resources import inflect as I


@pytest.mark.parametrize("word, expected", [
    ("mentioned", (("mention", "VBD"), ("mention", "VBN"))),
    ("corporations", (("corporation", "NNS"),)),
    ("went", (("go", "VBD"),)),
    ("criteria", (("criterion", "NNS"),)),
])
def test_analyses_exact(word: str, expected: tuple) -> None:
    assert I.analyses(word) == expected


@pytest.mark.parametrize("word, reading", [
    ("said", ("say", "VBD")), ("said", ("say", "VBN")), ("biggest", ("big", "JJS")),
    ("largest", ("large", "JJS")), ("studies", ("study", "NNS")), ("studies", ("study", "VBZ")),
    ("better", ("good", "JJR")), ("were", ("be", "VBD")), ("is", ("be", "VBZ")),
    ("stopped", ("stop", "VBD")), ("running", ("run", "VBG")), ("hoping", ("hope", "VBG")),
    ("preferred", ("prefer", "VBN")), ("happier", ("happy", "JJR")), ("lying", ("lie", "VBG")),
    ("countries", ("country", "NNS")), ("won", ("win", "VBD")),
])
def test_analyses_contains(word: str, reading: tuple[str, str]) -> None:
    assert reading in I.analyses(word)


def test_analyses_base_and_unknown() -> None:
    assert ("company", "NN") in I.analyses("company")
    assert ("mention", "VB") in I.analyses("mention")
    assert I.analyses("blorked") == (("blork", "VBD"), ("blork", "VBN"))
    assert I.analyses("qzxv") == ()
    assert I.analyses("") == ()
    # no bogus lemma from a proper-noun-only WordNet entry ("was" -> "wa")
    assert I.analyses("was") == (("be", "VBD"),)


@pytest.mark.parametrize("lemma, tag, form", [
    ("say", "VBD", "said"), ("company", "NNS", "companies"), ("large", "JJS", "largest"),
    ("big", "JJS", "biggest"), ("good", "JJR", "better"), ("beautiful", "JJR", "more beautiful"),
    ("go to", "VBD", "went to"), ("fiscal year", "NNS", "fiscal years"),
    ("matter of fact", "NNS", "matters of fact"), ("be", "VBZ", "is"), ("be", "VBP", "are"),
    ("prefer", "VBD", "preferred"), ("stop", "VBG", "stopping"), ("tie", "VBG", "tying"),
    ("see", "VBG", "seeing"), ("win", "VBD", "won"), ("country", "NNS", "countries"),
    ("mention", "VBN", "mentioned"), ("happy", "JJR", "happier"), ("quickly", "RBR", "more quickly"),
    ("research", "NNS", "research"), ("mention", "VB", "mention"), ("blork", "VBD", "blorked"),
])
def test_inflect(lemma: str, tag: str, form: str) -> None:
    assert I.inflect(lemma, tag) == form


def test_inflect_rejects_bad_input() -> None:
    assert I.inflect("say", "XYZ") is None
    assert I.inflect("", "VBD") is None


def test_round_trip_regular_forms() -> None:
    # every analysis of a form must inflect back to that form (or list it as an alternate)
    for w in ["mentioned", "companies", "biggest", "agreed", "travelled", "studies", "data"]:
        for lemma, tag in I.analyses(w):
            table = I.load()
            forms = table.exc.get((lemma, tag)) or (I.inflect(lemma, tag),)
            assert w in forms, (w, lemma, tag, forms)


def test_loaded_once_and_no_lemminflect_at_runtime() -> None:
    import subprocess
    assert I.load() is I.load()
    code = ("import sys; from textmend.resources import inflect as I; I.analyses('said'); "
            "I.inflect('say', 'VBD'); print('lemminflect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
