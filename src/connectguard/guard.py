"""The public entry point: a :class:`Guard` holds compiled rules and checks posts.

A Guard is immutable after construction, safe to share between threads, and
picklable (so ``check_many`` can hand it to worker processes).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

from .actions import Action
from .engine import DEFAULT_MAX_FIELD_CHARS, check_post
from .errors import ConnectGuardError, InvalidPostError, RuleError
from .loader.pack import Pack, duplicate_rule_problems, load_pack_text, load_packs
from .matchers.pii.allowlist import allow_set
from .post import Post
from .report import Report
from .rule import Rule
from .text.normalise import Normaliser

PostLike = Post | Mapping[str, Any]


def default_pack_dir() -> Path:
    """Where the built-in packs are: inside the installed package, else the source checkout's rules/."""
    installed = resources.files("connectguard") / "packs"
    if installed.is_dir():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise ConnectGuardError("the built-in rule packs are missing from this installation")


class Guard:
    """Compiled rules plus the normaliser they were compiled with.

    ``site_contacts``: the deploying site's own public phone numbers, e-mails and
    addresses, which personal-information rules never report; ``site_domains``: its
    own domains (and their subdomains), which ``links`` rules never report.
    """

    __slots__ = ("_rules", "_packs", "_normaliser", "_max_field_chars", "_site_contacts", "_allowed_contacts",
                 "_site_domains")

    def __init__(self, packs: Iterable[Pack], *, normaliser: Normaliser | None = None,
                 max_field_chars: int = DEFAULT_MAX_FIELD_CHARS, site_contacts: Iterable[str] = (),
                 site_domains: Iterable[str] = ()) -> None:
        packs = tuple(packs)
        problems = duplicate_rule_problems(packs)
        if problems:
            raise RuleError(problems)
        self._packs = packs
        self._rules: tuple[Rule, ...] = tuple(rule for pack in packs for rule in pack.rules)
        self._normaliser = normaliser or Normaliser()
        self._max_field_chars = max_field_chars
        self._site_contacts = tuple(site_contacts)
        self._allowed_contacts = allow_set(self._site_contacts)
        self._site_domains = frozenset(d.strip().lower().removeprefix("www.") for d in site_domains)

    # -- construction ---------------------------------------------------------------
    @classmethod
    def default(cls, **options: Any) -> Guard:
        """The built-in packs shipped in ``rules/``."""
        return cls.from_paths(default_pack_dir(), **options)

    @classmethod
    def from_paths(cls, *paths: str | Path, normaliser: Normaliser | None = None, **options: Any) -> Guard:
        """Packs from files or directories (searched recursively for ``*.yaml``/``*.yml``)."""
        normaliser = normaliser or Normaliser()
        return cls(load_packs(paths, normaliser), normaliser=normaliser, **options)

    @classmethod
    def from_yaml(cls, text: str, name: str = "<string>", **options: Any) -> Guard:
        """One pack from YAML text (handy in tests and notebooks)."""
        normaliser = options.pop("normaliser", None) or Normaliser()
        return cls([load_pack_text(text, name, None, normaliser)], normaliser=normaliser, **options)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_guard, (self._packs, self._normaliser, self._options()))

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, name):
            raise AttributeError("a Guard is immutable")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a Guard is immutable")

    # -- inspection -----------------------------------------------------------------
    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules

    @property
    def packs(self) -> tuple[Pack, ...]:
        return self._packs

    def rule(self, rule_id: str) -> Rule:
        for rule in self._rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def only(self, *rule_ids: str) -> Guard:
        """A Guard with just these rules (e.g. to test one rule's examples in isolation)."""
        wanted = set(rule_ids)
        return self.derive(lambda rule: rule if rule.id in wanted else None)

    def derive(self, change: Callable[[Rule], Rule | None] | None = None, **options: Any) -> Guard:
        """A new Guard whose rules are ``change(rule)`` (``None`` drops it) and whose options are updated.

        ``options``: ``max_field_chars``, ``site_contacts``, ``site_domains``. The compiled
        matchers are shared, not rebuilt, so deriving is cheap.
        """
        def kept(pack: Pack) -> tuple[Rule, ...]:
            return tuple(r for r in map(change, pack.rules) if r is not None) if change else pack.rules
        packs = [Pack(p.name, p.path, p.description, p.guidelines, kept(p)) for p in self._packs]
        return Guard(packs, normaliser=self._normaliser, **{**self._options(), **options})

    def _options(self) -> dict[str, Any]:
        return {"max_field_chars": self._max_field_chars, "site_contacts": self._site_contacts,
                "site_domains": tuple(sorted(self._site_domains))}

    # -- checking -------------------------------------------------------------------
    def check(self, post: PostLike) -> Report:
        """Check one post (a :class:`Post` or a mapping with title/body/author/context).

        Raises :class:`InvalidPostError` for a record that is not a post.
        """
        return check_post(self._rules, Post.from_dict(post), self._normaliser, self._max_field_chars,
                          self._allowed_contacts, self._site_domains)

    def check_many(self, posts: Iterable[PostLike], workers: int | None = None, chunk_size: int = 64) -> Iterator[Report]:
        """Check posts in order; a record that is not a post yields a report with ``error`` set.

        With ``workers`` > 1 the posts are checked in a process pool, a bounded
        number of chunks in flight, and reports still come back in input order.
        """
        if not workers or workers <= 1:
            for record in posts:
                yield self._check_safely(record)
            return
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(self,)) as pool:
            pending: deque[Future[list[Report]]] = deque()
            for chunk in _chunks(posts, chunk_size):
                pending.append(pool.submit(_check_chunk, chunk))
                if len(pending) >= workers * 4:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def _check_safely(self, record: PostLike) -> Report:
        try:
            post = Post.from_dict(record)
        except InvalidPostError as exc:
            post_id = exc.post_id
            if post_id is None and isinstance(record, Mapping) and isinstance(record.get("id"), (str, int)):
                post_id = str(record["id"])
            empty = Post(id=post_id)
            return Report(empty, (), Action.ALLOW, empty, post_id, error=str(exc))
        return check_post(self._rules, post, self._normaliser, self._max_field_chars, self._allowed_contacts,
                          self._site_domains)


def _rebuild_guard(packs: tuple[Pack, ...], normaliser: Normaliser, options: dict[str, Any]) -> Guard:
    return Guard(packs, normaliser=normaliser, **options)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# One Guard per worker process, set once by the pool initializer (never shared across threads).
_WORKER_GUARD: list[Guard] = []


def _init_worker(guard: Guard) -> None:
    _WORKER_GUARD[:] = [guard]


def _check_chunk(chunk: list[PostLike]) -> list[Report]:
    guard = _WORKER_GUARD[0]
    return [guard._check_safely(record) for record in chunk]


