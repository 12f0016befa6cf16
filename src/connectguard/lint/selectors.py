"""Rule selectors, the one syntax for choosing rules in config, on the command line and in suppressions.

A selector is a rule id (``privacy.phone``), an id prefix ending at a dot boundary
(``privacy`` selects ``privacy.phone`` but not ``privacy2.x``), ``category:NAME``,
``guideline:N`` or ``ALL``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import ConnectGuardError
from ..loader.schema import did_you_mean
from ..report import Violation
from ..rule import Rule

ALL = "ALL"


class SelectorError(ConnectGuardError):
    """A selector that is malformed, or names no known rule."""


@dataclass(frozen=True, slots=True)
class Selector:
    """One parsed selector; ``kind`` is ``all``, ``rule`` (id or prefix), ``category`` or ``guideline``."""

    kind: str
    value: str
    text: str

    def matches(self, rule_id: str, category: str, guideline: int | None) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "category":
            return category == self.value
        if self.kind == "guideline":
            return guideline is not None and str(guideline) == self.value
        return rule_id == self.value or rule_id.startswith(self.value + ".")

    def selects(self, rule: Rule) -> bool:
        return self.matches(rule.id, rule.category, None if rule.guideline is None else rule.guideline.number)

    def covers(self, violation: Violation) -> bool:
        return self.matches(violation.rule, violation.category, violation.guideline)

    def __str__(self) -> str:
        return self.text


def parse_selector(text: str) -> Selector:
    """Parse one selector; raises :class:`SelectorError` for a malformed one."""
    raw = text.strip()
    if raw == ALL:
        return Selector("all", "", raw)
    kind, sep, value = raw.partition(":")
    if sep:
        value = value.strip()
        if kind.strip() == "category" and value:
            return Selector("category", value, raw)
        if kind.strip() == "guideline" and value.isdigit():
            return Selector("guideline", str(int(value)), raw)
        raise SelectorError(f"{raw!r} is not a selector (expected a rule id or prefix, "
                            "category:NAME, guideline:N or ALL)")
    if not raw or any(c.isspace() for c in raw) or raw.startswith(".") or raw.endswith("."):
        raise SelectorError(f"{raw!r} is not a rule id or prefix")
    return Selector("rule", raw, raw)


def parse_selectors(texts: Iterable[str]) -> tuple[Selector, ...]:
    return tuple(parse_selector(t) for t in texts)


def split_list(text: str) -> list[str]:
    """``a,b, c`` -> ``["a", "b", "c"]`` (the command line's comma-separated lists)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def any_covers(selectors: Sequence[Selector], violation: Violation) -> bool:
    return any(s.covers(violation) for s in selectors)


def unknown_selectors(selectors: Iterable[Selector], rules: Sequence[Rule]) -> list[str]:
    """A problem line for each selector that selects none of ``rules`` (a typo, most likely)."""
    problems = []
    ids = [r.id for r in rules]
    for selector in selectors:
        if any(selector.selects(r) for r in rules):
            continue
        hint = did_you_mean(selector.value, ids + sorted({r.category for r in rules}))
        hint = f" ({hint})" if hint else ""
        problems.append(f"{selector.text!r} selects no rule{hint}")
    return problems


def chosen_rules(rules: Sequence[Rule], select: Sequence[Selector], ignore: Sequence[Selector]) -> list[Rule]:
    """The rules ``select`` picks (every rule when it is empty) that ``ignore`` does not."""
    return [r for r in rules
            if (not select or any(s.selects(r) for s in select)) and not any(s.selects(r) for s in ignore)]
