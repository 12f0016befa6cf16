"""Personal attacks and group targeting in the shipped respect pack (guideline 4): the families caught,
the health-forum near misses kept clean, exact spans and the actions of the moderation model."""

from __future__ import annotations

import pytest

from connectguard import Guard, Post
from connectguard.actions import Action

GUARD = Guard.default()
ATTACK_RULES = [r.id for r in GUARD.rules if r.category in ("personal-attack", "hate")]
ATTACKS = GUARD.only(*ATTACK_RULES)


def found(body: str) -> list[tuple[str, str]]:
    return [(v.rule, v.text) for v in ATTACKS.check(Post(body=body)).violations]


# --------------------------------------------------------------------------- caught

@pytest.mark.parametrize(("body", "rule", "text"), [
    # second person, with an article or an intensifier in between
    ("Honestly you're a complete a-hole.", "respect.attack.member", "a-hole"),
    ("you are an utter clown", "respect.attack.member", "clown"),
    ("You're all a bunch of sheeple.", "respect.attack.member", "sheeple"),
    # members and the community named in the third person
    ("Honestly @DiabetesDad's a clown.", "respect.attack.member", "clown"),
    ("This poster is a complete troll.", "respect.attack.member", "troll"),
    ("People on this forum are such idiots about vaccines.", "respect.attack.member", "idiots"),
    ("The mods are useless.", "respect.attack.member", "useless"),
    ("What a useless idiot.", "respect.attack.member", "useless"),
    ("What a jerk!", "respect.attack.member", "jerk"),
    # clinicians
    ("My rheumatologist is a condescending quack.", "respect.attack.clinician", "condescending"),
    ("That arrogant surgeon never once looked at me.", "respect.attack.clinician", "arrogant"),
    # someone talked about: a pronoun, "a bunch of", stacked adjectives before a person
    ("Don't believe her numbers. She is such a liar.", "respect.attack.third-party", "liar"),
    ("He's a total fraud and a grifter selling that tea.", "respect.attack.third-party", "fraud"),
    ("They're all shills, every one of them in that thread.", "respect.attack.third-party", "shills"),
    ("The billing office staff are a bunch of incompetent morons.", "respect.attack.third-party", "morons"),
    ("The receptionists are a pack of rude, useless clowns.", "respect.attack.third-party", "clowns"),
    ("Our new scheduler? A lazy, arrogant man who never answers.", "respect.attack.third-party", "lazy"),
    # condescension and dismissal without a swear word
    ("Imagine being so gullible that you drink bleach.", "respect.attack.condescension", "Imagine being"),
    ("Imagine thinking you know more than a haematologist.", "respect.attack.condescension", "Imagine thinking"),
    ("Did you get your nursing degree from TikTok?", "respect.attack.condescension", "degree"),
    ("Where'd you get your pharmacy license, a cracker box?", "respect.attack.condescension", "license"),
    ("Nobody here wants your negativity.", "respect.attack.condescension", "Nobody"),
    ("No one asked for your two cents.", "respect.attack.condescension", "No one"),
    ("You obviously have no life outside this group.", "respect.attack.condescension", "no life"),
    ("Go lecture somebody else.", "respect.attack.condescension", "Go lecture"),
    ("Take your negativity elsewhere.", "respect.attack.condescension", "Take your"),
    ("Climb down off your high horse.", "respect.attack.condescension", "off your high horse"),
    ("You're so holier-than-thou it's exhausting.", "respect.attack.condescension", "You're so holier-than-thou"),
    ("People like you are the reason nobody posts anymore.", "respect.attack.condescension", "People like you"),
    ("It's people like you who give this forum a bad name.", "respect.attack.condescension", "people like you"),
    ("Do everyone a favor and log off.", "respect.attack.condescension", "a favor"),
    ("I'll type it slowly for you.", "respect.attack.condescension", "slowly"),
    ("Seriously, get a life.", "respect.attack.condescension", "get a life"),
    ("You clearly enjoy making people feel stupid.", "respect.attack.condescension", "enjoy"),
    ("ok boomer", "respect.attack.condescension", "ok boomer"),
    ("Oh sweetie, leave the science to the grown-ups.", "respect.attack.condescension", "sweetie"),
    # insults of a group
    ("Mexicans are all criminals.", "respect.group-targeting", "Mexicans"),
    ("Trans freaks in the women's ward again.", "respect.group-targeting", "freaks"),
    ("Religious zealots handing out leaflets in oncology.", "respect.group-targeting", "zealots"),
    # blame, demeaning habits, hostile wishes
    ("Boomers are why the rest of us can't get a GP appointment.", "respect.group-blame", "Boomers"),
    ("Refugees are a drain on the NHS.", "respect.group-blame", "Refugees"),
    ("Pensioners clogging up the surgery with their aches and pains.", "respect.group-blame", "Pensioners"),
    ("Fat people always hogging two seats in the waiting room.", "respect.group-blame", "Fat people"),
    ("Benefit claimants milking the system again.", "respect.group-blame", "Benefit claimants"),
    ("Old people should just die off and free up beds.", "respect.group-blame", "Old people"),
    ("Anyone over 80 should accept it's their time.", "respect.group-blame", "Anyone over"),
    ("Immigrants should go back where they came from.", "respect.group-blame", "Immigrants"),
    ("Those people treat the NHS like a free ATM.", "respect.group-blame", "Those people"),
    # identity called an illness, pejorative group nouns, coded references
    ("Being bisexual is just a phase.", "respect.group-pathologising", "Being bisexual is just a phase"),
    ("Transgenderism is a social contagion.", "respect.group-pathologising", "Transgenderism is a social contagion"),
    ("Welfare queens at the pharmacy again.", "respect.group-pejorative", "Welfare queens"),
    ("Half the ward was illegals.", "respect.group-pejorative", "illegals"),
    ("Funny how the rude ones always have 'those' surnames.", "respect.group-coded", "'those' surnames"),
])
def test_attack_and_hate_families_are_caught_with_an_exact_span(body: str, rule: str, text: str) -> None:
    assert (rule, text) in found(body)
    for v in ATTACKS.check(Post(body=body)).violations:
        assert body[v.start:v.end] == v.text


# --------------------------------------------------------------------------- clean

@pytest.mark.parametrize("body", [
    # groups named in health facts, self-identification, discrimination experienced, practical questions
    "Older people are more at risk of falls, so get the grab rails fitted.",
    "As a trans woman on HRT, here are my labs from last month: estradiol 210.",
    "I'm fat and the nurse blamed my weight for everything, even my ear infection.",
    "I'm Deaf and the hospital refused to book an interpreter for my consent appointment.",
    "Medicaid patients can get rides to appointments through the transportation benefit.",
    "I'm a Jehovah's Witness asking about bloodless surgery options for my hip.",
    "Patients over 65 should get the flu jab every autumn.",
    "Elderly patients should be sent back home with a care package when they're stable.",
    "People with epilepsy should not be allowed to drive until they're seizure free for a year.",
    "Immigrants are the reason the NHS functions at all, half my ward's nurses came from abroad.",
    "Nurses are the reason I'm still alive.",
    "Trans people are more likely to face discrimination in healthcare settings.",
    "Homosexuality is not a mental illness, it was removed from the DSM in 1973.",
    "Gender dysphoria is a diagnosis in the DSM-5, that's how my insurance covers it.",
    "Is it illegal to travel with insulin pens?",
    "The study compared old rats and young rats.",
    # counter-speech and the writer's own group
    "It's a myth that fat people are lazy, my endocrinologist said it's hormones.",
    "I'm sick of hearing that old people are hogging beds, my dad waited 14 hours.",
    "We diabetics are always whining about test strip prices, I know!",
    "Old fools like me should really write our wills, lol.",
    "Refugees are a burden on no one, they pay taxes like everyone else.",
    # one person, not a group
    "The elderly man in the next bed was hogging the TV all night.",
    "My dad is a stubborn old fool about his insulin.",
    # criticism of care and of organisations
    "He spent 7 minutes with me and didn't look up from the screen once.",
    "The dose your doctor gave you is useless for a deficiency, ask about a loading dose.",
    "It's a myth that diabetics are lazy, my GP agrees.",
    "The insurance company is a bunch of crooks, they denied my MRI again.",
    "They are idiots at the DMV, not the clinic.",
    # the writer, their family, quoted insults
    "I felt like such an idiot for forgetting my pills.",
    "I'm such a useless, pathetic person today, the fatigue won.",
    "I was rude yesterday in the insulin thread, I apologise to everyone.",
    "My husband is an idiot about taking his pills lol, I have to remind him every night.",
    "My mum has Alzheimer's and some days she's a bully to the carers.",
    "He called me a hypochondriac in front of the whole waiting room.",
    "The ER doctor called me a drug seeker and I left in tears.",
    "He screamed \u201cyou monster\u201d at the TV when the team lost.",
    "You should be ashamed of yourself, my mother used to say.",
    "We were a bunch of idiots as teenagers, nobody used sunscreen.",
    "They treated us like a bunch of criminals at the pharmacy counter.",
    "He's a butcher by trade, so standing all day wrecked his back.",
    # kindness that uses the same words
    "Oh honey, I'm so sorry. Bless your heart for sharing this, sending hugs.",
    "Sweetie, you're not alone. Stick to the plan your team gave you.",
    "People like you are the reason I didn't give up.",
    "Thank you, you're a lifesaver.",
    "Imagine being this tired every day, that's what long covid is like.",
    "When you're on dialysis you have no life outside the unit three days a week.",
    "Nobody needs your permission to take a rest day.",
    "I tried to get a life back after the transplant, and it took a year.",
    "Do try to keep up your fluids after the infusion.",
    "Go bother your GP about it if it's not better by Friday.",
    "My nursing degree from the open university took six years.",
    "Okay boomer jokes aside, my dad really can't use the portal.",
    "What a useless week, three cancelled appointments.",
    "What a nasty infection that was.",
    "Let me type slowly because my hands shake with the tremor.",
])
def test_health_forum_near_misses_stay_clean(body: str) -> None:
    assert found(body) == []


# --------------------------------------------------------------------------- actions

@pytest.mark.parametrize(("body", "action"), [
    ("You absolute clown, read the leaflet.", Action.HOLD),              # member attack: held
    ("My neurologist is a complete idiot.", Action.HOLD),                # clinician attack: held
    ("Imagine being this smugly wrong about insulin.", Action.HOLD),     # condescension: held
    ("Don't trust her. She's a fraud.", Action.FLAG),                    # target unknown: a moderator reads it
    ("Boomers are the reason the rest of us wait six weeks.", Action.FLAG),   # group targeting: flagged
    ("Being gay is a mental disorder.", Action.FLAG),
])
def test_actions_follow_the_moderation_model(body: str, action: Action) -> None:
    report = GUARD.check(Post(body=body))
    assert report.decision is action, [(v.rule, v.action) for v in report.violations]


def test_messages_name_the_guideline_and_suggest_a_rewrite() -> None:
    for body in ("She's a liar and a fraud.", "Nobody asked for your opinions.",
                 "Pensioners are the reason the rest of us wait six weeks for a GP."):
        violations = ATTACKS.check(Post(body=body)).violations
        assert violations
        for v in violations:
            assert v.guideline == 4
            assert "guideline 4" in v.message.lower()
            assert "Respect all members" in v.message
            assert v.note


def test_hate_rules_are_excused_in_quotations() -> None:
    assert found('A man in the waiting room shouted "illegals" at my family.') == []
    assert found('My therapist said "homosexuality is a sin" and I never went back.') == []
