"""Minimal reader for the WordNet 3.0 database files (Debian `wordnet-base`).

Build-time only. Shared by build_thesaurus.py, build_inflection.py, build_mwe.py and
build_gazetteer.py
so all three read WordNet the same way. Only what those builds need is parsed:
synset lemmas (with WordNet's original capitalisation), sense ranks from the index
files, selected pointers, and the morphological exception lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_MARKER = re.compile(r"\((?:a|p|ip)\)$")  # adjective syntactic markers, e.g. "galore(ip)"


@dataclass
class Synset:
    """One synset: id is "<offset><pos>" with satellites folded to pos "a"."""

    id: str
    pos: str  # n, v, a (incl. satellites), r
    lemmas: list[str]  # original case, underscores replaced by spaces
    pointers: list[tuple[str, str]] = field(default_factory=list)  # (symbol, target id)
    satellite: bool = False
    lexfile: int = 0  # lexicographer file number (noun.person = 18, ...)


@dataclass
class WordNet:
    synsets: dict[str, Synset]
    # lowercase lemma -> pos -> synset ids in WordNet sense order (most frequent first)
    senses: dict[str, dict[str, list[str]]]
    exceptions: dict[str, list[tuple[str, str]]]  # inflected form -> [(lemma, pos)]

    def lemma_pos(self) -> dict[str, set[str]]:
        """Lowercase lemma -> set of WordNet POS letters it has."""
        return {w: set(p) for w, p in self.senses.items()}


def wordnet_dir(root: Path) -> Path:
    return root / "usr" / "share" / "wordnet"


def read_wordnet(root: Path) -> WordNet:
    """Parse data.*, index.* and *.exc under an unpacked wordnet-base package."""
    d = wordnet_dir(root)
    synsets: dict[str, Synset] = {}
    for pos, name in POS_FILES.items():
        with open(d / f"data.{name}", encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue  # licence header
                head = line.split(" | ", 1)[0].split()
                offset, lexfile, ss_type = head[0], int(head[1]), head[2]
                w_cnt = int(head[3], 16)
                words = []
                for i in range(w_cnt):
                    w = head[4 + 2 * i]
                    words.append(_MARKER.sub("", w).replace("_", " "))
                k = 4 + 2 * w_cnt
                p_cnt = int(head[k])
                ptrs = []
                for i in range(p_cnt):
                    sym, tgt, tpos, _st = head[k + 1 + 4 * i: k + 5 + 4 * i]
                    ptrs.append((sym, tgt + ("a" if tpos == "s" else tpos)))
                sid = offset + pos
                synsets[sid] = Synset(sid, pos, words, ptrs, satellite=ss_type == "s",
                                      lexfile=lexfile)
    senses: dict[str, dict[str, list[str]]] = {}
    for pos, name in POS_FILES.items():
        with open(d / f"index.{name}", encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                f = line.split()
                lemma = f[0].replace("_", " ")
                synset_cnt = int(f[2])
                p_cnt = int(f[3])
                offsets = f[4 + p_cnt + 2:]
                assert len(offsets) == synset_cnt, line
                senses.setdefault(lemma, {})[pos] = [o + pos for o in offsets]
    exceptions: dict[str, list[tuple[str, str]]] = {}
    for pos, name in POS_FILES.items():
        with open(d / f"{name}.exc", encoding="latin-1") as fh:
            for line in fh:
                f = line.split()
                for lemma in f[1:]:
                    exceptions.setdefault(f[0].replace("_", " "), []).append(
                        (lemma.replace("_", " "), pos))
    return WordNet(synsets, senses, exceptions)
