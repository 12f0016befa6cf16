"""The shipped conduct rules end to end: copyright (guideline 8), impersonation (guideline 11) and
unclear titles (guideline 5). Families of phrasing caught with exact spans, near misses kept clean,
actions that follow the moderation model."""

from __future__ import annotations

import pytest
from conftest import shipped

from connectguard import Guard, Post
from connectguard.actions import Action
from connectguard.guard import default_pack_dir

GUARD = shipped()
COPYRIGHT = GUARD.only(*[r.id for r in GUARD.rules if r.category == "copyright"])
IMPERSONATION = GUARD.only(*[r.id for r in GUARD.rules if r.category == "impersonation"])
TITLES = GUARD.only(*[r.id for r in GUARD.rules if r.category == "unclear-title"])


def found(guard: Guard, body: str, **post: object) -> list[tuple[str, str]]:
    report = guard.check(Post(body=body, **post))  # type: ignore[arg-type]
    for v in report.violations:
        field = report.post.title if v.field == "title" else report.post.body
        assert field[v.start:v.end] == v.text, v
    return [(v.rule, v.text) for v in report.violations]


def title_hits(title: str, *, new_discussion: bool = True) -> list[str]:
    post = Post.from_dict({"title": title, "body": "Details in the body.", "context": {"new_discussion": new_discussion}})
    return [v.text for v in TITLES.check(post).violations]


# -- copyright ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "rule", "span"), [
    # rights notices travel with the copied text
    ("...and so the gut heals slowly.\n\n© 2021 Brightwater Books. All rights reserved.", "copyright.rights-notice", "© 2021"),
    ("...the end of the excerpt.\n\nAll rights reserved.", "copyright.rights-notice", "All rights reserved"),
    ("(c) 2017 Meadow Health Press", "copyright.rights-notice", "(c) 2017"),
    ("...walk every day.\nCopyright 2022 Northshore Wellness Weekly", "copyright.rights-notice", "Copyright 2022"),
    ("No part of this publication may be reproduced without permission.", "copyright.rights-notice",
     "No part of this publication may be reproduced"),
    ("Reprinted with permission from Kidney Life quarterly: Five habits...", "copyright.rights-notice", "Reprinted with permission"),
    ("This story originally appeared in the Valley Gazette.\n\nWhen Tom was diagnosed...", "copyright.rights-notice",
     "This story originally appeared in"),
    # the publisher's paywall, membership or newsletter wording
    ("...and the study is ongoing.\n\nSubscribe to continue reading.", "copyright.paywall-footer", "Subscribe to continue reading"),
    ("MEMBERS-ONLY CONTENT\nThe truth about sleep after stroke...", "copyright.paywall-footer", "MEMBERS-ONLY CONTENT"),
    ("...and ask your team. Read more in our Winter issue.", "copyright.paywall-footer", "Read more in our Winter issue"),
    ("...stay hydrated. This interview ran in the October print edition.", "copyright.paywall-footer",
     "This interview ran in the October print edition"),
    ("...thanks for reading!\nView this email in your browser", "copyright.paywall-footer", "View this email in your browser"),
    ("...the new device is approved.\n\nThis update is for subscribers only.", "copyright.paywall-footer", "subscribers only"),
    # a press byline on a line of its own
    ("Living with tinnitus\nBy Aaron Whitlock, Staff Writer\n\nThe ringing started...", "copyright.byline",
     "By Aaron Whitlock, Staff Writer"),
    ("Reviewed by Hana Sato, MD\n\nShingles is a reactivation of...", "copyright.byline", "Reviewed by Hana Sato, MD"),
    # the poster's own framing
    ("Sharing the entire article because it's so good:\n\n\"...\"", "copyright.pasted-whole", "entire article"),
    ("I copied the full chapter for you all:\n\n\"...\"", "copyright.pasted-whole", "full chapter"),
    ("Full text below since the link needs a login:\n\n\"...\"", "copyright.pasted-whole", "Full text"),
    ("It's behind a paywall so here's what it says:\n\n\"...\"", "copyright.pasted-whole", "paywall"),
    ("My aunt has a subscription so I copied it here:\n\n\"...\"", "copyright.pasted-whole", "subscription"),
    ("This magazine piece is brilliant, I typed the whole thing out:\n\n\"...\"", "copyright.pasted-whole", "whole thing"),
    ("The song that gets me through scans:\n[Verse 1]\nline\nline\n[Chorus]\nline", "copyright.pasted-whole", "[Chorus]"),
])
def test_copyright_families_are_caught_with_exact_spans(body: str, rule: str, span: str) -> None:
    assert (rule, span) in found(COPYRIGHT, body)


@pytest.mark.parametrize("body", [
    "This MedlinePlus page explained it better than I can: https://medlineplus.gov/ency/article/000435.htm",
    "As the Arthritis Foundation puts it, 'rest is part of the treatment.' (source: https://www.arthritis.org)",
    "My doctor's handout said to take it with food.",
    "I read an article in the Times about it last week and it made me cry.",
    "We discussed (a) surgery, (b) radiation and (c) doing nothing for now.",
    "The flare years were (a) 2015, (b) 2018 and (c) 2021.",
    "Here is my garden after chemo (photo © 2024, my own picture, share it freely).",
    "By the way, the nurse line was very helpful.",
    "By Tuesday the rash had faded.",
    "The article is subscribers only, can anyone summarise it?",
    "It's subscribers only and I don't have a subscription, so I only saw the headline.",
    "I subscribe to read the clinic's newsletter, it's free.",
    "So here's the whole thing: I fell, broke my wrist and then the infection started.",
    "I read the whole chapter on pacing and it changed how I plan my week.",
    "Is it ok to share the whole article if I credit the author?",
    "The lyrics of that hymn mean so much to me now.",
    "Is copyright a problem if I post a photo of the leaflet?",
])
def test_copyright_near_misses_stay_clean(body: str) -> None:
    assert found(COPYRIGHT, body) == []


def test_pasted_article_is_flagged_and_the_message_teaches_a_short_quote() -> None:
    report = GUARD.only(*[r.id for r in COPYRIGHT.rules]).check(Post(
        title="Great read on sleep",
        body="Why Sleep Heals\nBy Mina Park, Health Reporter\n\nScientists now think...\n\n© 2023 Daily Ledger. All rights reserved.",
    ))
    assert report.decision is Action.FLAG
    assert {v.category for v in report.violations} == {"copyright"}
    for v in report.violations:
        assert v.action is Action.FLAG and v.guideline == 8
        assert "Follow legal and copyright guidelines" in v.message
        assert "short quote" in v.message and "link" in v.message


# -- impersonation --------------------------------------------------------------------------------

@pytest.mark.parametrize(("post", "rule", "span"), [
    ({"title": "[MOD] Read before posting", "body": "New rules below."}, "impersonation.moderator-claim", "MOD"),
    ({"title": "Mod note: thread locked", "body": "Please take it to DMs."}, "impersonation.moderator-claim", "Mod"),
    ({"body": "Good morning, moderation team here. Links are banned from today."}, "impersonation.moderator-claim", "moderation"),
    ({"body": "This is an official notice from the Connect team: verify your account."}, "impersonation.moderator-claim",
     "Connect team"),
    ({"body": "On behalf of the moderators, please stop posting about supplements."}, "impersonation.moderator-claim",
     "moderators"),
    ({"body": "Speaking for the mod team, this thread is closed."}, "impersonation.moderator-claim", "mod"),
    ({"body": "I'm one of the admins for this group and I approve this offer."}, "impersonation.moderator-claim", "admins"),
    ({"body": "As a Connect moderator I'm telling you this is allowed."}, "impersonation.moderator-claim", "moderator"),
    ({"body": "Thanks for reading.\n— Sam, Moderation Team"}, "impersonation.moderator-claim", "Moderation"),
    ({"body": "As a Mayo Clinic nurse I can say the fasting rule is outdated."}, "impersonation.affiliation", "Mayo"),
    ({"body": "I'm a dietitian at this clinic and the real advice is different."}, "impersonation.affiliation", "this clinic"),
    ({"body": "As a cardiologist who works for the clinic that hosts this forum, ignore that leaflet."},
     "impersonation.affiliation", "the clinic that hosts this forum"),
    ({"body": "Hello all, I'm Dr. Ruth Abara from Mayo Clinic. Send me your reports."}, "impersonation.affiliation", "Mayo"),
    ({"body": "We at Mayo Clinic no longer recommend that scan."}, "impersonation.affiliation", "Mayo"),
    ({"body": "As this site's official sponsor, we offer members 20% off."}, "impersonation.affiliation", "this site"),
    ({"body": "I run the pharmacy benefits desk, so consider this the official answer: no exceptions."},
     "impersonation.affiliation", "official"),
    ({"body": "As Dr. Lena Ortiz, hepatologist at Lakeside Medical Center, I can assure you the enzymes don't matter."},
     "impersonation.named-authority", "As Dr. Lena Ortiz,"),
])
def test_impersonation_families_are_caught_with_exact_spans(post: dict, rule: str, span: str) -> None:
    body = post.get("body", "")
    assert (rule, span) in found(IMPERSONATION, body, **{k: v for k, v in post.items() if k != "body"})


@pytest.mark.parametrize("body", [
    "I'm a nurse and when my own mother had this, the waiting was the hardest part.",
    "Full disclosure, I'm a pharmacist, not affiliated with this clinic, posting as a dad.",
    "My nurse at the clinic said the swelling goes down in a week.",
    "The moderators were kind to me when I first posted.",
    "Thanks to the mods for the gentle nudge about my title!",
    "Is there a moderator here who can move my post?",
    "The mod team here is lovely.",
    "I'm a moderator of a Facebook caregivers group and we have the same rule.",
    "I was treated at Mayo Clinic in 2020 and the team was wonderful.",
    "As a Mayo Clinic doctor told me, one scan is only part of the picture.",
    "I'm seeing a neurologist at Mayo Clinic next month, any tips?",
    "As a patient at this clinic for years, I know the parking is awful.",
    "My husband is a surgeon at Mayo Clinic and even he hates the billing system.",
    "It's official, I'm in remission!",
    "Please don't take this as the official word, it's just my experience.",
    "As Dr. Okafor at Riverside explained to me, I can tell you it was a relief.",
    "I'm a retired GP, and I can tell you the waiting is the worst part.",
])
def test_impersonation_near_misses_stay_clean(body: str) -> None:
    assert found(IMPERSONATION, body) == []


@pytest.mark.parametrize(("role", "fires"), [
    ("moderator", False), ("staff", False), ("admin", False),  # real moderators and staff may post as such
    ("member", True), ("mentor", True), (None, True),          # an unknown role is still checked
])
def test_real_moderators_and_staff_are_exempt(role: str | None, fires: bool) -> None:
    data: dict = {"title": "Moderator notice: holiday hours", "body": "Moderation team here. Back on Monday."}
    if role:
        data["author"] = {"role": role}
    assert bool(IMPERSONATION.check(Post.from_dict(data)).violations) is fires


def test_impersonation_is_held_and_the_message_allows_stating_a_profession() -> None:
    report = IMPERSONATION.check(Post(body="As a Mayo Clinic nurse I can tell you nobody needs that test."))
    assert report.decision is Action.HOLD
    (v,) = report.violations
    assert v.category == "impersonation" and v.guideline == 11
    assert "Report fake accounts and spam" in v.message
    assert "I'm a nurse myself" in v.message  # how to mention one's own work instead


# -- unclear titles -------------------------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Help", "HELP!!!", "Question???", "hi", "Hello everyone", "URGENT!!!", "Need advice please", "Anyone?",
    "ugh", "Ugggghhh", "argh", "sigh...", "omg", "Wow", "hmm", "oh no",
    "?? ?", "!!!!!!", "...", "\U0001F622", "\U0001F64F\U0001F64F",
    "Re: Re:", "RE: re: re:", "Fwd:",
    "Is this normal?", "Help me", "Why me", "First post", "New here",
])
def test_filler_titles_are_nudged(title: str) -> None:
    assert title_hits(title) == [title]


@pytest.mark.parametrize("title", [
    "Help with insurance denial for CPAP",
    "Hi from a new member with lupus",
    "Question about metformin and alcohol",
    "MS", "POTS", "COPD", "ME", "ALL", "RA", "IBS",           # one acronym that names a condition is a topic
    "Ugh, the pump failed again",
    "Re: Re: Re: diabetes",
    "Sosa family update",
    "Thank you all",
    "Newly diagnosed",
])
def test_titles_with_a_topic_stay_clean(title: str) -> None:
    assert title_hits(title) == []


def test_replies_and_untitled_posts_never_fire() -> None:
    assert title_hits("Help", new_discussion=False) == []
    untitled = Post.from_dict({"body": "Help", "context": {"new_discussion": True}})
    assert TITLES.check(untitled).violations == ()


def test_vague_title_is_a_nudge_with_an_example_title() -> None:
    report = TITLES.check(Post.from_dict({"title": "anyone??", "body": "Body.", "context": {"new_discussion": True}}))
    assert report.decision is Action.NUDGE
    (v,) = report.violations
    assert v.category == "unclear-title" and v.guideline == 5 and v.field == "title"
    assert "Stay on topic and be clear" in v.message and "For example" in v.message


def test_long_filler_titles_are_checked_in_linear_time() -> None:
    # every filler alternative is disjoint, so a long title that fails at its last word cannot backtrack
    for title in ("help " * 300 + "lupus", "hi please " * 200 + "?", "ugh " * 500):
        report = TITLES.check(Post.from_dict({"title": title, "body": "b", "context": {"new_discussion": True}}))
        assert not [v for v in report.violations if v.category == "engine"]


# -- lexicon files --------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["copyright-", "impersonation-"])
def test_conduct_lexicons_state_source_licence_and_how_to_extend(prefix: str) -> None:
    root = default_pack_dir() / "lexicons"
    files = sorted(root.glob(f"{prefix}*.txt"))
    assert files
    for path in files:
        lines = path.read_text("utf-8").splitlines()
        header = "\n".join(line for line in lines[:20] if line.startswith("#")).lower()
        assert "source" in header and "licence" in header and "extend" in header, path.name
        entries = [line for line in lines if line.strip() and not line.startswith("#")]
        assert entries and len(entries) == len(set(entries)), path.name
