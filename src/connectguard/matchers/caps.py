"""``caps``: shouting — the share of upper-case letters, acronyms and single emphasis excused."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from ..loader.schema import Int, Key, ListOf, Num, Str
from ..text.words import WORD_RE
from .base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc

#: Health and internet acronyms written in capitals that are not shouting.
COMMON_ACRONYMS = frozenset(
    """A1C ACA ADHD AFIB AIDS ALS ALT AM AMA ASAP ASD AST BMI BP BPM CBC CBD CBT CDC CFS CHF CKD COPD COVID
    CPAP CRP CT DBT DEXA DIY DM DNA DNR DO DVT ECG EEG EKG EMG EMS ENT ER ESR ESRD FAQ FDA FYI GERD GI GP GYN
    HDL HIPAA HIV HMO HPV HR HRT IBD IBS ICD ICU IDK IMHO IMO INR IUD IV IVF LDL LOL MD MMR MRI MRSA MS NHS NIH
    NP NSAID NSAIDS OB OCD OK OT OTC PA PCOS PCP PE PET PICC POTS PPE PPI PPO PSA PT PTSD RA RN RNA RSV SLE SNRI
    SSDI SSI SSRI SSRIS TBI TENS THC TIA TKR TSH TV UK UN US USA UTI VA WHO""".split()
)


class CapsMatcher:
    """Shouted stretches of a field (or of each sentence)."""

    __slots__ = ("min_ratio", "min_letters", "min_words", "acronyms", "per_sentence")

    def __init__(self, min_ratio: float, min_letters: int, min_words: int, acronyms: frozenset[str], per_sentence: bool) -> None:
        self.min_ratio = min_ratio
        self.min_letters = min_letters
        self.min_words = min_words
        self.acronyms = acronyms
        self.per_sentence = per_sentence

    def __reduce__(self) -> tuple[Any, ...]:
        return (CapsMatcher, (self.min_ratio, self.min_letters, self.min_words, self.acronyms, self.per_sentence))

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        view = doc.normalised
        # One tally per unit (the field, or each sentence): [upper, letters, shouted spans].
        tallies: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        sentence_starts = [s for s, _ in doc.sentences] if self.per_sentence else []
        for m in WORD_RE.finditer(view.text):
            word = m.group()
            if word.islower():  # the common case: no capitals, no acronym, no span needed
                n_cased = len(word) if word.isalpha() else sum(c.islower() for c in word)
                n_upper = 0
            else:
                n_cased = sum(1 for c in word if c.isupper() or c.islower())
                n_upper = sum(1 for c in word if c.isupper())
            # Single letters ("I", "A") and acronyms written in capitals say nothing about shouting.
            if n_cased < 2 or (n_upper == n_cased and word.upper() in self.acronyms):
                continue
            unit = bisect_right(sentence_starts, view.to_original(m.start(), m.end())[0]) if self.per_sentence else 0
            counts, shouted = tallies.setdefault(unit, ([0, 0], []))
            counts[0] += n_upper
            counts[1] += n_cased
            if n_upper == n_cased:
                shouted.append(view.to_original(m.start(), m.end()))
        for unit in sorted(tallies):
            (upper, letters), shouted = tallies[unit]
            if letters < self.min_letters or len(shouted) < self.min_words or upper / letters < self.min_ratio:
                continue
            why = {"kind": "caps", "upper_ratio": round(upper / letters, 3), "letters": letters,
                   "shouted_words": len(shouted), "min_ratio": self.min_ratio}
            yield Hit(doc.name, shouted[0][0], shouted[-1][1], why)


def _build(value: float, options: dict[str, Any], ctx: BuildContext) -> CapsMatcher:
    extra = frozenset(a.upper() for a in options.get("acronyms", ()))
    return CapsMatcher(
        float(value),
        options.get("min_letters", 12),
        options.get("min_words", 2),
        COMMON_ACRONYMS | extra,
        options.get("per", "field") == "sentence",
    )


KIND = KindSpec(
    name="caps",
    value=Num(0.0, 1.0),
    options={
        "min_letters": Key(Int(1, 100_000), doc="letters needed before the ratio means anything (default 12)"),
        "min_words": Key(Int(1, 1000), doc="whole upper-case words needed (default 2: one emphasised word is fine)"),
        "acronyms": Key(ListOf(Str()), doc="more acronyms to ignore, added to the built-in list (MRI, COVID, ...)"),
        "per": Key(Str(choices=("field", "sentence")), doc="judge the whole field (default) or each sentence"),
    },
    build=_build,
    doc="Shouting: the share (0-1) of upper-case letters at or above which the text is shouted.",
)
