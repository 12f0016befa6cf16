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
from dataclasses import dataclass
from typing import Protocol, Sequence

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


def _rebuild(pieces: list[tuple[str, int, int]]) -> StepResult:
    """Turn (output piece, input start, input end) pieces into a StepResult."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for piece, start, end in pieces:
        out.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
    return "".join(out), starts, ends


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
        pieces: list[tuple[str, int, int]] = []
        pos = 0
        for m in self._IGNORABLE.finditer(text):
            pieces.extend((text[i], i, i + 1) for i in range(pos, m.start()))
            pos = m.end()
        pieces.extend((text[i], i, i + 1) for i in range(pos, len(text)))
        return _rebuild(pieces)


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
        pieces = [
            (unicodedata.normalize("NFKC", m.group()), m.start(), m.end())
            for m in self._CLUSTER.finditer(text)
        ]
        return _rebuild(pieces)


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
        return _rebuild([(c.casefold(), i, i + 1) for i, c in enumerate(text)])


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
