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

    def __init__(self, tokens: Sequence[Token], normalize, ends_sentence: bool) -> None:
        self.tokens = tokens
        self.norm = normalize
        # cur[k]: LM words currently standing for token k (punctuation -> ()).
        self.cur: list[tuple[str, ...]] = [
            self.lm_words(t.text) if t.kind in (WORD, NUM) else () for t in tokens
        ]
        self.ends_sentence = ends_sentence

    def lm_words(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for piece in text.split():
            n = self.norm(piece)
            if n:
                out.extend(n.split())
        return tuple(out)

    def left(self, i: int, n: int = 2) -> list[str]:
        """Up to ``n`` LM words before token ``i`` (``<s>`` at the sentence start)."""
        got: list[str] = []
        k = i - 1
        while k >= 0 and len(got) < n:
            got[:0] = self.cur[k][-(n - len(got)):] if self.cur[k] else []
            k -= 1
        if len(got) < n:
            got.insert(0, "<s>")
        return got

    def right(self, j: int, n: int = 2) -> list[str]:
        """Up to ``n`` LM words after token ``j - 1`` (``</s>`` at a sentence end)."""
        got: list[str] = []
        k = j
        while k < len(self.cur) and len(got) < n:
            got.extend(self.cur[k][: n - len(got)])
            k += 1
        if len(got) < n and k >= len(self.cur) and self.ends_sentence:
            got.append("</s>")
        return got

    def span(self, i: int, j: int) -> list[str]:
        return [w for k in range(i, j) for w in self.cur[k]]

    def accept(self, c: Candidate) -> None:
        self.cur[c.i] = self.lm_words(c.replacement)
        for k in range(c.i + 1, c.j):
            self.cur[k] = ()


def lm_delta(model, state: SentenceState, c: Candidate) -> tuple[float, float]:
    """Return (context delta, unigram delta) of the candidate over the page text, log10."""
    left = state.left(c.i)
    right = state.right(c.j)
    old = state.span(c.i, c.j)
    new = list(state.lm_words(c.replacement))
    start = len(left)
    full = model.score(left + new + right, start) - model.score(left + old + right, start)
    uni = sum(model.logprob(w) for w in new) - sum(model.logprob(w) for w in old)
    # Right-context words are scored with new history but are the same words: their
    # unigram terms cancel, so the frequency part is just the replaced words.
    return full - uni, uni
