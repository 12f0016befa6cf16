"""Shared helpers for the engine tests: tiny packs written inline, and error lookup."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from connectguard import Guard, Post, RuleError, RuleProblem

FIXTURES = Path(__file__).parent / "fixtures" / "engine"
#: The shipped packs' word lists.
LEXICONS = Path(__file__).resolve().parents[1] / "rules" / "lexicons"


REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, stdin: str | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """``python -m connectguard ARGS`` in a subprocess on this checkout's sources; never a traceback."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "connectguard", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120, encoding="utf-8", check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@functools.cache
def shipped() -> Guard:
    """``Guard.default()``, loaded once for every shipped-pack test (a Guard is immutable)."""
    return Guard.default()

HEADER = """\
connectguard: 1
pack: test-pack
guidelines:
  4: {title: Be respectful, url: "https://example.org/g#4"}
  6: {title: No politics}
rules:
"""


def pack_text(rules: str, header: str = HEADER) -> str:
    """A pack made of ``header`` and the (dedented) ``rules`` YAML, indented as list items."""
    return header + textwrap.indent(textwrap.dedent(rules).strip("\n") + "\n", "  ")


def rule(match: str, *, rule_id: str = "test.rule", extra: str = "", category: str = "spam",
         message: str = "found {match}") -> str:
    """One rule as YAML (a list item), ``match`` being the YAML body of the match block."""
    body = textwrap.indent(textwrap.dedent(match).strip("\n"), "    ")
    more = textwrap.indent(textwrap.dedent(extra).strip("\n"), "  ") if extra.strip() else ""
    out = f"- id: {rule_id}\n  category: {category}\n  message: {message!r}\n  match:\n{body}\n"
    return out + (more + "\n" if more else "")


def guard_of(*rules: str, header: str = HEADER, **options) -> Guard:
    return Guard.from_yaml(pack_text("".join(rules), header), "test.yaml", **options)


def hits(guard: Guard, body: str = "", title: str = "", **post) -> list[tuple[str, str, int, int]]:
    """(field, text, start, end) of every violation of ``guard`` on a post."""
    report = guard.check(Post(title=title, body=body, **post))
    return [(v.field, v.text, v.start, v.end) for v in report.violations]


def texts(guard: Guard, body: str = "", title: str = "", **post) -> list[str]:
    return [t for _, t, _, _ in hits(guard, body, title, **post)]


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def load_error(text: str, name: str = "test.yaml") -> RuleError:
    with pytest.raises(RuleError) as info:
        Guard.from_yaml(text, name)
    return info.value


def find_problem(error: RuleError, key: str) -> RuleProblem:
    found = [p for p in error.problems if p.key == key]
    assert found, f"no problem with key {key!r} in:\n{error}"
    return found[0]


@pytest.fixture
def write_pack(tmp_path: Path):
    """Write a pack file (and optional side files) into a fresh folder; returns its path."""

    def write(text: str, name: str = "pack.yaml", **files: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for file_name, content in files.items():
            (tmp_path / file_name).write_text(content, encoding="utf-8")
        return path

    return write


def pii_found(detector, text: str, *args):  # type: ignore[no-untyped-def]
    """(span as written, finding) for every finding of a PII ``detector`` in ``text``."""
    from connectguard.matchers.pii.scan import Scan

    scan = Scan.of(text)
    return [(scan.text[f.start:f.end], f) for f in detector(scan, *args)]
