"""``--format github``: GitHub Actions workflow commands, shown as annotations on the files.

One ``::error|warning|notice file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message``
line per violation, then the summary line. Values are escaped as the Actions
toolkit does (``escapeData``/``escapeProperty``), so a message can never end the
command early or start another one. GitHub rejects ``col``/``endColumn`` on a span
that covers several lines, so such spans carry only ``line`` and ``endLine``.
"""

from __future__ import annotations

from typing import TextIO

from ..inputs import InputRecord
from ..report import Report
from . import Summary
from .findings import GITHUB_COMMANDS, Finding, Fingerprints, action_label, findings
from .text import summary_line


class GithubWriter:
    """Writes each annotation as soon as its record is checked."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False) -> None:
        self.stream = stream
        self.show_pii = show_pii
        self.fingerprints = Fingerprints()

    def write(self, record: InputRecord, report: Report) -> None:
        for finding in findings(record, report, self.show_pii, self.fingerprints):
            self.stream.write(annotation(finding) + "\n")

    def close(self, summary: Summary) -> None:
        self.stream.write(summary_line(summary) + "\n")
        self.stream.flush()


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    command = GITHUB_COMMANDS[finding.level]
    properties = ",".join(f"{name}={escape_property(value)}" for name, value in annotation_properties(finding))
    return f"::{command} {properties}::{escape_data(finding.message)}"


def annotation_properties(finding: Finding) -> list[tuple[str, str]]:
    """``file``, ``line``, ``col``, ``endLine``, ``endColumn``, ``title``: those that apply, in that order.

    Columns only for an exact span on one line; ``endLine`` for any exact span; no
    ``file`` for standard input (the annotation then belongs to the run, not a file).
    """
    place = finding.region
    single_line = place.exact and not place.multiline
    properties: list[tuple[str, str]] = []
    if not finding.from_stdin:
        properties.append(("file", finding.path))
    properties.append(("line", str(place.start_line)))
    if single_line:
        properties.append(("col", str(place.start_column)))
    if place.exact:
        properties.append(("endLine", str(place.end_line)))
    if single_line:
        properties.append(("endColumn", str(place.end_column)))
    v = finding.violation
    properties.append(("title", f"connectguard {v.rule} ({action_label(v)})"))
    return properties


def escape_data(value: str) -> str:
    """A command's message: ``%``, CR and LF percent-encoded (``%`` first, so nothing is encoded twice)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A command property: as data, plus ``:`` and ``,``, which would end the property."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


__all__ = ["GithubWriter", "annotation", "annotation_properties", "escape_data", "escape_property"]
