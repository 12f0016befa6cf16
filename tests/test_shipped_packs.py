"""The built-in packs load, follow the community vocabulary, and pass their own examples."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from connectguard import Guard
from connectguard.examples_runner import run_examples
from connectguard.loader.specs import CATEGORIES, pack_json_schema
from connectguard.loader.yamlsrc import YamlDocument, read_yaml


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.default()


def test_default_packs_are_installed_with_the_package(guard: Guard) -> None:
    assert {p.name for p in guard.packs} >= {"respect", "titles", "politics", "commercial", "ai"}
    assert len(guard.rules) >= 5


def test_every_shipped_rule_passes_its_examples(guard: Guard) -> None:
    results = run_examples(guard)
    assert results.examples >= 5 * len(guard.rules) - 5
    assert results.ok, "\n".join(str(f) for f in results.failures)


@pytest.mark.parametrize("kind", [True, False])
def test_every_shipped_rule_has_match_and_no_match_examples(guard: Guard, kind: bool) -> None:
    missing = [r.id for r in guard.rules if not any(e.expect_match is kind for e in r.examples)]
    assert missing == []


def test_shipped_rules_use_the_community_vocabulary(guard: Guard) -> None:
    for rule in guard.rules:
        assert rule.category in CATEGORIES, rule.id
        assert rule.guideline is not None and rule.guideline.title, rule.id
        assert rule.message.placeholders, f"{rule.id}: the member message should quote what matched"


def test_committed_json_schema_matches_the_loader() -> None:
    committed = json.loads((resources.files("connectguard") / "schemas" / "rule-pack.schema.json").read_text("utf-8"))
    assert committed == pack_json_schema(), "regenerate: python -m connectguard.loader.specs > src/connectguard/schemas/rule-pack.schema.json"


def test_every_shipped_pack_validates_against_the_editor_schema() -> None:
    """What an editor shows through ``# yaml-language-server: $schema=...`` agrees with the loader."""
    import jsonschema

    from connectguard.guard import default_pack_dir

    validator = jsonschema.Draft202012Validator(pack_json_schema())
    packs = sorted(default_pack_dir().glob("*.yaml"))
    assert len(packs) >= 12
    for path in packs:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(plain(read_yaml(path.read_text("utf-8"), path.name)))]
        assert not errors, f"{path.name}: {errors[:3]}"


def plain(document: YamlDocument) -> Any:
    """A pack as YAML 1.2 data (``no`` is a word, as editors read it, not YAML 1.1's ``False``)."""
    assert document.root is not None, document.problems
    return document.root.plain


def test_clean_health_post_is_allowed(guard: Guard) -> None:
    report = guard.check({
        "title": "Fatigue six months after starting levothyroxine",
        "body": "My TSH finally came back normal, and my endocrinologist lowered my dose to 75 mcg. "
                "In my experience the tiredness eased after about six weeks. Has anyone else noticed that?",
        "context": {"new_discussion": True},
    })
    assert report.violations == ()
    assert report.decision.value == "allow"
