"""Inline suppressions: comments in trusted seed files that accept specific findings.

Two forms, both naming rules with the one selector syntax (:mod:`.selectors`):

* HTML comments in any title/body text (Markdown, plain text, JSON/JSONL/YAML values).
  ``<!-- connectguard: ignore[RULES] reason="..." -->`` covers the next block: from the
  end of the comment to the next blank line after some content (blank lines inside a
  ``` or ~~~ fence do not end it). A comment after text on the same line covers the
  block it sits in instead. ``disable[RULES]`` ... ``enable[RULES]`` covers a range, to
  the end of the field when never enabled; bare ``disable``/``enable`` mean every rule.
  ``enable[X]`` closes the open ``disable`` entries spelled ``X`` (bare ``enable`` all).
  A directive covers only the field it is written in.
* YAML comments, in ``.yaml``/``.yml`` files only: ``# connectguard: ignore[RULES]``
  on its own line covers the next node (the next content line and every later line
  indented deeper; a ``- `` item line covers the whole item); at the end of a line it
  covers that line's node. ``#`` inside any quoted or block scalar is text, not a comment.

Suppressions are for TRUSTED input only (files named on the command line): the caller
decides, and never builds a :class:`Suppressor` for stdin or ``Guard.check``, so a post
can never switch its own moderation off.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import yaml

from ..inputs import InputRecord
from ..positions import SourceText
from ..post import FIELDS
from ..report import Violation
from .selectors import Selector, SelectorError, parse_selector

KINDS = ("ignore", "disable", "enable")
_HTML_COMMENT = re.compile(r"<!--(.{0,1000}?)-->", re.DOTALL)  # bounded: no quadratic scan
_MENTION = re.compile(r"connectguard", re.IGNORECASE)
#: ``connectguard:`` opens a directive; without the colon only when a kind follows (a typo to report).
_PREFIX = re.compile(r"\s*connectguard\s*(?::|(?=\s+(?:ignore|disable|enable)\b))", re.IGNORECASE)
_BODY = re.compile(r"""\s*(?P<kind>\w+)\s*(?:\[(?P<rules>[^\]]*)\])?\s*"""
                   r"""(?:reason\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'))?\s*""", re.IGNORECASE)
#: A YAML comment starts at a ``#`` at the start of a line or after a blank.
_YAML_COMMENT = re.compile(r"(?<![^ \t\n])#[ \t]*(?=connectguard)", re.IGNORECASE)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCES = ("```", "~~~")


@dataclass(frozen=True)
class Directive:
    """One honoured suppression comment."""

    kind: str                         # "ignore" | "disable" | "enable"
    selectors: tuple[Selector, ...]   # empty = every rule (bare disable/enable)
    reason: str | None
    line: int                         # 1-based line in the input file (see _line_of)


@dataclass(eq=False)
class _Entry:
    directive: Directive
    used: bool = False


@dataclass(frozen=True)
class _Cover:
    """What one directive covers: field offsets ``[start, end)``, or file lines ``[start, end]`` (field None)."""

    entry: _Entry
    selectors: tuple[Selector, ...]
    field: str | None
    start: int
    end: int


class Suppressions:
    """The directives that apply to one record, and what was wrong with the rest."""

    def __init__(self, record: InputRecord, covers: list[_Cover], entries: list[_Entry],
                 problems: list[tuple[int, str]]) -> None:
        self._record = record
        # An ignore is more specific than a range: it is the one credited (and so not "unused").
        self._covers = sorted(covers, key=lambda c: c.entry.directive.kind != "ignore")
        self._entries = entries
        self.problems: tuple[tuple[int, str], ...] = tuple(sorted(problems))

    def covering(self, violation: Violation) -> Directive | None:
        """The directive that suppresses ``violation``, or ``None``; marks it used."""
        line: int | None = None
        for cover in self._covers:
            if cover.field is None:
                if line is None:
                    line = self._record.region(violation.field, violation.start, violation.end).start_line
                hit = cover.start <= line <= cover.end
            else:
                hit = cover.field == violation.field and cover.start <= violation.start < cover.end
            if hit and (not cover.selectors or any(s.covers(violation) for s in cover.selectors)):
                cover.entry.used = True
                return cover.entry.directive
        return None

    def unused(self) -> list[Directive]:
        """The ignore/disable directives of this record that have suppressed nothing so far."""
        return [e.directive for e in self._entries if not e.used and e.directive.kind != "enable"]


class Suppressor:
    """Finds the suppression directives of trusted records; caches the parse of the current file."""

    def __init__(self, *, require_reason: bool = False) -> None:
        self.require_reason = require_reason
        self._yaml: _YamlFile | None = None

    def for_record(self, record: InputRecord) -> Suppressions:
        covers: list[_Cover] = []
        entries: list[_Entry] = []
        problems: list[tuple[int, str]] = []
        if record.post is not None:
            for name in FIELDS:
                text = record.post.field_text(name)
                if "<!--" in text and _MENTION.search(text):
                    self._scan_field(record, name, text, covers, entries, problems)
        if record.file is not None and record.source.lower().endswith((".yaml", ".yml")):
            if self._yaml is None or self._yaml.file is not record.file:
                self._yaml = _YamlFile.parse(record.file, self.require_reason)
            self._yaml.claim(record, covers, entries, problems)
        return Suppressions(record, covers, entries, problems)

    def _scan_field(self, record: InputRecord, name: str, text: str, covers: list[_Cover],
                    entries: list[_Entry], problems: list[tuple[int, str]]) -> None:
        opened: list[tuple[_Entry, str, tuple[Selector, ...], int]] = []  # (entry, key, selectors, start)

        def close(key: str | None, at: int) -> bool:
            """End the open entries spelled ``key`` (all of them for ``None``) at offset ``at``."""
            closing = [o for o in opened if key in (None, o[1])]
            covers.extend(_Cover(entry, selectors, name, start, at) for entry, _, selectors, start in closing)
            opened[:] = [o for o in opened if key not in (None, o[1])]
            return bool(closing)

        for comment in _HTML_COMMENT.finditer(text):
            line = _line_of(record, name, text, comment.start())
            directive = _parse(comment.group(1), line, self.require_reason)
            if not isinstance(directive, Directive):
                problems.extend([(line, directive)] if directive else [])
                continue
            entry = _Entry(directive)
            if directive.kind == "ignore":
                covers.append(_Cover(entry, directive.selectors, name, *_block(text, comment.start(),
                                                                                comment.end())))
            elif directive.kind == "disable":
                for key, selectors in _keys(directive.selectors):
                    opened.append((entry, key, selectors, comment.end()))
            else:  # an enable suppresses nothing: never "unused"
                for key, _ in _keys(directive.selectors):
                    if not close(None if key == "ALL" else key, comment.start()):
                        problems.append((line, "enable without an open disable" if key == "ALL"
                                         else f"enable[{key}] without an open disable[{key}]"))
                continue
            entries.append(entry)
        close(None, len(text))


def _keys(selectors: tuple[Selector, ...]) -> list[tuple[str, tuple[Selector, ...]]]:
    """How disable/enable entries pair up: by selector spelling; a bare one (or ``ALL``) is ``ALL``."""
    if not selectors or any(s.kind == "all" for s in selectors):
        return [("ALL", ())]
    return [(s.text, (s,)) for s in selectors]


def _parse(comment: str, line: int, require_reason: bool) -> Directive | str | None:
    """The directive a comment's text holds, why it is not honoured, or ``None`` when it is no directive."""
    prefix = _PREFIX.match(comment)
    if prefix is None:
        return None
    text = comment[prefix.end():]
    match = _BODY.fullmatch(text)
    if not prefix.group().rstrip().endswith(":") or match is None or match["kind"].lower() not in KINDS:
        return (f"malformed directive {comment.strip()!r} (expected 'connectguard: ignore[RULES] "
                "reason=\"...\"', disable[RULES] or enable[RULES])")
    kind, rules = match["kind"].lower(), match["rules"]
    if rules is None and kind == "ignore":
        return "ignore needs the rules it ignores: ignore[RULE, ...]"
    names = [] if rules is None else [n.strip() for n in rules.split(",") if n.strip()]
    if rules is not None and not names:
        return f"{kind}[] names no rule"
    try:
        selectors = tuple(parse_selector(n) for n in names)
    except SelectorError as exc:
        return f"{kind}: {exc}"
    reason = match["dq"] if match["dq"] is not None else match["sq"]
    if require_reason and kind != "enable" and not (reason and reason.strip()):
        return f'{kind} without reason="..." (suppressions need a reason here)'
    return Directive(kind, selectors, reason, line)


def _line_of(record: InputRecord, name: str, text: str, offset: int) -> int:
    """The file line of a field offset; else the record's line plus the line inside the field."""
    span = record.file_span(name, offset, offset)
    if span is not None and record.file is not None:
        return record.file.position(span[0])[0]
    return record.line + text.count("\n", 0, offset)


def _block(text: str, start: int, end: int) -> tuple[int, int]:
    """Field offsets an ignore comment at ``[start, end)`` covers (see the module docstring)."""
    line_start = text.rfind("\n", 0, start) + 1
    if _HTML_COMMENT.sub("", text[line_start:start]).strip():  # after text: the block it sits in
        begin = line_start
        while begin > 0:
            previous = text.rfind("\n", 0, begin - 1) + 1
            if not text[previous:begin].strip():
                break
            begin = previous
        return begin, _block_end(text, line_start)
    return end, _block_end(text, end)


def _block_end(text: str, pos: int) -> int:
    """Where the first block at or after ``pos`` ends: the next blank line after content, outside fences."""
    seen, fence = False, ""
    while pos < len(text):
        newline = text.find("\n", pos)
        stop = len(text) if newline < 0 else newline + 1
        stripped = text[pos:stop].strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif not stripped:
            if seen:
                return pos
        elif seen or _HTML_COMMENT.sub("", stripped).strip():  # comment-only lines before content are skipped
            seen = True
            fence = next((f for f in _FENCES if stripped.startswith(f)), "")
        pos = stop
    return len(text)


@dataclass
class _YamlFile:
    """The YAML comment directives of one file, shared by its records (parsed once per file)."""

    file: SourceText
    covers: list[_Cover] = field(default_factory=list)      # sorted by first line
    problems: list[tuple[int, str]] = field(default_factory=list)
    items: list[int] = field(default_factory=list)           # first line of each root sequence item
    claimed: set[int] = field(default_factory=set)           # items already handed to a record
    starts: list[int] = field(default_factory=list)          # first line of each cover, for bisection

    @classmethod
    def parse(cls, file: SourceText, require_reason: bool) -> _YamlFile:
        found = cls(file)
        text = file.text
        candidates = list(_YAML_COMMENT.finditer(text))
        if not candidates:  # the common case: no scan at all
            return found
        try:
            tokens = list(yaml.scan(text, Loader=_YAML_LOADER))
        except yaml.YAMLError:
            return found
        scalars = [((t.start_mark.line, t.start_mark.column), (t.end_mark.line, t.end_mark.column))
                   for t in tokens if isinstance(t, yaml.ScalarToken)]
        found.items = _root_items(tokens)
        lines = [line.rstrip("\r") for line in text.split("\n")]
        for candidate in candidates:
            line, column = file.position(candidate.start())
            at = (line - 1, column - 1)
            inside = bisect_right(scalars, (at, (len(lines), 0))) - 1
            if inside >= 0 and scalars[inside][0] <= at < scalars[inside][1]:
                continue  # a "#" inside a quoted or block scalar is text
            directive = _parse(lines[line - 1][column:], line, require_reason)  # the text after '#'
            if isinstance(directive, Directive) and directive.kind != "ignore":
                directive = f"{directive.kind} is not supported in YAML comments (use ignore)"
            if not isinstance(directive, Directive):
                found.problems.extend([(line, directive)] if directive else [])
                continue
            # At the end of a line: that line's node; on its own line: the next line that is no comment.
            first = line - 1 if lines[line - 1][:column - 1].strip() else next(
                (i for i in range(line, len(lines)) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                None)
            if first is None:
                found.problems.append((line, "ignore is followed by no YAML node"))
                continue
            found.covers.append(_Cover(_Entry(directive), directive.selectors, None,
                                       first + 1, _node_end(lines, first) + 1))
        found.covers.sort(key=lambda c: c.start)
        found.problems.sort()
        found.starts = [c.start for c in found.covers]
        return found

    def claim(self, record: InputRecord, covers: list[_Cover], entries: list[_Entry],
              problems: list[tuple[int, str]]) -> None:
        """Add the covers of ``record``'s item; its directives and problems the first time the item is seen."""
        if not self.covers and not self.problems:
            return
        index = max(bisect_right(self.items, record.line) - 1, 0)
        first = self.items[index] if index else 1  # lines before the first item belong to it
        last = self.items[index + 1] - 1 if index + 1 < len(self.items) else len(self.file.line_starts)
        mine = self.covers[bisect_right(self.starts, first - 1):bisect_right(self.starts, last)]
        covers.extend(mine)
        if index not in self.claimed:
            self.claimed.add(index)
            entries.extend(c.entry for c in mine)
            problems.extend(p for p in self.problems if first <= p[0] <= last)  # few: only bad directives


def _root_items(tokens: list[yaml.Token]) -> list[int]:
    """First line (1-based) of each item of a root block sequence; ``[]`` for anything else (one record)."""
    depth, items = 0, []
    root_sequence: bool | None = None
    for token in tokens:
        if isinstance(token, (yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken,
                              yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            if root_sequence is None:
                root_sequence = isinstance(token, yaml.BlockSequenceStartToken)
            depth += 1
        elif isinstance(token, (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
            depth -= 1
        elif root_sequence and depth == 1 and isinstance(token, yaml.BlockEntryToken):
            items.append(token.start_mark.line + 1)
    return items


def _node_end(lines: list[str], first: int) -> int:
    """Index of the last line of the node starting on line index ``first``: the lines indented deeper.

    After an item line (``- x``) that is its deeper lines; after a key, ``- `` markers
    count as indentation, so an indentless sequence under the key belongs to it.
    """
    head = lines[first].lstrip(" ")
    level = len(lines[first]) - len(head)
    item = head == "-" or head.startswith("- ")
    last = first
    for index in range(first + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent(lines[index], markers=not item) <= level:
            break
        last = index
    return last


def _indent(line: str, *, markers: bool) -> int:
    """Leading spaces of ``line``; with ``markers``, ``- `` sequence markers count as indentation too."""
    indent = len(line) - len(line.lstrip(" "))
    while markers and line.startswith("- ", indent):
        indent = len(line) - len(line[indent + 1:].lstrip(" "))
    return indent
