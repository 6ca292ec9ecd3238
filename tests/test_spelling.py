"""Repairs are written in the page's own spelling (British or American); names keep theirs."""
from __future__ import annotations

import textmend
from textmend import Config, cli
from textmend.resources import spelling

BRITISH_PAGE = ("The organisation's programme was criticised by Labour. "
                "Officials said protection spending would rise next year.")
AMERICAN_PAGE = ("The organization's program was criticized by labor unions. "
                 "Officials said protection spending would rise next year.")


def _replacements(text: str, **kw) -> list[str]:
    return [e.replacement for e in textmend.repair_and_explain(text, **kw).edits]


def test_british_page_gets_british_spelling():
    r = textmend.repair_and_explain(BRITISH_PAGE)
    assert "defence spending" in [e.replacement for e in r.edits]
    edit = next(e for e in r.edits if e.replacement == "defence spending")
    assert BRITISH_PAGE[edit.start:edit.end] == edit.original == "protection spending"


def test_american_page_gets_american_spelling():
    assert "defense spending" in _replacements(AMERICAN_PAGE)


def test_american_table_words_become_british_on_a_british_page():
    text = ("The organisation's programme was criticised by Labour. "
            "The protection lawyer said the information heart would close.")
    assert textmend.repair(text) == ("The organisation's programme was criticised by Labour. "
                                     "The defence lawyer said the data centre would close.")
    assert "data center" in textmend.repair(text, match_spelling=False)


def test_option_off_keeps_the_tables_spelling():
    british = _replacements(BRITISH_PAGE, match_spelling=False)
    american = _replacements(AMERICAN_PAGE, match_spelling=False)
    assert british == american  # the table's own form, whatever the page does


def test_names_keep_their_owners_spelling_on_a_british_page():
    text = ("The organisation's programme was criticised. "
            "The World Well being Group mentioned the defence ministry would act.")
    out = textmend.repair(text)
    assert "World Health Organization" in out


def test_table_pairs_are_one_word_two_spellings():
    sp = spelling.load()
    assert sp.british["center"] == "centre" and sp.british["defense"] == "defence"
    assert sp.american["organisation"] == "organization"
    # two different words are never paired
    assert "for" not in sp.british and "filed" not in sp.british
    # American spelling also accepts "travelled", so it marks no British page
    assert "travelled" not in sp.american


def test_cli_flag_switches_it_off():
    args = cli._parser().parse_args(["--table-spelling", "doc.txt"])
    assert cli._config(args) == Config(match_spelling=False)
    assert cli._config(cli._parser().parse_args(["doc.txt"])).match_spelling is True
