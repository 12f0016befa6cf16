"""The ``lexicon`` kind: each evasion family is read, each false-alarm family stays clean, spans stay exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectguard import Post

from conftest import find_problem, guard_of, load_error, pack_text, rule, texts

LEXICON = rule("""
    lexicon: []
    entries: [fuck, fucking, shit, ass, asshole, bitch, idiot, dick, damn, 2 girls 1 cup, son of a bitch, slut, fck]
    embedded: [fuck, shit, cunt]
    allow: [scunthorpe, shiitake, shitake]
    names: [dick]
""", rule_id="test.lexicon", category="profanity", extra="action: edit\nreplacement: '{censored}'")
GUARD = guard_of(LEXICON)


def found(body: str) -> list[str]:
    return [v.text for v in GUARD.check(Post(body=body)).violations]


def why(body: str) -> dict:
    (v,) = GUARD.check(Post(body=body)).violations
    return v.why


@pytest.mark.parametrize(("body", "expected"), [
    # leetspeak, with ambiguous readings (1 is i or l, ! is i or l, @ is a)
    ("sh1t happens", "sh1t"), ("what a b!tch", "b!tch"), ("a55h0le", "a55h0le"), ("@sshole", "@sshole"),
    ("f4ck", "f4ck"), ("5hit service", "5hit"), ("fvck off", "fvck"), ("you 1d10t", "1d10t"),
    # masks stand for exactly one letter
    ("f*ck this", "f*ck"), ("holy f*** that hurt", "f***"), ("s#!t", "s#!t"), ("f***ing hell", "f***ing"),
    # repeated letters
    ("fuuuuuck", "fuuuuuck"), ("fffffffuck", "fffffffuck"), ("shiiiiiit that hurts", "shiiiiiit"),
    # spelled out with separators
    ("f.u.c.k my doctor", "f.u.c.k"), ("f u  c  k this", "f u  c  k"), ("*s*h*i*t*", "s*h*i*t"),
    ("you i.d.i.o.t", "i.d.i.o.t"), ("b-i-t-c-h", "b-i-t-c-h"), ("f_u_c_k", "f_u_c_k"),
    # a word broken by a line break
    ("fu\nck that", "fu\nck"), ("as-\nshole", "as-\nshole"),
    # inside a longer word (embedded roots only)
    ("wordsbeforefuckandafter", "wordsbeforefuckandafter"), ("#fuckcancer", "fuckcancer"),
    ("m0th3rf*cker", "m0th3rf*cker"),
    # multi-word terms, through leetspeak
    ("2 gir1$ 1 cvp", "2 gir1$ 1 cvp"), ("son of a bitch!", "son of a bitch"),
    # markdown emphasis is decoration, not a mask
    ("**fuck**", "fuck"),
    # case
    ("FUCK", "FUCK"), ("dIcK", "dIcK"), ("DICK", "DICK"), ("what a Dick", "Dick"),
])
def test_evasion_families_are_read(body: str, expected: str) -> None:
    assert expected in found(body)


@pytest.mark.parametrize("body", [
    "assess the patient", "as soon as possible", "I collect old 45s", "take 5mg twice a day",
    "Scunthorpe General Hospital", "shiitake and shitake", "the pen is mightier than the sword",
    "My oncologist, Dr. Dick Henderson", "Uncle Dick had the same valve", "Dick has been my husband for 40 years",
    "a b c d e", "I need to mass age the data", "duck", "****", "s**t",
])
def test_false_alarm_families_stay_clean(body: str) -> None:
    assert found(body) == []


def test_a_mask_counts_only_when_exactly_one_listed_term_fits() -> None:
    # "s**t" fits both "shit" and "slut"; "sh*t" only "shit".
    assert found("s**t") == []
    assert found("sh*t") == ["sh*t"]


def test_why_names_the_term_the_reading_and_the_evasions() -> None:
    assert why("sh1t") == {"kind": "lexicon", "term": "shit", "reading": "word", "normalised": "sh1t",
                           "evasions": ["leetspeak"]}
    assert why("f.u.c.k")["evasions"] == ["spelled-out"]
    masked = why("f*ck")
    assert masked["evasions"] == ["mask"] and masked["confidence"] == 0.85
    assert why("fuuuck")["evasions"] == ["repeated-letters"]


def test_censored_replacement_keeps_the_first_character() -> None:
    report = GUARD.check(Post(body="oh f.u.c.k, not again"))
    assert report.redacted.body == "oh f******, not again"


def test_inline_and_file_entries_combine_and_files_stay_inside_the_pack(write_pack) -> None:
    from connectguard import Guard

    text = pack_text(rule("lexicon: [words.txt]\nentries: [damn]\nallow_file: ok.txt", category="profanity"))
    path = write_pack(text, **{"words.txt": "# strong\nbloody hell\n", "ok.txt": "hell\n"})
    guard = Guard.from_paths(path)
    assert [v.text for v in guard.check(Post(body="Bloody hell, damn it")).violations] == ["Bloody hell", "damn"]
    from connectguard.errors import RuleError

    outside = write_pack(pack_text(rule("lexicon: [../outside.txt]")), name="sub/pack.yaml")
    with pytest.raises(RuleError) as info:
        Guard.from_paths(outside)
    assert "inside the pack's folder" in find_problem(info.value, "rules[0].match.lexicon").message


def test_an_entry_without_letters_is_an_error() -> None:
    error = load_error(pack_text(rule("lexicon: []\nentries: ['***']")))
    assert "no letters" in find_problem(error, "rules[0].match.lexicon").message


_EVASIVE = st.text(alphabet=st.sampled_from(list("fuckshit *.-_1!@$\u200b\u0455\uff46\n<b>")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(prefix=_EVASIVE, body=_EVASIVE)
def test_spans_always_index_the_original_text(prefix: str, body: str) -> None:
    text = prefix + body
    for v in GUARD.check(Post(body=text)).violations:
        assert 0 <= v.start < v.end <= len(text)
        assert text[v.start:v.end] == v.text


def test_an_allowed_phrase_protects_the_listed_word_inside_it() -> None:
    guard = guard_of(rule("lexicon: []\nentries: [hell, prick]\nallow: [living hell, finger prick]",
                          category="profanity"))
    assert texts(guard, "It has been a living hell, and the finger prick test stings.") == []
    assert texts(guard, "What the hell, you prick?") == ["hell", "prick"]
