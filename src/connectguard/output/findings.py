"""What every output format shares: levels, paths, masking, messages and fingerprints.

One place decides how an action maps to a CI level, how a path is shown, which
personal data is hidden and how a finding is identified across runs, so the text,
SARIF, GitHub and Markdown formats never disagree.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from ..actions import Action, Mode, Severity
from ..inputs import STDIN_LABEL, InputRecord, Region
from ..report import Report, Violation, mask
from ..rule import Rule


class Level(Enum):
    """How loudly CI shows a finding; the values are SARIF's ``level`` names."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    NONE = "none"


#: The level of an enforced violation of an ordinary severity (see docs/output-formats.md).
ACTION_LEVELS = {
    Action.REMOVE: Level.ERROR, Action.HOLD: Level.ERROR,
    Action.EDIT: Level.WARNING, Action.FLAG: Level.WARNING,
    Action.NUDGE: Level.NOTE, Action.ALLOW: Level.NONE,
}
#: ``critical`` severity raises a level by one step.
_RAISED = {Level.NOTE: Level.WARNING, Level.WARNING: Level.ERROR}
#: GitHub workflow commands have no ``none``: anything below a warning is a notice.
GITHUB_COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice", Level.NONE: "notice"}


def level_of(action: Action, severity: Severity, mode: Mode = Mode.ENFORCE) -> Level:
    """The CI level for a rule or violation: from its action, raised for ``critical``; shadow is a note.

    Shadow rules never change a decision, so they never show as more than a note.
    """
    if mode is Mode.SHADOW:
        return Level.NOTE
    level = ACTION_LEVELS[action]
    return _RAISED.get(level, level) if severity is Severity.CRITICAL else level


def display_path(source: str) -> str:
    """``source`` as CI tools want it: relative to the working directory with ``/``, else absolute.

    ``os.path`` rather than ``Path.resolve`` so a symbolic link inside the
    repository keeps its name in the repository.
    """
    if source == STDIN_LABEL:
        return source
    absolute = os.path.abspath(source)
    relative = os.path.relpath(absolute, os.getcwd()) if _same_drive(absolute) else absolute
    chosen = absolute if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative
    return chosen.replace(os.sep, "/")


def _same_drive(path: str) -> bool:
    return os.path.splitdrive(path)[0].lower() == os.path.splitdrive(os.getcwd())[0].lower()


def action_label(violation: Violation) -> str:
    """``hold``, or ``hold, shadow`` for a violation that decides nothing."""
    return violation.action.value if violation.enforced else f"{violation.action.value}, shadow"


def shown_message(violation: Violation, show_pii: bool) -> str:
    """The member-facing message on one line, personal data masked unless ``show_pii``."""
    shown = violation.to_dict(show_pii)
    return " ".join(str(shown["message"]).split()) or violation.category


def shown_text(violation: Violation, show_pii: bool) -> str:
    """The matched text, masked for a sensitive rule unless ``show_pii``."""
    return str(violation.to_dict(show_pii)["text"])


def mask_spans(text: str, spans: Iterable[tuple[int, int, bool]]) -> str:
    """``text`` with each ``(start, end, secret)`` span masked (lengths are kept, so offsets stay valid)."""
    for start, end, secret in spans:
        text = text[:start] + mask(text[start:end], secret) + text[end:]
    return text


def masked_source(record: InputRecord, report: Report, field_name: str, show_pii: bool) -> tuple[str, bool]:
    """The text to quote around a violation of ``field_name``, every sensitive span masked unless ``show_pii``.

    The whole input file when the field's place in it is known (``True``), else the field's own text.
    """
    if record.in_file(field_name) and record.text is not None:
        spans = [(*span, v.secret) for v in report.violations if v.sensitive
                 for span in [record.file_span(v.field, v.start, v.end)] if span is not None]
        return (record.text if show_pii else mask_spans(record.text, spans)), True
    return masked_field(report, field_name, show_pii), False


def masked_field(report: Report, field_name: str, show_pii: bool) -> str:
    """The field's text with every sensitive span masked unless ``show_pii``."""
    text = report.post.field_text(field_name)
    if show_pii:
        return text
    return mask_spans(text, ((v.start, v.end, v.secret) for v in report.violations
                             if v.sensitive and v.field == field_name))


def record_key(record: InputRecord, report: Report) -> str:
    """What identifies a post across runs: its own ``id``, else its file (never a line number)."""
    post_id = report.id if report.id is not None else report.post.id
    return post_id if post_id is not None and post_id != record.default_id else display_path(record.source)


class Fingerprints:
    """Stable identities for findings, so CI can tell a new finding from one that moved.

    A fingerprint hashes the rule, the record key, the field, the matched text
    (case-folded, spaces collapsed; its masked form for personal data, so the hash
    cannot be reversed by trying every phone number) and which occurrence of that
    same combination it is in the run. Line numbers are left out on purpose.
    """

    def __init__(self) -> None:
        self._seen: Counter[tuple[str, ...]] = Counter()

    def __call__(self, key: str, violation: Violation) -> str:
        text = mask(violation.text, violation.secret) if violation.sensitive else violation.text
        identity = (violation.rule, key, violation.field, " ".join(text.casefold().split()))
        self._seen[identity] += 1
        payload = "\0".join((*identity, str(self._seen[identity])))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class Tally:
    """Violations counted by suggested action (``shadow`` apart) and by guideline, for the summary pages."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self.titles = {r.guideline.number: r.guideline.title for r in rules if r.guideline is not None}
        self.actions: Counter[str] = Counter()
        self.by_guideline: Counter[int | None] = Counter()
        self.categories: Counter[str] = Counter()

    def count(self, violation: Violation) -> None:
        self.actions[violation.action.value if violation.enforced else "shadow"] += 1
        self.by_guideline[violation.guideline] += 1
        self.categories[violation.category] += 1

    def guidelines(self) -> list[int | None]:
        """The guidelines that were cited, in number order, ``None`` (no guideline) last."""
        return sorted(self.by_guideline, key=lambda n: (n is None, n or 0))

    def guideline_label(self, number: int, separator: str = ". ") -> str:
        """``6. No politics`` (``6`` when the pack gives no title)."""
        title = self.titles.get(number)
        return f"{number}{separator}{title}" if title else str(number)


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation placed in its file, with everything shown already masked as asked."""

    violation: Violation
    path: str               # display path, or ``<stdin>``
    region: Region
    level: Level
    record_id: str
    message: str
    text: str
    fingerprint: str

    @property
    def from_stdin(self) -> bool:
        return self.path == STDIN_LABEL


def findings(record: InputRecord, report: Report, show_pii: bool, fingerprints: Fingerprints) -> list[Finding]:
    """The findings of one checked record, in the report's order."""
    key = record_key(record, report)
    path = display_path(record.source)
    record_id = report.id if report.id is not None else (report.post.id or record.default_id)
    return [
        Finding(violation=v, path=path, region=record.region(v.field, v.start, v.end),
                level=level_of(v.action, v.severity, v.mode), record_id=record_id,
                message=shown_message(v, show_pii), text=shown_text(v, show_pii), fingerprint=fingerprints(key, v))
        for v in report.violations
    ]


__all__ = [
    "ACTION_LEVELS",
    "GITHUB_COMMANDS",
    "Finding",
    "Fingerprints",
    "Level",
    "Tally",
    "action_label",
    "display_path",
    "findings",
    "level_of",
    "mask_spans",
    "masked_field",
    "masked_source",
    "record_key",
    "shown_message",
    "shown_text",
]
