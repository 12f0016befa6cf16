"""Public contacts are not personal: crisis lines, poison control, the site's own address.

An allow-list entry is written the way people write it ("1-800-222-1222",
"help@clinic.org", "200 First St SW, Rochester, MN 55905"); it is reduced to the
same canonical forms the detectors give their findings, so one entry matches
every way of writing the same contact.
"""

from __future__ import annotations

from collections.abc import Iterable

import phonenumbers
import regex

from .email import canonical_email
from .scan import DEFAULT_REGIONS, Finding, collapse

def canonical_forms(entry: str, regions: Iterable[str] = DEFAULT_REGIONS) -> frozenset[str]:
    """Every canonical form ``entry`` can take: collapsed text, e-mail, digits, E.164 numbers."""
    entry = entry.strip()
    forms = {collapse(entry)}
    if "@" in entry:
        forms.add(entry.lower())
        email = canonical_email(entry)  # the form the e-mail detector gives (punycode domain)
        if email:
            forms.add(email)
    digits = "".join(c for c in entry if c.isdigit())
    if digits and not regex.search(r"\p{L}", entry):
        forms.add(digits)
        for region in ((None,) if entry.startswith("+") else tuple(regions)):
            try:
                number = phonenumbers.parse(entry, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(number):
                forms.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    forms.discard("")
    return frozenset(forms)


def allow_set(entries: Iterable[str], regions: Iterable[str] = DEFAULT_REGIONS) -> frozenset[str]:
    """The canonical forms of all ``entries``."""
    regions = tuple(regions)
    return frozenset(form for entry in entries for form in canonical_forms(entry, regions))


def is_allowed(finding: Finding, allowed: frozenset[str]) -> bool:
    """True when the finding is one of the allowed contacts."""
    if not allowed:
        return False
    if finding.value in allowed or finding.value.lower() in allowed or collapse(finding.value) in allowed:
        return True
    # "200 First St SW" is the allowed "200 First St SW, Rochester, MN 55905" written shorter.
    return finding.entity == "address" and any(a.startswith(finding.value + " ") for a in allowed)
