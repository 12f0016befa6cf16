"""False-alarm guards shared by the number detectors (phone, SSN, card).

A health forum is full of numbers that are not personal: doses and lab values
("500 mg", "120/80 mmHg"), dates and times, drug and trial codes (NDC, NCT, lot),
step counts, room and extension numbers. Each guard answers one question about
a digit run and its neighbours, so every detector applies the same judgement.
"""

from __future__ import annotations

import regex

from .scan import NumberRun, Scan

# A unit or count word right after the number makes it a measurement, not an identifier.
_UNIT_AFTER = regex.compile(
    r"[ \t]?(?:%|°|(?:mg|mcg|µg|μg|ug|ng|g|gm|kg|lbs?|oz|ml|l|cc|dl|iu|units?|mmhg|mmol|meq|bpm|"
    r"steps?|cal|kcal|mm|cm|km|m|miles?|ft|feet|in|inch(?:es)?|hrs?|hours?|mins?|minutes?|secs?|"
    r"seconds?|days?|weeks?|wks?|months?|years?|yrs?|times|tabs?|tablets?|pills?|doses?|people|"
    r"patients|cases|deaths|dollars|usd|euros?|pounds)(?![\p{L}]))",
    regex.IGNORECASE,
)
_CURRENCY_BEFORE = regex.compile(r"[$£€¥₹][ \t]?$")

#: Words that, just before a number, say it is a code or a count, not a contact or ID.
CODE_CUES = frozenset({
    "ndc", "nct", "lot", "batch", "icd", "icd10", "cpt", "hcpcs", "npi", "dea", "serial", "sn",
    "model", "ref", "reference", "order", "tracking", "confirmation", "invoice", "isbn", "issn",
    "pmid", "pmcid", "doi", "room", "rm", "bed", "ward", "floor", "ext", "extension", "steps",
    "zip", "zipcode", "postcode", "version", "v", "flight", "page", "pages", "pp", "chapter",
    "ticket", "case", "study", "trial", "protocol", "catalog", "catalogue", "part", "item", "sku",
    "upc", "barcode", "rx", "prescription", "code", "year", "years", "population", "about",
    "approximately", "over", "nearly", "almost", "than",
})

_NUMBER_WORDS = frozenset({"number", "no", "num", "nr", "id", "code"})

# Dates: 12/05/2023, 2023-05-12, 05.12.23, 12 05 2023.
_DATE_SHAPES = {(1, 1, 4), (1, 2, 4), (2, 1, 4), (2, 2, 4), (1, 1, 2), (1, 2, 2), (2, 1, 2), (2, 2, 2),
                (4, 1, 1), (4, 1, 2), (4, 2, 1), (4, 2, 2)}


def followed_by_unit(scan: Scan, run: NumberRun) -> bool:
    """"500 mg", "10000 steps", "3 days": a measurement or count."""
    return _UNIT_AFTER.match(scan.text, run.core_end) is not None


def is_money(scan: Scan, run: NumberRun) -> bool:
    return _CURRENCY_BEFORE.search(scan.text, 0, run.start) is not None


def after_code_cue(scan: Scan, run: NumberRun) -> bool:
    """The word just before the run says it is a code or a count: "NDC 0002-3227-30",
    "lot # 4471902", "room number 4155550". Never looks past the start of the sentence."""
    before = scan.words_before(run.start, 2, chars=40, sentence=True)
    if before and before[-1] in _NUMBER_WORDS:
        before = before[:-1]
    return bool(before) and before[-1] in CODE_CUES


def looks_like_date(run: NumberRun) -> bool:
    """Day/month/year in one of the usual orders (the separators are not checked: 12 05 2023 too)."""
    if len(run.groups) != 3:
        return False
    shape = tuple(len(g) for g in run.groups)
    if shape not in _DATE_SHAPES:
        return False
    first, second = int(run.groups[0]), int(run.groups[1])
    if shape[0] == 4:
        return 1 <= second <= 12
    return (1 <= first <= 31) and (1 <= second <= 31) and min(first, second) <= 12


def has_cue(scan: Scan, start: int, cues: frozenset[str] | set[str], words: int = 6) -> bool:
    """One of ``cues`` (single words) among the ``words`` words before ``start``."""
    return any(w in cues for w in scan.words_before(start, words))


def has_phrase_cue(scan: Scan, start: int, phrases: tuple[str, ...], chars: int = 60) -> bool:
    """One of ``phrases`` (lower-case) in the ``chars`` characters before ``start``."""
    window = scan.lower[max(0, start - chars):start]
    return any(p in window for p in phrases)


def looks_like_ip(run: NumberRun) -> bool:
    """192.168.1.20: four dotted groups of one to three digits (a network address, not a person's)."""
    return len(run.groups) == 4 and all(len(g) <= 3 for g in run.groups) and run.raw.count(".") == 3


def not_personal_number(scan: Scan, run: NumberRun) -> bool:
    """True when any shared guard says the run is a measurement, amount, code, date or address."""
    return (followed_by_unit(scan, run) or is_money(scan, run) or after_code_cue(scan, run)
            or looks_like_date(run) or looks_like_ip(run))
