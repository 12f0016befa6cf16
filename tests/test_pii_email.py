"""E-mail detector: plain and obfuscated addresses, and the English "at"/"dot" it must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectguard.matchers.pii.email import canonical_email, find_emails
from conftest import pii_found

from connectguard.matchers.pii.scan import Finding, Scan


def found(text: str) -> list[tuple[str, Finding]]:
    return pii_found(find_emails, text)  # type: ignore[no-any-return]


def spans(text: str) -> list[str]:
    return [span for span, _ in found(text)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("write to rosa.m@example.org if you want the group notes", "rosa.m@example.org", "rosa.m@example.org"),
        ("Reach me: Pat.Kim@Example.COM", "Pat.Kim@Example.COM", "pat.kim@example.com"),
        ("mail me at jane@example.com.", "jane@example.com", "jane@example.com"),
        ("(lee+clinic@example.net)", "lee+clinic@example.net", "lee+clinic@example.net"),
        ("my addy is first_last2@example.co.uk, thanks", "first_last2@example.co.uk", "first_last2@example.co.uk"),
        ("ask me on kai@xn--bcher-kva.example", "kai@xn--bcher-kva.example", "kai@xn--bcher-kva.example"),
        ("old one was sam@xn--80ak6aa92e.com", "sam@xn--80ak6aa92e.com", "sam@xn--80ak6aa92e.com"),
        ("unicode domain: ivan@пример.рф ok", "ivan@пример.рф", "ivan@xn--e1afmkfd.xn--p1ai"),
        # The next sentence glued on after the domain is not part of it.
        ("email me on mo@example.comThanks all", "mo@example.com", "mo@example.com"),
        ("it's jo@example.com.Thanks", "jo@example.com", "jo@example.com"),
    ],
)
def test_plain_addresses(text: str, span: str, value: str) -> None:
    ((got, finding),) = found(text)
    assert got == span
    assert finding.value == value
    assert finding.entity == "email" and finding.form == "" and finding.confidence == 1.0


def test_two_addresses_in_one_post() -> None:
    assert spans("try ana@example.org or, if that bounces, ana.b@example.net") == [
        "ana@example.org", "ana.b@example.net"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("email me at lena dot park at example dot com and I'll add you",
         "lena dot park at example dot com", "lena.park@example.com"),
        ("lena.park [at] example [dot] org", "lena.park [at] example [dot] org", "lena.park@example.org"),
        ("contact: lena(at)example(dot)com", "lena(at)example(dot)com", "lena@example.com"),
        ("Lena.Park[AT]Example[DOT]com", "Lena.Park[AT]Example[DOT]com", "lena.park@example.com"),
        ("Lena.Park[at]example.com", "Lena.Park[at]example.com", "lena.park@example.com"),
        ("lena.park@example[DOT]com.", "lena.park@example[DOT]com", "lena.park@example.com"),
        ("My email is lena at gmail.com", "lena at gmail.com", "lena@gmail.com"),
        ("lena park at gmail dot com", "lena park at gmail dot com", "lenapark@gmail.com"),
        ("my e-mail is Lena Park at yahoo dot co dot uk", "Lena Park at yahoo dot co dot uk",
         "lenapark@yahoo.co.uk"),
        ("LENA AT HOTMAIL DOT COM", "LENA AT HOTMAIL DOT COM", "lena@hotmail.com"),
        ("lena @ example.org", "lena @ example.org", "lena@example.org"),
        ("drop a line to lena{at}example{dot}com", "lena{at}example{dot}com", "lena@example.com"),
        ("you can reach me at l.park99 at example dot org. Not a bot!", "l.park99 at example dot org",
         "l.park99@example.org"),
    ],
)
def test_obfuscated_addresses(text: str, span: str, value: str) -> None:
    ((got, finding),) = found(text)
    assert (got, finding.value, finding.form) == (span, value, "obfuscated")
    assert 0.7 <= finding.confidence < 1.0


def test_word_form_confidence_depends_on_provider_or_cue() -> None:
    (_, sure), = found("lena at gmail dot com")
    (_, unsure), = found("lena at example dot com")
    assert sure.confidence > unsure.confidence


@pytest.mark.parametrize(
    "text",
    [
        "my email is info@example.",        # no top-level domain
        "this is not an email: hello-world here",
        "lena.smith@gmail..com",
        "@RiverRose thanks for the photo",   # a mention
        "a @ b",
        "email me at the address on my profile",
        "Pain in the @ss, honestly",
        "cortisol was 9 @ 6:30am and 4.2 @ 4:30pm",
        "[cid:image001.png@01D08E1E.47E509A0]",
        "pip install pkg@1.2.3",
        "https://user:secret@example.com/files",
        # English "at" and "dot".
        "I was at home all day",
        "I'm at work dot dot dot",
        "the appointment at 3 pm",
        "meet at Boston Children's",
        "we arrived at the clinic.com website",
        "5 mL at night.",
        "10 mg at bedtime.",
        "look at mayo dot org",
        "more info at cdc.gov",
        "She works at example.com now",
        "Results at example.org",
        "find it at www.example.org",
        "we met at church.So nice",
        "saw Ann at home.so we left",
        "polka dot dress at home",
    ],
)
def test_not_addresses(text: str) -> None:
    assert spans(text) == []


def test_canonical_email() -> None:
    assert canonical_email("Pat.Kim@Example.COM") == "pat.kim@example.com"
    assert canonical_email("a..b@example.com") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .@[]()dotDOTatAT\n_-+1é") + ["com", " at ", " dot ", "gmail"]),
                max_size=40).map("".join) | st.text(max_size=120))
def test_never_raises_and_spans_inside_text(text: str) -> None:
    scan = Scan.of(text)
    for f in find_emails(scan):
        assert 0 <= f.start < f.end <= len(scan.text)
        assert "@" in f.value
