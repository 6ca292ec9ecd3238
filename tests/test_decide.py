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
    text = "The companies grew. A firm said so."
    vocab: dict = {}
    assert engine._in_document("company", text, vocab)   # via the lemma of "companies"
    assert engine._in_document("Firm", text, vocab)
    assert not engine._in_document("corporation", text, vocab)
