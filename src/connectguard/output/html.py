"""``--format html``: one self-contained page for moderators and community managers.

Totals, violations per guideline and per action, a category filter, then every post
with violations: its title and body with each violation highlighted in place (hover
for a summary, click for the details). Inline CSS and JS only, allowed by hash in a
strict Content-Security-Policy: the page loads nothing and works offline.

Post text is untrusted: every piece of it is HTML-escaped, and none of it is ever put
inside the script. Personal data is masked as in the other formats (``masked_field``,
``shown_message``) unless ``show_pii``; on top of that every other copy of a masked
value in the post (the same number written twice, a message quoting it) is masked too.
At most :data:`MAX_POSTS` posts are shown in full; the counts always cover the whole run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import TextIO

from .. import __version__
from ..actions import Action
from ..inputs import InputRecord
from ..post import FIELDS
from ..report import Report, Violation, mask
from ..rule import Rule
from . import Summary
from .findings import (
    Finding,
    Fingerprints,
    Tally,
    action_label,
    display_path,
    findings,
    masked_field,
)
from .html_assets import CSP, CSS, JS

#: Posts with violations rendered in full; clean posts listed by name. Counts are never capped.
MAX_POSTS = 2000
#: Masked values shorter than this are not searched for elsewhere in the post (too many false hits).
MIN_SCRUB = 4
#: Enclosing violations a tooltip also describes (an overlap of hundreds would bloat every mark).
MAX_OUTER = 5
#: Action rows of the counts table, most severe first; shadow violations get their own row.
ACTION_ROWS = [a.value for a in sorted(Action, reverse=True)] + ["shadow"]

Scrub = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Shown:
    """One violation as the page shows it: every string already masked, none escaped yet."""

    index: int          # page-wide: ``f-INDEX`` is its entry in the findings list
    finding: Finding
    note: str
    title: str          # the tooltip text

    @property
    def violation(self) -> Violation:
        return self.finding.violation


class HtmlWriter:
    """Counts every violation, renders the first :data:`MAX_POSTS` posts with violations, writes the page at the end."""

    def __init__(self, stream: TextIO, *, show_pii: bool = False, rules: Sequence[Rule] = ()) -> None:
        self.stream = stream
        self.show_pii = show_pii
        self.tally = Tally(rules)
        self.fingerprints = Fingerprints()
        self.posts: list[str] = []
        self.flagged = 0
        self.clean: list[str] = []
        self.clean_count = 0
        self.serial = 0

    def write(self, record: InputRecord, report: Report) -> None:
        scrub = scrubber(report, self.show_pii)
        where = f"{display_path(record.source)}:{record.line}"
        own = report.id if report.id is not None else report.post.id
        post_id = where if own is None or own == record.default_id else scrub(own)  # no id: its place
        if not report.violations:
            self.clean_count += 1
            if len(self.clean) < MAX_POSTS:
                self.clean.append(f'<li><span class="pid">{escape(post_id)}</span> '
                                  f'<span class="src">{escape(where)}</span></li>')
            return
        self.flagged += 1
        for v in report.violations:
            self.tally.count(v)
        if len(self.posts) < MAX_POSTS:
            self.posts.append(self._post(record, report, post_id, where, scrub))

    def _post(self, record: InputRecord, report: Report, post_id: str, where: str, scrub: Scrub) -> str:
        """One ``<article>``: header, highlighted title and body, then the list of findings."""
        found = findings(record, report, self.show_pii, self.fingerprints)
        shown = [self._shown(self.serial + n, f, scrub) for n, f in enumerate(found)]
        self.serial += len(shown)
        by_index = {s.index: s for s in shown}
        decision = report.decision.value
        source = "" if post_id == where else f'<span class="src">{escape(where)}</span>'
        count = len(shown)
        header = (f'<header><span class="pid">{escape(post_id)}</span>{source}'
                  f'<span class="fmeta">decision</span><span class="badge a-{decision}">{decision}</span>'
                  f'<span class="meta">{count} violation{"" if count == 1 else "s"}</span></header>')
        parts = [f'<article class="post" id="post-{shown[0].index}">', header, '<div class="body">']
        for name in FIELDS:
            text = scrub(masked_field(report, name, self.show_pii))
            spans = [(s.index, s.violation.start, s.violation.end) for s in shown if s.violation.field == name]
            if name == "title" and not text and not spans:
                continue
            marked = highlight(text, spans, lambda i, outer: mark_tag(by_index[i], [by_index[o] for o in outer]))
            tag, css = ("h3", "ttl") if name == "title" else ("div", "text")
            empty = "" if text else f'<span class="empty">(no {name})</span>'
            parts.append(f'<{tag} class="{css}" data-field="{name}">{marked}{empty}</{tag}>')
        parts.append('</div><ol class="findings">')
        parts += [finding_item(s, self.guideline_label(s.violation.guideline)) for s in shown]
        parts.append("</ol></article>")
        return "".join(parts)

    def _shown(self, index: int, finding: Finding, scrub: Scrub) -> Shown:
        """``finding`` with its strings scrubbed, its note and its tooltip."""
        v = finding.violation
        finding = replace(finding, message=scrub(finding.message), text=scrub(finding.text))
        note = scrub(" ".join(str(v.to_dict(self.show_pii)["note"]).split()))
        guideline = self.guideline_label(v.guideline)
        lines = [f"{v.rule} ({action_label(v)})", f"Guideline {guideline}" if guideline else "No guideline",
                 f"Category: {v.category} · Severity: {v.severity.value}", f"Message: {finding.message}"]
        return Shown(index, finding, note, "\n".join(lines + ([f"Moderator note: {note}"] if note else [])))

    def guideline_label(self, number: int | None) -> str:
        """``6. No politics``, ``6`` when the pack gives no title, empty for no guideline."""
        return "" if number is None else self.tally.guideline_label(number)

    def close(self, summary: Summary) -> None:
        body = [self._top(summary), '<div class="wrap">', *self._banners(summary), cards(summary, self.clean_count)]
        if self.flagged:
            body += ['<div class="grid">', self._guideline_table(), self._action_table(summary), "</div>",
                     self._filters(), '<main id="posts">', *self.posts, "</main>"]
        body += [self._clean_list(), footer(self.show_pii), "</div>", DETAILS_PANEL]
        page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">'
                '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>connectguard report</title><style>{CSS}</style></head>\n<body>\n"
                + "\n".join(body) + f"\n<script>{JS}</script>\n</body></html>\n")
        self.stream.write(page)
        self.stream.flush()

    def _top(self, summary: Summary) -> str:
        return f'<header class="top"><h1>connectguard report</h1><p>{escape(headline(summary))}</p></header>'

    def _banners(self, summary: Summary) -> list[str]:
        out = []
        if self.show_pii:
            out.append('<p class="banner danger"><b>This report shows personal data</b> (<code>--show-pii</code>). '
                       "Do not share it beyond the moderation team.</p>")
        if summary.errors:
            noun = "record" if summary.errors == 1 else "records"
            out.append(f'<p class="banner"><b>{summary.errors}</b> {noun} could not be read (see the run\'s log).</p>')
        if self.flagged > len(self.posts):
            out.append(f'<p class="banner">Showing the first <b>{len(self.posts):,}</b> of <b>{self.flagged:,}</b> '
                       "posts with violations in full. The counts cover every post; use <code>--format jsonl</code> "
                       "or <code>sarif</code> for the complete list.</p>")
        return out

    def _guideline_table(self) -> str:
        counts = self.tally.by_guideline
        total = sum(counts.values())
        rows = [f'<tr><td>{escape(self.guideline_label(n)) if n is not None else "(no guideline)"}</td>'
                f'<td class="num">{counts[n]}</td>{bar(counts[n], total)}</tr>'
                for n in self.tally.guidelines()]
        return panel("Violations by guideline", ["Guideline", "Violations", ""], rows)

    def _action_table(self, summary: Summary) -> str:
        actions = self.tally.actions
        total = sum(actions.values())
        rows = []
        for name in ACTION_ROWS:
            posts = "" if name == "shadow" else str(summary.decisions[name])
            zero = ' class="zero"' if not actions[name] and not summary.decisions[name] else ""
            rows.append(f'<tr{zero}><td><span class="badge a-{name}">{name}</span></td>'
                        f'<td class="num">{actions[name]}</td><td class="num">{posts}</td>'
                        f"{bar(actions[name], total)}</tr>")
        return panel("Violations by suggested action", ["Action", "Violations", "Posts decided", ""], rows)

    def _filters(self) -> str:
        boxes = "".join(f'<label><input type="checkbox" data-filter value="{escape(c)}" checked>{escape(c)} '
                        f'<span class="count">({n})</span></label>' for c, n in sorted(self.tally.categories.items()))
        return ('<nav class="filters" aria-label="Filter by category"><strong>Categories</strong>'
                f'{boxes}<button type="button" data-all="1">All</button><button type="button" data-all="0">None'
                f'</button><span class="status" id="status">Showing {len(self.posts)} of {len(self.posts)} posts'
                "</span></nav>")

    def _clean_list(self) -> str:
        if not self.clean_count:
            return ""
        noun = "post" if self.clean_count == 1 else "posts"
        more = (f'<p class="empty">and {self.clean_count - len(self.clean):,} more</p>'
                if self.clean_count > len(self.clean) else "")
        return (f'<details class="clean"><summary>{self.clean_count:,} clean {noun} (no violations)</summary>'
                f'<ul>{"".join(self.clean)}</ul>{more}</details>')


DETAILS_PANEL = ('<aside id="details" hidden aria-live="polite"><button type="button" class="close" '
                 'id="details-close" aria-label="Close">&times;</button><h2>Violation details</h2>'
                 '<ol class="findings" id="details-list"></ol></aside>')


def scrubber(report: Report, show_pii: bool) -> Scrub:
    """A function masking, in any string, every value that a sensitive violation of ``report`` masks.

    Masks keep lengths, so a scrubbed field keeps its offsets. Identity when ``show_pii``.
    """
    pairs: dict[str, str] = {}
    if not show_pii:
        for v in report.violations:
            if v.sensitive:
                normalised = v.why.get("normalised")
                for raw in (v.text, normalised if isinstance(normalised, str) else ""):
                    if len(raw) >= MIN_SCRUB:
                        pairs[raw] = mask(raw, v.secret)
    ordered = sorted(pairs.items(), key=lambda item: -len(item[0]))

    def scrub(text: str) -> str:
        for raw, masked in ordered:
            text = text.replace(raw, masked)
        return text

    return scrub


def highlight(text: str, spans: Iterable[tuple[int, int, int]], open_tag: Callable[[int, list[int]], str]) -> str:
    """``text`` escaped, each ``(index, start, end)`` span inside ``<mark>`` elements opened by ``open_tag``.

    Overlapping spans nest: a span that crosses another's end is closed and reopened
    (so it may take several ``<mark>`` elements, all with its index); the text itself
    is never cut or repeated. ``open_tag(index, outer)`` gets the indexes of the marks
    around it, which cover all of it. An empty span is an empty mark at its place.
    """
    size = len(text)
    spans = [(i, min(max(s, 0), size), min(max(e, s, 0), size)) for i, s, e in spans]
    ends = {i: e for i, _, e in spans}
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    points: dict[int, list[int]] = defaultdict(list)
    for i, s, e in spans:
        if s == e:
            points[s].append(i)
        else:
            opening[s].append(i)
            closing[e].append(i)
    cuts = sorted({0, size, *opening, *closing, *points})
    out: list[str] = []
    stack: list[int] = []
    cover: set[int] = set()  # the spans over the segment starting here (a sweep: linear in the spans)
    for k, here in enumerate(cuts):
        cover.difference_update(closing.get(here, ()))
        cover.update(opening.get(here, ()))
        keep = 0
        while keep < len(stack) and stack[keep] in cover:
            keep += 1
        out.append("</mark>" * (len(stack) - keep))
        del stack[keep:]
        out += [open_tag(i, list(stack)) + "</mark>" for i in points.get(here, ())]
        if k + 1 == len(cuts):
            break
        for i in sorted(cover.difference(stack), key=lambda i: (-ends[i], i)):
            out.append(open_tag(i, list(stack)))
            stack.append(i)
        out.append(escape(text[here:cuts[k + 1]]))
    return "".join(out)


def mark_tag(shown: Shown, outer: Sequence[Shown]) -> str:
    """The opening ``<mark>`` of one violation; its tooltip also describes the marks around it."""
    v = shown.violation
    near = [f"Also here: {o.title}" for o in reversed(outer[-MAX_OUTER:])]
    more = [f"... and {len(outer) - MAX_OUTER} more violations here"] if len(outer) > MAX_OUTER else []
    tip = "\n\n".join([shown.title, *near, *more])
    css = " ".join(filter(None, [f"l-{shown.finding.level.value}", "" if v.enforced else "shadow",
                                 "" if v.start < v.end else "point"]))
    return (f'<mark class="{css}" tabindex="0" data-v="{shown.index}" data-rule="{escape(v.rule)}" '
            f'data-category="{escape(v.category)}" data-guideline="{"" if v.guideline is None else v.guideline}" '
            f'data-action="{v.action.value}" data-mode="{v.mode.value}" title="{escape(tip)}">')


def finding_item(shown: Shown, guideline: str) -> str:
    """The ``<li>`` describing one violation, in the post's list and (cloned) in the details panel."""
    v, f = shown.violation, shown.finding
    place = f"line {f.region.start_line}" + (f":{f.region.start_column}" if f.region.exact else "")
    meta = " · ".join([f"Guideline {guideline}" if guideline else "No guideline", f"category {v.category}",
                       f"severity {v.severity.value}", f"{v.field}, {place}"])
    matched = (f'<p class="note"><b>Matched:</b> <span class="matched">{escape(f.text)}</span></p>'
               if f.text else "")
    note = f'<p class="note"><b>Moderator note:</b> {escape(shown.note)}</p>' if shown.note else ""
    label = action_label(v)
    return (f'<li id="f-{shown.index}" data-category="{escape(v.category)}"><div class="fhead">'
            f'<span class="badge a-{v.action.value if v.enforced else "shadow"}">{escape(label)}</span>'
            f'<code class="rule">{escape(v.rule)}</code><span class="fmeta">{escape(meta)}</span></div>'
            f'<p class="msg"><b>Member message:</b> {escape(f.message)}</p>{note}{matched}</li>')


def panel(heading: str, columns: Sequence[str], rows: Sequence[str]) -> str:
    """A titled counts table; columns after the first are numbers."""
    head = "".join(f'<th{"" if n == 0 else " class=num"}>{escape(c)}</th>' for n, c in enumerate(columns))
    return f'<section class="panel"><h2>{escape(heading)}</h2><table><tr>{head}</tr>{"".join(rows)}</table></section>'


def bar(count: int, total: int) -> str:
    """A bar cell; the script sets its width from ``data-share`` (no inline styles under the CSP)."""
    share = round(100 * count / total) if total else 0
    return f'<td class="bar"><span data-share="{share}"></span></td>'


def cards(summary: Summary, clean: int) -> str:
    """The totals at the top of the page."""
    items = [("Posts checked", summary.posts), ("Posts with violations", summary.posts_with_violations),
             ("Violations", summary.violations), ("Clean posts", clean)]
    if summary.errors:
        items.append(("Unreadable records", summary.errors))
    return '<section class="cards">' + "".join(
        f'<div class="card"><span class="n">{n:,}</span><span class="l">{label}</span></div>' for label, n in items
    ) + "</section>"


def headline(summary: Summary) -> str:
    """``Checked 8 posts: 12 violations in 6 of them.``"""
    posts = f"{summary.posts:,} {'post' if summary.posts == 1 else 'posts'}"
    if not summary.violations:
        return f"Checked {posts}: no violations."
    noun = "violation" if summary.violations == 1 else "violations"
    return f"Checked {posts}: {summary.violations:,} {noun} in {summary.posts_with_violations:,} of them."


def footer(show_pii: bool) -> str:
    masking = "Personal data is shown (--show-pii)." if show_pii else "Personal data is masked."
    return (f"<footer>Generated by connectguard {escape(__version__)}. {masking} "
            "Hover a highlight for a summary; click it for the details.</footer>")


__all__ = ["MAX_POSTS", "HtmlWriter", "highlight", "scrubber"]
