"""Hypothesis properties every input must satisfy."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textmend

# Text that mixes arbitrary unicode with words and fragments spinners and repairs touch.
FRAGMENTS = ["the White Home mentioned", " {that a} ", "how one can", "international locations",
             "profound learning", "http://x.org/a{b c}", "`code`", "<b>", "\n", ". ", "Heart for ",
             "Worldwide Research", "said", "mentioned", "{a|b}", "the primary time"]
# Numerals in every shape the tokenizer keeps as one token: times, decimals, race times
# ("27:55.67"), thousands, currency, percent, ordinals, decades.
numbers = st.from_regex(r"[$£€]?[0-9]{1,3}([.,:][0-9]{1,3}){0,3}(st|nd|rd|th|s|'s|%)?",
                        fullmatch=True).map(lambda n: f" {n} ")
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12), numbers),
             max_size=30).map("".join),
)
COMMON = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(texts)
def test_never_raises_and_returns_str(text):
    assert isinstance(textmend.repair(text), str)
    d = textmend.detect(text)
    assert 0.0 <= d.score <= 1.0


@COMMON
@given(texts)
def test_edits_slice_input_and_outside_is_unchanged(text):
    r = textmend.repair_and_explain(text)
    pos = 0
    rebuilt = []
    for e in sorted(r.edits, key=lambda e: e.start):
        assert pos <= e.start <= e.end <= len(text)
        assert text[e.start:e.end] == e.original
        assert 0.0 <= e.confidence <= 1.0
        rebuilt.append(text[pos:e.start])
        rebuilt.append(e.replacement)
        pos = e.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == r.text


@COMMON
@given(texts)
def test_apply_edits_round_trip_and_deterministic(text):
    r = textmend.repair_and_explain(text)
    assert textmend.apply_edits(text, r.edits) == textmend.repair(text) == r.text
    assert textmend.repair_and_explain(text) == r
