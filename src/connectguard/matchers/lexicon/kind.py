"""``lexicon``: listed words matched through evasions (leetspeak, masks, spacing, repeats, homoglyphs).

The field is read through the evasion normaliser (markup, invisibles, NFKC,
diacritics, Latin skeleton of confusables, case), then every token is walked
through a trie of the listed terms with all its leetspeak readings at once. What
keeps clinical text clean: whole-word matching, an ``allow`` list checked against
both the token and the term (anatomy, Scunthorpe-style words), roots matched
inside words only when listed as ``embedded``, and ``names`` read as names when
written Title-case.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...loader.schema import Key, ListOf, Str
from ...text.normalise import EVASION_NORMALISER, MappedText
from ...text.words import WORD_RE
from ..base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc, read_list_file
from .tokens import FieldTokens, Token
from .trie import Found, Trie, Unit, best, walk

#: Words before a name-like term that make it an insult, not a name ("you dick", "what a Dick").
_ATTACK_CONTEXT = frozenset({"you", "u", "ya", "ur", "your", "a", "an", "such", "what", "big", "little", "fat"})

#: Words before a match searched for an allowed phrase that contains it.
_LONGEST_ALLOW_PHRASE = 5

#: Confidence of a hit by how it was read; plain spelling is certain.
_CONFIDENCE = {"masked": 0.85, "inside-word": 0.85, "spelled-out": 0.95, "line-break": 0.9}


def term_key(term: str) -> str:
    """A term as the trie stores it: evasion-normalised, folded, words joined by single spaces."""
    folded = EVASION_NORMALISER.fold_case(EVASION_NORMALISER.normalise(term)).text
    return " ".join(WORD_RE.findall(folded))


def evasion_view(doc: FieldDoc) -> MappedText:
    """The field as the lexicon reads it, computed once per check."""
    return doc.cached("evasion", lambda: EVASION_NORMALISER.fold_case(EVASION_NORMALISER.normalise(doc.text)))  # type: ignore[no-any-return]


class LexiconMatcher:
    """Compiled lexicon: immutable, thread-safe, picklable (tries are plain dicts)."""

    __slots__ = ("allow", "allow_phrases", "embedded", "names", "terms")
    kind_label = "lexicon"

    def __init__(self, terms: Trie, embedded: Trie, allow: frozenset[str], names: frozenset[str]) -> None:
        self.terms = terms
        self.embedded = embedded
        self.allow = allow
        #: Multi-word allow entries ("living hell", "finger prick"): a match inside one is not reported.
        self.allow_phrases = Trie((key, key) for key in allow if " " in key)
        self.names = names

    def __reduce__(self) -> tuple[Any, ...]:
        return (LexiconMatcher, (self.terms, self.embedded, self.allow, self.names))

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        view = evasion_view(doc)
        field_tokens: FieldTokens = doc.cached("lexicon-tokens", lambda: FieldTokens.of(view))
        tokens = units = field_tokens.tokens
        covered = -1   # last token inside a reported multi-word match
        reported: set[tuple[int, int]] = set()
        listed = field_tokens.candidates(self.terms.first_words.__contains__) if self.terms else set()
        inside = field_tokens.candidates(self.embedded.contained_in) if self.embedded else set()
        for i in sorted(listed | inside):
            if i <= covered:
                continue
            token = tokens[i]
            found = best(walk(self.terms, units, i, 0, anywhere=False)) if i in listed else None
            if found is not None:
                last = tokens[found.end_unit]
                span = (token.start, last.span(0, found.end_pos)[1])
                words = " ".join(t.text for t in tokens[i:found.end_unit + 1])
                if (self._allowed(words, found.key) or self._in_allowed_phrase(units, i, found.end_unit)
                        or self._is_name(doc, view, span, found, tokens, i)):
                    continue
                covered = found.end_unit
                reported.add(span)
                yield self._hit(doc, view, span, found, "word" if found.end_unit == i else "phrase")
            elif i in inside and token.text not in self.allow:
                hit = self._inside(doc, view, token, units, i)
                if hit is not None:
                    reported.add(token.span(0, len(token.text)))
                    yield hit
        for token in field_tokens.joined:
            reading = self._whole(token)
            if reading is None:
                continue
            start, joined_found = reading
            span = token.span(start, joined_found.end_pos)
            if span in reported or self._allowed(token.text, joined_found.key):
                continue
            reported.add(span)
            yield self._hit(doc, view, span, joined_found, token.joined)

    def _whole(self, token: Token) -> tuple[int, Found] | None:
        """A listed term spelled by a joined token: all of it, or for spelled-out letters any run of them."""
        unit = (token,)   # joined tokens never continue into the next
        starts = range(len(token.text)) if token.joined == "spelled-out" else (0,)
        for start in starts:
            found = best(f for f in walk(self.terms, unit, 0, start, anywhere=True)
                         if token.joined == "spelled-out" or f.end_pos == len(token.text))
            if found is not None:
                return start, found
        return None

    def _inside(self, doc: FieldDoc, view: MappedText, token: Token, units: Sequence[Unit], i: int) -> Hit | None:
        """An embedded root inside a longer token: the whole token is reported."""
        for start in range(len(token.text)):
            found = best(walk(self.embedded, units, i, start, anywhere=True))
            # A masked root spanning the whole token was already judged (ambiguous) by the main list.
            if found is not None and not (found.masked and start == 0 and found.end_pos == len(token.text)):
                return self._hit(doc, view, token.span(0, len(token.text)), found, "inside-word")
        return None

    def _allowed(self, words: str, key: str) -> bool:
        return words in self.allow or key in self.allow

    def _in_allowed_phrase(self, units: Sequence[Unit], first: int, last: int) -> bool:
        """True when tokens ``first..last`` lie inside an allowed phrase ("it is a living hell")."""
        if not self.allow_phrases:
            return False
        return any(
            found.end_unit >= last
            for start in range(max(0, first - _LONGEST_ALLOW_PHRASE), first + 1)
            for found in walk(self.allow_phrases, units, start, 0, anywhere=False)
        )

    def _is_name(self, doc: FieldDoc, view: MappedText, span: tuple[int, int], found: Found,
                 tokens: tuple[Token, ...], i: int) -> bool:
        """A name-like term written Title-case, not after "you"/"a"/"what a": "Dr. Dick Henderson"."""
        if found.key not in self.names or found.end_unit != i:
            return False
        start, end = view.to_original(*span)
        written = doc.text[start:end]
        return written.istitle() and (i == 0 or tokens[i - 1].text not in _ATTACK_CONTEXT)

    def _hit(self, doc: FieldDoc, view: MappedText, span: tuple[int, int], found: Found, reading: str) -> Hit:
        start, end = view.to_original(*span)
        normalised = view.text[span[0]:span[1]]
        evasions = [name for name, used in (("leetspeak", found.leet), ("mask", found.masked),
                                            ("repeated-letters", found.repeated)) if used]
        if reading in ("spelled-out", "line-break"):
            evasions.append(reading)
        if doc.text[start:end].casefold() != normalised and not evasions:
            evasions.append("characters")   # homoglyphs, invisibles, accents or markup
        why: dict[str, Any] = {"kind": "lexicon", "term": found.term, "reading": reading,
                               "normalised": normalised, "evasions": evasions}
        confidence = min([_CONFIDENCE.get(reading, 1.0)] + ([_CONFIDENCE["masked"]] if found.masked else []))
        if confidence < 1.0:
            why["confidence"] = confidence
        return Hit(doc.name, start, end, why)


def _read_all(files: list[str], ctx: BuildContext, option: str) -> list[str] | None:
    out: list[str] = []
    for name in files:
        entries = read_list_file(name, ctx, option)
        if entries is None:
            return None
        out.extend(entries)
    return out


def _keyed(terms: list[str]) -> list[tuple[str, str]]:
    return [(term_key(term), term) for term in terms]


def _build(value: list[str], options: dict[str, Any], ctx: BuildContext) -> LexiconMatcher | None:
    listed = _read_all(value, ctx, "lexicon")
    embedded = _read_all(options.get("embedded_file", []), ctx, "embedded_file")
    allow = _read_all(options.get("allow_file", []), ctx, "allow_file")
    names = _read_all(options.get("names_file", []), ctx, "names_file")
    if listed is None or embedded is None or allow is None or names is None:
        return None
    listed.extend(options.get("entries", []))
    embedded.extend(options.get("embedded", []))
    allow.extend(options.get("allow", []))
    names.extend(options.get("names", []))
    listed_keys, embedded_keys = _keyed(listed), _keyed(embedded)
    unusable = [term for key, term in listed_keys + embedded_keys if not key]
    if unusable:
        ctx.problem("lexicon", f"entries with no letters or digits cannot match: {unusable[:5]}")
        return None
    if not listed and not embedded:
        ctx.problem("lexicon", "the lexicon is empty")
        return None
    return LexiconMatcher(Trie(listed_keys), Trie(embedded_keys), frozenset(filter(None, map(term_key, allow))),
                          frozenset(filter(None, map(term_key, names))))


_FILES = ListOf(Str(), single_ok=True)

KIND = KindSpec(
    name="lexicon",
    value=_FILES,
    options={
        "entries": Key(ListOf(Str()), doc="more entries, inline"),
        "embedded": Key(ListOf(Str()), doc="roots that also count inside a longer word (fuck in 'fucktard')"),
        "embedded_file": Key(_FILES, doc="files of such roots"),
        "allow": Key(ListOf(Str()), doc="words and terms never reported (anatomy, 'Scunthorpe')"),
        "allow_file": Key(_FILES, doc="files of words and terms never reported"),
        "names": Key(ListOf(Str()), doc="terms read as a name when written Title-case ('Dr. Dick Lee')"),
        "names_file": Key(_FILES, doc="files of such terms"),
    },
    build=_build,
    doc="Lexicon files beside the pack, matched through leetspeak, masks, spacing, repeats and homoglyphs.",
)
