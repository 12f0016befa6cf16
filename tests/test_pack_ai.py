"""The shipped AI pack (guideline 3): undisclosed AI text is nudged, disclosed AI and human voice are not.

Two rules: an assistant's self-reference is enough on its own; assistant STYLE needs two different
signal families in a 250+ character post with no first-person voice. Any disclosure in the title or
body ("AI-generated", "I asked ChatGPT", "Prompt:") exempts the post.
"""

from __future__ import annotations

import pytest
from conftest import shipped

from connectguard import Author, Post, PostContext
from connectguard.actions import Action

GUARD = shipped()
AI = GUARD.only("ai.undisclosed-marker", "ai.style")


def check(body: str, title: str = "", role: str | None = None):
    post = Post(title=title, body=body, context=PostContext(new_discussion=bool(title)),
                author=Author(role=role) if role else Author())
    return AI.check(post)


def rules_of(body: str, title: str = "", role: str | None = None) -> list[str]:
    return [v.rule for v in check(body, title, role).violations]


def test_both_rules_nudge_under_guideline_3() -> None:
    for rule_id in ("ai.undisclosed-marker", "ai.style"):
        rule = next(r for r in GUARD.rules if r.id == rule_id)
        assert rule.category == "ai-undisclosed"
        assert rule.guideline is not None and rule.guideline.number == 3
        assert rule.action is Action.NUDGE


# -- self-reference: one phrase is enough -------------------------------------------------------------

@pytest.mark.parametrize(("body", "span"), [
    ("As a large language model, I can't examine you, but joint pain has many causes.", "As a large language model"),
    ("As an AI, I can offer general information about statins and muscle aches.", "As an AI, I"),
    ("I'm just an AI, so please treat this as general information about lupus.", "I'm just an AI"),
    ("My knowledge cutoff means newer GLP-1 trials may be missing from this summary.", "My knowledge cutoff"),
    ("It is not appropriate for me to recommend a dose, so please ask your pharmacist.",
     "It is not appropriate for me to"),
    ("Regenerate response\nFatigue after infusions is common and usually settles within a day.",
     "Regenerate response"),
])
def test_self_reference_is_nudged_with_its_exact_span(body: str, span: str) -> None:
    report = check(body)
    assert [(v.rule, v.text) for v in report.violations] == [("ai.undisclosed-marker", span)]
    v = report.violations[0]
    assert body[v.start:v.end] == span
    assert report.decision is Action.NUDGE
    assert "prompt" in v.message and "guideline 3" in v.message and "Use AI responsibly" in v.message


# -- style: two different families, no first-person voice ------------------------------------------------

ASSISTANT_LIST = (
    "Certainly! Here are some ways to make hospital stays more comfortable:\n\n"
    "- **Bring familiar items** such as a pillowcase or photos.\n"
    "- **Keep a notebook** for questions for the care team.\n"
    "- **Ask about quiet hours** so rest is easier.\n\n"
    "Let me know if you have any other questions!"
)
CONSULT_HEDGE = (
    "Tingling in the hands can be caused by a variety of factors, including vitamin B12 deficiency, "
    "carpal tunnel syndrome, diabetes and certain medications. It is not uncommon for symptoms to be worse "
    "at night. A healthcare provider can examine the hands, order blood tests and determine the underlying "
    "cause before recommending treatment."
)
EMOJI_LISTICLE = (
    "🥦 Fill half the plate with vegetables to keep portions balanced.\n"
    "🚶 Walk for ten minutes after each meal to blunt glucose spikes.\n"
    "💤 Protect seven hours of sleep, since poor sleep raises insulin resistance.\n"
    "Consistency beats perfection, and small habits add up over the months."
)
LABEL_LIST = (
    "1. Pacing: plan the hardest task for the time of day with the most energy.\n"
    "2. Rest: schedule short breaks before exhaustion sets in.\n"
    "3. Support: ask family to take on heavier chores during flares.\n"
    "Living with a chronic condition takes patience, and progress is rarely linear."
)


@pytest.mark.parametrize(("title", "body"), [
    ("", ASSISTANT_LIST),                                          # opener/closer + decorated list
    ("", CONSULT_HEDGE),                                           # consult boilerplate + hedged framing
    ("Eating well with type 2 diabetes", EMOJI_LISTICLE),          # emoji list + ... needs a second family
    ("6 Ways to Manage Fatigue", LABEL_LIST),                      # listicle title + "Label: sentence" lines
])
def test_assistant_style_is_nudged_once_per_post(title: str, body: str) -> None:
    if body is EMOJI_LISTICLE:
        body = "Here are some habits that help.\n" + body                # a list lead-in: the second family
    report = check(body, title)
    assert [v.rule for v in report.violations] == ["ai.style"]
    v = report.violations[0]
    assert v.field == "body" and body[v.start:v.end] == v.text == body.strip()
    assert report.decision is Action.NUDGE


@pytest.mark.parametrize("body", [
    # "It is important to ..." and "Here are some ..." are weak: together they count as one family
    "Welcome to the group! Lots of people here have been through the same thing, and the archive has "
    "good threads on fatigue and going back to work. It is important to pace yourself in the first months. "
    "Here are some threads to start with: the fatigue thread, the return-to-work thread and the diet FAQ.",
    # one family only (consult boilerplate)
    "Swelling in the ankles has many causes, from heart and kidney problems to medication and long days on "
    "your feet. A healthcare provider can work out which one applies and what to do about it, so it is worth "
    "getting it checked rather than waiting for it to go away on its own.",
    # too short to judge on style
    "Great question! It is important to talk to a healthcare provider about that.",
])
def test_weak_or_single_signals_and_short_posts_stay_clean(body: str) -> None:
    assert rules_of(body) == []


@pytest.mark.parametrize("body", [
    # a member's own well-structured post: first-person voice
    "Here's a breakdown of my first month on CPAP, in case it helps:\n\n"
    "- **Week 1**: I hated the mask and slept maybe three hours a night.\n"
    "- **Week 2**: switching to nasal pillows made a big difference.\n"
    "- **Week 3**: the AHI finally dropped below five.\n\n"
    "In summary, the first fortnight is the hardest part. Let me know if you have any other questions!",
    # a caregiver's "our"
    "Certainly a hard week. Here are some things that helped our son through his first chemo cycle:\n\n"
    "- **Ice chips** during the infusion for mouth sores.\n"
    "- **A tablet loaded with films** for the long afternoons.\n\n"
    "It is important to ask the nurses about anti-nausea timing before the second cycle.",
    # "I hope this helps" is a human sign-off, not an assistant's
    "Itching at night can have a variety of causes, from dry skin to liver problems, and a healthcare "
    "provider can order the blood tests that tell them apart. Antihistamines at bedtime and a fragrance-free "
    "moisturiser are cheap things to try first while waiting for the appointment. I hope this helps.",
])
def test_first_person_voice_exempts_style(body: str) -> None:
    assert rules_of(body) == []


def test_assistant_voice_is_not_first_person() -> None:
    body = ("I'm sorry to hear that you're experiencing these headaches. Headaches can be caused by a variety of "
            "factors, including stress, dehydration and eye strain. I would recommend keeping a headache diary. "
            "A healthcare provider can help determine the underlying cause. Let me know if you have any other "
            "questions.")
    assert rules_of(body) == ["ai.style"]


# -- disclosure anywhere exempts every AI rule ----------------------------------------------------------

@pytest.mark.parametrize(("title", "prefix"), [
    ("AI-generated list for new CPAP users", ""),
    ("", "I asked ChatGPT for a list and edited it.\n"),
    ("", "Prompt: how can hospital stays be more comfortable?\n"),
    ("", "AI disclosure: the list below came from an AI tool.\n"),
    ("", "This post was generated by AI with some human edits. Please check for accuracy.\n"),
])
def test_disclosed_ai_is_never_nudged(title: str, prefix: str) -> None:
    assert rules_of(prefix + ASSISTANT_LIST, title) == []
    assert rules_of(prefix + "As an AI language model, I cannot examine you. " + CONSULT_HEDGE, title) == []


@pytest.mark.parametrize("body", [
    "My neurologist said the training data behind the new seizure app looked good.",
    "I don't have personal experience with that drug, but my sister took it for a year.",
    "I'm not a doctor, but my GP said the same thing about the rash. I hope this helps.",
    "The infusion nurse said a prompt reply to the portal message would speed things up.",
])
def test_human_look_alikes_stay_clean(body: str) -> None:
    assert rules_of(body) == []


def test_mentors_and_moderators_are_not_style_checked() -> None:
    assert rules_of(CONSULT_HEDGE, role="mentor") == []
    assert rules_of(CONSULT_HEDGE, role="moderator") == []
    assert rules_of(CONSULT_HEDGE, role="member") == ["ai.style"]
    # self-reference still counts for everyone
    assert rules_of("As an AI language model, I can't see your scan.", role="mentor") == ["ai.undisclosed-marker"]
