"""Behaviour of the decision features that look beyond one sentence."""
from __future__ import annotations

from textmend import engine
from textmend.candidates import Candidate
from textmend.decide import SUPPORT_WEIGHT, thesaurus_context


def _candidate() -> Candidate:
    c = Candidate(3, 4, 10, 19, "corporation", ("company",), "thesaurus", 0.5, "test")
    c.lm_delta, c.extra["uni"] = 2.0, 0.5
    return c


def test_an_original_found_elsewhere_in_the_document_raises_the_gain():
    seen, unseen = _candidate(), _candidate()
    thesaurus_context([seen], lambda word: True)
    thesaurus_context([unseen], lambda word: False)
    assert seen.extra["support"] == 1.0 and unseen.extra["support"] == 0.0
    assert abs((seen.gain - unseen.gain) - SUPPORT_WEIGHT) < 1e-9


def test_document_vocabulary_matches_other_inflections_of_a_word():
    in_document = engine._document_support("The companies grew. A firm said so.")
    assert in_document("company")   # via the lemma of "companies"
    assert in_document("Firm")
    assert not in_document("corporation")
