"""The human format: ruff-like ``path:line:col: rule [severity] message (action)`` lines.

For Markdown, text and YAML files the position is the match's exact line and column
in the file; for JSON/JSONL/CSV it is the record's line and column 1. On a terminal
each line is followed by a one-line excerpt with the match underlined.
"""

from __future__ import annotations

from typing import TextIO

from ..actions import Action
from ..inputs import InputRecord
from ..report import Report, Violation
from . import Summary
from .findings import action_label, masked_source, shown_message

EXCERPT_WIDTH = 100


class TextWriter:
    """Writes one line per violation, in input order, and a summary line at the end."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False, excerpt: bool = False) -> None:
        self.stream = stream
        self.show_pii = show_pii
        self.excerpt = excerpt

    def write(self, record: InputRecord, report: Report) -> None:
        sources = {name: masked_source(record, report, name, self.show_pii) for name in ("title", "body")}
        for violation in report.violations:
            self.stream.write(format_violation(record, violation, self.show_pii) + "\n")
            if self.excerpt:
                text, in_file = sources[violation.field]
                self.stream.write(excerpt(record, violation, text, in_file) + "\n")

    def close(self, summary: Summary) -> None:
        self.stream.write(summary_line(summary) + "\n")
        self.stream.flush()


def format_violation(record: InputRecord, violation: Violation, show_pii: bool = False) -> str:
    """``path:line:col: rule [severity] message (action)``; personal data masked unless ``show_pii``."""
    line, col = record.locate(violation.field, violation.start)
    rule, severity = violation.rule, violation.severity.value
    message = shown_message(violation, show_pii)
    return f"{record.source}:{line}:{col}: {rule} [{severity}] {message} ({action_label(violation)})"


def excerpt(record: InputRecord, violation: Violation, quoted: str, in_file: bool) -> str:
    """Two lines: the source line holding the match and a caret underline.

    ``quoted`` is the text to quote: the whole file when ``in_file``, else the violation's field.
    """
    span = record.file_span(violation.field, violation.start, violation.end) if in_file else None
    start, end = span if span is not None else (violation.start, violation.end)
    line_start = quoted.rfind("\n", 0, start) + 1
    line_end = quoted.find("\n", start)
    if line_end < 0:
        line_end = len(quoted)
    text = quoted[line_start:line_end].replace("\t", " ").rstrip("\r")
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
    left_out = [f"{count} {what}" for count, what in ((summary.ignored, "ignored by per-file-ignores"),
                (summary.suppressed, "suppressed inline"), (summary.baselined, "in the baseline")) if count]
    if left_out:
        text += " Not shown: " + ", ".join(left_out) + "."
    if summary.errors:
        text += f" {summary.errors} {'record' if summary.errors == 1 else 'records'} could not be read."
    return text
