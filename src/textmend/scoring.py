"""Stage 3: score a candidate in context with the n-gram language model.

The evidence for a repair is how much more probable the sentence window becomes
with the candidate than with the text on the page: log10 P(window | candidate) -
log10 P(window | page), over the replaced words and the two words after them
(whose context changes), conditioned on two words of left context.

That raw delta mixes two things: how well the wording fits *this* context, and how
common the words are anywhere. Swapping any rare word for a frequent synonym raises
the raw score, which is how naive repairers damage clean text. So the delta is
split into a unigram part (frequency alone) and a context part (the rest); the
decision weighs context heavily and frequency lightly. Splitting also neutralises
length: a shorter wording is not favoured merely because every word costs
probability.
"""
from __future__ import annotations

from typing import Sequence

from .candidates import Candidate
from .tokenize import NUM, WORD, Token

class SentenceState:
    """LM words of a sentence, updated as repairs are accepted (for joint decisions)."""

    def __init__(self, tokens: Sequence[Token], normalize, ends_sentence: bool,
                 cur: list[tuple[str, ...]] | None = None) -> None:
        self.tokens = tokens
        self.norm = normalize
        # cur[k]: LM words currently standing for token k (punctuation -> ()); a caller
        # that already normalised the tokens passes the same list in.
        self.cur: list[tuple[str, ...]] = cur if cur is not None else [
            self.lm_words(t.text) if t.kind in (WORD, NUM) else () for t in tokens
        ]
        self.ends_sentence = ends_sentence
        #: (i, j, model) -> page-side scores for `lm_delta`; cleared by `accept`.
        self.page_scores: dict[tuple, tuple] = {}

    def lm_words(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for piece in text.split():
            n = self.norm(piece)
            if n:
                out.extend(n.split())
        return tuple(out)

    def left(self, i: int, n: int = 2) -> list[str]:
        """Up to ``n`` LM words before token ``i`` (``<s>`` at the sentence start)."""
        if n <= 0:
            return []
        cur = self.cur
        got: list[str] = []
        k = i - 1
        while k >= 0:
            words = cur[k]
            k -= 1
            if words:
                got[:0] = words[-(n - len(got)):]
                if len(got) >= n:
                    return got
        got.insert(0, "<s>")
        return got

    def right(self, j: int, n: int = 2) -> list[str]:
        """Up to ``n`` LM words after token ``j - 1`` (``</s>`` at a sentence end)."""
        if n <= 0:
            return []
        cur = self.cur
        got: list[str] = []
        for k in range(j, len(cur)):
            words = cur[k]
            if words:
                got.extend(words[:n - len(got)])
                if len(got) >= n:
                    return got
        if self.ends_sentence:
            got.append("</s>")
        return got

    def span(self, i: int, j: int) -> list[str]:
        return [w for k in range(i, j) for w in self.cur[k]]

    def accept(self, c: Candidate) -> None:
        self.page_scores.clear()
        self.cur[c.i] = self.lm_words(c.replacement)
        for k in range(c.i + 1, c.j):
            self.cur[k] = ()


def lm_delta(model, state: SentenceState, c: Candidate) -> tuple[float, float]:
    """Return (context delta, unigram delta) of the candidate over the page text, log10."""
    key = (c.i, c.j, model)
    page = state.page_scores.get(key)
    if page is None:
        # The page side is shared by every candidate for the same span (until a repair
        # is accepted): context, and the page words' full and unigram scores.
        left = state.left(c.i)
        right = state.right(c.j)
        cur = state.cur
        old = [w for k in range(c.i, c.j) for w in cur[k]]
        start = len(left)
        page = state.page_scores[key] = (left, right, start, model.score(left + old + right, start),
                                         sum(map(model.unigram_logprob, old)), old)
    left, right, start, old_full, old_uni, old = page
    new = list(_lm_words(state, c.replacement))
    full = model.score(left + new + right, start) - old_full
    uni = sum(map(model.unigram_logprob, new)) - old_uni
    if len(new) != len(old):
        # Spans of different lengths may also be scored as units: the internal collocation
        # of a spun phrase ("highly effective", "keep away from") belongs to its frequency,
        # not to its fit with the context. Of the two splits, the one that leaves more to
        # context counts, so neither a collocation nor an odd phrase ("area unit") hides
        # how much better the repair reads here.
        uni = min(uni, model.score(new, 0) - model.score(old, 0))
    # Right-context words are scored with new history but are the same words: their
    # unigram terms cancel, so the frequency part is just the replaced words.
    return full - uni, uni


#: Per normaliser: replacement text -> its LM words (plain dict, cleared when large).
_LM_WORDS: dict = {}


def _lm_words(state: SentenceState, text: str) -> tuple[str, ...]:
    """`SentenceState.lm_words`, memoised: candidates repeat the same replacements."""
    memo = _LM_WORDS.get(state.norm)
    if memo is None:
        if len(_LM_WORDS) > 8:
            _LM_WORDS.clear()
        memo = _LM_WORDS[state.norm] = {}
    hit = memo.get(text)
    if hit is None:
        if len(memo) > 100_000:
            memo.clear()
        hit = memo[text] = state.lm_words(text)
    return hit


#: Bigram-level context gain below which a thesaurus candidate is not worth full scoring
#: (a thesaurus repair needs a context gain of about 4 to pass; this is a cheap bound).
QUICK_MIN = 0.5


#: Per (normaliser, model): (tuple of replacement strings -> `_rep_form` of each,
#: swap-filter verdicts by page context, one replacement string -> its `_rep_form`).
#: Plain dicts, cleared when large.
_REP_FORMS: dict[tuple, tuple[dict, dict, dict]] = {}


def _rep_forms(state: SentenceState, model) -> tuple[dict, dict, dict]:
    owner = (state.norm, model)
    memos = _REP_FORMS.get(owner)
    if memos is None:
        if len(_REP_FORMS) > 8:
            _REP_FORMS.clear()
        memos = _REP_FORMS[owner] = ({}, {}, {})
    else:
        for memo in memos:
            if len(memo) > 50_000:
                memo.clear()
    return memos


def _rep_form(state: SentenceState, model, rep: str) -> tuple[str, str | None, float, int | None]:
    """(lower case, single LM word or None, its unigram logprob, its vocabulary id)."""
    pieces = rep.split()
    new = _one(state.norm(pieces[0])) if len(pieces) == 1 else state.lm_words(rep)
    n = new[0] if len(new) == 1 else None
    if n is None:
        return rep.lower(), None, 0.0, None
    return rep.lower(), n, model.unigram_logprob(n), model.word_id(n)


def swap_filter(model, state: SentenceState, text: str, pruned: set[tuple[int, int]]):
    """Return keep(i, j, reps): for each replacement string of tokens [i, j), is a
    thesaurus candidate worth building and scoring?

    A one-word swap is kept when its bigram-level context gain (the two adjacent
    bigrams with the replacement minus with the page word, net of the unigram
    difference) exceeds QUICK_MIN. The page side is computed once per span and no
    `Candidate` is built for the many swaps that fail.
    Failed spans are added to ``pruned`` (their survivors get ``rivals_pruned``);
    a swap that only changes case is dropped unrecorded, as the engine's filter does.
    ``reps`` is a tuple (the same options recur for the same page word: memoised).
    A verdict depends only on the page word, its two neighbours and ``reps``, so it is
    memoised too: text met again (or a repeated phrase) skips the language model.
    """
    lp1, lp2 = model.unigram_logprob, model.bigram_logprob
    # by vocabulary id where both words are known (the common case): no key tuples
    lp2_id, word_id = model.bigram_logprob_id, model.word_id
    cur = state.cur
    toks = state.tokens
    memo, verdicts, by_rep = _rep_forms(state, model)
    ncur = len(cur)

    def keep(i: int, j: int, reps: tuple[str, ...]) -> tuple[bool, ...]:
        page_low = text[toks[i].start:toks[j - 1].end].lower()
        old = cur[i]
        if len(old) != 1:  # unusual shapes get full scoring
            return tuple(rep.lower() != page_low for rep in reps)
        o = old[0]
        # left(i, 1) and right(j, 1), with their common case inline
        prev = cur[i - 1][-1] if i > 0 and cur[i - 1] else state.left(i, 1)[-1]
        if j < ncur and cur[j]:
            r = cur[j][0]
        else:
            right = state.right(j, 1)
            r = right[0] if right else None
        key = (page_low, o, prev, r, reps)
        known = verdicts.get(key)
        if known is not None:
            if known[1]:
                pruned.add((i, j))
            return known[0]
        o_id = word_id(o)
        prev_id = word_id(prev) if prev else None
        r_id = word_id(r) if r else None
        # By id where both words are known, as for the options below: the same value
        # as by string, memoised without a key tuple for the cyclic GC to track.
        if prev_id is not None and o_id is not None:
            lp_o_prev = lp2_id(prev_id, o_id)
        else:
            lp_o_prev = lp2(prev, o)
        lp_o = lp1(o)
        if r is None:
            lp_r_o = 0.0
        elif o_id is not None and r_id is not None:
            lp_r_o = lp2_id(o_id, r_id)
        else:
            lp_r_o = lp2(o, r)
        forms = memo.get(reps)
        if forms is None:
            # New option tuples mostly repeat strings met in other tuples ("said",
            # "house"): each string's form is worked out once. A tuple, not a list:
            # the cyclic GC untracks it (thousands stay memoised).
            built = []
            for rep in reps:
                form = by_rep.get(rep)
                if form is None:
                    form = by_rep[rep] = _rep_form(state, model, rep)
                built.append(form)
            forms = memo[reps] = tuple(built)
        flags: list[bool] = []
        failed = False
        for low, n, lp_n, n_id in forms:
            if low == page_low:
                flags.append(False)
                continue
            if n is None:
                flags.append(True)
                continue
            v = lp2_id(prev_id, n_id) if prev_id is not None and n_id is not None else lp2(prev, n)
            gain = v - lp_o_prev - (lp_n - lp_o)
            if r is not None:
                v = lp2_id(n_id, r_id) if n_id is not None and r_id is not None else lp2(n, r)
                gain += v - lp_r_o
            if gain <= QUICK_MIN:
                failed = True
                flags.append(False)
            else:
                flags.append(True)
        if failed:
            pruned.add((i, j))
        verdict = verdicts[key] = (tuple(flags), failed)
        return verdict[0]

    return keep


def _one(n: str) -> tuple[str, ...]:
    """`SentenceState.lm_words` of a one-word text whose normal form is ``n``."""
    return tuple(n.split()) if n else ()
