"""The tokens a lexicon reads in one field, computed once per check and shared by every lexicon rule.

Besides the ordinary tokens ("sh1t", "f*ck", "a$$hole"), two kinds of *joined*
token are offered, each read only as a whole listed term, never rewritten into
the text: letters spelled out with separators ("f.u.c.k", "s h i t", "*s*h*i*t*")
and a word broken by a line break ("fu\\nck", "a<br>ss" once markup is stripped).
So "the pen is" stays three words: no joined token is made of whole words.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ...text.leet import SEPARATORS, TOKEN_RE, TRIM_END, TRIM_END_DECORATED, TRIM_START, has_letter, is_measurement
from ...text.normalise import MappedText
from .trie import Unit

_SEP_CLASS = r"[\s" + regex.escape("".join(sorted(SEPARATORS))) + "]"
_LETTER_CLASS = r"[\p{L}\p{N}" + regex.escape("@$!¡€©¢") + "]"
#: Three or more single letters, each separated by one to three separator characters.
_SPELLED = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){_LETTER_CLASS}(?:{_SEP_CLASS}{{1,3}}{_LETTER_CLASS}){{2,}}(?![\p{{L}}\p{{M}}\p{{N}}])"
)
_SINGLE = regex.compile(_LETTER_CLASS)
#: Between the words of a multi-word term: spaces or a hyphen.
_WORD_GAP = regex.compile(r"[ \t\-]{1,3}")
#: A line break inside a word, optionally after a hyphen.
_LINE_SPLIT = regex.compile(r"-?[ \t]*\n[ \t]*")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the evasion view: its text and where each character lies in the view."""

    text: str
    offsets: tuple[int, ...]     # view offset of each character of ``text``
    leet: bool                   # its characters may be read as leetspeak
    joined: str = ""             # "" for an ordinary token, else "spelled-out" or "line-break"

    def span(self, start: int, end: int) -> tuple[int, int]:
        """View span of ``text[start:end]``."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)
class FieldTokens:
    """Ordinary tokens (as walk units) and joined tokens of one field."""

    tokens: tuple[Token, ...]
    units: tuple[Unit, ...]
    joined: tuple[Token, ...]

    @classmethod
    def of(cls, view: MappedText) -> FieldTokens:
        text = view.text
        tokens: list[Token] = []
        gaps: list[str] = []   # gap after each token
        for m in TOKEN_RE.finditer(text):
            start, end = m.span()
            word = m.group()
            trimmed = word.lstrip(TRIM_START)
            decorated = len(trimmed) < len(word)
            start += len(word) - len(trimmed)
            trimmed = trimmed.rstrip(TRIM_END_DECORATED if decorated else TRIM_END)
            if not trimmed:
                continue
            end = start + len(trimmed)
            if tokens:
                gaps[-1] = text[_end_of(tokens[-1]):start]
            tokens.append(Token(trimmed, tuple(range(start, end)), _may_be_leet(trimmed)))
            gaps.append("")
        units = tuple(
            Unit(t.text, t.leet, _WORD_GAP.fullmatch(gap) is not None) for t, gap in zip(tokens, gaps)
        )
        return cls(tuple(tokens), units, (*_spelled(text), *_line_splits(tokens, gaps)))


def _end_of(token: Token) -> int:
    return token.offsets[-1] + 1


def _may_be_leet(token: str) -> bool:
    # A number, or a number with a unit ("45s", "5mg"), is read literally.
    return has_letter(token) and not is_measurement(token)


def _spelled(text: str) -> list[Token]:
    out = []
    for m in _SPELLED.finditer(text):
        letters = [(s.group(), m.start() + s.start()) for s in _SINGLE.finditer(m.group())]
        word = "".join(c for c, _ in letters)
        out.append(Token(word, tuple(p for _, p in letters), has_letter(word), "spelled-out"))
    return out


def _line_splits(tokens: list[Token], gaps: list[str]) -> list[Token]:
    out = []
    for left, right, gap in zip(tokens, tokens[1:], gaps):
        if _LINE_SPLIT.fullmatch(gap):
            word = left.text + right.text
            out.append(Token(word, left.offsets + right.offsets, _may_be_leet(word), "line-break"))
    return out
