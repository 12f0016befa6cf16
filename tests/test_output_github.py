"""``--format github``: workflow-command annotations, escaped as the Actions toolkit escapes them."""

from __future__ import annotations

import re

import pytest
from ci_support import CONTENT, content, file_text, run_check
from conftest import position

from connectguard.actions import Action, Mode, Severity
from connectguard.inputs import Region
from connectguard.output.findings import Finding, Level, level_of
from connectguard.output.github import annotation, escape_data, escape_property
from connectguard.report import Violation

COMMAND = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")


def annotations(*args: str) -> list[tuple[str, dict[str, str], str]]:
    """(level, properties, message) of every annotation a run prints."""
    proc = run_check("--format", "github", *args)
    assert proc.returncode in (0, 1), proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[-1].startswith("Found ")  # the summary line closes the output
    found = []
    for line in lines[:-1]:
        match = COMMAND.match(line)
        assert match, f"not a well-formed workflow command: {line!r}"
        properties = dict(item.split("=", 1) for item in match.group(2).split(","))
        found.append((match.group(1), properties, match.group(3)))
    return found


def test_escaping_follows_the_toolkit() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("%0A") == "%250A"  # % first: an existing escape is not decoded by GitHub
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("a:b,c") == "a:b,c"  # only properties escape ':' and ','


def test_single_line_span_has_columns() -> None:
    text = file_text("welcome.md")
    found = [a for a in annotations(content("welcome.md")) if "politics.vote" in a[1]["title"]]
    [(level, props, message)] = found
    line, column = position(text, "vote them out")
    assert level == "error"
    assert list(props) == ["file", "line", "col", "endLine", "endColumn", "title"]
    assert props == {"file": "tests/fixtures/ci/content/welcome.md", "line": str(line), "col": str(column),
                     "endLine": str(line), "endColumn": str(column + 13), "title": "connectguard politics.vote (hold)"}
    assert message == "Please keep politics out (No politics): vote them out"


def test_multi_line_span_has_no_columns() -> None:
    text = file_text("welcome.md")
    [(level, props, _)] = [a for a in annotations(content("welcome.md")) if "safety.meds" in a[1]["title"]]
    line, _ = position(text, "stop taking")
    assert level == "error"  # flag, raised by critical severity
    assert list(props) == ["file", "line", "endLine", "title"]
    assert (props["line"], props["endLine"]) == (str(line), str(line + 1))


def test_json_records_give_only_the_line() -> None:
    found = annotations(content("posts.jsonl"))
    assert [(a[1]["line"], list(a[1])) for a in found] == [("1", ["file", "line", "title"])] + [
        ("3", ["file", "line", "title"])] * 2


def test_levels_escaping_and_masking_end_to_end() -> None:
    found = annotations(str(CONTENT))
    levels = {a[1]["title"]: a[0] for a in found}
    assert levels == {
        "connectguard politics.vote (hold)": "error",
        "connectguard privacy.phone (edit)": "warning",
        "connectguard tone.darn (nudge)": "notice",
        "connectguard safety.meds (flag)": "error",
        "connectguard spam.shadow (remove%2C shadow)": "notice",
    }
    darn = [a[2] for a in found if "tone.darn" in a[1]["title"]]
    assert set(darn) == {"Tone: 100%25 friendly, please, even when cross."}
    phones = [a[2] for a in found if "privacy.phone" in a[1]["title"]]
    assert phones and all("***" in p for p in phones)
    shown = [a[2] for a in annotations("--show-pii", content("welcome.md")) if "privacy.phone" in a[1]["title"]]
    assert shown == ["Please do not share phone numbers like 555-123-4567."]


def test_standard_input_has_no_file() -> None:
    proc = run_check("--format", "github", "-", stdin='{"id": "s", "body": "vote them out"}\n')
    assert proc.stdout.splitlines()[0] == "::error line=1,title=connectguard politics.vote (hold)::" \
                                          "Please keep politics out (No politics): vote them out"


def _finding(message: str, region: Region, path: str = "a,b:c.md") -> Finding:
    violation = Violation(rule="r.x", category="c", guideline=None, severity=Severity.LOW, confidence=1.0,
                          action=Action.FLAG, mode=Mode.ENFORCE, field="body", start=0, end=1, text="x",
                          message=message, note="", why={})
    return Finding(violation=violation, path=path, region=region, level=Level.WARNING, record_id="p",
                   message=message, text="x", fingerprint="f")


def test_annotation_escapes_message_and_properties() -> None:
    line = annotation(_finding("50% off\nnow::done", Region(2, 2, 3, 5)))
    assert line == "::warning file=a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=5,title=connectguard r.x (flag)" \
                   "::50%25 off%0Anow::done"
    assert "\n" not in line


@pytest.mark.parametrize(("action", "severity", "mode", "level"), [
    (Action.REMOVE, Severity.LOW, Mode.ENFORCE, Level.ERROR),
    (Action.HOLD, Severity.MEDIUM, Mode.ENFORCE, Level.ERROR),
    (Action.EDIT, Severity.HIGH, Mode.ENFORCE, Level.WARNING),
    (Action.FLAG, Severity.CRITICAL, Mode.ENFORCE, Level.ERROR),
    (Action.NUDGE, Severity.CRITICAL, Mode.ENFORCE, Level.WARNING),
    (Action.NUDGE, Severity.LOW, Mode.ENFORCE, Level.NOTE),
    (Action.ALLOW, Severity.CRITICAL, Mode.ENFORCE, Level.NONE),
    (Action.REMOVE, Severity.CRITICAL, Mode.SHADOW, Level.NOTE),
])
def test_level_mapping(action: Action, severity: Severity, mode: Mode, level: Level) -> None:
    assert level_of(action, severity, mode) is level
