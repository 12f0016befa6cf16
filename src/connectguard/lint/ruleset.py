"""Applying a config's rule choices to a Guard: select/ignore, per-rule overrides, the site's allow-lists."""

from __future__ import annotations

from dataclasses import replace

from ..guard import Guard
from ..rule import Rule
from .config import Config
from .selectors import SelectorError, chosen_rules, unknown_selectors


def configured_guard(guard: Guard, config: Config) -> Guard:
    """``guard`` with only the rules ``config`` selects, overridden as it says, and its site allow-lists.

    A selector that picks no rule at all is an error: it is almost always a typo
    that would otherwise silently check nothing (or everything).
    """
    problems = unknown_selectors((*config.select, *config.ignore, *(o.selector for o in config.overrides)),
                                 guard.rules)
    if problems:
        where = f"{config.path}: " if config.path else ""
        raise SelectorError(where + "; ".join(problems))
    chosen = {r.id for r in chosen_rules(guard.rules, config.select, config.ignore)}

    def change(rule: Rule) -> Rule | None:
        if rule.id not in chosen:
            return None
        for override in config.overrides:
            if override.selector.selects(rule):
                rule = replace(rule, action=override.action or rule.action,
                               severity=override.severity or rule.severity, mode=override.mode or rule.mode)
        return rule

    return guard.derive(change, site_contacts=config.site_contacts, site_domains=config.site_domains)
