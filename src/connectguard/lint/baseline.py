"""Baselines: the findings a team accepted when adopting connectguard, so CI fails only on new ones.

A baseline stores, per finding, its display path, rule and fingerprint (the same
stable fingerprint SARIF reports: no line numbers, personal data hashed in its
masked form), never the matched text. Matching consumes entries, so two identical
findings with one in the baseline still report the second.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConnectGuardError
from ..inputs import InputRecord
from ..output.findings import Fingerprints, display_path, record_key
from ..report import Report, Violation

FORMAT = "connectguard-baseline"
VERSION = 1
MAX_BASELINE_BYTES = 50 * 1024 * 1024
Entry = tuple[str, str, str]  # (path, rule, fingerprint)


class BaselineError(ConnectGuardError):
    """A baseline file that cannot be read."""


@dataclass
class Baseline:
    """Accepted findings still unclaimed in this run."""

    entries: Counter[Entry] = field(default_factory=Counter)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            if path.stat().st_size > MAX_BASELINE_BYTES:
                raise BaselineError(f"{path}: baseline file is too large")
            data = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file (create it with --update-baseline)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not a connectguard baseline (expected {{\"format\": \"{FORMAT}\", ...}})")
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: baseline version {data.get('version')!r} is not supported (expected {VERSION})")
        entries: Counter[Entry] = Counter()
        for number, item in enumerate(data["findings"]):
            try:
                entries[(str(item["path"]), str(item["rule"]), str(item["fingerprint"]))] += 1
            except (KeyError, TypeError):
                raise BaselineError(f"{path}: findings[{number}] needs path, rule and fingerprint") from None
        return cls(entries)

    def claim(self, entry: Entry) -> bool:
        """True (and the entry used up) when ``entry`` is an accepted finding."""
        if self.entries[entry] <= 0:
            return False
        self.entries[entry] -= 1
        return True


class FindingKeys:
    """The baseline entry of each violation, fingerprinted in run order exactly as the SARIF writer does."""

    def __init__(self) -> None:
        self._fingerprints = Fingerprints()

    def entries(self, record: InputRecord, report: Report,
                violations: Iterable[Violation]) -> list[tuple[Violation, Entry]]:
        key, path = record_key(record, report), display_path(record.source)
        return [(v, (path, v.rule, self._fingerprints(key, v))) for v in violations]


def write_baseline(path: Path, entries: Iterable[Entry]) -> int:
    """Write ``entries`` (sorted, for reviewable diffs); returns how many."""
    rows = sorted(entries)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "findings": [{"path": p, "rule": r, "fingerprint": f} for p, r, f in rows],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return len(rows)
