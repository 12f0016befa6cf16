"""Exceptions raised by connectguard, each naming where the problem is."""

from __future__ import annotations

from dataclasses import dataclass


class ConnectGuardError(Exception):
    """Base class of every error connectguard raises on purpose."""


@dataclass(frozen=True)
class RuleProblem:
    """One problem in a rule file, at a position a person can jump to."""

    path: str
    line: int       # 1-based
    column: int     # 1-based
    key: str        # dotted path of the offending key, e.g. rules[2].match.terms
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class RuleError(ConnectGuardError):
    """A rule pack could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class InvalidPostError(ConnectGuardError, ValueError):
    """A record could not be read as a post."""

    def __init__(self, message: str, post_id: str | None = None) -> None:
        self.post_id = post_id
        super().__init__(message)
