"""Phrasebook of spinner artefacts: spun phrase -> original phrase, with a prior.

A thesaurus cannot undo "how one can" (<- how to) or "counterfeit consciousness"
(<- artificial intelligence): these are whole-phrase artefacts of article
spinners and paper-mill paraphrasers.  The phrasebook *proposes* such repairs;
the engine still gates each one with its language model.

Rows carry a ``source``: ``curated`` (hand-written spinner fingerprints,
tools/phrasebook/) or ``tortured`` (Problematic Paper Screener list,
Cabanac, Labbe & Magazinov, CC BY 4.0 as reported), or ``user``.

Keys are normalised with :func:`normalize`: lowercase, curly quotes made
straight, whitespace collapsed; tokens are whitespace-separated and keep their
internal punctuation ("p.c.", "short-term").  The engine should build candidate
spans the same way before calling :meth:`Phrasebook.lookup`.
"""
from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path
from typing import Iterable, Mapping

from textmend.lexicon import STOPWORDS
from textmend.resources._cache import once

DATA = Path(__file__).resolve().parent.parent / "data" / "phrasebook.tsv.gz"

#: Sources present in the shipped phrasebook.
SOURCES = ("curated", "tortured")

Entry = tuple[str, float, str]  # (original, prior, source)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                         "\u2010": "-", "\u2011": "-"})


def normalize(phrase: str) -> str:
    """Return the lookup key for `phrase` (lowercase, straight quotes, single spaces)."""
    return " ".join(unicodedata.normalize("NFKC", phrase).translate(_QUOTES).lower().split())


class Phrasebook:
    """Immutable spun -> originals table with fast pre-filters.

    `table` maps a normalised spun phrase to its candidate originals, best
    prior first.  `category` (same keys) records the row category per
    (spun, original) for diagnostics.
    """

    __slots__ = ("_table", "_category", "max_len", "first_tokens", "sources", "_swaps", "_swap_words")

    def __init__(self, table: Mapping[str, tuple[Entry, ...]],
                 category: Mapping[tuple[str, str], str] | None = None) -> None:
        self._table: dict[str, tuple[Entry, ...]] = dict(table)
        self._category: dict[tuple[str, str], str] = dict(category or {})
        self.max_len: int = max((k.count(" ") + 1 for k in self._table), default=0)
        self.first_tokens: frozenset[str] = frozenset(k.split(" ", 1)[0] for k in self._table)
        self.sources: frozenset[str] = frozenset(
            e[2] for entries in self._table.values() for e in entries)
        self._swaps: frozenset[tuple[str, str]] | None = None
        self._swap_words: frozenset[str] | None = None

    # -- queries ---------------------------------------------------------
    def lookup(self, phrase: str) -> tuple[Entry, ...]:
        """Originals for a spun phrase as (original, prior, source), best first; () if none.

        `phrase` may be raw text; it is normalised first (cheap when already normal).
        """
        hit = self._table.get(phrase)
        if hit is not None:
            return hit
        return self._table.get(normalize(phrase), ())

    def lookup_key(self, key: str) -> tuple[Entry, ...]:
        """Like `lookup` for a key already in normal form (the engine's hot path)."""
        return self._table.get(key, ())

    def word_swaps(self) -> frozenset[tuple[str, str]]:
        """(spun, original) word pairs from curated and user rows: rows whose original is
        one word and whose spun form is one word or two, and the one changed word of
        collocation rows that change a single word of an equal-length phrase.

        They are the spinner's own word table ("nationwide" <- national, "prison" <-
        criminal, "financial institution" <- bank), which a general thesaurus may lack:
        name alignment uses them as links.
        """
        if self._swaps is None:
            swaps = set()
            for spun, entries in self._table.items():
                for original, prior, source in entries:
                    if source not in ("curated", "user") or prior <= 0.0:
                        continue
                    if " " not in original:
                        if spun.count(" ") <= 1:
                            swaps.add((spun, original.lower()))
                        continue
                    # A confident collocation row that changes one word in place ("purple
                    # carpet" <- red carpet) shows that word swap in context: purple <- red.
                    s_words, o_words = spun.split(), original.lower().split()
                    if len(s_words) == len(o_words) and prior >= 0.5:
                        diff = [(a, b) for a, b in zip(s_words, o_words) if a != b]
                        if len(diff) == 1 and all(w.isalpha() and w not in STOPWORDS
                                                  for w in diff[0]):
                            swaps.add(diff[0])
            self._swaps = frozenset(swaps)
        return self._swaps

    def swap_words(self) -> frozenset[str]:
        """The words of `word_swaps`' spun forms ("financial institution" gives both):
        a capitalised run holding none of them is no known spinner's rewrite of a name."""
        if self._swap_words is None:
            self._swap_words = frozenset(w for spun, _original in self.word_swaps()
                                         for w in spun.split())
        return self._swap_words

    def category(self, spun: str, original: str) -> str | None:
        """Category of a row ('function', 'verb', 'tortured_exact', ...), if known."""
        return self._category.get((normalize(spun), original))

    def __contains__(self, phrase: object) -> bool:
        return isinstance(phrase, str) and bool(self.lookup(phrase))

    def __len__(self) -> int:
        """Number of distinct spun phrases."""
        return len(self._table)

    def keys(self) -> Iterable[str]:
        """All spun phrases (normalised)."""
        return self._table.keys()

    def items(self) -> Iterable[tuple[str, tuple[Entry, ...]]]:
        return self._table.items()

    def __repr__(self) -> str:
        return f"Phrasebook({len(self)} phrases, sources={sorted(self.sources)}, max_len={self.max_len})"

    # -- derived books ---------------------------------------------------
    def select(self, sources: Iterable[str]) -> "Phrasebook":
        """A phrasebook keeping only rows whose source is in `sources`."""
        want = frozenset(sources)
        unknown = want - self.sources - {"user", *SOURCES}
        if unknown:
            raise ValueError(f"unknown phrasebook source(s) {sorted(unknown)}; "
                             f"known: {sorted(self.sources | set(SOURCES))}")
        table: dict[str, tuple[Entry, ...]] = {}
        for k, entries in self._table.items():
            kept = tuple(e for e in entries if e[2] in want)
            if kept:
                table[k] = kept
        return Phrasebook(table, {k: v for k, v in self._category.items() if k[0] in table})

    def without(self, sources: Iterable[str]) -> "Phrasebook":
        """A phrasebook dropping rows whose source is in `sources`."""
        drop = frozenset(sources)
        return self.select(self.sources - drop)

    def merged(self, other: "Phrasebook") -> "Phrasebook":
        """Union of two phrasebooks; on the same (spun, original) `other` wins.

        Typical use: ``load().merged(load_user_phrasebook(path))`` so user rows
        override shipped priors.  A row with prior 0 switches the pair off.
        """
        table: dict[str, dict[str, Entry]] = {}
        for book in (self, other):
            for k, entries in book._table.items():
                slot = table.setdefault(k, {})
                for e in entries:
                    slot[e[0]] = e
        merged = {k: _ranked(e for e in v.values() if e[1] > 0.0) for k, v in table.items()}
        merged = {k: v for k, v in merged.items() if v}
        category = {k: v for k, v in {**self._category, **other._category}.items() if k[0] in merged}
        return Phrasebook(merged, category)


def _ranked(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Best prior first; ties broken by original text for determinism."""
    return tuple(sorted(entries, key=lambda e: (-e[1], e[0])))


def _parse(lines: Iterable[str], origin: str, default_source: str,
           strict_columns: bool) -> Phrasebook:
    table: dict[str, dict[str, Entry]] = {}
    category: dict[tuple[str, str], str] = {}
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n\r")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if strict_columns:
            spun, orig, prior_s, source, cat = cols
            prior = float(prior_s)
        else:
            if len(cols) < 2 or len(cols) > 3:
                raise ValueError(f"{origin}:{n}: expected 'spun<TAB>original[<TAB>prior]', "
                                 f"got {len(cols)} column(s): {line!r}")
            spun, orig = cols[0], " ".join(cols[1].split())
            source, cat = default_source, default_source
            if len(cols) == 3 and cols[2].strip():
                try:
                    prior = float(cols[2])
                except ValueError:
                    raise ValueError(f"{origin}:{n}: prior {cols[2]!r} is not a number") from None
            else:
                prior = 0.9
            if not 0.0 <= prior <= 1.0:
                raise ValueError(f"{origin}:{n}: prior {prior} must be in [0, 1] (0 switches a row off)")
            spun = normalize(spun)
            if not spun or not orig:
                raise ValueError(f"{origin}:{n}: empty spun or original phrase")
        table.setdefault(spun, {})[orig] = (orig, prior, source)
        category[(spun, orig)] = cat
    return Phrasebook({k: _ranked(v.values()) for k, v in table.items()}, category)


@once
def load() -> Phrasebook:
    """The shipped phrasebook (curated + tortured), read once per process."""
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        return _parse(fh, str(DATA), "", strict_columns=True)


@once
def load_curated() -> Phrasebook:
    """Only the hand-curated spinner artefacts (no tortured phrases)."""
    return load().select({"curated"})


@once
def load_tortured() -> Phrasebook:
    """Only the tortured-phrase part (science paper-mill paraphrases)."""
    return load().select({"tortured"})


def load_user_phrasebook(path: str | Path) -> Phrasebook:
    """Read a user TSV ``spun<TAB>original[<TAB>prior]`` (UTF-8; '#' comments).

    A missing prior means 0.9 (the user vouches for the row); prior 0 switches a
    shipped (spun, original) row off once merged.  Rows get
    source and category ``user``.  Raises ValueError naming file and line on
    malformed rows, FileNotFoundError if `path` does not exist.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"user phrasebook not found: {p}")
    text = p.read_text(encoding="utf-8-sig")
    return _parse(text.splitlines(), str(p), "user", strict_columns=False)
