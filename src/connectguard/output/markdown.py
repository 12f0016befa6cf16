"""``--format markdown``: a run summary for ``$GITHUB_STEP_SUMMARY`` (or any Markdown viewer).

Totals, violations per action and per guideline, then a findings table
(``file:line``, rule, action, masked excerpt). Post text is untrusted: excerpts are
code spans (no links, images, HTML or mentions render from them), other cells are
escaped, and pipes are escaped so a post can never break the table. The table stops
after :data:`MAX_ROWS` findings, well within GitHub's 1 MiB summary limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from ..actions import Action
from ..inputs import InputRecord
from ..report import Report
from ..rule import Rule
from . import Summary
from .findings import Finding, Fingerprints, Tally, action_label, findings, masked_field

MAX_ROWS = 500
#: Characters of context shown on each side of a match, and the longest match shown whole.
CONTEXT = 30
MAX_MATCH = 60


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the findings table, every cell already safe to print."""

    where: str
    rule: str
    action: str
    excerpt: str


class MarkdownWriter:
    """Counts every finding, keeps the first :data:`MAX_ROWS` as rows, and writes the page at the end."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False, rules: Sequence[Rule] = ()) -> None:
        self.stream = stream
        self.show_pii = show_pii
        self.tally = Tally(rules)
        self.fingerprints = Fingerprints()
        self.rows: list[Row] = []
        self.findings = 0

    def write(self, record: InputRecord, report: Report) -> None:
        fields = {name: masked_field(report, name, self.show_pii) for name in ("title", "body")}
        for finding in findings(record, report, self.show_pii, self.fingerprints):
            v = finding.violation
            self.findings += 1
            self.tally.count(v)
            if len(self.rows) < MAX_ROWS:
                self.rows.append(row(finding, excerpt(fields[v.field], v.start, v.end)))

    def close(self, summary: Summary) -> None:
        lines = ["## connectguard", "", headline(summary), ""]
        if summary.errors:
            noun = "record" if summary.errors == 1 else "records"
            lines += [f"> **{summary.errors}** {noun} could not be read (see the job log).", ""]
        if self.findings:
            lines += self._action_table() + self._guideline_table() + self._findings_table()
        self.stream.write("\n".join(lines).rstrip("\n") + "\n")
        self.stream.flush()

    def _action_table(self) -> list[str]:
        order = [a.value for a in sorted(Action, reverse=True)] + ["shadow"]
        rows = [f"| {name} | {self.tally.actions[name]} |" for name in order if self.tally.actions[name]]
        return ["### Violations by action", "", "| Action | Violations |", "|---|---:|", *rows, ""]

    def _guideline_table(self) -> list[str]:
        rows = [f"| {self._guideline_label(n)} | {self.tally.by_guideline[n]} |" for n in self.tally.guidelines()]
        return ["### Violations by guideline", "", "| Guideline | Violations |", "|---|---:|", *rows, ""]

    def _guideline_label(self, number: int | None) -> str:
        if number is None:
            return "(no guideline)"
        return md_text(self.tally.guideline_label(number, ": "))

    def _findings_table(self) -> list[str]:
        lines = ["### Findings", "", "| Where | Rule | Action | Excerpt |", "|---|---|---|---|"]
        lines += [f"| {r.where} | {r.rule} | {r.action} | {r.excerpt} |" for r in self.rows]
        if self.findings > len(self.rows):
            lines += ["", f"_Showing the first {len(self.rows)} of {self.findings} findings._"]
        return lines + [""]


def headline(summary: Summary) -> str:
    """``Checked **5** posts: **3** violations in **2** of them. Decisions: hold 1, edit 1.``"""
    posts = f"**{summary.posts}** {'post' if summary.posts == 1 else 'posts'}"
    if not summary.violations:
        return f"Checked {posts}: no violations."
    noun = "violation" if summary.violations == 1 else "violations"
    text = f"Checked {posts}: **{summary.violations}** {noun} in **{summary.posts_with_violations}** of them."
    decided = [f"{a.value} {summary.decisions[a.value]}" for a in sorted(Action, reverse=True)
               if a is not Action.ALLOW and summary.decisions[a.value]]
    return text + (" Decisions: " + ", ".join(decided) + "." if decided else "")


def row(finding: Finding, shown: str) -> Row:
    """The table row of one finding; ``shown`` is its masked excerpt."""
    place = finding.region
    where = f"{finding.path}:{place.start_line}" + (f":{place.start_column}" if place.exact else "")
    return Row(md_code(where), md_code(finding.violation.rule), md_text(action_label(finding.violation)),
               md_code(shown))


def excerpt(text: str, start: int, end: int) -> str:
    """The match in ``«»`` with up to :data:`CONTEXT` characters around it, on one line.

    ``text`` is the field with personal data already masked.
    """
    match = text[start:end]
    if len(match) > MAX_MATCH:
        half = MAX_MATCH // 2
        match = match[:half] + "…" + match[-half:]
    before = ("…" if start > CONTEXT else "") + text[max(0, start - CONTEXT):start]
    after = text[end:end + CONTEXT] + ("…" if end + CONTEXT < len(text) else "")
    return " ".join(f"{before}«{match}»{after}".split())


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#@])")


def md_text(text: str) -> str:
    """Plain text safe in a table cell: whitespace collapsed, Markdown and HTML characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_code(text: str) -> str:
    """A code span safe in a table cell, whatever ``text`` holds.

    Pipes are escaped (GitHub splits cells before it parses code spans). A backslash
    right before a pipe would turn that escape into an escaped backslash, so it is
    shown as the look-alike U+29F5. The fence is longer than any run of backticks inside.
    """
    text = " ".join(text.split()) or " "
    text = re.sub(r"\\+(?=\|)", lambda m: "\u29f5" * len(m.group()), text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


__all__ = ["MAX_ROWS", "MarkdownWriter", "excerpt", "headline", "md_code", "md_text"]
