"""The shipped medical-advice and diagnosis rules (guidelines 1 and 2) end to end.

Families of phrasing that must be caught, with the exact span and action, and the near misses a
health forum is full of that must stay clean: a member's own story, what their own clinician said,
questions, quotations, "ask your care team", encouragement to keep taking a treatment.
"""

from __future__ import annotations

import pytest
from conftest import LEXICONS, shipped

from connectguard import Post
from connectguard.actions import Action

GUARD = shipped()
IDS = [r.id for r in GUARD.rules if r.id.startswith(("advice.", "diagnosis."))]
PACK = GUARD.only(*IDS)


def found(body: str, title: str = "") -> list[tuple[str, str]]:
    return [(v.rule, v.text) for v in PACK.check(Post(title=title, body=body)).violations]


def test_the_rules_are_shipped_with_their_categories_and_actions() -> None:
    rules = {r.id: r for r in GUARD.rules}
    assert {"advice.directive", "advice.stop-or-skip", "diagnosis.condition", "diagnosis.organ"} <= set(IDS)
    assert rules["advice.directive"].category == rules["advice.stop-or-skip"].category == "medical-advice"
    assert rules["diagnosis.condition"].category == rules["diagnosis.organ"].category == "diagnosis"
    assert rules["advice.directive"].action is Action.NUDGE
    assert rules["advice.stop-or-skip"].action is Action.FLAG
    assert rules["diagnosis.condition"].action is rules["diagnosis.organ"].action is Action.NUDGE


# -- advice.directive: start / take / change a treatment, dosing orders -------------------------------

@pytest.mark.parametrize(("body", "span"), [
    # you + modal + verb
    ("You need to start on insulin as soon as possible.", "You need to start on insulin"),
    ("You have to push for a higher dose of Lyrica.", "You have to push for a higher dose of Lyrica"),
    ("Your mum needs to be on a statin at her age.", "Your mum needs to be on a statin"),
    ("u need to take ur insulin b4 every meal", "u need to take ur insulin b4 every meal"),
    ("You guys should all be taking CoQ10 with your statins.", "You guys should all be taking CoQ10 with your statins"),
    # dosing orders
    ("Take 2000 mg of vitamin C every hour until the cold goes.", "Take 2000 mg of vitamin C"),
    ("So just up your gabapentin to 900 mg.", "So just up your gabapentin to 900 mg"),
    ("Double up on the Lasix when your legs swell.", "Double up on the Lasix"),
    ("Increase the dose to 150 mcg and recheck in 6 weeks.", "Increase the dose to 150 mcg"),
    ("Start with 5 drops under the tongue and work up to 20.", "Start with 5 drops under the tongue"),
    # imperatives after a clause break, a list marker or bold
    ("Honestly, switch to the generic omeprazole.", "switch to the generic omeprazole"),
    ("My tips:\n- **Cut your Synthroid dose in half** for a week", "Cut your Synthroid dose in half"),
    ("Put him on a low dose of trazodone.", "Put him on a low dose of trazodone"),
    # advice frames
    ("If I were you I'd switch to Mounjaro.", "If I were you I'd switch to Mounjaro"),
    ("Your best bet is to switch to Rinvoq.", "best bet is to switch to Rinvoq"),
    ("Make sure you take 5000 IU of vitamin D daily.", "Make sure you take 5000 IU of vitamin D"),
    ("You'd be better off taking magnesium at night.", "You'd be better off taking magnesium"),
    ("You can just take 400 mg of ibuprofen with it.", "You can just take 400 mg of ibuprofen with"),
])
def test_treatment_instructions_are_nudged(body: str, span: str) -> None:
    report = PACK.check(Post(body=body))
    assert ("advice.directive", span) in [(v.rule, v.text) for v in report.violations]
    assert report.decision is Action.NUDGE
    for v in report.violations:
        assert body[v.start:v.end] == v.text


# -- advice.stop-or-skip: stop, skip, refuse, not start, delay -----------------------------------------

@pytest.mark.parametrize(("body", "span"), [
    ("You should really come off the prednisone, it's making you worse.", "You should really come off the prednisone"),
    ("Honestly just quit the Lexapro, it's not worth it.", "Honestly just quit the Lexapro"),
    ("Don't take the flu jab this year.", "Don't take the flu jab this year"),
    ("Ditch the PPIs and drink apple cider vinegar.", "Ditch the PPIs"),
    ("dont start the tamoxifen!! it ruined my life", "dont start the tamoxifen"),
    ("Do not let them put your father on Keppra.", "Do not let them put your father on Keppra"),
    ("You're better off skipping the biopsy.", "You're better off skipping the biopsy"),
    ("The best thing you can do is stop the statins.", "best thing you can do is stop the statins"),
    ("Never take ibuprofen with your kidneys.", "Never take ibuprofen with your kidneys"),
    ("You must not start HRT until you're 50.", "You must not start HRT"),
    ("My advice: stop the Ozempic and eat keto.", "stop the Ozempic"),
    ("Tell your mum to come off the blood thinners.", "Tell your mum to come off the blood thinners"),
    ("you don't need chemo, you need a good diet", "you don't need chemo"),
    ("It's totally fine to stop your levothyroxine for a few weeks.",
     "It's totally fine to stop your levothyroxine for a few"),
    ("Cancel the surgery and get a second opinion.", "Cancel the surgery"),
    ("Get a CPAP now, don't wait months for a sleep study.", "don't wait months for a sleep study"),
    ("Nodules that small never grow. You can skip the repeat CT.", "You can skip the repeat CT"),
    ("My GP told me to stop the gabapentin and I was fine, so you should do the same.", "you should do the same"),
    ("Eat a light breakfast the morning of your surgery, you'll feel better.",
     "Eat a light breakfast the morning of your surgery"),
])
def test_advice_to_stop_or_skip_treatment_is_flagged(body: str, span: str) -> None:
    report = PACK.check(Post(body=body))
    assert ("advice.stop-or-skip", span) in [(v.rule, v.text) for v in report.violations]
    assert report.decision is Action.FLAG


@pytest.mark.parametrize("body", [
    # own story, own clinician, own plan
    "I stopped the statin and my muscle pain went away, but talk to your doctor first.",
    "My neurologist told me to stop the gabapentin because it wasn't helping.",
    "My cardiologist wants me to start Entresto next month.",
    "I had to stop the methotrexate when my liver enzymes went up.",
    "I wake up at six, take my metformin and walk the dog.",
    "My plan is to stop the prednisone once the flare settles.",
    "I take 20 mg of Lexapro and 100 mcg of levothyroxine every morning.",
    # questions, quotations, leaflets
    "Should I stop the statin before my surgery?",
    "Did you stop taking it when the rash started?",
    "My nurse said, 'Take it with food or it will upset your stomach.'",
    "The discharge sheet says to skip the aspirin for a week after the polyp removal.",
    "TAKE TWO TABLETS BY MOUTH IN THE MORNING is what the label says.",
    # pointing to the member's own care team
    "Maybe ask your care team whether a lower dose is possible?",
    "Ask your doctor whether you should stop the ibuprofen.",
    "I think you should talk to your rheumatologist about the methotrexate dose.",
    "You'll want to ask your pharmacist whether it interacts.",
    # encouragement to keep taking a treatment
    "Don't stop taking your insulin, even if you're not eating.",
    "Never stop your beta blocker suddenly, my cardiologist was very clear about that.",
    "Don't skip your follow-up scans, they caught my recurrence early.",
    "Don't forget to take your meds with you on holiday!",
    # no treatment, or the verb is something else
    "Don't know what to do about the steroids anymore.",
    "Bring a printed list of every medication to your pre-op appointment.",
    "Get a second opinion before the surgery.",
    "Get your vitamin D levels checked at your next visit.",
    "Stop by the pharmacy on your way home for the flu shot.",
    "Stop worrying so much about the scan, you did everything right.",
    "Take care and good luck with the surgery tomorrow!",
    "Take a deep breath, the biopsy is quick.",
    "Start date for chemo is Monday.",
    "Increase in my dose made me dizzy.",
    "Don't get me wrong, the CPAP changed my life.",
    "Drop me a message if you want to chat about the surgery.",
    "I respectfully disagree that everyone should push through fatigue.",
    "I'm not telling anyone what to do, I'm just glad I stopped smoking.",
    "Telling someone newly diagnosed that chemo is poison and they should skip it is cruel.",
])
def test_near_misses_stay_clean(body: str) -> None:
    assert found(body) == []


# -- diagnosis ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "condition"), [
    ("Reading your description, that's textbook gastroparesis.", "gastroparesis"),
    ("That's classic Raynaud's, nothing else does that to your fingers.", "Raynaud"),
    ("You have gout. Big toe at 3 a.m. after a steak dinner?", "gout"),
    ("youve got gastritis from all that ibuprofen", "gastritis"),
    ("Weight gain, cold hands, thinning hair: you've got Hashimoto's.", "Hashimoto"),
    ("You definitely have POTS, the tilt table will show it.", "POTS"),
    ("You're describing classic sleep apnea.", "sleep apnea"),
    ("You're anemic, eat more red meat.", "anemic"),
    ("Your symptoms scream celiac.", "celiac"),
    ("Your MRI looks exactly like MS.", "MS"),
    ("That's definitely C. diff after all those antibiotics.", "C. diff"),
    ("that's 100% a UTI, get to urgent care", "UTI"),
    ("Butterfly rash and aching joints... that's obviously lupus, isn't it?", "lupus"),
    ("Rash plus a swollen knee after the camping trip = Lyme.", "Lyme"),
    ("The fatigue, the rash, the joints... that's lupus. Welcome to the club.", "lupus"),
    ("Sounds a lot like you have endometriosis.", "endometriosis"),
    ("I'd bet anything you have PCOS.", "PCOS"),
    ("Yours is melanoma, I'm sorry.", "melanoma"),
    ("Your daughter definitely has celiac.", "celiac"),
    ("Your husband's got diabetes, the thirst says it all.", "diabetes"),
    ("Your wife's snoring and gasping at night: she has severe sleep apnea.", "sleep apnea"),
])
def test_diagnosing_another_member_is_nudged_with_the_condition_as_span(body: str, condition: str) -> None:
    report = PACK.check(Post(body=body))
    assert ("diagnosis.condition", condition) in [(v.rule, v.text) for v in report.violations]
    assert report.decision is Action.NUDGE


@pytest.mark.parametrize(("body", "organ"), [
    ("I could be wrong, but I'm 90% sure it's your gallbladder.", "gallbladder"),
    ("Ten bucks says it's your thyroid.", "thyroid"),
    ("That has to be your thyroid, the hair loss gives it away.", "thyroid"),
])
def test_blaming_an_organ_is_a_diagnosis(body: str, organ: str) -> None:
    assert ("diagnosis.organ", organ) in found(body)


@pytest.mark.parametrize("body", [
    "I have lupus and the fatigue is the worst part.",
    "I was diagnosed with POTS last year.",
    "My son has ADHD and school is hard.",
    "My husband has sleep apnea and loves his CPAP.",
    "Did they check your thyroid? Mine turned out to be underactive.",
    "It's my thyroid again, the levels are off.",
    "My rheumatologist said it's lupus and started me on hydroxychloroquine.",
    "My GP thinks it's IBS but I'm not convinced.",
    "My rheum is 100% sure it's RA, the bloods came back positive.",
    "Could it be lupus? My ANA was positive.",
    "Do you have MS or is it still being worked out?",
    "If you have gout, cherries are worth a try.",
    "If your son has ADHD, the school must offer support.",
    "When you have lupus, every cold lasts weeks.",
    "Those of you who have celiac, which bread do you buy?",
    "You have MS too? I was diagnosed in 2019.",
    "I'm not saying you have Lyme, but it's worth asking about a test.",
    "I obviously can't tell you what it is, and nobody here can.",
    "I hope it's not MS.",
    "The numbers fit my COPD diagnosis.",
    "Fatigue that comes and goes without warning, that's lupus for you.",
    "Sounds like your lupus is flaring again, sending hugs.",
    "It's probably cancer, right? That's what my brain tells me at 3 a.m.",
    "That's the gout talking.",
    "You have every right to ask for a second opinion.",
    "Welcome! You've got this, the first week is the hardest.",
    "Ms. Patel said the pots and pans are in the cupboard.",
    "It's your call whether to try the CPAP.",
])
def test_a_members_own_condition_and_questions_stay_clean(body: str) -> None:
    assert found(body) == []


# -- messages, titles, decisions ------------------------------------------------------------------------

def test_messages_cite_the_guideline_and_show_how_to_rephrase() -> None:
    report = PACK.check(Post(body="Honestly you should just stop the statin. That's textbook fibromyalgia."))
    by_rule = {v.rule: v for v in report.violations}
    stop, diagnosis = by_rule["advice.stop-or-skip"], by_rule["diagnosis.condition"]
    assert stop.guideline == 1 and diagnosis.guideline == 2
    assert "Share your story, not medical advice" in stop.message
    assert '"you should just stop the statin"' in stop.message and "What" not in stop.message.split("example")[0]
    assert "for example" in stop.message and "care team" in stop.message
    assert '"fibromyalgia"' in diagnosis.message and "for example" in diagnosis.message
    assert stop.note and diagnosis.note
    assert report.decision is Action.FLAG


def test_titles_are_not_read_for_advice() -> None:
    # A title such as "Stop Humira before surgery" is usually the topic of a question, not an order.
    assert found("Has anyone done this with their rheumatologist?", title="Stop Humira before surgery") == []
    assert found("Has anyone done this?", title="You should all stop taking statins") == []
    assert found("You should all stop taking statins.") == [("advice.stop-or-skip", "You should all stop taking statins")]


# -- the lexicons --------------------------------------------------------------------------------------

LISTS = ["conditions.txt", "medications.txt", "treatments.txt", "advice-tests.txt", "diagnosis-acronyms.txt",
         "diagnosis-organs.txt"]


def entries(name: str) -> list[str]:
    return [line.strip() for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("name", LISTS)
def test_each_lexicon_states_its_source_licence_and_how_to_extend(name: str) -> None:
    header = "\n".join(line for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines()
                       if line.startswith("#")).lower()
    assert "source" in header and "licence" in header and "extend" in header and "override" in header
    items = entries(name)
    assert len(items) == len(set(items)), "duplicate entries"


def test_the_lexicons_are_big_enough_to_cover_every_body_system() -> None:
    assert len(entries("conditions.txt")) >= 300
    assert len(entries("medications.txt")) >= 300
    assert len(entries("treatments.txt")) >= 100
    conditions = set(entries("conditions.txt"))
    for name in ("lupus", "lyme", "gout", "sleep apnea", "gastroparesis", "c. diff", "hashimoto", "celiac", "anemia",
                 "asthma", "migraine", "endometriosis", "psoriasis", "glaucoma", "ckd", "depression"):
        assert name in conditions


def test_no_condition_is_the_first_words_of_another() -> None:
    # Otherwise "you have lyme disease" would be reported twice, as "lyme" and "lyme disease".
    import re

    split = [(e, re.findall(r"\w+", e.lower())) for e in entries("conditions.txt")]
    for a, wa in split:
        for b, wb in split:
            assert not (a != b and len(wa) < len(wb) and wb[:len(wa)] == wa), (a, b)


def test_ambiguous_abbreviations_match_only_in_capitals() -> None:
    assert ("diagnosis.condition", "MS") in found("That's textbook MS.")
    assert found("That's textbook ms.") == []
    assert {e.lower() for e in entries("diagnosis-acronyms.txt")}.isdisjoint(entries("conditions.txt"))
