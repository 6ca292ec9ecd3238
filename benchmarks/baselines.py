"""Baselines run beside textmend on the same data, so its numbers have a floor to beat.

* identity: changes nothing (precision undefined -> 0, recall 0, zero damage).
* fingerprint: the Problematic Paper Screener approach: exact, case-insensitive lookup
  of the known tortured phrases (the in-book list, the same knowledge textmend ships),
  each match replaced by its expected phrase. Detection score: hits per 100 words,
  squashed x/(1+x), so one hit per 100 words scores 0.5.
* thesaurus: invert the thesaurus with no context scoring: every word that has
  thesaurus originals becomes its top-prior original, inflection preserved.
  Detection score: such replacements per 100 words / 10, squashed x/(1+x).

Each system answers ``explain(text) -> (output, n_edits)`` and ``detect(text) -> score``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
TORTURED_LIST = ROOT / "corpora" / "tortured" / "inbook.tsv"
WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
SENT_END = frozenset('.!?:"“\n')


def squash(x: float) -> float:
    """Map a non-negative rate to [0, 1); 1.0 maps to 0.5."""
    return x / (1.0 + x)


def match_case(src: str, repl: str) -> str:
    if len(src) > 1 and src.isupper() and len(repl) > 1:
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) edits sorted by start."""
    out, pos = [], 0
    for s, e, r in edits:
        out.append(text[pos:s])
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out)


class Identity:
    name = "identity"
    description = "returns the input unchanged"

    def load(self) -> None:
        pass

    def explain(self, text: str) -> tuple[str, int]:
        return text, 0

    def detect(self, text: str) -> float:
        return 0.0


class _EditBaseline:
    """Shared explain/detect for baselines that produce (start, end, replacement) edits."""

    #: Hits per word are multiplied by this before squashing into a [0, 1) score.
    detect_scale = 100.0

    def _edits(self, text: str) -> list[tuple[int, int, str]]:
        raise NotImplementedError

    def explain(self, text: str) -> tuple[str, int]:
        edits = self._edits(text)
        return apply(text, edits), len(edits)

    def detect(self, text: str) -> float:
        n = len(WORD.findall(text))
        return squash(self.detect_scale * len(self._edits(text)) / n) if n else 0.0


class Fingerprint(_EditBaseline):
    name = "fingerprint"
    description = "exact lookup of the in-book tortured-phrase list (PPS approach)"

    def __init__(self, path: Path = TORTURED_LIST):
        self.path = path
        self.table: dict[tuple[str, ...], str] = {}
        self.max_len = 0

    def load(self) -> None:
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path} missing (built from the PPS list by the "
                                    "tortured-phrase build step)")
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            f = line.split("\t")
            if len(f) < 2 or (f[0] == "tortured" and f[1] == "expected"):
                continue
            key = tuple(w.lower() for w in WORD.findall(f[0]))
            if not key or " ".join(key) != " ".join(f[0].lower().split()):
                continue  # phrase with punctuation outside word tokens: not exact-matchable here
            expected = f[1].replace("|", "/").split("/")[0].strip()
            if expected:
                self.table.setdefault(key, expected)
        self.max_len = max((len(k) for k in self.table), default=0)

    def _edits(self, text: str) -> list[tuple[int, int, str]]:
        toks = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
        edits, i = [], 0
        while i < len(toks):
            for n in range(min(self.max_len, len(toks) - i), 0, -1):
                span = toks[i:i + n]
                if any(text[a[1]:b[0]].strip() or "\n" in text[a[1]:b[0]]
                       for a, b in zip(span, span[1:])):
                    continue  # words must be adjacent, separated by spaces only
                exp = self.table.get(tuple(t[2] for t in span))
                if exp is not None:
                    s, e = span[0][0], span[-1][1]
                    edits.append((s, e, match_case(text[s:e], exp)))
                    i += n
                    break
            else:
                i += 1
        return edits



class ThesaurusInversion(_EditBaseline):
    name = "thesaurus"
    detect_scale = 10.0
    description = "every word with thesaurus originals -> its top-prior original (no context)"

    def __init__(self) -> None:
        self.originals: Callable[[str], tuple] | None = None
        self.analyses: Callable[[str], tuple] | None = None
        self.inflect: Callable[[str, str], str | None] | None = None
        self._cache: dict[str, str | None] = {}

    def load(self) -> None:
        from textmend.resources import inflect, thesaurus  # the shipped resources

        th = thesaurus.load()
        self.originals = th.originals
        self.analyses = inflect.analyses
        self.inflect = inflect.inflect

    def _restore(self, word: str) -> str | None:
        """Top-prior original of `word`, inflected like it; None when there is none."""
        low = word.lower()
        if low in self._cache:
            return self._cache[low]
        best = None
        for lemma, tag in self.analyses(low) or ((low, ""),):
            origs = [o for o in (self.originals(lemma) or ()) if o and o[0] and o[0] != lemma]
            if not origs:
                continue
            top = max(origs, key=lambda o: o[1])[0]
            form = self.inflect(top, tag) if tag else top
            if form and form.lower() != low:
                best = form
                break
        self._cache[low] = best
        return best

    def _edits(self, text: str) -> list[tuple[int, int, str]]:
        edits = []
        prev_end = 0
        for m in WORD.finditer(text):
            w = m.group()
            gap = text[prev_end:m.start()]
            prev_end = m.end()
            if not w.isalpha():
                continue
            sentence_start = m.start() == 0 or any(c in SENT_END for c in gap)
            if w[:1].isupper() and not sentence_start or len(w) > 1 and w.isupper():
                continue  # names and acronyms are not thesaurus words
            r = self._restore(w)
            if r is not None:
                edits.append((m.start(), m.end(), match_case(w, r)))
        return edits



BASELINES = (Identity, Fingerprint, ThesaurusInversion)
