"""``all`` / ``any`` / ``none`` with scopes, and ``unless`` applied to each match."""

from __future__ import annotations

from conftest import find_problem, guard_of, hits, load_error, pack_text, rule, texts

from connectguard import Post

STOP = "terms: [stop taking]\nmode: phrase"


def all_of(*items: str, options: str = "") -> str:
    body = "all:\n" + "".join("  - " + item.replace("\n", "\n    ") + "\n" for item in items)
    return body + options


def test_all_within_sentence_default():
    guard = guard_of(rule(all_of(STOP, "terms: [insulin, metformin]")))
    assert texts(guard, "You should stop taking insulin.") == ["stop taking"]
    assert texts(guard, "Stop taking it. Insulin is fine.") == []
    assert texts(guard, "insulin: stop taking it!") == ["stop taking"]


def test_all_within_field_and_post():
    field = guard_of(rule(all_of(STOP, "terms: [insulin]", options="within: field")))
    post = guard_of(rule(all_of(STOP, "terms: [insulin]", options="within: post"), extra="fields: body"))
    assert texts(field, "Stop taking it. Insulin is fine.") == ["Stop taking"]
    assert texts(field, "Stop taking it.", title="Insulin question") == []
    assert texts(post, "Stop taking it.", title="Insulin question") == ["Stop taking"]


def test_all_overlap():
    guard = guard_of(rule(all_of("terms: [election]", "terms: [board election]", options="within: overlap")))
    assert texts(guard, "the board election") == ["election"]
    assert texts(guard, "the election of the board") == []


def test_near_counts_words_between():
    guard = guard_of(rule(all_of(STOP, "terms: [insulin]", options="near: 2")))
    assert texts(guard, "stop taking your insulin") == ["stop taking"]
    assert texts(guard, "stop taking your daily insulin") == ["stop taking"]
    assert texts(guard, "stop taking all your daily insulin") == []
    assert texts(guard, "insulin, honestly, just stop taking it") == ["stop taking"]


def test_side_before_and_after():
    before = guard_of(rule(all_of(STOP, "terms: [doctor]", options="side: before")))
    after = guard_of(rule(all_of(STOP, "terms: [doctor]", options="side: after")))
    assert texts(before, "My doctor said stop taking it") == ["stop taking"]
    assert texts(before, "Stop taking it, said my doctor") == []
    assert texts(after, "Stop taking it, said my doctor") == ["Stop taking"]
    assert texts(after, "My doctor said stop taking it") == []


def test_all_with_none_ai_marker_without_disclosure():
    guard = guard_of(rule(all_of(
        "terms: [as an ai language model, delve into]\nmode: phrase",
        "none:\n  - terms: [i used chatgpt, written with ai]\n    mode: phrase\nwithin: post",
    )))
    assert texts(guard, "Let's delve into it. As an AI language model I can't.") == ["delve into",
                                                                                   "As an AI language model"]
    assert texts(guard, "Let's delve into it.\n\nI used ChatGPT to help write this.") == []
    assert texts(guard, "Let's delve into it.", title="Written with AI: my story") == []


def test_imperative_not_preceded_by_my_doctor_told_me():
    guard = guard_of(rule(all_of(
        STOP,
        "none:\n  - terms: [my doctor told me]\n    mode: phrase\nside: before",
    )))
    assert texts(guard, "My doctor told me to stop taking it.") == []
    assert texts(guard, "Stop taking it, my doctor told me so.") == ["Stop taking"]
    assert texts(guard, "My doctor told me nothing. Stop taking it.") == ["Stop taking"]  # other sentence


def test_all_why_lists_conditions():
    guard = guard_of(rule(all_of(STOP, "terms: [insulin]", options="near: 3\nside: after")))
    (v,) = guard.check(Post(body="stop taking insulin")).violations
    assert v.why["conditions"] == [{"kind": "terms", "required": True, "within": "sentence", "near": 3, "side": "after"}]


def test_any_reports_every_item():
    guard = guard_of(rule("any:\n  - terms: [cheap]\n  - pattern: 'buy\\s+now'\n  - links: any"))
    assert texts(guard, "cheap pills, buy now at pills.shop") == ["cheap", "buy now", "pills.shop"]


def test_nested_all_inside_any():
    guard = guard_of(rule("any:\n  - " + all_of(STOP, "terms: [insulin]").replace("\n", "\n    ") + "\n  - terms: [quit]"))
    assert texts(guard, "quit. stop taking insulin. stop taking vitamins.") == ["quit", "stop taking"]


# -- unless --------------------------------------------------------------------------

UNLESS_DOCTOR = "unless:\n  terms: [my doctor told me]\n  mode: phrase"


def test_unless_is_applied_per_match():
    guard = guard_of(rule(STOP, extra=UNLESS_DOCTOR))
    body = "My doctor told me to stop taking it. You should stop taking yours too."
    assert hits(guard, body) == [("body", "stop taking", 48, 59)]
    assert texts(guard, "My doctor told me to stop taking it.") == []


def test_unless_within_overlap():
    guard = guard_of(rule("terms: [election]", extra="unless:\n  terms: [board election]\n  mode: phrase\n  within: overlap"))
    assert texts(guard, "The board election went well, unlike the election.") == ["election"]
    body = "The board election went well, unlike the election."
    assert hits(guard, body)[0][2] == body.rindex("election")


def test_unless_with_side_and_near():
    guard = guard_of(rule(STOP, extra="unless:\n  terms: [doctor]\n  side: before\n  near: 3"))
    assert texts(guard, "my doctor says stop taking it") == []
    assert texts(guard, "my doctor says you really must absolutely stop taking it") == ["stop taking"]
    assert texts(guard, "stop taking it, doctor") == ["stop taking"]


def test_unless_within_post_excepts_everything():
    guard = guard_of(rule(STOP, extra="unless:\n  terms: [satire]\n  within: post"))
    assert texts(guard, "Stop taking it. Stop taking that.", title="Satire") == []
    assert texts(guard, "Stop taking it. Stop taking that.", title="Serious") == ["Stop taking", "Stop taking"]


def test_unless_with_a_composed_exception():
    guard = guard_of(rule(STOP, extra="unless:\n  any:\n    - terms: [doctor]\n    - terms: [nurse]"))
    assert texts(guard, "the nurse said stop taking it. stop taking it.") == ["stop taking"]


def test_unless_why_records_exception_considered():
    guard = guard_of(rule(STOP, extra=UNLESS_DOCTOR))
    (v,) = guard.check(Post(body="stop taking it")).violations
    assert v.why["conditions"] == [{"kind": "terms", "required": False, "within": "sentence"}]


ANY_TWO = rule("""\
    any:
      - terms: [free spins]
        mode: phrase
      - terms: [order now]
        mode: phrase
      - links: any
    at_least: 2
    """)


def test_any_at_least_needs_that_many_different_items() -> None:
    guard = guard_of(ANY_TWO)
    assert texts(guard, "free spins, free spins, free spins") == []   # one item, however often
    assert texts(guard, "free spins! order now") == ["free spins", "order now"]
    assert texts(guard, "order now at www.example.biz") == ["order now", "www.example.biz"]


def test_any_at_least_counts_items_across_title_and_body() -> None:
    guard = guard_of(ANY_TWO)
    assert hits(guard, title="Free spins", body="order now") == [
        ("title", "Free spins", 0, 10), ("body", "order now", 0, 9)]


def test_any_at_least_larger_than_its_items_is_a_load_error() -> None:
    error = load_error(pack_text(rule("""\
        any:
          - terms: [a]
        at_least: 2
        """)))
    assert "can never hold" in find_problem(error, "rules[0].match.at_least").message
