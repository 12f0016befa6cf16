"""``when``: conditions on author and context facts that decide whether a rule runs.

An unknown fact (``None``) fails every comparison except ``not_in`` and ``not``:
"only new accounts" does not fire when the age is unknown, "skip moderators"
still runs when the role is unknown.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .post import Post

#: fact path -> (python type, comparisons allowed)
FACTS: dict[str, tuple[type, tuple[str, ...]]] = {
    "author.role": (str, ("equals", "not", "in", "not_in")),
    "author.account_age_days": (int, ("equals", "not", "less_than", "at_most", "more_than", "at_least")),
    "author.post_count": (int, ("equals", "not", "less_than", "at_most", "more_than", "at_least")),
    "context.new_discussion": (bool, ("equals",)),
    "context.reports": (int, ("equals", "not", "less_than", "at_most", "more_than", "at_least")),
    "context.format": (str, ("equals", "not", "in", "not_in")),
}

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "equals": operator.eq,
    "not": operator.ne,
    "in": lambda fact, values: fact in values,
    "not_in": lambda fact, values: fact not in values,
    "less_than": operator.lt,
    "at_most": operator.le,
    "more_than": operator.gt,
    "at_least": operator.ge,
}
_TRUE_WHEN_UNKNOWN = frozenset({"not", "not_in"})


@dataclass(frozen=True, slots=True)
class FactCondition:
    fact: str
    op: str
    value: Any

    def holds(self, post: Post) -> bool:
        owner, name = self.fact.split(".")
        actual = getattr(post.author if owner == "author" else post.context, name)
        if actual is None:
            return self.op in _TRUE_WHEN_UNKNOWN
        return _OPS[self.op](actual, self.value)

    def describe(self) -> str:
        return f"{self.fact} {self.op} {self.value!r}"


def all_hold(conditions: tuple[FactCondition, ...], post: Post) -> bool:
    return all(c.holds(post) for c in conditions)
