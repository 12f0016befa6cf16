"""HTML markup removal for matching: ``f<b>u</b>ck`` and ``sh&#105;t`` read as plain words.

Tags are recognised strictly (a known HTML element name right after ``<`` or
``</``, then well-formed attributes, no ``<`` inside) so prose such as
"x < y and y > z", "<3" or "<username>" is left alone. Each output character maps
to the whole tag or character reference it came from.
"""

from __future__ import annotations

import html

import regex

from .normalise import OffsetBuilder, StepResult

#: Elements whose tags stand for a line break when the markup is rendered.
LINE_ELEMENTS = frozenset(
    {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"}
)

#: Element names recognised as tags. An unknown name ("<fuck>") is text, never
#: stripped: on a platform that shows raw text it is what readers see.
HTML_ELEMENTS = LINE_ELEMENTS | frozenset(
    """a abbr acronym address area article aside audio b base bdi bdo big blink body
    button canvas caption center cite code col colgroup data datalist dd del details dfn
    dialog dir dl dt em embed fieldset figcaption figure font footer form frame frameset
    head header hgroup html i iframe img input ins kbd label legend link main map mark
    marquee menu meta meter nav nobr noscript object ol optgroup option output param
    picture pre progress q rp rt ruby s samp script section select small source span
    strike strong style sub summary sup svg table tbody td template textarea tfoot th
    thead time title track tt u ul var video wbr""".split()
)

_NAMES = "|".join(sorted(HTML_ELEMENTS, key=lambda n: (-len(n), n)))
_ATTR = r"""[A-Za-z_:@][-\w:.@]*+(?:\s*+=\s*+(?:"[^"<>]*+"|'[^'<>]*+'|[^\s"'=<>`]++))?+"""
_MARKUP = regex.compile(
    rf"""
    (?P<tag><(?P<close>/)?(?P<name>{_NAMES})(?![-\w:])(?:\s++{_ATTR})*+\s*+/?>)
    | (?P<comment><!--[^<>]{{0,500}}?-->)
    | (?P<ref>&(?:\#(?:(?P<dec>[0-9]++)|[xX](?P<hex>[0-9a-fA-F]++));?|[A-Za-z][A-Za-z0-9]{{1,31}};))
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def _bounded(ref: regex.Match[str]) -> str:
    """The reference, numeric ones clamped: int() refuses 5000-digit strings, and any
    value past U+10FFFF decodes to U+FFFD anyway."""
    whole: str = ref.group()
    digits, base = (ref.group("dec"), 10) if ref.group("dec") is not None else (ref.group("hex"), 16)
    if digits is None:
        return whole
    digits = digits.lstrip("0") or "0"
    return f"&#{int(digits, base) if len(digits) <= 8 else 0x110000};"


class StripMarkup:
    """Remove HTML tags and comments, decode character references.

    Line-level tags (``<br>``, ``<p>``, ``</li>``...) become ``"\\n"`` so words on
    either side stay apart; other tags vanish so ``f<b>u</b>ck`` joins up. Named
    references need their ``;`` (so "AT&T" and "&copy" are text); numeric ones
    may omit it, as browsers accept ``&#105t``.
    """

    name = "strip-markup"

    def apply(self, text: str) -> StepResult | None:
        if "<" not in text and "&" not in text:
            return None
        out = OffsetBuilder(text)
        for m in _MARKUP.finditer(text):
            if m.group("ref") is not None:
                # Decoded one reference at a time: "&amp;#105;" must stay "&#105;".
                decoded = html.unescape(_bounded(m))
                if decoded != m.group():
                    out.replace(decoded, m.start(), m.end())
            elif m.group("tag") is not None and m.group("name").lower() in LINE_ELEMENTS:
                out.replace("\n", m.start(), m.end())
            else:
                out.replace("", m.start(), m.end())
        return out.result()
