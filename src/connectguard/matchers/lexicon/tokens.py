"""The tokens a lexicon reads in one field, computed once per check and shared by every lexicon rule.

Besides the ordinary tokens ("sh1t", "f*ck", "a$$hole"), two kinds of *joined*
token are offered, each read only as a whole listed term, never rewritten into
the text: letters spelled out with separators ("f.u.c.k", "s h i t", "*s*h*i*t*")
and a word broken by a line break ("fu\\nck", "a<br>ss" once markup is stripped).
So "the pen is" stays three words: no joined token is made of whole words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ...text.leet import (
    SEPARATORS,
    TOKEN_RE,
    TRIM_END,
    TRIM_END_DECORATED,
    TRIM_START,
    has_letter,
    is_measurement,
)
from ...text.normalise import MappedText
from ...text.words import WORD_END, WORD_START
from .trie import plain_key

_SEP_CLASS = r"[\s" + regex.escape("".join(sorted(SEPARATORS))) + "]"
_LETTER_CLASS = r"[\p{L}\p{N}" + regex.escape("@$!¡€©¢") + "]"
#: Three or more single letters, each separated by one to three separator characters.
_SPELLED = regex.compile(rf"{WORD_START}{_LETTER_CLASS}(?:{_SEP_CLASS}{{1,3}}{_LETTER_CLASS}){{2,}}{WORD_END}")
_SINGLE = regex.compile(_LETTER_CLASS)
#: Between the words of a multi-word term: spaces or a hyphen.
_WORD_GAP = regex.compile(r"[ \t\-]{1,3}")
#: A line break inside a word, optionally after a hyphen.
_LINE_SPLIT = regex.compile(r"-?[ \t]*\n[ \t]*")


class Token(NamedTuple):
    """A token of the evasion view: its text and where each character lies in the view.

    A named tuple rather than a dataclass: dozens are made per field on every check.
    """

    text: str
    start: int                   # view offset of the first character
    leet: bool                   # its characters may be read as leetspeak
    joined: str = ""             # "" for an ordinary token, else "spelled-out" or "line-break"
    #: :func:`~.trie.plain_key` of ``text``: lets a lexicon skip tokens that cannot match.
    key: str | None = None
    #: View offset of each character, for joined tokens (ordinary ones are contiguous).
    offsets: tuple[int, ...] | None = None
    #: A multi-word term may continue into the next token (only spaces or a hyphen between).
    joins_next: bool = False

    @property
    def end(self) -> int:
        return self.span(0, len(self.text))[1]

    @property
    def positions(self) -> tuple[int, ...]:
        return self.offsets if self.offsets is not None else tuple(range(self.start, self.start + len(self.text)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """View span of ``text[start:end]``."""
        if self.offsets is None:
            return self.start + start, self.start + end
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)
class FieldTokens:
    """Ordinary tokens (the units lexicons walk) and joined tokens of one field."""

    tokens: tuple[Token, ...]
    joined: tuple[Token, ...]
    #: Indices of the tokens with each plain key, and of the tokens without one.
    by_key: Mapping[str, tuple[int, ...]]
    unplain: tuple[int, ...]

    def candidates(self, may_match: Callable[[str], bool]) -> set[int]:
        """Indices of tokens a lexicon must walk: every token without a plain key, and those whose key may match."""
        out = set(self.unplain)
        for key, indices in self.by_key.items():
            if may_match(key):
                out.update(indices)
        return out

    @classmethod
    def of(cls, view: MappedText) -> FieldTokens:
        text = view.text
        found: list[tuple[str, int]] = []
        for m in TOKEN_RE.finditer(text):
            word = m.group()
            if word.isalnum():   # the common case: nothing to trim
                found.append((word, m.start()))
                continue
            trimmed = word.lstrip(TRIM_START)
            decorated = len(trimmed) < len(word)
            start = m.start() + len(word) - len(trimmed)
            trimmed = trimmed.rstrip(TRIM_END_DECORATED if decorated else TRIM_END)
            if trimmed:
                found.append((trimmed, start))
        tokens: list[Token] = []
        gaps: list[str] = []
        keys: dict[str, str | None] = {}   # words repeat within a field
        by_key: dict[str, list[int]] = {}
        unplain: list[int] = []
        for i, (word, start) in enumerate(found):
            gap = text[start + len(word):found[i + 1][1]] if i + 1 < len(found) else ""
            gaps.append(gap)
            leet = word.isalpha() or _may_be_leet(word)
            key = keys[word] if word in keys else keys.setdefault(word, plain_key(word) if leet else None)
            joins = gap == " " or _WORD_GAP.fullmatch(gap) is not None
            tokens.append(Token(word, start, leet, "", key, None, joins))
            if key is None:
                unplain.append(i)
            else:
                by_key.setdefault(key, []).append(i)
        return cls(tuple(tokens), (*_spelled(text), *_line_splits(tokens, gaps)),
                   {k: tuple(v) for k, v in by_key.items()}, tuple(unplain))


def _may_be_leet(token: str) -> bool:
    # A number, or a number with a unit ("45s", "5mg"), is read literally.
    return has_letter(token) and not (token[0].isdigit() and is_measurement(token))


def _spelled(text: str) -> list[Token]:
    out = []
    for m in _SPELLED.finditer(text):
        letters = [(s.group(), m.start() + s.start()) for s in _SINGLE.finditer(m.group())]
        word = "".join(c for c, _ in letters)
        positions = tuple(p for _, p in letters)
        out.append(Token(word, positions[0], has_letter(word), "spelled-out", None, positions))
    return out


def _line_splits(tokens: list[Token], gaps: list[str]) -> list[Token]:
    out = []
    for left, right, gap in zip(tokens, tokens[1:], gaps):
        if "\n" in gap and _LINE_SPLIT.fullmatch(gap):
            word = left.text + right.text
            out.append(Token(word, left.start, _may_be_leet(word), "line-break", None, left.positions + right.positions))
    return out
