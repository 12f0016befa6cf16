"""The shipped respect pack end to end: every evasion family caught, every clinical family clean, spans exact."""

from __future__ import annotations

import pytest
from conftest import shipped

from connectguard import Post
from connectguard.actions import Action

GUARD = shipped()
RESPECT = GUARD.only(*[r.id for r in GUARD.rules if r.id.startswith("respect.") and r.id != "respect.shouting"])


def violations(body: str) -> list[tuple[str, str]]:
    return [(v.rule, v.text) for v in RESPECT.check(Post(body=body)).violations]


@pytest.mark.parametrize(("body", "expected"), [
    ("f\u200bu\u200bc\u200bk you", "f\u200bu\u200bc\u200bk"),     # zero-width inside the word
    ("fu\u00adck off", "fu\u00adck"),                              # soft hyphen
    ("f\u2060uck off", "f\u2060uck"),                              # word joiner
    ("\uff46\uff55\uff43\uff4b you", "\uff46\uff55\uff43\uff4b"),  # fullwidth
    ("\U0001d41f\U0001d42e\U0001d41c\U0001d424 you", "\U0001d41f\U0001d42e\U0001d41c\U0001d424"),  # math bold
    ("\u24d5\u24e4\u24d2\u24da you", "\u24d5\u24e4\u24d2\u24da"),  # circled letters
    ("f\u00fcck you", "f\u00fcck"),                                # accent
    ("fu\u0301ck you", "fu\u0301ck"),                              # combining accent
    ("\u0455hit happens", "\u0455hit"),                            # Cyrillic dze
    ("what a b\u0456tch", "b\u0456tch"),                           # Cyrillic i
    ("\u0430sshole", "\u0430sshole"),                              # Cyrillic a
    ("f\u057dck", "f\u057dck"),                                    # Armenian u
    ("\u0192uck", "\u0192uck"),                                    # f with hook
    ("f<b>u</b>ck this", "f<b>u</b>ck"),                           # inline markup
    ("sh&#105;t", "sh&#105;t"),                                    # character reference
    ("a<br>ss", "a<br>ss"),                                        # a word split by markup
    ("what a f@cking mess", "f@cking"),                            # leetspeak
    ("FUUUUUCK", "FUUUUUCK"),                                      # repeats in capitals
])
def test_every_evasion_family_is_caught_with_an_exact_span(body: str, expected: str) -> None:
    found = violations(body)
    assert expected in [text for _, text in found], found
    for v in RESPECT.check(Post(body=body)).violations:
        assert body[v.start:v.end] == v.text


@pytest.mark.parametrize("body", [
    "My husband has a rash on his penis and is too embarrassed to see a doctor.",
    "I've had vaginal dryness since menopause, does topical estrogen help?",
    "Seek help if an erection lasts more than four hours after taking sildenafil.",
    "The semen analysis showed a low sperm count and poor motility.",
    "Check your scrotum monthly for lumps; testicular cancer is very treatable.",
    "Breastfeeding hurt so much that my nipples cracked and bled.",
    "Hereditary spastic paraplegia runs in my family.",
    "The finger prick glucose test says 7.8 mmol/L.",
    "Bloody stool can come from hemorrhoids but get it checked.",
    "I'm a rape survivor and the rape crisis centre helped me with my PTSD.",
    "Uncle Dick had the same heart valve replaced in 2019.",
    "We moved from Middlesex to Sussex after my diagnosis; Cockermouth has a good rehab class.",
    "Homocysteine levels were high, and Penicillin allergy is often over-reported.",
    "It has been a living hell since the surgery.",
    "Raccoon bites need a rabies shot; the butterfly needle was easier for my small veins.",
    "Has anyone had clitoral pain after starting SSRIs?",
])
def test_clinical_and_everyday_text_stays_clean(body: str) -> None:
    assert violations(body) == []


def test_strong_profanity_is_published_censored_and_attacks_are_held() -> None:
    report = GUARD.check(Post(body="This sh1t chemo. You absolute m0r0n, read the leaflet."))
    assert report.decision is Action.HOLD
    assert report.redacted.body == "This s*** chemo. You absolute m0r0n, read the leaflet."
    by_rule = {v.rule: v for v in report.violations}
    assert by_rule["respect.profanity.strong"].message.count("s***") == 1
    assert "sh1t" not in by_rule["respect.profanity.strong"].message
    assert by_rule["respect.attack.member"].text == "m0r0n"


def test_mild_language_only_nudges() -> None:
    report = GUARD.check(Post(body="What the hell, another cancelled appointment."))
    assert [v.rule for v in report.violations] == ["respect.profanity.mild"]
    assert report.decision is Action.NUDGE
