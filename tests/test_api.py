"""Public API contract: names, types, config, errors, explanations."""
from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import textmend
from textmend import Config, Edit, apply_edits


def test_public_names_exist():
    for name in ("repair", "repair_and_explain", "repair_many", "detect", "repair_and_detect", "apply_edits", "Config",
                 "Edit", "Repaired", "Detection", "Span"):
        assert hasattr(textmend, name), name


@pytest.mark.parametrize("bad", [None, b"bytes", 3, ["a"]])
def test_non_str_input_is_type_error(bad):
    with pytest.raises(TypeError, match="str"):
        textmend.repair(bad)
    with pytest.raises(TypeError, match="str"):
        textmend.detect(bad)


def test_bytes_error_suggests_decoding():
    with pytest.raises(TypeError, match="decode"):
        textmend.repair(b"abc")


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "😀🎉", "東京は日本の首都です。", "مرحبا بالعالم",
                                  "a\x00b\x1b[31m", "<p>Hello</p>", "`code {that a}`"])
def test_odd_inputs_unchanged(text):
    assert textmend.repair(text) == text


def test_spintax_leftover_is_restored_and_explained():
    r = textmend.repair_and_explain("Officials said {that a} deal is near.")
    assert r.text == "Officials said that a deal is near."
    (e,) = r.edits
    assert (e.start, e.end, e.original, e.replacement, e.source) == (15, 23, "{that a}", "that a", "spintax")
    assert 0.0 <= e.confidence <= 1.0 and e.why


def test_spintax_inside_code_or_latex_is_untouched():
    for text in ("Use `{that a}` in code.", "The set \\frac{that a}{b} here.", "Template ${that a} text."):
        assert textmend.repair(text) == text


def test_config_is_frozen_hashable_picklable():
    cfg = Config(aggressiveness=0.7, sources=["phrasebook", "gazetteer"])
    assert isinstance(cfg.sources, frozenset)
    assert hash(cfg) == hash(pickle.loads(pickle.dumps(cfg)))
    assert pickle.loads(pickle.dumps(cfg)) == cfg
    with pytest.raises(Exception):
        cfg.aggressiveness = 0.1  # type: ignore[misc]


@pytest.mark.parametrize("kw", [{"aggressiveness": 2}, {"detect_threshold": -1}, {"sources": ["nope"]},
                                {"max_phrase_words": 0}])
def test_config_rejects_bad_values(kw):
    with pytest.raises(ValueError):
        Config(**kw)


def test_unknown_override_is_clear_error():
    with pytest.raises(TypeError, match="unknown Config option"):
        textmend.repair("text", agressiveness=0.3)


def test_config_must_be_config():
    with pytest.raises(TypeError, match="Config"):
        textmend.repair("text", config={"aggressiveness": 0.3})


def test_source_switch_off_disables_it():
    text = "Officials said {that a} deal is near."
    assert textmend.repair(text, sources=Config().sources - {"spintax"}) == text


def test_apply_edits_validates():
    text = "abc def"
    with pytest.raises(ValueError, match="expects"):
        apply_edits(text, [Edit(0, 3, "xyz", "q", 1.0, "test")])
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(text, [Edit(0, 3, "abc", "q", 1.0, "t"), Edit(2, 5, "c d", "q", 1.0, "t")])
    assert apply_edits(text, [Edit(4, 7, "def", "xyz", 1.0, "t"), Edit(0, 3, "abc", "q", 1.0, "t")]) == "q xyz"


def test_repair_many_streams_in_order():
    texts = iter(["one {that a}", "plain", "two {that the}"])
    out = textmend.repair_many(texts)
    assert next(out) == "one that a"
    assert list(out) == ["plain", "two that the"]


def test_detect_fields():
    d = textmend.detect("Officials said {that a} deal is near.")
    assert 0.0 <= d.score <= 1.0
    assert all(s.text == "Officials said {that a} deal is near."[s.start:s.end] for s in d.spans)


def test_import_is_lazy():
    code = ("import sys, textmend; "
            "print(sorted(m for m in sys.modules if m.startswith('textmend.resources.') and m != 'textmend.resources._cache'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_long_single_line_inputs_do_not_break_or_change():
    blob = "x" * 2_000_000
    assert textmend.repair(blob) == blob
    words = "plain words without any full stop " * 4_000  # one 136 kB "sentence"
    r = textmend.repair_and_explain(words)
    assert textmend.apply_edits(words, r.edits) == r.text and len(r.text) >= len(words) - 1000


def test_thread_safe_and_deterministic():
    from concurrent.futures import ThreadPoolExecutor

    texts = ["Officials said {that a} deal is near.", "The White Home mentioned it.",
             "We use profound learning here.", "Nothing to see."] * 5
    serial = [textmend.repair(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        parallel = list(pool.map(textmend.repair, texts))
    assert parallel == serial


def test_data_notices_ship_with_the_package():
    from importlib import resources

    notice = (resources.files("textmend") / "data" / "NOTICE.txt").read_text(encoding="utf-8")
    for needle in ("Carnegie Mellon University", "Princeton University", "GeoNames",
                   "Problematic Paper Screener", "Hipo", "Kevin Atkinson"):
        assert needle in notice


def test_repair_and_detect_agrees_with_the_separate_calls(seed_text):
    fixed, found = textmend.repair_and_detect(seed_text)
    assert fixed == textmend.repair_and_explain(seed_text)
    assert found == textmend.detect(seed_text)
