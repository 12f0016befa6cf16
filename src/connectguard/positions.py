"""Positions in input files: which line and column of the file each character of a post came from.

A :class:`FieldMap` maps a field's offsets (the spans violations report) to offsets
in the file, and a :class:`SourceText` turns those into 1-based lines and
code-point columns. Markdown and text bodies are copied verbatim from the file; YAML
scalars are placed by :func:`align`, which undoes indentation, folding, quoting and
escapes. See :meth:`connectguard.inputs.InputRecord.region`.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

import yaml


@dataclass(frozen=True, slots=True, eq=False)
class SourceText:
    """A whole input file and where its lines start, shared by all the file's records.

    Lines are found by bisection, so positioning many violations in a big file stays cheap.
    """

    text: str
    line_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> SourceText:
        starts = [0]
        at = text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        return cls(text, tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``offset``; columns count Unicode code points."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Where each character of a field's text is written in its file.

    ``runs`` are ``(field_offset, file_offset, width)`` triples, sorted, each starting a
    stretch of characters ``width`` source characters wide: ``1`` for text copied
    verbatim, more for one escaped character (``\\u00e9``). A Markdown body is one
    run; a folded, quoted or indented YAML scalar has one per line or escape.
    """

    runs: tuple[tuple[int, int, int], ...]

    @classmethod
    def verbatim(cls, file_offset: int) -> FieldMap:
        return cls(((0, file_offset, 1),))

    def shifted(self, by: int) -> FieldMap:
        return FieldMap(tuple((at, in_file + by, width) for at, in_file, width in self.runs))

    def _place(self, offset: int) -> tuple[int, int]:
        """The file offset of the field's character at ``offset``, and its width in the file."""
        index = max(bisect_right(self.runs, (offset, sys.maxsize, sys.maxsize)) - 1, 0)
        at, in_file, width = self.runs[index]
        return in_file + (offset - at) * width, width

    def to_file(self, offset: int) -> int:
        """The file offset of the field's character at ``offset``."""
        return self._place(offset)[0]

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the field as file offsets (the end follows the span's last character)."""
        first = self.to_file(start)
        if end <= start:
            return first, first
        last, width = self._place(end - 1)
        return first, last + width


@dataclass(frozen=True, slots=True)
class Region:
    """Where a span is in its input file: 1-based lines and code-point columns, end column exclusive.

    The columns are ``None`` when only the record's line is known (JSON, JSONL, CSV, stdin).
    """

    start_line: int
    end_line: int
    start_column: int | None = None
    end_column: int | None = None

    @property
    def exact(self) -> bool:
        return self.start_column is not None

    @property
    def multiline(self) -> bool:
        return self.end_line != self.start_line


# -- where YAML scalars are written -------------------------------------------------

#: YAML double-quoted escapes (``\x``, ``\u`` and ``\U`` take hex digits).
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
#: What a scalar's source may hold that its value does not: indentation, line
#: breaks and quotes (escapes are read as such). Anything else unmatched means the
#: value cannot be placed (a tag, an alias...): no position is better than a wrong one.
_LAYOUT = frozenset(" \t\r\n\"'")


def yaml_fields(node: yaml.Node, texts: Mapping[str, str], text: str) -> dict[str, FieldMap]:
    """Where each non-empty field in ``texts`` is written in ``text``, for a mapping ``node``."""
    fields: dict[str, FieldMap] = {}
    if not isinstance(node, yaml.MappingNode):
        return fields
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) and isinstance(key.value, str) else ""
        if texts.get(name) and isinstance(value, yaml.ScalarNode):
            mapping = scalar_map(value, texts[name], text)
            if mapping is not None:
                fields[name] = mapping
    return fields


def scalar_map(node: yaml.ScalarNode, value: str, text: str) -> FieldMap | None:
    """Where the scalar ``node`` (whose constructed text is ``value``) writes each character in ``text``."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):  # the content starts on the line after the header
        start = text.find("\n", start, end) + 1
        if start == 0:
            return None
    elif node.style in ("'", '"'):  # so a value starting with a quote is not matched to the opening one
        start += 1
    return align(value, text, start, end, escapes=node.style == '"', flow=node.style not in ("|", ">"))


def align(value: str, text: str, start: int, end: int, *, escapes: bool = False,
          flow: bool = True) -> FieldMap | None:
    """Map each character of a YAML scalar's ``value`` to where it is written in ``text[start:end]``.

    Walks the source, skipping layout (indentation, line breaks, quotes), matching a
    folded line break to the space it became and, in double-quoted scalars
    (``escapes``), an escape sequence to the character it stands for. In a ``flow``
    scalar (plain or quoted, not a ``|``/``>`` block) leading blanks on a continuation
    line are never text. ``None`` when some character cannot be placed.
    """
    if text.startswith(value, start) and start + len(value) <= end:
        return FieldMap.verbatim(start)
    runs: list[tuple[int, int, int]] = []
    pos, expected = start, -1
    for index, char in enumerate(value):
        found = _next_char(text, pos, end, char, escapes)
        if found is None:
            return None
        at, width = found
        if at != expected or width != 1:
            runs.append((index, at, width))
        expected = at + 1 if width == 1 else -1  # an escape is a run of its own
        pos = at + width
        if flow and text[at] in "\r\n":  # a flow scalar's next line starts after its indentation
            pos = _skip_blanks(text, pos)
    return FieldMap(tuple(runs))


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _next_char(text: str, pos: int, end: int, char: str, escapes: bool) -> tuple[int, int] | None:
    """Where (and how wide) ``char`` is written at or after ``pos``, skipping only layout."""
    while pos < end:
        here = text[pos]
        if escapes and here == "\\":  # in double quotes a backslash always starts an escape
            decoded, width = _escape(text, pos)
            if decoded == char:
                return pos, width
            if decoded is not None or text[pos + 1:pos + 2] not in ("\n", "\r"):
                return None
            # An escaped line break joins two lines, dropping the next one's indentation.
            pos = _skip_blanks(text, pos + (3 if text.startswith("\r\n", pos + 1) else 2))
            continue
        if here == char or (char == " " and here in "\r\n"):
            return pos, 1
        if here not in _LAYOUT:
            return None
        pos += 1
    return None


def _escape(text: str, pos: int) -> tuple[str | None, int]:
    """The character a double-quoted escape at ``pos`` stands for, and its width in the source."""
    key = text[pos + 1:pos + 2]
    digits = _HEX_ESCAPES.get(key)
    if digits is None:
        return _ESCAPES.get(key), 2
    try:
        return chr(int(text[pos + 2:pos + 2 + digits], 16)), 2 + digits
    except ValueError:
        return None, 1


__all__ = ["FieldMap", "Region", "SourceText", "align", "scalar_map", "yaml_fields"]
