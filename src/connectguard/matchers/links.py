"""``links``: URLs and domains, with allow and deny lists (e.g. crowdfunding sites)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..loader.schema import Key, ListOf, Str
from ..text.urls import find_links, host_in
from .base import BuildContext, FieldDoc, Hit, KindSpec, PostDoc

WHICH = ("any", "denied")


class LinksMatcher:
    """Links whose host is denied (``denied``), or any link (``any``); allowed hosts never fire."""

    __slots__ = ("which", "allow", "deny")

    def __init__(self, which: str, allow: frozenset[str], deny: frozenset[str]) -> None:
        self.which = which
        self.allow = allow
        self.deny = deny

    def __reduce__(self) -> tuple[Any, ...]:
        return (LinksMatcher, (self.which, self.allow, self.deny))

    def find(self, doc: FieldDoc, post: PostDoc) -> Iterator[Hit]:
        for link in doc.cached("links", lambda: find_links(doc.text)):
            if host_in(link.host, self.allow) or host_in(link.host, post.allowed_domains):
                continue  # allowed hosts (the rule's, the site's own) never fire, whatever else is listed
            denied = host_in(link.host, self.deny)
            if self.which == "denied" and not denied:
                continue
            yield Hit(doc.name, link.start, link.end,
                      {"kind": "links", "url": link.url, "host": link.host, "denied": denied})


def _domains(values: list[str]) -> frozenset[str]:
    return frozenset(v.strip().lower().removeprefix("www.") for v in values)


def _build(value: str, options: dict[str, Any], ctx: BuildContext) -> LinksMatcher | None:
    deny = _domains(options.get("deny", []))
    if value == "denied" and not deny:
        ctx.problem("links", "'denied' needs a 'deny' list")
        return None
    return LinksMatcher(value, _domains(options.get("allow", [])), deny)


KIND = KindSpec(
    name="links",
    value=Str(choices=WHICH),
    options={
        "allow": Key(ListOf(Str()), doc="domains (and their subdomains) that never fire"),
        "deny": Key(ListOf(Str()), doc="domains (and their subdomains) that 'denied' fires on"),
    },
    build=_build,
    doc="Links: any (every link whose host is not allowed) or denied (hosts in 'deny').",
)
