"""``--format html``: counts, highlights (overlaps included), masking, escaping, and the page in a real browser."""

from __future__ import annotations

import io
import re
import struct
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import dump_dom, screenshot
from ci_support import CONTENT, PACK, ROOT, content, render_report, run_check

from connectguard import Guard, Post
from connectguard.inputs import read_inputs
from connectguard.output import Summary
from connectguard.output import html as html_output
from connectguard.output.html import HtmlWriter, highlight
from connectguard.output.html_assets import CSP, CSS, JS, csp_hash

PHONES = ("555-123-4567", "555-987-6543")


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside each mark (by ``data-v``); checks nesting."""

    VOID = frozenset({"meta", "input", "br", "hr", "img", "link"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.open: list[tuple[str, str | None]] = []
        self.covered: dict[str, str] = {}
        self.feed(page)
        self.close()
        assert not self.open, self.open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag not in self.VOID:
            self.open.append((tag, values.get("data-v") if tag == "mark" else None))
            if tag == "mark":
                self.covered.setdefault(values["data-v"], "")

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1][0] == tag, (tag, self.open[-3:])
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for tag, v in self.open:
            if tag == "mark" and v is not None:
                self.covered[v] += data

    def marks(self) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.tags if tag == "mark"]


def render(paths: list[str], *, show_pii: bool = False, pack: str | None = None) -> str:
    """The page ``HtmlWriter`` writes for ``paths``, checked with the CI pack (or ``pack``, YAML)."""
    guard = Guard.from_yaml(pack) if pack else Guard.from_paths(ROOT / PACK)
    return render_report("html", paths, guard, show_pii=show_pii)


def table(page: str, heading: str) -> list[list[str]]:
    """The rows (cells as plain text) of the counts table under ``heading``."""
    section = page.split(f"<h2>{heading}</h2>", 1)[1].split("</table>", 1)[0]
    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section)]


def text_of(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def page() -> str:
    return render([str(ROOT / CONTENT)])


def test_totals_and_counts(page: str) -> None:
    cards = re.findall(r'<span class="n">([\d,]+)</span><span class="l">([^<]+)</span>', page)
    assert cards == [("8", "Posts checked"), ("6", "Posts with violations"), ("12", "Violations"),
                     ("2", "Clean posts")]
    assert "Checked 8 posts: 12 violations in 6 of them." in page
    assert table(page, "Violations by guideline") == [
        ["Guideline", "Violations", ""], ["6. No politics", "4", ""],
        ["9. Protect personal information", "3", ""], ["(no guideline)", "5", ""]]
    assert table(page, "Violations by suggested action") == [
        ["Action", "Violations", "Posts decided", ""], ["remove", "0", "0", ""], ["hold", "4", "4", ""],
        ["edit", "3", "2", ""], ["flag", "1", "0", ""], ["nudge", "3", "0", ""], ["allow", "0", "2", ""],
        ["shadow", "1", "", ""]]
    assert page.count('<article class="post"') == 6
    assert "2 clean posts (no violations)" in page


def test_every_violation_is_highlighted_with_its_details(page: str) -> None:
    parsed = Page(page)
    marks = parsed.marks()
    assert len({m["data-v"] for m in marks}) == 12
    assert sorted({m["data-category"] for m in marks}) == ["personal-info", "politics", "profanity", "safety", "spam"]
    vote = next(m for m in marks if m["data-rule"] == "politics.vote")
    assert (vote["data-category"], vote["data-guideline"], vote["data-action"]) == ("politics", "6", "hold")
    assert vote["title"].splitlines() == [
        "politics.vote (hold)", "Guideline 6. No politics", "Category: politics · Severity: medium",
        "Message: Please keep politics out (No politics): vote them out", "Moderator note: political phrase"]
    assert parsed.covered[vote["data-v"]] == "vote them out"
    shadow = next(m for m in marks if m["data-rule"] == "spam.shadow")
    assert "shadow" in shadow["class"] and shadow["data-mode"] == "shadow"
    assert shadow["title"].startswith("spam.shadow (remove, shadow)\nNo guideline\n")
    # The findings list (and so the click panel) has every detail too.
    item = re.search(rf'<li id="f-{vote["data-v"]}" data-category="politics">(.*?)</li>', page)
    assert item is not None
    shown = text_of(item.group(1))
    for part in ("hold", "politics.vote", "Guideline 6. No politics", "category politics", "severity medium",
                 "Member message: Please keep politics out", "Moderator note: political phrase"):
        assert part in shown


def test_a_folded_match_is_highlighted_across_lines(page: str) -> None:
    parsed = Page(page)
    assert "vote them out" in parsed.covered.values()
    assert "stop taking\nyour meds" in parsed.covered.values()


def test_personal_data_masked_unless_shown(page: str) -> None:
    assert not any(phone in page for phone in PHONES)
    assert '555-***-**67' in page and "Personal data is masked." in page
    shown = render([content("welcome.md")], show_pii=True)
    assert "555-123-4567" in shown and "This report shows personal data" in shown


SCRUB_PACK = """\
connectguard: 1
pack: scrub
rules:
  - id: privacy.phone
    category: personal-info
    fields: body
    action: edit
    match: {pattern: '\\d{3}-\\d{3}-\\d{4}'}
    message: "No phone numbers: {match}"
  - id: spam.call
    category: spam
    action: flag
    match: {pattern: 'call \\d{3}-\\d{3}-\\d{4}'}
    message: "Quoting it: {match}"
    note: "saw {match}"
"""


def test_every_copy_of_personal_data_is_masked(tmp_path: Path) -> None:
    # The phone rule reads only the body; the title holds the same number and a
    # non-sensitive rule quotes it in its message and note: none of it may leak.
    source = tmp_path / "post.jsonl"
    source.write_text('{"id": "p 555-123-4567", "title": "555-123-4567", "body": "please call 555-123-4567"}\n',
                      encoding="utf-8")
    page = render([str(source)], pack=SCRUB_PACK)
    assert "555-123-4567" not in page and "4567" not in page
    assert "Quoting it: call 555-***-**67" in page
    assert "555-123-4567" in render([str(source)], pack=SCRUB_PACK, show_pii=True)


HOSTILE = ('{"id": "\\"><script>alert(1)</script>", "title": "<img src=x onerror=alert(2)> vote them out", '
           '"body": "</textarea><script>alert(3)</script> \\"onmouseover=alert(4) x=\' vote them out & <b>bold</b>"}\n')


def hostile_page(tmp_path: Path) -> Path:
    source = tmp_path / "hostile.jsonl"
    source.write_text(HOSTILE, encoding="utf-8")
    target = tmp_path / "hostile.html"
    target.write_text(render([str(source)]), encoding="utf-8")
    return target


def test_post_text_cannot_inject_markup(tmp_path: Path) -> None:
    page = hostile_page(tmp_path).read_text(encoding="utf-8")
    parsed = Page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "b", "code",
                    "div", "section", "table", "tr", "th", "td", "span", "nav", "strong", "label", "input", "button",
                    "main", "article", "mark", "ol", "li", "footer", "aside", "script"}, tags
    assert page.count("<script") == 1 and "<img" not in page and "<textarea" not in page.lower()
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page and "&quot;onmouseover=alert(4)" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert {m["data-rule"] for m in parsed.marks()} == {"politics.vote"}


def test_script_and_style_are_allowed_by_hash_only(page: str) -> None:
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#x27;")}">' in page
    assert "default-src 'none'" in CSP and "unsafe-inline" not in CSP
    assert csp_hash(JS) in CSP and csp_hash(CSS) in CSP
    assert f"<script>{JS}</script>" in page and f"<style>{CSS}</style>" in page
    # Self-contained: nothing is loaded from anywhere.
    assert not re.search(r"\b(src|href)=", page) and "http://" not in page and "https://" not in page


def spans_text(out: str) -> dict[int, str]:
    return {int(v): text for v, text in Page(out).covered.items()}


@pytest.mark.parametrize(("spans", "expected"), [
    ([(0, 0, 10), (1, 5, 15)], {0: "abcdefghij", 1: "fghijklmno"}),       # crossing
    ([(0, 0, 20), (1, 5, 10)], {0: "abcdefghijklmnopqrst", 1: "fghij"}),  # nested
    ([(0, 3, 8), (1, 3, 8)], {0: "defgh", 1: "defgh"}),                  # identical
    ([(0, 0, 5), (1, 5, 10), (2, 2, 12)], {0: "abcde", 1: "fghij", 2: "cdefghijkl"}),  # a chain
    ([(0, 4, 4), (1, 0, 26)], {0: "", 1: "abcdefghijklmnopqrstuvwxyz"}),  # an empty span inside another
])
def test_overlapping_spans_keep_every_highlight_and_the_text(spans: list[tuple[int, int, int]],
                                                             expected: dict[int, str]) -> None:
    text = "abcdefghijklmnopqrstuvwxyz"
    out = highlight(text, spans, lambda i, outer: f'<mark data-v="{i}" data-outer="{outer}">')
    assert text_of(out) == text
    assert spans_text(out) == expected


def test_highlight_escapes_and_reports_what_surrounds_a_mark() -> None:
    seen: dict[int, list[int]] = {}

    def tag(i: int, outer: list[int]) -> str:
        seen.setdefault(i, outer)
        return f'<mark data-v="{i}">'

    out = highlight("<a>&</a>", [(0, 0, 8), (1, 3, 4)], tag)
    assert out == '<mark data-v="0">&lt;a&gt;<mark data-v="1">&amp;</mark>&lt;/a&gt;</mark>'
    assert seen == {0: [], 1: [0]}


OVERLAP_PACK = """\
connectguard: 1
pack: overlap
guidelines:
  6: {title: No politics}
rules:
  - {id: a.vote, category: politics, guideline: 6, action: hold, message: m, match: {terms: [vote them], mode: phrase}}
  - {id: b.out, category: tone, action: nudge, message: m, match: {terms: [them out now], mode: phrase}}
  - {id: c.all, category: spam, action: flag, message: m, match: {terms: [we should vote them out now], mode: phrase}}
"""


def overlap_page(tmp_path: Path) -> Path:
    source = tmp_path / "overlap.jsonl"
    source.write_text('{"id": "o1", "body": "I think we should vote them out now, really."}\n', encoding="utf-8")
    target = tmp_path / "overlap.html"
    target.write_text(render([str(source)], pack=OVERLAP_PACK), encoding="utf-8")
    return target


def test_overlapping_violations_of_a_post(tmp_path: Path) -> None:
    page = overlap_page(tmp_path).read_text(encoding="utf-8")
    parsed = Page(page)
    by_rule = {m["data-rule"]: parsed.covered[m["data-v"]] for m in parsed.marks()}
    assert by_rule == {"a.vote": "vote them", "b.out": "them out now", "c.all": "we should vote them out now"}
    body = re.search(r'<div class="text" data-field="body">(.*?)</div>', page, re.DOTALL)
    assert body is not None and text_of(body.group(1)) == "I think we should vote them out now, really."
    inner = [m for m in parsed.marks() if m["data-rule"] == "b.out"]
    assert any("Also here: a.vote (hold)" in m["title"] for m in inner)  # hovering the overlap names both


def test_an_engine_diagnostic_is_a_point_mark() -> None:
    guard = Guard.from_paths(ROOT / PACK, max_field_chars=20)
    report = guard.check(Post(id="long", body="please vote them out, all of them, today"))
    assert [v.rule for v in report.violations] == ["engine.too-long", "politics.vote"]
    record = next(read_inputs(["-"], stdin=io.StringIO('{"id": "long", "body": "x"}\n')))
    stream = io.StringIO()
    writer = HtmlWriter(stream, rules=guard.rules)
    writer.write(record, report)
    summary = Summary()
    summary.add(report)
    writer.close(summary)
    parsed = Page(stream.getvalue())
    mark, vote = parsed.marks()
    assert mark["data-rule"] == "engine.too-long" and "point" in mark["class"].split()
    assert mark["data-category"] == "engine" and "only the first 20 were checked" in mark["title"]
    assert parsed.covered[mark["data-v"]] == "" and parsed.covered[vote["data-v"]] == "vote them out"


def test_clean_run() -> None:
    proc = run_check("--format", "html", content("clean.md"))
    assert proc.returncode == 0
    page = proc.stdout
    assert "Checked 1 post: no violations." in page and "1 clean post (no violations)" in page
    assert "<article" not in page and 'class="filters"' not in page and "<mark" not in page
    Page(page)


def test_cli_format_and_report(tmp_path: Path) -> None:
    proc = run_check("--format", "html", str(CONTENT))
    assert proc.returncode == 1 and proc.stdout.startswith("<!DOCTYPE html>\n")
    assert proc.stdout.rstrip().endswith("</html>")
    target = tmp_path / "report.html"
    plain = run_check(str(CONTENT), "--report", f"html={target}")
    assert plain.returncode == 1 and "Found 12 violations" in plain.stdout
    assert target.read_text(encoding="utf-8") == proc.stdout
    stats = run_check("--format", "html", "--statistics", str(CONTENT))
    assert stats.stdout == proc.stdout and stats.stderr.startswith("4  politics.vote")  # the page stays valid


def test_posts_rendered_in_full_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_output, "MAX_POSTS", 2)
    page = render([str(ROOT / CONTENT)])
    assert page.count('<article class="post"') == 2
    assert "Showing the first <b>2</b> of <b>6</b> posts with violations in full." in page
    assert table(page, "Violations by suggested action")[2] == ["hold", "4", "4", ""]  # counts cover every post


def test_unreadable_records_are_mentioned() -> None:
    proc = run_check("--format", "html", "-", stdin='{"body": "vote them out"}\nnot json\n')
    assert proc.returncode == 2
    assert "<b>1</b> record could not be read" in proc.stdout


# -- in a real browser ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("html") / "report.html"
    target.write_text(render([str(ROOT / CONTENT)]), encoding="utf-8")
    return target


def articles(dom: str) -> dict[str, bool]:
    """Each post's id, and whether it is shown (not ``hidden``)."""
    return {unescape(pid): "hidden" not in attrs
            for attrs, pid in re.findall(r'<article class="post"([^>]*)><header><span class="pid">([^<]*)<', dom)}


def test_browser_renders_highlights_and_counts(report_file: Path) -> None:
    dom = dump_dom(report_file)
    parsed = Page(dom)
    assert len({m["data-v"] for m in parsed.marks()}) == 12
    assert not [m for m in parsed.marks() if "off" in m["class"].split()]
    assert all(articles(dom).values()) and len(articles(dom)) == 6
    assert 'id="status">Showing 6 of 6 posts<' in dom
    assert re.search(r'<span data-share="33" style="width: 33%;">', dom)  # the script ran under the CSP
    assert '<span class="n">12</span><span class="l">Violations</span>' in dom


def test_browser_category_from_fragment(report_file: Path) -> None:
    dom = dump_dom(report_file, "#category=politics")
    shown = articles(dom)
    assert shown == {"j1": True, "tests/fixtures/ci/content/posts.jsonl:3": False, "faq-1": True, "faq-2": True,
                     "tests/fixtures/ci/content/posts.yaml:11": False, "welcome": True}
    assert 'id="status">Showing 4 of 6 posts<' in dom
    boxes = dict(re.findall(r'<input type="checkbox" data-filter="" value="([^"]+)"( checked="")?', dom))
    assert set(boxes) == {"personal-info", "politics", "profanity", "safety", "spam"}
    marks = Page(dom).marks()
    assert {m["data-category"] for m in marks if "off" not in m["class"].split()} == {"politics"}
    assert {m["data-category"] for m in marks if "off" in m["class"].split()} == {
        "personal-info", "profanity", "safety", "spam"}
    several = dump_dom(report_file, "#category=safety,personal-info")
    assert [pid for pid, on in articles(several).items() if on] == [
        "tests/fixtures/ci/content/posts.jsonl:3", "tests/fixtures/ci/content/posts.yaml:11", "welcome"]


def test_browser_details_panel(report_file: Path) -> None:
    page = report_file.read_text(encoding="utf-8")
    meds = next(m for m in Page(page).marks() if m["data-rule"] == "safety.meds")
    dom = dump_dom(report_file, f"#details={meds['data-v']}")
    panel = re.search(r'<aside id="details"([^>]*)>(.*?)</aside>', dom, re.DOTALL)
    assert panel is not None and "hidden" not in panel.group(1)
    shown = text_of(panel.group(2))
    for part in ("safety.meds", "flag", "No guideline", "category safety", "severity critical",
                 "Member message: Advice to stop medication needs a moderator."):
        assert part in shown
    assert f'data-v="{meds["data-v"]}" data-rule="safety.meds"' in dom
    assert re.search(r'<mark class="l-error active"[^>]*data-rule="safety.meds"', dom)


def test_browser_hostile_post_stays_text(tmp_path: Path) -> None:
    dom = dump_dom(hostile_page(tmp_path))
    assert dom.count("<script") == 1 and "<img" not in dom and "<textarea" not in dom
    assert "<b>bold</b>" not in dom and "&lt;b&gt;bold&lt;/b&gt;" in dom
    assert "<title>connectguard report</title>" in dom


def test_browser_overlaps(tmp_path: Path) -> None:
    dom = dump_dom(overlap_page(tmp_path))
    parsed = Page(dom)
    assert {m["data-rule"]: parsed.covered[m["data-v"]] for m in parsed.marks()} == {
        "a.vote": "vote them", "b.out": "them out now", "c.all": "we should vote them out now"}


def test_browser_screenshot(report_file: Path, tmp_path: Path) -> None:
    shot = screenshot(report_file, tmp_path / "report.png")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 50_000  # a rendered page, not a blank one
