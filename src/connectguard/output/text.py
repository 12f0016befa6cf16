"""The human format: ruff-like ``path:line:col: rule [severity] message (action)`` lines.

For Markdown/text files the position is the match's exact line and column in the
file; for JSON/JSONL/YAML/CSV it is the record's line and column 1. On a terminal
each line is followed by a one-line excerpt with the match underlined.
"""

from __future__ import annotations

from typing import TextIO

from ..actions import Action
from ..inputs import InputRecord
from ..report import Report, Violation, mask
from . import Summary

EXCERPT_WIDTH = 100


class TextWriter:
    """Writes one line per violation, in input order, and a summary line at the end."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False, excerpt: bool = False) -> None:
        self.stream = stream
        self.show_pii = show_pii
        self.excerpt = excerpt

    def write(self, record: InputRecord, report: Report) -> None:
        sources = {name: self._source(record, report, name) for name in ("title", "body")}
        for violation in report.violations:
            self.stream.write(format_violation(record, violation, self.show_pii) + "\n")
            if self.excerpt:
                self.stream.write(excerpt(record, violation, *sources[violation.field]) + "\n")

    def _source(self, record: InputRecord, report: Report, field_name: str) -> tuple[str, int]:
        """The text to quote (the file for md/txt, else the field) and where the field starts in it.

        Every sensitive span is masked unless personal data is shown.
        """
        base = record.offsets.get(field_name)
        if record.text is None or base is None:
            text, base = report.post.field_text(field_name), 0
        else:
            text = record.text
        if not self.show_pii:
            for v in report.violations:
                if v.sensitive and v.field == field_name:
                    start, end = base + v.start, base + v.end
                    text = text[:start] + mask(text[start:end], v.secret) + text[end:]
        return text, base

    def close(self, summary: Summary) -> None:
        self.stream.write(summary_line(summary) + "\n")
        self.stream.flush()


def format_violation(record: InputRecord, violation: Violation, show_pii: bool = False) -> str:
    """``path:line:col: rule [severity] message (action)``; personal data masked unless ``show_pii``."""
    line, col = record.locate(violation.field, violation.start)
    shown = violation.to_dict(show_pii)
    message = " ".join(str(shown["message"]).split()) or violation.category
    action = violation.action.value if violation.enforced else f"{violation.action.value}, shadow"
    return f"{record.source}:{line}:{col}: {violation.rule} [{violation.severity.value}] {message} ({action})"


def excerpt(record: InputRecord, violation: Violation, field_text: str, base: int = 0) -> str:
    """Two lines: the source line holding the match and a caret underline.

    ``field_text`` is the text quoted and ``base`` where the violation's field starts in it.
    """
    start, end = base + violation.start, base + violation.end
    line_start = field_text.rfind("\n", 0, start) + 1
    line_end = field_text.find("\n", start)
    if line_end < 0:
        line_end = len(field_text)
    text = field_text[line_start:line_end].replace("\t", " ").rstrip("\r")
    col = start - line_start
    width = max(1, min(end, line_end) - start)
    if len(text) > EXCERPT_WIDTH:
        left = max(0, min(col - EXCERPT_WIDTH // 3, len(text) - EXCERPT_WIDTH))
        segment = text[left:left + EXCERPT_WIDTH]
        width = min(width, EXCERPT_WIDTH - (col - left))
        col -= left
        if left:
            segment, col = "…" + segment, col + 1
        text = segment + ("…" if left + EXCERPT_WIDTH < len(text) else "")
    in_file = record.text is not None and violation.field in record.offsets
    label = str(record.locate(violation.field, violation.start)[0]) if in_file else violation.field
    pad = " " * len(label)
    return f" {label} | {text}\n {pad} | {' ' * col}{'^' * max(1, width)}"


def summary_line(summary: Summary) -> str:
    """``Found 3 violations in 2 of 5 posts (decision: hold x1, nudge x1).``"""
    noun = "violation" if summary.violations == 1 else "violations"
    posts = "post" if summary.posts == 1 else "posts"
    if summary.violations:
        where = f"in {summary.posts_with_violations} of {summary.posts} {posts}"
    else:
        where = f"in {summary.posts} {posts}"
    text = f"Found {summary.violations} {noun} {where}"
    decided = [(a.value, summary.decisions[a.value]) for a in sorted(Action, reverse=True)
               if a is not Action.ALLOW and summary.decisions[a.value]]
    if decided:
        text += " (decision: " + ", ".join(f"{name} x{count}" for name, count in decided) + ")"
    text += "."
    if summary.errors:
        text += f" {summary.errors} {'record' if summary.errors == 1 else 'records'} could not be read."
    return text
