"""``caps``, ``metric`` and ``links``."""

from __future__ import annotations

from conftest import find_problem, guard_of, hits, load_error, pack_text, rule, texts

from connectguard import Post
from connectguard.text.urls import find_links, host_in

# -- caps ----------------------------------------------------------------------------


def test_shouting_reported_from_first_to_last_shouted_word():
    guard = guard_of(rule("caps: 0.7"))
    body = "why does NOBODY EVER ANSWER MY QUESTIONS here"
    (v,) = guard.check(Post(body=body)).violations
    assert (v.start, v.end, v.text) == (9, 40, "NOBODY EVER ANSWER MY QUESTIONS")
    assert v.why["kind"] == "caps" and v.why["shouted_words"] == 5 and v.why["upper_ratio"] >= 0.7


def test_acronyms_are_not_shouting():
    guard = guard_of(rule("caps: 0.5\nmin_letters: 1\nmin_words: 1"))
    assert texts(guard, "MRI CPAP COVID HIV ICU TSH") == []
    assert texts(guard, "My MRI and COVID test in the ICU") == []
    assert texts(guard, "MRI results: TERRIBLE") == ["TERRIBLE"]


def test_extra_acronyms_option():
    guard = guard_of(rule("caps: 0.5\nmin_letters: 1\nmin_words: 1\nacronyms: [eds, pots]"))
    assert texts(guard, "EDS and POTS") == []


def test_one_emphasised_word_is_fine():
    guard = guard_of(rule("caps: 0.3"))
    assert texts(guard, "I am REALLY tired") == []           # one whole upper-case word
    assert texts(guard, "I am REALLY REALLY tired") == ["REALLY REALLY"]


def test_min_letters():
    short = "STOP IT"
    assert texts(guard_of(rule("caps: 0.7")), short) == []                    # 6 letters < 12
    assert texts(guard_of(rule("caps: 0.7\nmin_letters: 6")), short) == ["STOP IT"]


def test_caps_within_sentence():
    body = "I have been calm and patient about all of this for weeks now. WHY DOES NOBODY ANSWER"
    assert texts(guard_of(rule("caps: 0.7")), body) == []
    per_sentence = guard_of(rule("caps: 0.7\nper: sentence"))
    assert hits(per_sentence, body) == [("body", "WHY DOES NOBODY ANSWER", 62, 84)]


def test_caps_span_in_original_with_fullwidth_and_invisibles():
    guard = guard_of(rule("caps: 0.7\nmin_letters: 4"))
    body = "ok \uff33\uff34\uff2f\uff30 YE\u200bLLING"
    (v,) = guard.check(Post(body=body)).violations
    assert v.text == "\uff33\uff34\uff2f\uff30 YE\u200bLLING" and body[v.start:v.end] == v.text


# -- metric --------------------------------------------------------------------------

TITLE_WORDS = rule("metric: words\nless_than: 3", extra="fields: title")


def test_title_shorter_than_three_words():
    guard = guard_of(TITLE_WORDS)
    assert hits(guard, title="Help please!!", body="long enough body text here") == [
        ("title", "Help please", 0, 11)]
    assert texts(guard, title="Question about metformin dosage", body="x") == []
    (v,) = guard.check(Post(title="Help", body="b")).violations
    assert v.why == {"kind": "metric", "measure": "words", "value": 1, "less_than": 3}


def test_metric_with_nothing_counted_points_at_the_stripped_field():
    guard = guard_of(TITLE_WORDS)
    assert hits(guard, title="  ???  ", body="b") == [("title", "???", 2, 5)]


def test_more_than_three_links():
    guard = guard_of(rule("metric: links\nmore_than: 3"))
    three = "a.com b.org https://c.net/x"
    assert texts(guard, three) == []
    (v,) = guard.check(Post(body=three + " www.d.io")).violations
    assert (v.start, v.end) == (0, len(three) + 9) and v.why["value"] == 4


def test_emoji_count():
    guard = guard_of(rule("metric: emoji\nat_least: 3"))
    assert texts(guard, "good \U0001f600 \U0001f44d\U0001f3fd") == []     # skin tone is part of one emoji
    assert texts(guard, "\U0001f600\U0001f600 and \u2764\ufe0f") == ["\U0001f600\U0001f600 and \u2764\ufe0f"]


def test_repeated_punctuation():
    guard = guard_of(rule("metric: repeated_punctuation\nat_least: 2"))
    assert texts(guard, "Why?? Really!") == []
    body = "Why??? Really!!!! ok...."
    (v,) = guard.check(Post(body=body)).violations
    assert v.why["value"] == 3 and v.text == "??? Really!!!! ok...."


def test_characters_and_lines_and_ranges():
    guard = guard_of(rule("metric: characters\nat_least: 3\nat_most: 5"))
    assert texts(guard, "ab") == [] and texts(guard, "a b c") == ["a b c"] and texts(guard, "abcdef") == []
    lines = guard_of(rule("metric: lines\nmore_than: 2"))
    assert texts(lines, "one\n\ntwo") == [] and texts(lines, "one\ntwo\n three") == ["one\ntwo\n three"]


def test_metric_needs_a_threshold():
    error = load_error(pack_text(rule("metric: words")))
    assert "needs a threshold" in find_problem(error, "rules[0].match.metric").message


# -- links ---------------------------------------------------------------------------

DENY = rule("links: denied\ndeny: [gofundme.com, www.gogetfunding.com]")


def test_deny_list_includes_subdomains():
    guard = guard_of(DENY)
    body = ("Give at https://www.gofundme.com/f/help-me, or GoFundMe.com/abc. Also uk.gofundme.com/x "
            "and gogetfunding.com/p.")
    assert texts(guard, body) == ["https://www.gofundme.com/f/help-me", "GoFundMe.com/abc", "uk.gofundme.com/x",
                                  "gogetfunding.com/p"]
    assert texts(guard, "see notgofundme.com and gofundme.com.example.net") == []


def test_deny_list_sees_through_userinfo():
    guard = guard_of(DENY)
    assert texts(guard, "go to https://friend@gofundme.com/f/x now") == ["https://friend@gofundme.com/f/x"]


def test_allow_list():
    guard = guard_of(rule("links: any\nallow: [mayoclinic.org, nih.gov]"))
    body = "See https://www.mayoclinic.org/x and pubmed.ncbi.nlm.nih.gov/1 but not spam-pills.shop/buy"
    assert texts(guard, body) == ["spam-pills.shop/buy"]


def test_allow_wins_over_deny():
    guard = guard_of(rule("links: denied\ndeny: [example.com]\nallow: [ok.example.com]"))
    assert texts(guard, "ok.example.com/a bad.example.com/b") == ["bad.example.com/b"]


def test_no_false_links():
    guard = guard_of(rule("links: any"))
    assert texts(guard, "Take 5 mL. Then 10mg.Daily, see file.txt and e.g. this") == []
    assert texts(guard, "mail bob@gofundme.com or jane.me@gmail.com or a.b.co@x.org") == []


def test_link_spans_drop_trailing_punctuation_and_brackets():
    links = find_links("(see example.com/a), then https://x.org/p?q=1. And www.y.info!")
    assert [(l.url, l.host) for l in links] == [
        ("example.com/a", "example.com"), ("https://x.org/p?q=1", "x.org"), ("www.y.info", "y.info")]
    text = "(see example.com/a)"
    assert text[links[0].start:links[0].end] == "example.com/a"


def test_host_in():
    domains = frozenset({"gofundme.com"})
    assert host_in("gofundme.com", domains) and host_in("a.b.gofundme.com", domains)
    assert not host_in("notgofundme.com", domains) and not host_in("gofundme.com.evil.net", domains)


def test_denied_needs_a_deny_list():
    error = load_error(pack_text(rule("links: denied")))
    assert "'deny' list" in find_problem(error, "rules[0].match.links").message


def test_repeated_links_count_the_second_and_later_copies() -> None:
    guard = guard_of(rule("metric: repeated_links\nat_least: 2"))
    body = "see www.example.biz/a and https://example.biz/a/ then WWW.EXAMPLE.BIZ/A, not example.biz/b"
    assert texts(guard, body) == ["https://example.biz/a/ then WWW.EXAMPLE.BIZ/A"]
    assert texts(guard, "www.example.biz/a and example.biz/b") == []


def test_repeated_sentences_ignore_case_and_punctuation_but_need_three_words() -> None:
    guard = guard_of(rule("metric: repeated_sentences\nat_least: 1"))
    assert texts(guard, "Nice post. Visit example.biz for free spins! nice post. visit example.biz, for free spins") == [
        "visit example.biz, for free spins"]
    assert texts(guard, "Thank you. Thank you. Thank you.") == []   # two words: a habit, not a bot


def test_site_domains_never_fire_links_rules():
    guard = guard_of(rule("links: any"), site_domains=["Community.Example.org"])
    body = "Read www.community.example.org/faq and help.community.example.org but also pills.example.net"
    assert texts(guard, body) == ["pills.example.net"]
    derived = guard.derive(site_domains=())
    assert texts(derived, body) == ["www.community.example.org/faq", "help.community.example.org",
                                    "pills.example.net"]
