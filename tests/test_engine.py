"""The engine: ``when``, the decision ladder, shadow mode, redaction, ordering, the JSON record."""

from __future__ import annotations

import dataclasses
import json

import pytest

from connectguard import Action, Author, Guard, Mode, Post, PostContext
from connectguard.conditions import FactCondition
from connectguard.engine import decide
from connectguard.loader.pack import Pack

from conftest import guard_of, rule, texts

# -- when ----------------------------------------------------------------------------


def when_guard(when: str) -> Guard:
    return guard_of(rule("terms: [buy now]", extra="when:\n" + "\n".join("  " + line for line in when.splitlines())))


def fires(guard: Guard, author: Author | None = None, context: PostContext | None = None) -> bool:
    post = Post(body="buy now", author=author or Author(), context=context or PostContext())
    return bool(guard.check(post).violations)


def test_when_skip_moderators():
    guard = when_guard("author.role: {not_in: [moderator, staff]}")
    assert fires(guard, Author(role="member"))
    assert not fires(guard, Author(role="moderator"))
    assert not fires(guard, Author(role="staff"))
    assert fires(guard, Author())  # unknown role: "skip moderators" still runs


def test_when_new_accounts():
    guard = when_guard("author.account_age_days: {less_than: 7}")
    assert fires(guard, Author(account_age_days=0))
    assert fires(guard, Author(account_age_days=6))
    assert not fires(guard, Author(account_age_days=7))
    assert not fires(guard, Author())  # unknown age: "only new accounts" does not fire


def test_when_new_discussion():
    guard = when_guard("context.new_discussion: true")
    assert fires(guard, context=PostContext(new_discussion=True))
    assert not fires(guard, context=PostContext(new_discussion=False))
    assert not fires(guard, context=PostContext())  # unknown


def test_when_reports_at_least():
    guard = when_guard("context.reports: {at_least: 2}")
    assert not fires(guard)
    assert not fires(guard, context=PostContext(reports=1))
    assert fires(guard, context=PostContext(reports=2))
    assert fires(guard, context=PostContext(reports=9))


def test_when_several_conditions_all_hold():
    guard = when_guard("author.role: member\nauthor.post_count: {at_most: 5, more_than: 0}\ncontext.format: {in: [markdown]}")
    good = Author(role="member", post_count=3)
    assert fires(guard, good, PostContext(format="markdown"))
    assert not fires(guard, good, PostContext(format="plain"))
    assert not fires(guard, Author(role="member", post_count=0), PostContext(format="markdown"))
    assert not fires(guard, Author(role="mentor", post_count=3), PostContext(format="markdown"))


def test_unknown_facts_semantics():
    post = Post(body="x")
    assert FactCondition("author.role", "not", "moderator").holds(post)
    assert FactCondition("author.role", "not_in", ["moderator"]).holds(post)
    for op in ("equals", "in"):
        assert not FactCondition("author.role", op, "member" if op == "equals" else ["member"]).holds(post)
    for op in ("equals", "not", "less_than", "at_most", "more_than", "at_least"):
        holds = FactCondition("author.account_age_days", op, 10).holds(post)
        assert holds is (op == "not")
    assert not FactCondition("context.new_discussion", "equals", False).holds(post)


def test_when_conditions_are_typed_at_load():
    from conftest import load_error, pack_text

    error = load_error(pack_text(rule("terms: [x]", extra="when:\n  context.new_discussion: yes")))
    (problem,) = error.problems
    assert problem.key == "rules[0].when.context.new_discussion"
    assert "YAML 1.1 boolean" in problem.hint


# -- decision ladder -----------------------------------------------------------------

def ladder(*actions: str, mode: dict[str, str] | None = None) -> Guard:
    mode = mode or {}
    return guard_of(*(
        rule(f"terms: [{a}word]", rule_id=f"test.{a}", extra=f"action: {a}\nmode: {mode.get(a, 'enforce')}")
        for a in actions
    ))


def test_action_order():
    assert [a.value for a in sorted(Action, reverse=True)] == ["remove", "hold", "edit", "flag", "nudge", "allow"]
    assert Action.NUDGE < Action.FLAG < Action.EDIT < Action.HOLD < Action.REMOVE
    assert max(Action.EDIT, Action.FLAG) is Action.EDIT


@pytest.mark.parametrize("present, expected", [
    ((), "allow"),
    (("allow",), "allow"),
    (("nudge",), "nudge"),
    (("nudge", "flag"), "flag"),
    (("flag", "edit"), "edit"),
    (("edit", "hold", "nudge"), "hold"),
    (("hold", "remove", "flag"), "remove"),
])
def test_decision_is_most_severe_enforced_action(present, expected):
    guard = ladder("allow", "nudge", "flag", "edit", "hold", "remove")
    body = " ".join(f"{a}word" for a in present) or "nothing"
    report = guard.check(Post(body=body))
    assert report.decision.value == expected
    assert sorted(v.action.value for v in report.violations) == sorted(present)
    assert report.ok is (expected == "allow")


def test_shadow_is_reported_but_never_decides():
    guard = ladder("nudge", "remove", "edit", mode={"remove": "shadow", "edit": "shadow"})
    report = guard.check(Post(body="nudgeword removeword editword"))
    assert report.decision is Action.NUDGE
    shadow = {v.rule: v.mode for v in report.violations}
    assert shadow == {"test.nudge": Mode.ENFORCE, "test.remove": Mode.SHADOW, "test.edit": Mode.SHADOW}
    assert [v.rule for v in report.enforced] == ["test.nudge"]
    assert report.redacted == report.post  # shadow edits are not applied
    assert report.to_dict()["violations"][1]["mode"] == "shadow"
    only_shadow = guard.check(Post(body="removeword"))
    assert only_shadow.decision is Action.ALLOW and only_shadow.ok and len(only_shadow.violations) == 1


def test_decide_directly():
    assert decide([]) is Action.ALLOW


# -- redaction -----------------------------------------------------------------------

def test_edit_actions_compose_into_redacted():
    guard = guard_of(
        rule("pattern: '\\d{3}-\\d{4}'", rule_id="privacy.phone", category="personal-info", extra="action: edit"),
        rule("terms: [gofundme]", rule_id="money.link", extra="action: edit\nreplacement: '[link]'"),
        rule("terms: [idiot]", rule_id="respect.insult", extra="action: flag"),
    )
    post = Post(id="p1", title="Call 555-0123", body="idiot, call 555-0123 or see gofundme. Thanks")
    report = guard.check(post)
    assert report.decision is Action.EDIT
    assert report.redacted.title == "Call [removed]"
    assert report.redacted.body == "idiot, call [removed] or see [link]. Thanks"
    assert report.redacted.id == "p1" and report.post is post
    assert post.body.startswith("idiot, call 555")  # the original is untouched


def test_overlapping_redactions_merge_most_severe_replacement_wins():
    guard = guard_of(
        rule("terms: [card number]\nmode: phrase", rule_id="a.low", extra="action: edit\nseverity: low\nreplacement: '[low]'"),
        rule("pattern: 'number \\d+'", rule_id="a.high", extra="action: edit\nseverity: high\nreplacement: '[high]'"),
    )
    report = guard.check(Post(body="my card number 4242 ok"))
    assert report.redacted.body == "my [high] ok"
    touching = guard.check(Post(body="card number"))
    assert touching.redacted.body == "[low]"


def test_redact_option_overrides_action_default():
    guard = guard_of(
        rule("terms: [secret]", rule_id="a.flag", extra="action: flag\nredact: true\nreplacement: ''"),
        rule("terms: [keep]", rule_id="a.edit", extra="action: edit\nredact: false"),
    )
    report = guard.check(Post(body="a secret to keep"))
    assert report.redacted.body == "a  to keep"
    assert report.decision is Action.EDIT


def test_no_edits_returns_the_same_post():
    guard = guard_of(rule("terms: [x]"))
    post = Post(body="x y")
    assert guard.check(post).redacted is post


# -- ordering, record, placeholders --------------------------------------------------

def test_violations_ordered_by_field_then_start():
    guard = guard_of(
        rule("terms: [zeta]", rule_id="a.zeta"),
        rule("terms: [alpha]", rule_id="z.alpha"),
    )
    report = guard.check(Post(title="alpha zeta", body="zeta alpha zeta"))
    assert [(v.field, v.start, v.rule) for v in report.violations] == [
        ("title", 0, "z.alpha"), ("title", 6, "a.zeta"),
        ("body", 0, "a.zeta"), ("body", 5, "z.alpha"), ("body", 11, "a.zeta")]


def test_fields_option():
    guard = guard_of(rule("terms: [x]", extra="fields: title"), rule("terms: [x]", rule_id="b.body", extra="fields: [body]"))
    report = guard.check(Post(title="x", body="x"))
    assert [(v.rule, v.field) for v in report.violations] == [("test.rule", "title"), ("b.body", "body")]


VIOLATION_KEYS = {"rule", "category", "guideline", "severity", "confidence", "action", "mode", "field", "start",
                  "end", "text", "message", "note", "why"}


def test_to_dict_contract():
    guard = guard_of(rule("terms: [vote them out]\nmode: phrase", rule_id="politics.vote", category="politics",
                          extra="guideline: 6\nseverity: high\nconfidence: 0.75\naction: hold\nnote: 'n {field}'"))
    report = guard.check(Post(id="a001", body="We must vote them out!"))
    record = report.to_dict()
    assert set(record) == {"id", "decision", "violations"}
    assert record["id"] == "a001" and record["decision"] == "hold"
    (v,) = record["violations"]
    assert set(v) == VIOLATION_KEYS
    assert v == {
        "rule": "politics.vote", "category": "politics", "guideline": 6, "severity": "high", "confidence": 0.75,
        "action": "hold", "mode": "enforce", "field": "body", "start": 8, "end": 21, "text": "vote them out",
        "message": "found vote them out", "note": "n body",
        "why": {"kind": "terms", "mode": "phrase", "term": "vote them out", "normalised": "vote them out",
                "steps": ["casefold"]},
    }
    assert json.loads(json.dumps(record)) == record
    assert guard.check(Post(body="nothing")).to_dict() == {"id": None, "decision": "allow", "violations": []}


def test_message_placeholders_rendered():
    message = "{match}|{rule}|{category}|{field}|{action}|{severity}|{guideline}|{guideline.title}|{guideline.url}|{{x}}"
    guard = guard_of(rule("terms: [rude]", rule_id="respect.rude", category="personal-attack", message=message,
                          extra="guideline: 4\naction: nudge\nseverity: low"))
    (v,) = guard.check(Post(title="so RUDE")).violations
    assert v.message == "RUDE|respect.rude|personal-attack|title|nudge|low|4|Be respectful|https://example.org/g#4|{x}"


def test_sensitive_text_is_masked_in_output_only():
    guard = guard_of(rule("pattern: '\\d{3}-\\d{4}'", rule_id="privacy.phone", category="personal-info",
                          message="remove {match}", extra="note: 'phone {match}'"))
    report = guard.check(Post(body="call 555-0123 now"))
    (v,) = report.violations
    assert v.sensitive and v.text == "555-0123" and (v.start, v.end) == (5, 13)
    shown = report.to_dict()["violations"][0]
    assert shown["text"] == "555-***3"
    assert shown["message"] == "remove 555-***3" and shown["note"] == "phone 555-***3"
    assert "555-0123" not in json.dumps(shown)
    assert (shown["start"], shown["end"]) == (5, 13)
    assert report.to_dict(show_pii=True)["violations"][0]["text"] == "555-0123"
    plain = guard_of(rule("terms: [x]", extra="sensitive: true"))
    assert plain.check(Post(body="x")).to_dict()["violations"][0]["text"] == "x"


def test_sensitive_normalised_form_is_masked_too():
    guard = guard_of(rule("pattern: '\\d{3}-\\d{4}'", category="personal-info"))
    body = "call \uff15\uff15\uff15-\uff10\uff11\uff12\uff13 now"
    shown = guard.check(Post(body=body)).to_dict()["violations"][0]
    assert shown["text"] == "\uff15\uff15\uff15-***\uff13"
    assert "0123" not in json.dumps(shown) and shown["why"]["normalised"] == "555-***3"


def test_sensitive_false_overrides_category_default():
    guard = guard_of(rule("terms: [secret]", category="personal-info", extra="sensitive: false"))
    assert guard.check(Post(body="secret stuff")).to_dict()["violations"][0]["text"] == "secret"


# -- robustness ----------------------------------------------------------------------

def test_too_long_field_is_truncated_with_a_diagnostic():
    guard = guard_of(rule("terms: [tail]"), max_field_chars=20)
    report = guard.check(Post(body="ok " * 10 + "tail"))
    assert [v.rule for v in report.violations] == ["engine.too-long"]
    (v,) = report.violations
    assert v.category == "engine" and v.action is Action.FLAG and v.text == "" and (v.start, v.end) == (0, 0)
    assert texts(guard, "tail within limits") == ["tail"]


class Exploding:
    def find(self, doc, post):
        raise RuntimeError("boom")


def test_a_failing_rule_becomes_a_diagnostic_and_others_still_run():
    base = guard_of(rule("terms: [x]", rule_id="a.bad"), rule("terms: [x]", rule_id="b.good"))
    bad = dataclasses.replace(base.rules[0], matcher=Exploding())
    pack = base.packs[0]
    guard = Guard([Pack(pack.name, pack.path, pack.description, pack.guidelines, (bad, base.rules[1]))])
    report = guard.check(Post(body="x"))
    assert [v.rule for v in report.violations] == ["engine.error", "b.good"]
    assert "a.bad" in report.violations[0].note and "RuntimeError: boom" in report.violations[0].note
    assert report.decision is Action.FLAG


def test_empty_fields_are_skipped():
    guard = guard_of(rule("metric: words\nless_than: 3", extra="fields: title"))
    assert guard.check(Post(body="a reply without a title")).violations == ()
