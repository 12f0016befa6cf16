"""Read input files into records: one post (or one error) each, with where it came from.

Known inputs: ``.jsonl`` (one object a line), ``.json`` (an object or a list of
objects), ``.yaml``/``.yml`` (a mapping or a list of mappings), ``.csv`` (``title``,
``body`` and optional ``id`` columns), ``.md``/``.txt`` (one post per file; Markdown
front matter may give ``title``/``id``). Directories are walked recursively, in
sorted order, skipping hidden entries; ``-`` reads JSONL from standard input.
Top-level keys other than id/title/body/author/context (labels, notes...) are ignored.

Positions: every record knows its starting line. For ``.md``/``.txt`` and YAML files
it also knows where each character of its title and body is written in the file
(:class:`FieldMap`), so a violation's span maps to an exact 1-based line and column
(:meth:`InputRecord.region`), as SARIF and GitHub annotations need. JSON, JSONL, CSV
and stdin records give their line only.
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
from .positions import FieldMap, Region, SourceText, yaml_fields
from .post import FIELDS, POST_KEYS, Post

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
    #: md/txt/YAML only: the whole file, and where each field's characters are in it.
    file: SourceText | None = None
    fields: Mapping[str, FieldMap] = field(default_factory=dict)

    @property
    def text(self) -> str | None:
        """The whole input file, when positions in it are known."""
        return None if self.file is None else self.file.text

    def in_file(self, field_name: str) -> bool:
        """Whether ``field_name``'s characters can be placed exactly in the file."""
        return self.file is not None and field_name in self.fields

    def file_span(self, field_name: str, start: int, end: int) -> tuple[int, int] | None:
        """``[start, end)`` of ``field_name`` as offsets in :attr:`text`, or ``None`` when unknown."""
        mapping = self.fields.get(field_name)
        return None if self.file is None or mapping is None else mapping.file_span(start, end)

    def region(self, field_name: str, start: int, end: int) -> Region:
        """The file region of a span of ``field_name``; the record's line when the exact place is unknown."""
        span = self.file_span(field_name, start, end)
        if span is None or self.file is None:
            return Region(self.line, self.line)
        first_line, first_column = self.file.position(span[0])
        if span[1] <= span[0]:
            return Region(first_line, first_line, first_column, first_column)
        # Position the last character, not what follows it: a span ending with a line
        # break then ends on its own line instead of column 1 of the next one.
        last_line, last_column = self.file.position(span[1] - 1)
        return Region(first_line, last_line, first_column, last_column + 1)

    def locate(self, field_name: str, start: int) -> tuple[int, int]:
        """``(line, column)`` (1-based) in the input file of a span start in ``field_name``."""
        region = self.region(field_name, start, start)
        return region.start_line, region.start_column or 1


Reader = Callable[[str, str], Iterator[InputRecord]]


def read_inputs(paths: Iterable[str], stdin: TextIO | None = None, limit: int = MAX_INPUT_BYTES, *,
                skip: Callable[[Path], bool] | None = None,
                reader_for: Callable[[Path], Reader | None] | None = None) -> Iterator[InputRecord]:
    """Every record of every path, in order (directories walked, ``-`` is stdin).

    ``skip``: files left out when walking a directory (files named directly are always read).
    ``reader_for``: a reader to use instead of the one the file's suffix picks (config ``sources``).
    """
    for raw in paths:
        if raw == STDIN:
            yield from _read_stdin(stdin or sys.stdin, limit)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in READERS and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts)
                           and not (skip and skip(p)))
            for file in files:
                yield from read_file(file, limit, reader_for(file) if reader_for else None)
        else:
            yield from read_file(path, limit, reader_for(path) if reader_for else None)


def read_file(path: Path, limit: int = MAX_INPUT_BYTES, reader: Reader | None = None) -> Iterator[InputRecord]:
    """The records of one file (read by ``reader``, else by its suffix); a file that cannot be read is one error record."""
    source = str(path)
    reader = reader or READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield error_record(source, 1, f"unsupported input type {path.suffix or '(none)'!r} (known: {known})")
        return
    try:
        size = path.stat().st_size
        if size > limit:
            yield error_record(source, 1, f"input file is too large ({size:,} bytes; the limit is {limit:,})")
            return
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        yield error_record(source, 1, "no such file or directory")
        return
    except (OSError, UnicodeDecodeError) as exc:
        yield error_record(source, 1, f"cannot read input: {exc}")
        return
    yield from reader(source, text)


def _read_stdin(stream: TextIO, limit: int) -> Iterator[InputRecord]:
    total = 0
    for number, line in enumerate(stream, 1):
        total += len(line)
        if total > limit:
            yield error_record(STDIN_LABEL, number, f"standard input is too large (the limit is {limit:,} characters)")
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
        yield error_record(source, number, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    yield record_from(source, number, value)


def read_json(source: str, text: str) -> Iterator[InputRecord]:
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as exc:
        yield error_record(source, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    if not isinstance(whole, list):
        yield record_from(source, _line_of(text, len(text) - len(text.lstrip())), whole)
        return
    # The document is valid: walk the list again to find where each item starts.
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    for value in whole:
        pos = _skip(text, pos, " \t\r\n,")
        _, end = decoder.raw_decode(text, pos)
        yield record_from(source, _line_of(text, pos), value)
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
        yield error_record(source, mark.line + 1 if mark else 1, f"invalid YAML: {_yaml_message(exc)}")
        return
    if root is None:
        yield error_record(source, 1, "empty YAML document (expected a mapping or a list of mappings)")
    else:
        file = SourceText.of(text)
        items = zip(root.value, data) if isinstance(root, yaml.SequenceNode) else [(root, data)]
        for node, value in items:
            yield _placed(record_from(source, node.start_mark.line + 1, value), node, file)


def read_csv(source: str, text: str) -> Iterator[InputRecord]:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(rows)]
    except StopIteration:
        yield error_record(source, 1, "empty CSV file (expected a header with title/body columns)")
        return
    except csv.Error as exc:
        yield error_record(source, 1, f"invalid CSV: {exc}")
        return
    if "title" not in header and "body" not in header:
        yield error_record(source, 1, "the CSV header needs a 'title' or a 'body' column")
        return
    wanted = {name: i for i, name in enumerate(header) if name in ("id", "title", "body")}
    start = rows.line_num + 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield error_record(source, start, f"invalid CSV: {exc}")
            return
        if row and any(cell.strip() for cell in row):
            if len(row) > len(header):
                yield error_record(source, start, f"{len(row)} cells but the header has {len(header)} columns")
            else:
                cells = {name: row[i] if i < len(row) else "" for name, i in wanted.items()}
                if not cells.get("id", "").strip():
                    cells.pop("id", None)
                yield record_from(source, start, cells)
        start = rows.line_num + 1


def read_text(source: str, text: str) -> Iterator[InputRecord]:
    """A ``.txt`` file is one post: its whole text is the body."""
    yield _one_post_file(source, text, {}, 0, {})


def read_markdown(source: str, text: str) -> Iterator[InputRecord]:
    """A ``.md`` file is one post; ``---`` front matter may give ``title``, ``id``, ``author``, ``context``."""
    meta: dict[str, Any] = {}
    fields: dict[str, FieldMap] = {}
    body_start = 0
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if close is not None:
            front = "".join(lines[1:close])
            body_start = sum(len(line) for line in lines[:close + 1])
            try:
                meta, title = _front_matter(front)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark else 2
                return iter([error_record(source, line, f"invalid front matter: {getattr(exc, 'problem', None) or exc}")])
            except ValueError as exc:
                return iter([error_record(source, 2, f"invalid front matter: {exc}")])
            if title is not None:
                fields["title"] = title.shifted(len(lines[0]))
    meta.setdefault("context", {"format": "markdown"})
    return iter([_one_post_file(source, text, meta, body_start, fields)])


def _front_matter(front: str) -> tuple[dict[str, Any], FieldMap | None]:
    """The front matter's post keys, and where its title is written in ``front``."""
    loader = yaml.SafeLoader(front)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ValueError("front matter must be a mapping")
    title = None
    if isinstance(root, yaml.MappingNode) and isinstance(data.get("title"), str):
        title = yaml_fields(root, {"title": data["title"]}, front).get("title")
    return {k: v for k, v in data.items() if k in _FRONT_MATTER_KEYS}, title


def _one_post_file(source: str, text: str, meta: dict[str, Any], body_start: int,
                   fields: dict[str, FieldMap]) -> InputRecord:
    # Blank lines between the front matter and the text are not part of the body.
    while body_start < len(text) and text[body_start] in "\r\n":
        body_start += 1
    record = record_from(source, text.count("\n", 0, body_start) + 1, {**meta, "body": text[body_start:]}, source)
    return replace(record, file=SourceText.of(text), fields={**fields, "body": FieldMap.verbatim(body_start)})


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl, ".json": read_json, ".yaml": read_yaml, ".yml": read_yaml,
    ".csv": read_csv, ".md": read_markdown, ".txt": read_text,
}


def _placed(record: InputRecord, node: yaml.Node, file: SourceText) -> InputRecord:
    """``record`` with the file positions of its title and body, when they can be found."""
    if record.post is None:
        return record
    texts = {name: record.post.field_text(name) for name in FIELDS}
    return replace(record, file=file, fields=yaml_fields(node, texts, file.text))


# -- helpers --------------------------------------------------------------------------

def record_from(source: str, line: int, value: Any, default_id: str | None = None) -> InputRecord:
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


def error_record(source: str, line: int, message: str) -> InputRecord:
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


__all__ = [
    "MAX_INPUT_BYTES",
    "READERS",
    "STDIN_LABEL",
    "FieldMap",
    "InputRecord",
    "Region",
    "SourceText",
    "read_file",
    "read_inputs",
]
