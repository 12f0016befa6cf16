"""Shared by the CI output tests: run ``connectguard check`` on tests/fixtures/ci with its own pack.

The fixtures never depend on the built-in packs, so these tests hold whatever the
shipped rules say. Paths are relative to the repository root, where the CLI runs.
"""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Any

from conftest import run_cli

from connectguard import Guard
from connectguard.inputs import read_inputs
from connectguard.output import Summary, make_writer

ROOT = Path(__file__).resolve().parents[1]
CI = Path("tests/fixtures/ci")
PACK = CI / "packs" / "ci.yaml"
CONTENT = CI / "content"
OWN = ["--no-default-rules", "--rules", str(PACK)]


def run_check(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``connectguard check`` with the CI pack, in a subprocess; never a traceback."""
    return run_cli("check", *own_at(cwd), *args, stdin=stdin, cwd=cwd)


def own_at(cwd: Path) -> list[str]:
    """The pack arguments, usable from any working directory."""
    return OWN if cwd == ROOT else ["--no-default-rules", "--rules", str(ROOT / PACK)]


def content(name: str) -> str:
    return str(CONTENT / name)


def file_text(name: str) -> str:
    return (ROOT / CONTENT / name).read_text(encoding="utf-8")


def sarif(*args: str, stdin: str | None = None) -> dict[str, Any]:
    """The SARIF log of a run (on stdout)."""
    proc = run_check("--format", "sarif", *args, stdin=stdin)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def render_report(fmt: str, paths: list[str], guard: Guard, *, show_pii: bool = False, excerpt: bool = False) -> str:
    """What ``make_writer(fmt)`` writes for ``paths`` checked by ``guard``, in process (no CLI)."""
    stream = io.StringIO()
    writer = make_writer(fmt, stream, show_pii=show_pii, excerpt=excerpt, rules=guard.rules)
    summary = Summary()
    for record in read_inputs(paths):
        assert record.post is not None
        report = guard.check(record.post)
        summary.add(report)
        writer.write(record, report)
    writer.close(summary)
    return stream.getvalue()
