"""Drive Debian's headless chromium for the HTML report tests: the DOM after the page's script ran, a screenshot.

No browser: the test is skipped, unless ``CONNECTGUARD_REQUIRE_BROWSER=1`` (CI sets it),
where a missing browser must fail rather than silently skip the only real rendering test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT = 60
#: Headless, offline, and with nothing of a user profile: every run gets a fresh one.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--mute-audio", "--hide-scrollbars"]


def chromium() -> str:
    """The browser's path; skips (or fails under ``CONNECTGUARD_REQUIRE_BROWSER=1``) when there is none."""
    path = "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else shutil.which("chromium")
    if path:
        return path
    message = "chromium is not installed (apt-get install --no-install-recommends chromium)"
    if os.environ.get("CONNECTGUARD_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " and CONNECTGUARD_REQUIRE_BROWSER=1")
    pytest.skip(message)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="cg-chromium-") as profile:
        proc = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=TIMEOUT, check=False, encoding="utf-8", errors="replace")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def dump_dom(page: Path, fragment: str = "") -> str:
    """The serialised DOM of ``page`` (opened at ``#fragment``) once its script has run."""
    return _run("--virtual-time-budget=2000", "--dump-dom", page.resolve().as_uri() + fragment).stdout


def screenshot(page: Path, out: Path, width: int = 1280, height: int = 2000) -> Path:
    """A PNG of ``page`` as a ``width`` x ``height`` window shows it, written to ``out``."""
    _run("--virtual-time-budget=2000", f"--screenshot={out}", f"--window-size={width},{height}",
         page.resolve().as_uri())
    return out


__all__ = ["chromium", "dump_dom", "screenshot"]
