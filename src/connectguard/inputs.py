"""Read input files into records: one post (or one error) each, with where it came from.

Known inputs: ``.jsonl`` (one object a line), ``.json`` (an object or a list of
objects), ``.yaml``/``.yml`` (a mapping or a list of mappings), ``.csv`` (``title``,
``body`` and optional ``id`` columns), ``.md``/``.txt`` (one post per file; Markdown
front matter may give ``title``/``id``). Directories are walked recursively, in
sorted order, skipping hidden entries; ``-`` reads JSONL from standard input.
Top-level keys other than id/title/body/author/context (labels, notes...) are ignored.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

import yaml

from .errors import InvalidPostError
from .post import POST_KEYS, Post

MAX_INPUT_BYTES = 50 * 1024 * 1024
STDIN = "-"
STDIN_LABEL = "<stdin>"
_FRONT_MATTER_KEYS = ("id", "title", "author", "context")
#: The keys of a post record; other top-level keys are ignored.


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One record of one input: a post to check, or the reason it could not be read."""

    source: str                 # the path as given (or ``<stdin>``)
    line: int                   # 1-based; md/txt: the line where the body starts
    default_id: str             # ``PATH:LINE``, or ``PATH`` for one-post files
    post: Post | None = None
    error: str | None = None
    #: md/txt only: the whole file and where each field's text starts in it.
    text: str | None = None
    offsets: Mapping[str, int] = field(default_factory=dict)

    def locate(self, field_name: str, start: int) -> tuple[int, int]:
        """``(line, column)`` (1-based) in the input file of a span start in ``field_name``."""
        base = self.offsets.get(field_name)
        if self.text is None or base is None:
            return self.line, 1
        offset = base + start
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1


def read_inputs(paths: Iterable[str], stdin: TextIO | None = None,
                limit: int = MAX_INPUT_BYTES) -> Iterator[InputRecord]:
    """Every record of every path, in order (directories walked, ``-`` is stdin)."""
    for raw in paths:
        if raw == STDIN:
            yield from _read_stdin(stdin or sys.stdin, limit)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in READERS and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in files:
                yield from read_file(file, limit)
        else:
            yield from read_file(path, limit)


def read_file(path: Path, limit: int = MAX_INPUT_BYTES) -> Iterator[InputRecord]:
    """The records of one file; a file that cannot be read is one error record."""
    source = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield _error(source, 1, f"unsupported input type {path.suffix or '(none)'!r} (known: {known})")
        return
    try:
        size = path.stat().st_size
        if size > limit:
            yield _error(source, 1, f"input file is too large ({size:,} bytes; the limit is {limit:,})")
            return
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        yield _error(source, 1, "no such file or directory")
        return
    except (OSError, UnicodeDecodeError) as exc:
        yield _error(source, 1, f"cannot read input: {exc}")
        return
    yield from reader(source, text)


def _read_stdin(stream: TextIO, limit: int) -> Iterator[InputRecord]:
    total = 0
    for number, line in enumerate(stream, 1):
        total += len(line)
        if total > limit:
            yield _error(STDIN_LABEL, number, f"standard input is too large (the limit is {limit:,} characters)")
            return
        yield from _jsonl_line(STDIN_LABEL, number, line)


# -- readers: (source, text) -> records ----------------------------------------------

def read_jsonl(source: str, text: str) -> Iterator[InputRecord]:
    for number, line in enumerate(text.splitlines(), 1):
        yield from _jsonl_line(source, number, line)


def _jsonl_line(source: str, number: int, line: str) -> Iterator[InputRecord]:
    if not line.strip():
        return
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        yield _error(source, number, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    yield _record(source, number, value)


def read_json(source: str, text: str) -> Iterator[InputRecord]:
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _error(source, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    if not isinstance(whole, list):
        yield _record(source, _line_of(text, len(text) - len(text.lstrip())), whole)
        return
    # The document is valid: walk the list again to find where each item starts.
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    for value in whole:
        pos = _skip(text, pos, " \t\r\n,")
        _, end = decoder.raw_decode(text, pos)
        yield _record(source, _line_of(text, pos), value)
        pos = end


def read_yaml(source: str, text: str) -> Iterator[InputRecord]:
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            data: Any = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        yield _error(source, mark.line + 1 if mark else 1, f"invalid YAML: {_yaml_message(exc)}")
        return
    if root is None:
        yield _error(source, 1, "empty YAML document (expected a mapping or a list of mappings)")
    elif isinstance(root, yaml.SequenceNode):
        for node, value in zip(root.value, data):
            yield _record(source, node.start_mark.line + 1, value)
    else:
        yield _record(source, root.start_mark.line + 1, data)


def read_csv(source: str, text: str) -> Iterator[InputRecord]:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(rows)]
    except StopIteration:
        yield _error(source, 1, "empty CSV file (expected a header with title/body columns)")
        return
    except csv.Error as exc:
        yield _error(source, 1, f"invalid CSV: {exc}")
        return
    if "title" not in header and "body" not in header:
        yield _error(source, 1, "the CSV header needs a 'title' or a 'body' column")
        return
    wanted = {name: i for i, name in enumerate(header) if name in ("id", "title", "body")}
    start = rows.line_num + 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _error(source, start, f"invalid CSV: {exc}")
            return
        if row and any(cell.strip() for cell in row):
            if len(row) > len(header):
                yield _error(source, start, f"{len(row)} cells but the header has {len(header)} columns")
            else:
                cells = {name: row[i] if i < len(row) else "" for name, i in wanted.items()}
                if not cells.get("id", "").strip():
                    cells.pop("id", None)
                yield _record(source, start, cells)
        start = rows.line_num + 1


def read_text(source: str, text: str) -> Iterator[InputRecord]:
    """A ``.txt`` file is one post: its whole text is the body."""
    yield _one_post_file(source, text, {}, 0, {})


def read_markdown(source: str, text: str) -> Iterator[InputRecord]:
    """A ``.md`` file is one post; ``---`` front matter may give ``title``, ``id``, ``author``, ``context``."""
    meta: dict[str, Any] = {}
    offsets: dict[str, int] = {}
    body_start = 0
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if close is not None:
            front = "".join(lines[1:close])
            body_start = sum(len(line) for line in lines[:close + 1])
            try:
                meta, title_at = _front_matter(front)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark else 2
                return iter([_error(source, line, f"invalid front matter: {getattr(exc, 'problem', None) or exc}")])
            except ValueError as exc:
                return iter([_error(source, 2, f"invalid front matter: {exc}")])
            if title_at is not None:
                offsets["title"] = len(lines[0]) + title_at
    meta.setdefault("context", {"format": "markdown"})
    return iter([_one_post_file(source, text, meta, body_start, offsets)])


def _front_matter(front: str) -> tuple[dict[str, Any], int | None]:
    loader = yaml.SafeLoader(front)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ValueError("front matter must be a mapping")
    title_at = None
    if isinstance(root, yaml.MappingNode):
        for key, node in root.value:
            if key.value == "title" and isinstance(data.get("title"), str):
                raw = front[node.start_mark.index:node.end_mark.index]
                found = raw.find(data["title"])  # not found: escapes or folding changed the text
                title_at = node.start_mark.index + found if found >= 0 else None
    return {k: v for k, v in data.items() if k in _FRONT_MATTER_KEYS}, title_at


def _one_post_file(source: str, text: str, meta: dict[str, Any], body_start: int,
                   offsets: dict[str, int]) -> InputRecord:
    # Blank lines between the front matter and the text are not part of the body.
    while body_start < len(text) and text[body_start] in "\r\n":
        body_start += 1
    record = _record(source, text.count("\n", 0, body_start) + 1, {**meta, "body": text[body_start:]}, source)
    return replace(record, text=text, offsets={**offsets, "body": body_start})


READERS: dict[str, Callable[[str, str], Iterator[InputRecord]]] = {
    ".jsonl": read_jsonl, ".json": read_json, ".yaml": read_yaml, ".yml": read_yaml,
    ".csv": read_csv, ".md": read_markdown, ".txt": read_text,
}


# -- helpers --------------------------------------------------------------------------

def _record(source: str, line: int, value: Any, default_id: str | None = None) -> InputRecord:
    """Turn one parsed value into a record; a post without ``id`` gets ``PATH:LINE``."""
    default_id = default_id or f"{source}:{line}"
    ignored: list[str] = []
    fields = value
    if isinstance(value, Mapping):  # extra keys (labels, notes...) are metadata, not part of the post
        ignored = sorted(str(k) for k in value if k not in POST_KEYS)
        fields = {k: v for k, v in value.items() if k in POST_KEYS}
    try:
        post = Post.from_dict(fields)
    except InvalidPostError as exc:
        message = str(exc) + (f" (ignored keys: {', '.join(ignored)})" if ignored else "")
        if isinstance(value, Mapping) and "connectguard" in value and "rules" in value:
            message = "this is a rule pack, not posts (pass it with --rules)"
        return InputRecord(source, line, default_id, error=message)
    if post.id is None:
        post = replace(post, id=default_id)
    return InputRecord(source, line, default_id, post=post)


def _error(source: str, line: int, message: str) -> InputRecord:
    return InputRecord(source, line, f"{source}:{line}", error=message)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def _yaml_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem and mark:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


__all__ = ["InputRecord", "MAX_INPUT_BYTES", "READERS", "read_file", "read_inputs"]
