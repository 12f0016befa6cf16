"""Inline suppressions in trusted seed files: HTML comments in text, YAML comments in .yaml files."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import guard_of, rule
from hypothesis import given, settings
from hypothesis import strategies as st

from connectguard import Guard
from connectguard.actions import Action, Mode, Severity
from connectguard.inputs import InputRecord, read_jsonl, read_markdown, read_yaml
from connectguard.lint import suppressions as module
from connectguard.lint.suppressions import Directive, Suppressions, Suppressor
from connectguard.positions import SourceText
from connectguard.report import Violation

GUARD: Guard = guard_of(
    rule(r"pattern: '\d{3}-\d{4}'", rule_id="privacy.phone", category="personal-info"),
    rule("pattern: 'buy now'", rule_id="commercial.ads", category="spam"),
    rule("pattern: 'vote'", rule_id="politics.vote", category="politics", extra="guideline: 6"),
)


def md(text: str) -> InputRecord:
    [record] = read_markdown("post.md", textwrap.dedent(text))
    return record


def yaml_records(text: str, name: str = "seed.yaml") -> list[InputRecord]:
    return list(read_yaml(name, textwrap.dedent(text)))


def split(record: InputRecord, suppressions: Suppressions) -> tuple[list[str], list[str]]:
    """(kept, suppressed): the matched texts of ``record``'s violations."""
    assert record.post is not None
    kept: list[str] = []
    suppressed: list[str] = []
    for violation in GUARD.check(record.post).violations:
        (suppressed if suppressions.covering(violation) else kept).append(violation.text)
    return kept, suppressed


def kept(record: InputRecord, *, require_reason: bool = False) -> list[str]:
    return split(record, Suppressor(require_reason=require_reason).for_record(record))[0]


def problems(record: InputRecord, *, require_reason: bool = False) -> list[tuple[int, str]]:
    return list(Suppressor(require_reason=require_reason).for_record(record).problems)


# -- HTML comments: ignore ------------------------------------------------------------

def test_ignore_covers_the_next_block_only() -> None:
    record = md("""\
        Call 555-1234 first.

        <!-- connectguard: ignore[privacy.phone] reason="the clinic's public number" -->
        Clinic: 555-1111
        also 555-2222

        Mine: 555-3333
        """)
    suppressions = Suppressor().for_record(record)
    assert split(record, suppressions) == (["555-1234", "555-3333"], ["555-1111", "555-2222"])
    assert suppressions.problems == ()
    assert record.post is not None
    [directive] = {suppressions.covering(v) for v in GUARD.check(record.post).violations} - {None}
    assert directive is not None
    assert directive.kind == "ignore" and directive.reason == "the clinic's public number"
    assert directive.line == 3 and [s.text for s in directive.selectors] == ["privacy.phone"]


def test_ignore_skips_blank_lines_before_its_block_and_covers_only_its_rules() -> None:
    record = md("""\
        <!-- connectguard: ignore[privacy.phone] -->

        555-1111 buy now
        """)
    assert kept(record) == ["buy now"]


def test_ignore_after_text_on_a_line_covers_the_block_it_sits_in() -> None:
    record = md("""\
        Intro 555-0000

        Line one 555-1111
        Line two 555-2222 <!-- connectguard: ignore[privacy] -->
        line three 555-3333

        after 555-4444
        """)
    assert kept(record) == ["555-0000", "555-4444"]


def test_text_after_the_comment_on_its_line_is_covered() -> None:
    record = md("<!-- connectguard: ignore[privacy] --> call 555-1111\nor 555-2222\n\n555-3333\n")
    assert kept(record) == ["555-3333"]


def test_a_fenced_block_is_one_block_blank_lines_included() -> None:
    record = md("""\
        <!-- connectguard: ignore[privacy.phone] -->
        ```
        555-1111

        555-2222
        ```

        555-3333
        """)
    assert kept(record) == ["555-3333"]


def test_stacked_directives_cover_the_same_block() -> None:
    record = md("""\
        <!-- connectguard: ignore[privacy.phone] -->
        <!-- connectguard: ignore[commercial] -->
        555-1111 buy now vote
        """)
    assert kept(record) == ["vote"]


@pytest.mark.parametrize(("selectors", "left"), [
    ("privacy.phone, commercial.ads", ["vote"]),
    ("privacy, commercial", ["vote"]),                 # id prefixes
    ("category:personal-info, category:spam", ["vote"]),
    ("guideline:6", ["555-1111", "buy now"]),
    ("ALL", []),
    ("priv", ["555-1111", "buy now", "vote"]),         # a prefix stops at a dot boundary
])
def test_selectors(selectors: str, left: list[str]) -> None:
    assert kept(md(f"<!-- connectguard: ignore[{selectors}] -->\n555-1111 buy now vote\n")) == left


def test_keyword_case_and_spaces_are_tolerated() -> None:
    record = md("<!--CONNECTGUARD :  Ignore[ privacy.phone ]  reason = 'public'-->\n555-1111\n")
    suppressions = Suppressor(require_reason=True).for_record(record)
    assert split(record, suppressions) == ([], ["555-1111"])
    assert suppressions.problems == ()


def test_a_directive_covers_only_its_own_field() -> None:
    [record] = read_jsonl("posts.jsonl", json.dumps({"title": "vote 555-1111",
                                                     "body": "<!-- connectguard: ignore[ALL] -->\nvote"}))
    suppressions = Suppressor().for_record(record)
    assert record.post is not None
    covered = [(v.field, bool(suppressions.covering(v))) for v in GUARD.check(record.post).violations]
    assert covered == [("title", False), ("title", False), ("body", True)]


# -- HTML comments: disable / enable ------------------------------------------------------

def test_disable_enable_covers_a_range() -> None:
    record = md("""\
        buy now 555-0000
        <!-- connectguard: disable[commercial] reason="sponsor section" -->

        buy now 555-1111

        buy now
        <!-- connectguard: enable[commercial] -->
        buy now
        """)
    assert kept(record) == ["buy now", "555-0000", "555-1111", "buy now"]
    assert problems(record) == []


def test_bare_disable_covers_every_rule_to_the_end_of_the_field() -> None:
    record = md("vote\n<!-- connectguard: disable -->\n\nvote 555-1111\n\nbuy now\n")
    assert kept(record) == ["vote"]


def test_enable_closes_only_what_it_names() -> None:
    record = md("""\
        <!-- connectguard: disable[commercial, privacy] -->
        buy now 555-1111
        <!-- connectguard: enable[commercial] -->
        buy now 555-2222
        <!-- connectguard: enable -->
        555-3333
        """)
    assert kept(record) == ["buy now", "555-3333"]


def test_enable_without_disable_is_a_problem() -> None:
    record = md("a\n<!-- connectguard: enable[commercial] -->\n<!-- connectguard: enable -->\n")
    assert problems(record) == [(2, "enable[commercial] without an open disable[commercial]"),
                                (3, "enable without an open disable")]


# -- problems -----------------------------------------------------------------------

def test_reason_required_the_directive_is_not_honoured() -> None:
    record = md("<!-- connectguard: ignore[privacy] -->\n555-1111\n\n"
                "<!-- connectguard: disable reason=\"\" -->\nvote\n"
                "<!-- connectguard: enable -->\n")
    assert kept(record) == []
    assert kept(record, require_reason=True) == ["555-1111", "vote"]
    found = problems(record, require_reason=True)
    assert [line for line, _ in found] == [1, 4, 6]  # the enable then has nothing to close
    assert 'ignore without reason="..."' in found[0][1]


@pytest.mark.parametrize(("comment", "expected"), [
    ("<!-- connectguard: ignor[privacy] -->", "malformed directive"),
    ("<!-- connectguard ignore[privacy] -->", "malformed directive"),  # the colon is missing
    ("<!-- connectguard: ignore -->", "ignore needs the rules"),
    ("<!-- connectguard: ignore[ , ] -->", "ignore[] names no rule"),
    ("<!-- connectguard: ignore[category:] -->", "is not a selector"),
    ("<!-- connectguard: ignore[privacy] because -->", "malformed directive"),
    ('<!-- connectguard: ignore[privacy] reason="unclosed -->', "malformed directive"),
])
def test_malformed_directives_are_reported_and_not_honoured(comment: str, expected: str) -> None:
    record = md(f"# Title\n\n{comment}\n555-1111\n")
    [(line, message)] = problems(record)
    assert line == 3 and expected in message
    assert kept(record) == ["555-1111"]


def test_other_comments_are_not_directives() -> None:
    record = md("<!-- a note about connectguard -->\n<!-- todo -->\n555-1111\n")
    assert problems(record) == [] and kept(record) == ["555-1111"]


def test_front_matter_shifts_problem_lines_to_the_file() -> None:
    record = md("---\ntitle: Hello\n---\n\ntext\n<!-- connectguard: nope -->\n")
    assert [line for line, _ in problems(record)] == [6]


# -- JSON lines ---------------------------------------------------------------------

def test_jsonl_body_with_a_directive() -> None:
    lines = [json.dumps({"id": "a", "body": "555-0000"}),
             json.dumps({"id": "b", "body": "<!-- connectguard: ignore[privacy] -->\n555-1111\n\n555-2222\n"
                                            "<!-- connectguard: bad -->"})]
    first, second = read_jsonl("posts.jsonl", "\n".join(lines))
    assert kept(first) == ["555-0000"]
    assert kept(second) == ["555-2222"]
    [(line, _)] = problems(second)
    assert line == 2 + 4  # no file positions: the record's line plus the line inside the field


# -- YAML comments ------------------------------------------------------------------

SEED = """\
    # connectguard: ignore[privacy] reason="staff contacts"
    - title: Call 555-1111
      body: |
        Reach us at 555-2222.
        # connectguard: ignore[commercial]
        buy now
    - title: vote
      # connectguard: ignore[privacy.phone, commercial]
      body: |
        555-3333 buy now vote
    - title: vote 555-4444  # connectguard: ignore[politics]
      body: "555-5555 # connectguard: ignore[privacy]"
    - title: x
      body: 555-6666  # connectguard: ignore[privacy]
      author: {role: staff}
    """


def test_yaml_comments_cover_the_next_node_or_their_line() -> None:
    records = yaml_records(SEED)
    suppressor = Suppressor()
    results = [split(r, suppressor.for_record(r))[0] for r in records]
    assert results == [
        ["buy now"],                   # the item comment covers both fields; the one in the block is text
        ["vote", "vote"],              # the key comment covers the body only
        ["555-4444", "555-5555"],      # end of line: that line's node; "#" in quotes is text
        [],
    ]


def test_yaml_directive_lines_problems_and_unused_belong_to_their_item() -> None:
    records = yaml_records("""\
        - title: one
          # connectguard: ignore[privacy]
          body: nothing to see
        - title: two
          # connectguard: disable[privacy]
          body: |
            555-1111
        - title: three  # connectguard: ignore[ ]
        """)
    suppressor = Suppressor()
    first, second, third = (suppressor.for_record(r) for r in records)
    assert [(d.kind, d.line) for d in first.unused()] == [("ignore", 2)]
    assert second.unused() == [] and third.unused() == []
    assert [line for line, _ in second.problems] == [5]
    assert "not supported in YAML comments" in second.problems[0][1]
    assert third.problems == ((8, "ignore[] names no rule"),)


def test_yaml_comment_above_a_root_key_covers_an_indentless_sequence() -> None:
    [record] = yaml_records("""\
        title: hello
        # connectguard: ignore[privacy]
        body: |
          555-1111
        """)
    assert kept(record) == []
    node_lines = ["key:", "- a", "  - b", "other: 1"]
    assert module._node_end(node_lines, 0) == 2
    assert module._node_end(["- a: 1", "  b: 2", "- c: 3"], 0) == 1


def test_yaml_comments_only_count_in_yaml_files() -> None:
    record = md("---\ntitle: vote  # connectguard: ignore[politics]\n---\n\nbody\n")
    assert kept(record) == ["vote"]


def test_a_yaml_file_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[SourceText] = []
    parse = module._YamlFile.parse

    def counting(file: SourceText, require_reason: bool) -> module._YamlFile:
        calls.append(file)
        return parse(file, require_reason)

    monkeypatch.setattr(module._YamlFile, "parse", staticmethod(counting))
    records = yaml_records("".join(f"- title: t{i}  # connectguard: ignore[x]\n" for i in range(50)))
    suppressor = Suppressor()
    assert all(len(suppressor.for_record(r).unused()) == 1 for r in records)
    assert len(calls) == 1


# -- unused and the no-directive property ------------------------------------------------

def test_unused_lists_directives_that_suppressed_nothing() -> None:
    record = md("""\
        <!-- connectguard: ignore[privacy] -->
        555-1111

        <!-- connectguard: ignore[commercial] reason="stale" -->
        nothing here
        <!-- connectguard: disable[politics] -->
        """)
    suppressions = Suppressor().for_record(record)
    assert [d.line for d in suppressions.unused()] == [1, 4, 6]
    split(record, suppressions)
    assert [(d.line, d.reason) for d in suppressions.unused()] == [(4, "stale"), (6, None)]


def violation(field: str, start: int, end: int, rule_id: str = "privacy.phone") -> Violation:
    return Violation(rule_id, "spam", None, Severity.LOW, 1.0, Action.FLAG, Mode.ENFORCE, field, start, end,
                     "x", "m", "", {})


#: Text rich in comment syntax, with no directive in it.
TEXT = st.lists(st.sampled_from([*"ab <!->#:[]\n\"'-", "<!--", "-->", "# ", "- ", "ignore[a]", "connect"]),
                max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(title=TEXT, body=TEXT, spans=st.lists(st.tuples(st.sampled_from(["title", "body"]),
                                                        st.integers(0, 80), st.integers(0, 80)), max_size=5))
def test_without_directives_nothing_is_ever_covered(title: str, body: str,
                                                    spans: list[tuple[str, int, int]]) -> None:
    suppressor = Suppressor(require_reason=True)
    quoted = json.dumps({"title": title or "t", "body": body})
    records = [*read_jsonl("p.jsonl", quoted), *read_markdown("p.md", body), *read_yaml("p.yaml", quoted)]
    for record in records:
        if record.post is None:
            continue
        suppressions = suppressor.for_record(record)
        assert suppressions.problems == () and suppressions.unused() == []
        assert all(suppressions.covering(violation(f, min(a, b), max(a, b))) is None for f, a, b in spans)


def test_directive_is_a_value() -> None:
    assert Directive("ignore", (), None, 1) == Directive("ignore", (), None, 1)
