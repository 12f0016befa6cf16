"""``terms``: lists of words or phrases, matched with one Aho-Corasick automaton.

Text and terms go through the same normaliser, then both are reduced to their
words (see :mod:`connectguard.text.words`) joined by single spaces. The automaton
runs over that joined string once, so the cost per post does not grow with the
list, and every overlapping term is reported.

Modes: ``word`` (whole words; the separators inside a multi-word term must match,
any run of whitespace counting as one space), ``phrase`` (whole words, any run of
spaces/punctuation between them), ``prefix`` (starts at a word start, the span runs
to the end of that word), ``substring`` (anywhere, even inside a word).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from ..loader.schema import Bool, Key, ListOf, Str
from ..text.normalise import MappedText, Normaliser
from ..text.words import WORD_RE
from .base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc, read_list_file

MODES = ("word", "phrase", "prefix", "substring")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TokenView:
    """The words of a normalised text joined by single spaces, with their positions."""

    joined: str
    joined_starts: tuple[int, ...]   # where each word starts in ``joined``
    starts: tuple[int, ...]          # where each word starts in the normalised text
    ends: tuple[int, ...]

    @classmethod
    def of(cls, mapped: MappedText) -> TokenView:
        words, starts, ends, joined_starts = [], [], [], []
        pos = 0
        for m in WORD_RE.finditer(mapped.text):
            words.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
            joined_starts.append(pos)
            pos += len(m.group()) + 1
        return cls(" ".join(words), tuple(joined_starts), tuple(starts), tuple(ends))


@dataclass(frozen=True, slots=True)
class _Variant:
    term: str                     # as written in the pack
    gaps: tuple[str, ...] | None  # separators between words (word mode only)


class TermsMatcher:
    """A compiled term list. Immutable; pickled as its terms, rebuilt on load."""

    __slots__ = ("mode", "case_sensitive", "_entries", "_automaton")

    def __init__(self, mode: str, case_sensitive: bool, entries: dict[str, tuple[_Variant, ...]]) -> None:
        self.mode = mode
        self.case_sensitive = case_sensitive
        self._entries = entries
        automaton = ahocorasick.Automaton()
        for key, variants in entries.items():
            automaton.add_word(key, (key, variants))
        automaton.make_automaton()
        self._automaton = automaton

    def __reduce__(self) -> tuple[Any, ...]:
        return (TermsMatcher, (self.mode, self.case_sensitive, self._entries))

    def __len__(self) -> int:
        return sum(len(v) for v in self._entries.values())

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        view = doc.view(self.case_sensitive)
        if self.mode == "substring":
            for end, (key, variants) in self._automaton.iter(view.text):
                yield self._hit(doc, view, end + 1 - len(key), end + 1, key, variants[0])
            return
        tokens: TokenView = doc.cached(("tokens", self.case_sensitive), lambda: TokenView.of(view))
        for end, (key, variants) in self._automaton.iter(tokens.joined):
            first = bisect_left(tokens.joined_starts, end + 1 - len(key))
            if first >= len(tokens.starts) or tokens.joined_starts[first] != end + 1 - len(key):
                continue  # starts inside a word
            last = bisect_right(tokens.joined_starts, end) - 1
            word_end = tokens.joined_starts[last] + (tokens.ends[last] - tokens.starts[last])
            if self.mode != "prefix" and end + 1 != word_end:
                continue  # ends inside a word
            variant = variants[0]
            if self.mode == "word":
                gaps = tuple(
                    _WHITESPACE.sub(" ", view.text[tokens.ends[i]:tokens.starts[i + 1]]) for i in range(first, last)
                )
                matching = [v for v in variants if v.gaps == gaps]
                if not matching:
                    continue
                variant = matching[0]
            yield self._hit(doc, view, tokens.starts[first], tokens.ends[last], key, variant)

    def _hit(self, doc: FieldDoc, view: MappedText, start: int, end: int, key: str, variant: _Variant) -> Hit:
        o_start, o_end = view.to_original(start, end)
        why: dict[str, Any] = {"kind": "terms", "mode": self.mode, "term": variant.term, "normalised": view.text[start:end]}
        if view.steps:
            why["steps"] = list(view.steps)
        return Hit(doc.name, o_start, o_end, why)


def term_entries(terms: list[str], mode: str, case_sensitive: bool, normaliser: Normaliser) -> tuple[dict[str, tuple[_Variant, ...]], list[str]]:
    """Normalise terms into automaton keys; returns the entries and the unusable terms."""
    entries: dict[str, list[_Variant]] = {}
    unusable: list[str] = []
    for term in terms:
        mapped = normaliser.normalise(term)
        text = mapped.text if case_sensitive else normaliser.fold_case(mapped).text
        if mode == "substring":
            key, gaps = text, None
        else:
            spans = [m.span() for m in WORD_RE.finditer(text)]
            if not spans:
                unusable.append(term)
                continue
            key = " ".join(text[s:e] for s, e in spans)
            gaps = None
            if mode == "word":
                gaps = tuple(_WHITESPACE.sub(" ", text[spans[i][1]:spans[i + 1][0]]) for i in range(len(spans) - 1))
        variants = entries.setdefault(key, [])
        if all(v.gaps != gaps for v in variants):
            variants.append(_Variant(term, gaps))
    return {k: tuple(v) for k, v in entries.items()}, unusable


def _build(value: list[str], options: dict[str, Any], ctx: BuildContext) -> TermsMatcher | None:
    terms = list(value)
    if "file" in options:
        from_file = read_list_file(options["file"], ctx, "file")
        if from_file is None:
            return None
        terms.extend(from_file)
    if not terms:
        ctx.problem("terms", "the term list is empty")
        return None
    mode = options.get("mode", "word")
    case_sensitive = options.get("case_sensitive", False)
    entries, unusable = term_entries(terms, mode, case_sensitive, ctx.normaliser)
    if unusable:
        ctx.problem("terms", f"terms with no word characters cannot match in {mode!r} mode: {unusable[:5]}",
                    "use mode: substring")
        return None
    return TermsMatcher(mode, case_sensitive, entries)


KIND = KindSpec(
    name="terms",
    value=ListOf(Str(), single_ok=False),
    options={
        "mode": Key(Str(choices=MODES), doc="word (default) | phrase | prefix | substring"),
        "case_sensitive": Key(Bool(), doc="match case exactly (default false)"),
        "file": Key(Str(), doc="a file of terms beside the pack, one per line, # comments"),
    },
    build=_build,
    doc="A list of words or phrases; cost does not grow with the list.",
)
