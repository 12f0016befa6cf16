"""Password detector: secrets shared after a label, never talk about passwords."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectguard.matchers.pii.password import find_passwords
from conftest import pii_found

from connectguard.matchers.pii.scan import Finding, Scan


def found(text: str) -> list[tuple[str, Finding]]:
    return pii_found(find_passwords, text)  # type: ignore[no-any-return]


def secrets(text: str) -> list[str]:
    return [span for span, _ in found(text)]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("my clinic portal password is Daisy#1987", "Daisy#1987"),
        ("password: maple", "maple"),
        ("Password:lanterns", "lanterns"),
        ("pwd = hunter22", "hunter22"),
        ("the pw is Robin!42, and it still says locked", "Robin!42"),
        ("my password's Kettle77 lol", "Kettle77"),
        ("passcode is 7734", "7734"),
        ("the password for my portal is 'Blue Heron 5' if you want to try", "Blue Heron 5"),
        ("My username is mlopez1970 and password is Cactus%12, could someone try", "Cactus%12"),
        ("my password is marmalade.", "marmalade"),
        # Secrets after a username label: no connective needed.
        ("user: mlopez\npass: tangerine", "tangerine"),
        ("username admin\npassword lanterns", "lanterns"),
        ("login mlopez pw greenfrogs", "greenfrogs"),
        ("u: mlopez\np: greenfrogs", "greenfrogs"),
        ("UserName mlopez PassWord greenfrogs", "greenfrogs"),
        ("username: ml@example.com\npassword tut", "tut"),
        # "login is X / Y": the part after the slash.
        ("the login for my chart is mlopez / Harbor99", "Harbor99"),
    ],
)
def test_secrets(text: str, secret: str) -> None:
    ((span, finding),) = found(text)
    assert span == secret
    assert finding.entity == "password" and finding.value == ""  # the secret is never copied


@pytest.mark.parametrize(
    ("text", "pin"),
    [("my PIN is 4821", "4821"), ("card PIN: 660912.", "660912"), ("pin number 48213 for the kiosk", "48213")],
)
def test_pins(text: str, pin: str) -> None:
    ((span, finding),) = found(text)
    assert (span, finding.form) == (pin, "pin")


def test_confidence_by_form() -> None:
    (_, strong), = found("password: Daisy#1987")
    (_, plain_colon), = found("password: maple")
    (_, plain_is), = found("my password is marmalade.")
    assert strong.confidence >= 0.95
    assert plain_is.confidence < plain_colon.confidence < strong.confidence


def test_pin_and_password_in_one_post() -> None:
    assert secrets("My pin is 1234 and my password is hunter2") == ["1234", "hunter2"]


@pytest.mark.parametrize(
    "text",
    [
        "This is your problem",
        "I forgot my password again",
        "reset your password on the portal",
        "the file is password protected",
        "the password is on the back of the card",
        "my password is the same as before",
        "I use a password manager",
        "pass the salt please",
        "mark the PIN on the map",
        "I was PINned down by the nurse",
        "my password is expired.",
        "my password is ridiculous.",
        "password isn't working",
        "my password is 12 characters long",
        "Password: ********",
        "Password requirements: 8+ chars",
        "Password: I forgot it",
        "password: make it long and random",
        "I need help with my login password change.",
        "p: 1234",                        # a lone one-letter label is too ambiguous
        "the pin was 2 cm long",
        "I have pins and needles since 2019",
        "my PIN is 4821 days old",
    ],
)
def test_not_secrets(text: str) -> None:
    assert secrets(text) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab :=\n/'\"#1") + ["password", "pw", " is ", "user", "u:", "p:", "PIN",
                                                        "login", "1234"]), max_size=40).map("".join)
       | st.text(max_size=120))
def test_never_raises_and_spans_inside_text(text: str) -> None:
    scan = Scan.of(text)
    for f in find_passwords(scan):
        assert 0 <= f.start < f.end <= len(scan.text)
        assert f.value == "" and f.start < f.end
