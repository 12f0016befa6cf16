"""A letter trie of listed terms, walked over tokens with every evasion reading at once.

One walk handles, per character: its leetspeak readings ("1" is i or l), a mask
standing for exactly one letter ("f*ck"), and a repeated letter ("fuuuck" is
f+u+c+k+). Repeats are matched, never collapsed in the text: each letter of a term
needs at least as many copies as the term has, so "as" never reads as "ass" and
"assess" stays "assess".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, Protocol

import regex

from ...text.leet import MASKS, READINGS, VOWEL_MASKS, VOWELS, readings

#: Key under which a trie node stores (term as listed, its key) for the term ending there (never a character).
END = ""
#: Edge between the words of a multi-word term.
SPACE = " "


def squeeze(word: str) -> str:
    """Runs of one letter collapsed, v read as u: a key equal for every spelling a walk accepts.

    Only for words without leetspeak or masks: a pre-filter that lets most tokens
    skip the walk ("hello" cannot spell any listed word unless "helo" is a key).
    """
    word = word.replace("v", "u")
    if _RUN.search(word) is None:   # most words: nothing to collapse
        return word
    return "".join(letter for letter, _ in groupby(word))


_RUN = regex.compile(r"(.)\1+")


def plain_key(word: str) -> str | None:
    """:func:`squeeze` of ``word`` when it has no character with a second reading, else None."""
    if not _SECOND_READINGS.isdisjoint(word):
        return None
    return squeeze(word)


_SECOND_READINGS = (frozenset(READINGS) - {"v"}) | MASKS


class Trie:
    """Terms as nested dicts of letters; immutable once built."""

    __slots__ = ("_any_first_word", "count", "first_words", "root")

    def __init__(self, terms: Iterable[tuple[str, str]]) -> None:
        """``terms``: (key, term as listed); keys are folded words joined by single spaces."""
        self.root: dict[str, Any] = {}
        self.count = 0
        first_words: set[str] = set()
        for key, term in terms:
            first_words.add(squeeze(key.split(SPACE, 1)[0]))
            node = self.root
            for char in key:
                node = node.setdefault(char, {})
            if END not in node:
                self.count += 1
                node[END] = (term, key)
        #: :func:`squeeze` of the first word of every term: a plain token outside it matches nothing.
        self.first_words = frozenset(first_words)
        self._any_first_word = regex.compile("|".join(map(regex.escape, sorted(first_words)))) if first_words else None

    def contained_in(self, key: str) -> bool:
        """True when a first word's key occurs inside ``key`` (a plain token may hide an embedded root)."""
        return self._any_first_word is not None and self._any_first_word.search(key) is not None


    def __bool__(self) -> bool:
        return self.count > 0


@dataclass(frozen=True, slots=True)
class Found:
    """A term spelled from ``(start_unit, start_pos)`` to ``(end_unit, end_pos)`` of a unit sequence."""

    term: str          # as listed
    key: str           # as stored: normalised words joined by single spaces
    end_unit: int
    end_pos: int
    masked: int        # how many letters masks stood for
    leet: bool         # a leetspeak reading was used
    repeated: bool     # a letter was repeated


class Unit(Protocol):
    """Text a walk reads: one token, and whether its characters may be read as leetspeak."""

    @property
    def text(self) -> str: ...

    @property
    def leet(self) -> bool: ...

    @property
    def joins_next(self) -> bool:
        """A multi-word term may continue into the next unit (only spaces or a hyphen between)."""
        ...


def walk(trie: Trie, units: Sequence[Unit], unit: int, pos: int, *, anywhere: bool) -> Iterator[Found]:
    """Every term spelled starting at ``units[unit].text[pos]``.

    A term must end at the end of a unit, unless ``anywhere`` (embedded roots).
    """
    # State: unit, position, trie node, last letter read, and the evasions used so far.
    stack: list[tuple[int, int, dict[str, Any], str, int, bool, bool]] = [(unit, pos, trie.root, "", 0, False, False)]
    seen: set[tuple[int, int, int, str, int]] = set()
    while stack:
        u, p, node, last, masked, leet, repeated = stack.pop()
        state = (u, p, id(node), last, masked)
        if state in seen:
            continue
        seen.add(state)
        text = units[u].text
        if END in node and (anywhere or p == len(text)) and node is not trie.root:
            yield Found(*node[END], u, p, masked, leet, repeated)
        if p == len(text):
            nxt = node.get(SPACE)
            if nxt is not None and not anywhere and units[u].joins_next and u + 1 < len(units):
                stack.append((u + 1, 0, nxt, "", masked, leet, repeated))
            continue
        char = text[p]
        options = readings(char) if units[u].leet else char
        for i, letter in enumerate(options):
            child = node.get(letter)
            if child is not None:
                stack.append((u, p + 1, child, letter, masked, leet or i > 0, repeated))
            if letter == last:
                stack.append((u, p + 1, node, last, masked, leet or i > 0, True))
        if p > 0 and units[u].leet:
            if char in MASKS:
                hidden: Iterable[str] = (letter for letter in node if letter not in (END, SPACE))
            elif char in VOWEL_MASKS:
                hidden = (v for v in VOWELS if v not in options and v in node)
            else:
                hidden = ()
            for letter in hidden:
                # A masked letter is never "repeated": f*ck is not f-c-c-k.
                stack.append((u, p + 1, node[letter], "", masked + 1, leet, repeated))


def best(found: Iterable[Found]) -> Found | None:
    """The reading to report among those starting at one place.

    A reading without masks wins (the longest). Otherwise the readings with the
    fewest masked letters count only when exactly one listed term fits them all:
    "s**t" matches nothing when both "shit" and "slut" are listed, "s#!t" is "shit"
    ("!" reads as i; reading it as the u of "slut" would take a second mask).
    """
    plain: list[Found] = []
    masked: list[Found] = []
    for f in found:
        (masked if f.masked else plain).append(f)
    if plain:
        return max(plain, key=lambda f: (f.end_unit, f.end_pos, not f.leet))
    if not masked:
        return None
    fewest = min(f.masked for f in masked)
    candidates = [f for f in masked if f.masked == fewest]
    # Judge the longest reading ("p*ss off" is the phrase "piss off", not also "piss").
    longest = max((f.end_unit, f.end_pos) for f in candidates)
    candidates = [f for f in candidates if (f.end_unit, f.end_pos) == longest]
    return candidates[0] if len({f.term for f in candidates}) == 1 else None
