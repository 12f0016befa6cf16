"""Medical record, patient and account numbers: an identifier right after a cue that names it.

There is no checksum for an MRN: every hospital has its own format (digits,
letter prefixes, dashes). What makes a number an MRN is what the member calls it:
"MRN 00123456", "my patient ID is A-4471902", "chart #88-231-4", "Medicare
number 1EG4-TE5-MK73". The identifier must hold at least four digits, so "MRN
results" or "patient ID card" never fire.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .scan import Finding, Scan

# Cue, then up to three filler words (is, number, #, :), then the identifier.
_CUE = (
    r"mrn|m\.r\.n\.?|mr[ \t]*(?:#|no\.|number)|medical[ \t]+record(?:s)?(?:[ \t]+(?:number|no\.?|num|#))?|"
    r"(?:hospital|patient|chart|record|health[ \t]*card|nhs|chi|medicaid|medicare|member|subscriber|"
    r"insurance|policy|account|acct|mbi|enrollee|beneficiary)"
    r"[ \t]*(?:id|identifier|number|no\.?|num|#)"
)
# The identifier: an optional upper-case prefix, then alphanumeric blocks joined by - / . and by
# spaces only before another digit block ("1234 5678"); words after it are never swallowed.
_ID = r"(?:[A-Z]{1,4}[- ]?)?[0-9][A-Z0-9]*(?:[-/.][A-Z0-9]+)*(?:[ ][0-9][A-Z0-9]*(?:[-/.][A-Z0-9]+)*)*"
_MRN = regex.compile(
    rf"(?<![\p{{L}}])(?i:(?P<cue>{_CUE}))(?i:[ \t]*(?:[:#=]|(?:is|was|number|no|of|at|for|my|our|his|her|their)(?!\p{{L}})))*"
    # "patient number at Children's is P-00381746": a place named between cue and number.
    rf"(?:[ \t]+at[ \t]+(?:the[ \t]+)?\p{{Lu}}[\p{{L}}'’.-]*(?:[ \t]+\p{{Lu}}[\p{{L}}'’.-]*){{0,3}}"
    r"(?:[ \t]*(?:[:#=,]|is|was)(?!\p{L}))*)?[ \t]*"
    rf"(?P<id>{_ID})(?![\p{{L}}\p{{N}}])",
)
MIN_ID_DIGITS = 4
_CUE_ONLY = regex.compile(_CUE)


def find_mrns(scan: Scan) -> Iterator[Finding]:
    """Record and patient numbers in ``scan`` (entity ``mrn``)."""
    if not _maybe_cue(scan.lower):
        return
    for m in _MRN.finditer(scan.text):
        identifier = m.group("id")
        if sum(c.isdigit() for c in identifier) < MIN_ID_DIGITS:
            continue
        value = regex.sub(r"[-/. ]", "", identifier)
        yield Finding("mrn", m.start("id"), m.end("id"), value, 0.9, m.group("cue").lower())


def _maybe_cue(lower: str) -> bool:
    """Cheap gate before the full regex: a cue is in the post at all."""
    return _CUE_ONLY.search(lower) is not None
