"""Behaviour of the gazetteer loader (shipped data + user files)."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from textmend.resources import gazetteer as gzmod
from textmend.resources.gazetteer import Gazetteer, load, load_user_gazetteer, tokenize


def test_load_cached_and_sized() -> None:
    g = load()
    assert g is load()
    assert 20_000 < len(g) < 200_000
    assert len(g.sources) == len(g.entries)


@pytest.mark.parametrize("name, kind", [
    ("White House", "building"),
    ("Center for Strategic and International Studies", "think_tank"),
    ("Hankuk University of Foreign Studies", "university"),
    ("Free Trade Agreement", "treaty"),
    ("United Nations Security Council", "org_intl"),
    ("Nobel Peace Prize", "award"),
    ("Brookings Institution", "think_tank"),
])
def test_known_entities(name: str, kind: str) -> None:
    g = load()
    i = g.lookup_exact(name)
    assert i is not None, name
    assert g.entries[i] == (name, kind)
    # case and spacing do not matter
    assert g.lookup_exact("  " + name.upper().replace(" ", "  ")) == i


def test_lookup_exact_token_fallback_and_miss() -> None:
    g = load()
    i = g.lookup_exact("united states forces korea")
    assert i is not None and g.name(i).lower().replace(",", "") == "united states forces korea"
    assert g.lookup_exact("Heart for Strategic and Worldwide Research") is None
    assert g.lookup_exact("") is None


def test_by_token_index_consistent() -> None:
    g = load()
    ids = g.by_token("hankuk")
    assert ids == tuple(sorted(ids)) and ids
    assert all("hankuk" in tokenize(g.name(i)) for i in ids)
    target = g.lookup_exact("Hankuk University of Foreign Studies")
    assert target in ids
    assert g.by_token("Hankuk") == ids          # case-insensitive
    assert g.by_token("zzqqxxnotaword") == ()
    assert g.token_df("hankuk") == len(ids)
    # rare anchors are rarer than function words
    assert g.token_df("of") > 1000 > g.token_df("strategic") > g.token_df("hankuk")


def test_index_matches_entries_sample() -> None:
    g = load()
    for i in range(0, len(g), 997):
        for t in g.tokens_of(i):
            assert i in g.by_token(t)


def test_accent_folding() -> None:
    assert tokenize("Université de Montréal") == ["universite", "de", "montreal"]
    g = load()
    i = g.lookup_exact("Élysée Palace")
    assert i is not None and i in g.by_token("elysee")


def test_bulk_entries_are_multiword() -> None:
    g = load()
    for (name, _), src in zip(g.entries, g.sources):
        if src != "curated":
            assert len(tokenize(name)) >= 2, name


def test_user_gazetteer_and_merge(tmp_path: Path) -> None:
    f = tmp_path / "names.tsv"
    f.write_text("# mine\nFrobnitz Institute of Widgetry\tthink_tank\nQuuxcorp Holdings\n"
                 "White House\tlandmark\n", encoding="utf-8")
    user = load_user_gazetteer(f)
    assert user.entries == (("Frobnitz Institute of Widgetry", "think_tank"),
                            ("Quuxcorp Holdings", "user"), ("White House", "landmark"))
    base = load()
    merged = base.merged(user)
    assert len(merged) == len(base) + 2
    j = merged.lookup_exact("frobnitz institute of widgetry")
    assert j is not None and j >= len(base)
    assert j in merged.by_token("frobnitz")
    assert merged.kind(merged.lookup_exact("White House")) == "landmark"
    assert base.kind(base.lookup_exact("White House")) == "building"   # base untouched
    # ids of the base survive the merge
    k = base.lookup_exact("Brookings Institution")
    assert merged.entries[k] == base.entries[k]
    assert merged.by_token("brookings") == base.by_token("brookings")


@pytest.mark.parametrize("content, message", [
    ("a\tb\tc\n", "expected 'name"),
    ("\tkind\n", "empty name"),
    ("---\n", "no letters"),
])
def test_user_gazetteer_errors(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("# x\n" + content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as exc:
        load_user_gazetteer(f)
    assert "bad.tsv:2" in str(exc.value)


def test_user_gazetteer_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_user_gazetteer(tmp_path / "missing.tsv")


def test_select_by_kind_and_source() -> None:
    g = load()
    uni = g.select(kinds={"university"})
    assert uni.kinds() == {"university"}
    assert uni.lookup_exact("Seoul National University") is not None
    cur = g.select(sources={"curated"})
    assert set(cur.sources) == {"curated"} and cur.lookup_exact("White House") is not None


def test_small_gazetteer_builds_index() -> None:
    g = Gazetteer([("Alpha Beta", "x"), ("Beta Gamma", "y")])
    assert g.by_token("beta") == (0, 1)
    assert g.token_df("gamma") == 1
    assert g.lookup_exact("ALPHA beta") == 0


def test_shipped_file_sorted_and_unique() -> None:
    with gzip.open(gzmod.DATA, "rt", encoding="utf-8") as fh:
        head = fh.read().split("\n#postings\n")[0]
    names = [l.split("\t")[0] for l in head.splitlines() if l and not l.startswith("#")]
    keys = [" ".join(tokenize(n)) for n in names]
    assert len(set(keys)) == len(keys)


def test_an_entry_with_a_place_qualifier_is_known_without_it() -> None:
    from textmend.resources import gazetteer

    gaz = gazetteer.load()
    named = [n for n, _ in gaz.entries if ", " in n and len(n.split(", ")[0].split()) >= 2]
    assert named, "the shipped gazetteer has qualified names"
    head = named[0].split(", ")[0]
    assert gaz.lookup_exact(head) is not None
    assert gaz.lookup_exact(named[0]) is not None
