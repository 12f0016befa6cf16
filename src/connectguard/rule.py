"""A compiled rule: immutable, everything checked, ready to run on any post."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .actions import Action, Mode, Severity
from .conditions import FactCondition
from .matchers.base import Matcher
from .messages import REMOVED, Template, censor
from .post import Post


@dataclass(frozen=True, slots=True)
class Guideline:
    number: int
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """A post a rule must (``expect_match``) or must not flag; ``expect_text`` pins the matched text."""

    post: Post
    expect_match: bool
    expect_text: str | None
    line: int


@dataclass(frozen=True, slots=True)
class SourceLocation:
    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    guideline: Guideline | None
    severity: Severity
    confidence: float
    fields: tuple[str, ...]
    matcher: Matcher
    action: Action
    mode: Mode
    message: Template
    note: Template
    when: tuple[FactCondition, ...] = ()
    #: Replace the matched text in ``report.redacted`` (default: when the action is ``edit``).
    redact: bool = False
    replacement: Template = REMOVED
    #: Matched text is personal data: masked in every output unless asked otherwise.
    sensitive: bool = False
    description: str = ""
    pack: str = ""
    source: SourceLocation | None = None
    examples: tuple[Example, ...] = field(default=(), compare=False)

    def placeholder_values(self, match_text: str, field_name: str) -> dict[str, Any]:
        g = self.guideline
        return {
            "match": match_text,
            "rule": self.id,
            "category": self.category,
            "field": field_name,
            "action": self.action.value,
            "severity": self.severity.value,
            "guideline": "" if g is None else str(g.number),
            "guideline.title": "" if g is None else g.title,
            "guideline.url": "" if g is None or g.url is None else g.url,
            "censored": censor(match_text),
        }
