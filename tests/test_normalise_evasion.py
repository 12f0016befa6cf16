"""Evasion-defeating normalisation: markup, diacritics, TR39 homoglyphs, and their offset maps."""

from __future__ import annotations

import pickle
import unicodedata
from types import MappingProxyType

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from connectguard.text.confusables import LatinSkeleton, latin_skeleton_table
from connectguard.text.markup import StripMarkup
from connectguard.text.normalise import (
    EVASION_NORMALISER,
    NFKC,
    CaseFold,
    FoldPunctuation,
    MappedText,
    Normaliser,
    NormaliseStep,
    OffsetBuilder,
    StepResult,
    StripDiacritics,
    StripInvisible,
)

TABLE = latin_skeleton_table()
FAST = settings(max_examples=200, deadline=None)


def run(step: NormaliseStep, text: str) -> str:
    result = step.apply(text)
    return text if result is None else result[0]


def evade(text: str) -> str:
    """The case-folded evasion view of ``text``."""
    return EVASION_NORMALISER.fold_case(EVASION_NORMALISER.normalise(text)).text


# --- examples -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("f<b>u</b>ck", "fuck"),
    ("a<br>ss", "a\nss"),
    ("a<BR/>ss", "a\nss"),
    ("<p class='x'>hi</p>", "\nhi\n"),
    ("<a href=\"https://x.org/?a=1&b=2\">x</a>", "x"),
    ("sh&#105;t", "shit"),
    ("sh&#x69;t", "shit"),
    ("sh&#105t", "shit"),            # browsers accept a numeric reference without ';'
    ("fish &amp; chips", "fish & chips"),
    ("caf&eacute;", "café"),
    ("&amp;#105;", "&#105;"),         # decoded once: double escaping stays visible
    ("f<!-- x -->uck", "fuck"),
    ("&#99999999999999999999;", "\ufffd"),
])
def test_strip_markup(text: str, expected: str) -> None:
    assert run(StripMarkup(), text) == expected


@pytest.mark.parametrize("text", [
    "x < y and y > z", "<3", "I <3 you", "<username> said hi", "<fuck>", "</fuck>",
    "AT&T", "&copy 2024", "& so on", "a&b;", "<b", "< b>",
])
def test_strip_markup_leaves_prose_alone(text: str) -> None:
    assert StripMarkup().apply(text) is None


def test_markup_maps_each_output_char_to_its_tag_or_reference() -> None:
    text = "sh&#105;t<br>x"
    mapped = MappedText.identity(text).then(StripMarkup())
    assert mapped.text == "shit\nx"
    assert mapped.to_original(2, 3) == (2, 8)      # "i" <- "&#105;"
    assert mapped.to_original(4, 5) == (9, 13)     # "\n" <- "<br>"
    assert text[slice(*mapped.to_original(0, 4))] == "sh&#105;t"


@pytest.mark.parametrize("text, expected", [
    ("shït", "shit"), ("fu\u0301ck", "fuck"), ("\u1e73", "u"), ("\u1f57", "\u03c5"),
    ("İ", "I"), ("ё", "е"), ("a\u0301\u0302\u0303b", "ab"), ("z\u0336a\u0337l\u0338g\u0335o", "zalgo"),
])
def test_strip_diacritics(text: str, expected: str) -> None:
    assert run(StripDiacritics(), text) == expected


@pytest.mark.parametrize("text", [
    "नमस्ते", "مَرْحَبًا", "שָׁלוֹם", "\u0301alone", "≠", "Ω", "日本語",
])
def test_strip_diacritics_keeps_marks_of_other_scripts(text: str) -> None:
    assert StripDiacritics().apply(text) is None


@pytest.mark.parametrize("text, expected", [
    ("аsshole", "asshole"),    # Cyrillic а
    ("ƒuck", "fuck"),          # TR39 prototype is f + comma below; the mark is dropped
    ("ѕhit", "shit"),          # Cyrillic dze
    ("bіtch", "bitch"),        # Cyrillic і
    ("сunt", "cunt"),          # Cyrillic es
    ("fսck", "fuck"),          # Armenian u
    ("аѕѕ", "ass"),            # all-homoglyph word
    ("bІtch", "bItch"),        # TR39 says І -> l; an uppercase source gets I
    ("𝐦e ⅿe", "me me"),       # TR39 says m -> rn; one glyph stays one letter
    ("fս\u0301ck", "fuck"),    # marks on a rewritten letter go with it
    ("f∪ck", "fUck"),          # homoglyph symbols join the word
    ("¢ool", "cool"),
])
def test_latin_skeleton(text: str, expected: str) -> None:
    assert run(LatinSkeleton(), text) == expected


@pytest.mark.parametrize("text", [
    "привет", "Москва", "και", "ελληνικά", "Ես եմ", "3×4", "¥100", "∪", "日本語", "ёж а×ж",
])
def test_latin_skeleton_leaves_real_words_alone(text: str) -> None:
    assert LatinSkeleton().apply(text) is None


def test_skeleton_table_is_immutable_non_ascii_to_ascii_letters() -> None:
    assert isinstance(TABLE, MappingProxyType)
    assert TABLE is latin_skeleton_table()
    assert all(len(k) == 1 and not k.isascii() for k in TABLE)
    assert all(regex.fullmatch(r"[A-Za-z]+", v) for v in TABLE.values())
    assert not any(unicodedata.category(k) == "Nd" for k in TABLE)   # digits are leetspeak's


def test_tr39_gaps_are_not_hand_patched() -> None:
    # Lookalikes TR39 does not list: they belong to the leetspeak table, not here.
    for char in "ʃμ©¡€£ßþðɐǝɹʇʎʞ":
        assert char not in TABLE


@pytest.mark.parametrize("text, expected", [
    ("ｆｕｃｋ", "fuck"), ("𝐟𝐮𝐜𝐤", "fuck"), ("ⓕⓤⓒⓚ", "fuck"), ("ᶠᵘᶜᵏ", "fuck"), ("🄵🅄🄲🄺", "fuck"),
    ("sh&#8203;it", "shit"), ("s&shy;hit", "shit"), ("f\u200bu\u2060c\ufeffk", "fuck"),
    ("f<b>ü</b>ck", "fuck"), ("АSSHOLE", "asshole"), ("Ｂіtch", "bitch"), ("ſhit", "shit"),
    ("ƒüсk", "fuck"), ("don’t", "don't"), ("привет мир", "привет мир"),
])
def test_evasion_normaliser(text: str, expected: str) -> None:
    assert evade(text) == expected


def test_evasion_profile_order() -> None:
    assert EVASION_NORMALISER.step_names == (
        "strip-markup", "strip-invisible", "nfkc", "strip-diacritics", "latin-skeleton",
        "fold-punctuation", "casefold",
    )
    assert isinstance(EVASION_NORMALISER, Normaliser)


def test_evasion_profile_pickles() -> None:
    # A Guard pickles its normaliser; the skeleton's tables are rebuilt from the cache.
    clone = pickle.loads(pickle.dumps(EVASION_NORMALISER))
    assert clone.fold_case(clone.normalise("Ｂіtch")).text == "bitch"


CLEAN_ASCII = ["", "hello world", "x < y", "a & b", "Hello, World! 123"]
STEPS: list[NormaliseStep] = [StripMarkup(), StripDiacritics(), LatinSkeleton()]


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
def test_ascii_fast_path(step: NormaliseStep) -> None:
    for text in CLEAN_ASCII:
        assert step.apply(text) is None


def test_clean_ascii_is_untouched_by_the_whole_profile() -> None:
    mapped = EVASION_NORMALISER.normalise("hello world")
    assert mapped.starts is None and mapped.steps == ()


# --- properties ---------------------------------------------------------------

FRAGMENTS = [
    *"abcfiksuthlIO0 .,!\n'-", *"éüïçñßøÀÉ©¢¡µ",
    "\u0301", "\u0308", "\u0327", "\u0324", "\u0345", "\u0903", "\u093f",
    *"аеосрхуіѕјԁһАЕОСРНКМТжпдлбйΑΒΕΗΙΚΜΝΟΡΤΧΥαοιυνρΣσςսօհոʃƒɑı∪×¥",
    *"ｆｕｃｋＡ𝐟𝐮𝐜ⓕᶠﬁ①", "\u200b", "\u2060", "\u00ad", "\ufeff", "\u202e", "नि", "’",
    "<b>", "</b>", "<br>", "<p class='x'>", "<!-- c -->", "<3", "<", ">", "&",
    "&amp;", "&#105;", "&#x69;", "&#8203;", "&eacute;", "&#105", "&lt;", "&#0;", "&shy;",
]
tricky = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.characters(codec="utf-8")), max_size=30
).map("".join)


def check_map(mapped: MappedText, original: str) -> None:
    """(a) one [start, end) per output character, non-empty, in order, inside the original."""
    assert mapped.original_length == len(original)
    if mapped.starts is None or mapped.ends is None:
        assert mapped.text == original
        return
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    for i, (s, e) in enumerate(zip(mapped.starts, mapped.ends)):
        assert 0 <= s < e <= len(original), (i, s, e)
        if i:
            assert mapped.starts[i - 1] <= s and mapped.ends[i - 1] <= e


def pieces(mapped: MappedText) -> list[tuple[int, int, str]]:
    """Runs of output characters sharing one original span: (start, end, text)."""
    assert mapped.starts is not None and mapped.ends is not None
    out: list[tuple[int, int, str]] = []
    for char, s, e in zip(mapped.text, mapped.starts, mapped.ends):
        if out and out[-1][:2] == (s, e):
            out[-1] = (s, e, out[-1][2] + char)
        else:
            out.append((s, e, char))
    return out


LOCAL_STEPS: list[NormaliseStep] = [
    StripMarkup(), StripInvisible(), NFKC(), StripDiacritics(), FoldPunctuation(), CaseFold(),
]


@FAST
@given(text=tricky)
def test_local_steps_map_back_exactly(text: str) -> None:
    """(a) and (b) for each character-local step: every output piece is the step applied
    to the original span it maps to, and what lies between pieces (tags, invisibles)
    normalises to nothing."""
    for step in LOCAL_STEPS:
        mapped = MappedText.identity(text).then(step)
        check_map(mapped, text)
        if mapped.starts is None:
            continue
        pos = 0
        for start, end, piece in pieces(mapped):
            assert run(step, text[pos:start]) == "", step.name
            assert run(step, text[start:end]) == piece, step.name
            pos = end
        assert run(step, text[pos:]) == "", step.name


class _EverySource:
    """LatinSkeleton without its word rule: every homoglyph rewritten."""

    name = "every-source"

    def apply(self, text: str) -> StepResult | None:
        out = OffsetBuilder(text)
        for m in regex.finditer(r"(.)\p{Mn}*", text, flags=regex.DOTALL):
            if m.group(1) in TABLE:
                out.replace(TABLE[m.group(1)], m.start(), m.end())
        return out.result()


@FAST
@given(text=tricky)
def test_skeleton_rewrites_only_homoglyphs(text: str) -> None:
    """(b) each changed piece is one TR39 homoglyph (plus its marks) -> its table entry."""
    mapped = MappedText.identity(text).then(LatinSkeleton())
    check_map(mapped, text)
    if mapped.starts is None:
        return
    covered = 0
    for start, end, piece in pieces(mapped):
        covered += end - start
        if piece != text[start:end]:
            assert piece == TABLE[text[start]]
            assert all(unicodedata.category(c) == "Mn" for c in text[start + 1:end])
    assert covered == len(text)   # nothing dropped


@FAST
@given(text=tricky)
def test_steps_are_idempotent(text: str) -> None:
    """(c) a second pass changes nothing (not StripMarkup: "&amp;lt;" unescapes in two passes)."""
    for step in (StripInvisible(), StripDiacritics(), LatinSkeleton(), FoldPunctuation()):
        assert step.apply(run(step, text)) is None, step.name


def _variant(skeleton: NormaliseStep | None) -> Normaliser:
    """The evasion profile with its LatinSkeleton replaced by ``skeleton`` (or dropped)."""
    steps: list[NormaliseStep] = []
    for step in EVASION_NORMALISER.steps:
        if not isinstance(step, LatinSkeleton):
            steps.append(step)
        elif skeleton is not None:
            steps.append(skeleton)
    return Normaliser(steps=tuple(steps))


# The homoglyph word rule looks at a character's neighbours, so a span normalised
# alone may take the other branch: with every homoglyph rewritten, or none.
EXPLANATIONS = (EVASION_NORMALISER, _variant(_EverySource()), _variant(None))


@FAST
@given(text=tricky)
def test_evasion_pipeline_maps_back(text: str) -> None:
    """(a) and (b) for the whole profile: each output character comes out again when
    the original span it maps to is normalised alone."""
    mapped = EVASION_NORMALISER.fold_case(EVASION_NORMALISER.normalise(text))
    check_map(mapped, text)
    for i, char in enumerate(mapped.text):
        start, end = mapped.to_original(i, i + 1)
        span = text[start:end]
        alone = [n.fold_case(n.normalise(span)).text for n in EXPLANATIONS]
        assert any(char in a for a in alone), (char, span, alone)


WITHOUT_MARKUP = Normaliser(steps=tuple(s for s in EVASION_NORMALISER.steps if not isinstance(s, StripMarkup)))


@FAST
@given(text=tricky)
def test_evasion_profile_is_idempotent_after_markup(text: str) -> None:
    """(c) for the whole profile bar markup (double escaping) and the case fold, which
    runs after the skeleton: "Σ" folds to "σ", itself a homoglyph of "o"."""
    once = WITHOUT_MARKUP.normalise(text).text
    assert WITHOUT_MARKUP.normalise(once).text == once
