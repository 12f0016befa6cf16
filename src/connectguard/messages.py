"""Member messages and moderator notes: templates with a closed set of placeholders.

Placeholders are checked when the pack loads (an unknown one is an error) and
filled by plain substitution: no attribute access, no format-spec tricks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import regex

PLACEHOLDERS = (
    "match", "rule", "category", "field", "action", "severity",
    "guideline", "guideline.title", "guideline.url", "censored",
)
_TOKEN = regex.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template: literal text and placeholder names, alternating."""

    parts: tuple[tuple[bool, str], ...]   # (is_placeholder, text or name)

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(text for is_name, text in self.parts if is_name)

    def render(self, values: Mapping[str, str]) -> str:
        return "".join(values.get(text, "") if is_name else text for is_name, text in self.parts)

    @property
    def source(self) -> str:
        """The template as written (braces of placeholders restored, literal braces doubled)."""
        return "".join("{" + text + "}" if is_name else text.replace("{", "{{").replace("}", "}}")
                       for is_name, text in self.parts)


_CENSORED_CHAR = regex.compile(r"(?<=\S[\s\S]*)\S")


def censor(text: str) -> str:
    """Every visible character but the first replaced by ``*``: "f.u.c.k you" -> "f****** ***"."""
    return _CENSORED_CHAR.sub("*", text)


def parse_template(source: str) -> tuple[Template, list[str]]:
    """Parse ``source``; returns the template and a list of problems (unknown placeholders...)."""
    parts: list[tuple[bool, str]] = []
    problems: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(source):
        if m.start() > pos:
            parts.append((False, source[pos:m.start()]))
        token = m.group()
        if token in ("{{", "}}"):
            parts.append((False, token[0]))
        elif m.group(1) is not None:
            name = m.group(1).strip()
            if name not in PLACEHOLDERS:
                problems.append(f"unknown placeholder {{{name}}} (known: {', '.join('{' + p + '}' for p in PLACEHOLDERS)})")
            parts.append((True, name))
        else:
            problems.append(f"unmatched {token!r}: write {token * 2!r} for a literal brace")
        pos = m.end()
    if pos < len(source):
        parts.append((False, source[pos:]))
    return Template(tuple(parts)), problems


#: The default replacement of a redacted match.
REMOVED = Template(((False, "[removed]"),))
