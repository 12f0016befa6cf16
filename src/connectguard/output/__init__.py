"""Output formats for ``connectguard check``: ``text``, ``json``, ``jsonl``, and for CI
``sarif``, ``github`` (workflow-command annotations) and ``markdown`` (a job summary), and for
moderators ``html`` (one self-contained page with every violation highlighted in its post).

A writer receives each checked record in input order (``write``), then the run's
:class:`Summary` (``close``). Personal data is masked unless ``show_pii``. One run
can feed several writers at once through :class:`FanOut` (``--report FORMAT=PATH``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from ..inputs import InputRecord
from ..report import Report
from ..rule import Rule

FORMATS = ("text", "json", "jsonl", "sarif", "github", "markdown", "html")
#: Formats that are one document (or one record a line): nothing else may share their stream.
DOCUMENT_FORMATS = frozenset({"json", "jsonl", "sarif", "markdown", "html"})


@dataclass
class Summary:
    """Counts over one run."""

    posts: int = 0
    errors: int = 0
    violations: int = 0
    posts_with_violations: int = 0
    decisions: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    #: Findings left out on purpose: config per-file-ignores, inline suppressions, the baseline.
    ignored: int = 0
    suppressed: int = 0
    baselined: int = 0

    def add(self, report: Report) -> None:
        self.posts += 1
        self.decisions[report.decision.value] += 1
        if report.violations:
            self.posts_with_violations += 1
            self.violations += len(report.violations)
            self.rules.update(v.rule for v in report.violations)
            self.categories.update(v.category for v in report.violations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "errors": self.errors,
            "violations": self.violations,
            "posts_with_violations": self.posts_with_violations,
            "decisions": dict(sorted(self.decisions.items())),
            "rules": dict(sorted(self.rules.items())),
            "categories": dict(sorted(self.categories.items())),
            "ignored": self.ignored,
            "suppressed": self.suppressed,
            "baselined": self.baselined,
        }


class Writer(Protocol):
    def write(self, record: InputRecord, report: Report) -> None: ...

    def close(self, summary: Summary) -> None: ...


def make_writer(fmt: str, stream: TextIO, *, show_pii: bool = False, excerpt: bool = False,
                rules: Sequence[Rule] = ()) -> Writer:
    """The writer for ``fmt``; ``excerpt`` adds source lines to the text format.

    ``rules`` are the rules the run checks with: SARIF describes them, Markdown and HTML name their guidelines.
    """
    from .github import GithubWriter
    from .html import HtmlWriter
    from .jsonl import JsonlWriter, JsonWriter
    from .markdown import MarkdownWriter
    from .sarif import SarifWriter
    from .text import TextWriter

    if fmt == "text":
        return TextWriter(stream, show_pii=show_pii, excerpt=excerpt)
    if fmt == "jsonl":
        return JsonlWriter(stream, show_pii=show_pii)
    if fmt == "json":
        return JsonWriter(stream, show_pii=show_pii)
    if fmt == "sarif":
        return SarifWriter(stream, show_pii=show_pii, rules=rules)
    if fmt == "github":
        return GithubWriter(stream, show_pii=show_pii)
    if fmt == "markdown":
        return MarkdownWriter(stream, show_pii=show_pii, rules=rules)
    if fmt == "html":
        return HtmlWriter(stream, show_pii=show_pii, rules=rules)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


class FanOut:
    """Hands every record, then the summary, to several writers: one run, several reports."""

    def __init__(self, writers: Sequence[Writer]) -> None:
        self.writers = tuple(writers)

    def write(self, record: InputRecord, report: Report) -> None:
        for writer in self.writers:
            writer.write(record, report)

    def close(self, summary: Summary) -> None:
        for writer in self.writers:
            writer.close(summary)


__all__ = ["DOCUMENT_FORMATS", "FORMATS", "FanOut", "Summary", "Writer", "make_writer"]
