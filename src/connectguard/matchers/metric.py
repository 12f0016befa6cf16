"""``metric``: counts and lengths compared with thresholds ("title shorter than 3 words")."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import regex

from ..loader.schema import Int, Key, Str
from ..text.sentences import sentence_spans
from ..text.urls import find_links
from ..text.words import WORD_RE
from .base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc

_EMOJI = regex.compile(r"\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*")
# A run of three or more ! / ? ("!!!", "?!?"), or four or more dots.
_REPEATED_PUNCTUATION = regex.compile(r"[!?]{3,}|\.{4,}")
_LINE = regex.compile(r"[^\n]*\S[^\n]*")

Span = tuple[int, int]

#: What can be measured: each returns the spans of the counted items.
MEASURES: dict[str, Callable[[str], list[Span]]] = {
    "characters": lambda text: [(i, i + 1) for i, c in enumerate(text) if not c.isspace()],
    "words": lambda text: [m.span() for m in WORD_RE.finditer(text)],
    "lines": lambda text: [m.span() for m in _LINE.finditer(text)],
    "links": lambda text: [(link.start, link.end) for link in find_links(text)],
    "emoji": lambda text: [m.span() for m in _EMOJI.finditer(text)],
    "repeated_punctuation": lambda text: [m.span() for m in _REPEATED_PUNCTUATION.finditer(text)],
    "repeated_links": lambda text: _repeats((link.start, link.end, _link_key(link.url)) for link in find_links(text)),
    "repeated_sentences": lambda text: _repeats(_sentences_of_three_words(text)),
}
def _link_key(url: str) -> str:
    """A link's identity for repetition: host and path, without scheme, ``www.``, case or trailing slash."""
    bare = regex.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", url)
    return bare.rstrip("/").casefold()


def _repeats(items: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Spans of the items whose key already appeared earlier in the text."""
    seen: set[str] = set()
    spans = []
    for start, end, key in items:
        if key in seen:
            spans.append((start, end))
        seen.add(key)
    return spans


def _sentences_of_three_words(text: str) -> Iterator[tuple[int, int, str]]:
    """Sentences of three or more words, keyed by their words in lower case (punctuation ignored)."""
    for start, end in sentence_spans(text):
        words = WORD_RE.findall(text, start, end)
        if len(words) >= 3:
            piece = text[start:end]
            lead = len(piece) - len(piece.lstrip())
            yield start + lead, start + len(piece.rstrip()), " ".join(words).casefold()


COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    "less_than": operator.lt,
    "at_most": operator.le,
    "more_than": operator.gt,
    "at_least": operator.ge,
}


class MetricMatcher:
    __slots__ = ("measure", "thresholds")

    def __init__(self, measure: str, thresholds: tuple[tuple[str, int], ...]) -> None:
        self.measure = measure
        self.thresholds = thresholds

    def __reduce__(self) -> tuple[Any, ...]:
        return (MetricMatcher, (self.measure, self.thresholds))

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        items: list[Span] = doc.cached(("metric", self.measure), lambda: MEASURES[self.measure](doc.text))
        count = len(items)
        if not all(COMPARISONS[name](count, limit) for name, limit in self.thresholds):
            return
        if items:
            start, end = items[0][0], items[-1][1]
        else:  # nothing counted: point at the whole (stripped) field
            stripped = doc.text.strip()
            start = doc.text.find(stripped) if stripped else 0
            end = start + len(stripped)
        why = {"kind": "metric", "measure": self.measure, "value": count, **dict(self.thresholds)}
        yield Hit(doc.name, start, end, why)


def _build(value: str, options: dict[str, Any], ctx: BuildContext) -> MetricMatcher | None:
    thresholds = tuple((name, options[name]) for name in COMPARISONS if name in options)
    if not thresholds:
        ctx.problem("metric", "a metric needs a threshold: " + ", ".join(COMPARISONS))
        return None
    return MetricMatcher(value, thresholds)


KIND = KindSpec(
    name="metric",
    value=Str(choices=tuple(MEASURES)),
    options={name: Key(Int(0, 10**9), doc=f"fires when the count is {name.replace('_', ' ')} this") for name in COMPARISONS},
    build=_build,
    doc="A count (characters, words, lines, links, emoji, repeated_punctuation, repeated_links, repeated_sentences) compared with thresholds.",
)
