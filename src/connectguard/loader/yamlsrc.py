"""Strict YAML reading that keeps the line and column of every key and value.

Rule files are read with PyYAML's safe composer only (no object construction,
never code), then converted by hand so that we can:

* reject duplicate keys (PyYAML silently keeps the last one);
* use YAML 1.2 core scalars: ``yes``/``no``/``on``/``off`` stay strings instead of
  turning into booleans, ``1:30`` stays a string instead of a base-60 integer,
  dates stay strings;
* reject aliases (shared nodes make errors ambiguous and allow "billion laughs");
* point every later validation error at ``file:line:column``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from ..errors import RuleProblem

MAX_RULE_FILE_BYTES = 8 * 1024 * 1024

#: Plain scalars YAML 1.1 would read as booleans; kept as strings, and named in errors.
YAML11_BOOLEANS = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())


class _AliasError(yaml.MarkedYAMLError):
    """An alias (``*name``) was used; raised where the alias is, not where its anchor is."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core implicit types instead of YAML 1.1's."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        # The stock composer returns the anchored node itself for an alias, so its
        # position would be the anchor's; stop at the alias instead (this also makes
        # "billion laughs" documents cost nothing).
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise _AliasError(None, None, f"*{event.anchor}", event.start_mark)
        return super().compose_node(parent, index)


_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


@dataclass(frozen=True, slots=True)
class YNode:
    """A YAML value with its position (1-based line and column)."""

    value: Any  # scalar | list[YNode] | dict[Any, YEntry]
    line: int
    column: int
    kind: str  # "map", "seq", "str", "int", "float", "bool", "null"

    @property
    def plain(self) -> Any:
        """The value as ordinary Python data, positions dropped."""
        if self.kind == "map":
            return {k: e.value.plain for k, e in self.value.items()}
        if self.kind == "seq":
            return [n.plain for n in self.value]
        return self.value


@dataclass(frozen=True, slots=True)
class YEntry:
    key: YNode
    value: YNode


YValue = Union[YNode, YEntry]


@dataclass
class YamlDocument:
    """The root node of one rule file, or the problems that stopped reading it."""

    path: str
    root: YNode | None
    problems: list[RuleProblem] = field(default_factory=list)


def read_yaml(text: str, path: str) -> YamlDocument:
    """Parse ``text`` strictly; never raises for bad YAML, returns problems instead."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_RULE_FILE_BYTES:
        return YamlDocument(path, None, [RuleProblem(path, 1, 1, "", f"file is larger than {MAX_RULE_FILE_BYTES} bytes")])
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except _AliasError as exc:
        mark = exc.problem_mark
        return YamlDocument(path, None, [RuleProblem(
            path, mark.line + 1, mark.column + 1, "",
            f"this value is reused through a YAML alias ({exc.problem}); aliases are not supported in rule files",
            "repeat the value, or use a terms file")])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return YamlDocument(path, None, [RuleProblem(path, line, col, "", f"invalid YAML: {message}")])
    except yaml.YAMLError as exc:
        return YamlDocument(path, None, [RuleProblem(path, 1, 1, "", f"invalid YAML: {exc}")])
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(path, None, [RuleProblem(path, 1, 1, "", "the file is empty")])
    converter = _Converter(path)
    root = converter.convert(node)
    return YamlDocument(path, root, converter.problems)


_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[RuleProblem] = []
        self._seen: set[int] = set()

    def _problem(self, node: yaml.Node, message: str, hint: str | None = None, key: str = "") -> None:
        mark = node.start_mark
        self.problems.append(RuleProblem(self.path, mark.line + 1, mark.column + 1, key, message, hint))

    def convert(self, node: yaml.Node, key_path: str = "") -> YNode:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in self._seen:
            self._problem(node, "this value is reused through a YAML alias (*name); aliases are not supported in rule files",
                          "repeat the value, or use a terms file", key_path)
            return YNode(None, line, col, "null")
        self._seen.add(id(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            # e.g. "!!python/object:os.system {...}": never constructed, but never silently ignored either.
            self._problem(node, f"unsupported YAML tag {node.tag!r}",
                          "rule files hold plain strings, numbers, lists and maps", key_path)
        if isinstance(node, yaml.MappingNode):
            entries: dict[Any, YEntry] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node, key_path)
                child_path = f"{key_path}.{key.value}" if key_path else str(key.value)
                value = self.convert(value_node, child_path)
                if key.kind in ("map", "seq"):
                    self._problem(key_node, "a key must be a plain value", key=key_path)
                    continue
                if key.value in entries:
                    first = entries[key.value].key
                    self._problem(
                        key_node,
                        f"duplicate key {key.value!r} (first defined at line {first.line}, column {first.column})",
                        key=child_path,
                    )
                    continue
                entries[key.value] = YEntry(key, value)
            return YNode(entries, line, col, "map")
        if isinstance(node, yaml.SequenceNode):
            return YNode([self.convert(item, f"{key_path}[{i}]") for i, item in enumerate(node.value)], line, col, "seq")
        return self._scalar(node, line, col, key_path)

    def _scalar(self, node: yaml.Node, line: int, col: int, key_path: str = "") -> YNode:
        tag, raw = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            return YNode(raw, line, col, "str")
        if tag == "tag:yaml.org,2002:null":
            return YNode(None, line, col, "null")
        if tag == "tag:yaml.org,2002:bool":
            return YNode(raw.lower() == "true", line, col, "bool")
        if tag == "tag:yaml.org,2002:int":
            return YNode(int(raw, 0) if raw[:2] in ("0x", "0o") else int(raw), line, col, "int")
        if tag == "tag:yaml.org,2002:float":
            # YAML spells infinity and NaN with a leading dot; Python without.
            return YNode(float(raw.replace(".", "", 1) if raw.lstrip("+-")[1:2].isalpha() else raw),
                         line, col, "float")
        self._problem(node, f"unsupported YAML tag {tag!r}", "rule files hold plain strings, numbers, lists and maps", key_path)
        return YNode(None, line, col, "null")
