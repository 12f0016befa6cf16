"""The config model: discovery, validation with positions, selectors, globs, sources, the schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectguard.actions import Action, Mode, Severity
from connectguard.inputs import read_inputs
from connectguard.lint.config import (
    ConfigError,
    config_json_schema,
    find_config,
    load_config,
)
from connectguard.lint.globs import glob_regex
from connectguard.lint.selectors import SelectorError, parse_selector
from connectguard.lint.sources import parse_path, reader_for


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FULL = """\
[project]
name = "forum-content"

[tool.connectguard]
rules = ["packs"]
select = ["privacy", "category:spam", "guideline:10"]
ignore = ["titles"]
fail-on = "hold"
jobs = 2
exclude = ["drafts/**"]
site-contacts = ["+1 507-555-0100"]
site-domains = ["example.org"]
require-suppression-reason = true
baseline = "baseline.json"

[tool.connectguard.overrides]
"respect.shouting" = { action = "flag", severity = "low" }
commercial = { mode = "shadow" }

[tool.connectguard.per-file-ignores]
"faq/*.md" = ["privacy.phone"]

[[tool.connectguard.sources]]
path = "forum/*.yaml"
title = "posts[*].subject"
body = "posts[*].text"
format = "markdown"
"""


def test_full_config_loads_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "pyproject.toml", FULL))
    assert config.rules == (tmp_path / "packs",)
    assert [s.text for s in config.select] == ["privacy", "category:spam", "guideline:10"]
    assert config.fail_on is Action.HOLD and config.jobs == 2 and config.require_suppression_reason
    assert config.baseline == tmp_path / "baseline.json"
    assert config.excluded(tmp_path / "drafts" / "a" / "b.md") and not config.excluded(tmp_path / "faq" / "b.md")
    assert [s.text for s in config.ignored_in(str(tmp_path / "faq" / "x.md"))] == ["privacy.phone"]
    assert config.ignored_in(str(tmp_path / "faq" / "deeper" / "x.md")) == ()
    shouting, commercial = config.overrides
    assert (shouting.action, shouting.severity, shouting.mode) == (Action.FLAG, Severity.LOW, None)
    assert commercial.mode is Mode.SHADOW
    source = config.source_for(tmp_path / "forum" / "week1.yaml")
    assert source is not None and source.body == "posts[*].text" and source.format == "markdown"


def test_problems_name_file_line_column_and_key(tmp_path: Path) -> None:
    path = write(tmp_path / "connectguard.toml", 'select = ["privacy"]\nfail-on = "block"\n\n[overrides]\n'
                                                 '"respect" = { action = "remov" }\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    shown = [str(p) for p in caught.value.problems]
    assert shown[0].startswith(f"{path}:2:1: fail-on: 'block' is not one of: allow, nudge")
    assert shown[1].startswith(f"{path}:5:1: overrides.respect.action: 'remov' is not one of")
    assert "did you mean 'remove'?" in shown[1]


def test_unknown_keys_are_errors_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.connectguard]\nfail_on = 'flag'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (f"{path}:2:1: tool.connectguard.fail_on: unknown key 'fail_on' "
                                 "(did you mean 'fail-on'?)")


def test_invalid_toml_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "connectguard.toml", "select = [\n  'privacy',\n  oops\n]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:3:") and "invalid TOML" in str(caught.value)


def test_bad_selectors_and_sources_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "connectguard.toml",
                 'ignore = ["Privacy Phone"]\n[[sources]]\npath = "*.yaml"\nid = "posts[*].id"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = str(caught.value)
    assert "ignore[0]: 'Privacy Phone' is not a selector" in text
    assert "sources[0]: a source needs 'title' or 'body'" in text


def test_closest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.connectguard]\njobs = 1\n")
    write(tmp_path / "site" / "pyproject.toml", "[project]\nname = 'no-table'\n")
    (tmp_path / "site" / "content").mkdir()
    assert find_config(tmp_path / "site" / "content") == tmp_path / "pyproject.toml"
    write(tmp_path / "site" / "connectguard.toml", "jobs = 2\n")
    assert find_config(tmp_path / "site" / "content") == tmp_path / "site" / "connectguard.toml"


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("*.md", "faq/a.md", True),          # no slash: any depth
    ("faq/*.md", "faq/a.md", True),
    ("faq/*.md", "faq/x/a.md", False),   # * never crosses a slash
    ("faq/**", "faq/x/a.md", True),
    ("**/drafts/*.md", "drafts/a.md", True),
    ("docs/", "docs/a/b.md", True),
    ("post-[0-9].md", "post-7.md", True),
    ("post-[!0-9].md", "post-7.md", False),
])
def test_globs(pattern: str, path: str, matches: bool) -> None:
    assert (glob_regex(pattern).fullmatch(path) is not None) is matches


def test_selectors() -> None:
    prefix = parse_selector("privacy")
    assert prefix.matches("privacy.phone", "personal-info", 10)
    assert not prefix.matches("privacy2.phone", "personal-info", 10)
    assert parse_selector("category:spam").matches("x.y", "spam", None)
    assert parse_selector("guideline:010").matches("x.y", "z", 10)
    assert parse_selector("ALL").matches("x.y", "z", None)
    for bad in ("", "category:", "guideline:x", "privacy.", "a b"):
        with pytest.raises(SelectorError):
            parse_selector(bad)


@given(st.from_regex(r"[a-z][a-z0-9_-]{0,8}(\.[a-z0-9][a-z0-9_-]{0,8}){0,3}", fullmatch=True))
def test_a_rule_id_always_selects_itself_and_its_prefixes(rule_id: str) -> None:
    parts = rule_id.split(".")
    for i in range(1, len(parts) + 1):
        assert parse_selector(".".join(parts[:i])).matches(rule_id, "c", None)


def test_field_paths() -> None:
    assert parse_path("posts[*].body") == ("posts", None, "body")
    assert parse_path("threads[*].replies[2].text") == ("threads", None, "replies", 2, "text")


def test_sources_read_yaml_items_with_exact_positions(tmp_path: Path) -> None:
    config_path = write(tmp_path / "connectguard.toml",
                        '[[sources]]\npath = "forum/*.yaml"\ntitle = "threads[*].posts[*].subject"\n'
                        'body = "threads[*].posts[*].text"\nid = "threads[*].posts[*].slug"\nformat = "markdown"\n')
    content = write(tmp_path / "forum" / "week.yaml", (
        "threads:\n"
        "  - name: first\n"
        "    posts:\n"
        "      - slug: welcome\n"
        "        subject: Hello all\n"
        "        text: |\n"
        "          Welcome to the group.\n"
        "      - slug: 42\n"
        "        text: 'Second post'\n"
        "      - slug: broken\n"
        "        text: [not, text]\n"))
    source = load_config(config_path).source_for(content)
    assert source is not None
    records = list(read_inputs([str(content)], reader_for=lambda p: reader_for(source)))
    first, second, third = records
    assert first.post is not None and first.post.id == "welcome" and first.post.title == "Hello all"
    assert first.post.body == "Welcome to the group.\n" and first.post.context.format == "markdown"
    assert first.locate("body", 0) == (7, 11) and first.locate("title", 6) == (5, 24)
    assert second.post is not None and second.post.id == "42" and second.locate("body", 0) == (9, 16)
    assert third.post is None and third.error == "threads[0].posts[2].text: expected text, got list"


def test_sources_read_json_items_with_their_line(tmp_path: Path) -> None:
    config_path = write(tmp_path / "connectguard.toml", '[[sources]]\npath = "*.json"\nbody = "items[*].text"\n')
    content = write(tmp_path / "seed.json", '{"items": [\n  {"text": "one"},\n  {"text": "two"}\n]}\n')
    source = load_config(config_path).source_for(content)
    assert source is not None
    records = list(read_inputs([str(content)], reader_for=lambda p: reader_for(source)))
    assert [(r.line, r.post.body if r.post else None) for r in records] == [(2, "one"), (3, "two")]


def test_committed_config_schema_matches_the_model() -> None:
    committed = json.loads((resources.files("connectguard") / "schemas" / "config.schema.json").read_text("utf-8"))
    assert committed == config_json_schema(), \
        "regenerate: connectguard schema config > src/connectguard/schemas/config.schema.json"


def test_config_schema_accepts_the_documented_config(tmp_path: Path) -> None:
    import tomllib

    table = tomllib.loads(FULL)["tool"]["connectguard"]
    jsonschema.validate(table, config_json_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**table, "fail-on": "block"}, config_json_schema())
