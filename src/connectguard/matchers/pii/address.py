"""Street addresses and PO boxes (guideline 9: no mailing addresses in posts).

A small recogniser instead of a general parser: a house number followed, on the same
line, by a street name and a street type ("504 parkwood drive", "Rue Sainte-Catherine"),
then optional units ("Apt 4B") and a city / region / postcode tail; or a PO box marker
with a separated number. Health text is full of "<number> <words>" phrases (doses,
durations, counts), so every street needs a street type, name words that are not units
or function words, and everyday street types ("walk", "point", "way") only count when
written as a name (capitalised) or followed by a city and region.

Chosen over pyap2 and usaddress after measuring them on the same data: they flagged 1-8% of
real health posts (pyap2 ~10 ms a post); this flags none of them at ~15 µs a post.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .address_data import (
    ABBREVIATIONS, ADDRESS_CUES, BOX_LEAD_INS, CA_PROVINCES, COMPOUND_HEADS, DIRECTIONS, FALSE_STREETS, LABEL_WORDS,
    LEAD_TYPES, LONE_ADJECTIVES, MAIL_CUES, NOT_NAME_WORDS, REGION_NAMES, SAINT_NAMES, STRONG_SUFFIXES, TIME_CUES,
    US_STATES, WEAK_SUFFIXES,
)
from .scan import Finding, Scan, collapse

_I = regex.IGNORECASE | regex.VERBOSE

# A house number: "221B", "98-025"; never part of a word, an amount ($500), a decimal
# or thousands group (1.5, 1,000), a time (10:30) or a code (#12, A-12).
_HOUSE = regex.compile(
    r"(?<![\p{L}\p{N}$£€¥#@/+=_\-])(?<!\p{N}[.,:])"
    r"\p{Nd}{1,6}(?:-\p{Nd}{1,5})?[A-Ha-h]?(?=,?[ \t]+[\p{L}\p{N}])"
)
# One word of the street line; a trailing period is kept apart (abbreviation or full stop).
_TOKEN = regex.compile(r"[ \t]+([\p{L}\p{N}][\p{L}\p{M}\p{N}'\-]*)(\.(?![\p{L}\p{N}]))?")
_FIRST_TOKEN = regex.compile(r",?" + _TOKEN.pattern)
_ORDINAL = regex.compile(r"\d{1,4}(?:st|nd|rd|th)", regex.IGNORECASE)
_SHORT_NUMBER = regex.compile(r"\d{1,4}|[A-Za-z]")

_ID = r"(?:[A-Z]?\d[\dA-Z]*(?:[.\-][\dA-Z]+)?|[A-Z](?:-?\d+)?|[IVX]+)"
# A unit after the street: "Apt 4B", "Suite 200", "#12", "Fl 3", "28th Floor", "PO Drawer J".
_UNIT = regex.compile(
    rf"""(?:[ \t]*,?[ \t]*\n?[ \t]*)
    (?:(?:apt|apartment|suite|ste|unit|bldg|building|rm|room|spc|lot|dept|ap|flat)\.?
          [ \t]*,?[ \t]*\#?[ \t]*(?:apt\.?[ \t]*)?{_ID}
      | \#[ \t]*{_ID}
      | fl(?:oor|r)?\.?[ \t]*\d{{1,3}}[A-Z]?          # not "FL 33125" (Florida + ZIP)
      | \d{{1,3}}(?:st|nd|rd|th)[ \t]+(?:floor|fl)
      | p\.?[ \t]?o\.?[ \t]?(?:box|drawer)[ \t]+\#?[ \t]*{_ID})
    (?:[ \t]+(?-i:[A-Z]|North|South|East|West|N|S|E|W))?   # "Suite 14 A", "Suite 3 South"
    (?![\p{{L}}\p{{N}}])""",
    _I,
)

_SEP = r"(?:[ \t]*,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ \t]+-[ \t]+|[ \t]+)"
_CITY_STOP = (r"(?:a|an|the|and|or|but|of|on|in|at|to|for|from|by|with|i|me|my|we|you|he|she|it|they|"
              r"is|am|are|was|were|be|been|have|has|had|do|did|will|would|can|not|so|if|near|apt|suite|"
              r"ste|unit)")
_CITY_WORD = rf"(?!(?i:{_CITY_STOP})(?![\p{{L}}\p{{M}}]))\p{{L}}[\p{{L}}\p{{M}}'.\-]*(?<=[\p{{L}}.])"
_CITY = rf"{_CITY_WORD}(?:[ \t]+{_CITY_WORD}){{0,3}}"
_TITLE_CITY = rf"(?=\p{{Lu}}){_CITY_WORD}(?:[ \t]+(?=\p{{Lu}}){_CITY_WORD}){{0,3}}"
_REGION = "|".join(sorted(US_STATES | CA_PROVINCES, key=len, reverse=True))
_REGION_NAME = "|".join(r.replace(" ", r"[ \t]+") for r in sorted(REGION_NAMES, key=len, reverse=True))
_REGION_ANY = rf"(?:(?:{_REGION})\.?|{_REGION_NAME})(?!\p{{L}})"   # "TX78217" is written too
_COUNTRY = (r"(?:[ \t]*,?[ \t]*\n?[ \t]*(?:u\.?s\.?a?\.?|united[ \t]+states|canada|uk|"
            r"united[ \t]+kingdom|england|scotland|wales)(?![\p{L}\p{N}]))?")
_ZIP = r"\d{5}(?:-\d{4})?(?![\p{L}\p{N}]|-\d)"
_CA_POST = r"[A-Z]\d[A-Z][ \t]?\d[A-Z]\d(?![\p{L}\p{N}])"
_UK_POST = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}(?![\p{L}\p{N}])"

# City, region and postcode: "Springfield, IL, 62701", "Toronto, ON M5V 2A8", "TX78217".
_TAIL_REGION = regex.compile(
    rf"{_SEP}{_CITY}{_SEP}{_REGION_ANY}{_COUNTRY}[ \t]*[,\-]?[ \t]*(?:{_ZIP}|{_CA_POST}){_COUNTRY}", _I)
# City and postcode, or a postcode alone: "London SW1A 2AA", "NORTON SHORES 49441", ", E2 2AA".
_TAIL_POSTCODE = regex.compile(
    rf"{_SEP}(?:{_CITY}(?:[ \t]*,[ \t]*{_CITY})?{_SEP})?(?:{_UK_POST}|{_CA_POST}){_COUNTRY}"
    rf"|{_SEP}{_CITY}{_SEP}{_ZIP}", _I)
# City and region written as names, no postcode: "Newfield, NJ", "Cityville, Arizona".
_TAIL_NAMED = regex.compile(
    rf"{_SEP}{_TITLE_CITY}{_SEP}(?:{_REGION.upper()}|(?i:{_REGION_NAME}))(?![\p{{L}}\p{{N}}])"
    rf"(?:[ \t]*,?[ \t]*(?:USA|U\.S\.A\.|US|U\.S\.|Canada)(?![\p{{L}}\p{{N}}]))?")


def _tail(text: str, pos: int, *, strict: bool = False) -> regex.Match[str] | None:
    """The city / region / postcode after a street or box; ``strict`` wants region AND postcode."""
    if strict:
        return _TAIL_REGION.match(text, pos)
    return _TAIL_REGION.match(text, pos) or _TAIL_POSTCODE.match(text, pos) or _TAIL_NAMED.match(text, pos)


# PO boxes: the number must be separated from the marker ("po box108" is not one).
_PO_BOX = regex.compile(
    r"""(?<![\p{L}\p{N}])
    (?:(?P<po>(?:p[ \t]?\.?[ \t]?o\.?|post[ \t]+office|g\.?[ \t]?p\.?[ \t]?o\.?)[ \t]?(?:box|drawer|bag)
            | p\.?[ \t]?m\.?[ \t]?b\.? | private[ \t]+mail[ \t]+(?:box|bag) | locked[ \t]+bag)
      | (?P<dotted>p\.[ \t]?o\.)
      | (?P<bare>box))
    (?:[ \t]*(?:\#|no\.|number)[ \t]*|[ \t]+)
    (?P<id>[A-Z]?\d{1,7}(?:-\d{1,4})?[A-Z]?|[A-Z])
    (?![\p{L}\p{N}]|[.,]\p{N})""",
    _I,
)
_PO_CHEAP = ("box", "pmb", "p.m.b", "p.o", "drawer", "bag")
_EDGE_PUNCT = " \t,.;:!?-()[]\"'"

_NUMBERED_TYPES = frozenset({"road", "rd", "highway", "hwy", "route", "rte"})
_COMMA_LEADS = frozenset({"rue", "chemin", "boulevard", "avenue"})
FULL, STREET, PO_BOX, PO_BOX_FULL, BARE_BOX = 0.95, 0.8, 0.9, 0.95, 0.85


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int       # without a trailing period
    dot_end: int   # with it
    word: str      # lower case, no period

    @property
    def had_dot(self) -> bool:
        return self.dot_end > self.end


def find_addresses(scan: Scan) -> Iterator[Finding]:
    """Street addresses (US/CA/UK at least) and PO boxes; form="street" or "po-box"."""
    # The house-number regex is the cheap gate: text without "<digits> <word>" costs one scan.
    found = [f for m in _HOUSE.finditer(scan.text) if (f := _street_at(scan, m.start(), m.end()))]
    if any(cue in scan.lower for cue in _PO_CHEAP):
        found.extend(f for m in _PO_BOX.finditer(scan.text) if (f := _po_box(scan, m)) is not None)
    kept_end = -1
    for finding in sorted(found, key=lambda f: (f.start, -f.end)):
        if finding.start >= kept_end:   # drop a PO box inside a street's units, and repeats
            kept_end = finding.end
            yield finding


def _finding(scan: Scan, start: int, end: int, confidence: float, form: str) -> Finding:
    value = collapse(scan.text[start:end])
    return Finding("address", start, end, value, confidence, form)


def _tokens(scan: Scan, pos: int, limit: int = 8) -> list[_Token]:
    """The words of the street line after a house number (a comma or line end stops it)."""
    tokens: list[_Token] = []
    m = _FIRST_TOKEN.match(scan.text, pos)
    while m is not None and len(tokens) < limit:
        tokens.append(_Token(m.start(1), m.end(1), m.end(), scan.lower[m.start(1):m.end(1)]))
        m = _TOKEN.match(scan.text, m.end())
    return tokens


def _is_name(token: _Token) -> bool:
    """A word that can be part of a street name: not a unit, a count or a function word."""
    w = token.word
    if _ORDINAL.fullmatch(w):
        return True  # "3rd Ave", "16th St"
    return w not in NOT_NAME_WORDS and w[0].isalpha() and all(c.isalpha() or c in "'-" for c in w)


def _numbered_name(scan: Scan, tokens: list[_Token], j: int) -> bool:
    """"The Street" / "THE BENT TWIG", or a bare number after a direction ("586 W. 207 St.")."""
    if tokens[j].word == "the":
        return _capitalised(scan, tokens[j])
    return j == 1 and tokens[j].word.isdigit() and len(tokens[j].word) <= 3


def _capitalised(scan: Scan, token: _Token) -> bool:
    first = scan.text[token.start]
    return first.isupper() or first.isdigit()


def _street_ends(scan: Scan, tokens: list[_Token]) -> Iterator[tuple[int, int, str]]:
    """(first name token, street type / last street token, kind) for each reading of the line."""
    for s in (0, 1) if len(tokens) > 1 and tokens[0].word in DIRECTIONS else (0,):
        lead = s + 1 if len(tokens) > s + 2 and tokens[s].word in {"el", "la", "le"} else s
        if len(tokens) > lead + 1 and tokens[lead].word in LEAD_TYPES:   # "Rue Sainte-Catherine"
            rest = tokens[lead + 1:]
            if len(rest) >= 3 and rest[0].word == "of" and rest[1].word == "the":
                yield s, lead + 3, "lead"        # "Avenue of the Americas"
            elif _SHORT_NUMBER.fullmatch(scan.text[rest[0].start:rest[0].end]):
                yield s, lead + 1, "lead"        # "Avenue N", "Highway 32", "Route 75"
            else:
                for k, tok in enumerate(rest[:3]):
                    if not (_is_name(tok) and _capitalised(scan, tok)):
                        break
                    yield s, lead + 1 + k, "lead"
        for j in range(s, min(len(tokens), s + 5)):
            word = tokens[j].word
            if j > s and word in STRONG_SUFFIXES:
                yield s, j, "strong"
                break  # "Main St Park City": the first unambiguous street type ends the street
            if j > s and word in WEAK_SUFFIXES:
                yield s, j, "weak"
            if not (_is_name(tokens[j]) or j == s and _numbered_name(scan, tokens, j)):
                break
            if j - s < 3:
                yield s, j, "untyped"           # accepted only with a postcode / region tail


def _street_at(scan: Scan, start: int, number_end: int) -> Finding | None:
    """The longest acceptable street address starting with the house number at ``start``."""
    tokens = _tokens(scan, number_end)
    if not tokens:
        return None
    comma = scan.text[number_end] == ","
    best: tuple[int, float] | None = None
    for first, typ, kind in _street_ends(scan, tokens):
        if comma and not (kind == "lead" and tokens[first].word in _COMMA_LEADS):
            continue  # "123, rue X" is Québec style; elsewhere a comma ends the number
        last = typ
        if kind == "strong" and tokens[typ].word in _NUMBERED_TYPES and last + 1 < len(tokens) \
                and tokens[last + 1].word.isdigit() and len(tokens[last + 1].word) <= 4:
            last += 1  # "State Road 434"
        end = tokens[last].dot_end if tokens[last].word in ABBREVIATIONS else tokens[last].end
        following = tokens[last + 1] if last + 1 < len(tokens) else None
        if following is not None and following.word in DIRECTIONS and _capitalised(scan, following):
            last += 1  # "Queen St W"
            end = tokens[last].dot_end if len(tokens[last].word) <= 2 else tokens[last].end
        for _ in range(2):
            unit = _UNIT.match(scan.text, end)
            if unit is None:
                break
            end = unit.end()
        tail = _tail(scan.text, end, strict=kind == "untyped")
        if tail is not None:
            candidate = (tail.end(), FULL)
        elif kind != "untyped" and _bare_street_ok(scan, tokens, first, typ, last, kind, start):
            candidate = (end, STREET)
        else:
            continue
        if best is None or candidate > best:
            best = candidate
    if best is None:
        return None
    return _finding(scan, start, best[0], best[1], "street")


def _bare_street_ok(scan: Scan, tokens: list[_Token], first: int, typ: int, last: int, kind: str,
                    start: int) -> bool:
    """Guards for a street without a city tail, where almost every false alarm would come from."""
    before = scan.words_before(start, 1)
    if before and before[0] in LABEL_WORDS:
        return False  # "Day 12 Post Chemo Walk", "Stage 4 Warrior Way": a label number
    if kind == "lead":
        return True  # its name was required to be capitalised or a number / letter
    names, street_type = tokens[first:typ], tokens[typ]
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    written = scan.text[street_type.start:street_type.end]
    if all(scan.text[t.start].islower() for t in names):
        if len(names) == 1 and names[0].word in LONE_ADJECTIVES:
            return False  # "a 20 minute scenic drive", "1 long road"
        if len(written) > 1 and written.isupper():
            return False  # "2 leads ST elevation", "4 chest CT": an acronym, not a street type
    if (names[-1].word, street_type.word) in FALSE_STREETS:
        return False  # "sex drive", "food court"
    if after is not None and not tokens[last].had_dot:
        if after.word in COMPOUND_HEADS:
            return False  # "road trip", "street drugs"
        if street_type.word in {"st", "mt"} and after.word in SAINT_NAMES:
            return False  # "generic St John's wort"
        if street_type.word == "dr" and _capitalised(scan, after):
            return False  # "2 specialists Dr Patel"
    if kind == "strong":
        return True
    cued = bool(ADDRESS_CUES.intersection(scan.words_before(start, 4)))
    number = scan.text[start:tokens[0].start].strip(" \t,")
    if before and before[0] in TIME_CUES and number.isdigit() and int(number) <= 12 and not cued:
        return False  # "meet at 2 Central Park": a time ("she lives at 7 Kings Way" is not)
    # Everyday words as street types ("trigger points", "a long walk") need a written name,
    # or a mailing cue before the number ("address: ...", "send it to ...").
    return cued or all(_capitalised(scan, t) for t in tokens[first:last + 1])


def _po_box(scan: Scan, m: regex.Match[str]) -> Finding | None:
    """A PO box, PMB or PO drawer; a bare "Box 12" only when it is clearly an address."""
    start, end = m.start(), m.end()
    ident = m.group("id")
    if not any(c.isdigit() for c in ident) and m.group("po") is None:
        return None  # a letter id only after a PO marker ("PO Drawer J")
    tail = _tail(scan.text, end)
    if tail is not None:
        return _finding(scan, start, tail.end(), PO_BOX_FULL, "po-box")
    if m.group("po") is not None:
        return _finding(scan, start, end, PO_BOX, "po-box")
    if m.group("dotted") is not None:
        # "P.O." alone is also "per os" (by mouth): "1 tab p.o. 2 times daily", "p.o. 500 mg".
        next_words = scan.words_after(end, 1)
        if not ident.isdigit() or len(ident) < 3 or (next_words and next_words[0] in NOT_NAME_WORDS):
            return None
        return _finding(scan, start, end, PO_BOX, "po-box")
    # A bare "Box 12" is usually a form field or a carton ("send box 2 back"); an address only
    # on a line of its own or after a mailing cue and a lead-in ("send them to Box 12").
    line_before = scan.text[max(0, start - 80):start].rsplit("\n", 1)[-1].strip(_EDGE_PUNCT)
    line_after = scan.text[end:end + 80].split("\n", 1)[0].strip(_EDGE_PUNCT)
    words = scan.words_before(start, 4)
    if (not line_before and not line_after) or (
            words and words[-1] in BOX_LEAD_INS and MAIL_CUES.intersection(words)):
        return _finding(scan, start, end, BARE_BOX, "po-box")
    return None
