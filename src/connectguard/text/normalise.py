"""Normalisation as a pipeline of named steps, each keeping an offset map.

Every matcher reports spans in the ORIGINAL field. A step may delete characters
(invisibles), expand one into several (NFKC "ﬁ" -> "fi", casefold "ß" -> "ss")
or merge several into one ("e" + U+0301 -> "é"); :class:`MappedText` remembers,
for every output character, the original range it came from, so any span of the
normalised text maps back to whole original characters.

Later work (confusables, leetspeak, spaced letters) adds steps by implementing
:class:`NormaliseStep`; nothing else in the engine changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import regex

#: Output of a step that changed its input: new text, and for each new
#: character the [start, end) range of the *input* characters it came from.
StepResult = tuple[str, Sequence[int], Sequence[int]]


class NormaliseStep(Protocol):
    """One named transformation; returns ``None`` when the text is unchanged."""

    name: str

    def apply(self, text: str) -> StepResult | None: ...


@dataclass(frozen=True, slots=True)
class MappedText:
    """A normalised text plus the map back to the original it came from."""

    text: str
    original_length: int
    #: Original start / end offset of each character of ``text``; ``None`` means
    #: identity (the common ASCII case: no arrays are built at all).
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None
    steps: tuple[str, ...] = ()

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, len(text))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of the original covering it."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= len(self.text):
            return self.original_length, self.original_length
        if end <= start:
            pos = self.starts[start]
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def then(self, step: NormaliseStep) -> MappedText:
        """Apply ``step`` on top of this text, composing the offset maps."""
        result = step.apply(self.text)
        if result is None:
            return self
        text, in_starts, in_ends = result
        if self.starts is None or self.ends is None:
            starts, ends = tuple(in_starts), tuple(in_ends)
        else:
            prev_s, prev_e = self.starts, self.ends
            starts = tuple(prev_s[i] for i in in_starts)
            # in_ends are exclusive; the last input char used is in_ends[i] - 1.
            ends = tuple(prev_e[i - 1] for i in in_ends)
        return MappedText(text, self.original_length, starts, ends, (*self.steps, step.name))


class OffsetBuilder:
    """Builds a StepResult from replacements over ``text``; untouched stretches map 1:1.

    Unchanged stretches are copied with ``range`` extends (no per-character Python
    loop), so steps that rewrite a few spots in a long text stay cheap.
    """

    __slots__ = ("_ends", "_out", "_pos", "_starts", "_text", "changed")

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._out: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.changed = False

    def _keep_to(self, end: int) -> None:
        if end > self._pos:
            self._out.append(self._text[self._pos:end])
            self._starts.extend(range(self._pos, end))
            self._ends.extend(range(self._pos + 1, end + 1))
            self._pos = end

    def replace(self, piece: str, start: int, end: int) -> None:
        """Emit ``piece`` for input ``[start, end)``; every piece character maps to that span."""
        self._keep_to(start)
        self._out.append(piece)
        self._starts.extend([start] * len(piece))
        self._ends.extend([end] * len(piece))
        self._pos = end
        self.changed = True

    def result(self) -> StepResult | None:
        """The finished StepResult, or ``None`` when nothing was replaced."""
        if not self.changed:
            return None
        self._keep_to(len(self._text))
        return "".join(self._out), self._starts, self._ends


class StripInvisible:
    """Remove default-ignorable code points (zero-width, soft hyphen, bidi controls...).

    Uses the Unicode ``Default_Ignorable_Code_Point`` property rather than a hand
    list, so new invisible characters are covered as Unicode adds them.
    """

    name = "strip-invisible"
    _IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")

    def apply(self, text: str) -> StepResult | None:
        if text.isascii() or not self._IGNORABLE.search(text):
            return None
        out = OffsetBuilder(text)
        for m in self._IGNORABLE.finditer(text):
            out.replace("", m.start(), m.end())
        return out.result()


class NFKC:
    """Unicode compatibility composition (fullwidth, ligatures, math letters...).

    Normalised one grapheme cluster at a time so that each output character can be
    traced to the cluster it came from (composition never crosses a cluster).
    """

    name = "nfkc"
    _CLUSTER = regex.compile(r"\X")

    def apply(self, text: str) -> StepResult | None:
        if text.isascii() or unicodedata.is_normalized("NFKC", text):
            return None
        out = OffsetBuilder(text)
        for m in self._CLUSTER.finditer(text):
            cluster = m.group()
            normalised = unicodedata.normalize("NFKC", cluster)
            if normalised != cluster:
                out.replace(normalised, m.start(), m.end())
        return out.result()


class StripDiacritics:
    """Drop nonspacing marks sitting on a Latin, Greek or Cyrillic letter ("shït" -> "shit").

    Marks on other scripts are kept: in Devanagari, Arabic or Hebrew they carry
    meaning (vowels, viramas), not decoration. Each changed cluster (base + marks)
    goes NFD, strip, NFC and maps to the whole original cluster.
    """

    name = "strip-diacritics"
    _BASE = regex.compile(r"(?V1)[\p{L}&&[\p{Latin}\p{Greek}\p{Cyrillic}]]")
    _NONSPACING = regex.compile(r"\p{Mn}+")
    # Where a change can start: a canonically decomposable character or a nonspacing
    # mark (one cheap class; script checks happen on the few hits only).
    _CANDIDATE = regex.compile(r"[\p{dt=canonical}\p{Mn}]")
    _MARKS = regex.compile(r"\p{M}*")

    def apply(self, text: str) -> StepResult | None:
        if text.isascii():
            return None
        out = OffsetBuilder(text)
        done = 0
        for m in self._CANDIDATE.finditer(text):
            if m.start() < done:
                continue
            start = m.start()
            if unicodedata.category(text[start]) == "Mn":
                # Walk back over the marks to the base they sit on.
                while start > done and unicodedata.category(text[start - 1])[0] == "M":
                    start -= 1
                if start > done:
                    start -= 1
            marks = self._MARKS.match(text, m.end())
            end = marks.end() if marks is not None else m.end()
            done = end
            # text[start:end] is one base and its marks; NFD keeps the base first
            # (a canonical decomposition is base + marks, or a single character).
            decomposed = unicodedata.normalize("NFD", text[start:end])
            if self._BASE.match(decomposed) and self._NONSPACING.search(decomposed, 1):
                stripped = decomposed[0] + self._NONSPACING.sub("", decomposed[1:])
                out.replace(unicodedata.normalize("NFC", stripped), start, end)
        return out.result()


class FoldPunctuation:
    """Typographic apostrophes and quotes -> ASCII, so "don’t" matches the term "don't"."""

    name = "fold-punctuation"
    _TABLE = str.maketrans(
        {
            "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'",
            "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
            "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        }
    )

    def apply(self, text: str) -> StepResult | None:
        if text.isascii():
            return None
        folded = text.translate(self._TABLE)
        if folded == text:
            return None
        # One character in, one out: an identity map.
        return folded, range(len(text)), range(1, len(text) + 1)


class CaseFold:
    """Unicode full case folding ("ß" -> "ss", "ﬀ" -> "ff"): case-insensitive matching."""

    name = "casefold"

    def apply(self, text: str) -> StepResult | None:
        if text.isascii():
            lowered = text.lower()
            if lowered == text:
                return None
            return lowered, range(len(text)), range(1, len(text) + 1)
        folded = text.casefold()
        if folded == text:
            return None
        if len(folded) == len(text):
            return folded, range(len(text)), range(1, len(text) + 1)
        out = OffsetBuilder(text)
        for i, char in enumerate(text):
            if (f := char.casefold()) != char:
                out.replace(f, i, i + 1)
        return out.result()


@dataclass(frozen=True)
class Normaliser:
    """The ordered steps applied before matching, and the final case fold."""

    steps: tuple[NormaliseStep, ...] = (StripInvisible(), NFKC(), FoldPunctuation())
    fold: NormaliseStep = CaseFold()

    def normalise(self, text: str) -> MappedText:
        """Text with every step applied except case folding."""
        mapped = MappedText.identity(text)
        for step in self.steps:
            mapped = mapped.then(step)
        return mapped

    def fold_case(self, mapped: MappedText) -> MappedText:
        """Case-fold an already normalised text (the view case-insensitive rules use)."""
        return mapped.then(self.fold)

    @property
    def step_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.steps) + (self.fold.name,)


@cache
def evasion_normaliser() -> Normaliser:
    """The profile for profanity matching: markup, homoglyphs and diacritics defeated.

    Order matters: entities are decoded before invisibles are stripped (``&#8203;``),
    NFKC runs before diacritics and skeleton (fullwidth, math, circled letters become
    plain letters first; it also turns long s into s, which TR39 would map to f).
    """
    from .confusables import LatinSkeleton  # lazy: keeps the data off the default path
    from .markup import StripMarkup

    return Normaliser(
        steps=(StripMarkup(), StripInvisible(), NFKC(), StripDiacritics(), LatinSkeleton(), FoldPunctuation())
    )


def __getattr__(name: str) -> Normaliser:
    # PEP 562: EVASION_NORMALISER is built on first access (its steps import this module).
    if name == "EVASION_NORMALISER":
        return evasion_normaliser()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
