"""The shipped misinformation pack (guideline 2, unproven treatments): families caught, near misses clean.

Dangerous remedies are held; cure claims, pseudoscience, miracle-cure and conspiracy language and
vaccine-myth vocabulary are flagged (corrected in the open, per the moderation model). Warnings,
questions, reported speech, a member's own supplement use and evidence-based statements stay clean.
"""

from __future__ import annotations

import pytest
from conftest import shipped

from connectguard import Post, PostContext
from connectguard.actions import Action

GUARD = shipped()
MISINFO = GUARD.only(*[r.id for r in GUARD.rules if r.id.startswith("misinfo.")])


def found(body: str, title: str = "") -> list[tuple[str, str]]:
    post = Post(title=title, body=body, context=PostContext(new_discussion=bool(title)))
    return [(v.rule, v.text) for v in MISINFO.check(post).violations]


def test_every_rule_is_unproven_treatment_under_guideline_2() -> None:
    rules = [r for r in GUARD.rules if r.id.startswith("misinfo.")]
    assert {r.id for r in rules} == {
        "misinfo.dangerous-remedy", "misinfo.cure-claim", "misinfo.pseudoscience",
        "misinfo.miracle-conspiracy", "misinfo.vaccine-myth",
    }
    for rule in rules:
        assert rule.category == "unproven-treatment"
        assert rule.guideline is not None and rule.guideline.number == 2
        expected = Action.HOLD if rule.id == "misinfo.dangerous-remedy" else Action.FLAG
        assert rule.action is expected, rule.id


# -- (a) dangerous remedies: held ------------------------------------------------------------

@pytest.mark.parametrize(("body", "span"), [
    ("My cousin swears MMS cleared her son's eczema, she gives him 6 drops twice a day.", "MMS"),
    ("Sodium chlorite plus citric acid, activated, kills every pathogen in the gut.", "Sodium chlorite"),
    ("Put bloodroot salve on the spot and the skin cancer comes out with the scab.", "bloodroot salve"),
    ("A teaspoon of kerosene on sugar is the old cure for worms and sore throats.", "kerosene"),
    ("Food grade hydrogen peroxide, 3 drops in water, oxygenates the tumors away.", "Food grade hydrogen peroxide"),
    ("Borax in water every morning fixed my arthritis in a fortnight.", "Borax"),
    ("Amygdalin shots in Tijuana are how my aunt beat cancer.", "Amygdalin"),
    ("Colloidal silver heals infections antibiotics can't touch, 1 tbsp daily.", "Colloidal silver"),
    ("Mebendazole shrank my dad's tumours, 100 mg a day.", "Mebendazole"),
    ("Hydroxychloroquine and zinc cured my covid in three days.", "Hydroxychloroquine"),
])
def test_dangerous_remedies_promoted_as_cures_are_held(body: str, span: str) -> None:
    report = MISINFO.check(Post(body=body))
    hits = [(v.rule, v.text) for v in report.violations]
    assert ("misinfo.dangerous-remedy", span) in hits, hits
    assert report.decision is Action.HOLD
    for v in report.violations:
        assert body[v.start:v.end] == v.text


@pytest.mark.parametrize("body", [
    "The FDA has warned for years that chlorine dioxide is bleach and can cause severe vomiting.",
    "Black salve ate a hole in my neighbour's nose. Please don't put it on a mole.",
    "Is colloidal silver safe to use for a sinus infection?",
    "Poison control told us to never give kerosene for worms, it damages the lungs.",
    "My oncologist explained that apricot kernels contain cyanide and are dangerous.",
    "I clean the bathroom with bleach and the brushes with turpentine, and my asthma hates both.",
    "My rheumatologist put me on hydroxychloroquine for my lupus and it has been a lifesaver.",
    "Ivermectin cream cleared my rosacea; the dermatologist said it's a first-line option.",
    "Fenbendazole is what the vet gave our dog for worms.",
    "Does ivermectin work for cancer? My brother-in-law keeps sending me videos.",
])
def test_warnings_questions_and_licensed_uses_stay_clean(body: str) -> None:
    assert [h for h in found(body) if h[0] == "misinfo.dangerous-remedy"] == []


# -- (b) cure claims and pseudoscience: flagged -------------------------------------------------

@pytest.mark.parametrize(("body", "rule", "span"), [
    ("Oregano oil cleared my SIBO-related IBS in two weeks.", "misinfo.cure-claim", "Oregano oil"),
    ("Sea moss reverses hashimoto's, my TSH is normal now.", "misinfo.cure-claim", "Sea moss"),
    ("A juice cleanse shrinks fibroids naturally.", "misinfo.cure-claim", "juice cleanse"),
    ("Castor oil packs dissolved my ovarian cysts.", "misinfo.cure-claim", "Castor oil packs"),
    ("Curcumin kills cancer cells better than any drug.", "misinfo.cure-claim", "Curcumin"),
    ("Use rick simpson oil instead of chemo, it's what worked for my friend.", "misinfo.cure-claim",
     "rick simpson oil"),
    ("With bitter melon most people can get off insulin within months.", "misinfo.cure-claim", "bitter melon"),
    ("Shilajit regenerates the pancreas so you can stop worrying about diabetes.", "misinfo.cure-claim",
     "Shilajit"),
    ("Eat clean and keep the body alkaline, cancer can't live there.", "misinfo.pseudoscience",
     "keep the body alkaline"),
    ("Cancer is a fungus, which is why baking soda works.", "misinfo.pseudoscience", "Cancer is a fungus"),
    ("Acidity causes cancer, so alkaline water is the answer.", "misinfo.pseudoscience", "Acidity causes cancer"),
    ("Your body knows how to heal itself once you stop the meds.", "misinfo.pseudoscience",
     "body knows how to heal itself"),
])
def test_cure_claims_and_pseudoscience_are_flagged(body: str, rule: str, span: str) -> None:
    report = MISINFO.check(Post(body=body))
    hits = [(v.rule, v.text) for v in report.violations]
    assert (rule, span) in hits, hits
    assert report.decision is Action.FLAG


def test_a_cure_claim_in_the_title_is_found() -> None:
    assert ("misinfo.cure-claim", "celery juice") in found(
        "Three months in and I feel great.", title="How celery juice healed my eczema")


@pytest.mark.parametrize("body", [
    "I take vitamin D because my level was low, and magnesium for cramps.",
    "Turmeric didn't help me, sadly, so I'm back on naproxen.",
    "Does apple cider vinegar really lower blood sugar, or is that a myth?",
    "My oncologist said there's no evidence IV vitamin C shrinks tumours.",
    "Statins lower LDL and reduce the risk of heart disease.",
    "Metformin lowers A1c for most people with type 2 diabetes.",
    "There's no evidence that essential oils cure anxiety, but I like the smell of lavender.",
    "Coconut oil is what I use for my dry skin since the eczema cream ran out.",
    "Ginger tea helps my nausea on chemo days.",
    "My dietitian suggested cinnamon in my oatmeal because I was sick of plain porridge with diabetes.",
    "The urologist wants my urine more alkaline to stop uric acid stones.",
    "Alkaline phosphatase was a bit high on my liver panel.",
    "A paper cut will heal itself, a deep gash won't.",
    "Is cancer a metabolic disease? I keep reading that and I'm confused.",
])
def test_own_use_failures_questions_reports_and_evidence_stay_clean(body: str) -> None:
    assert found(body) == []


# -- (c) miracle-cure and conspiracy language: flagged ---------------------------------------------

@pytest.mark.parametrize(("body", "span"), [
    ("Here is the one thing oncologists won't tell you about sugar.", "oncologists won't tell you"),
    ("The drug companies suppress every natural treatment that works.", "drug companies"),
    ("Big Pharma will never fund a trial on a weed that grows in your garden.", "Big Pharma"),
    ("Nobody studies it because there is no money in it.", "there is no money in it"),
    ("They can't patent a mushroom, so you'll never hear about it.", "They can't patent"),
    ("Do your own research, they are lying to you about chemo.", "Do your own research"),
    ("Radiation is nothing but poison for your body.", "Radiation is nothing but poison"),
    ("Sea moss is a miracle cure for thyroid problems.", "miracle cure"),
    ("The government is sitting on the cure for cancer.", "sitting on the cure"),
    ("Fix your gut and you can get off all your meds for good.", "get off all your meds"),
])
def test_miracle_cure_and_suppression_language_is_flagged(body: str, span: str) -> None:
    hits = found(body)
    assert ("misinfo.miracle-conspiracy", span) in hits, hits


@pytest.mark.parametrize("body", [
    "The manufacturer's assistance form is awful and Big Pharma charges too much for insulin.",
    "Drug companies hide behind patents to keep prices high.",
    "There's no miracle cure for lupus, but hydroxychloroquine helps me a lot.",
    "I wish there was a miracle cure for this fatigue.",
    "Chemo is poison, but it's the poison that got me into remission.",
    "Chemo felt like poison the first week and then it got easier.",
    "Do your own research on side effects and bring questions to your oncologist.",
    "My oncologist said there's no money in testing old generic drugs, which is why trials are rare.",
    "Did Big Pharma really bury trial data in the 90s?",
    "I'm coming off prednisone completely next month on my rheumatologist's taper.",
])
def test_criticism_wishes_and_reports_stay_clean(body: str) -> None:
    assert found(body) == []


# -- vaccine-misinformation vocabulary ---------------------------------------------------------------

@pytest.mark.parametrize(("body", "span"), [
    ("My uncle calls it the death jab and won't let anyone in the family near it.", "death jab"),
    ("Turbo cancer is everywhere since the rollout.", "Turbo cancer"),
    ("They put microchips in the vaccine, look it up.", "microchips in the vaccine"),
])
def test_vaccine_myth_vocabulary_is_flagged(body: str, span: str) -> None:
    assert ("misinfo.vaccine-myth", span) in found(body)


@pytest.mark.parametrize("body", [
    "I had a sore arm and a fever for a day after my booster.",
    "I developed myocarditis after my second dose and it was reported to VAERS.",
    "The claim that vaccines cause autism has been debunked many times.",
    "Turbo cancer isn't real, the oncologists on the panel were clear about that.",
])
def test_real_side_effects_and_debunking_stay_clean(body: str) -> None:
    assert found(body) == []


def test_messages_teach_and_name_the_guideline() -> None:
    report = MISINFO.check(Post(body="Turmeric cured my psoriasis. Big Pharma buried this for years."))
    assert report.violations
    for v in report.violations:
        assert "guideline 2" in v.message
        assert "Understand a post may be removed" in v.message
        assert v.note
    cure = next(v for v in report.violations if v.rule == "misinfo.cure-claim")
    assert "Turmeric" in cure.message and "own experience" in cure.message


def test_misinformation_is_published_and_flagged_not_removed() -> None:
    report = GUARD.check(Post(body="Celery juice every morning reversed my type 2 diabetes."))
    assert report.decision is Action.FLAG
    assert [v.rule for v in report.violations if v.category == "unproven-treatment"] == ["misinfo.cure-claim"]
