"""Behaviour of the inverse thesaurus (textmend.resources.thesaurus)."""
from __future__ import annotations

import pytest

from textmend.resources import thesaurus


@pytest.fixture(scope="module")
def th() -> thesaurus.Thesaurus:
    return thesaurus.load()


def names(pairs: tuple[tuple[str, float], ...]) -> list[str]:
    return [o for o, _ in pairs]


@pytest.mark.parametrize("spun, original", [
    ("nation", "country"), ("primary", "first"), ("assembly", "meeting"),
    ("corporation", "company"), ("girl", "lady"), ("mention", "say"),
    ("profound", "deep"), ("counterfeit", "artificial"), ("woodland", "forest"),
])
def test_spun_form_lists_original(th: thesaurus.Thesaurus, spun: str, original: str) -> None:
    assert original in names(th.originals(spun))


def test_originals_sorted_and_bounded(th: thesaurus.Thesaurus) -> None:
    for form in ["nation", "heart", "set", "make", "irregular"]:
        res = th.originals(form)
        assert 0 < len(res) <= 50
        priors = [p for _, p in res]
        assert priors == sorted(priors, reverse=True)
        assert all(0.0 < p <= 1.0 for p in priors)
        assert form not in names(res)
    assert th.originals("nation")[0][0] == "country"


def test_unknown_forms(th: thesaurus.Thesaurus) -> None:
    assert th.originals("qzxvbn") == ()
    assert th.originals("") == ()
    assert th.originals("Nation") == ()  # keys are lowercase
    assert not th.has_form("qzxvbn")
    assert th.has_form("nation")
    assert th.neighbours("qzxvbn") == frozenset()


def test_multiword_forms(th: thesaurus.Thesaurus) -> None:
    phrases = [f for f in ["put money into", "bring up", "point out", "at first", "in the lead"]
               if th.has_form(f)]
    assert phrases, "some multiword spun forms must exist"
    assert 2 <= th.max_phrase_len <= 6
    assert "cite" in names(th.originals("mention")) or "refer" in names(th.originals("mention"))


@pytest.mark.parametrize("a, b", [
    ("heart", "center"), ("worldwide", "international"), ("regulation", "law"),
    ("woodland", "forest"), ("irregular", "random"),
])
def test_symmetric_synonyms(th: thesaurus.Thesaurus, a: str, b: str) -> None:
    assert th.are_synonyms(a, b)
    assert th.are_synonyms(b, a)
    assert b in th.neighbours(a)
    assert a in th.neighbours(b)


def test_non_synonyms(th: thesaurus.Thesaurus) -> None:
    assert not th.are_synonyms("forest", "telephone")
    assert not th.are_synonyms("nation", "banana")
    assert "forest" not in th.neighbours("forest")


def test_neighbours_cover_both_directions(th: thesaurus.Thesaurus) -> None:
    nb = th.neighbours("country")
    assert set(names(th.originals("country"))) <= nb
    # "nation" lists "country" as an original: the forward link must show up too
    assert "nation" in nb


def test_load_once() -> None:
    assert thesaurus.load() is thesaurus.load()


def test_originals_limit_is_a_prefix(th: thesaurus.Thesaurus) -> None:
    for form in ["nation", "heart", "make", "qzxvbn"]:
        full = th.originals(form)
        assert th.originals(form, 3) == full[:3]
        assert th.originals(form, 100) == full
    fresh = thesaurus.Thesaurus.__new__(thesaurus.Thesaurus)
    fresh.__dict__.update(th.__dict__, _orig_cache={})  # limited lookup before any full one
    assert fresh.originals("heart", 4) == th.originals("heart")[:4]
