"""Reading posts out of structured seed files by field paths (config ``sources``).

A community's seed content is often a YAML or JSON file of its own shape, e.g.
``{posts: [{subject: ..., text: ...}]}``. A source says where the post text is
(``title = "posts[*].subject"``, ``body = "posts[*].text"``): the part of the paths
up to their last ``[*]`` picks the items, one post each; the rest picks the field in
the item. YAML posts keep exact file positions; JSON posts keep their item's line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import yaml

from ..inputs import InputRecord, error_record, read_json, read_yaml, record_from
from ..positions import FieldMap, SourceText, scalar_map
from .config import Source

Step = str | int | None          # a key, an index, or None for [*]
Path_ = tuple[Step, ...]
_FIELDS = ("title", "body", "id")


def parse_path(text: str) -> Path_:
    """``posts[*].body`` -> ``("posts", None, "body")``."""
    steps: list[Step] = []
    for part in text.split("."):
        name, _, rest = part.partition("[")
        if name:
            steps.append(name)
        for index in filter(None, rest.replace("]", "").split("[")) if rest else ():
            steps.append(None if index == "*" else int(index))
    return tuple(steps)


def split_paths(source: Source) -> tuple[Path_, dict[str, Path_]]:
    """The item path (through the last ``[*]`` the fields share) and each field's path inside an item."""
    paths = {name: parse_path(p) for name in _FIELDS if (p := getattr(source, name)) is not None}
    main = paths.get("body") or paths["title"]
    cut = max((i + 1 for i, step in enumerate(main) if step is None), default=0)
    items = main[:cut]
    inside = {}
    for name, path in paths.items():
        inside[name] = path[cut:] if path[:cut] == items else path
    return items, inside


def reader_for(source: Source) -> Callable[[str, str], Iterator[InputRecord]]:
    """The reader of files matching ``source``: YAML or JSON by the file's suffix."""
    def read(name: str, text: str) -> Iterator[InputRecord]:
        if name.lower().endswith((".yaml", ".yml")):
            return read_mapped_yaml(name, text, source)
        if name.lower().endswith(".json"):
            return read_mapped_json(name, text, source)
        return iter([error_record(name, 1, "a 'sources' entry can only read .yaml, .yml or .json files")])
    return read


def read_mapped_yaml(name: str, text: str, source: Source) -> Iterator[InputRecord]:
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        yield from read_yaml(name, text)  # the plain reader reports the error with its position
        return
    if root is None:
        yield error_record(name, 1, "empty YAML document")
        return
    file = SourceText.of(text)
    items, inside = split_paths(source)
    # One constructor for the whole file: it also shares anchors between the file's posts.
    constructor = yaml.SafeLoader("")
    for label, item in _walk_nodes(root, items):
        line = item.start_mark.line + 1
        values: dict[str, Any] = {}
        fields: dict[str, FieldMap] = {}
        problem = None
        for field_name, path in inside.items():
            node = _node_at(item, path)
            if node is None:
                continue
            value = constructor.construct_object(node, deep=True)
            problem = _take(values, field_name, value, f"{label}{_shown(path)}")
            if problem:
                break
            if field_name != "id" and isinstance(node, yaml.ScalarNode) and isinstance(value, str) and value:
                mapping = scalar_map(node, value, text)
                if mapping is not None:
                    fields[field_name] = mapping
        yield _posted(name, line, label, values, problem, source, file, fields)


def read_mapped_json(name: str, text: str, source: Source) -> Iterator[InputRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        yield from read_json(name, text)
        return
    items, inside = split_paths(source)
    cursor = 0
    for label, item in _walk_values(data, items):
        values: dict[str, Any] = {}
        problem = None
        for field_name, path in inside.items():
            value = _value_at(item, path)
            if value is None:
                continue
            problem = _take(values, field_name, value, f"{label}{_shown(path)}")
            if problem:
                break
        cursor = _find_after(text, values, cursor)
        yield _posted(name, text.count("\n", 0, cursor) + 1, label, values, problem, source, None, {})


def _take(values: dict[str, Any], field_name: str, value: Any, where: str) -> str | None:
    """Put a field's value into ``values`` (an id as text); the problem when it is not text."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return f"{where}: expected text, got {type(value).__name__}"
    values[field_name] = str(value) if field_name == "id" else value
    return None


def _posted(name: str, line: int, label: str, values: dict[str, Any], problem: str | None, source: Source,
            file: SourceText | None, fields: dict[str, FieldMap]) -> InputRecord:
    if problem is None and "title" not in values and "body" not in values:
        problem = f"{label or 'the document'}: no title or body at the configured paths"
    if problem is not None:
        return error_record(name, line, problem)
    record = record_from(name, line, {**values, "context": {"format": source.format}})
    return record if file is None or record.post is None else replace(record, file=file, fields=fields)


def _walk(value: Any, path: Path_, label: str, child: Callable[[Any, Step], Any],
          items: Callable[[Any], list[Any] | None]) -> Iterator[tuple[str, Any]]:
    """Every ``(label, item)`` the item path reaches; the same walk for YAML nodes and JSON values."""
    if not path:
        yield label, value
        return
    step, rest = path[0], path[1:]
    if step is None:
        for i, each in enumerate(items(value) or ()):
            yield from _walk(each, rest, f"{label}[{i}]", child, items)
        return
    found = child(value, step)
    if found is not None:
        shown = f"{label}[{step}]" if isinstance(step, int) else (f"{label}.{step}" if label else step)
        yield from _walk(found, rest, shown, child, items)


def _walk_nodes(node: yaml.Node, path: Path_) -> Iterator[tuple[str, yaml.Node]]:
    return _walk(node, path, "", lambda n, step: _node_at(n, (step,)),
                 lambda n: n.value if isinstance(n, yaml.SequenceNode) else None)


def _walk_values(value: Any, path: Path_) -> Iterator[tuple[str, Any]]:
    return _walk(value, path, "", lambda v, step: _value_at(v, (step,)),
                 lambda v: v if isinstance(v, list) else None)


def _node_at(node: yaml.Node, path: Path_) -> yaml.Node | None:
    for step in path:
        if isinstance(step, str) and isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None)
        elif isinstance(step, int) and isinstance(node, yaml.SequenceNode) and step < len(node.value):
            found = node.value[step]
        else:
            found = None
        if found is None:
            return None
        node = found
    return node


def _value_at(value: Any, path: Path_) -> Any:
    for step in path:
        if isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        elif isinstance(step, int) and isinstance(value, list) and step < len(value):
            value = value[step]
        else:
            return None
    return value


def _shown(path: Path_) -> str:
    return "".join(f".{s}" if isinstance(s, str) else f"[{'*' if s is None else s}]" for s in path)


def _find_after(text: str, values: dict[str, Any], cursor: int) -> int:
    """Where the item's first field value is written, searching on from the previous item (JSON lines)."""
    for value in values.values():
        for encoded in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
            at = text.find(encoded, cursor)
            if at >= 0:
                return at
    return cursor
