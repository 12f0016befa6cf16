"""Running compiled rules over one post: match -> violations -> decision -> redaction.

Nothing here raises for a bad post or a misbehaving rule: a pattern past its time
budget or an unexpected error inside one rule becomes a diagnostic violation
(category ``engine``, action ``flag``) and every other rule still runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .actions import Action, Mode, Severity
from .conditions import all_hold
from .matchers.base import Hit, PostDoc
from .matchers.pattern import MatchTimeout
from .post import FIELDS, Post
from .report import Report, Violation
from .rule import Rule
from .text.normalise import Normaliser

DEFAULT_MAX_FIELD_CHARS = 100_000


def check_post(rules: Sequence[Rule], post: Post, normaliser: Normaliser,
               max_field_chars: int = DEFAULT_MAX_FIELD_CHARS,
               allowed_contacts: frozenset[str] = frozenset(),
               allowed_domains: frozenset[str] = frozenset()) -> Report:
    """Check ``post`` against ``rules`` and decide.

    ``allowed_contacts``: canonical forms of the site's own public contacts (see
    :func:`connectguard.matchers.pii.allowlist.allow_set`), never personal info;
    ``allowed_domains``: the site's own domains, which ``links`` rules never report.
    """
    violations: list[Violation] = []
    texts = {}
    for name in FIELDS:
        text = post.field_text(name)
        if len(text) > max_field_chars:
            violations.append(_diagnostic("engine.too-long", name, 0, 0,
                                          f"the {name} has {len(text)} characters; only the first {max_field_chars} were checked"))
            text = text[:max_field_chars]
        texts[name] = text
    doc = PostDoc(post, normaliser, texts, allowed_contacts, allowed_domains)
    for rule in rules:
        if rule.when and not all_hold(rule.when, post):
            continue
        for name in rule.fields:
            if name in doc.fields:
                violations.extend(_run_rule(rule, doc, name))
    violations.sort(key=Violation.sort_key)
    return Report(post, tuple(violations), decide(violations), redact(post, violations), post.id)


def with_violations(report: Report, violations: Sequence[Violation]) -> Report:
    """``report`` keeping only ``violations`` (e.g. after suppressions): decision and redaction redone."""
    return replace(report, violations=tuple(violations), decision=decide(violations),
                   redacted=redact(report.post, violations))


def _run_rule(rule: Rule, doc: PostDoc, field_name: str) -> list[Violation]:
    try:
        hits = doc.hits(rule.matcher, field_name)
    except MatchTimeout as exc:
        # An empty span: the contract is text == field[start:end], and a diagnostic echoes no text.
        return [_diagnostic("engine.timeout", field_name, 0, 0,
                            f"rule {rule.id}: {exc}; its matches in the {field_name} were skipped", rule.mode)]
    except Exception as exc:  # a rule must never take the whole check down
        return [_diagnostic("engine.error", field_name, 0, 0,
                            f"rule {rule.id} failed on this post: {type(exc).__name__}: {exc}", rule.mode)]
    text = doc.fields[field_name].text
    return [violation_for(rule, hit, text) for hit in hits]


def violation_for(rule: Rule, hit: Hit, field_text: str) -> Violation:
    matched = field_text[hit.start:hit.end]
    values = rule.placeholder_values(matched, hit.field)
    return Violation(
        rule=rule.id,
        category=rule.category,
        guideline=None if rule.guideline is None else rule.guideline.number,
        severity=rule.severity,
        confidence=_confidence(rule, hit),
        action=rule.action,
        mode=rule.mode,
        field=hit.field,
        start=hit.start,
        end=hit.end,
        text=matched,
        message=rule.message.render(values),
        note=rule.note.render(values),
        why=dict(hit.why),
        sensitive=rule.sensitive,
        replacement=rule.replacement.render(values) if rule.redact else None,
    )


def _confidence(rule: Rule, hit: Hit) -> float:
    """The rule's confidence, scaled by the matcher's own when it reports one (PII detectors do)."""
    found = hit.why.get("confidence")
    if isinstance(found, (int, float)) and not isinstance(found, bool):
        return round(rule.confidence * float(found), 3)
    return rule.confidence


def _diagnostic(rule_id: str, field_name: str, start: int, end: int, note: str,
                mode: Mode = Mode.ENFORCE) -> Violation:
    """An engine finding; a shadow rule's failure stays shadow so it never decides."""
    return Violation(
        rule=rule_id, category="engine", guideline=None, severity=Severity.MEDIUM, confidence=1.0,
        action=Action.FLAG, mode=mode, field=field_name, start=start, end=end, text="",
        message="This post needs a moderator's review before it is published.",
        note=note, why={"kind": "engine"},
    )


def decide(violations: Iterable[Violation]) -> Action:
    """The most severe action among enforced violations; ``allow`` when there are none."""
    return max((v.action for v in violations if v.mode is Mode.ENFORCE), default=Action.ALLOW)


def redact(post: Post, violations: Sequence[Violation]) -> Post:
    """Apply every enforced redaction; overlapping spans merge, the most severe rule's replacement wins."""
    edits: dict[str, list[Violation]] = {}
    for v in violations:
        if v.replacement is not None and v.mode is Mode.ENFORCE and v.end > v.start:
            edits.setdefault(v.field, []).append(v)
    if not edits:
        return post
    title = _apply(post.title, edits["title"]) if "title" in edits else post.title
    body = _apply(post.body, edits["body"]) if "body" in edits else post.body
    return replace(post, title=title, body=body)


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


def _apply(text: str, violations: list[Violation]) -> str:
    merged: list[tuple[int, int, Violation]] = []
    for v in sorted(violations, key=lambda v: (v.start, v.end)):
        if merged and v.start < merged[-1][1]:
            start, end, winner = merged[-1]
            if _SEVERITY_RANK[v.severity] > _SEVERITY_RANK[winner.severity]:
                winner = v
            merged[-1] = (start, max(end, v.end), winner)
        else:
            merged.append((v.start, v.end, v))
    out, pos = [], 0
    for start, end, winner in merged:
        out.append(text[pos:start])
        out.append(winner.replacement or "")
        pos = end
    out.append(text[pos:])
    return "".join(out)
