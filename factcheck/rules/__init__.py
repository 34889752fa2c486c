"""The rule catalogue: every module in this package registers its rules; ``all_rules`` lists them by code."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from factcheck.errors import FactcheckError
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
    """Rules chosen by code, name or family prefix ("TM", "time."), like ruff's --select/--ignore.

    Each value may hold several keys separated by commas ("TM,HG01"); codes match in any case. A key that
    matches no rule raises ``FactcheckError`` naming the closest code or name: a typo must not silently run
    no rule at all (or every rule but none). Opt-in rules (``Rule.opt_in``) run only when a select key names them.
    """
    select_keys, ignore_keys = _keys(select), _keys(ignore)

    def matches(rule: type[Rule], keys: list[str]) -> bool:
        return any(rule.code.startswith(k.upper()) or rule.name.startswith(k) or k in rule.aliases for k in keys)

    rules = all_rules()
    for option, keys in (("--select", select_keys), ("--ignore", ignore_keys)):
        for key in keys:
            if not any(matches(rule, [key]) for rule in rules):
                raise FactcheckError(f"{option} {key!r} matches no rule{_closest(key, rules)}; `factcheck rules` lists the codes and names")
    if select_keys:
        rules = [r for r in rules if matches(r, select_keys)]
    else:
        rules = [r for r in rules if not r.opt_in]
    if ignore_keys:
        rules = [r for r in rules if not matches(r, ignore_keys)]
    return rules


def _keys(values: list[str] | tuple[str, ...] | None) -> list[str]:
    return [key.strip() for value in values or () for key in value.split(",") if key.strip()]


def _closest(key: str, rules: list[type[Rule]]) -> str:
    from rapidfuzz import fuzz, process

    choices = [c for rule in rules for c in (rule.code, rule.name)]
    best = process.extractOne(key.upper() if len(key) <= 4 else key, choices, scorer=fuzz.ratio, score_cutoff=50)
    return f" (did you mean {best[0]!r}?)" if best else ""
