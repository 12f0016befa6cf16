"""The public Guard: immutable, picklable, thread-safe, ordered check_many; Post.from_dict."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from connectguard import Author, Guard, InvalidPostError, Post, PostContext
from connectguard.examples_runner import run_examples

from conftest import guard_of, rule

MIXED = guard_of(
    rule("terms: [vote them out, election]\nmode: phrase", rule_id="politics.terms", category="politics",
         extra="action: hold\nguideline: 6\nunless:\n  terms: [board election]\n  mode: phrase\n  within: overlap"),
    rule("pattern: '\\d{3}-\\d{4}'", rule_id="privacy.phone", category="personal-info", extra="action: edit"),
    rule("caps: 0.7", rule_id="respect.caps", category="shouting", extra="action: nudge"),
    rule("metric: words\nless_than: 3", rule_id="titles.short", category="unclear-title",
         extra="fields: title\naction: nudge\nwhen:\n  context.new_discussion: true"),
    rule("links: denied\ndeny: [gofundme.com]", rule_id="money.links", category="fundraising", extra="action: remove"),
    rule("all:\n  - terms: [stop taking]\n    mode: phrase\n  - terms: [insulin, metformin]", rule_id="advice.stop",
         category="medical-advice", extra="mode: shadow\naction: hold"),
)


def corpus(n: int = 120) -> list[dict]:
    samples = [
        {"title": "Help", "body": "Please vote them out, call 555-0123."},
        {"title": "Board news", "body": "The board election is on Monday."},
        {"title": "", "body": "WHY DOES NOBODY EVER ANSWER MY QUESTIONS HERE"},
        {"title": "Fundraiser for my surgery", "body": "see https://www.gofundme.com/f/me"},
        {"title": "Question about metformin dosage", "body": "Should I stop taking metformin?"},
        {"title": "Hi", "body": "\ufb01ne, thanks \u200b\U0001f600", "context": {"new_discussion": True}},
    ]
    return [{"id": f"p{i:03d}", **samples[i % len(samples)]} for i in range(n)]


def records(reports) -> list[dict]:
    return [r.to_dict(show_pii=True) | {"redacted": (r.redacted.title, r.redacted.body), "error": r.error}
            for r in reports]


def test_guard_is_immutable():
    guard = MIXED
    with pytest.raises(AttributeError):
        guard._rules = ()
    with pytest.raises(AttributeError):
        guard.extra = 1
    with pytest.raises(AttributeError):
        del guard._rules
    assert len(guard.rules) == 6
    assert isinstance(guard.rules, tuple)


def test_guard_pickles_to_the_same_reports():
    clone = pickle.loads(pickle.dumps(MIXED))
    assert [r.id for r in clone.rules] == [r.id for r in MIXED.rules]
    posts = corpus(12)
    assert records(clone.check(p) for p in posts) == records(MIXED.check(p) for p in posts)
    assert any(r["violations"] for r in records(MIXED.check(p) for p in posts))


def test_guard_is_thread_safe():
    posts = corpus(300)
    sequential = records(MIXED.check(p) for p in posts)
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = records(pool.map(MIXED.check, posts))
    assert threaded == sequential


def test_check_many_sequential_keeps_order_and_reports_bad_records():
    posts = corpus(10)
    posts[4] = {"id": "bad1", "title": 42}
    posts[6] = "not a post"
    reports = list(MIXED.check_many(posts))
    assert [r.to_dict()["id"] for r in reports] == [f"p{i:03d}" for i in range(4)] + ["bad1", "p005", None] + [
        f"p{i:03d}" for i in range(7, 10)]
    assert reports[4].error == "'title' must be a string, got int" and reports[4].violations == ()
    assert not reports[4].ok
    assert "must be an object" in reports[6].error
    assert all(r.error is None for i, r in enumerate(reports) if i not in (4, 6))


def test_check_many_process_pool_same_order_and_results():
    posts: list = corpus(40)
    posts[17] = {"id": "broken", "body": ["a list"]}
    posts[20] = Post(id="object", title="Hi", body="vote them out")
    expected = records(MIXED.check_many(posts))
    got = records(MIXED.check_many(posts, workers=2, chunk_size=3))
    assert got == expected
    assert got[17]["id"] == "broken" and got[17]["error"] and got[18]["id"] == "p018"
    assert got[20]["id"] == "object" and got[20]["decision"] == "hold"


def test_check_accepts_mappings_and_raises_for_bad_records():
    report = MIXED.check({"id": 7, "title": "Hi", "body": "vote them out", "author": {"role": "member"},
                          "context": {"new_discussion": True, "reports": 2, "format": "markdown"}})
    assert report.to_dict()["id"] == "7"
    assert {v.rule for v in report.violations} == {"politics.terms", "titles.short"}
    with pytest.raises(InvalidPostError):
        MIXED.check({"body": 5})


@pytest.mark.parametrize("record, message", [
    (["title"], "a post must be an object, got list"),
    ({}, "a post needs a 'title' or a 'body'"),
    ({"title": "", "body": None}, "a post needs a 'title' or a 'body'"),
    ({"body": "x", "tags": []}, "unknown keys: tags"),
    ({"body": 3}, "'body' must be a string, got int"),
    ({"body": "x", "id": 1.5}, "'id' must be a string or integer"),
    ({"body": "x", "id": True}, "'id' must be a string or integer"),
    ({"body": "x", "author": "me"}, "'author' must be an object"),
    ({"body": "x", "author": {"age": 3}}, "unknown author fact 'age'"),
    ({"body": "x", "author": {"account_age_days": "3"}}, "author.account_age_days must be int, got str"),
    ({"body": "x", "author": {"post_count": True}}, "author.post_count must be int, got bool"),
    ({"body": "x", "context": {"new_discussion": "yes"}}, "context.new_discussion must be bool, got str"),
    ({"body": "x", "context": {"format": "html"}}, "context.format must be 'plain' or 'markdown'"),
])
def test_post_from_dict_errors(record, message):
    with pytest.raises(InvalidPostError) as info:
        Post.from_dict(record)
    assert message in str(info.value)


def test_post_from_dict_good_and_error_keeps_id():
    post = Post.from_dict({"id": "x1", "body": "b", "author": {"role": "mentor", "account_age_days": 3, "post_count": None},
                           "context": {"new_discussion": False, "reports": 1}})
    assert post == Post(id="x1", body="b", author=Author(role="mentor", account_age_days=3),
                        context=PostContext(new_discussion=False, reports=1))
    assert Post.from_dict(post) is post
    with pytest.raises(InvalidPostError) as info:
        Post.from_dict({"id": 12, "title": 1})
    assert info.value.post_id == "12"
    assert isinstance(info.value, ValueError)


def test_only_and_rule_lookup():
    single = MIXED.only("privacy.phone")
    assert [r.id for r in single.rules] == ["privacy.phone"]
    assert MIXED.rule("respect.caps").action.value == "nudge"
    with pytest.raises(KeyError):
        MIXED.rule("nope.nope")


def test_default_pack_loads_and_its_examples_pass():
    guard = Guard.default()
    assert guard.rules
    results = run_examples(guard)
    assert results.examples > 0
    assert results.ok, "\n".join(str(f) for f in results.failures)
