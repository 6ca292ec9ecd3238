"""Known multiword terms and tortured-phrase word swaps, derived from loaded resources.

The term matcher looks up terms that have a given word at a given position: the
WordNet multiword expressions (prebuilt index in the MWE resource) and the originals
of the phrasebook's tortured phrases. The word map holds the word-level swaps paper-mill
spinners reuse across phrases, learnt from the tortured pairs themselves.
"""
from __future__ import annotations

from ..lexicon import STOPWORDS

_TERM_INDEX: dict = {}
_SLOT = {2: 0, 3: 2, 4: 5}  # first of the per-position slots of each term length
_NONE: tuple[tuple, ...] = ((),) * 9  # a word in no term


class TermIndex:
    """Find known terms of length n with a given word at a given position.

    Terms are the multiword expressions (prebuilt index in the MWE resource) and the
    originals of the phrasebook's tortured phrases (a few thousand, indexed here).
    """

    def __init__(self, mwe, book) -> None:
        self.mwe = mwe
        tortured: dict[tuple[int, int, str], list[tuple[tuple[str, ...], bool]]] = {}
        slots: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        if book is not None:
            terms = sorted({tuple(e[0].split()) for _spun, entries in book.items()
                            for e in entries if e[2] == "tortured"})
            for term in terms:
                if 2 <= len(term) <= 4:
                    for pos, w in enumerate(term):
                        tortured.setdefault((len(term), pos, w), []).append((term, True))
                        slots.setdefault(w, []).append((_SLOT[len(term)] + pos, term))
        # tuples: read-only from here on, and untracked by the cyclic GC (lists never are)
        self.tortured = {k: tuple(v) for k, v in tortured.items()}
        self._tortured_slots = {w: tuple(v) for w, v in slots.items()}
        self._tortured_firsts = frozenset(w for n, pos, w in self.tortured if n == 2 and pos == 0)
        self.cache: dict[tuple[int, int, str], tuple] = {}  # keys outside 2-4 words
        self.by_word: dict[str, tuple[tuple, ...]] = {}  # word -> lookups by _SLOT[n] + pos

    def get(self, key: tuple[int, int, str], default=()) -> tuple:
        n, pos, w = key
        if 2 <= n <= 4 and 0 <= pos < n:
            slots = self.by_word.get(w)
            if slots is None:
                slots = self._fill(w)
            return slots[_SLOT[n] + pos] or default
        hit = self.cache.get(key)
        if hit is None:
            hit = self._lookup(key)
            if len(self.cache) > 50_000:
                self.cache.clear()
            self.cache[key] = hit
        return hit or default

    def tortured_pair_starters(self, words: frozenset[str]) -> frozenset[str]:
        """The words of ``words`` that start the original of a two-word tortured phrase
        (each has a ``tortured[(2, 0, word)]`` entry)."""
        return words & self._tortured_firsts

    def _lookup(self, key: tuple[int, int, str]) -> tuple:
        n, pos, w = key
        found = {t: True for t, _ in self.tortured.get(key, ())}
        if self.mwe is not None:
            for t in self.mwe.terms_with(w):
                if len(t) == n and t[pos] == w:
                    found.setdefault(t, False)
        return tuple(sorted(found.items()))

    def _fill(self, w: str) -> tuple[tuple, ...]:
        """Every (length 2-4, position) lookup of ``w``, from one pass over its terms.

        A page word is looked up at several lengths and positions, and each lookup
        would otherwise rescan all of the word's terms (hundreds for common words).
        Slot ``_SLOT[n] + pos`` holds what `_lookup((n, pos, w))` returns.
        """
        groups: dict[int, dict[tuple[str, ...], bool]] = {}
        for slot, t in self._tortured_slots.get(w, ()):
            groups.setdefault(slot, {})[t] = True
        if self.mwe is not None:
            for t in self.mwe.terms_with(w):
                base = _SLOT.get(len(t))
                if base is not None:
                    for pos, x in enumerate(t):
                        if x == w:
                            groups.setdefault(base + pos, {}).setdefault(t, False)
        if groups:
            filled = [()] * 9
            for slot, found in groups.items():
                filled[slot] = tuple(sorted(found.items()))
            slots = tuple(filled)
        else:
            slots = _NONE
        if len(self.by_word) > 20_000:
            self.by_word.clear()
        self.by_word[w] = slots
        return slots


def term_index(know) -> tuple:
    """(term index, tortured word map) for this resource bundle, built once."""
    key = (id(know.mwe), id(know.phrasebook))
    hit = _TERM_INDEX.get(key)
    if hit is None:
        hit = _TERM_INDEX[key] = (TermIndex(know.mwe, know.phrasebook), word_map(know.phrasebook))
    return hit


def word_map(book) -> dict[str, frozenset[str]]:
    """Word-level swaps implied by tortured pairs of equal length (profound -> deep).

    Paper-mill spinners reuse their word table across phrases, so a swap seen in one
    tortured phrase ("profound learning") predicts others ("profound figuring"). A swap
    must be attested by two phrase pairs to count, which keeps one-off noise out.
    """
    if book is None:
        return {}
    counts: dict[tuple[str, str], int] = {}
    for spun, entries in book.items():
        sw = spun.split()
        for original, _prior, source in entries:
            ow = original.split()
            if source != "tortured" or len(ow) != len(sw):
                continue
            for a, b in zip(sw, ow):
                if a != b and a not in STOPWORDS and b not in STOPWORDS:
                    counts[(a, b)] = counts.get((a, b), 0) + 1
    out: dict[str, set[str]] = {}
    for (a, b), n in sorted(counts.items()):
        if n >= 2:
            out.setdefault(a, set()).add(b)
    return {a: frozenset(bs) for a, bs in out.items()}
