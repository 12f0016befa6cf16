"""After the engine, before the reports: what a repository has chosen not to be told again.

Per record, in this order: ``per-file-ignores`` from the config, inline
suppressions (trusted files only: never standard input unless the user says so,
never the library API, or a post could switch its own moderation off), then the
baseline. The report is rebuilt (decision and redaction redone) from what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..engine import with_violations
from ..inputs import STDIN_LABEL, InputRecord
from ..report import Report, Violation
from .baseline import Baseline, Entry, FindingKeys
from .config import Config
from .selectors import Selector, any_covers
from .suppressions import Suppressor


@dataclass
class Refined:
    """Counts over a run, and the problems found in suppression directives (``path:line: message``)."""

    ignored: int = 0
    suppressed: int = 0
    baselined: int = 0
    warnings: list[str] = field(default_factory=list)
    #: Every finding left after suppressions, for ``--update-baseline``.
    entries: list[Entry] = field(default_factory=list)


class Refiner:
    """Drops the findings ``config`` and the files themselves account for; see the module docstring."""

    def __init__(self, config: Config, *, baseline: Baseline | None = None, trust_stdin: bool = False,
                 keep_entries: bool = False) -> None:
        self.config = config
        self.baseline = baseline
        self.trust_stdin = trust_stdin
        self.keep_entries = keep_entries
        self.suppressor = Suppressor(require_reason=config.require_suppression_reason)
        self.keys = FindingKeys()
        self.counts = Refined()
        self._ignored_for: tuple[str, tuple[Selector, ...]] | None = None

    def refine(self, record: InputRecord, report: Report) -> Report:
        kept = list(report.violations)
        ignored = self._ignored(record.source)
        if ignored:
            kept = self._drop(kept, lambda v: any_covers(ignored, v), "ignored")
        if self.trust_stdin or record.source != STDIN_LABEL:
            suppressions = self.suppressor.for_record(record)
            self.counts.warnings.extend(f"{record.source}:{line}: {message}" for line, message in suppressions.problems)
            if kept:
                kept = self._drop(kept, lambda v: suppressions.covering(v) is not None, "suppressed")
        if kept and (self.baseline is not None or self.keep_entries):
            entries = self.keys.entries(record, report, kept)
            if self.keep_entries:
                self.counts.entries.extend(entry for _, entry in entries)
            if self.baseline is not None:
                baseline = self.baseline
                fresh = [v for v, entry in entries if not baseline.claim(entry)]
                self.counts.baselined += len(kept) - len(fresh)
                kept = fresh
        return report if len(kept) == len(report.violations) else with_violations(report, kept)

    def _ignored(self, source: str) -> tuple[Selector, ...]:
        """``per-file-ignores`` for ``source``, matched once per file (records come file by file)."""
        if self._ignored_for is None or self._ignored_for[0] != source:
            self._ignored_for = (source, self.config.ignored_in(source) if source != STDIN_LABEL else ())
        return self._ignored_for[1]

    def _drop(self, violations: list[Violation], covered: Callable[[Violation], bool], counter: str) -> list[Violation]:
        kept = [v for v in violations if not covered(v)]
        setattr(self.counts, counter, getattr(self.counts, counter) + len(violations) - len(kept))
        return kept
