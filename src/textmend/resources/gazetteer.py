"""Gazetteer of real entity names, for restoring spun names fuzzily.

Spinners swap words inside names ("White House" -> "White Home", "Free Trade
Agreement" -> "Free Commerce Settlement").  The matcher looks up candidate
entries through rare tokens that survived the spin ("Hankuk", "Strategic") and
scores the whole span against each candidate.  Hence the token index and the
document frequency per token: common tokens ("of", "university") are poor
anchors.

Data: ``data/gazetteer.tsv.gz`` (name, kind, source) built by
tools/build_gazetteer.py from curated lists, WordNet, US government registries,
Hipo universities, Wikidata newspapers and GeoNames (see docs/data-sources.md).
"""
from __future__ import annotations

import gzip
import re
import threading
import unicodedata
from itertools import accumulate
from pathlib import Path
from typing import Iterable, Sequence

from textmend.resources._cache import once

DATA = Path(__file__).resolve().parent.parent / "data" / "gazetteer.tsv.gz"

_TOKEN = re.compile(r"[^\W_]+")
#: Where a place or campus qualifier starts in an entry name ("..., Sharjah", "... - Annapolis").
_QUALIFIER = re.compile(r",\s|\s[-–—]\s")
_ASCII = re.compile(r"[\x00-\x7f]*")


def fold(text: str) -> str:
    """Lowercase and strip accents ("Université" -> "universite")."""
    if _ASCII.fullmatch(text):
        return text.lower()
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def tokenize(text: str) -> list[str]:
    """Index tokens of a name: folded alphanumeric runs ("Jae-myung" -> jae, myung)."""
    return _TOKEN.findall(fold(text))


def _exact_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Gazetteer:
    """Immutable list of (name, kind) entries with a token index.

    Entry ids are positions in `entries`.  The shipped file carries a
    precomputed token index whose posting lists are decoded only when a token is
    first asked for, so loading costs little more than splitting lines.
    """

    def __init__(self, entries: Sequence[tuple[str, str]], sources: Sequence[str] | None = None,
                 _postings: dict[str, str | tuple[int, ...]] | None = None) -> None:
        self.entries: tuple[tuple[str, str], ...] = tuple(entries)
        self.sources: tuple[str, ...] = tuple(sources) if sources is not None else ("",) * len(self.entries)
        if len(self.sources) != len(self.entries):
            raise ValueError("sources must be parallel to entries")
        # token -> ids; values are raw gap-encoded strings until first use
        self._post: dict[str, str | tuple[int, ...]] = (
            _postings if _postings is not None else _index_entries(self.entries, 0, {}))
        self._exact: dict[str, int] | None = None
        self._exact_tok: dict[str, int] = {}
        self._split: tuple[tuple[str, ...], ...] | None = None
        self._lock = threading.Lock()

    # -- queries -----------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Gazetteer({len(self)} entries)"

    def name(self, i: int) -> str:
        return self.entries[i][0]

    def kind(self, i: int) -> str:
        return self.entries[i][1]

    def _ids(self, tok: str) -> tuple[int, ...] | None:
        v = self._post.get(tok)
        if v is None or isinstance(v, tuple):
            return v
        ids = tuple(accumulate(map(int, v.split())))
        self._post[tok] = ids  # benign race: every thread decodes the same tuple
        return ids

    def by_token(self, token: str) -> tuple[int, ...]:
        """Ids of entries whose name contains `token` (case/accent-insensitive), ascending."""
        hit = self._ids(token)
        if hit is None:
            toks = tokenize(token)
            hit = self._ids(toks[0]) if len(toks) == 1 else None
        return hit or ()

    def token_df(self, token: str) -> int:
        """How many entries contain `token`; low values mark good anchor tokens."""
        return len(self.by_token(token))

    def lookup_exact(self, name: str) -> int | None:
        """Id of the entry named `name` ignoring case and spacing, else None.

        Falls back to token equality, so punctuation and accents do not matter
        ("United States Forces, Korea" finds "United States Forces Korea").
        """
        exact = self._exact if self._exact is not None else self._build_exact()
        i = exact.get(_exact_key(name))
        if i is not None:
            return i
        toks = tokenize(name)
        if not toks:
            return None
        return self._exact_tok.get(" ".join(toks))

    def _build_exact(self) -> dict[str, int]:
        """Build the exact maps once: by case/spacing key, and by folded tokens.

        Only names with punctuation or non-ASCII letters can differ from their
        folded token form, so only those are tokenized (a small share of entries).
        """
        with self._lock:
            if self._exact is None:
                exact: dict[str, int] = {}
                by_tokens: dict[str, int] = {}
                heads: dict[str, int] = {}
                for i, (name, _) in enumerate(self.entries):
                    key = _exact_key(name)
                    exact.setdefault(key, i)
                    if key.isascii() and key.replace(" ", "").isalnum():
                        by_tokens.setdefault(key, i)
                    else:
                        by_tokens.setdefault(" ".join(tokenize(name)), i)
                        # "Skyline University College, Sharjah": the part before the
                        # place is the name a text usually writes (entries come first).
                        head = _QUALIFIER.split(name, 1)[0]
                        if head != name and len(head.split()) >= 2:
                            heads.setdefault(" ".join(tokenize(head)), i)
                for key, i in heads.items():
                    by_tokens.setdefault(key, i)
                self._exact_tok = by_tokens
                self._exact = exact
        return self._exact

    def split_name(self, i: int) -> tuple[str, ...]:
        """Entry ``i``'s name split on whitespace (cached for the matcher's hot loop)."""
        split = self._split
        if split is None:
            # a tuple of tuples of strings: the cyclic GC untracks it, so full
            # collections stop walking its ~37k entries (a list stays tracked)
            split = self._split = tuple(tuple(name.split()) for name, _ in self.entries)
        return split[i]

    def tokens_of(self, i: int) -> list[str]:
        """Index tokens of entry `i` (same tokenisation as the index)."""
        return tokenize(self.entries[i][0])

    def kinds(self) -> frozenset[str]:
        return frozenset(k for _, k in self.entries)

    # -- derived gazetteers ---------------------------------------------------
    def select(self, kinds: Iterable[str] | None = None, sources: Iterable[str] | None = None) -> "Gazetteer":
        """Subset by kind and/or source (e.g. drop the bulk 'geonames' cities)."""
        ks = None if kinds is None else frozenset(kinds)
        ss = None if sources is None else frozenset(sources)
        keep = [i for i, (_, k) in enumerate(self.entries)
                if (ks is None or k in ks) and (ss is None or self.sources[i] in ss)]
        return Gazetteer([self.entries[i] for i in keep], [self.sources[i] for i in keep])

    def merged(self, other: "Gazetteer") -> "Gazetteer":
        """Self plus `other`'s entries; on a case-insensitive clash `other`'s kind wins.

        Existing ids keep their positions; new names are appended.
        """
        entries = list(self.entries)
        sources = list(self.sources)
        pos = dict(self._exact if self._exact is not None else self._build_exact())
        first_new = len(entries)
        for (name, kind), src in zip(other.entries, other.sources):
            key = _exact_key(name)
            j = pos.get(key)
            if j is None:
                pos[key] = len(entries)
                entries.append((name, kind))
                sources.append(src)
            else:
                entries[j] = (entries[j][0], kind)
                sources[j] = src
        post = _index_entries(entries[first_new:], first_new, dict(self._post))
        return Gazetteer(entries, sources, post)


def _index_entries(entries: Sequence[tuple[str, str]], offset: int,
                   post: dict[str, str | tuple[int, ...]]) -> dict[str, str | tuple[int, ...]]:
    """Add entries (ids from `offset`) to a token index; returns `post`."""
    extra: dict[str, list[int]] = {}
    for i, (name, _) in enumerate(entries, offset):
        for t in set(tokenize(name)):
            extra.setdefault(t, []).append(i)
    for t, ids in extra.items():
        old = post.get(t)
        if isinstance(old, str):
            old = tuple(accumulate(map(int, old.split())))
        post[t] = (old or ()) + tuple(ids)
    return post


def _read_user_rows(lines: Iterable[str], origin: str) -> tuple[list[tuple[str, str]], list[str]]:
    entries: list[tuple[str, str]] = []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) > 2:
            raise ValueError(f"{origin}:{n}: expected 'name[<TAB>kind]', got {len(cols)} columns: {line!r}")
        name = " ".join(cols[0].split())
        kind = cols[1].strip() if len(cols) == 2 and cols[1].strip() else "user"
        if not name:
            raise ValueError(f"{origin}:{n}: empty name")
        if not tokenize(name):
            raise ValueError(f"{origin}:{n}: name {name!r} has no letters or digits")
        entries.append((name, kind))
    return entries, ["user"] * len(entries)


@once
def load() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    with gzip.open(DATA, "rb") as fh:
        text = fh.read().decode("utf-8")
    head, _, post_text = text.partition("\n#postings\n")
    entries: list[tuple[str, str]] = []
    sources: list[str] = []
    intern: dict[str, str] = {}
    for line in head.split("\n"):
        if not line or line[0] == "#":
            continue
        name, kind, source = line.split("\t")
        entries.append((name, intern.setdefault(kind, kind)))
        sources.append(intern.setdefault(source, source))
    postings: dict[str, str | tuple[int, ...]] = dict(
        line.split("\t", 1) for line in post_text.split("\n") if line)  # type: ignore[misc]
    return Gazetteer(entries, sources, postings)


def load_user_gazetteer(path: str | Path) -> Gazetteer:
    """Read a user TSV of ``name[<TAB>kind]`` rows (UTF-8, '#' comments; kind defaults to 'user').

    Combine with ``load().merged(load_user_gazetteer(p))``.  Raises
    FileNotFoundError for a missing file and ValueError (with file:line) for
    malformed rows.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"user gazetteer not found: {p}")
    entries, sources = _read_user_rows(p.read_text(encoding="utf-8-sig").splitlines(), str(p))
    return Gazetteer(entries, sources)
