"""Phone numbers: digit runs validated by ``phonenumbers`` for the configured regions.

The library is only called on runs that pass a cheap gate (enough digits, no guard
fired), so posts without long numbers never pay for it. Three levels of certainty:

* a number valid for a configured region, or written with ``+`` and valid anywhere;
* a number laid out like a phone number (``(415) 555-0199``, ``415.555.0199``,
  an extension) or next to a phone cue ("call me", "cell"), that the library
  calls *possible* but not assigned -- fictional numbers still expose a member;
* numbers spelled out in words ("five five five oh one two three").

Toll-free and premium numbers belong to organisations, not members; they are
skipped unless the rule asks for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType
from stdnum import luhn

from .guards import has_cue, not_personal_number
from .scan import Finding, NumberRun, PiiSettings, Scan

MIN_DIGITS = 7
#: How many words before a number a cue ("call", "text me") may be.
CUE_WORDS = 10
MAX_DIGITS = 15          # E.164 maximum
#: Words that make a nearby number a phone number.
PHONE_CUES = frozenset({
    "phone", "phones", "tel", "telephone", "cell", "cellphone", "mobile", "mob", "call", "text", "txt",
    "ring", "fax", "whatsapp", "signal", "telegram", "sms", "number", "no", "ph", "contact", "reach",
    "dial", "landline", "home", "work", "office", "me",
})
_INSTITUTIONAL = (PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST)
# Layouts of North American numbers, by digit-group lengths: 415-555-0199, 1-415-555-0199.
_NANP_SHAPES = {(3, 3, 4), (1, 3, 3, 4)}


def find_phones(scan: Scan, settings: PiiSettings) -> Iterator[Finding]:
    """Phone numbers in ``scan`` (entity ``phone``)."""
    def accept(run: NumberRun) -> Finding | None:
        if not MIN_DIGITS <= len(run.digits) <= MAX_DIGITS or not_personal_number(scan, run):
            return None
        return _classify(scan, run, settings)

    for run in scan.numbers:
        if len(run.digits) >= MIN_DIGITS:
            yield from scan.segments(run, accept)
    for run in scan.spelled_numbers:
        if MIN_DIGITS <= len(run.digits) <= MAX_DIGITS:
            e164 = _valid_e164(run.digits, False, settings)
            yield Finding("phone", run.start, run.end, e164 or run.digits, 0.85, "spelled")


def _classify(scan: Scan, run: NumberRun, settings: PiiSettings) -> Finding | None:
    raw = scan.text[run.start:run.core_end]
    shape = tuple(len(g) for g in run.groups)
    if shape == (3, 2, 4):
        return None  # 078-05-1120: the SSN detector's
    if run.glued and shape not in _NANP_SHAPES:
        return None  # "A1C 6.5", "NCT01234567": codes glued to a word
    e164 = _valid_e164(raw, run.plus, settings)
    if e164 == "":
        return None  # valid but institutional (toll-free)
    if e164 is not None:
        return Finding("phone", run.start, run.end, e164, 0.95, "international" if run.plus else "")
    spaced = len(run.groups) >= MIN_DIGITS and all(len(g) == 1 for g in run.groups)
    laid_out = (_phone_layout(run) or run.extension) and len(run.digits) >= 10
    if laid_out or spaced or has_cue(scan, run.start, PHONE_CUES, CUE_WORDS):
        possible = _possible_e164(raw, run.plus, settings)
        if possible is not None and not (shape == (10,) and _is_npi(run.digits)):
            return Finding("phone", run.start, run.end, possible, 0.7, "spaced" if spaced else "unassigned")
    return None


def _valid_e164(raw: str, plus: bool, settings: PiiSettings) -> str | None:
    """E.164 of the first region that accepts ``raw``; "" when it is valid but institutional."""
    regions = (None,) if plus else settings.regions
    for region in regions:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if region is not None and not _written_nationally(raw, region, number):
            continue
        if phonenumbers.is_valid_number(number):
            if not settings.toll_free and phonenumbers.number_type(number) in _INSTITUTIONAL:
                return ""
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


@cache
def _trunk_zero(region: str) -> str:
    """How national numbers of ``region`` start: "required" (GB, AU, IE, NZ: always "0"),
    "mobile-optional" (India: mobiles are written without it) or "none" (North America).

    Without this, any ten digits parse as some UK or Indian number.
    """
    metadata = PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.national_prefix != "0":
        return "none"
    if any(f.national_prefix_optional_when_formatting for f in metadata.number_format):
        return "mobile-optional"
    return "required"


def _written_nationally(raw: str, region: str, number: phonenumbers.PhoneNumber) -> bool:
    """The number is written the way ``region`` writes its national numbers."""
    rule = _trunk_zero(region)
    if rule == "none" or raw.lstrip("( ").startswith("0"):
        return True
    if rule == "mobile-optional":
        return phonenumbers.number_type(number) in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return False


def _possible_e164(raw: str, plus: bool, settings: PiiSettings) -> str | None:
    """E.164 of a number of the right length (not necessarily assigned) in the first region."""
    try:
        number = phonenumbers.parse(raw, None if plus else (settings.regions[0] if settings.regions else "US"))
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_layout(run: NumberRun) -> bool:
    """Written the way phone numbers are: (415) 555-0199, 415.555.0199, +44 20 7946 0958."""
    shape = tuple(len(g) for g in run.groups)
    if shape in _NANP_SHAPES or run.raw.lstrip().startswith(("(", "+")):
        return True
    # A single unbroken North American number with or without its country code.
    return shape == (10,) or (shape == (11,) and run.groups[0].startswith("1"))


def _is_npi(digits: str) -> bool:
    """A US National Provider Identifier (public, a clinician's): Luhn over "80840" + the ten digits."""
    return digits[0] in "12" and luhn.is_valid("80840" + digits)
