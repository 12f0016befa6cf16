"""PII number detectors: phone, SSN, card, MRN, their shared guards and the shared scan."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import pii_found

from connectguard.matchers.pii.card import find_cards
from connectguard.matchers.pii.mrn import find_mrns
from connectguard.matchers.pii.phone import find_phones
from connectguard.matchers.pii.scan import PiiSettings, Scan
from connectguard.matchers.pii.ssn import find_ssns

US_ONLY = PiiSettings(regions=("US",))


def phones(text: str, settings: PiiSettings = PiiSettings()) -> list[str]:
    return [span for span, _ in pii_found(find_phones, text, settings)]


def found(detector, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [span for span, _ in pii_found(detector, text)]


# -- the shared scan ---------------------------------------------------------------
def test_scan_finds_digit_runs_with_their_groups_and_extension() -> None:
    scan = Scan.of("call (415) 555-0132 ext. 12 after 3.5 hours, 1,234,567 steps")
    first = scan.numbers[0]
    assert first.raw == "(415) 555-0132 ext. 12"
    assert first.groups == ("415", "555", "0132") and first.extension == "12"
    assert scan.text[first.start:first.core_end] == "(415) 555-0132"
    # Runs of fewer than seven digits are no candidates, and no run starts inside a number.
    assert len(scan.numbers) == 1


def test_scan_reads_spelled_out_digits() -> None:
    scan = Scan.of("ring me: five five five, oh one two three. I have two kids")
    (run,) = scan.spelled_numbers
    assert run.digits == "5550123" and run.raw == "five five five, oh one two three"


def test_spelled_double_and_mixed_digits() -> None:
    (run,) = Scan.of("it's double five 0 one two 3 4 5 6").spelled_numbers
    assert run.digits == "550123456"


def test_counting_words_are_not_a_spelled_number() -> None:
    assert Scan.of("one or two pills, three times a day, for five days").spelled_numbers == ()


def test_fullwidth_digits_and_invisible_characters_are_normalised() -> None:
    text = "call \uff14\uff11\uff15-555-01\u200b32"
    scan = Scan.of(text)
    (finding,) = find_phones(scan, US_ONLY)
    assert finding.value == "+14155550132"
    start, end = scan.mapped.to_original(finding.start, finding.end)
    assert text[start:end] == "\uff14\uff11\uff15-555-01\u200b32"


# -- phone -------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("My number is (415) 555-0132, thanks", ["(415) 555-0132"]),
    ("or +1 415 555 0132 from abroad", ["+1 415 555 0132"]),
    ("cell 312.714.8142 or office 773.415.7432", ["312.714.8142", "773.415.7432"]),
    ("desk 312-515-2239 ext. 12", ["312-515-2239 ext. 12"]),
    ("London: 020 7946 0958", ["020 7946 0958"]),
    ("mobile +44 7911 123456", ["+44 7911 123456"]),
    ("Sydney 0412 345 678", ["0412 345 678"]),
    ("Delhi 98765 43210", ["98765 43210"]),
    ("Zurich (+41) 22 730 5989", ["(+41) 22 730 5989"]),
])
def test_valid_phone_numbers_are_found(text: str, expected: list[str]) -> None:
    assert phones(text) == expected


def test_phone_shaped_but_unassigned_numbers_are_found_with_lower_confidence() -> None:
    scan = Scan.of("call 555-123-4567 tonight")
    (finding,) = find_phones(scan, US_ONLY)
    assert finding.form == "unassigned" and finding.confidence < 0.9


def test_a_cue_makes_a_plain_digit_string_a_phone() -> None:
    assert phones("my phone number is 4258829090") == ["4258829090"]


def test_spelled_out_phone_number() -> None:
    scan = Scan.of("text me on five five five oh one nine nine")
    (finding,) = find_phones(scan, US_ONLY)
    assert finding.form == "spelled" and scan.text[finding.start:finding.end] == "five five five oh one nine nine"


def test_national_numbers_need_their_trunk_zero() -> None:
    # Without it, any ten digits would read as a UK number.
    assert phones("we raised 2079460958 pounds", PiiSettings(regions=("GB",))) == []


def test_regions_are_configurable() -> None:
    assert phones("Tel Aviv 03-7625400", PiiSettings(regions=("US",))) == []
    assert phones("Tel Aviv 03-7625400", PiiSettings(regions=("IL",))) == ["03-7625400"]


def test_toll_free_numbers_belong_to_organisations() -> None:
    assert phones("Medicare is 1-800-633-4227") == []
    assert phones("Medicare is 1-800-633-4227", PiiSettings(toll_free=True)) == ["1-800-633-4227"]


@pytest.mark.parametrize("text", [
    "I take 2500000 units",                         # a unit after the number
    "My dose went from 2500 mg to 3000 mg in 2023.",
    "BP 120/80 mmHg, pulse 72 bpm",
    "diagnosed on 12/05/2023, again 2023-05-12",     # dates
    "NDC 0002-3227-30, lot 4471902",                 # drug and lot codes
    "order 4155550132 shipped",                      # order numbers
    "trial NCT01234567 is recruiting",
    "I walk 10,000 steps and weigh 180 lbs",
    "it cost $4155550132 apparently",                # money
    "room 4155550 on floor 3",
    "years 1998 2003 2010 were hard",
])
def test_health_numbers_are_not_phones(text: str) -> None:
    assert phones(text) == []


# -- SSN -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("SSN 078-05-1123", ["078-05-1123"]),
    ("it is 078.05.1123", ["078.05.1123"]),
    ("it is 078 05 1123 ok", ["078 05 1123"]),
    ("my social security number is 078051123", ["078051123"]),
    ("my ssn is 078-051123", ["078-051123"]),
])
def test_ssns_are_found(text: str, expected: list[str]) -> None:
    assert found(find_ssns, text) == expected


@pytest.mark.parametrize("text", [
    "000-12-3456", "666-12-3456", "078-00-1123", "078-05-0000",   # the validity rules
    "078-05-1120",                                               # published by mistake (stdnum's list)
    "693-09.4444",                                               # two different separators
    "took 123-45-6789 mg",                                       # a unit guard
])
def test_invalid_or_guarded_ssns_are_not_found(text: str) -> None:
    assert found(find_ssns, text) == []


def test_itins_are_taxpayer_numbers_too() -> None:
    scan = Scan.of("my ITIN is 912-70-1234")
    (finding,) = find_ssns(scan)
    assert finding.form == "itin"


def test_bare_nine_digits_are_a_weak_ssn() -> None:
    (finding,) = find_ssns(Scan.of("078051123"))
    assert finding.form == "bare" and finding.confidence <= 0.5


# -- cards -----------------------------------------------------------------------------
def test_cards_in_one_run_are_split() -> None:
    text = "4111111111111111 4111-1111-1111-1111 4111 1111 1111 1111"
    assert found(find_cards, text) == ["4111111111111111", "4111-1111-1111-1111", "4111 1111 1111 1111"]


@pytest.mark.parametrize("text", ["378282246310005", "Amex 3782 822463 10005", "6011111111111117."])
def test_luhn_valid_cards_are_found(text: str) -> None:
    assert len(found(find_cards, text)) == 1


@pytest.mark.parametrize("text", [
    "4111111111111112",            # Luhn fails
    "0000 0000 0000 0000",         # one repeated digit
    "4111 11111 1111 111",         # not a card layout
    "lot 4111111111111111",        # a code cue
])
def test_non_cards(text: str) -> None:
    assert found(find_cards, text) == []


# -- MRN --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("My MRN is 00123456.", ["00123456"]),
    ("MRN#4471902 please", ["4471902"]),
    ("patient ID: A-4471902 (east campus)", ["A-4471902"]),
    ("chart number 88-231-4 thanks", ["88-231-4"]),
    ("Medicare number 1EG4-TE5-MK73", ["1EG4-TE5-MK73"]),
    ("medical record number: 1234 5678 at the clinic", ["1234 5678"]),
])
def test_record_numbers_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(find_mrns, text) == expected


@pytest.mark.parametrize("text", [
    "My MRN results came back fine", "Bring your patient ID card", "Patient ID: 123",
    "my medical records from 2019", "account number is on the bill",
])
def test_cues_without_an_identifier(text: str) -> None:
    assert found(find_mrns, text) == []


# -- robustness ------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 -.()+/x#:extMRNSSN phone five oh \n\uff15\u200b"), max_size=80))
def test_number_detectors_never_raise_and_spans_are_in_the_text(text: str) -> None:
    scan = Scan.of(text)
    for finding in [*find_phones(scan, PiiSettings()), *find_ssns(scan), *find_cards(scan), *find_mrns(scan)]:
        assert 0 <= finding.start < finding.end <= len(scan.text)
        start, end = scan.mapped.to_original(finding.start, finding.end)
        assert 0 <= start < end <= len(text)


# -- guards added from measured false alarms and misses -----------------------------------
def test_a_code_cue_in_the_previous_sentence_does_not_guard() -> None:
    assert phones("$300 for the lot. Text 555-0167.") == ["555-0167"]
    assert phones("lot number 4155550132") == []


def test_codes_glued_to_a_word_are_not_phones_but_a_glued_phone_layout_is() -> None:
    assert phones("trial NCT0123456789 results") == []
    assert phones("my number is415-555-0132") == ["415-555-0132"]


def test_ip_addresses_and_npis_are_not_personal_numbers() -> None:
    assert phones("router 192.168.100.254 again") == []
    assert phones("Dr Lee's NPI 1234567893") == []


def test_brackets_around_a_number_are_not_part_of_it() -> None:
    assert found(find_ssns, "my SSN (078-05-1123) was leaked") == ["078-05-1123"]
    assert phones("(call 415-555-0132)") == ["415-555-0132"]


def test_a_cued_ssn_is_reported_even_when_it_fails_the_rules() -> None:
    (finding,) = find_ssns(Scan.of("my SSN is 900-47-2213"))
    assert finding.form == "unverified"
    assert found(find_ssns, "the code is 900-47-2213") == []


def test_unknown_issuer_cards_need_a_card_cue() -> None:
    assert found(find_cards, "id 1748503543012") == []
    assert found(find_cards, "my debit card 1748503543012") == ["1748503543012"]


def test_zip_plus_four_and_routing_numbers_are_not_ssns() -> None:
    assert found(find_ssns, "Falmouth MA 02540-4119") == []
    assert found(find_ssns, "routing 121042882") == []
    assert found(find_ssns, "my ssn is 12345-6789") == ["12345-6789"]
