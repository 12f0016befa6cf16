"""The guidelines table a pack may read from a file (``guidelines_file``)."""

from __future__ import annotations

import regex

from ..errors import RuleProblem
from ..rule import Guideline

_GUIDELINE_LINE = regex.compile(r"(?P<number>\d{1,3})\.\s+(?P<title>.+?)(?:\s+<(?P<url>[^<>\s]+)>)?\s*")


def parse_guidelines(text: str, path: str) -> tuple[dict[int, Guideline], list[RuleProblem]]:
    """A guidelines file: ``<number>. <title>`` per line, optionally ending in ``<url>``.

    Every bad line is reported with its own ``file:line:column``.
    """
    table: dict[int, Guideline] = {}
    problems: list[RuleProblem] = []
    for line_no, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(line.lstrip()) + 1
        m = _GUIDELINE_LINE.fullmatch(stripped)
        if m is None or not 1 <= int(m["number"]) <= 999:
            problems.append(RuleProblem(path, line_no, column, "guidelines_file",
                                        "expected '<number>. <title>' with a number from 1 to 999",
                                        "e.g. '4. Respect all members <https://example.org/guidelines#4>'"))
            continue
        number = int(m["number"])
        if number in table:
            problems.append(RuleProblem(path, line_no, column, "guidelines_file", f"guideline {number} is listed twice"))
            continue
        table[number] = Guideline(number, m["title"], m["url"])
    return table, problems
