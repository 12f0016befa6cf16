"""The action ladder and the decision rule (see docs/actions.md)."""

from __future__ import annotations

from enum import Enum
from functools import total_ordering


@total_ordering
class Action(Enum):
    """Suggested moderation actions, from mildest to most severe."""

    ALLOW = "allow"    # nothing to do
    NUDGE = "nudge"    # ask the member to revise before posting
    FLAG = "flag"      # publish, queue for a moderator
    EDIT = "edit"      # publish with redactions/edits applied
    HOLD = "hold"      # hold for moderator approval
    REMOVE = "remove"  # do not publish

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Action):
            return NotImplemented
        return self.rank < other.rank

    def __str__(self) -> str:
        return self.value


_RANK = {action: rank for rank, action in enumerate(Action)}


class Severity(Enum):
    """How serious a violation is for the member and the community."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    def __str__(self) -> str:
        return self.value


class Mode(Enum):
    """``enforce`` rules decide; ``shadow`` rules are reported but never change the decision."""

    ENFORCE = "enforce"
    SHADOW = "shadow"

    def __str__(self) -> str:
        return self.value
