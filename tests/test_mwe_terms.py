"""The curated technical terms (tools/mwe/terms.tsv) shipped in the MWE resource."""
from __future__ import annotations

from textmend.resources import mwe


def test_curated_terms_are_known() -> None:
    m = mwe.load()
    for p in ["support vector machine", "convolutional neural network", "mean squared error",
              "heat transfer coefficient", "supply chain management", "kalman filter"]:
        assert p in m, p


def test_curated_terms_are_indexed_by_each_word() -> None:
    m = mwe.load()
    assert ("support", "vector", "machine") in m.terms_with("vector")
    assert ("support", "vector", "machine") in m.terms_with("machine")
    assert ("random", "forest") in m.terms_with("forest")


def test_curated_terms_are_not_proper_names() -> None:
    # Eponymous terms keep their capital ("Kalman filter") but are never gazetteer names.
    p = mwe.load().proper()
    assert "Kalman filter" not in p
    assert not any(x.lower() == "support vector machine" for x in p)


def test_applied_field_terms_are_known() -> None:
    # Terms of programming, databases, econometrics, energy, medicine, pharmacology,
    # agriculture, telecoms, transport, accounting and law (added in session 13): genuine
    # text using them must count as a known term, not as a spun form of a rival term.
    m = mwe.load()
    for p in ["bound variable", "primary key", "clustered index",
              "instrumental variable", "feed-in tariff", "progression-free survival",
              "volume of distribution", "drip irrigation", "bit error rate",
              "signalized intersection", "cost of goods sold", "judicial independence"]:
        assert p in m, p


def test_applied_field_terms_are_indexed() -> None:
    m = mwe.load()
    assert ("bound", "variable") in m.terms_with("bound")
    assert ("primary", "key") in m.terms_with("key")
    assert ("progression-free", "survival") in m.terms_with("survival")
