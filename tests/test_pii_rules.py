"""The ``pii`` kind in rule packs: options, allow-lists, redaction, decisions and PII-safe output."""

from __future__ import annotations

import io
import json
import logging
import pickle
from pathlib import Path

import pytest
from conftest import find_problem, guard_of, load_error, pack_text, rule

from connectguard import Guard, Post
from connectguard.actions import Action

PHONE = rule("pii: phone", rule_id="privacy.phone", category="personal-info",
             extra="action: edit\nreplacement: '[phone number removed]'")
SSN = rule("pii: ssn", rule_id="privacy.ssn", category="personal-info",
           extra="action: hold\nredact: true\nreplacement: '[SSN removed]'")


def test_phone_rule_redacts_with_a_readable_replacement() -> None:
    report = guard_of(PHONE).check(Post(body="Call me on (415) 555-0132 tonight."))
    (v,) = report.violations
    assert (v.text, v.action, v.category) == ("(415) 555-0132", Action.EDIT, "personal-info")
    assert report.decision is Action.EDIT
    assert report.redacted.body == "Call me on [phone number removed] tonight."


def test_identity_numbers_hold_the_post_and_are_still_redacted() -> None:
    report = guard_of(PHONE, SSN).check(Post(body="SSN 078-05-1123, phone 415-555-0132"))
    assert report.decision is Action.HOLD
    assert report.redacted.body == "SSN [SSN removed], phone [phone number removed]"


def test_spans_index_the_original_text_through_normalisation() -> None:
    body = "ring \uff14\uff11\uff15-555-01\u200b32 now"
    (v,) = guard_of(PHONE).check(Post(body=body)).violations
    assert body[v.start:v.end] == v.text == "\uff14\uff11\uff15-555-01\u200b32"
    assert v.why["normalised"] == "415-555-0132"


def test_detector_confidence_scales_the_rule_confidence() -> None:
    guard = guard_of(rule("pii: phone", category="personal-info", extra="confidence: 0.8"))
    strong, weak = guard.check(Post(body="(415) 555-0132 or 555-123-4567")).violations
    assert strong.confidence == pytest.approx(0.8 * 0.95)
    assert weak.confidence < strong.confidence and weak.why["form"] == "unassigned"


def test_min_confidence_drops_weak_findings() -> None:
    guard = guard_of(rule("pii: ssn\nmin_confidence: 0.6", category="personal-info"))
    assert guard.check(Post(body="078051123")).violations == ()
    assert len(guard.check(Post(body="SSN 078051123")).violations) == 1


def test_several_entities_in_one_rule() -> None:
    guard = guard_of(rule("pii: [phone, card]", category="personal-info"))
    found = guard.check(Post(body="4111 1111 1111 1111 and (415) 555-0132")).violations
    assert sorted(v.why["entity"] for v in found) == ["card", "phone"]


# -- allow-lists ------------------------------------------------------------------------
def test_inline_allow_list_accepts_any_way_of_writing_a_number() -> None:
    guard = guard_of(rule("pii: phone\nallow: ['+1 (415) 555-0132']", category="personal-info"))
    assert guard.check(Post(body="our office: 415.555.0132")).violations == ()
    assert len(guard.check(Post(body="mine: 415.555.0199")).violations) == 1


def test_allow_file_beside_the_pack(write_pack) -> None:  # type: ignore[no-untyped-def]
    path = write_pack(pack_text(rule("pii: phone\nallow_file: contacts.txt\ntoll_free: true",
                                     category="personal-info")),
                      **{"contacts.txt": "# poison help\n1-800-222-1222\n"})
    guard = Guard.from_paths(path)
    assert guard.check(Post(body="Poison Help: 1 800 222 1222")).violations == ()
    assert len(guard.check(Post(body="Some line: 1 800 633 4227")).violations) == 1


def test_site_contacts_are_never_personal() -> None:
    guard = guard_of(PHONE, site_contacts=["(415) 555-0132"])
    assert guard.check(Post(body="The clinic desk is 415-555-0132.")).violations == ()
    clone = pickle.loads(pickle.dumps(guard))  # what worker processes receive
    assert clone.check(Post(body="The clinic desk is 415-555-0132.")).violations == ()
    assert clone.check(Post(body="Call me on 415-555-0199.")).violations != ()


def test_default_pack_allows_public_health_lines() -> None:
    report = Guard.default().check(Post(body="Call 988, or Poison Help 1-800-222-1222, or SAMHSA 1-800-662-4357."))
    assert [v for v in report.violations if v.category == "personal-info"] == []


# -- rule file errors --------------------------------------------------------------------
def test_unknown_region_names_the_key_and_hints_at_gb() -> None:
    error = load_error(pack_text(rule("pii: phone\nregions: [US, UK]", category="personal-info")))
    problem = find_problem(error, "rules[0].match.regions")
    assert "UK" in problem.message and "GB" in (problem.hint or "")


def test_unknown_entity_is_a_rule_error() -> None:
    error = load_error(pack_text(rule("pii: passport", category="personal-info")))
    assert find_problem(error, "rules[0].match.pii")


# -- PII-safe output ------------------------------------------------------------------------
def test_outputs_mask_personal_data_unless_asked() -> None:
    report = guard_of(rule("pii: phone", category="personal-info", message="remove {match}")).check(Post(body="Call (415) 555-0132"))
    masked = json.dumps(report.to_dict())
    assert "555-0132" not in masked and "(415) ***-**32" in masked
    assert "555-0132" in json.dumps(report.to_dict(show_pii=True))


def test_passwords_are_masked_completely() -> None:
    guard = guard_of(rule("pii: password", category="personal-info", message="remove {match}"))
    report = guard.check(Post(body="my portal password is Tulip#2024"))
    (v,) = report.to_dict()["violations"]
    assert v["text"] == "*****#****" and "Tul" not in json.dumps(v)


def test_reprs_never_show_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    report = guard_of(PHONE).check(Post(body="Call (415) 555-0132"))
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("checked %r", report)
    assert "555-0132" not in caplog.text and "(415) ***-**32" in caplog.text


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_every_output_format_masks_unless_show_pii(fmt: str) -> None:
    from connectguard.inputs import InputRecord
    from connectguard.output import Summary, make_writer

    guard = guard_of(rule("pii: ssn", category="personal-info", message="remove {match}"))
    post = Post(body="my SSN is 078-05-1123")
    record = InputRecord(source="posts.jsonl", line=1, default_id="posts.jsonl:1", post=post)
    report = guard.check(post)
    outputs = {}
    for show in (False, True):
        stream = io.StringIO()
        writer = make_writer(fmt, stream, show_pii=show, excerpt=True)
        writer.write(record, report)
        writer.close(Summary())
        outputs[show] = stream.getvalue()
    assert "078-05-1123" not in outputs[False] and "078-**-***3" in outputs[False]
    assert "078-05-1123" in outputs[True]


def test_cli_masks_by_default_and_reveals_with_show_pii(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from connectguard.cli import main

    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"id": "p1", "body": "my SSN is 078-05-1123"}) + "\n")
    main(["check", str(posts), "--format", "json"])
    out = capsys.readouterr().out
    assert "078-05-1123" not in out and "078-**-***3" in out
    main(["check", str(posts), "--format", "json", "--show-pii"])
    assert "078-05-1123" in capsys.readouterr().out


def test_the_json_record_carries_the_redacted_post() -> None:
    report = guard_of(PHONE).check(Post(body="Call me on (415) 555-0132 tonight."))
    assert report.to_dict()["redacted"] == {"title": "", "body": "Call me on [phone number removed] tonight."}
    assert "redacted" not in guard_of(PHONE).check(Post(body="nothing here")).to_dict()


def test_the_redacted_post_is_withheld_when_it_would_leak_a_shadow_finding() -> None:
    shadow = rule("pii: email", rule_id="privacy.email", category="personal-info", extra="mode: shadow")
    report = guard_of(PHONE, shadow).check(Post(body="(415) 555-0132 or jo@example.com"))
    assert "redacted" not in report.to_dict()
    assert "jo@example.com" in report.to_dict(show_pii=True)["redacted"]["body"]


def test_an_allowed_address_also_allows_its_street_line() -> None:
    guard = guard_of(rule("pii: address\nallow: ['200 First St SW, Rochester, MN 55905']", category="personal-info"))
    assert guard.check(Post(body="The clinic is at 200 First St SW, Rochester, MN 55905.")).violations == ()
    assert guard.check(Post(body="Parking is behind 200 First St SW.")).violations == ()
    assert len(guard.check(Post(body="I live at 12 Oak Street, Rochester, MN 55901.")).violations) == 1
