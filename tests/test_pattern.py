"""``pattern``: regex module syntax, views, whole words, case, and the time budget."""

from __future__ import annotations

import pickle
import time

from connectguard import Action, Guard, Post

from conftest import HEADER, guard_of, hits, rule, texts


def test_case_insensitive_on_the_normalised_view_by_default():
    guard = guard_of(rule("pattern: 'b+u+y'"))
    assert hits(guard, "BUUY bu\u200by \uff42\uff55\uff59") == [
        ("body", "BUUY", 0, 4), ("body", "bu\u200by", 5, 9), ("body", "\uff42\uff55\uff59", 10, 13)]


def test_case_sensitive():
    guard = guard_of(rule("pattern: '[A-Z]{3,}'\ncase_sensitive: true"))
    assert texts(guard, "abc ABC Abc ABCD") == ["ABC", "ABCD"]
    insensitive = guard_of(rule("pattern: '[A-Z]{3,}'"))
    assert texts(insensitive, "abc ABC") == ["abc", "ABC"]


def test_whole_word_uses_the_shared_word_definition():
    guard = guard_of(rule("pattern: 'diet|pill'\nwhole_word: true"))
    assert texts(guard, "dieting diet pills my_diet pill9 pill") == ["diet", "diet", "pill"]
    loose = guard_of(rule("pattern: 'diet'"))
    assert texts(loose, "dieting") == ["diet"]


def test_view_original_sees_what_normalisation_removes():
    normalised = guard_of(rule("pattern: 'a\\u200bb'"))
    original = guard_of(rule("pattern: 'a\\u200bb'\nview: original"))
    assert texts(normalised, "a\u200bb") == []
    assert hits(original, "xa\u200bb") == [("body", "a\u200bb", 1, 4)]
    # The original view is still case-insensitive unless asked.
    assert texts(guard_of(rule("pattern: 'ABC'\nview: original")), "abc") == ["abc"]
    assert texts(guard_of(rule("pattern: 'ABC'\nview: original\ncase_sensitive: true")), "abc ABC") == ["ABC"]


def test_list_of_patterns_and_why():
    guard = guard_of(rule("pattern: ['\\d{3}-\\d{4}', 'call me']"))
    report = guard.check(Post(body="Call me at 555-0123"))
    assert [(v.text, v.why["pattern"]) for v in report.violations] == [
        ("Call me", "call me"), ("555-0123", "\\d{3}-\\d{4}")]
    assert report.violations[0].why["normalised"] == "call me"


def test_empty_matches_are_skipped():
    assert texts(guard_of(rule("pattern: 'x*'")), "abc") == []


def test_catastrophic_pattern_times_out_instead_of_hanging():
    guard = guard_of(
        rule("pattern: '(x+x+)+y'\ntimeout_ms: 20", rule_id="slow.rule"),
        rule("terms: [xx]\nmode: substring", rule_id="other.rule", extra="action: nudge"),
    )
    body = "x" * 5000
    began = time.perf_counter()
    report = guard.check(Post(body=body))
    elapsed = time.perf_counter() - began
    assert elapsed < 3.0
    timeouts = [v for v in report.violations if v.rule == "engine.timeout"]
    assert len(timeouts) == 1
    (v,) = timeouts
    assert (v.category, v.action, v.mode.value, v.field) == ("engine", Action.FLAG, "enforce", "body")
    assert "slow.rule" in v.note and "20 ms" in v.note
    assert body[v.start:v.end] == v.text
    # Every other rule still ran.
    assert sum(1 for v in report.violations if v.rule == "other.rule") == 4999
    assert report.decision is Action.FLAG
    record = report.to_dict()["violations"][0]
    assert record["category"] == "engine" and record["action"] == "flag"


def test_pack_default_timeout_applies():
    header = HEADER.replace("rules:\n", "defaults: {timeout_ms: 5}\nrules:\n")
    guard = guard_of(rule("pattern: '(a|aa)+$'"), header=header)
    assert guard.rules[0].matcher.timeout_ms == 5
    report = guard.check(Post(body="a" * 40 + "!" + "a" * 2))
    assert texts(guard_of(rule("pattern: '(a|aa)+$'"), header=header), "aa") == ["aa"]
    assert all(v.rule != "engine.error" for v in report.violations)


def test_timeout_in_one_field_does_not_hide_the_other():
    guard = guard_of(rule("pattern: '(x+x+)+y'\ntimeout_ms: 10"))
    report = guard.check(Post(title="xxy", body="x" * 3000))
    assert [(v.rule, v.field) for v in report.violations] == [("test.rule", "title"), ("engine.timeout", "body")]


def test_pattern_matcher_pickles():
    guard = guard_of(rule("pattern: ['b+u+y', 'sell']\nwhole_word: true\ntimeout_ms: 30"))
    clone = pickle.loads(pickle.dumps(guard))
    assert texts(clone, "buuy sell selling") == texts(guard, "buuy sell selling") == ["buuy", "sell"]
    assert clone.rules[0].matcher.timeout_ms == 30


def test_unicode_classes_from_regex_module():
    guard = guard_of(rule("pattern: '\\p{Greek}+'"))
    assert texts(guard, "abc αβγ") == ["αβγ"]
    assert isinstance(guard, Guard)
