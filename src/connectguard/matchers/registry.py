"""The match kinds the loader knows, and the spec of a ``match`` block.

A match node is a mapping with exactly one kind key, whose value is the kind's
main value, and that kind's options beside it::

    match:
      terms: [vote them out, election]
      mode: phrase

New kinds are added to :data:`KINDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..loader.schema import INVALID, Key, Record, Spec, Where, did_you_mean
from ..loader.yamlsrc import YNode
from .base import SCOPE_OPTIONS, KindSpec


@dataclass(frozen=True)
class MatchNode:
    """A validated, not yet compiled, match block."""

    kind: KindSpec
    value: Any            # list[MatchNode] for compositions
    options: dict[str, Any]
    node: YNode
    key: str              # dotted key path, for errors


class MatchSpec(Spec):
    """Validates a match block against the kind it names.

    ``extra_options`` are accepted beside any kind (``unless`` takes a scope).
    """

    def __init__(self, extra_options: Mapping[str, Key] | None = None) -> None:
        self.extra_options = dict(extra_options or {})

    doc = "A match block: exactly one kind key (terms, lexicon, pattern, caps, metric, links, pii, speech, all, any, none) and its options."

    def check(self, node: YNode, at: Where) -> Any:
        if node.kind != "map":
            return self._wrong(node, at, "a match block (a mapping with one kind key)")
        kinds = KINDS()
        named = [k for k in node.value if k in kinds]
        if len(named) != 1:
            if named:
                at.problem(node, f"a match block names exactly one kind, found {', '.join(named)}",
                           "combine them with 'all' or 'any'")
            else:
                unknown = next(iter(node.value), "")
                at.problem(node, f"a match block needs one kind key: {', '.join(kinds)}", did_you_mean(unknown, kinds))
            return INVALID
        kind = kinds[named[0]]
        record = Record({kind.name: Key(kind.value, required=True), **self.extra_options, **kind.options})
        checked = record.check(node, at)
        if checked is INVALID:
            return INVALID
        value = checked.pop(kind.name)
        return MatchNode(kind, value, checked, node, at.key)

    def json_schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/unless"} if self.extra_options else {"$ref": "#/$defs/match"}

    def definitions(self) -> dict[str, Any]:
        """JSON Schema for every kind, with ``extra_options`` beside it (``$defs.match``, ``$defs.unless``)."""
        alternatives = []
        for kind in KINDS().values():
            keys = {kind.name: Key(kind.value, required=True, doc=kind.doc), **self.extra_options, **kind.options}
            schema = Record(keys).json_schema()
            schema["description"] = kind.doc
            alternatives.append(schema)
        return {"oneOf": alternatives}


MATCH = MatchSpec()
#: ``unless``: any match block, plus where the exception must be relative to each match.
UNLESS = MatchSpec(SCOPE_OPTIONS)


@cache
def KINDS() -> dict[str, KindSpec]:
    from . import caps, compose, lexicon, links, metric, pattern, pii, speech, terms

    kinds = (terms.KIND, lexicon.KIND, pattern.KIND, caps.KIND, metric.KIND, links.KIND, pii.KIND, speech.KIND,
             *compose._kinds())
    return {k.name: k for k in kinds}
