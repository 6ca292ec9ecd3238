"""Stage 2: propose candidate originals for spans of a sentence.

Each proposer looks at one sentence and yields `Candidate`s from one knowledge
source. Proposers only propose; `scoring` and `decide` judge them in context.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Callable, Iterator

import regex
from rapidfuzz import fuzz

from .apply import transfer_case
from .lexicon import CONNECTORS as _CONNECTORS
from .lexicon import STOPWORDS, spelling_variants
from .tokenize import WORD, Sentence


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


def _token_range(sentence: Sentence) -> Callable[[int, int], tuple[int, int]]:
    """Map a character span of the sentence to the token range [i, j) it covers."""
    starts = [t.start for t in sentence.tokens]
    ends = [t.end for t in sentence.tokens]

    def token_range(start: int, end: int) -> tuple[int, int]:
        return bisect_left(starts, start), bisect_left(ends, end) + 1

    return token_range


def spintax(text: str, sentence: Sentence) -> Iterator[Candidate]:
    """Spintax leftovers: ``{that a}`` -> ``that a``; ``{a|b}`` -> each option."""
    token_range = _token_range(sentence)
    for m in _SPINTAX_RE.finditer(text, sentence.start, sentence.end):
        i, j = token_range(m.start(), m.end())
        options = [o.strip() for o in m.group("body").split("|")]
        options = [o for o in dict.fromkeys(options) if o]
        for rank, opt in enumerate(options):
            yield Candidate(
                i, j, m.start(), m.end(), m.group(), tuple(opt.split()), "spintax",
                prior=1.0 if len(options) == 1 else 0.9 - 0.1 * rank,
                why="spintax template left unexpanded by a spinner",
            )


_WORDS = frozenset({"word"})
#: Penn tags of inflected verbs, whose phrasebook phrases are matched by the head's lemma.
_VERB_FORMS = frozenset({"VBD", "VBN", "VBZ", "VBG"})
#: Phrasebook rows may contain numbers ("the 2" <- the two, "one in 3").
_WORDS_AND_NUMBERS = frozenset({"word", "num"})

#: The last sentence's word runs per token-kind set: every proposer asks for them in
#: turn. Each value is one tuple, replaced whole, so concurrent readers always see a
#: matching (sentence, runs) pair.
_LAST_RUNS: dict[frozenset[str], tuple] = {}


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "3.9" spun as "three.9" (a number word glued to decimals), "percent" as "p.c".
_DIGIT_WORDS = "|".join(_NUMBER_WORDS)
_NUMBER_ARTEFACT_RE = regex.compile(
    rf"\b(?P<word>(?i:{_DIGIT_WORDS}))\.(?P<dec>\d+)\b"
    rf"|(?<=(?:\d|\b(?i:{_DIGIT_WORDS}|ten))\s?)(?P<pc>p\.c)\b\.?(?=\s|$)"
)


_DOT_DIGIT_RE = regex.compile(r"\.\d")
# "15 percent" spun as "15 %" or "fifteen %": the spinner's synonym for "percent" is the
# sign, set off by a space that edited English never puts before "%" (and a figure it
# may spell out, which news style never does before a percentage).
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPACED_PERCENT_RE = regex.compile(
    rf"(?:(?<![\w.,])\d+(?:\.\d+)?|\b(?P<spelled>(?i:{'|'.join(_TEENS + _TENS)})(?:-(?i:{_DIGIT_WORDS}))?"
    rf"|(?i:{_DIGIT_WORDS})))[ \u00a0]%"
)


# "two countries" spun as "2 international locations": news style spells out one to
# nine, so a lone figure counting a plural noun is likely the spinner's. Ages, scores and
# measures keep their figures in the same style ("5 years old", "3 km", "4 inches of
# rain", "2 points", "3 goals" are not matched).
_MEASURES = ("inches|feet|yards|miles|meters|metres|kilometers|kilometres|centimeters|centimetres"
             "|millimeters|millimetres|pounds|ounces|grams|kilograms|tons|tonnes|gallons|liters"
             "|litres|acres|hectares|degrees|points|goals|runs|cents|dollars|euros|votes"
             "|seconds|percentage")
# (one adjective may stand between: "the 2 largest hospitals", "2 new reactors")
_COUNT_ADJECTIVES = ("new|other|more|major|main|key|big|small|large|young|old|top|senior|separate"
                     "|different|local|previous|former|rival|[a-z]+est")
_COUNT_FIGURE_RE = regex.compile(
    rf"(?<![\w.,$£€%/#-])(?P<n>[2-9])(?= (?:(?:{_COUNT_ADJECTIVES}) )?(?!(?:{_MEASURES})\b)"
    rf"[a-z]+s\b(?! old\b))")


# The month May spun with a modal's synonym: "on Could 28", "in Could 2024", "in Might,".
# A capitalised "Could" or "Might" inside a sentence after a preposition of time, or
# before a day of the month or a year, is never the verb.
_MONTH_MAY_RE = regex.compile(
    r"(?<=\b(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast"
    r"|[Nn]ext|[Tt]his|[Tt]hrough|[Bb]efore|[Aa]fter|[Dd]uring|[Bb]etween|[Tt]ill)[ -])(?:Could|Might)\b"
    r"|(?<=[\w,] )(?:Could|Might)(?= (?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?! (?:of|per)\b)"
    r"|,? (?:19|20)\d\d\b)"
)


def _number_value(words: str) -> int:
    """Value of a spelled-out number below 100 ("twenty-five" -> 25)."""
    total = 0
    for part in words.lower().split("-"):
        if part in _TEENS:
            total += 10 + _TEENS.index(part)
        elif part in _TENS:
            total += 20 + 10 * _TENS.index(part)
        else:
            total += _NUMBER_WORDS.index(part)
    return total


def _on_tokens(sentence: Sentence, token_range, text: str, start: int, end: int,
               words: tuple[str, ...], prior: float, why: str) -> Candidate | None:
    """A candidate for chars [start, end) if they are whole tokens of the sentence."""
    toks = sentence.tokens
    i, j = token_range(start, end)
    if i < j <= len(toks) and toks[i].start == start and toks[j - 1].end == end:
        return Candidate(i, j, start, end, text[start:end], words, "curated", prior, why)
    return None


def number_artefacts(text: str, sentence: Sentence) -> Iterator[Candidate]:
    """Numbers a spinner mangled.

    "three.9" -> "3.9", "1 p.c" -> "1 percent", "fifteen %" -> "15 percent" and "on Could
    28" -> "on May 28" are impossible in edited prose: near-certain repairs with an
    artefact bonus (the "p.c"
    row of the phrasebook cannot match: it is three tokens here). "4 corporations" ->
    "four ..." is only likely (news style spells out one to nine): an ordinary row.
    """
    start, end = sentence.start, sentence.end
    spaced = text.find(" %", start, end) >= 0 or text.find("\u00a0%", start, end) >= 0
    counts = list(_COUNT_FIGURE_RE.finditer(text, start, end))
    month_modal = (text.find("Could", start + 1, end) >= 0  # not the sentence's first word
                   or text.find("Might", start + 1, end) >= 0)
    if text.find("p.c", start, end) < 0 and not _DOT_DIGIT_RE.search(text, start, end) \
            and not spaced and not counts and not month_modal:
        return  # every artefact holds one of these: most sentences need no full scan
    token_range = _token_range(sentence)
    # (start, end, words, why, impossible shape): the impossible ones are near-certain
    found: list[tuple[int, int, tuple[str, ...], str, bool]] = []
    for m in counts:  # "2 international locations" -> "two ..."; the model cannot tell them apart
        found.append((m.start(), m.end(), (_NUMBER_WORDS[int(m.group())],),
                      "news style spells out a count below ten", False))
    for m in _SPACED_PERCENT_RE.finditer(text, start, end) if spaced else ():
        if m.group("spelled"):  # "fifteen %" -> "15 percent"
            a, words = m.start(), (str(_number_value(m.group("spelled"))), "percent")
        else:  # "25 %" -> "25 percent": only the sign changes
            a, words = m.end() - 1, ("percent",)
        found.append((a, m.end(), words, "'percent' written as a spaced '%'", True))
    for m in _MONTH_MAY_RE.finditer(text, start, end) if month_modal else ():
        found.append((m.start(), m.end(), ("May",), f"the month 'May' written as {m.group()!r}", True))
    for m in _NUMBER_ARTEFACT_RE.finditer(text, start, end):
        if m.group("word"):
            digit = str(_NUMBER_WORDS.index(m.group("word").lower()))
            found.append((m.start(), m.end(), (f"{digit}.{m.group('dec')}",),
                          "number word glued to decimals", True))
        else:
            a, b = m.start("pc"), m.end()
            after = text[b:b + 2].lstrip()[:1]
            if b - a == 4 and not (after.islower() or after.isdigit()):
                b -= 1  # "p.c." before a capital or the end: the stop ends the sentence
            found.append((a, b, ("percent",), "'percent' abbreviated as 'p.c'", True))
    for a, b, words, why, impossible in found:
        c = _on_tokens(sentence, token_range, text, a, b, words, 0.99 if impossible else 0.45,
                       f"curated: {why} (a spinner's number artefact)")
        if c is not None:
            if impossible:  # needs no help from the model
                c.extra["artefact"] = 1.0
            yield c


def _word_runs(sentence: Sentence, kinds: frozenset[str] = _WORDS) -> tuple[tuple[int, int], ...]:
    """Maximal runs of consecutive tokens of ``kinds`` (phrases never cross punctuation)."""
    last = _LAST_RUNS.get(kinds)
    if last is not None and last[0] is sentence:
        return last[1]
    runs: list[tuple[int, int]] = []
    start = None
    toks = sentence.tokens
    for k, t in enumerate(toks):
        if t.kind in kinds:
            if start is None:
                start = k
        elif start is not None:
            runs.append((start, k))
            start = None
    if start is not None:
        runs.append((start, len(toks)))
    hit = (sentence, tuple(runs))
    _LAST_RUNS[kinds] = hit
    return hit[1]


def _make(sentence: Sentence, text: str, i: int, j: int, words: tuple[str, ...], source: str,
          prior: float, why: str) -> Candidate:
    toks = sentence.tokens
    start, end = toks[i].start, toks[j - 1].end
    return Candidate(i, j, start, end, text[start:end], words, source, prior, why)


def _inflected(original: str, tag: str, inflect) -> str | None:
    """Inflect an original (word or phrase, head = first word for verbs, last for nouns)."""
    if tag in ("NN", "VB", "VBP", "JJ", "RB"):
        return original
    return inflect(original, tag)


def agree_number(page_last: str, words: tuple[str, ...], analyses, inflect) -> tuple[str, ...]:
    """Give a multiword replacement the grammatical number of the page's last word.

    Term lists mix singular and plural ("neural networks"); the page decides:
    "convolutional neural arrangement" -> "convolutional neural network".
    """
    if len(words) < 2:
        return words
    page_tags = {tag for _lemma, tag in analyses(page_last.lower())}
    last = words[-1]
    if "NNS" in page_tags and "NN" not in page_tags:
        want = "NNS"
    elif "NN" in page_tags and "NNS" not in page_tags:
        want = "NN"
    else:
        return words
    for lemma, tag in analyses(last):
        if tag not in ("NN", "NNS") or tag == want:
            continue
        form = inflect(lemma, want)
        if not form or form == last:
            continue
        # Only regular -s plurals: "data" is not turned into "datum".
        plural, singular = (form, last) if want == "NNS" else (last, form)
        if plural.endswith("s") and plural.startswith(singular[:-1]):
            return words[:-1] + (form,)
    return words


_BOOK_AUX: dict[int, tuple] = {}


def _book_aux(book, analyses) -> tuple[dict, frozenset[str], dict[str, tuple[tuple[str, str], ...]]]:
    """(key -> entries, every word-prefix of a key, per-word lemma memo) for one
    phrasebook, built once.

    The table is a plain copy of `lookup_key` (the book is immutable), read without a
    method call; the prefixes let the phrase search stop as soon as no longer key can
    match; the memo keeps the (usually empty) inflected readings whose lemma may start
    a key.
    """
    hit = _BOOK_AUX.get(id(book))
    if hit is None or hit[0] is not book or hit[3] is not analyses:
        prefixes: set[str] = set()
        table = {key: book.lookup_key(key) for key in book.keys()}
        for key in table:
            words = key.split(" ")
            for n in range(1, len(words)):
                prefixes.add(" ".join(words[:n]))
        hit = (book, frozenset(prefixes), {}, analyses, table)
        if len(_BOOK_AUX) > 16:
            _BOOK_AUX.clear()
        _BOOK_AUX[id(book)] = hit
    return hit[4], hit[1], hit[2]


def phrasebook(text: str, sentence: Sentence, book, inflection, max_words: int,
               is_name=None) -> Iterator[Candidate]:
    """Curated spinner artifacts and tortured phrases, by surface form, then by lemma.

    ``is_name(text)`` (optional) tells whether a capitalised run is a known name: a
    curated row never rewrites a piece of one ("Tokyo Medical College").
    """
    toks = sentence.tokens
    first = book.first_tokens
    maxlen = min(book.max_len, max_words)
    analyses, inflect = inflection
    table, prefixes, lemma_memo = _book_aux(book, analyses)
    texts = [t.text for t in toks]
    keys = [t.lower().replace("’", "'") for t in texts]
    first_word = next((k for k, t in enumerate(toks) if t.kind == "word"), len(toks))
    for a, b in _word_runs(sentence, _WORDS_AND_NUMBERS):
        for i in range(a, b):
            low0 = keys[i]
            # A capitalised word inside a sentence is part of a name ("SK Group",
            # "Jenny Town"), see `_kept_name`. (After an opening quote or bracket a
            # capital still starts the sentence.)
            in_name = i > first_word and texts[i][:1].isupper()
            # (end, words + source) already proposed here: a row written for the surface
            # form ("homes" -> houses, 0.1) overrides the one its lemma inherits ("home"
            # -> house, 0.2). VBD and VBN readings also give the same forms.
            made: set[tuple[int, str]] = set()
            if low0 in first or (low0.endswith("'s") and low0[:-2] in first):
                # (a possessive one-token word, "membership's", reads its row below)
                phrase = low0
                for j in range(i + 1, min(b, i + maxlen) + 1):
                    if j > i + 1:
                        if phrase not in prefixes:
                            break  # no longer key starts with these words
                        phrase += " " + keys[j - 1]
                    if toks[j - 1].kind == "num" and _number_goes_on(toks, texts, j):
                        continue  # "the 2 Kings", "the 6 June", "the 3 p.m.", "the 9/11"
                    own = table.get(phrase, ())
                    possessive = phrase.endswith("'s") and len(phrase) > 2
                    if not own and not possessive:
                        continue  # the usual case: no row for these words
                    rows = [(phrase, "", row) for row in own]
                    if possessive:
                        # A possessive last word: "financial institution's" is the row
                        # "financial institution" -> "bank", read as "bank's" (and
                        # "membership's" the row "membership" -> "club", as "club's").
                        rows += [(phrase[:-2], texts[j - 1][-2:], row)
                                 for row in table.get(phrase[:-2], ())]
                    for key, suffix, (original, prior, source) in rows:
                        words = tuple(original.split())
                        if suffix:
                            if not words[-1][-1:].isalpha():
                                continue
                            words = words[:-1] + (words[-1] + suffix,)
                        added = len(words) - (j - i)
                        if added > 0 and [w.lower() for w in words[-added:]] == keys[j:j + added]:
                            continue  # the words it would add follow already ("... of Justice of Justice")
                        name_word = False
                        if in_name and _kept_name(toks, texts, i, j, source, original, is_name):
                            if not _name_word(toks, texts, i, j, source, original, is_name):
                                continue
                            name_word = True
                        if (source == "curated" and j > i + 1 and not in_name
                                and _renames(texts, i, j, words)):
                            continue
                        made.add((j, " ".join(words).lower() + source))
                        c = _make(sentence, text, i, j, words, source, prior,
                                  f"{source}: {key!r} is a known spin of {original!r}")
                        if name_word:
                            c.extra["name_word"] = True
                        yield c
            if in_name:
                continue
            # Inflected single words: "assemblies" -> lemma "assembly" -> "meetings";
            # verb phrases inflect at the head: "relied upon" -> "rely upon" -> "depended on".
            memo = lemma_memo.get(low0)
            if memo is None:
                readings = analyses(low0)
                # A word that may be a noun ("wishes to") is not matched as a verb phrase.
                verb_only = not any(t.startswith("NN") for _lemma, t in readings)
                memo = tuple((lemma, tag, verb_only and tag in _VERB_FORMS and lemma not in STOPWORDS)
                             for lemma, tag in readings if lemma != low0 and lemma in first)
                if len(lemma_memo) > 100_000:
                    lemma_memo.clear()
                lemma_memo[low0] = memo
            for lemma, tag, phrasal in memo:
                phrase = lemma
                for j in range(i + 1, (min(b, i + maxlen) if phrasal else i + 1) + 1):
                    if j > i + 1:
                        if phrase not in prefixes:
                            break  # no longer key starts with these words
                        phrase += " " + keys[j - 1]
                    for original, prior, source in table.get(phrase, ()):
                        if not _fits(book.category(phrase, original), tag):
                            continue  # a noun row does not rewrite a verb ("staged")
                        form = _inflected(original, tag, inflect)
                        if form and (j, form.lower() + source) not in made:
                            made.add((j, form.lower() + source))
                            yield _make(sentence, text, i, j, tuple(form.split()), source, prior,
                                        f"{source}: {phrase!r} is a known spin of {original!r}")


#: Penn tag prefixes a curated row's category may be inflected to.
_CATEGORY_TAGS = {"noun": ("NN",), "verb": ("VB",), "adj": ("JJ", "RB")}


def _fits(category: str | None, tag: str) -> bool:
    """May a row of ``category`` rewrite a page word read with Penn ``tag``?"""
    prefixes = _CATEGORY_TAGS.get(category or "")
    return prefixes is None or tag.startswith(prefixes)


#: Words after a figure that make it part of a larger quantity or a time.
_QUANTITY_WORDS = frozenset("hundred thousand million billion trillion percent per %".split())


def _number_goes_on(toks, texts: list[str], j: int) -> bool:
    """Is the figure ending at token j - 1 more than a count a row could spell out?

    It starts a name or date ("the 2 Kings", "the 6 June"), is glued to more of a
    number or code ("9/11", "5-0", "3:30"), is a time ("3 p.m.") or scales a quantity
    ("2 million"): spelling it out would change what it says.
    """
    if j >= len(toks):
        return False
    nxt = texts[j]
    glued = toks[j].start == toks[j - 1].end and nxt in ("/", "-", "–", "x", "×")
    return (nxt[:1].isupper() or glued or nxt.lower() in _QUANTITY_WORDS
            or (nxt.lower() in ("a", "p") and j + 1 < len(toks) and texts[j + 1] == "."))


def _kept_name(toks, texts: list[str], i: int, j: int, source: str, original: str,
               is_name) -> bool:
    """Must a row matched at a capitalised word inside a sentence (part of a name)
    leave it alone? Yes for one word; a multiword row may apply when it restores a name
    itself ("White Home" -> "White House") or is not curated; a curated one only in a
    title-case span that is no piece of a known name ("Nationwide Safety Council")."""
    if j == i + 1:
        return True
    if source == "tortured" and len(original.split()) > j - i and _name_goes_on(toks, i, j):
        # A paper-mill phrase that adds words reads a whole name into part of a
        # longer one: "European Courtroom" is the European Court of Justice, but
        # "European Courtroom of Human Rights" is another court. (Other rows mend
        # Title Case terms: "Manufactured Neural Networks", "Deep Getting to know".)
        return True
    if _in_known_name(toks, i, j, is_name):
        # No row rewrites part of a known name: the Community Security Trust is no
        # paper-mill "network security", nor the New York State Division of Homeland
        # Security and Emergency Services a spun "State Department".
        return True
    if source != "curated" or original[:1].isupper():
        return False
    return not _title_span(toks, i, j)


def _name_goes_on(toks, i: int, j: int) -> bool:
    """Does the capitalised run of tokens [i, j) go on before or after them?"""
    n = len(toks)
    after = j < n and (_is_cap(toks[j]) or (toks[j].text in _CONNECTORS and j + 1 < n
                                              and _is_cap(toks[j + 1])))
    return after or (i > 0 and _is_cap(toks[i - 1]))


def _name_word(toks, texts: list[str], i: int, j: int, source: str, original: str,
               is_name) -> bool:
    """May a one-word curated row rewrite a word of a capitalised name the gazetteer
    does not know ("the Canadian Affiliation of ..." -> Association)? Only inside a
    title-case span of two or more capitalised words, never in a known name; the
    candidate is marked so that scoring asks the language model for clear support."""
    return (j == i + 1 and source == "curated" and original.islower()
            and _title_span(toks, i, j) and not _in_known_name(toks, i, j, is_name))


def _renames(texts: list[str], i: int, j: int, words: tuple[str, ...]) -> bool:
    """Would a lower-case row that starts outside a name drop a capitalised word after
    the first of its span? Spinners keep the case of the word they replace, so such a
    capital is a name ("the Navy Times" is not spun "the military"); rows that restore a
    name themselves ("the Video games" -> "the Games") have capitals of their own, and
    rows starting on a name word are judged by `_kept_name`."""
    if any(w[:1].isupper() for w in words):
        return False
    kept = {w.lower() for w in words}
    return any(texts[k][:1].isupper() and texts[k].lower() not in kept for k in range(i + 1, j))


def _title_span(toks, i: int, j: int) -> bool:
    """True when tokens [i, j) read as part of a name: capitalised words, small words
    ("of", "and") inside, and at most one other lower-case word, which is how a
    one-word name part comes back from a spinner ("Central Financial institution")."""
    lower = sum(1 for t in toks[i:j] if not t.text[:1].isupper() and t.text not in _CONNECTORS)
    caps = sum(1 for t in toks[i:j] if t.text[:1].isupper())
    # The name goes on after the span ("Financial institution of Korea", "Nationwide
    # Institute of ...") or started before it ("Deutsche Financial institution").
    return (toks[i].text[:1].isupper() and lower <= 1
            and (caps >= 2 or _name_goes_on(toks, i, j)))


def _in_known_name(toks, i: int, j: int, is_name) -> bool:
    """Is the span [i, j) part of a known name within its capitalised run? (A possessive
    apostrophe joins the run: "Veterans' Employment and Training Service".)"""
    if is_name is None:
        return False
    texts = [t.text for t in toks]

    def in_run(k: int) -> bool:
        return texts[k][:1].isupper() or texts[k] in _CONNECTORS or texts[k] in ("'", "\u2019")

    a, b = i, j
    while a > 0 and in_run(a - 1):
        a -= 1
    while b < len(texts) and in_run(b):
        b += 1
    # (with the page's own spacing: "Veterans'" is one word of the name, not "Veterans '")
    return any(is_name(_spelled(toks, x, y)) for x in range(a, i + 1) for y in range(j, b + 1)
               if texts[x][:1].isupper() and texts[y - 1][:1].isupper())



def _spelling_variant(a: str, b: str) -> bool:
    """British/American spellings (`spelling_variants`), hyphenation variants and, among
    thesaurus originals, any one-letter difference are the same word, not a spin."""
    a2, b2 = a.replace("-", "").replace(" ", ""), b.replace("-", "").replace(" ", "")
    if a2 == b2:
        return True
    if len(a2) == len(b2):
        diff = 0
        for x, y in zip(a2, b2):
            if x != y:
                diff += 1
                if diff > 1:
                    break
        if diff == 1:
            return True  # maximise/maximize, colour-less one-letter swaps
    return spelling_variants(a2, b2)


_ORIGINALS: dict[tuple[int, str, int], tuple[tuple[str, float, str], ...]] = {}


def _word_originals(low: str, thes, analyses, inflect, top: int) -> tuple[tuple[str, float, str], ...]:
    """(inflected original, prior, lemma original) for one page word; plain-dict cached."""
    key = (id(thes), low, top)
    hit = _ORIGINALS.get(key)
    if hit is not None:
        return hit
    out: list[tuple[str, float, str]] = []
    seen: set[str] = {low}
    forms = [(low, "")] + [(lem, tag) for lem, tag in analyses(low) if lem != low]
    own_lemmas = {lem for lem, _tag in forms}
    for lemma, tag in forms:
        for original, prior in thes.originals(lemma, top):
            # A spinner swaps a word for a word; multiword originals of single
            # words ("fast and loose" for unpredictable) are thesaurus noise, and
            # spelling variants (maximise/maximize) or other inflections of the page
            # word (indexes/index) are not spins.
            if " " in original or original in own_lemmas or _spelling_variant(lemma, original):
                continue
            form = _inflected(original, tag, inflect) if tag else original
            if not form or form in seen or " " in form:
                continue
            seen.add(form)
            out.append((form, prior, original))
    if len(_ORIGINALS) > 100_000:
        _ORIGINALS.clear()
    hit = _ORIGINALS[key] = tuple(out)
    return hit


_THES_WORDS: dict[tuple, tuple] = {}


def _skipped_word(text: str) -> bool:
    """Can this token start no thesaurus candidate whatever the thesaurus says?

    Capitalised words are names or sentence starts (where names are common too:
    "Trump said"); the gazetteer and phrasebook handle those. Function words, short
    and hyphenated words are not swapped either.
    """
    low = text.lower()
    return text[:1].isupper() or low in STOPWORDS or len(low) < 3 or "-" in low


def _thesaurus_word(text: str, thes, analyses, inflect, top: int) -> tuple:
    """What the thesaurus proposer needs of one page token, plain-dict cached by its text.

    ``()`` when the token can start no candidate (`_skipped_word`, or without originals
    and without a multiword form to grow into); else (lower-case form, originals,
    their replacement strings, whether a multiword spun form starts with it).
    """
    key = (id(thes), text, top)
    hit = _THES_WORDS.get(key)
    if hit is not None:
        return hit
    low = text.lower()
    hit = ()
    if not _skipped_word(text):
        originals = _word_originals(low, thes, analyses, inflect, top)
        grows = thes.max_phrase_len >= 2 and thes.extends(low)
        if originals or grows:
            hit = (low, originals, tuple(form for form, _, _ in originals), grows)
    if len(_THES_WORDS) > 100_000:
        _THES_WORDS.clear()
    _THES_WORDS[key] = hit
    return hit


def thesaurus(text: str, sentence: Sentence, thes, inflection, novel, top: int = 6,
              keep=None) -> Iterator[Candidate]:
    """Inverse thesaurus: originals a spinner could have replaced with this word or phrase.

    Only words that form an n-gram the language model has never seen with a
    neighbour are considered (``novel(i, j)``): a spinner's random synonym rarely
    lands in a familiar collocation, while most clean words sit in one. This is
    also the fast path that lets ordinary sentences skip scoring. ``keep(i, j, reps)``
    (optional) is a cheap pre-filter returning one flag per replacement string:
    most swaps fail it, and those are never built.
    """
    toks = sentence.tokens
    analyses, inflect = inflection
    maxlen = thes.max_phrase_len
    memo_get, thes_id = _THES_WORDS.get, id(thes)
    for a, b in _word_runs(sentence):
        for i in range(a, b):
            word = toks[i].text
            info = memo_get((thes_id, word, top))
            if info is None:
                # Not met yet: its originals (costly) are looked up only where they
                # can be used, at a novel position.
                if not _skipped_word(word) and not novel(i, i + 1):
                    continue
                info = _thesaurus_word(word, thes, analyses, inflect, top)
            if not info or not novel(i, i + 1):
                continue
            low, originals, reps, grows = info
            if originals:
                flags = keep(i, i + 1, reps) if keep is not None else None
                for k, (form, prior, original) in enumerate(originals):
                    if flags is None or flags[k]:
                        yield _make(sentence, text, i, i + 1, (form,), "thesaurus", prior,
                                    f"thesaurus: {low!r} is listed as a synonym of {original!r}")
            if not grows:
                continue
            # Multiword spun forms ("make investments" <- invest).
            phrase = low
            for j in range(i + 2, min(b, i + maxlen) + 1):
                if j > i + 2 and not thes.extends(phrase):
                    break
                phrase += " " + toks[j - 1].text.lower()
                if not thes.has_form(phrase):
                    continue
                options = [(original, prior) for original, prior in thes.originals(phrase)[:top]
                           if original != phrase and original.count(" ") <= phrase.count(" ")]
                if not options:
                    continue
                flags = keep(i, j, tuple(o for o, _ in options)) if keep is not None else None
                for k, (original, prior) in enumerate(options):
                    if flags is None or flags[k]:
                        yield _make(sentence, text, i, j, tuple(original.split()), "thesaurus",
                                    prior, f"thesaurus: {phrase!r} is listed as a synonym of {original!r}")


_LEMMAS: dict = {}  # analyses function -> {word: lemmas}


def _lemma_info(word: str, analyses) -> tuple[str, ...]:
    """The lower-case word, then its other lemmas in order; plain-dict cached.

    A tuple of strings (no frozenset beside it): the cyclic GC untracks it, and
    thousands of memoised words would otherwise make every full collection slower.
    """
    memo = _LEMMAS.get(analyses)
    if memo is None:
        if len(_LEMMAS) > 8:
            _LEMMAS.clear()
        memo = _LEMMAS[analyses] = {}
    hit = memo.get(word)
    if hit is None:
        low = word.lower()
        out = [low]
        for lemma, _tag in analyses(low):
            if lemma not in out:
                out.append(lemma)
        if len(memo) > 100_000:
            memo.clear()
        hit = memo[word] = tuple(out)
    return hit


def same_lemma(page: str, target: str, analyses) -> bool:
    """True when two words differ only by inflection (index/indexes): not a spin."""
    theirs = _lemma_info(target, analyses)
    return any(lemma in theirs for lemma in _lemma_info(page, analyses))  # 1-3 lemmas each


#: "page\ntarget" -> verdict. A string key, not a (page, target) tuple: new text adds
#: tens of thousands of entries, and every tuple is an object the cyclic GC counts and
#: scans until it untracks it (words never hold a line break, so the key is unambiguous).
_SYN_CACHE: dict[str, bool] = {}


def synonym_match(page: str, target: str, thes, analyses) -> bool:
    """True when ``page`` could be a spinner's synonym of ``target`` (lemma-aware, cached)."""
    key = page + "\n" + target
    hit = _SYN_CACHE.get(key)
    if hit is not None:
        return hit
    hit = False
    tl = _lemma_info(target, analyses)
    # are_synonyms scans two short rows; neighbours() would build a set of every link
    syn = thes.are_synonyms
    for p in _lemma_info(page, analyses):
        for t in tl:
            if syn(p, t):
                hit = True
                break
        if hit:
            break
    if len(_SYN_CACHE) > 100_000:
        _SYN_CACHE.clear()
    _SYN_CACHE[key] = hit
    return hit


def link_weight(page: str, target: str, thes, analyses) -> float:
    """Strongest thesaurus weight linking two words, either direction, by lemma (0 if none)."""
    best = 0.0
    for p in _lemma_info(page, analyses):
        for t in _lemma_info(target, analyses):
            for a, b in ((p, t), (t, p)):
                for word, weight in thes.originals(a):
                    if word == b and weight > best:
                        best = weight
    return best


def _is_cap(tok) -> bool:
    return (tok.kind == "word" and tok.text[:1].isupper()) or tok.text in _ORDINALS


#: Ordinal figures and the words a name writes for them.
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth",
             "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth"}


_GAZ_AUX: dict[int, tuple] = {}


def _gaz_memos(gaz, thes, swaps) -> tuple[dict, dict, dict, dict]:
    """Per-gazetteer plain-dict memos (exact names, names by token and length, span
    matches, page word / name word alignments).

    Span matches and word alignments also depend on the thesaurus and the word swaps,
    so different ones start afresh.
    """
    hit = _GAZ_AUX.get(id(gaz))
    if hit is None or hit[0] is not gaz or hit[4] is not thes or hit[5] is not swaps:
        hit = (gaz, {}, {}, {}, thes, swaps, {})
        if len(_GAZ_AUX) > 16:
            _GAZ_AUX.clear()
        _GAZ_AUX[id(gaz)] = hit
    return hit[1], hit[2], hit[3], hit[6]


def _bounded_set(memo: dict, key, value) -> None:
    if len(memo) > 50_000:
        memo.clear()
    memo[key] = value


#: Thesaurus weight a name's only swapped word needs (unless a phrasebook swap). Real
#: spun names in news use close synonyms (0.59-0.84: Home/House, Heart/Center,
#: College/University); pairs of distinct real names differ by looser links
#: (0.44-0.53: Southern/Eastern, Park/Post, Radio/News, Airport/Island).
NAME_LINK_MIN = 0.55


def _pair_end(toks, k: int, pairs: frozenset[str]) -> bool:
    """Is token k the lower-case second half of a split name word ("Court docket")?"""
    return (k > 0 and toks[k].kind == "word" and _is_cap(toks[k - 1])
            and f"{toks[k - 1].text.lower()} {toks[k].text.lower()}" in pairs)


def _known_without_tail(toks, i: int, j: int, pairs: frozenset[str], gaz, exact: dict) -> bool:
    """Is the span a known name once each split name word is read as its first half
    ("Federal Court docket" -> "Federal Court")?"""
    words: list[str] = []
    k = i
    while k < j:
        words.append(toks[k].text)
        k += 2 if k + 1 < j and _pair_end(toks, k + 1, pairs) else 1
    name = " ".join(words)
    known = exact.get(name)
    if known is None:
        known = gaz.lookup_exact(name) is not None
        _bounded_set(exact, name, known)
    return known


def _without_possessive(page: str, name: str) -> tuple[str, str]:
    """Both words without their "'s" when both have one, else both as they are."""
    for mark in ("'s", "\u2019s"):
        if page.endswith(mark) and name.replace("\u2019", "'").endswith("'s"):
            return page[:-2], name[:-2]
    return page, name


def _merge_pairs(lows: list[str], pairs: frozenset[str]) -> tuple[str, ...]:
    """The span's words with each split name word joined back into one item."""
    out: list[str] = []
    k = 0
    while k < len(lows):
        if k + 1 < len(lows) and f"{lows[k]} {lows[k + 1]}" in pairs:
            out.append(f"{lows[k]} {lows[k + 1]}")
            k += 2
        else:
            out.append(lows[k])
            k += 1
    return tuple(out)


_SWAP_TABLES: dict[int, tuple] = {}


def _swap_tables(swaps: frozenset) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """(spun form -> originals, the two-word spun forms) of the phrasebook's (spun,
    original) word swaps, built once per swap set. A two-word form ("financial
    institution" <- bank) is a name word the spinner split in two."""
    hit = _SWAP_TABLES.get(id(swaps))
    if hit is None or hit[0] is not swaps:
        table: dict[str, list[str]] = {}
        for spun, original in sorted(swaps):
            table.setdefault(spun, []).append(original)
        _SWAP_TABLES.clear()
        hit = _SWAP_TABLES[id(swaps)] = (swaps, {k: tuple(v) for k, v in table.items()},
                                         frozenset(k for k in table if " " in k))
    return hit[1], hit[2]


def _names_by_length(gaz, memo: dict, word: str, max_df: int) -> dict[int, tuple[int, ...]]:
    """Non-person entries containing ``word``, grouped by word count; {} for a common word."""
    key = (word, max_df)
    hit = memo.get(key)
    if hit is None:
        ids = gaz.by_token(word)
        groups: dict[int, list[int]] = {}
        if len(ids) <= max_df:
            for eid in ids:
                if gaz.entries[eid][1] != "person":
                    groups.setdefault(len(gaz.split_name(eid)), []).append(eid)
        hit = {n: tuple(g) for n, g in groups.items()}
        _bounded_set(memo, key, hit)
    return hit


def _names_by_place(gaz, memo: dict, word: str, max_df: int) -> dict[tuple[int, int], tuple[int, ...]]:
    """`_names_by_length`'s entries by (word count, position of ``word`` in the name)."""
    key = ("@", word, max_df)
    hit = memo.get(key)
    if hit is None:
        groups: dict[tuple[int, int], list[int]] = {}
        for n, eids in _names_by_length(gaz, memo, word, max_df).items():
            for eid in eids:
                for k, e in enumerate(gaz.split_name(eid)):
                    if e.lower().replace("\u2019", "'").rstrip(",'") == word:
                        groups.setdefault((n, k), []).append(eid)
        hit = {place: tuple(g) for place, g in groups.items()}
        _bounded_set(memo, key, hit)
    return hit


#: Sets of words that Moby lists together but that tell rival names apart: a name's
#: word is never reached from another word of its own set (West Shore is not the
#: Eastern Shore, the Democratic Governors Association not the Republican one).
_CONTRASTS = (
    frozenset(f"{a}{b}" for a in ("north", "south", "east", "west", "northeast", "northwest",
                                  "southeast", "southwest") for b in ("", "ern")),
    frozenset("democratic democrat democrats republican republicans conservative conservatives "
              "liberal liberals labour labor socialist socialists communist communists".split()),
    frozenset("upper lower".split()),
    frozenset(_ORDINALS.values()) | {"eleventh", "twelfth"},
)


def _loose_change_barred(page: str, name_word: str, analyses, zipf, originals_of: dict) -> bool:
    """May a name's word be matched through a general thesaurus link (no known swap)?

    Not when either word is rare (names such as Jenny) or no common word at all (proper
    nouns such as Europe and Africa, which Moby lists together but no spinner swaps),
    nor when the page word is a known spin of other words: "Occasions" is the spinner's
    Times, so the Manhattan Occasions is not the Manhattan Institute, however a verb
    sense links them.
    """
    if zipf(page) < 3.0 or zipf(name_word) < 3.0:
        return True
    if any(page in group and name_word in group for group in _CONTRASTS):
        return True
    if not analyses(page) or not analyses(name_word):
        return True
    return page in originals_of


#: `_align_word` verdicts: the page word keeps the name's word (or its other spelling),
#: replaces it (an ordinal figure only writes its word), or cannot stand for it.
_KEPT, _CHANGED, _ORDINAL, _MISFIT = "kept", "changed", "ordinal", "misfit"
#: The usual answer, shared (memoising it allocates nothing for the GC to track).
_NO_FIT = (_MISFIT, None, None, None)


def _align_word(p: str, e: str, gaz, thes, analyses, zipf, swaps: frozenset
                ) -> tuple[str, str | None, str | None, tuple[str, str] | None]:
    """How page word ``p`` (lower case; two words for a split name word) lines up with
    a name's word ``e``: (verdict, anchor word or None, the name word as the repair
    writes it or None to keep ``e``, (page, name) pair of a change that is no known
    swap or None).

    Depends on the two words only (and the fixed resources), so `_name_matches` memoises
    it (by "page\nname" string, see ``_SYN_CACHE``): the same page word meets the same
    name words in every overlapping span.
    """
    el = e.lower().replace("\u2019", "'")
    mark = p[-1:] if p[-1:] in (",", "'") else ""
    if mark != (el[-1:] if el[-1:] in (",", "'") else ""):
        return _NO_FIT  # "Agriculture," aligns only with a name word before a comma
    if mark and len(p) > 1 and len(el) > 1:
        p, el = p[:-1], el[:-1]
    if p != el and " " not in p and spelling_variants(p, el):
        # The page's British or American spelling of the name's word ("Centre"
        # for Center) is the same word: an anchor, and the repair keeps it.
        return _KEPT, p, (transfer_case(e[:-1], p) + e[-1] if mark else transfer_case(e, p)), None
    if p == el or p.startswith(el + " ") or (
            len(p) >= 6 and fuzz.ratio(p, el, score_cutoff=85)
            and not (thes.originals(p, 1) and thes.originals(el, 1))
            and not gaz.by_token(p)):
        # Exact (also "court docket" for Court), or nearly: a transliteration
        # or typo of a non-dictionary word (Hanguk/Hankuk), not another
        # dictionary word (Minister/Ministry) nor a word of other known names
        # (Kanagawa is not a misspelt Kanazawa).
        if p in _CONNECTORS:
            return _KEPT, None, None, None
        return _KEPT, (el if " " in p else p), None, None
    # A spinner swaps dictionary words for dictionary words: both sides
    # of a change must be common words (not names such as Jenny).
    # (A known spinner swap needs no frequency check: "know-how" <- technology.)
    p, el = _without_possessive(p, el)  # "Folks's" <- People's: compare the words
    if _ORDINALS.get(p) == el:
        # "1st Modification" <- First Amendment: the spinner writes ordinals as
        # figures; a change, but only beside a real swap (a page's own "2nd
        # Infantry Division" is no spin of the Second).
        return _ORDINAL, None, None, None
    swap = (p, el) in swaps
    if (p in _CONNECTORS or el in _CONNECTORS
            or not (swap or synonym_match(p, el, thes, analyses))
            or same_lemma(p, el, analyses)
            or (not swap and _loose_change_barred(p, el, analyses, zipf,
                                                  _swap_tables(swaps)[0]))):
        return _NO_FIT
    return _CHANGED, None, None, (None if swap else (p, el))


def _name_matches(lows: tuple[str, ...], gaz, thes, analyses, zipf, by_length: dict,
                  max_df: int, swaps: frozenset = frozenset(), aligned: dict | None = None) -> tuple:
    """Gazetteer names one capitalised span could be a spin of (context-free, so memoised
    by the caller): (name tokens, prior, why, anchor strength, words changed, how many
    changes are no known swap from ``swaps``) per match.

    A changed word must be a thesaurus synonym of the name's word or one of ``swaps``,
    the phrasebook's (spun, original) word pairs (`_align_word`, memoised in
    ``aligned``)."""
    if aligned is None:
        aligned = {}
    # Names sharing any page word that is not too common (a spinner may have
    # swapped all but one word, so every word can be the anchor).
    n = len(lows)
    originals_of = _swap_tables(swaps)[0]
    ids: set[int] = set()
    for k, w in enumerate(lows):
        w = w.rstrip(",'")
        if w not in _CONNECTORS:
            # The word in the same place of the name: a name lines up word by word
            ids.update(_names_by_place(gaz, by_length, w, max_df).get((n, k), ()))
            # and names whose word this may be a known spin of (no word kept as is)
            for original in originals_of.get(w, ()):
                ids.update(_names_by_place(gaz, by_length, original, max_df).get((n, k), ()))
    out = []
    for eid in sorted(ids):
        # Personal names are not made of dictionary words a spinner swaps, and a
        # shared given name proves nothing ("Mark Antony"): they are not indexed here.
        etoks = gaz.split_name(eid)
        changed, anchors, loose = 0, [], []  # loose: changed words that are no known swap
        ordinals = 0  # changes of an ordinal figure to its word ("1st" <- First)
        spelled = list(etoks)  # the name as the repair writes it
        for k, (p, e) in enumerate(zip(lows, etoks)):
            pair_key = p + "\n" + e
            step = aligned.get(pair_key)
            if step is None:
                step = _align_word(p, e, gaz, thes, analyses, zipf, swaps)
                _bounded_set(aligned, pair_key, step)
            verdict, anchor, respelled, pair = step
            if verdict is _MISFIT:
                changed = -1
                break
            if verdict is _ORDINAL:
                changed += 1
                ordinals += 1
                continue
            if anchor is not None:
                anchors.append(anchor)
            if respelled is not None:
                spelled[k] = respelled
            if verdict is _CHANGED:
                changed += 1
                if pair is not None:
                    loose.append(pair)
        if changed - ordinals < 1 or (not anchors and (changed < 2 or loose)):
            # An anchor (a word kept as it is) is needed, unless every changed word is
            # a known spinner swap ("Division of Power" <- Department of Energy, "Legal
            # professional Basic" <- Attorney General): such matches are weak names.
            continue
        if changed == 1 and loose and link_weight(*loose[0], thes, analyses) < NAME_LINK_MIN:
            # One swapped word beside a real anchor is how one real name differs from
            # another ("Southern Highlands", "Eastern Highlands"): it takes a close
            # synonym or a known spinner swap, not any thesaurus link.
            continue
        strength = max((min(1.0, max(0.0, (6.0 - zipf(a)) / 4.0)) for a in anchors), default=0.0)
        name, kind = gaz.entries[eid]
        # (An ordinal figure written as its word is no swap: it earns no swap bonus, so
        # a name the gazetteer also lists with the figure keeps the page's "9th".)
        out.append((tuple(spelled), 0.5 + 0.5 * strength,
                    f"gazetteer: aligns with {kind} {name!r} "
                    f"({changed - ordinals} synonym-swapped word(s), "
                    + (f"anchor {anchors[0]!r})" if anchors else "all known spinner swaps)"),
                    strength, changed - ordinals, len(loose)))
    return tuple(out)


#: Punctuation a name word may carry, as the gazetteer writes it ("Agriculture,", "Veterans'").
_NAME_MARKS = {",": ",", "'": "'", "\u2019": "'"}


#: Most name marks (commas, apostrophes) one name span may hold beyond its words.
_MAX_MARKS = 3


def _name_mark(toks, k: int) -> bool:
    """Is token k a comma or a plural-possessive apostrophe glued to the word before it?"""
    return (0 < k < len(toks) and toks[k].text in _NAME_MARKS
            and toks[k].start == toks[k - 1].end and toks[k - 1].kind == "word")


def _name_words(toks, i: int, j: int) -> list[str]:
    """Lower-case words of tokens [i, j), a glued comma or apostrophe kept on its word
    ("agriculture,"), as the gazetteer splits names on spaces."""
    words: list[str] = []
    for k in range(i, j):
        if words and _name_mark(toks, k):
            words[-1] += _NAME_MARKS[toks[k].text]
        else:
            words.append(toks[k].text.lower())
    return words


def _spelled(toks, i: int, j: int) -> str:
    """Tokens [i, j) as the page spaces them (spaces collapsed)."""
    return "".join((" " if k > i and toks[k].start > toks[k - 1].end else "") + toks[k].text
                   for k in range(i, j))


def _repeats_neighbour(toks, i: int, j: int, words: tuple[str, ...]) -> bool:
    """Would the repair of tokens [i, j) by ``words`` repeat the word just before or after
    the span (across a comma)? A real name's words sit beside other words; a repair that
    makes "Science, Science" has read part of a longer name as another name."""
    k = i - 1
    if k >= 0 and toks[k].text == ",":
        k -= 1
    if k >= 0 and toks[k].text.lower() == words[0].lower() != toks[i].text.lower():
        return True
    k = j
    if k < len(toks) and toks[k].text == ",":
        k += 1
    return k < len(toks) and toks[k].text.lower() == words[-1].lower() != toks[j - 1].text.lower()


def entities(text: str, sentence: Sentence, gaz, thes, analyses, zipf,
             max_len: int = 8, max_df: int = 1500, swaps: frozenset = frozenset()) -> Iterator[Candidate]:
    """Capitalised spans that align token by token with a gazetteer name.

    Each page token must equal the name's token or be a thesaurus neighbour of it (or
    a known spinner swap of it, ``swaps``), at least one token must have been changed
    and at least one content token must match exactly (the anchor). Spans that already
    are a known name are left alone.
    """
    toks = sentence.tokens
    n = len(toks)
    exact, by_length, matches, aligned = _gaz_memos(gaz, thes, swaps)
    pairs = _swap_tables(swaps)[1]
    k = 0
    while k < n:
        if not _is_cap(toks[k]):
            k += 1
            continue
        end = k + 1
        while end < n:
            if _is_cap(toks[end]) or _pair_end(toks, end, pairs):
                end += 1
                continue
            # Connectors join capitalised words, also two in a row ("University of the
            # Philippines", "Department of the Treasury").
            nxt = end
            if _name_mark(toks, end):
                nxt += 1  # "Agriculture, Food and ...", "Veterans' Employment ..."
            start = nxt
            while nxt < n and nxt - start < 2 and toks[nxt].lower in _CONNECTORS:
                nxt += 1  # "Science, Space, and Technology"
            if nxt == end or nxt >= n or not _is_cap(toks[nxt]):
                break
            end = nxt + 1
        run_start, run_end = k, end
        k = end
        # Names are 2-8 words inside ordinary text; a longer capitalised run is a
        # title-case headline or boilerplate, not worth an all-subspans search.
        if run_end - run_start < 2 or run_end - run_start > 14:
            continue
        # (the second word of a split name word counts as capitalised: "Court docket")
        cap = [_is_cap(toks[x]) or _pair_end(toks, x, pairs) for x in range(run_start, run_end)]
        exact_ranges: list[tuple[int, int]] = []
        for i in range(run_start, run_end):
            for j in range(min(run_end, i + max_len + _MAX_MARKS), i + 1, -1):
                if cap[i - run_start] and cap[j - 1 - run_start]:
                    name = _spelled(toks, i, j)
                    known = exact.get(name)
                    if known is None:
                        known = gaz.lookup_exact(name) is not None
                        _bounded_set(exact, name, known)
                    if known:
                        exact_ranges.append((i, j))
        for i in range(run_start, run_end):
            if not cap[i - run_start]:
                continue
            # (commas and apostrophes ride on their words: up to max_len words, not tokens)
            for j in range(i + 2, min(run_end, i + max_len + _MAX_MARKS) + 1):
                if not cap[j - 1 - run_start]:
                    continue
                if any(a <= i and j <= b for a, b in exact_ranges):
                    continue
                words = _name_words(toks, i, j)
                if len(words) > max_len:
                    break
                lows = _merge_pairs(words, pairs)
                readings = [lows]
                if len(lows) < len(words):
                    if _known_without_tail(toks, i, j, pairs, gaz, exact):
                        continue  # "Federal Court docket": a known name plus the split's tail
                    # Two words may also be two of the name's ("Korea Electrical Energy
                    # Company" <- Korea Electric Power Corporation), not one split word.
                    readings.append(tuple(words))
                found = ()
                for reading in readings:
                    key = (reading, max_df)
                    hit = matches.get(key)
                    if hit is None:
                        hit = _name_matches(reading, gaz, thes, analyses, zipf, by_length, max_df,
                                            swaps, aligned)
                        _bounded_set(matches, key, hit)
                    found += hit
                for etoks, prior, why, strength, changed, loose in found:
                    if _repeats_neighbour(toks, i, j, etoks):
                        continue  # "Science, Arts and Technology" is no "Science, Science and ..."
                    c = _make(sentence, text, i, j, etoks, "gazetteer", prior, why)
                    c.extra["anchor"] = strength
                    c.extra["changed"] = changed
                    c.extra["loose"] = loose  # changes by a general synonym, not a known swap
                    yield c


def term_seed(sent: Sentence, keys: list, novel, word_map) -> bool:
    """Could `terms` find a paper-mill term here on a page without fingerprints? Only
    where an unseen bigram holds a word of a learnt tortured swap (``keys``: the
    tokens' vocabulary ids, None for non-words; ``novel`` as in `terms`)."""
    toks = sent.tokens
    for k in range(len(toks) - 1):
        if keys[k] is not None and keys[k + 1] is not None and (
                toks[k].text.lower() in word_map or toks[k + 1].text.lower() in word_map) \
                and novel(k, k + 2, inner=True):
            return True
    return False


def name_seed(sent: Sentence, swap_words: frozenset[str], is_name) -> bool:
    """Could `entities` find a spun name here on a page without fingerprints? Only
    where a capitalised run of two or more words, no known name as it stands, holds a
    word the spinner is known to put in (``swap_words``)."""
    toks = sent.tokens
    n = len(toks)
    cap = [t.kind == WORD and t.text[:1].isupper() for t in toks]
    k = 0
    while k < n:
        if not cap[k]:
            k += 1
            continue
        words = [toks[k].text]
        end = k + 1
        while end < n and (cap[end] or (toks[end].text in _CONNECTORS
                                        and end + 1 < n and cap[end + 1])):
            words.append(toks[end].text)
            end += 1
        while words and words[0].lower() in STOPWORDS:
            words.pop(0)  # a sentence-initial "The" is no part of the name
        if len(words) >= 2 and (is_name is None or not is_name(" ".join(words))):
            for m, w in enumerate(words):
                low = w.lower()
                if low not in swap_words or low in STOPWORDS:
                    continue
                # ... and not as part of a known name with a neighbour ("Prime
                # Minister John Howard", "New York Times")
                if is_name is not None and (
                        (m > 0 and is_name(words[m - 1] + " " + w))
                        or (m + 1 < len(words) and is_name(w + " " + words[m + 1]))):
                    continue
                return True
        k = end
    return False


def terms(text: str, sentence: Sentence, index, thes, analyses, lm_seen, novel,
          word_map: dict[str, frozenset[str]], inflect=None, max_len: int = 4) -> Iterator[Candidate]:
    """Lower-case n-grams whose words are each equal to, or synonyms of, a known term's words.

    ``word_map`` holds word-level swaps learnt from the phrasebook's tortured pairs
    (profound -> deep, exactness -> accuracy): they count as synonyms and seed the search.
    ``index`` maps (length, position, word) to term tuples; ``lm_seen(a, b)`` tells if the
    language model knows the page bigram: a familiar bigram on the page is not searched
    with synonym expansion (it is ordinary English), only exact-anchor matches are.
    """
    toks = sentence.tokens
    lows = [t.text.lower() for t in toks]
    caps = [t.text[:1].isupper() for t in toks]
    for a, b in _word_runs(sentence):
        run_caps = any(caps[a:b])
        for i in range(a, b):
            if lows[i] in STOPWORDS:
                continue  # every n-gram from here starts with a function word
            for j in range(i + 2, min(b, i + max_len) + 1):
                # Terms are lower-case text; capitalised words are names (gazetteer).
                # A Title Case run ("Profound Figuring", in headings and keyword
                # lists) is searched for tortured-phrase originals only.
                title = False
                if run_caps and any(caps[i:j]):
                    title = (all(caps[i:j]) and not any(t.text.isupper() for t in toks[i:j])
                             # the whole capitalised run, not a piece of a longer name
                             and not (i > a and caps[i - 1])
                             and not (j < b and caps[j]))
                    if not title:
                        break
                if lows[j - 1] in STOPWORDS or not novel(i, j, inner=True):
                    continue
                for words, term, tortured, changed, mapped in _term_matches(
                        tuple(lows[i:j]), title, index, thes, analyses, lm_seen, word_map, inflect):
                    if title and mapped < changed:
                        # A capitalised run is a name unless every changed word is a
                        # known paper-mill swap ("Profound Learning"): "United Nationals"
                        # is not a spin of "United States".
                        continue
                    kind = "tortured-phrase original" if tortured else "multiword expression"
                    c = _make(sentence, text, i, j, words, "mwe", 0.3,
                              f"term: words are synonyms of the {kind} {' '.join(term)!r}")
                    c.extra["changed"] = changed
                    c.extra["tortured_term"] = tortured
                    c.extra["mapped"] = mapped
                    yield c


_PARTICIPLE = frozenset({"VBD", "VBN"})


def _participle_for_noun(p: str, t: str, analyses) -> bool:
    """Is page word ``p`` a past form (and no noun) while term word ``t`` cannot be one?
    A spinner swaps a word for one of the same part of speech: "the climate improved"
    is no spin of climate change."""
    ptags = {tag for _lemma, tag in analyses(p)}
    if not (ptags & _PARTICIPLE) or "NN" in ptags or "NNS" in ptags:
        return False
    return not ({tag for _lemma, tag in analyses(t)} & (_PARTICIPLE | {"JJ"}))


_TERM_MATCHES: dict[tuple, tuple] = {}
_NEIGHBOUR_TERMS: dict[tuple, frozenset] = {}


def _neighbour_terms(word: str, index, thes) -> frozenset:
    """Two-word tortured-phrase originals whose first word is a thesaurus neighbour of
    ``word`` (cached by word: many page bigrams share their first word).

    `_term_matches` asks only when no term shares a word (or a learnt swap) with the
    page bigram, so both words of any term found here are changed: only originals of
    tortured phrases may be fully rewritten, and multiword expressions need not be
    looked up at all.
    """
    key = (id(index), id(thes), word)
    hit = _NEIGHBOUR_TERMS.get(key)
    if hit is None:
        found: set = set()
        for nb in index.tortured_pair_starters(thes.neighbours(word)):
            found.update(index.tortured[(2, 0, nb)])
        if len(_NEIGHBOUR_TERMS) > 4096:
            _NEIGHBOUR_TERMS.clear()
        hit = _NEIGHBOUR_TERMS[key] = frozenset(found)
    return hit


def _term_matches(lows: tuple[str, ...], title: bool, index, thes, analyses, lm_seen, word_map,
                  inflect) -> tuple:
    """Known terms one n-gram could be a spin of (context-free, so plain-dict cached).

    Returns (replacement words, term, from tortured list, words changed, words changed
    by a learnt tortured swap) per match.
    """
    key = (id(index), lows, title)
    hit = _TERM_MATCHES.get(key)
    if hit is not None:
        return hit
    n = len(lows)
    found: set[tuple[tuple[str, ...], bool]] = set()
    for pos, w in enumerate(lows):
        if w not in STOPWORDS:
            found.update(index.get((n, pos, w), ()))
            for orig in word_map.get(w, ()):
                found.update(index.get((n, pos, orig), ()))
    if not found and n == 2 and not lm_seen(lows[0], lows[1]):
        found.update(_neighbour_terms(lows[0], index, thes))
    out: list[tuple] = []
    if found and (lows, False) not in found and (lows, True) not in found:
        # per page position: the word, its learnt tortured swaps, whether a function word
        pinfo = [(p, word_map.get(p, ()), p in STOPWORDS) for p in lows]
        for term, tortured in found:  # any order: matches are sorted below
            if title and not tortured:
                continue
            changed = mapped = 0
            swaps: list[tuple[str, str]] = []  # positions that must be thesaurus synonyms
            for (p, mp, pstop), t in zip(pinfo, term):
                if p == t:
                    continue
                if t in p or p in t:
                    changed = -1  # derived forms (astrophysical/physical) are not spins
                    break
                if t in mp:
                    changed += 1
                    mapped += 1
                    continue
                if pstop or t in STOPWORDS:
                    changed = -1
                    break
                swaps.append((p, t))
            if changed < 0:
                continue
            total = changed + len(swaps)
            if not (total >= 1 and (tortured or total < n)):
                continue  # fails the test below whatever the synonym checks say
            # The (costlier) synonym checks last: every position must pass, in any order.
            for p, t in swaps:
                if (not synonym_match(p, t, thes, analyses) or same_lemma(p, t, analyses)
                        or _participle_for_noun(p, t, analyses)):
                    changed = -1
                    break
                changed += 1
            # General multiword expressions need one word kept as an anchor;
            # originals of known tortured phrases may be fully rewritten.
            if changed >= 1 and (tortured or changed < n):
                words = agree_number(lows[-1], term, analyses, inflect) if inflect else term
                if words != lows:
                    out.append((words, term, tortured, changed, mapped))
        out.sort(key=lambda m: (m[1], m[2]))  # (term, tortured) order, as the index lists them
    if len(_TERM_MATCHES) > 50_000:
        _TERM_MATCHES.clear()
    hit = _TERM_MATCHES[key] = tuple(out)
    return hit
