"""The ``connectguard`` command line, end to end through a subprocess.

Uses the tiny packs in tests/fixtures/cli/packs so nothing depends on the
contents of the built-in packs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
FIX = Path("tests/fixtures/cli")
PACK = str(FIX / "packs/pack.yaml")
BAD = str(FIX / "packs/bad.yaml")
FAILING = str(FIX / "packs/failing.yaml")
INPUTS = FIX / "inputs"
OWN = ["--no-default-rules", "--rules", PACK]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, stdin=stdin)


def check(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run("check", *OWN, *args, stdin=stdin)


def inp(name: str) -> str:
    return str(INPUTS / name)


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


# -- formats --------------------------------------------------------------------------

def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert re.fullmatch(r"connectguard \d+\.\d+\.\d+\S*\n", proc.stdout)


def test_text_format_lines_and_summary() -> None:
    proc = check(inp("posts.jsonl"))
    assert proc.returncode == 1
    path = inp("posts.jsonl")
    assert proc.stdout.splitlines() == [
        f"{path}:1:1: politics.vote [medium] Please keep politics out (No politics): vote them out (hold)",
        f"{path}:4:1: privacy.phone [high] Please do not share phone numbers like 555-***-**67. (edit)",
        f"{path}:4:1: tone.darn [low] Please mind your language. (nudge)",
        "Found 3 violations in 2 of 3 posts (decision: hold x1, edit x1).",
    ]
    assert proc.stderr == ""


def test_jsonl_format_follows_the_contract() -> None:
    proc = check("--format", "jsonl", inp("posts.jsonl"))
    assert proc.returncode == 1
    out = records(proc.stdout)
    assert [r["id"] for r in out] == ["a1", "a2", f"{inp('posts.jsonl')}:4"]  # input order, default id
    assert [r["decision"] for r in out] == ["hold", "allow", "edit"]
    assert set(out[0]) == {"id", "decision", "violations"}
    v = out[0]["violations"][0]
    assert set(v) == {"rule", "category", "guideline", "severity", "confidence", "action", "mode", "field",
                      "start", "end", "text", "message", "note", "why"}
    body = "I think we should vote them out."
    assert body[v["start"]:v["end"]] == v["text"] == "vote them out"
    assert (v["rule"], v["category"], v["guideline"], v["action"], v["mode"]) == (
        "politics.vote", "politics", 6, "hold", "enforce")
    # Personal data is masked in text/message by default, never in the spans.
    phone = out[2]["violations"][0]
    assert phone["rule"] == "privacy.phone"
    assert phone["text"] == "555-***-**67"
    assert (phone["start"], phone["end"]) == (13, 25)
    assert "555-123-4567" not in proc.stdout


def test_jsonl_show_pii() -> None:
    proc = check("--format", "jsonl", "--show-pii", inp("posts.jsonl"))
    phone = records(proc.stdout)[2]["violations"][0]
    assert phone["text"] == "555-123-4567"
    assert "555-123-4567" in phone["message"]


def test_text_masks_pii_unless_shown() -> None:
    masked = check(inp("posts.jsonl")).stdout
    assert "555-123-4567" not in masked and "555-***-**67" in masked
    shown = check("--show-pii", inp("posts.jsonl")).stdout
    assert "like 555-123-4567." in shown


def test_json_format_has_summary_and_records() -> None:
    proc = check("--format", "json", inp("posts.jsonl"))
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert set(doc) == {"summary", "records"}
    summary = doc["summary"]
    assert summary["posts"] == 3 and summary["violations"] == 3 and summary["errors"] == 0
    assert summary["decisions"] == {"allow": 1, "edit": 1, "hold": 1}
    assert summary["rules"] == {"politics.vote": 1, "privacy.phone": 1, "tone.darn": 1}
    assert doc["records"] == records(check("--format", "jsonl", inp("posts.jsonl")).stdout)


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    proc = check("--format", "jsonl", "--output-file", str(target), inp("posts.jsonl"))
    assert proc.returncode == 1 and proc.stdout == ""
    assert [r["id"] for r in records(target.read_text(encoding="utf-8"))][:2] == ["a1", "a2"]


def test_workers_give_the_same_output_in_order() -> None:
    one = check("--format", "jsonl", str(INPUTS / "posts.jsonl"), inp("posts.json"))
    two = check("--format", "jsonl", "--workers", "2", str(INPUTS / "posts.jsonl"), inp("posts.json"))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_terminal_gets_an_excerpt_with_carets() -> None:
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "connectguard", "check", *OWN, inp("post.md"), inp("posts.jsonl")],
                          stdout=slave, stderr=subprocess.PIPE, cwd=ROOT, env=env, timeout=120)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    out = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert proc.returncode == 1
    assert " 7 | Second line: we must vote them out now.\n   |                      ^^^^^^^^^^^^^\n" in out
    assert " body | My number is 555-***-**67, darn it.\n      |              ^^^^^^^^^^^^\n" in out
    assert "555-123-4567" not in out


# -- inputs ---------------------------------------------------------------------------

def test_stdin_dash() -> None:
    lines = '{"id": "x1", "body": "vote them out"}\n\n{"body": "all good"}\n'
    proc = check("--format", "jsonl", "-", stdin=lines)
    assert proc.returncode == 1
    assert [(r["id"], r["decision"]) for r in records(proc.stdout)] == [("x1", "hold"), ("<stdin>:3", "allow")]


def test_malformed_jsonl_line_is_reported_and_the_rest_checked() -> None:
    proc = check("--format", "jsonl", inp("malformed.jsonl"))
    assert proc.returncode == 2
    assert [r["id"] for r in records(proc.stdout)] == ["b1", "b3"]
    assert re.search(rf"^{re.escape(inp('malformed.jsonl'))}:2: invalid JSON", proc.stderr, re.MULTILINE)
    text = check(inp("malformed.jsonl"))
    assert text.returncode == 2
    assert text.stdout.splitlines()[-1].endswith("1 record could not be read.")


def test_invalid_post_record_is_an_input_error() -> None:
    proc = check("--format", "jsonl", "-", stdin='{"id": "q", "title": 5}\n{"id": "ok", "body": "fine"}\n')
    assert proc.returncode == 2
    assert "<stdin>:1: 'title' must be a string" in proc.stderr
    assert [r["id"] for r in records(proc.stdout)] == ["ok"]


def test_extra_record_keys_are_ignored_but_named_on_error() -> None:
    lines = '{"id": "m1", "body": "vote them out", "labels": ["politics"], "note": "x"}\n{"id": "m2", "bdy": "typo"}\n'
    proc = check("--format", "jsonl", "-", stdin=lines)
    assert proc.returncode == 2
    assert [(r["id"], r["decision"]) for r in records(proc.stdout)] == [("m1", "hold")]
    assert "<stdin>:2: a post needs a 'title' or a 'body' (ignored keys: bdy)" in proc.stderr


def test_markdown_front_matter_maps_to_file_line_and_column() -> None:
    proc = check("--format", "text", inp("post.md"))
    path = inp("post.md")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:2] == [
        f"{path}:3:15: politics.vote [medium] Please keep politics out (No politics): vote them out (hold)",
        f"{path}:7:22: politics.vote [medium] Please keep politics out (No politics): vote them out (hold)",
    ]
    out = records(check("--format", "jsonl", inp("post.md")).stdout)
    assert out[0]["id"] == "md-1"
    assert [(v["field"], v["start"]) for v in out[0]["violations"]] == [("title", 7), ("body", 41)]


def test_txt_file_is_one_post_with_exact_positions() -> None:
    proc = check(inp("note.txt"))
    assert proc.stdout.splitlines()[0] == f"{inp('note.txt')}:2:6: tone.darn [low] Please mind your language. (nudge)"
    assert records(check("--format", "jsonl", inp("note.txt")).stdout)[0]["id"] == inp("note.txt")


def test_csv_records_keep_their_starting_line() -> None:
    proc = check("--format", "jsonl", inp("posts.csv"))
    out = records(proc.stdout)
    assert [r["id"] for r in out] == ["c1", f"{inp('posts.csv')}:3"]
    assert {v["rule"] for v in out[1]["violations"]} == {"tone.darn", "politics.vote"}
    text = check(inp("posts.csv")).stdout
    assert f"{inp('posts.csv')}:3:1: politics.vote" in text


def test_yaml_and_json_records_keep_their_line() -> None:
    yaml_out = records(check("--format", "jsonl", inp("posts.yaml")).stdout)
    assert [r["id"] for r in yaml_out] == ["y1", f"{inp('posts.yaml')}:4"]
    json_text = check(inp("posts.json")).stdout.splitlines()
    assert json_text[0].startswith(f"{inp('posts.json')}:2:1: tone.darn")
    assert json_text[1].startswith(f"{inp('posts.json')}:3:1: politics.vote")


def test_directory_is_walked_in_sorted_order() -> None:
    proc = check("--format", "jsonl", str(INPUTS))
    assert proc.returncode == 2  # malformed.jsonl is in there
    ids = [r["id"] for r in records(proc.stdout)]
    assert ids[0] == f"{inp('clean.csv')}:2"
    assert ids.index("b1") < ids.index("md-1") < ids.index("a1")


# -- exit codes and options -----------------------------------------------------------

def test_exit_0_when_nothing_reaches_fail_on() -> None:
    proc = check(inp("clean.csv"))
    assert proc.returncode == 0
    assert proc.stdout == "Found 0 violations in 1 post.\n"


def test_fail_on() -> None:
    assert check(inp("nudge.jsonl")).returncode == 0          # nudge < flag (default)
    assert check("--fail-on", "nudge", inp("nudge.jsonl")).returncode == 1
    assert check("--fail-on", "hold", inp("posts.jsonl")).returncode == 1
    assert check("--fail-on", "remove", inp("posts.jsonl")).returncode == 0
    assert check("--fail-on", "bogus", inp("posts.jsonl")).returncode == 2


def test_shadow_rules_never_fail_the_run() -> None:
    proc = check("--fail-on", "allow", inp("shadow.jsonl"))
    assert proc.returncode == 0
    assert "spam.shadow [medium] Possible spam. (remove, shadow)" in proc.stdout


def test_usage_errors_exit_2() -> None:
    for args in ([], ["--format", "xml", inp("posts.jsonl")], ["--workers", "0", inp("posts.jsonl")]):
        proc = run("check", *OWN, *args)
        assert proc.returncode == 2, args
        assert proc.stderr
    assert run("check", "--no-default-rules", inp("posts.jsonl")).returncode == 2
    assert run().returncode == 2
    assert run("rules").returncode == 2


def test_missing_input_and_missing_rules_exit_2() -> None:
    proc = check("nope.jsonl")
    assert proc.returncode == 2 and "nope.jsonl:1: no such file" in proc.stderr
    proc = run("check", "--no-default-rules", "--rules", "nope.yaml", inp("posts.jsonl"))
    assert proc.returncode == 2 and "nope.yaml" in proc.stderr
    proc = check(inp("../packs/pack.yaml"))
    assert proc.returncode == 2 and "rule pack" in proc.stderr


def test_bad_rule_file_names_file_line_column() -> None:
    proc = run("check", "--no-default-rules", "--rules", BAD, inp("posts.jsonl"))
    assert proc.returncode == 2
    assert f"{BAD}:6:5: rules[0].acton: unknown key 'acton' (did you mean 'action'?)" in proc.stderr
    assert proc.stdout == ""


# -- rules subcommands ----------------------------------------------------------------

def test_rules_validate() -> None:
    ok = run("rules", "validate", PACK)
    assert (ok.returncode, ok.stdout) == (0, "4 rules in 1 pack OK\n")
    bad = run("rules", "validate", PACK, BAD)
    assert bad.returncode == 2
    assert f"{BAD}:6:5: rules[0].acton" in bad.stderr


def test_rules_test_counts_examples() -> None:
    ok = run("rules", "test", PACK)
    assert (ok.returncode, ok.stdout) == (0, "5 passed, 0 failed\n")
    failing = run("rules", "test", FAILING)
    assert failing.returncode == 1
    lines = failing.stdout.splitlines()
    assert lines[-1] == "2 passed, 2 failed"
    assert lines[0] == f"{FAILING}:13:1: tone.heck: missed a 'match' example: 'what the hell'"
    assert lines[1].startswith(f"{FAILING}:15:1: tone.heck: fired on a 'no_match' example")
    assert run("rules", "test", BAD).returncode == 2


def test_rules_list() -> None:
    proc = run("rules", "list", PACK)
    assert proc.returncode == 0
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert rows[0] == ["ID", "CATEGORY", "GUIDELINE", "ACTION", "MODE"]
    assert rows[1:] == [["politics.vote", "politics", "6", "hold", "enforce"],
                        ["privacy.phone", "personal-info", "9", "edit", "enforce"],
                        ["tone.darn", "profanity", "-", "nudge", "enforce"],
                        ["spam.shadow", "spam", "-", "remove", "shadow"]]


def test_rules_show() -> None:
    proc = run("rules", "show", "politics.vote", "--rules", PACK)
    assert proc.returncode == 0
    out = proc.stdout
    assert f"source:      {PACK}:11:5" in out
    assert "guideline:   6 (No politics) https://example.org/guidelines#6" in out
    assert "message:     Please keep politics out ({guideline.title}): {match}" in out
    assert "terms: [vote them out]" in out
    assert "line 23: match    'We should vote them out.'" in out
    assert "line 25: no_match 'I will vote on the poll.'" in out
    missing = run("rules", "show", "politics.vot", "--rules", PACK)
    assert missing.returncode == 2 and "did you mean 'politics.vote'" in missing.stderr


def test_rules_commands_default_to_the_built_in_packs() -> None:
    proc = run("rules", "validate")
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"\d+ rules? in \d+ packs? OK\n", proc.stdout)
    listed = run("rules", "list")
    assert listed.returncode == 0 and listed.stdout.startswith("ID")
    tested = run("rules", "test")
    assert re.fullmatch(r"\d+ passed, \d+ failed", tested.stdout.splitlines()[-1])


# -- readers, in process --------------------------------------------------------------

def test_input_size_limit(tmp_path: Path) -> None:
    from connectguard.inputs import read_file

    big = tmp_path / "big.jsonl"
    big.write_text('{"body": "x"}\n' * 100, encoding="utf-8")
    [record] = list(read_file(big, limit=1000))
    assert record.post is None and "too large" in (record.error or "")


def test_readers_edge_cases(tmp_path: Path) -> None:
    from connectguard.inputs import read_inputs

    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.jsonl").write_text('{"body": "x"}\n', encoding="utf-8")
    (tmp_path / "a.json").write_text('{"id": "one", "body": "x"}', encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("title,body\nt,b,extra\n", encoding="utf-8")
    (tmp_path / "d.yml").write_text("title: no\n", encoding="utf-8")  # YAML 1.1: a boolean, not a title
    (tmp_path / "notes.rst").write_text("ignored", encoding="utf-8")
    got = [(Path(r.source).name, r.line, r.post.id if r.post else r.error) for r in read_inputs([str(tmp_path)])]
    assert got[0] == ("a.json", 1, "one")
    assert got[1][0] == "b.md" and got[1][2].startswith("invalid front matter")
    assert got[2][:2] == ("c.csv", 2) and "3 cells" in got[2][2]
    assert got[3][:2] == ("d.yml", 1) and "'title' must be a string" in got[3][2]
    assert len(got) == 4
