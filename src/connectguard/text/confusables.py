"""Latin skeleton: homoglyphs from other scripts read as the ASCII letters they imitate.

Built from the Unicode TR39 confusables data shipped by ``confusable_homoglyphs``,
restricted to characters whose prototype is ASCII letters (once the prototype's
own marks are dropped, as in "ƒ" -> "f̦"), so ``аsshole`` (Cyrillic
а), ``ƒuck`` and ``fսck`` (Armenian u) match their Latin terms. Lookalikes TR39
does not list (leetspeak, ``ʃ`` for f...) belong to a separate table.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

import regex

from .normalise import OffsetBuilder, StepResult

_ASCII_LETTERS = regex.compile(r"[A-Za-z]+")
_NONSPACING = regex.compile(r"\p{Mn}")
#: General categories a homoglyph may have. Digits (``০``, ``۱``) are left alone:
#: digit -> letter is leetspeak's call; marks, punctuation and spacing accents
#: (Sk: TR39 lists the ogonek ``˛`` as an "i") are not look-alike letters.
_SOURCE_CATEGORIES = ("L", "Sm", "So", "Sc", "Nl")


def _prototype_letters(prototype: str) -> str | None:
    """The ASCII letters of ``prototype`` once its nonspacing marks are dropped, if that is all it is."""
    # TR39 writes hooked/barred letters as letter + mark ("ƒ" -> "f̦", "¢" -> "c̸");
    # the marks are dropped as StripDiacritics would drop them.
    letters = _NONSPACING.sub("", unicodedata.normalize("NFD", prototype))
    return letters if _ASCII_LETTERS.fullmatch(letters) else None


@cache
def latin_skeleton_table() -> Mapping[str, str]:
    """Non-ASCII character -> the ASCII letter(s) it imitates, per TR39 (built once)."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    # The file is TR39's source -> prototype pairs stored in BOTH directions:
    # {char: [{"c": other, "n": name}, ...]}. A single non-ASCII key whose entry is
    # ASCII letters is a source: ASCII-letter strings are prototypes, never sources,
    # except the two ASCII -> ASCII pairs "I" -> "l" and "m" -> "rn" handled below.
    data: dict[str, list[dict[str, str]]] = json.loads(raw)
    ascii_sources: dict[str, set[str]] = {}
    for key, entries in data.items():
        if _ASCII_LETTERS.fullmatch(key):
            for entry in entries:
                if _ASCII_LETTERS.fullmatch(entry["c"]):
                    ascii_sources.setdefault(entry["c"], set()).add(key)
    table: dict[str, str] = {}
    for key, entries in data.items():
        if len(key) != 1 or key.isascii() or not unicodedata.category(key).startswith(_SOURCE_CATEGORIES):
            continue
        targets = {t for e in entries if (t := _prototype_letters(e["c"])) is not None}
        if targets:
            table[key] = _intended(key, min(targets, key=lambda t: (len(t), t)), ascii_sources)
    return MappingProxyType(table)


def _intended(char: str, prototype: str, ascii_sources: Mapping[str, set[str]]) -> str:
    """Undo TR39's own ASCII folds (I -> l, m -> rn): pick the letter ``char`` imitates."""
    candidates = [prototype, *sorted(ascii_sources.get(prototype, ()))]
    if len(candidates) == 1:
        return prototype
    single = [c for c in candidates if len(c) == 1] or candidates
    if char.isupper():
        single = [c for c in single if c.isupper()] or single
    elif char.islower():
        single = [c for c in single if c.islower()] or single
    # Caseless (ǀ, ⵏ, ᛁ: vertical strokes) keep the prototype when it is a candidate.
    return prototype if prototype in single else single[0]


#: Stand-ins used only to analyse a text: each source character is replaced by one
#: of these (same length, so positions hold) and the context rule is one regex.
_NON_LATIN, _LATIN, _SYMBOL, _NEUTRAL = "\ue000", "\ue001", "\ue002", "\ue003"
_TOKEN_CHAR = r"[\p{L}\p{M}\p{N}\ue000-\ue002]"
_LATIN_CHAR = r"[\p{Latin}\ue001]"
# A word (letters, marks, numbers, homoglyph symbols, so "f∪ck" is one word) with
# no letter but homoglyph letters: all-homoglyph "аѕѕ". Lookaheads scan only their
# own word, so searches stay linear.
_ALL_HOMOGLYPHS = rf"(?=[\p{{M}}\p{{N}}\ue002]*+\ue000)[\p{{M}}\p{{N}}\ue000\ue002]++(?!{_TOKEN_CHAR})"
# ...or a word holding a homoglyph and a Latin letter: "bіtch".
_WITH_LATIN = rf"(?={_TOKEN_CHAR}*?[\ue000-\ue002])(?={_TOKEN_CHAR}*?{_LATIN_CHAR}){_TOKEN_CHAR}+"
_ALL_HOMOGLYPH_WORD = regex.compile(rf"(?<!{_TOKEN_CHAR}){_ALL_HOMOGLYPHS}")
_QUALIFYING_WORD = regex.compile(rf"(?<!{_TOKEN_CHAR})(?:{_WITH_LATIN}|{_ALL_HOMOGLYPHS})")
_ANY_LATIN = regex.compile(_LATIN_CHAR)
_MARKER = regex.compile(r"[\ue000-\ue002]")
_TRAILING_MARKS = regex.compile(r"\p{Mn}*")


@cache
def _marker_table() -> Mapping[int, str]:
    """str.translate table: each source -> the stand-in for its kind; stand-ins in the input neutralised."""
    table: dict[int, str] = {ord(m): _NEUTRAL for m in (_NON_LATIN, _LATIN, _SYMBOL)}
    for char in latin_skeleton_table():
        if not unicodedata.category(char).startswith("L"):
            table[ord(char)] = _SYMBOL
        else:
            table[ord(char)] = _LATIN if regex.match(r"\p{Latin}", char) else _NON_LATIN
    return MappingProxyType(table)


class LatinSkeleton:
    """Replace TR39 homoglyphs of ASCII letters, only in words that are Latin text in disguise.

    A homoglyph is rewritten when its word also holds a Latin letter (``bіtch``) or
    when every letter of the word has a skeleton (all-homoglyph ``аѕѕ``); ordinary
    words such as Russian "привет" or Greek "και" are left alone. Nonspacing marks
    after a rewritten character are dropped with it (it now is a plain ASCII letter).
    """

    name = "latin-skeleton"

    def __init__(self) -> None:
        self._table = latin_skeleton_table()
        self._markers = _marker_table()

    def __reduce__(self) -> tuple[type[LatinSkeleton], tuple[()]]:
        # The tables are mappingproxies (unpicklable) and cached per process anyway.
        return (LatinSkeleton, ())

    def apply(self, text: str) -> StepResult | None:
        if text.isascii():
            return None
        marked = text.translate(self._markers)
        if not _MARKER.search(marked):
            return None
        out = OffsetBuilder(text)
        # Text with no Latin at all (Russian, Greek...) can only hold all-homoglyph words.
        words = _QUALIFYING_WORD if _ANY_LATIN.search(marked) else _ALL_HOMOGLYPH_WORD
        for word in words.finditer(marked):
            for m in _MARKER.finditer(marked, word.start(), word.end()):
                marks = _TRAILING_MARKS.match(text, m.end(), word.end())
                out.replace(self._table[text[m.start()]], m.start(), marks.end() if marks else m.end())
        return out.result()
