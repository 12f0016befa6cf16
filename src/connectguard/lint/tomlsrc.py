"""Read a TOML file into located nodes, so a bad config value is reported at file:line:column.

The standard ``tomllib`` parses the document; a light scan of the text then finds
the line and column where each key is written (``[table]`` headers, ``key =``
lines, dotted and quoted keys). Values inside arrays and inline tables take their
key's position: close enough to jump to.
"""

from __future__ import annotations

import datetime
import re
import sys
from typing import Any

from ..loader.yamlsrc import YEntry, YNode

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

TOMLDecodeError = tomllib.TOMLDecodeError
Key = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_PART = rf'(?:{_BARE}|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY = re.compile(rf"\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]\]?")
_PARTS = re.compile(_PART)


def loads(text: str) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(text)
    return data


def key_positions(text: str) -> dict[Key, tuple[int, int]]:
    """``(table path + key) -> (line, column)`` for every key and table header written in ``text``."""
    positions: dict[Key, tuple[int, int]] = {}
    table: Key = ()
    arrays: dict[Key, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            path = _split(header.group(2))
            if header.group(1) == "[[":
                arrays[path] = arrays.get(path, -1) + 1
                table = (*path, arrays[path])
            else:
                table = path
            positions.setdefault(table, (number, header.start(2) + 1))
            continue
        key = _KEY.match(line)
        if key:
            positions.setdefault((*table, *_split(key.group(1))), (number, key.start(1) + 1))
    return positions


def _split(dotted: str) -> tuple[str, ...]:
    parts = []
    for raw in _PARTS.findall(dotted):
        parts.append(raw[1:-1] if raw[0] in "\"'" else raw)
    return tuple(parts)


def located(value: Any, positions: dict[Key, tuple[int, int]], path: Key = (),
            at: tuple[int, int] = (1, 1)) -> YNode:
    """``value`` as located nodes: each key at its written position, else its parent's."""
    here = positions.get(path, at)
    if isinstance(value, dict):
        entries = {}
        for name, item in value.items():
            where = positions.get((*path, name), here)
            entries[name] = YEntry(YNode(name, *where, "str"), located(item, positions, (*path, name), where))
        return YNode(entries, *here, "map")
    if isinstance(value, list):
        return YNode([located(item, positions, (*path, i), here) for i, item in enumerate(value)], *here, "seq")
    return _scalar_node(value, here)


def _scalar_node(value: Any, here: tuple[int, int]) -> YNode:
    if isinstance(value, bool):
        return YNode(value, *here, "bool")
    if isinstance(value, int):
        return YNode(value, *here, "int")
    if isinstance(value, float):
        return YNode(value, *here, "float")
    if isinstance(value, (datetime.date, datetime.time)):
        return YNode(value.isoformat(), *here, "str")
    return YNode(value, *here, "str")
