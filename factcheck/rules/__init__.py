"""The rule catalogue: each family lists its rules explicitly (no rule registers itself by being imported), and
``all_rules`` gives them all by code after a check that no code or name is used twice."""

from __future__ import annotations

from factcheck.errors import FactcheckError
from factcheck.rules.attribution_anonymous_source import AnonymousSource
from factcheck.rules.attribution_quote_needs_verification import QuoteNeedsVerification
from factcheck.rules.attribution_unattributed_quote import UnattributedQuote
from factcheck.rules.base import CheckContext, Rule, catalogue
from factcheck.rules.claim_too_long import ClaimTooLong
from factcheck.rules.consistency import CountMismatch
from factcheck.rules.entity_near_miss_name import NearMissName
from factcheck.rules.entity_office_never_held import OfficeNeverHeld
from factcheck.rules.entity_office_not_in_country import OfficeNotInCountry
from factcheck.rules.entity_spelling import InconsistentSpelling
from factcheck.rules.entity_unknown_organisation import UnknownOrganisation
from factcheck.rules.hedge import Prediction
from factcheck.rules.memory_previously_checked import PreviouslyChecked
from factcheck.rules.superlative import Superlative
from factcheck.rules.time_office import OfficeAnachronism
from factcheck.rules.time_relative_date import RelativeDateWithoutDateline
from factcheck.rules.time_weekday import WeekdayMismatch

__all__ = [
    "CheckContext",
    "Rule",
    "all_rules",
    "get_rule",
    "select_rules",
    "unknown_rule_keys",
    "configured_extend_select",
    "FAMILIES",
]

# One tuple per family; a new rule is added to its family here.
ATTRIBUTION: tuple[type[Rule], ...] = (QuoteNeedsVerification, UnattributedQuote, AnonymousSource)
CLAIM: tuple[type[Rule], ...] = (Superlative, ClaimTooLong)
CONSISTENCY: tuple[type[Rule], ...] = (CountMismatch,)
ENTITY: tuple[type[Rule], ...] = (
    OfficeNotInCountry,
    OfficeNeverHeld,
    NearMissName,
    UnknownOrganisation,
    InconsistentSpelling,
)
HEDGE: tuple[type[Rule], ...] = (Prediction,)
MEMORY: tuple[type[Rule], ...] = (PreviouslyChecked,)
TIME: tuple[type[Rule], ...] = (OfficeAnachronism, RelativeDateWithoutDateline, WeekdayMismatch)
FAMILIES: dict[str, tuple[type[Rule], ...]] = {
    "attribution": ATTRIBUTION,
    "claim": CLAIM,
    "consistency": CONSISTENCY,
    "entity": ENTITY,
    "hedge": HEDGE,
    "memory": MEMORY,
    "time": TIME,
}

_CATALOGUE = catalogue(rule for family in FAMILIES.values() for rule in family)


def all_rules() -> list[type[Rule]]:
    """Every rule, ordered by code."""
    return list(_CATALOGUE)


def get_rule(code_or_name: str) -> type[Rule]:
    """A rule by code ("TM02"), dotted name ("time.relative-date-without-dateline") or old alias."""
    for rule in all_rules():
        if code_or_name in (rule.code, rule.name, *rule.aliases):
            return rule
    raise KeyError(code_or_name)


def select_rules(
    select: list[str] | None = None, ignore: list[str] | None = None, extend_select: list[str] | None = None
) -> list[type[Rule]]:
    """Rules chosen by code, name or family prefix ("TM", "time."), like ruff's --select/--extend-select/--ignore.

    ``select`` replaces the default set (every rule that is not opt-in); ``extend_select`` adds rules to it (or
    to ``select``'s set): the way to turn on an opt-in rule (``Rule.opt_in``, e.g. MM01) without listing every
    other rule; ``ignore`` then removes rules. Each value may hold several keys separated by commas
    ("TM,HG01"); codes match in any case. A key that matches no rule raises ``FactcheckError`` naming the
    closest code or name: a typo must not silently run no rule at all (or every rule but none).
    """
    select_keys, ignore_keys, extend_keys = _keys(select), _keys(ignore), _keys(extend_select)
    rules = all_rules()
    if not (select_keys or ignore_keys or extend_keys):
        # the default set, which ``pipeline.check`` asks for at every article: no key to look up
        return [r for r in rules if not r.opt_in]
    for option, keys in (("--select", select_keys), ("--extend-select", extend_keys), ("--ignore", ignore_keys)):
        if (unknown := unknown_rule_keys(keys)) is not None:
            raise FactcheckError(f"{option} {unknown}; `factcheck rules` lists the codes and names")
    chosen = [r for r in rules if _matches(r, select_keys)] if select_keys else [r for r in rules if not r.opt_in]
    if extend_keys:
        chosen = [r for r in rules if r in chosen or _matches(r, extend_keys)]
    if ignore_keys:
        chosen = [r for r in chosen if not _matches(r, ignore_keys)]
    return chosen


def unknown_rule_keys(keys: list[str]) -> str | None:
    """The first key (code, name or prefix) that names no rule, with the closest code or name; None when all do."""
    rules = all_rules()
    for key in _keys(keys):
        if not any(_matches(rule, [key]) for rule in rules):
            return f"{key!r} matches no rule{_closest(key, rules)}"
    return None


def configured_extend_select(config, extra: list[str] | tuple[str, ...] | None = None) -> list[str]:
    """factcheck.toml's ``[rules] extend_select`` (of ``config``, a ``factcheck.config.Config``) then ``extra``
    (``--extend-select``); a configured key that names no rule is a ``ConfigError`` at its line, naming the closest
    code."""
    from factcheck.config import ConfigError

    if (unknown := unknown_rule_keys(list(config.extend_select))) is not None:
        raise ConfigError(
            f"{config.extend_select_at}: [rules] extend_select: {unknown}; `factcheck rules` lists the codes and names"
        )
    return [*config.extend_select, *(extra or ())]


def _matches(rule: type[Rule], keys: list[str]) -> bool:
    return any(rule.code.startswith(k.upper()) or rule.name.startswith(k) or k in rule.aliases for k in keys)


def _keys(values: list[str] | tuple[str, ...] | None) -> list[str]:
    return [key.strip() for value in values or () for key in value.split(",") if key.strip()]


def _closest(key: str, rules: list[type[Rule]]) -> str:
    from rapidfuzz import fuzz, process

    choices = [c for rule in rules for c in (rule.code, rule.name)]
    best = process.extractOne(key.upper() if len(key) <= 4 else key, choices, scorer=fuzz.ratio, score_cutoff=50)
    return f" (did you mean {best[0]!r}?)" if best else ""
