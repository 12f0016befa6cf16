"""``all`` / ``any`` / ``none``: composing match kinds, with a scope.

``all`` reports its FIRST item's matches (the anchor) when every other item has a
match in scope of it and no ``none`` item does. ``any`` reports every item's
matches. ``none`` is only meaningful next to an anchor: inside ``all``, or as a
rule's ``unless`` (which is exactly ``all: [match, none: [unless]]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..loader.schema import Int, Key, ListOf
from .base import (
    SCOPE_OPTIONS,
    BuildContext,
    FieldDoc,
    Hit,
    KindSpec,
    Matcher,
    PostDoc,
    Scope,
)


@dataclass(frozen=True, slots=True)
class Condition:
    """A matcher that must (or, when ``negated``, must not) match in scope of the anchor."""

    matcher: Matcher
    scope: Scope
    negated: bool
    label: str

    def holds(self, anchor: Hit, post: PostDoc) -> bool:
        found = any(
            self.scope.relates(anchor, hit, post)
            for field in self.scope.fields_for(anchor, post)
            for hit in post.hits(self.matcher, field)
        )
        return found != self.negated

    def describe(self) -> dict[str, Any]:
        return {"kind": self.label, "required": not self.negated, **self.scope.describe()}


@dataclass(frozen=True, slots=True)
class AllMatcher:
    """Anchor matches that satisfy every condition."""

    anchor: Matcher
    conditions: tuple[Condition, ...]

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        for hit in post.hits(self.anchor, doc.name):
            if all(c.holds(hit, post) for c in self.conditions):
                considered = [c.describe() for c in self.conditions]
                yield Hit(hit.field, hit.start, hit.end, {**hit.why, "conditions": considered})


@dataclass(frozen=True, slots=True)
class AnyMatcher:
    """Every match of every item, once at least ``at_least`` different items match somewhere in the post."""

    items: tuple[Matcher, ...]
    at_least: int = 1

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        if self.at_least > 1 and self.matching_items(post) < self.at_least:
            return
        for item in self.items:
            yield from post.hits(item, doc.name)

    def matching_items(self, post: PostDoc) -> int:
        """How many items have a match in any field (each field's hits are cached on ``post``)."""
        return sum(1 for item in self.items if any(post.hits(item, name) for name in post.fields))


@dataclass(frozen=True, slots=True)
class NoneGroup:
    """Marker produced for ``none``: its items become negated conditions of the enclosing ``all``."""

    items: tuple[Matcher, ...]
    scope: Scope | None

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:  # pragma: no cover - never used alone
        raise TypeError("'none' has no matches of its own")


def scope_from(options: dict[str, Any], default: Scope | None = None) -> Scope | None:
    """The scope set by within/near/side in ``options``, else ``default``."""
    if not any(k in options for k in ("within", "near", "side")):
        return default
    base = default or Scope()
    return Scope(options.get("within", base.within), options.get("near", base.near), options.get("side", base.side))


def _label(matcher: Matcher) -> str:
    return getattr(matcher, "kind_label", type(matcher).__name__.removesuffix("Matcher").lower())


def build_all(items: list[Matcher], options: dict[str, Any], ctx: BuildContext) -> Matcher | None:
    if isinstance(items[0], NoneGroup):
        ctx.problem("all", "the first item of 'all' is the anchor whose matches are reported; it cannot be 'none'")
        return None
    scope = scope_from(options, Scope())
    assert scope is not None
    conditions: list[Condition] = []
    for item in items[1:]:
        if isinstance(item, NoneGroup):
            inner = item.scope or scope
            conditions.extend(Condition(m, inner, True, _label(m)) for m in item.items)
        else:
            conditions.append(Condition(item, scope, False, _label(item)))
    return AllMatcher(items[0], tuple(conditions))


def build_any(items: list[Matcher], options: dict[str, Any], ctx: BuildContext) -> Matcher | None:
    if any(isinstance(i, NoneGroup) for i in items):
        ctx.problem("any", "'none' cannot be an item of 'any': put it in 'all' or in the rule's 'unless'")
        return None
    at_least = options.get("at_least", 1)
    if at_least > len(items):
        ctx.problem("at_least", f"'at_least: {at_least}' can never hold: 'any' has only {len(items)} item(s)")
        return None
    return items[0] if len(items) == 1 else AnyMatcher(tuple(items), at_least)


def build_none(items: list[Matcher], options: dict[str, Any], ctx: BuildContext) -> Matcher | None:
    return NoneGroup(tuple(items), scope_from(options))




def _kinds() -> tuple[KindSpec, KindSpec, KindSpec]:
    from .registry import MATCH  # the item spec is recursive

    return (
        KindSpec("all", ListOf(MATCH, min_items=2), SCOPE_OPTIONS, build_all,
                 "The first item's matches, when every other item matches in scope and no 'none' item does."),
        KindSpec("any", ListOf(MATCH, min_items=1),
                 {"at_least": Key(Int(1, 1000), doc="how many different items must match somewhere in the post (default 1)")},
                 build_any, "The matches of every item; with at_least, only when that many different items match."),
        KindSpec("none", ListOf(MATCH, min_items=1), SCOPE_OPTIONS, build_none,
                 "Inside 'all' (or as 'unless'): none of these may match in scope of the anchor."),
    )
