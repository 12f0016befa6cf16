"""The strict loader: every problem names file:line:column and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, find_problem, load_error, position

from connectguard import Guard, Post, RuleError
from connectguard.loader.pack import load_pack_text, load_packs
from connectguard.loader.yamlsrc import read_yaml

GOOD_RULE = """\
  - id: spam.test
    category: spam
    match:
      terms: [buy now]
    message: "found {match}"
"""


def pack(rules: str, header: str = "connectguard: 1\npack: p\n") -> str:
    return header + "rules:\n" + rules


def only_problem(error: RuleError):
    assert len(error.problems) == 1, str(error)
    return error.problems[0]


# -- a good pack loads --------------------------------------------------------------

def test_good_pack_loads_and_keeps_source_position():
    guard = Guard.from_yaml(pack(GOOD_RULE), "good.yaml")
    (rule,) = guard.rules
    assert rule.id == "spam.test"
    assert str(rule.source) == "good.yaml:4:5"
    assert guard.check(Post(body="Buy  now!")).violations[0].text == "Buy  now"


# -- unknown keys, duplicates, types --------------------------------------------------

def test_unknown_key_with_did_you_mean():
    text = pack(GOOD_RULE + "    severty: high\n")
    problem = only_problem(load_error(text))
    assert (problem.path, problem.line, problem.column) == ("test.yaml", 9, 5)
    assert problem.key == "rules[0].severty"
    assert "unknown key 'severty'" in problem.message
    assert problem.hint == "did you mean 'severity'?"
    assert str(load_error(text)).startswith("test.yaml:9:5: rules[0].severty: unknown key 'severty'")


def test_unknown_top_level_key_and_unknown_match_option():
    text = "connectguard: 1\npack: p\ndefualts: {severity: low}\nrules:\n" + GOOD_RULE.replace(
        "      terms: [buy now]\n", "      terms: [buy now]\n      mdoe: phrase\n")
    error = load_error(text)
    top = find_problem(error, "defualts")
    assert (top.line, top.column) == (3, 1)
    assert top.hint == "did you mean 'defaults'?"
    option = find_problem(error, "rules[0].match.mdoe")
    assert (option.line, option.column) == (9, 7)
    assert option.hint == "did you mean 'mode'?"


def test_duplicate_key_is_an_error_not_an_overwrite():
    text = pack(GOOD_RULE + "    category: hate\n")
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column) == (9, 5)
    assert "duplicate key 'category'" in problem.message
    assert "first defined at line 5, column 5" in problem.message
    assert problem.key == "rules[0].category"


def test_wrong_type_names_expected_and_got():
    text = pack(GOOD_RULE + "    confidence: high\n")
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (9, 17, "rules[0].confidence")
    assert problem.message == "expected a number, got a string 'high'"


def test_value_out_of_choices_has_hint():
    text = pack(GOOD_RULE + "    action: hodl\n")
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (9, 13, "rules[0].action")
    assert "'hodl' is not one of" in problem.message
    assert problem.hint == "did you mean 'hold'?"


def test_confidence_out_of_range():
    problem = only_problem(load_error(pack(GOOD_RULE + "    confidence: 1.5\n")))
    assert (problem.line, problem.key) == (9, "rules[0].confidence")
    assert "at most 1.0" in problem.message


# -- YAML 1.1 traps -------------------------------------------------------------------

def test_yaml11_boolean_is_an_error_naming_it():
    text = pack(GOOD_RULE + "    enabled: no\n")
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (9, 14, "rules[0].enabled")
    assert problem.message == "expected true or false, got a string 'no'"
    assert problem.hint == "'no' is a YAML 1.1 boolean; write true or false"
    assert "test.yaml:9:14: rules[0].enabled:" in str(load_error(text))


def test_yaml11_on_as_key_is_unknown_with_hint():
    problem = only_problem(load_error(pack(GOOD_RULE + "    on: true\n")))
    assert (problem.line, problem.column, problem.key) == (9, 5, "rules[0].on")
    assert "YAML 1.1" in problem.hint


def test_enabled_false_disables_rule():
    guard = Guard.from_yaml(pack(GOOD_RULE + "    enabled: false\n"))
    assert guard.rules == ()


def test_term_no_and_1_30_stay_strings():
    text = pack(GOOD_RULE.replace("[buy now]", "\n        - no\n        - 1:30\n        - on"))
    guard = Guard.from_yaml(text)
    report = guard.check(Post(body="No, the 1:30 slot is on. Not 130 or 1 30."))
    assert [v.text for v in report.violations] == ["No", "1:30", "on"]
    plain = read_yaml(text, "x").root.plain
    assert plain["rules"][0]["match"]["terms"] == ["no", "1:30", "on"]


def test_yaml12_scalars():
    doc = read_yaml("a: 1:30\nb: yes\nc: 0x1f\nd: .inf\ne: 2001-01-01\nf: ~\ng: True\nh: 1e3\n", "x")
    assert doc.problems == []
    assert doc.root.plain == {"a": "1:30", "b": "yes", "c": 31, "d": float("inf"), "e": "2001-01-01",
                              "f": None, "g": True, "h": 1000.0}


# -- rule content ---------------------------------------------------------------------

def test_invalid_regex_names_the_pattern_position():
    text = pack(GOOD_RULE.replace("terms: [buy now]", 'pattern: "(unclosed"'))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (7, 16, "rules[0].match.pattern")
    assert problem.message.startswith("invalid regular expression")


def test_invalid_regex_in_a_list_names_the_item():
    text = pack(GOOD_RULE.replace("terms: [buy now]", 'pattern:\n        - "ok"\n        - "a[b"'))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (9, 11, "rules[0].match.pattern[1]")


def test_unknown_placeholder_in_message():
    text = pack(GOOD_RULE.replace('"found {match}"', '"found {mtach}"'))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (8, 14, "rules[0].message")
    assert "unknown placeholder {mtach}" in problem.message


def test_unmatched_brace_in_note():
    problem = only_problem(load_error(pack(GOOD_RULE + '    note: "a } b"\n')))
    assert (problem.line, problem.column, problem.key) == (9, 11, "rules[0].note")
    assert "unmatched" in problem.message


def test_guideline_title_needs_the_guidelines_table():
    text = pack(GOOD_RULE.replace('"found {match}"', '"see {guideline.title}"') + "    guideline: 6\n")
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (8, 14, "rules[0].message")
    assert "guideline 6" in problem.message and "'guidelines' table" in problem.message
    # With the table entry it loads, and renders.
    header = "connectguard: 1\npack: p\nguidelines:\n  6: {title: No politics}\n"
    guard = Guard.from_yaml(pack(GOOD_RULE.replace('"found {match}"', '"see {guideline.title}"')
                                 + "    guideline: 6\n", header))
    assert guard.check(Post(body="buy now")).violations[0].message == "see No politics"


def test_guideline_placeholder_without_guideline():
    text = pack(GOOD_RULE.replace('"found {match}"', '"see {guideline.title}"'))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.key) == (8, "rules[0].message")
    assert "guideline" in problem.message


def test_duplicate_rule_ids_in_one_file():
    text = pack(GOOD_RULE + GOOD_RULE)
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (9, 9, "rules[1].id")
    assert "duplicate rule id 'spam.test'" in problem.message and "line 4" in problem.message


def test_duplicate_rule_ids_across_two_files(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(pack(GOOD_RULE), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(pack("  - id: other.rule\n    category: spam\n    match: {terms: [x]}\n"
                                          "    message: m\n" + GOOD_RULE), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_packs([tmp_path])
    problem = only_problem(info.value)
    assert problem.path == str(tmp_path / "b.yaml")
    assert (problem.line, problem.column, problem.key) == (8, 5, "id")
    assert f"first defined at {tmp_path / 'a.yaml'}:4:5" in problem.message
    with pytest.raises(RuleError):
        Guard.from_paths(tmp_path / "a.yaml", tmp_path / "b.yaml")


def test_duplicate_ids_in_fixture_folder():
    with pytest.raises(RuleError) as info:
        Guard.from_paths(FIXTURES / "dup")
    problem = only_problem(info.value)
    assert problem.path.endswith("two.yaml")
    assert (problem.line, problem.column) == (4, 5)


def test_missing_required_keys():
    text = pack("  - id: spam.test\n    category: spam\n")
    error = load_error(text)
    messages = {p.message for p in error.problems}
    assert messages == {"missing required key 'match'", "missing required key 'message'"}
    assert {(p.line, p.column, p.key) for p in error.problems} == {(4, 5, "rules[0]")}
    top = load_error("pack: p\nrules: []\n")
    assert [(p.line, p.column, p.key, p.message) for p in top.problems] == [
        (1, 1, "", "missing required key 'connectguard'")]


def test_match_block_with_no_kind_key():
    text = pack(GOOD_RULE.replace("terms: [buy now]", "term: [buy now]"))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (7, 7, "rules[0].match")
    assert problem.message.startswith("a match block needs one kind key")
    assert problem.hint == "did you mean 'terms'?"


def test_match_block_with_two_kind_keys():
    text = pack(GOOD_RULE.replace("terms: [buy now]", "terms: [buy now]\n      pattern: buy"))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (7, 7, "rules[0].match")
    assert "exactly one kind, found terms, pattern" in problem.message


def test_none_cannot_be_the_anchor_of_all():
    text = pack(GOOD_RULE.replace("terms: [buy now]", "all:\n        - none: [{terms: [x]}]\n        - terms: [y]"))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.key) == (8, "rules[0].match.all")
    assert "cannot be 'none'" in problem.message


def test_none_cannot_be_a_rules_match():
    text = pack(GOOD_RULE.replace("terms: [buy now]", "none: [{terms: [x]}]"))
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column, problem.key) == (7, 7, "rules[0].match")
    assert "'none'" in problem.message


def test_none_cannot_be_an_item_of_any():
    text = pack(GOOD_RULE.replace("terms: [buy now]", "any:\n        - terms: [y]\n        - none: [{terms: [x]}]"))
    problem = only_problem(load_error(text))
    assert problem.key == "rules[0].match.any"
    assert "'none' cannot be an item of 'any'" in problem.message


def test_terms_file_outside_the_pack_dir(write_pack):
    text = pack(GOOD_RULE.replace("terms: [buy now]", "terms: []\n      file: ../x.txt"))
    path = write_pack(text, "sub/pack.yaml")
    (path.parent.parent / "x.txt").write_text("buy\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_packs([path])
    problem = only_problem(info.value)
    assert (problem.path, problem.line, problem.column, problem.key) == (str(path), 8, 13, "rules[0].match.file")
    assert "inside the pack's folder" in problem.message


def test_terms_file_missing_and_without_pack_dir(write_pack):
    text = pack(GOOD_RULE.replace("terms: [buy now]", "terms: []\n      file: nope.txt"))
    path = write_pack(text)
    with pytest.raises(RuleError) as info:
        load_packs([path])
    assert (only_problem(info.value).line, only_problem(info.value).key) == (8, "rules[0].match.file")
    assert "cannot read list file" in only_problem(info.value).message
    problem = only_problem(load_error(text))  # from text: no folder to read from
    assert "needs a pack read from disk" in problem.message


def test_empty_term_list_and_wordless_terms():
    assert "empty" in only_problem(load_error(pack(GOOD_RULE.replace("[buy now]", "[]")))).message
    problem = only_problem(load_error(pack(GOOD_RULE.replace("[buy now]", '["!!!"]'))))
    assert problem.key == "rules[0].match.terms" and problem.hint == "use mode: substring"


def test_aliases_are_rejected_at_the_alias():
    text = pack(GOOD_RULE.replace("    match:\n", "    match: &m\n") + GOOD_RULE.replace("spam.test", "spam.two")
                .replace("    match:\n      terms: [buy now]\n", "    match: *m\n"))
    error = load_error(text)
    problem = error.problems[0]
    assert (problem.line, problem.column) == position(text, "*m")
    assert "alias" in problem.message


def test_billion_laughs_is_cheap():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    error = load_error("\n".join(lines) + "\n")
    assert any("alias" in p.message for p in error.problems)


def test_invalid_yaml_syntax_position():
    text = "connectguard: 1\npack: p\nrules:\n  - id: a.b\n    category: [spam\n"
    problem = only_problem(load_error(text))
    assert problem.key == ""
    assert problem.message.startswith("invalid YAML")
    assert problem.line >= 5


def test_invalid_yaml_bad_indentation():
    text = "connectguard: 1\npack: p\n  rules: []\n"
    problem = only_problem(load_error(text))
    assert (problem.line, problem.column) == (3, 8)
    assert problem.message.startswith("invalid YAML")


def test_empty_file_and_tags():
    assert only_problem(load_error("")).message == "the file is empty"
    problem = load_error("connectguard: 1\npack: !!python/object:os.system x\nrules: []\n").problems[0]
    assert (problem.line, problem.column, problem.key) == (2, 7, "pack")
    assert "unsupported YAML tag" in problem.message


def test_every_problem_is_reported_not_just_the_first():
    text = pack(GOOD_RULE + "    severty: high\n" + GOOD_RULE.replace("spam.test", "spam.two") + "    action: hodl\n")
    error = load_error(text)
    assert {p.key for p in error.problems} == {"rules[0].severty", "rules[1].action"}
    assert str(error).count("\n") == 1


def test_when_unknown_fact_and_bad_comparison():
    text = pack(GOOD_RULE + "    when:\n      author.rol: moderator\n      context.reports: {at_lest: 2}\n")
    error = load_error(text)
    fact = find_problem(error, "rules[0].when.author.rol")
    assert (fact.line, fact.column) == (10, 7) and fact.hint == "did you mean 'author.role'?"
    op = find_problem(error, "rules[0].when.context.reports.at_lest")
    assert (op.line, op.column) == (11, 25) and op.hint == "did you mean 'at_least'?"


def test_bad_rule_id_and_category():
    error = load_error(pack(GOOD_RULE.replace("id: spam.test", "id: Spam Test").replace("category: spam", "category: Spam!")))
    assert find_problem(error, "rules[0].id").line == 4
    assert find_problem(error, "rules[0].category").line == 5


def test_load_pack_text_and_files(write_pack):
    text = pack(GOOD_RULE.replace("terms: [buy now]", "terms: [cheap]\n      file: words.txt"))
    path = write_pack(text, **{"words.txt": "# comment\nbuy now\n\n  discount code  \n"})
    (loaded,) = load_packs([path.parent])
    guard = Guard([loaded])
    assert [v.text for v in guard.check(Post(body="cheap discount code, buy now")).violations] == [
        "cheap", "discount code", "buy now"]
    from_text = load_pack_text(text, "x.yaml", path.parent)
    assert from_text.name == "p" and len(from_text.rules) == 1


def test_cannot_read_rule_file(tmp_path: Path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(RuleError) as info:
        load_packs([missing])
    problem = only_problem(info.value)
    assert (problem.path, problem.line, problem.column) == (str(missing), 1, 1)


def test_examples_shape_is_checked():
    text = pack(GOOD_RULE + "    examples:\n      match: [buy now]\n      no_match:\n        - {body: x, expect: x}\n")
    problem = only_problem(load_error(text))
    assert problem.key == "rules[0].examples.no_match[0]"
    assert problem.line == 12


def test_pack_defaults_apply_and_rules_override():
    header = "connectguard: 1\npack: p\ndefaults: {action: hold, severity: high, fields: title}\n"
    text = pack(GOOD_RULE + GOOD_RULE.replace("spam.test", "spam.two") + "    action: nudge\n    fields: both\n", header)
    one, two = Guard.from_yaml(text).rules
    assert (one.action.value, one.severity.value, one.fields) == ("hold", "high", ("title",))
    assert (two.action.value, two.severity.value, two.fields) == ("nudge", "high", ("title", "body"))
    assert (one.confidence, one.mode.value, one.redact, one.sensitive) == (0.8, "enforce", False, False)


GUIDELINE_RULE = GOOD_RULE.replace('"found {match}"', '"see guideline {guideline}, {guideline.title} {guideline.url}"') + "    guideline: 6\n"


def test_guidelines_file_gives_titles_and_urls(write_pack):
    path = write_pack(pack(GUIDELINE_RULE, "connectguard: 1\npack: p\nguidelines_file: guidelines.txt\n"),
                      **{"guidelines.txt": "# ours\n5. Stay on topic\n6. No politics <https://example.org/g#6>\n"})
    (loaded,) = load_packs([path])
    assert loaded.guidelines[5].title == "Stay on topic" and loaded.guidelines[5].url is None
    guard = Guard([loaded])
    assert guard.check(Post(body="buy now")).violations[0].message == "see guideline 6, No politics https://example.org/g#6"


def test_inline_guidelines_override_the_file(write_pack):
    header = "connectguard: 1\npack: p\nguidelines_file: g.txt\nguidelines:\n  6: {title: Politics-free}\n"
    path = write_pack(pack(GUIDELINE_RULE, header), **{"g.txt": "6. No politics\n"})
    assert load_packs([path])[0].guidelines[6].title == "Politics-free"


def test_bad_guidelines_file_lines_name_the_file_line_and_column(write_pack):
    path = write_pack(pack(GOOD_RULE, "connectguard: 1\npack: p\nguidelines_file: g.txt\n"),
                      **{"g.txt": "1. Fine\n  two. Not a number\n1. Again\n"})
    with pytest.raises(RuleError) as info:
        load_packs([path])
    problems = [(Path(p.path).name, p.line, p.column, p.key) for p in info.value.problems]
    assert problems == [("g.txt", 2, 3, "guidelines_file"), ("g.txt", 3, 1, "guidelines_file")]
    assert "listed twice" in info.value.problems[1].message


@pytest.mark.parametrize(("name", "message"), [("missing.txt", "cannot read guidelines file"),
                                               ("../outside.txt", "inside the pack's folder")])
def test_guidelines_file_must_exist_inside_the_pack_folder(write_pack, name, message):
    path = write_pack(pack(GOOD_RULE, f"connectguard: 1\npack: p\nguidelines_file: {name!r}\n"))
    with pytest.raises(RuleError) as info:
        load_packs([path])
    problem = only_problem(info.value)
    assert (problem.line, problem.key) == (3, "guidelines_file") and message in problem.message


def test_identical_match_blocks_compile_to_one_shared_matcher(write_pack):
    block = "    match:\n      terms: [buy now]\n      mode: phrase\n"
    rule_a = "  - id: spam.a\n    category: spam\n    message: m\n" + block
    rule_b = "  - id: spam.b\n    category: spam\n    message: m\n" + block
    first = write_pack(pack(rule_a), name="a.yaml")
    second = write_pack(pack(rule_b), name="b.yaml")
    (a,), (b,) = (p.rules for p in load_packs([first, second]))
    assert a.matcher is b.matcher   # hits are cached per matcher: searched once per post


def test_blocks_that_read_different_defaults_are_not_shared(write_pack):
    rule_a = "  - id: spam.a\n    category: spam\n    message: m\n    match: {pattern: 'buy'}\n"
    rule_b = rule_a.replace("spam.a", "spam.b")
    first = write_pack(pack(rule_a), name="a.yaml")
    second = write_pack(pack(rule_b, "connectguard: 1\npack: q\ndefaults: {timeout_ms: 5}\n"), name="b.yaml")
    (a,), (b,) = (p.rules for p in load_packs([first, second]))
    assert a.matcher is not b.matcher
    assert Guard([*load_packs([first, second])]).check(Post(body="buy")).violations
