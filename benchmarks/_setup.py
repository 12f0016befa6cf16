"""Shared by the benchmark scripts: where the repository and the corpus are, and the import path."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: ../shared/corpus beside the checkout; read when present, never copied into the project.
CORPUS_DIR = REPO.parent / "shared" / "corpus"

try:
    import connectguard  # noqa: F401
except ImportError:  # running from a source checkout without an install
    sys.path.insert(0, str(REPO / "src"))


def read_corpus(name: str) -> list[dict[str, Any]]:
    """The records of one corpus file, or [] when the corpus is not beside the checkout."""
    path = CORPUS_DIR / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def posts_per_second(guard: Any, texts: list[str]) -> float:
    """``guard.check`` on each text as a post body, after a warm-up on the first 50."""
    import time

    from connectguard import Post

    for text in texts[:50]:
        guard.check(Post(body=text))  # warm caches and lazy imports
    started = time.perf_counter()
    for text in texts:
        guard.check(Post(body=text))
    return len(texts) / (time.perf_counter() - started)
