"""American and British spellings of one word ("center"/"centre"), so that a repair is
written the way the page spells.

Data: ``data/spelling.tsv.gz``, built by ``tools/build_spelling.py`` from the SCOWL word
lists (Debian ``wamerican``/``wbritish``): American word, British word, and ``b`` when
the British form is British-only (American spelling lacks it).
"""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import NamedTuple

from textmend.resources._cache import once

DATA = Path(__file__).resolve().parent.parent / "data" / "spelling.tsv.gz"


class Spellings(NamedTuple):
    """``british[us]`` is the British form of an American-only word; ``american[uk]``
    the American form of a British-only word (each a marker of its side)."""

    british: dict[str, str]
    american: dict[str, str]


@once
def load() -> Spellings:
    british: dict[str, str] = {}
    american: dict[str, str] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            us, uk, flag = line.rstrip("\n").split("\t")
            british[us] = uk
            if flag == "b":
                american[uk] = us
    return Spellings(british, american)
