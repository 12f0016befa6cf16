"""Run every rule's ``examples`` (what ``connectguard rules test`` does).

Each example is checked against its rule ALONE, so another rule's behaviour can
never make an example pass or fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .guard import Guard
from .rule import Example, Rule


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: Rule
    example: Example
    reason: str

    def __str__(self) -> str:
        path = self.rule.source.path if self.rule.source else "<rules>"
        return f"{path}:{self.example.line}:1: {self.rule.id}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ExampleResults:
    rules: int
    examples: int
    failures: tuple[ExampleFailure, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


def run_examples(guard: Guard) -> ExampleResults:
    failures: list[ExampleFailure] = []
    count = 0
    for rule in guard.rules:
        single = guard.only(rule.id)
        for example in rule.examples:
            count += 1
            failures.extend(_check_example(single, rule, example))
    return ExampleResults(len(guard.rules), count, tuple(failures))


def _check_example(guard: Guard, rule: Rule, example: Example) -> Iterator[ExampleFailure]:
    report = guard.check(example.post)
    found = [v for v in report.violations if v.rule == rule.id]
    shown = _shown(example)
    if example.expect_match and not found:
        yield ExampleFailure(rule, example, f"missed a 'match' example: {shown}")
    elif not example.expect_match and found:
        texts = ", ".join(repr(v.text) for v in found)
        yield ExampleFailure(rule, example, f"fired on a 'no_match' example ({texts}): {shown}")
    elif example.expect_text is not None and example.expect_text not in [v.text for v in found]:
        texts = ", ".join(repr(v.text) for v in found)
        yield ExampleFailure(rule, example, f"matched {texts}, expected {example.expect_text!r}")


def _shown(example: Example) -> str:
    text = example.post.body or example.post.title
    return repr(text if len(text) <= 80 else text[:77] + "...")
