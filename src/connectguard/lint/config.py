"""``[tool.connectguard]`` in ``pyproject.toml``, or ``connectguard.toml``: the command line's settings.

One typed spec (built from the rule loader's own schema pieces) validates a config
and generates its JSON Schema, so the two never disagree. Problems name
file:line:column and the key, like rule-file problems. Relative paths and globs are
relative to the config file's directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..actions import Action, Mode, Severity
from ..errors import ConnectGuardError, RuleProblem
from ..loader.schema import INVALID, Bool, Int, Key, ListOf, MapOf, Record, Str, Where
from ..loader.yamlsrc import YNode
from .globs import Glob
from .selectors import Selector, parse_selector, parse_selectors
from .tomlsrc import TOMLDecodeError, key_positions, loads, located

CONFIG_FILE = "connectguard.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "connectguard")
MAX_CONFIG_BYTES = 1024 * 1024

SELECTOR = Str(pattern=r"ALL|category:[a-z][a-z0-9-]*|guideline:[0-9]+|[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*",
               pattern_doc="a selector: a rule id or id prefix, category:NAME, guideline:N or ALL")
_NAME = r"[A-Za-z0-9_-]+(?:\[(?:\*|[0-9]+)\])*"
FIELD_PATH = Str(pattern=rf"{_NAME}(?:\.{_NAME})*",
                 pattern_doc="a field path such as 'posts[*].body' (keys joined by dots, [*] for every item)")
DOMAIN = Str(pattern=r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*", pattern_doc="a lower-case domain name")
ACTIONS = tuple(a.value for a in Action)


def _source_check(values: dict[str, Any], node: YNode, at: Where) -> None:
    if "title" not in values and "body" not in values:
        at.problem(node, "a source needs 'title' or 'body' (the field path of the post text)")


OVERRIDE = Record({
    "action": Key(Str(choices=ACTIONS), doc="the action the rules suggest instead"),
    "severity": Key(Str(choices=tuple(s.value for s in Severity)), doc="their severity instead"),
    "mode": Key(Str(choices=tuple(m.value for m in Mode)), doc="enforce, or shadow (report only, decide nothing)"),
}, doc="What changes for the selected rules.")

SOURCE = Record({
    "path": Key(Str(), required=True, doc="glob of the files read this way"),
    "title": Key(FIELD_PATH, doc="where each post's title is, e.g. 'posts[*].title'"),
    "body": Key(FIELD_PATH, doc="where each post's body is, e.g. 'posts[*].body'"),
    "id": Key(FIELD_PATH, doc="where each post's id is (default: file:line)"),
    "format": Key(Str(choices=("markdown", "plain")), doc="how the text is written (default plain)"),
}, doc="How to read posts out of structured (YAML or JSON) seed files.", post_check=_source_check)

CONFIG = Record({
    "rules": Key(ListOf(Str(), single_ok=True), doc="extra rule packs: files or directories"),
    "default-rules": Key(Bool(), doc="also load the built-in packs (default true)"),
    "select": Key(ListOf(SELECTOR), doc="run only the rules these selectors pick (default: every rule)"),
    "ignore": Key(ListOf(SELECTOR), doc="never run the rules these selectors pick"),
    "fail-on": Key(Str(choices=ACTIONS), doc="exit 1 when an enforced violation's action is at least this (default flag)"),
    "show-pii": Key(Bool(), doc="show personal data in reports instead of masking it (default false)"),
    "jobs": Key(Int(1, 256), doc="worker processes for checking (default 1)"),
    "exclude": Key(ListOf(Str()), doc="globs of files never read when walking directories"),
    "site-contacts": Key(ListOf(Str()), doc="the site's own public phone numbers, e-mails and addresses: never personal data"),
    "site-domains": Key(ListOf(DOMAIN), doc="the site's own domains: links to them never fire links rules"),
    "require-suppression-reason": Key(Bool(), doc="inline suppressions must give reason=\"...\" (default false)"),
    "baseline": Key(Str(), doc="baseline file used when --baseline is not given"),
    "overrides": Key(MapOf(SELECTOR, OVERRIDE), doc="selector -> action/severity/mode for the rules it picks"),
    "per-file-ignores": Key(MapOf(Str(), ListOf(SELECTOR)), doc="glob -> selectors not reported in those files"),
    "sources": Key(ListOf(SOURCE), doc="how to read structured seed files"),
}, doc="connectguard configuration: [tool.connectguard] in pyproject.toml, or connectguard.toml.")


class ConfigError(ConnectGuardError):
    """A configuration file could not be used; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[RuleProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Override:
    selector: Selector
    action: Action | None = None
    severity: Severity | None = None
    mode: Mode | None = None


@dataclass(frozen=True)
class Source:
    """Read files matching ``glob`` by field paths (see :mod:`connectguard.lint.sources`)."""

    glob: Glob
    title: str | None = None
    body: str | None = None
    id: str | None = None
    format: str = "plain"


@dataclass(frozen=True)
class Config:
    """Settings for one run; the defaults are those of a run with no config file."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    rules: tuple[Path, ...] = ()
    default_rules: bool = True
    select: tuple[Selector, ...] = ()
    ignore: tuple[Selector, ...] = ()
    fail_on: Action = Action.FLAG
    show_pii: bool = False
    jobs: int = 1
    exclude: tuple[Glob, ...] = ()
    site_contacts: tuple[str, ...] = ()
    site_domains: tuple[str, ...] = ()
    require_suppression_reason: bool = False
    baseline: Path | None = None
    overrides: tuple[Override, ...] = ()
    per_file_ignores: tuple[tuple[Glob, tuple[Selector, ...]], ...] = ()
    sources: tuple[Source, ...] = ()

    def excluded(self, path: Path) -> bool:
        return any(g.matches(path) for g in self.exclude)

    def ignored_in(self, path: str) -> tuple[Selector, ...]:
        """The selectors ``per-file-ignores`` gives for ``path``."""
        return tuple(s for glob, selectors in self.per_file_ignores if glob.matches(path) for s in selectors)

    def source_for(self, path: Path) -> Source | None:
        return next((s for s in self.sources if s.glob.matches(path)), None)


def find_config(start: Path) -> Path | None:
    """The closest config file at or above ``start``: ``connectguard.toml``, else a pyproject with the table."""
    for directory in (start.resolve(), *start.resolve().parents):
        own = directory / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        data = loads(_read(pyproject))
    except (TOMLDecodeError, ConfigError, OSError, UnicodeDecodeError):
        return True  # let load_config report what is wrong with it
    return isinstance(data.get("tool"), dict) and "connectguard" in data["tool"]


def load_config(path: Path) -> Config:
    """Read and validate one config file; raises :class:`ConfigError` listing every problem."""
    shown = str(path)
    try:
        text = _read(path)
        data = loads(text)
    except TOMLDecodeError as exc:
        # Python 3.11's tomllib puts the place only in the message: "... (at line 3, column 3)".
        place = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(place[1]), int(place[2])) if place else (1, 1)
        message = str(exc)[:place.start()].strip() if place else str(exc)
        raise ConfigError([RuleProblem(shown, line, column, "", f"invalid TOML: {message}")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([RuleProblem(shown, 1, 1, "", f"cannot read: {exc}")]) from None
    prefix: tuple[str, ...] = TABLE if path.name == PYPROJECT else ()
    table: Any = data
    for name in prefix:
        table = table.get(name, {}) if isinstance(table, dict) else {}
    node = located(table, key_positions(text), prefix)
    at = Where(shown, ".".join(prefix))
    values = CONFIG.check(node, at)
    if at.problems or values is INVALID:
        raise ConfigError(at.problems)
    return config_from(values, path)


def _read(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_CONFIG_BYTES:
        raise ConfigError([RuleProblem(str(path), 1, 1, "", f"config file is too large ({size:,} bytes)")])
    return path.read_bytes().decode("utf-8-sig")


def config_from(values: dict[str, Any], path: Path | None, root: Path | None = None) -> Config:
    """A :class:`Config` from validated values (paths made relative to ``path``'s directory)."""
    root = root or (path.parent if path is not None else Path.cwd())

    def at_root(value: str) -> Path:
        return Path(os.path.normpath(root / value))

    return Config(
        path=path,
        root=root,
        rules=tuple(at_root(p) for p in values.get("rules", ())),
        default_rules=values.get("default-rules", True),
        select=parse_selectors(values.get("select", ())),
        ignore=parse_selectors(values.get("ignore", ())),
        fail_on=Action(values.get("fail-on", "flag")),
        show_pii=values.get("show-pii", False),
        jobs=values.get("jobs", 1),
        exclude=tuple(Glob(g, root) for g in values.get("exclude", ())),
        site_contacts=tuple(values.get("site-contacts", ())),
        site_domains=tuple(values.get("site-domains", ())),
        require_suppression_reason=values.get("require-suppression-reason", False),
        baseline=at_root(values["baseline"]) if "baseline" in values else None,
        overrides=tuple(Override(parse_selector(sel), *_override_values(o))
                        for sel, o in values.get("overrides", {}).items()),
        per_file_ignores=tuple((Glob(g, root), parse_selectors(sels))
                               for g, sels in values.get("per-file-ignores", {}).items()),
        sources=tuple(Source(Glob(s["path"], root), s.get("title"), s.get("body"), s.get("id"),
                             s.get("format", "plain")) for s in values.get("sources", ())),
    )


def _override_values(values: dict[str, str]) -> tuple[Action | None, Severity | None, Mode | None]:
    return (Action(values["action"]) if "action" in values else None,
            Severity(values["severity"]) if "severity" in values else None,
            Mode(values["mode"]) if "mode" in values else None)


def config_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the config table, generated from :data:`CONFIG`."""
    schema = CONFIG.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "connectguard configuration"
    return schema
