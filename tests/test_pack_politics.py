"""The shipped politics rules (guideline 6) end to end.

Families of political phrasing that must be held (parties and partisan labels, politicians, elections
and calls to vote or lobby, legislatures, civic vocabulary in an opinion context), with exact spans,
and the near misses a health forum is full of that must stay clean: practical insurance, Medicare,
Medicaid, ACA and benefits questions, clinical words that look political, a support group's own
election, awareness campaigns, the hospital bill, a celebration party.
"""

from __future__ import annotations

import pytest
from conftest import LEXICONS, shipped

from connectguard import Post
from connectguard.actions import Action

GUARD = shipped()
IDS = [r.id for r in GUARD.rules if r.id.startswith("politics.")]
PACK = GUARD.only(*IDS)


def found(body: str, title: str = "") -> list[tuple[str, str]]:
    return [(v.rule, v.text) for v in PACK.check(Post(title=title, body=body)).violations]


def test_the_rules_are_shipped_as_held_politics() -> None:
    assert set(IDS) == {"politics.party", "politics.campaign", "politics.institution", "politics.civic"}
    for rule in GUARD.rules:
        if rule.id in IDS:
            assert rule.category == "politics"
            assert rule.guideline.number == 6
            assert rule.action is Action.HOLD


@pytest.mark.parametrize(("body", "rule", "span"), [
    # parties and partisan labels
    ("The Democrats promised cheaper insulin and did nothing.", "politics.party", "Democrats"),
    ("These MAGA folks think long covid is a hoax.", "politics.party", "MAGA"),
    ("The Tories have wrecked our GP surgeries.", "politics.party", "Tories"),
    ("Libtards want the state to run your healthcare.", "politics.party", "Libtards"),
    ("Brexit is why my meds are short.", "politics.party", "Brexit"),
    ("The woke agenda has reached the oncology ward now.", "politics.party", "woke agenda"),
    # any party by name, and Labour the party
    ("This is what the Unity Party promised to stop.", "politics.party", "the Unity Party"),
    ("Waiting lists grew under Labour, whatever they say.", "politics.party", "Labour"),
    ("I'll never trust Labour again after this.", "politics.party", "Labour"),
    # politicians, and an office title before any name
    ("Trump was right about the FDA.", "politics.party", "Trump"),
    ("Obama's people designed the marketplace badly.", "politics.party", "Obama"),
    ("Governor Pemberton vetoed the insulin cap.", "politics.party", "Governor Pemberton"),
    ("Sen. Holloway finally answered my letter.", "politics.party", "Sen. Holloway"),
    # elections, voting instructions, lobbying, petitions
    ("Vote them out in November, every one of them.", "politics.campaign", "Vote them out"),
    ("Voting the whole lot out is the only cure.", "politics.campaign", "Voting the whole lot out"),
    ("Call your representative and tell them to vote yes.", "politics.campaign", "Call your representative"),
    ("Only one of them will cap insulin; you know which box to tick.", "politics.campaign", "which box to tick"),
    ("Check his voting record before the primary.", "politics.campaign", "voting record"),
    ("They'll get my vote and my campaign hours.", "politics.campaign", "campaign hours"),
    ("Please sign the petition to fund ME/CFS research.", "politics.campaign", "sign the petition"),
    ("The election is rigged against patients.", "politics.campaign", "election"),
    # legislatures and political office
    ("Congress has sat on drug pricing for twenty years.", "politics.institution", "Congress"),
    ("Parliament should be ashamed of these waiting lists.", "politics.institution", "Parliament"),
    ("Our lawmakers are bought by the insurers.", "politics.institution", "lawmakers"),
    ("Great to see @RepHolloway standing up for patients.", "politics.institution", "@RepHolloway"),
    # civic vocabulary from two different groups
    ("The government is corrupt and the budget cuts prove it.", "politics.civic", "government"),
    ("Let those people run the country and see who their voters blame.", "politics.civic", "run the country"),
    ("HB 1142 is corrupt nonsense written for the insurers.", "politics.civic", "HB 1142"),
])
def test_political_families_are_held_with_an_exact_span(body: str, rule: str, span: str) -> None:
    hits = found(body)
    assert (rule, span) in hits, hits
    for v in PACK.check(Post(body=body)).violations:
        assert body[v.start:v.end] == v.text


@pytest.mark.parametrize("body", [
    # practical insurance, Medicare, Medicaid, ACA and benefits questions
    "Has anyone used a Medicare Advantage plan for cardiac rehab? Which plan covered it?",
    "Does the ACA still stop my plan from denying a pump for a pre-existing condition?",
    "Got a Medicaid renewal letter; do I need new disability paperwork from my doctor?",
    "Is abortion care covered by my insurance after a missed miscarriage?",
    "Does the government cover CGMs for children? The insurer denied ours.",
    "The state Medicaid office wants a new form every year, is that normal?",
    "Can I deduct my medical bills on my taxes? The bill from the hospital was huge.",
    "My dad is a veteran; does the VA cover hearing aids?",
    # clinical words that look political
    "My doctor recommended conservative management before surgery.",
    "The dermatologist said to make liberal use of moisturiser.",
    "Labour and delivery went fine, but my pressure spiked afterwards.",
    "I was in labour for 30 hours before the C-section.",
    "MPS type I is rare; my son has Hurler syndrome.",
    "My MP joints are swollen every morning, is that typical for RA?",
    "The genetic test found an SNP in MTHFR.",
    "I woke up at 3am with my heart racing again.",
    "The left side of my chest hurts when I lie on my right side.",
    # groups, campaigns, bills and parties that are not political
    "Our patient support group held a board election for the new chair.",
    "The club elections are next month, I'm standing for treasurer.",
    "The hospital's awareness campaign about stroke signs is brilliant.",
    "We had a party for my five years cancer-free!",
    "We threw the Birthday Party at the hospital so my son could join.",
    "I was a good candidate for surgery according to the surgeon.",
    "We voted for the blue T-shirts for the charity walk.",
    "I presented a poster at the World Congress of Cardiology.",
    "Our minister visited me in hospital and prayed with me.",
    "The president of our support group organised a walk.",
    "That new inhaler really trumps the old one.",
    "Office politics at work make my anxiety worse.",
    "The new government guidance says flu jabs are free for over 65s.",
])
def test_near_misses_stay_clean(body: str) -> None:
    assert found(body) == []


def test_one_civic_word_alone_is_not_political() -> None:
    assert found("The government website lists the benefits.") == []
    assert found("We voted on the logo at the support group.") == []
    assert found("The government is corrupt.") != []   # two groups: government + argument


def test_title_and_body_count_together() -> None:
    report = PACK.check(Post(title="Before you vote", body="Remember who cut the hospice funding: the Unity Party."))
    assert report.decision is Action.HOLD
    assert ("politics.party", "the Unity Party") in [(v.rule, v.text) for v in report.violations]


def test_messages_name_the_guideline_and_teach() -> None:
    v = PACK.check(Post(body="Vote them out in November.")).violations[0]
    assert 'guideline 6, "Keep politics out of the community conversations"' in v.message
    assert "Vote them out" in v.message
    assert "for example" in v.message


def test_lexicons_are_data_files_with_sources() -> None:
    for path in sorted(LEXICONS.glob("politics-*.txt")):
        head = path.read_text(encoding="utf-8").splitlines()[:20]
        text = "\n".join(head).lower()
        assert "source" in text and "licence" in text, path.name
        assert "extend:" in text and "override:" in text, path.name
    assert not (LEXICONS.parent / "politics-terms.txt").exists()


def test_health_policy_words_are_in_no_politics_list() -> None:
    entries = set()
    for path in LEXICONS.glob("politics-*.txt"):
        entries |= {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.startswith("#")}
    for word in ("insurance", "medicare", "medicaid", "abortion", "nhs", "benefits", "aca", "conservative",
                 "liberal", "labour", "party", "woke", "tax", "bill", "funding", "president", "candidate"):
        assert word not in entries, word
