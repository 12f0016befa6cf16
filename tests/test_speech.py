"""The ``speech`` kind (questions, quotations, reported instructions) and its use as an exception."""

from __future__ import annotations

import pytest
from conftest import guard_of, hits, rule, texts
from hypothesis import given
from hypothesis import strategies as st

SPEECH = guard_of(rule("speech: [question, quoted, reported]"))


def found(body: str, which: str) -> list[str]:
    guard = guard_of(rule(f"speech: {which}"))
    return texts(guard, body)


@pytest.mark.parametrize(("body", "expected"), [
    ("Should I stop the statin? It hurts.", ["Should I stop the statin?"]),
    ("Did you ask them \"why\"?", ['Did you ask them "why"?']),
    ("Honestly, was it worth it?\nYes.", ["Honestly, was it worth it?"]),
    ("It helped. Why would anyone wait?", ["Why would anyone wait?"]),
])
def test_questions_are_sentences_ending_in_a_question_mark(body: str, expected: list[str]) -> None:
    assert found(body, "question") == expected


@pytest.mark.parametrize("body", [
    "That's obviously lupus, isn't it?",
    "You have gout, right?",
    "That's your thyroid, don't you think",   # no question mark at all
    "Stop the statin now.",
])
def test_tag_questions_and_statements_are_not_questions(body: str) -> None:
    assert found(body, "question") == []


@pytest.mark.parametrize(("body", "expected"), [
    ("The nurse said \u201cbig breath in\u201d and pulled.", ["\u201cbig breath in\u201d"]),
    ('The sign says "PLEASE DO NOT VISIT" on the door.', ['"PLEASE DO NOT VISIT"']),
    ("They called it 'comfort care' at first.", ["'comfort care'"]),
    ("\u2018I don\u2019t know\u2019 was all he said.", ["\u2018I don\u2019t know\u2019"]),
])
def test_quotations_include_their_marks(body: str, expected: list[str]) -> None:
    assert found(body, "quoted") == expected


@pytest.mark.parametrize("body", [
    "I don't think it's the kids' fault, it's the parents' choice.",
    "Don't stop, it's not worth it, isn't that what they'd say",
    'An unclosed "quote and a line break\n" here.',
])
def test_apostrophes_and_unpaired_marks_are_not_quotations(body: str) -> None:
    assert found(body, "quoted") == []


@pytest.mark.parametrize(("body", "expected"), [
    ("My neurologist told me to stop gabapentin.", "My neurologist told me to stop gabapentin"),
    ("My GP told me to stop, so you should too.", "My GP told me to stop"),
    ("Our family doctor recommended a lower dose; I feel fine.", "Our family doctor recommended a lower dose"),
    ("Dr. Lee recommended a slow taper.", "Dr. Lee recommended a slow taper"),
    ("I was told to fast from midnight.", "I was told to fast from midnight"),
    ("They told me to double it but you should not.", "They told me to double it"),
    ("The discharge sheet says to skip ibuprofen.", "The discharge sheet says to skip ibuprofen"),
    ("My rheumatologist wants me to try Plaquenil first.", "My rheumatologist wants me to try Plaquenil first"),
    ("According to my cardiologist the dose is fine.", "According to my cardiologist the dose is fine"),
])
def test_reported_instructions_run_to_the_end_of_their_clause(body: str, expected: str) -> None:
    assert found(body, "reported") == [expected]


@pytest.mark.parametrize("body", [
    "You should stop the statin.",
    "I stopped it and felt better.",
    "Doctors are people too.",
])
def test_own_words_are_not_reported(body: str) -> None:
    assert found(body, "reported") == []


def test_spans_point_into_the_original_text() -> None:
    body = "Should I stop? My GP said \u201cyes\u201d, so you should too."
    for _, text, start, end in hits(SPEECH, body):
        assert body[start:end] == text


def test_as_an_exception_it_excuses_only_the_matches_inside_it() -> None:
    advice = guard_of(rule("""\
        terms: [stop the statin]
        mode: phrase
        """, extra="""\
        unless:
          speech: [question, reported, quoted]
          within: overlap
        """))
    assert texts(advice, "Should I stop the statin?") == []
    assert texts(advice, "My doctor told me to stop the statin.") == []
    assert texts(advice, 'She wrote "stop the statin" on the chart.') == []
    assert texts(advice, "My doctor told me to rest, so you should stop the statin.") == ["stop the statin"]
    assert texts(advice, "Honestly, stop the statin. Why take poison?") == ["stop the statin"]


PIECES = st.sampled_from(["a", "b", " ", "?", ".", "!", ",", "'", '"', "\u201c", "\u201d", "\n",
                          "my doctor said ", ", isn't it", "I was told ", ", so you "])


@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_text_gives_well_formed_spans(body: str) -> None:
    for _, text, start, end in hits(SPEECH, body):
        assert 0 <= start < end <= len(body) and body[start:end] == text
