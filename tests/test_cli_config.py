"""``connectguard check`` with a config file, selectors, overrides, suppressions, baselines, ``--jobs``,
the progress line and ``connectguard schema``: all through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ci_support import ROOT
from conftest import REPO, run_cli
from test_output_sarif import validate

from connectguard.lint.config import config_json_schema
from connectguard.loader.specs import pack_json_schema

PACK = ROOT / "tests" / "fixtures" / "ci" / "packs" / "ci.yaml"
POSTS = [
    {"id": "p1", "body": "I think we should vote them out."},
    {"id": "p2", "body": "My number is 555-123-4567, darn it."},
    {"id": "p3", "body": "All good here."},
]


def project(tmp_path: Path, config: str = "", posts: list[dict[str, Any]] = POSTS) -> Path:
    """A repository with ``connectguard.toml`` (using only the CI test pack) and content/posts.jsonl."""
    (tmp_path / "connectguard.toml").write_text(
        f'default-rules = false\nrules = [{json.dumps(str(PACK))}]\n{config}', encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "posts.jsonl").write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    return tmp_path


def check(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args, stdin=stdin, cwd=root)


def rules_found(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [v["rule"] for record in json.loads(proc.stdout)["records"] for v in record["violations"]]


def test_config_is_found_beside_the_inputs_and_applies(tmp_path: Path) -> None:
    root = project(tmp_path, 'ignore = ["tone"]\nfail-on = "remove"\n')
    proc = check(REPO, str(root / "content"), "--format", "json")   # run from elsewhere: found by the inputs
    assert proc.returncode == 0, proc.stderr                        # fail-on remove: nothing reaches it
    assert rules_found(proc) == ["politics.vote", "privacy.phone"]
    assert check(REPO, str(root / "content"), "--format", "json", "--fail-on", "hold").returncode == 1


def test_command_line_overrides_config(tmp_path: Path) -> None:
    root = project(tmp_path, 'select = ["privacy"]\n')
    assert rules_found(check(root, "content", "--format", "json")) == ["privacy.phone"]
    assert rules_found(check(root, "content", "--format", "json", "--select", "politics,category:profanity")) == [
        "politics.vote", "tone.darn"]
    assert rules_found(check(root, "content", "--format", "json", "--select", "ALL", "--ignore", "guideline:6")) == [
        "privacy.phone", "tone.darn"]
    isolated = check(root, "content", "--format", "json", "--isolated", "--no-default-rules", "--rules", str(PACK))
    assert rules_found(isolated) == ["politics.vote", "privacy.phone", "tone.darn"]


def test_overrides_change_action_and_mode(tmp_path: Path) -> None:
    root = project(tmp_path, '[overrides]\n"privacy.phone" = { action = "nudge", severity = "low" }\n'
                             'politics = { mode = "shadow" }\n')
    proc = check(root, "content", "--format", "json")
    assert proc.returncode == 0, proc.stdout   # hold became shadow, edit became nudge: below flag
    records = {r["id"]: r for r in json.loads(proc.stdout)["records"]}
    assert records["p1"]["decision"] == "allow" and records["p1"]["violations"][0]["mode"] == "shadow"
    phone = records["p2"]["violations"][0]
    assert (phone["action"], phone["severity"]) == ("nudge", "low")


def test_per_file_ignores(tmp_path: Path) -> None:
    root = project(tmp_path, '[per-file-ignores]\n"content/*.jsonl" = ["privacy", "politics.vote"]\n')
    proc = check(root, "content", "--format", "json")
    assert rules_found(proc) == ["tone.darn"]
    assert json.loads(proc.stdout)["summary"]["ignored"] == 2


def test_config_problems_exit_2_with_positions(tmp_path: Path) -> None:
    root = project(tmp_path, 'fail-on = "block"\nselect = ["privcy"]\n')
    proc = check(root, "content")
    assert proc.returncode == 2
    assert f"{root / 'connectguard.toml'}:3:1: fail-on: 'block' is not one of" in proc.stderr
    assert "1 problem in the configuration" in proc.stderr
    (root / "connectguard.toml").write_text(f'default-rules = false\nrules = ["{PACK}"]\nselect = ["privcy"]\n')
    proc = check(root, "content")
    assert proc.returncode == 2 and "'privcy' selects no rule (did you mean 'privacy.phone'?)" in proc.stderr


SUPPRESSED = ("Vote them out? <!-- connectguard: ignore[politics] reason=\"quoting a slogan\" --> No!\n\n"
              "A new paragraph: vote them out.")


def test_suppressions_hold_in_files_not_on_stdin(tmp_path: Path) -> None:
    root = project(tmp_path, posts=[{"id": "s", "body": SUPPRESSED}])
    in_file = check(root, "content", "--format", "json")
    violations = json.loads(in_file.stdout)["records"][0]["violations"]
    assert [v["start"] for v in violations] == [len(SUPPRESSED) - len("vote them out.")]   # the second paragraph only
    assert json.loads(in_file.stdout)["summary"]["suppressed"] == 1
    stdin = json.dumps({"id": "s", "body": SUPPRESSED}) + "\n"
    from_stdin = check(root, "-", "--format", "json", stdin=stdin)
    assert len(json.loads(from_stdin.stdout)["records"][0]["violations"]) == 2     # a post cannot silence itself
    trusted = check(root, "-", "--format", "json", "--trust-stdin", stdin=stdin)
    assert len(json.loads(trusted.stdout)["records"][0]["violations"]) == 1


def test_required_reason(tmp_path: Path) -> None:
    body = "<!-- connectguard: ignore[politics] -->\nvote them out"
    root = project(tmp_path, "require-suppression-reason = true\n", posts=[{"id": "r", "body": body}])
    proc = check(root, "content", "--format", "json")
    assert rules_found(proc) == ["politics.vote"] and proc.returncode == 1
    assert "content/posts.jsonl:1: ignore without reason" in proc.stderr


def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    root = project(tmp_path)
    proc = check(root, "content", "--baseline", "baseline.json", "--update-baseline")
    assert proc.returncode == 0 and "wrote 3 findings to the baseline" in proc.stderr
    stored = json.loads((root / "baseline.json").read_text())
    assert stored["format"] == "connectguard-baseline" and len(stored["findings"]) == 3
    assert "555" not in (root / "baseline.json").read_text()          # fingerprints, never the matched text
    assert check(root, "content", "--baseline", "baseline.json").returncode == 0
    more = [*POSTS, {"id": "p4", "body": "Vote them out, all of them."}]
    (root / "content" / "posts.jsonl").write_text("".join(json.dumps(p) + "\n" for p in more))
    (root / "connectguard.toml").write_text(
        (root / "connectguard.toml").read_text() + 'baseline = "baseline.json"\n')   # the config can name it
    proc = check(root, "content", "--format", "json")
    assert proc.returncode == 1 and rules_found(proc) == ["politics.vote"]
    assert json.loads(proc.stdout)["records"][3]["id"] == "p4" and json.loads(proc.stdout)["summary"]["baselined"] == 3
    missing = check(root, "content", "--baseline", "nope.json")
    assert missing.returncode == 2 and "no such baseline file" in missing.stderr


def test_jobs_give_the_same_report(tmp_path: Path) -> None:
    root = project(tmp_path, posts=POSTS * 70)
    one = check(root, "content", "--format", "jsonl")
    two = check(root, "content", "--format", "jsonl", "--jobs", "2")
    assert one.stdout == two.stdout and one.stdout.count("\n") == 210


def test_progress_only_on_a_terminal_and_only_for_text(tmp_path: Path) -> None:
    root = project(tmp_path, posts=POSTS * 400)

    def stderr_on_tty(*args: str) -> str:
        main, child = os.openpty()
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        with subprocess.Popen([sys.executable, "-m", "connectguard", "check", "content", *args], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=child, env=env) as proc:
            os.close(child)
            chunks = []
            while True:
                try:
                    chunk = os.read(main, 4096)
                except OSError:   # the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            proc.wait(timeout=120)
        os.close(main)
        return b"".join(chunks).decode("utf-8", "replace")

    assert "checked" in stderr_on_tty() and "posts" in stderr_on_tty()
    assert "checked" not in stderr_on_tty("--format", "json")
    assert "checked" not in stderr_on_tty("--no-progress")
    assert "checked" not in check(root, "content").stderr            # not a terminal: silent


def test_seed_content_example(tmp_path: Path) -> None:
    proc = check(REPO, "examples/seed-content")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "in 8 posts" in proc.stdout and "1 ignored by per-file-ignores, 1 suppressed inline" in proc.stdout
    sarif = check(REPO, "examples/seed-content", "--format", "sarif", "--isolated")
    log = json.loads(sarif.stdout)
    validate(log)
    assert log["runs"][0]["results"], "without its config the example has findings"


def test_schema_command_prints_the_generated_schemas() -> None:
    assert json.loads(run_cli("schema", "rules").stdout) == pack_json_schema()
    assert json.loads(run_cli("schema", "config").stdout) == config_json_schema()
    assert run_cli("schema", "bogus").returncode == 2
