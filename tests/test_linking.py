"""Linking title phrases to offices, names to people, and sentences to their own time."""

import datetime as dt

import pytest

from factcheck import article_from_text
from factcheck.resolve.linking import link_offices, parse_role, qualifier_before
from factcheck.pipeline import extract
from factcheck.rules.base import CheckContext


def _ctx(kb, text, date=None):
    ex = extract(article_from_text("Headline\n\n" + text, date=date), kb=kb)
    return CheckContext(doc=ex.doc, claims=ex.claims, mentions=ex.mentions, article_date=ex.article_date, kb=kb)


@pytest.mark.parametrize("role, office, qualifier", [
    ("Japanese Prime Minister", "JP.prime-minister", None),
    ("Prime Minister of Japan", "JP.prime-minister", None),
    ("Japan's prime minister", "JP.prime-minister", None),
    ("Former Japanese Prime Minister", "JP.prime-minister", "former"),
    ("the former prime minister of Japan", "JP.prime-minister", "former"),
    ("U.S. President-elect", "US.president", "incoming"),
    ("Russian President", "RU.president", None),  # the KB's odd office id; found by title word
    ("Japanese President", None, None),
])
def test_parse_role(kb, role, office, qualifier):
    parsed = parse_role(kb, role)
    assert (parsed.office.id if parsed.office else None) == office
    assert parsed.qualifier == qualifier


@pytest.mark.parametrize("before, expected", [
    ("the then-", "then"), ("met ex-", "former"), ("the late ", "former"), ("with outgoing ", "outgoing"),
    ("the incoming ", "incoming"), ("met ", None), ("the translate ", None),
])
def test_qualifier_before(before, expected):
    assert qualifier_before(before, len(before)) == expected


def test_link_names_person_office_and_sentence_year(kb):
    ctx = _ctx(kb, "In 2020, Japanese Prime Minister Yoshihide Suga visited Astana.")
    [link] = link_offices(ctx, kb)
    assert link.office.id == "JP.prime-minister"
    assert [p.id for p in link.holders] == ["Q122465"]
    assert link.country_explicit
    assert link.sentence_periods == ((dt.date(2020, 1, 1), dt.date(2020, 12, 31)),)


def test_country_inferred_from_the_persons_terms(kb):
    [link] = link_offices(_ctx(kb, "President Joe Biden spoke to reporters."), kb)
    assert link.office.id == "US.president" and not link.country_explicit


def test_unknown_person_with_title_only_is_not_linked(kb):
    assert link_offices(_ctx(kb, "President Jean Dupontel spoke to reporters."), kb) == []


def test_never_held_office_is_linked_without_holders(kb):
    [link] = link_offices(_ctx(kb, "French President Angela Merkel arrived."), kb)
    assert link.office.id == "FR.president" and link.holders == () and [p.id for p in link.people] == ["Q567"]
