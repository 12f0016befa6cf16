"""``--report FORMAT=PATH`` (several reports from one run) and ``--statistics`` (violations per rule)."""

from __future__ import annotations

import json
from pathlib import Path

from ci_support import CONTENT, content, run_check

ALL = str(CONTENT)


def test_reports_are_written_alongside_the_main_output(tmp_path: Path) -> None:
    plain = run_check(ALL)
    sarif, summary, jsonl = tmp_path / "out.sarif", tmp_path / "summary.md", tmp_path / "records.jsonl"
    proc = run_check(ALL, "--report", f"sarif={sarif}", "--report", f"markdown={summary}",
                     "--report", f"jsonl={jsonl}")
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout) == (1, plain.stdout)
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert summary.read_text(encoding="utf-8").startswith("## connectguard\n")
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 8
    # The same report as the main output is byte for byte what --format writes.
    assert sarif.read_text(encoding="utf-8") == run_check(ALL, "--format", "sarif").stdout


def test_reports_with_output_file(tmp_path: Path) -> None:
    main, annotations = tmp_path / "main.json", tmp_path / "github.txt"
    proc = run_check(ALL, "--format", "json", "--output-file", str(main), "--report", f"github={annotations}")
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads(main.read_text(encoding="utf-8"))["summary"]["violations"] == 12
    assert annotations.read_text(encoding="utf-8").startswith("::")


def test_reports_are_written_when_records_cannot_be_read(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    proc = run_check("-", "--report", f"markdown={target}", stdin='{"body": "vote them out"}\n{oops\n')
    assert proc.returncode == 2
    assert "could not be read" in target.read_text(encoding="utf-8")


def test_bad_report_arguments_are_usage_errors(tmp_path: Path) -> None:
    for spec, message in (("sarif", "expected FORMAT=PATH"), ("xml=out.xml", "unknown format 'xml'"),
                          ("sarif=", "expected FORMAT=PATH")):
        proc = run_check(ALL, "--report", spec)
        assert proc.returncode == 2 and message in proc.stderr, (spec, proc.stderr)
    same = str(tmp_path / "x")
    proc = run_check(ALL, "--output-file", same, "--report", f"sarif={same}")
    assert proc.returncode == 2 and "more than one report" in proc.stderr
    assert not Path(same).exists()  # refused before anything was written


def test_statistics_follow_the_text_output() -> None:
    proc = run_check(ALL, "--statistics")
    lines = proc.stdout.splitlines()
    summary_at = next(i for i, line in enumerate(lines) if line.startswith("Found 12 violations"))
    assert lines[summary_at + 1:] == [
        "4  politics.vote  hold            guideline 6: No politics",
        "3  privacy.phone  edit            guideline 9: Protect personal information",
        "3  tone.darn      nudge           category profanity",
        "1  safety.meds    flag            category safety",
        "1  spam.shadow    remove, shadow  category spam",
    ]
    assert proc.returncode == 1


def test_statistics_keep_a_document_on_stdout_valid(tmp_path: Path) -> None:
    proc = run_check(ALL, "--format", "sarif", "--statistics")
    json.loads(proc.stdout)
    assert proc.stderr.splitlines()[0].startswith("4  politics.vote")
    target = tmp_path / "out.sarif"
    proc = run_check(ALL, "--format", "sarif", "--output-file", str(target), "--statistics")
    assert proc.stdout.splitlines()[0].startswith("4  politics.vote")


def test_statistics_when_nothing_is_found() -> None:
    proc = run_check(content("clean.md"), "--statistics")
    assert proc.stdout.splitlines()[-1] == "No violations."
    assert proc.returncode == 0
