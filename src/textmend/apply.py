"""Stage 5: apply edits to text and carry letter case from the spun words to the repair."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from .lexicon import CONNECTORS
from .types import Edit


def transfer_case(spun: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``spun``.

    All-caps stays all-caps, a capitalised first word keeps its capital, and
    lower-case spun text leaves the replacement as written (gazetteer names keep
    their own capitals).

    >>> transfer_case("Mentioned", "said")
    'Said'
    >>> transfer_case("NATION", "country")
    'COUNTRY'
    >>> transfer_case("WHITE HOME", "White House")
    'WHITE HOUSE'
    >>> transfer_case("heart for research", "Center for Studies")
    'Center for Studies'
    >>> transfer_case("Free Commerce Settlement", "free trade agreement")
    'Free Trade Agreement'
    >>> transfer_case("on the", "at the")
    'at the'
    >>> transfer_case("On the", "at the")
    'At the'
    >>> transfer_case("Central Financial institution", "central bank")
    'Central Bank'
    """
    letters = [c for c in spun if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = spun.split()
    if (len(words) > 1 and replacement == replacement.lower()
            and sum(w[:1].isupper() for w in words) >= 2
            and sum(not (w[:1].isupper() or w in CONNECTORS) for w in words) <= 1):
        # Title case ("Free Commerce Settlement") stays title case, also when a spinner
        # split one name word in two ("Central Financial institution" -> "Central Bank").
        return " ".join(w if w in CONNECTORS and k else w[:1].upper() + w[1:]
                        for k, w in enumerate(replacement.split()))
    if spun[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def transfer_apostrophes(spun: str, replacement: str) -> str:
    """Write the replacement's apostrophes the way the page writes them.

    Rows are stored with straight apostrophes; a page that uses typographic ones
    ("nation’s") should get "country’s", not a mixed style.

    >>> transfer_apostrophes("nation’s", "country's")
    'country’s'
    >>> transfer_apostrophes("didn't", "did not")
    'did not'
    >>> transfer_apostrophes("nation's", "country’s")
    "country's"
    """
    if "’" in spun and "'" not in spun:
        return replacement.replace("'", "’")
    if "'" in spun and "’" not in spun:
        return replacement.replace("’", "'")
    return replacement


_ARTICLE_RE = re.compile(r"(?:^|(?<=[^\w]))(an?|An?|AN?)(\s+)$")
#: A word (not a sentence end) just before a capitalised article.
_NAME_BEFORE_RE = re.compile(r"\w\s+$")
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ure", "euro", "eu", "one", "once", "ubiq")
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")


def _wants_an(word: str) -> bool | None:
    """Does ``word`` take "an"? None when unsure (digits, acronyms, symbols)."""
    if not word[:1].isalpha() or (len(word) > 1 and word.isupper()):
        return None
    low = word.lower()
    if low.startswith(_VOWEL_SOUND):
        return True
    if low.startswith(_CONSONANT_SOUND):
        return False
    return low[0] in "aeiou"


def agree_article(text: str, edit: Edit, free_from: int = 0) -> Edit:
    """Widen ``edit`` to fix the article before it when the repair changes its first sound.

    ``free_from``: text before this offset belongs to another edit and is left alone.

    >>> text = "We use an irregular woodland here."
    >>> e = Edit(10, 28, "irregular woodland", "random forest", 0.9, "tortured")
    >>> agree_article(text, e).replacement
    'a random forest'
    >>> agree_article("a curiosity", Edit(2, 11, "curiosity", "interest", 0.9, "curated")).original
    'a curiosity'
    """
    m = _ARTICLE_RE.search(text, max(free_from, edit.start - 8), edit.start)
    words = edit.replacement.split()
    if m is None or not words:
        return edit
    if m.group(1)[0].isupper() and _NAME_BEFORE_RE.search(text, max(0, m.start(1) - 40),
                                                           m.start(1)):
        return edit  # a capital "An" after a word is part of a name ("Ping An", "Plan A")
    wants_an = _wants_an(words[0])
    article = m.group(1)
    if wants_an is None or (article.lower() == "an") == wants_an:
        return edit
    fixed = {"a": "an", "an": "a", "A": "An", "An": "A", "AN": "A"}[article]
    if article == "A" and edit.original.isupper():
        fixed = "AN"
    start = m.start(1)
    return replace(edit, start=start, original=text[start:edit.end],
                   replacement=fixed + m.group(2) + edit.replacement)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (offsets into ``text``) and return the new text.

    Edits may come in any order; overlapping edits or edits whose ``original``
    does not match the text are rejected with ValueError, so a filtered or
    hand-edited list can never silently corrupt a document.

    >>> from textmend.types import Edit
    >>> apply_edits("the White Home", [Edit(4, 14, "White Home", "White House", 0.9, "gazetteer")])
    'the White House'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for e in ordered:
        if e.start < pos:
            raise ValueError(f"overlapping edits at offset {e.start}")
        if not 0 <= e.start <= e.end <= len(text):
            raise ValueError(f"edit offsets {e.start}:{e.end} outside text of length {len(text)}")
        if text[e.start:e.end] != e.original:
            raise ValueError(
                f"edit at {e.start}:{e.end} expects {e.original!r} but text has {text[e.start:e.end]!r}"
            )
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


_LETTERS_RE = re.compile(r"[A-Za-z]+")


def page_spelling(text: str, british: dict[str, str], american: dict[str, str]) -> str | None:
    """"british" or "american" when the page's spelling-specific words lean one way
    (more British-only forms such as "centre", "defence" than American-only ones such
    as "center", "defense", or the reverse), else None.

    ``british`` maps American-only words to their British form, ``american`` British-only
    words to their American form (`textmend.resources.spelling`).

    >>> page_spelling("The defence ministry's programme centre.", {"center": "centre"},
    ...               {"centre": "center", "defence": "defense"})
    'british'
    >>> page_spelling("Nothing to tell.", {}, {}) is None
    True
    """
    uk = us = 0
    for m in _LETTERS_RE.finditer(text):
        w = m.group().lower()
        if w in american:
            uk += 1
        elif w in british:
            us += 1
    if uk > us:
        return "british"
    if us > uk:
        return "american"
    return None


def respell(edit: Edit, side: str, british: dict[str, str], american: dict[str, str],
            sentence_start: bool = False) -> Edit:
    """``edit`` with each lower-case replacement word in the page's spelling ``side``,
    keeping words the spun text already has and the case of each word.

    Capitalised words are names ("World Health Organization", "Medical Center"), spelt
    as their owners spell them whatever the page does; only the first word of a repair
    at a ``sentence_start`` may be an ordinary word with a capital.

    >>> e = Edit(4, 22, "protection spending", "defense spending", 0.9, "curated")
    >>> respell(e, "british", {"defense": "defence"}, {}).replacement
    'defence spending'
    >>> respell(e, "american", {"defense": "defence"}, {}).replacement
    'defense spending'
    >>> name = Edit(4, 13, "Heart for", "Center for", 0.9, "curated")
    >>> respell(name, "british", {"center": "centre"}, {}).replacement
    'Center for'
    """
    table = british if side == "british" else american
    kept = {w.lower() for w in _LETTERS_RE.findall(edit.original)}

    def swap(m: re.Match) -> str:
        word = m.group()
        low = word.lower()
        other = table.get(low)
        if other is None or low in kept:
            return word
        if word != low and not (sentence_start and m.start() == 0):
            return word
        return transfer_case(word, other)

    replacement = _LETTERS_RE.sub(swap, edit.replacement)
    if replacement == edit.replacement:
        return edit
    return replace(edit, replacement=replacement,
                   why=f"{edit.why} (in the page's {side} spelling)")
