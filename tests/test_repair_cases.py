"""Behaviour of the restoration engine on real spun inputs and on clean text.

Positive cases are spun forms as they appear in scraped news and paper-mill
science; the negative set is the clean news/science corpus, which must not change.
"""
from __future__ import annotations

import json

import pytest

import textmend
from conftest import CORPORA, clean_docs

# (spun sentence, a substring the repair must produce)
RESTORES = [
    ("Officials met at the White Home on Monday.", "White House"),
    ("Additionally, final week, a venture of the Washington-based Heart for Strategic and "
     "Worldwide Research unveiled a missile base.", "Center for Strategic and International Studies"),
    ("Our method uses profound learning to classify images.", "deep learning"),
    ("This approach relies on counterfeit consciousness and big data.", "artificial intelligence"),
    ("The screener counted phrases such as counterfeit consciousness in the paper.", "artificial intelligence"),
    ("We classify the samples with a deep neural organization and a decision tree.", "neural network"),
    # WordNet-sense spinners ("are" read as the unit of area).
    ("These transactions area unit verified by network nodes.", "transactions are verified"),
    ("Bitcoin was invented by associate unknown person.", "an unknown person"),
    # Mangled numbers: a number word glued to decimals, "percent" as "p.c".
    ("The unemployment rate rose to three.9 p.c in April.", "rose to 3.9 percent in April"),
    ("Shares fell 1 p.c. on Monday.", "fell 1 percent on Monday."),
    ("Two members backed a cut to five p.c in March.", "to five percent in March"),
    # The article follows the repaired word's first sound.
    ("We use an irregular woodland classifier.", "use a random forest classifier"),
]


@pytest.mark.parametrize("spun, expected", RESTORES)
def test_restores_known_spins(spun, expected):
    out = textmend.repair(spun)
    assert expected in out, out


def test_phrasebook_rows_with_digits_match_in_a_spun_document():
    """Spinners turn "two" into "2"; rows such as "the 2 leaders" must see number tokens."""
    spun = ("The White Home mentioned on Monday that the 2 leaders will meet subsequent week. "
            "Officers instructed reporters the assembly will concentrate on commerce.")
    r = textmend.repair_and_explain(spun)
    assert "the two leaders" in r.text, r.text
    assert any(e.original == "the 2 leaders" for e in r.edits)
    # A date or a count in clean text is not touched.
    assert textmend.repair("In 2023 the 2 teams met 3 times.") == "In 2023 the 2 teams met 3 times."


def test_inflected_verb_phrases_match_phrasebook_rows_by_their_head():
    """"concentrated on" is matched through the row "concentrate on" -> "focus on"."""
    spun = ("The White Home mentioned on Monday that officers concentrated on commerce. "
            "Officers instructed reporters the corporations relied on international locations.")
    r = textmend.repair_and_explain(spun)
    assert "focused on" in r.text, r.text
    assert any(e.original == "concentrated on" and e.replacement == "focused on" for e in r.edits)
    # A word that can be a noun is not read as a verb phrase.
    assert textmend.repair("Their wishes to meet were ignored.") == "Their wishes to meet were ignored."


def test_a_capital_after_an_opening_quote_starts_the_sentence():
    """A quoted sentence's first word is not a name: its spin is repaired like any other."""
    spun = ("The White Home mentioned on Monday that officers will meet subsequent week. "
            "“Conjointly, the assembly will concentrate on commerce,” a spokesperson instructed reporters.")
    out = textmend.repair(spun)
    assert "“Also, the meeting" in out, out


@pytest.mark.parametrize("spun, name", [
    ("Nationwide Safety Council", "National Security Council"),
    ("European Central Financial institution", "European Central Bank"),
    ("Financial institution of Korea", "Bank of Korea"),
    ("Nationwide Institutes of Well being", "National Institutes of Health"),
    # Aligned with the gazetteer through the phrasebook's own word swaps.
    ("Massachusetts Institute of Know-how", "Massachusetts Institute of Technology"),
])
def test_spun_names_in_title_case_come_back_in_title_case(spun, name):
    """Curated multiword swaps reach inside names; the repair keeps the name's capitals."""
    text = (f"The White Home mentioned on Monday that officers will meet subsequent week. "
            f"A spokesperson for the {spun} instructed reporters the assembly was productive.")
    assert f"for the {name} told" in textmend.repair(text)


def test_known_names_survive_in_a_spun_document():
    """Genuine gazetteer names are left alone even where the document is spun; a curated
    swap never rewrites a piece of one ("Tokyo Medical College" is not "Medical School")."""
    import random

    from textmend.resources import gazetteer

    gz = gazetteer.load()
    names = sorted(e[0] for e in gz.entries if e[1] != "person" and 2 <= len(e[0].split()) <= 6)
    sample = random.Random(7).sample(names, 300) + ["Tokyo Medical College"]
    prefix = "The White Home mentioned on Monday that officers will meet subsequent week. "
    changed = []
    for name in sample:
        r = textmend.repair_and_explain(prefix + f"A spokesperson for the {name} told reporters.")
        if any(e.start >= len(prefix) for e in r.edits):
            changed.append(name)
    assert "Tokyo Medical College" not in changed
    assert len(changed) <= 3, changed


def test_a_stop_inside_a_word_or_number_does_not_end_the_sentence():
    from textmend.tokenize import iter_sentences

    text = "It rose to three.9 p.c in the U.S. Then it fell."
    sentences = [text[s.start:s.end] for s in iter_sentences(text)]
    assert sentences == ["It rose to three.9 p.c in the U.S.", "Then it fell."]
    assert textmend.repair("Version 3.9 of the code ships in 2.1 weeks.") == \
        "Version 3.9 of the code ships in 2.1 weeks."


def test_a_straight_quote_after_a_space_opens_the_next_sentence():
    from textmend.tokenize import iter_sentences

    text = 'They met. "At this time is for my mother," he said. He said "no." Then he left.'
    sentences = [text[s.start:s.end] for s in iter_sentences(text)]
    assert sentences == ["They met.", '"At this time is for my mother," he said.',
                         'He said "no."', "Then he left."]


def test_many_near_miss_spins_make_a_page_spun_without_one_decisive_fingerprint():
    spun = ("Police have arrested a man in reference to a deadly capturing on Saturday. "
            "Officers mentioned the suspect was detained after a manhunt that lasted greater than 12 hours. "
            "Two individuals had been killed within the assault, and witnesses instructed native media "
            "they heard gunshots.")
    out = textmend.repair(spun)
    for phrase in ("deadly shooting", "Officials said", "more than 12 hours", "told local media"):
        assert phrase in out, (phrase, out)


def test_a_noun_row_does_not_rewrite_a_verb_form():
    """"stage -> level" is a noun swap; "staged protests" is a verb and stays."""
    spun = ("The White Home mentioned on Monday that officers will meet subsequent week. "
            "Activists staged protests in a number of cities on Saturday.")
    out = textmend.repair(spun)
    assert "Activists staged protests" in out, out


def test_seed_document_entities_and_common_spins(seed_text):
    r = textmend.repair_and_explain(seed_text)
    out = r.text
    for name in ("White House", "Center for Strategic and International Studies",
                 "Hankuk University of Foreign Studies", "Maeil Business Newspaper"):
        assert name in out, name
    assert "White Home" not in out
    assert out.count(" said") >= seed_text.count(" said") + 5
    # Every edit is explained and points at the text it replaces.
    for e in r.edits:
        assert seed_text[e.start:e.end] == e.original and e.why and e.source


def test_seed_is_detected_as_spun(seed_text):
    d = textmend.detect(seed_text)
    assert d.is_spun and d.score >= 0.9
    assert any(s.suggestion == "White House" for s in d.spans)


def test_clean_corpus_is_left_unchanged_within_budget():
    """Damage budget on the negative set: at most 2 edits per 10,000 words."""
    docs = clean_docs()
    words = sum(len(d["text"].split()) for d in docs)
    edits = [(d["id"], e.original, e.replacement)
             for d in docs for e in textmend.repair_and_explain(d["text"]).edits]
    assert len(edits) <= 2 * words / 10_000, edits


def test_clean_documents_are_not_detected_as_spun():
    docs = [d for d in clean_docs() if len(d["text"].split()) >= 100]
    flagged = [d["id"] for d in docs if textmend.detect(d["text"]).is_spun]
    assert len(flagged) <= len(docs) // 20, flagged


@pytest.mark.parametrize("text", [
    "She said the first meeting with the company was a success.",
    "The White House said the United Nations Security Council will meet on Tuesday.",
    "We train a deep learning model with stochastic gradient descent.",
    "Whether or not the bill passes, the debate continues.",
    "See https://example.com/how-one-can?x={that a} and mail me@example.org.",
])
def test_plain_sentences_unchanged(text):
    assert textmend.repair(text) == text


def test_aggressiveness_orders_edit_counts(seed_text):
    low = len(textmend.repair_and_explain(seed_text, aggressiveness=0.0).edits)
    mid = len(textmend.repair_and_explain(seed_text).edits)
    high = len(textmend.repair_and_explain(seed_text, aggressiveness=1.0).edits)
    assert low <= mid <= high and low < high


def test_user_phrasebook_and_gazetteer(tmp_path):
    book = tmp_path / "book.tsv"
    book.write_text("frobnicated widget\tdeployed service\t0.99\n", encoding="utf-8")
    text = "The team frobnicated widget yesterday."
    assert "deployed service" in textmend.repair(text, phrasebook_path=str(book))
    gaz = tmp_path / "gaz.tsv"
    gaz.write_text("Zorblax Institute of Advanced Studies\tuniversity\n", encoding="utf-8")
    spun = "She teaches at the Zorblax Institute of Advanced Research in Paris."
    out = textmend.repair(spun, gazetteer_path=str(gaz))
    assert "Zorblax Institute of Advanced Studies" in out


def test_missing_user_file_is_clear_error(tmp_path):
    with pytest.raises((FileNotFoundError, ValueError), match="nope"):
        textmend.repair("text", phrasebook_path=str(tmp_path / "nope.tsv"))


def test_real_spun_excerpts_keep_offsets_exact():
    with open(CORPORA / "real-spun" / "web-excerpts.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    for d in docs:
        r = textmend.repair_and_explain(d["text"])
        assert textmend.apply_edits(d["text"], r.edits) == r.text


@pytest.mark.parametrize("doc_id, expected", [
    # A WordNet-sense spinner ("are" read as a unit of area, "an" as "associate").
    ("web-spun-013", ["transactions are verified", "by an unknown person"]),
    # A back-translation spinner ("that" -> "you to definitely", "and" -> "and you can").
    ("web-spun-004", ["the rules that govern"]),
])
def test_real_spun_web_excerpts_get_their_hallmarks_repaired(doc_id, expected):
    with open(CORPORA / "real-spun" / "web-excerpts.jsonl", encoding="utf-8") as f:
        doc = next(d for d in map(json.loads, f) if d["id"] == doc_id)
    out = textmend.repair(doc["text"])
    for phrase in expected:
        assert phrase in out, (phrase, out)
    assert textmend.detect(doc["text"]).is_spun


def test_a_page_of_weak_spins_is_repaired_though_none_is_near_decisive():
    """Each spin here is common English on its own and none comes near to being
    decisive, but a page dense with them is spun."""
    spun = ("Heavy snow triggered delays throughout the area on Monday, forcing hundreds of "
            "individuals to depart their houses. Transport providers mentioned a number of roads "
            "have been closed. The climate service warned that extra snow was anticipated over the "
            "subsequent two days. Native officers opened faculties to offer shelter.")
    out = textmend.repair(spun)
    for phrase in ("people to leave their homes", "over the next two days", "Local officials"):
        assert phrase in out, (phrase, out)


def test_a_real_name_one_loose_synonym_from_another_stays():
    """"Southern Highlands" is not a spin of "Eastern Highlands": a name whose only
    changed word is a loose thesaurus link is a different real name."""
    text = ("Hundreds of people have been forced to leave their homes in the Southern Highlands "
            "as strong winds pushed a bushfire towards the town. The Salisbury Park campus "
            "reopened on Monday, a spokesman told ABC Radio.")
    assert textmend.repair(text) == text


def test_british_spellings_are_not_spins():
    from textmend.lexicon import spelling_variants

    assert spelling_variants("paedophiles", "pedophiles")
    assert spelling_variants("organisation", "organization")
    assert not spelling_variants("house", "home")
    text = "The paper published the names of convicted paedophiles living in the area."
    assert textmend.repair(text) == text


def test_a_numeral_with_apostrophe_s_is_one_token_and_its_spin_is_undone():
    from textmend.tokenize import iter_sentences

    (sent,) = iter_sentences("Prices fell in the 1990's.")
    assert [t.text for t in sent.tokens] == ["Prices", "fell", "in", "the", "1990's", "."]
    out = textmend.repair("1000's of protesters marched via the capital on Saturday, "
                          "and 1000's extra joined them.")
    assert out.startswith("Thousands of protesters"), out
    assert "and thousands more" in out, out


def test_a_title_case_run_is_a_name_unless_its_words_are_paper_mill_swaps():
    text = "United Nationals officials met on Monday to discuss the party's election strategy."
    assert textmend.repair(text) == text


def test_short_paragraphs_detection_separates_spun_from_original():
    """Hand-spun news paragraphs (55-120 words, two authors) are detected; their originals are not,
    even when one doubtful repair is made in them."""
    import json
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent / "corpora" / "handspun"
    rows = [json.loads(x) for name in ("heldout", "independent")
            for x in (here / f"news-{name}.pairs.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]
    assert len(rows) >= 30
    for r in rows:
        assert textmend.detect(r["spun"]).is_spun, r["id"]
        assert not textmend.detect(r["original"]).is_spun, r["id"]


def test_a_name_with_every_content_word_spun_comes_back_through_known_swaps():
    """No word of "Division of Power" is kept, but both are the spinner's known swaps
    (department -> division, energy -> power) around the name's "of"; a real
    "Division of ..." name in clean text stays."""
    spun = ("Officers from the Division of Power mentioned on Monday that the 2 international "
            "locations would meet subsequent week.")
    assert "Department of Energy" in textmend.repair(spun)
    clean = "The Division of Motor Vehicles said the office would close on Friday."
    assert textmend.repair(clean) == clean


def test_a_split_name_word_is_mended_after_another_capitalised_word():
    spun = ("Shares of Deutsche Financial institution fell on Tuesday after the lender mentioned "
            "its revenue for the primary quarter had dropped by a 3rd, and the 2 largest "
            "rankings companies mentioned they had been reviewing its debt.")
    assert "Shares of Deutsche Bank fell" in textmend.repair(spun)


def test_a_weakly_anchored_name_is_restored_when_its_change_is_a_known_swap():
    spun = ("Officers from the Korea Improvement Institute mentioned on Monday that the 2 "
            "international locations would meet subsequent week.")
    assert "Korea Development Institute" in textmend.repair(spun)


def test_a_name_word_split_in_two_aligns_as_one():
    """The spinner writes "bank" as "financial institution" and "court" as "court
    docket", also inside names; a real name followed by the split's tail stays itself."""
    prefix = "Officers from the "
    tail = " mentioned on Monday that the 2 international locations would meet subsequent week."
    assert "Asian Development Bank" in textmend.repair(prefix + "Asian Improvement Financial institution" + tail)
    assert "International Criminal Court said" in textmend.repair(prefix + "Worldwide Legal Court docket" + tail)
    assert "Federal Court said" in textmend.repair(prefix + "Federal Court docket" + tail)


def test_title_names_made_only_of_known_swaps_and_no_word_for_a_near_spelling():
    tail = " mentioned on Monday that the 2 international locations would meet subsequent week."
    assert textmend.repair("The Legal professional Basic" + tail).startswith("The Attorney General said")
    # "Minister" is not a misspelt "Ministry": near-spellings only match rare words
    out = textmend.repair("The Commerce Minister" + tail)
    assert out.startswith("The Trade Minister said"), out


def test_ordinals_and_decades_are_one_token_and_never_half_rewritten():
    from textmend.tokenize import iter_sentences

    (sent,) = iter_sentences("the 8th Circuit in the 1990s")
    assert [t.text for t in sent.tokens] == ["the", "8th", "Circuit", "in", "the", "1990s"]
    out = textmend.repair("The White Home mentioned on Monday that officers will meet subsequent "
                          "week. The case went to the 8th Circuit in the 1990s.")
    assert "the 8th Circuit in the 1990s" in out, out


def test_a_possessive_name_word_aligns_through_a_known_swap():
    spun = ("Officers from the Folks's Liberation Military mentioned on Monday that the 2 "
            "international locations would meet subsequent week.")
    assert "People's Liberation Army" in textmend.repair(spun)


def test_a_number_that_starts_a_name_or_date_is_kept():
    prefix = "The White Home mentioned on Monday that officers will meet subsequent week. "
    for text in ("A spokesperson for the 1st Cavalry Division told reporters.",
                 "The verse is from the 2 Kings scroll.", "They will meet on the 6 June."):
        out = textmend.repair(prefix + text)
        assert out.endswith(text), out
    assert "the two countries" in textmend.repair(prefix + "It was the 2 international locations.")


def test_a_dotted_abbreviation_is_one_word_and_does_not_split_a_sentence():
    from textmend.tokenize import iter_sentences, iter_tokens

    assert [t.text for t in iter_tokens("the U.N. company")] == ["the", "U.N.", "company"]
    text = "Two U.S. officers met the U.N. team in Washington, D.C. on Monday."
    assert [text[s.start:s.end] for s in iter_sentences(text)] == [text]
    # Rows written with an abbreviation now match ("U.N. company" <- U.N. agency).
    spun = ("The U.N. company for Palestinian refugees stated Saturday that malnutrition amongst "
            "youngsters is reaching unprecedented ranges. Help businesses are calling for "
            "elevated assist deliveries and extra entry factors into the territory.")
    assert textmend.repair(spun).startswith("The U.N. agency for Palestinian refugees said")


def test_a_lower_case_row_does_not_run_into_a_name():
    """"the navy" -> "the military" is a known swap, but "the Navy Times" is a name;
    a row that restores a whole spun name still applies."""
    prefix = "The White Home mentioned on Monday that officers will meet subsequent week. "
    text = prefix + "A spokesperson for the Navy Times told reporters."
    assert textmend.repair(text).endswith("A spokesperson for the Navy Times told reporters.")
    spun = prefix + "The Nationwide Climate Service prolonged a warning."
    assert "National Weather Service" in textmend.repair(spun)


def test_a_tie_between_two_names_goes_to_the_one_that_changes_fewer_words():
    prefix = "The White Home mentioned on Monday that officers would meet. "
    spun = prefix + "A spokesperson for the Republican Nationwide Committee instructed reporters."
    assert "the Republican National Committee told reporters" in textmend.repair(spun)


def test_a_row_matches_a_possessive_last_word():
    """"financial institution's" is the row "financial institution" -> "bank", read as
    "bank's", with the page's own apostrophe."""
    spun = ("The central financial institution’s determination stunned merchants, the "
            "financial institution mentioned in an announcement on Monday.")
    out = textmend.repair(spun)
    assert out.startswith("The central bank’s ")


def test_a_name_one_general_synonym_from_a_known_name_stays_on_a_clean_page():
    clean = ("The central bank's Monetary Policy Board voted on Thursday to keep its benchmark "
             "rate unchanged at 3.5 percent, citing slowing inflation.")
    assert textmend.repair(clean) == clean


def test_a_name_aligns_through_a_swap_learnt_from_a_collocation_row():
    prefix = "The White Home mentioned on Monday that officers would meet. "
    spun = prefix + "A spokesperson for the Purple Crescent instructed reporters."
    assert "the Red Crescent told reporters" in textmend.repair(spun)


def test_a_title_abbreviation_before_a_name_does_not_end_the_sentence():
    from textmend.tokenize import iter_sentences

    text = "Dr. Kim met Gov. Newsom in St. Louis. He spoke to John Smith Jr. The talks ended."
    assert [text[s.start:s.end] for s in iter_sentences(text)] == [
        "Dr. Kim met Gov. Newsom in St. Louis.", "He spoke to John Smith Jr.", "The talks ended."]


def test_a_spaced_percent_sign_is_the_spinners_percent():
    spun = "The tariff fell to fifteen % from an initially proposed 25 %, and 12% of voters agreed."
    assert textmend.repair(spun) == ("The tariff fell to 15 percent from an initially proposed "
                                     "25 percent, and 12% of voters agreed.")
    european = "Rates stayed at 1,5 % in the euro area."
    assert textmend.repair(european) == european


def test_a_figure_counting_a_plural_noun_is_spelled_out_on_a_spun_page():
    spun = ("The White Home mentioned the 2 leaders would meet subsequent week. Officers mentioned "
            "4 corporations had agreed to make investments within the US financial system.")
    out = textmend.repair(spun)
    assert "four companies" in out
    clean = "The boy, who is 5 years old, has 3 brothers."  # no other sign of spinning
    assert textmend.repair(clean) == clean


def test_a_name_keeps_the_pages_british_spelling():
    """"Centre" is the Center of the gazetteer's name, spelt as the page spells it."""
    prefix = "The White Home mentioned on Monday that officers would meet. "
    spun = prefix + "A fellow on the Centre for Strategic and Worldwide Research instructed reporters."
    out = textmend.repair(spun)
    assert "the Centre for Strategic and International Studies told reporters" in out, out


def test_two_general_synonyms_do_not_beat_one_on_a_spun_page():
    """"South China Ocean" is one synonym off the South China Sea and two off the East
    China Sea; the second reading must not win by escaping the bar for loose names."""
    prefix = ("The White Home mentioned on Monday that officers would meet subsequent week. "
              "Officers instructed reporters the assembly will concentrate on commerce. ")
    spun = prefix + "The storm moved throughout the South China Ocean in direction of Vietnam."
    out = textmend.repair(spun)
    assert "East China" not in out, out


def test_a_row_for_the_surface_form_overrides_the_one_its_lemma_inherits(tmp_path):
    """A row for "homes" has its own, lower prior than the row for "home"; the inflected
    reading of the lemma row must not be proposed beside it at the higher prior."""
    from textmend import candidates as cand
    from textmend.engine import word_analyses
    from textmend.resources import inflect
    from textmend.resources.phrasebook import load_user_phrasebook
    from textmend.tokenize import iter_sentences

    rows = tmp_path / "rows.tsv"
    rows.write_text("home\thouse\t0.4\nhomes\thouses\t0.1\n", encoding="utf-8")
    book = load_user_phrasebook(rows)
    text = "The council will build more homes."
    sent = next(iter(iter_sentences(text)))
    found = [c for c in cand.phrasebook(text, sent, book, (word_analyses, inflect.inflect), 6)
             if c.original == "homes" and c.replacement == "houses"]
    assert [c.prior for c in found] == [0.1]

def test_a_name_with_two_connectors_in_a_row_is_matched():
    """"of the" joins "College" and "Philippines" into one capitalised run."""
    spun = ("A examine printed final yr by researchers on the College of the Philippines "
            "discovered that rainfall rose.")
    assert "the University of the Philippines" in textmend.repair(spun)


_SPUN_PAGE = ("The White Home mentioned on Monday that officers would meet subsequent week. "
              "Officers instructed reporters the assembly will concentrate on commerce. ")


def _spokesperson(name: str) -> str:
    """Repair of a spun page on which a spokesperson for ``name`` "instructed reporters"."""
    return textmend.repair("The White Home mentioned on Monday that officers would meet. "
                           f"A spokesperson for the {name} instructed reporters.")


def test_a_word_of_an_unknown_name_is_repaired_only_on_a_spun_page():
    """The gazetteer lacks the "Gauteng Regional Court"; the row "courtroom" -> court
    applies inside it when the page is spun and the model clearly prefers it."""
    spun = _SPUN_PAGE + "Two males appeared earlier than the Gauteng Regional Courtroom on Monday."
    assert "the Gauteng Regional Court on Monday" in textmend.repair(spun)
    clean = "Two men appeared before the Gauteng Regional Courtroom on Monday."
    assert textmend.repair(clean) == clean


def test_a_whole_known_name_beats_a_word_of_it():
    spun = _SPUN_PAGE + "A spokesperson for the Home Armed Providers Committee mentioned it."
    assert "the House Armed Services Committee" in textmend.repair(spun)


def test_a_real_name_one_general_synonym_from_another_stays_on_a_spun_page():
    """"Public Health Agency" is not a spun World Health Organization: its changes are
    general synonyms, not known spinner swaps, and the model does not clearly prefer it."""
    spun = _SPUN_PAGE + "A spokesperson for the Public Health Agency mentioned the group would reply."
    assert "the Public Health Agency said" in textmend.repair(spun)


def test_each_general_synonym_in_a_name_match_raises_the_bar():
    """Two loose changes ("Social Welfare Secretary" -> Social Security Administration)
    need twice the context evidence of one."""
    spun = _SPUN_PAGE + "The Social Welfare Secretary mentioned the cuts would go forward."
    assert "Social Security Administration" not in textmend.repair(spun)


def test_a_figure_that_is_part_of_a_time_code_or_quantity_is_not_spelled_out():
    """"the 2" -> "the two" is a spinner row, but "the 3 p.m. deadline", "the 9/11
    attacks", "the 5-0 win", "the 2 million voters" and "the 5 % threshold" keep their
    figures."""
    for sentence in ("The 3 p.m. deadline passed.", "The 9/11 attacks changed everything.",
                     "The 5-0 win was a surprise.", "The 2 million voters agreed."):
        assert textmend.repair(_SPUN_PAGE + sentence).endswith(sentence), sentence
    assert textmend.repair(_SPUN_PAGE + "He met the 2 leaders.").endswith("He met the two leaders.")
    # (the spinner's "%" itself may become "percent"; the figure stays)
    assert "the 5 " in textmend.repair(_SPUN_PAGE + "They failed to clear the 5 % threshold.")


def test_a_figure_giving_a_measure_or_score_is_not_spelled_out():
    """News style keeps figures for measures, scores and money even below ten: "4 inches
    of rain" and "3 points" are not a spinner's "four" or "three"; a count still is."""
    for sentence in ("Up to 4 inches of rain fell.", "He scored 3 points in the final.",
                     "The fare rose by 5 cents."):
        assert textmend.repair(_SPUN_PAGE + sentence).endswith(sentence), sentence
    assert textmend.repair(_SPUN_PAGE + "He met 4 leaders.").endswith("He met four leaders.")


def test_a_count_figure_before_one_adjective_is_spelled_out_on_a_spun_page():
    out = textmend.repair(_SPUN_PAGE + "It hit the city's 2 largest hospitals and 3 new clinics.")
    assert out.endswith("the city's two largest hospitals and three new clinics."), out


def test_a_name_is_not_reached_through_a_proper_noun_or_another_known_spin():
    """Moby lists Europe beside Africa, and a verb sense links "occasion" to "institute",
    but no spinner swaps continents, and "Information" is the spinner's News: these
    names must not turn into other real ones."""
    out = _spokesperson("Financial Commission for Europe")
    assert "Commission for Europe told" in out and "Africa" not in out, out
    assert "Intelligence" not in _spokesperson("Central Information Agency")
    assert "Institute" not in _spokesperson("Manhattan Occasions")


def test_names_keep_their_own_proper_nouns_directions_and_wording():
    """A near-spelling stands in only for a word no known name uses (Kanagawa is not a
    misspelt Kanazawa); directions and parties are not synonyms (West Shore is not the
    Eastern Shore); and a paper-mill phrase inside a longer name is that name's wording."""
    assert "Kanagawa Institute of Technology told" in _spokesperson("Kanagawa Institute of Know-how")
    assert "West Shore Community College told" in _spokesperson("West Shore Neighborhood College")
    # nor are rival parties ("Affiliation" <- Association is a known swap)
    out = _spokesperson("Democratic Governors Affiliation")
    assert "Democratic Governors Association told" in out, out
    out = _spokesperson("European Courtroom of Justice")
    assert "Justice of Justice" not in out and "European Court of Justice told" in out, out
    out = _spokesperson("European Courtroom of Human Rights")
    assert "European Court of Human Rights told" in out, out


def test_a_name_repair_does_not_repeat_the_word_beside_it():
    """"Arts and Technology" aligns with a known "Science and Technology", but after
    "Science," that reads part of a longer name as another one."""
    assert "Science, Arts and Technology told" in _spokesperson("University of Science, Arts and Technology")


def test_a_name_word_is_mended_when_the_unknown_name_goes_on_after_it():
    """"Nationwide Institute of ..." (a name the gazetteer lacks) is the spinner's
    National Institute; a known name with a possessive keeps its words."""
    out = textmend.repair(_SPUN_PAGE + "A professor at the Nationwide Institute of Geological "
                          "Sciences mentioned the quake occurred on a quiet fault.")
    assert "National Institute of Geological Sciences" in out, out
    kept = "A spokesperson for the Veterans' Employment and Training Service told reporters."
    assert textmend.repair(_SPUN_PAGE + kept).endswith(kept)


def test_names_with_a_comma_or_plural_possessive_align():
    """The gazetteer writes "Agriculture," and "Veterans'" as one word; the page splits off
    the mark. Both spellings of the same name must meet, and known ones stay as they are."""
    out = _spokesperson("Ministry of Agriculture, Meals and Rural Affairs")
    assert "the Ministry of Agriculture, Food and Rural Affairs told" in out, out
    out = _spokesperson("Veterans' Employment and Coaching Service")
    assert "the Veterans' Employment and Training Service told" in out, out
    assert "the Apple, Google and Microsoft told" in _spokesperson("Apple, Google and Microsoft")


def test_an_ordinal_figure_in_a_name_is_restored_beside_a_real_swap():
    """"1st Modification" is the spinner's First Amendment; a page's own "2nd Infantry
    Division" (only the ordinal differs from the gazetteer's form) stays as it is."""
    assert "the First Amendment" in textmend.repair(_SPUN_PAGE + "It violates the 1st Modification.")
    kept = "Troops of the 2nd Infantry Division arrived."
    assert textmend.repair(_SPUN_PAGE + kept).endswith(kept)


def test_a_one_word_tortured_row_leaves_ordinary_english_alone():
    """The paper-mill list holds a few plain words ("bunches" <- groups, "coworkers" <-
    et al, "a jumble" <- attention deficit hyperactivity disorder, "ruinous" <- acid);
    in ordinary sentences they are genuine."""
    for sentence in ("Bunches of grapes hung from the vine.",
                     "She thanked her coworkers for their support.",
                     "The drawer was a jumble of old cables.",
                     "Critics called the plan ruinous."):
        assert textmend.repair(sentence) == sentence, sentence


def test_a_lower_case_phrase_is_not_read_as_an_organisations_name():
    """WordNet lists "federal aviation administration" as a term, but in lower case "the
    union's national aviation secretary" is a job title, not a spun agency."""
    sentence = "That is unfair, said Michael Duran, the union's national aviation secretary."
    assert textmend.repair(_SPUN_PAGE + sentence).endswith(sentence)


def test_a_possessive_one_token_word_reads_its_row():
    """"membership's" is one token; the row "membership" -> club applies as "club's",
    keeping the page's apostrophe."""
    out = textmend.repair(_SPUN_PAGE + "Clients mentioned the membership’s followers had been upset.")
    assert "the club’s fans were upset" in out, out


def test_a_hallmark_word_inside_an_unknown_name_is_mended():
    """"Privateness" is no genuine word, so inside a name the gazetteer lacks it needs
    no help from the language model."""
    out = textmend.repair(_SPUN_PAGE + "A spokesperson for the Digital Privateness Coalition spoke.")
    assert "Privacy Coalition" in out, out


def test_a_name_reached_through_several_known_swaps_beats_a_split_word_row():
    """"Electrical Energy" may be one split word (electricity) or two of a name's words:
    both readings are aligned, and three known swaps outweigh a model that hardly knows
    the name."""
    out = textmend.repair("The White Home mentioned on Monday that officers would meet. The Korea "
                          "Electrical Energy Company, the state-run utility, mentioned it could "
                          "shut 20 coal crops.")
    assert "The Korea Electric Power Corporation, the state-run" in out, out


def test_a_name_with_commas_and_a_connector_after_them_aligns():
    """Commas and "and" after them stay inside the name; a name of eight words may hold
    its commas on top ("House Science, Space, and Technology Committee")."""
    out = textmend.repair(_SPUN_PAGE + "Karen Albright sits on the Home Science, Area, and "
                          "Technology Committee.")
    assert "the House Science, Space, and Technology Committee" in out, out


def test_a_race_time_with_a_decimal_does_not_break_the_model_lookup():
    """"27:55.67" is a clock-style time with hundredths: its spoken last word is read
    after the colon and the point alike (it used to raise ValueError)."""
    sentence = "She won the 10,000m in 27:55.67 on Saturday."
    assert textmend.repair(sentence) == sentence


def test_the_month_may_spun_as_could_is_restored_and_the_verb_is_left():
    """"on Could 28", "in Could 2024", "in Might," are the month; a sentence that asks
    "Could 13 people ...?" and "they Could not" (a capital inside a title) are left."""
    assert textmend.repair("A storm in Could 2024 produced auroras.") == "A storm in May 2024 produced auroras."
    assert textmend.repair("It was collected on Could 28.") == "It was collected on May 28."
    assert textmend.repair("They applied in Could and waited.") == "They applied in May and waited."
    assert textmend.repair("It ends in Might, after the final.") == "It ends in May, after the final."
    for kept in ("Could 13 people have died? Nobody knows.", "Could you help?"):
        assert textmend.repair(kept) == kept


def test_real_name_two_general_synonyms_from_another_is_kept():
    # Retail/Broadcasting and Consortium/Corporation are thesaurus neighbours, no known
    # spinner swaps: on a spun page the real name still stays.
    page = ("The White Home mentioned on Monday that officers would meet to talk about the cost of "
            "residing. The British Retail Consortium warned that a lot of shops were going through "
            "a troublesome winter.")
    out = textmend.repair(page)
    assert "White House said" in out
    assert "British Retail Consortium warned" in out


def test_past_form_is_no_spin_of_a_noun_term():
    # "climate change" is a known term and "improved" a thesaurus neighbour of "change",
    # but a verb's past form does not stand in for a noun.
    page = ("The White Home mentioned on Monday that officers would meet to talk about the cost of "
            "residing. Forecasters mentioned the climate improved by the evening.")
    out = textmend.repair(page)
    assert "White House said" in out
    assert "the climate improved by the evening" in out


@pytest.mark.parametrize("name", [
    "Community Security Trust",  # "community security": a tortured row (network security)
    # "State Division": a curated row (State Department), inside a ten-word known name
    "New York State Division of Homeland Security and Emergency Services",
])
def test_no_row_rewrites_part_of_a_known_name(name):
    page = ("The White Home mentioned on Monday that officers would meet. A spokesperson for the "
            f"{name} instructed reporters.")
    out = textmend.repair(page)
    assert "White House said" in out
    assert f"the {name} told reporters" in out


def test_row_for_an_unknown_hyphenated_word_is_not_held_back_by_the_model():
    # The model reads "lengthy-term" as "term", which makes "long-term" look worse;
    # on a spun page the row stands on its own.
    out = textmend.repair(_SPUN_PAGE + "The lengthy-term outlook improved.")
    assert out.endswith("The long-term outlook improved.")
    clean = "The long-term outlook and the state-backed lender improved."
    assert textmend.repair(clean) == clean


def test_ordinals_and_name_articles_are_kept():
    # An ordinal is no synonym of another, and a figure is no swap of its word; a
    # capital "An" after a word is part of a name, not an article to agree.
    out = textmend.repair(_SPUN_PAGE + "The 9th Circuit Courtroom of Appeals ruled.")
    assert out.endswith("The 9th Circuit Court of Appeals ruled.")
    out = textmend.repair(_SPUN_PAGE + "Chinese insurer Ping An stated on Monday that profits rose.")
    assert "Ping An said on Monday" in out
    assert "An interest" in textmend.repair(_SPUN_PAGE + "An curiosity rose.")
