"""``--format markdown``: the job summary, its counts, its table, and that post text cannot break it."""

from __future__ import annotations

import io

import pytest
from ci_support import CONTENT, content, run_check

from connectguard import Guard
from connectguard.inputs import read_inputs
from connectguard.output import Summary, markdown
from connectguard.output.markdown import MarkdownWriter, excerpt, md_code, md_text


def cells(row: str) -> list[str]:
    """A GFM table row split as GitHub splits it: a backslash escapes the next character, pipes separate."""
    parts, current, index = [], "", 0
    while index < len(row):
        char = row[index]
        if char == "\\" and index + 1 < len(row):
            current += row[index:index + 2]
            index += 2
            continue
        if char == "|":
            parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    parts.append(current)
    return [p.strip() for p in parts[1:-1]]


def tables(page: str) -> dict[str, list[list[str]]]:
    """Each table under a ``###`` heading, as rows of cells (header row first, the separator dropped)."""
    found: dict[str, list[list[str]]] = {}
    heading = ""
    for line in page.splitlines():
        if line.startswith("### "):
            heading = line[4:]
        elif line.startswith("|") and not line.startswith("|---"):
            found.setdefault(heading, []).append(cells(line))
    return found


@pytest.fixture(scope="module")
def page() -> str:
    proc = run_check("--format", "markdown", str(CONTENT))
    assert proc.returncode == 1
    return proc.stdout


def test_headline_and_counts(page: str) -> None:
    assert page.startswith("## connectguard\n\nChecked **8** posts: **12** violations in **6** of them. "
                           "Decisions: hold 4, edit 2.\n")
    found = tables(page)
    assert found["Violations by action"] == [["Action", "Violations"], ["hold", "4"], ["edit", "3"], ["flag", "1"],
                                             ["nudge", "3"], ["shadow", "1"]]
    assert found["Violations by guideline"] == [["Guideline", "Violations"], ["6: No politics", "4"],
                                                ["9: Protect personal information", "3"], ["(no guideline)", "5"]]


def test_findings_table_rows(page: str) -> None:
    rows = tables(page)["Findings"]
    assert rows[0] == ["Where", "Rule", "Action", "Excerpt"]
    assert all(len(row) == 4 for row in rows)  # the pipe in posts.yaml did not add a cell
    assert len(rows) == 13
    assert ["`tests/fixtures/ci/content/posts.jsonl:1`", "`politics.vote`", "hold",
            "`I think we should «vote them out».`"] in rows
    assert ["`tests/fixtures/ci/content/posts.yaml:12:36`", "`privacy.phone`", "edit",
            "`It's fine \\| really, call «555-***-**43»`"] in rows
    assert any(row[1] == "`spam.shadow`" and row[2] == "remove, shadow" for row in rows)


def test_personal_data_masked_unless_shown(page: str) -> None:
    assert "555-123-4567" not in page and "555-***-**67" in page
    shown = run_check("--format", "markdown", "--show-pii", content("welcome.md")).stdout
    assert "«555-123-4567»" in shown


def test_clean_run_has_no_tables() -> None:
    proc = run_check("--format", "markdown", content("clean.md"))
    assert proc.returncode == 0
    assert proc.stdout == "## connectguard\n\nChecked **1** post: no violations.\n"


def test_unreadable_records_are_mentioned() -> None:
    proc = run_check("--format", "markdown", "-", stdin='{"body": "vote them out"}\nnot json\n')
    assert proc.returncode == 2
    assert "> **1** record could not be read (see the job log)." in proc.stdout


def test_table_stops_at_max_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_ROWS", 2)
    guard = Guard.from_paths("tests/fixtures/ci/packs/ci.yaml")
    stream = io.StringIO()
    writer = MarkdownWriter(stream, rules=guard.rules)
    summary = Summary()
    for record in read_inputs([str(CONTENT)]):
        assert record.post is not None
        report = guard.check(record.post)
        summary.add(report)
        writer.write(record, report)
    writer.close(summary)
    assert len(tables(stream.getvalue())["Findings"]) == 3
    assert "_Showing the first 2 of 12 findings._" in stream.getvalue()


@pytest.mark.parametrize(("text", "expected"), [
    ("plain", "`plain`"),
    ("a|b", "`a\\|b`"),
    ("back\\|slash", "`back\u29f5\\|slash`"),  # a backslash before a pipe would un-escape it
    ("use `code` here", "``use `code` here``"),
    ("`edge`", "`` `edge` ``"),
    ("two\n lines", "`two lines`"),
    ("", "` `"),
])
def test_md_code(text: str, expected: str) -> None:
    assert md_code(text) == expected
    assert len(cells(f"| {md_code(text)} | x |")) == 2


def test_md_text_neutralises_markup() -> None:
    assert md_text('<img src=x onerror=alert(1)> *hi* @team [link](u) a|b') == \
        "\\<img src=x onerror=alert(1)\\> \\*hi\\* \\@team \\[link\\](u) a\\|b"
    escaped = md_text("a\\|b")
    assert escaped == "a\\\\\\|b" and len(cells(f"| {escaped} | x |")) == 2


def test_excerpt_window() -> None:
    text = "x" * 50 + " vote them out " + "y" * 50
    start = text.index("vote")
    shown = excerpt(text, start, start + 13)
    assert shown == "…" + "x" * 29 + " «vote them out» " + "y" * 29 + "…"
    assert excerpt("short", 0, 5) == "«short»"
    long = excerpt("z" * 200, 0, 200)
    assert long.startswith("«" + "z" * 30 + "…") and long.endswith("»")
