"""The rule catalogue: every module in this package registers its rules; ``all_rules`` lists them by code."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from factcheck.rules.base import CheckContext, Rule, register, registered, registered_codes

__all__ = ["CheckContext", "Rule", "all_rules", "get_rule", "register", "select_rules"]


@lru_cache(maxsize=1)
def _load_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")


def all_rules() -> list[type[Rule]]:
    """Every rule, ordered by code."""
    _load_all()
    return list(_sorted_rules(len(registered_codes())))


@lru_cache(maxsize=1)
def _sorted_rules(count: int) -> tuple[type[Rule], ...]:
    """The catalogue sorted by code, per catalogue size (rules are only ever added, never replaced): ``check``
    asks once per article."""
    return tuple(sorted(registered().values(), key=lambda r: r.code))


def get_rule(code_or_name: str) -> type[Rule]:
    """A rule by code ("TM02"), dotted name ("time.relative-date-without-dateline") or old alias."""
    for rule in all_rules():
        if code_or_name in (rule.code, rule.name, *rule.aliases):
            return rule
    raise KeyError(code_or_name)


def select_rules(select: list[str] | None = None, ignore: list[str] | None = None) -> list[type[Rule]]:
    """Rules chosen by code, name or family prefix ("TM", "time."), like ruff's --select/--ignore."""

    def matches(rule: type[Rule], keys: list[str]) -> bool:
        return any(rule.code.startswith(k) or rule.name.startswith(k) or k in rule.aliases for k in keys)

    rules = all_rules()
    if select:
        rules = [r for r in rules if matches(r, select)]
    if ignore:
        rules = [r for r in rules if not matches(r, ignore)]
    return rules
