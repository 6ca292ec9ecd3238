"""Orchestrates the stages: tokenize -> candidates -> scoring -> decide -> apply/explain.

Documents are processed in blocks of sentences (bounded memory for huge inputs).
Within a block, pass 1 proposes and scores candidates independently and counts
fingerprint hits, graded by how close each comes to being decisive on its own
(document-level evidence); pass 2 decides per sentence with margins lowered in
proportion to that evidence. Evidence carries over from block to block.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from . import candidates as cand
from .apply import (agree_article, apply_edits, page_spelling, respell, transfer_apostrophes,
                    transfer_case)
from .config import Config
from .decide import DocLevel, choose, consistency, margin, score_candidate, thesaurus_context
from .lexicon import spelling_variants
# Modules only: each resource loads its data on first use, not at import. Imported
# here, not inside the per-word functions below, where an import statement would
# cost more than the memo lookup it guards.
from .resources import inflect as _inflect
from .resources import knowledge
from .resources import lm as _lm
from .resources import spelling as _spelling
from .resources.terms import term_index
from .scoring import SentenceState, swap_filter
from .tokenize import NUM, WORD, Sentence, iter_sentences
from .types import Detection, Edit, Repaired, Span

#: Characters per block; evidence is pooled over blocks seen so far.
BLOCK_CHARS = 20000
#: Gain a specific-source candidate needs to count as a decisive hit.
STRONG_GAIN = 0.5
#: Gain from which a specific-source candidate starts to count towards document
#: evidence; its weight rises linearly to a full hit at STRONG_GAIN. Graded hits per
#: 100 words: 391 clean news and science documents (73k words) at most 0.62, 99%
#: below 0.43; 37 passages of real and hand-made spun news 2.5-15 (many spins, none
#: decisive alone, still mark the page).
FAINT_GAIN = -2.5
#: Graded hits per 100 words that clean text may show without counting as spun
#: (at least one hit is always allowed; the rate keeps long clean documents from
#: adding up chance hits). Between the clean documents' 99th percentile (0.43) and
#: their maximum (0.62): 0.75 left lightly spun pages (about 4 spins per 100 words)
#: with almost no document evidence; on the light dev article sets 0.5 was best
#: (F0.5 per set, summed over seven: 0.75 4.64, 0.6 4.75, 0.5 4.83, 0.4 4.77).
BASE_RATE = 0.5
_SPECIFIC = frozenset({"spintax", "tortured", "curated", "phrasebook", "user", "gazetteer"})


@dataclass
class _Context:
    """Per-call resources and lookups, built once per call (cheap: resources are cached)."""

    cfg: Config
    know: object
    analyses: object
    inflect: object
    zipf: object
    term_index: tuple  # (TermIndex | None, tortured word map)
    seen_bigram: object
    is_name: object  # known-name test for capitalised runs, or None without a gazetteer
    swaps: frozenset  # the phrasebook's word swaps (links for name alignment)
    swap_words: frozenset  # their spun words ("financial institution" gives both words)


@dataclass
class _Evidence:
    words: int = 0
    strong: float = 0.0  # article-spinner hits (phrasebook, names, spintax), graded
    strong_sci: float = 0.0  # paper-mill hits (tortured phrases), graded
    decisive: float = 0.0  # hits of either family that are decisive on their own
    hot: float = 0.0  # thesaurus positions whose best original clearly beats the page

    def _level(self, hits: float) -> float:
        """0 for clean-looking text, towards 1 with many graded hits per 100 words
        beyond the allowance (BASE_RATE, at least one hit)."""
        allowed = max(1.0, BASE_RATE * self.words / 100.0)
        density = 100.0 * max(0.0, hits - allowed) / max(self.words, 150)
        return 1.0 - math.exp(-density / 0.3)

    @property
    def level(self) -> DocLevel:
        return DocLevel(self._level(self.strong), self._level(self.strong_sci))


def _hit_weight(gain: float) -> float:
    """Document-evidence weight of a fingerprint candidate: 1 when decisive on its own,
    falling linearly to 0 at FAINT_GAIN."""
    return min(1.0, max(0.0, (gain - FAINT_GAIN) / (STRONG_GAIN - FAINT_GAIN)))


def _context(cfg: Config) -> _Context:
    know = knowledge(cfg.sources, cfg.gazetteer_path, cfg.phrasebook_path)
    lm, gaz = know.lm, know.gazetteer
    book = know.phrasebook
    return _Context(cfg, know, word_analyses, _inflect.inflect, zipf,
                    term_index(know) if "mwe" in cfg.sources else (None, {}),
                    lambda a, b: lm.has_bigram(lm_norm(a), lm_norm(b)),
                    (lambda name: gaz.lookup_exact(name) is not None) if gaz is not None else None,
                    book.word_swaps() if book is not None else frozenset(),
                    book.swap_words() if book is not None else frozenset())


def _word_memo(func, cap: int = 100_000):
    """Wrap a one-word function with a plain-dict cache, cleared when it grows past ``cap``.

    The hot path calls word analyses and LM normalisation for every word pair; a dict
    lookup beats ``functools.lru_cache`` bookkeeping, and clearing bounds memory.
    """
    cache: dict[str, object] = {}

    def cached(word: str):
        hit = cache.get(word)
        if hit is None:
            if len(cache) > cap:
                cache.clear()
            hit = cache[word] = func(word)
        return hit

    return cached


#: A page token in the language model's vocabulary form.
lm_norm = _word_memo(_lm.normalize_uncached)


def _zipf(word: str) -> float:
    """Zipf-scale frequency of a word (log10 per billion words).

    The language model's unigram log-probability is already loaded and gives the
    same scale (log10 P + 9); wordfreq, slow to import, is consulted only for words
    outside the model's older vocabulary ("covid", "blockchain").
    """
    lm = _lm.load()
    norm = lm_norm(word)
    if lm.known(norm):
        return lm.logprob(norm) + 9.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


#: Cached `_zipf`: one dict lookup per word after the first.
zipf = _word_memo(_zipf)


#: (lemma, Penn tag) readings of a lower-case word.
word_analyses = _word_memo(_inflect.analyses)


def _token_forms(text: str) -> tuple[str, tuple[str, ...], int | None]:
    """(LM normal form, LM words, novelty key) of one token's text (tokens hold no
    whitespace). The key is the form's vocabulary id, -1 if unknown, None if empty."""
    n = lm_norm(text)
    key = (_lm.load().word_id(n) if n else None)
    return n, tuple(n.split()), (-1 if key is None and n else key)


#: Cached `_token_forms`: each sentence needs both forms of every token.
token_forms = _word_memo(_token_forms)


def _novelty(keys: list, lm):
    """Return novel(i, j, inner=False): does the page n-gram around tokens [i, j) include
    a bigram or trigram the language model has never seen?

    ``keys`` holds each token's vocabulary id (-1 for an unknown word, None for a
    non-word or a word without LM form: n-grams through it are not judged). With
    ``inner`` only n-grams inside the span count (for multiword terms); otherwise the
    span's words with one neighbour on each side are checked. Proposers ask about
    overlapping spans, so each bigram and trigram verdict is memoised for the sentence.
    """
    n = len(keys)
    bi: list = [None] * n   # bi[k]: "k k+1" is an unseen bigram
    tri: list = [None] * n  # tri[k]: same for the trigram starting at k
    has_bigram, has_trigram = lm.has_bigram_id, lm.has_trigram_id

    def novel(i: int, j: int, inner: bool = False) -> bool:
        a, b = (i, j) if inner else (max(0, i - 1), min(n, j + 1))
        for k in range(a, b - 1):
            v = bi[k]
            if v is None:
                x, y = keys[k], keys[k + 1]
                v = bi[k] = (x is not None and y is not None
                             and (x < 0 or y < 0 or not has_bigram(x, y)))
            if v:
                return True
        for k in range(a, b - 2):
            v = tri[k]
            if v is None:
                x, y, z = keys[k], keys[k + 1], keys[k + 2]
                v = tri[k] = (x is not None and y is not None and z is not None
                              and (x < 0 or y < 0 or z < 0 or not has_trigram(x, y, z)))
            if v:
                return True
        return False

    return novel


_LETTERS = re.compile(r"[^\W\d_]+")


def _document_support(text: str) -> Callable[[str], bool]:
    """Return in_document(word): does ``word`` (or a form with the same lemma) occur
    anywhere in ``text``?

    A random spinner swaps only some occurrences of a word, so the original usually
    survives elsewhere in the text. The document's words and lemmas are collected on
    the first question only (most clean documents never ask).
    """
    words: set[str] = set()

    def in_document(word: str) -> bool:
        if not words:
            # findall, not finditer: no match object per word of the document
            for w in {w.lower() for w in _LETTERS.findall(text)}:
                words.add(w)
                for lemma, _tag in word_analyses(w):
                    words.add(lemma)
        low = word.lower()
        return low in words or any(lemma in words for lemma, _tag in word_analyses(low))

    return in_document


def _propose_cheap(text: str, sent: Sentence, ctx: _Context) -> list[cand.Candidate]:
    """Candidates of the table-lookup sources: spintax, number artefacts, phrasebook."""
    cfg, know = ctx.cfg, ctx.know
    found: list[cand.Candidate] = []
    sent_text = text[sent.start:sent.end]
    if "spintax" in cfg.sources and "{" in sent_text:
        found.extend(cand.spintax(text, sent))
    if "phrasebook" in cfg.sources and (any(t.kind == NUM for t in sent.tokens)
                                        or "%" in sent_text or "p.c" in sent_text
                                        or "Could" in sent_text or "Might" in sent_text):
        found.extend(cand.number_artefacts(text, sent))  # every artefact holds one of these
    if know.phrasebook is not None:
        found.extend(cand.phrasebook(text, sent, know.phrasebook, (ctx.analyses, ctx.inflect),
                                     cfg.max_phrase_words, ctx.is_name))
    return _kept(found, ctx)


#: The search sources of `_propose_rich`.
_SEARCHES = frozenset({"names", "terms", "thesaurus"})


def _propose_rich(text: str, sent: Sentence, ctx: _Context, state: SentenceState, novel,
                  pruned: set[tuple[int, int]], searches: frozenset[str] = _SEARCHES
                  ) -> list[cand.Candidate]:
    """Candidates of the search sources named in ``searches`` (names, terms,
    thesaurus); thesaurus swaps without bigram support are pruned before they are
    built (their spans are added to ``pruned``)."""
    cfg, know = ctx.cfg, ctx.know
    found: list[cand.Candidate] = []
    if know.gazetteer is not None and "names" in searches:
        found.extend(cand.entities(text, sent, know.gazetteer, know.thesaurus, ctx.analyses, ctx.zipf,
                                   swaps=ctx.swaps))
    index, word_map = ctx.term_index
    if index is not None and "terms" in searches:
        for c in cand.terms(text, sent, index, know.thesaurus, ctx.analyses,
                            ctx.seen_bigram, novel, word_map, ctx.inflect):
            # A term that names an organisation ("federal aviation administration" in
            # WordNet) is the gazetteer's, which matches capitalised text only: in
            # lower case, "the union's national aviation secretary" is no spin of it.
            # (Places and things stay: papers write "joined together kingdom" for United
            # Kingdom and "trojan steed" for Trojan horse.)
            if not _organisation(know.gazetteer, c.words):
                found.append(c)
    if "thesaurus" in cfg.sources and "thesaurus" in searches:
        found.extend(cand.thesaurus(text, sent, know.thesaurus, (ctx.analyses, ctx.inflect), novel,
                                    keep=swap_filter(know.lm, state, text, pruned)))
    return _kept(found, ctx)


def _kept(found: list[cand.Candidate], ctx: _Context) -> list[cand.Candidate]:
    kept = [c for c in found if not spelling_variants(c.original.lower(), c.replacement.lower())]
    for c in kept:
        if c.source == "tortured" and _plain_word(c.original, ctx.zipf):
            c.extra["plain_word"] = True
        elif c.source in _ROWS and "-" in c.original and _unknown_compound(c.original):
            c.extra["unknown_compound"] = True
    return kept


#: Sources whose candidates are rows of spun forms.
_ROWS = frozenset({"curated", "phrasebook", "user"})


def _unknown_compound(spun: str) -> bool:
    """Does a row's spun form hold a hyphenated word the language model does not know?
    The model reads such a word as its last part ("lengthy-term" as "term"), so it
    cannot weigh the spun first part against the original ("long-term")."""
    return any("-" in w and lm_norm(w) != w.lower() for w in spun.split())


#: Zipf frequency from which a word is ordinary English ("ruinous" 2.4, "bunches" 2.6).
PLAIN_ZIPF = 2.3
_ARTICLES = ("a ", "an ", "the ")


def _plain_word(spun: str, zipf) -> bool:
    """Is a tortured row's spun form one ordinary English word (after an article)? The
    paper-mill list holds a few ("bunches" <- groups, "coworkers" <- et al, "a jumble"
    <- attention deficit hyperactivity disorder), genuine almost everywhere."""
    low = spun.lower()
    for article in _ARTICLES:
        if low.startswith(article):
            low = low[len(article):]
            break
    return low.isalpha() and zipf(low) >= PLAIN_ZIPF


#: Gazetteer kinds that name organisations (see `_organisation`).
_ORG_KINDS = frozenset({"org", "org_gov", "org_gov_state", "org_intl", "company", "think_tank",
                        "media", "military", "party", "sports", "university"})


def _organisation(gaz, words: tuple[str, ...]) -> bool:
    """Is this multiword term the name of an organisation in the gazetteer?"""
    if gaz is None:
        return False
    eid = gaz.lookup_exact(" ".join(words))
    return eid is not None and gaz.entries[eid][1] in _ORG_KINDS


def _blocks(text: str, cfg: Config) -> Iterator[list[Sentence]]:
    block: list[Sentence] = []
    size = 0
    for sent in iter_sentences(text, cfg.max_sentence_chars):
        block.append(sent)
        size += sent.end - sent.start
        if size >= BLOCK_CHARS:
            yield block
            block, size = [], 0
    if block:
        yield block


def _count_hits(found: list[cand.Candidate], evidence: "_Evidence") -> None:
    """Add the graded fingerprint hits among one sentence's candidates ``found`` to
    ``evidence`` (one per span, its best source)."""
    best_per_span: dict[tuple[int, int], tuple[str, float]] = {}
    for c in found:
        # A weak-anchor name match is not evidence by itself (it may be a real
        # name such as "Alternate Prime Minister").
        if (c.source in _SPECIFIC and c.gain > FAINT_GAIN
                and not (c.source == "gazetteer" and c.extra.get("anchor", 0.0) < 0.5)):
            weight = _hit_weight(c.gain)
            if weight > best_per_span.get((c.i, c.j), ("", 0.0))[1]:
                best_per_span[(c.i, c.j)] = (c.source, weight)
    for source, weight in best_per_span.values():
        if source == "tortured":
            evidence.strong_sci += weight
        else:
            evidence.strong += weight
        evidence.decisive += weight == 1.0


def _analyse(text: str, cfg: Config, evidence: "_Evidence | None" = None
             ) -> Iterator[tuple[list[cand.Candidate], list[cand.Candidate], float]]:
    """Yield (chosen, rejected-but-suspicious, document level) per sentence with candidates.

    ``evidence`` (optional) is filled with the document statistics as blocks go by.
    """
    ctx = _context(cfg)
    model = ctx.know.lm
    if evidence is None:
        evidence = _Evidence()
    in_document = _document_support(text)
    for block in _blocks(text, cfg):
        # Pass 1a: table lookups for every sentence of the block; they are cheap and
        # tell whether the page shows any spinner fingerprint at all.
        pending: list[tuple[Sentence, list, SentenceState, list[cand.Candidate]]] = []
        for sent in block:
            toks = sent.tokens
            kinds = [t.kind for t in toks]
            evidence.words += kinds.count(WORD)
            forms = [token_forms(t.text) for t in toks]
            keys = [f[2] if k == WORD else None for k, f in zip(kinds, forms)]
            cur = [f[1] if k == WORD or k == NUM else () for k, f in zip(kinds, forms)]
            state = SentenceState(toks, lm_norm, toks[-1].text[-1:] in ".!?…\"”'’", cur)
            found = _propose_cheap(text, sent, ctx)
            for c in found:
                score_candidate(model, state, c)
            pending.append((sent, keys, state, found))
        first = dataclasses.replace(evidence)
        for *_, found in pending:
            _count_hits(found, first)
        # Pass 1b: the search sources (names, terms, thesaurus) cost three quarters of
        # the time on clean text. On a page without any fingerprint they run only in
        # sentences with a faint hit: elsewhere the page is by far likelier genuine.
        # What they proposed there was all damage on 103,000 clean words (16 edits),
        # against about one spin restored per 1,000 words of the synthetic spinner.
        quiet = not cfg.search_quiet_pages and first.level == DocLevel()
        scored: list[tuple[SentenceState, list[cand.Candidate]]] = []
        word_map = ctx.term_index[1]
        for sent, keys, state, found in pending:
            novel = _novelty(keys, model)
            searches = _SEARCHES
            if quiet and not any(c.gain > FAINT_GAIN for c in found):
                # Even then, a paper-mill phrase the list lacks leaves an unseen bigram
                # with a word the list's phrases are known to swap ("irregular
                # woodland"), and a spun name a capitalised run with a word the
                # spinner is known to put in ("Zorblax Institute of Advanced Research").
                searches = frozenset(
                    (("terms",) if cand.term_seed(sent, keys, novel, word_map) else ())
                    + (("names",) if cand.name_seed(sent, ctx.swap_words, ctx.is_name) else ()))
            if searches:
                pruned: set[tuple[int, int]] = set()
                rich = _propose_rich(text, sent, ctx, state, novel, pruned, searches)
                if pruned:
                    for c in found + rich:
                        if (c.i, c.j) in pruned:
                            c.extra["rivals_pruned"] = True
                for c in rich:
                    score_candidate(model, state, c)
                found = found + rich
            if found:
                scored.append((state, found))
        evidence.hot += thesaurus_context([c for _, found in scored for c in found], in_document)
        for _state, found in scored:
            _count_hits(found, evidence)
        level = evidence.level if cfg.document_evidence else DocLevel()
        if cfg.document_evidence:
            consistency([c for _, found in scored for c in found], cfg.aggressiveness, level)
        for state, found in scored:
            chosen = choose(model, state, found, cfg.aggressiveness, level)
            taken = {(c.i, c.j) for c in chosen}
            doubtful = [c for c in found if (c.i, c.j) not in taken and c.gain > 0
                        and not any(c.i < o.j and o.i < c.j for o in chosen)]
            yield chosen, doubtful, level


def _confidence(surplus: float) -> float:
    """Map the evidence surplus over the margin to a 0-1 confidence (logistic)."""
    return round(1.0 / (1.0 + math.exp(-(surplus + 1.0))), 3)


def _to_edit(c: cand.Candidate) -> Edit:
    # Spintax options are already the page's own words; everything else takes the
    # page's case (names keep their own capitals unless the page shouts).
    replacement = (c.replacement if c.source == "spintax"
                   else transfer_apostrophes(c.original, transfer_case(c.original, c.replacement)))
    if c.i == 0 and c.original[:1].isdigit() and replacement[:1].islower():
        # A numeral has no case to copy: a sentence-initial "1000's" becomes "Thousands".
        replacement = replacement[:1].upper() + replacement[1:]
    return Edit(c.start, c.end, c.original, replacement,
                _confidence(c.extra.get("surplus", 0.0)), c.source, c.why)


def analyse(text: str, cfg: Config) -> tuple[Repaired, Detection]:
    """Repair and score ``text`` in one pass (both public entry points use this).

    The document score combines, per 100 words: repairs made (other than bare
    thesaurus swaps), decisive fingerprint hits (phrasebook, gazetteer, spintax,
    tortured phrases) and thesaurus positions where an original clearly beats the
    page beyond the rate seen in clean text. Weights were set on the project's clean
    and spun benchmark documents so that clean text stays below 0.5. A text shorter
    than 150 words counts as 150 words long, so one slip in a short clean paragraph
    does not make it "spun" (every hand-spun 55-120-word paragraph still scores >= 0.5).
    """
    if not text.strip():
        return Repaired(text, []), Detection(0.0, [], False)
    edits: list[Edit] = []
    spans: list[Span] = []
    evidence = _Evidence()
    repairs = 0
    sentence_starts: set[int] = set()  # edits that begin their sentence
    for chosen, doubtful, level in _analyse(text, cfg, evidence):
        for c in chosen:
            e = agree_article(text, _to_edit(c), edits[-1].end if edits else 0)
            if e.replacement == e.original:
                continue
            if c.i == 0:
                sentence_starts.add(e.start)
            edits.append(e)
            spans.append(Span(e.start, e.end, e.original, e.replacement, e.confidence, e.source))
            repairs += c.source != "thesaurus"
        for c in doubtful:
            conf = _confidence(c.gain - margin(c, cfg.aggressiveness, level))
            if conf >= 0.3:
                spans.append(Span(c.start, c.end, c.original, c.replacement, conf, c.source))
    if edits and cfg.match_spelling:
        edits, spans = _match_spelling(text, edits, spans, sentence_starts)
    per100 = 100.0 / max(evidence.words, 150)
    z = (1.0 * repairs * per100 + 2.0 * evidence.decisive * per100
         + 0.2 * max(0.0, evidence.hot * per100 - 1.0) + 0.02 * evidence.hot * per100)
    score = round(1.0 - math.exp(-z), 4)
    spans.sort(key=lambda s: (s.start, -s.score))
    return Repaired(apply_edits(text, edits), edits), Detection(score, spans, score >= cfg.detect_threshold)


#: Sources whose repairs keep their own spelling: a name is spelt as its owner spells
#: it ("Center for Strategic and International Studies" on a British page too), and
#: user rows and spintax options as written.
_OWN_SPELLING = frozenset({"gazetteer", "user", "spintax"})


def _match_spelling(text: str, edits: list[Edit], spans: list[Span], sentence_starts: set[int]
                    ) -> tuple[list[Edit], list[Span]]:
    """Rewrite repairs in the page's British or American spelling (see `page_spelling`);
    ``sentence_starts`` holds the start offsets of edits that begin their sentence (their
    first word's capital is no name's)."""
    sp = _spelling.load()
    side = page_spelling(text, sp.british, sp.american)
    if side is None:
        return edits, spans
    out: list[Edit] = []
    changed: dict[tuple[int, int, str], str] = {}
    for e in edits:
        if e.source not in _OWN_SPELLING:
            new = respell(e, side, sp.british, sp.american, e.start in sentence_starts)
            if new is not e:
                changed[(e.start, e.end, e.replacement)] = new.replacement
                e = new
        out.append(e)
    if changed:
        spans = [dataclasses.replace(s, suggestion=changed[(s.start, s.end, s.suggestion)])
                 if (s.start, s.end, s.suggestion) in changed else s for s in spans]
    return out, spans


def run(text: str, cfg: Config) -> Repaired:
    """Repair ``text``: the engine behind `textmend.repair_and_explain`."""
    return analyse(text, cfg)[0]


def detect(text: str, cfg: Config) -> Detection:
    """Document-level spun score and scored spans: the engine behind `textmend.detect`.

    Detection searches every sentence: on a page without fingerprints, thesaurus
    positions where an original clearly beats the page are the only evidence.
    """
    return analyse(text, cfg.with_overrides(search_quiet_pages=True))[1]
