"""Sanity facts that must come out of the committed build (not hard-coded anywhere)."""

from datetime import date

import pytest

from factcheck.kb import default_kb


@pytest.fixture(scope="module")
def kb():
    return default_kb()


def spans(kb, name, office):
    (p,) = kb.people_named(name)
    return [(t.start, t.end) for t in kb.terms_of(p.id) if t.office_id == office]


def test_abe_two_terms(kb):
    assert spans(kb, "Shinzo Abe", "JP.prime-minister") == [
        (date(2006, 9, 26), date(2007, 9, 26)), (date(2012, 12, 26), date(2020, 9, 16))]


@pytest.mark.parametrize("name,office,start,end", [
    ("Yoshihide Suga", "JP.prime-minister", date(2020, 9, 16), date(2021, 10, 4)),
    ("Fumio Kishida", "JP.prime-minister", date(2021, 10, 4), date(2024, 10, 1)),
    ("Angela Merkel", "DE.chancellor", date(2005, 11, 22), date(2021, 12, 8)),
    ("Joe Biden", "US.president", date(2021, 1, 20), date(2025, 1, 20)),
])
def test_closed_terms(kb, name, office, start, end):
    assert spans(kb, name, office) == [(start, end)]


@pytest.mark.parametrize("name,office,start", [
    ("Shigeru Ishiba", "JP.prime-minister", date(2024, 10, 1)),
    ("Emmanuel Macron", "FR.president", date(2017, 5, 14)),
    ("Kassym-Jomart Tokayev", "KZ.president", date(2019, 3, 20)),
])
def test_starts(kb, name, office, start):
    assert spans(kb, name, office)[0][0] == start


def test_holders(kb):
    (t,) = kb.holders("JP.prime-minister", date(2021, 1, 1))
    assert kb.person(t.person_id).name == "Yoshihide Suga"
    assert t.source and t.layer == "default"
    (t,) = kb.holders("JP.prime-minister", date(2021, 10, 4))
    assert kb.person(t.person_id).name == "Fumio Kishida"


def test_people_lookup_variants(kb):
    assert kb.people_named("Shinzō Abe") == kb.people_named("shinzo abe")
    assert kb.people_named("Abe") == []  # no surname-only lookups
    assert kb.person("Q132345").wikidata_id == "Q132345"


def test_coverage(kb):
    assert kb.coverage_end == date(2025, 1, 31)
    assert kb.coverage["world_leaders_2026"] == date(2026, 8, 22)
    assert kb.coverage_end_for("JP") == date(2026, 8, 22)
    assert kb.coverage_end_for("KZ") >= date(2025, 1, 31)
    # the uncorroborated 2026-07-20 UK change is dropped, so GB does not reach 2026-08-22
    assert kb.coverage_end_for("GB") < date(2026, 8, 22)


def test_every_country_with_offices_has_head_roles(kb):
    for cid in ("JP", "US", "GB", "DE", "FR", "CN", "KZ", "KG", "TJ", "TM", "UZ", "RU", "KR", "KP", "IN"):
        roles = {r for o in kb.offices_of(cid) for r in o.roles}
        assert roles == {"head_of_state", "head_of_government"}, cid


def test_no_overlapping_terms_of_one_person_in_one_office(kb):
    seen = {}
    for t in sorted(kb.terms, key=lambda t: (t.person_id, t.office_id, t.start or date.min)):
        key = (t.person_id, t.office_id)
        prev = seen.get(key)
        if prev is not None:
            assert prev.end is not None and t.start >= prev.end, (prev, t)
        seen[key] = t
