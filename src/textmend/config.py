"""Immutable configuration: hashable and picklable so Dask/Spark workers can carry it."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

#: Knowledge sources textmend can draw candidates from.
ALL_SOURCES: frozenset[str] = frozenset(
    {"phrasebook", "tortured", "thesaurus", "gazetteer", "mwe", "spintax"}
)


@dataclass(frozen=True)
class Config:
    """How aggressively and from what knowledge textmend repairs.

    >>> Config(aggressiveness=0.8).aggressiveness
    0.8
    >>> Config().with_overrides(sources=["phrasebook"]).sources
    frozenset({'phrasebook'})
    """

    #: 0 = only the surest repairs, 1 = repair whenever the original is at all
    #: more natural. Shifts the evidence margin every repair must clear.
    aggressiveness: float = 0.5
    #: Document score at or above which `detect` (and `--check`) call a text spun.
    detect_threshold: float = 0.5
    #: Knowledge sources that may propose candidates.
    sources: frozenset[str] = ALL_SOURCES
    #: Use document-level evidence (many sure hits make weaker repairs credible).
    document_evidence: bool = True
    #: Also run the costly searches (names, thesaurus; terms always run where a learnt
    #: paper-mill swap meets an unseen bigram) in sentences of a page that shows no
    #: spinner fingerprint at all. Off, `repair` is about twice as fast on clean text
    #: and changes less of it, and misses some spins of a spinner whose swaps
    #: textmend's phrasebook does not know. `detect` always searches.
    search_quiet_pages: bool = False
    #: Write repairs in the page's own spelling: "Centre", "defence" on a page that
    #: spells the British way (the knowledge tables spell the American way).
    match_spelling: bool = True
    #: Optional user TSV files: gazetteer "name[<TAB>kind]", phrasebook "spun<TAB>original[<TAB>prior]".
    gazetteer_path: str | None = None
    phrasebook_path: str | None = None
    #: Sentences longer than this many characters are split into chunks before scoring.
    max_sentence_chars: int = 2000
    #: Longest phrase (in words) a candidate may replace.
    max_phrase_words: int = 6

    def __post_init__(self) -> None:
        if not 0.0 <= self.aggressiveness <= 1.0:
            raise ValueError(f"aggressiveness must be in [0, 1], got {self.aggressiveness!r}")
        if not 0.0 <= self.detect_threshold <= 1.0:
            raise ValueError(f"detect_threshold must be in [0, 1], got {self.detect_threshold!r}")
        if isinstance(self.sources, str):
            raise TypeError("sources must be a collection of source names, not a str")
        srcs = frozenset(self.sources)
        unknown = srcs - ALL_SOURCES
        if unknown:
            raise ValueError(
                f"unknown source(s) {sorted(unknown)}; choose from {sorted(ALL_SOURCES)}"
            )
        object.__setattr__(self, "sources", srcs)
        if self.max_sentence_chars < 80:
            raise ValueError("max_sentence_chars must be at least 80")
        if not 1 <= self.max_phrase_words <= 12:
            raise ValueError("max_phrase_words must be between 1 and 12")

    def with_overrides(self, **overrides: Any) -> "Config":
        """Return a copy with keyword overrides applied (unknown names are an error)."""
        if not overrides:
            return self
        names = {f.name for f in fields(self)}
        bad = sorted(set(overrides) - names)
        if bad:
            raise TypeError(f"unknown Config option(s): {', '.join(bad)}; valid: {', '.join(sorted(names))}")
        return replace(self, **overrides)


DEFAULT_CONFIG = Config()


def resolve(config: Config | None, overrides: dict[str, Any]) -> Config:
    """Combine an optional Config with keyword overrides, as every public function does."""
    if config is None:
        config = DEFAULT_CONFIG
    elif not isinstance(config, Config):
        raise TypeError(f"config must be a textmend.Config, not {type(config).__name__}")
    return config.with_overrides(**overrides)
