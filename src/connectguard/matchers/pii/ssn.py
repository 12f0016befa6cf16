"""US Social Security and taxpayer numbers, checked by ``python-stdnum``.

``stdnum`` knows the validity rules (no 000, 666 or 9xx area, no 00 group, no 0000
serial, the numbers published by mistake such as 078-05-1120) and the ITIN ranges
(9xx with group 50-65, 70-88, 90-92, 94-99), which are personal tax numbers too.

Written 123-45-6789 (one separator used twice) it needs no cue; as nine bare
digits, or oddly grouped, it needs "SSN" / "social security" nearby.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from stdnum.us import itin, rtn, ssn

from .guards import has_cue, has_phrase_cue, not_personal_number
from .scan import Finding, NumberRun, Scan

SSN_CUES = frozenset({"ssn", "ssns", "ss#", "ssid", "itin", "tin", "taxpayer", "social"})
SSN_PHRASES = ("social security", "soc sec", "ss number", "ss no", "tax id")
_SSN_LAYOUT = regex.compile(r"\d{3}([-. ])\d{2}\1\d{4}")
# 123-456789 (one dash missing). Not 12345-6789: that is how a ZIP+4 code is written.
_PARTIAL_SHAPES = {(3, 6)}


def find_ssns(scan: Scan) -> Iterator[Finding]:
    """SSNs and ITINs in ``scan`` (entity ``ssn``)."""

    def accept(run: NumberRun) -> Finding | None:
        digits = run.digits
        if len(digits) != 9 or run.glued or not_personal_number(scan, run):
            return None
        cued = has_cue(scan, run.start, SSN_CUES) or has_phrase_cue(scan, run.start, SSN_PHRASES)
        valid_ssn = ssn.is_valid(digits)
        if not (valid_ssn or itin.is_valid(digits)):
            # A member who says "my SSN is ..." means it, even when the number fails the rules.
            return Finding("ssn", run.start, run.core_end, digits, 0.7, "unverified") if cued else None
        form = "" if valid_ssn else "itin"
        layout = _layout(run)
        if layout == "ssn" or cued:
            return Finding("ssn", run.start, run.core_end, digits, 0.95 if layout == "ssn" else 0.9, form)
        if layout == "partial":
            return Finding("ssn", run.start, run.core_end, digits, 0.6, form or "partial-layout")
        if len(run.groups) == 1 and not rtn.is_valid(digits):
            # Nine bare digits: weak. A bank routing number (public, checksummed) is not personal.
            return Finding("ssn", run.start, run.core_end, digits, 0.5, "bare")
        return None

    for run in scan.numbers:
        if len(run.digits) >= 9:
            yield from scan.segments(run, accept)
    for run in scan.spelled_numbers:
        if len(run.digits) == 9 and ssn.is_valid(run.digits) and (
                has_cue(scan, run.start, SSN_CUES) or has_phrase_cue(scan, run.start, SSN_PHRASES)):
            yield Finding("ssn", run.start, run.end, run.digits, 0.85, "spelled")


def _layout(run: NumberRun) -> str:
    """"ssn" for 123-45-6789 (one separator used twice), "partial" for 123-456789, else ""."""
    raw = run.raw[:run.core_end - run.start]
    if _SSN_LAYOUT.fullmatch(raw):
        return "ssn"
    shape = tuple(len(g) for g in run.groups)
    return "partial" if shape in _PARTIAL_SHAPES and raw.count("-") == 1 else ""
