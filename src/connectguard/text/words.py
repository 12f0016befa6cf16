"""The single definition of a *word character* used by every rule kind.

A word character is any Unicode letter, combining mark or number (categories
L*, M*, N*). Underscore and connector punctuation are deliberately NOT word
characters (unlike ``\\w``): ``f_u_c_k`` is four words, and a term matched in
``word`` mode behaves the same whether the text arrived via a terms list, a
pattern with ``whole_word: true`` or a sentence/near scope.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex

#: Character class (for the ``regex`` module) of one word character.
WORD_CHAR_CLASS = r"[\p{L}\p{M}\p{N}]"
#: Zero-width assertions: a word starts / ends here.
WORD_START = r"(?<![\p{L}\p{M}\p{N}])"
WORD_END = r"(?![\p{L}\p{M}\p{N}])"

WORD_RE = regex.compile(WORD_CHAR_CLASS + "+")


def is_word_char(char: str) -> bool:
    """True when ``char`` is a word character (see module docstring)."""
    return WORD_RE.fullmatch(char) is not None


def words_of(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return [m.group() for m in WORD_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class WordIndex:
    """Start and end offsets of every word in a text, for counting words between spans."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> WordIndex:
        spans = [m.span() for m in WORD_RE.finditer(text)]
        return cls(tuple(s for s, _ in spans), tuple(e for _, e in spans))

    def __len__(self) -> int:
        return len(self.starts)

    def words_between(self, left_end: int, right_start: int) -> int:
        """Number of whole words lying entirely in ``[left_end, right_start)``."""
        if right_start <= left_end:
            return 0
        first = bisect_left(self.starts, left_end)
        last = bisect_right(self.ends, right_start)
        return max(0, last - first)

    def gap(self, a: tuple[int, int], b: tuple[int, int]) -> int:
        """Words separating two spans (0 when they touch or overlap)."""
        if a[1] <= b[0]:
            return self.words_between(a[1], b[0])
        if b[1] <= a[0]:
            return self.words_between(b[1], a[0])
        return 0
