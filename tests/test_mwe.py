"""Behaviour of the WordNet multiword-expression list (textmend.resources.mwe)."""
from __future__ import annotations

from textmend.resources import mwe


def test_common_phrases_present() -> None:
    m = mwe.load()
    for p in ["martial law", "first lady", "matter of fact", "fiscal year", "white house"]:
        assert p in m, p


def test_lookup_is_lowercase_and_space_joined() -> None:
    m = mwe.load()
    assert "Martial Law" not in m
    assert "martial_law" not in m
    assert "martial" not in m  # single words are not MWEs
    assert 123 not in m


def test_proper_names_keep_case() -> None:
    p = mwe.load().proper()
    assert "White House" in p
    assert "World War II" in p
    assert "first lady" not in p and "First Lady" not in p
    assert "Adam's apple" not in p  # capitalised word, but a common noun phrase
    assert all(not x.islower() for x in p)


def test_size_and_max_len() -> None:
    m = mwe.load()
    assert 60_000 < len(m) < 80_000
    assert 4 <= m.max_len <= 12
    assert mwe.load() is m
