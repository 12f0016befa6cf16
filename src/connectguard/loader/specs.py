"""The shape of a rule pack file: one source of truth for the loader and the JSON Schema."""

from __future__ import annotations

from typing import Any

from ..actions import Action, Mode, Severity
from ..conditions import FACTS
from ..matchers.registry import MATCH, UNLESS
from .schema import (
    INVALID,
    AnyOf,
    Bool,
    Int,
    Key,
    ListOf,
    MapOf,
    Num,
    Record,
    Spec,
    Str,
    Where,
    did_you_mean,
)
from .yamlsrc import YNode

FORMAT_VERSIONS = (1,)
CATEGORIES = (
    "medical-advice", "diagnosis", "unproven-treatment", "ai-undisclosed", "profanity", "personal-attack",
    "hate", "shouting", "unclear-title", "politics", "commercial", "fundraising", "medical-goods-sale",
    "copyright", "personal-info", "impersonation", "spam",
)
RULE_ID = r"[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+"
SLUG = r"[a-z][a-z0-9-]*"
ACTIONS = tuple(a.value for a in Action)
SEVERITIES = tuple(s.value for s in Severity)
MODES = tuple(m.value for m in Mode)
FIELD_CHOICES = ("title", "body", "both")


class WhenSpec(Spec):
    """``when``: fact path -> a value (equality) or a mapping of comparisons."""

    doc = "Conditions on author/context facts; the rule runs only when all hold."

    def _comparisons(self, fact: str) -> Record:
        kind, ops = FACTS[fact]
        scalar: Spec = Bool() if kind is bool else Int() if kind is int else Str()
        keys = {op: Key(ListOf(scalar, min_items=1) if op in ("in", "not_in") else scalar) for op in ops}
        return Record(keys)

    def check(self, node: YNode, at: Where) -> Any:
        if node.kind != "map":
            return self._wrong(node, at, "a mapping of fact: condition")
        out: list[tuple[str, str, Any]] = []
        ok = True
        for name, entry in node.value.items():
            where = at.child(str(name))
            if name not in FACTS:
                where.problem(entry.key, f"unknown fact {name!r}", did_you_mean(name, FACTS) or f"known facts: {', '.join(FACTS)}")
                ok = False
                continue
            if entry.value.kind == "map":
                ops = self._comparisons(name).check(entry.value, where)
                if ops is INVALID:
                    ok = False
                elif not ops:
                    where.problem(entry.value, "needs at least one comparison")
                    ok = False
                else:
                    out.extend((name, op, value) for op, value in ops.items())
            else:
                kind = FACTS[name][0]
                scalar: Spec = Bool() if kind is bool else Int() if kind is int else Str()
                value = scalar.check(entry.value, where)
                if value is INVALID:
                    ok = False
                else:
                    out.append((name, "equals", value))
        return out if ok else INVALID

    def json_schema(self) -> dict[str, Any]:
        props = {}
        for fact, (kind, _) in FACTS.items():
            scalar = {"type": {bool: "boolean", int: "integer", str: "string"}[kind]}
            props[fact] = {"anyOf": [scalar, self._comparisons(fact).json_schema()]}
        return {"type": "object", "properties": props, "additionalProperties": False, "description": self.doc}


EXAMPLE_POST = Record(
    {
        "title": Key(Str(allow_empty=True), doc="the post's title"),
        "body": Key(Str(allow_empty=True), doc="the post's body"),
        "author": Key(Record({
            "role": Key(Str()), "account_age_days": Key(Int(0)), "post_count": Key(Int(0)),
        }), doc="author facts"),
        "context": Key(Record({
            "new_discussion": Key(Bool()), "reports": Key(Int(0)), "format": Key(Str(choices=("plain", "markdown"))),
        }), doc="context facts"),
        "expect": Key(Str(), doc="(match examples) the text the rule must report"),
    },
    doc="An example post; a plain string is the text of the rule's field.",
)
EXAMPLE = AnyOf(((("str",), Str()), (("map",), EXAMPLE_POST)), "a text or an example post")

EXAMPLES = Record(
    {
        "match": Key(ListOf(EXAMPLE), doc="texts the rule must flag"),
        "no_match": Key(ListOf(EXAMPLE), doc="texts the rule must not flag"),
    }
)

_COMMON_RULE_KEYS = {
    "fields": Key(ListOf(Str(choices=FIELD_CHOICES), min_items=1, single_ok=True), doc="title, body or both"),
    "severity": Key(Str(choices=SEVERITIES), doc="low | medium | high | critical"),
    "confidence": Key(Num(0.0, 1.0), doc="how sure a match is a real violation, 0-1"),
    "mode": Key(Str(choices=MODES), doc="enforce (default) | shadow: reported, never changes the decision"),
    "action": Key(Str(choices=ACTIONS), doc="allow | nudge | flag | edit | hold | remove"),
}

RULE = Record(
    {
        "id": Key(Str(pattern=RULE_ID, pattern_doc="a dotted lower-case id such as 'politics.campaigns'"), required=True,
                  doc="stable id, dotted: area.name"),
        "description": Key(Str(), doc="what the rule is for (documentation only)"),
        "category": Key(Str(pattern=SLUG, pattern_doc="a lower-case slug"), required=True,
                        doc="the violation category (community vocabulary: " + ", ".join(CATEGORIES) + ")"),
        "guideline": Key(Int(1, 999), doc="the guideline number this rule enforces"),
        **_COMMON_RULE_KEYS,
        "enabled": Key(Bool(), doc="false turns the rule off (default true)"),
        "match": Key(MATCH, required=True, doc="what to look for"),
        "unless": Key(UNLESS, doc="exception checked for EACH match (scope: within/near/side beside the kind)"),
        "when": Key(WhenSpec(), doc="author/context facts required for the rule to run"),
        "message": Key(Str(), required=True, doc="to the member; placeholders such as {match} and {guideline.title}"),
        "note": Key(Str(), doc="to moderators; same placeholders"),
        "redact": Key(Bool(), doc="replace the match in report.redacted (default: true when action is edit)"),
        "replacement": Key(Str(allow_empty=True), doc="text that replaces the match when redacted; placeholders as in message, e.g. {censored}"),
        "sensitive": Key(Bool(), doc="the match is personal data: masked in output (default: category personal-info)"),
        "examples": Key(EXAMPLES, doc="texts the rule must and must not flag; run by 'connectguard rules test'"),
    },
    doc="One rule.",
)

GUIDELINE = Record({"title": Key(Str(), required=True), "url": Key(Str())})

PACK = Record(
    {
        "connectguard": Key(Int(min(FORMAT_VERSIONS), max(FORMAT_VERSIONS)), required=True,
                            doc="rule-format version this file is written for (1)"),
        "pack": Key(Str(pattern=SLUG, pattern_doc="a lower-case slug"), required=True, doc="the pack's name"),
        "description": Key(Str(), doc="what the pack covers"),
        "defaults": Key(Record({**_COMMON_RULE_KEYS, "timeout_ms": Key(Int(1, 10_000))}),
                        doc="values for rules that do not set them"),
        "guidelines_file": Key(Str(), doc="a file beside the pack listing guidelines, one '<number>. <title> [<url>]' per line"),
        "guidelines": Key(MapOf(Int(1, 999), GUIDELINE), doc="guideline number -> title and url (overrides guidelines_file)"),
        "rules": Key(ListOf(RULE, partial=True), required=True, doc="the rules"),
    },
    doc="A connectguard rule pack.",
)


def pack_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a rule pack file, generated from the specs above."""
    schema = PACK.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "connectguard rule pack"
    schema["$defs"] = {"match": MATCH.definitions(), "unless": UNLESS.definitions()}
    return schema


if __name__ == "__main__":  # python -m connectguard.loader.specs > src/connectguard/schemas/rule-pack.schema.json
    import json

    print(json.dumps(pack_json_schema(), indent=2, sort_keys=True))
