"""Shared by the benchmark scripts: where the repository and the corpus are, and the import path."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: ../shared/corpus beside the checkout; read when present, never copied into the project.
CORPUS_DIR = REPO.parent / "shared" / "corpus"

try:
    import connectguard  # noqa: F401
except ImportError:  # running from a source checkout without an install
    sys.path.insert(0, str(REPO / "src"))
