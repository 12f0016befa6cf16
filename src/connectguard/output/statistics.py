"""``--statistics``: how many violations each rule found in the run, like ``ruff --statistics``."""

from __future__ import annotations

from collections.abc import Sequence

from ..actions import Mode
from ..rule import Rule
from . import Summary


def statistics_lines(summary: Summary, rules: Sequence[Rule] = ()) -> list[str]:
    """One aligned line per rule that fired, most frequent first: count, rule, action, guideline.

    Rules not in ``rules`` (engine diagnostics) show ``-`` for what is unknown.
    """
    known = {rule.id: rule for rule in rules}
    counted = sorted(summary.rules.items(), key=lambda item: (-item[1], item[0]))
    if not counted:
        return ["No violations."]
    rows = [(str(count), rule_id, *_about(known.get(rule_id))) for rule_id, count in counted]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return [f"{row[0]:>{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip()
            for row in rows]


def _about(rule: Rule | None) -> tuple[str, str]:
    """The rule's action (``, shadow`` when it decides nothing) and its guideline or category."""
    if rule is None:
        return "-", "-"
    action = rule.action.value + ("" if rule.mode is Mode.ENFORCE else f", {rule.mode.value}")
    g = rule.guideline
    return action, (f"guideline {g.number}: {g.title}" if g is not None else f"category {rule.category}")


__all__ = ["statistics_lines"]
