"""English inflection without a tagger: word form -> (lemma, Penn tag) and back.

A spinner replaces a word by a synonym *lemma* and re-inflects it ("said" -> "mentioned",
"companies" -> "corporations", "largest" -> "biggest"). To restore, we analyse the spun
word, swap the lemma, and carry the tag over to the candidate original.

Data: ``data/inflect.tsv.gz`` built by ``tools/build_inflection.py`` from lemminflect's
tables (MIT) and WordNet 3.0. It holds a lemma vocabulary with part-of-speech flags and
only the inflections that the regular rules below get wrong, so the file is small and
loads in a few milliseconds. Runtime needs no lemminflect.

Flags per lemma: ``n`` noun, ``v`` verb, ``a`` adjective compared with more/most,
``A`` adjective compared with -er/-est, ``r``/``R`` the same for adverbs.
"""
from __future__ import annotations

import gzip
from pathlib import Path

from textmend.resources._cache import once

DATA = Path(__file__).resolve().parent.parent / "data" / "inflect.tsv.gz"

TAG_ORDER = ("NN", "NNS", "VB", "VBP", "VBZ", "VBD", "VBN", "VBG",
             "JJ", "JJR", "JJS", "RB", "RBR", "RBS")
_TAG_RANK = {t: i for i, t in enumerate(TAG_ORDER)}
# which lemma flag licenses which tags
_TAG_FLAGS = {
    "NN": "n", "NNS": "n",
    "VB": "v", "VBP": "v", "VBZ": "v", "VBD": "v", "VBN": "v", "VBG": "v",
    "JJ": "aA", "JJR": "aA", "JJS": "aA",
    "RB": "rR", "RBR": "rR", "RBS": "rR",
}
_BASE_TAGS = {"n": ("NN",), "v": ("VB", "VBP"), "a": ("JJ",), "A": ("JJ",),
              "r": ("RB",), "R": ("RB",)}
_VOWELS = frozenset("aeiou")
# words after which a multiword noun's head has already occurred ("matter of fact")
_PREPS = frozenset("of in for on to at by with from de du la".split())


class InflectionTable:
    """Lemma flags plus irregular forms; regular forms come from :func:`regular`."""

    def __init__(self, flags: dict[str, str], exc: dict[tuple[str, str], tuple[str, ...]]):
        self.flags = flags
        self.exc = exc
        rev: dict[str, list[tuple[str, str]]] = {}
        for (lemma, tag), forms in exc.items():
            for f in forms:
                rev.setdefault(f, []).append((lemma, tag))
        # tuples: read-only from here on, and untracked by the cyclic GC (lists never are)
        self.rev: dict[str, tuple[tuple[str, str], ...]] = {f: tuple(v) for f, v in rev.items()}


@once
def load() -> InflectionTable:
    """Read the shipped table (lazily, once per process)."""
    if not DATA.exists():
        raise FileNotFoundError(f"textmend inflection data missing: {DATA}; "
                                "rebuild with tools/build_inflection.py")
    text = gzip.decompress(DATA.read_bytes()).decode("utf-8")
    vocab_part, _, exc_part = text.partition("\n#exceptions\n")
    flags: dict[str, str] = {}
    for line in vocab_part.split("\n"):
        if line and not line.startswith("#"):
            w, _, f = line.partition("\t")
            flags[w] = f
    exc: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in exc_part.split("\n"):
        if line:
            lemma, tag, forms = line.split("\t")
            exc[(lemma, tag)] = tuple(forms.split("/"))
    return InflectionTable(flags, exc)


def _double(w: str) -> bool:
    """True for a one-syllable consonant-vowel-consonant ending that doubles (stop -> stopped).

    Longer words that double (prefer -> preferred) are listed as exceptions in the data.
    """
    return (len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy"
            and w[-2] in _VOWELS and w[-3] not in _VOWELS and _syllables(w) == 1)


def regular(lemma: str, tag: str, flags: str = "") -> str | None:
    """Rule-based inflection of one word; the data file lists only deviations from this.

    ``flags`` decides comparison style for adjectives/adverbs (A/R: -er/-est, else
    more/most). Returns None for tags it does not handle.
    """
    w = lemma
    if tag in ("NN", "VB", "VBP", "JJ", "RB"):
        return w
    if not w:
        return None
    if tag in ("NNS", "VBZ"):
        if w.endswith(("s", "x", "z", "ch", "sh")):
            return w + "es"
        if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
            return w[:-1] + "ies"
        return w + "s"
    if tag in ("VBD", "VBN"):
        if w.endswith("e"):
            return w + "d"
        if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
            return w[:-1] + "ied"
        if _double(w):
            return w + w[-1] + "ed"
        return w + "ed"
    if tag == "VBG":
        if w.endswith("ie") and len(w) > 2:
            return w[:-2] + "ying"
        if w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
            return w[:-1] + "ing"
        if _double(w):
            return w + w[-1] + "ing"
        return w + "ing"
    if tag in ("JJR", "JJS", "RBR", "RBS"):
        sup = tag.endswith("S")
        if not (set(flags) & {"A", "R"}):
            return ("most " if sup else "more ") + w
        if w.endswith("e"):
            return w + ("st" if sup else "r")
        if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
            return w[:-1] + ("iest" if sup else "ier")
        if _double(w):
            w = w + w[-1]
        return w + ("est" if sup else "er")
    return None


def _inflect_word(lemma: str, tag: str, table: InflectionTable) -> str | None:
    forms = table.exc.get((lemma, tag))
    if forms:
        return forms[0]
    flags = table.flags.get(lemma)
    if flags is None:
        # unknown lemma: short adjectives/adverbs take -er/-est
        flags = "AR" if tag[:2] in ("JJ", "RB") and _syllables(lemma) == 1 else ""
    return regular(lemma, tag, flags)


def _syllables(w: str) -> int:
    n, prev = 0, False
    for ch in w:
        v = ch in _VOWELS or ch == "y"
        if v and not prev:
            n += 1
        prev = v
    if w.endswith("e") and n > 1:
        n -= 1
    return max(n, 1)


def inflect(lemma: str, tag: str) -> str | None:
    """Inflect a lowercase lemma (or space-joined phrase) for a Penn tag.

    >>> inflect("say", "VBD"), inflect("company", "NNS"), inflect("large", "JJS")
    ('said', 'companies', 'largest')
    >>> inflect("go to", "VBD")
    'went to'

    Phrases inflect their head: the first word for verbs, the last word (or the word
    before a preposition: "matter of fact") for nouns; comparison uses more/most.
    Returns None for an unsupported tag or empty lemma.
    """
    if tag not in _TAG_RANK or not lemma:
        return None
    table = load()
    if " " not in lemma:
        return _inflect_word(lemma, tag, table)
    if (lemma, tag) in table.exc:
        return table.exc[(lemma, tag)][0]
    words = lemma.split(" ")
    if tag in ("NN", "VB", "VBP", "JJ", "RB"):
        return lemma
    if tag.startswith("VB"):
        head = 0
    elif tag == "NNS":
        head = len(words) - 1
        for i, w in enumerate(words[1:], 1):
            if w in _PREPS:
                head = i - 1
                break
    else:  # comparison of a phrase
        return ("most " if tag.endswith("S") else "more ") + lemma
    form = _inflect_word(words[head], tag, table)
    if form is None:
        return None
    words[head] = form
    return " ".join(words)


def _candidates(word: str) -> list[tuple[str, str]]:
    """Reverse the regular rules: (lemma guess, tag) pairs for a suffixed form.

    Every lemma is non-empty: each rule needs the word to be longer than its suffix.
    """
    out: list[tuple[str, str]] = []
    add = out.append
    n = len(word)
    if word.endswith("s") and n > 2 and not word.endswith("ss"):
        stem = word[:-1]
        out += ((stem, "NNS"), (stem, "VBZ"))
        if word.endswith("es"):
            stem = word[:-2]
            out += ((stem, "NNS"), (stem, "VBZ"))
            if word.endswith("ies"):
                stem = word[:-3] + "y"
                out += ((stem, "NNS"), (stem, "VBZ"))
    if word.endswith("ed") and n > 3:
        for stem in (word[:-2], word[:-1]):
            out += ((stem, "VBD"), (stem, "VBN"))
        if word.endswith("ied"):
            stem = word[:-3] + "y"
            out += ((stem, "VBD"), (stem, "VBN"))
        if n > 4 and word[-3] == word[-4]:
            stem = word[:-3]
            out += ((stem, "VBD"), (stem, "VBN"))
    if word.endswith("ing") and n > 4:
        add((word[:-3], "VBG"))
        add((word[:-3] + "e", "VBG"))
        if word.endswith("ying"):
            add((word[:-4] + "ie", "VBG"))
        if n > 5 and word[-4] == word[-5]:
            add((word[:-4], "VBG"))
    for suf, tags in (("er", ("JJR", "RBR")), ("est", ("JJS", "RBS"))):
        if word.endswith(suf) and n > len(suf) + 1:
            stem = word[: -len(suf)]
            stems = [stem, stem + "e"]
            if stem.endswith("i"):
                stems.append(stem[:-1] + "y")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])
            for lemma in stems:
                out += ((lemma, tags[0]), (lemma, tags[1]))
    return out


#: Lemma flags that license each tag, as sets (``isdisjoint`` takes the flag string).
_TAG_FLAG_SETS = {tag: frozenset(f) for tag, f in _TAG_FLAGS.items()}
_COMPARED = frozenset({"JJR", "JJS", "RBR", "RBS"})


def _reading_order(reading: tuple[str, str]) -> tuple[int, str]:
    return _TAG_RANK[reading[1]], reading[0]


def analyses(word: str) -> tuple[tuple[str, str], ...]:
    """All (lemma, Penn tag) readings of a lowercase word form, in a fixed tag order.

    >>> analyses("mentioned")
    (('mention', 'VBD'), ('mention', 'VBN'))

    Known lemmas give their base readings too (NN, VB/VBP, JJ, RB). A word whose lemma
    is not in the vocabulary gets best-effort suffix guesses; a bare unknown word, ().
    """
    if not word:
        return ()
    table = load()
    found: set[tuple[str, str]] = set()
    flags_of, exc = table.flags.get, table.exc
    flags = flags_of(word)
    if flags:
        for f in flags:
            for t in _BASE_TAGS[f]:
                found.add((word, t))
    for lemma, tag in table.rev.get(word, ()):
        if lemma != word or tag != "NNS":  # invariant/mass plurals: keep the NN reading
            found.add((lemma, tag))
    guesses = _candidates(word)
    for guess in guesses:
        lemma, tag = guess
        lf = flags_of(lemma)
        if lf is None or _TAG_FLAG_SETS[tag].isdisjoint(lf):
            continue
        if tag in _COMPARED and "A" not in lf and "R" not in lf and guess not in exc:
            continue
        forms = exc.get(guess)
        if forms is not None:
            if word in forms:
                found.add(guess)
        elif regular(lemma, tag, lf) == word:
            found.add(guess)
    if not found and flags is None:
        found.update(_guess_unknown(word, guesses))
    if len(found) < 2:
        return tuple(found)
    return tuple(sorted(found, key=_reading_order))


def _guess_unknown(word: str, guesses: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Best-effort readings for a word outside the vocabulary: first matching rule wins."""
    for lemma, tag in guesses:
        if tag.startswith(("JJ", "RB")):
            continue  # -er/-est on unknown words is mostly agent nouns ("blogger")
        if regular(lemma, tag, "") == word:
            base_tag = tag
            same = [(l, t) for l, t in guesses if l == lemma and regular(l, t, "") == word
                    and not t.startswith(("JJ", "RB"))]
            return same or [(lemma, base_tag)]
    return []
