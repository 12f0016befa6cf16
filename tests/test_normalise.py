"""The normaliser pipeline and its offset map: every span indexes the ORIGINAL field."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectguard import Guard, Post
from connectguard.text.normalise import NFKC, CaseFold, FoldPunctuation, MappedText, Normaliser, StripInvisible

from conftest import guard_of, pack_text, rule, texts

NORMALISER = Normaliser()

# Characters that change length or position under normalisation, mixed with plain ones.
TRICKY = (
    "abcfilsxyz ABCFILS  -_.,!?'\n\t" "a.com www.x/ @"
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e\u2066\u034f"   # invisibles
    "\u0301\u0308\u0327"                                          # combining marks
    "\ufb01\ufb02\ufb00\u0133"                                    # ligatures fi fl ff ij
    "\u00df\u1e9e\u0130\u01c5\u0149"                               # ß ẞ İ ǅ ŉ (casefold expands)
    "\uff21\uff22\uff43\uff46\uff49\uff10"                         # fullwidth
    "\u2460\u33cf\u2163\u00bd"                                     # ① ㏏ Ⅳ ½ (NFKC expands)
    "\U0001f600\U0001f44d\U0001f3fd\u2764\ufe0f"                   # emoji, skin tone, VS16
    "\u2019\u201c\u2014"                                            # typographic punctuation
    "\uac00\u1100\u1161"                                            # Hangul syllable and jamo
)
tricky_text = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8")), max_size=60)

SPAN_GUARD = guard_of(
    rule("terms: [fi, ss, abc, a b, ﬁ, ß, i̇]\nmode: substring", rule_id="t.substring"),
    rule("terms: [fi, ss, abc, a b, strasse, café]", rule_id="t.word"),
    rule("terms: [fi, ss, a b, x y z]\nmode: phrase", rule_id="t.phrase"),
    rule("terms: [fi, s, ab, '1']\nmode: prefix", rule_id="t.prefix"),
    rule("terms: [FI, SS, ABC]\ncase_sensitive: true", rule_id="t.case"),
    rule("pattern: ['f+i+', 's{2,}', 'a.?b', '\\d+']", rule_id="p.normalised"),
    rule("pattern: 'i\\p{M}*'\nwhole_word: true", rule_id="p.word"),
    rule("pattern: ['[A-Z]+', 'Fi']\ncase_sensitive: true", rule_id="p.case"),
    rule("pattern: '.{1,3}'\nview: original", rule_id="p.original"),
    rule("caps: 0.5\nmin_letters: 2\nmin_words: 1", rule_id="c.caps"),
    rule("caps: 0.5\nmin_letters: 2\nmin_words: 1\nper: sentence", rule_id="c.sentence"),
    rule("all:\n  - terms: [fi, ss]\n    mode: substring\n  - pattern: 'a'\nnear: 1\nside: after", rule_id="t.all"),
    rule("terms: [abc]\nmode: prefix", rule_id="t.unless", extra="unless:\n  terms: [x]\n  side: before"),
    rule("links: any", rule_id="l.any"),
    rule("metric: emoji\nat_least: 1", rule_id="m.emoji"),
    rule("metric: repeated_punctuation\nat_least: 1", rule_id="m.punct"),
)


def check_spans(post: Post) -> None:
    report = SPAN_GUARD.check(post)
    for v in report.violations:
        field = post.title if v.field == "title" else post.body
        assert 0 <= v.start <= v.end <= len(field), v
        assert field[v.start:v.end] == v.text, v
        if v.rule.startswith(("t.", "p.", "l.")):
            assert v.end > v.start, v
        assert not v.rule.startswith("engine."), v  # no rule crashed or timed out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=tricky_text, body=tricky_text)
def test_every_span_lies_in_the_original_field(title: str, body: str) -> None:
    check_spans(Post(title=title, body=body))


@settings(max_examples=200, deadline=None)
@given(text=tricky_text)
def test_substring_match_covers_the_term(text: str) -> None:
    """Normalising what a span covers gives back text containing the matched term."""
    guard = SPAN_GUARD.only("t.substring")
    for v in guard.check(Post(body=text)).violations:
        covered = NORMALISER.fold_case(NORMALISER.normalise(text[v.start:v.end])).text
        assert v.why["normalised"] in covered, (v, covered)


@settings(max_examples=200, deadline=None)
@given(text=tricky_text, data=st.data())
def test_to_original_is_monotonic_and_in_range(text: str, data) -> None:
    for mapped in (NORMALISER.normalise(text), NORMALISER.fold_case(NORMALISER.normalise(text))):
        n = len(mapped.text)
        previous = (0, 0)
        for i in range(n + 1):
            start, end = mapped.to_original(i, min(i + 1, n))
            assert 0 <= start <= end <= len(text)
            assert start >= previous[0] and end >= previous[1]
            previous = (start, end)
        i = data.draw(st.integers(0, n))
        j = data.draw(st.integers(i, n))
        start, end = mapped.to_original(i, j)
        assert 0 <= start <= end <= len(text)
        if j > i:  # a wider span of the normalised text never maps to a narrower original span
            s2, e2 = mapped.to_original(i, n)
            assert s2 == start and e2 >= end


def test_pipeline_step_names_and_identity_for_ascii():
    assert NORMALISER.step_names == ("strip-invisible", "nfkc", "fold-punctuation", "casefold")
    plain = NORMALISER.normalise("Plain ASCII text.")
    assert plain.starts is None and plain.steps == () and plain.to_original(2, 5) == (2, 5)
    folded = NORMALISER.fold_case(plain)
    assert folded.text == "plain ascii text." and folded.to_original(0, 5) == (0, 5)


def test_each_step_maps_back():
    mapped = NORMALISER.normalise("a\u200bb\ufb01c")   # a ZWSP b ﬁ c
    assert mapped.text == "abfic"
    assert mapped.steps == ("strip-invisible", "nfkc")
    assert mapped.to_original(1, 2) == (2, 3)   # b
    assert mapped.to_original(2, 3) == (3, 4)   # f -> the whole ligature
    assert mapped.to_original(3, 4) == (3, 4)   # i -> the whole ligature
    assert mapped.to_original(2, 5) == (3, 5)
    assert mapped.to_original(5, 5) == (5, 5)
    folded = NORMALISER.fold_case(NORMALISER.normalise("STRAẞE"))
    assert folded.text == "strasse"
    assert folded.to_original(4, 6) == (4, 5)  # "ss" <- "ẞ"
    composed = NORMALISER.normalise("cafe\u0301!")
    assert composed.text == "café!" and composed.to_original(3, 4) == (3, 5) and composed.to_original(4, 5) == (5, 6)


def test_steps_individually():
    assert StripInvisible().apply("abc") is None
    text, starts, ends = StripInvisible().apply("a\u00ad\u202eb")
    assert (text, list(starts), list(ends)) == ("ab", [0, 3], [1, 4])
    text, starts, ends = NFKC().apply("\uff21\u2460")
    assert (text, list(starts), list(ends)) == ("A1", [0, 1], [1, 2])
    assert FoldPunctuation().apply("don\u2019t")[0] == "don't"
    text, starts, ends = CaseFold().apply("\u00dfA")
    assert (text, list(starts), list(ends)) == ("ssa", [0, 0, 1], [1, 1, 2])


def test_terms_match_through_normalisation():
    guard = guard_of(rule("terms: [find, strasse, buy now, café, don't, abc]"))
    body = "\ufb01nd the STRA\u00dfE, bu\u200by\u00a0now at the cafe\u0301. I don\u2019t. \uff41\uff42\uff43!"
    assert texts(guard, body) == ["\ufb01nd", "STRA\u00dfE", "bu\u200by\u00a0now", "cafe\u0301", "don\u2019t",
                                  "\uff41\uff42\uff43"]


def test_why_reports_steps_and_normalised_form():
    guard = guard_of(rule("terms: [find]"))
    (v,) = guard.check(Post(body="\ufb01ND")).violations
    assert v.why["normalised"] == "find" and v.why["term"] == "find"
    assert v.why["steps"] == ["nfkc", "casefold"]
    (v,) = guard.check(Post(body="\ufb01nd")).violations
    assert v.why["steps"] == ["nfkc"]  # steps that changed nothing are not listed


class Leet:
    """A custom step (as the evasion work will add): '0' -> 'o', '$' -> 'ss' (an expansion)."""

    name = "leet"

    def apply(self, text: str):
        if "0" not in text and "$" not in text:
            return None
        pieces = [({"0": "o", "$": "ss"}.get(c, c), i, i + 1) for i, c in enumerate(text)]
        out, starts, ends = [], [], []
        for piece, start, end in pieces:
            out.append(piece)
            starts += [start] * len(piece)
            ends += [end] * len(piece)
        return "".join(out), starts, ends


def test_a_custom_step_plugs_into_the_pipeline():
    normaliser = Normaliser(steps=(*Normaliser().steps, Leet()))
    guard = Guard.from_yaml(pack_text(rule("terms: [boss, dose]")), normaliser=normaliser)
    report = guard.check(Post(body="the b0$ has a d0se\u200b"))
    assert [(v.text, v.start, v.end) for v in report.violations] == [("b0$", 4, 7), ("d0se", 14, 18)]
    assert "leet" in report.violations[0].why["steps"]


def test_mapped_text_composition_by_hand():
    base = MappedText.identity("xAy")
    expanded = base.then(CaseFold())
    assert expanded.text == "xay" and expanded.to_original(1, 2) == (1, 2)
    assert MappedText("", 3, (), (), ("strip-invisible",)).to_original(0, 0) == (3, 3)


def test_nfkc_output_is_nfkc_for_ordinary_text():
    text = "\uff28\u0065\u0301llo \u2460 \ufb01"
    assert NORMALISER.normalise(text).text == unicodedata.normalize("NFKC", text)
