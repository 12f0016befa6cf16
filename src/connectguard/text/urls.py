"""Finding links in text: full URLs, ``www.`` addresses and bare domains with a common TLD."""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Bare domains are only recognised with a TLD from this list, so "mL." or "file.txt"
# never read as links; anything with a scheme or "www." is a link whatever its TLD.
_BARE_TLDS = (
    "com|org|net|edu|gov|io|co|me|info|biz|ly|gl|us|uk|ca|au|in|ie|nz|de|fr|health|app|link|shop|store|"
    "site|online|xyz|club|page|live|life|care|clinic|fund|bio|tv|ai|gg"
)
_URL = regex.compile(
    r"(?:https?://|www\.)[^\s<>()\[\]{}\"'`]+"
    r"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:" + _BARE_TLDS + r")(?![\w@-])(?:/[^\s<>()\"'`]*)?",
    regex.IGNORECASE,
)
# A user-info part ("https://me@host/") is skipped: the host is what the link opens.
# Matches wherever _URL could (a superset), so skipping on a miss never loses a link.
_MAYBE_LINK = regex.compile(r"://|www\.|\.(?:" + _BARE_TLDS + r")(?![\w-])", regex.IGNORECASE)
_HOST = regex.compile(r"^(?:https?://)?(?:[^/?#@\s]*@)?([^/?#:@\s]+)", regex.IGNORECASE)
_TRAILING = ".,;:!?*_"


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    url: str
    host: str  # lower case, without "www."


def find_links(text: str) -> list[Link]:
    """Every link in ``text`` with its span; trailing sentence punctuation is not part of it."""
    # Cheap gate: most posts have no link, and the full pattern tries every word start.
    if not _MAYBE_LINK.search(text):
        return []
    links = []
    for m in _URL.finditer(text):
        # Brackets never belong to a link ("(see x.com/a)"), nor does closing punctuation.
        url = m.group().rstrip(_TRAILING)
        host_match = _HOST.match(url)
        host = host_match.group(1).lower() if host_match else ""
        host = host.removeprefix("www.")
        links.append(Link(m.start(), m.start() + len(url), url, host))
    return links


def host_in(host: str, domains: frozenset[str]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one."""
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts)))
