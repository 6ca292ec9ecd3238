"""Stage 2: propose candidate originals for spans of a sentence.

Each proposer looks at one sentence and yields `Candidate`s from one knowledge
source. Proposers only propose; `scoring` and `decide` judge them in context.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import regex

from .tokenize import Sentence


@dataclass(slots=True)
class Candidate:
    """Replace tokens ``[i, j)`` of a sentence (chars ``[start, end)``) with ``words``."""

    i: int
    j: int
    start: int
    end: int
    original: str          # text on the page, exactly input[start:end]
    words: tuple[str, ...]  # proposed original wording, one entry per word
    source: str
    prior: float           # how often this spun form comes from this original, 0-1
    why: str = ""
    gain: float = 0.0      # filled by scoring: evidence for the repair (log10 units)
    lm_delta: float = 0.0
    strong: bool = False   # decisive on its own (document-level evidence)
    extra: dict = field(default_factory=dict)

    @property
    def replacement(self) -> str:
        return " ".join(self.words)


# {a|b|c} alternatives, or a braced run of 2+ words such as "{that a}", left by a
# spinner that failed to expand its template. Braces after a backslash, dollar or
# word character (LaTeX, templates, code) are not spintax.
_SPINTAX_RE = regex.compile(
    r"(?<![\\$\w{])\{(?P<body>[\p{L}'’ ,.-]{1,60}(?:\|[\p{L}'’ ,.-]{0,60})+|[\p{L}'’-]+(?: [\p{L}'’-]+){1,5})\}(?!\})"
)


def spintax(text: str, sentence: Sentence) -> Iterator[Candidate]:
    """Spintax leftovers: ``{that a}`` -> ``that a``; ``{a|b}`` -> each option."""
    seg_start, seg_end = sentence.start, sentence.end
    for m in _SPINTAX_RE.finditer(text, seg_start, seg_end):
        i = next(k for k, t in enumerate(sentence.tokens) if t.start >= m.start())
        j = next(k for k, t in enumerate(sentence.tokens) if t.end >= m.end()) + 1
        options = [o.strip() for o in m.group("body").split("|")]
        options = [o for o in dict.fromkeys(options) if o]
        for rank, opt in enumerate(options):
            yield Candidate(
                i, j, m.start(), m.end(), m.group(), tuple(opt.split()), "spintax",
                prior=1.0 if len(options) == 1 else 0.9 - 0.1 * rank,
                why="spintax template left unexpanded by a spinner",
                strong=True,
            )
