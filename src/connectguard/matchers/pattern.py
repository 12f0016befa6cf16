"""``pattern``: regular expressions (the ``regex`` module), each search under a time budget.

A search that runs past its budget raises :class:`MatchTimeout`; the engine turns
that into a diagnostic violation instead of hanging on a catastrophic pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..loader.schema import AnyOf, Bool, Int, Key, ListOf, Str
from ..text.words import WORD_END, WORD_START
from .base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc

DEFAULT_TIMEOUT_MS = 50
MAX_PATTERN_LENGTH = 10_000


class MatchTimeout(Exception):
    """A pattern search ran past its time budget."""

    def __init__(self, pattern: str, timeout_ms: int) -> None:
        self.pattern = pattern
        self.timeout_ms = timeout_ms
        super().__init__(f"pattern {pattern!r} ran past its {timeout_ms} ms budget")


class PatternMatcher:
    """Compiled patterns; ``regex`` patterns pickle by recompiling."""

    __slots__ = ("case_sensitive", "compiled", "original", "sources", "timeout_ms")

    def __init__(self, sources: tuple[str, ...], compiled: tuple[Any, ...], case_sensitive: bool,
                 original: bool, timeout_ms: int) -> None:
        self.sources = sources
        self.compiled = compiled
        self.case_sensitive = case_sensitive
        self.original = original
        self.timeout_ms = timeout_ms

    def __reduce__(self) -> tuple[Any, ...]:
        return (PatternMatcher, (self.sources, self.compiled, self.case_sensitive, self.original, self.timeout_ms))

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        view = None if self.original else doc.view(self.case_sensitive)
        text = doc.text if view is None else view.text
        timeout = self.timeout_ms / 1000
        for source, compiled in zip(self.sources, self.compiled):
            try:
                # Collect first: a timeout part-way must not leave half a result behind.
                spans = [m.span() for m in compiled.finditer(text, timeout=timeout)]
            except TimeoutError:
                raise MatchTimeout(source, self.timeout_ms) from None
            for start, end in spans:
                if start == end:
                    continue  # an empty match points at nothing
                o_start, o_end = (start, end) if view is None else view.to_original(start, end)
                why: dict[str, Any] = {"kind": "pattern", "pattern": source, "normalised": text[start:end]}
                if view is not None and view.steps:
                    why["steps"] = list(view.steps)
                yield Hit(doc.name, o_start, o_end, why)


def _build(value: Any, options: dict[str, Any], ctx: BuildContext) -> PatternMatcher | None:
    sources = tuple(value if isinstance(value, list) else [value])
    case_sensitive = options.get("case_sensitive", False)
    original = options.get("view") == "original"
    compiled = []
    ok = True
    for i, source in enumerate(sources):
        where = ctx.where.child("pattern")
        node = ctx.option_node("pattern")
        if node.kind == "seq":
            where, node = where.child(i), node.value[i]
        if len(source) > MAX_PATTERN_LENGTH:
            where.problem(node, f"pattern is longer than {MAX_PATTERN_LENGTH} characters")
            ok = False
            continue
        wrapped = f"{WORD_START}(?:{source}){WORD_END}" if options.get("whole_word", False) else source
        try:
            compiled.append(regex.compile(wrapped, _flags(source, case_sensitive, original)))
        except (regex.error, ValueError, OverflowError) as exc:
            where.problem(node, f"invalid regular expression: {exc}")
            ok = False
    if not ok:
        return None
    timeout = options.get("timeout_ms", ctx.defaults.get("timeout_ms", DEFAULT_TIMEOUT_MS))
    return PatternMatcher(sources, tuple(compiled), case_sensitive, original, timeout)


def _flags(source: str, case_sensitive: bool, original: bool) -> int:
    """Compile flags: case-insensitive unless asked, with full case folding only where it can matter.

    The default view is already fully case-folded ("ß" is "ss" there), so an ASCII-only
    pattern needs only simple case-insensitivity; FULLCASE costs about a third more per search.
    """
    if case_sensitive:
        return regex.V0
    if original or not source.isascii():
        return regex.V0 | regex.IGNORECASE | regex.FULLCASE
    return regex.V0 | regex.IGNORECASE


KIND = KindSpec(
    name="pattern",
    value=AnyOf(((("str",), Str()), (("seq",), ListOf(Str(), min_items=1))), "a regular expression or a list of them"),
    options={
        "case_sensitive": Key(Bool(), doc="match case exactly (default false)"),
        "whole_word": Key(Bool(), doc="the match must start and end at word boundaries (connectguard's definition)"),
        "timeout_ms": Key(Int(1, 10_000), doc="time budget per search, in milliseconds (default: pack default, else 50)"),
        "view": Key(Str(choices=("normalised", "original")), doc="match the normalised text (default) or the original"),
    },
    build=_build,
    doc="Regular expressions (the regex module's syntax), run under a time budget.",
)
