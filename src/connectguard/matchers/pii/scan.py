"""The shared candidate pass of the PII detectors: one scan per field, reused by all of them.

Detectors never search the raw field. They read a :class:`Scan`: the field after a
fixed, PII-safe normalisation (invisible characters removed, NFKC so fullwidth
"５５５" reads as "555", dashes folded to "-"), its digit runs and spelled-out
digit runs found once, and helpers for the words around a span. Every offset a
detector reports is an offset of ``Scan.text``; the ``pii`` kind maps it back to
the original field.

The view is deliberately NOT the rule engine's general view: evasion steps added
for profanity (leetspeak reads "1" as "i") must never touch the digits of a phone
number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

import regex

from ...text.normalise import NFKC, FoldPunctuation, MappedText, Normaliser, StripInvisible
from ...text.words import WORD_END, WORD_RE, WORD_START

#: The normaliser of every PII scan (see module docstring for why it is fixed).
PII_NORMALISER = Normaliser(steps=(StripInvisible(), NFKC(), FoldPunctuation()))


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data found in a :class:`Scan` (offsets of ``Scan.text``)."""

    entity: str           # phone | email | address | mrn | ssn | card | password
    start: int
    end: int
    #: Canonical form, compared against allow-lists: E.164 or digits for numbers,
    #: the lower-cased address for e-mail, the collapsed text for street addresses.
    value: str
    confidence: float = 1.0
    #: How it was written when that matters to a moderator: spelled, obfuscated, po-box, ...
    form: str = ""


# A digit run: at least seven digits (no detector wants fewer: the shortest phone number), joined by at most three separator characters (space, - . / ( )),
# optionally led by "+" or "(", optionally followed by an extension ("x12", "ext. 12").
# A run never starts inside a number or a decimal ("3.5"); one glued to a word on its
# left ("is415-555-0132", "A1C") is kept but marked, and each detector decides.
_RUN = regex.compile(
    r"(?<!\p{N}|\p{N}[.,])"
    r"(?:\+|\(\+?)?\p{Nd}(?:[ \t().\-/]{0,3}\p{Nd}){6,}\)?"
    r"(?P<ext>[ \t]{0,2}(?:ext(?:ension)?\.?|x)[ \t]{0,2}\p{Nd}{1,6}(?![\p{L}\p{N}]))?",
    regex.IGNORECASE,
)
_DIGIT_GROUP = regex.compile(r"\p{Nd}+")

_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
# "five five five oh one two three", "double five", digits mixed in ("five 5 5 0123").
_SPELLED_TOKEN = r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|triple|\d{1,4})"
_SPELLED = regex.compile(
    rf"{WORD_START}{_SPELLED_TOKEN}(?:[ \t,\-.]{{1,3}}{_SPELLED_TOKEN})+{WORD_END}",
    regex.IGNORECASE,
)
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_TWO_DIGIT_WORDS = regex.compile(rf"\b{_DIGIT_WORD}[ \t,\-.]{{1,3}}(?:{_DIGIT_WORD}|\d)\b")
_SPELLED_TOKEN_RE = regex.compile(rf"(?<!\p{{L}}){_SPELLED_TOKEN}(?!\p{{L}})", regex.IGNORECASE)
#: A spelled run needs at least this many digits (and mostly words) to be a number at all.
MIN_SPELLED_DIGITS = 7


@dataclass(frozen=True, slots=True)
class NumberRun:
    """A run of digits as written: ``(415) 555-0132 x12``."""

    start: int
    end: int              # end of the whole run, extension included
    core_end: int         # end of the number itself, extension excluded
    raw: str
    groups: tuple[str, ...]   # the digit groups of the number itself
    extension: str = ""
    spelled: bool = False
    #: A letter touches the run on its left: a code ("NCT0123") more often than a number.
    glued: bool = False

    @property
    def digits(self) -> str:
        return "".join(self.groups)

    @property
    def plus(self) -> bool:
        return self.raw.lstrip("(").startswith("+")


def _run_of(text: str, m: regex.Match[str]) -> NumberRun:
    start, end = m.span()
    core_end = m.start("ext") if m.group("ext") else end
    # Unbalanced brackets belong to the sentence, not the number: "(SSN 078-05-1123)".
    core = text[start:core_end]
    wrapped = core.startswith("(") and core.endswith(")") and core.index(")") == len(core) - 1
    if wrapped or (core.endswith(")") and core.count(")") > core.count("(")):
        core_end -= 1
        end = core_end if not m.group("ext") else end
    if wrapped:
        start += 1
    if text[start] == "(" and text.count(")", start, core_end) < text.count("(", start, core_end):
        start += 1
    ext = "".join(_DIGIT_GROUP.findall(m.group("ext") or ""))
    groups = tuple(_DIGIT_GROUP.findall(text, start, core_end))
    glued = start > 0 and text[start - 1].isalpha()
    return NumberRun(start, end, core_end, text[start:end], groups, ext, glued=glued)


# The last sentence end in a window (searched in reverse): ". ", "! ", "? " or a line break.
_SENTENCE_END = regex.compile(r"(?r)[.!?][\"')\]]*[ \t]|\n")

# The space-separated parts of a run, for :meth:`Scan.segments`.
_PART = regex.compile(r"[^ \t]+")
MAX_PARTS = 12


@dataclass(frozen=True)
class Scan:
    """One field, normalised once for every PII detector, with its candidates."""

    mapped: MappedText

    @classmethod
    def of(cls, text: str) -> Scan:
        return cls(PII_NORMALISER.normalise(text))

    @classmethod
    def reusing(cls, text: str, normaliser: Normaliser, normalised: Callable[[], MappedText]) -> Scan:
        """A scan that reuses the engine's normalised view when its steps are exactly the PII steps."""
        if normaliser.step_names == PII_NORMALISER.step_names:
            return cls(normalised())
        return cls.of(text)

    @property
    def text(self) -> str:
        return self.mapped.text

    @cached_property
    def lower(self) -> str:
        """``text`` lower-cased with offsets kept (characters whose lower case is longer stay as they are)."""
        low = self.text.lower()
        if len(low) == len(self.text):
            return low
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)

    @cached_property
    def numbers(self) -> tuple[NumberRun, ...]:
        """Every digit run, in order (cheap: one regex pass)."""
        return tuple(_run_of(self.text, m) for m in _RUN.finditer(self.text))

    @cached_property
    def spelled_numbers(self) -> tuple[NumberRun, ...]:
        """Numbers written (mostly) in words: "five five five oh one two three"."""
        if _TWO_DIGIT_WORDS.search(self.lower) is None:
            return ()  # cheap gate: no two digit words in a row anywhere
        runs = []
        for m in _SPELLED.finditer(self.lower):
            digits, words, repeat = [], 0, 1
            for token in _SPELLED_TOKEN_RE.findall(m.group()):
                if token in ("double", "triple"):
                    repeat = 2 if token == "double" else 3
                    continue
                digit = _DIGIT_WORDS.get(token, token)
                words += token in _DIGIT_WORDS
                digits.append(digit * repeat)
                repeat = 1
            joined = "".join(digits)
            if len(joined) >= MIN_SPELLED_DIGITS and words >= 3:
                runs.append(NumberRun(m.start(), m.end(), m.end(), self.text[m.start():m.end()], (joined,),
                                      spelled=True))
        return tuple(runs)

    def segments(self, run: NumberRun, accept: Callable[[NumberRun], Finding | None]) -> Iterator[Finding]:
        """What ``accept`` finds in ``run``, or else in its space-separated parts.

        A run joins groups across single spaces, so "4111 1111 1111 1111 and
        4012888888881881" or two phone numbers in a list arrive as one run: when the
        whole run is not accepted, the longest accepted windows of consecutive
        parts are taken from left to right.
        """
        found = accept(run)
        if found is not None:
            yield found
            return
        parts = list(_PART.finditer(self.text, run.start, run.core_end))
        if len(parts) < 2 or len(parts) > MAX_PARTS:
            return
        i = 0
        while i < len(parts):
            for j in range(len(parts) - 1, i - 1, -1):
                if i == 0 and j == len(parts) - 1:
                    continue  # the whole run: already tried
                start, end = parts[i].start(), parts[j].end()
                sub = _RUN.fullmatch(self.text, start, end)
                if sub is None:
                    continue
                found = accept(_run_of(self.text, sub))
                if found is not None:
                    yield found
                    i = j
                    break
            i += 1

    # -- context -----------------------------------------------------------------
    def words_before(self, offset: int, count: int = 6, chars: int = 80, sentence: bool = False) -> list[str]:
        """Up to ``count`` lower-cased words ending before ``offset`` (nearest last);
        with ``sentence``, only words of the sentence holding ``offset``."""
        window = self.lower[max(0, offset - chars):offset]
        if sentence:
            end = _SENTENCE_END.search(window)
            if end is not None:
                window = window[end.end():]
        return [m.group() for m in WORD_RE.finditer(window)][-count:]

    def words_after(self, offset: int, count: int = 3, chars: int = 40) -> list[str]:
        """Up to ``count`` lower-cased words starting after ``offset``."""
        window = self.lower[offset:offset + chars]
        return [m.group() for m in WORD_RE.finditer(window)][:count]

    def line_of(self, offset: int) -> str:
        """The lower-cased line holding ``offset`` (labels like "Phone:" sit on the same line)."""
        start = self.lower.rfind("\n", 0, offset) + 1
        end = self.lower.find("\n", offset)
        return self.lower[start:end if end >= 0 else len(self.lower)]


_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")


def collapse(text: str) -> str:
    """Lower case, every run of spaces and punctuation made one space: the canonical form of
    an address, compared with allow-list entries written the same way."""
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


#: Regions whose national numbers (written without "+") are recognised by default.
DEFAULT_REGIONS = ("US", "CA", "GB", "AU", "IN", "IE", "NZ")


@dataclass(frozen=True, slots=True)
class PiiSettings:
    """Options of one ``pii`` match block that detectors read."""

    regions: tuple[str, ...] = DEFAULT_REGIONS
    #: Report toll-free and premium numbers too (they belong to organisations, not members).
    toll_free: bool = False
