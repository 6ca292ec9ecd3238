"""Behaviour of the phrasebook loader (shipped data + user files)."""
from __future__ import annotations

from pathlib import Path

import pytest

from textmend.resources import phrasebook as pbmod
from textmend.resources.phrasebook import (
    Phrasebook, load, load_curated, load_tortured, load_user_phrasebook, normalize)

ROOT = Path(__file__).resolve().parent.parent


def _tsv_rows(path: Path) -> list[list[str]]:
    rows = [l.split("\t") for l in path.read_text(encoding="utf-8").splitlines()
            if l and not l.startswith("#")]
    assert rows[0] == ["tortured", "expected", "num_papers"]
    return rows[1:]


def test_load_is_cached_and_has_both_sources() -> None:
    book = load()
    assert book is load()
    assert {"curated", "tortured"} <= book.sources
    assert len(book) > 5000


def test_curated_function_phrases() -> None:
    book = load()
    originals = [o for o, _, _ in book.lookup("how one can")]
    assert "how to" in originals
    assert book.lookup("as a way to")[0][0] == "in order to"
    # lookup normalises case, spacing and curly quotes
    assert book.lookup("  How   One CAN ") == book.lookup("how one can")
    assert book.lookup("received\u2019t") == book.lookup("received't")


def test_priors_ranked_and_in_range() -> None:
    for key, entries in load().items():
        priors = [p for _, p, _ in entries]
        assert priors == sorted(priors, reverse=True), key
        assert all(0.0 < p <= 1.0 for p in priors), key


def test_unknown_phrase_gives_empty_tuple() -> None:
    assert load().lookup("the quick brown fox") == ()
    assert "the quick brown fox" not in load()


def test_prefilters_consistent() -> None:
    book = load()
    assert book.max_len == max(len(k.split()) for k in book.keys())
    for key in book.keys():
        assert key.split()[0] in book.first_tokens
    assert "how" in book.first_tokens


def test_every_tortured_row_ships_and_the_disable_file_removes_the_heldout_ones() -> None:
    book = load()
    tortured = ROOT / "corpora" / "tortured"
    inbook = _tsv_rows(tortured / "inbook.tsv")
    heldout = _tsv_rows(tortured / "heldout.tsv")
    assert len(heldout) > 0.12 * (len(inbook) + len(heldout))
    for t, e, _ in inbook[:300] + heldout[:300]:
        assert e in [o for o, _, s in book.lookup(t) if s == "tortured"], t
    held = {t for t, _, _ in heldout}
    assert not held & {t for t, _, _ in inbook}
    benchmark_book = book.merged(load_user_phrasebook(tortured / "heldout-disable.tsv"))
    assert not held & set(benchmark_book.keys()), "held-out tortured phrase survives the disable file"
    assert all(benchmark_book.lookup(t) for t, _, _ in inbook[:300])


def test_source_switching() -> None:
    cur, tor = load_curated(), load_tortured()
    assert cur.sources == {"curated"} and tor.sources == {"tortured"}
    assert cur.lookup("how one can") and not tor.lookup("how one can")
    t_key = next(iter(tor.keys()))
    assert load().without({"tortured"}).lookup(t_key) == cur.lookup(t_key)
    with pytest.raises(ValueError, match="unknown phrasebook source"):
        load().select({"nonsense"})


def test_user_phrasebook_and_merge(tmp_path: Path) -> None:
    f = tmp_path / "mine.tsv"
    f.write_text("# my rows\nHow One Can\thow to\t0.5\nfrobnicated widget\tfancy widget\n",
                 encoding="utf-8")
    user = load_user_phrasebook(f)
    assert user.lookup("frobnicated widget") == (("fancy widget", 0.9, "user"),)
    merged = load().merged(user)
    assert merged.lookup("frobnicated widget")
    how = {o: (p, s) for o, p, s in merged.lookup("how one can")}
    assert how["how to"] == (0.5, "user")          # user row overrides shipped prior
    assert load().lookup("how one can")[0][2] == "curated"   # original untouched
    assert merged.max_len >= load().max_len


def test_user_prior_zero_switches_a_shipped_row_off(tmp_path: Path) -> None:
    f = tmp_path / "off.tsv"
    f.write_text("how one can\thow to\t0\n", encoding="utf-8")
    shipped = [o for o, _, _ in load().lookup("how one can")]
    merged = load().merged(load_user_phrasebook(f))
    assert "how to" in shipped
    assert [o for o, _, _ in merged.lookup("how one can")] == [o for o in shipped if o != "how to"]
    assert merged.category("how one can", "how to") is None


@pytest.mark.parametrize("content, message", [
    ("only-one-column\n", "expected 'spun<TAB>original"),
    ("a\tb\tnot-a-number\n", "is not a number"),
    ("a\tb\t1.5\n", "must be in"),
    ("a\tb\t-0.1\n", "must be in"),
    ("a\tb\t0.5\textra\n", "got 4 column"),
])
def test_user_phrasebook_errors(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("# header\n" + content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as exc:
        load_user_phrasebook(f)
    assert "bad.tsv:2" in str(exc.value)


def test_user_phrasebook_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_user_phrasebook(tmp_path / "nope.tsv")


def test_normalize() -> None:
    assert normalize("  On  The\tFinish ") == "on the finish"
    assert normalize("Won\u2019t") == "won't"


def test_empty_phrasebook() -> None:
    empty = Phrasebook({})
    assert len(empty) == 0 and empty.max_len == 0 and empty.lookup("x") == ()


def test_shipped_file_is_sorted_and_well_formed() -> None:
    import gzip
    with gzip.open(pbmod.DATA, "rt", encoding="utf-8") as fh:
        rows = [l.rstrip("\n").split("\t") for l in fh if not l.startswith("#")]
    assert [r[:2] for r in rows] == sorted(r[:2] for r in rows)
    assert all(len(r) == 5 and r[3] in {"curated", "tortured"} for r in rows)


def test_word_swaps_are_curated_pairs_with_a_one_word_original() -> None:
    swaps = load().word_swaps()
    assert ("nationwide", "national") in swaps and ("know-how", "technology") in swaps
    assert ("financial institution", "bank") in swaps  # a name word split in two
    assert all(a.count(" ") <= 1 and " " not in b for a, b in swaps)
    assert not any(a == "profound" for a, _ in load_tortured().word_swaps())  # tortured rows excluded


def test_abbreviation_rows_ship_in_both_styles() -> None:
    book = load()
    plain = {(o, round(p, 2)) for o, p, _ in book.lookup("US officers")}
    dotted = {(o.replace("U.S.", "US"), round(p, 2)) for o, p, _ in book.lookup("U.S. officers")}
    assert ("US officials", 0.5) in plain
    assert dotted == plain
    assert all(o.startswith("U.S.") for o, _, _ in book.lookup("U.S. officers"))


def test_word_swaps_include_the_one_changed_word_of_confident_collocation_rows() -> None:
    swaps = load().word_swaps()
    assert ("purple", "red") in swaps        # from "purple carpet" -> "red carpet" (0.97)
    assert ("bank", "credit") not in swaps  # only a 0.2 row ("bank card") shows it
    # "ever because" -> "ever since" (0.9) changes one function word: not a word swap
    assert ("because", "since") not in swaps
