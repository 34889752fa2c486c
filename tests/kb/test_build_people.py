"""The build's joins of one person across sources, several-seat offices and members of Congress who left early
(scripts/kb_offices.py), on small hand-made rows; and the facts they give the committed build. No shared data."""

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from factcheck.kb import default_kb

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def offices():
    spec = importlib.util.spec_from_file_location("kb_offices", ROOT / "scripts" / "kb_offices.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def kb():
    return default_kb()


def row(pid, name, office, start=None, end=None, source="office_holders", birth=None, aliases=()):
    return {"pid": pid, "name": name, "office": office, "start": start, "end": end, "source": source,
            "birth": birth, "aliases": list(aliases)}


def unified(offices, rows):
    offices.unify_people(rows, {r["office"]: r["office"].split(".")[0] for r in rows}, lambda *_: None)
    return [r["pid"] for r in rows]


def test_one_person_by_surname_and_birth(offices):
    rows = [row("Q1", "Jack Lew", "US.treasury", date(2013, 2, 28), birth="1955-08-29"),
            row("pocom:lew", "Jacob L. Lew", "US.deputy", date(2009, 1, 24), source="state_dept_pocom", birth="1955")]
    assert unified(offices, rows) == ["Q1", "Q1"]


@pytest.mark.parametrize("name,birth", [
    ("David Evans", "1946-08-17"),     # both sources give the day, and it differs: Donald Evans is another man
    ("Jacob L. Lew", "1956"),          # another year
    ("Robert Lew", "1955"),            # another given name
])
def test_namesakes_stay_apart(offices, name, birth):
    rows = [row("Q1", "Donald Evans" if "Evans" in name else "Jack Lew", "US.x", date(2001, 1, 20),
                birth="1946-07-27" if "Evans" in name else "1955-08-29"),
            row("bioguide:x", name, "US.y", source="congress_legislators", birth=birth)]
    assert unified(offices, rows) == ["Q1", "bioguide:x"]


def test_same_name_other_birth_is_not_joined(offices):
    rows = [row("Q1", "John Walsh", "US.x", date(2014, 2, 9), birth="1960-11-03"),
            row("bioguide:w", "John Walsh", "US.senator", source="congress_legislators", birth="1913-05-22")]
    assert unified(offices, rows) == ["Q1", "bioguide:w"]
    rows[1]["birth"] = None  # no birth date: the name alone joins them, as before
    assert unified(offices, rows) == ["Q1", "Q1"]


def test_several_seats(offices):
    justices = [row(f"Q{i}", f"J{i}", "US.justice", date(1990 + 3 * i, 1, 1), date(2010 + 3 * i, 1, 1)) for i in range(6)]
    assert offices.several_seats(justices)
    ministers = [row(f"Q{i}", f"M{i}", "NG.fm", date(2000 + 2 * i, 1, 1), date(2002 + 2 * i, 12, 31)) for i in range(6)]
    assert not offices.several_seats(ministers)  # year-only dates widened overlap by a year at most


def test_member_who_left_early(offices):
    snapshot = date(2026, 6, 15)
    assert offices.left_by(date(2017, 1, 31), snapshot) == date(2017, 3, 1)   # Sessions resigned 2017-02-08
    assert offices.left_by(date(2018, 12, 31), snapshot) == date(2019, 2, 1)
    assert offices.left_by(date(2026, 6, 15), snapshot) is None
    assert offices.left_by(date(2026, 5, 31), snapshot) == snapshot


def spans(kb, name, office):
    (p,) = kb.people_named(name)
    return [(t.start, t.end) for t in kb.terms_of(p.id) if t.office_id == office]


def test_built_people(kb):
    assert kb.people_named("Jack Lew") == kb.people_named("Jacob L. Lew") == kb.people_named("Jacob Lew")
    assert spans(kb, "Jacob Lew", "US.secretary-of-the-treasury") == [(date(2013, 2, 28), date(2017, 1, 20))]
    assert spans(kb, "Sonia Sotomayor", "US.supreme-court-justice") == [(date(2009, 8, 8), None)]
    assert spans(kb, "Jeff Sessions", "US.senator")[-1] == (date(2015, 1, 6), date(2017, 3, 1))
    assert spans(kb, "Hillary Clinton", "US.senator") == [(None, None)]  # the source gives no dates
    assert len(kb.people_named("David Evans")) == 1 and len(kb.people_named("Donald Evans")) == 1
    assert kb.people_named("David Evans") != kb.people_named("Donald Evans")


@pytest.fixture(scope="module")
def phoenix():
    spec = importlib.util.spec_from_file_location("kb_phoenix", ROOT / "scripts" / "kb_phoenix.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclass looks its module up
    spec.loader.exec_module(mod)
    return mod


def test_leaders_before_the_first_holder_follow_handovers(phoenix, tmp_path):
    import json
    entries = [  # an invented country's dictionary, in the order such dictionaries list holders
        {"name": "ANNA ALPHA", "codes": ["XXXGOV 700101-800315"]},
        {"name": "BORIS BETA", "codes": ["XXXELI 600101-800315", "XXXGOV 800315-900601"]},
        {"name": "CARL GAMMA", "codes": ["XXXGOV 900602-990101"]},
        {"name": "DORA DELTA", "codes": ["XXXGOVMIL 850101-900601"]},  # a minister's period: not GOV
        {"name": "PRESIDENT EVA EPSILON", "synonyms": ["EVA EPSILON"], "codes": ["XXXGOV 600101-700101"]},
    ]
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in entries) + "\n", encoding="utf-8")
    offices = {"XX.prime-minister": {"country": "XX", "title": "Prime Minister", "roles": ["head_of_government"]},
               "XX.king": {"country": "XX", "title": "King", "roles": ["head_of_state"]}}
    terms = [{"pid": "Q9", "office": "XX.prime-minister", "start": date(1999, 1, 1), "end": None},
             {"pid": "Q8", "office": "XX.king", "start": date(1990, 6, 1), "end": None}]
    added = phoenix.extend_leaders(path, offices, terms, {"XX": "XXX"}, lambda c, forms: None,
                                   lambda pid: "Zed Omega", lambda *_: None)
    got = [(t["name"], t["office"], t["start"], t["end"]) for t in sorted(added, key=lambda t: t["start"])]
    assert got == [
        ("Eva Epsilon", "XX.prime-minister", date(1960, 1, 1), date(1970, 1, 1)),  # the title dropped from the name
        ("Anna Alpha", "XX.prime-minister", date(1970, 1, 1), date(1980, 3, 15)),
        ("Boris Beta", "XX.prime-minister", date(1980, 3, 15), date(1990, 6, 2)),
        ("Carl Gamma", "XX.prime-minister", date(1990, 6, 2), date(1999, 1, 1)),  # ends where the known holder starts
    ]  # a monarch's office is not extended: Boris Beta's period ending 1990-06-01 is no king's


def test_a_chain_stops_where_two_periods_end_together(phoenix, tmp_path):
    import json
    anna = {"name": "ANNA ALPHA", "codes": ["XXXGOV 700101-800315"]}
    zora = {"name": "ZORA ZETA", "codes": ["XXXGOV 750101-800316"]}
    boris = {"name": "BORIS BETA", "codes": ["XXXGOV 800315-900601"]}
    offices = {"XX.president": {"country": "XX", "title": "President", "roles": ["head_of_state"]}}
    terms = [{"pid": "Q9", "office": "XX.president", "start": date(1990, 6, 1), "end": None}]

    def chain(entries):
        path = tmp_path / "actors.jsonl"
        path.write_text("\n".join(json.dumps(e) for e in entries) + "\n", encoding="utf-8")
        added = phoenix.extend_leaders(path, offices, terms, {"XX": "XXX"}, lambda c, forms: None,
                                       lambda pid: "Someone Else", lambda *_: None)
        return [t["name"] for t in added]

    assert chain([boris, anna, zora]) == ["Boris Beta"]  # before 1980-03-15: Anna Alpha or Zora Zeta? unknown
    assert chain([zora, anna, boris]) == ["Boris Beta", "Anna Alpha"]  # the entry listed just before decides
