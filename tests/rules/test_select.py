"""--select/--ignore keys: codes, names, prefixes, comma lists; a key that matches nothing is an error."""

from __future__ import annotations

import pytest

from factcheck.errors import FactcheckError
from factcheck.rules import all_rules, select_rules


def codes(select=None, ignore=None) -> set[str]:
    return {rule.code for rule in select_rules(select, ignore)}


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["TM02"], None, {"TM02"}),
        (["tm02"], None, {"TM02"}),
        (["time.relative-date-without-dateline"], None, {"TM02"}),
        (["HG01,TM02"], None, {"HG01", "TM02"}),
        (["HG01", " TM02 "], None, {"HG01", "TM02"}),
        (["TM"], ["TM02"], {r.code for r in all_rules() if r.code.startswith("TM")} - {"TM02"}),
        (None, ["attribution.,CN"], {r.code for r in all_rules() if not r.name.startswith("attribution.") and not r.code.startswith("CN") and not r.opt_in}),
        (["HG01,"], None, {"HG01"}),
    ],
)
def test_keys_choose_rules(select, ignore, expected):
    assert codes(select, ignore) == expected


def test_every_rule_but_the_opt_in_ones_by_default():
    opt_in = {rule.code for rule in all_rules() if rule.opt_in}
    assert "EN04" in opt_in
    assert codes() == {rule.code for rule in all_rules()} - opt_in and codes([], []) == codes()
    assert codes(["EN04"]) == {"EN04"} and "EN04" in codes(["EN"])


@pytest.mark.parametrize(
    ("select", "ignore", "message"),
    [
        (["TM99"], None, "--select 'TM99' matches no rule"),
        (["HG01,XX"], None, "--select 'XX' matches no rule"),
        (None, ["attribuion"], "(did you mean 'attribution.anonymous-source'?)"),
        (None, ["TM2"], "--ignore 'TM2' matches no rule"),
    ],
)
def test_a_key_that_matches_no_rule_is_an_error(select, ignore, message):
    with pytest.raises(FactcheckError) as caught:
        select_rules(select, ignore)
    assert message in caught.value.message and "`factcheck rules`" in caught.value.message


def test_extend_select_adds_rules_to_the_default_set_or_to_selects():
    default = codes()
    assert "EN04" not in default and "MM01" in default  # MM01 runs by default since session 6
    assert {r.code for r in select_rules(extend_select=["EN04"])} == default | {"EN04"}
    assert {r.code for r in select_rules(["TM02"], extend_select=["MM01,EN04"])} == {"TM02", "MM01", "EN04"}
    assert {r.code for r in select_rules(extend_select=["entity.unknown-organisation"])} == default | {"EN04"}
    assert {r.code for r in select_rules(extend_select=["MM01"])} == default
    # --ignore still wins
    assert {r.code for r in select_rules(None, ["EN04"], ["EN04"])} == default
    # the rules keep the registry's order
    assert [r.code for r in select_rules(extend_select=["EN04"])] == [r.code for r in all_rules() if r.code in default | {"EN04"}]


def test_an_extend_select_key_that_matches_no_rule_is_an_error():
    with pytest.raises(FactcheckError) as caught:
        select_rules(extend_select=["MM1"])
    assert "--extend-select 'MM1' matches no rule (did you mean 'MM01'?)" in caught.value.message
