"""Load rule packs: read strictly, validate against the specs, compile every rule.

Every problem in a file is collected (not just the first), each naming
``file:line:column`` and the key; a pack with any problem raises :class:`RuleError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..actions import Action, Mode, Severity
from ..conditions import FactCondition
from ..errors import RuleError, RuleProblem
from ..matchers.base import SCOPE_OPTIONS, BuildContext, Matcher, Scope
from ..matchers.compose import NoneGroup, build_all, scope_from
from ..matchers.registry import MatchNode
from ..messages import parse_template
from ..post import Author, Post, PostContext
from ..rule import Example, Guideline, Rule, SourceLocation
from ..text.normalise import Normaliser
from .guidelines import parse_guidelines
from .packfiles import PackFileError, read_pack_file
from .schema import INVALID, Where
from .specs import PACK
from .yamlsrc import YNode, read_yaml

PACK_SUFFIXES = (".yaml", ".yml")
RULE_DEFAULTS: Mapping[str, Any] = {
    "fields": ["both"], "severity": "medium", "confidence": 0.8, "mode": "enforce", "action": "flag",
}


@dataclass(frozen=True)
class Pack:
    """A loaded pack file."""

    name: str
    path: str
    description: str
    guidelines: Mapping[int, Guideline]
    rules: tuple[Rule, ...]


def pack_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories (searched recursively for ``*.yaml``/``*.yml``), in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file()))
        else:
            files.append(path)
    return files


#: Compiled matchers by content, shared by the packs of one load: see :func:`matcher_key`.
MatcherCache = dict[tuple[Any, ...], Matcher]


def load_pack_file(path: str | Path, normaliser: Normaliser | None = None, shared: MatcherCache | None = None) -> Pack:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([RuleProblem(str(path), 1, 1, "", f"cannot read rule file: {exc}")]) from None
    return load_pack_text(text, str(path), path.parent, normaliser, shared)


def load_pack_text(text: str, name: str = "<string>", pack_dir: Path | None = None,
                   normaliser: Normaliser | None = None, shared: MatcherCache | None = None) -> Pack:
    """Load a pack from YAML text; ``pack_dir`` is where its terms files live.

    ``shared`` lets several packs reuse one compiled matcher for identical match blocks.
    """
    doc = read_yaml(text, name)
    if doc.root is None:
        raise RuleError(doc.problems)
    where = Where(name, "", list(doc.problems))
    data = PACK.check(doc.root, where)
    if data is INVALID:
        raise RuleError(where.problems)
    # Rules that failed validation are skipped; the others are still compiled so
    # that every problem in the file (placeholders, regexes...) is reported at once.
    compiler = _PackCompiler(name, pack_dir, data, doc.root, where, normaliser or Normaliser(),
                             {} if shared is None else shared)
    rules = compiler.compile_rules()
    if where.problems:
        raise RuleError(where.problems)
    return Pack(data["pack"], name, data.get("description", ""), compiler.guidelines, tuple(rules))


def load_packs(paths: Iterable[str | Path], normaliser: Normaliser | None = None) -> list[Pack]:
    """Load several packs; all problems of all files are reported together, rule ids must be unique."""
    packs: list[Pack] = []
    problems: list[RuleProblem] = []
    shared: MatcherCache = {}
    for path in pack_files(paths):
        try:
            packs.append(load_pack_file(path, normaliser, shared))
        except RuleError as exc:
            problems.extend(exc.problems)
    problems.extend(duplicate_rule_problems(packs))
    if problems:
        raise RuleError(problems)
    return packs


def _frozen(value: Any) -> Any:
    """A hashable stand-in for validated YAML data (and match nodes, by their content)."""
    if isinstance(value, MatchNode):
        return (value.kind.name, _frozen(value.value), _frozen(value.options))
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return (type(value).__name__, value)


#: The pack defaults a matcher's compilation reads (the rest only concern rules).
MATCHER_DEFAULTS = ("timeout_ms",)


def matcher_key(match: MatchNode, pack_dir: Path | None, defaults: Mapping[str, Any]) -> tuple[Any, ...]:
    """What decides a compiled matcher: the block's content, the folder its files are read from, the defaults it reads."""
    return (_frozen(match), str(pack_dir), tuple(defaults.get(k) for k in MATCHER_DEFAULTS))


def duplicate_rule_problems(packs: Iterable[Pack]) -> list[RuleProblem]:
    seen: dict[str, Rule] = {}
    problems = []
    for pack in packs:
        for rule in pack.rules:
            first = seen.setdefault(rule.id, rule)
            if first is not rule and rule.source is not None:
                problems.append(RuleProblem(rule.source.path, rule.source.line, rule.source.column, "id",
                                            f"duplicate rule id {rule.id!r} (first defined at {first.source})"))
    return problems


class _PackCompiler:
    def __init__(self, name: str, pack_dir: Path | None, data: dict[str, Any], root: YNode, where: Where,
                 normaliser: Normaliser, shared: MatcherCache) -> None:
        self.shared = shared
        self.name = name
        self.pack_dir = pack_dir
        self.data = data
        self.root = root
        self.where = where
        self.normaliser = normaliser
        self.defaults = {**RULE_DEFAULTS, **data.get("defaults", {})}
        self.guidelines = {**self.guidelines_from_file(),
                           **{n: Guideline(n, g["title"], g.get("url")) for n, g in data.get("guidelines", {}).items()}}
        self._rule_lines: dict[str, int] = {}

    def guidelines_from_file(self) -> dict[int, Guideline]:
        """The table in ``guidelines_file``; its line problems name that file, a missing file names the key."""
        name = self.data.get("guidelines_file")
        if name is None:
            return {}
        try:
            text = read_pack_file(self.pack_dir, name, "guidelines file")
        except PackFileError as exc:
            self.where.child("guidelines_file").problem(self.root.value["guidelines_file"].value, str(exc))
            return {}
        path = str(self.pack_dir / name) if self.pack_dir is not None else name
        table, problems = parse_guidelines(text, path)
        self.where.problems.extend(problems)
        return table

    def compile_rules(self) -> list[Rule]:
        rules_node = self.root.value["rules"].value
        rules = []
        for index, (spec, node) in enumerate(zip(self.data["rules"], rules_node.value)):
            if spec is INVALID:
                continue
            rule = self.compile_rule(spec, node, self.where.child("rules").child(index))
            if rule is not None:
                rules.append(rule)
        return rules

    def _node(self, rule_node: YNode, key: str) -> YNode:
        entry = rule_node.value.get(key)
        return entry.value if entry is not None else rule_node

    def compile_rule(self, spec: dict[str, Any], node: YNode, where: Where) -> Rule | None:
        before = len(where.problems)
        rule_id = spec["id"]
        if rule_id in self._rule_lines:
            where.child("id").problem(self._node(node, "id"),
                                      f"duplicate rule id {rule_id!r} (first defined at line {self._rule_lines[rule_id]})")
        self._rule_lines.setdefault(rule_id, node.line)

        opts = {**self.defaults, **{k: v for k, v in spec.items() if k in RULE_DEFAULTS}}
        fields = ("title", "body") if "both" in opts["fields"] else tuple(f for f in ("title", "body") if f in opts["fields"])
        guideline = None
        if "guideline" in spec:
            number = spec["guideline"]
            guideline = self.guidelines.get(number, Guideline(number, ""))
        action = Action(opts["action"])

        matcher = self.compile_match(spec["match"])
        if isinstance(matcher, NoneGroup):
            where.child("match").problem(self._node(node, "match"),
                                         "'none' has no matches of its own to report: use it inside 'all' or as the rule's 'unless'")
            matcher = None
        if matcher is not None and "unless" in spec:
            matcher = self.with_exception(matcher, spec["unless"])

        templates = {}
        for key in ("message", "note", "replacement"):
            # Folded YAML scalars (">") end with a newline no member should see.
            text = spec.get(key, "").strip() if key != "replacement" else spec.get(key, "[removed]")
            template, problems = parse_template(text)
            for problem in problems:
                where.child(key).problem(self._node(node, key), problem)
            if guideline is None and any(p.startswith("guideline") for p in template.placeholders):
                where.child(key).problem(self._node(node, key),
                                         "{guideline...} placeholders need the rule's 'guideline' number")
            elif guideline is not None and not guideline.title and "guideline.title" in template.placeholders:
                where.child(key).problem(self._node(node, key),
                                         f"{{guideline.title}} needs guideline {guideline.number} in the pack's 'guidelines' table or 'guidelines_file'")
            templates[key] = template

        category = spec["category"]
        examples = self.compile_examples(spec.get("examples", {}), node, where, fields)
        if len(where.problems) > before or matcher is None:
            return None
        return Rule(
            id=rule_id,
            category=category,
            guideline=guideline,
            severity=Severity(opts["severity"]),
            confidence=float(opts["confidence"]),
            fields=fields,
            matcher=matcher,
            action=action,
            mode=Mode(opts["mode"]),
            message=templates["message"],
            note=templates["note"],
            when=tuple(FactCondition(*c) for c in spec.get("when", [])),
            redact=spec.get("redact", action is Action.EDIT),
            replacement=templates["replacement"],
            sensitive=spec.get("sensitive", category == "personal-info"),
            description=spec.get("description", ""),
            pack=self.data["pack"],
            source=SourceLocation(self.name, node.line, node.column),
            examples=examples,
        ) if spec.get("enabled", True) else None

    def compile_match(self, match: MatchNode) -> Matcher | None:
        """Compile a validated match block, children first; ``None`` after recording problems.

        Identical blocks (same kind, value, options, folder and pack defaults) compile to ONE
        matcher, wherever they appear: a check caches hits per matcher, so a lexicon that
        five rules use is searched once per post.
        """
        key = matcher_key(match, self.pack_dir, self.defaults)
        known = self.shared.get(key)
        if known is not None:
            return known
        matcher = self._compile_match(match)
        if matcher is not None:
            self.shared[key] = matcher
        return matcher

    def _compile_match(self, match: MatchNode) -> Matcher | None:
        value = match.value
        if match.kind.name in ("all", "any", "none"):
            children = [self.compile_match(child) for child in value]
            if any(c is None for c in children):
                return None
            value = children
        ctx = BuildContext(self.pack_dir, self.defaults, Where(self.name, match.key, self.where.problems),
                           match.node, self.normaliser)
        return match.kind.build(value, match.options, ctx)

    def with_exception(self, matcher: Matcher, unless: MatchNode) -> Matcher | None:
        """``unless: X`` is ``all: [match, none: [X]]``, scoped by X's within/near/side."""
        if unless.kind.name == "none":
            Where(self.name, unless.key, self.where.problems).problem(
                unless.node, "'unless' already means none of these may match; write the exception directly",
                "unless: {terms: [...], within: sentence}")
            return None
        own_scope = unless.kind.name == "all"  # 'all' reads within/near/side itself
        scope_keys = {} if own_scope else {k: v for k, v in unless.options.items() if k in SCOPE_OPTIONS}
        exception = self.compile_match(MatchNode(unless.kind, unless.value,
                                                 {k: v for k, v in unless.options.items() if k not in scope_keys},
                                                 unless.node, unless.key))
        if exception is None:
            return None
        group = exception if isinstance(exception, NoneGroup) else NoneGroup((exception,), scope_from(scope_keys, Scope()))
        ctx = BuildContext(self.pack_dir, self.defaults, Where(self.name, unless.key, self.where.problems),
                           unless.node, self.normaliser)
        return build_all([matcher, group], {}, ctx)

    def compile_examples(self, spec: dict[str, Any], rule_node: YNode, where: Where, fields: tuple[str, ...]) -> tuple[Example, ...]:
        examples = []
        examples_node = self._node(rule_node, "examples")
        for key, expect in (("match", True), ("no_match", False)):
            items_node = examples_node.value.get(key) if examples_node.kind == "map" else None
            for i, item in enumerate(spec.get(key, [])):
                line = items_node.value.value[i].line if items_node is not None else rule_node.line
                if isinstance(item, str):
                    target = "body" if "body" in fields else "title"
                    post = Post(id=f"example:{line}", title=item if target == "title" else "",
                                body=item if target == "body" else "", context=PostContext(new_discussion=True))
                    examples.append(Example(post, expect, None, line))
                    continue
                author = Author(**item.get("author", {}))
                context = PostContext(**{"new_discussion": True, **item.get("context", {})})
                post = Post(id=f"example:{line}", title=item.get("title", ""), body=item.get("body", ""),
                            author=author, context=context)
                if "expect" in item and not expect:
                    where.child(f"examples.{key}").child(i).problem(items_node.value.value[i] if items_node else rule_node,
                                                                    "'expect' only makes sense in a 'match' example")
                examples.append(Example(post, expect, item.get("expect"), line))
        return tuple(examples)
