"""Integrity of the whole shipped knowledge base (the checks the build runs, asserted on its output), and rules
that must handle unknown term dates without exceptions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from factcheck import analyse, article_from_text
from factcheck.kb import KnowledgeBase, normalise
from factcheck.kb.names import name_words
from factcheck.kb.model import Country, Office, Person, Term


def test_no_alias_is_another_persons_name(kb):
    cols = kb._person_cols
    names = defaultdict(set)
    for pid, name in zip(cols["id"], cols["name"]):
        if normalise(name):
            names[normalise(name)].add(pid)
    clashes = []
    for pid, aliases in zip(cols["id"], cols["aliases"]):
        for alias in filter(None, aliases.split("|")):
            others = names.get(normalise(alias), set()) - {pid}
            if others:
                clashes.append((pid, alias, sorted(others)))
    assert clashes == []


def test_stored_name_words_are_the_names_words(kb):
    """The build stores each person's name words (``name_words``) where they are not the keys: they must be what
    the names give today (a change to ``name_parts`` needs a rebuild)."""
    cols = kb._person_cols
    stale = [
        pid
        for pid, name, aliases, keys, stored in zip(cols["id"], cols["name"], cols["aliases"], cols["keys"], cols["name_words"])
        if (keys if stored is None else stored) != name_words((name, *filter(None, aliases.split("|"))))
    ]
    assert stale == []
    assert sum(stored is not None for stored in cols["name_words"]) < len(cols["id"]) / 5  # compact: few stored
    ids, names = kb.person_name_words()
    assert len(ids) == len(names) > len(cols["id"]) and ids == tuple(sorted(ids))


def test_terms_start_before_end_and_unknown_dates_are_none(kb):
    bad = [t for t in kb.terms if t.start is not None and t.end is not None and t.end < t.start]
    assert bad == []
    assert all(isinstance(t.start, (dt.date, type(None))) and isinstance(t.end, (dt.date, type(None))) for t in kb.terms)


def test_coverage_windows_are_ordered(kb):
    for oid in kb._office_cols["id"][::50]:  # a sample: building all ~12,000 records is what the loader avoids
        o = kb.offices[oid]
        if o.complete_from and o.known_to:
            assert o.complete_from <= o.known_to, oid
        for a, b in o.complete_segments:  # earlier complete stretches: ordered, and before the newest one
            assert a <= b and (o.complete_from is None or b < o.complete_from), oid


def test_two_presidents_named_lee_are_two_people(kb):
    (bak,) = kb.people_named("Lee Myung-bak")
    (jae,) = kb.people_named("Lee Jae-myung")
    assert bak.id != jae.id
    assert {t.start.year for t in kb.terms_of(bak.id) if t.office_id == "KR.president"} == {2008}
    assert {t.start.year for t in kb.terms_of(jae.id) if t.office_id == "KR.president"} == {2025}


def test_us_presidents_are_not_merged(kb):
    (trump,) = kb.people_named("Donald Trump")
    assert {t.start.year for t in kb.terms_of(trump.id) if t.office_id == "US.president"} == {2017, 2025}
    assert all(p.id != trump.id for p in kb.people_named("Dwight Eisenhower"))
    (bush,) = [p for p in kb.people_named("George W. Bush")]
    assert {t.start.year for t in kb.terms_of(bush.id) if t.office_id == "US.president"} == {2001}


def test_offices_from_every_source(kb):
    for oid in ("US.vice-president", "US.secretary-of-state", "US.speaker-of-the-house", "US.senator",
                "US.representative", "US.chair-of-the-federal-reserve", "GB.foreign-secretary",
                "GB.chancellor-of-the-exchequer", "TR.prime-minister", "FR.minister-of-foreign-affairs"):
        assert oid in kb.offices, oid
    assert kb.resolve_office("Chancellor", "GB").id == "GB.chancellor-of-the-exchequer"
    assert kb.resolve_office("Sen.", "US").id == "US.senator"
    assert kb.resolve_office("Fed chair", "US").id == "US.chair-of-the-federal-reserve"
    assert kb.offices["TR.prime-minister"].abolished == dt.date(2018, 7, 9)
    assert not kb.offices["US.senator"].single_seat


def _tiny_kb() -> KnowledgeBase:
    """A KB whose only office has holders with unknown starts and ends."""
    kb = KnowledgeBase()
    kb.countries["XL"] = Country(id="XL", name="Examplia", adjectives=("Examplian",), source="test")
    kb.offices["XL.prime-minister"] = Office(id="XL.prime-minister", country_id="XL", title="Prime Minister",
                                             aliases=("PM",), roles=("head_of_government",), source="test",
                                             complete_from=dt.date(2000, 1, 1), known_to=dt.date(2026, 1, 1))
    kb.offices["XL.president"] = Office(id="XL.president", country_id="XL", title="President",
                                        roles=("head_of_state",), source="test")
    kb.people["X1"] = Person(id="X1", name="Anna Older", source="test")
    kb.people["X2"] = Person(id="X2", name="Boris Newer", source="test")
    kb._terms = [Term(person_id="X1", office_id="XL.prime-minister", start=None, end=dt.date(2015, 1, 1), source="test"),
                 Term(person_id="X2", office_id="XL.prime-minister", start=None, end=None, source="test")]
    kb.coverage = {"test": dt.date(2026, 1, 1)}
    kb._invalidate()
    return kb


@pytest.mark.parametrize("date", [None, dt.date(1990, 1, 1), dt.date(2010, 1, 1), dt.date(2020, 1, 1), dt.date(2030, 1, 1)])
@pytest.mark.parametrize("name", ["Anna Older", "Boris Newer"])
def test_rules_handle_unknown_term_dates(date, name):
    kb = _tiny_kb()
    text = f"Talks\n\nExamplian Prime Minister {name} met reporters. Examplian President {name} spoke."
    registry = analyse(article_from_text(text, date=date), kb=kb, select=["TM01", "EN01", "EN02"])
    for flag in (f for c in registry.claims for f in c.flags):
        assert flag.code in ("TM01", "EN01", "EN02")
        assert "None" not in flag.message
