"""``terms``: modes, case, overlaps, terms files, and the one definition of a word."""

from __future__ import annotations

import pickle

from connectguard import Guard, Post
from connectguard.text.words import WordIndex, is_word_char, words_of

from conftest import FIXTURES, guard_of, hits, rule, texts


def terms(spec: str, **kw) -> Guard:
    return guard_of(rule(spec, **kw))


# -- word mode (default) -----------------------------------------------------------

def test_word_mode_whole_words_only():
    guard = terms("terms: [diet]")
    assert texts(guard, "Diet, dieting, prediet, diet.") == ["Diet", "diet"]
    assert hits(guard, "a diet") == [("body", "diet", 2, 6)]


def test_word_mode_multiword_any_whitespace_but_same_punctuation():
    guard = terms("terms: [buy now, heart-attack]")
    assert texts(guard, "Buy   now!\nbuy\n\tnow") == ["Buy   now", "buy\n\tnow"]
    assert texts(guard, "buy-now, buy. now") == []
    assert texts(guard, "a heart-attack") == ["heart-attack"]
    assert texts(guard, "a heart attack, a heart.attack") == []


def test_heart_attack_phrase_vs_word():
    text = "I had a heart-attack last year"
    assert texts(terms("terms: [heart attack]\nmode: phrase"), text) == ["heart-attack"]
    assert texts(terms("terms: [heart attack]\nmode: word"), text) == []
    assert texts(terms("terms: [heart attack]"), "a heart  attack") == ["heart  attack"]


def test_phrase_mode_any_run_of_spaces_or_punctuation():
    guard = terms("terms: [vote them out]\nmode: phrase")
    assert texts(guard, "VOTE... them -- out!!") == ["VOTE... them -- out"]
    assert texts(guard, "vote them outright") == []
    assert texts(guard, "revote them out") == []
    assert texts(guard, "vote_them_out") == ["vote_them_out"]


def test_prefix_mode_span_runs_to_end_of_word():
    guard = terms("terms: [diet, weight los]\nmode: prefix")
    assert hits(guard, "Dieting and weight loss; prediet") == [
        ("body", "Dieting", 0, 7), ("body", "weight loss", 12, 23)]


def test_substring_mode_anywhere_and_overlapping():
    guard = terms("terms: [ana, nan]\nmode: substring")
    assert hits(guard, "bANANA") == [
        ("body", "ANA", 1, 4), ("body", "NAN", 2, 5), ("body", "ANA", 3, 6)]


def test_overlapping_terms_are_all_found():
    guard = terms("terms: [heart, heart attack, attack, art]\nmode: word")
    assert sorted(texts(guard, "heart attack")) == sorted(["heart", "heart attack", "attack"])
    guard = terms("terms: [heart, heart attack, attack, art]\nmode: substring")
    assert sorted(texts(guard, "heart attack")) == sorted(["heart", "heart attack", "attack", "art"])


def test_case_insensitive_by_default_and_case_sensitive_option():
    assert texts(terms("terms: [MAGA]"), "maga Maga MAGA") == ["maga", "Maga", "MAGA"]
    sensitive = terms("terms: [MAGA]\ncase_sensitive: true")
    assert texts(sensitive, "maga Maga MAGA") == ["MAGA"]
    # Unicode case folding, not just lower(): ß == SS
    assert texts(terms("terms: [straße]"), "STRASSE strasse") == ["STRASSE", "strasse"]


def test_repeated_term_reported_each_time_with_why():
    guard = terms("terms: [Spam]")
    report = guard.check(Post(body="spam and SPAM"))
    assert [(v.start, v.end) for v in report.violations] == [(0, 4), (9, 13)]
    assert report.violations[1].why == {"kind": "terms", "mode": "word", "term": "Spam", "normalised": "spam",
                                        "steps": ["casefold"]}


def test_duplicate_and_case_variant_terms_do_not_duplicate_hits():
    guard = terms("terms: [spam, Spam, SPAM]")
    assert texts(guard, "spam") == ["spam"]


# -- the word definition -----------------------------------------------------------

def test_underscore_is_not_a_word_character():
    assert not is_word_char("_")
    assert all(is_word_char(c) for c in "aZ9é\u0301\u0660")
    assert words_of("f_u_c_k my_diet") == ["f", "u", "c", "k", "my", "diet"]
    assert texts(terms("terms: [diet]"), "my_diet_plan") == ["diet"]
    assert texts(terms("terms: [fuck]"), "f_u_c_k") == []


def test_digits_and_marks_are_word_characters():
    guard = terms("terms: [covid, café]")
    assert texts(guard, "covid19 covid-19 cafe\u0301s cafe\u0301") == ["covid", "cafe\u0301"]


def test_word_index_gap():
    index = WordIndex.of("one two, three  four")
    assert len(index) == 4
    assert index.gap((0, 3), (16, 20)) == 2
    assert index.gap((16, 20), (0, 3)) == 2
    assert index.gap((0, 3), (4, 7)) == 0
    assert index.gap((0, 7), (4, 12)) == 0


def test_non_latin_scripts():
    guard = terms("terms: [лекарство, φάρμακο]")
    assert texts(guard, "Это ЛЕКАРСТВО. Ένα ΦΆΡΜΑΚΟ.") == ["ЛЕКАРСТВО", "ΦΆΡΜΑΚΟ"]


# -- terms files -----------------------------------------------------------------

def test_terms_file_next_to_the_pack():
    guard = Guard.from_paths(FIXTURES / "terms_pack.yaml")
    assert texts(guard, "Support the Green Party at the next rally; register at party HQ") == [
        "Green Party", "rally"]
    rule_ = guard.rule("politics.file")
    assert len(rule_.matcher) == 4  # 1 inline + 3 from the file (comments and blanks skipped)


def test_terms_file_in_a_subfolder(write_pack):
    from conftest import pack_text

    path = write_pack(pack_text(rule("terms: []\nfile: lists/words.txt")), **{})
    (path.parent / "lists").mkdir()
    (path.parent / "lists" / "words.txt").write_text("ﬁnd me\n", encoding="utf-8")
    assert texts(Guard.from_paths(path), "please FIND   me") == ["FIND   me"]


# -- scale and pickling -----------------------------------------------------------

def test_large_list_finds_the_right_terms():
    words = [f"term{i:05d}" for i in range(20_000)] + ["needle phrase"]
    guard = terms("terms: [" + ", ".join(words) + "]")
    assert texts(guard, "x term00042 y needle   phrase term19999 term2") == ["term00042", "needle   phrase", "term19999"]


def test_terms_matcher_pickles():
    guard = terms("terms: [heart attack, diet]\nmode: phrase")
    matcher = guard.rules[0].matcher
    clone = pickle.loads(pickle.dumps(matcher))
    assert len(clone) == len(matcher) == 2
    copy = pickle.loads(pickle.dumps(guard))
    assert texts(copy, "heart, attack; diet") == texts(guard, "heart, attack; diet") == ["heart, attack", "diet"]
