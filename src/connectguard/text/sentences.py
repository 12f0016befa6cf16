"""The single definition of a *sentence*, used by the ``sentence`` scope, ``speech`` and metrics."""

from __future__ import annotations

import regex

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace, or at a line break.
# So "example.biz" never ends one. Titles and common abbreviations ("Dr. Lee", "e.g. ibuprofen")
# do not end one either; rarer abbreviations do, which only makes "within: sentence" stricter,
# never wider.
_SENTENCE_END = regex.compile(
    r"(?<!\b(?i:dr|mr|mrs|ms|mx|prof|st|vs|etc|approx|e\.g|i\.e)(?=\.))[.!?]+[\"')\]]*(?=\s)|\n"
)


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every sentence of ``text``, covering it end to end (whitespace included)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return tuple(spans)
