"""textmend: find and undo machine article spinning.

Spinners rewrite text by swapping words and phrases for synonyms ("the White
Home mentioned" for "the White House said"). textmend proposes originals from
curated and open knowledge, keeps only those a language model finds clearly
more natural in context, and leaves every other character untouched.

>>> import textmend
>>> textmend.repair("Nothing here was spun.")
'Nothing here was spun.'
>>> textmend.repair("Officials have said {that a} deal is near.")
'Officials have said that a deal is near.'
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from .apply import apply_edits
from .config import ALL_SOURCES, Config
from .types import Detection, Edit, Repaired, Span

__version__ = "0.1.0"
__all__ = [
    "repair", "repair_and_explain", "repair_many", "detect", "repair_and_detect", "apply_edits",
    "Config", "ALL_SOURCES", "Edit", "Repaired", "Detection", "Span", "__version__",
]


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"textmend expects text as str, not {type(text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))"
                           if isinstance(text, (bytes, bytearray)) else ""))
    return text


def repair_and_explain(text: str, config: Config | None = None, **overrides: Any) -> Repaired:
    """Restore spun phrases and explain every edit (offsets refer to ``text``).

    >>> r = repair_and_explain("Officials have said {that a} deal is near.")
    >>> [(e.original, e.replacement, e.source) for e in r.edits]
    [('{that a}', 'that a', 'spintax')]
    """
    from .config import resolve
    from .engine import run

    return run(_check_text(text), resolve(config, overrides))


def repair(text: str, config: Config | None = None, **overrides: Any) -> str:
    """Return ``text`` with spun phrases restored; everything else byte for byte."""
    return repair_and_explain(text, config, **overrides).text


def repair_many(texts: Iterable[str], config: Config | None = None, **overrides: Any) -> Iterator[str]:
    """Repair a stream of documents lazily, in order (one document in memory at a time)."""
    from .config import resolve

    cfg = resolve(config, overrides)
    for text in texts:
        yield repair_and_explain(text, cfg).text


def detect(text: str, config: Config | None = None, **overrides: Any) -> Detection:
    """Score how likely ``text`` is spun (document score in [0, 1]) and list suspicious spans.

    >>> detect("The cat sat on the mat.").is_spun
    False
    """
    from .config import resolve
    from .engine import detect as _detect

    return _detect(_check_text(text), resolve(config, overrides))


def repair_and_detect(text: str, config: Config | None = None,
                      **overrides: Any) -> tuple[Repaired, Detection]:
    """Repair and score ``text`` in one pass (what `repair_and_explain` and `detect` each do).

    >>> fixed, found = repair_and_detect("Officials have said {that a} deal is near.")
    >>> fixed.text, [s.source for s in found.spans]
    ('Officials have said that a deal is near.', ['spintax'])
    """
    from .config import resolve
    from .engine import analyse

    return analyse(_check_text(text), resolve(config, overrides))
