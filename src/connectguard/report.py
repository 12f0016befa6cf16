"""What a check returns: violations with exact spans, the decision, the redacted post."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .actions import Action, Mode, Severity
from .post import Post

FIELD_ORDER = {"title": 0, "body": 1}


def mask(text: str, full: bool = False) -> str:
    """Hide personal data in output while keeping its shape: ``555-123-4567`` -> ``555-***-**67``.

    Keeps the first three letters/digits and the last two (more than nine of them),
    the last one (seven to nine) or none (fewer: only the first is kept). ``full``
    hides every letter and digit (secrets such as passwords, where any part helps a guess).
    """
    positions = [i for i, c in enumerate(text) if c.isalnum()]
    if full:
        keep: set[int] = set()
    elif len(positions) > 9:
        keep = set(positions[:3] + positions[-2:])
    elif len(positions) > 6:
        keep = set(positions[:3] + positions[-1:])
    else:
        keep = set(positions[:1])
    return "".join(c if (i in keep or not c.isalnum()) else "*" for i, c in enumerate(text))


@dataclass(frozen=True, slots=True)
class Violation:
    """One rule matching one span of one field of the ORIGINAL post."""

    rule: str
    category: str
    guideline: int | None
    severity: Severity
    confidence: float
    action: Action
    mode: Mode
    field: str
    start: int
    end: int
    text: str
    message: str
    note: str
    why: dict[str, Any]
    sensitive: bool = False
    #: Replacement applied in ``report.redacted``; ``None`` when this violation edits nothing.
    replacement: str | None = None

    @property
    def enforced(self) -> bool:
        return self.mode is Mode.ENFORCE

    def sort_key(self) -> tuple[int, int, int, str]:
        return (FIELD_ORDER.get(self.field, 2), self.start, self.end, self.rule)

    def to_dict(self, show_pii: bool = False) -> dict[str, Any]:
        """The JSON contract for one violation; personal data masked unless ``show_pii``."""
        hide = self.sensitive and not show_pii
        text = mask(self.text, self.secret) if hide else self.text
        return {
            "rule": self.rule,
            "category": self.category,
            "guideline": self.guideline,
            "severity": self.severity.value,
            "confidence": self.confidence,
            "action": self.action.value,
            "mode": self.mode.value,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "text": text,
            "message": self.message.replace(self.text, text) if hide and self.text else self.message,
            "note": self.note.replace(self.text, text) if hide and self.text else self.note,
            "why": self._masked_why(text) if hide else self.why,
        }

    @property
    def secret(self) -> bool:
        """A secret (password) is masked completely, not just partly."""
        return self.why.get("entity") == "password"

    def _masked_why(self, masked: str) -> Any:
        why = _mask_why(self.why, self.text, masked, self.secret)
        # The normalised form ("５５５" -> "555") is the same personal data in another spelling.
        normalised = self.why.get("normalised")
        if isinstance(normalised, str) and normalised and normalised != self.text:
            why = _mask_why(why, normalised, mask(normalised, self.secret), self.secret)
        return why

    def __repr__(self) -> str:
        # Reports end up in logs: the repr never shows personal data.
        text = mask(self.text, self.secret) if self.sensitive else self.text
        return (f"Violation(rule={self.rule!r}, category={self.category!r}, action={self.action.value!r}, "
                f"field={self.field!r}, start={self.start}, end={self.end}, text={text!r})")


def _mask_why(why: Any, secret: str, masked: str, full: bool) -> Any:
    if isinstance(why, dict):
        return {k: _mask_why(v, secret, masked, full) for k, v in why.items()}
    if isinstance(why, list):
        return [_mask_why(v, secret, masked, full) for v in why]
    if isinstance(why, str) and secret:
        return mask(why, full) if why.casefold() == secret.casefold() else why.replace(secret, masked)
    return why


@dataclass(frozen=True, slots=True)
class Report:
    """The result of checking one post."""

    post: Post
    violations: tuple[Violation, ...]
    decision: Action
    redacted: Post
    id: str | None = None
    #: Set (and ``violations`` empty) when the record could not be checked at all.
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        # The post itself may hold personal data: a repr (and so a log line) shows only the outcome.
        return (f"Report(id={self.id!r}, decision={self.decision.value!r}, "
                f"violations={list(self.violations)!r}, error={self.error!r})")

    @property
    def ok(self) -> bool:
        """True when nothing needs doing (the decision is ``allow``)."""
        return self.error is None and self.decision is Action.ALLOW

    @property
    def enforced(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.enforced)

    def to_dict(self, show_pii: bool = False) -> dict[str, Any]:
        """The JSON record: ``{"id", "decision", "violations": [...]}``, plus ``redacted``
        (``{"title", "body"}`` after every enforced redaction) when something was redacted.

        ``redacted`` is left out, unless ``show_pii``, when a sensitive span stays
        in it unredacted (a shadow rule, or ``redact: false``): it would leak it.
        """
        record: dict[str, Any] = {
            "id": self.id if self.id is not None else self.post.id,
            "decision": self.decision.value,
            "violations": [v.to_dict(show_pii) for v in self.violations],
        }
        changed = (self.redacted.title, self.redacted.body) != (self.post.title, self.post.body)
        leaks = any(v.sensitive and (v.replacement is None or not v.enforced) for v in self.violations)
        if changed and (show_pii or not leaks):
            record["redacted"] = {"title": self.redacted.title, "body": self.redacted.body}
        return record
