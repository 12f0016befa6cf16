"""The ``pii`` match kind: runs the detectors it names over one shared scan per field.

::

    match:
      pii: [phone, email]
      regions: [US, CA, GB]          # national numbers of these regions (any "+" number always)
      allow_file: public-contacts.txt # crisis lines and the site's own contacts never fire
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from importlib import import_module
from typing import Any

import phonenumbers

from ...loader.schema import Bool, Key, ListOf, Num, Str
from ..base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc, read_list_file
from .allowlist import allow_set, is_allowed
from .scan import DEFAULT_REGIONS, Finding, PiiSettings, Scan

Detector = Callable[[Scan, PiiSettings], Iterator[Finding]]


# entity -> (module, function, whether it takes the settings)
_DETECTORS = {
    "phone": ("phone", "find_phones", True),
    "email": ("email", "find_emails", False),
    "address": ("address", "find_addresses", False),
    "mrn": ("mrn", "find_mrns", False),
    "ssn": ("ssn", "find_ssns", False),
    "card": ("card", "find_cards", False),
    "password": ("password", "find_passwords", False),
}
ENTITIES = tuple(_DETECTORS)


@cache
def detector(entity: str) -> Detector:
    """The detector of one entity (its module, and the library it needs, load on first use)."""
    module, name, takes_settings = _DETECTORS[entity]
    find = getattr(import_module(f".{module}", __package__), name)
    if takes_settings:
        return find  # type: ignore[no-any-return]
    return lambda scan, _settings: find(scan)  # type: ignore[no-any-return]


def scan_of(doc: FieldDoc) -> Scan:
    """The field's PII scan, shared by every ``pii`` rule in one check."""
    return doc.cached("pii.scan",  # type: ignore[no-any-return]
                      lambda: Scan.reusing(doc.text, doc.normaliser, lambda: doc.normalised))


class PiiMatcher:
    """Findings of the named detectors, minus allowed contacts and low-confidence ones."""

    __slots__ = ("entities", "settings", "allowed", "min_confidence")

    def __init__(self, entities: tuple[str, ...], settings: PiiSettings, allowed: frozenset[str],
                 min_confidence: float) -> None:
        self.entities = entities
        self.settings = settings
        self.allowed = allowed
        self.min_confidence = min_confidence

    def __reduce__(self) -> tuple[Any, ...]:
        return (PiiMatcher, (self.entities, self.settings, self.allowed, self.min_confidence))

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        scan = scan_of(doc)
        for entity in self.entities:
            findings = doc.cached(("pii", entity, self.settings),
                                  lambda e=entity: tuple(detector(e)(scan, self.settings)))
            for finding in findings:
                if finding.confidence < self.min_confidence:
                    continue
                if is_allowed(finding, self.allowed) or is_allowed(finding, post.allowed_contacts):
                    continue  # a public line or the site's own contact
                start, end = scan.mapped.to_original(finding.start, finding.end)
                why: dict[str, Any] = {"kind": "pii", "entity": finding.entity, "confidence": finding.confidence}
                if finding.form:
                    why["form"] = finding.form
                normalised = scan.text[finding.start:finding.end]
                if normalised != doc.text[start:end]:
                    why["normalised"] = normalised
                yield Hit(doc.name, start, end, why)


def _build(value: Any, options: dict[str, Any], ctx: BuildContext) -> PiiMatcher | None:
    entities = tuple(dict.fromkeys(value if isinstance(value, list) else [value]))
    regions = tuple(r.upper() for r in options.get("regions", DEFAULT_REGIONS))
    unknown = [r for r in regions if r not in phonenumbers.SUPPORTED_REGIONS]
    if unknown:
        hint = "the United Kingdom's region code is GB" if "UK" in unknown else "use ISO 3166 codes such as US, GB, IN"
        ctx.problem("regions", f"unknown phone regions: {', '.join(unknown)}", hint)
        return None
    entries = list(options.get("allow", []))
    if "allow_file" in options:
        from_file = read_list_file(options["allow_file"], ctx, "allow_file")
        if from_file is None:
            return None
        entries.extend(from_file)
    for entity in entities:
        detector(entity)  # load now: a missing library fails the pack, not every post
    settings = PiiSettings(regions=regions, toll_free=options.get("toll_free", False))
    return PiiMatcher(entities, settings, allow_set(entries, regions), options.get("min_confidence", 0.0))


KIND = KindSpec(
    name="pii",
    value=ListOf(Str(choices=ENTITIES), single_ok=True, min_items=1),
    options={
        "regions": Key(ListOf(Str(), min_items=1),
                       doc=f"regions whose national phone numbers are recognised (default {', '.join(DEFAULT_REGIONS)})"),
        "allow": Key(ListOf(Str()), doc="public contacts that never fire: numbers, e-mails, addresses"),
        "allow_file": Key(Str(), doc="a file of allowed contacts beside the pack, one per line, # comments"),
        "toll_free": Key(Bool(), doc="also report toll-free and premium numbers (default false: they are organisations')"),
        "min_confidence": Key(Num(0, 1), doc="drop findings below this detector confidence (default 0)"),
    },
    build=_build,
    doc="Personal information: phone, email, address, mrn, ssn, card, password (validated detectors).",
)
