"""Result types: plain frozen dataclasses so results pickle, compare and print well."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Edit:
    """One repair: replace ``input[start:end]`` (== ``original``) with ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str
    confidence: float
    source: str
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Repaired:
    """The repaired text and the edits that produced it (offsets refer to the input)."""

    text: str
    edits: list[Edit] = field(default_factory=list)


@dataclass(frozen=True)
class Span:
    """A suspicious span found by `detect`; ``suggestion`` is None when no original is proposed."""

    start: int
    end: int
    text: str
    suggestion: str | None
    score: float
    source: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Detection:
    """Document-level spun score in [0, 1] (>= threshold means spun) and scored spans."""

    score: float
    spans: list[Span] = field(default_factory=list)
    is_spun: bool = False
