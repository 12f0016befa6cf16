"""Loader strictness added after review: every problem at once, tags, versions, unless: none."""

from __future__ import annotations

from connectguard import Action, Post

from conftest import HEADER, find_problem, guard_of, load_error, pack_text, position, rule


def test_every_problem_in_a_file_is_reported_in_one_run() -> None:
    text = pack_text(
        rule("terms: [x]", rule_id="a.one", extra="acton: hold")
        + rule('pattern: "(unclosed"', rule_id="a.two", message="{matchh}")
    )
    error = load_error(text)
    assert find_problem(error, "rules[0].acton").hint == "did you mean 'action'?"
    regex_problem = find_problem(error, "rules[1].match.pattern")
    assert (regex_problem.line, regex_problem.column) == position(text, '"(unclosed"')
    assert "unknown placeholder {matchh}" in find_problem(error, "rules[1].message").message


def test_tag_on_a_mapping_is_rejected_not_ignored() -> None:
    text = pack_text(rule("!!python/object:os.system {terms: [x]}"))
    problem = find_problem(load_error(text), "rules[0].match")
    assert "unsupported YAML tag" in problem.message
    assert (problem.line, problem.column) == position(text, "!!python")


def test_unknown_format_version_is_rejected() -> None:
    text = pack_text(rule("terms: [x]"), HEADER.replace("connectguard: 1", "connectguard: 2"))
    problem = find_problem(load_error(text), "connectguard")
    assert "at most 1" in problem.message
    assert (problem.line, problem.column) == (1, 15)


def test_unless_none_is_a_load_error() -> None:
    text = pack_text(rule("terms: [x]", extra="unless:\n  none:\n    - terms: [y]"))
    problem = find_problem(load_error(text), "rules[0].unless")
    assert "already means none" in problem.message


def test_folded_message_has_no_trailing_newline() -> None:
    guard = guard_of(rule("terms: [vote]", extra="note: >\n  Political term {match}\n  in the post.\n"))
    violation = guard.check(Post(body="please vote")).violations[0]
    assert violation.note == "Political term vote in the post."


def test_shadow_rule_timeout_is_reported_but_never_decides() -> None:
    guard = guard_of(rule('pattern: "(x+x+)+y"\ntimeout_ms: 5', extra="mode: shadow"))
    report = guard.check(Post(body="x" * 5000))
    assert [v.rule for v in report.violations] == ["engine.timeout"]
    assert report.violations[0].mode.value == "shadow"
    assert report.decision is Action.ALLOW
