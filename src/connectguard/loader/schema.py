"""A small typed schema for rule files: validates located YAML and describes itself.

Each spec checks a :class:`YNode`, records problems with their positions, and
returns plain Python data. The same specs produce the JSON Schema shipped for
editors, so the loader and the schema can never disagree.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import RuleProblem
from .yamlsrc import YAML11_BOOLEANS, YNode


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


#: Returned by a spec when the node was wrong (a problem has been recorded).
INVALID: Any = _Invalid()

_KIND_NAMES = {
    "map": "a mapping", "seq": "a list", "str": "a string", "int": "an integer",
    "float": "a number", "bool": "a boolean", "null": "nothing (null)",
}


@dataclass
class Where:
    """Where validation is: the file, the dotted key path, and the problems so far."""

    path: str
    key: str = ""
    problems: list[RuleProblem] = field(default_factory=list)

    def child(self, name: str | int) -> Where:
        key = f"{self.key}[{name}]" if isinstance(name, int) else (f"{self.key}.{name}" if self.key else name)
        return Where(self.path, key, self.problems)

    def problem(self, node: YNode, message: str, hint: str | None = None) -> None:
        self.problems.append(RuleProblem(self.path, node.line, node.column, self.key, message, hint))


def did_you_mean(word: str, choices: Any) -> str | None:
    """A "did you mean" hint for a misspelt key or value, when one is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def describe(node: YNode) -> str:
    shown = f" {node.value!r}" if node.kind in ("str", "int", "float", "bool") else ""
    return _KIND_NAMES[node.kind] + shown


class Spec:
    """Base class: validate a node, describe the accepted shape as JSON Schema."""

    doc: str = ""

    def check(self, node: YNode, at: Where) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _wrong(self, node: YNode, at: Where, expected: str) -> Any:
        hint = None
        if node.kind == "str" and node.value in YAML11_BOOLEANS:
            hint = f"{node.value!r} is a YAML 1.1 boolean; write true or false"
        elif node.kind in ("int", "float") and expected.startswith("a string"):
            hint = "quote it to make it a string"
        at.problem(node, f"expected {expected}, got {describe(node)}", hint)
        return INVALID


@dataclass(frozen=True)
class Str(Spec):
    choices: tuple[str, ...] | None = None
    pattern: str | None = None          # a Python regex the whole value must match
    pattern_doc: str = ""
    allow_empty: bool = False

    def check(self, node: YNode, at: Where) -> Any:
        if node.kind != "str":
            return self._wrong(node, at, "a string" + (f" (one of: {', '.join(self.choices)})" if self.choices else ""))
        value: str = node.value
        if not value.strip() and not self.allow_empty:
            at.problem(node, "must not be empty")
            return INVALID
        if self.choices is not None and value not in self.choices:
            at.problem(node, f"{value!r} is not one of: {', '.join(self.choices)}", did_you_mean(value, self.choices))
            return INVALID
        if self.pattern is not None:
            import re

            if not re.fullmatch(self.pattern, value):
                at.problem(node, f"{value!r} is not {self.pattern_doc or 'valid'}")
                return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.choices is not None:
            schema["enum"] = list(self.choices)
        if self.pattern is not None:
            schema["pattern"] = "^(?:" + self.pattern + ")$"
        if not self.allow_empty and self.choices is None:
            schema["minLength"] = 1
        return schema


@dataclass(frozen=True)
class Num(Spec):
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def check(self, node: YNode, at: Where) -> Any:
        kinds = ("int",) if self.integer else ("int", "float")
        if node.kind not in kinds:
            return self._wrong(node, at, "an integer" if self.integer else "a number")
        value = node.value
        if isinstance(value, float) and not math.isfinite(value):
            at.problem(node, "must be a finite number")
            return INVALID
        if self.minimum is not None and value < self.minimum:
            at.problem(node, f"must be at least {self.minimum}, got {value}")
            return INVALID
        if self.maximum is not None and value > self.maximum:
            at.problem(node, f"must be at most {self.maximum}, got {value}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


def Int(minimum: int | None = None, maximum: int | None = None) -> Num:  # noqa: N802 - reads as a type
    return Num(minimum, maximum, integer=True)


@dataclass(frozen=True)
class Bool(Spec):
    def check(self, node: YNode, at: Where) -> Any:
        return node.value if node.kind == "bool" else self._wrong(node, at, "true or false")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0
    #: Accept a single item where a list is expected ("fields: title").
    single_ok: bool = False
    #: Keep going past bad items: they stay in the list as INVALID (so later stages
    #: can still check the good ones and report every problem in one run).
    partial: bool = False

    def check(self, node: YNode, at: Where) -> Any:
        if node.kind != "seq":
            if self.single_ok and node.kind != "map":
                value = self.item.check(node, at)
                return INVALID if value is INVALID else [value]
            return self._wrong(node, at, "a list")
        if len(node.value) < self.min_items:
            at.problem(node, f"needs at least {self.min_items} item(s)")
            return INVALID
        values = [self.item.check(item, at.child(i)) for i, item in enumerate(node.value)]
        return values if self.partial or not any(v is INVALID for v in values) else INVALID

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.single_ok:
            return {"anyOf": [self.item.json_schema(), schema]}
        return schema


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping with free keys (e.g. the guidelines table keyed by number)."""

    key: Spec
    value: Spec

    def check(self, node: YNode, at: Where) -> Any:
        if node.kind != "map":
            return self._wrong(node, at, "a mapping")
        out: dict[Any, Any] = {}
        for name, entry in node.value.items():
            k = self.key.check(entry.key, at.child(str(name)))
            v = self.value.check(entry.value, at.child(str(name)))
            if k is not INVALID and v is not INVALID:
                out[k] = v
        return out

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.value.json_schema()}


@dataclass(frozen=True)
class Key:
    """One allowed key of a :class:`Record`."""

    spec: Spec
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with a closed set of keys: an unknown key is an error (as in Vale)."""

    keys: Mapping[str, Key]
    doc: str = ""
    #: Cross-key checks run after every key validated: (values, node, at) -> None.
    post_check: Callable[[dict[str, Any], YNode, Where], None] | None = None

    def check(self, node: YNode, at: Where) -> Any:
        if node.kind != "map":
            return self._wrong(node, at, "a mapping")
        out: dict[str, Any] = {}
        ok = True
        for name, entry in node.value.items():
            key = self.keys.get(name) if isinstance(name, str) else None
            if key is None:
                hint = did_you_mean(name, self.keys)
                if str(name) in YAML11_BOOLEANS and hint is None:
                    hint = "quote it: YAML 1.1 tools read it as a boolean"
                at.child(str(name)).problem(entry.key, f"unknown key {name!r}", hint or f"known keys: {', '.join(self.keys)}")
                ok = False
                continue
            value = key.spec.check(entry.value, at.child(name))
            if value is INVALID:
                ok = False
            else:
                out[name] = value
        for name, key in self.keys.items():
            if key.required and name not in node.value:
                at.problem(node, f"missing required key {name!r}")
                ok = False
        if ok and self.post_check is not None:
            before = len(at.problems)
            self.post_check(out, node, at)
            ok = len(at.problems) == before
        return out if ok else INVALID

    def json_schema(self) -> dict[str, Any]:
        props = {}
        for name, key in self.keys.items():
            prop = dict(key.spec.json_schema())
            if key.doc:
                prop["description"] = key.doc
            props[name] = prop
        schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
        required = [n for n, k in self.keys.items() if k.required]
        if required:
            schema["required"] = required
        if self.doc:
            schema["description"] = self.doc
        return schema


@dataclass(frozen=True)
class AnyOf(Spec):
    """The first alternative whose node kind fits is used (no backtracking on errors)."""

    options: tuple[tuple[tuple[str, ...], Spec], ...]   # ((node kinds), spec)
    expected: str

    def check(self, node: YNode, at: Where) -> Any:
        for kinds, spec in self.options:
            if node.kind in kinds:
                return spec.check(node, at)
        return self._wrong(node, at, self.expected)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [spec.json_schema() for _, spec in self.options]}
