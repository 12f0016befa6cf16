"""What is checked: a post, its author's facts and its context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidPostError

FIELDS = ("title", "body")
#: The keys a post record may have (Post.from_dict rejects any other).
POST_KEYS = ("id", *FIELDS, "author", "context")


@dataclass(frozen=True, slots=True)
class Author:
    """Facts about who wrote the post (all optional: unknown facts fail comparisons)."""

    role: str | None = None               # member | mentor | moderator | staff ...
    account_age_days: int | None = None
    post_count: int | None = None


@dataclass(frozen=True, slots=True)
class PostContext:
    """Facts about where the post sits."""

    new_discussion: bool | None = None     # True: starts a discussion; False: a reply
    reports: int = 0                       # member reports received so far
    format: str = "plain"                  # plain | markdown


@dataclass(frozen=True, slots=True)
class Post:
    """One submission. ``title`` is empty for replies."""

    id: str | None = None
    title: str = ""
    body: str = ""
    author: Author = field(default_factory=Author)
    context: PostContext = field(default_factory=PostContext)

    def field_text(self, name: str) -> str:
        return self.title if name == "title" else self.body

    @classmethod
    def from_dict(cls, record: Any) -> Post:
        """Build a post from a JSON-like mapping, naming every problem found."""
        if isinstance(record, Post):
            return record
        if not isinstance(record, Mapping):
            raise InvalidPostError(f"a post must be an object, got {type(record).__name__}")
        problems: list[str] = []
        unknown = set(record) - set(POST_KEYS)
        if unknown:
            problems.append("unknown keys: " + ", ".join(sorted(map(str, unknown))))
        post_id = record.get("id")
        if post_id is not None and (isinstance(post_id, bool) or not isinstance(post_id, (str, int))):
            problems.append("'id' must be a string or integer")
        texts = {}
        for name in FIELDS:
            value = record.get(name)
            if value is None:
                value = ""
            if not isinstance(value, str):
                problems.append(f"'{name}' must be a string, got {type(value).__name__}")
                value = ""
            texts[name] = value
        if not texts["title"] and not texts["body"] and not problems:
            problems.append("a post needs a 'title' or a 'body'")
        author = _facts(record.get("author"), Author, "author", problems)
        context = _facts(record.get("context"), PostContext, "context", problems)
        if problems:
            raise InvalidPostError("; ".join(problems), post_id=None if post_id is None else str(post_id))
        return cls(
            id=None if post_id is None else str(post_id),
            title=texts["title"],
            body=texts["body"],
            author=author,
            context=context,
        )


_FACT_TYPES: dict[str, tuple[type, ...]] = {
    "role": (str,),
    "account_age_days": (int,),
    "post_count": (int,),
    "new_discussion": (bool,),
    "reports": (int,),
    "format": (str,),
}


def _facts(value: Any, kind: Any, label: str, problems: list[str]) -> Any:
    if value is None:
        return kind()
    if not isinstance(value, Mapping):
        problems.append(f"'{label}' must be an object")
        return kind()
    allowed = kind.__dataclass_fields__.keys()
    good: dict[str, Any] = {}
    for key, fact in value.items():
        if key not in allowed:
            problems.append(f"unknown {label} fact {key!r} (known: {', '.join(allowed)})")
            continue
        types = _FACT_TYPES[key]
        # bool is an int in Python: a count of True is a mistake, not a fact.
        if fact is None or (isinstance(fact, types) and not (isinstance(fact, bool) and bool not in types)):
            if fact is not None:
                good[key] = fact
        else:
            problems.append(f"{label}.{key} must be {types[0].__name__}, got {type(fact).__name__}")
    if label == "context" and good.get("format", "plain") not in ("plain", "markdown"):
        problems.append("context.format must be 'plain' or 'markdown'")
    return kind(**good)
