"""Machine formats: ``jsonl`` (one ``report.to_dict()`` a line) and ``json`` (a summary plus the records)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..inputs import InputRecord
from ..report import Report
from . import Summary


class JsonlWriter:
    """One JSON object per post, in input order, written as soon as it is known."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False) -> None:
        self.stream = stream
        self.show_pii = show_pii

    def write(self, record: InputRecord, report: Report) -> None:
        self.stream.write(json.dumps(report.to_dict(self.show_pii), ensure_ascii=False) + "\n")

    def close(self, summary: Summary) -> None:
        self.stream.flush()


class JsonWriter:
    """``{"summary": {...}, "records": [...]}``, written at the end."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False) -> None:
        self.stream = stream
        self.show_pii = show_pii
        self.records: list[dict[str, Any]] = []

    def write(self, record: InputRecord, report: Report) -> None:
        self.records.append(report.to_dict(self.show_pii))

    def close(self, summary: Summary) -> None:
        doc = {"summary": summary.to_dict(), "records": self.records}
        json.dump(doc, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
        self.stream.flush()
