"""What every rule kind shares: hits, the per-check view of a post, scopes, kind specs."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..loader.packfiles import PackFileError, list_entries, read_pack_file
from ..loader.schema import Int, Key, Spec, Str, Where
from ..loader.yamlsrc import YNode
from ..post import Post
from ..text.normalise import MappedText, Normaliser
from ..text.sentences import sentence_spans
from ..text.words import WordIndex


@dataclass(frozen=True, slots=True)
class Hit:
    """One match: a span of the ORIGINAL field text and why it matched."""

    field: str
    start: int
    end: int
    why: Mapping[str, Any]


class FieldDoc:
    """One field of one post during one check; computed views are cached on it.

    Not shared between threads: a new one is made for every check.
    """

    __slots__ = ("_cache", "_normaliser", "name", "text")

    def __init__(self, name: str, text: str, normaliser: Normaliser) -> None:
        self.name = name
        self.text = text
        self._normaliser = normaliser
        self._cache: dict[Any, Any] = {}

    @property
    def normaliser(self) -> Normaliser:
        return self._normaliser

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """A per-check cache so that rules sharing a view compute it once."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = build()
            return value

    @property
    def normalised(self) -> MappedText:
        """Invisible characters removed, NFKC, punctuation folded; case kept."""
        return self.cached("normalised", lambda: self._normaliser.normalise(self.text))  # type: ignore[no-any-return]

    @property
    def folded(self) -> MappedText:
        """:attr:`normalised` plus case folding: the default view for matching."""
        return self.cached("folded", lambda: self._normaliser.fold_case(self.normalised))  # type: ignore[no-any-return]

    def view(self, case_sensitive: bool) -> MappedText:
        return self.normalised if case_sensitive else self.folded

    @property
    def words(self) -> WordIndex:
        """Word positions in the original text (for ``near``)."""
        return self.cached("words", lambda: WordIndex.of(self.text))  # type: ignore[no-any-return]

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Sentence spans in the original text (see :mod:`connectguard.text.sentences`)."""
        return self.cached("sentences", lambda: sentence_spans(self.text))  # type: ignore[no-any-return]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset`` (the spans cover the text end to end)."""
        spans = self.sentences
        starts: list[int] = self.cached("sentence_starts", lambda: [start for start, _ in spans])
        return spans[max(bisect_right(starts, offset) - 1, 0)]


class PostDoc:
    """All non-empty fields of a post during one check, and a cache of hits per matcher."""

    __slots__ = ("_hits", "allowed_contacts", "allowed_domains", "fields", "post")

    def __init__(self, post: Post, normaliser: Normaliser, fields: Mapping[str, str],
                 allowed_contacts: frozenset[str] = frozenset(), allowed_domains: frozenset[str] = frozenset()) -> None:
        self.post = post
        #: Canonical forms of the deploying site's own public contacts (never personal info).
        self.allowed_contacts = allowed_contacts
        #: The deploying site's own domains: links to them are never advertising or spam.
        self.allowed_domains = allowed_domains
        self.fields = {name: FieldDoc(name, text, normaliser) for name, text in fields.items() if text}
        self._hits: dict[tuple[int, str], list[Hit]] = {}

    def hits(self, matcher: Matcher, field_name: str) -> list[Hit]:
        """Hits of ``matcher`` in one field, computed at most once per check."""
        key = (id(matcher), field_name)
        found = self._hits.get(key)
        if found is None:
            doc = self.fields.get(field_name)
            found = self._hits[key] = [] if doc is None else list(matcher.find(doc, self))
        return found


class Matcher(Protocol):
    """A compiled match kind: immutable, thread-safe, picklable."""

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]: ...


WITHIN = ("overlap", "sentence", "field", "post")
SIDES = ("either", "before", "after")

#: The options that place a second match relative to an anchor (all, none, unless).
SCOPE_OPTIONS: Mapping[str, Key] = {
    "within": Key(Str(choices=WITHIN), doc="overlap | sentence (default) | field | post"),
    "near": Key(Int(0, 1000), doc="at most this many words between the anchor and the other match"),
    "side": Key(Str(choices=SIDES), doc="either (default) | before | after the anchor"),
}


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a second match must lie relative to an anchor match to count.

    ``within``: overlap (spans overlap) | sentence | field | post; ``near``: at most
    N words between the two spans (same field); ``side``: where the second match
    must be relative to the anchor.
    """

    within: str = "sentence"
    near: int | None = None
    side: str = "either"

    def fields_for(self, anchor: Hit, post: PostDoc) -> tuple[str, ...]:
        if self.within == "post" and self.near is None:
            return tuple(post.fields)
        return (anchor.field,)

    def relates(self, anchor: Hit, other: Hit, post: PostDoc) -> bool:
        if self.within == "post" and self.near is None:
            return True
        if other.field != anchor.field:
            return False
        if self.side == "before" and other.start >= anchor.start:
            return False
        if self.side == "after" and other.start < anchor.end:
            return False
        doc = post.fields[anchor.field]
        if self.within == "overlap" and not (other.start < anchor.end and anchor.start < other.end):
            return False
        if self.within == "sentence":
            s_start, s_end = doc.sentence_of(anchor.start)
            if not (s_start <= other.start < s_end or (other.start < s_end and s_start < other.end)):
                return False
        if self.near is not None:
            return doc.words.gap((anchor.start, anchor.end), (other.start, other.end)) <= self.near
        return True

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"within": self.within}
        if self.near is not None:
            out["near"] = self.near
        if self.side != "either":
            out["side"] = self.side
        return out


@dataclass(frozen=True)
class BuildContext:
    """What compiling a match node may need: the pack's folder and defaults, and where errors go."""

    pack_dir: Path | None
    defaults: Mapping[str, Any]
    where: Where
    node: YNode
    normaliser: Normaliser

    def option_node(self, name: str) -> YNode:
        """The YAML node of one option (for error positions), else the match node."""
        entry = self.node.value.get(name) if self.node.kind == "map" else None
        return entry.value if entry is not None else self.node

    def problem(self, option: str, message: str, hint: str | None = None) -> None:
        self.where.child(option).problem(self.option_node(option), message, hint)


@dataclass(frozen=True)
class KindSpec:
    """One match kind: its key, the shape of its value and options, and its compiler.

    ``build`` returns ``None`` after recording a problem on the context.
    """

    name: str
    value: Spec
    options: Mapping[str, Key]
    build: Callable[[Any, dict[str, Any], BuildContext], Matcher | None]
    doc: str = ""
    option_defaults: Mapping[str, Any] = field(default_factory=dict)


def read_list_file(name: str, ctx: BuildContext, option: str) -> list[str] | None:
    """Entries of a list file beside the pack (one per line, ``#`` comment lines); ``None`` after a problem."""
    try:
        return list_entries(read_pack_file(ctx.pack_dir, name, "list file"))
    except PackFileError as exc:
        ctx.problem(option, str(exc))
        return None
