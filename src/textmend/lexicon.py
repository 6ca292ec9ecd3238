"""Closed-class English words the stages share (not data: a fixed linguistic list)."""
from __future__ import annotations

import re

# Function words a thesaurus may never replace (spinners mangle them only in
# phrases, which the phrasebook covers).
STOPWORDS = frozenset("""
a an the and or but nor so yet for of in on at to by from with without into onto upon about
above below over under between among through during before after since until as than then
that this these those which who whom whose what when where why how whether if because although
though while i me my mine we us our ours you your yours he him his she her hers it its they
them their theirs one ones is am are was were be been being do does did done have has had
having will would shall should can could may might must not no yes all any both each every
few more most other some such only own same very too also just now there here up down out off
again further once s t don't doesn't didn't isn't aren't wasn't weren't won't can't couldn't
shouldn't wouldn't it's that's there's i'm i've we're we've they're they've you're let's
mr mrs ms dr st per via vs etc
""".split())

#: Lower-case words allowed inside a capitalised name ("Center for Strategic and ...",
#: "Council on Foreign Relations").
CONNECTORS = frozenset("a an and as at by for in of on or the to de du la des del y &".split())

#: British -> American suffix rewrites ("realise" -> "realize"), tried in order. The
#: language model maps unknown British forms through these.
US_SUFFIX_SPELLINGS = tuple((re.compile(a), b) for a, b in (
    (r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"),
    (r"ys(e|ed|es|ing)$", r"yz\1"),
    (r"our(s|ed|ing|ite|ites|able|ful|hood|er|ers)?$", r"or\1"),
    (r"tre(s)?$", r"ter\1"),
    (r"ence(s)?$", r"ense\1"),
    (r"ll(ed|ing|er|ers)$", r"l\1"),
    (r"programme(s)?$", r"program\1"),
))
#: Also compared when two words are checked for being one word's two spellings (too
#: loose to rewrite unknown words with: "ae" and "oe" occur in many other words).
_MORE_SPELLINGS = tuple((re.compile(a), b) for a, b in (
    (r"ogue(s)?$", r"og\1"),
    (r"ae", "e"),   # paediatric, anaemia, paedophile
    (r"oe", "e"),   # oestrogen, manoeuvre
))


#: Matches a word that some rewrite above applies to. A word no rewrite touches
#: comes back from every ``sub`` unchanged, so this one search stands in for the
#: ten rewrites (most candidate pairs reach none of them).
_ANY_SPELLING = re.compile("|".join(f"(?:{p.pattern})" for p, _ in US_SUFFIX_SPELLINGS + _MORE_SPELLINGS))


def _our_re(word: str) -> str:
    return word.replace("our", "or").replace("re", "er")


def spelling_variants(a: str, b: str) -> bool:
    """True when two lower-case words are British and American spellings of one word
    ("paedophiles", "pedophiles", "fibre", "fiber"): a change between them is never a
    spin to undo."""
    if a == b:
        return True
    # Every rewrite changes the length by at most 2 and keeps the start (but for a
    # leading ae/oe): a cheap test that skips nearly every candidate pair.
    if abs(len(a) - len(b)) > 2 or (a[:1] != b[:1] and a[:1] not in "ao" and b[:1] not in "ao"):
        return False
    for x, y in ((a, b), (b, a)):
        if not _ANY_SPELLING.search(x):
            continue
        for pattern, repl in US_SUFFIX_SPELLINGS + _MORE_SPELLINGS:
            if pattern.sub(repl, x) == y:
                return True
    return _our_re(a) == _our_re(b)  # anywhere in the word: "colourful", "fibre"
