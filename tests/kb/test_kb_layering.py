"""Layering desk files over the default KB builds only the records it touches, and keeps what the KB knows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck import analyse, article_from_text
from factcheck.kb import KnowledgeBase, load_desk_files
from factcheck.kb.model import Country, Office, Person, Term
from factcheck.kb.names import name_words, normalise

FIX = Path(__file__).parent / "fixtures"


def built(records) -> int:
    return dict.__len__(records)  # LazyRecords keeps only the records it has built in the dict itself


def test_layering_builds_only_the_records_it_touches():
    base = KnowledgeBase.from_default_data()
    kb = KnowledgeBase.layered(base, [])
    kb = KnowledgeBase.layered(kb, [])  # a layered KB layered again
    kb.people_named("Shinzo Abe")
    kb.resolve_office("Prime Minister", "JP")
    kb.person_candidates("Shinzo Abbe")
    assert len(kb.people) == len(base.people) > 30_000 and len(kb.offices) == len(base.offices)
    assert built(kb.people) < 50 and built(kb.offices) < 50
    assert len(kb._term_cache) < 100


def test_desk_file_over_the_default_builds_little_and_applies():
    base = KnowledgeBase.from_default_data()  # not the cached default other tests may have built in full
    kb = KnowledgeBase.layered(base, load_desk_files([FIX / "desk_ok.yaml"]))
    assert built(kb.people) < 50 and built(kb.offices) < 50
    (p,) = kb.people_named("Taro Yamada")
    assert [(t.office_id, t.start) for t in kb.terms_of(p.id)] == [("JP.chief-cabinet-secretary", dt.date(2020, 1, 1))]
    assert kb.offices_titled("JP", "ccs") == ("JP.chief-cabinet-secretary",)
    abe = [t for t in kb.terms_of("Q132345") if t.office_id == "JP.prime-minister"]
    assert [(t.start, t.end) for t in abe][0] == (dt.date(2006, 9, 26), dt.date(2007, 9, 25))
    # the corrected term replaced the default one: no duplicate in either index
    assert len([t for t in kb.terms_of_office("JP.prime-minister") if t.person_id == "Q132345"]) == len(abe)
    assert sum(1 for t in kb.terms if t.person_id == "Q132345" and t.office_id == "JP.prime-minister") == len(abe)


def test_name_words_of_a_layered_kb_are_its_records_words():
    base = KnowledgeBase.from_default_data()
    kb = KnowledgeBase.layered(base, load_desk_files([FIX / "desk_ok.yaml"]))
    ids, names = kb.person_name_words()
    words = dict.fromkeys(ids)
    for pid, name in zip(ids, names):
        words[pid] = f"{words[pid]}|{name}" if words[pid] else name
    assert words["desk:taro-yamada"] == "taro yamada"
    assert words["Q122465"] == "yoshihide suga|suga yoshihide"  # the desk's record, not the default row
    assert ids == tuple(sorted(ids))
    sample = list(words)[::500]  # building every record is what the columns avoid: a sample
    assert all(words[pid] == name_words((kb.people[pid].name, *kb.people[pid].aliases)) for pid in sample)


def test_layering_keeps_office_known_to_and_complete_segments():
    kb = _kb_with_a_hole()
    kb.office_known_to["XL.finance"] = dt.date(2026, 6, 1)  # as a `kb update` layer extends it
    layered = KnowledgeBase.layered(kb, [])
    office = layered.offices["XL.finance"]
    assert layered.office_window(office) == (dt.date(2014, 1, 1), dt.date(2026, 6, 1))
    assert layered.office_window(office, dt.date(2005, 1, 1)) == (dt.date(1996, 1, 1), dt.date(2026, 6, 1))
    # a day in the hole between the stretches is not covered
    assert layered.office_window(office, dt.date(2011, 1, 1))[0] == dt.date(2014, 1, 1)


def _kb_with_a_hole() -> KnowledgeBase:
    """Finance ministers known 1996-2009 and from 2014; nobody recorded 2009-2014."""
    kb = KnowledgeBase()
    kb.countries["XL"] = Country(id="XL", name="Examplia", adjectives=("Examplian",), source="test")
    kb.offices["XL.finance"] = Office(id="XL.finance", country_id="XL", title="Minister of Finance",
                                      aliases=("Finance Minister",), source="test",
                                      complete_from=dt.date(2014, 1, 1), known_to=dt.date(2025, 1, 1),
                                      complete_segments=((dt.date(1996, 1, 1), dt.date(2009, 1, 1)),))
    kb.offices["XL.president"] = Office(id="XL.president", country_id="XL", title="President", roles=("head_of_state",),
                                        source="test", complete_from=dt.date(1990, 1, 1), known_to=dt.date(2025, 1, 1))
    kb.people["X1"] = Person(id="X1", name="Anna Older", source="test")
    kb.people["X2"] = Person(id="X2", name="Boris Newer", source="test")
    kb.people["X3"] = Person(id="X3", name="Carla Mendes", source="test")
    kb._terms = [Term(person_id="X1", office_id="XL.finance", start=dt.date(1996, 1, 1), end=dt.date(2009, 1, 1), source="test"),
                 Term(person_id="X2", office_id="XL.finance", start=dt.date(2014, 1, 1), end=None, source="test"),
                 Term(person_id="X3", office_id="XL.president", start=dt.date(1990, 1, 1), end=None, source="test")]
    kb.coverage = {"test": dt.date(2025, 1, 1)}
    kb._invalidate()
    return kb


def flags(kb, text, date):
    registry = analyse(article_from_text("Talks\n\n" + text, date=date), kb=kb, select=["TM01", "EN02"])
    return [(f.code, f.severity.value) for c in registry.claims for f in c.flags]


def test_a_hole_in_the_holder_list_leaves_earlier_years_decidable():
    kb = _kb_with_a_hole()
    # 2005: inside the earlier stretch, Anna Older held it
    assert flags(kb, "Examplian Finance Minister Boris Newer met reporters.", dt.date(2005, 1, 15)) == [("TM01", "error")]
    assert flags(kb, "Examplian Finance Minister Carla Mendes met reporters.", dt.date(2005, 1, 15)) == [("EN02", "error")]
    assert flags(kb, "Examplian Finance Minister Anna Older met reporters.", dt.date(2005, 1, 15)) == []
    # 2011: in the hole, nobody is known, so at most an info
    assert ("TM01", "error") not in flags(kb, "Examplian Finance Minister Boris Newer met reporters.", dt.date(2011, 6, 1))
    assert flags(kb, "Examplian Finance Minister Carla Mendes met reporters.", dt.date(2011, 6, 1)) == []


def test_terms_by_person_and_office_are_the_terms_listed_oldest_first():
    """terms_of and terms_of_office (bisection in the sorted columns, a layer's lists apart) against the whole
    term list of a layered KB, for the ids the layer touched and a sample of the others."""
    base = KnowledgeBase.from_default_data()
    kb = KnowledgeBase.layered(base, load_desk_files([FIX / "desk_ok.yaml"]))
    terms = sorted(kb.terms, key=lambda t: (t.start or dt.date.min, t.office_id, t.person_id))
    by_person, by_office = {}, {}
    for t in terms:
        by_person.setdefault(t.person_id, []).append(t)
        by_office.setdefault(t.office_id, []).append(t)
    people = ["Q132345", "desk:taro-yamada", "Q122465", *list(by_person)[::300]]
    offices = ["JP.prime-minister", "JP.chief-cabinet-secretary", *list(by_office)[::100]]
    assert all(kb.terms_of(pid) == by_person[pid] for pid in people)
    assert all(kb.terms_of_office(oid) == by_office[oid] for oid in offices)
    assert kb.terms_of("nobody") == [] and kb.terms_of_office("XX.nothing") == []


def _leaders_from_records(kb: KnowledgeBase, cid: str) -> list[str]:
    """leader_offices_of as it was defined over every office record of the country."""
    titles = ("president", "prime minister", "premier", "chancellor", "federal chancellor")
    return [o.id for o in kb.offices_of(cid) if o.roles or normalise(o.title) in titles]


def test_leader_offices_read_from_the_columns_are_those_of_the_records():
    base = KnowledgeBase.from_default_data()
    kb = KnowledgeBase.layered(base, [])
    kb.offices["GB.prime-minister"] = kb.offices["GB.prime-minister"].model_copy(update={"roles": ()})  # a layer's
    kb.offices["GB.chief-mouser"] = Office(id="GB.chief-mouser", country_id="GB", title="Premier", source="test")
    for cid in ("GB", "JP", "US", "DE", "FR", "NL", "XX"):
        fresh = KnowledgeBase.layered(kb, [])
        leaders = [o.id for o in fresh.leader_offices_of(cid)]
        assert built(fresh.offices) <= len(leaders) + 2  # the layer's records, and the leaders only
        assert leaders == _leaders_from_records(fresh, cid), cid
    gb = [o.id for o in kb.leader_offices_of("GB")]
    assert "GB.chief-mouser" in gb and "GB.prime-minister" in gb and len(gb) < 20
    assert kb.resolve_office("head of state", "GB") == kb.leader_offices_of("GB")[0]


def test_person_items_read_from_the_columns_equal_those_with_a_layer_record():
    base = KnowledgeBase.from_default_data()
    kb = KnowledgeBase.layered(base, [])
    kb.people["Q132345"] = kb.people["Q132345"].model_copy()  # a layer's record, the same as the default row
    assert not base.people.changed and kb.people.changed == {"Q132345"}
    assert kb._person_keys() == base._person_keys()  # read per row, and from the columns as they are
    assert kb.person_name_words() == base.person_name_words()
