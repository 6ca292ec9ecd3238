"""The fast path for pages without spinner fingerprints (Config.search_quiet_pages)."""
from __future__ import annotations

from pathlib import Path

import pytest

import textmend
from textmend import candidates, cli
from textmend.config import Config

HELDOUT_OFF = str(Path(__file__).resolve().parent.parent / "corpora" / "tortured"
                  / "heldout-disable.tsv")


def _edits(r):
    return [(e.start, e.end, e.replacement, e.source) for e in r.edits]


def test_spun_page_is_searched_in_full(seed_text):
    fast = textmend.repair_and_explain(seed_text)
    full = textmend.repair_and_explain(seed_text, search_quiet_pages=True)
    assert _edits(fast) == _edits(full)
    assert any(e.source == "gazetteer" for e in fast.edits)


def test_quiet_page_skips_the_thesaurus(monkeypatch):
    calls = []
    real = candidates.thesaurus

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(candidates, "thesaurus", spy)
    clean = "Illbruck holds a two nautical mile lead over Team Tyco, while the rest trail."
    assert textmend.repair(clean) == clean
    assert calls == []
    textmend.repair(clean, search_quiet_pages=True)
    assert calls


def test_detect_searches_every_page(clean_corpus):
    for doc in clean_corpus[:8]:
        a = textmend.detect(doc["text"])
        b = textmend.detect(doc["text"], search_quiet_pages=True)
        assert (a.score, a.spans) == (b.score, b.spans)


def test_quiet_page_still_restores_a_spun_name_with_no_phrasebook_hit(tmp_path):
    # Nothing else on the page is a fingerprint; "Research" is a known spun word.
    gaz = tmp_path / "gaz.tsv"
    gaz.write_text("Zorblax Institute of Advanced Studies\tuniversity\n", encoding="utf-8")
    spun = "She teaches at the Zorblax Institute of Advanced Research in Paris."
    out = textmend.repair(spun, gazetteer_path=str(gaz))
    assert out == "She teaches at the Zorblax Institute of Advanced Studies in Paris."


@pytest.mark.parametrize("spun, fixed", [
    # paper-mill phrases that the list (with its held-out part off) lacks
    ("Adjusted mortalities were estimated by logistic retrogression which, in addition to "
     "hospital, included age, sex and stage of disease.", "logistic regression"),
    ("We discuss the advantages and limitations of slope helping in detail.", "gradient boosting"),
])
def test_quiet_page_still_finds_unlisted_tortured_terms(spun, fixed):
    assert fixed in textmend.repair(spun, phrasebook_path=HELDOUT_OFF)


def test_cli_flag_sets_the_option():
    args = cli._parser().parse_args(["--search-quiet-pages", "doc.txt"])
    assert cli._config(args) == Config(search_quiet_pages=True)
    assert cli._config(cli._parser().parse_args(["doc.txt"])).search_quiet_pages is False
