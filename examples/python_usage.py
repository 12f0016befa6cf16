"""A small tour of the connectguard Python API.

Run it after installing the package (``pip install .``):

    python examples/python_usage.py
"""

from __future__ import annotations

import json

from connectguard import Action, Author, Guard, Post, PostContext

# The built-in packs shipped in rules/ (installed inside the package).
guard = Guard.default()
print(f"{len(guard.rules)} rules loaded: {', '.join(rule.id for rule in guard.rules)}\n")

posts = [
    Post(
        id="demo-1",
        title="Still tired six months after starting levothyroxine",
        body="My TSH is finally in range. In my experience the tiredness eased slowly. Has anyone else felt this?",
        author=Author(role="member", account_age_days=41, post_count=3),
        context=PostContext(new_discussion=True),
    ),
    Post(
        id="demo-2",
        title="Help",
        body="My supplements fixed everything. DM me for details, or use my promo code HEAL20 at shop.example.com!",
        author=Author(role="member", account_age_days=2, post_count=1),
        context=PostContext(new_discussion=True),
    ),
]

for post in posts:
    report = guard.check(post)
    print(f"{report.id}: decision {report.decision}")
    for v in report.violations:
        # start/end index the ORIGINAL field: post.title or post.body.
        original = post.title if v.field == "title" else post.body
        assert original[v.start:v.end] == v.text
        print(f"  {v.rule} [{v.severity}] {v.field}[{v.start}:{v.end}] {v.text!r} -> {v.action} ({v.mode})")
    if report.decision >= Action.HOLD:
        print("  a moderator should approve this post before it is published")
    print()

# Redaction: a rule with `redact: true` (the default for `action: edit`) replaces its
# match in report.redacted. Here an extra rule from a YAML string does that.
privacy = Guard.from_yaml(
    """
connectguard: 1
pack: demo-privacy
guidelines:
  9: {title: Protect yourself and others}
rules:
  - id: privacy.phone
    category: personal-info
    guideline: 9
    severity: high
    action: edit
    replacement: "[phone number removed]"
    match:
      pattern: '\\b\\d{3}-\\d{4}\\b'
    message: "Please don't share phone numbers ({guideline.title})."
""",
    name="demo-privacy.yaml",
)
report = privacy.check(Post(id="demo-3", body="Call me at 555-0142 after 6 pm."))
print(f"{report.id}: decision {report.decision}")
print(f"  original: {report.post.body}")
print(f"  redacted: {report.redacted.body}")

# to_dict() is exactly one line of `connectguard check --format jsonl`.
# The category is personal-info, so the phone number is masked in the output.
print(json.dumps(report.to_dict(), indent=2))
