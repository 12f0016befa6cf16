"""``--format sarif``: real CLI output validated against the official SARIF 2.1.0 schema, and its contents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ci_support import CONTENT, ROOT, content, file_text, run_check, sarif
from conftest import position

from connectguard.output.sarif import FINGERPRINT_KEY, RuleCatalogue, rule_name

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def results_by(log: dict[str, Any], rule_id: str, uri_end: str) -> list[dict[str, Any]]:
    return [r for r in log["runs"][0]["results"] if r["ruleId"] == rule_id
            and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(uri_end)]


@pytest.fixture(scope="module")
def log() -> dict[str, Any]:
    return sarif(str(CONTENT))


def test_output_validates_against_the_sarif_schema(log: dict[str, Any]) -> None:
    validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "connectguard"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == ROOT.as_uri() + "/"


def test_show_pii_and_stdin_output_validate_too() -> None:
    validate(sarif("--show-pii", str(CONTENT)))
    stdin = sarif("-", stdin='{"id": "s1", "body": "vote them out"}\n')
    validate(stdin)
    [result] = stdin["runs"][0]["results"]
    assert "locations" not in result  # standard input is no file


def test_rules_metadata(log: dict[str, Any]) -> None:
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert list(rules) == ["politics.vote", "privacy.phone", "tone.darn", "safety.meds", "spam.shadow"]
    vote = rules["politics.vote"]
    assert vote["name"] == "PoliticsVote"
    assert vote["shortDescription"]["text"] == "Campaign slogans."
    assert vote["fullDescription"]["text"].startswith("Campaign slogans. The community")
    assert vote["helpUri"] == "https://example.org/guidelines#6"
    assert vote["properties"] == {"category": "politics", "action": "hold", "severity": "medium", "mode": "enforce",
                                  "tags": ["politics"], "guideline": 6, "guidelineTitle": "No politics"}
    assert vote["defaultConfiguration"] == {"level": "error"}
    phone = rules["privacy.phone"]
    assert "helpUri" not in phone  # guideline 9 has no URL
    assert phone["shortDescription"]["text"] == "Guideline 9: Protect personal information"
    assert rules["tone.darn"]["shortDescription"]["text"] == "Category: profanity"
    assert "guideline" not in rules["tone.darn"]["properties"]


def test_rule_index_points_at_the_rule(log: dict[str, Any]) -> None:
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


@pytest.mark.parametrize(("rule_id", "level"), [
    ("politics.vote", "error"),     # hold
    ("privacy.phone", "warning"),   # edit
    ("tone.darn", "note"),          # nudge
    ("safety.meds", "error"),       # flag, raised one step by critical severity
    ("spam.shadow", "note"),        # remove, but a shadow rule decides nothing
])
def test_levels_follow_the_documented_mapping(log: dict[str, Any], rule_id: str, level: str) -> None:
    found = [r for r in log["runs"][0]["results"] if r["ruleId"] == rule_id]
    assert found and {r["level"] for r in found} == {level}


def test_markdown_regions_are_exact_in_the_file(log: dict[str, Any]) -> None:
    text = file_text("welcome.md")
    [title] = [r for r in results_by(log, "politics.vote", "welcome.md")]
    line, column = position(text, "vote them out")
    region = title["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": line, "startColumn": column, "endLine": line, "endColumn": column + 13,
                      "snippet": {"text": "vote them out"}}
    [meds] = results_by(log, "safety.meds", "welcome.md")
    region = meds["locations"][0]["physicalLocation"]["region"]
    line, column = position(text, "stop taking")
    assert (region["startLine"], region["startColumn"], region["endLine"]) == (line, column, line + 1)
    assert region["endColumn"] == len("your meds") + 1


def test_yaml_regions_are_exact_in_the_file(log: dict[str, Any]) -> None:
    text = file_text("posts.yaml")
    quoted, folded = results_by(log, "politics.vote", "posts.yaml")
    line, column = position(text, "vote them out")
    assert quoted["locations"][0]["physicalLocation"]["region"]["startColumn"] == column
    line, column = position(text, "vote them\n")
    region = folded["locations"][0]["physicalLocation"]["region"]
    end_line, end_column = position(text, "out across")
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
        line, column, end_line, end_column + len("out"))


def test_jsonl_regions_give_the_record_line(log: dict[str, Any]) -> None:
    [first] = results_by(log, "politics.vote", "posts.jsonl")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "tests/fixtures/ci/content/posts.jsonl", "uriBaseId": "SRCROOT"}
    assert location["region"] == {"startLine": 1}


def test_personal_data_is_masked_unless_shown(log: dict[str, Any]) -> None:
    dumped = json.dumps(log)
    assert "555-123-4567" not in dumped and "555-987-6543" not in dumped
    [phone] = results_by(log, "privacy.phone", "welcome.md")
    assert phone["message"]["text"] == "Please do not share phone numbers like 555-***-**67."
    assert phone["locations"][0]["physicalLocation"]["region"]["snippet"] == {"text": "555-***-**67"}
    shown = results_by(sarif("--show-pii", content("welcome.md")), "privacy.phone", "welcome.md")[0]
    assert shown["locations"][0]["physicalLocation"]["region"]["snippet"] == {"text": "555-123-4567"}
    assert shown["partialFingerprints"] == phone["partialFingerprints"]  # never derived from the raw data


def test_fingerprints_survive_moving_text_and_tell_repeats_apart(tmp_path: Path) -> None:
    shutil.copy(ROOT / CONTENT / "posts.yaml", tmp_path / "posts.yaml")
    before = _fingerprints(tmp_path)
    original = (tmp_path / "posts.yaml").read_text(encoding="utf-8")
    (tmp_path / "posts.yaml").write_text("# a new comment\n\n" + original.replace("    Second", "\n    Second"),
                                         encoding="utf-8")
    after = _fingerprints(tmp_path)
    assert before == after and len(set(before.values())) == len(before)
    (tmp_path / "posts.yaml").write_text(original.replace("darn it", "darn it, darn"), encoding="utf-8")
    repeated = [r for r in _results(tmp_path) if r["ruleId"] == "tone.darn"]
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in repeated}) == 2


def _results(folder: Path) -> list[dict[str, Any]]:
    proc = run_check("--format", "sarif", "posts.yaml", cwd=folder)
    return json.loads(proc.stdout)["runs"][0]["results"]


def _fingerprints(folder: Path) -> dict[tuple[str, str], str]:
    return {(r["ruleId"], r["properties"]["recordId"].split(":")[0]): r["partialFingerprints"][FINGERPRINT_KEY]
            for r in _results(folder)}


def test_engine_diagnostics_get_a_descriptor_of_their_own() -> None:
    catalogue = RuleCatalogue(())
    assert catalogue.index("engine.timeout") == 0 == catalogue.index("engine.timeout")
    assert catalogue.descriptors[0]["id"] == "engine.timeout"
    assert catalogue.descriptors[0]["properties"]["category"] == "engine"
    assert rule_name("commercial.solicitation") == "CommercialSolicitation"
    assert rule_name("pii.us-ssn") == "PiiUsSsn"
