"""A progress line on standard error for long batch checks: shown only on a terminal.

Machine formats and redirected output never see it; it redraws at most ten times
a second so it costs nothing measurable on big runs.
"""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """``checked 1,200 posts (3 files) 450/s`` redrawn in place; :meth:`done` clears it."""

    def __init__(self, stream: TextIO, enabled: bool, interval: float = 0.1) -> None:
        self.stream = stream
        self.enabled = enabled
        self.interval = interval
        self.posts = 0
        self.files: set[str] = set()
        self.started = time.monotonic()
        self.last = self.started - interval  # draw at the first post: a run is never silent on a terminal
        self.width = 0

    def advance(self, source: str) -> None:
        if not self.enabled:
            return
        self.posts += 1
        self.files.add(source)
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            rate = self.posts / max(now - self.started, 1e-9)
            files = len(self.files)
            self._draw(f"checked {self.posts:,} posts ({files:,} {'file' if files == 1 else 'files'}) {rate:,.0f}/s")

    def done(self) -> None:
        if self.enabled and self.width:
            self._draw("")

    def _draw(self, text: str) -> None:
        self.stream.write("\r" + text.ljust(self.width) + ("\r" if not text else ""))
        self.stream.flush()
        self.width = len(text)
