"""Leetspeak: the letters a digit or symbol may stand for, kept ambiguous.

A character can have several readings ("1" and "!" are i or l; "@" is a or a
mask), so nothing here rewrites text: a reader (the lexicon matcher) tries every
reading and keeps the ones that spell a listed term. Lookalikes that Unicode's
confusables data (TR39, see :mod:`connectguard.text.confusables`) does not map to
a Latin letter are listed too: ʃ for f, μ for u, © and ¢ for c, ¡ for i.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

import regex

from .words import WORD_CHAR_CLASS

#: Letters each character may stand for, besides itself.
READINGS: Final = MappingProxyType({
    "0": "o", "1": "il", "!": "il", "|": "il", "¡": "i", "3": "e", "€": "e",
    "4": "a", "@": "a", "5": "s", "$": "s", "7": "t", "+": "t", "8": "b", "9": "g",
    "v": "u", "ʃ": "f", "μ": "u", "©": "c", "¢": "c",
})

#: Characters that hide one letter inside a word: f*ck, s#!t, f@@k, sh_t.
MASKS: Final = frozenset("*#@_?%")

#: Leetspeak vowels that are also used for a *different* vowel ("f4ck", "sh0t"): beyond
#: their own reading they hide any vowel, like a mask.
VOWEL_MASKS: Final = frozenset("0134@!")
VOWELS: Final = "aeiou"

#: Characters that may separate spelled-out letters (f.u.c.k, s-h-i-t, a|s|s) besides whitespace.
SEPARATORS: Final = frozenset(".-_*~+/\\|,:;·•=^")

_SYMBOLS = "".join(sorted((set(READINGS) | MASKS) - set("v")))
#: A token as a leetspeak reader sees it: word characters plus the symbols above.
TOKEN_RE: Final = regex.compile(f"(?:{WORD_CHAR_CLASS}|[{regex.escape(_SYMBOLS)}])+")

#: Symbols trimmed from the start of a token ("#tag", "*word*"); "@" and "$" stay ("@ss", "$hit").
TRIM_START: Final = "!|+*#_?%"
#: Symbols trimmed from the end ("Shit!"). Masks stay ("f***") unless the token also
#: starts with one: symmetric markdown emphasis ("**fuck**", "_word_").
TRIM_END: Final = "!|+?%@"
TRIM_END_DECORATED: Final = TRIM_END + "*#_"

# "45s", "5mg", "2nd", "10x", "3.5ml": a number with a unit or ordinal is never
# read as leetspeak (45s would otherwise spell "ass").
_MEASUREMENT = regex.compile(
    r"\d+(?:[.,]\d+)?(?:s|st|nd|rd|th|am|pm|x|k|m|g|mg|mcg|ug|ml|l|kg|lb|lbs|oz|mm|cm|km|ft|in|"
    r"h|hr|hrs|min|mins|sec|d|wk|wks|mo|mos|y|yo|yr|yrs|iu|u|mmol|cc|bpm|mph|kcal|cal|f|c)?"
)


def readings(char: str) -> str:
    """The letters ``char`` may stand for, itself first."""
    extra = READINGS.get(char)
    return char + extra if extra else char


def is_measurement(token: str) -> bool:
    """True for a number, optionally with a unit or ordinal suffix: read literally."""
    return _MEASUREMENT.fullmatch(token) is not None


def has_letter(token: str) -> bool:
    """True when ``token`` has at least one real letter (a token of symbols alone is never a word)."""
    return _LETTER.search(token) is not None


_LETTER = regex.compile(r"\p{L}")
