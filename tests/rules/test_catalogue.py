"""The rule catalogue: explicit family lists, one rule per module, no code or name used twice."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import factcheck.rules as rules
from factcheck.models import Severity
from factcheck.rules import FAMILIES, all_rules
from factcheck.rules.base import Rule, catalogue
from factcheck.rules.time_office import OfficeAnachronism


def test_every_rule_is_in_the_family_its_name_says() -> None:
    for family, members in FAMILIES.items():
        for rule in members:
            assert rule.name.startswith(family + "."), (family, rule.code)
    assert len(all_rules()) == sum(len(members) for members in FAMILIES.values())


def test_a_second_rule_with_a_used_name_or_code_is_refused() -> None:
    class SameName(Rule):
        code, name, severity = "TM99", OfficeAnachronism.name, Severity.INFO

    class SameCode(Rule):
        code, name, severity = OfficeAnachronism.code, "time.something-else", Severity.INFO

    for twin in (SameName, SameCode):
        with pytest.raises(ValueError, match="registered twice"):
            catalogue([OfficeAnachronism, twin])
    assert catalogue([OfficeAnachronism, OfficeAnachronism]) == (OfficeAnachronism,)


def test_each_rule_module_holds_exactly_one_rule() -> None:
    for rule in all_rules():
        tree = ast.parse(Path(inspect.getfile(rule)).read_text(encoding="utf-8"))
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)
                   and any(isinstance(b, ast.Name) and b.id == "Rule" for b in n.bases)]
        assert classes == [rule.__name__], (rule.code, classes)


def test_no_rule_module_is_left_out_of_the_catalogue() -> None:
    listed = {inspect.getmodule(rule).__name__ for rule in all_rules()}
    for path in Path(rules.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == "Rule" for b in n.bases)
               for n in tree.body):
            assert f"factcheck.rules.{path.stem}" in listed, path.name
