"""Stage 1: split text into sentences of tokens with exact character offsets.

Work is streamed sentence by sentence (``regex.finditer`` is lazy), so a 10 MB
single-line document is processed in bounded memory. Regions that must never be
edited (URLs, e-mail addresses, code spans, HTML tags and entities) become
barrier tokens: they end the current sentence and are never candidates.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, NamedTuple

import regex

# One alternation, tried left to right at each position: protected regions first.
_TOKEN_RE = regex.compile(
    r"""
    (?P<prot>
        ```.*?```                                  # fenced code block
      | `[^`\n]{1,500}`                             # inline code span
      | <!--.*?-->                                 # HTML comment
      | </?[A-Za-z][^<>\n]{0,500}>                 # HTML tag
      | &\#?\w{1,10};                              # HTML entity
      | \b(?:https?|ftp|file)://[^\s<>"'`]+          # URL with scheme
      | \bwww\.[^\s<>"'`]+                          # bare www URL
      | \b[\w.+%-]+@[\w-]+(?:\.[\w-]+)+             # e-mail address
      | \]\([^()\s]{1,500}\)                        # Markdown link target
      | \\[A-Za-z]+                                 # LaTeX command
    )
  | (?P<word>(?:\p{Lu}\.){2,}(?![\p{L}\p{N}])                   # "U.S.", "U.N.": one word
      | (?:Mr|Mrs|Ms|Dr|St|Mt|Ft|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Hon)\.
        (?=\s+\p{Lu})                                              # "Dr. Kim", "St. Louis": titles
      | \p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*)
  | (?P<num>\p{N}+(?:[.,:]\p{N}+)*(?:(?:st|nd|rd|th|s|['’]s)\b)?)  # "8th", "1990s", "1000's": one token
  | (?P<nl>\n)
  | (?P<punct>[^\s\p{L}\p{N}])
    """,
    regex.VERBOSE | regex.DOTALL,
)

WORD, NUM, PUNCT, PROTECTED, NEWLINE = "word", "num", "punct", "prot", "nl"
_ENDERS = frozenset(".!?…")
#: Capitalised words that start a new sentence after an abbreviation token ("... in the
#: U.S. The talks ...", "John Smith Jr. The ..."); a name ("U.S. President") continues it.
_OPENERS = frozenset("""
The A An It He She They We I This That These Those There In On At For But And
If When While After Before As His Her Its Their Our My Then However Meanwhile
Now So Yet Still Also Last Earlier Later Since Although Because Many Some Most
""".split())


class Token(NamedTuple):
    """A token and its offsets in the input: ``text == input[start:end]``.

    A named tuple rather than a frozen dataclass: one is built per token of every
    input, and a tuple is several times cheaper to build.
    """

    start: int
    end: int
    text: str
    kind: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A run of tokens bounded by sentence punctuation, a line break or a barrier."""

    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def iter_tokens(text: str) -> Iterator[Token]:
    """Yield every non-space token of ``text`` with offsets, lazily."""
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or PUNCT
        yield Token(m.start(), m.end(), m.group(), kind)


def iter_sentences(text: str, max_chars: int = 2000) -> Iterator[Sentence]:
    """Yield sentences (never empty); protected regions and newlines are not included.

    A sentence ends after ``.!?`` (and any closing quote or bracket) when whitespace
    follows, at a line break, at a protected region, or when it grows past
    ``max_chars`` (then it is cut at a token boundary). A full stop inside a word or
    number ("p.c", "three.9", "U.S.") does not end one.
    """
    buf: list[Token] = []
    pending_end = False
    for m in _TOKEN_RE.finditer(text):  # iter_tokens, inlined (per-token hot loop)
        kind = m.lastgroup or PUNCT
        tok = Token(m.start(), m.end(), m.group(), kind)
        if kind == PROTECTED or kind == NEWLINE:
            if buf:
                yield Sentence(tuple(buf))
                buf = []
            pending_end = False
            continue
        if pending_end:
            # A closing quote or bracket stays with the sentence; a straight quote
            # after a space opens the next one ('... meet. "At this time ...').
            if kind == PUNCT and tok.text in "\"'”’)]»" and (
                    tok.text not in "\"'" or tok.start == buf[-1].end):
                buf.append(tok)
                continue
            if kind != PUNCT or tok.text not in _ENDERS:
                if tok.start == buf[-1].end and kind != PUNCT:
                    pending_end = False  # "p.c", "three.9": no space, no sentence end
                elif buf:
                    yield Sentence(tuple(buf))
                    buf = []
                pending_end = False
        elif (kind == WORD and tok.text in _OPENERS and buf and buf[-1].kind == WORD
              and buf[-1].text.endswith(".") and tok.start > buf[-1].end):
            yield Sentence(tuple(buf))  # "... in the U.S. The talks"
            buf = []
        buf.append(tok)
        if kind == PUNCT and tok.text in _ENDERS:
            pending_end = True
        elif buf[-1].end - buf[0].start > max_chars:
            yield Sentence(tuple(buf))
            buf = []
    if buf:
        yield Sentence(tuple(buf))
