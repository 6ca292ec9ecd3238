"""Behaviour of the decision features that look beyond one sentence."""
from __future__ import annotations

from textmend import engine
from textmend.candidates import Candidate
from textmend.decide import SUPPORT_WEIGHT, _trimmed, thesaurus_context
from textmend.tokenize import iter_tokens


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


def _row(text: str, i: int, j: int, words: tuple[str, ...]) -> Candidate:
    toks = list(iter_tokens(text))
    start, end = toks[i].start, toks[j - 1].end
    return Candidate(i, j, start, end, text[start:end], words, "curated", 0.85, "test")


def test_rows_meeting_on_a_word_both_keep_are_trimmed_not_dropped():
    text = "It is just not but recognized."
    toks = list(iter_tokens(text))
    first = _row(text, 1, 4, ("is", "not"))             # is just not -> is not
    best = _row(text, 3, 6, ("not", "yet", "known"))    # not but recognized -> not yet known
    part = _trimmed(first, best, toks)
    assert part is not None
    assert (part.original, part.replacement) == ("is just", "is")
    assert (part.start, part.end) == (3, 10)


def test_rows_are_not_trimmed_where_the_accepted_repair_changes_the_shared_word():
    text = "It is just not but recognized."
    toks = list(iter_tokens(text))
    first = _row(text, 1, 4, ("is", "not"))
    best = _row(text, 3, 6, ("never", "yet", "known"))  # changes "not"
    assert _trimmed(first, best, toks) is None


def test_a_row_the_model_clearly_rejects_gets_no_document_level_lift():
    from textmend.decide import LIFT_CTX_FLOOR, DocLevel, margin

    spun_page = DocLevel(news=1.0)
    c = Candidate(3, 4, 10, 18, "officers", ("officials",), "curated", 0.35, "test")
    c.lm_delta = LIFT_CTX_FLOOR + 0.5
    lifted = margin(c, 0.5, spun_page)
    c.lm_delta = LIFT_CTX_FLOOR - 0.5  # "police officers" -> "police officials"
    assert lifted < margin(c, 0.5, spun_page) == margin(c, 0.5, DocLevel())
