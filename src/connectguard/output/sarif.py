"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run: ``tool.driver`` describes every rule checked (and any engine diagnostic
reported), each result points at its rule by ``ruleId`` and ``ruleIndex`` and at its
place in the file. Columns count Unicode code points (``columnKind``); paths are
relative to the working directory (``uriBaseId`` ``SRCROOT``). Results carry a
``partialFingerprints`` entry that does not depend on line numbers. Messages and
snippets mask personal data unless ``show_pii``. See docs/output-formats.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..inputs import InputRecord, Region
from ..report import Report
from ..rule import Rule
from . import Summary
from .findings import Finding, Fingerprints, findings, level_of
from .rules import template_source

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The ``partialFingerprints`` key; bump the version if the hashed content ever changes.
FINGERPRINT_KEY = "connectguardMatchHash/v1"
SRCROOT = "SRCROOT"


class SarifWriter:
    """Collects results as records arrive and writes the whole log at the end."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False, rules: Sequence[Rule] = ()) -> None:
        self.stream = stream
        self.show_pii = show_pii
        self.catalogue = RuleCatalogue(rules)
        self.fingerprints = Fingerprints()
        self.results: list[dict[str, Any]] = []

    def write(self, record: InputRecord, report: Report) -> None:
        for finding in findings(record, report, self.show_pii, self.fingerprints):
            self.results.append(result(finding, self.catalogue.index(finding.violation.rule)))

    def close(self, summary: Summary) -> None:
        json.dump(sarif_log(self.catalogue.descriptors, self.results, summary), self.stream,
                  ensure_ascii=False, indent=2)
        self.stream.write("\n")
        self.stream.flush()


class RuleCatalogue:
    """``tool.driver.rules``: one descriptor per rule, in load order, plus any rule id met later.

    Engine diagnostics (``engine.timeout``...) are not rules of any pack, but results
    must point at a descriptor, so they get a generic one the first time they appear.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.descriptors: list[dict[str, Any]] = [descriptor(rule) for rule in rules]
        self._indexes = {d["id"]: i for i, d in enumerate(self.descriptors)}

    def index(self, rule_id: str) -> int:
        if rule_id not in self._indexes:
            self._indexes[rule_id] = len(self.descriptors)
            self.descriptors.append(diagnostic_descriptor(rule_id))
        return self._indexes[rule_id]


def descriptor(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor`` for ``rule``: names, descriptions, guideline link and metadata."""
    guideline = rule.guideline
    about = f"Guideline {guideline.number}: {guideline.title}" if guideline else f"Category: {rule.category}"
    description = " ".join(rule.description.split())
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": _first_sentence(description) or about},
        "fullDescription": {"text": description or f"Message to the member: {template_source(rule.message)}"},
        "help": {"text": _help_text(rule, about)},
        "defaultConfiguration": {"level": level_of(rule.action, rule.severity, rule.mode).value},
        "properties": {
            "category": rule.category,
            "action": rule.action.value,
            "severity": rule.severity.value,
            "mode": rule.mode.value,
            "tags": [rule.category],
        },
    }
    if guideline is not None:
        entry["properties"]["guideline"] = guideline.number
        entry["properties"]["guidelineTitle"] = guideline.title
        if guideline.url:
            entry["helpUri"] = guideline.url
    return entry


def diagnostic_descriptor(rule_id: str) -> dict[str, Any]:
    """A descriptor for a rule id no pack defines: an engine diagnostic."""
    text = "connectguard could not check this post completely (see the result's message)."
    return {"id": rule_id, "name": rule_name(rule_id), "shortDescription": {"text": text},
            "fullDescription": {"text": text}, "properties": {"category": "engine", "tags": ["engine"]}}


def rule_name(rule_id: str) -> str:
    """SARIF's human name for a rule: ``commercial.solicitation`` -> ``CommercialSolicitation``."""
    words = "".join(c if c.isalnum() else " " for c in rule_id).split()
    return "".join(word[:1].upper() + word[1:] for word in words) or rule_id


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


def _help_text(rule: Rule, about: str) -> str:
    parts = [about + ("." if not about.endswith(".") else ""),
             f"Suggested action: {rule.action.value} (severity {rule.severity.value}, mode {rule.mode.value})."]
    note = template_source(rule.note)
    if note:
        parts.append(f"Moderator note: {note}")
    return " ".join(parts)


def result(finding: Finding, rule_index: int) -> dict[str, Any]:
    """One SARIF ``result``; stdin records have no file, so no location."""
    v = finding.violation
    properties: dict[str, Any] = {
        "action": v.action.value, "severity": v.severity.value, "mode": v.mode.value, "category": v.category,
        "field": v.field, "recordId": finding.record_id, "confidence": v.confidence,
    }
    if v.guideline is not None:
        properties["guideline"] = v.guideline
    entry: dict[str, Any] = {
        "ruleId": v.rule,
        "ruleIndex": rule_index,
        "level": finding.level.value,
        "message": {"text": finding.message},
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": properties,
    }
    if not finding.from_stdin:
        entry["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(finding.path),
                                                    "region": region(finding.region, finding.text)}}]
    return entry


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a URI under ``SRCROOT``; anything else a ``file:`` URI."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def region(place: Region, snippet: str) -> dict[str, Any]:
    """A SARIF ``region``: the exact span with its (masked) text, or just the record's line."""
    if not place.exact:
        return {"startLine": place.start_line}
    return {"startLine": place.start_line, "startColumn": place.start_column, "endLine": place.end_line,
            "endColumn": place.end_column, "snippet": {"text": snippet}}


def sarif_log(descriptors: list[dict[str, Any]], results: list[dict[str, Any]], summary: Summary) -> dict[str, Any]:
    """The whole log: one run of connectguard."""
    driver = {"name": "connectguard", "version": __version__, "semanticVersion": __version__, "rules": descriptors}
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": summary.errors == 0}],
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(Path.cwd())}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": summary.to_dict()},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _directory_uri(path: Path) -> str:
    """SARIF wants a base URI to end with ``/``."""
    uri = path.as_uri()
    return uri if uri.endswith("/") else uri + "/"


__all__ = ["FINGERPRINT_KEY", "SarifWriter", "descriptor", "rule_name", "sarif_log"]
