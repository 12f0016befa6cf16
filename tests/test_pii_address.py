"""Street address and PO box detector: US/CA/UK streets, units, PO boxes, and health-text look-alikes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectguard.matchers.pii.address import find_addresses
from conftest import pii_found

from connectguard.matchers.pii.scan import Finding, Scan


def found(text: str) -> list[tuple[str, Finding]]:
    return pii_found(find_addresses, text)  # type: ignore[no-any-return]


def spans(text: str) -> list[str]:
    return [span for span, _ in found(text)]


# -- bare street lines ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("drop by 101 main st. after lunch", "101 main st."),
        ("we are at 504 parkwood drive", "504 parkwood drive"),
        ("3 elm boulevard, the blue door", "3 elm boulevard"),
        ("moved into 500 elm street in june", "500 elm street"),
        ("the old house at 42 Larkspur Lane is sold", "42 Larkspur Lane"),
        ("I'm at 4418 Hawthorn Court in Millbrook, knock twice", "4418 Hawthorn Court"),
        ("fans still visit 221B Baker Street", "221B Baker Street"),
        ("my mum lives at 7 Kings Way now", "7 Kings Way"),            # everyday type, written as a name
        ("address: 12 oak way, come round", "12 oak way"),               # ... or after a mailing cue
        ("it's 9 The Crescent", "9 The Crescent"),
        ("the office at 400 Avenue of the Americas", "400 Avenue of the Americas"),
        ("1-3 Mill Road is the surgery", "1-3 Mill Road"),
    ],
)
def test_bare_street(text: str, span: str) -> None:
    ((got, finding),) = found(text)
    assert got == span
    assert finding.entity == "address" and finding.form == "street"
    assert finding.confidence == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("I'm at 88 Willow Ave Apt 4B most evenings", "88 Willow Ave Apt 4B"),
        ("Drop it at 400 Lakeview Road Suite 200.", "400 Lakeview Road Suite 200"),
        ("my place is 9 Birch Ln #12, ring twice", "9 Birch Ln #12"),
        ("the clinic at 200 N. Main St is closing", "200 N. Main St"),
        ("it is 55 W 7th St", "55 W 7th St"),
        ("they are on 718 Queen St W these days", "718 Queen St W"),
        ("12 Rowan Terrace, Flat 3 if you visit", "12 Rowan Terrace, Flat 3"),
    ],
)
def test_units_and_directions(text: str, span: str) -> None:
    assert spans(text) == [span]


# -- full addresses ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Mail: 123 Elm Street, Springfield, IL, 62701. Thanks", "123 Elm Street, Springfield, IL, 62701"),
        ("ship to 1600 Amphitheatre Pkwy, Mountain View, CA 94043 please",
         "1600 Amphitheatre Pkwy, Mountain View, CA 94043"),
        ("cards to 782 Cedar Hollow Road, Apt 12, Harlan Falls, OH 45099 - she loves mail",
         "782 Cedar Hollow Road, Apt 12, Harlan Falls, OH 45099"),
        ("Send to 123 Rue Sainte-Catherine, Montréal, QC H2X 1K4", "123 Rue Sainte-Catherine, Montréal, QC H2X 1K4"),
        ("it's 456 Queen St W, Toronto, ON M5V 2A8", "456 Queen St W, Toronto, ON M5V 2A8"),
        ("write to 10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"),
        ("cards can go to 15 Maple Court, Harlow, Essex CM20 2AB", "15 Maple Court, Harlow, Essex CM20 2AB"),
        ("17 Bramble Walk, Leeds LS1 4AP", "17 Bramble Walk, Leeds LS1 4AP"),
        ("the office: 55 W 7th St, New York, NY 10001", "55 W 7th St, New York, NY 10001"),
        ("30 Harbour View Dr\nSuite 5\nPortland, ME 04101", "30 Harbour View Dr\nSuite 5\nPortland, ME 04101"),
        ("1200 County Line Rd, Austin TX78701", "1200 County Line Rd, Austin TX78701"),
        ("she's at 8 Orchard Close, Dayton, Ohio", "8 Orchard Close, Dayton, Ohio"),
    ],
)
def test_full_address(text: str, span: str) -> None:
    ((got, finding),) = found(text)
    assert got == span
    assert finding.form == "street"
    assert finding.confidence == pytest.approx(0.95)


def test_value_is_collapsed_lower_case() -> None:
    ((_, finding),) = found("Mail: 123 Elm Street, Springfield, IL, 62701.")
    assert finding.value == "123 elm street springfield il 62701"
    ((_, finding),) = found("at 200 N. Main St,  Apt #4")
    assert finding.value == "200 n main st apt 4"


def test_two_addresses_in_one_post() -> None:
    text = "old: 14 Ash Grove Road\nnew: PO Box 3312, Dayton, OH 45402"
    assert spans(text) == ["14 Ash Grove Road", "PO Box 3312, Dayton, OH 45402"]


def test_offsets_are_of_the_normalised_text() -> None:
    # Fullwidth digits read as ASCII after NFKC; the span is reported in scan.text.
    scan = Scan.of("at ４２ Larkspur Lane")
    (finding,) = find_addresses(scan)
    assert scan.text[finding.start:finding.end] == "42 Larkspur Lane"


# -- PO boxes ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("po box 215", "po box 215"),
        ("P.O. box 342", "P.O. box 342"),
        ("PO box 2070", "PO box 2070"),
        ("P.O.BOX 58", "P.O.BOX 58"),
        ("PoBox 77", "PoBox 77"),
        ("POST OFFICE BOX 903", "POST OFFICE BOX 903"),
        ("PMB 41020", "PMB 41020"),
        ("pmb #41020", "pmb #41020"),
        ("PO Box # B2211", "PO Box # B2211"),
        ("PO Drawer K", "PO Drawer K"),
        ("P.O. 8123", "P.O. 8123"),
        ("hi p.o. box 55443 hi", "p.o. box 55443"),
        ("send it to po box 108 thanks", "po box 108"),
    ],
)
def test_po_box(text: str, span: str) -> None:
    ((got, finding),) = found(text)
    assert got == span
    assert finding.form == "po-box"
    assert finding.confidence == pytest.approx(0.9)


def test_po_box_with_city_is_one_finding() -> None:
    ((got, finding),) = found("mail PO Box 4417, Dayton, OH 45402 with the forms")
    assert got == "PO Box 4417, Dayton, OH 45402"
    assert finding.form == "po-box" and finding.confidence == pytest.approx(0.95)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Box 101", "Box 101"),                                   # a line of its own
        ("Our mailing address:\nBox 615\n", "Box 615"),
        ("please mail it to Box 77, we check weekly", "Box 77"),  # a mailing cue before it
        ("my mailing address is box 4410", "box 4410"),
    ],
)
def test_bare_box_when_clearly_an_address(text: str, span: str) -> None:
    ((got, finding),) = found(text)
    assert got == span and finding.form == "po-box"


@pytest.mark.parametrize(
    "text",
    [
        "po box215", "PoBox77215", "P.O. box342", "POb ox2070",        # number glued to the marker
        "I keep box 3 of my meds in the fridge", "Box 12 on the form asks for income",
        "they'll send box 2 of the kit next week", "I moved box 3 to the top shelf",
        "the top drawer 2 has the strips",
        "1 tab p.o. 2 times daily", "amoxicillin p.o. 500 mg", "given p.o. 250 mg tid",  # per os
    ],
)
def test_not_a_po_box(text: str) -> None:
    assert spans(text) == []


# -- things that are not addresses ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # a suffix-like word that is not a street type, postcodes and place names alone
        "101 main straight", "62701", "90210-1234", "SW1A 2AA", "my zip is 02540", "M5V 2A8",
        "I live near Springfield, IL", "she moved to Toronto, ON last year", "the hospital on Main Street",
        # doses, lab values, measurements
        "I take 500 mg twice a day", "up to 2 tablets every 4 hours", "bp was 140/90 this morning",
        "10 units of insulin at night", "I've lost 20 pounds street clothes don't fit",
        # durations, distances, counts of things
        "walked 3 miles on the trail", "it is a 20 minute drive to the hospital", "a 2 hour drive each way",
        "took a 5 mile walk along the river", "we live 4 blocks from the clinic", "10 drive-through clinics",
        "it's a 2 way street with my doctor", "a 3 lane road", "my 2 kids drive me crazy",
        "I'm 35 male drive a truck for work", "there are 2 main roads into town",
        # transport, wards, stages, labels
        "took the 5 train to the clinic", "Route 66 is fun", "stage 4 lung cancer", "room 12 on the ward",
        "the 3 floors of the hospital", "bed 14 by the window", "took exit 12 off highway 9",
        # idioms and everyday phrases ending in a street-type word
        "I have 2 main concerns", "she is 30 years old", "at 10:30 on 12/05/2023", "I have 0 sex drive",
        "10 trigger points in my back", "we did a 3 day road trip", "top 10 tips for a happy place",
        "2 capsules of generic St John's wort", "I saw 3 specialists, Dr Patel was the best",
        "2 leads ST elevation on the ECG", "I had 4 chest CT scans this year", "meet at 2 Central Park",
        "a 20 minute scenic drive", "Raised $500 Cancer Walk",
        # Title-case post titles with label numbers
        "Day 12 Post Chemo Walk", "Stage 4 Warrior Way", "Week 3 Recovery Run", "My 10K Charity Run",
    ],
)
def test_not_an_address(text: str) -> None:
    assert spans(text) == []


def test_untyped_street_needs_region_and_postcode() -> None:
    # Without a street type, only a full "City, ST 12345" tail makes it an address.
    assert spans("3602 Highpoint\nSan Antonio TX 78217") == ["3602 Highpoint\nSan Antonio TX 78217"]
    assert spans("23 Electrical Coloured-Tape PR") == []
    assert spans("123 Nw Awesome Drive\n12345") == ["123 Nw Awesome Drive"]  # a lone ZIP is no city line


# -- robustness -------------------------------------------------------------------------
_PIECES = st.sampled_from(
    list("0123456789 ,.#-\n\tAaBbé") + ["box", "po ", "P.O.", "St", "street", "Drive", "Apt", "IL", "ON",
                                      "SW1A 2AA", "62701", "Main", "the", "mg", "Rue", "of"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_never_raises_and_spans_are_sane(text: str) -> None:
    scan = Scan.of(text)
    findings = list(find_addresses(scan))
    previous_end = 0
    for f in findings:
        assert 0 <= f.start < f.end <= len(scan.text)
        assert f.start >= previous_end  # sorted, no overlaps
        previous_end = f.end
        assert f.entity == "address" and f.form in {"street", "po-box"}
        assert f.value and f.value == f.value.lower()
        assert 0.0 < f.confidence <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    scan = Scan.of(text)
    for f in find_addresses(scan):
        assert 0 <= f.start < f.end <= len(scan.text)
