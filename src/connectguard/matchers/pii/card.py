"""Payment card numbers: 13-19 digits that pass the Luhn check, grouped the way cards are.

The Luhn check (``python-stdnum``) rejects nine in ten random digit strings; a
card-shaped layout (one block, or blocks of four; Amex 4-6-5, Diners 4-6-4) rejects
most of the rest, so long lab or order numbers do not read as cards.
"""

from __future__ import annotations

from collections.abc import Iterator

from stdnum import luhn

from .guards import has_cue, not_personal_number
from .scan import Finding, NumberRun, Scan

MIN_DIGITS, MAX_DIGITS = 13, 19
_CARD_LAYOUTS = {(4, 6, 5), (4, 6, 4), (4, 4, 4, 4), (4, 4, 4, 4, 3), (4, 4, 4, 1), (4, 4, 4, 2), (4, 4, 4, 3),
                 (4, 4, 5), (4, 4, 4, 4, 2), (4, 4, 4, 4, 1)}
# Issuer prefixes (IIN ranges) of the major networks: Visa, Mastercard, Amex, Diners, Discover,
# JCB, UnionPay, Maestro. UATP ("1") only has 15-digit numbers.
_ISSUER_PREFIXES = ("4", "51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27", "34", "37",
                    "36", "38", "30", "6011", "64", "65", "35", "62", "50", "56", "57", "58", "67")
CARD_CUES = frozenset({"card", "cards", "credit", "debit", "visa", "mastercard", "amex", "cc", "hsa", "fsa"})


def _issuer_known(digits: str) -> bool:
    return digits.startswith(_ISSUER_PREFIXES) or (digits.startswith("1") and len(digits) == 15)


def find_cards(scan: Scan) -> Iterator[Finding]:
    """Payment card numbers in ``scan`` (entity ``card``)."""

    def accept(run: NumberRun) -> Finding | None:
        digits = run.digits
        if not MIN_DIGITS <= len(digits) <= MAX_DIGITS or len(set(digits)) == 1:
            return None
        if len(run.groups) > 1 and tuple(len(g) for g in run.groups) not in _CARD_LAYOUTS:
            return None
        if run.glued or not luhn.is_valid(digits) or not_personal_number(scan, run):
            return None
        if _issuer_known(digits):
            return Finding("card", run.start, run.core_end, digits, 0.95)
        if has_cue(scan, run.start, CARD_CUES):
            # One random number in ten passes Luhn: an unknown issuer needs the member to say "card".
            return Finding("card", run.start, run.core_end, digits, 0.8, "unknown-issuer")
        return None

    for run in scan.numbers:
        if len(run.digits) >= MIN_DIGITS:
            yield from scan.segments(run, accept)
